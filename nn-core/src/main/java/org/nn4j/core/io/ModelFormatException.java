package org.nn4j.core.io;

import java.io.IOException;

/**
 * Thrown when a model file is not a well-formed nn4j model file (the safetensors layout), for example
 * {@code "model.nn4j: tensor 'affine#1.W' has shape [784, 50] (39200 elements of F32 = 156800 bytes) but
 * data_offsets [0, 1000] span 1000 bytes"}. The message always names the file and the fault.
 *
 * <p>It is a checked {@link IOException} because a corrupt or foreign file is an expected condition of
 * reading from disk, to be reported to the user, not a programming error.
 */
public final class ModelFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final String fault;

  /** A fault {@code fault} found in the file or buffer called {@code source}. */
  public ModelFormatException(String source, String fault) {
    super(source + ": " + fault);
    this.source = source;
    this.fault = fault;
  }

  /** A fault found in {@code source}, detected as {@code cause} by a lower layer (such as the JSON parser). */
  public ModelFormatException(String source, String fault, Throwable cause) {
    super(source + ": " + fault, cause);
    this.source = source;
    this.fault = fault;
  }

  /** The file (as it was named to the reader) or the name given to an in-memory buffer. */
  public String source() {
    return source;
  }

  /** What is wrong, without the source: the message is {@code source() + ": " + fault()}. */
  public String fault() {
    return fault;
  }
}
