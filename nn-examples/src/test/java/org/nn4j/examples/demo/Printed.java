package org.nn4j.examples.demo;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Captures what a demo prints. */
final class Printed {
  private Printed() {
  }

  /** A printing action that may throw. */
  interface Action {
    void print(PrintWriter out) throws Exception;
  }

  static String of(Action action) throws Exception {
    StringWriter text = new StringWriter();
    try (PrintWriter out = new PrintWriter(text)) {
      action.print(out);
    }
    return text.toString();
  }
}
