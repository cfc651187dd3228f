package org.nn4j.layers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nn4j.api.Args;
import org.nn4j.api.Argument;
import org.nn4j.api.BuildContext;
import org.nn4j.api.ConfigurationException;
import org.nn4j.api.Layer;
import org.nn4j.api.LayerProvider;
import org.nn4j.api.Param;
import org.nn4j.api.Shape;
import org.nn4j.api.ShapeException;
import org.nn4j.api.Tensor;

/**
 * Batch normalization (book §6.3, its {@code BatchNormalization}): each of the {@code D} features of a batch
 * flattened to {@code (N, D)} is normalised, {@code xn = (x − μ) / √(σ² + eps)}, then scaled and shifted,
 * {@code out = γ·xn + β}; output shaped like the input. Training uses the batch's mean and (biased) variance
 * and moves {@code running_mean} and {@code running_var} towards them,
 * {@code running = momentum·running + (1 − momentum)·batch}; inference uses the running statistics. Those two
 * are exposed by {@link #state()} so a saved model keeps them. Backward follows the book's
 * {@code __backward}; after an inference pass the statistics are constants, so {@code dx = γ·dout / std}.
 * The default {@code eps} is the book's {@code 10e-7}, which is {@code 1e-6}.
 */
public final class BatchNorm implements Layer {
  private final double momentum;
  private final double eps;
  private String name = "batch-norm";
  private Param gamma;
  private Param beta;
  private Tensor runningMean;
  private Tensor runningVar;
  private Map<String, Tensor> state = Map.of();
  private Shape inputShape;
  private Tensor xc;
  private Tensor xn;
  private double[] std;
  private boolean batchStatistics;

  /** Batch normalization with running-average {@code momentum} in {@code [0, 1)} and {@code eps > 0}. */
  public BatchNorm(double momentum, double eps) {
    if (!(momentum >= 0 && momentum < 1)) {
      throw new ConfigurationException("batch-norm: argument 'momentum' must be in [0, 1), got " + momentum);
    }
    if (!(eps > 0) || Double.isInfinite(eps)) {
      throw new ConfigurationException("batch-norm: argument 'eps' must be a positive number, got " + eps);
    }
    this.momentum = momentum;
    this.eps = eps;
  }

  /** The weight of the past in the running statistics. */
  public double momentum() {
    return momentum;
  }

  /** The constant added to the variance. */
  public double eps() {
    return eps;
  }

  @Override
  public Shape outputShape(Shape input) {
    if (input.size() == 0) {
      throw new ShapeException(name + ": input shape " + input + " has no elements");
    }
    if (gamma != null && input.size() != gamma.value().size()) {
      throw new ShapeException(name + ": input " + input + " does not match its " + gamma.value().size() + " features");
    }
    return input;
  }

  @Override
  public void build(Shape input, BuildContext context) {
    name = context.name();
    outputShape(input);
    int d = input.size();
    gamma = new Param("gamma", Tensor.zeros(context.dtype(), d).fill(1));
    beta = new Param("beta", Tensor.zeros(context.dtype(), d));
    runningMean = Tensor.zeros(context.dtype(), d);
    runningVar = Tensor.zeros(context.dtype(), d);
    Map<String, Tensor> s = new LinkedHashMap<>();
    s.put("running_mean", runningMean);
    s.put("running_var", runningVar);
    state = Collections.unmodifiableMap(s);
  }

  @Override
  public Tensor forward(Tensor x, boolean training) {
    int d = params().get(0).value().size();
    if (x.rank() < 1 || x.rowLength() != d) {
      throw new ShapeException(name + ": input " + x.shape() + " does not match its " + d + " features");
    }
    int n = x.rows();
    double[] mu = training ? columnMeans(x, null) : runningMean.toDoubleArray();
    double[] var = training ? columnMeans(x, mu) : runningVar.toDoubleArray();
    std = new double[d];
    for (int j = 0; j < d; j++) {
      std[j] = Math.sqrt(var[j] + eps);
      if (training) {
        runningMean.setFlat(j, momentum * runningMean.getFlat(j) + (1 - momentum) * mu[j]);
        runningVar.setFlat(j, momentum * runningVar.getFlat(j) + (1 - momentum) * var[j]);
      }
    }
    xc = Tensor.zerosLike(x);
    xn = Tensor.zerosLike(x);
    Tensor out = Tensor.zerosLike(x);
    for (int i = 0; i < n * d; i++) {
      int j = i % d;
      double c = x.getFlat(i) - mu[j];
      xc.setFlat(i, c);
      xn.setFlat(i, c / std[j]);
      out.setFlat(i, gamma.value().getFlat(j) * xn.getFlat(i) + beta.value().getFlat(j));
    }
    inputShape = x.shape();
    batchStatistics = training;
    return out;
  }

  /** The mean of each column of {@code x}, or with {@code mu} given, the mean of {@code (x − mu)²}. */
  private static double[] columnMeans(Tensor x, double[] mu) {
    int d = x.rowLength();
    double[] m = new double[d];
    for (int i = 0; i < x.size(); i++) {
      double v = mu == null ? x.getFlat(i) : x.getFlat(i) - mu[i % d];
      m[i % d] += mu == null ? v : v * v;
    }
    for (int j = 0; j < d; j++) {
      m[j] /= x.rows();
    }
    return m;
  }

  @Override
  public Tensor backward(Tensor dout) {
    Shape s = Layer.requireForward(inputShape, name);
    if (!dout.shape().equals(s)) {
      throw new ShapeException(name + ": dout " + dout.shape() + " does not match output " + s);
    }
    int d = std.length;
    int n = s.size() / d;
    double[] dbeta = new double[d];
    double[] dgamma = new double[d];
    double[] dvar = new double[d];
    double[] dmu = new double[d];
    for (int i = 0; i < n * d; i++) {
      int j = i % d;
      dbeta[j] += dout.getFlat(i);
      dgamma[j] += xn.getFlat(i) * dout.getFlat(i);
      dvar[j] -= gamma.value().getFlat(j) * dout.getFlat(i) * xc.getFlat(i) / (std[j] * std[j]);
    }
    for (int j = 0; j < d; j++) {
      beta.grad().setFlat(j, dbeta[j]);
      gamma.grad().setFlat(j, dgamma[j]);
      // dstd becomes dvar = 0.5·dstd/std; after an inference pass the statistics are constants, so zero.
      dvar[j] = batchStatistics ? 0.5 * dvar[j] / std[j] : 0;
    }
    for (int i = 0; batchStatistics && i < n * d; i++) {
      dmu[i % d] += dxc(i, n, dout, dvar);
    }
    Tensor dx = Tensor.zerosLike(dout);
    for (int i = 0; i < n * d; i++) {
      dx.setFlat(i, dxc(i, n, dout, dvar) - dmu[i % d] / n);
    }
    return dx;
  }

  /**
   * The book's {@code dxc = γ·dout/std + (2/N)·xc·dvar} at flat index {@code i}; computed where needed rather
   * than stored, so that a {@code float32} batch keeps {@code double} precision between the two uses.
   */
  private double dxc(int i, int n, Tensor dout, double[] dvar) {
    int j = i % dvar.length;
    return gamma.value().getFlat(j) * dout.getFlat(i) / std[j] + (2.0 / n) * xc.getFlat(i) * dvar[j];
  }

  @Override
  public long allocationSize(Shape input) {
    return 4L * input.size();
  }

  @Override
  public List<Param> params() {
    if (gamma == null) {
      throw new IllegalStateException(name + ": not built; a network builds its layers before use");
    }
    return List.of(gamma, beta);
  }

  @Override
  public Map<String, Tensor> state() {
    return state;
  }

  /** Makes {@code batch-norm(momentum=0.9, eps=1e-6)}. */
  public static final class Provider implements LayerProvider {
    @Override
    public String name() {
      return "batch-norm";
    }

    @Override
    public String description() {
      return "batch normalization γ·(x − μ)/√(σ² + eps) + β with running statistics for inference (book 6.3)";
    }

    @Override
    public List<Argument> arguments() {
      return List.of(
          Argument.optional("momentum", "0.9", "weight of the past in the running mean and variance, in [0, 1)"),
          Argument.optional("eps", "1e-6", "added to the variance before the square root; the book's 10e-7"));
    }

    @Override
    public Layer create(Args args) {
      return new BatchNorm(args.getDouble("momentum", 0.9), args.getDouble("eps", 1e-6));
    }
  }
}
