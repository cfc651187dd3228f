package org.nn4j.core;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which providers a {@link Registry} keeps, by name, whatever their kind: when {@code allow} is not empty,
 * only the names it lists; never the names {@code deny} lists (deny wins). Lets a user switch off a plugin
 * that misbehaves, or pin exactly the providers a deployment may use.
 *
 * @param allow the names to keep, or empty to keep every name
 * @param deny the names to drop
 */
public record ProviderFilter(Set<String> allow, Set<String> deny) {
  /** Keeps every provider. */
  public static final ProviderFilter ALL = new ProviderFilter(Set.of(), Set.of());

  public ProviderFilter {
    allow = Set.copyOf(allow);
    deny = Set.copyOf(deny);
  }

  /** A filter from comma-separated lists of names, such as {@code "affine,relu"}; {@code null} is an empty list. */
  public static ProviderFilter parse(String allowList, String denyList) {
    return new ProviderFilter(names(allowList), names(denyList));
  }

  private static Set<String> names(String list) {
    if (list == null || list.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
  }

  /** Whether a provider of this name is kept. */
  public boolean keeps(String name) {
    return !deny.contains(name) && (allow.isEmpty() || allow.contains(name));
  }

  /** Whether this filter keeps everything. */
  public boolean keepsAll() {
    return allow.isEmpty() && deny.isEmpty();
  }

  /** The allowed names that are not in {@code available}, sorted. */
  Set<String> unknownAllowed(Collection<String> available) {
    Set<String> unknown = new TreeSet<>(allow);
    unknown.removeAll(available);
    return unknown;
  }
}
