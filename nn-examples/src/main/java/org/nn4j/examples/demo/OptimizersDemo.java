package org.nn4j.examples.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nn4j.api.Args;
import org.nn4j.api.Optimizer;
import org.nn4j.api.Param;
import org.nn4j.api.Tensor;
import org.nn4j.core.io.AtomicFiles;

/**
 * Book §6.1.7 ({@code optimizer_compare_naive.py}): SGD, Momentum, AdaGrad and Adam minimise
 * {@code f(x, y) = x²/20 + y²} from {@code (-7, 2)} in 30 steps with the book's learning rates, using nn4j's
 * own optimizers with {@code x} and {@code y} as two parameters, as the book's {@code params} dictionary has
 * them. SGD zig-zags along the steep {@code y} direction; the others head for the minimum more directly.
 */
public final class OptimizersDemo {
  /** The book's optimizers and learning rates, in its order. */
  static final Map<String, Double> RATES = rates();
  /** The book's number of steps. */
  static final int STEPS = 30;

  private OptimizersDemo() {
  }

  private static Map<String, Double> rates() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("sgd", 0.95);
    m.put("momentum", 0.1);
    m.put("adagrad", 1.5);
    m.put("adam", 0.3);
    return m;
  }

  /** Prints the demonstration to standard output. */
  public static void main(String[] args) throws IOException {
    run(Demos.stdout(), args.length > 0 ? Path.of(args[0]) : null);
  }

  /** {@code f(x, y) = x²/20 + y²}. */
  static double f(double x, double y) {
    return x * x / 20 + y * y;
  }

  /** The path of optimizer {@code name} with learning rate {@code lr}: 31 points, the start first. */
  static List<double[]> path(String name, double lr) {
    Param x = new Param("x", Tensor.of(-7.0));
    Param y = new Param("y", Tensor.of(2.0));
    List<Param> params = List.of(x, y);
    Optimizer opt = Demos.registry().optimizer(name, Args.of(name, "lr", Double.toString(lr)));
    List<double[]> points = new ArrayList<>();
    points.add(new double[] {x.value().getFlat(0), y.value().getFlat(0)});
    for (int i = 0; i < STEPS; i++) {
      x.grad().setFlat(0, x.value().getFlat(0) / 10.0);
      y.grad().setFlat(0, 2.0 * y.value().getFlat(0));
      opt.step(params);
      points.add(new double[] {x.value().getFlat(0), y.value().getFlat(0)});
    }
    return points;
  }

  /** Prints each optimizer's path and end point; writes every path to {@code csv} when it is given. */
  public static void run(PrintWriter out, Path csv) throws IOException {
    out.println("Comparing optimizers (book §6.1.7) on f(x, y) = x²/20 + y² from (-7, 2), 30 steps each,");
    out.println("with the book's learning rates and nn4j's own optimizer providers.");
    out.println();
    StringBuilder table = new StringBuilder("optimizer,step,x,y,f\n");
    out.printf("%-10s %-6s %-12s %-12s %-12s %s%n", "optimizer", "lr", "x after 30", "y after 30", "f after 30",
        "y's sign changes (zig-zags)");
    for (Map.Entry<String, Double> e : RATES.entrySet()) {
      List<double[]> points = path(e.getKey(), e.getValue());
      int flips = 0;
      for (int i = 0; i < points.size(); i++) {
        double[] p = points.get(i);
        table.append(String.format(Locale.ROOT, "%s,%d,%.17g,%.17g,%.17g%n", e.getKey(), i, p[0], p[1], f(p[0], p[1])));
        if (i > 0 && Math.signum(p[1]) != Math.signum(points.get(i - 1)[1])) {
          flips++;
        }
      }
      double[] end = points.get(STEPS);
      out.printf(Locale.ROOT, "%-10s %-6s %-12.6f %-12.6f %-12.3e %d%n", e.getKey(), e.getValue(), end[0], end[1],
          f(end[0], end[1]), flips);
    }
    out.println();
    out.println("SGD's y flips sign at every step: the gradient points across the valley, not along it.");
    if (csv != null) {
      AtomicFiles.writeString(csv, table.toString());
      out.println("wrote every path to " + csv + " (columns optimizer, step, x, y, f)");
    }
  }
}
