package org.nn4j.api;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What a network gives each layer when it {@linkplain Layer#build builds} it: the layer's display name for
 * messages ({@code affine#2}), the element type of its parameters, the network's seeded random generator (the
 * only source of randomness a layer may use, so that one seed gives the same parameters bit for bit), and the
 * initialiser to use when the layer's own arguments name none.
 *
 * @param name the layer's name in its network, such as {@code affine#2}
 * @param dtype element type of parameters and activations
 * @param random the network's seeded generator
 * @param defaultInit the initialiser for weights whose layer names none, such as {@code std=0.01} or {@code he}
 */
public record BuildContext(String name, DType dtype, RandomGenerator random, String defaultInit) {
  public BuildContext {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dtype, "dtype");
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(defaultInit, "defaultInit");
  }
}
