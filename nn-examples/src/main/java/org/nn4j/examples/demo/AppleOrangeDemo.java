package org.nn4j.examples.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.nn4j.examples.demo.graph.AddNode;
import org.nn4j.examples.demo.graph.Graph;
import org.nn4j.examples.demo.graph.MulNode;

/**
 * Book §5.4.2: two apples at 100 and three oranges at 150 with a tax of 1.1, a graph of three multiplication
 * nodes and one addition node. The addition passes its gradient on unchanged; each multiplication hands each
 * input the other input's value times the gradient from above.
 */
public final class AppleOrangeDemo {
  private AppleOrangeDemo() {
  }

  /** Prints the demonstration to standard output; an argument names a DOT file to write as well. */
  public static void main(String[] args) throws IOException {
    run(Demos.stdout(), args.length > 0 ? Path.of(args[0]) : null);
  }

  /** The graph of the book's example, forward and backward done. */
  static Graph graph() {
    Graph g = new Graph("buy apples and oranges");
    g.input("apple", AppleDemo.scalar(100));
    g.input("apple_num", AppleDemo.scalar(2));
    g.input("orange", AppleDemo.scalar(150));
    g.input("orange_num", AppleDemo.scalar(3));
    g.input("tax", AppleDemo.scalar(1.1));
    g.node("mul_apple_layer", new MulNode(), "apple", "apple_num", "apple_price");
    g.node("mul_orange_layer", new MulNode(), "orange", "orange_num", "orange_price");
    g.node("add_apple_orange_layer", new AddNode(), "apple_price", "orange_price", "all_price");
    g.node("mul_tax_layer", new MulNode(), "all_price", "tax", "price");
    g.backward("price", AppleDemo.scalar(1));
    return g;
  }

  /** Prints the demonstration to {@code out}, and writes the graph to {@code dot} unless it is {@code null}. */
  public static void run(PrintWriter out, Path dot) throws IOException {
    Graph g = graph();
    out.println("Buying apples and oranges (book §5.4.2): price = (apple × apple_num + orange × orange_num) × tax.");
    out.println();
    out.println("price: " + Fmt.py(g.value("price").getFlat(0)));
    for (String input : new String[] {"apple_num", "apple", "orange", "orange_num", "tax"}) {
      out.println("d" + Character.toUpperCase(input.charAt(0)) + input.substring(1) + ": "
          + Fmt.py(g.grad(input).getFlat(0)));
    }
    out.println();
    out.println("(1.1 has no exact binary form, so a product with it, such as 650 × 1.1 = 715.0000000000001 or");
    out.println("1.1 × 3 = 3.3000000000000003, may land one unit in the last place away from the decimal result.)");
    out.println();
    out.println("The graph, each edge with its forward value and its gradient d(price)/d(edge):");
    out.print(g.toText(Fmt::py));
    AppleDemo.writeDot(out, g, dot);
  }
}
