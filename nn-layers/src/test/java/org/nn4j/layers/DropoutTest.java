package org.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nn4j.api.Args;
import org.nn4j.api.ConfigurationException;
import org.nn4j.api.DType;
import org.nn4j.api.Shape;
import org.nn4j.api.ShapeException;
import org.nn4j.api.Tensor;
import org.nn4j.api.check.GradientCheck;

class DropoutTest {
  @Test
  void trainingKeepsWhereTheSeededDrawExceedsTheRatio() {
    Dropout d = LayerTesting.built(new Dropout(0.3), "dropout#1", DType.FLOAT64, Shape.of(4), 7);
    Tensor x = Tensor.of(new double[][] {{1, 2, 3, 4}, {5, 6, 7, 8}});
    Tensor y = d.forward(x, true);
    Random same = new Random(7);
    for (int i = 0; i < 8; i++) {
      assertEquals(same.nextDouble() > 0.3 ? i + 1 : 0, y.getFlat(i), "element " + i);
    }
    // backward passes the gradient exactly where the input was kept
    Tensor dx = d.backward(Tensor.zerosLike(x).fill(10));
    for (int i = 0; i < 8; i++) {
      assertEquals(y.getFlat(i) == 0 ? 0 : 10, dx.getFlat(i));
    }
    assertFalse(y.sameAs(d.forward(x, true)), "a new mask for each training pass");
  }

  @Test
  void fixedMaskForwardAndBackward() {
    Dropout d = new Dropout(0.5);
    d.useFixedMask(new boolean[] {true, false, true, false});
    assertArrayEquals(new double[] {1, 0, 3, 0}, d.forward(Tensor.of(new double[][] {{1, 2}, {3, 4}}), true).toDoubleArray());
    assertArrayEquals(new double[] {5, 0, 7, 0}, d.backward(Tensor.of(new double[][] {{5, 6}, {7, 8}})).toDoubleArray());
    assertEquals("dropout: the fixed mask has 4 values; input (3,) has 3",
        assertThrows(ShapeException.class, () -> d.forward(Tensor.of(1, 2, 3), true)).getMessage());
    d.useFixedMask(null);
    assertEquals("dropout: not built; a network builds its layers before use",
        assertThrows(IllegalStateException.class, () -> d.forward(Tensor.of(1, 2, 3), true)).getMessage());
  }

  @Test
  void inferenceScalesByTheFractionKept() {
    Dropout d = LayerTesting.built(new Dropout(0.25), "dropout#1", DType.FLOAT64, Shape.of(3), 1);
    // x · (1 − 0.25), and backward is the same scaling of dout
    assertArrayEquals(new double[] {0.75, -1.5, 3}, d.forward(Tensor.of(1.0, -2.0, 4.0), false).toDoubleArray());
    assertArrayEquals(new double[] {0.75, 0.75, 7.5}, d.backward(Tensor.of(1.0, 1.0, 10.0)).toDoubleArray());
  }

  @Test
  void ratioZeroKeepsEverything() {
    Dropout d = LayerTesting.built(new Dropout(0), "dropout#1", DType.FLOAT64, Shape.of(5), 3);
    Tensor x = Tensor.of(new double[][] {{1, 2, 3, 4, 5}});
    assertTrue(d.forward(x, true).sameAs(x));
    assertTrue(d.forward(x, false).sameAs(x));
  }

  @ParameterizedTest
  @CsvSource({"4, 6, 1", "1, 5, 2", "3, 8, 3"})
  void gradientCheckWithAFixedMask(int batch, int width, long seed) {
    Random r = new Random(seed);
    boolean[] keep = new boolean[batch * width];
    for (int i = 0; i < keep.length; i++) {
      keep[i] = r.nextBoolean();
    }
    Dropout d = LayerTesting.built(new Dropout(0.5), "dropout#1", DType.FLOAT64, Shape.of(width), seed);
    d.useFixedMask(keep);
    Tensor x = LayerTesting.randomAwayFromZero(Shape.of(batch, width), seed, 0);
    GradientCheck.checkLayer("dropout", d, x, true, new Random(seed)).assertPassed();
    GradientCheck.checkLayer("dropout (inference)", d, x, false, new Random(seed)).assertPassed();
  }

  @Test
  void backwardBeforeForwardNamesTheLayer() {
    Dropout d = LayerTesting.built(new Dropout(0.5), "dropout#3", DType.FLOAT64, Shape.of(2), 1);
    assertEquals("dropout#3: backward() called before forward()",
        assertThrows(IllegalStateException.class, () -> d.backward(Tensor.of(1, 2))).getMessage());
  }

  @Test
  void leavesInputAndDoutUntouched() {
    Dropout d = LayerTesting.built(new Dropout(0.5), "dropout#1", DType.FLOAT64, Shape.of(3), 1);
    Tensor x = Tensor.of(new double[][] {{1, -2, 3}, {4, 5, -6}});
    Tensor dout = Tensor.of(new double[][] {{1, 1, 1}, {2, 2, 2}});
    Tensor x0 = x.copy();
    Tensor d0 = dout.copy();
    d.forward(x, true);
    d.backward(dout);
    d.forward(x, false);
    d.backward(dout);
    assertTrue(x.sameAs(x0) && dout.sameAs(d0));
  }

  @Test
  void float32Works() {
    Dropout d = LayerTesting.built(new Dropout(0.5), "dropout#1", DType.FLOAT32, Shape.of(2), 1);
    Tensor x = Tensor.of(DType.FLOAT32, Shape.of(2, 2), 1, 2, 3, 4);
    assertEquals(DType.FLOAT32, d.forward(x, true).dtype());
    assertEquals(DType.FLOAT32, d.backward(Tensor.zerosLike(x)).dtype());
    assertArrayEquals(new double[] {0.5, 1, 1.5, 2}, d.forward(x, false).toDoubleArray());
  }

  @Test
  void providerArgumentsAndValidation() {
    Dropout.Provider p = new Dropout.Provider();
    assertEquals("dropout", p.name());
    assertEquals("ratio", p.arguments().get(0).name());
    assertEquals(0.5, ((Dropout) p.create(Args.none("dropout"))).ratio());
    assertEquals(0.2, ((Dropout) p.create(Args.of("dropout", "ratio", "0.2"))).ratio());
    assertEquals(0.0, ((Dropout) p.create(Args.of("dropout", "ratio", "0"))).ratio());
    assertEquals("dropout: argument 'ratio' must be in [0, 1), got 1.0",
        assertThrows(ConfigurationException.class, () -> p.create(Args.of("dropout", "ratio", "1"))).getMessage());
    assertThrows(ConfigurationException.class, () -> p.create(Args.of("dropout", "ratio", "-0.1")));
    assertThrows(ConfigurationException.class, () -> p.create(Args.of("dropout", "ratio", "half")));
  }
}
