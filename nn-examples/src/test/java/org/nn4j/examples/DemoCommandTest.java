package org.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nn4j.examples.demo.Demo;
import org.nn4j.examples.demo.DemoOptions;

/** {@code nn4j demo}: the list, each demo through the command line, and its errors. */
class DemoCommandTest {
  @TempDir
  Path dir;

  private static final List<String> NAMES = List.of("loss", "accuracy-vs-loss", "numerical-diff", "gradient-descent",
      "simple-net", "numerical-training", "apple", "apple-orange", "relu-sigmoid", "gradient-check", "optimizers",
      "weight-init");

  @Test
  void withoutANameListsEveryDemo() {
    CliRun run = CliRun.of("demo");
    assertEquals(0, run.status(), run.err());
    for (String name : NAMES) {
      assertTrue(run.out().lines().anyMatch(l -> l.startsWith("  " + name + " ")), name + " in:\n" + run.out());
    }
    assertEquals(NAMES, Demo.all().stream().map(Demo::name).toList());
  }

  @Test
  void everySourceFileNamedExists() {
    for (Demo d : Demo.all()) {
      assertTrue(Files.isRegularFile(Path.of("..").resolve(d.sourceFile())), d.sourceFile());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"loss", "numerical-diff", "gradient-descent", "simple-net", "apple", "apple-orange",
      "relu-sigmoid", "accuracy-vs-loss", "optimizers", "weight-init"})
  void theCommandLinePrintsWhatTheDemoPrints(String name) throws Exception {
    CliRun run = CliRun.of("demo", name);
    assertEquals(0, run.status(), run.err());
    assertEquals("", run.err());
    StringWriter direct = new StringWriter();
    Demo demo = Demo.all().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    demo.runner().run(new PrintWriter(direct, true), DemoOptions.defaults());
    assertEquals(direct.toString(), run.out());
  }

  @Test
  void unknownNameIsOneLineListingTheNames() {
    CliRun run = CliRun.of("demo", "aple");
    assertEquals(1, run.status());
    assertEquals("nn4j: unknown demo 'aple'; available: " + String.join(", ", NAMES), run.err().strip());
  }

  @Test
  void anOptionTheDemoDoesNotTakeIsAnError() {
    CliRun run = CliRun.of("demo", "loss", "--dot", dir.resolve("x.dot").toString());
    assertEquals(1, run.status());
    assertEquals("nn4j: demo loss takes no --dot option", run.err().strip());
  }

  @Test
  void appleWritesItsGraphAsDot() throws IOException {
    Path file = dir.resolve("apple.dot");
    CliRun run = CliRun.of("demo", "apple-orange", "--dot", file.toString());
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("Graphviz DOT written to " + file), run.out());
    String dot = Files.readString(file);
    assertTrue(dot.startsWith("digraph \"buy apples and oranges\" {"), dot);
    assertTrue(dot.contains("\"orange\" -> \"mul_orange_layer\" [label=<150.0<br/><font color=\"red\">"
        + "[3.3000000000000003]</font>>];"), dot);
    assertTrue(dot.contains("\"mul_tax_layer\" -> \"price\" [label=<715.0000000000001<br/>"), dot);
  }

  @Test
  void gradientCheckInFloat32IsRefused() {
    CliRun run = CliRun.of("demo", "gradient-check", "--dtype", "float32");
    assertEquals(1, run.status());
    assertTrue(run.err().strip().startsWith("nn4j: gradient-check: gradient checks need float64; got float32"),
        run.err());
  }

  @Test
  void gradientCheckOfTheTwoLayerNetwork() {
    CliRun run = CliRun.of("demo", "gradient-check");
    assertEquals(0, run.status(), run.err());
    double[] bounds = {1e-8, 1e-8, 1e-7, 2e-7};
    String[] names = {"W1", "b1", "W2", "b2"};
    for (int i = 0; i < names.length; i++) {
      Matcher m = Pattern.compile("(?m)^" + names[i] + ":(\\S+)$").matcher(run.out());
      assertTrue(m.find(), names[i] + " in:\n" + run.out());
      double diff = Double.parseDouble(m.group(1));
      assertTrue(diff < bounds[i], names[i] + ":" + diff);
      if (i == 3) {
        assertTrue(diff > 1e-7, "the 1e-7 inside the log gives about 1.4e-7 on b2: " + diff);
      }
    }
    assertTrue(run.out().contains("No hidden pre-activation lies within h of 0"), run.out());
    assertTrue(run.out().strip().endsWith("PASSED: every difference is below 1e-6."), run.out());
  }

  @Test
  void gradientCheckNamesAKinkAndReportsWithAndWithoutIt() {
    CliRun run = CliRun.of("demo", "gradient-check", "--seed", "16");
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("Kinks: 1 hidden pre-activation(s) within h = 1e-4 of 0, where ReLU bends:\n"
        + "  sample 0, unit 30: 8.344"), run.out());
    Matcher all = Pattern.compile("(?m)^b1:(\\S+)$").matcher(run.out());
    assertTrue(all.find(), run.out());
    assertTrue(Double.parseDouble(all.group(1)) > 1e-6, "the straddled difference shows: " + all.group());
    Matcher clean = Pattern.compile("(?m)^b1:(\\S+)   \\(1 element\\(s\\) left out\\)$").matcher(run.out());
    assertTrue(clean.find(), run.out());
    assertTrue(Double.parseDouble(clean.group(1)) < 1e-6, clean.group());
    assertTrue(run.out().strip().endsWith("PASSED: every difference (kinked units left out) is below 1e-6."), run.out());
  }

  @Test
  void numericalTrainingFollowsBackprop() {
    CliRun run = CliRun.of("demo", "numerical-training");
    assertEquals(0, run.status(), run.err());
    Matcher m = Pattern.compile("(?m)^(?:after )?\\d+ +(\\S+) +(\\S+) +(\\S+)$").matcher(run.out());
    double previous = Double.POSITIVE_INFINITY;
    int rows = 0;
    while (m.find()) {
      double numerical = Double.parseDouble(m.group(1));
      double backprop = Double.parseDouble(m.group(2));
      assertTrue(Math.abs(numerical - backprop) < 1e-6, m.group());
      assertTrue(numerical < previous, "the loss goes down: " + m.group());
      previous = numerical;
      rows++;
    }
    assertEquals(3, rows, run.out());
    assertTrue(run.out().contains("time per iteration: numerical "), run.out());
  }
}
