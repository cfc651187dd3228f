package org.nn4j.api;

import java.util.Objects;

/**
 * The description of one argument a provider accepts, shown by {@code nn4j plugins}: its name, what it
 * means, and its default ({@code null} when the argument is required).
 *
 * @param name argument name, such as {@code out}
 * @param description one line on what it does and which values it takes
 * @param defaultValue the value used when it is left out, or {@code null} when it must be given
 */
public record Argument(String name, String description, String defaultValue) {
  public Argument {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
  }

  /** An argument that must be given. */
  public static Argument required(String name, String description) {
    return new Argument(name, description, null);
  }

  /** An argument with a default. */
  public static Argument optional(String name, String defaultValue, String description) {
    return new Argument(name, description, Objects.requireNonNull(defaultValue, "defaultValue"));
  }

  /** Whether the argument must be given. */
  public boolean isRequired() {
    return defaultValue == null;
  }

  @Override
  public String toString() {
    return name + (isRequired() ? " (required)" : "=" + defaultValue) + ": " + description;
  }
}
