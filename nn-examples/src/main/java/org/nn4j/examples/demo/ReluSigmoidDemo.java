package org.nn4j.examples.demo;

import java.io.PrintWriter;
import java.util.Random;
import org.nn4j.api.Args;
import org.nn4j.api.Layer;
import org.nn4j.api.Tensor;
import org.nn4j.api.check.GradientCheck;

/**
 * Book §5.5: the {@code relu} and {@code sigmoid} layers, taken from the registry as a network takes them. ReLU
 * remembers {@code mask = (x <= 0)} and lets {@code dout} through elsewhere; sigmoid remembers its output
 * {@code y} and returns {@code dout · (1 - y) · y}. Unlike the book's {@code Relu.backward}, which zeroes the
 * caller's {@code dout} in place, neither layer changes its input or {@code dout}, and the demo shows it. Both
 * pass nn4j's gradient check.
 */
public final class ReluSigmoidDemo {
  /** The book's input for {@code mask}. */
  static final double[][] X = {{1.0, -0.5}, {-2.0, 3.0}};
  /** A gradient from above, different per element so that the mask's work is visible. */
  static final double[][] DOUT = {{1.0, 2.0}, {3.0, 4.0}};

  private ReluSigmoidDemo() {
  }

  /** Prints the demonstration to standard output. */
  public static void main(String[] args) {
    run(Demos.stdout());
  }

  /** Prints the demonstration to {@code out}. */
  public static void run(PrintWriter out) {
    Tensor x = Tensor.of(X);
    Tensor dout = Tensor.of(DOUT);
    Tensor xBefore = x.copy();
    Tensor doutBefore = dout.copy();
    out.println("Activation layers (book §5.5), as nn4j's `relu` and `sigmoid` providers make them.");
    out.println();
    out.println("x =");
    out.println(Fmt.np(x));
    out.println("dout =");
    out.println(Fmt.np(dout));

    Layer relu = Demos.registry().layer("relu", Args.none("relu"));
    Tensor reluOut = relu.forward(x, true);
    Tensor reluDx = relu.backward(dout);
    boolean[] mask = new boolean[x.size()];
    for (int i = 0; i < mask.length; i++) {
      mask[i] = x.getFlat(i) <= 0;
    }
    out.println();
    out.println("ReLU (§5.5.1): mask = (x <= 0)");
    out.println(Fmt.np(mask, x.rowLength()));
    out.println("forward, x where the mask is False, else 0:");
    out.println(Fmt.np(reluOut));
    out.println("backward, dout where the mask is False, else 0:");
    out.println(Fmt.np(reluDx));
    Tensor zero = Tensor.of(0.0);
    relu.forward(zero, true);
    out.println("at x = 0 the mask is True (x <= 0), so the gradient there is "
        + Fmt.py(relu.backward(Tensor.of(1.0)).getFlat(0)) + ": the seed's choice at the kink.");

    Layer sigmoid = Demos.registry().layer("sigmoid", Args.none("sigmoid"));
    Tensor y = sigmoid.forward(x, true);
    Tensor sigmoidDx = sigmoid.backward(dout);
    out.println();
    out.println("Sigmoid (§5.5.2): y = 1 / (1 + exp(-x))");
    out.println(Fmt.np(y));
    out.println("backward, dout * (1.0 - y) * y:");
    out.println(Fmt.np(sigmoidDx));
    out.println("the same, written out from y: " + (sigmoidDx.sameAs(byFormula(dout, y)) ? "identical" : "DIFFERENT"));

    out.println();
    out.println("x unchanged by both layers: " + (x.sameAs(xBefore) ? "yes" : "NO")
        + "; dout unchanged by both backward passes: " + (dout.sameAs(doutBefore) ? "yes" : "NO")
        + " (the book's Relu.backward would have zeroed dout where the mask is True)");

    out.println();
    out.println("Gradient check (float64, central differences with eps = 1e-6; each element within 1e-5 + 1e-3·|numeric|):");
    for (String name : new String[] {"relu", "sigmoid"}) {
      Layer layer = Demos.registry().layer(name, Args.none(name));
      GradientCheck.Report report = GradientCheck.checkLayer(name, layer, x.copy(), true, new Random(1));
      out.println("  " + name + ": " + (report.passed() ? "passed" : "FAILED") + ", worst element " + report.results());
    }
  }

  private static Tensor byFormula(Tensor dout, Tensor y) {
    Tensor out = Tensor.zerosLike(dout);
    for (int i = 0; i < out.size(); i++) {
      out.setFlat(i, dout.getFlat(i) * (1.0 - y.getFlat(i)) * y.getFlat(i));
    }
    return out;
  }
}
