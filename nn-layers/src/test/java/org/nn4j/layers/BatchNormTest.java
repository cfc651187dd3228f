package org.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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

class BatchNormTest {
  private static final Tensor X = Tensor.of(new double[][] {{1, 10}, {3, 30}, {2, -10}});

  /** gamma (2, 0.5), beta (0.1, −1), momentum 0.9, eps 1e-6. */
  private static BatchNorm layer() {
    BatchNorm bn = LayerTesting.built(new BatchNorm(0.9, 1e-6), "batch-norm#1", DType.FLOAT64, Shape.of(2), 1);
    bn.params().get(0).value().copyFrom(Tensor.of(2.0, 0.5));
    bn.params().get(1).value().copyFrom(Tensor.of(0.1, -1.0));
    return bn;
  }

  @Test
  void trainingNormalisesWithTheBatchStatistics() {
    BatchNorm bn = layer();
    // column 0: μ = 2, σ² = (1 + 1 + 0)/3 = 0.666…, std = √(σ² + 1e-6) = 0.8164971932999321
    //   out = 2·(x − 2)/std + 0.1 → −2.349487905667938, 2.549487905667938, 0.1
    // column 1: μ = 10, σ² = (0 + 400 + 400)/3 = 266.66…, std = 16.329931649173144
    //   out = 0.5·(x − 10)/std − 1 → −1, −0.38762756545240384, −1.6123724345475963
    assertArrayEquals(new double[][] {{-2.349487905667938, -1.0}, {2.549487905667938, -0.38762756545240384},
        {0.1, -1.6123724345475963}}, bn.forward(X, true).toDoubleMatrix());
    // running = 0.9·0 + 0.1·batch
    assertArrayEquals(new double[] {0.2, 1.0}, bn.state().get("running_mean").toDoubleArray(), 1e-15);
    assertArrayEquals(new double[] {0.06666666666666667, 26.66666666666667},
        bn.state().get("running_var").toDoubleArray(), 1e-13);
  }

  @Test
  void backwardFollowsTheBook() {
    BatchNorm bn = layer();
    bn.forward(X, true);
    Tensor dx = bn.backward(Tensor.of(new double[][] {{1, 2}, {0.5, -1}, {-1, 0.25}}));
    // Worked through the book's __backward in float64 (dbeta = Σdout, dgamma = Σ xn·dout, dxn = γ·dout, …).
    assertArrayEquals(new double[] {1.4288688635295508, 0.048479484401684696, 1.428867026416377,
        -0.024239742272604753, -2.8577358899459275, -0.02423974212907995}, dx.toDoubleArray(), 1e-12);
    assertArrayEquals(new double[] {-0.6123719764169845, -1.5309310863689904},
        bn.params().get(0).grad().toDoubleArray(), 1e-13);
    assertArrayEquals(new double[] {0.5, 1.25}, bn.params().get(1).grad().toDoubleArray());
    // the batch mean absorbs any shift: each column of dx sums to zero
    assertEquals(0, dx.sum(0).getFlat(0), 1e-12);
    assertEquals(0, dx.sum(0).getFlat(1), 1e-12);
  }

  @Test
  void inferenceUsesTheRunningStatistics() {
    BatchNorm bn = layer();
    bn.forward(X, true);
    Tensor before = bn.state().get("running_var").copy();
    // running_mean (0.2, 1), running_var (0.0666…, 26.666…):
    //   2·(1 − 0.2)/√(0.0666… + 1e-6) + 0.1 = 6.296726878654559, 0.5·(10 − 1)/√(26.666… + 1e-6) − 1 = −0.1285787634424792
    Tensor y = bn.forward(Tensor.of(new double[][] {{1, 10}}), false);
    assertArrayEquals(new double[] {6.296726878654559, -0.1285787634424792}, y.toDoubleArray(), 1e-14);
    assertTrue(bn.state().get("running_var").sameAs(before), "inference leaves the running statistics alone");
    // after an inference pass the statistics are constants: dx = γ·dout/std
    Tensor dx = bn.backward(Tensor.of(new double[][] {{1, 1}}));
    assertEquals(2 / Math.sqrt(0.06666666666666667 + 1e-6), dx.getFlat(0), 1e-12);
  }

  @Test
  void runningStatisticsFollowTheMomentum() {
    BatchNorm bn = LayerTesting.built(new BatchNorm(0.5, 1e-6), "batch-norm#1", DType.FLOAT64, Shape.of(1), 1);
    bn.forward(Tensor.of(new double[][] {{2}, {4}}), true);
    bn.forward(Tensor.of(new double[][] {{10}, {10}}), true);
    // mean: 0.5·(0.5·0 + 0.5·3) + 0.5·10 = 5.75; var: 0.5·(0.5·0 + 0.5·1) + 0.5·0 = 0.25
    assertEquals(5.75, bn.state().get("running_mean").getFlat(0));
    assertEquals(0.25, bn.state().get("running_var").getFlat(0));
  }

  @Test
  void stateIsLiveSoALoadedModelIsUsed() {
    BatchNorm bn = layer();
    assertEquals(List.of("running_mean", "running_var"), List.copyOf(bn.state().keySet()));
    bn.state().get("running_mean").copyFrom(Tensor.of(1.0, 10.0));
    bn.state().get("running_var").copyFrom(Tensor.of(4.0, 1.0));
    Tensor y = bn.forward(Tensor.of(new double[][] {{3, 10}}), false);
    assertArrayEquals(new double[] {2 * 2 / Math.sqrt(4 + 1e-6) + 0.1, -1}, y.toDoubleArray(), 1e-15);
    assertSame(bn.state().get("running_mean"), bn.state().get("running_mean"));
  }

  @ParameterizedTest
  @CsvSource({"4, 5, 1, true", "2, 3, 2, true", "6, 1, 3, true", "5, 4, 4, false"})
  void gradientCheck(int batch, int width, long seed, boolean training) {
    BatchNorm bn = LayerTesting.built(new BatchNorm(0.9, 1e-6), "batch-norm#1", DType.FLOAT64, Shape.of(width), seed);
    // gamma and beta away from their initial 1 and 0, so that their gradients are checked in general
    Random r = new Random(seed + 100);
    bn.params().forEach(p -> p.value().mapInPlace(v -> v + r.nextGaussian()));
    Tensor x = LayerTesting.randomAwayFromZero(Shape.of(batch, width), seed, 0);
    bn.forward(x, true);
    GradientCheck.checkLayer("batch-norm", bn, x, training, new Random(seed)).assertPassed();
  }

  @Test
  void flattensImagesAndKeepsTheirShape() {
    BatchNorm bn = LayerTesting.built(new BatchNorm(0.9, 1e-6), "batch-norm#1", DType.FLOAT64, Shape.of(2, 2), 1);
    assertEquals(4, bn.params().get(0).value().size());
    Tensor x = LayerTesting.randomAwayFromZero(Shape.of(3, 2, 2), 5, 0);
    assertEquals(Shape.of(3, 2, 2), bn.forward(x, true).shape());
    GradientCheck.checkLayer("batch-norm", bn, x, true, new Random(5)).assertPassed();
  }

  @Test
  void backwardBeforeForwardNamesTheLayer() {
    assertEquals("batch-norm#1: backward() called before forward()", assertThrows(IllegalStateException.class,
        () -> layer().backward(Tensor.zeros(DType.FLOAT64, 3, 2))).getMessage());
  }

  @Test
  void leavesInputAndDoutUntouched() {
    BatchNorm bn = layer();
    Tensor x = X.copy();
    Tensor dout = Tensor.of(new double[][] {{1, 2}, {0.5, -1}, {-1, 0.25}});
    Tensor d0 = dout.copy();
    bn.forward(x, true);
    bn.backward(dout);
    assertTrue(x.sameAs(X) && dout.sameAs(d0));
  }

  @Test
  void float32Works() {
    BatchNorm bn = LayerTesting.built(new BatchNorm(0.9, 1e-6), "batch-norm#1", DType.FLOAT32, Shape.of(2), 1);
    Tensor y = bn.forward(X.to(DType.FLOAT32), true);
    assertEquals(DType.FLOAT32, y.dtype());
    assertEquals(DType.FLOAT32, bn.state().get("running_mean").dtype());
    assertEquals(DType.FLOAT32, bn.backward(Tensor.zerosLike(y).fill(1)).dtype());
    BatchNorm ref = LayerTesting.built(new BatchNorm(0.9, 1e-6), "batch-norm#1", DType.FLOAT64, Shape.of(2), 1);
    assertTrue(y.allClose(ref.forward(X, true), 1e-6, 1e-6));
  }

  @Test
  void shapeChecksNameTheLayer() {
    BatchNorm bn = layer();
    assertEquals("batch-norm#1: input (3, 3) does not match its 2 features",
        assertThrows(ShapeException.class, () -> bn.forward(Tensor.zeros(DType.FLOAT64, 3, 3), true)).getMessage());
    assertThrows(ShapeException.class, () -> bn.outputShape(Shape.of(5)));
    assertEquals(Shape.of(2), bn.outputShape(Shape.of(2)));
    assertEquals("batch-norm: not built; a network builds its layers before use",
        assertThrows(IllegalStateException.class, () -> new BatchNorm(0.9, 1e-6).params()).getMessage());
  }

  @Test
  void providerArgumentsAndValidation() {
    BatchNorm.Provider p = new BatchNorm.Provider();
    assertEquals("batch-norm", p.name());
    assertEquals(List.of("momentum", "eps"), p.arguments().stream().map(a -> a.name()).toList());
    BatchNorm defaults = (BatchNorm) p.create(Args.none("batch-norm"));
    assertEquals(0.9, defaults.momentum());
    assertEquals(1e-6, defaults.eps(), "the book's 10e-7");
    BatchNorm given = (BatchNorm) p.create(Args.of("batch-norm", "momentum", "0", "eps", "1e-5"));
    assertEquals(0.0, given.momentum());
    assertEquals(1e-5, given.eps());
    assertEquals("batch-norm: argument 'momentum' must be in [0, 1), got 1.0", assertThrows(
        ConfigurationException.class, () -> p.create(Args.of("batch-norm", "momentum", "1"))).getMessage());
    assertEquals("batch-norm: argument 'eps' must be a positive number, got 0.0", assertThrows(
        ConfigurationException.class, () -> p.create(Args.of("batch-norm", "eps", "0"))).getMessage());
    assertThrows(ConfigurationException.class, () -> p.create(Args.of("batch-norm", "momentum", "-0.5")));
    assertThrows(ConfigurationException.class, () -> p.create(Args.of("batch-norm", "eps", "-1")));
  }
}
