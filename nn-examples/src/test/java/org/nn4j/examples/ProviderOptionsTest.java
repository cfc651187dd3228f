package org.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --plugins}, {@code --allow-providers} and {@code --deny-providers}, shared by the commands. */
class ProviderOptionsTest {
  private static void assertOneLineError(CliRun run, String expected) {
    assertEquals(1, run.status(), run.out() + run.err());
    String err = run.err().strip();
    assertFalse(err.contains("\n"), "one line, not a stack trace: " + err);
    assertTrue(err.contains(expected), "expected '" + expected + "' in: " + err);
  }

  @Test
  void denyHidesAProviderFromTheListAndFromSpecs() {
    CliRun list = CliRun.of("plugins", "--deny-providers", "dropout,adam");
    assertEquals(0, list.status(), list.err());
    assertFalse(list.out().contains("  dropout "), list.out());
    assertFalse(list.out().contains("  adam "), list.out());
    assertTrue(list.out().contains("  relu "), list.out());
    assertOneLineError(CliRun.of("train", "--deny-providers", "relu", "--epochs", "1"), "unknown layer 'relu'");
  }

  @Test
  void allowKeepsOnlyTheNamedProviders() {
    CliRun list = CliRun.of("plugins", "--allow-providers", "affine,relu,softmax-cross-entropy,sgd");
    assertEquals(0, list.status(), list.err());
    assertFalse(list.out().contains("  sigmoid "), list.out());
    assertTrue(list.out().contains("  affine "), list.out());
  }

  @Test
  void allowingAMissingProviderListsWhatExistsAndPointsAtPlugins() {
    assertOneLineError(CliRun.of("plugins", "--allow-providers", "affine,swish"),
        "allowed provider swish not found; available: ");
    assertOneLineError(CliRun.of("plugins", "--allow-providers", "swish"), "--plugins DIR");
  }

  @Test
  void anUnknownLayerPointsAtThePluginsOption() {
    assertOneLineError(CliRun.of("train", "--net", "affine(out=50) swish affine(out=10)", "--epochs", "1"),
        "unknown layer 'swish'; available: affine, batch-norm, dropout, relu, sigmoid, softmax, tanh. If it comes from "
            + "a plugin, its jar may be missing from the class path. Give the directory of plugin jars with --plugins DIR.");
  }

  @Test
  void aMissingOrEmptyPluginDirectoryIsOneLine(@TempDir Path temp) throws IOException {
    assertOneLineError(CliRun.of("plugins", "--plugins", temp.resolve("nowhere").toString()),
        "no such file: " + temp.resolve("nowhere") + " (--plugins needs a directory of plugin jars)");
    Files.writeString(temp.resolve("notes.txt"), "not a jar");
    assertOneLineError(CliRun.of("plugins", "--plugins", temp.toString()),
        "--plugins " + temp + ": no plugin jars (*.jar) in that directory");
  }
}
