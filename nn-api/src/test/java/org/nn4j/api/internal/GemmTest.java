package org.nn4j.api.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GemmTest {
  private static final int[] DIMS = {1, 5, 7, 17, 63, 100, 129};
  /** Shapes {m, n, k} that cross the blocking sizes: several k-blocks, several row blocks, several column blocks. */
  private static final int[][] LARGE = {{130, 40, 600}, {7, 2100, 5}, {100, 50, 784}, {250, 33, 257}, {20, 37, 2100},
      // Last panels one and a half vectors wide, at the widest, on 256-bit and on 512-bit hardware.
      {37, 44, 300}, {45, 56, 130},
      // Tail columns: the book's backward product, and a tail beside several k-blocks and a part of a vector.
      {784, 50, 100}, {70, 98, 1100}};

  private final int savedThreads = Gemm.threads();
  private final boolean savedVector = Gemm.vectorEnabled();

  @AfterEach
  void restore() {
    Gemm.setThreads(savedThreads);
    Gemm.setVectorEnabled(savedVector);
  }

  private static List<int[]> shapes() {
    List<int[]> shapes = new ArrayList<>();
    for (int m : DIMS) {
      for (int n : DIMS) {
        for (int k : DIMS) {
          // Every small shape, and a sample of the larger ones to keep the suite fast.
          if ((long) m * n * k <= 17 * 17 * 17 || (m + 3 * n + 7 * k) % 7 == 0) {
            shapes.add(new int[] {m, n, k});
          }
        }
      }
    }
    shapes.addAll(List.of(LARGE));
    return shapes;
  }

  @Test
  void floatMatchesNaiveProductForEveryTransposeAndAccumulate() {
    Random random = new Random(1);
    for (boolean vector : kernels()) {
      Gemm.setVectorEnabled(vector);
      for (int[] s : shapes()) {
        for (int flags = 0; flags < 8; flags++) {
          checkFloat(random, s[0], s[1], s[2], (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0);
        }
      }
    }
  }

  @Test
  void doubleMatchesNaiveProductForEveryTransposeAndAccumulate() {
    Random random = new Random(2);
    for (boolean vector : kernels()) {
      Gemm.setVectorEnabled(vector);
      for (int[] s : shapes()) {
        for (int flags = 0; flags < 8; flags++) {
          checkDouble(random, s[0], s[1], s[2], (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0);
        }
      }
    }
  }

  @Test
  void vectorAndPlainKernelsGiveTheSameBits() {
    assumeTrue(Gemm.vectorAvailable(), "the Vector API module is not present");
    Random random = new Random(3);
    for (int[] s : bitShapes()) {
      for (int flags = 0; flags < 8; flags++) {
        boolean ta = (flags & 1) != 0;
        boolean tb = (flags & 2) != 0;
        boolean acc = (flags & 4) != 0;
        float[][] fin = floats(random, s[0], s[1], s[2]);
        double[][] din = doubles(random, s[0], s[1], s[2]);
        Gemm.setVectorEnabled(true);
        float[] fv = runFloat(fin, s, ta, tb, acc);
        double[] dv = runDouble(din, s, ta, tb, acc);
        Gemm.setVectorEnabled(false);
        assertArrayEquals(fv, runFloat(fin, s, ta, tb, acc), () -> "float32 " + describe(s, ta, tb, acc));
        assertArrayEquals(dv, runDouble(din, s, ta, tb, acc), () -> "float64 " + describe(s, ta, tb, acc));
      }
    }
  }

  @Test
  void resultDoesNotDependOnTheThreadCount() {
    Random random = new Random(4);
    for (boolean vector : kernels()) {
      Gemm.setVectorEnabled(vector);
      for (int[] s : bitShapes()) {
        for (int flags = 0; flags < 8; flags++) {
          boolean ta = (flags & 1) != 0;
          boolean tb = (flags & 2) != 0;
          boolean acc = (flags & 4) != 0;
          float[][] fin = floats(random, s[0], s[1], s[2]);
          double[][] din = doubles(random, s[0], s[1], s[2]);
          Gemm.setThreads(1);
          float[] f1 = runFloat(fin, s, ta, tb, acc);
          double[] d1 = runDouble(din, s, ta, tb, acc);
          for (int t : new int[] {2, 3}) {
            Gemm.setThreads(t);
            assertArrayEquals(f1, runFloat(fin, s, ta, tb, acc), () -> "float32 " + describe(s, ta, tb, acc));
            assertArrayEquals(d1, runDouble(din, s, ta, tb, acc), () -> "float64 " + describe(s, ta, tb, acc));
          }
        }
      }
    }
  }

  /**
   * The book's 50 columns are 3·16 + 2: columns 48 and 49 are a tail, summed in the order the kernels document,
   * whichever kernel runs. A row-major A gives dot products in 16 partial sums (8 in float64); a transposed A
   * gives one chain of multiply-adds, the order of every other column.
   */
  @Test
  void tailColumnsAreSummedInTheirDocumentedOrder() {
    int m = 5;
    int n = 50;
    int k = 100;
    float[][] f = floats(new Random(7), m, n, k);
    double[][] d = doubles(new Random(8), m, n, k);
    float[] fat = new float[k * m];
    double[] dat = new double[k * m];
    for (int i = 0; i < m; i++) {
      for (int p = 0; p < k; p++) {
        fat[p * m + i] = f[0][i * k + p];
        dat[p * m + i] = d[0][i * k + p];
      }
    }
    for (boolean vector : kernels()) {
      Gemm.setVectorEnabled(vector);
      float[] fc = new float[m * n];
      float[] fct = new float[m * n];
      double[] dc = new double[m * n];
      double[] dct = new double[m * n];
      Gemm.gemm(false, false, m, n, k, f[0], f[1], fc, false);
      Gemm.gemm(true, false, m, n, k, fat, f[1], fct, false);
      Gemm.gemm(false, false, m, n, k, d[0], d[1], dc, false);
      Gemm.gemm(true, false, m, n, k, dat, d[1], dct, false);
      for (int i = 0; i < m; i++) {
        for (int j = 48; j < n; j++) {
          float[] fp = new float[16];
          double[] dp = new double[8];
          float fchain = 0f;
          double dchain = 0.0;
          for (int p = 0; p < k; p++) {
            fp[p % 16] = Math.fma(f[0][i * k + p], f[1][p * n + j], fp[p % 16]);
            dp[p % 8] = Math.fma(d[0][i * k + p], d[1][p * n + j], dp[p % 8]);
            fchain = Math.fma(f[0][i * k + p], f[1][p * n + j], fchain);
            dchain = Math.fma(d[0][i * k + p], d[1][p * n + j], dchain);
          }
          float fsum = fp[0];
          for (int l = 1; l < 16; l++) {
            fsum += fp[l];
          }
          double dsum = dp[0];
          for (int l = 1; l < 8; l++) {
            dsum += dp[l];
          }
          String where = "row " + i + ", column " + j + ", vector " + vector;
          assertEquals(fsum, fc[i * n + j], where);
          assertEquals(fchain, fct[i * n + j], where);
          assertEquals(dsum, dc[i * n + j], where);
          assertEquals(dchain, dct[i * n + j], where);
        }
      }
    }
  }

  @Test
  void emptyDepthClearsOrKeepsC() {
    float[] c = {1f, 2f, 3f, 4f};
    Gemm.gemm(false, false, 2, 2, 0, new float[0], new float[0], c, true);
    assertArrayEquals(new float[] {1f, 2f, 3f, 4f}, c);
    Gemm.gemm(false, false, 2, 2, 0, new float[0], new float[0], c, false);
    assertArrayEquals(new float[4], c);
  }

  @Test
  void overwritingIgnoresWhatCHeld() {
    double[] c = {Double.NaN};
    Gemm.gemm(false, false, 1, 1, 1, new double[] {2}, new double[] {3}, c, false);
    assertEquals(6.0, c[0]);
  }

  /**
   * A warm single-threaded call reuses its thread's packing buffers. The plain kernel is used because the
   * Vector API allocates its vectors until C2 has compiled the kernel.
   */
  @Test
  void warmCallAllocatesNothing() {
    Gemm.setVectorEnabled(false);
    Gemm.setThreads(1);
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    float[][] in = floats(new Random(6), 40, 30, 300);
    int[] shape = {40, 30, 300};
    float[] c = new float[40 * 30];
    Gemm.gemm(true, true, shape[0], shape[1], shape[2], in[0], in[1], c, false);
    long before = bean.getCurrentThreadAllocatedBytes();
    Gemm.gemm(true, true, shape[0], shape[1], shape[2], in[0], in[1], c, false);
    assertEquals(0, bean.getCurrentThreadAllocatedBytes() - before);
  }

  /**
   * Runs a GEMM in a JVM started without the incubating module, where nn-api must still load, and checks it
   * gives the bits this JVM's kernel gives.
   */
  @Test
  void plainJvmWithoutTheVectorModuleGivesTheSameBits() throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        PlainJvmGemm.class.getName()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals(0, process.waitFor(), output);
    assertEquals(PlainJvmGemm.checksum() + " vector=false", output);
  }

  /**
   * Runs the same GEMMs in a JVM whose vectors are at most 256 bits wide, where the kernels are two vectors of
   * 8 floats wide instead of three of 16 and the tails sum each set of partials in two vectors, and checks it
   * gives the bits this JVM's kernel gives. (On 256-bit hardware both JVMs run the same kernels.)
   */
  @Test
  void narrowerVectorsGiveTheSameBits() throws IOException, InterruptedException {
    assumeTrue(Gemm.vectorAvailable(), "the Vector API module is not present");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "--add-modules", "jdk.incubator.vector",
        "-XX:MaxVectorSize=32", "-cp", System.getProperty("java.class.path"), PlainJvmGemm.class.getName())
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals(0, process.waitFor(), output);
    // The child announces the incubator module on its first line.
    String last = output.substring(output.lastIndexOf('\n') + 1);
    assertEquals(PlainJvmGemm.checksum() + " vector=true", last, output);
  }

  private static boolean[] kernels() {
    return Gemm.vectorAvailable() ? new boolean[] {true, false} : new boolean[] {false};
  }

  private static List<int[]> bitShapes() {
    List<int[]> shapes = new ArrayList<>(List.of(LARGE));
    shapes.add(new int[] {17, 63, 129});
    shapes.add(new int[] {63, 129, 17});
    // The vector kernels take the steps in pairs and add an odd last one apart: a depth of one has no pair.
    shapes.add(new int[] {9, 40, 1});
    return shapes;
  }

  private static String describe(int[] s, boolean ta, boolean tb, boolean acc) {
    return "m=" + s[0] + " n=" + s[1] + " k=" + s[2] + " ta=" + ta + " tb=" + tb + " accumulate=" + acc;
  }

  private static float[][] floats(Random random, int m, int n, int k) {
    float[][] x = {new float[m * k], new float[k * n], new float[m * n]};
    for (float[] v : x) {
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) random.nextGaussian();
      }
    }
    return x;
  }

  private static double[][] doubles(Random random, int m, int n, int k) {
    double[][] x = {new double[m * k], new double[k * n], new double[m * n]};
    for (double[] v : x) {
      for (int i = 0; i < v.length; i++) {
        v[i] = random.nextGaussian();
      }
    }
    return x;
  }

  private static float[] runFloat(float[][] in, int[] s, boolean ta, boolean tb, boolean acc) {
    float[] c = in[2].clone();
    Gemm.gemm(ta, tb, s[0], s[1], s[2], in[0], in[1], c, acc);
    return c;
  }

  private static double[] runDouble(double[][] in, int[] s, boolean ta, boolean tb, boolean acc) {
    double[] c = in[2].clone();
    Gemm.gemm(ta, tb, s[0], s[1], s[2], in[0], in[1], c, acc);
    return c;
  }

  private static void checkFloat(Random random, int m, int n, int k, boolean ta, boolean tb, boolean acc) {
    float[][] in = floats(random, m, n, k);
    float[] c = runFloat(in, new int[] {m, n, k}, ta, tb, acc);
    double[] a = new double[m * k];
    double[] b = new double[k * n];
    double[] c0 = new double[m * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = in[0][i];
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = in[1][i];
    }
    for (int i = 0; i < c0.length; i++) {
      c0[i] = in[2][i];
    }
    double[] result = new double[c.length];
    for (int i = 0; i < c.length; i++) {
      result[i] = c[i];
    }
    compare(a, b, c0, result, m, n, k, ta, tb, acc, 0x1p-24);
  }

  private static void checkDouble(Random random, int m, int n, int k, boolean ta, boolean tb, boolean acc) {
    double[][] in = doubles(random, m, n, k);
    double[] c = runDouble(in, new int[] {m, n, k}, ta, tb, acc);
    compare(in[0], in[1], in[2], c, m, n, k, ta, tb, acc, 0x1p-53);
  }

  /**
   * Compares with a naive triple loop in {@code double}, allowing the standard bound on the rounding error of
   * a sum of k products, {@code (k+1)·u·(|c0| + Σ|a||b|)}, twice over for the reference's own error.
   */
  private static void compare(double[] a, double[] b, double[] c0, double[] c, int m, int n, int k,
      boolean ta, boolean tb, boolean acc, double unitRoundoff) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double sum = acc ? c0[i * n + j] : 0;
        double magnitude = Math.abs(sum);
        for (int p = 0; p < k; p++) {
          double x = ta ? a[p * m + i] : a[i * k + p];
          double y = tb ? b[j * k + p] : b[p * n + j];
          sum += x * y;
          magnitude += Math.abs(x * y);
        }
        double tolerance = 2 * (k + 2) * unitRoundoff * magnitude + Double.MIN_NORMAL;
        double got = c[i * n + j];
        int row = i;
        int col = j;
        double expected = sum;
        assertTrue(Math.abs(got - expected) <= tolerance, () -> "m=" + m + " n=" + n + " k=" + k + " ta=" + ta
            + " tb=" + tb + " accumulate=" + acc + ": C[" + row + "][" + col + "] = " + got + ", expected "
            + expected);
      }
    }
  }
}
