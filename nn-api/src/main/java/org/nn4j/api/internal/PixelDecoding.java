package org.nn4j.api.internal;

/**
 * The decoding behind {@link org.nn4j.api.Pixels}: 8-bit pixels to the values a network reads, {@code pixel / 255}
 * rounded to the tensor's type. Not part of the API.
 *
 * <p>The values are defined by the two tables below, {@code (float) (b / 255.0)} and {@code b / 255.0} for each
 * pixel value {@code b}, the values {@code Mnist} has always loaded. The plain-Java kernel reads the tables; the
 * Vector API kernel computes the same bits with a multiply and two fused multiply-adds per vector (a test checks
 * all 256 values of each type). It runs when {@link Gemm#vectorEnabled()} does.
 */
public final class PixelDecoding {
  private static final float[] FLOATS = new float[256];
  private static final double[] DOUBLES = new double[256];

  static {
    for (int b = 0; b < 256; b++) {
      FLOATS[b] = (float) (b / 255.0);
      DOUBLES[b] = b / 255.0;
    }
  }

  /** Decodes {@code len} pixels from {@code src[so …]} into {@code dst[dof …]}. */
  interface Kernel {
    void decode(byte[] src, int so, float[] dst, int dof, int len);

    void decode(byte[] src, int so, double[] dst, int dof, int len);
  }

  /** The plain-Java kernel: a table look-up per pixel. */
  static final Kernel SCALAR = new Kernel() {
    @Override
    public void decode(byte[] src, int so, float[] dst, int dof, int len) {
      for (int i = 0; i < len; i++) {
        dst[dof + i] = FLOATS[src[so + i] & 0xff];
      }
    }

    @Override
    public void decode(byte[] src, int so, double[] dst, int dof, int len) {
      for (int i = 0; i < len; i++) {
        dst[dof + i] = DOUBLES[src[so + i] & 0xff];
      }
    }
  };

  private PixelDecoding() {
  }

  /** The {@code float32} value of pixel value {@code b} (0 … 255). */
  public static float floatValue(int b) {
    return FLOATS[b];
  }

  /** The {@code float64} value of pixel value {@code b} (0 … 255). */
  public static double doubleValue(int b) {
    return DOUBLES[b];
  }

  /**
   * Decodes {@code len} pixels from {@code src[so …]} into {@code dst[dof …]}, a whole data set at load time. This
   * takes the plain kernel: a Vector API loop runs hundreds of times slower until C2 has compiled it, and in one
   * call over a data set it would run that way for most of the call (loading the bundled sample took twice as
   * long). The table look-up is compiled within the call, and then takes under a nanosecond a pixel.
   */
  public static void decode(byte[] src, int so, float[] dst, int dof, int len) {
    SCALAR.decode(src, so, dst, dof, len);
  }

  /** As {@link #decode(byte[], int, float[], int, int)}, into {@code float64}. */
  public static void decode(byte[] src, int so, double[] dst, int dof, int len) {
    SCALAR.decode(src, so, dst, dof, len);
  }

  /**
   * Decodes rows {@code indices[from + r0 …  from + r1 - 1]} of {@code src} (rows of {@code width} pixels) into
   * rows {@code r0 … r1 - 1} of {@code dst}; the indices must already be checked.
   */
  public static void gatherRows(byte[] src, int width, int[] indices, int from, int r0, int r1, float[] dst) {
    Kernel kernel = kernel();
    for (int r = r0; r < r1; r++) {
      kernel.decode(src, indices[from + r] * width, dst, r * width, width);
    }
  }

  /** As {@link #gatherRows(byte[], int, int[], int, int, int, float[])}, into {@code float64}. */
  public static void gatherRows(byte[] src, int width, int[] indices, int from, int r0, int r1, double[] dst) {
    Kernel kernel = kernel();
    for (int r = r0; r < r1; r++) {
      kernel.decode(src, indices[from + r] * width, dst, r * width, width);
    }
  }

  private static Kernel kernel() {
    return Gemm.vectorEnabled() ? VectorSupport.PIXELS : SCALAR;
  }
}
