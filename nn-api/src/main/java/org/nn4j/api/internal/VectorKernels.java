package org.nn4j.api.internal;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The micro-kernels on the incubating Vector API: a 6×16 {@code float32} tile (6×32 where the hardware has
 * 512-bit vectors) and a 6×8 {@code float64} tile (6×16 with 512-bit vectors), each held in twelve vector
 * accumulators and updated with fused multiply-adds. Each comes in the layouts the driver passes: a sliver
 * whose rows are next to each other ({@code PackedKernel}), rows of a row-major A read in place
 * ({@code RowsKernel}), and a half-width tile for the last panel of a narrow C ({@code HalfKernel}).
 *
 * <p>The only class that names {@code jdk.incubator.vector}: {@link Gemm} loads it by name, and only when that
 * module is in the boot layer, so that the rest of nn-api runs on a JVM started without it. Each lane takes the
 * same {@code Math.fma} steps as {@link FloatGemm#SCALAR} and {@link DoubleGemm#SCALAR}, so the results are
 * the same bits.
 */
final class VectorKernels {
  /**
   * 512-bit float vectors where the hardware has them (AVX-512), else 256-bit: a tile is always two vectors
   * wide, 32 or 16 columns. Each lane does the same fused multiply-adds either way, so the width changes the
   * speed, never the result.
   */
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512
      ? FloatVector.SPECIES_512 : FloatVector.SPECIES_256;
  /** Lanes of one float vector; {@link FloatGemm#NR} is twice this. */
  static final int FLOAT_LANES = F.length();
  private static final int FL = FLOAT_LANES;
  private static final int FNR = 2 * FLOAT_LANES;
  /** 512-bit double vectors where the hardware has them, else 256-bit, as for floats. */
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 512
      ? DoubleVector.SPECIES_512 : DoubleVector.SPECIES_256;
  /** Lanes of one double vector; {@link DoubleGemm#NR} is twice this. */
  static final int DOUBLE_LANES = D.length();
  private static final int DL = DOUBLE_LANES;
  private static final int DNR = 2 * DOUBLE_LANES;

  /** The {@code float32} kernel. */
  static final FloatKernel FLOAT = VectorKernels::floatKernel;
  /** The {@code float64} kernel. */
  static final DoubleKernel DOUBLE = VectorKernels::doubleKernel;

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
    // The kernels take the steps of p in pairs, and an odd last step is added to the tile here. With a single
    // step after their loop, C2 compiled the kernels, in some runs, past its limit on inlined nodes; it then
    // left the last stores as calls that boxed the accumulators, for the rest of the run.
    int pairs = kc & ~1;
    if (nr <= FL) {
      floatHalfKernel(pairs, a, ao, rowStride, stepStride, bp, bo, mr, tile);
      if (pairs < kc) {
        floatLastStep(pairs, a, ao, rowStride, stepStride, bp, bo, mr, nr, tile);
      }
      FloatGemm.store(tile, c, co, ldc, mr, nr, overwrite);
      return;
    }
    if (stepStride == 1) {
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
    for (; q + 1 < end; q += 2, bi += 2 * FNR) {
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
      b0 = FloatVector.fromArray(F, bp, bi + FNR);
      b1 = FloatVector.fromArray(F, bp, bi + FNR + FL);
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
    exact(c10).intoArray(tile, 1 * FNR);
    exact(c11).intoArray(tile, 1 * FNR + FL);
    exact(c20).intoArray(tile, 2 * FNR);
    exact(c21).intoArray(tile, 2 * FNR + FL);
    exact(c30).intoArray(tile, 3 * FNR);
    exact(c31).intoArray(tile, 3 * FNR + FL);
    exact(c40).intoArray(tile, 4 * FNR);
    exact(c41).intoArray(tile, 4 * FNR + FL);
    exact(c50).intoArray(tile, 5 * FNR);
    exact(c51).intoArray(tile, 5 * FNR + FL);
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
      b0 = FloatVector.fromArray(F, bp, bi + FNR);
      b1 = FloatVector.fromArray(F, bp, bi + FNR + FL);
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
    exact(c10).intoArray(tile, FNR);
    exact(c11).intoArray(tile, FNR + FL);
    exact(c20).intoArray(tile, 2 * FNR);
    exact(c21).intoArray(tile, 2 * FNR + FL);
    exact(c30).intoArray(tile, 3 * FNR);
    exact(c31).intoArray(tile, 3 * FNR + FL);
    exact(c40).intoArray(tile, 4 * FNR);
    exact(c41).intoArray(tile, 4 * FNR + FL);
    exact(c50).intoArray(tile, 5 * FNR);
    exact(c51).intoArray(tile, 5 * FNR + FL);
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
    if (stepStride == 1) {
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
    // Two steps of p per trip: C2 does not unroll a loop this large by itself.
    for (; q + 1 < end; q += 2, bi += 2 * DNR) {
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
      b0 = DoubleVector.fromArray(D, bp, bi + DNR);
      b1 = DoubleVector.fromArray(D, bp, bi + DNR + DL);
      x = DoubleVector.broadcast(D, a[q + 1]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = DoubleVector.broadcast(D, a[q + 1 + r1]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = DoubleVector.broadcast(D, a[q + 1 + r2]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = DoubleVector.broadcast(D, a[q + 1 + r3]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      x = DoubleVector.broadcast(D, a[q + 1 + r4]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      x = DoubleVector.broadcast(D, a[q + 1 + r5]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
    }
    // The accumulators go to the scratch tile, which the caller stores: storing them straight into C from here
    // inlines so many vector nodes that C2 stops inlining and boxes the vectors.
    exact(c00).intoArray(tile, 0);
    exact(c01).intoArray(tile, DL);
    exact(c10).intoArray(tile, 1 * DNR);
    exact(c11).intoArray(tile, 1 * DNR + DL);
    exact(c20).intoArray(tile, 2 * DNR);
    exact(c21).intoArray(tile, 2 * DNR + DL);
    exact(c30).intoArray(tile, 3 * DNR);
    exact(c31).intoArray(tile, 3 * DNR + DL);
    exact(c40).intoArray(tile, 4 * DNR);
    exact(c41).intoArray(tile, 4 * DNR + DL);
    exact(c50).intoArray(tile, 5 * DNR);
    exact(c51).intoArray(tile, 5 * DNR + DL);
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
      b0 = DoubleVector.fromArray(D, bp, bi + DNR);
      b1 = DoubleVector.fromArray(D, bp, bi + DNR + DL);
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
    exact(c10).intoArray(tile, DNR);
    exact(c11).intoArray(tile, DNR + DL);
    exact(c20).intoArray(tile, 2 * DNR);
    exact(c21).intoArray(tile, 2 * DNR + DL);
    exact(c30).intoArray(tile, 3 * DNR);
    exact(c31).intoArray(tile, 3 * DNR + DL);
    exact(c40).intoArray(tile, 4 * DNR);
    exact(c41).intoArray(tile, 4 * DNR + DL);
    exact(c50).intoArray(tile, 5 * DNR);
    exact(c51).intoArray(tile, 5 * DNR + DL);
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
