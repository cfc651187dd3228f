package org.nn4j.examples.demo;

import java.io.PrintWriter;
import org.nn4j.api.DType;
import org.nn4j.api.Param;
import org.nn4j.api.Tensor;
import org.nn4j.api.check.NumericalGradient;
import org.nn4j.core.Network;
import org.nn4j.core.data.Dataset;

/**
 * Book §4.2.5 (why set a loss function?) and §3.2.4: nudging one weight of the two-layer network changes its
 * loss smoothly but leaves its accuracy where it was, so the accuracy's derivative is 0 almost everywhere and
 * gives gradient descent nothing to follow. For the same reason a step activation, flat except at 0, passes
 * back zero gradients, and nothing below it learns; a sigmoid in its place passes back gradients everywhere.
 */
public final class AccuracyVsLossDemo {
  /** How many samples of the bundled MNIST sample the demo measures on. */
  static final int SAMPLES = 100;
  /** The weight nudged: the first element of the second affine layer's weights. */
  static final String WEIGHT = "affine#2.W";

  private AccuracyVsLossDemo() {
  }

  /** Prints the demonstration to standard output. */
  public static void main(String[] args) {
    run(Demos.stdout());
  }

  /** Prints the demonstration to {@code out}. */
  public static void run(PrintWriter out) {
    Dataset data = Demos.trainingSample(SAMPLES);
    Tensor x = data.features();
    Tensor t = Demos.labels(data);
    Network net = twoLayer("relu");
    Tensor w = net.namedParams().get(WEIGHT).value();
    double h = NumericalGradient.BOOK_H;
    out.println("Why the loss, not the accuracy, is what we differentiate (book §4.2.5).");
    out.println("Two-layer network 784-50-10 (relu, init std 0.01, seed 42, float64) on the first " + SAMPLES
        + " images of the bundled MNIST sample.");
    out.println();
    double w0 = w.getFlat(0);
    out.printf("%-34s %-24s %s%n", "W2[0][0]", "loss", "accuracy");
    for (double delta : new double[] {0, h, -h, 100 * h}) {
      w.setFlat(0, w0 + delta);
      out.printf("%-34s %-24s %s%n", Fmt.py(w0 + delta) + (delta == 0 ? "" : " (" + (delta > 0 ? "+" : "")
          + Fmt.py(delta) + ")"), Fmt.py(net.loss(x, t)), Fmt.py(net.accuracy(x, data.labels(), SAMPLES)));
    }
    w.setFlat(0, w0);
    double dLoss = NumericalGradient.derivative(v -> at(w, v, () -> net.loss(x, t)), w0, h);
    double dAccuracy = NumericalGradient.derivative(v -> at(w, v, () -> net.accuracy(x, data.labels(), SAMPLES)), w0, h);
    out.println();
    out.println("d loss / d W2[0][0]     = " + Fmt.py(dLoss));
    out.println("d accuracy / d W2[0][0] = " + Fmt.py(dAccuracy));
    out.println("The accuracy counts right answers: it jumps only when a prediction flips, and is flat in between,");
    out.println("so its derivative is 0 almost everywhere. The loss moves with every weight, however slightly.");

    out.println();
    out.println("The same trouble with a step activation: backprop of the loss through each hidden activation,");
    out.println("mean |gradient| per parameter:");
    out.printf("  %-10s %-24s %-24s %-24s %s%n", "hidden", "W1", "b1", "W2", "b2");
    for (String activation : new String[] {"sigmoid", "step"}) {
      Network n = twoLayer(activation);
      n.loss(x, t);
      n.backward();
      StringBuilder line = new StringBuilder(String.format("  %-10s", activation));
      for (Param p : n.params()) {
        line.append(String.format(" %-24s", Fmt.py(meanAbs(p.grad()))));
      }
      out.println(line.toString().stripTrailing());
    }
    out.println("The step function's derivative is 0 wherever it exists, so W1 and b1 get exactly zero gradients:");
    out.println("nothing below the step can learn. The sigmoid's slope is never 0, so every layer learns.");
  }

  /** The two-layer network with {@code activation} ({@code relu}, {@code sigmoid} or {@code step}) between its affine layers. */
  static Network twoLayer(String activation) {
    var builder = Network.builder(Demos.registry()).input(784).dtype(DType.FLOAT64).seed(42).init("0.01")
        .layer("affine", "out", "50");
    if (activation.equals("step")) {
      builder.layer(new StepFunction());
    } else {
      builder.layer(activation);
    }
    return builder.layer("affine", "out", "10").loss("softmax-cross-entropy").build();
  }

  static double meanAbs(Tensor g) {
    double s = 0;
    for (int i = 0; i < g.size(); i++) {
      s += Math.abs(g.getFlat(i));
    }
    return s / g.size();
  }

  /** {@code f} with element 0 of {@code w} set to {@code v}, restored afterwards. */
  private static double at(Tensor w, double v, java.util.function.DoubleSupplier f) {
    double old = w.getFlat(0);
    w.setFlat(0, v);
    try {
      return f.getAsDouble();
    } finally {
      w.setFlat(0, old);
    }
  }
}
