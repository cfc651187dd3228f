package org.nn4j.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ShapeTest {
  @Test
  void printsAsNumPyDoes() {
    assertEquals("(100, 784)", Shape.of(100, 784).toString());
    assertEquals("(10,)", Shape.of(10).toString());
    assertEquals("()", Shape.of().toString());
  }

  @Test
  void sizeAndDims() {
    Shape s = Shape.of(2, 3, 4);
    assertEquals(24, s.size());
    assertEquals(3, s.rank());
    assertEquals(4, s.dim(-1));
    assertEquals(1, Shape.of().size());
    assertArrayEquals(new int[] {5, 2, 3, 4}, s.withBatch(5).dims());
    assertEquals(Shape.of(3, 4), s.withoutBatch());
  }

  @Test
  void reshapeInfersMinusOne() {
    assertEquals(Shape.of(2, 12), Shape.of(2, 3, 4).reshape(2, -1));
    assertEquals(Shape.of(24), Shape.of(2, 3, 4).reshape(-1));
  }

  @Test
  void reshapeRejectsWrongSizes() {
    ShapeException e = assertThrows(ShapeException.class, () -> Shape.of(2, 3).reshape(4, 2));
    assertEquals("cannot reshape (2, 3) (6 elements) to (4, 2) (8 elements)", e.getMessage());
    assertThrows(ShapeException.class, () -> Shape.of(2, 3).reshape(4, -1));
    assertThrows(ShapeException.class, () -> Shape.of(2, 3).reshape(-1, -1));
  }

  @Test
  void rejectsNegativeAndOverflowingDimensions() {
    assertThrows(IllegalArgumentException.class, () -> Shape.of(2, -1));
    assertThrows(IllegalArgumentException.class, () -> Shape.of(65536, 65536));
  }

  @Test
  void equality() {
    assertEquals(Shape.of(1, 2), Shape.of(1, 2));
    assertEquals(Shape.of(1, 2).hashCode(), Shape.of(1, 2).hashCode());
    org.junit.jupiter.api.Assertions.assertNotEquals(Shape.of(1, 2), Shape.of(2, 1));
  }
}
