package org.nn4j.core.train;

import java.util.List;

/**
 * How a training run ended: each epoch's figures, the number of steps taken, and why it stopped early
 * ({@code null} when it ran to the end).
 *
 * @param epochs the figures of each epoch evaluated
 * @param iterations training steps taken
 * @param stopReason why training stopped early, or {@code null}
 * @param diverged whether it stopped because the loss was NaN or infinite
 * @param splitSteps how many full steps ran with the network's mid-sized products split between the cores, as
 *     the trainer chose by timing its steps (0 on one core, or where the thread count was forced)
 */
public record TrainingResult(List<EpochResult> epochs, int iterations, String stopReason, boolean diverged,
    int splitSteps) {
  public TrainingResult {
    epochs = List.copyOf(epochs);
  }

  /** The last epoch's figures. */
  public EpochResult last() {
    if (epochs.isEmpty()) {
      throw new IllegalStateException("no epoch was completed" + (stopReason == null ? "" : ": " + stopReason));
    }
    return epochs.get(epochs.size() - 1);
  }
}
