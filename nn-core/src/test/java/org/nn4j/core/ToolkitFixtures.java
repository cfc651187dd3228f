package org.nn4j.core;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nn4j.api.Args;
import org.nn4j.api.BuildContext;
import org.nn4j.api.DType;
import org.nn4j.api.Layer;
import org.nn4j.api.LayerProvider;
import org.nn4j.api.Optimizer;
import org.nn4j.api.OptimizerProvider;
import org.nn4j.api.Param;
import org.nn4j.api.Shape;
import org.nn4j.api.Tensor;
import org.nn4j.core.data.Dataset;

/**
 * Shared pieces of the saved-model, checkpoint and trainer tests: small seeded datasets, small networks, and
 * two providers with state (a layer that keeps running statistics, an optimizer with velocity and a step
 * count) that the built-in providers do not yet have.
 */
public final class ToolkitFixtures {
  /** The small architecture most of these tests use. */
  public static final String LAYERS = "affine(out=5) relu affine(out=3)";

  private static final Registry REGISTRY = Registry.load();

  private ToolkitFixtures() {
  }

  /** Every provider on the test class path. */
  public static Registry registry() {
    return REGISTRY;
  }

  /**
   * The providers on the class path plus {@link RunningMean} ({@code running-mean}) and {@link Heavy}
   * ({@code heavy}).
   */
  public static Registry registryWithStatefulProviders() {
    List<LayerProvider> layers = new ArrayList<>(REGISTRY.layers().asMap().values());
    layers.add(new RunningMean.Provider());
    List<OptimizerProvider> optimizers = new ArrayList<>(REGISTRY.optimizers().asMap().values());
    optimizers.add(new Heavy.Provider());
    return Registry.of(layers, REGISTRY.losses().asMap().values(), optimizers, List.of());
  }

  /**
   * {@code n} examples of {@code features} values uniform in [0, 1), labelled by the largest of
   * {@code classes} fixed random linear scores: a problem a small network can learn.
   */
  public static Dataset dataset(DType dtype, int n, int features, int classes, long seed) {
    Random random = new Random(seed);
    double[][] w = new double[features][classes];
    for (double[] row : w) {
      for (int c = 0; c < classes; c++) {
        row[c] = random.nextGaussian();
      }
    }
    Tensor x = Tensor.zeros(dtype, n, features);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      double[] score = new double[classes];
      for (int j = 0; j < features; j++) {
        double v = random.nextDouble();
        x.set(v, i, j);
        for (int c = 0; c < classes; c++) {
          score[c] += v * w[j][c];
        }
      }
      int best = 0;
      for (int c = 1; c < classes; c++) {
        if (score[c] > score[best]) {
          best = c;
        }
      }
      labels[i] = best;
    }
    return new Dataset(x, labels, classes);
  }

  /** A network of {@link #LAYERS} on inputs of width 6 with softmax cross-entropy. */
  public static Network network(DType dtype, long seed) {
    return Network.builder(REGISTRY).input(6).dtype(dtype).seed(seed).init("0.5").layers(LAYERS)
        .loss("softmax-cross-entropy").build();
  }

  /** Copies of every parameter value, by qualified name. */
  public static Map<String, Tensor> snapshot(Network network) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    network.namedParams().forEach((name, p) -> out.put(name, p.value().copy()));
    return out;
  }

  /**
   * A layer that passes its input through and, in training, accumulates the column sums of what it saw
   * ({@code sum}) and the number of rows ({@code count}): state that is not a parameter.
   */
  public static final class RunningMean implements Layer {
    private Tensor sum;
    private Tensor count;

    @Override
    public Shape outputShape(Shape input) {
      return input;
    }

    @Override
    public void build(Shape input, BuildContext context) {
      sum = Tensor.zeros(context.dtype(), input.size());
      count = Tensor.zeros(context.dtype(), 1);
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
      if (training) {
        Tensor flat = x.reshape(x.rows(), -1);
        sum.addInPlace(flat.sum(0));
        count.setFlat(0, count.getFlat(0) + x.rows());
      }
      return x;
    }

    @Override
    public Tensor backward(Tensor dout) {
      return dout.copy();
    }

    @Override
    public Map<String, Tensor> state() {
      Map<String, Tensor> out = new LinkedHashMap<>();
      out.put("sum", sum);
      out.put("count", count);
      return out;
    }

    /** Makes {@code running-mean}. */
    public static final class Provider implements LayerProvider {
      @Override
      public String name() {
        return "running-mean";
      }

      @Override
      public String description() {
        return "identity that keeps column sums and a row count";
      }

      @Override
      public Layer create(Args args) {
        return new RunningMean();
      }
    }
  }

  /**
   * Heavy-ball momentum, {@code v ← 0.5·v − lr·g; W ← W + v}, with a step counter {@code t}: an optimizer
   * whose state a checkpoint must carry.
   */
  public static final class Heavy implements Optimizer {
    private final double lr;
    private final Map<Param, Tensor> velocity = new IdentityHashMap<>();
    private Tensor t;

    Heavy(double lr) {
      this.lr = lr;
    }

    @Override
    public void step(List<Param> params) {
      state(params);
      for (Param p : params) {
        Tensor v = velocity.get(p);
        v.scaleInPlace(0.5).addScaledInPlace(-lr, p.grad());
        p.value().addInPlace(v);
      }
      t.setFlat(0, t.getFlat(0) + 1);
    }

    @Override
    public Map<String, Tensor> state(List<Param> params) {
      Map<String, Tensor> out = new LinkedHashMap<>();
      for (int i = 0; i < params.size(); i++) {
        Param p = params.get(i);
        out.put(i + ".v", velocity.computeIfAbsent(p, q -> Tensor.zerosLike(q.value())));
      }
      if (t == null) {
        t = Tensor.zeros(params.isEmpty() ? DType.FLOAT64 : params.get(0).value().dtype(), 1);
      }
      out.put("t", t);
      return out;
    }

    /** The number of steps taken. */
    public double steps() {
      return t == null ? 0 : t.getFlat(0);
    }

    /** Makes {@code heavy(lr=0.1)}. */
    public static final class Provider implements OptimizerProvider {
      @Override
      public String name() {
        return "heavy";
      }

      @Override
      public String description() {
        return "heavy-ball momentum 0.5 with a step counter";
      }

      @Override
      public List<org.nn4j.api.Argument> arguments() {
        return List.of(org.nn4j.api.Argument.optional("lr", "0.1", "learning rate"));
      }

      @Override
      public Optimizer create(Args args) {
        return new Heavy(args.getDouble("lr", 0.1));
      }
    }
  }
}
