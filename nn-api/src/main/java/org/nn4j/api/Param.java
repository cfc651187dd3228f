package org.nn4j.api;

import java.util.Objects;

/**
 * A trainable parameter of a layer: its name ({@code W}, {@code b}), its value, and the gradient of the loss
 * with respect to it, which {@link Layer#backward} fills and an {@link Optimizer} reads. The two tensors have
 * the same type and shape. Identity matters: an optimizer keys its per-parameter state by the {@code Param}.
 */
public final class Param {
  private final String name;
  private final Tensor value;
  private final Tensor grad;

  /** A parameter holding {@code value}, with a zero gradient of the same type and shape. */
  public Param(String name, Tensor value) {
    this.name = Objects.requireNonNull(name, "name");
    this.value = Objects.requireNonNull(value, "value");
    this.grad = Tensor.zerosLike(value);
  }

  /** The parameter's name within its layer, such as {@code W} or {@code b}. */
  public String name() {
    return name;
  }

  /** The current value, updated in place by optimizers. */
  public Tensor value() {
    return value;
  }

  /** The gradient of the loss for the last backward pass, same shape as {@link #value()}. */
  public Tensor grad() {
    return grad;
  }

  @Override
  public String toString() {
    return name + value.shape();
  }
}
