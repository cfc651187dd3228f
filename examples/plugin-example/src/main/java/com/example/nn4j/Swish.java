package com.example.nn4j;

import org.nn4j.api.Args;
import org.nn4j.api.BuildContext;
import org.nn4j.api.Layer;
import org.nn4j.api.LayerProvider;
import org.nn4j.api.Shape;
import org.nn4j.api.Tensor;

/**
 * Swish, {@code x · sigmoid(x)} (Ramachandran, Zoph and Le, "Searching for Activation Functions", 2017),
 * element-wise: any shape in, the same shape out. Its derivative is {@code s + x·s·(1 − s)} with
 * {@code s = sigmoid(x)}.
 */
public final class Swish implements Layer {
  private String name = "swish";
  private Tensor input;

  @Override
  public Shape outputShape(Shape in) {
    return in;
  }

  @Override
  public void build(Shape in, BuildContext context) {
    name = context.name();
  }

  @Override
  public Tensor forward(Tensor x, boolean training) {
    input = x;
    return x.map(v -> v / (1 + Math.exp(-v)));
  }

  @Override
  public Tensor backward(Tensor dout) {
    Tensor x = Layer.requireForward(input, name);
    Tensor dx = Tensor.zerosLike(dout);
    for (int i = 0; i < dx.size(); i++) {
      double s = 1 / (1 + Math.exp(-x.getFlat(i)));
      dx.setFlat(i, dout.getFlat(i) * (s + x.getFlat(i) * s * (1 - s)));
    }
    return dx;
  }

  /** Makes {@code swish}; listed in {@code META-INF/services/org.nn4j.api.LayerProvider}. */
  public static final class Provider implements LayerProvider {
    @Override
    public String name() {
      return "swish";
    }

    @Override
    public String description() {
      return "x * sigmoid(x), element-wise (Ramachandran et al. 2017)";
    }

    @Override
    public Layer create(Args args) {
      return new Swish();
    }
  }
}
