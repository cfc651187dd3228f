package org.nn4j.examples;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.nn4j.core.ProviderFilter;
import org.nn4j.core.Registry;
import picocli.CommandLine.Option;

/**
 * The options every command that makes or lists providers shares: {@code --plugins DIR} adds every
 * {@code *.jar} in a directory to what nn4j's class path already holds, and {@code --allow-providers} /
 * {@code --deny-providers} keep or drop providers by name (deny wins).
 */
final class ProviderOptions {
  @Option(names = "--plugins", paramLabel = "DIR", description = "Also load the plugin jars (*.jar) in DIR.")
  private Path plugins;

  @Option(names = "--allow-providers", paramLabel = "NAMES", description = "Use only these providers "
      + "(comma-separated names of layers, losses and optimizers).")
  private String allow;

  @Option(names = "--deny-providers", paramLabel = "NAMES", description = "Never use these providers "
      + "(comma-separated names); wins over --allow-providers.")
  private String deny;

  /**
   * The registry of the providers on the class path and in the plugin jars, filtered by name.
   *
   * @throws NoSuchFileException when the plugin directory does not exist
   * @throws IllegalArgumentException when it holds no jar, or an allowed name has no provider
   */
  Registry registry() throws IOException {
    return Registry.load(loader(), ProviderFilter.parse(allow, deny));
  }

  private ClassLoader loader() throws IOException {
    ClassLoader base = Registry.class.getClassLoader();
    if (plugins == null) {
      return base;
    }
    if (!Files.isDirectory(plugins)) {
      throw new NoSuchFileException(plugins.toString(), null, "--plugins needs a directory of plugin jars");
    }
    List<URL> jars = new ArrayList<>();
    try (Stream<Path> files = Files.list(plugins)) {
      for (Path jar : files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
        jars.add(url(jar));
      }
    }
    if (jars.isEmpty()) {
      throw new IllegalArgumentException("--plugins " + plugins + ": no plugin jars (*.jar) in that directory");
    }
    // Not closed: plugin classes load lazily for as long as the command runs, and the process ends with it.
    return new URLClassLoader(jars.toArray(URL[]::new), base);
  }

  private static URL url(Path jar) throws MalformedURLException {
    return jar.toAbsolutePath().toUri().toURL();
  }
}
