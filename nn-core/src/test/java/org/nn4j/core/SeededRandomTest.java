package org.nn4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The one source of randomness: the same seed gives the same draws and shuffles, bit for bit. */
class SeededRandomTest {
  private static double[] draws(long seed) {
    SeededRandom r = new SeededRandom(seed);
    return new double[] {r.nextGaussian(), r.nextDouble(), r.nextInt(), r.nextLong(), r.nextInt(10), r.nextGaussian()};
  }

  @Test
  void theSameSeedGivesTheSameSequence() {
    assertArrayEquals(draws(42), draws(42));
    assertFalse(Arrays.equals(draws(42), draws(43)));
  }

  @Test
  void boundedIntsStayInRange() {
    SeededRandom r = new SeededRandom(1);
    int[] counts = new int[3];
    for (int i = 0; i < 3000; i++) {
      counts[r.nextInt(3)]++;
    }
    for (int c : counts) {
      assertTrue(c > 800 && c < 1200, Arrays.toString(counts));
    }
  }

  @Test
  void shuffleIsADeterministicPermutation() {
    int[] a = IntStream.range(0, 50).toArray();
    int[] b = a.clone();
    new SeededRandom(7).shuffle(a);
    new SeededRandom(7).shuffle(b);
    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(IntStream.range(0, 50).toArray(), a), "50 elements stay in order by chance 1/50!");
    int[] sorted = a.clone();
    Arrays.sort(sorted);
    assertArrayEquals(IntStream.range(0, 50).toArray(), sorted);
    int[] c = IntStream.range(0, 50).toArray();
    new SeededRandom(8).shuffle(c);
    assertFalse(Arrays.equals(a, c));
  }

  @Test
  void gaussiansHaveRoughlyUnitVariance() {
    SeededRandom r = new SeededRandom(3);
    double sum = 0;
    double squares = 0;
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      double g = r.nextGaussian();
      sum += g;
      squares += g * g;
    }
    assertEquals(0, sum / n, 0.05);
    assertEquals(1, squares / n, 0.05);
  }
}
