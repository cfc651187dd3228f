package org.nn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nn4j.api.DType;
import org.nn4j.api.Optimizer;
import org.nn4j.api.Param;
import org.nn4j.api.Shape;
import org.nn4j.api.Tensor;

/** Single and repeated steps against values worked out by hand from the book's formulas. */
class OptimizerStepsTest {
  private static final double TOL = 1e-15;

  /** A one-element parameter {@code w} whose gradient is set to {@code g} before each step. */
  private static double[] steps(Optimizer opt, double w, double... grads) {
    Param p = new Param("W", Tensor.of(w));
    double[] after = new double[grads.length];
    for (int k = 0; k < grads.length; k++) {
      p.grad().fill(grads[k]);
      opt.step(List.of(p));
      after[k] = p.value().getFlat(0);
    }
    return after;
  }

  @Test
  void momentumAccumulatesVelocity() {
    // lr 0.1, momentum 0.9, W = 1, g = 0.5 twice:
    //   v1 = 0.9·0 − 0.1·0.5 = −0.05,        W1 = 1 − 0.05 = 0.95
    //   v2 = 0.9·(−0.05) − 0.05 = −0.095,    W2 = 0.95 − 0.095 = 0.855
    assertArrayEquals(new double[] {0.95, 0.855}, steps(new Momentum(0.1, 0.9), 1.0, 0.5, 0.5), TOL);
    // With two elements of opposite gradient the velocities are independent.
    Param p = new Param("W", Tensor.of(1.0, -2.0));
    p.grad().copyFrom(Tensor.of(0.5, -1.0));
    Momentum m = new Momentum(0.1, 0.9);
    m.step(List.of(p));
    m.step(List.of(p));
    // second element: v1 = +0.1, W1 = −1.9; v2 = 0.09 + 0.1 = 0.19, W2 = −1.71
    assertArrayEquals(new double[] {0.855, -1.71}, p.value().toDoubleArray(), TOL);
    assertArrayEquals(new double[] {-0.095, 0.19}, m.state(List.of(p)).get("0.v").toDoubleArray(), TOL);
  }

  @Test
  void nesterovTakesTheLookAheadStep() {
    // lr 0.1, momentum 0.9, W = 1, g = 0.5 twice; m² = 0.81, (1 + m)·lr = 0.19:
    //   v1 = 0.9·0 − 0.05 = −0.05,        W1 = 1 + 0.81·(−0.05) − 0.19·0.5 = 1 − 0.0405 − 0.095 = 0.8645
    //   v2 = 0.9·(−0.05) − 0.05 = −0.095, W2 = 0.8645 − 0.81·0.095 − 0.095 = 0.8645 − 0.07695 − 0.095 = 0.69255
    assertArrayEquals(new double[] {0.8645, 0.69255}, steps(new Nesterov(0.1, 0.9), 1.0, 0.5, 0.5), TOL);
  }

  @Test
  void adaGradShrinksItsSteps() {
    // lr 0.1, W = 1, g = 0.5 twice:
    //   h1 = 0.25, W1 = 1 − 0.05 / (0.5 + 1e-7)           = 0.900000019999996
    //   h2 = 0.5,  W2 = W1 − 0.05 / (0.7071067811865476 + 1e-7) = 0.8292893518813398
    assertArrayEquals(new double[] {0.900000019999996, 0.8292893518813398},
        steps(new AdaGrad(0.1), 1.0, 0.5, 0.5), TOL);
  }

  @Test
  void rmsPropAveragesSquaredGradients() {
    // lr 0.1, decay 0.99, W = 1, g = 0.5 twice:
    //   h1 = 0.99·0 + 0.01·0.25 = 0.0025,        W1 = 1 − 0.05 / (0.05 + 1e-7) = 1.999996000479065e-06
    //   h2 = 0.99·0.0025 + 0.0025 = 0.004975,    W2 = W1 − 0.05 / (√0.004975 + 1e-7) = −0.7088781999886343
    assertArrayEquals(new double[] {1.999996000479065e-06, -0.7088781999886343},
        steps(new RmsProp(0.1, 0.99), 1.0, 0.5, 0.5), TOL);
  }

  @Test
  void adamCorrectsItsBias() {
    // lr 0.1, β1 0.9, β2 0.999, W = 1; g = 0.5 then g = −1:
    //   t1: lr_t = 0.1·√(1 − 0.999)/(1 − 0.9) = √0.001 = 0.03162277660168381
    //       m = 0 + 0.1·(0.5 − 0) = 0.05, v = 0 + 0.001·(0.25 − 0) = 0.00025
    //       W1 = 1 − lr_t·0.05/(√0.00025 + 1e-7) = 0.9000006324515321  (about lr·sign(g): the correction at work)
    //   t2: lr_t = 0.1·√(1 − 0.999²)/(1 − 0.9²) = 0.1·√0.001999/0.19 = 0.023531672532745275
    //       m = 0.05 + 0.1·(−1 − 0.05) = −0.055, v = 0.00025 + 0.001·(1 − 0.00025) = 0.00124975
    //       W2 = W1 − lr_t·(−0.055)/(√0.00124975 + 1e-7) = 0.9366108815953381
    Adam adam = new Adam(0.1, 0.9, 0.999);
    assertArrayEquals(new double[] {0.9000006324515321, 0.9366108815953381}, steps(adam, 1.0, 0.5, -1.0), TOL);
  }

  @Test
  void adamsFirstStepIsAboutTheLearningRateWhateverTheGradientsScale() {
    // Bias correction makes m/√v = sign(g) at t = 1 (up to the 1e-7 added to √v), so small and huge
    // gradients move W alike.
    assertEquals(1 - 0.001, steps(new Adam(0.001, 0.9, 0.999), 1.0, 1e3)[0], 1e-9);
    assertEquals(1 - 0.001, steps(new Adam(0.001, 0.9, 0.999), 1.0, 1.0)[0], 1e-8);
  }

  @Test
  void theGradientIsLeftAlone() {
    for (Optimizer opt : List.of(new Momentum(0.1, 0.9), new Nesterov(0.1, 0.9), new AdaGrad(0.1),
        new RmsProp(0.1, 0.9), new Adam(0.1, 0.9, 0.999))) {
      Param p = new Param("W", Tensor.of(1.0, 2.0));
      p.grad().copyFrom(Tensor.of(0.5, -0.25));
      opt.step(List.of(p));
      assertArrayEquals(new double[] {0.5, -0.25}, p.grad().toDoubleArray(), opt.getClass().getSimpleName());
    }
  }

  @Test
  void float32ParametersFollowTheFloat64StepsUpToRounding() {
    List<Supplier<Optimizer>> makers = List.of(() -> new Momentum(0.1, 0.9),
        () -> new Nesterov(0.1, 0.9), () -> new AdaGrad(0.1), () -> new RmsProp(0.1, 0.9),
        () -> new Adam(0.1, 0.9, 0.999));
    for (Supplier<Optimizer> make : makers) {
      Param p64 = new Param("W", Tensor.of(1.0, -2.0, 0.5));
      Param p32 = new Param("W", Tensor.of(DType.FLOAT32, Shape.of(3), 1.0, -2.0, 0.5));
      Optimizer o64 = make.get();
      Optimizer o32 = make.get();
      for (int k = 0; k < 3; k++) {
        p64.grad().copyFrom(Tensor.of(0.5, -0.25 * k, 2.0));
        p32.grad().copyFrom(p64.grad());
        o64.step(List.of(p64));
        o32.step(List.of(p32));
      }
      assertEquals(DType.FLOAT32, p32.value().dtype());
      assertArrayEquals(p64.value().toDoubleArray(), p32.value().toDoubleArray(), 1e-5,
          make.get().getClass().getSimpleName());
    }
  }
}
