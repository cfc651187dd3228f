package org.nn4j.api;

/**
 * The element type of a {@link Tensor}: {@code float32} for training, {@code float64} for gradient checks and
 * the book's numeric demonstrations, where every digit counts.
 */
public enum DType {
  FLOAT32("float32", 4),
  FLOAT64("float64", 8);

  private final String label;
  private final int bytes;

  DType(String label, int bytes) {
    this.label = label;
    this.bytes = bytes;
  }

  /** Bytes one element takes in memory and in a model file. */
  public int bytes() {
    return bytes;
  }

  /** The name used on the command line and in files: {@code float32} or {@code float64}. */
  public String label() {
    return label;
  }

  /**
   * Parses {@code float32} or {@code float64} (also {@code f32}, {@code f64}, {@code float}, {@code double}).
   *
   * @throws IllegalArgumentException naming the accepted spellings
   */
  public static DType parse(String text) {
    switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "float32": case "f32": case "float":
        return FLOAT32;
      case "float64": case "f64": case "double":
        return FLOAT64;
      default:
        throw new IllegalArgumentException("unknown dtype '" + text + "'; accepted: float32, float64");
    }
  }

  @Override
  public String toString() {
    return label;
  }
}
