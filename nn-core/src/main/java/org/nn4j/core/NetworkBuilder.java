package org.nn4j.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.nn4j.api.Args;
import org.nn4j.api.BuildContext;
import org.nn4j.api.ConfigurationException;
import org.nn4j.api.DType;
import org.nn4j.api.Layer;
import org.nn4j.api.Loss;
import org.nn4j.api.Shape;
import org.nn4j.api.ShapeException;
import org.nn4j.api.WeightInit;

/**
 * Assembles a {@link Network}: the input shape of one sample, the layers (by provider name, from a text
 * spec, or as objects), the loss, the element type, the seed and the default weight initialiser. {@link #build}
 * names each layer ({@code affine#1}, {@code relu#1}, {@code affine#2}), checks the shapes from input to
 * output, infers input widths, and draws the initial weights from one generator seeded with {@link #seed}.
 */
public final class NetworkBuilder {
  private final Registry registry;
  private final List<Layer> layers = new ArrayList<>();
  private final List<LayerSpec> specs = new ArrayList<>();
  private Loss loss;
  private LayerSpec lossSpec;
  private double weightDecay;
  private long allocationLimit = -1;
  private Shape input;
  private DType dtype = DType.FLOAT32;
  private long seed = 42;
  private String defaultInit = WeightInit.DEFAULT.toString();

  NetworkBuilder(Registry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** The shape of one input sample, such as {@code 784} or {@code 28, 28}. */
  public NetworkBuilder input(int... dims) {
    this.input = Shape.of(dims);
    return this;
  }

  /** The shape of one input sample. */
  public NetworkBuilder input(Shape shape) {
    this.input = Objects.requireNonNull(shape, "shape");
    return this;
  }

  /** The element type of parameters and activations; {@code float32} unless set. */
  public NetworkBuilder dtype(DType type) {
    this.dtype = Objects.requireNonNull(type, "dtype");
    return this;
  }

  /** The seed of the generator that draws the initial weights; 42 unless set. */
  public NetworkBuilder seed(long value) {
    this.seed = value;
    return this;
  }

  /** The initialiser of layers whose arguments name none: {@code he}, {@code xavier}, or a std such as {@code 0.01}. */
  public NetworkBuilder init(String rule) {
    this.defaultInit = WeightInit.parse(rule).toString();
    return this;
  }

  /** Appends a layer made by the provider {@code name} with alternating argument keys and values. */
  public NetworkBuilder layer(String name, String... keysAndValues) {
    return layer(new LayerSpec(name, Args.of(name, keysAndValues)));
  }

  /** Appends a layer made from a spec. */
  public NetworkBuilder layer(LayerSpec spec) {
    layers.add(registry.layer(spec.name(), spec.args()));
    specs.add(spec);
    return this;
  }

  /** Appends the layers of a text spec such as {@code "affine(out=50) relu affine(out=10)"}. */
  public NetworkBuilder layers(String spec) {
    for (LayerSpec s : LayerSpec.parseAll(spec)) {
      layer(s);
    }
    return this;
  }

  /** Appends a layer object made elsewhere; it must be new, since a layer belongs to one network. */
  public NetworkBuilder layer(Layer layer) {
    layers.add(Objects.requireNonNull(layer, "layer"));
    specs.add(null);
    return this;
  }

  /** The loss made by the provider {@code name}. */
  public NetworkBuilder loss(String name, String... keysAndValues) {
    return loss(new LayerSpec(name, Args.of(name, keysAndValues)));
  }

  /** The loss made from a spec such as {@code softmax-cross-entropy}. */
  public NetworkBuilder loss(LayerSpec spec) {
    this.loss = registry.loss(spec.name(), spec.args());
    this.lossSpec = spec;
    return this;
  }

  /** A loss object made elsewhere. */
  public NetworkBuilder loss(Loss value) {
    this.loss = Objects.requireNonNull(value, "loss");
    this.lossSpec = null;
    return this;
  }

  /**
   * L2 weight decay (book §6.4.1): {@code ½·λ·ΣW²} over every weight matrix (parameters named {@code W}) is
   * added to the loss, and {@code λ·W} to their gradients. 0 (none) unless set.
   */
  public NetworkBuilder weightDecay(double lambda) {
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new ConfigurationException("network: weight decay must be a finite number >= 0, got " + lambda);
    }
    this.weightDecay = lambda;
    return this;
  }

  /**
   * Refuses to build a network whose layers declare (through {@link Layer#allocationSize}) more than
   * {@code elements} numbers of parameters and state: how a model loader keeps a crafted architecture from
   * allocating gigabytes before its file is checked. No limit unless set.
   */
  public NetworkBuilder allocationLimit(long elements) {
    this.allocationLimit = elements;
    return this;
  }

  /**
   * Checks, sizes and initialises the layers and returns the network.
   *
   * @throws ConfigurationException when the input shape, the layers or the loss are missing
   * @throws org.nn4j.api.ShapeException naming the layer and both shapes when a layer does not fit its input
   */
  public Network build() {
    if (input == null) {
      throw new ConfigurationException("network: no input shape; call input(784) or the like");
    }
    if (layers.isEmpty()) {
      throw new ConfigurationException("network: no layers; add some, such as layers(\"affine(out=10)\")");
    }
    if (loss == null) {
      throw new ConfigurationException("network: no loss; add one, such as loss(\"softmax-cross-entropy\")");
    }
    if (allocationLimit >= 0) {
      checkAllocation();
    }
    SeededRandom random = new SeededRandom(seed);
    Map<String, Integer> counts = new HashMap<>();
    List<String> names = new ArrayList<>();
    Shape shape = input;
    for (int i = 0; i < layers.size(); i++) {
      String base = specs.get(i) != null ? specs.get(i).name()
          : layers.get(i).getClass().getSimpleName().toLowerCase(Locale.ROOT);
      String name = base + "#" + counts.merge(base, 1, Integer::sum);
      names.add(name);
      Layer layer = layers.get(i);
      try {
        layer.build(shape, new BuildContext(name, dtype, random, defaultInit));
        shape = layer.outputShape(shape);
      } catch (ShapeException e) {
        throw named(name, shape, e);
      }
    }
    return new Network(new Network.Parts(layers, names, specs, loss, lossSpec, input, shape, dtype, weightDecay));
  }

  private void checkAllocation() {
    long declared = 0;
    Shape shape = input;
    for (Layer layer : layers) {
      long size = layer.allocationSize(shape);
      if (size > 0) {
        declared += size;
      }
      if (declared > allocationLimit) {
        throw new ConfigurationException("network: the layers up to " + layer.getClass().getSimpleName()
            + " would allocate " + declared + " numbers of parameters and state, more than the limit of "
            + allocationLimit);
      }
      shape = layer.outputShape(shape);
    }
  }

  /** {@code e} itself when its message names the layer; otherwise a copy that names it and its input. */
  private static ShapeException named(String name, Shape input, ShapeException e) {
    if (String.valueOf(e.getMessage()).contains(name)) {
      return e;
    }
    ShapeException named = new ShapeException(name + ": does not accept input " + input + ": " + e.getMessage());
    named.initCause(e);
    return named;
  }
}
