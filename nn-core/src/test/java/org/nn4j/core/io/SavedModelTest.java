package org.nn4j.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nn4j.api.Args;
import org.nn4j.api.DType;
import org.nn4j.api.Layer;
import org.nn4j.api.LayerProvider;
import org.nn4j.api.Loss;
import org.nn4j.api.Optimizer;
import org.nn4j.api.Param;
import org.nn4j.api.Shape;
import org.nn4j.api.Tensor;
import org.nn4j.core.LayerSpec;
import org.nn4j.core.Network;
import org.nn4j.core.Registry;
import org.nn4j.core.ToolkitFixtures;
import org.nn4j.core.data.Dataset;

/** Saving a network with {@link SavedModel} and loading it back: exact round trips and every rejection. */
class SavedModelTest {
  private static final Registry REGISTRY = ToolkitFixtures.registry();
  private static final LayerSpec SGD = LayerSpec.parse("sgd(lr=0.1)");

  @TempDir
  Path dir;

  /** A trained (so biases are not zero) network of {@link ToolkitFixtures#LAYERS} with weight decay 0.01. */
  private static Network trained(DType dtype) {
    Network net = Network.builder(REGISTRY).input(6).dtype(dtype).seed(5).init("0.5").layers(ToolkitFixtures.LAYERS)
        .loss("softmax-cross-entropy").weightDecay(0.01).build();
    Dataset data = ToolkitFixtures.dataset(dtype, 40, 6, 3, 1);
    Optimizer sgd = REGISTRY.optimizer("sgd", SGD.args());
    for (int i = 0; i < 3; i++) {
      Tensor t = Tensor.zeros(dtype, data.size());
      for (int r = 0; r < data.size(); r++) {
        t.setFlat(r, data.labels()[r]);
      }
      net.loss(data.features(), t);
      net.backward();
      sgd.step(net.params());
    }
    return net;
  }

  @ParameterizedTest(name = "{0}, optimizer saved: {1}")
  @CsvSource({"FLOAT32, true", "FLOAT32, false", "FLOAT64, true", "FLOAT64, false"})
  void roundTripIsBitExact(DType dtype, boolean withOptimizer) throws IOException {
    Network net = trained(dtype);
    Path file = dir.resolve("model.nn4j");
    SavedModel.save(file, net, REGISTRY.optimizer("sgd", SGD.args()), withOptimizer ? SGD : null, Map.of());

    SavedModel loaded = SavedModel.load(file, REGISTRY);
    Network back = loaded.network();
    assertNotSame(net, back);
    assertEquals(List.copyOf(net.namedParams().keySet()), List.copyOf(back.namedParams().keySet()));
    assertEquals(List.of("affine#1.W", "affine#1.b", "affine#2.W", "affine#2.b"),
        List.copyOf(back.namedParams().keySet()));
    net.namedParams().forEach((name, p) -> {
      Tensor other = back.namedParams().get(name).value();
      assertTrue(p.value().sameAs(other), name + ": " + p.value() + " vs " + other);
    });
    Tensor x = ToolkitFixtures.dataset(dtype, 17, 6, 3, 99).features();
    assertTrue(net.forward(x, false).sameAs(back.forward(x, false)), "scores differ after the round trip");
    assertEquals(dtype, back.dtype());
    assertEquals(Shape.of(6), back.inputShape());
    assertEquals(Shape.of(3), back.outputShape());
    assertEquals(0.01, back.weightDecay());
    assertEquals("softmax-cross-entropy", back.lossSpec().toString());
    assertEquals(List.of("affine(out=5)", "relu", "affine(out=3)"),
        back.layerSpecs().stream().map(LayerSpec::toString).toList());

    Map<String, String> meta = loaded.metadata();
    assertEquals("nn4j-model", meta.get("format"));
    assertEquals("1", meta.get("format_version"));
    assertEquals("6", meta.get("input"));
    assertEquals(dtype.label(), meta.get("dtype"));
    assertEquals("affine(out=5) relu affine(out=3)", meta.get("layers"));
    assertEquals("softmax-cross-entropy", meta.get("loss"));
    assertEquals("0.01", meta.get("weight_decay"));
    if (withOptimizer) {
      assertEquals("sgd(lr=0.1)", meta.get("optimizer"), "sgd has no state but its spec is still recorded");
      assertEquals(SGD, loaded.optimizerSpec().orElseThrow());
      assertTrue(loaded.optimizer().isPresent());
      assertEquals(8, meta.size(), meta.toString());
    } else {
      assertFalse(meta.containsKey("optimizer"));
      assertTrue(loaded.optimizer().isEmpty());
      assertTrue(loaded.optimizerSpec().isEmpty());
      assertEquals(7, meta.size(), meta.toString());
    }
    assertEquals(List.of("affine#1.W", "affine#1.b", "affine#2.W", "affine#2.b"),
        List.copyOf(ModelFile.read(file).tensors().keySet()), "sgd writes no optimizer tensors");
  }

  @Test
  void aLoadedNetworkTrainsOnLikeTheOriginal() throws IOException {
    Network net = trained(DType.FLOAT64);
    Path file = dir.resolve("m.nn4j");
    SavedModel.save(file, net, null, null, Map.of());
    Network back = SavedModel.load(file, REGISTRY).network();
    Dataset data = ToolkitFixtures.dataset(DType.FLOAT64, 30, 6, 3, 4);
    Tensor t = Tensor.zeros(DType.FLOAT64, 30);
    for (int i = 0; i < 30; i++) {
      t.setFlat(i, data.labels()[i]);
    }
    assertEquals(net.loss(data.features(), t), back.loss(data.features(), t), 0.0,
        "same loss, weight decay term included");
    net.backward();
    back.backward();
    net.namedParams().forEach((name, p) ->
        assertTrue(p.grad().sameAs(back.namedParams().get(name).grad()), name + " gradient"));
  }

  @Test
  void aMultiDimensionalInputShapeAndExtraMetadataAreKept() throws IOException {
    Network net = Network.builder(REGISTRY).input(2, 3).seed(1).layers("affine(out=4, init=he) sigmoid affine(out=2)")
        .loss("mse").build();
    Path file = dir.resolve("m.nn4j");
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("note", "hello, \"world\" ü");
    extra.put("trainer.epoch", "3");
    SavedModel.save(file, net, null, null, extra);
    SavedModel loaded = SavedModel.load(file, REGISTRY);
    assertEquals("2,3", loaded.metadata().get("input"));
    assertEquals(Shape.of(2, 3), loaded.network().inputShape());
    assertEquals("affine(out=4, init=he) sigmoid affine(out=2)", loaded.metadata().get("layers"));
    assertEquals("mse", loaded.metadata().get("loss"));
    assertEquals("0.0", loaded.metadata().get("weight_decay"));
    assertEquals("hello, \"world\" ü", loaded.metadata().get("note"));
    assertEquals("3", loaded.metadata().get("trainer.epoch"));
    assertTrue(net.namedParams().get("affine#1.W").value().sameAs(
        loaded.network().namedParams().get("affine#1.W").value()));
  }

  @Test
  void extraMetadataMayNotReuseAReservedKey() {
    Network net = ToolkitFixtures.network(DType.FLOAT32, 1);
    Path file = dir.resolve("m.nn4j");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SavedModel.save(file, net, null, null, Map.of("format", "mine")));
    assertEquals("metadata key 'format' is reserved", e.getMessage());
    assertFalse(Files.exists(file));
  }

  /** A layer without a provider, handed to the builder as an object. */
  static final class Doubler implements Layer {
    @Override
    public Shape outputShape(Shape input) {
      return input;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
      return x.scale(2);
    }

    @Override
    public Tensor backward(Tensor dout) {
      return dout.scale(2);
    }
  }

  @Test
  void aLayerGivenAsAnObjectCannotBeSaved() {
    Network net = Network.builder(REGISTRY).input(6).layers("affine(out=5)").layer(new Doubler())
        .layers("affine(out=3)").loss("softmax-cross-entropy").build();
    Path file = dir.resolve("m.nn4j");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SavedModel.save(file, net, null, null, Map.of()));
    assertEquals("cannot save: layer doubler#1 was given as an object, not by provider name, so a model file "
        + "could not rebuild it", e.getMessage());
    assertFalse(Files.exists(file), "nothing is written");
  }

  @Test
  void aLossGivenAsAnObjectCannotBeSaved() {
    Loss loss = REGISTRY.loss("mse", Args.none("mse"));
    Network net = Network.builder(REGISTRY).input(6).layers("affine(out=3)").loss(loss).build();
    Path file = dir.resolve("m.nn4j");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SavedModel.save(file, net, null, null, Map.of()));
    assertTrue(e.getMessage().contains("the loss was given as an object"), e.getMessage());
    assertFalse(Files.exists(file));
  }

  @Test
  void aRegistryWithoutALayerOfTheFileIsAnArchitectureError() throws IOException {
    Path file = dir.resolve("needs-relu.nn4j");
    SavedModel.save(file, ToolkitFixtures.network(DType.FLOAT32, 1), null, null, Map.of());
    List<LayerProvider> onlyAffine = new ArrayList<>();
    onlyAffine.add(REGISTRY.layers().get("affine"));
    Registry partial = Registry.of(onlyAffine, REGISTRY.losses().asMap().values(),
        REGISTRY.optimizers().asMap().values(), List.of());
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> SavedModel.load(file, partial));
    assertTrue(e.getMessage().startsWith(file + ": architecture: unknown layer 'relu'"), e.getMessage());
    assertTrue(e.getMessage().contains("available: affine"), e.getMessage());
    assertEquals(file.toString(), e.source());
  }

  @Test
  void aRegistryWithoutTheOptimizerOfTheFileIsAnArchitectureError() throws IOException {
    Path file = dir.resolve("needs-sgd.nn4j");
    SavedModel.save(file, ToolkitFixtures.network(DType.FLOAT32, 1), REGISTRY.optimizer("sgd", SGD.args()), SGD,
        Map.of());
    Registry noOptimizers = Registry.of(REGISTRY.layers().asMap().values(), REGISTRY.losses().asMap().values(),
        List.of(), List.of());
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> SavedModel.load(file, noOptimizers));
    assertTrue(e.getMessage().startsWith(file + ": architecture: unknown optimizer 'sgd'"), e.getMessage());
  }

  /** Writes the tensors of a good saved model again with its metadata changed by {@code edit}. */
  private Path withMetadata(String name, Consumer<Map<String, String>> edit) throws IOException {
    Path good = dir.resolve("good.nn4j");
    SavedModel.save(good, ToolkitFixtures.network(DType.FLOAT32, 1), null, null, Map.of());
    ModelFile content = ModelFile.read(good);
    Map<String, String> meta = new LinkedHashMap<>(content.metadata());
    edit.accept(meta);
    Path file = dir.resolve(name);
    ModelFile.write(file, content.tensors(), meta);
    return file;
  }

  /** Writes the metadata of a good saved model again with its tensors changed by {@code edit}. */
  private Path withTensors(String name, Consumer<Map<String, Tensor>> edit) throws IOException {
    Path good = dir.resolve("good.nn4j");
    SavedModel.save(good, ToolkitFixtures.network(DType.FLOAT32, 1), null, null, Map.of());
    ModelFile content = ModelFile.read(good);
    Map<String, Tensor> tensors = new LinkedHashMap<>(content.tensors());
    edit.accept(tensors);
    Path file = dir.resolve(name);
    ModelFile.write(file, tensors, content.metadata());
    return file;
  }

  private static String loadError(Path file) {
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> SavedModel.load(file, REGISTRY));
    assertEquals(file.toString(), e.source());
    assertEquals(file + ": " + e.fault(), e.getMessage());
    return e.fault();
  }

  @Test
  void wrongFormatOrVersionIsRejected() throws IOException {
    assertEquals("not an nn4j model: metadata 'format' is 'keras', expected 'nn4j-model'",
        loadError(withMetadata("keras.nn4j", m -> m.put("format", "keras"))));
    assertEquals("not an nn4j model: metadata 'format' is missing, expected 'nn4j-model'",
        loadError(withMetadata("none.nn4j", m -> m.remove("format"))));
    assertEquals("unsupported format_version '2'; this nn4j reads version 1",
        loadError(withMetadata("v2.nn4j", m -> m.put("format_version", "2"))));
    assertTrue(loadError(withMetadata("nov.nn4j", m -> m.remove("format_version")))
        .startsWith("unsupported format_version "));
  }

  @Test
  void aPlainTensorFileIsNotAModel() throws IOException {
    Path file = dir.resolve("plain.safetensors");
    ModelFile.write(file, Map.of("w", Tensor.of(1, 2, 3)));
    assertEquals("not an nn4j model: metadata 'format' is missing, expected 'nn4j-model'", loadError(file));
  }

  @Test
  void damagedArchitectureMetadataIsRejected() throws IOException {
    assertEquals("metadata entry 'input' is missing", loadError(withMetadata("a.nn4j", m -> m.remove("input"))));
    assertEquals("metadata entry 'layers' is missing", loadError(withMetadata("b.nn4j", m -> m.remove("layers"))));
    assertEquals("metadata entry 'loss' is missing", loadError(withMetadata("c.nn4j", m -> m.remove("loss"))));
    assertEquals("metadata entry 'dtype' is missing", loadError(withMetadata("d.nn4j", m -> m.remove("dtype"))));
    assertEquals("metadata 'input' is 'six', not a shape such as 784 or 28,28",
        loadError(withMetadata("e.nn4j", m -> m.put("input", "six"))));
    assertTrue(loadError(withMetadata("f.nn4j", m -> m.put("dtype", "float16")))
        .startsWith("architecture: unknown dtype 'float16'"));
    assertTrue(loadError(withMetadata("g.nn4j", m -> m.put("layers", "affine(out=5")))
        .startsWith("architecture: spec 'affine(out=5': "));
    assertTrue(loadError(withMetadata("h.nn4j", m -> m.put("weight_decay", "-1")))
        .startsWith("architecture: network: weight decay must be a finite number >= 0"));
    assertTrue(loadError(withMetadata("i.nn4j", m -> m.put("weight_decay", "lots"))).startsWith("architecture: "));
    assertTrue(loadError(withMetadata("j.nn4j", m -> m.put("loss", "hinge")))
        .startsWith("architecture: unknown loss 'hinge'"));
  }

  @Test
  void anArchitectureThatDoesNotFitItsTensorsIsRejected() throws IOException {
    assertEquals("tensor 'affine#1.W' is (6, 5) float32 but the architecture needs (7, 5) float32",
        loadError(withMetadata("wider.nn4j", m -> m.put("input", "7"))));
    assertEquals("missing tensor 'affine#3.W' of shape (3, 2)",
        loadError(withMetadata("deeper.nn4j", m -> m.put("layers", m.get("layers") + " affine(out=2)"))));
  }

  @Test
  void anExtraTensorIsRejected() throws IOException {
    assertEquals("unexpected tensor 'affine#3.W'; the architecture has affine#1.W, affine#1.b, affine#2.W, affine#2.b",
        loadError(withTensors("extra.nn4j", t -> t.put("affine#3.W", Tensor.zeros(DType.FLOAT32, 3, 3)))));
    assertTrue(loadError(withTensors("opt.nn4j", t -> t.put("optimizer.t", Tensor.zeros(DType.FLOAT32, 1))))
        .startsWith("unexpected tensor 'optimizer.t'"), "optimizer state without an optimizer spec");
  }

  @Test
  void aMissingTensorIsRejected() throws IOException {
    assertEquals("missing tensor 'affine#2.b' of shape (3,)",
        loadError(withTensors("missing.nn4j", t -> t.remove("affine#2.b"))));
  }

  @Test
  void aTensorOfTheWrongShapeIsRejected() throws IOException {
    assertEquals("tensor 'affine#1.W' is (5, 6) float32 but the architecture needs (6, 5) float32",
        loadError(withTensors("transposed.nn4j", t -> t.put("affine#1.W", Tensor.zeros(DType.FLOAT32, 5, 6)))));
    assertEquals("tensor 'affine#2.b' is (1, 3) float32 but the architecture needs (3,) float32",
        loadError(withTensors("row.nn4j", t -> t.put("affine#2.b", Tensor.zeros(DType.FLOAT32, 1, 3)))));
  }

  @Test
  void aTensorOfTheWrongTypeIsRejected() throws IOException {
    assertEquals("tensor 'affine#1.b' is (5,) float64 but the architecture needs (5,) float32",
        loadError(withTensors("f64.nn4j", t -> t.put("affine#1.b", Tensor.zeros(DType.FLOAT64, 5)))));
  }

  @Test
  void aMissingFileIsNoSuchFile() {
    assertThrows(java.nio.file.NoSuchFileException.class,
        () -> SavedModel.load(dir.resolve("absent.nn4j"), REGISTRY));
  }

  @Test
  void layerStateRoundTrips() throws IOException {
    Registry registry = ToolkitFixtures.registryWithStatefulProviders();
    Network net = Network.builder(registry).input(6).seed(2).layers("affine(out=4) running-mean relu affine(out=3)")
        .loss("softmax-cross-entropy").build();
    Dataset data = ToolkitFixtures.dataset(DType.FLOAT32, 20, 6, 3, 8);
    net.forward(data.features(), true);
    net.forward(data.features().sliceRows(0, 5), true);
    Map<String, Tensor> state = net.namedState();
    assertEquals(List.of("running-mean#1.sum", "running-mean#1.count"), List.copyOf(state.keySet()));
    assertEquals(25.0, state.get("running-mean#1.count").getFlat(0));

    Path file = dir.resolve("stateful.nn4j");
    SavedModel.save(file, net, null, null, Map.of());
    assertEquals(List.of("affine#1.W", "affine#1.b", "affine#2.W", "affine#2.b", "running-mean#1.sum",
        "running-mean#1.count"), List.copyOf(ModelFile.read(file).tensors().keySet()), "parameters, then state");
    Network back = SavedModel.load(file, registry).network();
    state.forEach((name, t) -> assertTrue(t.sameAs(back.namedState().get(name)), name));
    back.forward(data.features().sliceRows(0, 1), true);
    assertEquals(26.0, back.namedState().get("running-mean#1.count").getFlat(0),
        "the loaded values sit in the layer's live state");

    assertThrows(ModelFormatException.class, () -> SavedModel.load(file, REGISTRY),
        "the default registry has no running-mean");
    ModelFile content = ModelFile.read(file);
    Map<String, Tensor> without = new LinkedHashMap<>(content.tensors());
    without.remove("running-mean#1.count");
    Path damaged = dir.resolve("no-count.nn4j");
    ModelFile.write(damaged, without, content.metadata());
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> SavedModel.load(damaged, registry));
    assertEquals(damaged + ": missing tensor 'running-mean#1.count' of shape (1,)", e.getMessage());
  }

  @Test
  void optimizerStateRoundTrips() throws IOException {
    Registry registry = ToolkitFixtures.registryWithStatefulProviders();
    LayerSpec spec = LayerSpec.parse("heavy(lr=0.2)");
    Network net = ToolkitFixtures.network(DType.FLOAT64, 3);
    Optimizer heavy = registry.optimizer(spec.name(), spec.args());
    Dataset data = ToolkitFixtures.dataset(DType.FLOAT64, 10, 6, 3, 2);
    Tensor t = Tensor.zeros(DType.FLOAT64, 10);
    for (int i = 0; i < 10; i++) {
      t.setFlat(i, data.labels()[i]);
    }
    for (int i = 0; i < 2; i++) {
      net.loss(data.features(), t);
      net.backward();
      heavy.step(net.params());
    }
    Path file = dir.resolve("heavy.nn4j");
    SavedModel.save(file, net, heavy, spec, Map.of());
    assertEquals(List.of("affine#1.W", "affine#1.b", "affine#2.W", "affine#2.b", "optimizer.0.v", "optimizer.1.v",
        "optimizer.2.v", "optimizer.3.v", "optimizer.t"), List.copyOf(ModelFile.read(file).tensors().keySet()));

    SavedModel loaded = SavedModel.load(file, registry);
    assertEquals("heavy(lr=0.2)", loaded.metadata().get("optimizer"));
    Optimizer back = loaded.optimizer().orElseThrow();
    assertEquals(2.0, ((ToolkitFixtures.Heavy) back).steps());
    List<Param> params = loaded.network().params();
    Map<String, Tensor> savedState = heavy.state(net.params());
    back.state(params).forEach((name, v) -> assertTrue(v.sameAs(savedState.get(name)), name));

    net.loss(data.features(), t);
    net.backward();
    heavy.step(net.params());
    loaded.network().loss(data.features(), t);
    loaded.network().backward();
    back.step(params);
    net.namedParams().forEach((name, p) ->
        assertTrue(p.value().sameAs(loaded.network().namedParams().get(name).value()), name + " after one more step"));
  }
}
