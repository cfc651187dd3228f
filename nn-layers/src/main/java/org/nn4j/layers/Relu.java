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
  /** Per element, all bits set where the gradient passes and zero where the input was {@code <= 0}. */
  private int[] mask;
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
    int[] keep = mask != null && mask.length == n ? mask : new int[n];
    Tensor y = Tensor.reuse(out, x.dtype(), x.shape());
    // One loop per element type, and no branch per element: the signs of a layer's inputs are close to random,
    // so a branch would be mispredicted half the time (and C2 compiles a float select to a branch). The mask
    // holds all ones where the input passes (x > 0, or NaN as in the book's x <= 0 test) and zero elsewhere,
    // and is applied to the bits, which also turns -0.0 into +0.0 as the book's out[mask] = 0 does.
    if (x.dtype() == DType.FLOAT32) {
      float[] xs = x.floatData();
      float[] ys = y.floatData();
      for (int i = 0; i < n; i++) {
        float v = xs[i];
        int k = v <= 0f ? 0 : -1;
        keep[i] = k;
        ys[i] = Float.intBitsToFloat(Float.floatToRawIntBits(v) & k);
      }
    } else {
      double[] xs = x.doubleData();
      double[] ys = y.doubleData();
      for (int i = 0; i < n; i++) {
        double v = xs[i];
        int k = v <= 0.0 ? 0 : -1;
        keep[i] = k;
        ys[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(v) & k);
      }
    }
    mask = keep;
    outShape = x.shape();
    out = y;
    return y;
  }

  @Override
  public Tensor backward(Tensor dout) {
    int[] keep = Layer.requireForward(mask, name);
    if (!dout.shape().equals(outShape)) {
      throw new ShapeException(name + ": dout " + dout.shape() + " does not match output " + outShape);
    }
    Tensor g = Tensor.reuse(dx, dout.dtype(), dout.shape());
    if (dout.dtype() == DType.FLOAT32) {
      float[] ds = dout.floatData();
      float[] gs = g.floatData();
      for (int i = 0; i < keep.length; i++) {
        gs[i] = Float.intBitsToFloat(Float.floatToRawIntBits(ds[i]) & keep[i]);
      }
    } else {
      double[] ds = dout.doubleData();
      double[] gs = g.doubleData();
      for (int i = 0; i < keep.length; i++) {
        // The int mask widens with its sign: -1 becomes all 64 bits set.
        gs[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(ds[i]) & keep[i]);
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
