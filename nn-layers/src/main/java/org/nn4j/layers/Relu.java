package org.nn4j.layers;

import org.nn4j.api.Args;
import org.nn4j.api.BuildContext;
import org.nn4j.api.DType;
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
    int n = x.size();
    boolean[] m = mask != null && mask.length == n ? mask : new boolean[n];
    Tensor y = Tensor.reuse(out, x.dtype(), x.shape());
    // One loop per element type: the hot path of every ReLU network, kept free of per-element dispatch.
    if (x.dtype() == DType.FLOAT32) {
      float[] xs = x.floatData();
      float[] ys = y.floatData();
      for (int i = 0; i < n; i++) {
        m[i] = xs[i] <= 0;
        ys[i] = m[i] ? 0f : xs[i];
      }
    } else {
      double[] xs = x.doubleData();
      double[] ys = y.doubleData();
      for (int i = 0; i < n; i++) {
        m[i] = xs[i] <= 0;
        ys[i] = m[i] ? 0.0 : xs[i];
      }
    }
    mask = m;
    outShape = x.shape();
    out = y;
    return y;
  }

  @Override
  public Tensor backward(Tensor dout) {
    boolean[] m = Layer.requireForward(mask, name);
    if (!dout.shape().equals(outShape)) {
      throw new ShapeException(name + ": dout " + dout.shape() + " does not match output " + outShape);
    }
    Tensor g = Tensor.reuse(dx, dout.dtype(), dout.shape());
    if (dout.dtype() == DType.FLOAT32) {
      float[] ds = dout.floatData();
      float[] gs = g.floatData();
      for (int i = 0; i < m.length; i++) {
        gs[i] = m[i] ? 0f : ds[i];
      }
    } else {
      double[] ds = dout.doubleData();
      double[] gs = g.doubleData();
      for (int i = 0; i < m.length; i++) {
        gs[i] = m[i] ? 0.0 : ds[i];
      }
    }
    dx = g;
    return g;
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
