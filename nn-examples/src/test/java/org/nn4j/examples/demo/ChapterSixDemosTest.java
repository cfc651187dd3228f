package org.nn4j.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.api.Tensor;

/** The chapter 6 demos: the optimizers' race on x²/20 + y² and the spread of activations per initialiser. */
class ChapterSixDemosTest {
  @TempDir
  Path dir;

  @Test
  void everyOptimizerGetsCloserAndSgdZigZags() {
    double start = OptimizersDemo.f(-7, 2);
    for (var e : OptimizersDemo.RATES.entrySet()) {
      List<double[]> path = OptimizersDemo.path(e.getKey(), e.getValue());
      assertEquals(OptimizersDemo.STEPS + 1, path.size());
      double[] end = path.get(OptimizersDemo.STEPS);
      assertTrue(OptimizersDemo.f(end[0], end[1]) < start / 50, e.getKey() + " ends at f = " + OptimizersDemo.f(end[0], end[1]));
    }
    List<double[]> sgd = OptimizersDemo.path("sgd", 0.95);
    // One hand-computed SGD step: x -= 0.95·x/10, y -= 0.95·2y.
    assertEquals(-7 + 0.95 * 0.7, sgd.get(1)[0], 1e-15);
    assertEquals(2 - 0.95 * 4, sgd.get(1)[1], 1e-15);
    for (int i = 1; i <= OptimizersDemo.STEPS; i++) {
      assertTrue(Math.signum(sgd.get(i)[1]) != Math.signum(sgd.get(i - 1)[1]), "SGD zig-zags in y at step " + i);
    }
  }

  @Test
  void optimizersDemoWritesEveryPathAsCsv() throws IOException {
    StringWriter text = new StringWriter();
    Path csv = dir.resolve("paths.csv");
    OptimizersDemo.run(new PrintWriter(text, true), csv);
    List<String> lines = Files.readAllLines(csv);
    assertEquals("optimizer,step,x,y,f", lines.get(0));
    assertEquals(1 + 4 * 31, lines.size());
    assertEquals("sgd,0,-7.0000000000000000,2.0000000000000000,6.4500000000000000", lines.get(1));
    assertTrue(lines.get(lines.size() - 1).startsWith("adam,30,"));
    assertTrue(text.toString().contains("sgd        0.95   -0.350393    0.084782"), text.toString());
  }

  @Test
  void initialisersShapeTheActivationsAsTheBookShows() {
    List<Tensor> sigmoidStd1 = WeightInitDemo.activations("sigmoid", "1", 1);
    Tensor last = sigmoidStd1.get(4);
    int saturated = 0;
    for (int i = 0; i < last.size(); i++) {
      if (last.getFlat(i) < 0.05 || last.getFlat(i) > 0.95) {
        saturated++;
      }
    }
    assertTrue(saturated > last.size() / 2, "std 1: most sigmoid outputs saturate (" + saturated + ")");
    assertTrue(WeightInitDemo.std(WeightInitDemo.activations("sigmoid", "0.01", 1).get(4)) < 0.03,
        "std 0.01: every unit near 0.5");
    double xavier = WeightInitDemo.std(WeightInitDemo.activations("sigmoid", "xavier", 1).get(4));
    assertTrue(xavier > 0.08 && xavier < 0.3, "Xavier keeps sigmoid spread: " + xavier);
    List<Tensor> reluHe = WeightInitDemo.activations("relu", "he", 1);
    double ratio = WeightInitDemo.std(reluHe.get(4)) / WeightInitDemo.std(reluHe.get(0));
    assertTrue(ratio > 0.3 && ratio < 3, "He keeps ReLU spread from layer 1 to 5: " + ratio);
    assertTrue(WeightInitDemo.std(WeightInitDemo.activations("relu", "0.01", 1).get(4)) < 1e-4,
        "std 0.01 lets ReLU activations vanish");
  }

  @Test
  void weightInitDemoPrintsEveryCase() {
    StringWriter text = new StringWriter();
    WeightInitDemo.run(new PrintWriter(text, true));
    for (String c : new String[] {"sigmoid, init 1", "sigmoid, init 0.01", "sigmoid, init xavier", "relu, init 0.01",
        "relu, init xavier", "relu, init he"}) {
      assertTrue(text.toString().contains(c + "\n  layer 1 |"), c);
    }
  }
}
