package org.nn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.api.DType;
import org.nn4j.core.LayerSpec;
import org.nn4j.core.ToolkitFixtures;
import org.nn4j.core.data.Dataset;

/** The CSV training history: its exact text, its file rewritten after each epoch, its in-memory epochs. */
class CsvHistoryTest {
  private static final String HEADER = "epoch,loss,train_accuracy,test_accuracy,seconds\n";
  private static final EpochResult FIRST = new EpochResult(1, 0.123456789, 0.5, 0.25, 1.23456);
  private static final EpochResult SECOND = new EpochResult(2, 2.5e-7, 0.99995, Double.NaN, 0.0004);

  @TempDir
  Path dir;

  @Test
  void csvTextIsExactAndLocaleIndependent() {
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.GERMANY);
    try {
      CsvHistory h = new CsvHistory();
      assertEquals(HEADER, h.csv());
      h.onEpochEnd(FIRST);
      h.onEpochEnd(SECOND);
      assertEquals(HEADER + "1,0.123457,0.5000,0.2500,1.235\n" + "2,0.000000,1.0000,NaN,0.000\n", h.csv());
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void theFileIsRewrittenWholeAfterEachEpoch() throws IOException {
    Path file = dir.resolve("history.csv");
    Files.writeString(file, "old content that must go\n");
    Object oldKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    CsvHistory h = new CsvHistory(file);
    h.onEpochEnd(FIRST);
    assertEquals(HEADER + "1,0.123457,0.5000,0.2500,1.235\n", Files.readString(file));
    Object firstKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    if (oldKey != null) {
      assertNotEquals(oldKey, firstKey, "a new file renamed over the old one, not the old one overwritten in place");
    }
    h.onEpochEnd(SECOND);
    assertEquals(HEADER + "1,0.123457,0.5000,0.2500,1.235\n" + "2,0.000000,1.0000,NaN,0.000\n",
        Files.readString(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
    }
  }

  @Test
  void epochsAreKeptInMemoryAsAnUnmodifiableCopy() {
    CsvHistory h = new CsvHistory();
    h.onEpochEnd(FIRST);
    List<EpochResult> seen = h.epochs();
    h.onEpochEnd(SECOND);
    assertEquals(List.of(FIRST), seen);
    assertEquals(List.of(FIRST, SECOND), h.epochs());
    assertThrows(UnsupportedOperationException.class, () -> h.epochs().add(FIRST));
  }

  @Test
  void anUnwritableFileStopsTrainingWithTheFileNamed() {
    Path file = dir.resolve("missing-dir").resolve("h.csv");
    CsvHistory h = new CsvHistory(file);
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> h.onEpochEnd(FIRST));
    assertEquals("cannot write the training history to " + file, e.getMessage());
  }

  @Test
  void aTrainingRunFillsTheHistory() throws IOException {
    Dataset train = ToolkitFixtures.dataset(DType.FLOAT32, 100, 6, 3, 1);
    Trainer t = new Trainer(ToolkitFixtures.network(DType.FLOAT32, 1),
        ToolkitFixtures.registry().optimizer("sgd", LayerSpec.parse("sgd(lr=0.5)").args()),
        new TrainerConfig(3, 0, 25, 1, true, 0, null));
    Path file = dir.resolve("run.csv");
    CsvHistory h = new CsvHistory(file);
    List<EpochResult> epochs = t.fit(train, null, h);
    assertEquals(epochs, h.epochs());
    assertEquals(h.csv(), Files.readString(file));
    List<String> lines = Files.readAllLines(file);
    assertEquals(4, lines.size());
    assertEquals(String.format(Locale.ROOT, "3,%.6f,%.4f,NaN,", epochs.get(2).loss(), epochs.get(2).trainAccuracy()),
        lines.get(3).substring(0, lines.get(3).lastIndexOf(',') + 1));
  }
}
