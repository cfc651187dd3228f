package org.nn4j.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.nn4j.api.DType;
import org.nn4j.api.Optimizer;
import org.nn4j.api.Param;
import org.nn4j.api.Shape;
import org.nn4j.api.Tensor;
import org.nn4j.core.LayerSpec;
import org.nn4j.core.Network;
import org.nn4j.core.Registry;

/**
 * A network saved as one self-describing {@link ModelFile}: the architecture as text in the metadata
 * (provider names and arguments, never a class name), the parameters and layer state as tensors named
 * {@code affine#1.W}, {@code batch-norm#1.running_mean}, and optionally the optimizer's state as
 * {@code optimizer.0.m}, {@code optimizer.t}. Loading rebuilds the network through the {@link Registry}, by
 * name, so a model file can carry no code; every tensor the network expects must be present with its shape
 * and type, and no other.
 *
 * <p>Metadata keys: {@code format} ({@value #FORMAT}), {@code format_version} ({@value #VERSION}),
 * {@code input} (one sample's shape, such as {@code 784}), {@code dtype}, {@code layers} (the spec),
 * {@code loss}, {@code weight_decay}, and with optimizer state {@code optimizer} (such as {@code adam(lr=0.001)});
 * callers may add their own (a checkpoint records the trainer's settings and epoch).
 */
public final class SavedModel {
  /** The value of the {@code format} metadata entry. */
  public static final String FORMAT = "nn4j-model";
  /** The version of the layout written. */
  public static final String VERSION = "1";
  private static final String OPTIMIZER_PREFIX = "optimizer.";
  /** How many numbers (64 MiB of float32) an architecture may declare beyond what its file holds. */
  private static final long ALLOCATION_SLACK = 1L << 24;

  private final Network network;
  private final Optimizer optimizer;
  private final LayerSpec optimizerSpec;
  private final Map<String, String> metadata;

  private SavedModel(Network network, Optimizer optimizer, LayerSpec optimizerSpec, Map<String, String> metadata) {
    this.network = network;
    this.optimizer = optimizer;
    this.optimizerSpec = optimizerSpec;
    this.metadata = metadata;
  }

  /** The network, with its saved parameters and state. */
  public Network network() {
    return network;
  }

  /** The optimizer with its saved state, when the file holds one. */
  public Optional<Optimizer> optimizer() {
    return Optional.ofNullable(optimizer);
  }

  /** The spec of the saved optimizer, when the file holds one. */
  public Optional<LayerSpec> optimizerSpec() {
    return Optional.ofNullable(optimizerSpec);
  }

  /** Every metadata entry of the file. */
  public Map<String, String> metadata() {
    return metadata;
  }

  /**
   * Saves {@code network} (and, when {@code optimizerSpec} is given, {@code optimizer}'s state) to
   * {@code file}, atomically.
   *
   * @param extra further metadata, such as a checkpoint's epoch; must not reuse the keys listed above
   * @throws IllegalArgumentException when a layer or the loss was given as an object, not by provider name
   */
  public static void save(Path file, Network network, Optimizer optimizer, LayerSpec optimizerSpec,
      Map<String, String> extra) throws IOException {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("format", FORMAT);
    meta.put("format_version", VERSION);
    meta.put("input", Arrays.stream(network.inputShape().dims()).mapToObj(Integer::toString)
        .collect(Collectors.joining(",")));
    meta.put("dtype", network.dtype().label());
    meta.put("layers", layersSpec(network));
    if (network.lossSpec() == null) {
      throw new IllegalArgumentException("cannot save: the loss was given as an object, not by provider name");
    }
    meta.put("loss", network.lossSpec().toString());
    meta.put("weight_decay", Double.toString(network.weightDecay()));
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    network.namedParams().forEach((name, p) -> tensors.put(name, p.value()));
    tensors.putAll(network.namedState());
    if (optimizerSpec != null) {
      meta.put("optimizer", optimizerSpec.toString());
      optimizer.state(network.params()).forEach((name, t) -> tensors.put(OPTIMIZER_PREFIX + name, t));
    }
    for (Map.Entry<String, String> e : extra.entrySet()) {
      if (meta.putIfAbsent(e.getKey(), e.getValue()) != null) {
        throw new IllegalArgumentException("metadata key '" + e.getKey() + "' is reserved");
      }
    }
    ModelFile.write(file, tensors, meta);
  }

  /**
   * Loads a model saved by {@link #save}, making its layers, loss and optimizer through {@code registry}.
   *
   * @throws ModelFormatException naming the file and the fault: not an nn4j model, an unsupported version,
   *     an architecture that does not parse or names a provider the registry lacks (a plugin jar may be
   *     missing), a tensor missing, unexpected, or of the wrong shape or type
   */
  public static SavedModel load(Path file, Registry registry) throws IOException {
    ModelFile content = ModelFile.read(file);
    String source = file.toString();
    Map<String, String> meta = content.metadata();
    if (!FORMAT.equals(meta.get("format"))) {
      throw new ModelFormatException(source, "not an nn4j model: metadata 'format' is "
          + (meta.containsKey("format") ? "'" + meta.get("format") + "'" : "missing") + ", expected '" + FORMAT + "'");
    }
    if (!VERSION.equals(meta.get("format_version"))) {
      throw new ModelFormatException(source, "unsupported format_version '" + meta.get("format_version")
          + "'; this nn4j reads version " + VERSION);
    }
    Network network;
    Optimizer optimizer = null;
    LayerSpec optimizerSpec = null;
    // Layers may declare a little more than the file holds (the tensor checks below say exactly what is
    // wrong then); gigabytes more is a crafted or broken architecture, refused before anything is allocated.
    long stored = content.tensors().values().stream().mapToLong(Tensor::size).sum() + ALLOCATION_SLACK;
    try {
      network = Network.builder(registry)
          .allocationLimit(stored)
          .input(parseShape(required(meta, "input", source), source))
          .dtype(DType.parse(required(meta, "dtype", source)))
          .layers(required(meta, "layers", source))
          .loss(LayerSpec.parse(required(meta, "loss", source)))
          .weightDecay(Double.parseDouble(meta.getOrDefault("weight_decay", "0")))
          .build();
      if (meta.containsKey("optimizer")) {
        optimizerSpec = LayerSpec.parse(meta.get("optimizer"));
        optimizer = registry.optimizer(optimizerSpec.name(), optimizerSpec.args());
      }
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(source, "architecture: " + e.getMessage(), e);
    }
    Map<String, Tensor> expected = new LinkedHashMap<>();
    network.namedParams().forEach((name, p) -> expected.put(name, p.value()));
    expected.putAll(network.namedState());
    if (optimizer != null) {
      List<Param> params = network.params();
      optimizer.state(params).forEach((name, t) -> expected.put(OPTIMIZER_PREFIX + name, t));
    }
    copyTensors(content.tensors(), expected, source);
    return new SavedModel(network, optimizer, optimizerSpec, meta);
  }

  private static void copyTensors(Map<String, Tensor> found, Map<String, Tensor> expected, String source)
      throws ModelFormatException {
    for (String name : found.keySet()) {
      if (!expected.containsKey(name)) {
        throw new ModelFormatException(source, "unexpected tensor '" + name + "'; the architecture has "
            + String.join(", ", expected.keySet()));
      }
    }
    for (Map.Entry<String, Tensor> e : expected.entrySet()) {
      Tensor saved = found.get(e.getKey());
      Tensor live = e.getValue();
      if (saved == null) {
        throw new ModelFormatException(source, "missing tensor '" + e.getKey() + "' of shape " + live.shape());
      }
      if (!saved.shape().equals(live.shape()) || saved.dtype() != live.dtype()) {
        throw new ModelFormatException(source, "tensor '" + e.getKey() + "' is " + saved.shape() + " " + saved.dtype()
            + " but the architecture needs " + live.shape() + " " + live.dtype());
      }
      live.copyFrom(saved);
    }
  }

  private static String layersSpec(Network network) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < network.layers().size(); i++) {
      LayerSpec spec = network.layerSpecs().get(i);
      if (spec == null) {
        throw new IllegalArgumentException("cannot save: layer " + network.layerNames().get(i)
            + " was given as an object, not by provider name, so a model file could not rebuild it");
      }
      sb.append(i == 0 ? "" : " ").append(spec);
    }
    return sb.toString();
  }

  private static String required(Map<String, String> meta, String key, String source) throws ModelFormatException {
    String v = meta.get(key);
    if (v == null) {
      throw new ModelFormatException(source, "metadata entry '" + key + "' is missing");
    }
    return v;
  }

  private static Shape parseShape(String text, String source) throws ModelFormatException {
    try {
      return Shape.of(Arrays.stream(text.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray());
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(source, "metadata 'input' is '" + text + "', not a shape such as 784 or 28,28", e);
    }
  }
}
