package org.nn4j.examples.demo;

import java.math.BigDecimal;
import java.util.Locale;
import org.nn4j.api.Tensor;

/**
 * Prints numbers the way the book's Python prints them, so that a reader can compare the demos' output with
 * the book line by line: a {@code double} as Python's {@code repr} ({@code 0.1999999999990898},
 * {@code 220.00000000000003}, {@code -6.111107928998789e-10}), and a tensor as NumPy prints an array, with at
 * most 8 decimals ({@code [1.05414809 0.63071653 1.1328074 ]}).
 */
public final class Fmt {
  private static final int NUMPY_PRECISION = 8;

  private Fmt() {
  }

  /**
   * The shortest decimal that reads back as {@code v}, in Python's layout: positional for exponents from -4
   * to 15, scientific ({@code 1e-10}) otherwise.
   */
  public static String py(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0) {
      return (1 / v < 0) ? "-0.0" : "0.0";
    }
    // Double.toString gives the shortest round-tripping digits; only the layout differs from Python's.
    BigDecimal exact = new BigDecimal(Double.toString(v)).stripTrailingZeros();
    String digits = exact.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - exact.scale();
    String sign = v < 0 ? "-" : "";
    if (exponent < -4 || exponent >= 16) {
      String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
    }
    String plain = exact.abs().toPlainString();
    return sign + (plain.contains(".") ? plain : plain + ".0");
  }

  /**
   * A tensor as NumPy prints it: one row per line for a matrix, aligned, at most 8 decimals, or in scientific
   * notation when an element is below 1e-4 or above 1e8.
   */
  public static String np(Tensor t) {
    if (t.rank() == 0) {
      return py(t.getFlat(0));
    }
    String[] cells = new String[t.size()];
    boolean scientific = false;
    for (int i = 0; i < cells.length; i++) {
      double a = Math.abs(t.getFlat(i));
      scientific |= a != 0 && (a < 1e-4 || a >= 1e8);
    }
    int intWidth = 0;
    int fracWidth = 0;
    for (int i = 0; i < cells.length; i++) {
      cells[i] = scientific ? String.format(Locale.ROOT, "%.8e", t.getFlat(i)) : decimal(t.getFlat(i));
      int dot = cells[i].indexOf('.');
      intWidth = Math.max(intWidth, dot);
      fracWidth = Math.max(fracWidth, cells[i].length() - dot - 1);
    }
    for (int i = 0; i < cells.length; i++) {
      int dot = cells[i].indexOf('.');
      cells[i] = " ".repeat(intWidth - dot) + cells[i] + " ".repeat(fracWidth - (cells[i].length() - dot - 1));
    }
    if (t.rank() == 1) {
      return "[" + String.join(" ", cells) + "]";
    }
    int width = t.rowLength();
    StringBuilder sb = new StringBuilder("[");
    for (int r = 0; r < t.rows(); r++) {
      String[] row = java.util.Arrays.copyOfRange(cells, r * width, (r + 1) * width);
      sb.append(r == 0 ? "[" : "\n [").append(String.join(" ", row)).append(']');
    }
    return sb.append(']').toString();
  }

  /** A boolean mask with {@code columns} columns, as NumPy prints a boolean matrix. */
  public static String np(boolean[] mask, int columns) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < mask.length; i++) {
      if (i % columns == 0) {
        sb.append(i == 0 ? "[" : "]\n [");
      } else {
        sb.append(' ');
      }
      sb.append(mask[i] ? " True" : "False");
    }
    return sb.append("]]").toString();
  }

  private static String decimal(double v) {
    BigDecimal rounded = new BigDecimal(v).setScale(NUMPY_PRECISION, java.math.RoundingMode.HALF_EVEN)
        .stripTrailingZeros();
    String s = rounded.scale() <= 0 ? rounded.toBigInteger().toString() + "." : rounded.toPlainString();
    if (rounded.signum() == 0 && v < 0) {
      s = "-0.";
    }
    return s;
  }
}
