package org.nn4j.core;

/**
 * A provider the registry could not use, reported rather than thrown so that one broken plugin does not
 * hide the others: a constructor that throws, a class that is missing, an invalid or duplicate name.
 *
 * @param kind which kind of provider
 * @param providerClass the class named in {@code META-INF/services} (or the provider's class)
 * @param origin the jar, directory or module it came from, or {@code unknown}
 * @param message what is wrong
 */
public record ProviderProblem(ProviderKind kind, String providerClass, String origin, String message) {
  @Override
  public String toString() {
    return kind.word() + " provider " + providerClass + " (" + origin + "): " + message;
  }
}
