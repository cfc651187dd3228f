package org.nn4j.examples.demo;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.nn4j.api.Args;
import org.nn4j.api.Optimizer;
import org.nn4j.api.Param;
import org.nn4j.api.Tensor;
import org.nn4j.api.check.NumericalGradient;

/**
 * Book §4.4.1: gradient descent {@code x ← x - lr · ∇f(x)} on {@code f(x0, x1) = x0² + x1²} from
 * {@code (-3, 4)} for 100 steps, with the numerical gradient and nn4j's {@code sgd} optimizer, the one training
 * uses. A learning rate of 0.1 reaches the minimum; 10 diverges; 1e-10 barely moves. The three runs are
 * printed side by side.
 */
public final class GradientDescentDemo {
  /** The book's starting point. */
  static final double[] INIT = {-3.0, 4.0};
  /** The book's number of steps. */
  static final int STEPS = 100;
  /** The learning rates the book compares. */
  static final double[] RATES = {0.1, 10, 1e-10};
  private static final int[] SHOWN = {0, 1, 2, 3, 5, 10, 20, 50, 100};

  private GradientDescentDemo() {
  }

  /** Prints the demonstration to standard output. */
  public static void main(String[] args) {
    run(Demos.stdout());
  }

  /**
   * Runs {@code steps} steps of gradient descent from {@link #INIT} with learning rate {@code lr}.
   *
   * @return the point after each step, the start first
   */
  static List<Tensor> descend(double lr, int steps) {
    Param x = new Param("x", Tensor.of(INIT));
    Optimizer sgd = Demos.registry().optimizer("sgd", Args.of("sgd", "lr", Double.toString(lr)));
    List<Tensor> path = new ArrayList<>();
    path.add(x.value().copy());
    for (int i = 0; i < steps; i++) {
      x.grad().copyFrom(NumericalGradient.gradient(() -> NumericalDiffDemo.function2(x.value()), x.value(),
          NumericalGradient.BOOK_H));
      sgd.step(List.of(x));
      path.add(x.value().copy());
    }
    return path;
  }

  /** Prints the demonstration to {@code out}. */
  public static void run(PrintWriter out) {
    out.println("Gradient descent (book §4.4.1) on f(x0, x1) = x0² + x1² from (-3, 4), 100 steps of");
    out.println("x ← x - lr·∇f(x), with numerical gradients (h = 1e-4) and nn4j's `sgd` optimizer.");
    out.println();
    List<List<Tensor>> paths = new ArrayList<>();
    for (double lr : RATES) {
      paths.add(descend(lr, STEPS));
    }
    String header = String.format("%-6s", "step");
    for (double lr : RATES) {
      header += String.format("  %-48s", "lr = " + rate(lr));
    }
    out.println(header.stripTrailing());
    for (int step : SHOWN) {
      StringBuilder line = new StringBuilder(String.format("%-6s", step));
      for (List<Tensor> path : paths) {
        Tensor x = path.get(step);
        line.append(String.format("  %-48s", "(" + Fmt.py(x.getFlat(0)) + ", " + Fmt.py(x.getFlat(1)) + ")"));
      }
      out.println(line.toString().stripTrailing());
    }
    out.println();
    for (int i = 0; i < RATES.length; i++) {
      Tensor end = paths.get(i).get(STEPS);
      out.println("gradient_descent(f, init_x=[-3. 4.], lr=" + rate(RATES[i]) + ", step_num=100) = "
          + Fmt.np(end));
    }
    out.println();
    out.println("lr 0.1 ends within 1e-9 of the minimum (0, 0); lr 10 overshoots further at every step and diverges;");
    out.println("lr 1e-10 has hardly left (-3, 4). The learning rate is a hyperparameter: set by hand, not learnt.");
  }

  /** A learning rate as the book writes it: {@code 10}, {@code 0.1}, {@code 1e-10}. */
  private static String rate(double lr) {
    return lr == Math.rint(lr) ? Long.toString((long) lr) : Fmt.py(lr);
  }
}
