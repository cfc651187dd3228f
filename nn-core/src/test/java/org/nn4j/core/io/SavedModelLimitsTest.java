package org.nn4j.core.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.api.DType;
import org.nn4j.api.Tensor;
import org.nn4j.core.Registry;

/** A crafted architecture far bigger than its file is refused before anything is allocated. */
class SavedModelLimitsTest {
  @TempDir
  Path dir;

  @Test
  void aHugeLayerInATinyFileIsRejectedBeforeAllocation() throws Exception {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("format", SavedModel.FORMAT);
    meta.put("format_version", SavedModel.VERSION);
    meta.put("input", "6");
    meta.put("dtype", "float32");
    meta.put("layers", "affine(out=100000000) relu affine(out=3)");
    meta.put("loss", "softmax-cross-entropy");
    Path file = dir.resolve("crafted.nn4j");
    ModelFile.write(file, Map.of("affine#1.W", Tensor.zeros(DType.FLOAT32, 6, 5)), meta);
    // Allocating and filling 600 million weights would take a minute and gigabytes; the check takes nothing.
    ModelFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> assertThrows(ModelFormatException.class, () -> SavedModel.load(file, Registry.load())));
    assertTrue(e.getMessage().startsWith(file + ": architecture: network: the layers up to Affine would allocate "
        + "700000000 numbers of parameters and state, more than the limit of " + (30 + (1 << 24))), e.getMessage());
  }
}
