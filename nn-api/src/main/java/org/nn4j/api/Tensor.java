package org.nn4j.api;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.nn4j.api.internal.FloatExp;
import org.nn4j.api.internal.Gemm;
import org.nn4j.api.internal.Parallel;

/**
 * A dense, row-major array of {@code float32} or {@code float64} numbers with a {@link Shape}: the one array
 * type of nn4j, in the role NumPy's {@code ndarray} plays in the book's code.
 *
 * <p>Operations come in three forms: one that returns a new tensor ({@code add}), one that writes into a
 * given tensor ({@code addInto}) and, where it makes sense, one that changes this tensor ({@code addInPlace}).
 * The last two let a training step reuse its buffers. Tensors are mutable and not thread-safe; the backing
 * array is shared by {@link #reshape reshaped} views and handed out by {@link #floatData()} and
 * {@link #doubleData()} for kernels that need raw speed.
 *
 * <p>Both element types share one implementation of each operation: element-wise work reads and writes
 * through {@code double}, which represents every {@code float} exactly, so a {@code float32} result is the
 * {@code float64} result rounded once. Only the matrix multiply and a few hot loops have a kernel per type.
 */
public final class Tensor {
  private final DType dtype;
  private final Shape shape;
  private final float[] f;
  private final double[] d;

  private Tensor(DType dtype, Shape shape, float[] f, double[] d) {
    this.dtype = dtype;
    this.shape = shape;
    this.f = f;
    this.d = d;
  }

  // ---------------------------------------------------------------- creation

  /** A tensor of zeros. */
  public static Tensor zeros(DType dtype, Shape shape) {
    return dtype == DType.FLOAT32
        ? new Tensor(dtype, shape, new float[shape.size()], null)
        : new Tensor(dtype, shape, null, new double[shape.size()]);
  }

  /** A tensor of zeros with the given dimensions. */
  public static Tensor zeros(DType dtype, int... dims) {
    return zeros(dtype, Shape.of(dims));
  }

  /** A tensor of the same type and shape as {@code like}, filled with zeros. */
  public static Tensor zerosLike(Tensor like) {
    return zeros(like.dtype, like.shape);
  }

  /**
   * A tensor holding a copy of {@code values} in row-major order.
   *
   * @throws ShapeException if the number of values differs from the shape's size
   */
  public static Tensor of(DType dtype, Shape shape, double... values) {
    if (values.length != shape.size()) {
      throw new ShapeException("shape " + shape + " needs " + shape.size() + " values, got " + values.length);
    }
    Tensor t = zeros(dtype, shape);
    for (int i = 0; i < values.length; i++) {
      t.setFlat(i, values[i]);
    }
    return t;
  }

  /** A one-dimensional {@code float64} tensor holding a copy of {@code values}. */
  public static Tensor of(double... values) {
    return of(DType.FLOAT64, Shape.of(values.length), values);
  }

  /** A two-dimensional {@code float64} tensor holding a copy of {@code rows}, which must all be as long. */
  public static Tensor of(double[][] rows) {
    return of(DType.FLOAT64, rows);
  }

  /** A two-dimensional tensor of the given type holding a copy of {@code rows}, which must all be as long. */
  public static Tensor of(DType dtype, double[][] rows) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    Tensor t = zeros(dtype, rows.length, cols);
    for (int r = 0; r < rows.length; r++) {
      if (rows[r].length != cols) {
        throw new ShapeException("ragged rows: row 0 has " + cols + " values, row " + r + " has " + rows[r].length);
      }
      for (int c = 0; c < cols; c++) {
        t.setFlat(r * cols + c, rows[r][c]);
      }
    }
    return t;
  }

  /** A scalar (shape {@code ()}) holding {@code value}. */
  public static Tensor scalar(DType dtype, double value) {
    return of(dtype, Shape.of(), value);
  }

  /** A {@code float32} tensor over {@code data} itself, without copying. */
  public static Tensor wrap(float[] data, Shape shape) {
    checkLength(data.length, shape);
    return new Tensor(DType.FLOAT32, shape, data, null);
  }

  /** A {@code float64} tensor over {@code data} itself, without copying. */
  public static Tensor wrap(double[] data, Shape shape) {
    checkLength(data.length, shape);
    return new Tensor(DType.FLOAT64, shape, null, data);
  }

  private static void checkLength(int length, Shape shape) {
    if (length != shape.size()) {
      throw new ShapeException("an array of " + length + " values cannot have shape " + shape);
    }
  }

  // ---------------------------------------------------------------- structure

  /** The element type. */
  public DType dtype() {
    return dtype;
  }

  /** The shape. */
  public Shape shape() {
    return shape;
  }

  /** Number of elements. */
  public int size() {
    return shape.size();
  }

  /** Number of dimensions. */
  public int rank() {
    return shape.rank();
  }

  /** The size of the first dimension: the number of rows of a matrix, the batch size of a batch. */
  public int rows() {
    return shape.rank() == 0 ? 1 : shape.dim(0);
  }

  /** Elements per row: the size divided by the number of rows (the width of a flattened batch). */
  public int rowLength() {
    int r = rows();
    return r == 0 ? 0 : size() / r;
  }

  /**
   * A view with another shape over the same numbers, as NumPy's {@code reshape}; one dimension may be -1.
   * Writing through the view writes this tensor.
   */
  public Tensor reshape(int... dims) {
    return new Tensor(dtype, shape.reshape(dims), f, d);
  }

  /** A view with the given shape over the same numbers; this tensor itself when the shape is already that. */
  public Tensor reshape(Shape target) {
    if (target.equals(shape)) {
      return this;
    }
    if (target.size() != shape.size()) {
      throw new ShapeException("cannot reshape " + shape + " (" + shape.size() + " elements) to " + target + " ("
          + target.size() + " elements)");
    }
    return new Tensor(dtype, target, f, d);
  }

  /**
   * This tensor as a matrix of {@link #rows()} rows of {@link #rowLength()} values: itself when it already has
   * rank 2, otherwise a view. How layers that flatten each sample (affine) see a batch without copying it.
   */
  public Tensor asMatrix() {
    return shape.rank() == 2 ? this : new Tensor(dtype, Shape.of(rows(), rowLength()), f, d);
  }

  /**
   * {@code buffer} when it has type {@code dtype} and shape {@code shape}, else a new tensor of zeros that
   * does: how a layer keeps its output and gradient buffers from one training step to the next, so that a
   * warm step allocates nothing. The returned tensor's contents are whatever the buffer held.
   */
  public static Tensor reuse(Tensor buffer, DType dtype, Shape shape) {
    return buffer != null && buffer.dtype == dtype && buffer.shape.equals(shape) ? buffer : zeros(dtype, shape);
  }

  /** {@link #reuse(Tensor, DType, Shape)} for a {@code rows × cols} matrix, without making a shape to compare. */
  public static Tensor reuse(Tensor buffer, DType dtype, int rows, int cols) {
    return buffer != null && buffer.dtype == dtype && buffer.shape.rank() == 2 && buffer.shape.dim(0) == rows
        && buffer.shape.dim(1) == cols ? buffer : zeros(dtype, rows, cols);
  }

  /** The backing array of a {@code float32} tensor, shared, not copied. */
  public float[] floatData() {
    if (f == null) {
      throw new IllegalStateException("floatData() on a " + dtype + " tensor");
    }
    return f;
  }

  /** The backing array of a {@code float64} tensor, shared, not copied. */
  public double[] doubleData() {
    if (d == null) {
      throw new IllegalStateException("doubleData() on a " + dtype + " tensor");
    }
    return d;
  }

  // ---------------------------------------------------------------- elements

  /** The element at flat (row-major) position {@code i}. */
  public double getFlat(int i) {
    return f != null ? f[i] : d[i];
  }

  /** Sets the element at flat (row-major) position {@code i}; a {@code float32} tensor rounds it. */
  public void setFlat(int i, double value) {
    if (f != null) {
      f[i] = (float) value;
    } else {
      d[i] = value;
    }
  }

  /** The element at the given indices, one per dimension. */
  public double get(int... index) {
    return getFlat(flatIndex(index));
  }

  /** Sets the element at the given indices, one per dimension. */
  public void set(double value, int... index) {
    setFlat(flatIndex(index), value);
  }

  private int flatIndex(int[] index) {
    if (index.length != shape.rank()) {
      throw new IllegalArgumentException(index.length + " indices for a tensor of shape " + shape);
    }
    int flat = 0;
    for (int a = 0; a < index.length; a++) {
      int n = shape.dim(a);
      if (index[a] < 0 || index[a] >= n) {
        throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " out of range for shape " + shape);
      }
      flat = flat * n + index[a];
    }
    return flat;
  }

  /** A copy of all elements as {@code double}s, row-major. */
  public double[] toDoubleArray() {
    double[] out = new double[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = getFlat(i);
    }
    return out;
  }

  /** A copy of a two-dimensional tensor as rows of {@code double}s. */
  public double[][] toDoubleMatrix() {
    requireRank(2, "toDoubleMatrix");
    int cols = shape.dim(1);
    double[][] out = new double[rows()][cols];
    for (int r = 0; r < out.length; r++) {
      for (int c = 0; c < cols; c++) {
        out[r][c] = getFlat(r * cols + c);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- copies and fills

  /** A deep copy. */
  public Tensor copy() {
    return new Tensor(dtype, shape, f == null ? null : f.clone(), d == null ? null : d.clone());
  }

  /** A copy converted to {@code target} (this tensor itself when it already has that type). */
  public Tensor to(DType target) {
    if (target == dtype) {
      return this;
    }
    Tensor out = zeros(target, shape);
    out.copyFrom(this);
    return out;
  }

  /** Copies {@code src} into this tensor, converting the type if needed; the sizes must agree. */
  public Tensor copyFrom(Tensor src) {
    requireSameSize(src, "copyFrom");
    if (f != null && src.f != null) {
      System.arraycopy(src.f, 0, f, 0, f.length);
    } else if (d != null && src.d != null) {
      System.arraycopy(src.d, 0, d, 0, d.length);
    } else {
      for (int i = 0; i < size(); i++) {
        setFlat(i, src.getFlat(i));
      }
    }
    return this;
  }

  /** Sets every element to {@code value}. */
  public Tensor fill(double value) {
    if (f != null) {
      Arrays.fill(f, (float) value);
    } else {
      Arrays.fill(d, value);
    }
    return this;
  }

  /**
   * Copies rows {@code indices[from]}, …, {@code indices[from + count - 1]} of this tensor into the first
   * {@code count} rows of {@code out}: how a shuffled mini-batch is gathered without allocating.
   */
  public Tensor gatherRowsInto(int[] indices, int from, int count, Tensor out) {
    int width = rowLength();
    if (out.dtype != dtype || out.rowLength() != width || out.rows() < count) {
      throw new ShapeException("gatherRows: cannot gather " + count + " rows of " + shape + " (" + dtype
          + ") into " + out.shape + " (" + out.dtype + ")");
    }
    int rows = rows();
    for (int r = 0; r < count; r++) {
      int src = indices[from + r];
      if (src < 0 || src >= rows) {
        throw new IndexOutOfBoundsException("row " + src + " out of range for shape " + shape);
      }
    }
    // The rows of a shuffled batch lie anywhere in the data set, mostly outside the caches: copying them is a
    // string of cache misses, which two cores wait out side by side.
    int parts = Math.min(count, Parallel.bands((long) count * width * dtype.bytes()));
    if (parts == 1) {
      copyRows(indices, from, 0, count, width, out);
    } else {
      Parallel.run(parts, t -> copyRows(indices, from, count * t / parts, count * (t + 1) / parts, width, out));
    }
    return out;
  }

  private void copyRows(int[] indices, int from, int r0, int r1, int width, Tensor out) {
    for (int r = r0; r < r1; r++) {
      int src = indices[from + r];
      if (f != null) {
        System.arraycopy(f, src * width, out.f, r * width, width);
      } else {
        System.arraycopy(d, src * width, out.d, r * width, width);
      }
    }
  }

  /** A new tensor holding rows {@code from} (inclusive) to {@code to} (exclusive) of this one. */
  public Tensor sliceRows(int from, int to) {
    if (from < 0 || to > rows() || from > to) {
      throw new IndexOutOfBoundsException("rows [" + from + ", " + to + ") of shape " + shape);
    }
    int[] dims = shape.dims();
    dims[0] = to - from;
    Tensor out = zeros(dtype, Shape.of(dims));
    int width = rowLength();
    if (f != null) {
      System.arraycopy(f, from * width, out.f, 0, (to - from) * width);
    } else {
      System.arraycopy(d, from * width, out.d, 0, (to - from) * width);
    }
    return out;
  }

  // ---------------------------------------------------------------- element-wise

  /** A new tensor with {@code op} applied to every element. */
  public Tensor map(DoubleUnaryOperator op) {
    return mapInto(op, zerosLike(this));
  }

  /** Applies {@code op} to every element, in place. */
  public Tensor mapInPlace(DoubleUnaryOperator op) {
    return mapInto(op, this);
  }

  /** Writes {@code op} of every element into {@code out}, which may be this tensor. */
  public Tensor mapInto(DoubleUnaryOperator op, Tensor out) {
    requireSame(out, "map");
    int n = size();
    if (f != null) {
      for (int i = 0; i < n; i++) {
        out.f[i] = (float) op.applyAsDouble(f[i]);
      }
    } else {
      for (int i = 0; i < n; i++) {
        out.d[i] = op.applyAsDouble(d[i]);
      }
    }
    return out;
  }

  /** Writes {@code op(this[i], other[i])} into {@code out}, which may be either operand; shapes must agree. */
  public Tensor zipInto(Tensor other, DoubleBinaryOperator op, Tensor out) {
    requireSame(other, "element-wise operation");
    requireSame(out, "element-wise operation");
    int n = size();
    if (f != null) {
      for (int i = 0; i < n; i++) {
        out.f[i] = (float) op.applyAsDouble(f[i], other.f[i]);
      }
    } else {
      for (int i = 0; i < n; i++) {
        out.d[i] = op.applyAsDouble(d[i], other.d[i]);
      }
    }
    return out;
  }

  /** {@code this + other}, element-wise. */
  public Tensor add(Tensor other) {
    return zipInto(other, Double::sum, zerosLike(this));
  }

  /** {@code this - other}, element-wise. */
  public Tensor sub(Tensor other) {
    return zipInto(other, (a, b) -> a - b, zerosLike(this));
  }

  /** {@code this * other}, element-wise. */
  public Tensor mul(Tensor other) {
    return zipInto(other, (a, b) -> a * b, zerosLike(this));
  }

  /** {@code this / other}, element-wise. */
  public Tensor div(Tensor other) {
    return zipInto(other, (a, b) -> a / b, zerosLike(this));
  }

  /** {@code this += other}, element-wise. */
  public Tensor addInPlace(Tensor other) {
    return addScaledInPlace(1.0, other);
  }

  /** {@code this -= other}, element-wise. */
  public Tensor subInPlace(Tensor other) {
    return addScaledInPlace(-1.0, other);
  }

  /** {@code this *= other}, element-wise. */
  public Tensor mulInPlace(Tensor other) {
    return zipInto(other, (a, b) -> a * b, this);
  }

  /** {@code this * factor}, as a new tensor. */
  public Tensor scale(double factor) {
    return copy().scaleInPlace(factor);
  }

  /** {@code this *= factor}. */
  public Tensor scaleInPlace(double factor) {
    int n = size();
    if (f != null) {
      float s = (float) factor;
      for (int i = 0; i < n; i++) {
        f[i] *= s;
      }
    } else {
      for (int i = 0; i < n; i++) {
        d[i] *= factor;
      }
    }
    return this;
  }

  /** {@code this += alpha * x} (BLAS {@code axpy}): the update of plain gradient descent. */
  public Tensor addScaledInPlace(double alpha, Tensor x) {
    requireSame(x, "addScaled");
    int n = size();
    // A large gradient was just written by the threads of a matrix product, each its own band of rows: each
    // thread updating about its own band finds it in its own cache, where one thread would fetch the other's.
    int parts = Parallel.bands(3L * n * dtype.bytes());
    if (parts > 1) {
      Parallel.run(parts, t -> addScaled(alpha, x, (int) ((long) n * t / parts), (int) ((long) n * (t + 1) / parts)));
    } else {
      addScaled(alpha, x, 0, n);
    }
    return this;
  }

  /** {@code this[i] += alpha * x[i]} for {@code from <= i < to}. */
  private void addScaled(double alpha, Tensor x, int from, int to) {
    if (f != null) {
      float a = (float) alpha;
      float[] xf = x.f;
      for (int i = from; i < to; i++) {
        f[i] += a * xf[i];
      }
    } else {
      double[] xd = x.d;
      for (int i = from; i < to; i++) {
        d[i] += alpha * xd[i];
      }
    }
  }

  // ---------------------------------------------------------------- broadcasting and reductions

  /**
   * Adds the vector {@code row} to every row of this tensor, in place: the bias of an affine layer,
   * {@code x·W + b} in the book.
   */
  public Tensor addRowInPlace(Tensor row) {
    int width = rowLength();
    if (row.dtype != dtype || row.size() != width) {
      throw new ShapeException("addRow: a row of shape " + row.shape + " (" + row.dtype + ") cannot be added to the rows of "
          + shape + " (" + dtype + ")");
    }
    int rows = rows();
    if (f != null) {
      float[] b = row.f;
      for (int r = 0; r < rows; r++) {
        int o = r * width;
        for (int c = 0; c < width; c++) {
          f[o + c] += b[c];
        }
      }
    } else {
      double[] b = row.d;
      for (int r = 0; r < rows; r++) {
        int o = r * width;
        for (int c = 0; c < width; c++) {
          d[o + c] += b[c];
        }
      }
    }
    return this;
  }

  /** The sum of all elements, accumulated in {@code double}. */
  public double sum() {
    double s = 0;
    int n = size();
    for (int i = 0; i < n; i++) {
      s += getFlat(i);
    }
    return s;
  }

  /** The largest element. */
  public double max() {
    if (size() == 0) {
      throw new IllegalStateException("max() of an empty tensor");
    }
    double m = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < size(); i++) {
      m = Math.max(m, getFlat(i));
    }
    return m;
  }

  /**
   * The sum along {@code axis} of a matrix: axis 0 sums the rows into one row (NumPy's
   * {@code np.sum(x, axis=0)}, the bias gradient), axis 1 sums each row into one number.
   */
  public Tensor sum(int axis) {
    requireRank(2, "sum(axis)");
    int len = axis == 0 ? shape.dim(1) : shape.dim(0);
    return sumInto(axis, zeros(dtype, Shape.of(len)));
  }

  /** {@link #sum(int)} written into {@code out}. */
  public Tensor sumInto(int axis, Tensor out) {
    requireRank(2, "sum(axis)");
    if (axis != 0 && axis != 1) {
      throw new IllegalArgumentException("sum: axis must be 0 or 1, got " + axis);
    }
    int rows = shape.dim(0);
    int cols = shape.dim(1);
    int len = axis == 0 ? cols : rows;
    if (out.dtype != dtype || out.size() != len) {
      throw new ShapeException("sum(axis=" + axis + ") of " + shape + " gives " + len + " values; out has shape "
          + out.shape + " (" + out.dtype + ")");
    }
    if (axis == 0) {
      if (f != null) {
        Arrays.fill(out.f, 0f);
        for (int r = 0; r < rows; r++) {
          for (int c = 0; c < cols; c++) {
            out.f[c] += f[r * cols + c];
          }
        }
      } else {
        Arrays.fill(out.d, 0.0);
        for (int r = 0; r < rows; r++) {
          for (int c = 0; c < cols; c++) {
            out.d[c] += d[r * cols + c];
          }
        }
      }
    } else {
      for (int r = 0; r < rows; r++) {
        double s = 0;
        for (int c = 0; c < cols; c++) {
          s += getFlat(r * cols + c);
        }
        out.setFlat(r, s);
      }
    }
    return out;
  }

  /** The index of the largest element of each row (the first one on ties), as NumPy's {@code argmax(axis=1)}. */
  public int[] argmaxRows() {
    int rows = rows();
    int width = rowLength();
    int[] out = new int[rows];
    for (int r = 0; r < rows; r++) {
      int best = 0;
      double bestValue = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < width; c++) {
        double v = getFlat(r * width + c);
        if (v > bestValue || c == 0) {
          bestValue = v;
          best = c;
        }
      }
      out[r] = best;
    }
    return out;
  }

  /**
   * The softmax of each row, written into {@code out}: {@code exp(x - max) / sum(exp(x - max))}, where
   * subtracting the row's maximum keeps {@code exp} from overflowing (book §3.5.2).
   */
  public Tensor softmaxRowsInto(Tensor out) {
    requireSame(out, "softmax");
    int rows = rows();
    int width = rowLength();
    // exp is computed once per element, into out, then each row is divided by its sum, accumulated in double.
    // A float32 row takes a float exp, within two ulps and several times as fast as Math.exp: 1,000 of them
    // are a tenth of a training step of the book's network. The exps of all the rows come first, and then the
    // sums and divisions, in a second pass: a row of the book's network is 10 values, and with the three loops
    // of a row back to back each waited for the one before, where two passes over all rows overlap them (a
    // float32 batch of 100 took 4.4–4.8 µs instead of 10.3–10.6), with the same sums and the same bits.
    if (f != null) {
      float[] of = out.f;
      for (int r = 0; r < rows; r++) {
        int o = r * width;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < width; c++) {
          max = Math.max(max, f[o + c]);
        }
        float fmax = (float) max;
        for (int c = 0; c < width; c++) {
          of[o + c] = FloatExp.exp(f[o + c] - fmax);
        }
      }
      for (int r = 0; r < rows; r++) {
        int o = r * width;
        double sum = 0;
        for (int c = 0; c < width; c++) {
          sum += of[o + c];
        }
        for (int c = 0; c < width; c++) {
          of[o + c] = (float) (of[o + c] / sum);
        }
      }
    } else {
      double[] od = out.d;
      for (int r = 0; r < rows; r++) {
        int o = r * width;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < width; c++) {
          max = Math.max(max, d[o + c]);
        }
        for (int c = 0; c < width; c++) {
          od[o + c] = Math.exp(d[o + c] - max);
        }
      }
      for (int r = 0; r < rows; r++) {
        int o = r * width;
        double sum = 0;
        for (int c = 0; c < width; c++) {
          sum += od[o + c];
        }
        for (int c = 0; c < width; c++) {
          od[o + c] /= sum;
        }
      }
    }
    return out;
  }

  /** The softmax of each row, as a new tensor. */
  public Tensor softmaxRows() {
    return softmaxRowsInto(zerosLike(this));
  }

  // ---------------------------------------------------------------- matrix multiply

  /** The matrix product {@code this · b}. */
  public Tensor matmul(Tensor b) {
    return matmul(b, false, false);
  }

  /** The matrix product {@code op(this) · op(b)}, where {@code op} transposes when its flag is set. */
  public Tensor matmul(Tensor b, boolean transposeThis, boolean transposeB) {
    requireRank(2, "matmul");
    b.requireRank(2, "matmul");
    int m = transposeThis ? shape.dim(1) : shape.dim(0);
    int n = transposeB ? b.shape.dim(0) : b.shape.dim(1);
    Tensor out = zeros(dtype, m, n);
    return matmulInto(this, transposeThis, b, transposeB, out, false);
  }

  /**
   * General matrix multiply: {@code out = op(a) · op(b)}, or {@code out += op(a) · op(b)} when
   * {@code accumulate} is set. All three must be matrices of one type; {@code out} must not share storage
   * with {@code a} or {@code b}. Each element of {@code out} is summed in one fixed order, so the result does
   * not depend on how many threads compute it.
   *
   * @throws ShapeException naming the three shapes when they do not fit
   */
  public static Tensor matmulInto(Tensor a, boolean transposeA, Tensor b, boolean transposeB, Tensor out,
      boolean accumulate) {
    a.requireRank(2, "matmul");
    b.requireRank(2, "matmul");
    out.requireRank(2, "matmul");
    int m = transposeA ? a.shape.dim(1) : a.shape.dim(0);
    int k = transposeA ? a.shape.dim(0) : a.shape.dim(1);
    int kb = transposeB ? b.shape.dim(1) : b.shape.dim(0);
    int n = transposeB ? b.shape.dim(0) : b.shape.dim(1);
    if (k != kb || out.shape.dim(0) != m || out.shape.dim(1) != n) {
      throw new ShapeException("matmul: " + a.shape + (transposeA ? "ᵀ" : "") + " · " + b.shape
          + (transposeB ? "ᵀ" : "") + " does not fit into " + out.shape);
    }
    if (a.dtype != b.dtype || a.dtype != out.dtype) {
      throw new IllegalArgumentException("matmul: mixed types " + a.dtype + ", " + b.dtype + ", " + out.dtype);
    }
    if (a.f != null) {
      Gemm.gemm(transposeA, transposeB, m, n, k, a.f, b.f, out.f, accumulate);
    } else {
      Gemm.gemm(transposeA, transposeB, m, n, k, a.d, b.d, out.d, accumulate);
    }
    return out;
  }

  // ---------------------------------------------------------------- comparison and printing

  /**
   * Whether {@code other} has the same shape and every element lies within {@code atol + rtol·|other|},
   * as NumPy's {@code allclose}. The types may differ.
   */
  public boolean allClose(Tensor other, double rtol, double atol) {
    if (!shape.equals(other.shape)) {
      return false;
    }
    for (int i = 0; i < size(); i++) {
      double a = getFlat(i);
      double b = other.getFlat(i);
      if (!(Math.abs(a - b) <= atol + rtol * Math.abs(b)) && !(a == b)) {
        return false;
      }
    }
    return true;
  }

  /** Whether both tensors have the same type, shape and bit-identical elements. */
  public boolean sameAs(Tensor other) {
    return dtype == other.dtype && shape.equals(other.shape)
        && (f != null ? Arrays.equals(f, other.f) : Arrays.equals(d, other.d));
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Tensor").append(shape).append(' ').append(dtype).append(' ');
    int n = Math.min(size(), 12);
    sb.append('[');
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ", ").append(getFlat(i));
    }
    return sb.append(size() > n ? ", …]" : "]").toString();
  }

  // ---------------------------------------------------------------- checks

  private void requireRank(int rank, String op) {
    if (shape.rank() != rank) {
      throw new ShapeException(op + ": needs a tensor of rank " + rank + ", got shape " + shape);
    }
  }

  private void requireSame(Tensor other, String op) {
    if (other.dtype != dtype) {
      throw new IllegalArgumentException(op + ": mixed types " + dtype + " and " + other.dtype);
    }
    if (!other.shape.equals(shape)) {
      throw new ShapeException(op + ": shapes " + shape + " and " + other.shape + " differ");
    }
  }

  private void requireSameSize(Tensor other, String op) {
    if (other.size() != size()) {
      throw new ShapeException(op + ": shapes " + shape + " and " + other.shape + " differ in size");
    }
  }
}
