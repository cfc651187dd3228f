package org.nn4j.examples.demo.graph;

import org.nn4j.api.Tensor;

/**
 * A node of a computational graph with two inputs and one output, as the book's {@code MulLayer} and
 * {@code AddLayer} (§5.4): {@code forward(x, y)} computes the output and caches what backward needs;
 * {@code backward(dout)} returns the gradients for both inputs, {@code (dx, dy)}.
 *
 * <p>Why not {@link org.nn4j.api.Layer}: a layer maps one input batch to one output and owns parameters, which
 * is what a network stacks; the nodes of §5.3–5.4 combine two values (a price and a count) and have no
 * parameters. Forcing them into the one-input contract would hide the very thing the chapter shows, that a
 * node's backward pass hands one gradient to each of its inputs. The contract is otherwise the layers': inputs
 * are tensors of any shape (a scalar is a tensor of shape {@code ()}), both of one type and shape; neither
 * input nor {@code dout} is ever modified; backward before forward throws {@link IllegalStateException}.
 * Instances are not thread-safe.
 */
public interface BinaryNode {
  /** The gradients of the loss with respect to the two inputs of the last forward pass. */
  record Gradients(Tensor dx, Tensor dy) {
  }

  /** The operator as a graph drawing labels it, such as {@code ×}. */
  String symbol();

  /** The output for inputs {@code x} and {@code y}; caches what {@link #backward} needs. */
  Tensor forward(Tensor x, Tensor y);

  /** The gradients of the two inputs, given the gradient {@code dout} of the output. */
  Gradients backward(Tensor dout);

  /** Throws when {@code a} and {@code b} differ in type or shape, naming the node and both. */
  static void requireSameShape(String node, Tensor a, Tensor b) {
    if (a.dtype() != b.dtype() || !a.shape().equals(b.shape())) {
      throw new IllegalArgumentException(node + ": inputs " + a.shape() + " " + a.dtype() + " and " + b.shape() + " "
          + b.dtype() + " differ; both inputs need one type and shape");
    }
  }
}
