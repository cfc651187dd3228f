package org.nn4j.api.check;

import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;
import org.nn4j.api.Tensor;

/**
 * Numerical differentiation by central differences, {@code (f(x+h) - f(x-h)) / 2h} (book §4.3–4.4): the
 * slow, obviously right reference against which backpropagation is checked.
 */
public final class NumericalGradient {
  /** The book's step, {@code 1e-4}: small, but far from the rounding error of float64. */
  public static final double BOOK_H = 1e-4;

  private NumericalGradient() {
  }

  /** The derivative of {@code f} at {@code x} by central difference with step {@code h}. */
  public static double derivative(DoubleUnaryOperator f, double x, double h) {
    return (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
  }

  /**
   * The gradient of a scalar function with respect to every element of {@code x}: each element in turn is
   * moved by {@code +h} and {@code -h}, {@code f} evaluated, and the element restored exactly. {@code f}
   * reads {@code x} itself (as the book's {@code numerical_gradient} does), so {@code x} must be the tensor
   * {@code f} depends on, such as a layer's weights.
   *
   * @return a new tensor of {@code x}'s type and shape
   */
  public static Tensor gradient(Supplier<Double> f, Tensor x, double h) {
    Tensor grad = Tensor.zerosLike(x);
    for (int i = 0; i < x.size(); i++) {
      double original = x.getFlat(i);
      x.setFlat(i, original + h);
      double plus = f.get();
      x.setFlat(i, original - h);
      double minus = f.get();
      x.setFlat(i, original);
      grad.setFlat(i, (plus - minus) / (2 * h));
    }
    return grad;
  }
}
