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
  /** The calling thread's threshold, where it set one. */
  private static final ThreadLocal<long[]> SPLIT_BYTES = ThreadLocal.withInitial(() -> new long[] {MIN_BYTES});

  private Parallel() {
  }

  /**
   * Sets the fewest bytes at which the calling thread's memory-bound jobs are split, {@link #MIN_BYTES} for every
   * thread to begin with. The trainer lowers it when it splits its products too, so that each core copies the
   * rows of the mini-batch that its band of the first product reads.
   *
   * @throws IllegalArgumentException when {@code bytes} is not positive
   */
  public static void setSplitBytes(long bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("the split threshold is a positive number of bytes: " + bytes);
    }
    SPLIT_BYTES.get()[0] = bytes;
  }

  /** The fewest bytes at which the calling thread's jobs are split: see {@link #setSplitBytes}. */
  public static long splitBytes() {
    return SPLIT_BYTES.get()[0];
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
    long least = SPLIT_BYTES.get()[0];
    // A band for each half of the threshold: two at the threshold, more for larger jobs.
    return bytes < least ? 1 : (int) Math.min(threads, 2 * bytes / least);
  }
}
