package org.nn4j.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.nn4j.core.Registry;

/**
 * The conformance checks over every provider of a {@link Registry}, as dynamic tests: one container per
 * provider, so nothing the registry finds can skip the contract. Providers with required arguments need
 * values for them in {@code arguments} (by provider name); the checks fail clearly until they have them.
 *
 * <pre>{@code
 * @TestFactory Stream<DynamicNode> everyProvider() {
 *   return Conformance.of(Registry.load(), Map.of("affine", Map.of("out", "4")));
 * }
 * }</pre>
 */
public final class Conformance {
  private Conformance() {
  }

  /** Dynamic tests of every layer, loss and optimizer in {@code registry}. */
  public static Stream<DynamicNode> of(Registry registry, Map<String, Map<String, String>> arguments) {
    List<DynamicNode> nodes = new ArrayList<>();
    registry.layers().asMap().forEach((name, p) -> nodes.add(DynamicContainer.dynamicContainer("layer " + name,
        LayerConformance.of(p).withArguments(arguments.getOrDefault(name, Map.of())).tests())));
    registry.losses().asMap().forEach((name, p) -> nodes.add(DynamicContainer.dynamicContainer("loss " + name,
        LossConformance.of(p).withArguments(arguments.getOrDefault(name, Map.of())).tests())));
    registry.optimizers().asMap().forEach((name, p) -> nodes.add(DynamicContainer.dynamicContainer(
        "optimizer " + name, OptimizerConformance.of(p).withArguments(arguments.getOrDefault(name, Map.of())).tests())));
    return nodes.stream();
  }
}
