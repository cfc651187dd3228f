package org.nn4j.testkit;

import org.junit.jupiter.api.Test;
import org.nn4j.api.OptimizerProvider;

/**
 * The optimizer contract as JUnit 5 tests: extend it with one small class, return the provider from
 * {@link #provider()}, and every check of {@link OptimizerConformance} runs against it.
 *
 * <pre>{@code
 * class LionContractTest extends OptimizerProviderContract {
 *   @Override protected OptimizerProvider provider() { return new Lion.Provider(); }
 * }
 * }</pre>
 */
public abstract class OptimizerProviderContract extends ProviderContract<OptimizerProvider, OptimizerConformance> {
  /** The checks for this test's provider and arguments. */
  @Override
  protected OptimizerConformance conformance() {
    return OptimizerConformance.of(provider()).withArguments(arguments());
  }

  @Test
  public void descendsAConvexQuadratic() {
    conformance().checkDescendsAConvexQuadratic();
  }

  @Test
  public void stateIsKeptPerParameter() {
    conformance().checkStatePerParameter();
  }
}
