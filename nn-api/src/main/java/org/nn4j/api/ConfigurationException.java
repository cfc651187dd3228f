package org.nn4j.api;

/**
 * Thrown when a network is configured wrongly: an unknown layer, loss or optimizer name, an unknown or
 * missing argument, a value that does not parse. The message says what is wrong and what is accepted, so the
 * command line can show it as it is.
 */
public class ConfigurationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ConfigurationException(String message) {
    super(message);
  }

  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
