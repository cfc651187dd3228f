package org.nn4j.core.train;

import java.util.Locale;
import org.nn4j.api.ConfigurationException;

/**
 * Stops training when a metric has not improved for {@code patience} epochs in a row: the loss must go down,
 * an accuracy up, each by more than {@code minDelta} to count as an improvement.
 *
 * @param metric what to watch
 * @param patience epochs without improvement to tolerate, at least 1
 * @param minDelta the least change that counts as an improvement, at least 0
 */
public record EarlyStopping(Metric metric, int patience, double minDelta) {
  /** The metrics an epoch measures, each with the direction in which it improves. */
  public enum Metric {
    LOSS("loss", false),
    TRAIN_ACCURACY("train-accuracy", true),
    TEST_ACCURACY("test-accuracy", true);

    private final String label;
    private final boolean higherIsBetter;

    Metric(String label, boolean higherIsBetter) {
      this.label = label;
      this.higherIsBetter = higherIsBetter;
    }

    /** The metric's value in an epoch's result. */
    public double of(EpochResult r) {
      switch (this) {
        case LOSS:
          return r.loss();
        case TRAIN_ACCURACY:
          return r.trainAccuracy();
        default:
          return r.testAccuracy();
      }
    }

    /** Whether larger values are better (accuracy) or smaller ones (loss). */
    public boolean higherIsBetter() {
      return higherIsBetter;
    }

    /** {@code loss}, {@code train-accuracy} or {@code test-accuracy}. */
    public String label() {
      return label;
    }

    /** Parses a label. */
    public static Metric parse(String text) {
      for (Metric m : values()) {
        if (m.label.equals(text.trim().toLowerCase(Locale.ROOT))) {
          return m;
        }
      }
      throw new ConfigurationException("unknown metric '" + text + "'; accepted: loss, train-accuracy, test-accuracy");
    }
  }

  public EarlyStopping {
    if (metric == null) {
      throw new ConfigurationException("early stopping needs a metric");
    }
    if (patience < 1) {
      throw new ConfigurationException("early stopping: patience must be at least 1, got " + patience);
    }
    if (!(minDelta >= 0)) {
      throw new ConfigurationException("early stopping: min delta must be >= 0, got " + minDelta);
    }
  }

  /** Whether {@code value} improves on {@code best} by more than {@code minDelta}. */
  boolean improves(double value, double best) {
    return metric.higherIsBetter() ? value > best + minDelta : value < best - minDelta;
  }
}
