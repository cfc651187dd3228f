package org.nn4j.optim;

import java.util.List;
import java.util.Map;
import org.nn4j.api.Args;
import org.nn4j.api.Argument;
import org.nn4j.api.DType;
import org.nn4j.api.Optimizer;
import org.nn4j.api.OptimizerProvider;
import org.nn4j.api.Param;
import org.nn4j.api.Tensor;

/**
 * AdaGrad (book §6.1.5): each element's step shrinks with the sum of its squared gradients,
 * {@code h ← h + g²}, {@code W ← W − lr·g / (√h + 1e-7)}; the {@code 1e-7} keeps the first step finite where
 * {@code h} is zero. The state {@code h} has the parameter's shape and type, starts at zero, and is exposed
 * by {@link #state} as {@code "<index>.h"}.
 */
public final class AdaGrad implements Optimizer {
  /** Added to {@code √h} to avoid dividing by zero, as in the book. */
  static final double DELTA = 1e-7;

  private final double lr;
  private final ParamSlots slots = new ParamSlots("h");

  /** AdaGrad with learning rate {@code lr > 0}. */
  public AdaGrad(double lr) {
    this.lr = Hyperparameters.learningRate("adagrad", lr);
  }

  /** The learning rate. */
  public double learningRate() {
    return lr;
  }

  @Override
  public void step(List<Param> params) {
    for (Param p : params) {
      Tensor h = slots.of(p)[0];
      if (p.value().dtype() == DType.FLOAT32) {
        update(p.value().floatData(), p.grad().floatData(), h.floatData(), (float) lr);
      } else {
        update(p.value().doubleData(), p.grad().doubleData(), h.doubleData(), lr);
      }
    }
  }

  // One kernel per element type: float32 arithmetic on float arrays vectorizes (about 30 times faster than
  // going through double), and is what NumPy does for the book's float32 arrays.
  private static void update(float[] w, float[] g, float[] h, float lr) {
    for (int i = 0; i < w.length; i++) {
      h[i] += g[i] * g[i];
      w[i] -= lr * g[i] / ((float) Math.sqrt(h[i]) + (float) DELTA);
    }
  }

  private static void update(double[] w, double[] g, double[] h, double lr) {
    for (int i = 0; i < w.length; i++) {
      h[i] += g[i] * g[i];
      w[i] -= lr * g[i] / (Math.sqrt(h[i]) + DELTA);
    }
  }

  @Override
  public Map<String, Tensor> state(List<Param> params) {
    return slots.named(params, Map.of());
  }

  /** Makes {@code adagrad(lr=0.01)}. */
  public static final class Provider implements OptimizerProvider {
    @Override
    public String name() {
      return "adagrad";
    }

    @Override
    public String description() {
      return "AdaGrad h ← h + g², W ← W − lr·g/(√h + 1e-7) (book 6.1.5)";
    }

    @Override
    public List<Argument> arguments() {
      return List.of(Argument.optional("lr", "0.01", "learning rate"));
    }

    @Override
    public Optimizer create(Args args) {
      return new AdaGrad(args.getDouble("lr", 0.01));
    }
  }
}
