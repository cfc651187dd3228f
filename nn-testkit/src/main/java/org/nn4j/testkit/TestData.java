package org.nn4j.testkit;

import org.nn4j.api.DType;
import org.nn4j.api.Shape;
import org.nn4j.api.Tensor;
import org.nn4j.core.SeededRandom;

/**
 * The seeded inputs the conformance checks feed providers: layer inputs kept away from zero, normal upstream
 * gradients, softmax probabilities as loss outputs, and class labels in both target forms. The same seed
 * always gives the same tensor, so a failing check can be replayed.
 */
public final class TestData {
  private TestData() {
  }

  /**
   * Normal draws pushed at least 0.05 away from zero, so that element-wise layers with a kink at 0 (ReLU,
   * leaky ReLU) are differentiable within the central difference's step.
   */
  public static Tensor input(DType dtype, Shape shape, long seed) {
    SeededRandom random = new SeededRandom(seed * 31 + 7);
    Tensor x = Tensor.zeros(dtype, shape);
    for (int i = 0; i < x.size(); i++) {
      double g = random.nextGaussian();
      x.setFlat(i, Math.copySign(0.05 + Math.abs(g), g));
    }
    return x;
  }

  /** Standard normal draws. */
  public static Tensor gaussian(DType dtype, Shape shape, long seed) {
    SeededRandom random = new SeededRandom(seed);
    Tensor t = Tensor.zeros(dtype, shape);
    for (int i = 0; i < t.size(); i++) {
      t.setFlat(i, random.nextGaussian());
    }
    return t;
  }

  /** Softmax probabilities of normal logits with standard deviation 2, {@code batch × classes}, float64. */
  public static Tensor probabilities(int batch, int classes, long seed) {
    SeededRandom random = new SeededRandom(seed);
    Tensor logits = Tensor.zeros(DType.FLOAT64, batch, classes);
    for (int i = 0; i < logits.size(); i++) {
      logits.setFlat(i, 2 * random.nextGaussian());
    }
    return logits.softmaxRows();
  }

  /** One class label in {@code [0, classes)} per row. */
  public static int[] labels(int batch, int classes, long seed) {
    SeededRandom random = new SeededRandom(seed + 1);
    int[] labels = new int[batch];
    for (int i = 0; i < batch; i++) {
      labels[i] = random.nextInt(classes);
    }
    return labels;
  }

  /** Labels as a float64 vector, the label form of targets. */
  public static Tensor labelTensor(int[] labels) {
    Tensor t = Tensor.zeros(DType.FLOAT64, labels.length);
    for (int i = 0; i < labels.length; i++) {
      t.setFlat(i, labels[i]);
    }
    return t;
  }

  /** Labels as one-hot rows, the other form of targets. */
  public static Tensor oneHot(int[] labels, int classes) {
    Tensor t = Tensor.zeros(DType.FLOAT64, labels.length, classes);
    for (int i = 0; i < labels.length; i++) {
      t.set(1, i, labels[i]);
    }
    return t;
  }
}
