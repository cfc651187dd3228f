package org.nn4j.core.data;

import java.util.Objects;
import org.nn4j.api.ShapeException;
import org.nn4j.api.Tensor;

/**
 * Examples and their class labels: {@code features} has one row per example (any per-example shape),
 * {@code labels} one class index per row.
 *
 * @param features the inputs, first dimension the number of examples
 * @param labels the class of each example, {@code 0 … classes-1}
 * @param classes the number of classes
 */
public record Dataset(Tensor features, int[] labels, int classes) {
  public Dataset {
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(labels, "labels");
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

  /** Number of examples. */
  public int size() {
    return labels.length;
  }

  /** The first {@code n} examples (all of them when {@code n} is larger). */
  public Dataset head(int n) {
    int m = Math.min(n, size());
    return new Dataset(features.sliceRows(0, m), java.util.Arrays.copyOf(labels, m), classes);
  }

  /** The labels of rows {@code indices[from … from+count-1]} as a column tensor of class indices. */
  public Tensor labelTensor(int[] indices, int from, int count, Tensor out) {
    for (int i = 0; i < count; i++) {
      out.setFlat(i, labels[indices[from + i]]);
    }
    return out;
  }
}
