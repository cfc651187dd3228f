package org.nn4j.api;

/**
 * Thrown when tensor shapes do not fit together. The message names the operation or layer and both shapes,
 * for example {@code "affine#2: input (100, 30) does not match weights (50, 10)"}.
 */
public class ShapeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ShapeException(String message) {
    super(message);
  }
}
