package org.nn4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.api.Args;
import org.nn4j.api.Layer;
import org.nn4j.api.LayerProvider;
import org.nn4j.api.Shape;
import org.nn4j.api.Tensor;

/**
 * Discovery through {@link java.util.ServiceLoader} over a plugin directory or jar in which most providers are
 * broken: each problem is reported with its class and origin, and the good providers, built-in or not, still
 * work (DESIGN §2: one broken plugin must not hide the others).
 */
class RegistryDiscoveryTest {
  private static final String SERVICES = "META-INF/services/" + LayerProvider.class.getName();
  private static final String MISSING = "org.nn4j.plugin.DoesNotExist";

  /** A provider whose constructor fails, as a plugin missing its own configuration might. */
  public static final class ThrowingProvider implements LayerProvider {
    public ThrowingProvider() {
      throw new IllegalStateException("plugin refuses to start");
    }

    @Override
    public String name() {
      return "never";
    }

    @Override
    public String description() {
      return "never made";
    }

    @Override
    public Layer create(Args args) {
      throw new AssertionError("unreachable");
    }
  }

  /** A provider with a name that breaks the naming rule. */
  public static final class BadNameProvider implements LayerProvider {
    @Override
    public String name() {
      return "Bad_Name";
    }

    @Override
    public String description() {
      return "badly named";
    }

    @Override
    public Layer create(Args args) {
      return new Triple();
    }
  }

  /** A provider that claims a built-in's name. */
  public static final class DuplicateReluProvider implements LayerProvider {
    @Override
    public String name() {
      return "relu";
    }

    @Override
    public String description() {
      return "an impostor";
    }

    @Override
    public Layer create(Args args) {
      return new Triple();
    }
  }

  /** The one good plugin provider: {@code triple}. */
  public static final class TripleProvider implements LayerProvider {
    @Override
    public String name() {
      return "triple";
    }

    @Override
    public String description() {
      return "multiplies by three";
    }

    @Override
    public Layer create(Args args) {
      return new Triple();
    }
  }

  /** {@code 3x}, element-wise. */
  static final class Triple implements Layer {
    @Override
    public Shape outputShape(Shape input) {
      return input;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
      return x.scale(3);
    }

    @Override
    public Tensor backward(Tensor dout) {
      return dout.scale(3);
    }
  }

  private static String servicesFile() {
    return "# a plugin in which most providers are broken\n"
        + MISSING + "\n"
        + ThrowingProvider.class.getName() + "   # constructor throws\n"
        + BadNameProvider.class.getName() + "\n"
        + DuplicateReluProvider.class.getName() + "\n"
        + TripleProvider.class.getName() + "\n";
  }

  @Test
  void brokenProvidersInADirectoryAreReportedOneByOne(@TempDir Path temp) throws IOException {
    Path dir = temp.resolve("broken-plugins");
    Files.createDirectories(dir.resolve("META-INF/services"));
    Files.writeString(dir.resolve(SERVICES), servicesFile(), StandardCharsets.UTF_8);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      Registry registry = Registry.load(loader);
      assertReported(registry, "broken-plugins");
    }
  }

  @Test
  void brokenProvidersInAJarAreReportedWithTheJarsName(@TempDir Path temp) throws IOException {
    Path jar = temp.resolve("broken-plugin-1.0.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry(SERVICES));
      out.write(servicesFile().getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
      Registry registry = Registry.load(loader);
      assertReported(registry, "broken-plugin-1.0.jar");
    }
  }

  /**
   * The missing and the failing class are attributed to the plugin that names them ({@code declaredBy}); the
   * classes that loaded (these test classes, through the parent loader) to where their code came from.
   */
  private static void assertReported(Registry registry, String declaredBy) {
    List<ProviderProblem> problems = registry.problems();
    assertEquals(4, problems.size(), problems::toString);
    String testClasses = ProviderDiscovery.originOf(RegistryDiscoveryTest.class);

    ProviderProblem missing = problems.get(0);
    assertEquals(ProviderKind.LAYER, missing.kind());
    assertEquals(MISSING, missing.providerClass());
    assertEquals(declaredBy, missing.origin());
    assertTrue(missing.message().contains("Provider " + MISSING + " not found"), missing.message());

    ProviderProblem throwing = problems.get(1);
    assertEquals(ThrowingProvider.class.getName(), throwing.providerClass());
    assertEquals(declaredBy, throwing.origin());
    assertTrue(throwing.message().contains("could not be instantiated"), throwing.message());
    assertTrue(throwing.message().endsWith("java.lang.IllegalStateException: plugin refuses to start"),
        throwing.message());

    assertEquals(new ProviderProblem(ProviderKind.LAYER, BadNameProvider.class.getName(), testClasses,
        "invalid name 'Bad_Name': names are lower-case words of letters and digits joined by hyphens, such as "
            + "'leaky-relu'"), problems.get(2));

    Registry builtIns = Registry.load();
    assertEquals(new ProviderProblem(ProviderKind.LAYER, DuplicateReluProvider.class.getName(), testClasses,
        "duplicate name 'relu': already provided by org.nn4j.layers.Relu$Provider ("
            + builtIns.layers().origin("relu") + "), which is used"), problems.get(3));

    assertEquals(List.of("affine", "batch-norm", "dropout", "relu", "sigmoid", "softmax", "tanh", "triple"), registry.layers().names());
    assertEquals("org.nn4j.layers.Relu", registry.layer("relu", Args.none("relu")).getClass().getName(),
        "the first provider of a name wins");
    Tensor y = registry.layer("triple", Args.none("triple")).forward(Tensor.of(1, -2), false);
    assertTrue(y.sameAs(Tensor.of(3, -6)), y::toString);
    assertEquals(testClasses, registry.layers().origin("triple"));
    assertEquals(builtIns.losses().names(), registry.losses().names());
    assertEquals(builtIns.optimizers().names(), registry.optimizers().names());
  }

  @Test
  void aLoaderWithoutPluginsFindsJustTheBuiltIns(@TempDir Path temp) throws IOException {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {temp.toUri().toURL()}, getClass().getClassLoader())) {
      Registry registry = Registry.load(loader);
      assertEquals(List.of(), registry.problems());
      assertEquals(List.of("affine", "batch-norm", "dropout", "relu", "sigmoid", "softmax", "tanh"), registry.layers().names());
    }
  }

  @Test
  void aClassDirectoryOriginIsItsName() {
    String origin = ProviderDiscovery.originOf(RegistryDiscoveryTest.class);
    assertEquals("test-classes", origin, "tests run from Maven's target/test-classes");
    assertEquals("module java.base", ProviderDiscovery.originOf(String.class));
  }
}
