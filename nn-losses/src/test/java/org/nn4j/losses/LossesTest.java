package org.nn4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nn4j.api.DType;
import org.nn4j.api.Loss;
import org.nn4j.api.Shape;
import org.nn4j.api.ShapeException;
import org.nn4j.api.Tensor;
import org.nn4j.api.check.GradientCheck;

class LossesTest {
  /** The book's example output (§4.2.1). */
  private static final double[] Y = {0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0};

  private static Tensor oneHot(int label) {
    Tensor t = Tensor.zeros(DType.FLOAT64, 10);
    t.setFlat(label, 1);
    return t;
  }

  @Test
  void theBooksPrintedValues() {
    assertEquals(0.09750000000000003, new MeanSquaredError().forward(Tensor.of(Y), oneHot(2)));
    assertEquals(0.5975, new MeanSquaredError().forward(Tensor.of(Y), oneHot(7)));
    assertEquals(0.510825457099338, new CrossEntropy().forward(Tensor.of(Y), oneHot(2)));
    assertEquals(2.302584092994546, new CrossEntropy().forward(Tensor.of(Y), oneHot(7)));
  }

  @Test
  void labelsGiveTheSameValuesAsOneHotRows() {
    Tensor label2 = Tensor.of(2);
    assertEquals(0.09750000000000003, new MeanSquaredError().forward(Tensor.of(Y), label2));
    assertEquals(0.510825457099338, new CrossEntropy().forward(Tensor.of(Y), label2));
    Tensor batch = Tensor.of(new double[][] {Y, Y});
    assertEquals((0.510825457099338 + 2.302584092994546) / 2,
        new CrossEntropy().forward(batch, Tensor.of(2, 7)), 1e-15);
    Tensor hot = Tensor.zeros(DType.FLOAT64, 2, 10);
    hot.set(1, 0, 2);
    hot.set(1, 1, 7);
    assertEquals((0.09750000000000003 + 0.5975) / 2, new MeanSquaredError().forward(batch, hot), 1e-15);
  }

  /**
   * Softmax-cross-entropy takes class labels without spreading them into one-hot rows; loss and gradient must
   * still be the bits the one-hot form gives, in both types, batch after batch with the buffers reused.
   */
  @ParameterizedTest
  @ValueSource(strings = {"float32", "float64"})
  void softmaxCrossEntropyGivesTheSameBitsForLabelsAndOneHotRows(String type) {
    DType dtype = DType.parse(type);
    Random random = new Random(9);
    Loss byLabel = new SoftmaxCrossEntropy();
    Loss byRow = new SoftmaxCrossEntropy();
    for (int batch = 0; batch < 3; batch++) {
      Tensor logits = Tensor.zeros(dtype, 7, 10);
      for (int i = 0; i < logits.size(); i++) {
        logits.setFlat(i, 3 * random.nextGaussian());
      }
      Tensor labels = Tensor.zeros(dtype, 7);
      Tensor hot = Tensor.zeros(dtype, 7, 10);
      for (int r = 0; r < 7; r++) {
        int label = random.nextInt(10);
        labels.setFlat(r, label);
        hot.set(1, r, label);
      }
      assertEquals(Double.doubleToRawLongBits(byRow.forward(logits, hot)),
          Double.doubleToRawLongBits(byLabel.forward(logits, labels)), "batch " + batch);
      assertTrue(byRow.backward().sameAs(byLabel.backward()), "batch " + batch);
    }
  }

  @Test
  void softmaxCrossEntropyIsTheBooksSoftmaxWithLoss() {
    SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
    Tensor scores = Tensor.of(new double[][] {{0.3, 2.9, 4.0}, {1.0, 1.0, 1.0}});
    double expected = -(Math.log(Math.exp(4.0) / (Math.exp(0.3) + Math.exp(2.9) + Math.exp(4.0)) + 1e-7)
        + Math.log(1.0 / 3 + 1e-7)) / 2;
    assertEquals(expected, loss.forward(scores, Tensor.of(2, 0)), 1e-15);
    Tensor p = scores.softmaxRows();
    Tensor grad = loss.backward();
    assertEquals((p.get(0, 2) - 1) / 2, grad.get(0, 2), 1e-16);
    assertEquals(p.get(1, 1) / 2, grad.get(1, 1), 1e-16);
  }

  @Test
  void softmaxCrossEntropyIsStableForHugeLogits() {
    SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
    double value = loss.forward(Tensor.of(new double[][] {{1000, 2000, 3000}}), Tensor.of(0));
    assertEquals(-Math.log(1e-7), value, 1e-9);
    assertTrue(Double.isFinite(loss.backward().sum()));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void gradientChecks(long seed) {
    Random r = new Random(seed);
    Tensor logits = Tensor.zeros(DType.FLOAT64, 4, 5).mapInPlace(v -> r.nextGaussian());
    Tensor probs = logits.softmaxRows();
    Tensor labels = Tensor.of(0, 3, 4, 1);
    Tensor hot = Tensor.zeros(DType.FLOAT64, 4, 5);
    for (int i = 0; i < 4; i++) {
      hot.set(1, i, (int) labels.getFlat(i));
    }
    for (Tensor t : new Tensor[] {labels, hot}) {
      GradientCheck.checkLoss("mse", new MeanSquaredError(), probs.copy(), t).assertPassed();
      GradientCheck.checkLoss("cross-entropy", new CrossEntropy(), probs.copy(), t).assertPassed();
      GradientCheck.checkLoss("softmax-cross-entropy", new SoftmaxCrossEntropy(), logits.copy(), t).assertPassed();
    }
  }

  @Test
  void gradientKeepsTheShapeOfY() {
    Loss loss = new CrossEntropy();
    loss.forward(Tensor.of(Y), Tensor.of(2));
    Tensor grad = loss.backward();
    assertEquals(Shape.of(10), grad.shape());
    assertEquals(-1 / (0.6 + 1e-7), grad.getFlat(2), 1e-12);
    assertEquals(0.0, grad.getFlat(0), 0.0);
    assertEquals(0.0, grad.getFlat(9), 0.0);
  }

  @Test
  void badTargetsAreExplained() {
    ShapeException e = assertThrows(ShapeException.class,
        () -> new MeanSquaredError().forward(Tensor.zeros(DType.FLOAT64, 3, 10), Tensor.zeros(DType.FLOAT64, 3, 5)));
    assertEquals("mse: targets (3, 5) fit neither output (3, 10) as one-hot rows nor its 3 rows as class labels",
        e.getMessage());
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> new CrossEntropy().forward(Tensor.of(Y), Tensor.of(10)));
    assertEquals("cross-entropy: target label 10.0 in row 0 is not a class index in [0, 10)", bad.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new CrossEntropy().forward(Tensor.of(Y), Tensor.of(1.5)));
  }

  @Test
  void backwardBeforeForwardFails() {
    assertEquals("softmax-cross-entropy: backward() called before forward()",
        assertThrows(IllegalStateException.class, () -> new SoftmaxCrossEntropy().backward()).getMessage());
    assertThrows(IllegalStateException.class, () -> new MeanSquaredError().backward());
    assertThrows(IllegalStateException.class, () -> new CrossEntropy().backward());
  }

  @Test
  void float32OutputsWithFloat64Targets() {
    Tensor y = Tensor.of(DType.FLOAT32, Shape.of(1, 3), 1, 2, 3);
    SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
    loss.forward(y, Tensor.of(0, 0, 1));
    assertEquals(DType.FLOAT32, loss.backward().dtype());
  }
}
