package org.nn4j.api;

/**
 * The service interface through which nn4j discovers a loss such as {@code mse} by name. Implement it, list the class in
 * {@code META-INF/services/org.nn4j.api.LossProvider} (or {@code provides} it in {@code module-info}), put the
 * jar on the class path, and networks can use it by name.
 */
public interface LossProvider extends NamedProvider {
  /**
   * A new, independent instance configured by {@code args}, which hold only arguments listed by
   * {@link #arguments()} and all required ones.
   *
   * @throws ConfigurationException when a value is out of range or does not parse
   */
  Loss create(Args args);
}
