package org.nn4j.examples.demo.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.api.DType;
import org.nn4j.api.Tensor;

/** The two-input nodes and the graph that runs them: forward, backward, errors, text and DOT. */
class GraphTest {
  @TempDir
  Path dir;

  private static Tensor s(double v) {
    return Tensor.scalar(DType.FLOAT64, v);
  }

  @Test
  void mulOnScalarsSwapsItsInputsBackward() {
    MulNode mul = new MulNode();
    assertEquals(200.0, mul.forward(s(100), s(2)).getFlat(0));
    BinaryNode.Gradients g = mul.backward(s(1.1));
    assertEquals(2.2, g.dx().getFlat(0));
    assertEquals(110.00000000000001, g.dy().getFlat(0));
  }

  @Test
  void nodesWorkOnTensorsAndLeaveTheirArgumentsAlone() {
    Tensor x = Tensor.of(new double[][] {{1, 2}, {3, 4}});
    Tensor y = Tensor.of(new double[][] {{5, 6}, {7, 8}});
    Tensor dout = Tensor.of(new double[][] {{1, -1}, {2, 0.5}});
    Tensor x0 = x.copy();
    Tensor y0 = y.copy();
    Tensor d0 = dout.copy();
    MulNode mul = new MulNode();
    assertTrue(mul.forward(x, y).sameAs(Tensor.of(new double[][] {{5, 12}, {21, 32}})));
    BinaryNode.Gradients gm = mul.backward(dout);
    assertTrue(gm.dx().sameAs(Tensor.of(new double[][] {{5, -6}, {14, 4}})));
    assertTrue(gm.dy().sameAs(Tensor.of(new double[][] {{1, -2}, {6, 2}})));
    AddNode add = new AddNode();
    assertTrue(add.forward(x, y).sameAs(Tensor.of(new double[][] {{6, 8}, {10, 12}})));
    BinaryNode.Gradients ga = add.backward(dout);
    assertTrue(ga.dx().sameAs(dout) && ga.dy().sameAs(dout));
    assertTrue(ga.dx() != dout && ga.dy() != dout && ga.dx() != ga.dy(), "each input gets its own copy");
    assertTrue(x.sameAs(x0) && y.sameAs(y0) && dout.sameAs(d0), "inputs and dout untouched");
  }

  @Test
  void backwardBeforeForwardAndMismatchedShapesAreClearErrors() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new MulNode().backward(s(1)));
    assertEquals("mul: backward() called before forward()", e.getMessage());
    e = assertThrows(IllegalStateException.class, () -> new AddNode().backward(s(1)));
    assertEquals("add: backward() called before forward()", e.getMessage());
    IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
        () -> new MulNode().forward(Tensor.of(1.0, 2.0), s(3)));
    assertTrue(m.getMessage().startsWith("mul: inputs (2,) float64 and () float64 differ"), m.getMessage());
  }

  @Test
  void aValueFeedingTwoNodesCollectsBothGradients() {
    Graph g = new Graph("square plus");
    g.input("x", s(3));
    g.input("y", s(4));
    g.node("square", new MulNode(), "x", "x", "xx");
    g.node("plus", new AddNode(), "xx", "y", "z");
    g.backward("z", s(1));
    assertEquals(13.0, g.value("z").getFlat(0));
    assertEquals(6.0, g.grad("x").getFlat(0));
    assertEquals(1.0, g.grad("y").getFlat(0));
  }

  @Test
  void gradientBeforeBackwardAndUnknownNamesAreErrors() {
    Graph g = new Graph("g");
    g.input("a", s(1));
    assertThrows(IllegalStateException.class, () -> g.grad("a"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> g.node("n", new MulNode(), "a", "b", "c"));
    assertEquals("graph 'g': no value named 'b'; known: a", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> g.input("a", s(2)));
  }

  private static Graph apples() {
    Graph g = new Graph("buy apples");
    g.input("apple", s(100));
    g.input("apple_num", s(2));
    g.input("tax", s(1.1));
    g.node("mul_apple_layer", new MulNode(), "apple", "apple_num", "apple_price");
    g.node("mul_tax_layer", new MulNode(), "apple_price", "tax", "price");
    g.backward("price", s(1));
    return g;
  }

  @Test
  void textShowsForwardAndBackwardOnEveryEdge() {
    String text = apples().toText(Double::toString);
    List<String> lines = text.lines().toList();
    assertEquals(6, lines.size(), text);
    assertTrue(lines.get(0).matches("edge +from +to +forward +backward"), lines.get(0));
    assertTrue(lines.get(1).matches("apple +\\(input\\) +mul_apple_layer × +100\\.0 +2\\.2"), lines.get(1));
    assertTrue(lines.get(5).matches("price +mul_tax_layer × +\\(result\\) +220\\.00000000000003 +1\\.0"), lines.get(5));
  }

  @Test
  void dotDrawsValuesAndGradients() throws IOException {
    Graph g = apples();
    String dot = g.toDot(Double::toString);
    assertTrue(dot.startsWith("digraph \"buy apples\" {\n  rankdir=LR;\n"), dot);
    assertTrue(dot.contains("  \"mul_apple_layer\" [shape=circle, label=\"×\", xlabel=\"mul_apple_layer\"];\n"), dot);
    assertTrue(dot.contains("  \"apple\" -> \"mul_apple_layer\" [label=<100.0<br/><font color=\"red\">[2.2]</font>>];\n"),
        dot);
    assertTrue(dot.contains("  \"mul_apple_layer\" -> \"mul_tax_layer\" [label=<200.0<br/><font color=\"red\">[1.1]"
        + "</font>>, taillabel=\"apple_price\"];\n"), dot);
    assertTrue(dot.contains("  \"mul_tax_layer\" -> \"price\" [label=<220.00000000000003<br/><font color=\"red\">[1.0]"
        + "</font>>];\n"), dot);
    assertTrue(dot.endsWith("}\n"), dot);

    Path file = dir.resolve("apple.dot");
    Files.writeString(file, "old contents");
    g.writeDot(file, Double::toString);
    assertEquals(dot, Files.readString(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
    }
  }

  @Test
  void aFailedWriteLeavesNoFile() {
    Path file = dir.resolve("missing-dir").resolve("apple.dot");
    assertThrows(IOException.class, () -> apples().writeDot(file, Double::toString));
    assertTrue(Files.notExists(file));
  }
}
