package org.nn4j.api;

import java.util.List;
import java.util.Map;

/**
 * Updates parameters from their gradients (book §6.1). Per-parameter state, such as momentum, is created
 * lazily and keyed by the {@link Param} itself, so one optimizer serves any network. Not thread-safe.
 */
public interface Optimizer {
  /** Moves each parameter's value against its gradient. */
  void step(List<Param> params);

  /**
   * The live tensors of this optimizer's state for {@code params}, creating any not yet made, by stable
   * name: {@code "<index>.<name>"} for per-parameter state (the index in {@code params}, such as
   * {@code "0.velocity"}), a bare name for global state (such as Adam's step count {@code "t"}, a scalar).
   * A checkpoint saves them; resuming copies saved values into them, so training continues exactly.
   * Empty for a stateless optimizer such as SGD.
   */
  default Map<String, Tensor> state(List<Param> params) {
    return Map.of();
  }
}
