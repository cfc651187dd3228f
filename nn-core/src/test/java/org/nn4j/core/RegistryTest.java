package org.nn4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Args;
import org.nn4j.api.Argument;
import org.nn4j.api.ConfigurationException;
import org.nn4j.api.Layer;
import org.nn4j.api.LayerProvider;
import org.nn4j.api.Loss;
import org.nn4j.api.LossProvider;
import org.nn4j.api.Optimizer;
import org.nn4j.api.OptimizerProvider;

/** The registry over the built-in providers, its lookup errors, and registries made of given (mock) providers. */
class RegistryTest {
  private static final Registry REGISTRY = Registry.load();

  @Test
  void findsTheBuiltInsByNameSorted() {
    assertEquals(List.of("affine", "batch-norm", "dropout", "relu", "sigmoid", "softmax", "tanh"), REGISTRY.layers().names());
    assertEquals(List.of("cross-entropy", "mse", "softmax-cross-entropy"), REGISTRY.losses().names());
    assertEquals(List.of("adagrad", "adam", "momentum", "nesterov", "rmsprop", "sgd"), REGISTRY.optimizers().names());
    assertEquals(List.of(), REGISTRY.problems(), "the built-ins load without problems");
    assertEquals(ProviderKind.LAYER, REGISTRY.layers().kind());
    assertEquals(ProviderKind.LOSS, REGISTRY.losses().kind());
    assertEquals(ProviderKind.OPTIMIZER, REGISTRY.optimizers().kind());
  }

  @Test
  void builtInsComeFromTheirModulesJarOrClassDirectory() {
    assertOrigin(REGISTRY.layers().origin("affine"), REGISTRY.layers().get("affine").getClass(), "nn-layers");
    assertOrigin(REGISTRY.layers().origin("relu"), REGISTRY.layers().get("relu").getClass(), "nn-layers");
    assertOrigin(REGISTRY.layers().origin("sigmoid"), REGISTRY.layers().get("sigmoid").getClass(), "nn-layers");
    assertOrigin(REGISTRY.losses().origin("mse"), REGISTRY.losses().get("mse").getClass(), "nn-losses");
    assertOrigin(REGISTRY.losses().origin("cross-entropy"), REGISTRY.losses().get("cross-entropy").getClass(),
        "nn-losses");
    assertOrigin(REGISTRY.losses().origin("softmax-cross-entropy"),
        REGISTRY.losses().get("softmax-cross-entropy").getClass(), "nn-losses");
    assertOrigin(REGISTRY.optimizers().origin("sgd"), REGISTRY.optimizers().get("sgd").getClass(), "nn-optim");
    assertEquals("unknown", REGISTRY.layers().origin("no-such-layer"));
  }

  /**
   * The origin is the last segment of the class's code source: the module's jar when Maven packaged it
   * ({@code nn-layers-<version>.jar}), or its class directory when tests run against {@code target/classes}.
   */
  private static void assertOrigin(String origin, Class<?> type, String module) {
    String location = type.getProtectionDomain().getCodeSource().getLocation().toString();
    String trimmed = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    assertEquals(trimmed.substring(trimmed.lastIndexOf('/') + 1), origin, type.getName());
    if (origin.endsWith(".jar")) {
      assertTrue(origin.startsWith(module + "-"), origin + " should be the jar of " + module);
    } else {
      assertEquals("classes", origin, "a class directory");
    }
  }

  @Test
  void createsIndependentInstances() {
    Layer a = REGISTRY.layer("relu", Args.none("relu"));
    Layer b = REGISTRY.layer("relu", Args.none("relu"));
    assertNotSame(a, b);
    assertEquals("org.nn4j.layers.Relu", a.getClass().getName());
    assertEquals("org.nn4j.losses.SoftmaxCrossEntropy",
        REGISTRY.loss("softmax-cross-entropy", Args.none("softmax-cross-entropy")).getClass().getName());
    assertEquals("org.nn4j.optim.Sgd", REGISTRY.optimizer("sgd", Args.of("sgd", "lr", "0.5")).getClass().getName());
  }

  @Test
  void catalogFindAndAsMap() {
    assertTrue(REGISTRY.layers().find("affine").isPresent());
    assertEquals(Optional.empty(), REGISTRY.layers().find("conv"));
    assertEquals(List.of("affine", "batch-norm", "dropout", "relu", "sigmoid", "softmax", "tanh"), List.copyOf(REGISTRY.layers().asMap().keySet()));
    assertThrows(UnsupportedOperationException.class, () -> REGISTRY.layers().asMap().clear());
  }

  @Test
  void unknownLayerListsNamesSuggestsAndHintsAtAPluginJar() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> REGISTRY.layer("afine", Args.none("afine")));
    assertEquals("unknown layer 'afine' (did you mean 'affine'?); available: affine, batch-norm, dropout, relu, sigmoid, softmax, tanh. "
        + "If it comes from a plugin, its jar may be missing from the class path.", e.getMessage());
  }

  @Test
  void unknownNameFarFromEveryNameHasNoSuggestion() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> REGISTRY.layers().get("convolution"));
    assertEquals("unknown layer 'convolution'; available: affine, batch-norm, dropout, relu, sigmoid, softmax, tanh. "
        + "If it comes from a plugin, its jar may be missing from the class path.", e.getMessage());
  }

  @Test
  void unknownLossAndOptimizerSayTheirKind() {
    ConfigurationException loss = assertThrows(ConfigurationException.class,
        () -> REGISTRY.loss("softmax-crossentropy", Args.none("softmax-crossentropy")));
    assertEquals("unknown loss 'softmax-crossentropy' (did you mean 'softmax-cross-entropy'?); available: "
        + "cross-entropy, mse, softmax-cross-entropy. If it comes from a plugin, its jar may be missing from the "
        + "class path.", loss.getMessage());
    ConfigurationException opt = assertThrows(ConfigurationException.class,
        () -> REGISTRY.optimizer("adamw", Args.none("adamw")));
    assertEquals("unknown optimizer 'adamw' (did you mean 'adam'?); available: adagrad, adam, momentum, nesterov, rmsprop, sgd. If it comes from a plugin, its jar may be missing "
        + "from the class path.", opt.getMessage());
  }

  @Test
  void unknownArgumentListsTheAcceptedOnes() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> REGISTRY.layer("affine", Args.of("affine", "ot", "5")));
    assertEquals("affine: unknown argument 'ot'; accepted: out, init, bias", e.getMessage());
    ConfigurationException none = assertThrows(ConfigurationException.class,
        () -> REGISTRY.layer("relu", Args.of("relu", "alpha", "0.1")));
    assertEquals("relu: unknown argument 'alpha'; accepted: none", none.getMessage());
  }

  @Test
  void missingRequiredArgumentIsNamedWithItsDescription() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> REGISTRY.layer("affine", Args.none("affine")));
    assertEquals("affine: missing argument 'out' (number of outputs)", e.getMessage());
  }

  @Test
  void badValuesAreConfigurationErrorsFromTheProvider() {
    ConfigurationException lr = assertThrows(ConfigurationException.class,
        () -> REGISTRY.optimizer("sgd", Args.of("sgd", "lr", "fast")));
    assertEquals("sgd: argument 'lr' must be a number, got 'fast'", lr.getMessage());
    ConfigurationException out = assertThrows(ConfigurationException.class,
        () -> REGISTRY.layer("affine", Args.of("affine", "out", "0")));
    assertEquals("affine: argument 'out' must be positive, got 0", out.getMessage());
  }

  // ---------------------------------------------------------------- Registry.of with mock providers

  private static LayerProvider mockLayerProvider(String name) {
    LayerProvider p = mock(LayerProvider.class);
    when(p.name()).thenReturn(name);
    when(p.arguments()).thenReturn(List.of(Argument.optional("k", "1", "a knob")));
    return p;
  }

  @Test
  void providerWhoseCreateThrowsIsReportedWithItsClassAndArguments() {
    LayerProvider p = mockLayerProvider("boom");
    when(p.create(any())).thenThrow(new IllegalStateException("kaput"));
    Registry registry = Registry.of(List.of(p), List.of(), List.of(), List.of());
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> registry.layer("boom", Args.of("boom", "k", "2")));
    String message = e.getMessage();
    assertTrue(message.startsWith("layer 'boom' (" + p.getClass().getName() + ", "), message);
    assertTrue(message.endsWith(") failed to create with arguments (k=2): java.lang.IllegalStateException: kaput"),
        message);
    assertInstanceOf(IllegalStateException.class, e.getCause());
  }

  @Test
  void configurationErrorsFromCreatePassThroughUnwrapped() {
    LayerProvider p = mockLayerProvider("picky");
    ConfigurationException original = new ConfigurationException("picky: argument 'k' must be odd, got '2'");
    when(p.create(any())).thenThrow(original);
    Registry registry = Registry.of(List.of(p), List.of(), List.of(), List.of());
    assertSame(original, assertThrows(ConfigurationException.class,
        () -> registry.layer("picky", Args.of("picky", "k", "2"))));
  }

  @Test
  void providerReturningNullIsAnError() {
    LossProvider loss = mock(LossProvider.class);
    when(loss.name()).thenReturn("nothing");
    Registry registry = Registry.of(List.of(), List.of(loss), List.of(), List.of());
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> registry.loss("nothing", Args.none("nothing")));
    assertEquals("loss 'nothing' (" + loss.getClass().getName() + ") returned null from create()", e.getMessage());
  }

  @Test
  void argumentsAreCheckedBeforeTheProviderIsAsked() {
    LayerProvider p = mockLayerProvider("careful");
    Registry registry = Registry.of(List.of(p), List.of(), List.of(), List.of());
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> registry.layer("careful", Args.of("careful", "q", "1")));
    assertEquals("careful: unknown argument 'q'; accepted: k", e.getMessage());
    verify(p, never()).create(any());
  }

  @Test
  void givenProvidersAreCheckedAsDiscoveryChecksThem() {
    LayerProvider good = mockLayerProvider("good");
    Layer made = mock(Layer.class);
    when(good.create(any())).thenReturn(made);
    LayerProvider badName = mockLayerProvider("Bad_Name");
    LayerProvider nullName = mockLayerProvider(null);
    LayerProvider throwingName = mock(LayerProvider.class);
    when(throwingName.name()).thenThrow(new UnsupportedOperationException("no name yet"));
    OptimizerProvider opt = mock(OptimizerProvider.class);
    when(opt.name()).thenReturn("good");
    Optimizer optimizer = mock(Optimizer.class);
    when(opt.create(any())).thenReturn(optimizer);
    ProviderProblem earlier = new ProviderProblem(ProviderKind.LOSS, "com.example.Gone", "gone.jar", "not found");

    Registry registry = Registry.of(List.of(good, badName, nullName, throwingName), List.of(), List.of(opt),
        List.of(earlier));

    assertEquals(List.of("good"), registry.layers().names());
    assertSame(made, registry.layer("good", Args.none("good")));
    assertSame(optimizer, registry.optimizer("good", Args.none("good")), "names are per kind");
    List<ProviderProblem> problems = registry.problems();
    assertEquals(4, problems.size(), problems::toString);
    assertSame(earlier, problems.get(0));
    assertEquals(new ProviderProblem(ProviderKind.LAYER, badName.getClass().getName(),
        ProviderDiscovery.originOf(badName.getClass()), "invalid name 'Bad_Name': names are lower-case words of "
        + "letters and digits joined by hyphens, such as 'leaky-relu'"), problems.get(1));
    assertEquals("invalid name 'null': names are lower-case words of letters and digits joined by hyphens, such as "
        + "'leaky-relu'", problems.get(2).message());
    assertEquals(throwingName.getClass().getName(), problems.get(3).providerClass());
    assertEquals("name() threw java.lang.UnsupportedOperationException: no name yet", problems.get(3).message());
    assertEquals("layer provider " + badName.getClass().getName() + " (" + problems.get(1).origin() + "): "
        + problems.get(1).message(), problems.get(1).toString());
    assertThrows(UnsupportedOperationException.class, () -> registry.problems().clear());
  }

  @Test
  void secondProviderOfATakenNameIsReportedAndTheFirstIsUsed() {
    LossProvider first = REGISTRY.losses().get("mse");
    LossProvider second = mock(LossProvider.class);
    when(second.name()).thenReturn("mse");
    Registry registry = Registry.of(List.of(), List.of(first, second), List.of(), List.of());
    assertSame(first, registry.losses().get("mse"));
    assertEquals(1, registry.problems().size());
    ProviderProblem problem = registry.problems().get(0);
    assertEquals(ProviderKind.LOSS, problem.kind());
    assertEquals(second.getClass().getName(), problem.providerClass());
    assertEquals("duplicate name 'mse': already provided by org.nn4j.losses.MeanSquaredError$Provider ("
        + REGISTRY.losses().origin("mse") + "), which is used", problem.message());
    Loss made = registry.loss("mse", Args.none("mse"));
    assertEquals("org.nn4j.losses.MeanSquaredError", made.getClass().getName());
  }

  @Test
  void theSameProviderClassTwiceIsNotADuplicate() {
    LayerProvider relu = REGISTRY.layers().get("relu");
    Registry registry = Registry.of(List.of(relu, relu), List.of(), List.of(), List.of());
    assertEquals(List.of("relu"), registry.layers().names());
    assertEquals(List.of(), registry.problems());
    assertNotEquals("unknown", registry.layers().origin("relu"));
  }
}
