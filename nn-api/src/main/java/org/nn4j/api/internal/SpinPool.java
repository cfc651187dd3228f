package org.nn4j.api.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The threads that share a matrix product with its caller. A training step of a small network is a chain of
 * products of a few tens of microseconds each, and waking a parked thread takes about as long, so a worker
 * that has just finished keeps polling for its next band for {@link #SPIN_NANOS} before it parks: during
 * training the workers never sleep, and when training ends they park within a millisecond. BLAS libraries
 * keep their threads the same way.
 *
 * <p>One caller at a time: a product that finds the workers busy with another thread's product runs all of its
 * bands on its own thread, which gives the same result, since every element of C is computed by one band in
 * a fixed order.
 */
final class SpinPool {
  /** How long an idle worker polls before it parks. */
  static final long SPIN_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  /** How long the caller polls for a worker's band before it also yields the core to other threads. */
  private static final long CALLER_SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

  /** As many workers as there are other cores, started when first needed. */
  static final SpinPool INSTANCE = new SpinPool(Runtime.getRuntime().availableProcessors() - 1);

  private final Worker[] workers;
  private final AtomicBoolean busy = new AtomicBoolean();

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
   * returns when all are done. A band that throws makes this throw the same exception once all have ended.
   */
  void run(int parts, IntConsumer band) {
    int helpers = Math.min(workers.length, parts - 1);
    if (helpers <= 0 || !busy.compareAndSet(false, true)) {
      for (int t = 0; t < parts; t++) {
        band.accept(t);
      }
      return;
    }
    try {
      int threads = helpers + 1;
      for (int w = 0; w < helpers; w++) {
        workers[w].assign(band, parts, threads);
      }
      Throwable failure = null;
      try {
        for (int t = 0; t < parts; t += threads) {
          band.accept(t);
        }
      } catch (RuntimeException | Error e) {
        failure = e;
      }
      for (int w = 0; w < helpers; w++) {
        Throwable f = workers[w].await();
        if (failure == null) {
          failure = f;
        }
      }
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      if (failure instanceof Error e) {
        throw e;
      }
      if (failure != null) {
        throw new IllegalStateException("a matrix-product band failed", failure);
      }
    } finally {
      busy.set(false);
    }
  }

  /** A worker thread: runs bands {@code index}, {@code index + threads}, … of each job it is given. */
  private static final class Worker extends Thread {
    private final int index;
    private int parts;
    private int threads;
    private Throwable failure;
    private volatile IntConsumer job;
    private volatile boolean done = true;
    private volatile boolean parked;

    Worker(int index) {
      super("nn4j-gemm-" + index);
      this.index = index;
      setDaemon(true);
    }

    /** Hands over a job; the plain fields are published by the volatile write of {@code job}. */
    void assign(IntConsumer band, int parts, int threads) {
      this.parts = parts;
      this.threads = threads;
      this.failure = null;
      done = false;
      job = band;
      if (parked) {
        LockSupport.unpark(this);
      }
    }

    /** Waits for the job handed over to end and returns what it threw, if anything. */
    Throwable await() {
      long start = System.nanoTime();
      while (!done) {
        if (System.nanoTime() - start < CALLER_SPIN_NANOS) {
          Thread.onSpinWait();
        } else {
          Thread.yield();
        }
      }
      return failure;
    }

    @Override
    public void run() {
      long idleSince = System.nanoTime();
      while (true) {
        IntConsumer band = job;
        if (band != null) {
          try {
            for (int t = index; t < parts; t += threads) {
              band.accept(t);
            }
          } catch (Throwable e) {
            failure = e;
          }
          job = null;
          done = true;
          idleSince = System.nanoTime();
        } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
          Thread.onSpinWait();
        } else {
          // Parked is set before job is read again, and assign writes job before it reads parked: one of the
          // two always sees the other, so a job is never left waiting for a parked worker.
          parked = true;
          if (job == null) {
            LockSupport.park(this);
          }
          parked = false;
          idleSince = System.nanoTime();
        }
      }
    }
  }
}
