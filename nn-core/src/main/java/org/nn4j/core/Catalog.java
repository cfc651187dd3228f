package org.nn4j.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.nn4j.api.ConfigurationException;
import org.nn4j.api.NamedProvider;

/**
 * The providers of one kind, by name, sorted: an immutable part of a {@link Registry}. A failed lookup lists
 * every name available, suggests the closest one, and says that a plugin jar may be missing.
 *
 * @param <P> the provider interface
 */
public final class Catalog<P extends NamedProvider> {
  /** The sentence that ends a failed lookup, pointing at a missing plugin jar. */
  public static final String PLUGIN_HINT = "If it comes from a plugin, its jar may be missing from the class path.";

  private final ProviderKind kind;
  private final Map<String, P> byName;
  private final Map<String, String> origins;

  Catalog(ProviderKind kind, Map<String, P> byName, Map<String, String> origins) {
    this.kind = kind;
    this.byName = Collections.unmodifiableMap(new TreeMap<>(byName));
    this.origins = Collections.unmodifiableMap(new LinkedHashMap<>(origins));
  }

  /** Which kind of provider this catalog holds. */
  public ProviderKind kind() {
    return kind;
  }

  /** The names, sorted. */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /** The providers by name, sorted by name. */
  public Map<String, P> asMap() {
    return byName;
  }

  /** The provider of that name, if any. */
  public Optional<P> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * The provider of that name.
   *
   * @throws ConfigurationException such as {@code unknown layer 'afine' (did you mean 'affine'?); available:
   *     affine, relu, sigmoid}, adding that a plugin jar may be missing
   */
  public P get(String name) {
    P p = byName.get(name);
    if (p == null) {
      String suggestion = closest(name).map(s -> " (did you mean '" + s + "'?)").orElse("");
      throw new ConfigurationException("unknown " + kind.word() + " '" + name + "'" + suggestion + "; available: "
          + String.join(", ", byName.keySet()) + ". " + PLUGIN_HINT);
    }
    return p;
  }

  /** Where the named provider came from: a jar's file name, a directory, or {@code module NAME}. */
  public String origin(String name) {
    return origins.getOrDefault(name, "unknown");
  }

  private Optional<String> closest(String name) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : byName.keySet()) {
      int d = editDistance(name, candidate);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return bestDistance <= Math.max(2, name.length() / 3) ? Optional.ofNullable(best) : Optional.empty();
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
