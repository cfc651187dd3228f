package org.nn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nn4j.api.internal.Gemm;
import org.nn4j.api.internal.Parallel;

/**
 * The tuner's choices, fed step times that depend on the way it set: it keeps the faster way, tries the other
 * again between trials, and puts the thread's threshold back.
 */
class SplitTunerTest {
  private static final int WARM_UP = 10;

  /** The ways set, in order. */
  private final List<Boolean> ways = new ArrayList<>();
  private boolean current;

  private SplitTuner tuner() {
    return new SplitTuner(split -> {
      ways.add(split);
      current = split;
    }, WARM_UP);
  }

  /** Trains {@code steps} steps, each taking {@code splitNanos} when split and 100 µs when not. */
  private void run(SplitTuner tuner, int steps, long splitNanos) {
    for (int i = 0; i < steps; i++) {
      tuner.stepDone(current ? splitNanos : 100_000);
    }
  }

  private static int trialSteps() {
    return 4 * SplitTuner.WINDOW;
  }

  @AfterEach
  void restoreThresholds() {
    Gemm.setSplitThreshold(Gemm.PARALLEL_THRESHOLD);
    Parallel.setSplitBytes(Parallel.MIN_BYTES);
  }

  @Test
  void keepsTheProductsOnOneThreadThroughTheWarmUp() {
    SplitTuner tuner = tuner();
    run(tuner, WARM_UP - 1, 50_000);
    assertTrue(ways.isEmpty(), "no way is set before the warm-up ends: " + ways);
    assertEquals(0, tuner.trials());
  }

  @Test
  void splitsWhenSplitStepsAreFaster() {
    SplitTuner tuner = tuner();
    run(tuner, WARM_UP + trialSteps(), 80_000);
    assertEquals(1, tuner.trials());
    assertTrue(tuner.split());
    assertTrue(current);
    // The trial went one way, the other way twice, the first way again: windows 1 and 2 split.
    assertEquals(List.of(false, true, true, false, true), ways);
    assertEquals(2 * SplitTuner.WINDOW, tuner.splitSteps());
    run(tuner, 10, 80_000);
    assertEquals(2 * SplitTuner.WINDOW + 10, tuner.splitSteps());
  }

  @Test
  void staysOnOneThreadWhenSplitStepsAreSlower() {
    SplitTuner tuner = tuner();
    run(tuner, WARM_UP + trialSteps(), 120_000);
    assertEquals(1, tuner.trials());
    assertFalse(tuner.split());
    assertFalse(current);
  }

  @Test
  void aGainWithinTheMarginChangesNothing() {
    SplitTuner tuner = tuner();
    run(tuner, WARM_UP + trialSteps(), 98_000);
    assertFalse(tuner.split(), "2% is within the margin of " + SplitTuner.MARGIN);
  }

  @Test
  void triesTheOtherWayAgainAndFollowsTheMachine() {
    SplitTuner tuner = tuner();
    run(tuner, WARM_UP + trialSteps(), 80_000);
    assertTrue(tuner.split());
    // The machine changes: splitting now costs. After a switch, the next trial comes after FIRST_INTERVAL
    // windows.
    run(tuner, SplitTuner.FIRST_INTERVAL * SplitTuner.WINDOW - 1, 130_000);
    assertEquals(1, tuner.trials(), "no trial before its time");
    run(tuner, 1 + trialSteps(), 130_000);
    assertEquals(2, tuner.trials());
    assertFalse(tuner.split());
    assertEquals(2, tuner.switches());
    assertFalse(current);
  }

  @Test
  void aTrialThatKeepsTheWayDoublesTheWaitForTheNext() {
    SplitTuner tuner = tuner();
    int steps = WARM_UP + trialSteps();
    run(tuner, steps, 120_000);
    assertEquals(1, tuner.trials());
    // Kept: 8 windows to the next trial, then 16, 32, and 32 again.
    int[] waits = {8, 16, 32, 32};
    for (int wait : waits) {
      int trials = tuner.trials();
      run(tuner, wait * SplitTuner.WINDOW + trialSteps() - 1, 120_000);
      assertEquals(trials, tuner.trials(), "the trial after " + wait + " windows has not ended yet");
      run(tuner, 1, 120_000);
      assertEquals(trials + 1, tuner.trials(), "the trial after " + wait + " windows ended");
    }
    assertEquals(0, tuner.switches());
  }

  @Test
  void closingPutsTheThresholdBack() {
    SplitTuner tuner = tuner();
    run(tuner, WARM_UP + trialSteps(), 80_000);
    tuner.close();
    assertFalse(current);
  }

  @Test
  void thereIsNothingToChooseWhenTheThreadCountIsForced() {
    Gemm.setThreads(1);
    try {
      assertNull(SplitTuner.forThisThread());
    } finally {
      Gemm.setThreads(0);
    }
  }

  @Test
  void theThreadsWaySplitsItsOwnProductsAndCopiesAndPutsThemBack() throws InterruptedException {
    SplitTuner.Way way = SplitTuner.threadWay();
    way.set(true);
    long[] other = new long[2];
    Thread thread = new Thread(() -> {
      other[0] = Gemm.splitThreshold();
      other[1] = Parallel.splitBytes();
    });
    thread.start();
    thread.join();
    assertEquals(SplitTuner.SPLIT, Gemm.splitThreshold());
    assertEquals(SplitTuner.SPLIT_BYTES, Parallel.splitBytes());
    assertEquals(Gemm.PARALLEL_THRESHOLD, other[0], "another thread's products are not split");
    assertEquals(Parallel.MIN_BYTES, other[1], "nor its copies");
    way.set(false);
    assertEquals(Gemm.PARALLEL_THRESHOLD, Gemm.splitThreshold());
    assertEquals(Parallel.MIN_BYTES, Parallel.splitBytes());
  }
}
