package org.nn4j.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.nn4j.api.DType;
import org.nn4j.api.Shape;
import org.nn4j.api.Tensor;

/**
 * Loads MNIST-style data (MNIST, Fashion-MNIST, the bundled sample): the four standard IDX files, each
 * optionally gzip-compressed ({@code train-images-idx3-ubyte[.gz]}, {@code train-labels-idx1-ubyte[.gz]},
 * {@code t10k-images-idx3-ubyte[.gz]}, {@code t10k-labels-idx1-ubyte[.gz]}). As the book's
 * {@code load_mnist(normalize=True, flatten=True)}: pixels scaled to {@code [0, 1]}, each image one row of
 * {@code rows × cols} values.
 */
public final class Mnist {
  /** The four standard base names, without {@code .gz}. */
  public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
  public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
  public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
  public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
  private static final int CLASSES = 10;

  private Mnist() {
  }

  /** Training and test sets. */
  public record Split(Dataset train, Dataset test) {
  }

  /** Opens one of the four files by name, from a directory, the class path, or wherever the data lives. */
  @FunctionalInterface
  public interface Source {
    /** The stream of the file, or {@code null} when neither the plain nor the gzip form exists. */
    InputStream open(String fileName) throws IOException;
  }

  /** Loads the four files from a directory. */
  public static Split load(Path dir, DType dtype) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "not a directory holding the four MNIST IDX files");
    }
    return load(name -> Files.isRegularFile(dir.resolve(name)) ? Files.newInputStream(dir.resolve(name)) : null,
        dir.toString(), dtype);
  }

  /** Loads the four files from a class-path folder such as {@code mnist-sample}. */
  public static Split loadResource(ClassLoader loader, String folder, DType dtype) throws IOException {
    return load(name -> loader.getResourceAsStream(folder + "/" + name), "class path:" + folder, dtype);
  }

  /** Loads the four files through {@code source}. */
  public static Split load(Source source, String where, DType dtype) throws IOException {
    Dataset train = dataset(source, where, TRAIN_IMAGES, TRAIN_LABELS, dtype);
    Dataset test = dataset(source, where, TEST_IMAGES, TEST_LABELS, dtype);
    if (!train.features().shape().withoutBatch().equals(test.features().shape().withoutBatch())) {
      throw new IdxFormatException(where, "training images are " + train.features().shape().withoutBatch()
          + " but test images are " + test.features().shape().withoutBatch());
    }
    return new Split(train, test);
  }

  private static Dataset dataset(Source source, String where, String imagesName, String labelsName, DType dtype)
      throws IOException {
    Opened imagesIn = open(source, where, imagesName);
    String imagesFile = imagesIn.name();
    IdxReader.IdxArray images = IdxReader.read(imagesIn.stream(), imagesFile, 3);
    Opened labelsIn = open(source, where, labelsName);
    String labelsFile = labelsIn.name();
    IdxReader.IdxArray labels = IdxReader.read(labelsIn.stream(), labelsFile, 1);
    int count = images.dims()[0];
    if (labels.dims()[0] != count) {
      throw new IdxFormatException(labelsFile, labels.dims()[0] + " labels but " + imagesFile + " holds " + count
          + " images");
    }
    int[] classes = new int[count];
    for (int i = 0; i < count; i++) {
      classes[i] = labels.unsigned(i);
      if (classes[i] >= CLASSES) {
        throw new IdxFormatException(labelsFile, "label " + classes[i] + " at index " + i + " is not a digit 0-9");
      }
    }
    int pixels = images.dims()[1] * images.dims()[2];
    return new Dataset(scaled(images, dtype, Shape.of(count, pixels)), classes, CLASSES);
  }

  /** Pixels scaled to [0, 1], straight into the array of the type asked for (the bulk of loading time). */
  private static Tensor scaled(IdxReader.IdxArray images, DType dtype, Shape shape) {
    byte[] raw = images.data();
    if (dtype == DType.FLOAT32) {
      float[] out = new float[raw.length];
      for (int i = 0; i < raw.length; i++) {
        out[i] = (float) ((raw[i] & 0xff) / 255.0);
      }
      return Tensor.wrap(out, shape);
    }
    double[] out = new double[raw.length];
    for (int i = 0; i < raw.length; i++) {
      out[i] = (raw[i] & 0xff) / 255.0;
    }
    return Tensor.wrap(out, shape);
  }

  private record Opened(String name, InputStream stream) {
  }

  private static Opened open(Source source, String where, String base) throws IOException {
    InputStream in = source.open(base);
    if (in != null) {
      return new Opened(where + "/" + base, in);
    }
    in = source.open(base + ".gz");
    if (in == null) {
      throw new NoSuchFileException(where + "/" + base + "[.gz]", null, "missing MNIST file");
    }
    return new Opened(where + "/" + base + ".gz", in);
  }
}
