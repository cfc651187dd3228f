package org.nn4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nn4j.api.DType;
import org.nn4j.api.Pixels;
import org.nn4j.api.Shape;
import org.nn4j.api.ShapeException;
import org.nn4j.api.Tensor;

/** The examples and labels the trainer consumes. */
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

  @Test
  void aSetOfPixelsGathersTheValuesOfItsFeatures() {
    byte[] data = new byte[5 * 20];
    new java.util.Random(4).nextBytes(data);
    Pixels pixels = Pixels.wrap(data, Shape.of(5, 20));
    int[] order = {3, 1, 4, 0, 2};
    for (DType dtype : DType.values()) {
      Dataset set = Dataset.ofPixels(pixels, dtype, new int[] {0, 1, 2, 0, 1}, 3);
      assertTrue(set.features().sameAs(pixels.toTensor(dtype)));
      Tensor fromPixels = set.gatherFeaturesInto(order, 1, 3, Tensor.zeros(dtype, 3, 20));
      assertTrue(fromPixels.sameAs(set.features().gatherRowsInto(order, 1, 3, Tensor.zeros(dtype, 3, 20))));
      Dataset head = set.head(2);
      Tensor fromHead = head.gatherFeaturesInto(new int[] {1, 0}, 0, 2, Tensor.zeros(dtype, 2, 20));
      assertTrue(fromHead.sameAs(set.features().gatherRowsInto(new int[] {1, 0}, 0, 2, Tensor.zeros(dtype, 2, 20))));
      assertTrue(head.toString().endsWith("from 8-bit pixels]"), head.toString());
    }
  }

  @Test
  void gatheringIntoAnotherTypeNamesBothTypes() {
    Dataset set = Dataset.ofPixels(Pixels.wrap(new byte[6], Shape.of(3, 2)), DType.FLOAT32, new int[] {0, 1, 0}, 2);
    ShapeException e = assertThrows(ShapeException.class,
        () -> set.gatherFeaturesInto(new int[] {0, 1}, 0, 2, Tensor.zeros(DType.FLOAT64, 2, 2)));
    assertEquals("gatherRows: cannot gather 2 rows of (3, 2) (float32) into (2, 2) (float64)", e.getMessage());
    assertEquals("Dataset[3 examples of (2,) (float32), 2 classes, from 8-bit pixels]", set.toString());
  }
}
