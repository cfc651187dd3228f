package org.nn4j.api;

/**
 * The service interface through which nn4j discovers a layer such as {@code affine} by name. Implement it, list the class in
 * {@code META-INF/services/org.nn4j.api.LayerProvider} (or {@code provides} it in {@code module-info}), put the
 * jar on the class path, and networks can use it by name.
 */
public interface LayerProvider extends NamedProvider {
  /**
   * A new, independent instance configured by {@code args}, which hold only arguments listed by
   * {@link #arguments()} and all required ones.
   *
   * @throws ConfigurationException when a value is out of range or does not parse
   */
  Layer create(Args args);
}
