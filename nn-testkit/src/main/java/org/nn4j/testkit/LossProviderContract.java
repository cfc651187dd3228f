package org.nn4j.testkit;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nn4j.api.LossProvider;

/**
 * The loss contract as JUnit 5 tests: extend it with one small class, return the provider from
 * {@link #provider()}, and every check of {@link LossConformance} runs against it.
 *
 * <pre>{@code
 * class HuberContractTest extends LossProviderContract {
 *   @Override protected LossProvider provider() { return new Huber.Provider(); }
 * }
 * }</pre>
 */
public abstract class LossProviderContract extends ProviderContract<LossProvider, LossConformance> {
  /** The checks for this test's provider and arguments. */
  @Override
  protected LossConformance conformance() {
    return LossConformance.of(provider()).withArguments(arguments());
  }

  @TestFactory
  public Stream<DynamicTest> gradientCheckWithOneHotTargets() {
    LossConformance kit = conformance();
    return kit.perCase(kit::checkGradientOneHot);
  }

  @TestFactory
  public Stream<DynamicTest> gradientCheckWithLabelTargets() {
    LossConformance kit = conformance();
    return kit.perCase(kit::checkGradientLabels);
  }

  @TestFactory
  public Stream<DynamicTest> labelsAndOneHotRowsAgree() {
    LossConformance kit = conformance();
    return kit.perCase(kit::checkTargetForms);
  }

  @TestFactory
  public Stream<DynamicTest> outputsAndTargetsAreLeftUnmodified() {
    LossConformance kit = conformance();
    return kit.perCase(kit::checkInputsUntouched);
  }

  @Test
  public void theLossIsAMeanOverTheBatch() {
    conformance().checkMeanOverBatch();
  }

  @Test
  public void aVectorOutputIsABatchOfOne() {
    conformance().checkOneDimensionalOutput();
  }

  @Test
  public void backwardBeforeForwardFailsNamingTheLoss() {
    conformance().checkBackwardBeforeForward();
  }

  @Test
  public void wrongTargetsAreRejected() {
    conformance().checkWrongTargetsRejected();
  }

  @Test
  public void float32AgreesWithFloat64() {
    conformance().checkFloat32();
  }
}
