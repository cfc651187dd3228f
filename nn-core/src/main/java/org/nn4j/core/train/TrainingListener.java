package org.nn4j.core.train;

/**
 * Hears about a training run as it goes, for printing progress, keeping a history or saving checkpoints.
 * Only {@link #onEpochEnd} must be implemented. An exception thrown by a listener stops training and
 * reaches the caller.
 */
public interface TrainingListener {
  /** Called once before the first step with the number of steps to run and the steps per epoch. */
  default void onStart(int totalIterations, int iterationsPerEpoch) {
  }

  /** Called after each training step with its 1-based epoch, its 1-based iteration overall and its loss. */
  default void onIteration(int epoch, int iteration, double loss) {
  }

  /** Called after each epoch with its figures. */
  void onEpochEnd(EpochResult result);

  /** Called once when training ends, however it ends. */
  default void onEnd(TrainingResult result) {
  }
}
