package org.nn4j.examples;

import java.io.IOException;
import java.nio.file.Path;
import org.nn4j.api.DType;
import org.nn4j.core.data.Mnist;

/**
 * Where a command's data comes from: a directory of the four MNIST-style IDX files given with
 * {@code --data}, or else the 8,000 + 2,000 digit sample bundled in this jar, so a fresh clone trains offline.
 */
final class DataOption {
  /** The class-path folder of the bundled sample. */
  static final String SAMPLE = "mnist-sample";

  private DataOption() {
  }

  /** Loads {@code dir}, or the bundled sample when it is {@code null}. */
  static Mnist.Split load(Path dir, DType dtype) throws IOException {
    return dir == null
        ? Mnist.loadResource(DataOption.class.getClassLoader(), SAMPLE, dtype)
        : Mnist.load(dir, dtype);
  }

  /** How to name the data in output. */
  static String describe(Path dir) {
    return dir == null ? "bundled MNIST sample" : dir.toString();
  }
}
