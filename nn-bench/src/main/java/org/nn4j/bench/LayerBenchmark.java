package org.nn4j.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.nn4j.api.Args;
import org.nn4j.api.BuildContext;
import org.nn4j.api.DType;
import org.nn4j.api.Layer;
import org.nn4j.api.Loss;
import org.nn4j.api.Shape;
import org.nn4j.api.Tensor;
import org.nn4j.core.Registry;
import org.nn4j.core.SeededRandom;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Forward and backward of single layers and of the loss at the shapes of the two training workloads: Affine
 * 784→50 at batch 100 and 784→512 at batch 128, ReLU on their outputs, and softmax-cross-entropy on ten
 * classes. Layers are made through the registry by name, as a network makes them.
 *
 * <p>The {@code backward} benchmark runs backward again and again after one forward in the set-up, which is
 * what a layer sees within a step. Select cases with JMH's {@code -p}, e.g.
 * {@code -p layer=affine:128x784x512 -p dtype=float32}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class LayerBenchmark {
  /** The layer and its shape: {@code affine:BATCHxINxOUT}, {@code relu:BATCHxWIDTH} or the loss's. */
  @Param({"affine:100x784x50", "affine:128x784x512", "relu:100x50", "relu:128x512",
      "softmax-cross-entropy:100x10", "softmax-cross-entropy:128x10"})
  public String layer;

  /** {@code float32} or {@code float64}. */
  @Param({"float32", "float64"})
  public String dtype;

  private Layer module;
  private Loss loss;
  private Tensor x;
  private Tensor dout;
  private Tensor t;

  /** Makes the layer or loss, random inputs and upstream gradients, and runs one forward for {@code backward}. */
  @Setup(Level.Trial)
  public void setUp() {
    // The name first: "softmax" itself holds an x.
    int colon = layer.indexOf(':');
    String name = layer.substring(0, colon);
    String[] dims = layer.substring(colon + 1).split("x");
    int batch = Integer.parseInt(dims[0]);
    int width = Integer.parseInt(dims[1]);
    DType type = DType.parse(dtype);
    Random random = new Random(42);
    Registry registry = Registry.load();
    x = gaussian(type, Shape.of(batch, width), random);
    if (name.equals("softmax-cross-entropy")) {
      loss = registry.loss(name, Args.none(name));
      t = Tensor.zeros(type, batch);
      for (int i = 0; i < batch; i++) {
        t.setFlat(i, random.nextInt(width));
      }
      loss.forward(x, t);
      return;
    }
    Args args = name.equals("affine") ? Args.of(name, "out", dims[2]) : Args.none(name);
    module = registry.layer(name, args);
    module.build(Shape.of(width), new BuildContext(name + "#1", type, new SeededRandom(42), "0.01"));
    Tensor y = module.forward(x, true);
    dout = gaussian(type, y.shape(), random);
  }

  /**
   * Forward in training mode (the loss's forward for softmax-cross-entropy). The result goes to the black
   * hole unboxed, so that {@code -prof gc} counts only what the layer allocates.
   */
  @Benchmark
  public void forward(Blackhole hole) {
    if (loss != null) {
      hole.consume(loss.forward(x, t));
    } else {
      hole.consume(module.forward(x, true));
    }
  }

  /** Backward of the last forward. */
  @Benchmark
  public Tensor backward() {
    return loss != null ? loss.backward() : module.backward(dout);
  }

  private static Tensor gaussian(DType type, Shape shape, Random random) {
    Tensor out = Tensor.zeros(type, shape);
    for (int i = 0; i < out.size(); i++) {
      out.setFlat(i, random.nextGaussian());
    }
    return out;
  }
}
