package org.nn4j.api.internal;

import java.util.Random;

/**
 * Runs in a child JVM, started without {@code jdk.incubator.vector} or with narrower vectors than the parent's,
 * and prints a checksum of the bits of some GEMMs.
 */
public final class PlainJvmGemm {
  private PlainJvmGemm() {
  }

  /** Prints the checksum and which kernel ran. */
  public static void main(String[] args) {
    System.out.println(checksum() + " vector=" + Gemm.vectorEnabled());
  }

  /**
   * A hash of the bits of {@code float32} and {@code float64} products of odd shapes: 37×300 by 300×45 with
   * both operands transposed, and 37×300 by 300×50, plain and with A transposed, whose last 2 columns are
   * tail columns.
   */
  static long checksum() {
    long hash = checksum(37, 45, 300, true, true);
    hash = hash * 31 + checksum(37, 50, 300, false, false);
    return hash * 31 + checksum(37, 50, 300, true, false);
  }

  private static long checksum(int m, int n, int k, boolean ta, boolean tb) {
    Random random = new Random(5);
    float[] af = new float[m * k];
    float[] bf = new float[k * n];
    double[] ad = new double[m * k];
    double[] bd = new double[k * n];
    for (int i = 0; i < af.length; i++) {
      af[i] = (float) random.nextGaussian();
      ad[i] = random.nextGaussian();
    }
    for (int i = 0; i < bf.length; i++) {
      bf[i] = (float) random.nextGaussian();
      bd[i] = random.nextGaussian();
    }
    float[] cf = new float[m * n];
    double[] cd = new double[m * n];
    Gemm.gemm(ta, tb, m, n, k, af, bf, cf, false);
    Gemm.gemm(ta, tb, m, n, k, ad, bd, cd, false);
    long hash = 17;
    for (int i = 0; i < cf.length; i++) {
      hash = hash * 31 + Float.floatToRawIntBits(cf[i]);
      hash = hash * 31 + Double.doubleToRawLongBits(cd[i]);
    }
    return hash;
  }
}
