package org.nn4j.api;

import java.util.List;
import java.util.Map;

/**
 * One node of a network's computational graph, with the forward pass and its mirror, the backward pass
 * (book §5.4–5.6). Inputs are batches: the first dimension is the batch, the rest is one sample's shape.
 *
 * <p>Life cycle: a {@link LayerProvider} creates the layer; the network calls {@link #outputShape} to check
 * and size it, then {@link #build} once with the shape of one input sample, so that a layer with weights can
 * allocate them (an affine layer infers its input width here). Then {@link #forward} and {@link #backward}
 * alternate. A layer instance belongs to one network and is not thread-safe.
 *
 * <p>Contract: {@code forward} caches what {@code backward} needs and never modifies its input;
 * {@code backward} returns dL/dx for the last forward, fills the gradients of {@link #params()}, never
 * modifies {@code dout}, and throws {@link IllegalStateException} when no forward came first. A layer may
 * return the same buffer from one call to the next (so that a warm training step allocates nothing): a
 * tensor it returned is valid until its next {@code forward} or {@code backward}; copy it to keep it.
 */
public interface Layer {
  /**
   * The shape of one output sample for one input sample of shape {@code input}; no data needed.
   *
   * @throws ShapeException naming the layer and the shapes when the input does not fit
   */
  Shape outputShape(Shape input);

  /**
   * Prepares the layer for inputs of one-sample shape {@code input}: allocates and initialises its
   * parameters from {@code context}. Called once, before the first forward pass. Layers without parameters
   * need not override it.
   */
  default void build(Shape input, BuildContext context) {
    outputShape(input);
  }

  /**
   * Computes the output for a batch {@code x}, caching what backward needs.
   *
   * @param training true while training (dropout and batch normalisation behave differently then)
   */
  Tensor forward(Tensor x, boolean training);

  /** Returns dL/dx for the last forward pass given dL/dout, and fills the gradients of the parameters. */
  Tensor backward(Tensor dout);

  /**
   * {@link #backward(Tensor)} for a caller that may not need dL/dx: the first layer of a network being trained
   * does not, and a layer may then skip computing it (an affine layer saves a third of its work) and return
   * {@code null}. The parameters' gradients are filled either way.
   */
  default Tensor backward(Tensor dout, boolean needInputGradient) {
    return backward(dout);
  }

  /** The trainable parameters, in a stable order; empty for layers without weights. */
  default List<Param> params() {
    return List.of();
  }

  /**
   * Tensors a layer keeps besides its parameters that a saved model must hold, such as batch
   * normalisation's running mean and variance, by stable name. These are the live tensors: loading a model
   * copies saved values into them. Empty for most layers.
   */
  default Map<String, Tensor> state() {
    return Map.of();
  }

  /**
   * How many numbers {@link #build} will allocate for parameters and {@link #state()} given one-sample input
   * shape {@code input}, or -1 when the layer cannot say. A model loader compares this with what its file
   * holds, so that a crafted architecture ({@code affine(out=100000000)}) is rejected before any memory is
   * allocated. Layers with parameters should override it; layers without may return 0.
   */
  default long allocationSize(Shape input) {
    return -1;
  }

  /**
   * Returns {@code cached} when a forward pass has filled it, and otherwise throws the error the contract
   * asks of a backward pass before any forward pass: {@code "affine#2: backward() called before forward()"}.
   */
  static <T> T requireForward(T cached, String layerName) {
    if (cached == null) {
      throw new IllegalStateException(layerName + ": backward() called before forward()");
    }
    return cached;
  }
}
