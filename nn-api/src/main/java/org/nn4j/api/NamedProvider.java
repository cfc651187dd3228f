package org.nn4j.api;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What every provider has: a stable lower-case name by which networks refer to it ({@code affine},
 * {@code softmax-cross-entropy}), a one-line description, and the arguments it accepts. Providers are
 * stateless and thread-safe, and need a public no-argument constructor for {@link java.util.ServiceLoader}.
 */
public interface NamedProvider {
  /** Valid names: lower-case words of letters and digits joined by single hyphens. */
  Pattern NAME_PATTERN = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  /** The stable name, matching {@link #NAME_PATTERN}. */
  String name();

  /** One line on what the provider makes, for {@code nn4j plugins}. */
  String description();

  /** The arguments accepted; any other is rejected before {@code create} is called. */
  default List<Argument> arguments() {
    return List.of();
  }
}
