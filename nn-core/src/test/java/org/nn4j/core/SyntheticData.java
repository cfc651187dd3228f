package org.nn4j.core;

import org.nn4j.api.DType;
import org.nn4j.api.Tensor;
import org.nn4j.core.data.Dataset;

/**
 * Small, linearly separable classification sets for training tests: three Gaussian blobs in the plane
 * (standard deviation 0.6) around the corners of a triangle of radius 3, drawn from a seeded generator, with
 * the classes interleaved (example {@code i} has class {@code i % 3}).
 */
public final class SyntheticData {
  private static final double[][] CENTRES = {{0, 3}, {2.6, -1.5}, {-2.6, -1.5}};

  private SyntheticData() {
  }

  /** {@code n} examples of three classes in two dimensions. */
  public static Dataset blobs(int n, DType dtype, long seed) {
    SeededRandom random = new SeededRandom(seed);
    Tensor x = Tensor.zeros(dtype, n, 2);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int c = i % CENTRES.length;
      labels[i] = c;
      x.set(CENTRES[c][0] + 0.6 * random.nextGaussian(), i, 0);
      x.set(CENTRES[c][1] + 0.6 * random.nextGaussian(), i, 1);
    }
    return new Dataset(x, labels, CENTRES.length);
  }
}
