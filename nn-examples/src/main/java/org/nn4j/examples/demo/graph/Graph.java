package org.nn4j.examples.demo.graph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleFunction;
import org.nn4j.api.Tensor;

/**
 * A small computational graph of {@link BinaryNode}s over named values (book §5.1–5.4), recorded as it runs:
 * each {@link #node} call computes its forward pass at once, as the book's code does line by line, and
 * {@link #backward} then calls every node's backward pass in reverse order, adding up the gradients of values
 * that feed more than one node. Every edge keeps its forward value and its gradient, so the graph can be
 * {@linkplain #toText printed} and {@linkplain #toDot drawn} with both on it, as the book's figures are.
 */
public final class Graph {
  private final String title;
  private final Map<String, Edge> edges = new LinkedHashMap<>();
  private final List<Step> steps = new ArrayList<>();
  private final Map<String, Step> stepsByName = new LinkedHashMap<>();

  /** One value of the graph: where it comes from, where it goes, its value and (after backward) its gradient. */
  private static final class Edge {
    final String name;
    final Tensor value;
    final String from;
    final List<String> to = new ArrayList<>();
    Tensor grad;

    Edge(String name, Tensor value, String from) {
      this.name = name;
      this.value = value;
      this.from = from;
    }
  }

  private record Step(String name, BinaryNode node, String x, String y, String out) {
  }

  /** An empty graph; {@code title} names it in drawings. */
  public Graph(String title) {
    this.title = Objects.requireNonNull(title, "title");
  }

  /** Adds an input value, such as {@code apple = 100}. */
  public Graph input(String name, Tensor value) {
    addEdge(new Edge(name, Objects.requireNonNull(value, "value"), null));
    return this;
  }

  /**
   * Adds the node {@code name} computing {@code out = node(x, y)} from two values already in the graph, and runs
   * its forward pass.
   *
   * @return the output value
   */
  public Tensor node(String name, BinaryNode node, String x, String y, String out) {
    if (stepsByName.containsKey(name) || edges.containsKey(name) || name.equals(out)) {
      throw new IllegalArgumentException("graph '" + title + "': the name '" + name + "' is taken");
    }
    Edge ex = edge(x);
    Edge ey = edge(y);
    Tensor value = node.forward(ex.value, ey.value);
    addEdge(new Edge(out, value, name));
    ex.to.add(name);
    ey.to.add(name);
    Step step = new Step(name, node, x, y, out);
    steps.add(step);
    stepsByName.put(name, step);
    return value;
  }

  /**
   * Backpropagates {@code dout}, the gradient of the final result with respect to the value {@code output}
   * (1 for the result itself): the nodes' backward passes in reverse order of their forward passes.
   */
  public void backward(String output, Tensor dout) {
    for (Edge e : edges.values()) {
      e.grad = null;
    }
    edge(output).grad = dout;
    for (int i = steps.size() - 1; i >= 0; i--) {
      Step s = steps.get(i);
      Tensor g = edge(s.out).grad;
      if (g == null) {
        // A node whose output does not lead to the chosen output contributes no gradient.
        continue;
      }
      BinaryNode.Gradients grads = s.node.backward(g);
      accumulate(edge(s.x), grads.dx());
      accumulate(edge(s.y), grads.dy());
    }
  }

  private static void accumulate(Edge e, Tensor g) {
    e.grad = e.grad == null ? g : e.grad.add(g);
  }

  /** The forward value of {@code name}. */
  public Tensor value(String name) {
    return edge(name).value;
  }

  /**
   * The gradient of the backpropagated result with respect to {@code name}.
   *
   * @throws IllegalStateException before {@link #backward}
   */
  public Tensor grad(String name) {
    Tensor g = edge(name).grad;
    if (g == null) {
      throw new IllegalStateException("graph '" + title + "': no gradient for '" + name + "'; call backward() first");
    }
    return g;
  }

  /**
   * The graph as a table, one row per edge: its name, the node it comes from and goes to, its forward value
   * and its gradient, each printed by {@code format}.
   */
  public String toText(DoubleFunction<String> format) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"edge", "from", "to", "forward", "backward"});
    for (Edge e : edges.values()) {
      rows.add(new String[] {e.name, e.from == null ? "(input)" : describe(e.from),
          e.to.isEmpty() ? "(result)" : String.join(", ", e.to.stream().map(this::describe).toList()),
          show(e.value, format), e.grad == null ? "-" : show(e.grad, format)});
    }
    int[] widths = new int[5];
    for (String[] r : rows) {
      for (int c = 0; c < r.length; c++) {
        widths[c] = Math.max(widths[c], r[c].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < r.length; c++) {
        line.append(c == 0 ? "" : "  ").append(r[c]).append(" ".repeat(widths[c] - r[c].length()));
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }

  /**
   * The graph in Graphviz DOT: values as plain-text nodes, operations as circles, and on each edge its forward
   * value above its gradient (in red, in brackets), as the book draws backpropagation.
   */
  public String toDot(DoubleFunction<String> format) {
    StringBuilder sb = new StringBuilder();
    sb.append("digraph ").append(quote(title)).append(" {\n");
    sb.append("  rankdir=LR;\n");
    sb.append("  node [fontname=\"Helvetica\"];\n");
    sb.append("  edge [fontname=\"Helvetica\"];\n");
    for (Edge e : edges.values()) {
      if (e.from == null) {
        sb.append("  ").append(quote(e.name)).append(" [shape=plaintext];\n");
      }
    }
    for (Step s : steps) {
      sb.append("  ").append(quote(s.name)).append(" [shape=circle, label=").append(quote(s.node.symbol()))
          .append(", xlabel=").append(quote(s.name)).append("];\n");
    }
    for (Edge e : edges.values()) {
      if (e.to.isEmpty()) {
        sb.append("  ").append(quote(e.name)).append(" [shape=plaintext];\n");
      }
    }
    for (Edge e : edges.values()) {
      String source = e.from == null ? e.name : e.from;
      List<String> targets = e.to.isEmpty() ? List.of(e.name) : e.to;
      String label = "<" + html(show(e.value, format)) + "<br/><font color=\"red\">["
          + (e.grad == null ? "-" : html(show(e.grad, format))) + "]</font>>";
      for (String target : targets) {
        sb.append("  ").append(quote(source)).append(" -> ").append(quote(target)).append(" [label=").append(label);
        if (e.from != null && !e.to.isEmpty()) {
          sb.append(", taillabel=").append(quote(e.name));
        }
        sb.append("];\n");
      }
    }
    return sb.append("}\n").toString();
  }

  /**
   * Writes {@link #toDot} to {@code file} through a temporary file in the same directory, renamed into place,
   * so that {@code file} is never left half-written.
   */
  public void writeDot(Path file, DoubleFunction<String> format) throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    // Not Files.createTempFile: its owner-only permissions would carry over to the finished file.
    Path tmp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-" + System.nanoTime()
        + ".tmp");
    boolean moved = false;
    try {
      Files.writeString(tmp, toDot(format), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  private String describe(String node) {
    return node + " " + stepsByName.get(node).node.symbol();
  }

  private static String show(Tensor t, DoubleFunction<String> format) {
    if (t.size() == 1) {
      return format.apply(t.getFlat(0));
    }
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < t.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(format.apply(t.getFlat(i)));
    }
    return sb.append(']').toString();
  }

  private Edge edge(String name) {
    Edge e = edges.get(name);
    if (e == null) {
      throw new IllegalArgumentException("graph '" + title + "': no value named '" + name + "'; known: "
          + String.join(", ", edges.keySet()));
    }
    return e;
  }

  private void addEdge(Edge e) {
    if (edges.containsKey(e.name) || stepsByName.containsKey(e.name)) {
      throw new IllegalArgumentException("graph '" + title + "': the name '" + e.name + "' is taken");
    }
    edges.put(e.name, e);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String html(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
