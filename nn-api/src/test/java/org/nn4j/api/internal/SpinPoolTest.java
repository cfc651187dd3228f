package org.nn4j.api.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class SpinPoolTest {
  @Test
  void runsEveryBandExactlyOnce() {
    for (int parts = 1; parts <= 7; parts++) {
      AtomicIntegerArray runs = new AtomicIntegerArray(parts);
      Parallel.run(parts, runs::incrementAndGet);
      for (int t = 0; t < parts; t++) {
        assertEquals(1, runs.get(t), "band " + t + " of " + parts);
      }
    }
  }

  @Test
  void jobAfterJobEveryBandRunsOnceAndOnlyInItsOwnJob() {
    // Bands are claimed by whichever thread comes first; a worker still looking at a finished job must never
    // claim a band of the next one. Many short jobs back to back give it every chance to.
    int jobs = 20_000;
    int[] ran = new int[jobs * 5];
    for (int job = 0; job < jobs; job++) {
      int parts = 2 + job % 4;
      int base = job * 5;
      int[] bandsOfThisJob = new int[parts];
      Parallel.run(parts, t -> {
        bandsOfThisJob[t]++;
        ran[base + t]++;
      });
      for (int t = 0; t < parts; t++) {
        assertEquals(1, bandsOfThisJob[t], "job " + job + ", band " + t);
      }
    }
    for (int job = 0; job < jobs; job++) {
      for (int t = 0; t < 5; t++) {
        assertEquals(t < 2 + job % 4 ? 1 : 0, ran[job * 5 + t], "job " + job + ", band " + t);
      }
    }
  }

  @Test
  void aFailingBandFailsTheCallAndLeavesThePoolWorking() {
    IllegalArgumentException boom = new IllegalArgumentException("band 1");
    AtomicIntegerArray runs = new AtomicIntegerArray(4);
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> Parallel.run(4, t -> {
      runs.incrementAndGet(t);
      if (t == 1) {
        throw boom;
      }
    }));
    assertSame(boom, thrown);
    for (int t = 0; t < 4; t++) {
      assertEquals(1, runs.get(t), "band " + t + " ran, once, though band 1 failed");
    }
    // The pool still works afterwards.
    AtomicIntegerArray again = new AtomicIntegerArray(2);
    Parallel.run(2, again::incrementAndGet);
    assertEquals(2, again.get(0) + again.get(1));
  }

  @Test
  void whenSeveralBandsFailTheFirstIsThrownWithTheOthersSuppressed() {
    IllegalArgumentException[] thrown = new IllegalArgumentException[4];
    for (int t = 0; t < 4; t++) {
      thrown[t] = new IllegalArgumentException("band " + t);
    }
    IllegalArgumentException first = assertThrows(IllegalArgumentException.class, () -> Parallel.run(4, t -> {
      if (t % 2 == 1) {
        throw thrown[t];
      }
    }));
    // Which failing band throws first depends on the threads; the other one is kept as suppressed.
    IllegalArgumentException other = first == thrown[1] ? thrown[3] : thrown[1];
    assertTrue(first == thrown[1] || first == thrown[3], first.getMessage());
    assertArrayEquals(new Throwable[] {other}, first.getSuppressed());
  }

  @Test
  void concurrentCallersEachGetTheirOwnProduct() throws Exception {
    Random random = new Random(7);
    // Large enough (6.3 million multiply-adds) that a product is split between threads when it has the pool.
    int m = 90;
    int n = 70;
    int k = 1000;
    List<float[][]> inputs = new ArrayList<>();
    List<float[]> expected = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      float[] a = new float[m * k];
      float[] b = new float[k * n];
      for (int j = 0; j < a.length; j++) {
        a[j] = random.nextFloat() - 0.5f;
      }
      for (int j = 0; j < b.length; j++) {
        b[j] = random.nextFloat() - 0.5f;
      }
      float[] c = new float[m * n];
      Gemm.gemm(false, false, m, n, k, a, b, c, false);
      inputs.add(new float[][] {a, b});
      expected.add(c);
    }
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        int which = i;
        done.add(callers.submit(() -> {
          for (int rep = 0; rep < 50; rep++) {
            float[] c = new float[m * n];
            Gemm.gemm(false, false, m, n, k, inputs.get(which)[0], inputs.get(which)[1], c, false);
            assertArrayEquals(expected.get(which), c);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      callers.shutdownNow();
    }
  }
}
