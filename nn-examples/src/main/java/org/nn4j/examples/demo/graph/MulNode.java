package org.nn4j.examples.demo.graph;

import org.nn4j.api.Layer;
import org.nn4j.api.Tensor;

/**
 * The multiplication node {@code out = x · y}, element by element (book §5.4.1, {@code MulLayer}). Backward
 * swaps the inputs: {@code dx = dout · y}, {@code dy = dout · x}, which is why the node caches both.
 */
public final class MulNode implements BinaryNode {
  private Tensor x;
  private Tensor y;

  @Override
  public String symbol() {
    return "×";
  }

  @Override
  public Tensor forward(Tensor x, Tensor y) {
    BinaryNode.requireSameShape("mul", x, y);
    this.x = x;
    this.y = y;
    return x.mul(y);
  }

  @Override
  public Gradients backward(Tensor dout) {
    Layer.requireForward(x, "mul");
    BinaryNode.requireSameShape("mul", dout, x);
    return new Gradients(dout.mul(y), dout.mul(x));
  }
}
