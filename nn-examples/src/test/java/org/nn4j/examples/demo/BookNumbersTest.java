package org.nn4j.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nn4j.api.DType;
import org.nn4j.api.Loss;
import org.nn4j.api.Tensor;
import org.nn4j.api.check.NumericalGradient;
import org.nn4j.examples.demo.graph.Graph;

/** Every number the issue quotes from the book, asserted in the values and in the demos' printed lines. */
class BookNumbersTest {
  private static void assertLine(String text, String line) {
    assertTrue(text.lines().anyMatch(l -> l.strip().equals(line.strip())), "no line '" + line + "' in:\n" + text);
  }

  @Test
  void lossesOfTheBooksY() throws Exception {
    Tensor y = Tensor.of(LossDemo.Y);
    Loss mse = Demos.loss("mse");
    Loss ce = Demos.loss("cross-entropy");
    assertEquals(0.09750000000000003, mse.forward(y, Demos.oneHot(2, 10)));
    assertEquals(0.510825457099338, ce.forward(y, Demos.oneHot(2, 10)));
    assertEquals(0.5975, mse.forward(y, Demos.oneHot(7, 10)));
    assertEquals(2.302584092994546, ce.forward(y, Tensor.of(7)));
    String text = Printed.of(LossDemo::run);
    for (String form : List.of("y (10,), t one-hot (10,)", "y (10,), t label 2", "y (1, 10), t one-hot (1, 10)",
        "y (1, 10), t label [2]")) {
      assertTrue(text.matches("(?s).*" + java.util.regex.Pattern.quote(form) + " +0\\.09750000000000003 +0\\.510825457099338\n.*"),
          form + " in:\n" + text);
    }
    for (String form : List.of("y (10,), t label 7", "y (1, 10), t label [7]")) {
      assertTrue(text.matches("(?s).*" + java.util.regex.Pattern.quote(form) + " +0\\.5975 +2\\.302584092994546\n.*"),
          form + " in:\n" + text);
    }
    double batch = ce.forward(Tensor.of(new double[][] {LossDemo.Y, LossDemo.Y}), Tensor.of(2, 7));
    assertEquals((0.510825457099338 + 2.302584092994546) / 2, batch, 1e-15);
    assertLine(text, "cross_entropy_error = " + Fmt.py(batch));
  }

  @Test
  void numericalDifferentiation() throws Exception {
    assertEquals(0.1999999999990898, NumericalGradient.derivative(NumericalDiffDemo::function1, 5, 1e-4));
    String text = Printed.of(NumericalDiffDemo::run);
    assertLine(text, "numerical_diff(f, 5)  = 0.1999999999990898   (analytic: 0.2)");
    assertLine(text, "numerical_diff(f, 10) = 0.2999999999986347   (analytic: 0.3)");
    assertLine(text, "∂f/∂x0 = 6.00000000000378   (analytic: 6)");
    assertLine(text, "∂f/∂x1 = 7.999999999999119   (analytic: 8)");
    assertLine(text, "at [3. 4.]  gradient [6. 8.]  = (6.00000000000378, 7.999999999999119)   x afterwards: unchanged");
    assertLine(text, "at [0. 2.]  gradient [0. 4.]  = (0.0, 4.000000000004)   x afterwards: unchanged");
    assertLine(text, "at [3. 0.]  gradient [6. 0.]  = (6.000000000012662, 0.0)   x afterwards: unchanged");
  }

  @Test
  void gradientDescentAtThreeLearningRates() throws Exception {
    Tensor end = GradientDescentDemo.descend(0.1, 100).get(100);
    assertEquals(-6.11110793e-10, end.getFlat(0), 1e-18);
    assertEquals(8.14814391e-10, end.getFlat(1), 1e-18);
    String text = Printed.of(GradientDescentDemo::run);
    assertLine(text, "gradient_descent(f, init_x=[-3. 4.], lr=0.1, step_num=100) = [-6.11110793e-10  8.14814391e-10]");
    assertLine(text, "gradient_descent(f, init_x=[-3. 4.], lr=10, step_num=100) = [-2.58983747e+13 -1.29524862e+12]");
    assertLine(text, "gradient_descent(f, init_x=[-3. 4.], lr=1e-10, step_num=100) = [-2.99999994  3.99999992]");
  }

  @Test
  void simpleNet() throws Exception {
    SimpleNetDemo.Result r = SimpleNetDemo.compute();
    assertTrue(r.scores().allClose(Tensor.of(1.05414809, 0.63071653, 1.1328074), 0, 5e-9), r.scores().toString());
    assertEquals(0.928068, r.loss(), 5e-7);
    Tensor book = Tensor.of(new double[][] {{0.21924763, 0.14356247, -0.36281009},
        {0.32887144, 0.2153437, -0.54421514}});
    for (int i = 0; i < book.size(); i++) {
      assertEquals(Math.round(book.getFlat(i) * 1e6), Math.round(r.numericalDw().getFlat(i) * 1e6), "element " + i);
    }
    assertTrue(r.backpropDw().allClose(r.numericalDw(), 0, 1e-6));
    String text = Printed.of(SimpleNetDemo::run);
    assertLine(text, "p = x·W = [1.05414809 0.63071653 1.1328074 ]");
    assertLine(text, "loss = 0.9280682857864075   (to 6 digits: 0.928068)");
    assertLine(text, "to 6 digits: [[0.219248, 0.143562, -0.362810], [0.328871, 0.215344, -0.544215]]");
    assertTrue(text.contains("[[ 0.21924763  0.14356247 -0.36281009]\n [ 0.32887144  0.2153437  -0.54421514]]"), text);
  }

  @Test
  void buyingApples() throws Exception {
    Graph g = AppleDemo.graph();
    assertEquals(220.00000000000003, g.value("price").getFlat(0));
    assertEquals(2.2, g.grad("apple").getFlat(0));
    assertEquals(110.00000000000001, g.grad("apple_num").getFlat(0));
    assertEquals(200, g.grad("tax").getFlat(0));
    String text = Printed.of(out -> AppleDemo.run(out, null));
    assertLine(text, "price: 220.00000000000003");
    assertLine(text, "dApple: 2.2");
    assertLine(text, "dApple_num: 110.00000000000001");
    assertLine(text, "dTax: 200.0");
    assertTrue(text.contains("apple_price  mul_apple_layer ×  mul_tax_layer ×    200.0               1.1\n"), text);
  }

  @Test
  void buyingApplesAndOranges() throws Exception {
    Graph g = AppleOrangeDemo.graph();
    assertEquals(715, g.value("price").getFlat(0), 1e-12);
    assertEquals(2.2, g.grad("apple").getFlat(0));
    assertEquals(110.00000000000001, g.grad("apple_num").getFlat(0));
    assertEquals(3.3000000000000003, g.grad("orange").getFlat(0));
    assertEquals(165, g.grad("orange_num").getFlat(0));
    assertEquals(650, g.grad("tax").getFlat(0));
    String text = Printed.of(out -> AppleOrangeDemo.run(out, null));
    assertLine(text, "price: " + Fmt.py(g.value("price").getFlat(0)));
    assertLine(text, "dApple: 2.2");
    assertLine(text, "dApple_num: 110.00000000000001");
    assertLine(text, "dOrange: 3.3000000000000003");
    assertLine(text, "dOrange_num: 165.0");
    assertLine(text, "dTax: 650.0");
  }

  @Test
  void reluAndSigmoid() throws Exception {
    String text = Printed.of(ReluSigmoidDemo::run);
    assertTrue(text.contains("mask = (x <= 0)\n[[False  True]\n [ True False]]"), text);
    assertTrue(text.contains("backward, dout where the mask is False, else 0:\n[[1. 0.]\n [0. 4.]]"), text);
    assertTrue(text.contains("x unchanged by both layers: yes; dout unchanged by both backward passes: yes"), text);
    assertTrue(text.contains("the same, written out from y: identical"), text);
    assertTrue(text.contains("  relu: passed"), text);
    assertTrue(text.contains("  sigmoid: passed"), text);
  }

  @Test
  void accuracyIsFlatWhereTheLossIsNot() throws Exception {
    String text = Printed.of(AccuracyVsLossDemo::run);
    assertLine(text, "d accuracy / d W2[0][0] = 0.0");
    String dLoss = text.lines().filter(l -> l.startsWith("d loss / d W2[0][0]")).findFirst().orElseThrow();
    assertTrue(Math.abs(Double.parseDouble(dLoss.substring(dLoss.indexOf('=') + 1).strip())) > 1e-6, dLoss);
    String step = text.lines().filter(l -> l.strip().startsWith("step ")).findFirst().orElseThrow();
    String[] cells = step.strip().split("\\s+");
    assertEquals("0.0", cells[1], "W1 gradient through a step function");
    assertEquals("0.0", cells[2], "b1 gradient through a step function");
    String sigmoid = text.lines().filter(l -> l.strip().startsWith("sigmoid ")).findFirst().orElseThrow();
    assertTrue(Double.parseDouble(sigmoid.strip().split("\\s+")[1]) > 0, sigmoid);
    List<String> lines = text.lines().toList();
    int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("W2[0][0] ")).findFirst().orElseThrow());
    List<String> accuracies = lines.subList(header + 1, header + 5).stream()
        .map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList();
    assertEquals(4, accuracies.size(), text);
    assertEquals(1, accuracies.stream().distinct().count(), "the accuracy does not move: " + accuracies);
  }

  @Test
  void floatThirtyTwoGradientCheckIsRefused() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> Printed.of(out -> GradientCheckDemo.run(out, 42, DType.FLOAT32)));
    assertTrue(e.getMessage().startsWith("gradient-check: gradient checks need float64; got float32"), e.getMessage());
  }
}
