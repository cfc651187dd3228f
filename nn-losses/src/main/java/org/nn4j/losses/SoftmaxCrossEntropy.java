package org.nn4j.losses;

import org.nn4j.api.Args;
import org.nn4j.api.DType;
import org.nn4j.api.Loss;
import org.nn4j.api.LossProvider;
import org.nn4j.api.Tensor;

/**
 * Softmax followed by cross-entropy, fused on the logits, as the book's {@code SoftmaxWithLoss} (§5.6.3):
 * the softmax subtracts each row's maximum so {@code exp} cannot overflow, the loss is the book's
 * {@code -(1/N) Σ t log(p + 1e-7)}, and the gradient is the famously simple {@code (p - t) / N}.
 */
public final class SoftmaxCrossEntropy implements Loss {
  private static final String NAME = "softmax-cross-entropy";
  private Tensor probs;
  /** The targets of the last forward: class labels, or, when they came as rows, one-hot rows in {@link #hot}. */
  private int[] labels;
  /** The one-hot rows of the last forward; {@code null} when its targets were labels. */
  private Tensor hot;
  private Tensor y;
  private Tensor grad;

  @Override
  public double forward(Tensor y, Tensor t) {
    Tensor batch = Targets.asBatch(y);
    int[] parsed = Targets.labels(NAME, batch, t, labels);
    Tensor h = parsed == null ? Targets.oneHot(NAME, batch, t) : null;
    Tensor p = batch.softmaxRowsInto(Tensor.reuse(probs, batch.dtype(), batch.rows(), batch.rowLength()));
    probs = p;
    hot = h;
    this.y = y;
    // Class labels are not spread into one-hot rows: of each row's terms t·log(p + δ), only the label's is not
    // zero, so the sum takes that one alone, in the same order, and gives the same bits.
    double sum = 0;
    if (parsed != null) {
      labels = parsed;
      int classes = p.rowLength();
      for (int r = 0; r < parsed.length; r++) {
        sum += Math.log(p.getFlat(r * classes + parsed[r]) + CrossEntropy.DELTA);
      }
    } else {
      for (int i = 0; i < p.size(); i++) {
        double ti = h.getFlat(i);
        if (ti != 0) {
          sum += ti * Math.log(p.getFlat(i) + CrossEntropy.DELTA);
        }
      }
    }
    return -sum / batch.rows();
  }

  @Override
  public Tensor backward() {
    Tensor p = Targets.requireForward(probs, NAME);
    grad = Tensor.reuse(grad, p.dtype(), p.rows(), p.rowLength());
    double scale = 1.0 / p.rows();
    if (hot != null) {
      grad.copyFrom(p).addScaledInPlace(-1.0, hot).scaleInPlace(scale);
      return Targets.inShapeOf(grad, y);
    }
    // (p - t) / N with t one-hot: p / N everywhere, then (p - 1) / N at each label, each rounded to the type
    // in the same steps as the general form.
    grad.copyFrom(p).scaleInPlace(scale);
    int classes = p.rowLength();
    boolean single = p.dtype() == DType.FLOAT32;
    for (int r = 0; r < labels.length; r++) {
      int i = r * classes + labels[r];
      double pi = p.getFlat(i);
      grad.setFlat(i, single ? ((float) pi - 1f) * (float) scale : (pi - 1.0) * scale);
    }
    return Targets.inShapeOf(grad, y);
  }

  /** Makes {@code softmax-cross-entropy}. */
  public static final class Provider implements LossProvider {
    @Override
    public String name() {
      return "softmax-cross-entropy";
    }

    @Override
    public String description() {
      return "softmax and cross-entropy fused on logits, gradient (p − t)/N (book 5.6.3)";
    }

    @Override
    public Loss create(Args args) {
      return new SoftmaxCrossEntropy();
    }
  }
}
