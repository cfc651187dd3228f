package org.nn4j.losses;

import org.nn4j.api.Args;
import org.nn4j.api.Loss;
import org.nn4j.api.LossProvider;
import org.nn4j.api.Tensor;

/**
 * Softmax followed by cross-entropy, fused on the logits, as the book's {@code SoftmaxWithLoss} (§5.6.3):
 * the softmax subtracts each row's maximum so {@code exp} cannot overflow, the loss is the book's
 * {@code -(1/N) Σ t log(p + 1e-7)}, and the gradient is the famously simple {@code (p - t) / N}.
 */
public final class SoftmaxCrossEntropy implements Loss {
  private Tensor probs;
  private Tensor hot;
  private Tensor y;
  private Tensor labelBuffer;
  private Tensor grad;

  @Override
  public double forward(Tensor y, Tensor t) {
    Tensor batch = Targets.asBatch(y);
    Tensor h = Targets.oneHot("softmax-cross-entropy", batch, t, labelBuffer);
    if (h != t) {
      labelBuffer = h;
    }
    Tensor p = batch.softmaxRowsInto(Tensor.reuse(probs, batch.dtype(), batch.rows(), batch.rowLength()));
    double sum = 0;
    for (int i = 0; i < p.size(); i++) {
      double ti = h.getFlat(i);
      if (ti != 0) {
        sum += ti * Math.log(p.getFlat(i) + CrossEntropy.DELTA);
      }
    }
    probs = p;
    hot = h;
    this.y = y;
    return -sum / batch.rows();
  }

  @Override
  public Tensor backward() {
    Tensor p = Targets.requireForward(probs, "softmax-cross-entropy");
    grad = Tensor.reuse(grad, p.dtype(), p.rows(), p.rowLength());
    grad.copyFrom(p).addScaledInPlace(-1.0, hot).scaleInPlace(1.0 / p.rows());
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
