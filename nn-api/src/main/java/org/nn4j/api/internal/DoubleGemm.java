package org.nn4j.api.internal;

/**
 * The cache-blocked {@code float64} GEMM driver in the BLIS arrangement, shared by the Vector API kernel and
 * the plain-Java one: B is packed into {@link #NR}-wide panels, A into {@link #MR}-tall panels, and a
 * {@link DoubleKernel} computes one tile of C from one panel of each.
 *
 * <p>The blocking sizes are constants, never derived from the thread count, because the k-blocks fix the order
 * in which each element of C is summed.
 */
final class DoubleGemm {
  /** Rows of a micro-tile: with two 4-lane vectors per row, 12 accumulators fill 12 of 16 AVX registers. */
  static final int MR = 6;
  /** Columns of a micro-tile: two 256-bit vectors of 4 doubles. */
  static final int NR = 8;
  /** Depth of a k-block: an A panel (12 KiB) and a B panel (16 KiB) stay in the level-1 cache together. */
  static final int KC = 256;
  /** Rows of A packed at once: 72·256 doubles (144 KiB) stay in the level-2 cache. */
  static final int MC = 72;
  /** Columns of B packed at once: 1024·256 doubles (2 MiB) in the level-3 cache. */
  static final int NC = 1024;

  /** Packing buffers per thread, so that a warm GEMM allocates nothing. */
  private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

  /** The plain-Java kernel: the same fused multiply-adds as the vector kernel, one lane at a time. */
  static final DoubleKernel SCALAR = DoubleGemm::scalarKernel;

  private DoubleGemm() {
  }

  /**
   * Computes rows {@code i0 … i1-1} and columns {@code j0 … j1-1} of C; the layout of the arguments is that of
   * {@link Gemm#gemm(boolean, boolean, int, int, int, double[], double[], double[], boolean)}, and {@code k > 0}.
   */
  static void compute(DoubleKernel kernel, boolean ta, boolean tb, int m, int n, int k, double[] a, double[] b,
      double[] c, boolean accumulate, int i0, int i1, int j0, int j1) {
    Buffers buf = BUFFERS.get();
    for (int jc = j0; jc < j1; jc += NC) {
      int nc = Math.min(NC, j1 - jc);
      for (int pc = 0; pc < k; pc += KC) {
        int kc = Math.min(KC, k - pc);
        double[] bp = buf.b(kc * roundUp(nc, NR));
        packB(tb, n, k, b, pc, kc, jc, nc, bp);
        boolean overwrite = !accumulate && pc == 0;
        for (int ic = i0; ic < i1; ic += MC) {
          int mc = Math.min(MC, i1 - ic);
          double[] ap = buf.a(kc * roundUp(mc, MR));
          packA(ta, m, k, a, ic, mc, pc, kc, ap);
          // A B panel is reused from level 1 across all A panels of the block, so it is the outer loop.
          for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            for (int ir = 0; ir < mc; ir += MR) {
              kernel.compute(kc, ap, ir * kc, bp, jr * kc, c, (ic + ir) * n + jc + jr, n,
                  Math.min(MR, mc - ir), nr, overwrite, buf.tile);
            }
          }
        }
      }
    }
  }

  static int roundUp(int x, int multiple) {
    return (x + multiple - 1) / multiple * multiple;
  }

  /** Packs op(B)[pc…pc+kc, jc…jc+nc] as panels of {@code NR} columns, padding the last with zeros. */
  private static void packB(boolean tb, int n, int k, double[] b, int pc, int kc, int jc, int nc, double[] bp) {
    for (int jr = 0; jr < nc; jr += NR) {
      int nr = Math.min(NR, nc - jr);
      int base = jr * kc;
      if (tb) {
        // B is stored n×k: read each of its rows along p, write them as columns of the panel.
        for (int j = 0; j < nr; j++) {
          int src = (jc + jr + j) * k + pc;
          for (int p = 0; p < kc; p++) {
            bp[base + p * NR + j] = b[src + p];
          }
        }
      } else {
        for (int p = 0; p < kc; p++) {
          System.arraycopy(b, (pc + p) * n + jc + jr, bp, base + p * NR, nr);
        }
      }
      if (nr < NR) {
        for (int p = 0; p < kc; p++) {
          java.util.Arrays.fill(bp, base + p * NR + nr, base + (p + 1) * NR, 0.0);
        }
      }
    }
  }

  /** Packs op(A)[ic…ic+mc, pc…pc+kc] as panels of {@code MR} rows, padding the last with zeros. */
  private static void packA(boolean ta, int m, int k, double[] a, int ic, int mc, int pc, int kc, double[] ap) {
    for (int ir = 0; ir < mc; ir += MR) {
      int mr = Math.min(MR, mc - ir);
      int base = ir * kc;
      if (ta) {
        // A is stored k×m: the panel's rows are contiguous runs of a row of A.
        for (int p = 0; p < kc; p++) {
          System.arraycopy(a, (pc + p) * m + ic + ir, ap, base + p * MR, mr);
        }
      } else {
        for (int i = 0; i < mr; i++) {
          int src = (ic + ir + i) * k + pc;
          for (int p = 0; p < kc; p++) {
            ap[base + p * MR + i] = a[src + p];
          }
        }
      }
      if (mr < MR) {
        for (int p = 0; p < kc; p++) {
          java.util.Arrays.fill(ap, base + p * MR + mr, base + (p + 1) * MR, 0.0);
        }
      }
    }
  }

  private static void scalarKernel(int kc, double[] ap, int ao, double[] bp, int bo, double[] c, int co, int ldc,
      int mr, int nr, boolean overwrite, double[] tile) {
    java.util.Arrays.fill(tile, 0.0);
    for (int p = 0; p < kc; p++) {
      int ai = ao + p * MR;
      int bi = bo + p * NR;
      for (int i = 0; i < MR; i++) {
        double av = ap[ai + i];
        int t = i * NR;
        for (int j = 0; j < NR; j++) {
          tile[t + j] = Math.fma(av, bp[bi + j], tile[t + j]);
        }
      }
    }
    store(tile, c, co, ldc, mr, nr, overwrite);
  }

  /** Writes the inside part of a finished tile to C. */
  static void store(double[] tile, double[] c, int co, int ldc, int mr, int nr, boolean overwrite) {
    for (int i = 0; i < mr; i++) {
      int t = i * NR;
      int ci = co + i * ldc;
      if (overwrite) {
        System.arraycopy(tile, t, c, ci, nr);
      } else {
        for (int j = 0; j < nr; j++) {
          c[ci + j] += tile[t + j];
        }
      }
    }
  }

  /** One thread's packing buffers, grown on demand and kept. */
  private static final class Buffers {
    private double[] a = new double[0];
    private double[] b = new double[0];
    final double[] tile = new double[MR * NR];

    double[] a(int size) {
      if (a.length < size) {
        a = new double[size];
      }
      return a;
    }

    double[] b(int size) {
      if (b.length < size) {
        b = new double[size];
      }
      return b;
    }
  }
}
