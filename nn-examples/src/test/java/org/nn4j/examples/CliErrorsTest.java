package org.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input ends the command line with one clear line and status 1, never a stack trace. */
class CliErrorsTest {
  @TempDir
  Path dir;

  private static void assertOneLineError(CliRun run, String expected) {
    assertEquals(1, run.status(), run.out() + run.err());
    String err = run.err().strip();
    assertFalse(err.contains("\n"), "one line, not a stack trace: " + err);
    assertTrue(err.startsWith("nn4j: "), err);
    assertTrue(err.contains(expected), "expected '" + expected + "' in: " + err);
  }

  @Test
  void unknownLayerListsTheAvailableOnes() {
    assertOneLineError(CliRun.of("train", "--net", "affine(out=50) rleu affine(out=10)", "--epochs", "1"),
        "unknown layer 'rleu' (did you mean 'relu'?); available: affine, batch-norm, dropout, relu, sigmoid, softmax, tanh. If it comes from a plugin, "
            + "its jar may be missing from the class path.");
  }

  @Test
  void unknownArgumentNamesTheAcceptedOnes() {
    assertOneLineError(CliRun.of("train", "--net", "affine(ot=50)", "--epochs", "1"),
        "affine: unknown argument 'ot'; accepted: out, init, bias");
  }

  @Test
  void unknownLossAndOptimizer() {
    assertOneLineError(CliRun.of("train", "--loss", "hinge", "--epochs", "1"),
        "unknown loss 'hinge'; available: cross-entropy, mse, softmax-cross-entropy");
    assertOneLineError(CliRun.of("train", "--optimizer", "adamw", "--epochs", "1"), "unknown optimizer 'adamw'");
  }

  @Test
  void malformedSpecSaysWhere() {
    assertOneLineError(CliRun.of("train", "--net", "affine(out=50", "--epochs", "1"),
        "spec 'affine(out=50': expected ',' or ')' at position 14 (found the end)");
  }

  @Test
  void missingDataDirectory() {
    assertOneLineError(CliRun.of("train", "--data", dir.resolve("nowhere").toString()), "no such file: ");
  }

  @Test
  void malformedDataFileNamesTheFileAndFault() throws IOException {
    Files.write(dir.resolve("train-images-idx3-ubyte"), new byte[] {0, 0, 8, 3, 0, 0, 0, 5, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2});
    assertOneLineError(CliRun.of("train", "--data", dir.toString()),
        "train-images-idx3-ubyte: truncated: dimensions [5, 28, 28] announce 3920 bytes of data, found 2");
  }

  @Test
  void badMagicNumber() throws IOException {
    Files.write(dir.resolve("train-images-idx3-ubyte"), new byte[] {'P', 'K', 3, 4});
    assertOneLineError(CliRun.of("train", "--data", dir.toString()), "bad magic number 0x504B0304");
  }

  @Test
  void badOptionValueIsAUsageError() {
    CliRun run = CliRun.of("train", "--dtype", "int8");
    assertEquals(2, run.status());
    assertTrue(run.err().contains("unknown dtype 'int8'; accepted: float32, float64"), run.err());
  }

  @Test
  void invalidEpochs() {
    assertOneLineError(CliRun.of("train", "--epochs", "0"), "epochs must be at least 1, got 0");
  }
}
