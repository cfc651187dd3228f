package org.nn4j.api.internal;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The micro-kernels on the incubating Vector API: a 6×16 {@code float32} tile and a 6×8 {@code float64} tile
 * in twelve vector accumulators, or, where the hardware has 512-bit vectors, 6×48 and 6×24 tiles in eighteen,
 * updated with fused multiply-adds. Each comes in the layouts the driver passes: a sliver whose rows are next
 * to each other ({@code PackedKernel}), rows of a row-major A read in place ({@code RowsKernel}), and narrower
 * tiles for the last panel of C (two vectors wide, and {@code HalfKernel}).
 * The tail methods compute the last few columns of a C just wider than a multiple of 16 (float32) or 8
 * (float64), such as the book's 50, without a panel: as dot products along the rows of A, or, for a
 * transposed A, with vectors down its columns.
 *
 * <p>The only class that names {@code jdk.incubator.vector}: {@link Gemm} loads it by name, and only when that
 * module is in the boot layer, so that the rest of nn-api runs on a JVM started without it. Each lane takes the
 * same {@code Math.fma} steps as {@link FloatGemm#SCALAR} and {@link DoubleGemm#SCALAR}, so the results are
 * the same bits.
 */
final class VectorKernels {
  /**
   * 512-bit float vectors where the hardware has them (AVX-512), else 256-bit: a tile is three vectors wide
   * (48 columns) or two (16 columns). Each lane does the same fused multiply-adds either way, so the width
   * changes the speed, never the result.
   */
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512
      ? FloatVector.SPECIES_512 : FloatVector.SPECIES_256;
  /** Lanes of one float vector; {@link FloatGemm#NR} is three times this with 16 lanes, else twice. */
  static final int FLOAT_LANES = F.length();
  private static final int FL = FLOAT_LANES;
  /** 512-bit double vectors where the hardware has them, else 256-bit, as for floats. */
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 512
      ? DoubleVector.SPECIES_512 : DoubleVector.SPECIES_256;
  /** Lanes of one double vector; {@link DoubleGemm#NR} is three times this with 8 lanes, else twice. */
  static final int DOUBLE_LANES = D.length();
  private static final int DL = DOUBLE_LANES;

  /** The {@code float32} kernel. */
  static final FloatKernel FLOAT = new FloatKernel() {
    @Override
    public void compute(int kc, float[] a, int ao, int rowStride, int stepStride, float[] bp, int bo, float[] c,
        int co, int ldc, int mr, int nr, boolean overwrite, float[] tile) {
      floatKernel(kc, a, ao, rowStride, stepStride, bp, bo, c, co, ldc, mr, nr, overwrite, tile);
    }

    @Override
    public void dotTail(int k, float[] a, int ao, int lda, int rows, float[] bt, int bo, int cols, float[] c,
        int co, int ldc, boolean overwrite, float[] scratch) {
      floatDotTail(k, a, ao, lda, rows, bt, bo, cols, c, co, ldc, overwrite, scratch);
    }

    @Override
    public void columnTail(int k, float[] a, int ao, int lda, int rows, float[] bt, int bo, int cols, float[] c,
        int co, int ldc, boolean overwrite, float[] scratch) {
      floatColumnTail(k, a, ao, lda, rows, bt, bo, cols, c, co, ldc, overwrite, scratch);
    }
  };
  /** The {@code float64} kernel. */
  static final DoubleKernel DOUBLE = new DoubleKernel() {
    @Override
    public void compute(int kc, double[] a, int ao, int rowStride, int stepStride, double[] bp, int bo, double[] c,
        int co, int ldc, int mr, int nr, boolean overwrite, double[] tile) {
      doubleKernel(kc, a, ao, rowStride, stepStride, bp, bo, c, co, ldc, mr, nr, overwrite, tile);
    }

    @Override
    public void dotTail(int k, double[] a, int ao, int lda, int rows, double[] bt, int bo, int cols, double[] c,
        int co, int ldc, boolean overwrite, double[] scratch) {
      doubleDotTail(k, a, ao, lda, rows, bt, bo, cols, c, co, ldc, overwrite, scratch);
    }

    @Override
    public void columnTail(int k, double[] a, int ao, int lda, int rows, double[] bt, int bo, int cols, double[] c,
        int co, int ldc, boolean overwrite, double[] scratch) {
      doubleColumnTail(k, a, ao, lda, rows, bt, bo, cols, c, co, ldc, overwrite, scratch);
    }
  };

  /** The classes of {@link #F}'s and {@link #D}'s vectors, constants for {@link #exact(FloatVector)}. */
  private static final Class<?> F_CLASS = F.vectorType();
  private static final Class<?> D_CLASS = D.vectorType();

  private VectorKernels() {
  }

  /**
   * {@code v}, cast to the class its vectors have. Each kernel ends by storing its accumulators, and C2 does not
   * always know their class after the loop. It then looked the class up in the type profile of
   * {@code intoArray}, and where that profile had no counts it compiled the store as a call that boxed the
   * vector, for the rest of the run. Cast to a constant class, the store compiles the same way every time.
   * (Stores made at start-up to fill the profile did not always help: in one measurement, 2 runs in 20 of
   * 784-512-512-10 still boxed.)
   */
  private static FloatVector exact(FloatVector v) {
    return (FloatVector) F_CLASS.cast(v);
  }

  /** {@code v}, cast to the class its vectors have: see {@link #exact(FloatVector)}. */
  private static DoubleVector exact(DoubleVector v) {
    return (DoubleVector) D_CLASS.cast(v);
  }

  /**
   * Whether the hardware runs 256-bit vectors natively; where it does not, the Vector API would emulate them
   * far slower than the plain-Java kernel.
   */
  static boolean usable() {
    return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
  }

  private static void floatKernel(int kc, float[] a, int ao, int rowStride, int stepStride, float[] bp, int bo,
      float[] c, int co, int ldc, int mr, int nr, boolean overwrite, float[] tile) {
    // The kernels are given an even number of steps of p, and an odd last step is added to the tile here. With a
    // single step after their loop, C2 compiled the kernels, in some runs, past its limit on inlined nodes; it
    // then left the last stores as calls that boxed the accumulators, for the rest of the run.
    int pairs = kc & ~1;
    if (nr <= FL) {
      floatHalfKernel(pairs, a, ao, rowStride, stepStride, bp, bo, mr, tile);
      if (pairs < kc) {
        floatLastStep(pairs, a, ao, rowStride, stepStride, bp, bo, mr, nr, tile);
      }
      FloatGemm.store(tile, c, co, ldc, mr, nr, overwrite);
      return;
    }
    if (nr > 2 * FL) {
      if (stepStride == 1) {
        floatRows3Kernel(pairs, a, ao, rowStride, bp, bo, mr, tile);
      } else {
        floatPacked3Kernel(pairs, a, ao, stepStride, bp, bo, tile);
      }
    } else if (stepStride == 1) {
      floatRowsKernel(pairs, a, ao, rowStride, bp, bo, mr, tile);
    } else {
      floatPackedKernel(pairs, a, ao, stepStride, bp, bo, tile);
    }
    if (pairs < kc) {
      floatLastStep(pairs, a, ao, rowStride, stepStride, bp, bo, mr, nr, tile);
    }
    // The tile is stored here rather than in the kernels: inlined into one of them, the store's vector code
    // crowds the registers of its loop and slows it by a quarter.
    if (mr == FloatGemm.MR && nr == FloatGemm.NR) {
      storeTile(tile, c, co, ldc, overwrite);
    } else {
      FloatGemm.store(tile, c, co, ldc, mr, nr, overwrite);
    }
  }

  /**
   * Adds step {@code p} of the sliver to the tile a lane at a time, with the fused multiply-add each vector
   * lane would have taken: the last step of an odd {@code kc}, which the kernels leave out.
   */
  private static void floatLastStep(int p, float[] a, int ao, int rowStride, int stepStride, float[] bp, int bo,
      int mr, int nr, float[] tile) {
    int ai = ao + p * stepStride;
    int bi = bo + p * FloatGemm.NR;
    for (int r = 0; r < mr; r++) {
      float x = a[ai + r * rowStride];
      int t = r * FloatGemm.NR;
      for (int j = 0; j < nr; j++) {
        tile[t + j] = Math.fma(x, bp[bi + j], tile[t + j]);
      }
    }
  }

  /**
   * The kernel for a sliver read in place from a row-major A, each row a run of {@code kc} values: every
   * load is at a fixed offset from {@code p}, so C2 moves the bounds checks out of the loop.
   */
  private static void floatRowsKernel(int kc, float[] a, int ao, int rowStride, float[] bp, int bo, int mr,
      float[] tile) {
    // Where rows 1 to 5 of the sliver start, relative to row 0; rows past the edge of C repeat the last one
    // inside it. The loop counts along row 0, so that every load is the counter plus a fixed offset.
    int last = mr - 1;
    int r1 = Math.min(1, last) * rowStride;
    int r2 = Math.min(2, last) * rowStride;
    int r3 = Math.min(3, last) * rowStride;
    int r4 = Math.min(4, last) * rowStride;
    int r5 = Math.min(5, last) * rowStride;
    FloatVector c00 = FloatVector.zero(F);
    FloatVector c01 = c00;
    FloatVector c10 = c00;
    FloatVector c11 = c00;
    FloatVector c20 = c00;
    FloatVector c21 = c00;
    FloatVector c30 = c00;
    FloatVector c31 = c00;
    FloatVector c40 = c00;
    FloatVector c41 = c00;
    FloatVector c50 = c00;
    FloatVector c51 = c00;
    int bi = bo;
    int q = ao;
    int end = ao + kc;
    // Two steps of p per trip: C2 does not unroll a loop this large by itself.
    for (; q + 1 < end; q += 2, bi += 2 * FloatGemm.NR) {
      FloatVector b0 = FloatVector.fromArray(F, bp, bi);
      FloatVector b1 = FloatVector.fromArray(F, bp, bi + FL);
      FloatVector x = FloatVector.broadcast(F, a[q]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = FloatVector.broadcast(F, a[q + r1]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = FloatVector.broadcast(F, a[q + r2]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = FloatVector.broadcast(F, a[q + r3]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      x = FloatVector.broadcast(F, a[q + r4]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      x = FloatVector.broadcast(F, a[q + r5]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
      b0 = FloatVector.fromArray(F, bp, bi + FloatGemm.NR);
      b1 = FloatVector.fromArray(F, bp, bi + FloatGemm.NR + FL);
      x = FloatVector.broadcast(F, a[q + 1]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = FloatVector.broadcast(F, a[q + 1 + r1]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = FloatVector.broadcast(F, a[q + 1 + r2]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = FloatVector.broadcast(F, a[q + 1 + r3]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      x = FloatVector.broadcast(F, a[q + 1 + r4]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      x = FloatVector.broadcast(F, a[q + 1 + r5]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
    }
    // The accumulators go to the scratch tile, which the caller stores: storing them straight into C from here
    // inlines so many vector nodes that C2 stops inlining and boxes the vectors.
    exact(c00).intoArray(tile, 0);
    exact(c01).intoArray(tile, FL);
    exact(c10).intoArray(tile, 1 * FloatGemm.NR);
    exact(c11).intoArray(tile, 1 * FloatGemm.NR + FL);
    exact(c20).intoArray(tile, 2 * FloatGemm.NR);
    exact(c21).intoArray(tile, 2 * FloatGemm.NR + FL);
    exact(c30).intoArray(tile, 3 * FloatGemm.NR);
    exact(c31).intoArray(tile, 3 * FloatGemm.NR + FL);
    exact(c40).intoArray(tile, 4 * FloatGemm.NR);
    exact(c41).intoArray(tile, 4 * FloatGemm.NR + FL);
    exact(c50).intoArray(tile, 5 * FloatGemm.NR);
    exact(c51).intoArray(tile, 5 * FloatGemm.NR + FL);
  }

  /**
   * The kernel for a sliver whose rows are next to each other, each step of p {@code stepStride} further on: a
   * packed sliver (FloatGemm.MR), or a transposed A read in place. A step's six loads are at fixed offsets from one
   * index, so one bounds check covers them.
   */
  private static void floatPackedKernel(int kc, float[] ap, int ao, int stepStride, float[] bp, int bo,
      float[] tile) {
    FloatVector c00 = FloatVector.zero(F);
    FloatVector c01 = c00;
    FloatVector c10 = c00;
    FloatVector c11 = c00;
    FloatVector c20 = c00;
    FloatVector c21 = c00;
    FloatVector c30 = c00;
    FloatVector c31 = c00;
    FloatVector c40 = c00;
    FloatVector c41 = c00;
    FloatVector c50 = c00;
    FloatVector c51 = c00;
    int ai = ao;
    int bi = bo;
    int p = 0;
    // Two steps of p per trip: C2 does not unroll a loop this large by itself.
    for (; p + 1 < kc; p += 2, ai += 2 * stepStride, bi += 2 * FloatGemm.NR) {
      int aj = ai + stepStride;
      FloatVector b0 = FloatVector.fromArray(F, bp, bi);
      FloatVector b1 = FloatVector.fromArray(F, bp, bi + FL);
      FloatVector a = FloatVector.broadcast(F, ap[ai]);
      c00 = a.fma(b0, c00);
      c01 = a.fma(b1, c01);
      a = FloatVector.broadcast(F, ap[ai + 1]);
      c10 = a.fma(b0, c10);
      c11 = a.fma(b1, c11);
      a = FloatVector.broadcast(F, ap[ai + 2]);
      c20 = a.fma(b0, c20);
      c21 = a.fma(b1, c21);
      a = FloatVector.broadcast(F, ap[ai + 3]);
      c30 = a.fma(b0, c30);
      c31 = a.fma(b1, c31);
      a = FloatVector.broadcast(F, ap[ai + 4]);
      c40 = a.fma(b0, c40);
      c41 = a.fma(b1, c41);
      a = FloatVector.broadcast(F, ap[ai + 5]);
      c50 = a.fma(b0, c50);
      c51 = a.fma(b1, c51);
      b0 = FloatVector.fromArray(F, bp, bi + FloatGemm.NR);
      b1 = FloatVector.fromArray(F, bp, bi + FloatGemm.NR + FL);
      a = FloatVector.broadcast(F, ap[aj]);
      c00 = a.fma(b0, c00);
      c01 = a.fma(b1, c01);
      a = FloatVector.broadcast(F, ap[aj + 1]);
      c10 = a.fma(b0, c10);
      c11 = a.fma(b1, c11);
      a = FloatVector.broadcast(F, ap[aj + 2]);
      c20 = a.fma(b0, c20);
      c21 = a.fma(b1, c21);
      a = FloatVector.broadcast(F, ap[aj + 3]);
      c30 = a.fma(b0, c30);
      c31 = a.fma(b1, c31);
      a = FloatVector.broadcast(F, ap[aj + 4]);
      c40 = a.fma(b0, c40);
      c41 = a.fma(b1, c41);
      a = FloatVector.broadcast(F, ap[aj + 5]);
      c50 = a.fma(b0, c50);
      c51 = a.fma(b1, c51);
    }
    // The accumulators go to the scratch tile, which the caller stores: storing them straight into C from here
    // inlines so many vector nodes that C2 stops inlining and boxes the vectors.
    exact(c00).intoArray(tile, 0);
    exact(c01).intoArray(tile, FL);
    exact(c10).intoArray(tile, FloatGemm.NR);
    exact(c11).intoArray(tile, FloatGemm.NR + FL);
    exact(c20).intoArray(tile, 2 * FloatGemm.NR);
    exact(c21).intoArray(tile, 2 * FloatGemm.NR + FL);
    exact(c30).intoArray(tile, 3 * FloatGemm.NR);
    exact(c31).intoArray(tile, 3 * FloatGemm.NR + FL);
    exact(c40).intoArray(tile, 4 * FloatGemm.NR);
    exact(c41).intoArray(tile, 4 * FloatGemm.NR + FL);
    exact(c50).intoArray(tile, 5 * FloatGemm.NR);
    exact(c51).intoArray(tile, 5 * FloatGemm.NR + FL);
  }

  /**
   * {@link #floatRowsKernel} three vectors wide, for 512-bit hardware, whose 32 registers hold its 18
   * accumulators.
   */
  private static void floatRows3Kernel(int kc, float[] a, int ao, int rowStride, float[] bp, int bo, int mr,
      float[] tile) {
    int last = mr - 1;
    int r1 = Math.min(1, last) * rowStride;
    int r2 = Math.min(2, last) * rowStride;
    int r3 = Math.min(3, last) * rowStride;
    int r4 = Math.min(4, last) * rowStride;
    int r5 = Math.min(5, last) * rowStride;
    FloatVector c00 = FloatVector.zero(F);
    FloatVector c01 = c00;
    FloatVector c02 = c00;
    FloatVector c10 = c00;
    FloatVector c11 = c00;
    FloatVector c12 = c00;
    FloatVector c20 = c00;
    FloatVector c21 = c00;
    FloatVector c22 = c00;
    FloatVector c30 = c00;
    FloatVector c31 = c00;
    FloatVector c32 = c00;
    FloatVector c40 = c00;
    FloatVector c41 = c00;
    FloatVector c42 = c00;
    FloatVector c50 = c00;
    FloatVector c51 = c00;
    FloatVector c52 = c00;
    int nr = FloatGemm.NR;
    int bi = bo;
    int end = ao + kc;
    // One step of p per trip. Unrolled to two, as the narrower kernels are, this kernel ran 1.5 times as slow in
    // some runs (C2 past its limit on inlined nodes, it seems); its 18 multiply-adds per trip need no unrolling.
    for (int q = ao; q < end; q++, bi += nr) {
      FloatVector b0 = FloatVector.fromArray(F, bp, bi);
      FloatVector b1 = FloatVector.fromArray(F, bp, bi + FL);
      FloatVector b2 = FloatVector.fromArray(F, bp, bi + 2 * FL);
      FloatVector x = FloatVector.broadcast(F, a[q]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      c02 = x.fma(b2, c02);
      x = FloatVector.broadcast(F, a[q + r1]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      c12 = x.fma(b2, c12);
      x = FloatVector.broadcast(F, a[q + r2]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      c22 = x.fma(b2, c22);
      x = FloatVector.broadcast(F, a[q + r3]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      c32 = x.fma(b2, c32);
      x = FloatVector.broadcast(F, a[q + r4]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      c42 = x.fma(b2, c42);
      x = FloatVector.broadcast(F, a[q + r5]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
      c52 = x.fma(b2, c52);
    }
    exact(c00).intoArray(tile, 0);
    exact(c01).intoArray(tile, FL);
    exact(c02).intoArray(tile, 2 * FL);
    exact(c10).intoArray(tile, nr);
    exact(c11).intoArray(tile, nr + FL);
    exact(c12).intoArray(tile, nr + 2 * FL);
    exact(c20).intoArray(tile, 2 * nr);
    exact(c21).intoArray(tile, 2 * nr + FL);
    exact(c22).intoArray(tile, 2 * nr + 2 * FL);
    exact(c30).intoArray(tile, 3 * nr);
    exact(c31).intoArray(tile, 3 * nr + FL);
    exact(c32).intoArray(tile, 3 * nr + 2 * FL);
    exact(c40).intoArray(tile, 4 * nr);
    exact(c41).intoArray(tile, 4 * nr + FL);
    exact(c42).intoArray(tile, 4 * nr + 2 * FL);
    exact(c50).intoArray(tile, 5 * nr);
    exact(c51).intoArray(tile, 5 * nr + FL);
    exact(c52).intoArray(tile, 5 * nr + 2 * FL);
  }

  /** {@link #floatPackedKernel} three vectors wide: see {@link #floatRows3Kernel}. */
  private static void floatPacked3Kernel(int kc, float[] ap, int ao, int stepStride, float[] bp, int bo,
      float[] tile) {
    FloatVector c00 = FloatVector.zero(F);
    FloatVector c01 = c00;
    FloatVector c02 = c00;
    FloatVector c10 = c00;
    FloatVector c11 = c00;
    FloatVector c12 = c00;
    FloatVector c20 = c00;
    FloatVector c21 = c00;
    FloatVector c22 = c00;
    FloatVector c30 = c00;
    FloatVector c31 = c00;
    FloatVector c32 = c00;
    FloatVector c40 = c00;
    FloatVector c41 = c00;
    FloatVector c42 = c00;
    FloatVector c50 = c00;
    FloatVector c51 = c00;
    FloatVector c52 = c00;
    int nr = FloatGemm.NR;
    int ai = ao;
    int bi = bo;
    // One step of p per trip: see floatRows3Kernel.
    for (int p = 0; p < kc; p++, ai += stepStride, bi += nr) {
      FloatVector b0 = FloatVector.fromArray(F, bp, bi);
      FloatVector b1 = FloatVector.fromArray(F, bp, bi + FL);
      FloatVector b2 = FloatVector.fromArray(F, bp, bi + 2 * FL);
      FloatVector x = FloatVector.broadcast(F, ap[ai]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      c02 = x.fma(b2, c02);
      x = FloatVector.broadcast(F, ap[ai + 1]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      c12 = x.fma(b2, c12);
      x = FloatVector.broadcast(F, ap[ai + 2]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      c22 = x.fma(b2, c22);
      x = FloatVector.broadcast(F, ap[ai + 3]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      c32 = x.fma(b2, c32);
      x = FloatVector.broadcast(F, ap[ai + 4]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      c42 = x.fma(b2, c42);
      x = FloatVector.broadcast(F, ap[ai + 5]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
      c52 = x.fma(b2, c52);
    }
    exact(c00).intoArray(tile, 0);
    exact(c01).intoArray(tile, FL);
    exact(c02).intoArray(tile, 2 * FL);
    exact(c10).intoArray(tile, nr);
    exact(c11).intoArray(tile, nr + FL);
    exact(c12).intoArray(tile, nr + 2 * FL);
    exact(c20).intoArray(tile, 2 * nr);
    exact(c21).intoArray(tile, 2 * nr + FL);
    exact(c22).intoArray(tile, 2 * nr + 2 * FL);
    exact(c30).intoArray(tile, 3 * nr);
    exact(c31).intoArray(tile, 3 * nr + FL);
    exact(c32).intoArray(tile, 3 * nr + 2 * FL);
    exact(c40).intoArray(tile, 4 * nr);
    exact(c41).intoArray(tile, 4 * nr + FL);
    exact(c42).intoArray(tile, 4 * nr + 2 * FL);
    exact(c50).intoArray(tile, 5 * nr);
    exact(c51).intoArray(tile, 5 * nr + FL);
    exact(c52).intoArray(tile, 5 * nr + 2 * FL);
  }

  /**
   * The vector {@link FloatKernel#dotTail}: dot products of four rows of A with two tail columns at once, so
   * that eight chains of multiply-adds overlap. On 512-bit hardware one vector holds the 16 partial sums of a
   * dot product; on 256-bit hardware two do, the steps {@code p ≡ 0…7} and {@code 8…15 (mod 16)}. Rows and
   * columns past the edge repeat the last one and are not stored.
   */
  private static void floatDotTail(int k, float[] a, int ao, int lda, int rows, float[] bt, int bo, int cols,
      float[] c, int co, int ldc, boolean overwrite, float[] partial) {
    final int parts = FloatGemm.TAIL_PARTIALS;
    int whole = k - k % parts;
    for (int j = 0; j < cols; j += 2) {
      int b0 = bo + j * k;
      int b1 = bo + Math.min(j + 1, cols - 1) * k;
      for (int r = 0; r < rows; r += 4) {
        int last = Math.min(4, rows - r) - 1;
        int a0 = ao + r * lda;
        int a1 = a0 + Math.min(1, last) * lda;
        int a2 = a0 + Math.min(2, last) * lda;
        int a3 = a0 + Math.min(3, last) * lda;
        // Lanes 0 to FL-1 of the partials (all 16 on 512-bit hardware), then FL to 15 (256-bit only).
        for (int half = 0; half < parts; half += FL) {
          FloatVector s00 = FloatVector.zero(F);
          FloatVector s01 = s00;
          FloatVector s10 = s00;
          FloatVector s11 = s00;
          FloatVector s20 = s00;
          FloatVector s21 = s00;
          FloatVector s30 = s00;
          FloatVector s31 = s00;
          for (int p = half; p < whole; p += parts) {
            FloatVector y0 = FloatVector.fromArray(F, bt, b0 + p);
            FloatVector y1 = FloatVector.fromArray(F, bt, b1 + p);
            FloatVector x = FloatVector.fromArray(F, a, a0 + p);
            s00 = x.fma(y0, s00);
            s01 = x.fma(y1, s01);
            x = FloatVector.fromArray(F, a, a1 + p);
            s10 = x.fma(y0, s10);
            s11 = x.fma(y1, s11);
            x = FloatVector.fromArray(F, a, a2 + p);
            s20 = x.fma(y0, s20);
            s21 = x.fma(y1, s21);
            x = FloatVector.fromArray(F, a, a3 + p);
            s30 = x.fma(y0, s30);
            s31 = x.fma(y1, s31);
          }
          exact(s00).intoArray(partial, half);
          exact(s01).intoArray(partial, parts + half);
          exact(s10).intoArray(partial, 2 * parts + half);
          exact(s11).intoArray(partial, 3 * parts + half);
          exact(s20).intoArray(partial, 4 * parts + half);
          exact(s21).intoArray(partial, 5 * parts + half);
          exact(s30).intoArray(partial, 6 * parts + half);
          exact(s31).intoArray(partial, 7 * parts + half);
        }
        for (int i = 0; i <= last; i++) {
          for (int jj = 0; jj < 2 && j + jj < cols; jj++) {
            int o = (2 * i + jj) * parts;
            int ar = a0 + i * lda;
            int br = bo + (j + jj) * k;
            // The last steps, fewer than 16, go to partials 0, 1, … as their lanes would have.
            for (int p = whole; p < k; p++) {
              partial[o + p - whole] = Math.fma(a[ar + p], bt[br + p], partial[o + p - whole]);
            }
            FloatGemm.storeTail(FloatGemm.sumPartials(partial, o), c, co + (r + i) * ldc + j + jj, overwrite);
          }
        }
      }
    }
  }

  /**
   * The vector {@link FloatKernel#columnTail}: a vector holds consecutive rows of one tail column, since those
   * are next to each other in a transposed A; four vectors of rows and two columns at once, so that eight chains
   * of multiply-adds overlap. Rows short of a whole vector take the same multiply-adds a lane at a time.
   */
  private static void floatColumnTail(int k, float[] a, int ao, int lda, int rows, float[] bt, int bo, int cols,
      float[] c, int co, int ldc, boolean overwrite, float[] sums) {
    int vectors = rows / FL;
    for (int j = 0; j < cols; j += 2) {
      int b0 = bo + j * k;
      int b1 = bo + Math.min(j + 1, cols - 1) * k;
      for (int v = 0; v < vectors; v += 4) {
        int lastVector = Math.min(4, vectors - v) - 1;
        int x0 = ao + v * FL;
        int x1 = x0 + Math.min(1, lastVector) * FL;
        int x2 = x0 + Math.min(2, lastVector) * FL;
        int x3 = x0 + Math.min(3, lastVector) * FL;
        FloatVector s00 = FloatVector.zero(F);
        FloatVector s01 = s00;
        FloatVector s10 = s00;
        FloatVector s11 = s00;
        FloatVector s20 = s00;
        FloatVector s21 = s00;
        FloatVector s30 = s00;
        FloatVector s31 = s00;
        for (int p = 0, ap = 0; p < k; p++, ap += lda) {
          FloatVector y0 = FloatVector.broadcast(F, bt[b0 + p]);
          FloatVector y1 = FloatVector.broadcast(F, bt[b1 + p]);
          FloatVector x = FloatVector.fromArray(F, a, x0 + ap);
          s00 = x.fma(y0, s00);
          s01 = x.fma(y1, s01);
          x = FloatVector.fromArray(F, a, x1 + ap);
          s10 = x.fma(y0, s10);
          s11 = x.fma(y1, s11);
          x = FloatVector.fromArray(F, a, x2 + ap);
          s20 = x.fma(y0, s20);
          s21 = x.fma(y1, s21);
          x = FloatVector.fromArray(F, a, x3 + ap);
          s30 = x.fma(y0, s30);
          s31 = x.fma(y1, s31);
        }
        exact(s00).intoArray(sums, 0);
        exact(s01).intoArray(sums, FL);
        exact(s10).intoArray(sums, 2 * FL);
        exact(s11).intoArray(sums, 3 * FL);
        exact(s20).intoArray(sums, 4 * FL);
        exact(s21).intoArray(sums, 5 * FL);
        exact(s30).intoArray(sums, 6 * FL);
        exact(s31).intoArray(sums, 7 * FL);
        for (int w = 0; w <= lastVector; w++) {
          for (int jj = 0; jj < 2 && j + jj < cols; jj++) {
            int o = (2 * w + jj) * FL;
            int ci = co + (v + w) * FL * ldc + j + jj;
            for (int lane = 0; lane < FL; lane++, ci += ldc) {
              FloatGemm.storeTail(sums[o + lane], c, ci, overwrite);
            }
          }
        }
      }
    }
    for (int r = vectors * FL; r < rows; r++) {
      for (int j = 0; j < cols; j++) {
        float sum = 0f;
        for (int p = 0, ai = ao + r, bi = bo + j * k; p < k; p++, ai += lda, bi++) {
          sum = Math.fma(a[ai], bt[bi], sum);
        }
        FloatGemm.storeTail(sum, c, co + r * ldc + j, overwrite);
      }
    }
  }

  /** Writes a whole tile to C, a vector at a time; the same additions as {@link FloatGemm#store}. */
  private static void storeTile(float[] tile, float[] c, int co, int ldc, boolean overwrite) {
    for (int i = 0; i < FloatGemm.MR; i++) {
      int ci = co + i * ldc;
      for (int j = 0; j < FloatGemm.NR; j += FL) {
        FloatVector t = FloatVector.fromArray(F, tile, i * FloatGemm.NR + j);
        if (!overwrite) {
          t = FloatVector.fromArray(F, c, ci + j).add(t);
        }
        t.intoArray(c, ci + j);
      }
    }
  }

  /**
   * A tile whose inside part is at most 16 (8 with 256-bit vectors) columns wide, the last panel of a narrow
   * C: one vector per row does the same fused multiply-adds for those columns in half the work.
   */
  private static void floatHalfKernel(int kc, float[] a, int ao, int rowStride, int stepStride, float[] bp, int bo,
      int mr, float[] tile) {
    int last = mr - 1;
    int r0 = ao;
    int r1 = ao + Math.min(1, last) * rowStride;
    int r2 = ao + Math.min(2, last) * rowStride;
    int r3 = ao + Math.min(3, last) * rowStride;
    int r4 = ao + Math.min(4, last) * rowStride;
    int r5 = ao + Math.min(5, last) * rowStride;
    FloatVector c0 = FloatVector.zero(F);
    FloatVector c1 = c0;
    FloatVector c2 = c0;
    FloatVector c3 = c0;
    FloatVector c4 = c0;
    FloatVector c5 = c0;
    int bi = bo;
    int s = 0;
    int p = 0;
    // Two steps of p per trip, as in the wide kernels: left to itself, C2 unrolls this loop and loses track
    // of the accumulators' vector class, and then boxes them.
    for (; p + 1 < kc; p += 2, s += 2 * stepStride, bi += 2 * FloatGemm.NR) {
      FloatVector b0 = FloatVector.fromArray(F, bp, bi);
      c0 = FloatVector.broadcast(F, a[r0 + s]).fma(b0, c0);
      c1 = FloatVector.broadcast(F, a[r1 + s]).fma(b0, c1);
      c2 = FloatVector.broadcast(F, a[r2 + s]).fma(b0, c2);
      c3 = FloatVector.broadcast(F, a[r3 + s]).fma(b0, c3);
      c4 = FloatVector.broadcast(F, a[r4 + s]).fma(b0, c4);
      c5 = FloatVector.broadcast(F, a[r5 + s]).fma(b0, c5);
      int t = s + stepStride;
      b0 = FloatVector.fromArray(F, bp, bi + FloatGemm.NR);
      c0 = FloatVector.broadcast(F, a[r0 + t]).fma(b0, c0);
      c1 = FloatVector.broadcast(F, a[r1 + t]).fma(b0, c1);
      c2 = FloatVector.broadcast(F, a[r2 + t]).fma(b0, c2);
      c3 = FloatVector.broadcast(F, a[r3 + t]).fma(b0, c3);
      c4 = FloatVector.broadcast(F, a[r4 + t]).fma(b0, c4);
      c5 = FloatVector.broadcast(F, a[r5 + t]).fma(b0, c5);
    }
    exact(c0).intoArray(tile, 0);
    exact(c1).intoArray(tile, 1 * FloatGemm.NR);
    exact(c2).intoArray(tile, 2 * FloatGemm.NR);
    exact(c3).intoArray(tile, 3 * FloatGemm.NR);
    exact(c4).intoArray(tile, 4 * FloatGemm.NR);
    exact(c5).intoArray(tile, 5 * FloatGemm.NR);
  }


  private static void doubleKernel(int kc, double[] a, int ao, int rowStride, int stepStride, double[] bp, int bo,
      double[] c, int co, int ldc, int mr, int nr, boolean overwrite, double[] tile) {
    // Steps in pairs, an odd last one added here: see floatKernel.
    int pairs = kc & ~1;
    if (nr <= DL) {
      doubleHalfKernel(pairs, a, ao, rowStride, stepStride, bp, bo, mr, tile);
      if (pairs < kc) {
        doubleLastStep(pairs, a, ao, rowStride, stepStride, bp, bo, mr, nr, tile);
      }
      DoubleGemm.store(tile, c, co, ldc, mr, nr, overwrite);
      return;
    }
    if (nr > 2 * DL) {
      if (stepStride == 1) {
        doubleRows3Kernel(pairs, a, ao, rowStride, bp, bo, mr, tile);
      } else {
        doublePacked3Kernel(pairs, a, ao, stepStride, bp, bo, tile);
      }
    } else if (stepStride == 1) {
      doubleRowsKernel(pairs, a, ao, rowStride, bp, bo, mr, tile);
    } else {
      doublePackedKernel(pairs, a, ao, stepStride, bp, bo, tile);
    }
    if (pairs < kc) {
      doubleLastStep(pairs, a, ao, rowStride, stepStride, bp, bo, mr, nr, tile);
    }
    // The tile is stored here rather than in the kernels: inlined into one of them, the store's vector code
    // crowds the registers of its loop and slows it by a quarter.
    if (mr == DoubleGemm.MR && nr == DoubleGemm.NR) {
      storeTile(tile, c, co, ldc, overwrite);
    } else {
      DoubleGemm.store(tile, c, co, ldc, mr, nr, overwrite);
    }
  }

  /** {@link #doubleRowsKernel} three vectors wide: see {@link #floatRows3Kernel}. */
  private static void doubleRows3Kernel(int kc, double[] a, int ao, int rowStride, double[] bp, int bo, int mr,
      double[] tile) {
    int last = mr - 1;
    int r1 = Math.min(1, last) * rowStride;
    int r2 = Math.min(2, last) * rowStride;
    int r3 = Math.min(3, last) * rowStride;
    int r4 = Math.min(4, last) * rowStride;
    int r5 = Math.min(5, last) * rowStride;
    DoubleVector c00 = DoubleVector.zero(D);
    DoubleVector c01 = c00;
    DoubleVector c02 = c00;
    DoubleVector c10 = c00;
    DoubleVector c11 = c00;
    DoubleVector c12 = c00;
    DoubleVector c20 = c00;
    DoubleVector c21 = c00;
    DoubleVector c22 = c00;
    DoubleVector c30 = c00;
    DoubleVector c31 = c00;
    DoubleVector c32 = c00;
    DoubleVector c40 = c00;
    DoubleVector c41 = c00;
    DoubleVector c42 = c00;
    DoubleVector c50 = c00;
    DoubleVector c51 = c00;
    DoubleVector c52 = c00;
    int nr = DoubleGemm.NR;
    int bi = bo;
    int end = ao + kc;
    for (int q = ao; q < end; q++, bi += nr) {
      DoubleVector b0 = DoubleVector.fromArray(D, bp, bi);
      DoubleVector b1 = DoubleVector.fromArray(D, bp, bi + DL);
      DoubleVector b2 = DoubleVector.fromArray(D, bp, bi + 2 * DL);
      DoubleVector x = DoubleVector.broadcast(D, a[q]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      c02 = x.fma(b2, c02);
      x = DoubleVector.broadcast(D, a[q + r1]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      c12 = x.fma(b2, c12);
      x = DoubleVector.broadcast(D, a[q + r2]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      c22 = x.fma(b2, c22);
      x = DoubleVector.broadcast(D, a[q + r3]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      c32 = x.fma(b2, c32);
      x = DoubleVector.broadcast(D, a[q + r4]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      c42 = x.fma(b2, c42);
      x = DoubleVector.broadcast(D, a[q + r5]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
      c52 = x.fma(b2, c52);
    }
    exact(c00).intoArray(tile, 0);
    exact(c01).intoArray(tile, DL);
    exact(c02).intoArray(tile, 2 * DL);
    exact(c10).intoArray(tile, nr);
    exact(c11).intoArray(tile, nr + DL);
    exact(c12).intoArray(tile, nr + 2 * DL);
    exact(c20).intoArray(tile, 2 * nr);
    exact(c21).intoArray(tile, 2 * nr + DL);
    exact(c22).intoArray(tile, 2 * nr + 2 * DL);
    exact(c30).intoArray(tile, 3 * nr);
    exact(c31).intoArray(tile, 3 * nr + DL);
    exact(c32).intoArray(tile, 3 * nr + 2 * DL);
    exact(c40).intoArray(tile, 4 * nr);
    exact(c41).intoArray(tile, 4 * nr + DL);
    exact(c42).intoArray(tile, 4 * nr + 2 * DL);
    exact(c50).intoArray(tile, 5 * nr);
    exact(c51).intoArray(tile, 5 * nr + DL);
    exact(c52).intoArray(tile, 5 * nr + 2 * DL);
  }

  /** {@link #doublePackedKernel} three vectors wide: see {@link #doubleRows3Kernel}. */
  private static void doublePacked3Kernel(int kc, double[] ap, int ao, int stepStride, double[] bp, int bo,
      double[] tile) {
    DoubleVector c00 = DoubleVector.zero(D);
    DoubleVector c01 = c00;
    DoubleVector c02 = c00;
    DoubleVector c10 = c00;
    DoubleVector c11 = c00;
    DoubleVector c12 = c00;
    DoubleVector c20 = c00;
    DoubleVector c21 = c00;
    DoubleVector c22 = c00;
    DoubleVector c30 = c00;
    DoubleVector c31 = c00;
    DoubleVector c32 = c00;
    DoubleVector c40 = c00;
    DoubleVector c41 = c00;
    DoubleVector c42 = c00;
    DoubleVector c50 = c00;
    DoubleVector c51 = c00;
    DoubleVector c52 = c00;
    int nr = DoubleGemm.NR;
    int ai = ao;
    int bi = bo;
    // One step of p per trip: see doubleRows3Kernel.
    for (int p = 0; p < kc; p++, ai += stepStride, bi += nr) {
      DoubleVector b0 = DoubleVector.fromArray(D, bp, bi);
      DoubleVector b1 = DoubleVector.fromArray(D, bp, bi + DL);
      DoubleVector b2 = DoubleVector.fromArray(D, bp, bi + 2 * DL);
      DoubleVector x = DoubleVector.broadcast(D, ap[ai]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      c02 = x.fma(b2, c02);
      x = DoubleVector.broadcast(D, ap[ai + 1]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      c12 = x.fma(b2, c12);
      x = DoubleVector.broadcast(D, ap[ai + 2]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      c22 = x.fma(b2, c22);
      x = DoubleVector.broadcast(D, ap[ai + 3]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      c32 = x.fma(b2, c32);
      x = DoubleVector.broadcast(D, ap[ai + 4]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      c42 = x.fma(b2, c42);
      x = DoubleVector.broadcast(D, ap[ai + 5]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
      c52 = x.fma(b2, c52);
    }
    exact(c00).intoArray(tile, 0);
    exact(c01).intoArray(tile, DL);
    exact(c02).intoArray(tile, 2 * DL);
    exact(c10).intoArray(tile, nr);
    exact(c11).intoArray(tile, nr + DL);
    exact(c12).intoArray(tile, nr + 2 * DL);
    exact(c20).intoArray(tile, 2 * nr);
    exact(c21).intoArray(tile, 2 * nr + DL);
    exact(c22).intoArray(tile, 2 * nr + 2 * DL);
    exact(c30).intoArray(tile, 3 * nr);
    exact(c31).intoArray(tile, 3 * nr + DL);
    exact(c32).intoArray(tile, 3 * nr + 2 * DL);
    exact(c40).intoArray(tile, 4 * nr);
    exact(c41).intoArray(tile, 4 * nr + DL);
    exact(c42).intoArray(tile, 4 * nr + 2 * DL);
    exact(c50).intoArray(tile, 5 * nr);
    exact(c51).intoArray(tile, 5 * nr + DL);
    exact(c52).intoArray(tile, 5 * nr + 2 * DL);
  }

  /**
   * Adds step {@code p} of the sliver to the tile a lane at a time, with the fused multiply-add each vector
   * lane would have taken: the last step of an odd {@code kc}, which the kernels leave out.
   */
  private static void doubleLastStep(int p, double[] a, int ao, int rowStride, int stepStride, double[] bp, int bo,
      int mr, int nr, double[] tile) {
    int ai = ao + p * stepStride;
    int bi = bo + p * DoubleGemm.NR;
    for (int r = 0; r < mr; r++) {
      double x = a[ai + r * rowStride];
      int t = r * DoubleGemm.NR;
      for (int j = 0; j < nr; j++) {
        tile[t + j] = Math.fma(x, bp[bi + j], tile[t + j]);
      }
    }
  }

  /**
   * The kernel for a sliver read in place from a row-major A, each row a run of {@code kc} values: every
   * load is at a fixed offset from {@code p}, so C2 moves the bounds checks out of the loop.
   */
  private static void doubleRowsKernel(int kc, double[] a, int ao, int rowStride, double[] bp, int bo, int mr,
      double[] tile) {
    // Where rows 1 to 5 of the sliver start, relative to row 0; rows past the edge of C repeat the last one
    // inside it. The loop counts along row 0, so that every load is the counter plus a fixed offset.
    int last = mr - 1;
    int r1 = Math.min(1, last) * rowStride;
    int r2 = Math.min(2, last) * rowStride;
    int r3 = Math.min(3, last) * rowStride;
    int r4 = Math.min(4, last) * rowStride;
    int r5 = Math.min(5, last) * rowStride;
    DoubleVector c00 = DoubleVector.zero(D);
    DoubleVector c01 = c00;
    DoubleVector c10 = c00;
    DoubleVector c11 = c00;
    DoubleVector c20 = c00;
    DoubleVector c21 = c00;
    DoubleVector c30 = c00;
    DoubleVector c31 = c00;
    DoubleVector c40 = c00;
    DoubleVector c41 = c00;
    DoubleVector c50 = c00;
    DoubleVector c51 = c00;
    int bi = bo;
    int q = ao;
    int end = ao + kc;
    // One step of p per trip. Unrolled to two, as the float kernel is, this loop took 1.1–1.25 times as long.
    for (; q < end; q++, bi += DoubleGemm.NR) {
      DoubleVector b0 = DoubleVector.fromArray(D, bp, bi);
      DoubleVector b1 = DoubleVector.fromArray(D, bp, bi + DL);
      DoubleVector x = DoubleVector.broadcast(D, a[q]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = DoubleVector.broadcast(D, a[q + r1]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = DoubleVector.broadcast(D, a[q + r2]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = DoubleVector.broadcast(D, a[q + r3]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      x = DoubleVector.broadcast(D, a[q + r4]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      x = DoubleVector.broadcast(D, a[q + r5]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
    }
    // The accumulators go to the scratch tile, which the caller stores: storing them straight into C from here
    // inlines so many vector nodes that C2 stops inlining and boxes the vectors.
    exact(c00).intoArray(tile, 0);
    exact(c01).intoArray(tile, DL);
    exact(c10).intoArray(tile, 1 * DoubleGemm.NR);
    exact(c11).intoArray(tile, 1 * DoubleGemm.NR + DL);
    exact(c20).intoArray(tile, 2 * DoubleGemm.NR);
    exact(c21).intoArray(tile, 2 * DoubleGemm.NR + DL);
    exact(c30).intoArray(tile, 3 * DoubleGemm.NR);
    exact(c31).intoArray(tile, 3 * DoubleGemm.NR + DL);
    exact(c40).intoArray(tile, 4 * DoubleGemm.NR);
    exact(c41).intoArray(tile, 4 * DoubleGemm.NR + DL);
    exact(c50).intoArray(tile, 5 * DoubleGemm.NR);
    exact(c51).intoArray(tile, 5 * DoubleGemm.NR + DL);
  }

  /**
   * The kernel for a sliver whose rows are next to each other, each step of p {@code stepStride} further on: a
   * packed sliver (DoubleGemm.MR), or a transposed A read in place. A step's six loads are at fixed offsets from one
   * index, so one bounds check covers them.
   */
  private static void doublePackedKernel(int kc, double[] ap, int ao, int stepStride, double[] bp, int bo,
      double[] tile) {
    DoubleVector c00 = DoubleVector.zero(D);
    DoubleVector c01 = c00;
    DoubleVector c10 = c00;
    DoubleVector c11 = c00;
    DoubleVector c20 = c00;
    DoubleVector c21 = c00;
    DoubleVector c30 = c00;
    DoubleVector c31 = c00;
    DoubleVector c40 = c00;
    DoubleVector c41 = c00;
    DoubleVector c50 = c00;
    DoubleVector c51 = c00;
    int ai = ao;
    int bi = bo;
    int p = 0;
    for (; p + 1 < kc; p += 2, ai += 2 * stepStride, bi += 2 * DoubleGemm.NR) {
      int aj = ai + stepStride;
      DoubleVector b0 = DoubleVector.fromArray(D, bp, bi);
      DoubleVector b1 = DoubleVector.fromArray(D, bp, bi + DL);
      DoubleVector a = DoubleVector.broadcast(D, ap[ai]);
      c00 = a.fma(b0, c00);
      c01 = a.fma(b1, c01);
      a = DoubleVector.broadcast(D, ap[ai + 1]);
      c10 = a.fma(b0, c10);
      c11 = a.fma(b1, c11);
      a = DoubleVector.broadcast(D, ap[ai + 2]);
      c20 = a.fma(b0, c20);
      c21 = a.fma(b1, c21);
      a = DoubleVector.broadcast(D, ap[ai + 3]);
      c30 = a.fma(b0, c30);
      c31 = a.fma(b1, c31);
      a = DoubleVector.broadcast(D, ap[ai + 4]);
      c40 = a.fma(b0, c40);
      c41 = a.fma(b1, c41);
      a = DoubleVector.broadcast(D, ap[ai + 5]);
      c50 = a.fma(b0, c50);
      c51 = a.fma(b1, c51);
      b0 = DoubleVector.fromArray(D, bp, bi + DoubleGemm.NR);
      b1 = DoubleVector.fromArray(D, bp, bi + DoubleGemm.NR + DL);
      a = DoubleVector.broadcast(D, ap[aj]);
      c00 = a.fma(b0, c00);
      c01 = a.fma(b1, c01);
      a = DoubleVector.broadcast(D, ap[aj + 1]);
      c10 = a.fma(b0, c10);
      c11 = a.fma(b1, c11);
      a = DoubleVector.broadcast(D, ap[aj + 2]);
      c20 = a.fma(b0, c20);
      c21 = a.fma(b1, c21);
      a = DoubleVector.broadcast(D, ap[aj + 3]);
      c30 = a.fma(b0, c30);
      c31 = a.fma(b1, c31);
      a = DoubleVector.broadcast(D, ap[aj + 4]);
      c40 = a.fma(b0, c40);
      c41 = a.fma(b1, c41);
      a = DoubleVector.broadcast(D, ap[aj + 5]);
      c50 = a.fma(b0, c50);
      c51 = a.fma(b1, c51);
    }
    exact(c00).intoArray(tile, 0);
    exact(c01).intoArray(tile, DL);
    exact(c10).intoArray(tile, DoubleGemm.NR);
    exact(c11).intoArray(tile, DoubleGemm.NR + DL);
    exact(c20).intoArray(tile, 2 * DoubleGemm.NR);
    exact(c21).intoArray(tile, 2 * DoubleGemm.NR + DL);
    exact(c30).intoArray(tile, 3 * DoubleGemm.NR);
    exact(c31).intoArray(tile, 3 * DoubleGemm.NR + DL);
    exact(c40).intoArray(tile, 4 * DoubleGemm.NR);
    exact(c41).intoArray(tile, 4 * DoubleGemm.NR + DL);
    exact(c50).intoArray(tile, 5 * DoubleGemm.NR);
    exact(c51).intoArray(tile, 5 * DoubleGemm.NR + DL);
  }

  /**
   * The vector {@link DoubleKernel#dotTail}: dot products of four rows of A with two tail columns at once, so
   * that eight chains of multiply-adds overlap. On 512-bit hardware one vector holds the 8 partial sums of a
   * dot product; on 256-bit hardware two do, the steps {@code p ≡ 0…3} and {@code 4…7 (mod 8)}. Rows and
   * columns past the edge repeat the last one and are not stored.
   */
  private static void doubleDotTail(int k, double[] a, int ao, int lda, int rows, double[] bt, int bo, int cols,
      double[] c, int co, int ldc, boolean overwrite, double[] partial) {
    final int parts = DoubleGemm.TAIL_PARTIALS;
    int whole = k - k % parts;
    for (int j = 0; j < cols; j += 2) {
      int b0 = bo + j * k;
      int b1 = bo + Math.min(j + 1, cols - 1) * k;
      for (int r = 0; r < rows; r += 4) {
        int last = Math.min(4, rows - r) - 1;
        int a0 = ao + r * lda;
        int a1 = a0 + Math.min(1, last) * lda;
        int a2 = a0 + Math.min(2, last) * lda;
        int a3 = a0 + Math.min(3, last) * lda;
        // Lanes 0 to DL-1 of the partials (all 8 on 512-bit hardware), then DL to 7 (256-bit only).
        for (int half = 0; half < parts; half += DL) {
          DoubleVector s00 = DoubleVector.zero(D);
          DoubleVector s01 = s00;
          DoubleVector s10 = s00;
          DoubleVector s11 = s00;
          DoubleVector s20 = s00;
          DoubleVector s21 = s00;
          DoubleVector s30 = s00;
          DoubleVector s31 = s00;
          for (int p = half; p < whole; p += parts) {
            DoubleVector y0 = DoubleVector.fromArray(D, bt, b0 + p);
            DoubleVector y1 = DoubleVector.fromArray(D, bt, b1 + p);
            DoubleVector x = DoubleVector.fromArray(D, a, a0 + p);
            s00 = x.fma(y0, s00);
            s01 = x.fma(y1, s01);
            x = DoubleVector.fromArray(D, a, a1 + p);
            s10 = x.fma(y0, s10);
            s11 = x.fma(y1, s11);
            x = DoubleVector.fromArray(D, a, a2 + p);
            s20 = x.fma(y0, s20);
            s21 = x.fma(y1, s21);
            x = DoubleVector.fromArray(D, a, a3 + p);
            s30 = x.fma(y0, s30);
            s31 = x.fma(y1, s31);
          }
          exact(s00).intoArray(partial, half);
          exact(s01).intoArray(partial, parts + half);
          exact(s10).intoArray(partial, 2 * parts + half);
          exact(s11).intoArray(partial, 3 * parts + half);
          exact(s20).intoArray(partial, 4 * parts + half);
          exact(s21).intoArray(partial, 5 * parts + half);
          exact(s30).intoArray(partial, 6 * parts + half);
          exact(s31).intoArray(partial, 7 * parts + half);
        }
        for (int i = 0; i <= last; i++) {
          for (int jj = 0; jj < 2 && j + jj < cols; jj++) {
            int o = (2 * i + jj) * parts;
            int ar = a0 + i * lda;
            int br = bo + (j + jj) * k;
            // The last steps, fewer than 8, go to partials 0, 1, … as their lanes would have.
            for (int p = whole; p < k; p++) {
              partial[o + p - whole] = Math.fma(a[ar + p], bt[br + p], partial[o + p - whole]);
            }
            DoubleGemm.storeTail(DoubleGemm.sumPartials(partial, o), c, co + (r + i) * ldc + j + jj, overwrite);
          }
        }
      }
    }
  }

  /**
   * The vector {@link DoubleKernel#columnTail}: a vector holds consecutive rows of one tail column, since those
   * are next to each other in a transposed A; four vectors of rows and two columns at once, so that eight chains
   * of multiply-adds overlap. Rows short of a whole vector take the same multiply-adds a lane at a time.
   */
  private static void doubleColumnTail(int k, double[] a, int ao, int lda, int rows, double[] bt, int bo, int cols,
      double[] c, int co, int ldc, boolean overwrite, double[] sums) {
    int vectors = rows / DL;
    for (int j = 0; j < cols; j += 2) {
      int b0 = bo + j * k;
      int b1 = bo + Math.min(j + 1, cols - 1) * k;
      for (int v = 0; v < vectors; v += 4) {
        int lastVector = Math.min(4, vectors - v) - 1;
        int x0 = ao + v * DL;
        int x1 = x0 + Math.min(1, lastVector) * DL;
        int x2 = x0 + Math.min(2, lastVector) * DL;
        int x3 = x0 + Math.min(3, lastVector) * DL;
        DoubleVector s00 = DoubleVector.zero(D);
        DoubleVector s01 = s00;
        DoubleVector s10 = s00;
        DoubleVector s11 = s00;
        DoubleVector s20 = s00;
        DoubleVector s21 = s00;
        DoubleVector s30 = s00;
        DoubleVector s31 = s00;
        for (int p = 0, ap = 0; p < k; p++, ap += lda) {
          DoubleVector y0 = DoubleVector.broadcast(D, bt[b0 + p]);
          DoubleVector y1 = DoubleVector.broadcast(D, bt[b1 + p]);
          DoubleVector x = DoubleVector.fromArray(D, a, x0 + ap);
          s00 = x.fma(y0, s00);
          s01 = x.fma(y1, s01);
          x = DoubleVector.fromArray(D, a, x1 + ap);
          s10 = x.fma(y0, s10);
          s11 = x.fma(y1, s11);
          x = DoubleVector.fromArray(D, a, x2 + ap);
          s20 = x.fma(y0, s20);
          s21 = x.fma(y1, s21);
          x = DoubleVector.fromArray(D, a, x3 + ap);
          s30 = x.fma(y0, s30);
          s31 = x.fma(y1, s31);
        }
        exact(s00).intoArray(sums, 0);
        exact(s01).intoArray(sums, DL);
        exact(s10).intoArray(sums, 2 * DL);
        exact(s11).intoArray(sums, 3 * DL);
        exact(s20).intoArray(sums, 4 * DL);
        exact(s21).intoArray(sums, 5 * DL);
        exact(s30).intoArray(sums, 6 * DL);
        exact(s31).intoArray(sums, 7 * DL);
        for (int w = 0; w <= lastVector; w++) {
          for (int jj = 0; jj < 2 && j + jj < cols; jj++) {
            int o = (2 * w + jj) * DL;
            int ci = co + (v + w) * DL * ldc + j + jj;
            for (int lane = 0; lane < DL; lane++, ci += ldc) {
              DoubleGemm.storeTail(sums[o + lane], c, ci, overwrite);
            }
          }
        }
      }
    }
    for (int r = vectors * DL; r < rows; r++) {
      for (int j = 0; j < cols; j++) {
        double sum = 0.0;
        for (int p = 0, ai = ao + r, bi = bo + j * k; p < k; p++, ai += lda, bi++) {
          sum = Math.fma(a[ai], bt[bi], sum);
        }
        DoubleGemm.storeTail(sum, c, co + r * ldc + j, overwrite);
      }
    }
  }

  /** Writes a whole tile to C, a vector at a time; the same additions as {@link DoubleGemm#store}. */
  private static void storeTile(double[] tile, double[] c, int co, int ldc, boolean overwrite) {
    for (int i = 0; i < DoubleGemm.MR; i++) {
      int ci = co + i * ldc;
      for (int j = 0; j < DoubleGemm.NR; j += DL) {
        DoubleVector t = DoubleVector.fromArray(D, tile, i * DoubleGemm.NR + j);
        if (!overwrite) {
          t = DoubleVector.fromArray(D, c, ci + j).add(t);
        }
        t.intoArray(c, ci + j);
      }
    }
  }

  /**
   * A tile whose inside part is at most 8 (4 with 256-bit vectors) columns wide, the last panel of a narrow
   * C: one vector per row does the same fused multiply-adds for those columns in half the work.
   */
  private static void doubleHalfKernel(int kc, double[] a, int ao, int rowStride, int stepStride, double[] bp, int bo,
      int mr, double[] tile) {
    int last = mr - 1;
    int r0 = ao;
    int r1 = ao + Math.min(1, last) * rowStride;
    int r2 = ao + Math.min(2, last) * rowStride;
    int r3 = ao + Math.min(3, last) * rowStride;
    int r4 = ao + Math.min(4, last) * rowStride;
    int r5 = ao + Math.min(5, last) * rowStride;
    DoubleVector c0 = DoubleVector.zero(D);
    DoubleVector c1 = c0;
    DoubleVector c2 = c0;
    DoubleVector c3 = c0;
    DoubleVector c4 = c0;
    DoubleVector c5 = c0;
    int bi = bo;
    int s = 0;
    int p = 0;
    // Two steps of p per trip, as in the wide kernels: left to itself, C2 unrolls this loop and loses track
    // of the accumulators' vector class, and then boxes them.
    for (; p + 1 < kc; p += 2, s += 2 * stepStride, bi += 2 * DoubleGemm.NR) {
      DoubleVector b0 = DoubleVector.fromArray(D, bp, bi);
      c0 = DoubleVector.broadcast(D, a[r0 + s]).fma(b0, c0);
      c1 = DoubleVector.broadcast(D, a[r1 + s]).fma(b0, c1);
      c2 = DoubleVector.broadcast(D, a[r2 + s]).fma(b0, c2);
      c3 = DoubleVector.broadcast(D, a[r3 + s]).fma(b0, c3);
      c4 = DoubleVector.broadcast(D, a[r4 + s]).fma(b0, c4);
      c5 = DoubleVector.broadcast(D, a[r5 + s]).fma(b0, c5);
      int t = s + stepStride;
      b0 = DoubleVector.fromArray(D, bp, bi + DoubleGemm.NR);
      c0 = DoubleVector.broadcast(D, a[r0 + t]).fma(b0, c0);
      c1 = DoubleVector.broadcast(D, a[r1 + t]).fma(b0, c1);
      c2 = DoubleVector.broadcast(D, a[r2 + t]).fma(b0, c2);
      c3 = DoubleVector.broadcast(D, a[r3 + t]).fma(b0, c3);
      c4 = DoubleVector.broadcast(D, a[r4 + t]).fma(b0, c4);
      c5 = DoubleVector.broadcast(D, a[r5 + t]).fma(b0, c5);
    }
    exact(c0).intoArray(tile, 0);
    exact(c1).intoArray(tile, 1 * DoubleGemm.NR);
    exact(c2).intoArray(tile, 2 * DoubleGemm.NR);
    exact(c3).intoArray(tile, 3 * DoubleGemm.NR);
    exact(c4).intoArray(tile, 4 * DoubleGemm.NR);
    exact(c5).intoArray(tile, 5 * DoubleGemm.NR);
  }

}
