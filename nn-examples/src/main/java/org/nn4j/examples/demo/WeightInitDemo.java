package org.nn4j.examples.demo;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nn4j.api.Args;
import org.nn4j.api.BuildContext;
import org.nn4j.api.DType;
import org.nn4j.api.Layer;
import org.nn4j.api.Shape;
import org.nn4j.api.Tensor;
import org.nn4j.core.SeededRandom;

/**
 * Book §6.2.2–6.2.3 ({@code weight_init_activation_histogram.py}): 1,000 random inputs of 100 values go
 * through 5 layers of 100 units ({@code affine} without bias, then {@code sigmoid} or {@code relu}), and the
 * spread of each layer's activations is shown for each initialiser: with std 1 sigmoid saturates at 0 and 1
 * (vanishing gradients), with std 0.01 every unit says 0.5 (no expressiveness), Xavier keeps sigmoid spread,
 * and He keeps ReLU spread where Xavier and 0.01 let it shrink away.
 */
public final class WeightInitDemo {
  static final int SAMPLES = 1000;
  static final int UNITS = 100;
  static final int LAYERS = 5;
  private static final String BARS = " ▁▂▃▄▅▆▇█";

  private WeightInitDemo() {
  }

  /** Prints the demonstration to standard output. */
  public static void main(String[] args) {
    run(Demos.stdout());
  }

  /** The activations of each of the 5 layers for {@code activation} and initialiser {@code init}. */
  static List<Tensor> activations(String activation, String init, long seed) {
    SeededRandom random = new SeededRandom(seed);
    Tensor x = Tensor.zeros(DType.FLOAT64, SAMPLES, UNITS).mapInPlace(v -> random.nextGaussian());
    List<Tensor> out = new ArrayList<>();
    for (int i = 1; i <= LAYERS; i++) {
      Layer affine = Demos.registry().layer("affine", Args.of("affine", "out", Integer.toString(UNITS), "init", init,
          "bias", "false"));
      affine.build(Shape.of(UNITS), new BuildContext("affine#" + i, DType.FLOAT64, random, init));
      Layer act = Demos.registry().layer(activation, Args.none(activation));
      act.build(Shape.of(UNITS), new BuildContext(activation + "#" + i, DType.FLOAT64, random, init));
      x = act.forward(affine.forward(x, false), false);
      out.add(x);
    }
    return out;
  }

  /** The standard deviation of all elements. */
  static double std(Tensor t) {
    double mean = t.sum() / t.size();
    double s = 0;
    for (int i = 0; i < t.size(); i++) {
      s += (t.getFlat(i) - mean) * (t.getFlat(i) - mean);
    }
    return Math.sqrt(s / t.size());
  }

  /** A one-line histogram of {@code t} over [0, 1] in 20 bins. */
  static String histogram(Tensor t) {
    int[] bins = new int[20];
    for (int i = 0; i < t.size(); i++) {
      bins[Math.min(19, Math.max(0, (int) (t.getFlat(i) * 20)))]++;
    }
    int max = 1;
    for (int b : bins) {
      max = Math.max(max, b);
    }
    StringBuilder sb = new StringBuilder("|");
    for (int b : bins) {
      sb.append(BARS.charAt(b == 0 ? 0 : 1 + (int) Math.round((BARS.length() - 2) * (double) b / max)));
    }
    return sb.append('|').toString();
  }

  /** Prints the histograms of each layer for each case the book shows. */
  public static void run(PrintWriter out) {
    out.println("How activations spread through 5 layers of 100 units (book §6.2.2–6.2.3): 1,000 inputs of");
    out.println("100 standard normal values; histograms of each layer's outputs over [0, 1] in 20 bins, and their std.");
    String[][] cases = {{"sigmoid", "1"}, {"sigmoid", "0.01"}, {"sigmoid", "xavier"}, {"relu", "0.01"},
        {"relu", "xavier"}, {"relu", "he"}};
    for (String[] c : cases) {
      out.println();
      out.printf("%s, init %s%n", c[0], c[1]);
      List<Tensor> layers = activations(c[0], c[1], 1);
      for (int i = 0; i < layers.size(); i++) {
        out.printf(Locale.ROOT, "  layer %d %s std %.4g%n", i + 1, histogram(layers.get(i)), std(layers.get(i)));
      }
    }
    out.println();
    out.println("std 1: sigmoid outputs pile up at 0 and 1, where its gradient vanishes. std 0.01: all near 0.5.");
    out.println("Xavier (√(1/n)) keeps sigmoid spread; for ReLU, He (√(2/n)) keeps the spread that Xavier loses.");
  }
}
