package org.nn4j.optim;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nn4j.api.Param;
import org.nn4j.api.Tensor;

/**
 * An optimizer's per-parameter state, such as momentum's {@code v} or Adam's {@code m} and {@code v}: for
 * each {@link Param} a fixed set of named tensors shaped and typed like its value, zero until first used.
 * Keyed by the parameter's identity, not its contents, so that two parameters with equal values keep
 * separate state and one optimizer serves any network (book §6.1, where the state dictionaries are keyed by
 * parameter name).
 */
final class ParamSlots {
  private final String[] names;
  private final Map<Param, Tensor[]> slots = new IdentityHashMap<>();

  /** State with one tensor per name for each parameter, such as {@code "m", "v"}. */
  ParamSlots(String... names) {
    this.names = names.clone();
  }

  /** The state tensors of {@code p}, in the order of the names, made as zeros the first time. */
  Tensor[] of(Param p) {
    Tensor[] s = slots.get(p);
    if (s == null) {
      s = new Tensor[names.length];
      for (int k = 0; k < names.length; k++) {
        s[k] = Tensor.zerosLike(p.value());
      }
      slots.put(p, s);
    }
    return s;
  }

  /**
   * The live state tensors of {@code params} by {@code "<index>.<name>"}, in parameter order, to which
   * {@code global} (such as Adam's step count) is added first; a checkpoint copies values in and out.
   */
  Map<String, Tensor> named(List<Param> params, Map<String, Tensor> global) {
    Map<String, Tensor> out = new LinkedHashMap<>(global);
    for (int i = 0; i < params.size(); i++) {
      Tensor[] s = of(params.get(i));
      for (int k = 0; k < names.length; k++) {
        out.put(i + "." + names[k], s[k]);
      }
    }
    return Collections.unmodifiableMap(out);
  }
}
