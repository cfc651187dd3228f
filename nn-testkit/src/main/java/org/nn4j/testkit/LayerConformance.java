package org.nn4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.nn4j.api.Args;
import org.nn4j.api.BuildContext;
import org.nn4j.api.DType;
import org.nn4j.api.Layer;
import org.nn4j.api.LayerProvider;
import org.nn4j.api.Param;
import org.nn4j.api.Shape;
import org.nn4j.api.Tensor;
import org.nn4j.api.check.GradientCheck;
import org.nn4j.core.LayerSpec;
import org.nn4j.core.Network;
import org.nn4j.core.Registry;
import org.nn4j.core.SeededRandom;
import org.nn4j.core.io.SavedModel;

/**
 * The layer contract of DESIGN §2 and §6 for one {@link LayerProvider}, as checks that throw an
 * {@link AssertionError} saying what is wrong: forward's shape is {@code outputShape}'s, backward before
 * forward fails naming the layer, input and upstream gradient are never modified, the float64
 * central-difference gradient check passes for every input and parameter on several shapes and seeds,
 * float32 agrees with float64, unknown arguments are rejected and declared defaults accepted, and a network
 * holding the layer saves and loads with identical outputs. {@link LayerProviderContract} runs them as JUnit
 * tests; {@link #tests()} gives them as dynamic tests.
 */
public final class LayerConformance implements ProviderConformance {
  /** Per-sample input shapes tried unless the author gives others: two vectors and a matrix. */
  public static final List<Shape> DEFAULT_SHAPES = List.of(Shape.of(3), Shape.of(2, 3), Shape.of(7));
  private static final int[] BATCHES = {1, 4};
  private static final long[] SEEDS = {1, 20_240_601};
  private static final String HOOK = "arguments() of the contract test";

  private final LayerProvider provider;
  private final Map<String, String> arguments;
  private final List<Shape> shapes;
  private final Registry registry;

  private LayerConformance(LayerProvider provider, Map<String, String> arguments, List<Shape> shapes) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.arguments = Map.copyOf(arguments);
    this.shapes = List.copyOf(shapes);
    this.registry = ProviderChecks.registryWith(provider);
  }

  /** The checks for {@code provider}, made with no arguments on {@link #DEFAULT_SHAPES}. */
  public static LayerConformance of(LayerProvider provider) {
    return new LayerConformance(provider, Map.of(), DEFAULT_SHAPES);
  }

  /** The same checks with layers made from {@code values} (required arguments must be among them). */
  public LayerConformance withArguments(Map<String, String> values) {
    return new LayerConformance(provider, values, shapes);
  }

  /** The same checks on per-sample input shapes {@code sampleShapes}. */
  public LayerConformance withShapes(List<Shape> sampleShapes) {
    if (sampleShapes.isEmpty()) {
      throw new IllegalArgumentException("at least one sample shape is needed");
    }
    return new LayerConformance(provider, arguments, sampleShapes);
  }

  /** One input case: the shape of a sample, the batch size, and the seed of the data and weights. */
  public record Case(Shape sample, int batch, long seed) {
    @Override
    public String toString() {
      return "sample " + sample + " batch " + batch + " seed " + seed;
    }
  }

  /** Every combination of the sample shapes, batch sizes 1 and 4, and two seeds. */
  public List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    for (Shape s : shapes) {
      for (int b : BATCHES) {
        for (long seed : SEEDS) {
          cases.add(new Case(s, b, seed));
        }
      }
    }
    return cases;
  }

  /** The provider's name. */
  public String name() {
    return provider.name();
  }

  /** A new layer, made through a registry, so its arguments are checked as at run time. */
  public Layer create() {
    ProviderChecks.checkSampleArguments(provider, arguments, HOOK);
    return registry.layer(name(), Args.of(name(), arguments));
  }

  /** A layer built for samples of {@code sample}, named {@code NAME#1}, weights drawn with std 0.5. */
  public Layer built(Shape sample, DType dtype, long seed) {
    return build(create(), sample, dtype, seed);
  }

  private Layer build(Layer layer, Shape sample, DType dtype, long seed) {
    layer.build(sample, new BuildContext(name() + "#1", dtype, new SeededRandom(seed), "0.5"));
    return layer;
  }

  /** The name follows the rule, the description is one line, and no other provider on the class path takes the name. */
  @Override
  public void checkDescribed() {
    ProviderChecks.checkDescribed(provider);
    ProviderChecks.checkNameIsFree(provider, Registry.load().layers());
    ProviderChecks.checkSampleArguments(provider, arguments, HOOK);
  }

  /** An argument the provider does not declare is rejected. */
  @Override
  public void checkUnknownArgumentRejected() {
    ProviderChecks.checkUnknownArgumentRejected(provider, arguments, args -> registry.layer(name(), args));
  }

  /** Giving every optional argument its declared default makes the same layer as leaving them out. */
  @Override
  public void checkDeclaredDefaults() {
    Shape sample = shapes.get(0);
    Layer plain = built(sample, DType.FLOAT64, 3);
    Map<String, String> all = ProviderChecks.withDefaults(provider, arguments);
    Layer explicit = build(registry.layer(name(), Args.of(name(), all)), sample, DType.FLOAT64, 3);
    Tensor x = TestData.input(DType.FLOAT64, sample.withBatch(2), 3);
    Tensor a = plain.forward(x, false);
    Tensor b = explicit.forward(x, false);
    assertTrue(a.sameAs(b), () -> name() + ": made with its declared defaults (" + Args.of(name(), all)
        + ") it computes " + b + ", but without them " + a + "; a declared default must be the value used");
  }

  /** Forward's output has {@code outputShape} with the batch in front, in training and evaluation. */
  public void checkForwardShape(Case c) {
    Layer layer = built(c.sample(), DType.FLOAT64, c.seed());
    Shape expected = layer.outputShape(c.sample()).withBatch(c.batch());
    Tensor out = layer.forward(TestData.input(DType.FLOAT64, c.sample().withBatch(c.batch()), c.seed()), true);
    assertEquals(expected, out.shape(), () -> name() + " " + c + ": forward's output shape differs from outputShape("
        + c.sample() + ") with the batch");
    assertEquals(DType.FLOAT64, out.dtype(), () -> name() + ": float64 in, so float64 out");
    Tensor eval = layer.forward(TestData.input(DType.FLOAT64, c.sample().withBatch(c.batch()), c.seed()), false);
    assertEquals(expected, eval.shape(), () -> name() + " " + c + ": in evaluation mode");
  }

  /** Backward before any forward throws an {@link IllegalStateException} whose message starts with the layer's name. */
  public void checkBackwardBeforeForward() {
    Shape sample = shapes.get(0);
    Layer layer = built(sample, DType.FLOAT64, 1);
    Tensor dout = TestData.gaussian(DType.FLOAT64, layer.outputShape(sample).withBatch(2), 5);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> layer.backward(dout),
        () -> name() + ": backward() before forward() must throw IllegalStateException; use Layer.requireForward");
    assertTrue(e.getMessage() != null && e.getMessage().startsWith(name()), () -> name()
        + ": the message must name the layer, such as '" + name() + "#1: backward() called before forward()', got '"
        + e.getMessage() + "'");
  }

  /** Forward and backward leave {@code x} and {@code dout} as they were, in both element types. */
  public void checkInputsUntouched(Case c) {
    for (DType dtype : DType.values()) {
      Layer layer = built(c.sample(), dtype, c.seed());
      Tensor x = TestData.input(dtype, c.sample().withBatch(c.batch()), c.seed());
      Tensor xBefore = x.copy();
      Tensor out = layer.forward(x, true);
      assertTrue(x.sameAs(xBefore), () -> name() + " " + c + " " + dtype + ": forward modified its input");
      Tensor dout = TestData.gaussian(dtype, out.shape(), c.seed() + 1);
      Tensor doutBefore = dout.copy();
      Tensor dx = layer.backward(dout);
      assertTrue(x.sameAs(xBefore), () -> name() + " " + c + " " + dtype + ": backward modified the input it cached");
      assertTrue(dout.sameAs(doutBefore), () -> name() + " " + c + " " + dtype + ": backward modified dout; write dx "
          + "into a new tensor");
      assertEquals(x.shape(), dx.shape(), () -> name() + " " + c + ": dx must be shaped like x");
      assertEquals(dtype, dx.dtype(), () -> name() + ": dx must have x's element type");
      for (Param p : layer.params()) {
        assertEquals(p.value().shape(), p.grad().shape(), () -> name() + "." + p.name() + ": gradient shape");
        assertEquals(dtype, p.value().dtype(), () -> name() + "." + p.name() + ": parameters take the network's type");
      }
    }
  }

  /** The float64 gradient check of the input and every parameter, naming the worst element of each that fails. */
  public void checkGradient(Case c) {
    // Weights come from one seed; the draws of forward passes (dropout's masks) are replayed from another.
    ReplayedDraws.Replayable draws = new ReplayedDraws.Replayable(c.seed() + 3);
    Layer inner = create();
    inner.build(c.sample(), new BuildContext(name() + "#1", DType.FLOAT64, draws, "0.5"));
    Layer layer = new ReplayedDraws(inner, draws);
    Tensor x = TestData.input(DType.FLOAT64, c.sample().withBatch(c.batch()), c.seed());
    GradientCheck.Report report = GradientCheck.checkLayer(name() + " " + c, layer, x, true,
        new SeededRandom(c.seed() + 2));
    report.assertPassed();
    assertEquals(1 + layer.params().size(), report.results().size(), "the input and every parameter are checked");
  }

  /** Float32 layers give float32 results within 1e-4 relative of float64 ones, forward and backward. */
  public void checkFloat32AgreesWithFloat64(Case c) {
    Layer wide = built(c.sample(), DType.FLOAT64, c.seed());
    Layer narrow = built(c.sample(), DType.FLOAT32, c.seed());
    Tensor x64 = TestData.input(DType.FLOAT64, c.sample().withBatch(c.batch()), c.seed());
    Tensor y64 = wide.forward(x64, true);
    Tensor y32 = narrow.forward(x64.to(DType.FLOAT32), true);
    assertEquals(DType.FLOAT32, y32.dtype(), () -> name() + ": float32 in, so float32 out");
    assertTrue(y32.allClose(y64, 1e-4, 1e-5), () -> name() + " " + c + ": float32 output " + y32 + " vs float64 " + y64);
    Tensor dout64 = TestData.gaussian(DType.FLOAT64, y64.shape(), c.seed() + 1);
    Tensor dx64 = wide.backward(dout64);
    Tensor dx32 = narrow.backward(dout64.to(DType.FLOAT32));
    assertEquals(DType.FLOAT32, dx32.dtype(), () -> name() + ": float32 dout, so float32 dx");
    assertTrue(dx32.allClose(dx64, 1e-4, 1e-5), () -> name() + " " + c + ": float32 dx " + dx32 + " vs float64 " + dx64);
  }

  /** A network built by name holds the layer, and a forward pass through it has the network's output shape. */
  public void checkInsideANetwork() {
    Shape sample = shapes.get(0);
    Network network = network(sample, DType.FLOAT64);
    assertEquals(List.of(name() + "#1"), network.layerNames());
    Tensor out = network.forward(TestData.input(DType.FLOAT64, sample.withBatch(5), 9), false);
    assertEquals(network.outputShape().withBatch(5), out.shape());
  }

  /**
   * A float32 network of this layer, saved to a model file in {@code dir} and loaded back through the
   * registry, computes exactly the same outputs.
   */
  public void checkSaveAndLoad(Path dir) throws IOException {
    Shape sample = shapes.get(0);
    Network network = network(sample, DType.FLOAT32);
    Tensor x = TestData.input(DType.FLOAT32, sample.withBatch(3), 11);
    network.forward(x, true);
    Tensor before = network.forward(x, false);
    Path file = dir.resolve(name() + ".nn4j");
    SavedModel.save(file, network, null, null, Map.of());
    Network loaded = SavedModel.load(file, registry).network();
    Tensor after = loaded.forward(x, false);
    assertTrue(after.sameAs(before), () -> name() + ": the loaded network computes " + after + " but the saved one "
        + before + "; state() must hold every tensor the layer keeps besides its parameters");
  }

  private Network network(Shape sample, DType dtype) {
    ProviderChecks.checkSampleArguments(provider, arguments, HOOK);
    return Network.builder(registry).input(sample).dtype(dtype).seed(9)
        .layer(new LayerSpec(name(), Args.of(name(), arguments))).loss("mse").build();
  }

  /** Every check as a dynamic test, grouped by check, for {@code @TestFactory} methods. */
  public Stream<DynamicNode> tests() {
    return Stream.of(
        DynamicTest.dynamicTest("name, description and arguments", this::checkDescribed),
        DynamicTest.dynamicTest("unknown arguments are rejected", this::checkUnknownArgumentRejected),
        DynamicTest.dynamicTest("declared defaults are the values used", this::checkDeclaredDefaults),
        DynamicTest.dynamicTest("backward before forward fails naming the layer", this::checkBackwardBeforeForward),
        DynamicContainer.dynamicContainer("forward shape is outputShape", perCase(this::checkForwardShape)),
        DynamicContainer.dynamicContainer("input and dout are left unmodified", perCase(this::checkInputsUntouched)),
        DynamicContainer.dynamicContainer("float64 gradient check", perCase(this::checkGradient)),
        DynamicContainer.dynamicContainer("float32 agrees with float64", perCase(this::checkFloat32AgreesWithFloat64)),
        DynamicTest.dynamicTest("works inside a network built by name", this::checkInsideANetwork),
        DynamicTest.dynamicTest("saves and loads with identical outputs", () -> {
          Path dir = Files.createTempDirectory("nn4j-testkit");
          try {
            checkSaveAndLoad(dir);
          } finally {
            deleteTree(dir);
          }
        }));
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** One dynamic test per {@link #cases() case}. */
  public Stream<DynamicTest> perCase(Consumer<Case> check) {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> check.accept(c)));
  }
}
