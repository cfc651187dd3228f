package org.nn4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.nn4j.api.Args;
import org.nn4j.api.Argument;
import org.nn4j.api.ConfigurationException;
import org.nn4j.api.LayerProvider;
import org.nn4j.api.LossProvider;
import org.nn4j.api.NamedProvider;
import org.nn4j.api.OptimizerProvider;
import org.nn4j.core.Catalog;
import org.nn4j.core.Registry;

/**
 * The checks every kind of provider shares: a valid name and description, arguments that are declared,
 * rejected when unknown and accepted at their declared defaults, and a registry in which the provider under
 * test sits beside the built-ins, as it will at run time.
 */
final class ProviderChecks {
  /** An argument no provider should accept. */
  static final String UNKNOWN_ARGUMENT = "no-such-argument";

  private ProviderChecks() {
  }

  /** The name follows the naming rule, the description is one non-blank line, the arguments are distinct and described. */
  static void checkDescribed(NamedProvider provider) {
    String cls = provider.getClass().getName();
    String name = provider.name();
    assertTrue(name != null && NamedProvider.NAME_PATTERN.matcher(name).matches(), () -> cls + ": name '" + name
        + "' is invalid; names are lower-case words of letters and digits joined by hyphens, such as 'leaky-relu'");
    String description = provider.description();
    assertTrue(description != null && !description.isBlank() && !description.contains("\n"),
        () -> name + ": description() must be one non-blank line, got '" + description + "'");
    Set<String> seen = new HashSet<>();
    for (Argument a : provider.arguments()) {
      assertTrue(seen.add(a.name()), () -> name + ": argument '" + a.name() + "' is declared twice");
      assertTrue(!a.description().isBlank(), () -> name + ": argument '" + a.name() + "' has no description");
    }
  }

  /** Fails when the sample arguments lack a required argument or give one the provider does not declare. */
  static void checkSampleArguments(NamedProvider provider, Map<String, String> given, String hook) {
    List<String> declared = provider.arguments().stream().map(Argument::name).collect(Collectors.toList());
    List<String> lacking = provider.arguments().stream().filter(Argument::isRequired).map(Argument::name)
        .filter(a -> !given.containsKey(a)).collect(Collectors.toList());
    if (!lacking.isEmpty()) {
      fail(provider.name() + " (" + provider.getClass().getName() + ") requires " + lacking + "; give values for them in "
          + hook);
    }
    for (String key : given.keySet()) {
      if (!declared.contains(key)) {
        fail(provider.name() + ": the test gives argument '" + key + "' but arguments() declares only " + declared
            + "; declare it, or nn4j will reject it before create() is called");
      }
    }
  }

  /** An argument the provider does not declare is rejected, naming it and the accepted ones. */
  static void checkUnknownArgumentRejected(NamedProvider provider, Map<String, String> given,
      Function<Args, Object> create) {
    Map<String, String> with = new LinkedHashMap<>(given);
    with.put(UNKNOWN_ARGUMENT, "1");
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> create.apply(Args.of(provider.name(), with)),
        () -> provider.name() + ": an unknown argument must be rejected");
    assertTrue(e.getMessage().contains("unknown argument '" + UNKNOWN_ARGUMENT + "'"), e::getMessage);
  }

  /** The sample arguments with every other optional argument set to its declared default. */
  static Map<String, String> withDefaults(NamedProvider provider, Map<String, String> given) {
    Map<String, String> all = new LinkedHashMap<>(given);
    for (Argument a : provider.arguments()) {
      if (!a.isRequired()) {
        all.putIfAbsent(a.name(), a.defaultValue());
      }
    }
    return all;
  }

  /** Whether a provider declares an optional argument not among {@code given}. */
  static boolean hasDefaults(NamedProvider provider, Map<String, String> given) {
    return !withDefaults(provider, given).equals(given);
  }

  /**
   * Nn4j's built-ins (and whatever else the class path holds) with {@code provider} in them, in its own name:
   * the registry the checks make things through, so arguments are checked exactly as at run time.
   */
  static Registry registryWith(NamedProvider provider) {
    Registry found = Registry.load();
    List<LayerProvider> layers = replace(found.layers(), provider, LayerProvider.class);
    List<LossProvider> losses = replace(found.losses(), provider, LossProvider.class);
    List<OptimizerProvider> optimizers = replace(found.optimizers(), provider, OptimizerProvider.class);
    return Registry.of(layers, losses, optimizers, List.of());
  }

  private static <P extends NamedProvider> List<P> replace(Catalog<P> catalog, NamedProvider provider, Class<P> spi) {
    List<P> list = new ArrayList<>();
    if (spi.isInstance(provider)) {
      list.add(spi.cast(provider));
    }
    catalog.asMap().forEach((name, p) -> {
      if (!(spi.isInstance(provider) && name.equals(provider.name()))) {
        list.add(p);
      }
    });
    return list;
  }

  /** No other provider on the class path claims the same name, which would make one of them unreachable. */
  static void checkNameIsFree(NamedProvider provider, Catalog<? extends NamedProvider> onClassPath) {
    onClassPath.find(provider.name()).ifPresent(other -> assertEquals(provider.getClass(), other.getClass(),
        () -> provider.name() + ": the name is already provided by " + other.getClass().getName() + " ("
            + onClassPath.origin(provider.name()) + "); choose another name"));
  }
}
