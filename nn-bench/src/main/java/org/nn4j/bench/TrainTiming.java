package org.nn4j.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nn4j.api.DType;
import org.nn4j.api.Optimizer;
import org.nn4j.api.internal.Gemm;
import org.nn4j.core.KernelWarmUp;
import org.nn4j.core.Network;
import org.nn4j.core.Registry;
import org.nn4j.core.data.Mnist;
import org.nn4j.core.train.EpochResult;
import org.nn4j.core.train.Trainer;
import org.nn4j.core.train.TrainerConfig;
import org.nn4j.core.train.TrainingListener;
import org.nn4j.core.train.TrainingResult;

/**
 * Seconds per epoch of a {@link Workload}, trained by nn4j's own {@link Trainer} exactly as
 * {@code bench/train_numpy.py} trains it with NumPy, and printed in the same format:
 * {@code nn4j <workload> <dtype>: <s> s/epoch, test accuracy <acc>, first epoch <s> s, all epochs <s> s}, and then
 * in how many of the steps the trainer split the mid-sized products between the cores ({@code Trainer}).
 *
 * <p>Each epoch shuffles the training set and runs every batch; the time of an epoch runs from its start to
 * the end of its last training step, so the trainer's per-epoch evaluation is left out, as NumPy's side does.
 * The figure is the median over the epochs after the first (the first also compiles the code); "all epochs" is
 * the sum of every epoch's time, the JVM's warm-up included. Test accuracy is measured once, after the last
 * epoch.
 *
 * <p>Arguments, all optional: {@code workload=two-layer|mlp512 dtype=float32|float64 epochs=6 seed=42
 * data=DIR warmup=true} (a directory holding the four MNIST IDX files; by default the bundled sample, found from
 * the project root; {@code warmup=false} leaves out the {@link KernelWarmUp} that runs while the data loads, as
 * it does in {@code ./nn4j train}). The single argument {@code about} prints the JVM and whether the Vector
 * API kernels are on.
 */
public final class TrainTiming {
  private static final String SAMPLE = "nn-examples/src/main/resources/mnist-sample";

  private TrainTiming() {
  }

  /** Trains and prints as described in the class comment. */
  public static void main(String[] args) throws IOException {
    if (args.length == 1 && args[0].equals("about")) {
      System.out.printf("nn4j: Java %s (%s), Vector API kernels %s, GEMM threads %s of %d cores%n",
          Runtime.version(), System.getProperty("java.vm.name"),
          Gemm.vectorEnabled() ? "on" : Gemm.vectorAvailable() ? "available but off" : "off (plain Java)",
          Gemm.threads() == 0 ? "chosen per call" : Integer.toString(Gemm.threads()),
          Runtime.getRuntime().availableProcessors());
      return;
    }
    Workload workload = Workload.TWO_LAYER;
    DType dtype = DType.FLOAT32;
    int epochs = 6;
    long seed = 42;
    Path data = Path.of(SAMPLE);
    boolean warm = true;
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("arguments look like name=value, not " + arg);
      }
      switch (kv[0]) {
        case "workload" -> workload = Workload.parse(kv[1]);
        case "dtype" -> dtype = DType.parse(kv[1]);
        case "epochs" -> epochs = Integer.parseInt(kv[1]);
        case "seed" -> seed = Long.parseLong(kv[1]);
        case "data" -> data = Path.of(kv[1]);
        case "warmup" -> warm = parseBoolean(kv[1]);
        default -> throw new IllegalArgumentException("unknown argument " + kv[0]);
      }
    }
    // As ./nn4j train does: the kernels are compiled on the other core while the data loads.
    KernelWarmUp warmUp = warm ? KernelWarmUp.start(dtype) : null;
    Mnist.Split split = Mnist.load(data, dtype);
    Registry registry = Registry.load();
    Network network = workload.network(registry, dtype, seed);
    Optimizer optimizer = workload.optimizer(registry);
    // The trainer evaluates after every epoch; one example keeps that cheap, and it is outside the timing anyway.
    TrainerConfig config = new TrainerConfig(epochs, 0, workload.batch(), seed, true, 1, null);
    EpochClock clock = new EpochClock();
    if (warmUp != null) {
      warmUp.close();
    }
    TrainingResult result = new Trainer(network, optimizer, config).train(split.train(), split.test(), 0, clock);
    if (result.diverged()) {
      throw new IllegalStateException(result.stopReason());
    }
    double accuracy = network.accuracy(split.test().features(), split.test().labels(), 1000);
    System.out.printf("nn4j %s %s: %.4f s/epoch, test accuracy %.4f, first epoch %.4f s, all epochs %.4f s, "
        + "products split in %d of %d steps%n", workload.label(), dtype.label(), clock.medianAfterFirst(), accuracy,
        clock.first(), clock.total(), result.splitSteps(), result.iterations());
  }

  private static boolean parseBoolean(String value) {
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException("warmup is true or false, not " + value);
    }
    return Boolean.parseBoolean(value);
  }

  /** Times each epoch's training steps: from the end of the previous epoch's evaluation to its last step. */
  private static final class EpochClock implements TrainingListener {
    private final List<Double> seconds = new ArrayList<>();
    private long start;
    private long lastStep;

    @Override
    public void onStart(int totalIterations, int iterationsPerEpoch) {
      start = System.nanoTime();
    }

    @Override
    public void onIteration(int epoch, int iteration, double loss) {
      lastStep = System.nanoTime();
    }

    @Override
    public void onEpochEnd(EpochResult result) {
      seconds.add((lastStep - start) / 1e9);
      start = System.nanoTime();
    }

    double first() {
      return seconds.get(0);
    }

    double total() {
      return seconds.stream().mapToDouble(Double::doubleValue).sum();
    }

    double medianAfterFirst() {
      List<Double> sorted = new ArrayList<>(seconds.size() > 1 ? seconds.subList(1, seconds.size()) : seconds);
      sorted.sort(null);
      int n = sorted.size();
      return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
  }
}
