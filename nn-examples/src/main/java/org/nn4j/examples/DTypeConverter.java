package org.nn4j.examples;

import org.nn4j.api.DType;
import picocli.CommandLine;

/** Reads {@code --dtype float32|float64}. */
final class DTypeConverter implements CommandLine.ITypeConverter<DType> {
  @Override
  public DType convert(String value) {
    try {
      return DType.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
