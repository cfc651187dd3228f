package org.nn4j.api;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The immutable string arguments given to a provider, such as {@code out=50, init=he} in
 * {@code affine(out=50, init=he)}, with typed accessors whose errors name the provider and the argument.
 * Arguments a provider does not accept are rejected by {@link #requireOnly} before it sees them, in the way
 * Lucene's analysis factories reject leftover arguments.
 */
public final class Args {
  private final String owner;
  private final Map<String, String> values;

  private Args(String owner, Map<String, String> values) {
    this.owner = owner;
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** Arguments for the provider named {@code owner} (used in messages). */
  public static Args of(String owner, Map<String, String> values) {
    return new Args(owner, values);
  }

  /** Arguments from alternating keys and values: {@code Args.of("affine", "out", "50")}. */
  public static Args of(String owner, String... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new ConfigurationException(owner + ": arguments come in key, value pairs; got an odd number ("
          + keysAndValues.length + ")");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (map.put(keysAndValues[i], keysAndValues[i + 1]) != null) {
        throw new ConfigurationException(owner + ": argument '" + keysAndValues[i] + "' given twice");
      }
    }
    return new Args(owner, map);
  }

  /** No arguments. */
  public static Args none(String owner) {
    return new Args(owner, Map.of());
  }

  /** The provider these arguments are for. */
  public String owner() {
    return owner;
  }

  /** The arguments as an unmodifiable map, in the order given. */
  public Map<String, String> asMap() {
    return values;
  }

  /** Whether the argument was given. */
  public boolean has(String key) {
    return values.containsKey(key);
  }

  /**
   * Checks that every given argument is one of {@code accepted}.
   *
   * @throws ConfigurationException such as {@code affine: unknown argument 'ot'; accepted: out, init, std}
   */
  public Args requireOnly(Collection<Argument> accepted) {
    List<String> names = accepted.stream().map(Argument::name).collect(Collectors.toList());
    for (String key : values.keySet()) {
      if (!names.contains(key)) {
        throw new ConfigurationException(owner + ": unknown argument '" + key + "'; accepted: "
            + (names.isEmpty() ? "none" : String.join(", ", names)));
      }
    }
    for (Argument a : accepted) {
      if (a.isRequired() && !values.containsKey(a.name())) {
        throw new ConfigurationException(owner + ": missing argument '" + a.name() + "' (" + a.description() + ")");
      }
    }
    return this;
  }

  /** The value of a required argument. */
  public String getString(String key) {
    String v = values.get(key);
    if (v == null) {
      throw new ConfigurationException(owner + ": missing argument '" + key + "'");
    }
    return v;
  }

  /** The value, or {@code fallback} when it was not given. */
  public String getString(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }

  /** A required whole-number argument. */
  public int getInt(String key) {
    return parseInt(key, getString(key));
  }

  /** A whole-number argument, or {@code fallback}. */
  public int getInt(String key, int fallback) {
    return has(key) ? parseInt(key, values.get(key)) : fallback;
  }

  /** A required decimal argument. */
  public double getDouble(String key) {
    return parseDouble(key, getString(key));
  }

  /** A decimal argument, or {@code fallback}. */
  public double getDouble(String key, double fallback) {
    return has(key) ? parseDouble(key, values.get(key)) : fallback;
  }

  /** A {@code true}/{@code false} argument, or {@code fallback}. */
  public boolean getBoolean(String key, boolean fallback) {
    if (!has(key)) {
      return fallback;
    }
    String v = values.get(key).trim().toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("false")) {
      return Boolean.parseBoolean(v);
    }
    throw new ConfigurationException(owner + ": argument '" + key + "' must be true or false, got '" + values.get(key) + "'");
  }

  private int parseInt(String key, String v) {
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new ConfigurationException(owner + ": argument '" + key + "' must be a whole number, got '" + v + "'", e);
    }
  }

  private double parseDouble(String key, String v) {
    try {
      double d = Double.parseDouble(v.trim());
      if (Double.isNaN(d)) {
        throw new NumberFormatException("NaN");
      }
      return d;
    } catch (NumberFormatException e) {
      throw new ConfigurationException(owner + ": argument '" + key + "' must be a number, got '" + v + "'", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Args && ((Args) o).owner.equals(owner) && ((Args) o).values.equals(values);
  }

  @Override
  public int hashCode() {
    return owner.hashCode() * 31 + values.hashCode();
  }

  /** The arguments as a spec writes them: {@code out=50, init=he}. */
  @Override
  public String toString() {
    return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
  }
}
