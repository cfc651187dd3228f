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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
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
    assertEquals(1, runs.get(1));
    assertEquals(1, runs.get(0), "a band on another thread ran to its end");
    // The pool still works afterwards.
    AtomicIntegerArray again = new AtomicIntegerArray(2);
    Parallel.run(2, again::incrementAndGet);
    assertEquals(2, again.get(0) + again.get(1));
  }

  @Test
  void concurrentCallersEachGetTheirOwnProduct() throws Exception {
    Random random = new Random(7);
    int m = 90;
    int n = 70;
    int k = 300;
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

  @Test
  void aBackgroundTaskRunsOnceEachTimeItIsStarted() {
    // The same task object, started again and again, as the trainer's prefetch is.
    AtomicInteger runs = new AtomicInteger();
    Runnable task = runs::incrementAndGet;
    for (int i = 1; i <= 2000; i++) {
      Parallel.start(task);
      Parallel.finish(task);
      assertEquals(i, runs.get());
    }
  }

  @Test
  void whileAWorkerIsBusyTheCallerRunsEverythingItself() throws Exception {
    Assumptions.assumeTrue(SpinPool.INSTANCE.threads() > 1, "needs a second core");
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<Thread> busyWorker = new AtomicReference<>();
    Runnable blocking = () -> {
      busyWorker.set(Thread.currentThread());
      started.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    Parallel.start(blocking);
    try {
      assertTrue(started.await(10, TimeUnit.SECONDS), "a worker took the background task");
      Thread caller = Thread.currentThread();
      // A second background task cannot be handed over while one is under way: it runs at once, here.
      AtomicReference<Thread> ranOn = new AtomicReference<>();
      Runnable second = () -> ranOn.set(Thread.currentThread());
      Parallel.start(second);
      assertSame(caller, ranOn.get());
      Parallel.finish(second);
      // A split job does not wait for the busy worker: its bands run on the caller and any idle workers (on
      // two cores, all on the caller).
      int parts = SpinPool.INSTANCE.threads();
      AtomicReference<Thread>[] bandThreads = bandThreads(parts);
      Parallel.run(parts, t -> bandThreads[t].set(Thread.currentThread()));
      for (int t = 0; t < parts; t++) {
        assertTrue(bandThreads[t].get() != busyWorker.get(), "band " + t + " ran on the busy worker");
        if (parts == 2) {
          assertSame(caller, bandThreads[t].get(), "band " + t);
        }
      }
    } finally {
      release.countDown();
      Parallel.finish(blocking);
    }
  }

  @Test
  void aFailingBackgroundTaskThrowsFromFinishAndThePoolWorksAfterwards() {
    IllegalStateException boom = new IllegalStateException("prefetch failed");
    Runnable failing = () -> {
      throw boom;
    };
    Parallel.start(failing);
    assertSame(boom, assertThrows(IllegalStateException.class, () -> Parallel.finish(failing)));
    AtomicInteger runs = new AtomicInteger();
    Runnable task = runs::incrementAndGet;
    Parallel.start(task);
    Parallel.finish(task);
    assertEquals(1, runs.get());
  }

  @SuppressWarnings("unchecked")
  private static AtomicReference<Thread>[] bandThreads(int parts) {
    AtomicReference<Thread>[] threads = new AtomicReference[parts];
    for (int t = 0; t < parts; t++) {
      threads[t] = new AtomicReference<>();
    }
    return threads;
  }
}
