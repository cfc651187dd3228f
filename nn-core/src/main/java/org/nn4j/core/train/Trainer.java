package org.nn4j.core.train;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nn4j.api.DType;
import org.nn4j.api.Optimizer;
import org.nn4j.api.Shape;
import org.nn4j.api.Tensor;
import org.nn4j.core.Network;
import org.nn4j.core.SeededRandom;
import org.nn4j.core.data.Dataset;

/**
 * Mini-batch training (book §4.5 and §5.7.4): each epoch shuffles the examples with a seeded generator, and
 * for each batch of {@code batchSize} computes the loss, backpropagates and lets the optimizer step. After
 * each epoch it measures the mean training loss and the training and test accuracy and tells the listeners.
 * A last batch smaller than {@code batchSize} is trained on too. Same seed and data, same parameters.
 */
public final class Trainer {
  private static final int EVAL_BATCH = 1000;
  private final Network network;
  private final Optimizer optimizer;
  private final TrainerConfig config;

  /** A trainer of {@code network} by {@code optimizer}. */
  @Inject
  public Trainer(Network network, Optimizer optimizer, TrainerConfig config) {
    this.network = Objects.requireNonNull(network, "network");
    this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
    this.config = Objects.requireNonNull(config, "config");
  }

  /** The network trained. */
  public Network network() {
    return network;
  }

  /** The settings. */
  public TrainerConfig config() {
    return config;
  }

  /**
   * Trains for the configured epochs and returns each epoch's figures.
   *
   * @param test measured after each epoch; may be {@code null}
   */
  public List<EpochResult> fit(Dataset train, Dataset test, TrainingListener... listeners) {
    checkData(train, "training");
    if (test != null) {
      checkData(test, "test");
    }
    int n = train.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SeededRandom random = new SeededRandom(config.seed());
    DType dtype = network.dtype();
    Shape sample = train.features().shape().withoutBatch();
    int full = Math.min(config.batchSize(), n);
    Tensor xFull = Tensor.zeros(dtype, sample.withBatch(full));
    Tensor tFull = Tensor.zeros(dtype, full);
    List<EpochResult> results = new ArrayList<>();
    for (int epoch = 1; epoch <= config.epochs(); epoch++) {
      long start = System.nanoTime();
      if (config.shuffle()) {
        random.shuffle(order);
      }
      double lossSum = 0;
      int batches = 0;
      for (int from = 0; from < n; from += full) {
        int count = Math.min(full, n - from);
        Tensor x = count == full ? xFull : Tensor.zeros(dtype, sample.withBatch(count));
        Tensor t = count == full ? tFull : Tensor.zeros(dtype, count);
        train.features().gatherRowsInto(order, from, count, x);
        train.labelTensor(order, from, count, t);
        lossSum += network.loss(x, t);
        network.backward();
        optimizer.step(network.params());
        batches++;
      }
      double trainAccuracy = network.accuracy(train.features(), train.labels(), EVAL_BATCH);
      double testAccuracy = test == null ? Double.NaN : network.accuracy(test.features(), test.labels(), EVAL_BATCH);
      EpochResult result = new EpochResult(epoch, lossSum / batches, trainAccuracy, testAccuracy,
          (System.nanoTime() - start) / 1e9);
      results.add(result);
      for (TrainingListener listener : listeners) {
        listener.onEpochEnd(result);
      }
    }
    return results;
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
      throw new org.nn4j.api.ShapeException("the " + which + " set's examples have shape "
          + data.features().shape().withoutBatch() + " but the network's input shape is " + network.inputShape());
    }
  }
}
