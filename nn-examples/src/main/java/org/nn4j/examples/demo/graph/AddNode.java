package org.nn4j.examples.demo.graph;

import org.nn4j.api.Layer;
import org.nn4j.api.Shape;
import org.nn4j.api.Tensor;

/**
 * The addition node {@code out = x + y}, element by element (book §5.4.2, {@code AddLayer}). Backward passes
 * {@code dout} on to both inputs unchanged, so the node needs to remember nothing but that forward ran and
 * the shape it ran on. Each input receives its own copy of {@code dout}, so no caller shares an array with
 * another.
 */
public final class AddNode implements BinaryNode {
  private Shape shape;

  @Override
  public String symbol() {
    return "+";
  }

  @Override
  public Tensor forward(Tensor x, Tensor y) {
    BinaryNode.requireSameShape("add", x, y);
    shape = x.shape();
    return x.add(y);
  }

  @Override
  public Gradients backward(Tensor dout) {
    Shape s = Layer.requireForward(shape, "add");
    if (!dout.shape().equals(s)) {
      throw new IllegalArgumentException("add: dout " + dout.shape() + " does not match output " + s);
    }
    return new Gradients(dout.copy(), dout.copy());
  }
}
