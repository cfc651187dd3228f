package org.nn4j.examples.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;

/**
 * One demonstration of the book's chapters 4 and 5, as {@code nn4j demo NAME} lists and runs it: its name, the
 * book section it reproduces, a one-line summary, the class that holds it (each has its own {@code main}), the
 * options it accepts, and how to run it.
 *
 * @param name the name on the command line, such as {@code simple-net}
 * @param section the book section, such as {@code §4.4.2}
 * @param summary one line on what it shows
 * @param source the class, to open beside the book
 * @param options the command-line options it accepts, such as {@code --dot}
 * @param runner prints the demonstration
 */
public record Demo(String name, String section, String summary, Class<?> source, List<String> options,
    Runner runner) {
  /** Prints a demonstration to {@code out}. */
  @FunctionalInterface
  public interface Runner {
    /** Runs the demonstration with {@code options}, printing to {@code out}. */
    void run(PrintWriter out, DemoOptions options) throws IOException;
  }

  public Demo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(runner, "runner");
    options = List.copyOf(options);
  }

  /** The source file's path in the project, for the reader who wants to open it. */
  public String sourceFile() {
    return "nn-examples/src/main/java/" + source.getName().replace('.', '/') + ".java";
  }

  /** Every demonstration, in the book's order. */
  public static List<Demo> all() {
    return List.of(
        new Demo("loss", "§4.2.1–4.2.4", "mean squared error and cross-entropy on the book's y, one-hot, labels, batches",
            LossDemo.class, List.of(), (out, o) -> LossDemo.run(out)),
        new Demo("accuracy-vs-loss", "§4.2.5, §3.2.4", "why accuracy cannot be the loss, and why not a step function",
            AccuracyVsLossDemo.class, List.of(), (out, o) -> AccuracyVsLossDemo.run(out)),
        new Demo("numerical-diff", "§4.3–4.4", "central differences: a derivative, partial derivatives, gradients",
            NumericalDiffDemo.class, List.of(), (out, o) -> NumericalDiffDemo.run(out)),
        new Demo("gradient-descent", "§4.4.1", "gradient descent on x0² + x1² with lr 0.1, 10 and 1e-10 side by side",
            GradientDescentDemo.class, List.of(), (out, o) -> GradientDescentDemo.run(out)),
        new Demo("simple-net", "§4.4.2", "the 2×3 simpleNet: scores, loss, numerical and backprop dW",
            SimpleNetDemo.class, List.of(), (out, o) -> SimpleNetDemo.run(out)),
        new Demo("numerical-training", "§4.5, §5.7.4", "why numerical gradients are too slow to train with",
            NumericalTrainingDemo.class, List.of(), (out, o) -> NumericalTrainingDemo.run(out)),
        new Demo("apple", "§5.4.1", "computational graph: buying 2 apples with tax, forward and backward",
            AppleDemo.class, List.of("--dot"), (out, o) -> AppleDemo.run(out, o.dot())),
        new Demo("apple-orange", "§5.4.2", "computational graph: apples and oranges with add and mul nodes",
            AppleOrangeDemo.class, List.of("--dot"), (out, o) -> AppleOrangeDemo.run(out, o.dot())),
        new Demo("relu-sigmoid", "§5.5", "the relu and sigmoid layers: mask, dout·(1−y)·y, gradient-checked",
            ReluSigmoidDemo.class, List.of(), (out, o) -> ReluSigmoidDemo.run(out)),
        new Demo("gradient-check", "§5.7.3", "backprop against numerical gradients for the two-layer network",
            GradientCheckDemo.class, List.of("--seed", "--dtype"),
            (out, o) -> GradientCheckDemo.run(out, o.seed(), o.dtype())),
        new Demo("optimizers", "§6.1.7", "SGD, Momentum, AdaGrad and Adam on x²/20 + y² from (-7, 2), paths as CSV",
            OptimizersDemo.class, List.of("--csv"), (out, o) -> OptimizersDemo.run(out, o.csv())),
        new Demo("weight-init", "§6.2.2–6.2.3", "how activations spread through 5 sigmoid or ReLU layers per initialiser",
            WeightInitDemo.class, List.of(), (out, o) -> WeightInitDemo.run(out)));
  }
}
