package org.nn4j.layers;

import org.nn4j.api.Args;
import org.nn4j.api.BuildContext;
import org.nn4j.api.Layer;
import org.nn4j.api.LayerProvider;
import org.nn4j.api.Shape;
import org.nn4j.api.ShapeException;
import org.nn4j.api.Tensor;

/**
 * The softmax of each sample as a layer of its own (book §3.5): {@code y = exp(x − max) / Σ exp(x − max)}
 * over all values of one sample, where subtracting the sample's maximum keeps {@code exp} from overflowing.
 * Any per-sample shape in, the same shape out. Backward, from the cached output {@code out}:
 * {@code dx = y · (dout − Σ(dout · y))}, the sum taken per sample. For training a classifier prefer the
 * fused {@code softmax-cross-entropy} loss on logits (book §5.6.3); this layer serves outputs that are
 * probabilities inside a network, or a softmax followed by another loss.
 */
public final class Softmax implements Layer {
  private String name = "softmax";
  private Tensor out;

  @Override
  public Shape outputShape(Shape input) {
    if (input.size() == 0) {
      throw new ShapeException(name + ": input shape " + input + " has no elements");
    }
    return input;
  }

  @Override
  public void build(Shape input, BuildContext context) {
    name = context.name();
    outputShape(input);
  }

  @Override
  public Tensor forward(Tensor x, boolean training) {
    out = x.softmaxRowsInto(Tensor.zerosLike(x));
    return out;
  }

  @Override
  public Tensor backward(Tensor dout) {
    Tensor y = Layer.requireForward(out, name);
    if (!dout.shape().equals(y.shape())) {
      throw new ShapeException(name + ": dout " + dout.shape() + " does not match output " + y.shape());
    }
    Tensor dx = Tensor.zerosLike(dout);
    int width = y.rowLength();
    for (int r = 0, rows = y.rows(); r < rows; r++) {
      int o = r * width;
      double dot = 0;
      for (int c = 0; c < width; c++) {
        dot += dout.getFlat(o + c) * y.getFlat(o + c);
      }
      for (int c = 0; c < width; c++) {
        dx.setFlat(o + c, y.getFlat(o + c) * (dout.getFlat(o + c) - dot));
      }
    }
    return dx;
  }

  /** Makes {@code softmax}. */
  public static final class Provider implements LayerProvider {
    @Override
    public String name() {
      return "softmax";
    }

    @Override
    public String description() {
      return "softmax over each sample's values, numerically stable (book 3.5)";
    }

    @Override
    public Layer create(Args args) {
      return new Softmax();
    }
  }
}
