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
 * RMSprop (book §6.1.5, the note after AdaGrad): like AdaGrad, but the squared gradients are an exponential
 * moving average that forgets old ones, {@code h ← decay·h + (1 − decay)·g²},
 * {@code W ← W − lr·g / (√h + 1e-7)}. The state {@code h} has the parameter's shape and type, starts at
 * zero, and is exposed by {@link #state} as {@code "<index>.h"}.
 */
public final class RmsProp implements Optimizer {
  private final double lr;
  private final double decay;
  private final ParamSlots slots = new ParamSlots("h");

  /** RMSprop with learning rate {@code lr > 0} and decay rate in {@code (0, 1)}. */
  public RmsProp(double lr, double decay) {
    this.lr = Hyperparameters.learningRate("rmsprop", lr);
    this.decay = Hyperparameters.betweenZeroAndOne("rmsprop", "decay", decay);
  }

  /** The learning rate. */
  public double learningRate() {
    return lr;
  }

  /** The decay rate of the squared-gradient average. */
  public double decay() {
    return decay;
  }

  @Override
  public void step(List<Param> params) {
    double fresh = 1 - decay;
    for (Param p : params) {
      Tensor h = slots.of(p)[0];
      if (p.value().dtype() == DType.FLOAT32) {
        update(p.value().floatData(), p.grad().floatData(), h.floatData(), (float) lr, (float) decay, (float) fresh);
      } else {
        update(p.value().doubleData(), p.grad().doubleData(), h.doubleData(), lr, decay, fresh);
      }
    }
  }

  // One kernel per element type: float32 arithmetic on float arrays vectorizes (about 30 times faster than
  // going through double), and is what NumPy does for the book's float32 arrays.
  private static void update(float[] w, float[] g, float[] h, float lr, float decay, float fresh) {
    for (int i = 0; i < w.length; i++) {
      h[i] = h[i] * decay + fresh * g[i] * g[i];
      w[i] -= lr * g[i] / ((float) Math.sqrt(h[i]) + (float) AdaGrad.DELTA);
    }
  }

  private static void update(double[] w, double[] g, double[] h, double lr, double decay, double fresh) {
    for (int i = 0; i < w.length; i++) {
      h[i] = h[i] * decay + fresh * g[i] * g[i];
      w[i] -= lr * g[i] / (Math.sqrt(h[i]) + AdaGrad.DELTA);
    }
  }

  @Override
  public Map<String, Tensor> state(List<Param> params) {
    return slots.named(params, Map.of());
  }

  /** Makes {@code rmsprop(lr=0.01, decay=0.99)}. */
  public static final class Provider implements OptimizerProvider {
    @Override
    public String name() {
      return "rmsprop";
    }

    @Override
    public String description() {
      return "RMSprop h ← decay·h + (1−decay)·g², W ← W − lr·g/(√h + 1e-7) (book 6.1.5)";
    }

    @Override
    public List<Argument> arguments() {
      return List.of(
          Argument.optional("lr", "0.01", "learning rate"),
          Argument.optional("decay", "0.99", "weight of the past in the squared-gradient average, in (0, 1)"));
    }

    @Override
    public Optimizer create(Args args) {
      return new RmsProp(args.getDouble("lr", 0.01), args.getDouble("decay", 0.99));
    }
  }
}
