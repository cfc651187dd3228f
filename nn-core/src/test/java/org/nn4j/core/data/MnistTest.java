package org.nn4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nn4j.core.data.IdxFiles.TEST_PIXELS;
import static org.nn4j.core.data.IdxFiles.TRAIN_PIXELS;
import static org.nn4j.core.data.IdxFiles.gzip;
import static org.nn4j.core.data.IdxFiles.write;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.api.DType;
import org.nn4j.api.Shape;
import org.nn4j.api.Tensor;

/** Loading the four MNIST-style IDX files from a directory or the class path. */
class MnistTest {
  @TempDir
  Path dir;

  private static void assertPixels(int[] pixels, Tensor x, DType dtype) {
    assertEquals(dtype, x.dtype());
    for (int i = 0; i < pixels.length; i++) {
      double expected = dtype == DType.FLOAT32 ? (float) (pixels[i] / 255.0) : pixels[i] / 255.0;
      assertEquals(expected, x.getFlat(i), 0.0, "pixel " + i);
    }
  }

  private static void assertTheSet(Mnist.Split split, DType dtype) {
    Dataset train = split.train();
    assertEquals(Shape.of(2, 6), train.features().shape(), "two 2×3 images, flattened");
    assertPixels(TRAIN_PIXELS, train.features(), dtype);
    assertArrayEquals(new int[] {7, 0}, train.labels());
    assertEquals(10, train.classes());
    assertEquals(1.0, train.features().getFlat(1), 0.0, "255 scales to exactly 1");
    Dataset test = split.test();
    assertEquals(Shape.of(1, 6), test.features().shape());
    assertPixels(TEST_PIXELS, test.features(), dtype);
    assertArrayEquals(new int[] {9}, test.labels());
  }

  @Test
  void loadsPlainFilesScaledAndFlattened() throws IOException {
    IdxFiles.writeSet(dir, false);
    assertTheSet(Mnist.load(dir, DType.FLOAT32), DType.FLOAT32);
    assertTheSet(Mnist.load(dir, DType.FLOAT64), DType.FLOAT64);
  }

  @Test
  void loadsGzipFiles() throws IOException {
    IdxFiles.writeSet(dir, true);
    assertTheSet(Mnist.load(dir, DType.FLOAT64), DType.FLOAT64);
  }

  @Test
  void thePlainFileWinsOverTheGzipOneAndContentDecides() throws IOException {
    IdxFiles.writeSet(dir, true);
    write(dir, Mnist.TEST_LABELS, gzip(IdxFiles.labels(4)));
    Mnist.Split split = Mnist.load(dir, DType.FLOAT32);
    assertArrayEquals(new int[] {4}, split.test().labels(), "a gzip stream under the plain name is still read");
  }

  @Test
  void loadsFromTheClassPath(@TempDir Path root) throws IOException {
    Path folder = Files.createDirectories(root.resolve("mnist-mini"));
    IdxFiles.writeSet(folder, true);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
      assertTheSet(Mnist.loadResource(loader, "mnist-mini", DType.FLOAT32), DType.FLOAT32);
      NoSuchFileException e = assertThrows(NoSuchFileException.class,
          () -> Mnist.loadResource(loader, "mnist-none", DType.FLOAT32));
      assertEquals("class path:mnist-none/train-images-idx3-ubyte[.gz]", e.getFile());
    }
  }

  @Test
  void aMissingFileIsNamed() throws IOException {
    IdxFiles.writeSet(dir, false);
    Files.delete(dir.resolve(Mnist.TEST_LABELS));
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Mnist.load(dir, DType.FLOAT32));
    assertEquals(dir + "/" + Mnist.TEST_LABELS + "[.gz]", e.getFile());
    assertEquals(dir + "/" + Mnist.TEST_LABELS + "[.gz]: missing MNIST file", e.getMessage());
  }

  @Test
  void aMissingDirectoryIsNamed() {
    Path nowhere = dir.resolve("nowhere");
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Mnist.load(nowhere, DType.FLOAT32));
    assertEquals(nowhere.toString(), e.getFile());
    assertTrue(e.getMessage().endsWith("not a directory holding the four MNIST IDX files"), e.getMessage());
  }

  @Test
  void faultsNameTheFile() throws IOException {
    IdxFiles.writeSet(dir, false);
    write(dir, Mnist.TRAIN_IMAGES, IdxFiles.idx(0x08030000, new int[] {0, 0, 0}, new byte[0]));
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> Mnist.load(dir, DType.FLOAT32));
    assertEquals(dir + "/" + Mnist.TRAIN_IMAGES, e.file());
    assertEquals(dir + "/" + Mnist.TRAIN_IMAGES + ": bad magic number 0x08030000: not an IDX file (expected "
        + "0x00000803)", e.getMessage());
  }

  @Test
  void gzipFaultsNameTheGzipFile() throws IOException {
    IdxFiles.writeSet(dir, true);
    byte[] cut = gzip(IdxFiles.labels(1, 2));
    write(dir, Mnist.TRAIN_LABELS + ".gz", java.util.Arrays.copyOf(cut, cut.length - 3));
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> Mnist.load(dir, DType.FLOAT32));
    assertEquals(dir + "/" + Mnist.TRAIN_LABELS + ".gz", e.file());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void imageAndLabelCountsMustAgree() throws IOException {
    IdxFiles.writeSet(dir, false);
    write(dir, Mnist.TRAIN_LABELS, IdxFiles.labels(1, 2, 3));
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> Mnist.load(dir, DType.FLOAT32));
    assertEquals(dir + "/" + Mnist.TRAIN_LABELS, e.file());
    assertEquals(dir + "/" + Mnist.TRAIN_LABELS + ": 3 labels but " + dir + "/" + Mnist.TRAIN_IMAGES
        + " holds 2 images", e.getMessage());
  }

  @Test
  void labelsAreDigits() throws IOException {
    IdxFiles.writeSet(dir, false);
    write(dir, Mnist.TEST_LABELS, IdxFiles.labels(10));
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> Mnist.load(dir, DType.FLOAT32));
    assertEquals(dir + "/" + Mnist.TEST_LABELS + ": label 10 at index 0 is not a digit 0-9", e.getMessage());
    write(dir, Mnist.TEST_LABELS, IdxFiles.labels(255));
    IdxFormatException high = assertThrows(IdxFormatException.class, () -> Mnist.load(dir, DType.FLOAT32));
    assertEquals(dir + "/" + Mnist.TEST_LABELS + ": label 255 at index 0 is not a digit 0-9", high.getMessage());
  }

  @Test
  void trainingAndTestImagesMustHaveOneShape() throws IOException {
    IdxFiles.writeSet(dir, false);
    write(dir, Mnist.TEST_IMAGES, IdxFiles.images(1, 3, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9));
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> Mnist.load(dir, DType.FLOAT32));
    assertEquals(dir + ": training images are (6,) but test images are (9,)", e.getMessage());
  }

  @Test
  void aHugeAnnouncedImageCountInATinyFileIsTruncated() throws IOException {
    IdxFiles.writeSet(dir, false);
    write(dir, Mnist.TRAIN_IMAGES, IdxFiles.idx(IdxFiles.IMAGES_MAGIC, new int[] {60_000_000, 28, 28}, new byte[3]));
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> Mnist.load(dir, DType.FLOAT32));
    assertEquals(dir + "/" + Mnist.TRAIN_IMAGES + ": dimensions [60000000, 28, 28] exceed 2^31 elements",
        e.getMessage());
    write(dir, Mnist.TRAIN_IMAGES, IdxFiles.idx(IdxFiles.IMAGES_MAGIC, new int[] {2_000_000, 28, 28}, new byte[3]));
    IdxFormatException truncated = assertThrows(IdxFormatException.class, () -> Mnist.load(dir, DType.FLOAT32));
    assertEquals(dir + "/" + Mnist.TRAIN_IMAGES + ": truncated: dimensions [2000000, 28, 28] announce 1568000000 "
        + "bytes of data, found 3", truncated.getMessage());
  }
}
