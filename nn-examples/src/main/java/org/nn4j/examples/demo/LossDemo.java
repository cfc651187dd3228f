package org.nn4j.examples.demo;

import java.io.PrintWriter;
import org.nn4j.api.Loss;
import org.nn4j.api.Tensor;

/**
 * Book §4.2.1–4.2.4: the mean squared error and the cross-entropy error of the book's softmax output
 * {@code y} against the right answer 2 and the wrong answer 7, computed by the {@code mse} and
 * {@code cross-entropy} losses that training uses. The targets may be one-hot rows or class labels, {@code y}
 * one row or a batch; a batch's loss is {@code E = -(1/N) Σₙ Σₖ tₙₖ log yₙₖ}, the mean of its rows' losses.
 */
public final class LossDemo {
  /** The book's output of a softmax: "2" with probability 0.6. */
  static final double[] Y = {0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0};

  private LossDemo() {
  }

  /** Prints the demonstration to standard output. */
  public static void main(String[] args) {
    run(Demos.stdout());
  }

  /** Prints the demonstration to {@code out}. */
  public static void run(PrintWriter out) {
    Loss mse = Demos.loss("mse");
    Loss crossEntropy = Demos.loss("cross-entropy");
    Tensor y = Tensor.of(Y);
    out.println("Loss functions (book §4.2), by nn4j's `mse` and `cross-entropy` losses.");
    out.println("y = " + Fmt.np(y) + "   (a softmax output: \"2\" with probability 0.6)");
    for (int answer : new int[] {2, 7}) {
      Tensor hot = Demos.oneHot(answer, Y.length);
      Tensor label = Tensor.of(answer);
      Tensor row = y.reshape(1, Y.length);
      out.println();
      out.println("t = " + answer + (answer == 2 ? " (the network's choice)" : " (a class it gave probability 0.1)")
          + ", one-hot " + Fmt.np(hot));
      out.printf("  %-38s %-22s %s%n", "form", "mean_squared_error", "cross_entropy_error");
      line(out, "y (10,), t one-hot (10,)", mse.forward(y, hot), crossEntropy.forward(y, hot));
      line(out, "y (10,), t label " + answer, mse.forward(y, label), crossEntropy.forward(y, label));
      line(out, "y (1, 10), t one-hot (1, 10)", mse.forward(row, hot.reshape(1, Y.length)),
          crossEntropy.forward(row, hot.reshape(1, Y.length)));
      line(out, "y (1, 10), t label [" + answer + "]", mse.forward(row, label), crossEntropy.forward(row, label));
    }
    out.println();
    out.println("A lower loss for t = 2: the loss measures how bad the output is, so training drives it down.");
    Tensor batch = Tensor.of(new double[][] {Y, Y});
    Tensor labels = Tensor.of(2, 7);
    out.println();
    out.println("A batch of N = 2 (both rows y; labels [2 7]): E = -(1/N) Σn Σk tnk log ynk, the mean of the rows' losses");
    out.println("  mean_squared_error  = " + Fmt.py(mse.forward(batch, labels)));
    out.println("  cross_entropy_error = " + Fmt.py(crossEntropy.forward(batch, labels)));
    out.println("(cross_entropy_error adds delta = 1e-7 inside the log, so that log(0) does not give -inf.)");
  }

  private static void line(PrintWriter out, String form, double mse, double crossEntropy) {
    out.printf("  %-38s %-22s %s%n", form, Fmt.py(mse), Fmt.py(crossEntropy));
  }
}
