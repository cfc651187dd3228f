package org.nn4j.losses;

import org.nn4j.api.Args;
import org.nn4j.api.Loss;
import org.nn4j.api.LossProvider;
import org.nn4j.api.Tensor;

/**
 * The cross-entropy error on probabilities, exactly the book's {@code cross_entropy_error} (§4.2.2–4.2.4):
 * {@code E = -(1/N) Σₙ Σₖ tₙₖ log(yₙₖ + δ)} with {@code δ = 1e-7}, which keeps {@code log(0)} from being
 * minus infinity. Gradient {@code -t / (y + δ) / N}. For outputs of a softmax, prefer the fused, stabler
 * {@code softmax-cross-entropy}.
 */
public final class CrossEntropy implements Loss {
  /** The book's {@code delta}. */
  public static final double DELTA = 1e-7;

  private Tensor batch;
  private Tensor hot;
  private Tensor y;

  @Override
  public double forward(Tensor y, Tensor t) {
    Tensor b = Targets.asBatch(y);
    Tensor h = Targets.oneHot("cross-entropy", b, t);
    double sum = 0;
    for (int i = 0; i < b.size(); i++) {
      sum += h.getFlat(i) * Math.log(b.getFlat(i) + DELTA);
    }
    batch = b;
    hot = h;
    this.y = y;
    return -sum / b.rows();
  }

  @Override
  public Tensor backward() {
    Tensor b = Targets.requireForward(batch, "cross-entropy");
    Tensor grad = hot.zipInto(b, (t, p) -> -t / (p + DELTA), Tensor.zerosLike(b));
    return Targets.inShapeOf(grad.scaleInPlace(1.0 / b.rows()), y);
  }

  /** Makes {@code cross-entropy}. */
  public static final class Provider implements LossProvider {
    @Override
    public String name() {
      return "cross-entropy";
    }

    @Override
    public String description() {
      return "cross-entropy on probabilities, −Σ t·log(y + 1e-7) / N (book 4.2.2)";
    }

    @Override
    public Loss create(Args args) {
      return new CrossEntropy();
    }
  }
}
