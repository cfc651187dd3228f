package org.nn4j.layers;

import java.util.List;
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
import org.nn4j.api.WeightInit;

/**
 * The fully connected layer {@code out = x·W + b} (book §5.6.2). Input: a batch of any per-sample shape,
 * flattened to {@code (N, in)}, where {@code in} is inferred when the network is built; output {@code (N, out)}.
 * Backward: {@code dx = dout·Wᵀ} (shaped like the input), {@code dW = xᵀ·dout}, {@code db = Σ_rows dout}.
 */
public final class Affine implements Layer {
  private final int width;
  private final WeightInit init;
  private final boolean bias;
  private String name = "affine";
  private Param weights;
  private Param biases;
  private Tensor input;
  private Tensor out;
  private Tensor dx;

  /**
   * An affine layer with {@code out} outputs.
   *
   * @param init the weight initialiser, or {@code null} to take the network's default
   * @param bias whether to add a bias
   */
  public Affine(int out, WeightInit init, boolean bias) {
    if (out <= 0) {
      throw new ConfigurationException("affine: argument 'out' must be positive, got " + out);
    }
    this.width = out;
    this.init = init;
    this.bias = bias;
  }

  @Override
  public Shape outputShape(Shape inputShape) {
    if (inputShape.size() == 0) {
      throw new ShapeException(name + ": input shape " + inputShape + " has no elements");
    }
    if (weights != null && inputShape.size() != weights.value().shape().dim(0)) {
      throw new ShapeException(name + ": input " + inputShape + " does not match weights " + weights.value().shape());
    }
    return Shape.of(width);
  }

  @Override
  public long allocationSize(Shape inputShape) {
    return (long) inputShape.size() * width + (bias ? width : 0);
  }

  @Override
  public void build(Shape inputShape, BuildContext context) {
    name = context.name();
    outputShape(inputShape);
    int in = inputShape.size();
    weights = new Param("W", Tensor.zeros(context.dtype(), in, width));
    WeightInit rule = init != null ? init : WeightInit.parse(context.defaultInit());
    rule.fill(weights.value(), in, context.random());
    biases = bias ? new Param("b", Tensor.zeros(context.dtype(), width)) : null;
  }

  @Override
  public Tensor forward(Tensor x, boolean training) {
    Tensor w = built().value();
    if (x.rank() < 1 || x.rowLength() != w.shape().dim(0)) {
      throw new ShapeException(name + ": input " + x.shape() + " does not match weights " + w.shape()
          + " (expected " + w.shape().dim(0) + " values per sample)");
    }
    input = x;
    Tensor y = Tensor.reuse(out, w.dtype(), x.rows(), width);
    Tensor.matmulInto(x.asMatrix(), false, w, false, y, false);
    if (biases != null) {
      y.addRowInPlace(biases.value());
    }
    out = y;
    return y;
  }

  @Override
  public Tensor backward(Tensor dout) {
    return backward(dout, true);
  }

  @Override
  public Tensor backward(Tensor dout, boolean needInputGradient) {
    Tensor x = Layer.requireForward(input, name);
    Tensor w = weights.value();
    if (dout.rank() != 2 || dout.rows() != x.rows() || dout.rowLength() != width) {
      throw new ShapeException(name + ": dout " + dout.shape() + " does not match output " + out.shape());
    }
    Tensor.matmulInto(x.asMatrix(), true, dout, false, weights.grad(), false);
    if (biases != null) {
      dout.sumInto(0, biases.grad());
    }
    if (!needInputGradient) {
      return null;
    }
    dx = Tensor.reuse(dx, w.dtype(), x.shape());
    Tensor.matmulInto(dout, false, w, true, dx.asMatrix(), false);
    return dx;
  }

  @Override
  public List<Param> params() {
    built();
    return biases == null ? List.of(weights) : List.of(weights, biases);
  }

  private Param built() {
    if (weights == null) {
      throw new IllegalStateException(name + ": not built; a network builds its layers before use");
    }
    return weights;
  }

  /** Makes {@code affine(out=50, init=he, bias=true)}. */
  public static final class Provider implements LayerProvider {
    @Override
    public String name() {
      return "affine";
    }

    /** The value of {@code init} that takes the network's initialiser, the default. */
    static final String NETWORK_DEFAULT = "network default";

    @Override
    public String description() {
      return "fully connected layer x·W + b; input width inferred (book 5.6.2)";
    }

    @Override
    public List<Argument> arguments() {
      return List.of(
          Argument.required("out", "number of outputs"),
          Argument.optional("init", NETWORK_DEFAULT, "weight initialiser: he, xavier, or a normal's std such as 0.01"),
          Argument.optional("bias", "true", "whether to add a bias vector"));
    }

    @Override
    public Layer create(Args args) {
      // The declared default is accepted as a value too, so that what `nn4j plugins` shows can be given.
      String rule = args.getString("init", NETWORK_DEFAULT);
      WeightInit init = rule.equals(NETWORK_DEFAULT) ? null : WeightInit.parse(rule);
      return new Affine(args.getInt("out"), init, args.getBoolean("bias", true));
    }
  }
}
