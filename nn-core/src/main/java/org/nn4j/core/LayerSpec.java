package org.nn4j.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nn4j.api.Args;
import org.nn4j.api.ConfigurationException;

/**
 * One provider and its arguments as a network spec names it: {@code affine(out=50)}. The text form
 * {@code "affine(out=50, init=he) relu affine(out=10)"} is parsed by {@link #parseAll}, and each spec prints
 * back in that form.
 *
 * @param name the provider's name
 * @param args its arguments
 */
public record LayerSpec(String name, Args args) {
  public LayerSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(args, "args");
  }

  /** A spec with arguments given as alternating keys and values. */
  public static LayerSpec of(String name, String... keysAndValues) {
    return new LayerSpec(name, Args.of(name, keysAndValues));
  }

  /**
   * Parses a whole text spec: items separated by white space (or commas), each a name optionally followed by
   * {@code (key=value, …)}.
   *
   * @throws ConfigurationException naming the position and what was expected
   */
  public static List<LayerSpec> parseAll(String text) {
    return new Parser(text).items();
  }

  /** Parses a single item such as {@code sgd(lr=0.1)}. */
  public static LayerSpec parse(String text) {
    List<LayerSpec> items = parseAll(text);
    if (items.size() != 1) {
      throw new ConfigurationException("expected one item such as 'sgd(lr=0.1)', got " + items.size() + " in '" + text + "'");
    }
    return items.get(0);
  }

  @Override
  public String toString() {
    return args.asMap().isEmpty() ? name : name + "(" + args + ")";
  }

  /** A small recursive-descent parser; errors say where they are. */
  private static final class Parser {
    private final String text;
    private int pos;

    Parser(String text) {
      this.text = Objects.requireNonNull(text, "spec");
    }

    List<LayerSpec> items() {
      List<LayerSpec> out = new ArrayList<>();
      skipSeparators();
      while (pos < text.length()) {
        out.add(item());
        skipSeparators();
      }
      if (out.isEmpty()) {
        throw new ConfigurationException("empty spec: expected items such as 'affine(out=50) relu affine(out=10)'");
      }
      return out;
    }

    private LayerSpec item() {
      String name = word("a name such as 'affine'");
      Map<String, String> args = new LinkedHashMap<>();
      skipSpaces();
      if (peek() == '(') {
        pos++;
        skipSpaces();
        if (peek() == ')') {
          pos++;
        } else {
          while (true) {
            String key = word("an argument name");
            skipSpaces();
            expect('=');
            skipSpaces();
            String value = value();
            if (args.put(key, value) != null) {
              throw error(name + ": argument '" + key + "' given twice");
            }
            skipSpaces();
            if (peek() == ',') {
              pos++;
              skipSpaces();
            } else if (peek() == ')') {
              pos++;
              break;
            } else {
              throw error("expected ',' or ')'");
            }
          }
        }
      }
      return new LayerSpec(name, Args.of(name, args));
    }

    private String word(String what) {
      int start = pos;
      while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || "-_.".indexOf(text.charAt(pos)) >= 0)) {
        pos++;
      }
      if (start == pos) {
        throw error("expected " + what);
      }
      return text.substring(start, pos);
    }

    private String value() {
      int start = pos;
      while (pos < text.length() && ",()= \t\n".indexOf(text.charAt(pos)) < 0) {
        pos++;
      }
      if (start == pos) {
        throw error("expected a value");
      }
      return text.substring(start, pos);
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    private char peek() {
      return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpaces() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    private void skipSeparators() {
      while (pos < text.length() && (Character.isWhitespace(text.charAt(pos)) || text.charAt(pos) == ',')) {
        pos++;
      }
    }

    private ConfigurationException error(String what) {
      String where = pos < text.length() ? "'" + text.charAt(pos) + "'" : "the end";
      return new ConfigurationException("spec '" + text + "': " + what + " at position " + (pos + 1) + " (found " + where + ")");
    }
  }
}
