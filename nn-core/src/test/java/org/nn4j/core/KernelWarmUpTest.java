package org.nn4j.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nn4j.api.DType;
import org.nn4j.api.Tensor;

/** The background warm-up of the matrix kernels: it ends, and the products run beside it are unchanged. */
class KernelWarmUpTest {
  /** Without close() it ends on its own: once its rounds run compiled, or at its time limit. */
  @Test
  void endsOnItsOwn() throws InterruptedException {
    KernelWarmUp warmUp = KernelWarmUp.start(DType.FLOAT64);
    assertTrue(warmUp.awaitEnd(60_000), "the warm-up was still running after a minute");
  }

  /**
   * Products computed while the warm-up runs on its own thread give the bits they give alone: the kernels'
   * scratch buffers are per thread, and the warm-up writes only tensors of its own. After close() the warm-up
   * thread ends.
   */
  @Test
  void productsBesideItAreUnchanged() throws InterruptedException {
    for (DType dtype : DType.values()) {
      Tensor a = random(dtype, 100, 784, 1);
      Tensor b = random(dtype, 784, 50, 2);
      Tensor alone = a.matmul(b);
      KernelWarmUp warmUp = KernelWarmUp.start(dtype);
      for (int i = 0; i < 20; i++) {
        assertTrue(alone.sameAs(a.matmul(b)), dtype + ", product " + i);
      }
      warmUp.close();
      assertTrue(warmUp.awaitEnd(60_000), "the warm-up was still running a minute after close()");
    }
  }

  private static Tensor random(DType dtype, int rows, int cols, long seed) {
    Random random = new Random(seed);
    Tensor t = Tensor.zeros(dtype, rows, cols);
    for (int i = 0; i < t.size(); i++) {
      t.setFlat(i, random.nextGaussian());
    }
    return t;
  }
}
