package com.example.nn4j;

import java.util.List;
import org.nn4j.api.Args;
import org.nn4j.api.Argument;
import org.nn4j.api.ConfigurationException;
import org.nn4j.api.Loss;
import org.nn4j.api.LossProvider;
import org.nn4j.api.Tensor;

/**
 * The Huber loss (Huber, 1964): per element {@code ½d²} for {@code |d| <= delta} and
 * {@code delta·(|d| − ½delta)} beyond, with {@code d = y − t}, summed over a sample and averaged over the
 * batch; its gradient is {@code d} clipped to {@code [−delta, delta]}, divided by the batch size. Targets are
 * one-hot rows shaped like {@code y} or one class label per row; a one-dimensional {@code y} is a batch of one.
 */
public final class Huber implements Loss {
  private final double delta;
  private Tensor diff;
  private Tensor y;
  private int rows;

  /** A Huber loss that turns from quadratic to linear at {@code |y − t| = delta}. */
  public Huber(double delta) {
    this.delta = delta;
  }

  @Override
  public double forward(Tensor y, Tensor t) {
    int n = y.rank() <= 1 ? 1 : y.shape().dims()[0];
    int classes = y.size() / n;
    Tensor d = Tensor.zeros(y.dtype(), y.size());
    double sum = 0;
    for (int i = 0; i < y.size(); i++) {
      double v = y.getFlat(i) - target(t, n, classes, i);
      d.setFlat(i, v);
      double a = Math.abs(v);
      sum += a <= delta ? 0.5 * v * v : delta * (a - 0.5 * delta);
    }
    diff = d;
    this.y = y;
    rows = n;
    return sum / n;
  }

  /** The target of flat element {@code i}, from one-hot rows or from the label of its row. */
  private static double target(Tensor t, int rows, int classes, int i) {
    if (t.size() == rows * classes) {
      return t.getFlat(i);
    }
    if (t.size() != rows) {
      throw new IllegalArgumentException("huber: targets " + t.shape() + " fit neither " + rows + " one-hot rows of "
          + classes + " nor " + rows + " class labels");
    }
    int row = i / classes;
    double label = t.getFlat(row);
    if (label != Math.rint(label) || label < 0 || label >= classes) {
      throw new IllegalArgumentException("huber: target label " + label + " in row " + row
          + " is not a class index in [0, " + classes + ")");
    }
    return label == i % classes ? 1 : 0;
  }

  @Override
  public Tensor backward() {
    if (diff == null) {
      throw new IllegalStateException("huber: backward() called before forward()");
    }
    Tensor grad = Tensor.zerosLike(y);
    for (int i = 0; i < grad.size(); i++) {
      grad.setFlat(i, Math.max(-delta, Math.min(delta, diff.getFlat(i))) / rows);
    }
    return grad;
  }

  /** Makes {@code huber(delta=1.0)}. */
  public static final class Provider implements LossProvider {
    @Override
    public String name() {
      return "huber";
    }

    @Override
    public String description() {
      return "Huber loss: quadratic within delta of the target, linear beyond, averaged over the batch";
    }

    @Override
    public List<Argument> arguments() {
      return List.of(Argument.optional("delta", "1.0", "where the loss turns from quadratic to linear, > 0"));
    }

    @Override
    public Loss create(Args args) {
      double delta = args.getDouble("delta", 1.0);
      if (!(delta > 0) || Double.isInfinite(delta)) {
        throw new ConfigurationException("huber: argument 'delta' must be a finite number > 0, got " + delta);
      }
      return new Huber(delta);
    }
  }
}
