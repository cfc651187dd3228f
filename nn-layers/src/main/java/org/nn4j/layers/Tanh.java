package org.nn4j.layers;

import org.nn4j.api.Args;
import org.nn4j.api.BuildContext;
import org.nn4j.api.Layer;
import org.nn4j.api.LayerProvider;
import org.nn4j.api.Shape;
import org.nn4j.api.ShapeException;
import org.nn4j.api.Tensor;

/**
 * The hyperbolic tangent {@code tanh(x)}, element-wise (book §6.2.2, the activation whose symmetry about the
 * origin the book compares with the sigmoid's); any shape in, the same shape out. Backward is
 * {@code dout · (1 − out²)}, reading the cached output {@code out}.
 */
public final class Tanh implements Layer {
  private String name = "tanh";
  private Tensor out;

  @Override
  public Shape outputShape(Shape input) {
    return input;
  }

  @Override
  public void build(Shape input, BuildContext context) {
    name = context.name();
  }

  @Override
  public Tensor forward(Tensor x, boolean training) {
    out = x.map(Math::tanh);
    return out;
  }

  @Override
  public Tensor backward(Tensor dout) {
    Tensor y = Layer.requireForward(out, name);
    if (!dout.shape().equals(y.shape())) {
      throw new ShapeException(name + ": dout " + dout.shape() + " does not match output " + y.shape());
    }
    return dout.zipInto(y, (g, t) -> g * (1.0 - t * t), Tensor.zerosLike(dout));
  }

  /** Makes {@code tanh}. */
  public static final class Provider implements LayerProvider {
    @Override
    public String name() {
      return "tanh";
    }

    @Override
    public String description() {
      return "hyperbolic tangent tanh(x) (book 6.2.2)";
    }

    @Override
    public Layer create(Args args) {
      return new Tanh();
    }
  }
}
