package org.nn4j.testkit;

import java.util.Map;
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
public abstract class OptimizerProviderContract {
  /** The provider under test. */
  protected abstract OptimizerProvider provider();

  /** The arguments optimizers are made with; must include every required one. None by default. */
  protected Map<String, String> arguments() {
    return Map.of();
  }

  /** The checks for this test's provider and arguments. */
  protected OptimizerConformance conformance() {
    return OptimizerConformance.of(provider()).withArguments(arguments());
  }

  @Test
  public void nameDescriptionAndArguments() {
    conformance().checkDescribed();
  }

  @Test
  public void unknownArgumentsAreRejected() {
    conformance().checkUnknownArgumentRejected();
  }

  @Test
  public void declaredDefaultsAreTheValuesUsed() {
    conformance().checkDeclaredDefaults();
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
