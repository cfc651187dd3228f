package org.nn4j.layers;

import java.util.List;
import java.util.random.RandomGenerator;
import org.nn4j.api.Args;
import org.nn4j.api.Argument;
import org.nn4j.api.BuildContext;
import org.nn4j.api.ConfigurationException;
import org.nn4j.api.Layer;
import org.nn4j.api.LayerProvider;
import org.nn4j.api.Shape;
import org.nn4j.api.ShapeException;
import org.nn4j.api.Tensor;

/**
 * Dropout (book §6.4.3): while training, each element is kept where a uniform draw exceeds {@code ratio}
 * and zeroed otherwise, {@code out = x · mask}; in inference every element is scaled by the fraction kept,
 * {@code out = x · (1 − ratio)}, as the book does (not the "inverted" dropout that scales while training).
 * Any shape in, the same shape out. Backward is {@code dout · mask} after a training pass and
 * {@code dout · (1 − ratio)} after an inference pass. Draws come from the network's seeded generator, one
 * per element in row-major order, so one seed gives the same masks.
 *
 * <p>For gradient checks, which run forward many times and need the same function each time,
 * {@link #useFixedMask} replaces the draws with a given mask.
 */
public final class Dropout implements Layer {
  private final double ratio;
  private String name = "dropout";
  private RandomGenerator random;
  private boolean[] fixedMask;
  private boolean[] mask;
  private Shape outShape;

  /** Dropout that drops a fraction {@code ratio} in {@code [0, 1)} of the elements while training. */
  public Dropout(double ratio) {
    if (!(ratio >= 0 && ratio < 1)) {
      throw new ConfigurationException("dropout: argument 'ratio' must be in [0, 1), got " + ratio);
    }
    this.ratio = ratio;
  }

  /** The fraction of elements dropped while training. */
  public double ratio() {
    return ratio;
  }

  /**
   * Makes every later training pass use {@code keep} (true keeps the element, flat row-major order over the
   * whole batch) instead of drawing a mask, so that the layer is one fixed function, as a gradient check
   * needs; {@code null} returns to drawing. The array is copied.
   */
  public void useFixedMask(boolean[] keep) {
    fixedMask = keep == null ? null : keep.clone();
  }

  @Override
  public Shape outputShape(Shape input) {
    return input;
  }

  @Override
  public void build(Shape input, BuildContext context) {
    name = context.name();
    random = context.random();
  }

  @Override
  public Tensor forward(Tensor x, boolean training) {
    int n = x.size();
    Tensor out = Tensor.zerosLike(x);
    if (training) {
      boolean[] m = fixedMask != null ? fixedMask : draw(n);
      if (m.length != n) {
        throw new ShapeException(name + ": the fixed mask has " + m.length + " values; input " + x.shape()
            + " has " + n);
      }
      for (int i = 0; i < n; i++) {
        out.setFlat(i, m[i] ? x.getFlat(i) : 0.0);
      }
      mask = m;
    } else {
      x.mapInto(v -> v * (1.0 - ratio), out);
      mask = null;
    }
    outShape = x.shape();
    return out;
  }

  private boolean[] draw(int n) {
    if (random == null) {
      throw new IllegalStateException(name + ": not built; a network builds its layers before use");
    }
    // Reuse the last mask's array when it is the right size, so training allocates nothing here once warm.
    boolean[] m = mask != null && mask.length == n ? mask : new boolean[n];
    for (int i = 0; i < n; i++) {
      m[i] = random.nextDouble() > ratio;
    }
    return m;
  }

  @Override
  public Tensor backward(Tensor dout) {
    Shape s = Layer.requireForward(outShape, name);
    if (!dout.shape().equals(s)) {
      throw new ShapeException(name + ": dout " + dout.shape() + " does not match output " + s);
    }
    Tensor dx = Tensor.zerosLike(dout);
    if (mask == null) {
      return dout.mapInto(g -> g * (1.0 - ratio), dx);
    }
    for (int i = 0; i < mask.length; i++) {
      dx.setFlat(i, mask[i] ? dout.getFlat(i) : 0.0);
    }
    return dx;
  }

  /** Makes {@code dropout(ratio=0.5)}. */
  public static final class Provider implements LayerProvider {
    @Override
    public String name() {
      return "dropout";
    }

    @Override
    public String description() {
      return "drops a random fraction of elements while training, scales by the fraction kept in inference (book 6.4.3)";
    }

    @Override
    public List<Argument> arguments() {
      return List.of(Argument.optional("ratio", "0.5", "fraction of elements dropped while training, in [0, 1)"));
    }

    @Override
    public Layer create(Args args) {
      return new Dropout(args.getDouble("ratio", 0.5));
    }
  }
}
