package org.nn4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/plugins.md, followed word by word: its files are written and its commands run, in order, in one bash
 * session starting in an empty directory, with nn4j's artifacts staged as {@code mvn install} would leave them.
 * The guide builds and tests a plugin jar with Maven, then lists, trains with and evaluates it through
 * {@code nn4j}, and lists it again from the ordinary class path.
 */
class PluginGuideTest {
  @Test
  void followingTheGuideYieldsATestedPluginJarThatNn4jUses(@TempDir Path empty) throws Exception {
    Workbench bench = Workbench.create();
    String guide = Files.readString(bench.root.resolve("docs/plugins.md"), StandardCharsets.UTF_8);
    assertTrue(guide.contains("<nn4j.version>" + bench.version + "</nn4j.version>"),
        "the guide's POM must name this nn4j version, " + bench.version);
    Path script = Files.writeString(empty.resolve("..").resolve(empty.getFileName() + "-guide.sh"),
        GuideScript.of(guide), StandardCharsets.UTF_8);
    try {
      Workbench.Run run = bench.run(empty, "bash", script.toString()).assertSucceeded();
      run.assertPrinted("Tests run: ").assertPrinted("BUILD SUCCESS")
          .assertPrinted("  swish ").assertPrinted("x * sigmoid(x), element-wise  [swish-plugin-1.0.0.jar]")
          .assertPrinted("test accuracy: ")
          .assertPrinted("saved model to swish.nn4j");
      assertTrue(run.output().matches("(?s).*Tests run: [1-9][0-9]*, Failures: 0, Errors: 0, Skipped: 0.*"),
          run.output());
      assertEquals(2, run.output().split("\\[swish-plugin-1\\.0\\.0\\.jar]", -1).length - 1,
          "swish is listed with its jar twice, by --plugins and from the class path:\n" + run.output());
    } finally {
      Files.delete(script);
    }
  }

  @Test
  void theGuideWritesEveryFileItShowsAndRunsEveryCommand() throws Exception {
    Workbench bench = Workbench.create();
    List<GuideScript.Block> blocks = GuideScript.blocks(
        Files.readString(bench.root.resolve("docs/plugins.md"), StandardCharsets.UTF_8));
    assertEquals(List.of("pom.xml", "src/main/java/com/example/swish/Swish.java",
            "src/main/resources/META-INF/services/org.nn4j.api.LayerProvider",
            "src/test/java/com/example/swish/SwishContractTest.java"),
        blocks.stream().filter(b -> b.file() != null).map(GuideScript.Block::file).toList());
    assertEquals(4, blocks.stream().filter(GuideScript.Block::isCommands).count(), "mkdir, mvn, nn4j, java -cp");
    assertEquals(1, blocks.stream().filter(b -> b.file() == null && !b.isCommands()).count(),
        "only the module-info illustration is neither a file nor commands");
  }
}
