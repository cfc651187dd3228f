package org.nn4j.bench;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.nn4j.api.DType;
import org.nn4j.api.Optimizer;
import org.nn4j.api.Shape;
import org.nn4j.api.Tensor;
import org.nn4j.core.Network;
import org.nn4j.core.Registry;
import org.nn4j.core.data.Dataset;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full training step of a {@link Workload}, as the {@link org.nn4j.core.train.Trainer} runs it: gather a
 * shuffled mini-batch into reused buffers, forward through the layers and the loss, backward, and one
 * optimizer step. Run with JMH's {@code -prof gc} to see the bytes a warm step allocates
 * ({@code gc.alloc.rate.norm}, bytes per operation).
 *
 * <p>The examples are random pixels in {@code [0, 1)} with random labels rather than MNIST, so that the jar
 * needs no data files: a step costs the same whatever the pixel values. The trainer's own bookkeeping (its
 * copy of the parameters for recovery from a diverging loss, its listeners) is left out; {@link TrainTiming}
 * measures the trainer whole.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class TrainStepBenchmark {
  private static final int EXAMPLES = 2000;

  /** The workload and element type: {@code two-layer:float32}, {@code two-layer:float64}, {@code mlp512:float32}. */
  @Param({"two-layer:float32", "two-layer:float64", "mlp512:float32"})
  public String workload;

  private Network network;
  private Optimizer optimizer;
  private List<org.nn4j.api.Param> params;
  private Dataset data;
  private int[] order;
  private int batch;
  private int from;
  private Tensor x;
  private Tensor t;

  /** Builds the network, its optimizer, the examples and the batch buffers. */
  @Setup(Level.Trial)
  public void setUp() {
    String[] parts = workload.split(":");
    Workload w = Workload.parse(parts[0]);
    DType dtype = DType.parse(parts[1]);
    Registry registry = Registry.load();
    network = w.network(registry, dtype, 42);
    optimizer = w.optimizer(registry);
    params = network.params();
    batch = w.batch();
    Random random = new Random(42);
    Tensor features = Tensor.zeros(dtype, Shape.of(EXAMPLES, 784));
    int[] labels = new int[EXAMPLES];
    for (int i = 0; i < EXAMPLES; i++) {
      labels[i] = random.nextInt(10);
      for (int j = 0; j < 784; j++) {
        features.setFlat(i * 784 + j, random.nextDouble());
      }
    }
    data = new Dataset(features, labels, 10);
    // A fixed permutation (7919 is prime to 2000), so that rows are gathered out of order as after a shuffle.
    order = new int[EXAMPLES];
    for (int i = 0; i < EXAMPLES; i++) {
      order[i] = (i * 7919) % EXAMPLES;
    }
    x = Tensor.zeros(dtype, Shape.of(batch, 784));
    t = Tensor.zeros(dtype, batch);
  }

  /** One training step on the next mini-batch; returns its loss so that the work cannot be discarded. */
  @Benchmark
  public double step() {
    if (from + batch > EXAMPLES) {
      from = 0;
    }
    data.features().gatherRowsInto(order, from, batch, x);
    data.labelTensor(order, from, batch, t);
    from += batch;
    double loss = network.loss(x, t);
    network.backward();
    optimizer.step(params);
    return loss;
  }
}
