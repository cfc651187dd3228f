package org.nn4j.core.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nn4j.core.io.AtomicFiles;

/**
 * Keeps every epoch's figures in memory and, when given a file, rewrites it as CSV after each epoch
 * ({@code epoch,loss,train_accuracy,test_accuracy,seconds}), atomically, so an interrupted run still leaves a
 * complete history of the epochs it finished.
 */
public final class CsvHistory implements TrainingListener {
  private final Path file;
  private final List<EpochResult> epochs = new ArrayList<>();

  /** A history kept in memory only. */
  public CsvHistory() {
    this(null);
  }

  /** A history also written to {@code file} after each epoch. */
  public CsvHistory(Path file) {
    this.file = file;
  }

  @Override
  public void onEpochEnd(EpochResult result) {
    epochs.add(result);
    if (file != null) {
      try {
        AtomicFiles.writeString(file, csv());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the training history to " + file, e);
      }
    }
  }

  /** The epochs so far. */
  public List<EpochResult> epochs() {
    return List.copyOf(epochs);
  }

  /** The history as CSV text with a header line. */
  public String csv() {
    StringBuilder sb = new StringBuilder("epoch,loss,train_accuracy,test_accuracy,seconds\n");
    for (EpochResult r : epochs) {
      sb.append(String.format(Locale.ROOT, "%d,%.6f,%.4f,%.4f,%.3f\n", r.epoch(), r.loss(), r.trainAccuracy(),
          r.testAccuracy(), r.seconds()));
    }
    return sb.toString();
  }
}
