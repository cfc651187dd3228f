package org.nn4j.examples.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import org.nn4j.api.Args;
import org.nn4j.api.DType;
import org.nn4j.api.Loss;
import org.nn4j.api.Tensor;
import org.nn4j.core.Registry;
import org.nn4j.core.data.Dataset;
import org.nn4j.core.data.Mnist;

/** What the demos share: standard output for their {@code main}, the providers found by name, the bundled data. */
final class Demos {
  private static final Registry REGISTRY = Registry.load();

  private Demos() {
  }

  /** Standard output as a writer that flushes each line, for a demo's {@code main}. */
  static PrintWriter stdout() {
    return new PrintWriter(new java.io.OutputStreamWriter(System.out, Charset.defaultCharset()), true);
  }

  /** The registry of every provider on the class path: demos use the very providers training uses. */
  static Registry registry() {
    return REGISTRY;
  }

  /** The loss named {@code name}, without arguments. */
  static Loss loss(String name) {
    return REGISTRY.loss(name, Args.none(name));
  }

  /** A float64 one-hot row vector of {@code classes} with a 1 at {@code label}. */
  static Tensor oneHot(int label, int classes) {
    Tensor t = Tensor.zeros(DType.FLOAT64, classes);
    t.setFlat(label, 1);
    return t;
  }

  /** The first {@code n} training images of the MNIST sample bundled with nn4j, in float64. */
  static Dataset trainingSample(int n) {
    try {
      return Mnist.loadResource(Demos.class.getClassLoader(), "mnist-sample", DType.FLOAT64).train().head(n);
    } catch (IOException e) {
      throw new UncheckedIOException("the bundled MNIST sample could not be read", e);
    }
  }

  /** The labels of {@code data} as a tensor of its type, one class index per row, as the losses take them. */
  static Tensor labels(Dataset data) {
    Tensor t = Tensor.zeros(data.features().dtype(), data.size());
    for (int i = 0; i < data.size(); i++) {
      t.setFlat(i, data.labels()[i]);
    }
    return t;
  }
}
