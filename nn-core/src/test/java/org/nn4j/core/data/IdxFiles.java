package org.nn4j.core.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files, well formed or deliberately broken, for the reader tests. */
final class IdxFiles {
  static final int IMAGES_MAGIC = 0x00000803;
  static final int LABELS_MAGIC = 0x00000801;

  private IdxFiles() {
  }

  /** A magic number, big-endian dimensions, then {@code data} as it is (its length need not fit). */
  static byte[] idx(int magic, int[] dims, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
    b.putInt(magic);
    for (int d : dims) {
      b.putInt(d);
    }
    b.put(data);
    return b.array();
  }

  /** {@code count} images of {@code rows × cols} pixels taken from {@code pixels} (values 0–255). */
  static byte[] images(int count, int rows, int cols, int... pixels) {
    return idx(IMAGES_MAGIC, new int[] {count, rows, cols}, bytes(pixels));
  }

  /** A labels file holding {@code labels}. */
  static byte[] labels(int... labels) {
    return idx(LABELS_MAGIC, new int[] {labels.length}, bytes(labels));
  }

  static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static void write(Path dir, String name, byte[] content) {
    try {
      Files.write(dir.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A well-formed set in {@code dir}: two training images of 2×3 pixels labelled 7 and 0, one test image
   * labelled 9; gzip-compressed (with {@code .gz} names) when {@code gzip} is set.
   */
  static void writeSet(Path dir, boolean gzip) {
    String gz = gzip ? ".gz" : "";
    byte[][] files = {
        images(2, 2, 3, TRAIN_PIXELS), labels(7, 0), images(1, 2, 3, TEST_PIXELS), labels(9)};
    String[] names = {Mnist.TRAIN_IMAGES, Mnist.TRAIN_LABELS, Mnist.TEST_IMAGES, Mnist.TEST_LABELS};
    for (int i = 0; i < 4; i++) {
      write(dir, names[i] + gz, gzip ? gzip(files[i]) : files[i]);
    }
  }

  static final int[] TRAIN_PIXELS = {0, 255, 51, 102, 153, 204, 1, 2, 3, 128, 254, 17};
  static final int[] TEST_PIXELS = {10, 20, 30, 40, 50, 60};
}
