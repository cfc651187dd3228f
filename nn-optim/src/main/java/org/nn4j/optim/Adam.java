package org.nn4j.optim;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
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
 * Adam (book §6.1.6, in the form of its {@code common/optimizer.py}): moving averages of the gradient
 * {@code m += (1 − β1)(g − m)} and of its square {@code v += (1 − β2)(g² − v)}, and the step
 * {@code W ← W − lr_t·m / (√v + 1e-7)} with the bias correction folded into the rate,
 * {@code lr_t = lr·√(1 − β2^t) / (1 − β1^t)}. The step count {@code t} is kept per parameter (the book
 * keeps one for its one network; per parameter, as PyTorch does, one optimizer can serve several parameter
 * lists without one list's steps changing another's bias correction). State: {@code "<index>.m"} and
 * {@code "<index>.v"} with the parameter's shape and type, and {@code "<index>.t"}, a {@code float64} scalar
 * that itself holds the count, so copying a saved value into it restores it.
 */
public final class Adam implements Optimizer {
  private final double lr;
  private final double beta1;
  private final double beta2;
  private final ParamSlots slots = new ParamSlots("m", "v");
  private final Map<Param, Tensor> counts = new IdentityHashMap<>();

  /** Adam with learning rate {@code lr > 0} and decay rates {@code beta1}, {@code beta2} in {@code [0, 1)}. */
  public Adam(double lr, double beta1, double beta2) {
    this.lr = Hyperparameters.learningRate("adam", lr);
    this.beta1 = Hyperparameters.fromZeroBelowOne("adam", "beta1", beta1);
    this.beta2 = Hyperparameters.fromZeroBelowOne("adam", "beta2", beta2);
  }

  /** The learning rate. */
  public double learningRate() {
    return lr;
  }

  /** The decay rate of the gradient average. */
  public double beta1() {
    return beta1;
  }

  /** The decay rate of the squared-gradient average. */
  public double beta2() {
    return beta2;
  }

  /** The number of steps {@code p} has taken, or restored through {@link #state}. */
  public long steps(Param p) {
    return (long) count(p).getFlat(0);
  }

  private Tensor count(Param p) {
    return counts.computeIfAbsent(p, k -> Tensor.scalar(DType.FLOAT64, 0));
  }

  @Override
  public void step(List<Param> params) {
    double keep1 = 1 - beta1;
    double keep2 = 1 - beta2;
    for (Param p : params) {
      Tensor t = count(p);
      double iter = t.getFlat(0) + 1;
      t.setFlat(0, iter);
      double lrT = lr * Math.sqrt(1.0 - Math.pow(beta2, iter)) / (1.0 - Math.pow(beta1, iter));
      Tensor[] s = slots.of(p);
      if (p.value().dtype() == DType.FLOAT32) {
        update(p.value().floatData(), p.grad().floatData(), s[0].floatData(), s[1].floatData(), (float) lrT,
            (float) keep1, (float) keep2);
      } else {
        update(p.value().doubleData(), p.grad().doubleData(), s[0].doubleData(), s[1].doubleData(), lrT, keep1, keep2);
      }
    }
  }

  // One kernel per element type: float32 arithmetic on float arrays vectorizes (about 30 times faster than
  // going through double), and is what NumPy does for the book's float32 arrays.
  private static void update(float[] w, float[] g, float[] m, float[] v, float lrT, float keep1, float keep2) {
    for (int i = 0; i < w.length; i++) {
      m[i] += keep1 * (g[i] - m[i]);
      v[i] += keep2 * (g[i] * g[i] - v[i]);
      w[i] -= lrT * m[i] / ((float) Math.sqrt(v[i]) + (float) AdaGrad.DELTA);
    }
  }

  private static void update(double[] w, double[] g, double[] m, double[] v, double lrT, double keep1,
      double keep2) {
    for (int i = 0; i < w.length; i++) {
      m[i] += keep1 * (g[i] - m[i]);
      v[i] += keep2 * (g[i] * g[i] - v[i]);
      w[i] -= lrT * m[i] / (Math.sqrt(v[i]) + AdaGrad.DELTA);
    }
  }

  @Override
  public Map<String, Tensor> state(List<Param> params) {
    Map<String, Tensor> out = new LinkedHashMap<>(slots.named(params, Map.of()));
    for (int i = 0; i < params.size(); i++) {
      out.put(i + ".t", count(params.get(i)));
    }
    return Collections.unmodifiableMap(out);
  }

  /** Makes {@code adam(lr=0.001, beta1=0.9, beta2=0.999)}. */
  public static final class Provider implements OptimizerProvider {
    @Override
    public String name() {
      return "adam";
    }

    @Override
    public String description() {
      return "Adam with bias correction folded into the rate, as the book's optimizer.py (book 6.1.6)";
    }

    @Override
    public List<Argument> arguments() {
      return List.of(
          Argument.optional("lr", "0.001", "learning rate"),
          Argument.optional("beta1", "0.9", "decay rate of the gradient average, in [0, 1)"),
          Argument.optional("beta2", "0.999", "decay rate of the squared-gradient average, in [0, 1)"));
    }

    @Override
    public Optimizer create(Args args) {
      return new Adam(args.getDouble("lr", 0.001), args.getDouble("beta1", 0.9), args.getDouble("beta2", 0.999));
    }
  }
}
