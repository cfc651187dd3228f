package org.nn4j.layers;

import java.util.Random;
import org.nn4j.api.BuildContext;
import org.nn4j.api.DType;
import org.nn4j.api.Layer;
import org.nn4j.api.Shape;
import org.nn4j.api.Tensor;

/** Small helpers shared by the layer tests. */
final class LayerTesting {
  private LayerTesting() {
  }

  static <L extends Layer> L built(L layer, String name, DType dtype, Shape input, long seed) {
    layer.build(input, new BuildContext(name, dtype, new Random(seed), "0.01"));
    return layer;
  }

  /** A float64 batch of normal draws kept at least {@code margin} away from zero (away from ReLU's kink). */
  static Tensor randomAwayFromZero(Shape shape, long seed, double margin) {
    Random r = new Random(seed);
    return Tensor.zeros(DType.FLOAT64, shape).mapInPlace(v -> {
      double g = r.nextGaussian();
      return g >= 0 ? g + margin : g - margin;
    });
  }
}
