package org.nn4j.bench;

import org.nn4j.api.Args;
import org.nn4j.api.DType;
import org.nn4j.api.Optimizer;
import org.nn4j.core.Network;
import org.nn4j.core.Registry;

/**
 * The two training workloads measured, defined once so that the JMH step benchmark, the epoch timer and the
 * NumPy reference ({@code bench/train_numpy.py}) train the same networks: the book's two-layer network
 * (784-50-10, init std 0.01, SGD lr 0.1, batch 100) and a wider one (784-512-512-10 ReLU, He init, Adam lr
 * 0.001, batch 128). Both use softmax-cross-entropy.
 */
public enum Workload {
  /** The book's two-layer network of §5.7.4. */
  TWO_LAYER("two-layer", "affine(out=50) relu affine(out=10)", "0.01", "sgd", "0.1", 100),
  /** Two hidden layers of 512 ReLU units trained with Adam. */
  MLP512("mlp512", "affine(out=512) relu affine(out=512) relu affine(out=10)", "he", "adam", "0.001", 128);

  private final String label;
  private final String layers;
  private final String init;
  private final String optimizer;
  private final String lr;
  private final int batch;

  Workload(String label, String layers, String init, String optimizer, String lr, int batch) {
    this.label = label;
    this.layers = layers;
    this.init = init;
    this.optimizer = optimizer;
    this.lr = lr;
    this.batch = batch;
  }

  /** The workload named {@code two-layer} or {@code mlp512}, as in the NumPy reference. */
  public static Workload parse(String label) {
    for (Workload w : values()) {
      if (w.label.equals(label)) {
        return w;
      }
    }
    throw new IllegalArgumentException("workload is two-layer or mlp512, not " + label);
  }

  /** The name used on the command line and in printed results. */
  public String label() {
    return label;
  }

  /** Examples per training step. */
  public int batch() {
    return batch;
  }

  /** A freshly initialised network of 784 inputs, its weights drawn from {@code seed}. */
  public Network network(Registry registry, DType dtype, long seed) {
    return Network.builder(registry).input(784).dtype(dtype).seed(seed).init(init).layers(layers)
        .loss("softmax-cross-entropy").build();
  }

  /** A fresh optimizer with the workload's learning rate. */
  public Optimizer optimizer(Registry registry) {
    return registry.optimizer(optimizer, Args.of(optimizer, "lr", lr));
  }
}
