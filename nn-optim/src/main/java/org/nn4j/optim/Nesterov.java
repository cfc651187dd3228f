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
 * Nesterov's accelerated gradient in the form of the book's {@code common/optimizer.py} (mentioned in
 * §6.1.7): {@code v ← momentum·v − lr·g}, then {@code W ← W + momentum²·v − (1 + momentum)·lr·g}, which
 * takes the momentum step from the look-ahead point without evaluating the gradient there. The velocity
 * {@code v} has the parameter's shape and type, starts at zero, and is exposed by {@link #state} as
 * {@code "<index>.v"}.
 */
public final class Nesterov implements Optimizer {
  private final double lr;
  private final double momentum;
  private final ParamSlots slots = new ParamSlots("v");

  /** Nesterov momentum with learning rate {@code lr > 0} and momentum in {@code [0, 1)}. */
  public Nesterov(double lr, double momentum) {
    this.lr = Hyperparameters.learningRate("nesterov", lr);
    this.momentum = Hyperparameters.fromZeroBelowOne("nesterov", "momentum", momentum);
  }

  /** The learning rate. */
  public double learningRate() {
    return lr;
  }

  /** The momentum factor. */
  public double momentum() {
    return momentum;
  }

  @Override
  public void step(List<Param> params) {
    // The scalar factors are formed in double and rounded once, as NumPy does with the book's Python floats.
    double lookAhead = momentum * momentum;
    double gradScale = (1 + momentum) * lr;
    for (Param p : params) {
      Tensor v = slots.of(p)[0];
      if (p.value().dtype() == DType.FLOAT32) {
        update(p.value().floatData(), p.grad().floatData(), v.floatData(), (float) lr, (float) momentum,
            (float) lookAhead, (float) gradScale);
      } else {
        update(p.value().doubleData(), p.grad().doubleData(), v.doubleData(), lr, momentum, lookAhead, gradScale);
      }
    }
  }

  // One kernel per element type: float32 arithmetic on float arrays vectorizes (about 30 times faster than
  // going through double), and is what NumPy does for the book's float32 arrays.
  // W is updated twice, in the book's order, rather than by one fused expression, so results round as its do.
  private static void update(float[] w, float[] g, float[] v, float lr, float momentum, float lookAhead,
      float gradScale) {
    for (int i = 0; i < w.length; i++) {
      v[i] = v[i] * momentum - lr * g[i];
      w[i] += lookAhead * v[i];
      w[i] -= gradScale * g[i];
    }
  }

  private static void update(double[] w, double[] g, double[] v, double lr, double momentum, double lookAhead,
      double gradScale) {
    for (int i = 0; i < w.length; i++) {
      v[i] = v[i] * momentum - lr * g[i];
      w[i] += lookAhead * v[i];
      w[i] -= gradScale * g[i];
    }
  }

  @Override
  public Map<String, Tensor> state(List<Param> params) {
    return slots.named(params, Map.of());
  }

  /** Makes {@code nesterov(lr=0.01, momentum=0.9)}. */
  public static final class Provider implements OptimizerProvider {
    @Override
    public String name() {
      return "nesterov";
    }

    @Override
    public String description() {
      return "Nesterov momentum as the book's optimizer.py: v ← m·v − lr·g, W ← W + m²·v − (1+m)·lr·g (book 6.1.7)";
    }

    @Override
    public List<Argument> arguments() {
      return List.of(
          Argument.optional("lr", "0.01", "learning rate"),
          Argument.optional("momentum", "0.9", "fraction of the velocity kept each step, in [0, 1)"));
    }

    @Override
    public Optimizer create(Args args) {
      return new Nesterov(args.getDouble("lr", 0.01), args.getDouble("momentum", 0.9));
    }
  }
}
