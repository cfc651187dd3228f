package org.nn4j.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import org.nn4j.api.internal.Gemm;

/**
 * A quick side-by-side timer, lighter than JMH: after a warm-up of each case it times it with
 * {@code System.nanoTime} in short slices and prints GFLOP/s of the median and of the fastest slice, one
 * tab-separated line per case: kernel, dtype, shape, threads, median GFLOP/s, best GFLOP/s. On a shared
 * machine the best slice is the steadier figure: other load only ever slows a slice down.
 *
 * <p>Arguments, all optional: {@code kernels=vector,plain dtypes=f32,f64 threads=1,2 seconds=1
 * shapes=NN:100x784x50,... clock=wall}. With {@code clock=cpu} slices are measured in the calling thread's CPU
 * time instead of wall time, which on a busy machine leaves out the time other processes held the core; it
 * needs {@code threads=1}, where the whole product runs on the calling thread.
 */
public final class GemmTiming {
  private static final long SLICE_NANOS = 50_000_000L;
  private static final long WARMUP_NANOS = 300_000_000L;
  private static final long FIRST_WARMUP_NANOS = 2_000_000_000L;

  private GemmTiming() {
  }

  /** Runs the timings described in the class comment. */
  public static void main(String[] args) {
    List<String> kernels = Gemm.vectorAvailable() ? List.of("vector", "plain") : List.of("plain");
    List<String> dtypes = List.of("f32", "f64");
    List<String> threads = List.of("1", "2");
    List<String> shapes = GemmCase.SHAPES;
    double seconds = 1;
    boolean cpuClock = false;
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("arguments look like name=value, not " + arg);
      }
      List<String> values = Arrays.asList(kv[1].split(","));
      switch (kv[0]) {
        case "kernels" -> kernels = values;
        case "dtypes" -> dtypes = values;
        case "threads" -> threads = values;
        case "shapes" -> shapes = values;
        case "seconds" -> seconds = Double.parseDouble(kv[1]);
        case "clock" -> cpuClock = switch (kv[1]) {
          case "cpu" -> true;
          case "wall" -> false;
          default -> throw new IllegalArgumentException("clock is wall or cpu, not " + kv[1]);
        };
        default -> throw new IllegalArgumentException("unknown argument " + kv[0]);
      }
    }
    for (String kernel : kernels) {
      if (!kernel.equals("vector") && !kernel.equals("plain")) {
        throw new IllegalArgumentException("kernels are vector or plain, not " + kernel);
      }
      if (kernel.equals("vector") && !Gemm.vectorAvailable()) {
        throw new IllegalArgumentException("kernels=vector needs --add-modules jdk.incubator.vector and 256-bit "
            + "vector hardware");
      }
    }
    for (String dtype : dtypes) {
      if (!dtype.equals("f32") && !dtype.equals("f64")) {
        throw new IllegalArgumentException("dtypes are f32 or f64, not " + dtype);
      }
    }
    if (cpuClock && !threads.equals(List.of("1"))) {
      throw new IllegalArgumentException("clock=cpu measures the calling thread only, so it needs threads=1");
    }
    LongSupplier clock = cpuClock ? ManagementFactory.getThreadMXBean()::getCurrentThreadCpuTime
        : System::nanoTime;
    long measureNanos = (long) (seconds * 1e9);
    for (String kernel : kernels) {
      Gemm.setVectorEnabled("vector".equals(kernel));
      long warmUpNanos = FIRST_WARMUP_NANOS;
      for (String dtype : dtypes) {
        for (String shape : shapes) {
          GemmCase gemm = new GemmCase(shape, "f64".equals(dtype));
          for (String t : threads) {
            Gemm.setThreads(Integer.parseInt(t));
            warmUp(gemm, warmUpNanos);
            warmUpNanos = WARMUP_NANOS;
            double[] nanos = nanosPerRun(gemm, measureNanos, clock);
            System.out.printf("%s\t%s\t%s\t%s\t%.1f\t%.1f%n", kernel, dtype, shape, t,
                gemm.flops() / nanos[0], gemm.flops() / nanos[1]);
          }
        }
      }
    }
  }

  /**
   * Runs one case for {@code nanos} before it is measured. Each case has its own warm-up because cases use
   * different kernels (a narrow product reads A in place, a wide one packs it), and a kernel that is first
   * called while a case is being measured runs interpreted, many times slower, until C2 has compiled it. The
   * first case of a kernel gets longer, {@link #FIRST_WARMUP_NANOS}: it also waits for the drivers to compile.
   */
  private static void warmUp(GemmCase gemm, long nanos) {
    long end = System.nanoTime() + nanos;
    do {
      gemm.run();
    } while (System.nanoTime() < end);
  }

  /** The median and the least, over slices of about 50 ms on {@code clock}, of the time one product takes. */
  private static double[] nanosPerRun(GemmCase gemm, long measureNanos, LongSupplier clock) {
    List<Double> perRun = new ArrayList<>();
    long end = System.nanoTime() + measureNanos;
    do {
      long start = clock.getAsLong();
      int runs = 0;
      long now;
      do {
        gemm.run();
        runs++;
        now = clock.getAsLong();
      } while (now - start < SLICE_NANOS);
      perRun.add((double) (now - start) / runs);
    } while (System.nanoTime() < end);
    perRun.sort(null);
    return new double[] {perRun.get(perRun.size() / 2), perRun.get(0)};
  }
}
