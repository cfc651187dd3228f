package org.nn4j.bench;

import java.util.concurrent.TimeUnit;
import org.nn4j.api.internal.Gemm;
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
 * JMH benchmarks of {@link Gemm} for every shape of {@link GemmCase#SHAPES}, both element types, both kernels
 * and one or two threads. GFLOP/s is {@code 2·m·n·k} divided by the reported time per operation. Select a
 * subset with JMH's {@code -p}, e.g. {@code -p shape=NN:100x784x50 -p kernel=vector}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class GemmBenchmark {
  /** The shape, in {@link GemmCase}'s notation. */
  @Param({"NN:1024x1024x1024", "TN:1024x1024x1024", "NT:1024x1024x1024",
      "NN:100x784x50", "TN:784x100x50", "NT:100x50x784",
      "NN:128x784x512", "TN:784x128x512", "NT:128x512x784",
      "NN:128x512x512", "TN:512x128x512", "NT:128x512x512"})
  public String shape;

  /** {@code f32} or {@code f64}. */
  @Param({"f32", "f64"})
  public String dtype;

  /** {@code vector} for the Vector API kernel, {@code plain} for the plain-Java one. */
  @Param({"vector", "plain"})
  public String kernel;

  /** Threads the product may use. */
  @Param({"1", "2"})
  public int threads;

  private GemmCase gemm;

  /** Builds the operands and configures the kernel in the forked JVM. */
  @Setup(Level.Trial)
  public void setUp() {
    gemm = new GemmCase(shape, "f64".equals(dtype));
    Gemm.setVectorEnabled("vector".equals(kernel));
    Gemm.setThreads(threads);
  }

  /** One product. */
  @Benchmark
  public double gemm() {
    return gemm.run();
  }
}
