package org.nn4j.api.internal;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * The matrix-multiply kernels behind {@link org.nn4j.api.Tensor#matmulInto}: {@code C = op(A)·op(B)} or
 * {@code C += op(A)·op(B)} on row-major arrays, where {@code op(A)} is m×k and {@code op(B)} is k×n.
 *
 * <p>Not part of the API: the seam behind which faster kernels may replace these. Rows of C are split
 * between threads, and every element of C is summed over {@code p = 0 … k-1} in that order by one thread,
 * so results are bit-identical whatever the number of threads. The innermost loop runs along a row of C and
 * a row of B ({@code c[j] += a·b[j]}), the form the JIT compiles to vector instructions.
 */
public final class Gemm {
  /** Below this many multiply-adds a call stays on the caller's thread. */
  private static final long PARALLEL_THRESHOLD = 1L << 18;
  /** Rows of C one task computes at the least. */
  private static final int MIN_ROWS_PER_TASK = 4;
  /** Depth of the k-blocks, so that a block of B stays in cache while rows of C run over it. */
  private static final int K_BLOCK = 256;

  private Gemm() {
  }

  /** {@code float32} GEMM; see the class comment for the layout. */
  public static void gemm(boolean ta, boolean tb, int m, int n, int k, float[] a, float[] b, float[] c,
      boolean accumulate) {
    float[] bn = tb ? transpose(b, n, k) : b;
    run(m, (long) m * n * k, (lo, hi) -> rowsF(ta, m, n, k, a, bn, c, accumulate, lo, hi));
  }

  /** {@code float64} GEMM; see the class comment for the layout. */
  public static void gemm(boolean ta, boolean tb, int m, int n, int k, double[] a, double[] b, double[] c,
      boolean accumulate) {
    double[] bn = tb ? transpose(b, n, k) : b;
    run(m, (long) m * n * k, (lo, hi) -> rowsD(ta, m, n, k, a, bn, c, accumulate, lo, hi));
  }

  private static void rowsF(boolean ta, int m, int n, int k, float[] a, float[] b, float[] c, boolean acc,
      int lo, int hi) {
    if (!acc) {
      java.util.Arrays.fill(c, lo * n, hi * n, 0f);
    }
    for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
      int p1 = Math.min(k, p0 + K_BLOCK);
      for (int i = lo; i < hi; i++) {
        int ci = i * n;
        for (int p = p0; p < p1; p++) {
          float aip = ta ? a[p * m + i] : a[i * k + p];
          int bp = p * n;
          for (int j = 0; j < n; j++) {
            c[ci + j] += aip * b[bp + j];
          }
        }
      }
    }
  }

  private static void rowsD(boolean ta, int m, int n, int k, double[] a, double[] b, double[] c, boolean acc,
      int lo, int hi) {
    if (!acc) {
      java.util.Arrays.fill(c, lo * n, hi * n, 0.0);
    }
    for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
      int p1 = Math.min(k, p0 + K_BLOCK);
      for (int i = lo; i < hi; i++) {
        int ci = i * n;
        for (int p = p0; p < p1; p++) {
          double aip = ta ? a[p * m + i] : a[i * k + p];
          int bp = p * n;
          for (int j = 0; j < n; j++) {
            c[ci + j] += aip * b[bp + j];
          }
        }
      }
    }
  }

  private static float[] transpose(float[] src, int rows, int cols) {
    float[] out = new float[src.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[c * rows + r] = src[r * cols + c];
      }
    }
    return out;
  }

  private static double[] transpose(double[] src, int rows, int cols) {
    double[] out = new double[src.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[c * rows + r] = src[r * cols + c];
      }
    }
    return out;
  }

  @FunctionalInterface
  private interface RowRange {
    void compute(int lo, int hi);
  }

  /** nn4j's own pool: the common pool has one thread fewer than the machine has cores. */
  private static final class Pool {
    static final ForkJoinPool INSTANCE = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
  }

  private static void run(int m, long work, RowRange body) {
    int threads = Runtime.getRuntime().availableProcessors();
    if (work < PARALLEL_THRESHOLD || threads < 2 || m < 2 * MIN_ROWS_PER_TASK) {
      body.compute(0, m);
      return;
    }
    int tasks = Math.min(threads * 2, m / MIN_ROWS_PER_TASK);
    Pool.INSTANCE.invoke(new Split(body, 0, m, Math.max(MIN_ROWS_PER_TASK, (m + tasks - 1) / tasks)));
  }

  private static final class Split extends RecursiveAction {
    private static final long serialVersionUID = 1L;
    private final transient RowRange body;
    private final int lo;
    private final int hi;
    private final int grain;

    Split(RowRange body, int lo, int hi, int grain) {
      this.body = body;
      this.lo = lo;
      this.hi = hi;
      this.grain = grain;
    }

    @Override
    protected void compute() {
      if (hi - lo <= grain) {
        body.compute(lo, hi);
        return;
      }
      int mid = (lo + hi) >>> 1;
      invokeAll(new Split(body, lo, mid, grain), new Split(body, mid, hi, grain));
    }
  }
}
