package org.nn4j.core.train;

import org.nn4j.api.internal.Gemm;
import org.nn4j.api.internal.Parallel;

/**
 * Chooses, while a network trains, whether its mid-sized matrix products are split between the cores: those of
 * one to six million multiply-adds, such as the book's network's (100×784 by 784×50). Whether that pays depends
 * on the machine from minute to minute, so the trainer finds out by timing its own steps both ways.
 *
 * <p>Why not decide once: on a virtual machine with two cores, measured while a cache line went from one core to
 * the other and back in 60–95 ns, the book's network trained an epoch in float64 in 0.020–0.023 s with its products
 * split, against 0.023–0.030 s without; while the round trip took 450–570 ns (the host had moved the virtual
 * cores apart), the split epochs took 0.029 s against 0.024 s. The results are the same bits either way (each
 * element of a product is summed in one fixed order on any number of threads), so only the speed is at stake.
 *
 * <p>How: steps are timed in windows of {@link #WINDOW} steps. After {@link #WARM_UP} steps (the JIT compiles the
 * kernels during the first ones, and a split would compete with it), a trial runs four windows: the chosen way,
 * the other way twice, the chosen way again, so that each way pays for one switch. The other way is chosen when
 * its two windows took less than {@code 1 - MARGIN} of the chosen way's two. The next trial comes after
 * {@link #FIRST_INTERVAL} windows the chosen way, and each trial that keeps the way doubles that, up to
 * {@link #LAST_INTERVAL}: so a choice is soon checked (the first trial, in the first epochs, runs the split's code
 * before the JIT has compiled it), and a settled one costs little.
 *
 * <p>The split is set for the training thread alone, and put back when training ends: products from a million
 * multiply-adds ({@link Gemm#setSplitThreshold}), and with them copies from 256 KiB
 * ({@link Parallel#setSplitBytes}), so that each core gathers the rows of the mini-batch its band of the first
 * product reads (without that, split epochs of the book's network took 1.08–1.26 times as long as with it, in
 * four runs in float64 and float32, alternating in one process while the cores were far apart).
 */
final class SplitTuner implements AutoCloseable {
  /** Steps in a window: about 10 ms of the book's network in float64. */
  static final int WINDOW = 32;
  /** Steps trained before the first trial: three epochs of the book's network on the bundled sample. */
  static final int WARM_UP = 256;
  /** Windows trained the chosen way before the next trial, after a trial that changed the way. */
  static final int FIRST_INTERVAL = 4;
  /** The most windows between trials: the other way then costs a trial's two windows in 36. */
  static final int LAST_INTERVAL = 32;
  /** How much faster the other way must be, so that noise does not swap the ways at every trial. */
  static final double MARGIN = 0.03;
  /** The products' threshold while split: a million multiply-adds, the least work worth a hand-off. */
  static final long SPLIT = 1L << 20;
  /** The copies' threshold while split: the book's float32 mini-batch (314 KB) is over it. */
  static final long SPLIT_BYTES = 256 * 1024;

  /** Sets how the next steps run. */
  @FunctionalInterface
  interface Way {
    /** Splits the mid-sized products, or puts the thresholds back as they were. */
    void set(boolean split);
  }

  private final Way way;
  private final int warmUp;
  private boolean split;
  private int steps;
  /** Where the current window is in a trial, 0 to 3, or -1 between trials. */
  private int trialWindow = -1;
  private final long[] trialNanos = new long[4];
  private int windowsSinceTrial;
  private int interval = FIRST_INTERVAL;
  private int windowSteps;
  private long windowNanos;
  private int trials;
  private int switches;
  private int splitSteps;

  /**
   * A tuner that sets the way through {@code way}.
   *
   * @param warmUp steps before the first trial
   */
  SplitTuner(Way way, int warmUp) {
    this.way = way;
    this.warmUp = warmUp;
  }

  /**
   * The tuner for the calling thread, or {@code null} where there is nothing to choose: on one core, or where a
   * thread count was forced ({@code nn4j.gemm.threads}).
   */
  static SplitTuner forThisThread() {
    if (Runtime.getRuntime().availableProcessors() < 2 || Gemm.threads() != 0) {
      return null;
    }
    return new SplitTuner(threadWay(), WARM_UP);
  }

  /** The way of the calling thread: the split thresholds, or those it has now. */
  static Way threadWay() {
    long products = Gemm.splitThreshold();
    long bytes = Parallel.splitBytes();
    return split -> {
      Gemm.setSplitThreshold(split ? SPLIT : products);
      Parallel.setSplitBytes(split ? SPLIT_BYTES : bytes);
    };
  }

  /** Records that a full training step took {@code nanos}, and sets the way for the next one. */
  void stepDone(long nanos) {
    if (splitNow()) {
      splitSteps++;
    }
    if (++steps <= warmUp) {
      if (steps == warmUp) {
        startTrial();
      }
      return;
    }
    windowNanos += nanos;
    if (++windowSteps < WINDOW) {
      return;
    }
    long window = windowNanos;
    windowNanos = 0;
    windowSteps = 0;
    if (trialWindow < 0) {
      if (++windowsSinceTrial == interval) {
        startTrial();
      }
      return;
    }
    trialNanos[trialWindow++] = window;
    if (trialWindow == 4) {
      long chosen = trialNanos[0] + trialNanos[3];
      long other = trialNanos[1] + trialNanos[2];
      trials++;
      if (other < (1 - MARGIN) * chosen) {
        split = !split;
        switches++;
        interval = FIRST_INTERVAL;
      } else {
        interval = Math.min(LAST_INTERVAL, 2 * interval);
      }
      trialWindow = -1;
      windowsSinceTrial = 0;
      apply(split);
    } else {
      // Windows 1 and 2 of a trial go the other way.
      apply(trialWindow == 3 ? split : !split);
    }
  }

  private void startTrial() {
    trialWindow = 0;
    apply(split);
  }

  private void apply(boolean splitNext) {
    way.set(splitNext);
  }

  /** The way the steps go now: the other way in a trial's middle windows, the chosen way elsewhere. */
  private boolean splitNow() {
    return trialWindow == 1 || trialWindow == 2 ? !split : split;
  }

  /** Whether the chosen way is to split the products. */
  boolean split() {
    return split;
  }

  /** How many of the steps recorded ran with the products split. */
  int splitSteps() {
    return splitSteps;
  }

  /** How many trials have ended. */
  int trials() {
    return trials;
  }

  /** How many trials chose the other way. */
  int switches() {
    return switches;
  }

  /** Puts the thread's thresholds back as they were. */
  @Override
  public void close() {
    way.set(false);
  }
}
