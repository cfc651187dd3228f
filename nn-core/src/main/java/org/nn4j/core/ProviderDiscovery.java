package org.nn4j.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.nn4j.api.NamedProvider;

/**
 * Finds the providers of one kind through {@link ServiceLoader}, provider by provider, so that a provider
 * that fails (a constructor that throws, a class that is missing, a bad name, a name taken) is reported with
 * its class and jar while the others keep working. The first provider of a name on the class path wins; a
 * later one of the same name is reported as a duplicate.
 */
final class ProviderDiscovery {
  /** A bound on errors from one service loader, whose recovery after an error is only best effort. */
  private static final int MAX_ERRORS = 1000;

  private ProviderDiscovery() {
  }

  /** What discovery found for one kind. */
  record Found<P extends NamedProvider>(Map<String, P> providers, Map<String, String> origins,
      List<ProviderProblem> problems) {
  }

  static <P extends NamedProvider> Found<P> discover(ProviderKind kind, Class<P> spi, ClassLoader loader) {
    Map<String, String> declaredIn = servicesEntries(spi, loader);
    Map<String, P> providers = new LinkedHashMap<>();
    Map<String, String> origins = new LinkedHashMap<>();
    List<ProviderProblem> problems = new ArrayList<>();
    Iterator<P> it = ServiceLoader.load(spi, loader).iterator();
    int errors = 0;
    while (errors < MAX_ERRORS) {
      P provider;
      try {
        if (!it.hasNext()) {
          break;
        }
        provider = it.next();
      } catch (ServiceConfigurationError e) {
        errors++;
        String cls = classNamedIn(e, declaredIn);
        problems.add(new ProviderProblem(kind, cls, declaredIn.getOrDefault(cls, "unknown"), describe(e)));
        continue;
      }
      add(kind, provider, providers, origins, problems);
    }
    return new Found<>(providers, origins, problems);
  }

  /** Adds one provider found some other way (a Guice binding), with the same checks as discovery. */
  static <P extends NamedProvider> void add(ProviderKind kind, P provider, Map<String, P> providers,
      Map<String, String> origins, List<ProviderProblem> problems) {
    String cls = provider.getClass().getName();
    String origin = originOf(provider.getClass());
    String name;
    try {
      name = provider.name();
    } catch (RuntimeException e) {
      problems.add(new ProviderProblem(kind, cls, origin, "name() threw " + e));
      return;
    }
    if (name == null || !NamedProvider.NAME_PATTERN.matcher(name).matches()) {
      problems.add(new ProviderProblem(kind, cls, origin, "invalid name '" + name
          + "': names are lower-case words of letters and digits joined by hyphens, such as 'leaky-relu'"));
      return;
    }
    P existing = providers.get(name);
    if (existing != null) {
      if (existing.getClass() != provider.getClass()) {
        problems.add(new ProviderProblem(kind, cls, origin, "duplicate name '" + name + "': already provided by "
            + existing.getClass().getName() + " (" + origins.get(name) + "), which is used"));
      }
      return;
    }
    providers.put(name, provider);
    origins.put(name, origin);
  }

  /** The jar file name, class directory, or {@code module NAME} a class was loaded from. */
  static String originOf(Class<?> type) {
    if (type.getModule().isNamed()) {
      return "module " + type.getModule().getName();
    }
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return "unknown";
    }
    return lastSegment(source.getLocation().toString());
  }

  private static String lastSegment(String url) {
    String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    if (u.startsWith("jar:")) {
      // "jar:file:/x/p.jar!/entry", or "jar:file:/x/p.jar!" once a services path and its slash are cut off
      int bang = u.indexOf("!/");
      if (bang < 0 && u.endsWith("!")) {
        bang = u.length() - 1;
      }
      u = u.substring(4, bang < 0 ? u.length() : bang);
    }
    return u.substring(u.lastIndexOf('/') + 1);
  }

  /** Every class named in a services file for {@code spi}, mapped to the jar or directory naming it. */
  private static Map<String, String> servicesEntries(Class<?> spi, ClassLoader loader) {
    Map<String, String> entries = new LinkedHashMap<>();
    try {
      Enumeration<URL> files = loader.getResources("META-INF/services/" + spi.getName());
      while (files.hasMoreElements()) {
        URL url = files.nextElement();
        String jar = lastSegment(url.toString().replace("/META-INF/services/" + spi.getName(), ""));
        try (BufferedReader r = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            String name = line.replaceAll("#.*", "").trim();
            if (!name.isEmpty()) {
              entries.putIfAbsent(name, jar);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the services files of " + spi.getName(), e);
    }
    return entries;
  }

  private static String classNamedIn(ServiceConfigurationError e, Map<String, String> declared) {
    String best = "unknown";
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage());
      for (String cls : declared.keySet()) {
        if (m.contains(cls) && cls.length() > (best.equals("unknown") ? 0 : best.length())) {
          best = cls;
        }
      }
    }
    return best;
  }

  private static String describe(ServiceConfigurationError e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root == e ? e.getMessage() : e.getMessage() + ": " + root;
  }
}
