package org.nn4j.examples.demo;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nn4j.api.Args;
import org.nn4j.api.Optimizer;
import org.nn4j.api.Param;
import org.nn4j.api.Tensor;
import org.nn4j.api.check.NumericalGradient;
import org.nn4j.core.Network;
import org.nn4j.core.data.Dataset;

/**
 * Book §4.5 and §5.7.4: training the two-layer network with numerical gradients works, but each iteration
 * evaluates the loss twice per parameter. Two copies of one network (same seed) take the same few SGD steps on
 * a tiny subset, one with numerical gradients and one with backpropagation; their losses agree to many digits,
 * and their times per iteration differ by orders of magnitude. The hidden layer has 10 units instead of the
 * book's 50, so the numerical side finishes in seconds.
 */
public final class NumericalTrainingDemo {
  /** Training images used. */
  static final int SAMPLES = 10;
  /** Hidden units (the book's network has 50). */
  static final int HIDDEN = 10;
  /** SGD steps taken by each network. */
  static final int ITERATIONS = 2;
  /** The book's learning rate. */
  static final double LR = 0.1;

  private NumericalTrainingDemo() {
  }

  /**
   * The loss before each step, and after the last, of one run.
   *
   * @param losses {@link #ITERATIONS} + 1 losses
   * @param secondsPerIteration mean wall-clock time of one step
   */
  record Run(List<Double> losses, double secondsPerIteration) {
  }

  /** Prints the demonstration to standard output. */
  public static void main(String[] args) {
    run(Demos.stdout());
  }

  /** Trains one fresh network for {@link #ITERATIONS} steps, with numerical gradients or with backprop. */
  static Run train(boolean numerical, Dataset data) {
    Network net = GradientCheckDemo.network(42, HIDDEN);
    Optimizer sgd = Demos.registry().optimizer("sgd", Args.of("sgd", "lr", Double.toString(LR)));
    Tensor x = data.features();
    Tensor t = Demos.labels(data);
    List<Double> losses = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < ITERATIONS; i++) {
      losses.add(net.loss(x, t));
      if (numerical) {
        for (Param p : net.params()) {
          p.grad().copyFrom(NumericalGradient.gradient(() -> net.loss(x, t), p.value(), NumericalGradient.BOOK_H));
        }
      } else {
        net.backward();
      }
      sgd.step(net.params());
    }
    double seconds = (System.nanoTime() - start) / 1e9 / ITERATIONS;
    losses.add(net.loss(x, t));
    return new Run(losses, seconds);
  }

  /** Prints the demonstration to {@code out}. */
  public static void run(PrintWriter out) {
    Dataset data = Demos.trainingSample(SAMPLES);
    int params = GradientCheckDemo.network(42, HIDDEN).params().stream().mapToInt(p -> p.value().size()).sum();
    out.println("Training with numerical gradients (book §4.5) against backpropagation (§5.7.4): two copies of the");
    out.println("network 784-" + HIDDEN + "-10 (seed 42, init std 0.01, float64; the book's has 50 hidden units), "
        + ITERATIONS + " SGD steps with lr " + LR + " on the first " + SAMPLES + " training images.");
    out.println("A numerical step evaluates the loss 2 × " + params + " times, once per parameter and direction.");
    out.println();
    // The first backprop run warms the JIT up, so that the timed one measures the method, not the compiler.
    train(false, data);
    Run backprop = train(false, data);
    Run numerical = train(true, data);
    out.printf("%-10s %-24s %-24s %s%n", "step", "loss (numerical)", "loss (backprop)", "difference");
    for (int i = 0; i <= ITERATIONS; i++) {
      double a = numerical.losses().get(i);
      double b = backprop.losses().get(i);
      out.printf("%-10s %-24s %-24s %s%n", i == ITERATIONS ? "after " + i : Integer.toString(i), Fmt.py(a), Fmt.py(b),
          Fmt.py(Math.abs(a - b)));
    }
    out.println();
    out.printf(Locale.ROOT, "time per iteration: numerical %.1f ms, backprop %.3f ms (backprop about %,.0f times faster)%n",
        numerical.secondsPerIteration() * 1e3, backprop.secondsPerIteration() * 1e3,
        numerical.secondsPerIteration() / backprop.secondsPerIteration());
    out.println("Both follow the same path down the loss; backprop gets there at the cost of about two forward passes.");
  }
}
