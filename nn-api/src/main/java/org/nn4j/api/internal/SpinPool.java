package org.nn4j.api.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The threads that share a matrix product with its caller. A training step of a small network is a chain of
 * products of a few tens of microseconds each, and waking a parked thread takes about as long, so a worker
 * that has just finished keeps polling for its next band for {@link #SPIN_NANOS} before it parks: during
 * training the workers never sleep, and when training ends they park within a millisecond. BLAS libraries
 * keep their threads the same way.
 *
 * <p>Bands are claimed, not assigned: the caller and the workers take the next unclaimed band until none is
 * left, and the caller returns when every band has ended. On a machine shared with other programs a worker
 * is sometimes off its core when a product starts; the caller then runs the bands it has not claimed rather
 * than wait milliseconds for it (a band a worker has claimed is waited for). The caller always runs band 0,
 * so in the usual case the worker runs band 1, the same rows as in the step before, which keeps each
 * thread's rows in its own cache.
 *
 * <p>One caller at a time: a product that finds the workers busy with another thread's product runs all of its
 * bands on its own thread. Either way the result is the same, since every element of C is computed by one band
 * in a fixed order, whichever thread runs it.
 */
final class SpinPool {
  /** How long an idle worker polls before it parks. */
  static final long SPIN_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  /** How long the caller polls for a worker's band before it also yields the core to other threads. */
  private static final long CALLER_SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

  /** As many workers as there are other cores, started with the class. */
  static final SpinPool INSTANCE = new SpinPool(Runtime.getRuntime().availableProcessors() - 1);

  private final Worker[] workers;
  private final AtomicBoolean busy = new AtomicBoolean();

  /**
   * The job's generation in the high 32 bits, the next band to claim in the low ones. A band is claimed by a
   * compare-and-set on both, so a worker still looking at a finished job can never claim a band of the next.
   */
  private final AtomicLong claims = new AtomicLong();
  /** The low half of {@link #claims} once a job is over: no band number is that high. */
  private static final long CLOSED = Integer.MAX_VALUE;
  /** Bands of the current job that have ended, normally or not. */
  private final AtomicInteger ended = new AtomicInteger();
  /** The first exception a band of the current job threw. */
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  // The current job; written before its generation is published in claims, so read after it.
  private IntConsumer job;
  private int parts;

  private SpinPool(int workerCount) {
    workers = new Worker[Math.max(0, workerCount)];
    for (int i = 0; i < workers.length; i++) {
      workers[i] = new Worker(i + 1);
      workers[i].start();
    }
  }

  /** The caller and the workers: how many bands can run at once. */
  int threads() {
    return workers.length + 1;
  }

  /**
   * Runs {@code band.accept(0)}, …, {@code band.accept(parts - 1)}, spread over the caller and the workers, and
   * returns when all are done. When bands throw, every band still runs, and then the first exception thrown is
   * thrown, with the others added to it as suppressed (a checked one wrapped in an IllegalStateException).
   */
  void run(int parts, IntConsumer band) {
    if (workers.length == 0 || parts <= 1 || !busy.compareAndSet(false, true)) {
      Throwable first = null;
      for (int t = 0; t < parts; t++) {
        try {
          band.accept(t);
        } catch (Throwable e) {
          first = record(first, e);
        }
      }
      rethrow(first);
      return;
    }
    try {
      // Closes the previous job's claims before its fields change. A read-modify-write, so that the writes
      // below cannot be seen before it: a worker that read the old job's claims and then the new fields can
      // then never succeed in claiming with them, since its compare-and-set comes after the close and fails.
      long previous = claims.getAndUpdate(SpinPool::closed) >>> 32;
      job = band;
      this.parts = parts;
      failure.set(null);
      ended.set(0);
      // The generation is the high 32 bits: it wraps around to 0 after 2^32 jobs, which nothing compares by order.
      long generation = (previous + 1) & 0xFFFF_FFFFL;
      // The caller keeps band 0 for itself, so that a worker quicker off the mark cannot take it.
      claims.set(generation << 32 | 1);
      for (Worker w : workers) {
        w.wake();
      }
      runBand(0, band);
      runBands(generation);
      awaitBands(parts);
      job = null;
      Throwable f = failure.getAndSet(null);
      rethrow(f);
    } finally {
      busy.set(false);
    }
  }

  private static long closed(long state) {
    return state & ~0xFFFF_FFFFL | CLOSED;
  }

  /** The first of the exceptions, {@code e} added to it as suppressed when there was one. */
  private static Throwable record(Throwable first, Throwable e) {
    if (first == null) {
      return e;
    }
    if (first != e) {
      first.addSuppressed(e);
    }
    return first;
  }

  private static void rethrow(Throwable f) {
    if (f instanceof RuntimeException e) {
      throw e;
    }
    if (f instanceof Error e) {
      throw e;
    }
    if (f != null) {
      throw new IllegalStateException("a matrix-product band failed", f);
    }
  }

  /** Claims and runs bands of job {@code generation} until none is left unclaimed. */
  private void runBands(long generation) {
    while (true) {
      long state = claims.get();
      if (state >>> 32 != generation || (int) state >= parts) {
        return;
      }
      IntConsumer band = job;
      // Succeeding proves that the job is still the one read above: before the fields change for the next job,
      // its claims are closed by a read-modify-write, which a compare-and-set after it fails against, and which
      // reads from any before it, so that the fields read here were written before.
      if (claims.compareAndSet(state, state + 1)) {
        runBand((int) state, band);
      }
    }
  }

  private void runBand(int index, IntConsumer band) {
    try {
      band.accept(index);
    } catch (Throwable e) {
      if (!failure.compareAndSet(null, e)) {
        record(failure.get(), e);
      }
    } finally {
      ended.incrementAndGet();
    }
  }

  private void awaitBands(int parts) {
    long start = System.nanoTime();
    while (ended.get() < parts) {
      if (System.nanoTime() - start < CALLER_SPIN_NANOS) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
    }
  }

  /** A worker thread: polls for a job with unclaimed bands, runs what it can claim, and parks when idle. */
  private final class Worker extends Thread {
    private volatile boolean parked;

    Worker(int index) {
      super("nn4j-gemm-" + index);
      setDaemon(true);
    }

    void wake() {
      if (parked) {
        LockSupport.unpark(this);
      }
    }

    @Override
    public void run() {
      long seen = 0;
      long idleSince = System.nanoTime();
      while (true) {
        long generation = claims.get() >>> 32;
        if (generation != seen) {
          seen = generation;
          runBands(generation);
          idleSince = System.nanoTime();
        } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
          Thread.onSpinWait();
        } else {
          // Parked is set before claims is read again, and run publishes claims before it reads parked: one of
          // the two always sees the other, so a job is never left waiting for a parked worker.
          parked = true;
          if (claims.get() >>> 32 == seen) {
            LockSupport.park(this);
            // An interrupt would make every later park return at once, and the worker spin for good.
            Thread.interrupted();
          }
          parked = false;
          idleSince = System.nanoTime();
        }
      }
    }
  }
}
