package org.nn4j.api.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FloatExpTest {
  private static int ulps(float got, float want) {
    return Math.abs(Float.floatToIntBits(got) - Float.floatToIntBits(want));
  }

  @Test
  void withinTwoUlpsOfTheCorrectlyRoundedResult() {
    Random random = new Random(11);
    int worst = 0;
    for (int i = 0; i < 1_000_000; i++) {
      float x = (float) (random.nextDouble() * 180 - 90);
      worst = Math.max(worst, ulps(FloatExp.exp(x), (float) Math.exp(x)));
    }
    // Softmax arguments: x - max, so at most zero and mostly small.
    for (float x = -20f; x <= 0f; x += 1e-3f) {
      worst = Math.max(worst, ulps(FloatExp.exp(x), (float) Math.exp(x)));
    }
    assertTrue(worst <= 2, "worst error " + worst + " ulps");
  }

  @Test
  void exactWhereExpIsExactAndLimitsAsMathExp() {
    assertEquals(1f, FloatExp.exp(0f));
    assertEquals(1f, FloatExp.exp(-0f));
    assertEquals(0f, FloatExp.exp(Float.NEGATIVE_INFINITY));
    assertEquals(Float.POSITIVE_INFINITY, FloatExp.exp(Float.POSITIVE_INFINITY));
    assertTrue(Float.isNaN(FloatExp.exp(Float.NaN)));
    assertEquals(Float.POSITIVE_INFINITY, FloatExp.exp(89f));
    assertEquals((float) Math.exp(-100f), FloatExp.exp(-100f));
    assertEquals(2.7182817f, FloatExp.exp(1f));
  }
}
