package org.nn4j.testkit;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nn4j.api.NamedProvider;

/**
 * What the three contract base classes share: the provider under test, the arguments it is made with, and the
 * checks every provider passes, as JUnit 5 tests that the subclasses inherit.
 *
 * @param <P> the provider interface
 * @param <C> the conformance checks of that kind of provider
 */
public abstract class ProviderContract<P extends NamedProvider, C extends ProviderConformance> {
  /** The provider under test. */
  protected abstract P provider();

  /** The arguments instances are made with; must include every required one. None by default. */
  protected Map<String, String> arguments() {
    return Map.of();
  }

  /** The checks for this test's provider and arguments. */
  protected abstract C conformance();

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
}
