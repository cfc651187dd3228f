package org.nn4j.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nn4j.api.DType;
import org.nn4j.api.Layer;
import org.nn4j.api.Loss;
import org.nn4j.api.Param;
import org.nn4j.api.Shape;
import org.nn4j.api.ShapeException;
import org.nn4j.api.Tensor;

/**
 * A sequential network: layers applied in order, then a loss, as the book's {@code TwoLayerNet} (§5.7) but
 * with any layers. Built by {@link NetworkBuilder}, which checks every shape and sizes every layer before any
 * data flows. A training step is {@link #loss} (forward through layers and loss) then {@link #backward}
 * (loss gradient, then layers in reverse), after which each parameter's gradient is filled.
 *
 * <p>Inputs are batches whose rows have the network's input shape, or that shape flattened. Not thread-safe.
 */
public final class Network {
  private final List<Layer> layers;
  private final List<String> names;
  private final List<LayerSpec> specs;
  private final Loss loss;
  private final LayerSpec lossSpec;
  private final Shape inputShape;
  private final Shape outputShape;
  private final DType dtype;
  private final double weightDecay;
  private final List<Param> decayed;

  /** What a {@link NetworkBuilder} assembled; {@code null} specs mark objects given directly. */
  record Parts(List<Layer> layers, List<String> names, List<LayerSpec> specs, Loss loss, LayerSpec lossSpec,
      Shape inputShape, Shape outputShape, DType dtype, double weightDecay) {
  }

  Network(Parts parts) {
    this.layers = List.copyOf(parts.layers());
    this.names = List.copyOf(parts.names());
    this.specs = java.util.Collections.unmodifiableList(new ArrayList<>(parts.specs()));
    this.loss = parts.loss();
    this.lossSpec = parts.lossSpec();
    this.inputShape = parts.inputShape();
    this.outputShape = parts.outputShape();
    this.dtype = parts.dtype();
    this.weightDecay = parts.weightDecay();
    this.decayed = params().stream().filter(p -> p.name().equals("W")).toList();
  }

  /** A builder that makes layers and the loss through {@code registry}. */
  public static NetworkBuilder builder(Registry registry) {
    return new NetworkBuilder(registry);
  }

  /**
   * The output of the last layer for the batch {@code x} (the scores before the loss), as a new tensor that
   * stays the caller's: layers reuse their buffers from call to call, so the network hands out a copy.
   */
  public Tensor forward(Tensor x, boolean training) {
    return run(x, training).copy();
  }

  /** The forward pass through the layers, returning the last layer's own buffer (valid until the next pass). */
  private Tensor run(Tensor x, boolean training) {
    Tensor h = checkInput(x);
    for (Layer layer : layers) {
      h = layer.forward(h, training);
    }
    return h;
  }

  /**
   * Forward in training mode through the layers and the loss: the mean loss of batch {@code x}, plus
   * {@code ½·λ·ΣW²} when the network has weight decay λ.
   */
  public double loss(Tensor x, Tensor targets) {
    double value = loss.forward(run(x, true), targets);
    if (weightDecay > 0) {
      double squares = 0;
      for (Param p : decayed) {
        Tensor w = p.value();
        for (int i = 0; i < w.size(); i++) {
          squares += w.getFlat(i) * w.getFlat(i);
        }
      }
      value += 0.5 * weightDecay * squares;
    }
    return value;
  }

  /**
   * Backpropagates from the loss of the last {@link #loss} call through every layer in reverse, filling each
   * parameter's gradient, and returns dL/dx.
   */
  public Tensor backward() {
    return backward(true);
  }

  /**
   * {@link #backward()} when {@code needInputGradient}; otherwise only the parameters' gradients are filled,
   * the first layer may skip computing dL/dx, and the result is {@code null}. Training needs no dL/dx.
   */
  public Tensor backward(boolean needInputGradient) {
    Tensor d = loss.backward();
    for (int i = layers.size() - 1; i >= 0; i--) {
      d = layers.get(i).backward(d, i > 0 || needInputGradient);
    }
    if (weightDecay > 0) {
      for (Param p : decayed) {
        p.grad().addScaledInPlace(weightDecay, p.value());
      }
    }
    return d;
  }

  /** The predicted class of each row: the index of its largest score. */
  public int[] predict(Tensor x) {
    return run(x, false).asMatrix().argmaxRows();
  }

  /**
   * The fraction of rows of {@code x} whose predicted class equals its label, computed in batches of
   * {@code batchSize} rows so that memory stays bounded.
   */
  public double accuracy(Tensor x, int[] labels, int batchSize) {
    if (labels.length != x.rows()) {
      throw new ShapeException("accuracy: " + x.rows() + " rows but " + labels.length + " labels");
    }
    if (labels.length == 0) {
      return Double.NaN;
    }
    int correct = 0;
    for (int from = 0; from < x.rows(); from += batchSize) {
      int to = Math.min(x.rows(), from + batchSize);
      int[] predicted = predict(x.sliceRows(from, to));
      for (int i = 0; i < predicted.length; i++) {
        if (predicted[i] == labels[from + i]) {
          correct++;
        }
      }
    }
    return (double) correct / labels.length;
  }

  /** Every trainable parameter, layer by layer, in a stable order. */
  public List<Param> params() {
    List<Param> all = new ArrayList<>();
    for (Layer layer : layers) {
      all.addAll(layer.params());
    }
    return all;
  }

  /** The parameters by qualified name, such as {@code affine#1.W}, in order. */
  public Map<String, Param> namedParams() {
    Map<String, Param> out = new LinkedHashMap<>();
    for (int i = 0; i < layers.size(); i++) {
      for (Param p : layers.get(i).params()) {
        out.put(names.get(i) + "." + p.name(), p);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** The layers, in order. */
  public List<Layer> layers() {
    return layers;
  }

  /** Each layer's name in this network, such as {@code affine#2}. */
  public List<String> layerNames() {
    return names;
  }

  /** The spec each layer was made from, such as {@code affine(out=50)}; {@code null} for a layer given as an object. */
  public List<LayerSpec> layerSpecs() {
    return specs;
  }

  /** The loss. */
  public Loss lossFunction() {
    return loss;
  }

  /** The spec the loss was made from, or {@code null} when it was given as an object. */
  public LayerSpec lossSpec() {
    return lossSpec;
  }

  /** The L2 weight decay λ (0 for none). */
  public double weightDecay() {
    return weightDecay;
  }

  /** Every layer's state besides parameters (such as batch normalisation's running mean), by qualified name. */
  public Map<String, Tensor> namedState() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (int i = 0; i < layers.size(); i++) {
      for (Map.Entry<String, Tensor> e : layers.get(i).state().entrySet()) {
        out.put(names.get(i) + "." + e.getKey(), e.getValue());
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** The shape of one input sample. */
  public Shape inputShape() {
    return inputShape;
  }

  /** The shape of one output sample. */
  public Shape outputShape() {
    return outputShape;
  }

  /** The element type of parameters and activations. */
  public DType dtype() {
    return dtype;
  }

  /** A table of the layers with their output shapes and parameter counts. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%-14s %-24s %s%n", "layer", "spec", "parameters"));
    long total = 0;
    for (int i = 0; i < layers.size(); i++) {
      long count = layers.get(i).params().stream().mapToLong(p -> p.value().size()).sum();
      total += count;
      String spec = specs.get(i) == null ? layers.get(i).getClass().getSimpleName() : specs.get(i).toString();
      sb.append(String.format("%-14s %-24s %d%n", names.get(i), spec, count));
    }
    sb.append(String.format("input %s, output %s, %d parameters, %s, loss %s", inputShape, outputShape, total,
        dtype, loss.getClass().getSimpleName()));
    return sb.toString();
  }

  private Tensor checkInput(Tensor x) {
    if (x.dtype() != dtype) {
      throw new IllegalArgumentException("network: input is " + x.dtype() + " but the network is " + dtype
          + "; convert it with Tensor.to(DType)");
    }
    if (x.rank() < 1 || x.rowLength() != inputShape.size()) {
      throw new ShapeException("network: input " + x.shape() + " does not match the input shape " + inputShape
          + " of one sample (a batch has shape " + inputShape.withBatch(x.rank() < 1 ? 1 : x.rows()) + ")");
    }
    if (x.rank() == inputShape.rank() + 1) {
      boolean same = true;
      for (int a = 0; a < inputShape.rank(); a++) {
        same &= x.shape().dim(a + 1) == inputShape.dim(a);
      }
      if (same) {
        return x;
      }
    }
    return x.reshape(inputShape.withBatch(x.rows()));
  }
}
