package org.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nn4j.api.Args;
import org.nn4j.api.ConfigurationException;
import org.nn4j.api.DType;
import org.nn4j.api.Layer;
import org.nn4j.api.Shape;
import org.nn4j.api.ShapeException;
import org.nn4j.api.Tensor;
import org.nn4j.api.check.GradientCheck;

class SoftmaxAndTanhTest {
  @Test
  void softmaxOfEachRowAndItsStability() {
    Tensor y = new Softmax().forward(Tensor.of(new double[][] {{1, 2, 3}, {1000, 1000, 1000}, {-1000, 0, -1000}}), true);
    // exp(k − 3) / (e⁻² + e⁻¹ + 1): the max is subtracted, so 1000 does not overflow to NaN.
    assertArrayEquals(new double[] {0.09003057317038046, 0.24472847105479764, 0.6652409557748218,
        1 / 3.0, 1 / 3.0, 1 / 3.0, 0, 1, 0}, y.toDoubleArray(), 1e-15);
  }

  @Test
  void softmaxBackwardIsYTimesDoutMinusItsWeightedMean() {
    Softmax s = new Softmax();
    Tensor y = s.forward(Tensor.of(new double[][] {{1, 2, 3}}), true).copy();
    // dout = (1, 0, 0): Σ dout·y = y0, so dx = y · (dout − y0) = (y0(1 − y0), −y1·y0, −y2·y0).
    Tensor dx = s.backward(Tensor.of(new double[][] {{1, 0, 0}}));
    assertArrayEquals(new double[] {0.08192506906499324, -0.022033044520174298, -0.05989202454481893},
        dx.toDoubleArray(), 1e-15);
    assertEquals(y.getFlat(0) * (1 - y.getFlat(0)), dx.getFlat(0), 1e-16);
    // A constant upstream gradient changes nothing: softmax's outputs always sum to one.
    assertArrayEquals(new double[] {0, 0, 0}, s.backward(Tensor.of(new double[][] {{5, 5, 5}})).toDoubleArray(), 1e-15);
  }

  @Test
  void tanhValuesAndDerivative() {
    Tanh t = new Tanh();
    Tensor y = t.forward(Tensor.of(0.0, 1.0, -2.0), true);
    assertArrayEquals(new double[] {0, 0.7615941559557649, -0.9640275800758169}, y.toDoubleArray(), 1e-16);
    // dout · (1 − tanh²): 1 at 0; 1 − 0.76159…² = 0.41997…; 2·(1 − 0.96402…²) = 0.14130…
    assertArrayEquals(new double[] {1, 0.41997434161402614, 0.14130164970632886},
        t.backward(Tensor.of(1.0, 1.0, 2.0)).toDoubleArray(), 1e-15);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void gradientChecks(long seed) {
    for (Shape shape : new Shape[] {Shape.of(4, 6), Shape.of(1, 3), Shape.of(2, 3, 4)}) {
      Tensor x = LayerTesting.randomAwayFromZero(shape, seed, 0);
      GradientCheck.checkLayer("softmax", new Softmax(), x, true, new Random(seed)).assertPassed();
      GradientCheck.checkLayer("tanh", new Tanh(), x, true, new Random(seed)).assertPassed();
    }
  }

  @Test
  void backwardBeforeForwardNamesTheLayer() {
    Softmax s = LayerTesting.built(new Softmax(), "softmax#4", DType.FLOAT64, Shape.of(3), 1);
    assertEquals("softmax#4: backward() called before forward()",
        assertThrows(IllegalStateException.class, () -> s.backward(Tensor.of(new double[][] {{1, 2, 3}}))).getMessage());
    Tanh t = LayerTesting.built(new Tanh(), "tanh#2", DType.FLOAT64, Shape.of(3), 1);
    assertEquals("tanh#2: backward() called before forward()",
        assertThrows(IllegalStateException.class, () -> t.backward(Tensor.of(1, 2, 3))).getMessage());
  }

  @Test
  void leaveInputAndDoutUntouched() {
    for (Layer layer : new Layer[] {new Softmax(), new Tanh()}) {
      Tensor x = Tensor.of(new double[][] {{0.5, -1, 2}, {3, 0, -0.25}});
      Tensor dout = Tensor.of(new double[][] {{1, -2, 0.5}, {0, 4, 1}});
      Tensor x0 = x.copy();
      Tensor d0 = dout.copy();
      layer.forward(x, true);
      layer.backward(dout);
      assertTrue(x.sameAs(x0) && dout.sameAs(d0), layer.getClass().getSimpleName());
    }
  }

  @Test
  void float32Works() {
    Layer[] references = {new Softmax(), new Tanh()};
    int k = 0;
    for (Layer layer : new Layer[] {new Softmax(), new Tanh()}) {
      Tensor x = Tensor.of(DType.FLOAT32, Shape.of(2, 2), -1, 1, 0.5, 2);
      Tensor y = layer.forward(x, false);
      assertEquals(DType.FLOAT32, y.dtype());
      assertTrue(y.allClose(references[k++].forward(x.to(DType.FLOAT64), false), 1e-6, 1e-7));
      assertEquals(DType.FLOAT32, layer.backward(Tensor.of(DType.FLOAT32, Shape.of(2, 2), 1, 0, 0, 1)).dtype());
    }
  }

  @Test
  void shapeChecks() {
    Softmax s = new Softmax();
    s.forward(Tensor.of(new double[][] {{1, 2}}), true);
    assertEquals("softmax: dout (1, 3) does not match output (1, 2)",
        assertThrows(ShapeException.class, () -> s.backward(Tensor.zeros(DType.FLOAT64, 1, 3))).getMessage());
    assertThrows(ShapeException.class, () -> s.outputShape(Shape.of(0)));
    assertEquals(Shape.of(2, 5), new Tanh().outputShape(Shape.of(2, 5)));
  }

  @Test
  void providersTakeNoArguments() {
    Softmax.Provider sp = new Softmax.Provider();
    Tanh.Provider tp = new Tanh.Provider();
    assertEquals("softmax", sp.name());
    assertEquals("tanh", tp.name());
    assertTrue(sp.create(Args.none("softmax")) instanceof Softmax);
    assertTrue(tp.create(Args.none("tanh")) instanceof Tanh);
    assertEquals("tanh: unknown argument 'x'; accepted: none", assertThrows(ConfigurationException.class,
        () -> Args.of("tanh", "x", "1").requireOnly(tp.arguments())).getMessage());
  }
}
