package org.nn4j.api;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * How a layer draws its initial weights from the network's seeded generator (book §6.2): a normal
 * distribution with a fixed standard deviation ({@code 0.01} in the book's two-layer network), Xavier's
 * {@code √(1/n)} for sigmoid and tanh, or He's {@code √(2/n)} for ReLU, where {@code n} is the fan-in.
 *
 * <p>Written {@code he}, {@code xavier}, or a number such as {@code 0.01} for a normal with that standard
 * deviation ({@code std=0.01} and {@code normal:0.01} also parse).
 *
 * @param kind which rule
 * @param std the standard deviation of {@link Kind#NORMAL}; unused otherwise
 */
public record WeightInit(Kind kind, double std) {
  /** The three rules. */
  public enum Kind {
    NORMAL, XAVIER, HE
  }

  /** The book's default for its two-layer network: normal with standard deviation 0.01. */
  public static final WeightInit DEFAULT = new WeightInit(Kind.NORMAL, 0.01);

  public WeightInit {
    if (kind == Kind.NORMAL && !(std >= 0 && Double.isFinite(std))) {
      throw new ConfigurationException("init: standard deviation must be a finite number >= 0, got " + std);
    }
  }

  /**
   * Parses {@code he}, {@code xavier}, {@code 0.01}, {@code std=0.01} or {@code normal:0.01}.
   *
   * @throws ConfigurationException listing the accepted forms
   */
  public static WeightInit parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    switch (t) {
      case "he":
        return new WeightInit(Kind.HE, 0);
      case "xavier":
        return new WeightInit(Kind.XAVIER, 0);
      default:
        String number = t.startsWith("std=") ? t.substring(4) : t.startsWith("normal:") ? t.substring(7) : t;
        try {
          return new WeightInit(Kind.NORMAL, Double.parseDouble(number));
        } catch (NumberFormatException e) {
          throw new ConfigurationException("unknown weight initialiser '" + text
              + "'; accepted: he, xavier, or a standard deviation such as 0.01", e);
        }
    }
  }

  /** The standard deviation this rule gives for fan-in {@code fanIn}. */
  public double stdFor(int fanIn) {
    switch (kind) {
      case HE:
        return Math.sqrt(2.0 / fanIn);
      case XAVIER:
        return Math.sqrt(1.0 / fanIn);
      default:
        return std;
    }
  }

  /** Fills {@code weights} with normal draws of this rule's standard deviation, in row-major order. */
  public void fill(Tensor weights, int fanIn, RandomGenerator random) {
    double s = stdFor(fanIn);
    for (int i = 0; i < weights.size(); i++) {
      weights.setFlat(i, s * random.nextGaussian());
    }
  }

  /** The form {@link #parse} reads back. */
  @Override
  public String toString() {
    return kind == Kind.NORMAL ? Double.toString(std) : kind.name().toLowerCase(Locale.ROOT);
  }
}
