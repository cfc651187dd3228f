package org.nn4j.api.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nn4j.api.Tensor;

class NumericalGradientTest {
  @Test
  void derivativeOfTheBooksFunction() {
    // Book §4.3.2: numerical_diff(function_1, 5) prints 0.1999999999990898.
    assertEquals(0.1999999999990898,
        NumericalGradient.derivative(x -> 0.01 * x * x + 0.1 * x, 5, NumericalGradient.BOOK_H));
  }

  @Test
  void gradientRestoresEveryElement() {
    Tensor x = Tensor.of(3.0, 4.0);
    Tensor g = NumericalGradient.gradient(() -> x.getFlat(0) * x.getFlat(0) + x.getFlat(1) * x.getFlat(1), x,
        NumericalGradient.BOOK_H);
    assertArrayEquals(new double[] {6, 8}, g.toDoubleArray(), 1e-9);
    assertArrayEquals(new double[] {3, 4}, x.toDoubleArray(), 0.0);
  }
}
