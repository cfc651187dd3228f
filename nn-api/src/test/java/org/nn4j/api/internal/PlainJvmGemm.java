package org.nn4j.api.internal;

import java.util.Random;

/** Runs in a child JVM without {@code jdk.incubator.vector} and prints a checksum of a GEMM's bits. */
public final class PlainJvmGemm {
  private PlainJvmGemm() {
  }

  /** Prints the checksum and which kernel ran. */
  public static void main(String[] args) {
    System.out.println(checksum() + " vector=" + Gemm.vectorEnabled());
  }

  /** A hash of the bits of a {@code float32} and a {@code float64} product of odd shapes, all transposed. */
  static long checksum() {
    Random random = new Random(5);
    int m = 37;
    int n = 45;
    int k = 300;
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
    Gemm.gemm(true, true, m, n, k, af, bf, cf, false);
    Gemm.gemm(true, true, m, n, k, ad, bd, cd, false);
    long hash = 17;
    for (int i = 0; i < cf.length; i++) {
      hash = hash * 31 + Float.floatToRawIntBits(cf[i]);
      hash = hash * 31 + Double.doubleToRawLongBits(cd[i]);
    }
    return hash;
  }
}
