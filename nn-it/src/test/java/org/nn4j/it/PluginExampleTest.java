package org.nn4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/plugin-example built on its own with Maven, as its author would ({@code mvn -B package}, which runs
 * the conformance kit over its providers), and its jar used by {@code ./nn4j}: given with {@code --plugins DIR}
 * or on the ordinary class path it lists, trains, saves and evaluates; left out, nn4j says which name is
 * unknown, lists the names available and points at a missing plugin jar.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginExampleTest {
  private static final String JAR = "nn4j-plugin-example-1.0.0.jar";
  /** The Java running this test; a child process finds commands on the parent's PATH, so it is named in full. */
  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private static final String NET = "affine(out=50) swish affine(out=20) leaky-relu(alpha=0.1) affine(out=10)";

  private Path temp;
  private Workbench bench;
  private Path plugins;
  private Path pluginJar;
  private String nn4j;

  @BeforeAll
  void buildThePlugin(@TempDir Path dir) throws Exception {
    temp = dir;
    bench = Workbench.create();
    nn4j = bench.root.resolve("nn4j").toString();
    Path project = temp.resolve("plugin-example");
    Workbench.copyTree(bench.root.resolve("examples/plugin-example"), project);
    Workbench.Run build = bench.run(project, bench.bin.resolve("mvn").toString(), "-B", "package").assertSucceeded();
    build.assertPrinted("Tests run: ").assertPrinted("in com.example.nn4j.SwishContractTest")
        .assertPrinted("in com.example.nn4j.LeakyReluContractTest").assertPrinted("in com.example.nn4j.HuberContractTest");
    plugins = Files.createDirectories(temp.resolve("plugins"));
    pluginJar = Files.copy(project.resolve("target/" + JAR), plugins.resolve(JAR), StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void theCommandLineDoesNotHaveThePluginByDefault() throws Exception {
    Workbench.Run run = bench.run(temp, nn4j, "plugins").assertSucceeded();
    assertFalse(run.output().contains("swish"), run.output());
  }

  @Test
  void pluginsListsEveryProviderWithItsJar() throws Exception {
    Workbench.Run run = bench.run(temp, nn4j, "plugins", "--plugins", plugins.toString()).assertSucceeded();
    for (String name : new String[] {"swish", "leaky-relu", "huber"}) {
      assertTrue(run.output().matches("(?s).*\\n  " + name + " [^\\n]*\\[" + JAR.replace(".", "\\.") + "].*"),
          name + " with its jar:\n" + run.output());
    }
    run.assertPrinted("alpha=0.01: slope for negative inputs");
    assertFalse(run.output().contains("Problems:"), run.output());
  }

  @Test
  void aNetworkUsingThePluginTrainsSavesAndLoads() throws Exception {
    Path model = temp.resolve("swish.nn4j");
    bench.run(temp, nn4j, "train", "--plugins", plugins.toString(), "--net", NET, "--loss", "huber", "--epochs", "1",
        "--save", model.toString()).assertSucceeded().assertPrinted("test accuracy: ");
    bench.run(temp, nn4j, "evaluate", "--plugins", plugins.toString(), "--model", model.toString())
        .assertSucceeded().assertPrinted("swish");
    Workbench.Run without = bench.run(temp, nn4j, "evaluate", "--model", model.toString());
    assertEquals(1, without.status(), without.output());
    without.assertPrinted("unknown layer 'swish'").assertPrinted("its jar may be missing");
  }

  @Test
  void theOrdinaryClassPathWorksToo() throws Exception {
    String classPath = bench.nn4jJar + File.pathSeparator + pluginJar;
    bench.run(temp, JAVA, "-cp", classPath, "org.nn4j.examples.Nn4j", "plugins").assertSucceeded()
        .assertPrinted("[" + JAR + "]");
    bench.run(temp, JAVA, "-cp", classPath, "org.nn4j.examples.Nn4j", "train", "--net", NET, "--iterations", "20",
        "--eval-subset", "100").assertSucceeded().assertPrinted("test accuracy: ");
  }

  @Test
  void withoutTheJarTheErrorListsTheNamesAndPointsAtAMissingPlugin() throws Exception {
    Workbench.Run run = bench.run(temp, nn4j, "train", "--net", "affine(out=50) swish affine(out=10)", "--epochs", "1");
    assertEquals(1, run.status(), run.output());
    assertEquals("nn4j: unknown layer 'swish'; available: affine, batch-norm, dropout, relu, sigmoid, softmax, tanh. "
        + "If it comes from a plugin, its jar may be missing from the class path. Give the directory of plugin jars "
        + "with --plugins DIR.", run.output().strip());
  }

  @Test
  void aDeniedPluginProviderIsUnknown() throws Exception {
    Workbench.Run run = bench.run(temp, nn4j, "train", "--plugins", plugins.toString(), "--deny-providers", "swish",
        "--net", "affine(out=50) swish affine(out=10)", "--epochs", "1");
    assertEquals(1, run.status(), run.output());
    run.assertPrinted("unknown layer 'swish'");
  }
}
