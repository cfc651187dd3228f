package org.nn4j.api;

import java.util.List;

/**
 * Updates parameters from their gradients (book §6.1). Per-parameter state, such as momentum, is created
 * lazily and keyed by the {@link Param} itself, so one optimizer serves any network. Not thread-safe.
 */
public interface Optimizer {
  /** Moves each parameter's value against its gradient. */
  void step(List<Param> params);
}
