package org.nn4j.core;

import java.util.Objects;
import org.nn4j.api.DType;
import org.nn4j.api.Tensor;

/**
 * Gets the matrix kernels compiled on a spare core while the program does something else, such as loading its
 * data: start it first, close it when training begins.
 *
 * <p>Why: until the JVM's optimizing compiler (C2) has compiled them, the Vector API kernels run hundreds of
 * times slower, and it compiles a method only after it has been called often enough, one method at a time.
 * Without a warm-up that happens during the first training steps, which then take tens of milliseconds each:
 * the first epoch of the book's network took 0.55–0.85 s, against 0.015 s for a later one. Loading the data
 * leaves the second core idle; running small products there meanwhile gets the kernels compiled before the
 * first step. Measured on 2 cores, the first epoch then took 0.15–0.5 s, or 0.4–0.8 s on a busy machine
 * against 0.8–1.0 s without it, and a whole run of {@code ./nn4j train} took 0.78–0.82 of the time.
 *
 * <p>The products are small (26 rows, at most 200 columns, at most 65 steps deep), of every layout the kernels
 * have: A·B, Aᵀ·B and A·Bᵀ, A read in place or packed, widths that end in a narrow panel or in tail columns, an
 * odd depth and an accumulating product. They run in rounds until {@link #close()}, until two rounds in a row run
 * as fast as compiled code (under a millisecond, against tens of milliseconds before), or for 3 s at most, and
 * after each round it sleeps as long as the round took. Their results are thrown away; no product of the program
 * waits for them or depends on them.
 */
public final class KernelWarmUp implements AutoCloseable {
  private static final long BUDGET_NANOS = 3_000_000_000L;
  private static final long COMPILED_ROUND_NANOS = 1_000_000L;
  /** m, n, k of each layout's product; each runs as A·B, Aᵀ·B and A·Bᵀ. */
  private static final int[][] SHAPES = {
      {26, 50, 64}, // 48 columns and 2 tail columns (the book's 50-wide layer)
      {26, 10, 16}, // one narrow panel
      {26, 200, 16}, // wider than four panels: A is packed
  };

  private final DType dtype;
  private final Thread thread;
  private volatile boolean stop;

  private KernelWarmUp(DType dtype) {
    this.dtype = Objects.requireNonNull(dtype, "dtype");
    this.thread = new Thread(this::run, "nn4j-kernel-warm-up");
    // A warm-up left running must not keep the JVM alive.
    thread.setDaemon(true);
  }

  /** Starts warming the kernels of {@code dtype} on a background thread, and returns at once. */
  public static KernelWarmUp start(DType dtype) {
    KernelWarmUp warmUp = new KernelWarmUp(dtype);
    // On one core there is no idle core to use: the warm-up would only take turns with the program.
    if (Runtime.getRuntime().availableProcessors() > 1) {
      warmUp.thread.start();
    }
    return warmUp;
  }

  /**
   * Asks the warm-up to stop after the product it is running, and returns without waiting for it, so that
   * training can start at once.
   */
  @Override
  public void close() {
    stop = true;
  }

  /** Waits up to {@code millis} for the warm-up to end, and says whether it has. */
  public boolean awaitEnd(long millis) throws InterruptedException {
    thread.join(millis);
    return !thread.isAlive();
  }

  private void run() {
    Product[] products = products();
    long deadline = System.nanoTime() + BUDGET_NANOS;
    int fastRounds = 0;
    while (!stop && fastRounds < 2 && System.nanoTime() < deadline) {
      long start = System.nanoTime();
      for (int i = 0; i < products.length && !stop; i++) {
        Product p = products[i];
        Tensor.matmulInto(p.a, p.transposeA, p.b, p.transposeB, p.c, p.accumulate);
      }
      long took = System.nanoTime() - start;
      fastRounds = took < COMPILED_ROUND_NANOS ? fastRounds + 1 : 0;
      // Half of a core at most: on a busy machine the core that loading leaves idle may be taken, and a
      // warm-up running flat out then delayed the first training step by up to 0.2 s.
      if (!stop && !pause(took)) {
        return;
      }
    }
  }

  /** Sleeps as long as a round took, at least a millisecond; false when interrupted, which ends the warm-up. */
  private static boolean pause(long roundNanos) {
    try {
      Thread.sleep(Math.max(1, roundNanos / 1_000_000));
      return true;
    } catch (InterruptedException e) {
      // Nothing waits on this thread; an interrupt can only mean stop, and the flag is kept for whoever asks.
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Each shape as A·B, Aᵀ·B and A·Bᵀ, and the first with an odd depth, accumulating into C. */
  private Product[] products() {
    Product[] products = new Product[SHAPES.length * 3 + 1];
    for (int s = 0; s < SHAPES.length; s++) {
      int m = SHAPES[s][0];
      int n = SHAPES[s][1];
      int k = SHAPES[s][2];
      Tensor c = Tensor.zeros(dtype, m, n);
      products[3 * s] = new Product(Tensor.zeros(dtype, m, k), false, Tensor.zeros(dtype, k, n), false, c, false);
      products[3 * s + 1] = new Product(Tensor.zeros(dtype, k, m), true, Tensor.zeros(dtype, k, n), false, c, false);
      products[3 * s + 2] = new Product(Tensor.zeros(dtype, m, k), false, Tensor.zeros(dtype, n, k), true, c, false);
    }
    // The kernels take their steps of k in pairs and an odd last one apart.
    int m = SHAPES[0][0];
    int n = SHAPES[0][1];
    int k = SHAPES[0][2] + 1;
    products[products.length - 1] = new Product(Tensor.zeros(dtype, m, k), false, Tensor.zeros(dtype, k, n), false,
        products[0].c, true);
    return products;
  }

  private record Product(Tensor a, boolean transposeA, Tensor b, boolean transposeB, Tensor c, boolean accumulate) {
  }
}
