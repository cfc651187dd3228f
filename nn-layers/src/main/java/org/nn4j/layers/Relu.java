package org.nn4j.layers;

import org.nn4j.api.Args;
import org.nn4j.api.BuildContext;
import org.nn4j.api.Layer;
import org.nn4j.api.LayerProvider;
import org.nn4j.api.Shape;
import org.nn4j.api.ShapeException;
import org.nn4j.api.Tensor;

/**
 * The rectified linear unit {@code max(0, x)} (book §5.5.1), element-wise; any shape in, the same shape out.
 * As in the book, {@code mask} marks the inputs {@code x <= 0}, whose gradient is zero; unlike the book's
 * code, backward writes a new tensor instead of zeroing the caller's {@code dout}.
 */
public final class Relu implements Layer {
  private String name = "relu";
  private boolean[] mask;
  private Shape outShape;

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
    int n = x.size();
    boolean[] m = mask != null && mask.length == n ? mask : new boolean[n];
    Tensor out = Tensor.zerosLike(x);
    for (int i = 0; i < n; i++) {
      double v = x.getFlat(i);
      m[i] = v <= 0;
      out.setFlat(i, m[i] ? 0 : v);
    }
    mask = m;
    outShape = x.shape();
    return out;
  }

  @Override
  public Tensor backward(Tensor dout) {
    boolean[] m = Layer.requireForward(mask, name);
    if (!dout.shape().equals(outShape)) {
      throw new ShapeException(name + ": dout " + dout.shape() + " does not match output " + outShape);
    }
    Tensor dx = Tensor.zerosLike(dout);
    for (int i = 0; i < m.length; i++) {
      dx.setFlat(i, m[i] ? 0 : dout.getFlat(i));
    }
    return dx;
  }

  /** Makes {@code relu}. */
  public static final class Provider implements LayerProvider {
    @Override
    public String name() {
      return "relu";
    }

    @Override
    public String description() {
      return "rectified linear unit max(0, x) (book 5.5.1)";
    }

    @Override
    public Layer create(Args args) {
      return new Relu();
    }
  }
}
