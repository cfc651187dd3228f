package org.nn4j.api;

/**
 * A loss function with its gradient (book §4.2 and §5.6.3). {@code forward} takes the network's output
 * {@code y} (rows of a batch) and the targets {@code t}, either one-hot rows of the same shape as {@code y} or
 * class labels (one integer-valued number per row); it returns the mean loss over the batch. {@code backward}
 * returns dL/dy for that last call. A one-dimensional {@code y} is a batch of one. Not thread-safe.
 */
public interface Loss {
  /** The mean loss of batch {@code y} against targets {@code t}; caches what backward needs. */
  double forward(Tensor y, Tensor t);

  /**
   * dL/dy for the last forward call, shaped like {@code y}.
   *
   * @throws IllegalStateException when no forward came first
   */
  Tensor backward();
}
