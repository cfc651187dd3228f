package org.nn4j.core.train;

/** Hears about a training run as it goes, for printing progress or keeping a history. */
public interface TrainingListener {
  /** Called after each epoch with its figures. */
  void onEpochEnd(EpochResult result);
}
