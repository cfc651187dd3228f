package org.nn4j.optim;

import org.nn4j.api.ConfigurationException;

/**
 * Range checks for optimizer hyperparameters whose messages name the optimizer and the argument, as the
 * command line shows them: {@code adam: argument 'beta1' must be in [0, 1), got 1.0}.
 */
final class Hyperparameters {
  private Hyperparameters() {
  }

  /** A learning rate: positive and finite. */
  static double learningRate(String optimizer, double lr) {
    if (!(lr > 0) || Double.isInfinite(lr)) {
      throw new ConfigurationException(optimizer + ": argument 'lr' must be a positive number, got " + lr);
    }
    return lr;
  }

  /** A factor in {@code [0, 1)}, such as a momentum or Adam's betas. */
  static double fromZeroBelowOne(String optimizer, String argument, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new ConfigurationException(optimizer + ": argument '" + argument + "' must be in [0, 1), got " + value);
    }
    return value;
  }

  /** A factor strictly between 0 and 1, such as RMSprop's decay rate. */
  static double betweenZeroAndOne(String optimizer, String argument, double value) {
    if (!(value > 0 && value < 1)) {
      throw new ConfigurationException(optimizer + ": argument '" + argument + "' must be in (0, 1), got " + value);
    }
    return value;
  }
}
