package org.nn4j.api.internal;

/**
 * The matrix-multiply kernels behind {@link org.nn4j.api.Tensor#matmulInto}: {@code C = op(A)·op(B)} or
 * {@code C += op(A)·op(B)} on row-major arrays, where {@code op(A)} is m×k and {@code op(B)} is k×n; A is
 * stored k×m when {@code ta} is set, B is stored n×k when {@code tb} is set.
 *
 * <p>Not part of the API: the seam behind which the kernels may change. The work is a cache-blocked GEMM in
 * the BLIS arrangement ({@link FloatGemm}, {@link DoubleGemm}) whose micro-kernel runs on the incubating Vector
 * API when the JVM was started with {@code --add-modules jdk.incubator.vector}, and in plain Java otherwise.
 * Both kernels sum every element of C in the same order with the same fused multiply-adds, and each element is
 * computed by one thread, so results are bit-identical whichever kernel and however many threads ran.
 *
 * <p>Two settings exist for tests and benchmarks, read at start-up from system properties and changeable
 * afterwards: {@code nn4j.gemm.threads} (0 or absent: chosen per call from the shape) and
 * {@code nn4j.gemm.vector} ({@code false} forces the plain-Java kernel).
 */
public final class Gemm {
  /**
   * Below this many multiply-adds (about 50 µs on one core in float32, 100 µs in float64) a call stays on the
   * caller's thread. A second thread halves the arithmetic but not the rest: its half of C, and of anything it
   * packed, is in the other core's cache, and the layer that reads C next fetches it from there. Both sides of
   * that trade double in float64 (twice the time per multiply-add, twice the bytes per element), so the count
   * is the same for both types. Measured on the book's network, whose products have four million, on a
   * machine shared with other programs: in float32 one thread was faster whether the machine was busy or
   * quiet; in float64 a whole training run was 1.2× faster on one thread while other programs held a core, and
   * an epoch about 15% slower while none did. One thread is never far off, and its speed does not depend on
   * what else runs. A thread may set a threshold of its own ({@link #setSplitThreshold}): the trainer does, to
   * split such products in the minutes when that pays.
   */
  public static final long PARALLEL_THRESHOLD = 6_000_000L;
  /** The calling thread's threshold, where it set one. */
  private static final ThreadLocal<long[]> SPLIT_THRESHOLD = ThreadLocal.withInitial(() -> new long[] {
      PARALLEL_THRESHOLD});
  /** Multiply-adds each thread should have at the least, so that a split pays for its hand-off. */
  private static final long MIN_WORK_PER_THREAD = 1L << 20;

  private static final int CORES = Runtime.getRuntime().availableProcessors();

  private static volatile int threads = Math.max(0, Integer.getInteger("nn4j.gemm.threads", 0));
  private static volatile boolean vector = VectorSupport.AVAILABLE
      && Boolean.parseBoolean(System.getProperty("nn4j.gemm.vector", "true"));

  private Gemm() {
  }

  /** {@code float32} GEMM; see the class comment for the layout. */
  public static void gemm(boolean ta, boolean tb, int m, int n, int k, float[] a, float[] b, float[] c,
      boolean accumulate) {
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      if (!accumulate) {
        java.util.Arrays.fill(c, 0, m * n, 0f);
      }
      return;
    }
    FloatKernel kernel = vector ? VectorSupport.FLOAT : FloatGemm.SCALAR;
    // The plain kernel reads packed slivers only.
    boolean packA = kernel == FloatGemm.SCALAR || packA(n, FloatGemm.NR);
    int parts = parts(m, n, k, FloatGemm.MR, FloatGemm.NR);
    if (parts == 1) {
      FloatGemm.compute(kernel, ta, tb, m, n, k, a, b, c, accumulate, packA, 0, m, 0, n);
    } else {
      runParallel(parts, m, n, FloatGemm.MR, FloatGemm.NR, splitByRows(m, n, FloatGemm.MR, FloatGemm.NR, parts),
          (i0, i1, j0, j1) -> FloatGemm.compute(kernel, ta, tb, m, n, k, a, b, c, accumulate, packA, i0, i1, j0, j1));
    }
  }

  /** {@code float64} GEMM; see the class comment for the layout. */
  public static void gemm(boolean ta, boolean tb, int m, int n, int k, double[] a, double[] b, double[] c,
      boolean accumulate) {
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      if (!accumulate) {
        java.util.Arrays.fill(c, 0, m * n, 0.0);
      }
      return;
    }
    DoubleKernel kernel = vector ? VectorSupport.DOUBLE : DoubleGemm.SCALAR;
    boolean packA = kernel == DoubleGemm.SCALAR || packA(n, DoubleGemm.NR);
    int parts = parts(m, n, k, DoubleGemm.MR, DoubleGemm.NR);
    if (parts == 1) {
      DoubleGemm.compute(kernel, ta, tb, m, n, k, a, b, c, accumulate, packA, 0, m, 0, n);
    } else {
      runParallel(parts, m, n, DoubleGemm.MR, DoubleGemm.NR, splitByRows(m, n, DoubleGemm.MR, DoubleGemm.NR, parts),
          (i0, i1, j0, j1) -> DoubleGemm.compute(kernel, ta, tb, m, n, k, a, b, c, accumulate, packA, i0, i1, j0, j1));
    }
  }

  /** Lanes of the float vectors the kernels use: 16 on 512-bit hardware, else 8 (also for the plain kernel). */
  static int floatLanes() {
    return VectorSupport.FLOAT_LANES;
  }

  /** Lanes of the double vectors the kernels use: 8 on 512-bit hardware, else 4. */
  static int doubleLanes() {
    return VectorSupport.DOUBLE_LANES;
  }

  /** Whether the Vector API kernels can run in this JVM. */
  public static boolean vectorAvailable() {
    return VectorSupport.AVAILABLE;
  }

  /** Whether calls use the Vector API kernels. */
  public static boolean vectorEnabled() {
    return vector;
  }

  /**
   * Chooses between the Vector API kernels and the plain-Java ones.
   *
   * @throws IllegalStateException when asked for the vector kernels where they cannot run
   */
  public static void setVectorEnabled(boolean enabled) {
    if (enabled && !VectorSupport.AVAILABLE) {
      throw new IllegalStateException("the Vector API kernels need --add-modules jdk.incubator.vector and "
          + "256-bit vector hardware");
    }
    vector = enabled;
  }

  /**
   * Sets the fewest multiply-adds at which the calling thread's products are split between threads, where the
   * thread count is chosen per call; {@link #PARALLEL_THRESHOLD} is every thread's to begin with. The results do
   * not depend on it.
   *
   * @throws IllegalArgumentException when {@code multiplyAdds} is not positive
   */
  public static void setSplitThreshold(long multiplyAdds) {
    if (multiplyAdds <= 0) {
      throw new IllegalArgumentException("the split threshold is a positive number of multiply-adds: "
          + multiplyAdds);
    }
    SPLIT_THRESHOLD.get()[0] = multiplyAdds;
  }

  /** The fewest multiply-adds at which the calling thread's products are split: see {@link #setSplitThreshold}. */
  public static long splitThreshold() {
    return SPLIT_THRESHOLD.get()[0];
  }

  /** The forced thread count, or 0 when each call chooses its own. */
  public static int threads() {
    return threads;
  }

  /**
   * Forces the number of threads a call uses (as far as the shape splits into that many parts), or with 0
   * lets each call choose from its shape and the machine's cores.
   */
  public static void setThreads(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("thread count must be 0 (automatic) or positive: " + count);
    }
    threads = count;
  }

  @FunctionalInterface
  private interface Block {
    void compute(int i0, int i1, int j0, int j1);
  }

  /** How many threads a call of this shape uses: the forced count, or one unless the work pays for more. */
  private static int parts(int m, int n, int k, int mr, int nr) {
    long work = (long) m * n * k;
    int want = threads;
    if (want == 0) {
      want = work < SPLIT_THRESHOLD.get()[0] ? 1
          : (int) Math.min(CORES, Math.max(1, work / MIN_WORK_PER_THREAD));
    }
    return Math.min(want, Math.max((m + mr - 1) / mr, (n + nr - 1) / nr));
  }

  /**
   * A is read in place when C is at most this many panels wide: a copy of A pays when each of its slivers
   * meets many panels of B, and is slow next to the few products of a narrow C (a transposition, for a
   * row-major A).
   */
  private static final int IN_PLACE_MAX_PANELS = 4;

  private static boolean packA(int n, int nr) {
    return (n + nr - 1) / nr > IN_PLACE_MAX_PANELS;
  }

  /**
   * Whether C is split into bands of rows rather than of columns. Every thread reads all of the operand its band
   * spans (B for a band of rows, A for a band of columns), and packs it when it is packed, so the split goes
   * along the longer side of C, where that operand is the smaller, as far as that side has a tile for every
   * thread.
   */
  private static boolean splitByRows(int m, int n, int mr, int nr, int parts) {
    if ((n + nr - 1) / nr < parts) {
      return true;
    }
    if ((m + mr - 1) / mr < parts) {
      return false;
    }
    return n <= m;
  }

  /**
   * Splits C into {@code parts} bands of whole tiles, of rows or of columns, and computes one on the calling
   * thread, the others in the pool.
   */
  private static void runParallel(int parts, int m, int n, int mr, int nr, boolean byRows, Block body) {
    int tiles = byRows ? (m + mr - 1) / mr : (n + nr - 1) / nr;
    int unit = byRows ? mr : nr;
    int extent = byRows ? m : n;
    SpinPool.INSTANCE.run(parts, t -> {
      int lo = Math.min(extent, tiles * t / parts * unit);
      int hi = Math.min(extent, tiles * (t + 1) / parts * unit);
      if (byRows) {
        body.compute(lo, hi, 0, n);
      } else {
        body.compute(0, m, lo, hi);
      }
    });
  }

  /**
   * Finds the Vector API kernels. {@link VectorKernels} is loaded by name, and only when the module is in the
   * boot layer, so that nothing here links against {@code jdk.incubator.vector} on a JVM without it.
   */
  private static final class VectorSupport {
    static final boolean AVAILABLE;
    static final FloatKernel FLOAT;
    static final DoubleKernel DOUBLE;
    static final int FLOAT_LANES;
    static final int DOUBLE_LANES;

    static {
      FloatKernel f = null;
      DoubleKernel d = null;
      int lanes = 8;
      int doubleLanes = 4;
      if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
        try {
          Class<?> kernels = Class.forName("org.nn4j.api.internal.VectorKernels");
          if ((Boolean) kernels.getDeclaredMethod("usable").invoke(null)) {
            f = (FloatKernel) kernels.getDeclaredField("FLOAT").get(null);
            d = (DoubleKernel) kernels.getDeclaredField("DOUBLE").get(null);
            lanes = kernels.getDeclaredField("FLOAT_LANES").getInt(null);
            doubleLanes = kernels.getDeclaredField("DOUBLE_LANES").getInt(null);
          }
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot load the Vector API kernels", e);
        }
      }
      AVAILABLE = f != null;
      FLOAT = f;
      DOUBLE = d;
      FLOAT_LANES = lanes;
      DOUBLE_LANES = doubleLanes;
    }
  }
}
