package org.nn4j.api;

import java.util.Arrays;

/**
 * The immutable dimensions of a tensor, outermost first, printed as NumPy prints them: {@code (100, 784)}.
 * A layer's {@link Layer#outputShape(Shape)} works on the shape of one sample, without the batch dimension.
 */
public final class Shape {
  private final int[] dims;
  private final int size;

  private Shape(int[] dims) {
    long n = 1;
    for (int d : dims) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in " + Arrays.toString(dims));
      }
      n *= d;
      if (n > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has more than 2^31-1 elements");
      }
    }
    this.dims = dims;
    this.size = (int) n;
  }

  /** A shape with the given dimensions; no dimensions at all is a scalar of size 1. */
  public static Shape of(int... dims) {
    return new Shape(dims.clone());
  }

  /** Number of dimensions. */
  public int rank() {
    return dims.length;
  }

  /** The size of dimension {@code axis}; a negative axis counts from the end, as in NumPy. */
  public int dim(int axis) {
    int a = axis < 0 ? dims.length + axis : axis;
    if (a < 0 || a >= dims.length) {
      throw new IndexOutOfBoundsException("axis " + axis + " out of range for shape " + this);
    }
    return dims[a];
  }

  /** Number of elements: the product of the dimensions. */
  public int size() {
    return size;
  }

  /** A copy of the dimensions. */
  public int[] dims() {
    return dims.clone();
  }

  /** This shape with {@code batch} put in front: the shape of a batch of samples of this shape. */
  public Shape withBatch(int batch) {
    int[] d = new int[dims.length + 1];
    d[0] = batch;
    System.arraycopy(dims, 0, d, 1, dims.length);
    return new Shape(d);
  }

  /** This shape without its first dimension: the shape of one sample of a batch. */
  public Shape withoutBatch() {
    if (dims.length == 0) {
      throw new IllegalStateException("a scalar shape has no batch dimension");
    }
    return new Shape(Arrays.copyOfRange(dims, 1, dims.length));
  }

  /**
   * The shape a reshape to {@code target} gives; one dimension may be -1 and is then inferred, as in NumPy.
   *
   * @throws ShapeException if the sizes differ or -1 cannot be inferred
   */
  public Shape reshape(int... target) {
    int[] t = target.clone();
    int infer = -1;
    long known = 1;
    for (int i = 0; i < t.length; i++) {
      if (t[i] == -1) {
        if (infer >= 0) {
          throw new ShapeException("reshape " + this + " to " + Arrays.toString(target) + ": only one -1 allowed");
        }
        infer = i;
      } else {
        known *= t[i];
      }
    }
    if (infer >= 0) {
      if (known == 0 || size % known != 0) {
        throw new ShapeException("cannot reshape " + this + " (" + size + " elements) to " + Arrays.toString(target));
      }
      t[infer] = (int) (size / known);
    }
    Shape s = new Shape(t);
    if (s.size != size) {
      throw new ShapeException("cannot reshape " + this + " (" + size + " elements) to " + s + " (" + s.size + " elements)");
    }
    return s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape && Arrays.equals(dims, ((Shape) o).dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  @Override
  public String toString() {
    if (dims.length == 1) {
      return "(" + dims[0] + ",)";
    }
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < dims.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(dims[i]);
    }
    return sb.append(')').toString();
  }
}
