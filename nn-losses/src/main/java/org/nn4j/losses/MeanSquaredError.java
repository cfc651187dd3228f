package org.nn4j.losses;

import org.nn4j.api.Args;
import org.nn4j.api.Loss;
import org.nn4j.api.LossProvider;
import org.nn4j.api.Tensor;

/**
 * The mean squared error of book §4.2.1, {@code E = ½ Σ (y - t)²} per sample, averaged over the batch;
 * gradient {@code (y - t) / N}. Targets are one-hot rows or class labels.
 */
public final class MeanSquaredError implements Loss {
  private Tensor diff;
  private Tensor y;

  @Override
  public double forward(Tensor y, Tensor t) {
    Tensor batch = Targets.asBatch(y);
    Tensor hot = Targets.oneHot("mse", batch, t);
    diff = batch.sub(hot);
    this.y = y;
    double sum = 0;
    for (int i = 0; i < diff.size(); i++) {
      double v = diff.getFlat(i);
      sum += v * v;
    }
    return 0.5 * sum / batch.rows();
  }

  @Override
  public Tensor backward() {
    Tensor d = Targets.requireForward(diff, "mse");
    return Targets.inShapeOf(d.scale(1.0 / d.rows()), y);
  }

  /** Makes {@code mse}. */
  public static final class Provider implements LossProvider {
    @Override
    public String name() {
      return "mse";
    }

    @Override
    public String description() {
      return "mean squared error, ½Σ(y−t)² per sample averaged over the batch (book 4.2.1)";
    }

    @Override
    public Loss create(Args args) {
      return new MeanSquaredError();
    }
  }
}
