package org.nn4j.examples.demo;

import java.io.PrintWriter;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;
import org.nn4j.api.Tensor;
import org.nn4j.api.check.NumericalGradient;

/**
 * Book §4.3–4.4: numerical differentiation by central differences with the book's {@code h = 1e-4}, using the
 * very {@link NumericalGradient} methods behind nn4j's gradient checks: the derivative of
 * {@code 0.01x² + 0.1x}, the partial derivatives of {@code x0² + x1²}, and its gradient at three points, computed
 * element by element, each element restored after it was moved.
 */
public final class NumericalDiffDemo {
  private NumericalDiffDemo() {
  }

  /** The book's {@code function_1}: {@code 0.01x² + 0.1x}, with {@code x²} rounded first, as {@code x**2} is. */
  static double function1(double x) {
    return 0.01 * (x * x) + 0.1 * x;
  }

  /** The book's {@code function_2}: {@code x0² + x1²}, summed as NumPy's {@code np.sum(x**2)} does. */
  static double function2(Tensor x) {
    double sum = 0;
    for (int i = 0; i < x.size(); i++) {
      sum += x.getFlat(i) * x.getFlat(i);
    }
    return sum;
  }

  /** Prints the demonstration to standard output. */
  public static void main(String[] args) {
    run(Demos.stdout());
  }

  /** Prints the demonstration to {@code out}. */
  public static void run(PrintWriter out) {
    double h = NumericalGradient.BOOK_H;
    DoubleUnaryOperator f1 = NumericalDiffDemo::function1;
    out.println("Numerical differentiation (book §4.3-4.4): central differences (f(x+h) - f(x-h)) / 2h, h = 1e-4.");
    out.println();
    out.println("f(x) = 0.01x² + 0.1x");
    out.println("  numerical_diff(f, 5)  = " + Fmt.py(NumericalGradient.derivative(f1, 5, h)) + "   (analytic: 0.2)");
    out.println("  numerical_diff(f, 10) = " + Fmt.py(NumericalGradient.derivative(f1, 10, h)) + "   (analytic: 0.3)");
    out.println("  forward difference (f(x+h) - f(x)) / h at 5 = " + Fmt.py((function1(5 + h) - function1(5)) / h)
        + "   (an error of order h, not h²)");
    out.println();
    out.println("f(x0, x1) = x0² + x1²: partial derivatives at (3, 4), one variable fixed");
    out.println("  ∂f/∂x0 = " + Fmt.py(NumericalGradient.derivative(x0 -> x0 * x0 + 4.0 * 4.0, 3, h))
        + "   (analytic: 6)");
    out.println("  ∂f/∂x1 = " + Fmt.py(NumericalGradient.derivative(x1 -> 3.0 * 3.0 + x1 * x1, 4, h))
        + "   (analytic: 8)");
    out.println();
    out.println("numerical_gradient(f, x): every element moved by ±h in turn, then restored");
    for (double[] point : new double[][] {{3, 4}, {0, 2}, {3, 0}}) {
      Tensor x = Tensor.of(point);
      Tensor before = x.copy();
      Supplier<Double> f = () -> function2(x);
      Tensor grad = NumericalGradient.gradient(f, x, h);
      out.printf("  at %-8s gradient %-8s = (%s, %s)   x afterwards: %s%n", Fmt.np(x), Fmt.np(grad),
          Fmt.py(grad.getFlat(0)), Fmt.py(grad.getFlat(1)), x.sameAs(before) ? "unchanged" : "CHANGED " + Fmt.np(x));
    }
    out.println("The gradient points where f grows fastest; its negative points towards the minimum at (0, 0).");
  }
}
