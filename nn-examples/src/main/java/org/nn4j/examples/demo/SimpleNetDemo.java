package org.nn4j.examples.demo;

import java.io.PrintWriter;
import java.util.Locale;
import org.nn4j.api.DType;
import org.nn4j.api.Param;
import org.nn4j.api.Tensor;
import org.nn4j.api.check.NumericalGradient;
import org.nn4j.core.Network;

/**
 * Book §4.4.2: the {@code simpleNet} of one 2×3 weight matrix, {@code p = x·W} followed by softmax and
 * cross-entropy, with the book's weights, input {@code [0.6, 0.9]} and answer 2. Built as an nn4j network
 * ({@code affine(out=3, bias=false)} and {@code softmax-cross-entropy}, float64), it prints the scores, the loss,
 * the numerical gradient {@code dW} by the book's {@code numerical_gradient}, and the backpropagated one.
 */
public final class SimpleNetDemo {
  /** The weights the book's run drew. */
  static final double[][] W = {{0.47355232, 0.9977393, 0.84668094}, {0.85557411, 0.03563661, 0.69422093}};
  /** The input. */
  static final double[] X = {0.6, 0.9};
  /** The answer, as a one-hot row. */
  static final double[] T = {0, 0, 1};

  private SimpleNetDemo() {
  }

  /** What the demo computes. */
  record Result(Tensor scores, double loss, Tensor numericalDw, Tensor backpropDw) {
  }

  /** Prints the demonstration to standard output. */
  public static void main(String[] args) {
    run(Demos.stdout());
  }

  /** Builds the network with the book's weights and computes the scores, the loss and both gradients. */
  static Result compute() {
    Network net = Network.builder(Demos.registry()).input(X.length).dtype(DType.FLOAT64)
        .layers("affine(out=3, bias=false)").loss("softmax-cross-entropy").build();
    Param w = net.params().get(0);
    w.value().copyFrom(Tensor.of(W));
    Tensor x = Tensor.of(DType.FLOAT64, new double[][] {X});
    Tensor t = Tensor.of(DType.FLOAT64, new double[][] {T});
    Tensor scores = net.forward(x, false).reshape(T.length);
    double loss = net.loss(x, t);
    net.backward();
    Tensor backprop = w.grad().copy();
    Tensor numerical = NumericalGradient.gradient(() -> net.loss(x, t), w.value(), NumericalGradient.BOOK_H);
    return new Result(scores, loss, numerical, backprop);
  }

  /** Prints the demonstration to {@code out}. */
  public static void run(PrintWriter out) {
    Result r = compute();
    out.println("simpleNet (book §4.4.2): p = x·W, softmax, cross-entropy; an nn4j network");
    out.println("affine(out=3, bias=false) with softmax-cross-entropy, float64, holding the book's weights.");
    out.println();
    out.println("W =");
    out.println(Fmt.np(Tensor.of(W)));
    out.println("x = " + Fmt.np(Tensor.of(X)));
    out.println("p = x·W = " + Fmt.np(r.scores()));
    out.println("np.argmax(p) = " + r.scores().reshape(1, T.length).argmaxRows()[0]);
    out.println("t = " + Fmt.np(Tensor.of(T)));
    out.println("loss = " + Fmt.py(r.loss()) + "   (to 6 digits: " + String.format(Locale.ROOT, "%.6f", r.loss()) + ")");
    double p2 = r.scores().reshape(1, T.length).softmaxRows().getFlat(2);
    out.println("(-log p[2] without the 1e-7 is " + Fmt.py(-Math.log(p2)) + "; the book's 0.92806853663411326 is that");
    out.println(" quantity for its unrounded weights, of which it prints 8 decimals.)");
    out.println();
    out.println("dW by numerical_gradient (h = 1e-4):");
    out.println(Fmt.np(r.numericalDw()));
    out.println("to 6 digits: " + sixDigits(r.numericalDw()));
    out.println("dW by backpropagation, (softmax(p) - t) multiplied into x:");
    out.println(Fmt.np(r.backpropDw()));
    out.println("max |numerical - backprop| = " + Fmt.py(maxAbsDiff(r.numericalDw(), r.backpropDw()))
        + "   (the 1e-7 inside the loss's log shows in the 7th decimal)");
    out.println();
    out.println("dW[0][0] ≈ 0.2: raising w11 by h raises the loss by about 0.2h, so w11 should go down;");
    out.println("dW[1][2] ≈ -0.54: raising w23 lowers the loss, and most steeply of all six.");
  }

  /** The elements rounded to 6 decimals, row by row. */
  static String sixDigits(Tensor t) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < t.size(); i++) {
      sb.append(i == 0 ? "[" : i % t.rowLength() == 0 ? "], [" : ", ")
          .append(String.format(Locale.ROOT, "%.6f", t.getFlat(i)));
    }
    return sb.append("]]").toString();
  }

  static double maxAbsDiff(Tensor a, Tensor b) {
    double max = 0;
    for (int i = 0; i < a.size(); i++) {
      max = Math.max(max, Math.abs(a.getFlat(i) - b.getFlat(i)));
    }
    return max;
  }
}
