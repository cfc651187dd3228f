package org.nn4j.core.eval;

import org.nn4j.api.ShapeException;
import org.nn4j.core.Network;
import org.nn4j.core.data.Dataset;

/**
 * How well a classifier does on labelled examples: accuracy, the confusion matrix (rows are the true
 * classes, columns the predicted ones), and each class's precision (of the examples predicted as the class,
 * the fraction that are) and recall (of the examples of the class, the fraction found).
 */
public final class Evaluation {
  private static final int BATCH = 1000;
  private final int[][] confusion;
  private final int count;

  private Evaluation(int[][] confusion, int count) {
    this.confusion = confusion;
    this.count = count;
  }

  /** Evaluates {@code network} on {@code data}, predicting in batches. */
  public static Evaluation of(Network network, Dataset data) {
    int[] predicted = new int[data.size()];
    for (int from = 0; from < data.size(); from += BATCH) {
      int to = Math.min(data.size(), from + BATCH);
      int[] p = network.predict(data.features().sliceRows(from, to));
      System.arraycopy(p, 0, predicted, from, p.length);
    }
    int classes = Math.max(data.classes(), network.outputShape().size());
    return of(predicted, data.labels(), classes);
  }

  /** Evaluates predictions against labels, both in {@code [0, classes)}. */
  public static Evaluation of(int[] predicted, int[] labels, int classes) {
    if (predicted.length != labels.length) {
      throw new ShapeException("evaluation: " + predicted.length + " predictions but " + labels.length + " labels");
    }
    int[][] confusion = new int[classes][classes];
    for (int i = 0; i < labels.length; i++) {
      if (predicted[i] < 0 || predicted[i] >= classes || labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException("evaluation: class out of range [0, " + classes + ") at example " + i);
      }
      confusion[labels[i]][predicted[i]]++;
    }
    return new Evaluation(confusion, labels.length);
  }

  /** Number of examples evaluated. */
  public int count() {
    return count;
  }

  /** Number of classes. */
  public int classes() {
    return confusion.length;
  }

  /** How many examples of class {@code actual} were predicted as {@code predicted}. */
  public int confusion(int actual, int predicted) {
    return confusion[actual][predicted];
  }

  /** Examples predicted correctly. */
  public int correct() {
    int c = 0;
    for (int i = 0; i < confusion.length; i++) {
      c += confusion[i][i];
    }
    return c;
  }

  /** The fraction predicted correctly. */
  public double accuracy() {
    return count == 0 ? Double.NaN : (double) correct() / count;
  }

  /** Of the examples predicted as class {@code c}, the fraction that are ({@code NaN} when none was). */
  public double precision(int c) {
    int predicted = 0;
    for (int[] row : confusion) {
      predicted += row[c];
    }
    return predicted == 0 ? Double.NaN : (double) confusion[c][c] / predicted;
  }

  /** Of the examples of class {@code c}, the fraction predicted as {@code c} ({@code NaN} when there are none). */
  public double recall(int c) {
    int actual = 0;
    for (int v : confusion[c]) {
      actual += v;
    }
    return actual == 0 ? Double.NaN : (double) confusion[c][c] / actual;
  }

  /** The confusion matrix with each class's recall and precision, and the accuracy, as a text table. */
  public String table() {
    int k = classes();
    StringBuilder sb = new StringBuilder("confusion matrix (rows: true class, columns: predicted class)\n");
    sb.append(String.format("%6s", ""));
    for (int c = 0; c < k; c++) {
      sb.append(String.format("%6d", c));
    }
    sb.append(String.format("%9s%n", "recall"));
    for (int r = 0; r < k; r++) {
      sb.append(String.format("%6d", r));
      for (int c = 0; c < k; c++) {
        sb.append(String.format("%6d", confusion[r][c]));
      }
      sb.append(String.format("%9.4f%n", recall(r)));
    }
    sb.append(String.format("%6s", "prec."));
    for (int c = 0; c < k; c++) {
      double p = precision(c);
      sb.append(Double.isNaN(p) ? String.format("%6s", "-") : String.format("%6.2f", p));
    }
    sb.append(String.format("%naccuracy: %.4f (%d of %d)%n", accuracy(), correct(), count));
    return sb.toString();
  }
}
