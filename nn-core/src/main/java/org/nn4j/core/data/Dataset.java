package org.nn4j.core.data;

import java.util.Arrays;
import java.util.Objects;
import org.nn4j.api.DType;
import org.nn4j.api.Pixels;
import org.nn4j.api.ShapeException;
import org.nn4j.api.Tensor;

/**
 * Examples and their class labels: {@code features} has one row per example (any per-example shape),
 * {@code labels} one class index per row.
 *
 * <p>A set of images made with {@link #ofPixels} also keeps its 8-bit pixels, and gathers its mini-batches from
 * them ({@link #gatherFeaturesInto}): the same values, from a quarter or an eighth of the bytes.
 */
public final class Dataset {
  private final Tensor features;
  private final int[] labels;
  private final int classes;
  private final Pixels pixels;

  /**
   * A data set of {@code features}, one row per example, and their labels.
   *
   * @param features the inputs, first dimension the number of examples
   * @param labels the class of each example, {@code 0 … classes-1}
   * @param classes the number of classes
   * @throws ShapeException when there are not as many labels as examples
   * @throws IllegalArgumentException when a label is not a class
   */
  public Dataset(Tensor features, int[] labels, int classes) {
    this(features, labels, classes, null);
  }

  private Dataset(Tensor features, int[] labels, int classes, Pixels pixels) {
    this.features = Objects.requireNonNull(features, "features");
    this.labels = Objects.requireNonNull(labels, "labels");
    this.classes = classes;
    this.pixels = pixels;
    if (features.rows() != labels.length) {
      throw new ShapeException("dataset: " + features.rows() + " examples but " + labels.length + " labels");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException("dataset: label " + labels[i] + " of example " + i + " is outside [0, "
            + classes + ")");
      }
    }
  }

  /**
   * A data set of images, whose features are {@code pixels} decoded into {@code dtype}
   * ({@link Pixels#toTensor}); the pixels are kept for gathering mini-batches.
   */
  public static Dataset ofPixels(Pixels pixels, DType dtype, int[] labels, int classes) {
    return new Dataset(pixels.toTensor(dtype), labels, classes, pixels);
  }

  /** The inputs, first dimension the number of examples. */
  public Tensor features() {
    return features;
  }

  /** The class of each example, {@code 0 … classes-1}; the array itself, not a copy. */
  public int[] labels() {
    return labels;
  }

  /** The number of classes. */
  public int classes() {
    return classes;
  }

  /** Number of examples. */
  public int size() {
    return labels.length;
  }

  /** The first {@code n} examples (all of them when {@code n} is larger). */
  public Dataset head(int n) {
    int m = Math.min(n, size());
    return new Dataset(features.sliceRows(0, m), Arrays.copyOf(labels, m), classes,
        pixels == null ? null : pixels.sliceRows(0, m));
  }

  /**
   * The features of rows {@code indices[from … from+count-1]}, written into the first {@code count} rows of
   * {@code out}, a tensor of the features' type: decoded from the pixels of a set made by {@link #ofPixels},
   * copied from {@link #features()} otherwise, the same values either way.
   *
   * @throws ShapeException when {@code out} is of another type, or its rows are of another length or too few
   * @throws IndexOutOfBoundsException when an index is not an example
   */
  public Tensor gatherFeaturesInto(int[] indices, int from, int count, Tensor out) {
    if (pixels == null || out.dtype() != features.dtype()) {
      // Tensor's own gather makes the checks and names the mismatch, of type included.
      return features.gatherRowsInto(indices, from, count, out);
    }
    return pixels.gatherRowsInto(indices, from, count, out);
  }

  /** The labels of rows {@code indices[from … from+count-1]} as a column tensor of class indices. */
  public Tensor labelTensor(int[] indices, int from, int count, Tensor out) {
    for (int i = 0; i < count; i++) {
      out.setFlat(i, labels[indices[from + i]]);
    }
    return out;
  }

  @Override
  public String toString() {
    return "Dataset[" + size() + " examples of " + features.shape().withoutBatch() + " (" + features.dtype() + "), "
        + classes + " classes" + (pixels == null ? "" : ", from 8-bit pixels") + "]";
  }
}
