package org.nn4j.api.internal;

/**
 * The cache-blocked {@code float64} GEMM driver in the BLIS arrangement, shared by the Vector API kernel and
 * the plain-Java one: B is packed into {@link #NR}-wide panels, A into {@link #MR}-tall panels, and a
 * {@link DoubleKernel} computes one tile of C from one panel of each. The last few columns of some shapes are
 * computed apart, as a tail ({@link #tailColumns}).
 *
 * <p>The blocking sizes are constants, never derived from the thread count, because the k-blocks fix the order
 * in which each element of C is summed.
 */
final class DoubleGemm {
  /**
   * Rows of a micro-tile: with two 4-lane vectors per row, 12 accumulators fill 12 of the 16 AVX registers; with
   * three 8-lane vectors, 18 of the 32 AVX-512 ones.
   */
  static final int MR = 6;
  /** Columns of a micro-tile: two vectors of 4 doubles (256-bit), or three of 8 on 512-bit hardware. */
  static final int NR = Gemm.doubleLanes() == 8 ? 24 : 2 * Gemm.doubleLanes();
  /** Depth of a k-block, as for {@link FloatGemm#KC}: a B panel of up to 192 KiB, read from level 2. */
  static final int KC = 1024;
  /** Rows of A packed at once: 72·1024 doubles (576 KiB) stay in the level-2 cache. */
  static final int MC = 72;
  /** Columns of B packed at once, whole panels: about 1024·1024 doubles (8 MiB) in the level-3 cache. */
  static final int NC = 1024 / NR * NR;
  /** The partial sums of a tail column's dot products: see {@link DoubleKernel#dotTail}. */
  static final int TAIL_PARTIALS = 8;
  /**
   * The widest tail. Each tail column costs its own pass over A and the adding up of its partial sums, so wide
   * tails save less; 4 is a judgement, not a measured optimum.
   */
  static final int TAIL_MAX = 4;
  /** The shallowest product with a tail. */
  static final int TAIL_MIN_DEPTH = 64;
  /** Values of a thread's scratch for the tail methods. */
  static final int TAIL_SCRATCH = 8 * TAIL_PARTIALS;

  /** Steps of p the plain-Java kernel takes over one part of a B panel before the next (32 KiB of it). */
  private static final int SCALAR_CHUNK = 4096 / NR;
  /** Packing buffers per thread, so that a warm GEMM allocates nothing. */
  private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

  /** The plain-Java kernel: the same fused multiply-adds as the vector kernel, one lane at a time. */
  static final DoubleKernel SCALAR = new DoubleKernel() {
    @Override
    public void compute(int kc, double[] a, int ao, int rowStride, int stepStride, double[] bp, int bo, double[] c,
        int co, int ldc, int mr, int nr, boolean overwrite, double[] tile) {
      scalarKernel(kc, a, ao, rowStride, stepStride, bp, bo, c, co, ldc, mr, nr, overwrite, tile);
    }

    @Override
    public void dotTail(int k, double[] a, int ao, int lda, int rows, double[] bt, int bo, int cols, double[] c,
        int co, int ldc, boolean overwrite, double[] scratch) {
      scalarDotTail(k, a, ao, lda, rows, bt, bo, cols, c, co, ldc, overwrite, scratch);
    }

    @Override
    public void columnTail(int k, double[] a, int ao, int lda, int rows, double[] bt, int bo, int cols, double[] c,
        int co, int ldc, boolean overwrite, double[] scratch) {
      scalarColumnTail(k, a, ao, lda, rows, bt, bo, cols, c, co, ldc, overwrite);
    }
  };

  private DoubleGemm() {
  }

  /**
   * Computes rows {@code i0 … i1-1} and columns {@code j0 … j1-1} of C; the layout of the arguments is that of
   * {@link Gemm#gemm(boolean, boolean, int, int, int, double[], double[], double[], boolean)}, and {@code k > 0}.
   * With {@code packA} the blocks of A are copied into a contiguous buffer first; otherwise A is read where it
   * is stored, which saves the copy when each sliver of A meets few panels of B.
   */
  static void compute(DoubleKernel kernel, boolean ta, boolean tb, int m, int n, int k, double[] a, double[] b,
      double[] c, boolean accumulate, boolean packA, int i0, int i1, int j0, int j1) {
    Buffers buf = BUFFERS.get();
    // The tail columns, if any, are the last of C, and whichever band of columns holds them computes them.
    int tailStart = n - tailColumns(n, k);
    if (j1 > tailStart) {
      computeTail(kernel, ta, tb, m, n, k, a, b, c, accumulate, i0, i1, Math.max(j0, tailStart), j1, buf);
      j1 = Math.max(j0, tailStart);
    }
    // Equal k-blocks of at most KC, rather than full ones and a thin remainder whose tiles are mostly overhead.
    int kBlock = blockDepth(k);
    for (int jc = j0; jc < j1; jc += NC) {
      int nc = Math.min(NC, j1 - jc);
      for (int pc = 0; pc < k; pc += kBlock) {
        int kc = Math.min(kBlock, k - pc);
        double[] bp = buf.b(kc * roundUp(nc, NR));
        packB(tb, n, k, b, pc, kc, jc, nc, bp);
        boolean overwrite = !accumulate && pc == 0;
        for (int ic = i0; ic < i1; ic += MC) {
          int mc = Math.min(MC, i1 - ic);
          // Where row r, step p of the block lies: in a packed copy, slivers of MR rows with MR values per step
          // of p; read in place, rows of k values (a row-major A) or steps of m values (a transposed A).
          double[] ab;
          int ao;
          int rowStride;
          int stepStride;
          int sliverStride;
          // A transposed A read in place has no row past its last to read, so a last, short sliver is packed.
          int edge = mc - mc % MR;
          if (packA) {
            ab = buf.a(kc * roundUp(mc, MR));
            packA(ta, m, k, a, ic, mc, pc, kc, ab);
            ao = 0;
            rowStride = 1;
            stepStride = MR;
            sliverStride = MR * kc;
          } else if (ta) {
            ab = a;
            ao = pc * m + ic;
            rowStride = 1;
            stepStride = m;
            sliverStride = MR;
            if (edge < mc) {
              packA(true, m, k, a, ic + edge, mc - edge, pc, kc, buf.a(kc * MR));
            }
          } else {
            ab = a;
            ao = ic * k + pc;
            rowStride = k;
            stepStride = 1;
            sliverStride = MR * k;
          }
          // Each B panel is reused from the cache across all the A slivers of the block, so its loop is outside.
          for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            for (int ir = 0, ai = ao; ir < mc; ir += MR, ai += sliverStride) {
              int co = (ic + ir) * n + jc + jr;
              int mr = Math.min(MR, mc - ir);
              if (!packA && ta && ir == edge) {
                kernel.compute(kc, buf.a(0), 0, 1, MR, bp, jr * kc, c, co, n, mr, nr, overwrite, buf.tile);
              } else {
                kernel.compute(kc, ab, ai, rowStride, stepStride, bp, jr * kc, c, co, n, mr, nr, overwrite, buf.tile);
              }
            }
          }
        }
      }
    }
  }

  /**
   * How many of C's last columns are computed as a tail rather than in a padded panel: a width just past a
   * multiple of {@link #TAIL_PARTIALS}, such as the book's 50, would otherwise spend a panel on its last 2
   * columns. Narrow or shallow products have no tail: there the padding costs less than the dot products' sums.
   * It depends on the shape alone, so every kernel and thread count sums the same elements the same way.
   */
  static int tailColumns(int n, int k) {
    int tail = n % TAIL_PARTIALS;
    return n > 2 * TAIL_PARTIALS && tail <= TAIL_MAX && k >= TAIL_MIN_DEPTH ? tail : 0;
  }

  /**
   * Computes rows {@code i0 … i1-1} of tail columns {@code t0 … t1-1} with the kernel's tail methods, over all
   * of k. Those columns of B are copied into rows first unless B is stored transposed, where they already are.
   */
  private static void computeTail(DoubleKernel kernel, boolean ta, boolean tb, int m, int n, int k, double[] a,
      double[] b, double[] c, boolean accumulate, int i0, int i1, int t0, int t1, Buffers buf) {
    int cols = t1 - t0;
    double[] bt = b;
    int bo = t0 * k;
    if (!tb) {
      bt = buf.bt(cols * k);
      bo = 0;
      for (int p = 0; p < k; p++) {
        for (int j = 0; j < cols; j++) {
          bt[j * k + p] = b[p * n + t0 + j];
        }
      }
    }
    int co = i0 * n + t0;
    if (ta) {
      kernel.columnTail(k, a, i0, m, i1 - i0, bt, bo, cols, c, co, n, !accumulate, buf.tailScratch);
    } else {
      kernel.dotTail(k, a, i0 * k, k, i1 - i0, bt, bo, cols, c, co, n, !accumulate, buf.tailScratch);
    }
  }

  /** The depth of the k-blocks for a product of depth {@code k}: it depends on k alone, never on threads. */
  static int blockDepth(int k) {
    int blocks = (k + KC - 1) / KC;
    return (k + blocks - 1) / blocks;
  }

  static int roundUp(int x, int multiple) {
    return (x + multiple - 1) / multiple * multiple;
  }

  /**
   * Packs op(B)[pc…pc+kc, jc…jc+nc] as panels of {@code NR} columns. The slots of a last, narrow panel past the
   * edge of C keep whatever they held: they only reach columns of the tile that are never stored, and filling
   * them cost more than the rest of the packing of a narrow B.
   */
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
    }
  }

  /** Packs op(A)[ic…ic+mc, pc…pc+kc] as panels of {@code MR} rows, padding the last with zeros. */
  private static void packA(boolean ta, int m, int k, double[] a, int ic, int mc, int pc, int kc, double[] ap) {
    for (int ir = 0; ir < mc; ir += MR) {
      int mr = Math.min(MR, mc - ir);
      int base = ir * kc;
      if (ta && mr == MR) {
        // A is stored k×m: each step of the sliver is a run of MR values of a row of A, copied one by one
        // (a call of arraycopy per six values costs more than the copy).
        for (int p = 0, src = pc * m + ic + ir, dst = base; p < kc; p++, src += m, dst += MR) {
          ap[dst] = a[src];
          ap[dst + 1] = a[src + 1];
          ap[dst + 2] = a[src + 2];
          ap[dst + 3] = a[src + 3];
          ap[dst + 4] = a[src + 4];
          ap[dst + 5] = a[src + 5];
        }
      } else if (ta) {
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

  /**
   * The plain-Java kernel, given packed slivers only (rows next to each other, {@code MR} values per step, see
   * {@link Gemm}): its loads are then at fixed offsets from one index, and C2 checks their bounds once per step.
   * C2 does not vectorize these loops, so it works in 3×4 sub-tiles whose twelve sums stay in registers,
   * skipping sub-tiles that lie wholly outside C; each element still takes its fused multiply-adds in the
   * order of {@code p}. The steps go in chunks of {@link #SCALAR_CHUNK}, so that the part of the B panel the
   * sub-tiles read in turn stays in the level-1 cache; a sub-tile's sums wait in the scratch tile between
   * chunks, exactly as they were.
   */
  private static void scalarKernel(int kc, double[] a, int ao, int rowStride, int stepStride, double[] bp, int bo,
      double[] c, int co, int ldc, int mr, int nr, boolean overwrite, double[] tile) {
    for (int p0 = 0; p0 < kc; p0 += SCALAR_CHUNK) {
      int p1 = Math.min(kc, p0 + SCALAR_CHUNK);
      boolean first = p0 == 0;
      for (int i0 = 0; i0 < mr; i0 += 3) {
        for (int j0 = 0; j0 < nr; j0 += 4) {
          int t = i0 * NR + j0;
          double c00 = first ? 0 : tile[t];
          double c01 = first ? 0 : tile[t + 1];
          double c02 = first ? 0 : tile[t + 2];
          double c03 = first ? 0 : tile[t + 3];
          double c10 = first ? 0 : tile[t + NR];
          double c11 = first ? 0 : tile[t + NR + 1];
          double c12 = first ? 0 : tile[t + NR + 2];
          double c13 = first ? 0 : tile[t + NR + 3];
          double c20 = first ? 0 : tile[t + 2 * NR];
          double c21 = first ? 0 : tile[t + 2 * NR + 1];
          double c22 = first ? 0 : tile[t + 2 * NR + 2];
          double c23 = first ? 0 : tile[t + 2 * NR + 3];
          int bi = bo + p0 * NR + j0;
          for (int p = p0, ai = ao + p0 * MR + i0; p < p1; p++, ai += MR, bi += NR) {
            double a0 = a[ai];
            double a1 = a[ai + 1];
            double a2 = a[ai + 2];
            double b0 = bp[bi];
            double b1 = bp[bi + 1];
            double b2 = bp[bi + 2];
            double b3 = bp[bi + 3];
            c00 = Math.fma(a0, b0, c00);
            c01 = Math.fma(a0, b1, c01);
            c02 = Math.fma(a0, b2, c02);
            c03 = Math.fma(a0, b3, c03);
            c10 = Math.fma(a1, b0, c10);
            c11 = Math.fma(a1, b1, c11);
            c12 = Math.fma(a1, b2, c12);
            c13 = Math.fma(a1, b3, c13);
            c20 = Math.fma(a2, b0, c20);
            c21 = Math.fma(a2, b1, c21);
            c22 = Math.fma(a2, b2, c22);
            c23 = Math.fma(a2, b3, c23);
          }
          tile[t] = c00;
          tile[t + 1] = c01;
          tile[t + 2] = c02;
          tile[t + 3] = c03;
          tile[t + NR] = c10;
          tile[t + NR + 1] = c11;
          tile[t + NR + 2] = c12;
          tile[t + NR + 3] = c13;
          tile[t + 2 * NR] = c20;
          tile[t + 2 * NR + 1] = c21;
          tile[t + 2 * NR + 2] = c22;
          tile[t + 2 * NR + 3] = c23;
        }
      }
    }
    store(tile, c, co, ldc, mr, nr, overwrite);
  }

  /** The plain-Java {@link DoubleKernel#dotTail}: each partial sum in its own slot of the scratch. */
  private static void scalarDotTail(int k, double[] a, int ao, int lda, int rows, double[] bt, int bo, int cols,
      double[] c, int co, int ldc, boolean overwrite, double[] partial) {
    for (int r = 0; r < rows; r++) {
      int ar = ao + r * lda;
      for (int j = 0; j < cols; j++) {
        int br = bo + j * k;
        java.util.Arrays.fill(partial, 0, TAIL_PARTIALS, 0.0);
        for (int p = 0; p < k; p++) {
          int l = p % TAIL_PARTIALS;
          partial[l] = Math.fma(a[ar + p], bt[br + p], partial[l]);
        }
        storeTail(sumPartials(partial, 0), c, co + r * ldc + j, overwrite);
      }
    }
  }

  /** Adds up the {@link #TAIL_PARTIALS} partial sums from {@code offset} in their fixed order. */
  static double sumPartials(double[] partial, int offset) {
    double sum = partial[offset];
    for (int l = 1; l < TAIL_PARTIALS; l++) {
      sum += partial[offset + l];
    }
    return sum;
  }

  /** Stores or adds one finished tail element. */
  static void storeTail(double sum, double[] c, int ci, boolean overwrite) {
    c[ci] = overwrite ? sum : c[ci] + sum;
  }

  /** The plain-Java {@link DoubleKernel#columnTail}. */
  private static void scalarColumnTail(int k, double[] a, int ao, int lda, int rows, double[] bt, int bo, int cols,
      double[] c, int co, int ldc, boolean overwrite) {
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < cols; j++) {
        double sum = 0.0;
        for (int p = 0, ai = ao + r, bi = bo + j * k; p < k; p++, ai += lda, bi++) {
          sum = Math.fma(a[ai], bt[bi], sum);
        }
        storeTail(sum, c, co + r * ldc + j, overwrite);
      }
    }
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
    private double[] bt = new double[0];
    final double[] tile = new double[MR * NR];
    final double[] tailScratch = new double[TAIL_SCRATCH];

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

    double[] bt(int size) {
      if (bt.length < size) {
        bt = new double[size];
      }
      return bt;
    }
  }
}
