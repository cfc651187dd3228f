package org.nn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Args;
import org.nn4j.api.ConfigurationException;
import org.nn4j.api.Param;
import org.nn4j.api.Tensor;

class SgdTest {
  @Test
  void stepSubtractsLearningRateTimesGradient() {
    Param w = new Param("W", Tensor.of(1.0, -2.0, 0.5));
    w.grad().copyFrom(Tensor.of(0.5, 1.0, -4.0));
    new Sgd(0.1).step(List.of(w));
    assertArrayEquals(new double[] {0.95, -2.1, 0.9}, w.value().toDoubleArray(), 1e-15);
    assertArrayEquals(new double[] {0.5, 1.0, -4.0}, w.grad().toDoubleArray(), "the gradient is left alone");
  }

  @Test
  void gradientDescentOnTheBooksFunctionReachesTheMinimum() {
    // Book §4.4.1: f(x0, x1) = x0² + x1² from (-3, 4), lr 0.1, 100 steps.
    Param x = new Param("x", Tensor.of(-3.0, 4.0));
    Sgd sgd = new Sgd(0.1);
    for (int i = 0; i < 100; i++) {
      x.grad().copyFrom(x.value().scale(2));
      sgd.step(List.of(x));
    }
    assertEquals(-6.111107929e-10, x.value().getFlat(0), 1e-18);
    assertEquals(8.148143905e-10, x.value().getFlat(1), 1e-18);
  }

  @Test
  void providerDefaultsAndValidation() {
    Sgd.Provider p = new Sgd.Provider();
    assertEquals("sgd", p.name());
    assertEquals(0.01, ((Sgd) p.create(Args.none("sgd"))).learningRate());
    assertEquals(0.5, ((Sgd) p.create(Args.of("sgd", "lr", "0.5"))).learningRate());
    assertEquals("sgd: argument 'lr' must be a positive number, got -1.0",
        assertThrows(ConfigurationException.class, () -> p.create(Args.of("sgd", "lr", "-1"))).getMessage());
    assertThrows(ConfigurationException.class, () -> new Sgd(0));
  }
}
