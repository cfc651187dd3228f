package com.example.nn4j;

import java.util.List;
import org.nn4j.api.Args;
import org.nn4j.api.Argument;
import org.nn4j.api.BuildContext;
import org.nn4j.api.ConfigurationException;
import org.nn4j.api.Layer;
import org.nn4j.api.LayerProvider;
import org.nn4j.api.Shape;
import org.nn4j.api.Tensor;

/**
 * Leaky ReLU, {@code x} for {@code x > 0} and {@code alpha · x} otherwise (Maas, Hannun and Ng, 2013),
 * element-wise: any shape in, the same shape out. {@code mask} marks the inputs {@code x <= 0}.
 */
public final class LeakyRelu implements Layer {
  private final double alpha;
  private String name = "leaky-relu";
  private boolean[] mask;

  /** A leaky ReLU with slope {@code alpha} for negative inputs. */
  public LeakyRelu(double alpha) {
    this.alpha = alpha;
  }

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
    boolean[] m = new boolean[x.size()];
    Tensor out = Tensor.zerosLike(x);
    for (int i = 0; i < m.length; i++) {
      double v = x.getFlat(i);
      m[i] = v <= 0;
      out.setFlat(i, m[i] ? alpha * v : v);
    }
    mask = m;
    return out;
  }

  @Override
  public Tensor backward(Tensor dout) {
    boolean[] m = Layer.requireForward(mask, name);
    Tensor dx = Tensor.zerosLike(dout);
    for (int i = 0; i < m.length; i++) {
      dx.setFlat(i, m[i] ? alpha * dout.getFlat(i) : dout.getFlat(i));
    }
    return dx;
  }

  /** Makes {@code leaky-relu(alpha=0.01)}. */
  public static final class Provider implements LayerProvider {
    @Override
    public String name() {
      return "leaky-relu";
    }

    @Override
    public String description() {
      return "leaky rectified linear unit: x for x > 0, alpha * x otherwise";
    }

    @Override
    public List<Argument> arguments() {
      return List.of(Argument.optional("alpha", "0.01", "slope for negative inputs, in [0, 1)"));
    }

    @Override
    public Layer create(Args args) {
      double alpha = args.getDouble("alpha", 0.01);
      if (!(alpha >= 0 && alpha < 1)) {
        throw new ConfigurationException("leaky-relu: argument 'alpha' must be in [0, 1), got " + alpha);
      }
      return new LeakyRelu(alpha);
    }
  }
}
