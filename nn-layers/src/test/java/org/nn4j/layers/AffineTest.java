package org.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.nn4j.api.WeightInit;
import org.nn4j.api.check.GradientCheck;

class AffineTest {
  private static Affine twoByThree() {
    Affine a = LayerTesting.built(new Affine(3, null, true), "affine#1", DType.FLOAT64, Shape.of(2), 1);
    a.params().get(0).value().copyFrom(Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}));
    a.params().get(1).value().copyFrom(Tensor.of(0.1, 0.2, 0.3));
    return a;
  }

  @Test
  void forwardIsXWPlusB() {
    Tensor y = twoByThree().forward(Tensor.of(new double[][] {{1, 1}, {0, 2}}), true);
    assertArrayEquals(new double[][] {{5.1, 7.2, 9.3}, {8.1, 10.2, 12.3}}, y.toDoubleMatrix());
  }

  @Test
  void backwardIsTheMirrorOfForward() {
    Affine a = twoByThree();
    a.forward(Tensor.of(new double[][] {{1, 1}, {0, 2}}), true);
    Tensor dx = a.backward(Tensor.of(new double[][] {{1, 0, 0}, {0, 1, 1}}));
    assertArrayEquals(new double[][] {{1, 4}, {5, 11}}, dx.toDoubleMatrix());
    assertArrayEquals(new double[][] {{1, 0, 0}, {1, 2, 2}}, a.params().get(0).grad().toDoubleMatrix());
    assertArrayEquals(new double[] {1, 1, 1}, a.params().get(1).grad().toDoubleArray());
  }

  @Test
  void infersItsInputWidthAndFlattensImages() {
    Affine a = LayerTesting.built(new Affine(4, null, true), "affine#1", DType.FLOAT64, Shape.of(2, 3), 5);
    assertEquals(Shape.of(6, 4), a.params().get(0).value().shape());
    Tensor x = LayerTesting.randomAwayFromZero(Shape.of(5, 2, 3), 2, 0);
    assertEquals(Shape.of(5, 4), a.forward(x, true).shape());
    assertEquals(Shape.of(5, 2, 3), a.backward(Tensor.zeros(DType.FLOAT64, 5, 4)).shape());
  }

  @ParameterizedTest
  @CsvSource({"3, 4, 1", "1, 7, 2", "5, 1, 3", "8, 10, 4"})
  void gradientCheck(int batch, int in, long seed) {
    Affine a = LayerTesting.built(new Affine(5, WeightInit.parse("he"), true), "affine#1", DType.FLOAT64,
        Shape.of(in), seed);
    Tensor x = LayerTesting.randomAwayFromZero(Shape.of(batch, in), seed, 0);
    GradientCheck.checkLayer("affine", a, x, true, new Random(seed)).assertPassed();
  }

  @Test
  void withoutBias() {
    Affine a = LayerTesting.built(new Affine(2, null, false), "affine#3", DType.FLOAT64, Shape.of(3), 1);
    assertEquals(1, a.params().size());
    GradientCheck.checkLayer("affine", a, LayerTesting.randomAwayFromZero(Shape.of(2, 3), 1, 0), true,
        new Random(1)).assertPassed();
  }

  @Test
  void drawsWeightsFromTheGeneratorWithTheRulesStd() {
    Affine a = LayerTesting.built(new Affine(2, WeightInit.parse("0.01"), true), "affine#1", DType.FLOAT64,
        Shape.of(2), 9);
    Random same = new Random(9);
    for (int i = 0; i < 4; i++) {
      assertEquals(0.01 * same.nextGaussian(), a.params().get(0).value().getFlat(i));
    }
    assertArrayEquals(new double[] {0, 0}, a.params().get(1).value().toDoubleArray());
  }

  @Test
  void shapeMismatchNamesTheLayerAndBothShapes() {
    Affine a = twoByThree();
    ShapeException e = assertThrows(ShapeException.class, () -> a.forward(Tensor.zeros(DType.FLOAT64, 4, 5), true));
    assertEquals("affine#1: input (4, 5) does not match weights (2, 3) (expected 2 values per sample)",
        e.getMessage());
    assertThrows(ShapeException.class, () -> a.outputShape(Shape.of(7)));
  }

  @Test
  void backwardBeforeForwardFails() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> twoByThree().backward(Tensor.zeros(DType.FLOAT64, 1, 3)));
    assertEquals("affine#1: backward() called before forward()", e.getMessage());
  }

  @Test
  void leavesInputAndDoutUntouched() {
    Affine a = twoByThree();
    Tensor x = Tensor.of(new double[][] {{1, 1}, {0, 2}});
    Tensor dout = Tensor.of(new double[][] {{1, 0, 0}, {0, 1, 1}});
    Tensor x0 = x.copy();
    Tensor d0 = dout.copy();
    a.forward(x, true);
    a.backward(dout);
    assertTrue(x.sameAs(x0) && dout.sameAs(d0));
  }

  @Test
  void providerReadsItsArguments() {
    Affine.Provider p = new Affine.Provider();
    assertEquals("affine", p.name());
    assertEquals("out, init, bias", String.join(", ", p.arguments().stream().map(x -> x.name()).toList()));
    Affine a = (Affine) p.create(Args.of("affine", "out", "3", "bias", "false"));
    a.build(Shape.of(2), new org.nn4j.api.BuildContext("affine#1", DType.FLOAT32, new Random(1), "he"));
    assertEquals(1, a.params().size());
    assertEquals(DType.FLOAT32, a.params().get(0).value().dtype());
    assertThrows(ConfigurationException.class, () -> p.create(Args.of("affine", "out", "0")));
    assertThrows(ConfigurationException.class, () -> p.create(Args.of("affine", "out", "3", "init", "zero")));
  }
}
