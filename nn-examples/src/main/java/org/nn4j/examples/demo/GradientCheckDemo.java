package org.nn4j.examples.demo;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.nn4j.api.DType;
import org.nn4j.api.Param;
import org.nn4j.api.Tensor;
import org.nn4j.api.check.NumericalGradient;
import org.nn4j.core.Network;
import org.nn4j.core.data.Dataset;

/**
 * Book §5.7.3: the gradient check of the two-layer network 784-50-10 (init std 0.01, float64) on three training
 * images. For each parameter it prints the mean absolute difference between the numerical gradient (the
 * book's {@code numerical_gradient}, {@code h = 1e-4}) and the backpropagated one, as {@code W1:…}; each must be
 * below 1e-6.
 *
 * <p>One honest complication: where a hidden pre-activation lies within {@code h} of 0, moving a weight of that
 * unit by {@code ±h} can carry it across ReLU's kink, and the central difference there averages two slopes. Then
 * the numerical gradient is wrong, not backprop. The check finds such units, names them, and reports the
 * differences with and without the weights tied to them ({@code b1[j]} and column {@code j} of {@code W1}); the
 * 1e-6 bound applies to the rest.
 */
public final class GradientCheckDemo {
  /** How many training images the check runs on, as in the book. */
  static final int SAMPLES = 3;
  /** The bound every mean difference must stay below. */
  static final double BOUND = 1e-6;

  private GradientCheckDemo() {
  }

  /** A hidden unit whose pre-activation for one sample lies within {@code h} of ReLU's kink. */
  record Kink(int sample, int unit, double preActivation) {
  }

  /**
   * One parameter's comparison.
   *
   * @param name the book's name, such as {@code W1}
   * @param all mean absolute difference over every element
   * @param withoutKinks the same over the elements not tied to a kinked unit
   * @param excluded how many elements were left out of {@code withoutKinks}
   */
  record Difference(String name, double all, double withoutKinks, int excluded) {
  }

  /** What a check found. */
  record Report(List<Kink> kinks, List<Difference> differences) {
    /** Whether every difference, kinked units left out, is below {@link #BOUND}. */
    boolean passed() {
      return differences.stream().allMatch(d -> d.withoutKinks() < BOUND);
    }
  }

  /** Prints the demonstration to standard output. */
  public static void main(String[] args) {
    run(Demos.stdout(), 42, DType.FLOAT64);
  }

  /** The book's network: input 784, {@code affine(out=50) relu affine(out=10)}, softmax-cross-entropy. */
  static Network network(long seed, int hidden) {
    return Network.builder(Demos.registry()).input(784).dtype(DType.FLOAT64).seed(seed).init("0.01")
        .layers("affine(out=" + hidden + ") relu affine(out=10)").loss("softmax-cross-entropy").build();
  }

  /**
   * Checks {@code net} (affine, relu, affine) at batch {@code x} with labels {@code t}: backprop first, then
   * the central difference of every element of every parameter.
   */
  static Report check(Network net, Tensor x, Tensor t) {
    double h = NumericalGradient.BOOK_H;
    net.loss(x, t);
    net.backward();
    Map<String, Param> params = net.namedParams();
    List<Tensor> backprop = new ArrayList<>();
    for (Param p : params.values()) {
      backprop.add(p.grad().copy());
    }
    Tensor pre = net.layers().get(0).forward(x, true);
    int hidden = pre.rowLength();
    List<Kink> kinks = new ArrayList<>();
    TreeSet<Integer> units = new TreeSet<>();
    for (int i = 0; i < pre.size(); i++) {
      if (Math.abs(pre.getFlat(i)) < h) {
        kinks.add(new Kink(i / hidden, i % hidden, pre.getFlat(i)));
        units.add(i % hidden);
      }
    }
    String first = net.layerNames().get(0);
    List<Difference> differences = new ArrayList<>();
    int k = 0;
    for (Map.Entry<String, Param> e : params.entrySet()) {
      Tensor value = e.getValue().value();
      Tensor numerical = NumericalGradient.gradient(() -> net.loss(x, t), value, h);
      Tensor analytic = backprop.get(k++);
      boolean firstLayer = e.getKey().startsWith(first + ".");
      double sumAll = 0;
      double sumClean = 0;
      int excluded = 0;
      for (int i = 0; i < value.size(); i++) {
        double d = Math.abs(numerical.getFlat(i) - analytic.getFlat(i));
        sumAll += d;
        // In the first layer both W (in × hidden) and b (hidden) have the unit as their last index.
        if (firstLayer && units.contains(i % hidden)) {
          excluded++;
        } else {
          sumClean += d;
        }
      }
      int kept = value.size() - excluded;
      differences.add(new Difference(bookName(e.getKey()), sumAll / value.size(),
          kept == 0 ? 0 : sumClean / kept, excluded));
    }
    return new Report(kinks, differences);
  }

  /** {@code affine#1.W} as the book names it, {@code W1}. */
  static String bookName(String qualified) {
    int hash = qualified.indexOf('#');
    int dot = qualified.indexOf('.');
    return qualified.substring(dot + 1) + qualified.substring(hash + 1, dot);
  }

  /**
   * Prints the demonstration to {@code out} for the network drawn with {@code seed}.
   *
   * @throws IllegalArgumentException for {@code float32}: gradient checks need float64
   */
  public static void run(PrintWriter out, long seed, DType dtype) {
    if (dtype != DType.FLOAT64) {
      throw new IllegalArgumentException("gradient-check: gradient checks need float64; got " + dtype
          + " (float32 rounds at about 1e-7 relative, as large as the differences the check measures)");
    }
    Dataset data = Demos.trainingSample(SAMPLES);
    Network net = network(seed, 50);
    out.println("Gradient check (book §5.7.3): two-layer network 784-50-10, init std 0.01, seed " + seed + ", float64,");
    out.println("on the first " + SAMPLES + " training images of the bundled MNIST sample. Mean |numerical - backprop|");
    out.println("per parameter, numerical gradients by central differences with h = 1e-4:");
    out.println();
    Report report = check(net, data.features(), Demos.labels(data));
    for (Difference d : report.differences()) {
      out.println(d.name() + ":" + Fmt.py(d.all()));
    }
    out.println();
    if (report.kinks().isEmpty()) {
      out.println("No hidden pre-activation lies within h of 0, so no central difference straddles ReLU's kink.");
    } else {
      out.println("Kinks: " + report.kinks().size() + " hidden pre-activation(s) within h = 1e-4 of 0, where ReLU bends:");
      for (Kink kink : report.kinks()) {
        out.println("  sample " + kink.sample() + ", unit " + kink.unit() + ": " + Fmt.py(kink.preActivation()));
      }
      out.println("Moving b1 or W1 of such a unit by ±h carries it across 0, so the central difference averages two");
      out.println("slopes: there the numerical gradient is wrong, not backprop. Without those units' weights:");
      for (Difference d : report.differences()) {
        out.println(d.name() + ":" + Fmt.py(d.withoutKinks()) + (d.excluded() == 0 ? "" : "   (" + d.excluded()
            + " element(s) left out)"));
      }
    }
    out.println();
    out.println("The 1e-7 inside the loss's log alone makes b2 differ by about 1.4e-7, whatever the weights.");
    out.println(report.passed() ? "PASSED: every difference" + (report.kinks().isEmpty() ? "" : " (kinked units left out)")
        + " is below 1e-6." : "FAILED: a difference is 1e-6 or more; backprop disagrees with the numerical gradient.");
  }
}
