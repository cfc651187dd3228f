package org.nn4j.api;

import java.util.Objects;
import org.nn4j.api.internal.Parallel;
import org.nn4j.api.internal.PixelDecoding;

/**
 * Images kept as their 8-bit pixels, one example per row, each pixel read as {@code pixel / 255} in the type of
 * the tensor it is decoded into: {@code (float) (b / 255.0)} in {@code float32}, {@code b / 255.0} in
 * {@code float64}, the values of the book's {@code load_mnist(normalize=True)}.
 *
 * <p>Why not just a tensor: a pixel takes one byte here, against four in {@code float32} and eight in
 * {@code float64}. A shuffled mini-batch is gathered from rows anywhere in the data set, mostly outside the
 * caches; {@link #gatherRowsInto} reads a quarter or an eighth of the bytes that {@link Tensor#gatherRowsInto}
 * reads, and decodes them with the Vector API kernels where they run. On the book's network that gather took a
 * fifth of a training step. The values are the same bits either way.
 */
public final class Pixels {
  private final byte[] data;
  private final Shape shape;
  private final int rowLength;

  private Pixels(byte[] data, Shape shape) {
    this.data = data;
    this.shape = shape;
    // Kept, not derived on each call: a warm training step allocates nothing.
    this.rowLength = shape.withoutBatch().size();
  }

  /**
   * Pixels over {@code data} itself, without copying: row-major, {@code shape.dim(0)} examples of the rest of
   * {@code shape} each.
   *
   * @throws ShapeException when {@code data} does not hold {@code shape.size()} pixels or the shape has no rows
   */
  public static Pixels wrap(byte[] data, Shape shape) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(shape, "shape");
    if (shape.rank() < 1) {
      throw new ShapeException("pixels need a shape with a first dimension of examples, not " + shape);
    }
    if (data.length != shape.size()) {
      throw new ShapeException("an array of " + data.length + " pixels cannot have shape " + shape);
    }
    return new Pixels(data, shape);
  }

  /** The shape: examples first. */
  public Shape shape() {
    return shape;
  }

  /** The number of examples. */
  public int rows() {
    return shape.dim(0);
  }

  /** The pixels of one example. */
  public int rowLength() {
    return rowLength;
  }

  /** The pixel at flat index {@code i}, {@code 0 … 255}. */
  public int get(int i) {
    return data[i] & 0xff;
  }

  /** All the examples, decoded into a new tensor of {@code dtype} and this shape. */
  public Tensor toTensor(DType dtype) {
    Tensor out = Tensor.zeros(dtype, shape);
    if (dtype == DType.FLOAT32) {
      PixelDecoding.decode(data, 0, out.floatData(), 0, data.length);
    } else {
      PixelDecoding.decode(data, 0, out.doubleData(), 0, data.length);
    }
    return out;
  }

  /**
   * Decodes rows {@code indices[from]}, …, {@code indices[from + count - 1]} into the first {@code count} rows of
   * {@code out}, a tensor of either type: how a shuffled mini-batch is gathered without allocating. The values
   * are those of the same rows of {@link #toTensor}.
   *
   * @throws ShapeException when {@code out}'s rows are not as long as these, or fewer than {@code count}
   * @throws IndexOutOfBoundsException when an index is not a row
   */
  public Tensor gatherRowsInto(int[] indices, int from, int count, Tensor out) {
    int width = rowLength;
    if (out.rowLength() != width || out.rows() < count) {
      throw new ShapeException("gatherRows: cannot gather " + count + " rows of pixels " + shape + " into "
          + out.shape() + " (" + out.dtype() + ")");
    }
    int rows = rows();
    for (int r = 0; r < count; r++) {
      int src = indices[from + r];
      if (src < 0 || src >= rows) {
        throw new IndexOutOfBoundsException("row " + src + " out of range for pixels " + shape);
      }
    }
    // Split as Tensor.gatherRowsInto splits its copy, by the bytes written.
    int parts = Math.min(count, Parallel.bands((long) count * width * out.dtype().bytes()));
    if (parts == 1) {
      decodeRows(indices, from, 0, count, width, out);
    } else {
      Parallel.run(parts, t -> decodeRows(indices, from, count * t / parts, count * (t + 1) / parts, width, out));
    }
    return out;
  }

  private void decodeRows(int[] indices, int from, int r0, int r1, int width, Tensor out) {
    if (out.dtype() == DType.FLOAT32) {
      PixelDecoding.gatherRows(data, width, indices, from, r0, r1, out.floatData());
    } else {
      PixelDecoding.gatherRows(data, width, indices, from, r0, r1, out.doubleData());
    }
  }

  /** New pixels holding rows {@code from} (inclusive) to {@code to} (exclusive) of these. */
  public Pixels sliceRows(int from, int to) {
    if (from < 0 || to > rows() || from > to) {
      throw new IndexOutOfBoundsException("rows [" + from + ", " + to + ") of pixels " + shape);
    }
    int width = rowLength();
    byte[] slice = java.util.Arrays.copyOfRange(data, from * width, to * width);
    int[] dims = shape.dims();
    dims[0] = to - from;
    return new Pixels(slice, Shape.of(dims));
  }

  @Override
  public String toString() {
    return "Pixels" + shape;
  }
}
