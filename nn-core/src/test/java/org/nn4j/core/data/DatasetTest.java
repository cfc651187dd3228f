package org.nn4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nn4j.api.DType;
import org.nn4j.api.ShapeException;
import org.nn4j.api.Tensor;

/** The examples-and-labels record the trainer consumes. */
class DatasetTest {
  private static final Tensor X = Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}});

  @Test
  void countsMustAgreeAndLabelsBeClasses() {
    ShapeException count = assertThrows(ShapeException.class, () -> new Dataset(X, new int[] {0, 1}, 3));
    assertEquals("dataset: 3 examples but 2 labels", count.getMessage());
    IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
        () -> new Dataset(X, new int[] {0, 3, 1}, 3));
    assertEquals("dataset: label 3 of example 1 is outside [0, 3)", range.getMessage());
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
        () -> new Dataset(X, new int[] {0, 1, -1}, 3));
    assertEquals("dataset: label -1 of example 2 is outside [0, 3)", negative.getMessage());
  }

  @Test
  void headTakesTheFirstExamples() {
    Dataset data = new Dataset(X, new int[] {2, 0, 1}, 3);
    Dataset two = data.head(2);
    assertEquals(2, two.size());
    assertTrue(two.features().sameAs(Tensor.of(new double[][] {{1, 2}, {3, 4}})));
    assertArrayEquals(new int[] {2, 0}, two.labels());
    assertEquals(3, data.head(10).size());
  }

  @Test
  void labelTensorGathersLabelsByIndex() {
    Dataset data = new Dataset(X, new int[] {2, 0, 1}, 3);
    Tensor out = Tensor.zeros(DType.FLOAT32, 2);
    data.labelTensor(new int[] {1, 2, 0}, 1, 2, out);
    assertArrayEquals(new double[] {1, 2}, out.toDoubleArray());
  }
}
