package org.nn4j.layers;

import org.nn4j.api.Args;
import org.nn4j.api.BuildContext;
import org.nn4j.api.Layer;
import org.nn4j.api.LayerProvider;
import org.nn4j.api.Shape;
import org.nn4j.api.ShapeException;
import org.nn4j.api.Tensor;

/**
 * The logistic sigmoid {@code 1 / (1 + exp(-x))} (book §5.5.2), element-wise; any shape in, the same shape
 * out. Backward is {@code dout · (1 - out) · out}, reading the cached output {@code out}.
 */
public final class Sigmoid implements Layer {
  private String name = "sigmoid";
  private Tensor out;
  private Tensor dx;

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
    out = x.mapInto(v -> 1.0 / (1.0 + Math.exp(-v)), Tensor.reuse(out, x.dtype(), x.shape()));
    return out;
  }

  @Override
  public Tensor backward(Tensor dout) {
    Tensor y = Layer.requireForward(out, name);
    if (!dout.shape().equals(y.shape())) {
      throw new ShapeException(name + ": dout " + dout.shape() + " does not match output " + y.shape());
    }
    dx = dout.zipInto(y, (g, s) -> g * (1.0 - s) * s, Tensor.reuse(dx, dout.dtype(), dout.shape()));
    return dx;
  }

  /** Makes {@code sigmoid}. */
  public static final class Provider implements LayerProvider {
    @Override
    public String name() {
      return "sigmoid";
    }

    @Override
    public String description() {
      return "logistic sigmoid 1 / (1 + exp(-x)) (book 5.5.2)";
    }

    @Override
    public Layer create(Args args) {
      return new Sigmoid();
    }
  }
}
