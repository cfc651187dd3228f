package org.nn4j.examples;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.nn4j.api.DType;
import org.nn4j.examples.demo.Demo;
import org.nn4j.examples.demo.DemoOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nn4j demo [NAME]}: without a name, lists the demonstrations of the book's chapters 4 and 5; with one,
 * runs it. An unknown name, or an option the demonstration does not take, is a one-line error.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Reproduce the book's numbers (chapters 4 to 6); without NAME, list the demos.")
final class DemoCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "NAME", description = "The demo to run; omit it to list them.")
  private String name;

  @Option(names = "--dot", paramLabel = "FILE", description = "apple, apple-orange: also write the graph as "
      + "Graphviz DOT to FILE.")
  private Path dot;

  @Option(names = "--seed", description = "gradient-check: seed of the initial weights (default: ${DEFAULT-VALUE}).",
      defaultValue = "42")
  private long seed;

  @Option(names = "--dtype", paramLabel = "TYPE", description = "gradient-check: element type; anything but "
      + "float64 is refused (default: ${DEFAULT-VALUE}).", defaultValue = "float64", converter = DTypeConverter.class)
  private DType dtype;

  @Option(names = "--csv", paramLabel = "FILE", description = "optimizers: also write each optimizer's path to "
      + "FILE as CSV.")
  private Path csv;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<Demo> demos = Demo.all();
    if (name == null) {
      out.println("The demos reproduce, number by number, what Deep Learning from Scratch prints in chapters 4 to 6:");
      for (Demo d : demos) {
        out.printf("  %-20s %-16s %s%n", d.name(), d.section(), d.summary());
      }
      out.println("Run one with: nn4j demo NAME. Each is one class in nn-examples/src/main/java/org/nn4j/examples/demo/.");
      out.flush();
      return 0;
    }
    Demo demo = demos.stream().filter(d -> d.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown demo '" + name + "'; available: "
            + demos.stream().map(Demo::name).collect(Collectors.joining(", "))));
    for (String option : List.of("--dot", "--seed", "--dtype", "--csv")) {
      if (spec.commandLine().getParseResult().hasMatchedOption(option) && !demo.options().contains(option)) {
        throw new IllegalArgumentException("demo " + name + " takes no " + option + " option"
            + (demo.options().isEmpty() ? "" : "; it takes " + String.join(", ", demo.options())));
      }
    }
    demo.runner().run(out, new DemoOptions(dot, seed, dtype, csv));
    out.flush();
    return 0;
  }
}
