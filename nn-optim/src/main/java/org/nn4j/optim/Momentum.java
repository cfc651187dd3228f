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
 * Momentum SGD (book §6.1.4): a velocity {@code v} per parameter, {@code v ← momentum·v − lr·∂L/∂W}, then
 * {@code W ← W + v}. The state {@code v} has the parameter's shape and type and starts at zero; it is
 * exposed by {@link #state} as {@code "<index>.v"}. As with every optimizer here, {@code float32}
 * parameters are updated in {@code float32} arithmetic, as NumPy updates the book's {@code float32} arrays.
 */
public final class Momentum implements Optimizer {
  private final double lr;
  private final double momentum;
  private final ParamSlots slots = new ParamSlots("v");

  /** Momentum SGD with learning rate {@code lr > 0} and momentum in {@code [0, 1)}. */
  public Momentum(double lr, double momentum) {
    this.lr = Hyperparameters.learningRate("momentum", lr);
    this.momentum = Hyperparameters.fromZeroBelowOne("momentum", "momentum", momentum);
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
    for (Param p : params) {
      Tensor v = slots.of(p)[0];
      if (p.value().dtype() == DType.FLOAT32) {
        update(p.value().floatData(), p.grad().floatData(), v.floatData(), (float) lr, (float) momentum);
      } else {
        update(p.value().doubleData(), p.grad().doubleData(), v.doubleData(), lr, momentum);
      }
    }
  }

  // One kernel per element type: float32 arithmetic on float arrays vectorizes (about 30 times faster than
  // going through double), and is what NumPy does for the book's float32 arrays.
  private static void update(float[] w, float[] g, float[] v, float lr, float momentum) {
    for (int i = 0; i < w.length; i++) {
      v[i] = momentum * v[i] - lr * g[i];
      w[i] += v[i];
    }
  }

  private static void update(double[] w, double[] g, double[] v, double lr, double momentum) {
    for (int i = 0; i < w.length; i++) {
      v[i] = momentum * v[i] - lr * g[i];
      w[i] += v[i];
    }
  }

  @Override
  public Map<String, Tensor> state(List<Param> params) {
    return slots.named(params, Map.of());
  }

  /** Makes {@code momentum(lr=0.01, momentum=0.9)}. */
  public static final class Provider implements OptimizerProvider {
    @Override
    public String name() {
      return "momentum";
    }

    @Override
    public String description() {
      return "momentum SGD v ← momentum·v − lr·∂L/∂W, W ← W + v (book 6.1.4)";
    }

    @Override
    public List<Argument> arguments() {
      return List.of(
          Argument.optional("lr", "0.01", "learning rate"),
          Argument.optional("momentum", "0.9", "fraction of the velocity kept each step, in [0, 1)"));
    }

    @Override
    public Optimizer create(Args args) {
      return new Momentum(args.getDouble("lr", 0.01), args.getDouble("momentum", 0.9));
    }
  }
}
