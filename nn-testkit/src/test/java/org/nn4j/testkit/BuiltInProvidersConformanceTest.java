package org.nn4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nn4j.core.Registry;

/**
 * Every provider the registry finds on nn4j's class path goes through the conformance kit, found by name, so a
 * new built-in cannot skip the contract: it only needs values here when it has required arguments.
 */
class BuiltInProvidersConformanceTest {
  /** Values for required arguments, by provider name. */
  private static final Map<String, Map<String, String>> REQUIRED = Map.of("affine", Map.of("out", "4"));

  @TestFactory
  Stream<DynamicNode> everyProviderTheRegistryFinds() {
    return Conformance.of(Registry.load(), REQUIRED);
  }

  @Test
  void theRegistryFindsTheBuiltInsWithoutProblems() {
    Registry registry = Registry.load();
    assertEquals(List.of(), registry.problems());
    assertTrue(registry.layers().names().containsAll(List.of("affine", "relu", "sigmoid", "dropout", "batch-norm")),
        registry.layers().names()::toString);
    assertTrue(registry.losses().names().containsAll(List.of("mse", "cross-entropy", "softmax-cross-entropy")),
        registry.losses().names()::toString);
    assertTrue(registry.optimizers().names().containsAll(List.of("sgd", "momentum", "adam")),
        registry.optimizers().names()::toString);
  }
}
