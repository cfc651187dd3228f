package org.nn4j.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.nn4j.api.Argument;
import org.nn4j.api.NamedProvider;
import org.nn4j.core.Catalog;
import org.nn4j.core.ProviderProblem;
import org.nn4j.core.Registry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code nn4j plugins}: every layer, loss and optimizer found on the class path, with its arguments and the
 * jar or module it came from, then any provider that could not be used and why.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true,
    description = "List the layers, losses and optimizers found, with their arguments and origin.")
final class PluginsCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Mixin
  private ProviderOptions providers;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Registry registry = providers.registry();
    print(out, "Layers", registry.layers());
    print(out, "Losses", registry.losses());
    print(out, "Optimizers", registry.optimizers());
    if (!registry.problems().isEmpty()) {
      out.println("Problems:");
      for (ProviderProblem p : registry.problems()) {
        out.println("  " + p);
      }
    }
    out.flush();
    return 0;
  }

  private static void print(PrintWriter out, String title, Catalog<? extends NamedProvider> catalog) {
    out.println(title + ":");
    catalog.asMap().forEach((name, p) -> {
      out.printf("  %-22s %s  [%s]%n", name, p.description(), catalog.origin(name));
      for (Argument a : p.arguments()) {
        out.printf("  %-22s   %s%n", "", a);
      }
    });
  }
}
