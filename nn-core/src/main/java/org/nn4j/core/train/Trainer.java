package org.nn4j.core.train;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.nn4j.api.DType;
import org.nn4j.api.Optimizer;
import org.nn4j.api.Param;
import org.nn4j.api.Shape;
import org.nn4j.api.ShapeException;
import org.nn4j.api.Tensor;
import org.nn4j.core.Network;
import org.nn4j.core.SeededRandom;
import org.nn4j.core.data.Dataset;

/**
 * Mini-batch training (book §4.5 and §5.7.4): each epoch shuffles the examples with a seeded generator, and
 * for each batch of {@code batchSize} computes the loss, backpropagates and lets the optimizer step; a last
 * batch smaller than {@code batchSize} is trained on too. After each epoch it measures the mean training
 * loss and the training and test accuracy and tells the listeners.
 *
 * <p>On two cores or more, the trainer also chooses as it goes whether the network's mid-sized products are split
 * between the cores, by timing its steps both ways ({@link SplitTuner}); the results do not depend on it.
 *
 * <p>Training stops early when early stopping says so, or at the first NaN or infinite loss: the parameters
 * are then put back to those of the last step whose loss was finite. The same seed and data give
 * bit-identical parameters; resuming at a completed epoch replays that many shuffles, so it ends exactly
 * where an uninterrupted run would.
 */
public final class Trainer {
  private static final int EVAL_BATCH = 1000;
  private final Network network;
  private final Optimizer optimizer;
  private final TrainerConfig config;

  private final Supplier<SplitTuner> tuners;

  /** A trainer of {@code network} by {@code optimizer}. */
  @Inject
  public Trainer(Network network, Optimizer optimizer, TrainerConfig config) {
    this(network, optimizer, config, SplitTuner::forThisThread);
  }

  /** A trainer whose runs choose how to split their products with a tuner from {@code tuners} (or none). */
  Trainer(Network network, Optimizer optimizer, TrainerConfig config, Supplier<SplitTuner> tuners) {
    this.network = Objects.requireNonNull(network, "network");
    this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
    this.config = Objects.requireNonNull(config, "config");
    this.tuners = tuners;
  }

  /** The network trained. */
  public Network network() {
    return network;
  }

  /** The optimizer. */
  public Optimizer optimizer() {
    return optimizer;
  }

  /** The settings. */
  public TrainerConfig config() {
    return config;
  }

  /**
   * Trains to the end and returns each epoch's figures.
   *
   * @param test measured after each epoch; may be {@code null}
   * @throws IllegalStateException when the loss became NaN or infinite (the parameters are the last good ones)
   */
  public List<EpochResult> fit(Dataset train, Dataset test, TrainingListener... listeners) {
    TrainingResult result = train(train, test, 0, listeners);
    if (result.diverged()) {
      throw new IllegalStateException(result.stopReason());
    }
    return result.epochs();
  }

  /**
   * Trains from the end of epoch {@code completedEpochs} (0 for a fresh start) and says how it ended.
   *
   * @param test measured after each epoch; may be {@code null}
   */
  public TrainingResult train(Dataset train, Dataset test, int completedEpochs, TrainingListener... listeners) {
    checkData(train, "training");
    if (test != null) {
      checkData(test, "test");
    }
    SplitTuner tuner = tuners.get();
    try {
      return train(train, test, completedEpochs, tuner, listeners);
    } finally {
      if (tuner != null) {
        tuner.close();
      }
    }
  }

  private TrainingResult train(Dataset train, Dataset test, int completedEpochs, SplitTuner tuner,
      TrainingListener... listeners) {
    int n = train.size();
    int batch = Math.min(config.batchSize(), n);
    int perEpoch = (n + batch - 1) / batch;
    int total = config.iterations() > 0 ? config.iterations() : config.epochs() * perEpoch;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SeededRandom random = new SeededRandom(config.seed());
    if (config.shuffle()) {
      for (int e = 0; e < completedEpochs; e++) {
        random.shuffle(order);
      }
    }
    Dataset trainEval = config.evalLimit() > 0 ? train.head(config.evalLimit()) : train;
    Dataset testEval = test != null && config.evalLimit() > 0 ? test.head(config.evalLimit()) : test;
    Batches batches = new Batches(network.dtype(), train.features().shape().withoutBatch(), batch);
    List<Param> params = network.params();
    List<Tensor> lastGood = params.stream().map(p -> p.value().copy()).toList();
    for (TrainingListener l : listeners) {
      l.onStart(total, perEpoch);
    }
    List<EpochResult> results = new ArrayList<>();
    String stopReason = null;
    boolean diverged = false;
    int iteration = completedEpochs * perEpoch;
    double bestMetric = Double.NaN;
    int epochsWithoutImprovement = 0;
    training:
    for (int epoch = completedEpochs + 1; iteration < total; epoch++) {
      long start = System.nanoTime();
      if (config.shuffle()) {
        random.shuffle(order);
      }
      double lossSum = 0;
      int steps = 0;
      for (int from = 0; from < n && iteration < total; from += batch) {
        int count = Math.min(batch, n - from);
        long stepStart = System.nanoTime();
        Tensor x = batches.features(train, order, from, count);
        Tensor t = batches.labels(train, order, from, count);
        double loss = network.loss(x, t);
        iteration++;
        if (!Double.isFinite(loss)) {
          for (int i = 0; i < params.size(); i++) {
            params.get(i).value().copyFrom(lastGood.get(i));
          }
          diverged = true;
          stopReason = "training stopped at epoch " + epoch + ", iteration " + iteration + ": the loss is " + loss
              + "; the parameters are kept as they were at iteration " + (iteration - 1)
              + ", the last with a finite loss (try a smaller learning rate)";
          break training;
        }
        network.backward(false);
        for (int i = 0; i < params.size(); i++) {
          lastGood.get(i).copyFrom(params.get(i).value());
        }
        optimizer.step(params);
        if (tuner != null && count == batch) {
          tuner.stepDone(System.nanoTime() - stepStart);
        }
        lossSum += loss;
        steps++;
        for (TrainingListener l : listeners) {
          l.onIteration(epoch, iteration, loss);
        }
      }
      double trainAccuracy = network.accuracy(trainEval.features(), trainEval.labels(), EVAL_BATCH);
      double testAccuracy = testEval == null ? Double.NaN
          : network.accuracy(testEval.features(), testEval.labels(), EVAL_BATCH);
      EpochResult result = new EpochResult(epoch, lossSum / steps, trainAccuracy, testAccuracy,
          (System.nanoTime() - start) / 1e9);
      results.add(result);
      for (TrainingListener l : listeners) {
        l.onEpochEnd(result);
      }
      EarlyStopping rule = config.earlyStopping();
      if (rule != null) {
        double value = rule.metric().of(result);
        if (Double.isNaN(bestMetric) || rule.improves(value, bestMetric)) {
          bestMetric = value;
          epochsWithoutImprovement = 0;
        } else if (++epochsWithoutImprovement >= rule.patience()) {
          stopReason = String.format("early stopping after epoch %d: %s has not improved for %d epochs (best %.4f)",
              epoch, rule.metric().label(), rule.patience(), bestMetric);
          break;
        }
      }
    }
    TrainingResult result = new TrainingResult(results, iteration, stopReason, diverged,
        tuner == null ? 0 : tuner.splitSteps());
    for (TrainingListener l : listeners) {
      l.onEnd(result);
    }
    return result;
  }

  private void checkData(Dataset data, String which) {
    if (data.size() == 0) {
      throw new IllegalArgumentException("the " + which + " set is empty");
    }
    if (data.features().dtype() != network.dtype()) {
      throw new IllegalArgumentException("the " + which + " set is " + data.features().dtype() + " but the network is "
          + network.dtype());
    }
    if (data.features().rowLength() != network.inputShape().size()) {
      throw new ShapeException("the " + which + " set's examples have shape "
          + data.features().shape().withoutBatch() + " but the network's input shape is " + network.inputShape());
    }
  }

  /** The batch buffers, reused from step to step; a last, smaller batch gets buffers of its own. */
  private static final class Batches {
    private final DType dtype;
    private final Shape sample;
    private final int size;
    private final Tensor x;
    private final Tensor t;

    Batches(DType dtype, Shape sample, int size) {
      this.dtype = dtype;
      this.sample = sample;
      this.size = size;
      this.x = Tensor.zeros(dtype, sample.withBatch(size));
      this.t = Tensor.zeros(dtype, size);
    }

    Tensor features(Dataset data, int[] order, int from, int count) {
      Tensor out = count == size ? x : Tensor.zeros(dtype, sample.withBatch(count));
      return data.features().gatherRowsInto(order, from, count, out);
    }

    Tensor labels(Dataset data, int[] order, int from, int count) {
      return data.labelTensor(order, from, count, count == size ? t : Tensor.zeros(dtype, count));
    }
  }
}
