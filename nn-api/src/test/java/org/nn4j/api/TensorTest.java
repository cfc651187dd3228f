package org.nn4j.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class TensorTest {
  private static final double[][] A = {{1, 2, 3}, {4, 5, 6}};
  private static final double[][] B = {{7, 8}, {9, 10}, {11, 12}};

  @ParameterizedTest
  @EnumSource(DType.class)
  void matmulWithEveryTransposeFlag(DType type) {
    Tensor a = Tensor.of(type, A);
    Tensor b = Tensor.of(type, B);
    double[][] ab = {{58, 64}, {139, 154}};
    assertArrayEquals(ab, a.matmul(b).toDoubleMatrix());
    Tensor at = Tensor.of(type, new double[][] {{1, 4}, {2, 5}, {3, 6}});
    Tensor bt = Tensor.of(type, new double[][] {{7, 9, 11}, {8, 10, 12}});
    assertArrayEquals(ab, at.matmul(b, true, false).toDoubleMatrix());
    assertArrayEquals(ab, a.matmul(bt, false, true).toDoubleMatrix());
    assertArrayEquals(ab, at.matmul(bt, true, true).toDoubleMatrix());
  }

  @Test
  void matmulIntoAccumulates() {
    Tensor a = Tensor.of(A);
    Tensor b = Tensor.of(B);
    Tensor out = Tensor.of(new double[][] {{1, 1}, {1, 1}});
    Tensor.matmulInto(a, false, b, false, out, true);
    assertArrayEquals(new double[][] {{59, 65}, {140, 155}}, out.toDoubleMatrix());
    Tensor.matmulInto(a, false, b, false, out, false);
    assertArrayEquals(new double[][] {{58, 64}, {139, 154}}, out.toDoubleMatrix());
  }

  @Test
  void matmulMatchesNaiveLoopOnLargerShapes() {
    Random r = new Random(7);
    int m = 37;
    int k = 300;
    int n = 29;
    Tensor a = Tensor.zeros(DType.FLOAT64, m, k).mapInPlace(v -> r.nextGaussian());
    Tensor b = Tensor.zeros(DType.FLOAT64, k, n).mapInPlace(v -> r.nextGaussian());
    Tensor c = a.matmul(b);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          s += a.get(i, p) * b.get(p, j);
        }
        assertEquals(s, c.get(i, j), 1e-10);
      }
    }
  }

  @Test
  void matmulShapeErrorNamesTheShapes() {
    ShapeException e = assertThrows(ShapeException.class, () -> Tensor.of(A).matmul(Tensor.of(A)));
    assertEquals("matmul: (2, 3) · (2, 3) does not fit into (2, 3)", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Tensor.of(A).matmul(Tensor.of(DType.FLOAT32, B)));
  }

  @Test
  void addRowBroadcastsTheBias() {
    Tensor x = Tensor.of(A);
    x.addRowInPlace(Tensor.of(10, 20, 30));
    assertArrayEquals(new double[][] {{11, 22, 33}, {14, 25, 36}}, x.toDoubleMatrix());
    ShapeException e = assertThrows(ShapeException.class, () -> x.addRowInPlace(Tensor.of(1, 2)));
    assertTrue(e.getMessage().contains("(2,)") && e.getMessage().contains("(2, 3)"), e.getMessage());
  }

  @Test
  void sumsAlongEachAxis() {
    Tensor x = Tensor.of(A);
    assertArrayEquals(new double[] {5, 7, 9}, x.sum(0).toDoubleArray());
    assertArrayEquals(new double[] {6, 15}, x.sum(1).toDoubleArray());
    assertEquals(21, x.sum());
    assertEquals(6, x.max());
  }

  @Test
  void argmaxTakesTheFirstOfTies() {
    Tensor x = Tensor.of(new double[][] {{0.1, 0.8, 0.1}, {0.5, 0.5, 0.0}, {-3, -2, -1}});
    assertArrayEquals(new int[] {1, 0, 2}, x.argmaxRows());
  }

  @Test
  void softmaxIsStableForHugeLogits() {
    Tensor s = Tensor.of(new double[][] {{1010, 1000, 990}}).softmaxRows();
    assertEquals(1.0, s.sum(), 1e-15);
    assertEquals(0.999954600070331, s.get(0, 0), 1e-15);
    assertTrue(Double.isFinite(s.get(0, 2)));
  }

  @Test
  void reshapeIsAViewOverTheSameNumbers() {
    Tensor x = Tensor.of(A);
    Tensor flat = x.reshape(-1);
    assertEquals(Shape.of(6), flat.shape());
    flat.setFlat(0, 42);
    assertEquals(42, x.get(0, 0));
    assertSame(x.doubleData(), flat.doubleData());
  }

  @Test
  void float32RoundsOnceAndConvertsBothWays() {
    Tensor f = Tensor.of(DType.FLOAT32, Shape.of(1), 0.1);
    assertEquals((double) 0.1f, f.getFlat(0));
    assertEquals((double) 0.1f, f.to(DType.FLOAT64).getFlat(0));
    assertEquals(DType.FLOAT32, f.to(DType.FLOAT64).to(DType.FLOAT32).dtype());
    assertSame(f, f.to(DType.FLOAT32));
  }

  @Test
  void elementWiseOperations() {
    Tensor x = Tensor.of(1, 2, 3);
    Tensor y = Tensor.of(4, 5, 6);
    assertArrayEquals(new double[] {5, 7, 9}, x.add(y).toDoubleArray());
    assertArrayEquals(new double[] {-3, -3, -3}, x.sub(y).toDoubleArray());
    assertArrayEquals(new double[] {4, 10, 18}, x.mul(y).toDoubleArray());
    assertArrayEquals(new double[] {0.25, 0.4, 0.5}, x.div(y).toDoubleArray());
    assertArrayEquals(new double[] {2, 4, 6}, x.scale(2).toDoubleArray());
    assertArrayEquals(new double[] {1, 4, 9}, x.map(v -> v * v).toDoubleArray());
    assertArrayEquals(new double[] {1, 2, 3}, x.toDoubleArray(), "the operands are left untouched");
    x.addScaledInPlace(-0.5, y);
    assertArrayEquals(new double[] {-1, -0.5, 0}, x.toDoubleArray());
    ShapeException e = assertThrows(ShapeException.class, () -> x.add(Tensor.of(1, 2)));
    assertEquals("element-wise operation: shapes (3,) and (2,) differ", e.getMessage());
  }

  @Test
  void gatherAndSliceRows() {
    Tensor x = Tensor.of(new double[][] {{0, 0}, {1, 1}, {2, 2}, {3, 3}});
    Tensor out = Tensor.zeros(DType.FLOAT64, 2, 2);
    x.gatherRowsInto(new int[] {3, 1, 0}, 0, 2, out);
    assertArrayEquals(new double[][] {{3, 3}, {1, 1}}, out.toDoubleMatrix());
    assertArrayEquals(new double[][] {{1, 1}, {2, 2}}, x.sliceRows(1, 3).toDoubleMatrix());
    assertThrows(IndexOutOfBoundsException.class, () -> x.sliceRows(3, 5));
  }

  @Test
  void aLargeAxpySplitOverThreadsUpdatesEveryElementOnce() {
    for (DType dtype : DType.values()) {
      // Over Parallel.MIN_BYTES of data, so that the work is split between threads.
      int n = 100_003;
      Tensor w = Tensor.zeros(dtype, n);
      Tensor g = Tensor.zeros(dtype, n);
      for (int i = 0; i < n; i++) {
        w.setFlat(i, i % 13);
        g.setFlat(i, i % 7 - 3);
      }
      w.addScaledInPlace(-0.5, g);
      for (int i = 0; i < n; i++) {
        assertEquals(i % 13 - 0.5 * (i % 7 - 3), w.getFlat(i), dtype + " element " + i);
      }
    }
  }

  @Test
  void aLargeGatherSplitOverThreadsCopiesEveryRowAndChecksIndicesFirst() {
    for (DType dtype : DType.values()) {
      int rows = 1000;
      int width = 784;
      // 400 rows of 784 values are over Parallel.MIN_BYTES, so that the copy is split between threads.
      Tensor x = Tensor.zeros(dtype, rows, width);
      for (int i = 0; i < x.size(); i++) {
        x.setFlat(i, i % 977);
      }
      int[] order = new int[rows];
      for (int i = 0; i < rows; i++) {
        order[i] = (i * 7919) % rows;
      }
      Tensor out = Tensor.zeros(dtype, 400, width);
      x.gatherRowsInto(order, 10, 400, out);
      for (int r = 0; r < 400; r++) {
        for (int c = 0; c < width; c += 97) {
          assertEquals(x.get(order[10 + r], c), out.get(r, c), dtype + " row " + r);
        }
      }
      int[] bad = order.clone();
      bad[100] = rows;
      Tensor fresh = Tensor.zeros(dtype, 400, width);
      IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
          () -> x.gatherRowsInto(bad, 0, 400, fresh));
      assertEquals("row 1000 out of range for shape (1000, 784)", e.getMessage());
      assertEquals(0.0, fresh.sum(), "nothing copied before the bad index was found");
    }
  }

  @Test
  void indexedAccessChecksBounds() {
    Tensor x = Tensor.of(A);
    assertEquals(6, x.get(1, 2));
    x.set(-1, 1, 2);
    assertEquals(-1, x.get(1, 2));
    assertThrows(IndexOutOfBoundsException.class, () -> x.get(2, 0));
    assertThrows(IllegalArgumentException.class, () -> x.get(1));
  }

  @Test
  void wrapSharesTheArrayAndChecksItsLength() {
    float[] data = {1, 2, 3, 4};
    Tensor t = Tensor.wrap(data, Shape.of(2, 2));
    t.setFlat(3, 9);
    assertEquals(9f, data[3]);
    assertThrows(ShapeException.class, () -> Tensor.wrap(new double[3], Shape.of(2, 2)));
  }

  @Test
  void comparisons() {
    Tensor x = Tensor.of(1, 2, 3);
    assertTrue(x.allClose(Tensor.of(1, 2, 3.0000001), 1e-6, 0));
    assertFalse(x.allClose(Tensor.of(1, 2, 3.1), 1e-6, 0));
    assertTrue(x.sameAs(x.copy()));
    assertFalse(x.sameAs(x.to(DType.FLOAT32)));
    assertEquals("Tensor(3,) float64 [1.0, 2.0, 3.0]", x.toString());
  }
}
