package org.nn4j.losses;

import org.nn4j.api.Loss;
import org.nn4j.api.ShapeException;
import org.nn4j.api.Tensor;

/**
 * How the built-in losses read their targets: one-hot rows shaped like the output, or one class label per
 * row (the book's {@code cross_entropy_error} accepts both). Labels are turned into one-hot rows here, so
 * that each loss has one formula.
 */
final class Targets {
  private Targets() {
  }

  /** {@code y} as a batch: a one-dimensional output is a batch of one, as in the book. */
  static Tensor asBatch(Tensor y) {
    if (y.rank() == 0) {
      throw new ShapeException("a loss needs outputs of rank 1 or more, got a scalar");
    }
    return y.rank() == 1 ? y.reshape(1, y.size()) : y.asMatrix();
  }

  /**
   * The targets as one-hot rows shaped like {@code batch}, for the loss named {@code loss}.
   *
   * @throws ShapeException when {@code t} fits neither form; IllegalArgumentException for a label out of range
   */
  static Tensor oneHot(String loss, Tensor batch, Tensor t) {
    int[] labels = labels(loss, batch, t, null);
    int rows = batch.rows();
    int classes = batch.rowLength();
    if (labels == null) {
      Tensor same = t.dtype() == batch.dtype() ? t : t.to(batch.dtype());
      return same.rank() == 2 && same.rowLength() == classes ? same : same.reshape(rows, classes);
    }
    Tensor hot = Tensor.zeros(batch.dtype(), rows, classes);
    for (int r = 0; r < rows; r++) {
      hot.setFlat(r * classes + labels[r], 1.0);
    }
    return hot;
  }

  /**
   * The targets as class labels, one per row of {@code batch}, written into {@code buffer} when it has the
   * length; or {@code null} when {@code t} holds one-hot rows, which {@link #oneHot} takes as they are. The two
   * forms are told apart, and labels checked, as {@link #oneHot} does.
   */
  static int[] labels(String loss, Tensor batch, Tensor t, int[] buffer) {
    int rows = batch.rows();
    int classes = batch.rowLength();
    if (t.size() == batch.size() && (t.rank() == 1 || t.rows() == rows)) {
      return null;
    }
    if (t.size() != rows) {
      throw new ShapeException(loss + ": targets " + t.shape() + " fit neither output " + batch.shape()
          + " as one-hot rows nor its " + rows + " rows as class labels");
    }
    int[] labels = buffer != null && buffer.length == rows ? buffer : new int[rows];
    for (int r = 0; r < rows; r++) {
      double label = t.getFlat(r);
      if (label != Math.rint(label) || label < 0 || label >= classes) {
        throw new IllegalArgumentException(loss + ": target label " + label + " in row " + r
            + " is not a class index in [0, " + classes + ")");
      }
      labels[r] = (int) label;
    }
    return labels;
  }

  /** Checks a loss's output for {@code backward} and names the loss otherwise. */
  static Tensor requireForward(Tensor cached, String loss) {
    if (cached == null) {
      throw new IllegalStateException(loss + ": backward() called before forward()");
    }
    return cached;
  }

  /** For {@link Loss} implementations that remember the caller's shape to give the gradient back in it. */
  static Tensor inShapeOf(Tensor grad, Tensor y) {
    return grad.reshape(y.shape());
  }
}
