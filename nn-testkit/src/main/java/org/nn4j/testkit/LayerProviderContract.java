package org.nn4j.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.api.LayerProvider;
import org.nn4j.api.Shape;

/**
 * The layer contract as JUnit 5 tests: extend it with one small class, return the provider from
 * {@link #provider()}, and every check of {@link LayerConformance} runs against it.
 *
 * <pre>{@code
 * class SwishContractTest extends LayerProviderContract {
 *   @Override protected LayerProvider provider() { return new Swish.Provider(); }
 * }
 * }</pre>
 */
public abstract class LayerProviderContract extends ProviderContract<LayerProvider, LayerConformance> {
  /** The shapes of one input sample to try; {@link LayerConformance#DEFAULT_SHAPES} by default. */
  protected List<Shape> sampleShapes() {
    return LayerConformance.DEFAULT_SHAPES;
  }

  /** The checks for this test's provider, arguments and shapes. */
  @Override
  protected LayerConformance conformance() {
    return LayerConformance.of(provider()).withArguments(arguments()).withShapes(sampleShapes());
  }

  @Test
  public void backwardBeforeForwardFailsNamingTheLayer() {
    conformance().checkBackwardBeforeForward();
  }

  @TestFactory
  public Stream<DynamicTest> forwardShapeIsOutputShape() {
    LayerConformance kit = conformance();
    return kit.perCase(kit::checkForwardShape);
  }

  @TestFactory
  public Stream<DynamicTest> inputAndDoutAreLeftUnmodified() {
    LayerConformance kit = conformance();
    return kit.perCase(kit::checkInputsUntouched);
  }

  @TestFactory
  public Stream<DynamicTest> float64GradientCheck() {
    LayerConformance kit = conformance();
    return kit.perCase(kit::checkGradient);
  }

  @TestFactory
  public Stream<DynamicTest> float32AgreesWithFloat64() {
    LayerConformance kit = conformance();
    return kit.perCase(kit::checkFloat32AgreesWithFloat64);
  }

  @Test
  public void worksInsideANetworkBuiltByName() {
    conformance().checkInsideANetwork();
  }

  @Test
  public void savesAndLoadsWithIdenticalOutputs(@TempDir Path dir) throws IOException {
    conformance().checkSaveAndLoad(dir);
  }
}
