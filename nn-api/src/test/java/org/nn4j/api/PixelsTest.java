package org.nn4j.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nn4j.api.internal.Gemm;

/** 8-bit pixels, decoded into either type by either kernel, whole or gathered by row. */
class PixelsTest {
  private final boolean savedVector = Gemm.vectorEnabled();

  @AfterEach
  void restoreKernel() {
    Gemm.setVectorEnabled(savedVector);
  }

  /**
   * Every byte value, signed bytes included, decodes to {@code (float) (b / 255.0)} and {@code b / 255.0} bit for
   * bit, with each kernel. The row of 293 pixels is not a whole number of vectors, so the last pixels take the
   * vector kernel's scalar path.
   */
  @Test
  void everyPixelValueDecodesToItsDefinition() {
    byte[] data = new byte[256 + 37];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 7 + 3);
    }
    Pixels pixels = Pixels.wrap(data, Shape.of(1, data.length));
    for (boolean vector : kernels()) {
      Gemm.setVectorEnabled(vector);
      float[] f = pixels.toTensor(DType.FLOAT32).floatData();
      double[] d = pixels.toTensor(DType.FLOAT64).doubleData();
      Tensor gatheredF = pixels.gatherRowsInto(new int[] {0}, 0, 1, Tensor.zeros(DType.FLOAT32, 1, data.length));
      Tensor gatheredD = pixels.gatherRowsInto(new int[] {0}, 0, 1, Tensor.zeros(DType.FLOAT64, 1, data.length));
      for (int i = 0; i < data.length; i++) {
        int b = data[i] & 0xff;
        String where = "pixel " + b + " at " + i + ", vector=" + vector;
        assertEquals(Float.floatToRawIntBits((float) (b / 255.0)), Float.floatToRawIntBits(f[i]), where);
        assertEquals(Double.doubleToRawLongBits(b / 255.0), Double.doubleToRawLongBits(d[i]), where);
        assertEquals(f[i], gatheredF.floatData()[i], where);
        assertEquals(d[i], gatheredD.doubleData()[i], where);
      }
    }
    boolean[] seen = new boolean[256];
    for (byte b : data) {
      seen[b & 0xff] = true;
    }
    for (int b = 0; b < 256; b++) {
      assertTrue(seen[b], "pixel value " + b + " was not checked");
    }
  }

  /**
   * A gathered batch holds the same bits as the same rows of the decoded tensor gathered by
   * {@link Tensor#gatherRowsInto}, for rows of a whole number of vectors and not, for a batch small enough
   * for one thread and one large enough to be split between threads, and for each kernel.
   */
  @Test
  void gatheredRowsAreThoseOfTheDecodedTensor() {
    Random random = new Random(3);
    int[][] shapes = {{50, 37}, {400, 784}};
    for (int[] shape : shapes) {
      byte[] data = new byte[shape[0] * shape[1]];
      random.nextBytes(data);
      Pixels pixels = Pixels.wrap(data, Shape.of(shape[0], shape[1]));
      int[] order = shuffled(shape[0], random);
      int count = shape[0] * 3 / 4;
      for (boolean vector : kernels()) {
        Gemm.setVectorEnabled(vector);
        for (DType dtype : DType.values()) {
          Tensor expected = pixels.toTensor(dtype).gatherRowsInto(order, 5, count, Tensor.zeros(dtype, count,
              shape[1]));
          Tensor actual = pixels.gatherRowsInto(order, 5, count, Tensor.zeros(dtype, count, shape[1]));
          assertTrue(expected.sameAs(actual), "shape " + shape[0] + "x" + shape[1] + " " + dtype + " vector="
              + vector);
        }
      }
    }
  }

  @Test
  void keepsTheShapeAndReadsUnsignedValues() {
    Pixels pixels = Pixels.wrap(new byte[] {0, 1, 2, (byte) 200, (byte) 255, 5}, Shape.of(2, 1, 3));
    assertEquals(Shape.of(2, 1, 3), pixels.shape());
    assertEquals(2, pixels.rows());
    assertEquals(3, pixels.rowLength());
    assertEquals(200, pixels.get(3));
    assertEquals(Shape.of(2, 1, 3), pixels.toTensor(DType.FLOAT32).shape());
    Pixels second = pixels.sliceRows(1, 2);
    assertEquals(Shape.of(1, 1, 3), second.shape());
    assertArrayEquals(new double[] {200 / 255.0, 1.0, 5 / 255.0}, second.toTensor(DType.FLOAT64).toDoubleArray());
  }

  @Test
  void badShapesAndIndicesNameWhatIsWrong() {
    ShapeException length = assertThrows(ShapeException.class, () -> Pixels.wrap(new byte[5], Shape.of(2, 3)));
    assertEquals("an array of 5 pixels cannot have shape (2, 3)", length.getMessage());
    ShapeException scalar = assertThrows(ShapeException.class, () -> Pixels.wrap(new byte[1], Shape.of()));
    assertEquals("pixels need a shape with a first dimension of examples, not ()", scalar.getMessage());
    Pixels pixels = Pixels.wrap(new byte[6], Shape.of(2, 3));
    ShapeException width = assertThrows(ShapeException.class,
        () -> pixels.gatherRowsInto(new int[] {0, 1}, 0, 2, Tensor.zeros(DType.FLOAT32, 2, 4)));
    assertEquals("gatherRows: cannot gather 2 rows of pixels (2, 3) into (2, 4) (float32)", width.getMessage());
    ShapeException rows = assertThrows(ShapeException.class,
        () -> pixels.gatherRowsInto(new int[] {0, 1}, 0, 2, Tensor.zeros(DType.FLOAT64, 1, 3)));
    assertEquals("gatherRows: cannot gather 2 rows of pixels (2, 3) into (1, 3) (float64)", rows.getMessage());
    IndexOutOfBoundsException index = assertThrows(IndexOutOfBoundsException.class,
        () -> pixels.gatherRowsInto(new int[] {1, 2}, 0, 2, Tensor.zeros(DType.FLOAT32, 2, 3)));
    assertEquals("row 2 out of range for pixels (2, 3)", index.getMessage());
    IndexOutOfBoundsException slice = assertThrows(IndexOutOfBoundsException.class, () -> pixels.sliceRows(1, 3));
    assertEquals("rows [1, 3) of pixels (2, 3)", slice.getMessage());
  }

  private static boolean[] kernels() {
    return Gemm.vectorAvailable() ? new boolean[] {true, false} : new boolean[] {false};
  }

  private static int[] shuffled(int n, Random random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
