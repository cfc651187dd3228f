package org.nn4j.core;

import java.util.random.RandomGenerator;
import org.apache.commons.math3.random.MersenneTwister;

/**
 * The seeded generator behind every random number nn4j draws (initial weights, shuffling): Commons Math's
 * Mersenne Twister, the generator NumPy's legacy {@code np.random} uses, seen through the JDK's
 * {@link RandomGenerator} interface that nn-api layers program against. One seed gives the same sequence,
 * and so the same parameters, bit for bit, on every machine.
 */
public final class SeededRandom implements RandomGenerator {
  private final MersenneTwister twister;

  /** A generator started from {@code seed}. */
  public SeededRandom(long seed) {
    this.twister = new MersenneTwister(seed);
  }

  @Override
  public long nextLong() {
    return twister.nextLong();
  }

  @Override
  public int nextInt() {
    return twister.nextInt();
  }

  @Override
  public int nextInt(int bound) {
    return twister.nextInt(bound);
  }

  @Override
  public double nextDouble() {
    return twister.nextDouble();
  }

  @Override
  public double nextGaussian() {
    return twister.nextGaussian();
  }

  /** A Fisher–Yates shuffle of {@code values}, in place. */
  public void shuffle(int[] values) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = twister.nextInt(i + 1);
      int t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
  }
}
