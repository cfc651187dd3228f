package org.nn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nn4j.api.internal.Gemm;

/**
 * The tuner's choices, fed step times that depend on the way it set: it keeps the faster way, tries the other
 * again between trials, and puts the thread's threshold back.
 */
class SplitTunerTest {
  private static final long SINGLE = 6_000_000L;
  private static final int WARM_UP = 10;

  private final List<Long> thresholds = new ArrayList<>();
  private long current = SINGLE;

  private SplitTuner tuner() {
    return new SplitTuner(t -> {
      thresholds.add(t);
      current = t;
    }, SINGLE, WARM_UP);
  }

  /** Trains {@code steps} steps, each taking what {@code time} says for the threshold set at the time. */
  private void run(SplitTuner tuner, int steps, LongUnaryOperator time) {
    for (int i = 0; i < steps; i++) {
      tuner.stepDone(time.applyAsLong(current));
    }
  }

  private static LongUnaryOperator splitTakes(long splitNanos) {
    return threshold -> threshold == SplitTuner.SPLIT ? splitNanos : 100_000;
  }

  private static int trialSteps() {
    return 4 * SplitTuner.WINDOW;
  }

  @AfterEach
  void restoreThreshold() {
    Gemm.setSplitThreshold(Gemm.PARALLEL_THRESHOLD);
  }

  @Test
  void keepsTheProductsOnOneThreadThroughTheWarmUp() {
    SplitTuner tuner = tuner();
    run(tuner, WARM_UP - 1, splitTakes(50_000));
    assertTrue(thresholds.isEmpty(), "no threshold is set before the warm-up ends: " + thresholds);
    assertEquals(0, tuner.trials());
  }

  @Test
  void splitsWhenSplitStepsAreFaster() {
    SplitTuner tuner = tuner();
    run(tuner, WARM_UP + trialSteps(), splitTakes(80_000));
    assertEquals(1, tuner.trials());
    assertTrue(tuner.split());
    assertEquals(SplitTuner.SPLIT, current);
    // The trial went one way, the other way twice, the first way again: windows 1 and 2 split.
    assertEquals(List.of(SINGLE, SplitTuner.SPLIT, SplitTuner.SPLIT, SINGLE, SplitTuner.SPLIT), thresholds);
  }

  @Test
  void staysOnOneThreadWhenSplitStepsAreSlower() {
    SplitTuner tuner = tuner();
    run(tuner, WARM_UP + trialSteps(), splitTakes(120_000));
    assertEquals(1, tuner.trials());
    assertFalse(tuner.split());
    assertEquals(SINGLE, current);
  }

  @Test
  void aGainWithinTheMarginChangesNothing() {
    SplitTuner tuner = tuner();
    run(tuner, WARM_UP + trialSteps(), splitTakes(98_000));
    assertFalse(tuner.split(), "2% is within the margin of " + SplitTuner.MARGIN);
  }

  @Test
  void triesTheOtherWayAgainAndFollowsTheMachine() {
    SplitTuner tuner = tuner();
    run(tuner, WARM_UP + trialSteps(), splitTakes(80_000));
    assertTrue(tuner.split());
    // The machine changes: splitting now costs. The next trial comes after BETWEEN_TRIALS windows.
    run(tuner, SplitTuner.BETWEEN_TRIALS * SplitTuner.WINDOW - 1, splitTakes(130_000));
    assertEquals(1, tuner.trials(), "no trial before its time");
    run(tuner, 1 + trialSteps(), splitTakes(130_000));
    assertEquals(2, tuner.trials());
    assertFalse(tuner.split());
    assertEquals(2, tuner.switches());
    assertEquals(SINGLE, current);
  }

  @Test
  void closingPutsTheThresholdBack() {
    SplitTuner tuner = tuner();
    run(tuner, WARM_UP + trialSteps(), splitTakes(80_000));
    tuner.close();
    assertEquals(SINGLE, current);
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
  void theThresholdIsTheCallingThreadsAlone() throws InterruptedException {
    Gemm.setSplitThreshold(SplitTuner.SPLIT);
    long[] other = new long[1];
    Thread thread = new Thread(() -> other[0] = Gemm.splitThreshold());
    thread.start();
    thread.join();
    assertEquals(SplitTuner.SPLIT, Gemm.splitThreshold());
    assertEquals(Gemm.PARALLEL_THRESHOLD, other[0]);
  }
}
