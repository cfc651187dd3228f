package org.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nn4j.api.DType;
import org.nn4j.api.Layer;
import org.nn4j.api.Shape;
import org.nn4j.api.Tensor;
import org.nn4j.api.check.GradientCheck;

class ActivationTest {
  @Test
  void reluMasksInputsAtOrBelowZero() {
    Relu relu = new Relu();
    Tensor x = Tensor.of(new double[][] {{1.0, -0.5}, {-2.0, 3.0}, {0.0, 0.25}});
    assertArrayEquals(new double[][] {{1.0, 0}, {0, 3.0}, {0, 0.25}}, relu.forward(x, true).toDoubleMatrix());
    Tensor dout = Tensor.of(new double[][] {{5, 6}, {7, 8}, {9, 10}});
    assertArrayEquals(new double[][] {{5, 0}, {0, 8}, {0, 10}}, relu.backward(dout).toDoubleMatrix());
    assertArrayEquals(new double[][] {{5, 6}, {7, 8}, {9, 10}}, dout.toDoubleMatrix(),
        "unlike the book's code, backward leaves dout alone");
    assertArrayEquals(new double[][] {{1.0, -0.5}, {-2.0, 3.0}, {0.0, 0.25}}, x.toDoubleMatrix());
  }

  @Test
  void sigmoidValuesAndDerivative() {
    Sigmoid s = new Sigmoid();
    Tensor y = s.forward(Tensor.of(0.0, 2.0, -2.0), true);
    assertEquals(0.5, y.getFlat(0));
    assertEquals(0.8807970779778823, y.getFlat(1), 1e-16);
    assertEquals(0.11920292202211755, y.getFlat(2), 1e-16);
    Tensor dx = s.backward(Tensor.of(1.0, 1.0, 2.0));
    assertEquals(0.25, dx.getFlat(0));
    assertEquals(0.8807970779778823 * (1 - 0.8807970779778823), dx.getFlat(1), 1e-16);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void gradientChecks(long seed) {
    Tensor x = LayerTesting.randomAwayFromZero(Shape.of(4, 6), seed, 0.01);
    GradientCheck.checkLayer("relu", new Relu(), x, true, new Random(seed)).assertPassed();
    GradientCheck.checkLayer("sigmoid", new Sigmoid(), x, true, new Random(seed)).assertPassed();
    Tensor images = LayerTesting.randomAwayFromZero(Shape.of(2, 3, 4), seed, 0.01);
    GradientCheck.checkLayer("relu", new Relu(), images, true, new Random(seed)).assertPassed();
  }

  @Test
  void backwardBeforeForwardNamesTheLayer() {
    Relu relu = LayerTesting.built(new Relu(), "relu#2", DType.FLOAT64, Shape.of(3), 1);
    assertEquals("relu#2: backward() called before forward()",
        assertThrows(IllegalStateException.class, () -> relu.backward(Tensor.of(1, 2, 3))).getMessage());
    Sigmoid sig = new Sigmoid();
    assertEquals("sigmoid: backward() called before forward()",
        assertThrows(IllegalStateException.class, () -> sig.backward(Tensor.of(1, 2, 3))).getMessage());
  }

  @Test
  void float32Works() {
    for (Layer layer : new Layer[] {new Relu(), new Sigmoid()}) {
      Tensor x = Tensor.of(DType.FLOAT32, Shape.of(1, 2), -1, 1);
      Tensor y = layer.forward(x, false);
      assertEquals(DType.FLOAT32, y.dtype());
      assertEquals(DType.FLOAT32, layer.backward(Tensor.of(DType.FLOAT32, Shape.of(1, 2), 1, 1)).dtype());
    }
  }

  @Test
  void doutOfTheWrongShapeIsRejected() {
    Relu relu = new Relu();
    relu.forward(Tensor.of(1, 2, 3), true);
    assertTrue(assertThrows(org.nn4j.api.ShapeException.class, () -> relu.backward(Tensor.of(1, 2)))
        .getMessage().contains("dout (2,) does not match output (3,)"));
  }
}
