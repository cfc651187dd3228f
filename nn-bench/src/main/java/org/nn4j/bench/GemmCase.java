package org.nn4j.bench;

import java.util.List;
import java.util.Random;
import org.nn4j.api.internal.Gemm;

/**
 * One GEMM to time: a shape in the notation {@code "TN:784x100x50"}, meaning op(A) is 784×100 and op(B) is
 * 100×50, with A stored transposed ({@code T}) or not ({@code N}) and likewise B, plus random operands of one
 * element type.
 */
public final class GemmCase {
  /**
   * The shapes measured: 1024³, and the forward product {@code x·W} with the two backward ones
   * {@code dW = xᵀ·dout} and {@code dx = dout·Wᵀ} of Affine layers 784→50 (batch 100), 784→512 and 512→512
   * (batch 128).
   */
  public static final List<String> SHAPES = List.of(
      "NN:1024x1024x1024", "TN:1024x1024x1024", "NT:1024x1024x1024",
      "NN:100x784x50", "TN:784x100x50", "NT:100x50x784",
      "NN:128x784x512", "TN:784x128x512", "NT:128x512x784",
      "NN:128x512x512", "TN:512x128x512", "NT:128x512x512");

  private final String shape;
  private final boolean ta;
  private final boolean tb;
  private final int m;
  private final int k;
  private final int n;
  private final float[] af;
  private final float[] bf;
  private final float[] cf;
  private final double[] ad;
  private final double[] bd;
  private final double[] cd;

  /**
   * Parses {@code shape} and fills operands with seeded Gaussian values.
   *
   * @param doublePrecision {@code float64} operands rather than {@code float32}
   */
  public GemmCase(String shape, boolean doublePrecision) {
    String[] parts = shape.split("[:x]");
    if (parts.length != 4 || !parts[0].matches("[NT]{2}")) {
      throw new IllegalArgumentException("shape must look like NN:100x784x50, not " + shape);
    }
    this.shape = shape;
    ta = parts[0].charAt(0) == 'T';
    tb = parts[0].charAt(1) == 'T';
    m = Integer.parseInt(parts[1]);
    k = Integer.parseInt(parts[2]);
    n = Integer.parseInt(parts[3]);
    Random random = new Random(42);
    if (doublePrecision) {
      ad = gaussian(random, m * k);
      bd = gaussian(random, k * n);
      cd = new double[m * n];
      af = null;
      bf = null;
      cf = null;
    } else {
      af = toFloat(gaussian(random, m * k));
      bf = toFloat(gaussian(random, k * n));
      cf = new float[m * n];
      ad = null;
      bd = null;
      cd = null;
    }
  }

  /** The shape as given. */
  public String shape() {
    return shape;
  }

  /** Floating-point operations of one product, counting a multiply-add as two. */
  public double flops() {
    return 2.0 * m * n * k;
  }

  /** Computes the product once; returns an element of C so that the work cannot be discarded. */
  public double run() {
    if (cf != null) {
      Gemm.gemm(ta, tb, m, n, k, af, bf, cf, false);
      return cf[cf.length - 1];
    }
    Gemm.gemm(ta, tb, m, n, k, ad, bd, cd, false);
    return cd[cd.length - 1];
  }

  private static double[] gaussian(Random random, int size) {
    double[] x = new double[size];
    for (int i = 0; i < size; i++) {
      x[i] = random.nextGaussian();
    }
    return x;
  }

  private static float[] toFloat(double[] x) {
    float[] f = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      f[i] = (float) x[i];
    }
    return f;
  }
}
