package org.nn4j.api.internal;

import java.util.function.IntConsumer;

/**
 * Runs bands of memory-bound work on the caller and the threads that share matrix products with it: gathering
 * a shuffled mini-batch, whose rows are cache misses that two cores wait out side by side, and updating a large
 * weight matrix whose gradient those threads computed, each in its own cache. Not part of the API.
 */
public final class Parallel {
  /**
   * Below this many bytes a copy stays on the caller's thread: the hand-off would cost more than it saves, and
   * the half copied by the other thread would have to come back from that core's cache to be used. The book's
   * float64 mini-batch (627 KB) is under it, as its products are under the threshold of {@link Gemm}: gathered
   * on two threads for a product on one, it made a training run 1.1× slower.
   */
  public static final int MIN_BYTES = 1024 * 1024;

  private Parallel() {
  }

  /**
   * Runs {@code band.accept(0)}, …, {@code band.accept(parts - 1)}, on as many threads as there are cores at
   * most, and returns when all are done; a band that throws makes this throw the same exception.
   */
  public static void run(int parts, IntConsumer band) {
    SpinPool.INSTANCE.run(parts, band);
  }

  /** How many bands a memory-bound job of {@code bytes} is worth splitting into. */
  public static int bands(long bytes) {
    // A thread count forced for the matrix products (nn4j.gemm.threads) holds here too.
    int threads = Gemm.threads() > 0 ? Gemm.threads() : SpinPool.INSTANCE.threads();
    return bytes < MIN_BYTES ? 1 : (int) Math.min(threads, bytes / (MIN_BYTES / 2));
  }
}
