package org.nn4j.api.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How many bands a memory-bound job is split into, by the calling thread's threshold. */
class ParallelTest {
  private static final int THREADS = SpinPool.INSTANCE.threads();

  @AfterEach
  void restoreThreshold() {
    Parallel.setSplitBytes(Parallel.MIN_BYTES);
  }

  @Test
  void aJobUnderTheThresholdStaysOnOneThread() {
    assertEquals(1, Parallel.bands(Parallel.MIN_BYTES - 1));
  }

  @Test
  void aJobAtTheThresholdTakesTwoBandsWhereThereAreTwoThreads() {
    assertEquals(Math.min(THREADS, 2), Parallel.bands(Parallel.MIN_BYTES));
    assertEquals(Math.min(THREADS, 4), Parallel.bands(2L * Parallel.MIN_BYTES));
  }

  @Test
  void theThreadsOwnThresholdCountsDownToOneByte() {
    Parallel.setSplitBytes(1);
    assertEquals(Math.min(THREADS, 2), Parallel.bands(1));
    assertEquals(1, Parallel.bands(0));
  }

  @Test
  void aThresholdThatIsNotPositiveIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Parallel.setSplitBytes(0));
  }
}
