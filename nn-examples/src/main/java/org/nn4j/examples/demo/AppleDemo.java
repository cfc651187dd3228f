package org.nn4j.examples.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.nn4j.api.DType;
import org.nn4j.api.Tensor;
import org.nn4j.examples.demo.graph.Graph;
import org.nn4j.examples.demo.graph.MulNode;

/**
 * Book §5.4.1: buying two apples at 100 each with a consumption tax of 1.1, as a computational graph of two
 * multiplication nodes. Forward gives the price; backward from 1 gives how much the price moves per unit of
 * each input. Printed as the book prints it, then as the graph with forward values and gradients on every
 * edge, optionally also written as a Graphviz DOT file.
 */
public final class AppleDemo {
  private AppleDemo() {
  }

  /** Prints the demonstration to standard output; an argument names a DOT file to write as well. */
  public static void main(String[] args) throws IOException {
    run(Demos.stdout(), args.length > 0 ? Path.of(args[0]) : null);
  }

  /** The graph of the book's example, forward and backward done. */
  static Graph graph() {
    Graph g = new Graph("buy apples");
    g.input("apple", scalar(100));
    g.input("apple_num", scalar(2));
    g.input("tax", scalar(1.1));
    g.node("mul_apple_layer", new MulNode(), "apple", "apple_num", "apple_price");
    g.node("mul_tax_layer", new MulNode(), "apple_price", "tax", "price");
    g.backward("price", scalar(1));
    return g;
  }

  /** Prints the demonstration to {@code out}, and writes the graph to {@code dot} unless it is {@code null}. */
  public static void run(PrintWriter out, Path dot) throws IOException {
    Graph g = graph();
    out.println("Buying apples (book §5.4.1): price = apple × apple_num × tax, two `mul` nodes.");
    out.println();
    out.println("price: " + Fmt.py(g.value("price").getFlat(0)));
    out.println("dApple: " + Fmt.py(g.grad("apple").getFlat(0)));
    out.println("dApple_num: " + Fmt.py(g.grad("apple_num").getFlat(0)));
    out.println("dTax: " + Fmt.py(g.grad("tax").getFlat(0)));
    out.println();
    out.println("(The book prints 220 and 110: its inputs are Python integers. In floating point 1.1 is not exact,");
    out.println("so 200 × 1.1 and 1.1 × 100 land one unit in the last place above.)");
    out.println();
    out.println("The graph, each edge with its forward value and its gradient d(price)/d(edge):");
    out.print(g.toText(Fmt::py));
    writeDot(out, g, dot);
  }

  /** Writes the DOT file if asked, and says where, or how to ask. */
  static void writeDot(PrintWriter out, Graph g, Path dot) throws IOException {
    out.println();
    if (dot == null) {
      out.println("Add --dot FILE to also write the graph for Graphviz (dot -Tpng FILE -o graph.png).");
    } else {
      g.writeDot(dot, Fmt::py);
      out.println("Graphviz DOT written to " + dot + " (draw it with: dot -Tpng " + dot + " -o graph.png)");
    }
  }

  static Tensor scalar(double v) {
    return Tensor.scalar(DType.FLOAT64, v);
  }
}
