package org.nn4j.examples.demo;

import org.nn4j.api.Layer;
import org.nn4j.api.Shape;
import org.nn4j.api.ShapeException;
import org.nn4j.api.Tensor;

/**
 * The step function {@code x > 0 ? 1 : 0} as a layer (book §3.2.2 and §4.2.5), for the accuracy-vs-loss demo
 * only: its derivative is 0 wherever it exists, so backward returns zeros of {@code dout}'s shape and nothing
 * below it can learn. Deliberately not a registered provider, as no one should train with it.
 */
final class StepFunction implements Layer {
  private Shape outShape;

  @Override
  public Shape outputShape(Shape input) {
    return input;
  }

  @Override
  public Tensor forward(Tensor x, boolean training) {
    outShape = x.shape();
    return x.map(v -> v > 0 ? 1.0 : 0.0);
  }

  @Override
  public Tensor backward(Tensor dout) {
    Shape s = Layer.requireForward(outShape, "step");
    if (!dout.shape().equals(s)) {
      throw new ShapeException("step: dout " + dout.shape() + " does not match output " + s);
    }
    return Tensor.zerosLike(dout);
  }
}
