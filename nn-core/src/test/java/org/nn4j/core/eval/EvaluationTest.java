package org.nn4j.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nn4j.api.DType;
import org.nn4j.api.ShapeException;
import org.nn4j.core.Network;
import org.nn4j.core.ToolkitFixtures;
import org.nn4j.core.data.Dataset;

/** Accuracy, confusion matrix, precision and recall from hand-made predictions, and from a network. */
class EvaluationTest {
  /** Rows are true classes: 0 → [3, 1, 0], 1 → [1, 1, 0], 2 → [1, 0, 3]. */
  private static final int[] LABELS = {0, 0, 0, 1, 1, 2, 2, 2, 2, 0};
  private static final int[] PREDICTED = {0, 1, 0, 1, 0, 2, 2, 0, 2, 0};

  @Test
  void confusionCountsAccuracyPrecisionAndRecall() {
    Evaluation e = Evaluation.of(PREDICTED, LABELS, 3);
    assertEquals(10, e.count());
    assertEquals(3, e.classes());
    int[][] expected = {{3, 1, 0}, {1, 1, 0}, {1, 0, 3}};
    for (int a = 0; a < 3; a++) {
      for (int p = 0; p < 3; p++) {
        assertEquals(expected[a][p], e.confusion(a, p), "actual " + a + ", predicted " + p);
      }
    }
    assertEquals(7, e.correct());
    assertEquals(0.7, e.accuracy());
    assertEquals(3.0 / 5, e.precision(0));
    assertEquals(1.0 / 2, e.precision(1));
    assertEquals(1.0, e.precision(2));
    assertEquals(3.0 / 4, e.recall(0));
    assertEquals(1.0 / 2, e.recall(1));
    assertEquals(3.0 / 4, e.recall(2));
  }

  @Test
  void tableTextForThreeClasses() {
    assertEquals("confusion matrix (rows: true class, columns: predicted class)\n"
        + "           0     1     2   recall\n"
        + "     0     3     1     0   0.7500\n"
        + "     1     1     1     0   0.5000\n"
        + "     2     1     0     3   0.7500\n"
        + " prec.  0.60  0.50  1.00\n"
        + "accuracy: 0.7000 (7 of 10)\n", Evaluation.of(PREDICTED, LABELS, 3).table().replace("\r\n", "\n"));
  }

  @Test
  void aClassNeverPredictedHasNoPrecisionAndAClassNeverSeenNoRecall() {
    Evaluation e = Evaluation.of(new int[] {0, 1, 1}, new int[] {0, 1, 2}, 4);
    assertTrue(Double.isNaN(e.precision(2)), "never predicted");
    assertEquals(0.0, e.recall(2), "seen once, never found");
    assertTrue(Double.isNaN(e.precision(3)));
    assertTrue(Double.isNaN(e.recall(3)), "never seen");
    assertEquals(0.5, e.precision(1));
    assertEquals("confusion matrix (rows: true class, columns: predicted class)\n"
        + "           0     1     2     3   recall\n"
        + "     0     1     0     0     0   1.0000\n"
        + "     1     0     1     0     0   1.0000\n"
        + "     2     0     1     0     0   0.0000\n"
        + "     3     0     0     0     0      NaN\n"
        + " prec.  1.00  0.50     -     -\n"
        + "accuracy: 0.6667 (2 of 3)\n", e.table().replace("\r\n", "\n"));
  }

  @Test
  void nothingToEvaluateHasNoAccuracy() {
    Evaluation e = Evaluation.of(new int[0], new int[0], 2);
    assertEquals(0, e.count());
    assertTrue(Double.isNaN(e.accuracy()));
  }

  @Test
  void mismatchedOrOutOfRangeInputIsRejected() {
    assertEquals("evaluation: 2 predictions but 3 labels", assertThrows(ShapeException.class,
        () -> Evaluation.of(new int[2], new int[3], 3)).getMessage());
    assertEquals("evaluation: class out of range [0, 3) at example 1", assertThrows(IllegalArgumentException.class,
        () -> Evaluation.of(new int[] {0, 3}, new int[] {0, 0}, 3)).getMessage());
    assertEquals("evaluation: class out of range [0, 3) at example 0", assertThrows(IllegalArgumentException.class,
        () -> Evaluation.of(new int[] {0}, new int[] {-1}, 3)).getMessage());
  }

  @Test
  void evaluatingANetworkAgreesWithItsAccuracyAcrossBatches() {
    Network net = ToolkitFixtures.network(DType.FLOAT32, 7);
    Dataset data = ToolkitFixtures.dataset(DType.FLOAT32, 2345, 6, 3, 3);
    Evaluation e = Evaluation.of(net, data);
    assertEquals(2345, e.count());
    assertEquals(net.accuracy(data.features(), data.labels(), 100), e.accuracy(), 0.0);
    int[] predicted = net.predict(data.features());
    int[][] counts = new int[3][3];
    for (int i = 0; i < predicted.length; i++) {
      counts[data.labels()[i]][predicted[i]]++;
    }
    for (int a = 0; a < 3; a++) {
      for (int p = 0; p < 3; p++) {
        assertEquals(counts[a][p], e.confusion(a, p));
      }
    }
  }

  @Test
  void theNetworksOutputWidthSetsTheClassesWhenTheDataHasFewer() {
    Network net = ToolkitFixtures.network(DType.FLOAT64, 7);
    Dataset twoClasses = ToolkitFixtures.dataset(DType.FLOAT64, 50, 6, 2, 3);
    assertEquals(3, Evaluation.of(net, twoClasses).classes());
  }
}
