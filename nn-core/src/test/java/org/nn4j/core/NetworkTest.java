package org.nn4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nn4j.api.ConfigurationException;
import org.nn4j.api.DType;
import org.nn4j.api.Layer;
import org.nn4j.api.Param;
import org.nn4j.api.Shape;
import org.nn4j.api.ShapeException;
import org.nn4j.api.Tensor;
import org.nn4j.api.check.GradientCheck;
import org.nn4j.api.check.NumericalGradient;

/** Building sequential networks, checking their inputs, and the gradients they backpropagate. */
class NetworkTest {
  private static final Registry REGISTRY = Registry.load();

  /** A layer that accepts only samples of three values: its message cannot know its name in the network. */
  static final class Picky implements Layer {
    @Override
    public Shape outputShape(Shape input) {
      if (input.size() != 3) {
        throw new ShapeException("wants 3 values per sample, got " + input);
      }
      return input;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
      return x.copy();
    }

    @Override
    public Tensor backward(Tensor dout) {
      return dout.copy();
    }
  }

  private static NetworkBuilder small() {
    return Network.builder(REGISTRY).input(6).layers("affine(out=5) sigmoid affine(out=3)")
        .loss("softmax-cross-entropy");
  }

  private static Tensor gaussian(DType dtype, long seed, int... dims) {
    SeededRandom random = new SeededRandom(seed);
    Tensor t = Tensor.zeros(dtype, dims);
    for (int i = 0; i < t.size(); i++) {
      t.setFlat(i, random.nextGaussian());
    }
    return t;
  }

  @Test
  void layersAreNamedByProviderAndCountInferringInputWidths() {
    Network network = Network.builder(REGISTRY).input(2, 3).layers("affine(out=5) relu affine(out=3)")
        .loss("softmax-cross-entropy").build();
    assertEquals(List.of("affine#1", "relu#1", "affine#2"), network.layerNames());
    assertEquals(List.of("affine(out=5)", "relu", "affine(out=3)"),
        network.layerSpecs().stream().map(LayerSpec::toString).toList());
    Map<String, Param> params = network.namedParams();
    assertEquals(List.of("affine#1.W", "affine#1.b", "affine#2.W", "affine#2.b"), List.copyOf(params.keySet()));
    assertEquals(Shape.of(6, 5), params.get("affine#1.W").value().shape(), "input width 2·3 inferred");
    assertEquals(Shape.of(5), params.get("affine#1.b").value().shape());
    assertEquals(Shape.of(5, 3), params.get("affine#2.W").value().shape(), "input width 5 inferred");
    assertEquals(Shape.of(2, 3), network.inputShape());
    assertEquals(Shape.of(3), network.outputShape());
    assertEquals(DType.FLOAT32, network.dtype(), "float32 unless set");
    assertEquals(List.copyOf(params.values()), network.params());
    assertEquals(3, network.layers().size());
    assertEquals("org.nn4j.losses.SoftmaxCrossEntropy", network.lossFunction().getClass().getName());
    assertThrows(UnsupportedOperationException.class, () -> network.layers().clear());
    assertThrows(UnsupportedOperationException.class, () -> network.namedParams().clear());
  }

  @Test
  void layerObjectsAreNamedByTheirClassAndCountedPerName() {
    Network network = Network.builder(REGISTRY).input(3).layer(new Picky()).layer("relu").layer(new Picky())
        .layer("affine", "out", "2").loss("mse").build();
    assertEquals(List.of("picky#1", "relu#1", "picky#2", "affine#1"), network.layerNames());
    assertEquals(Arrays.asList(null, "relu", null, "affine(out=2)"),
        network.layerSpecs().stream().map(spec -> spec == null ? null : spec.toString()).toList(),
        "a layer given as an object has no spec");
  }

  @Test
  void biasFalseLeavesOnlyTheWeights() {
    Network network = Network.builder(REGISTRY).input(4).layer("affine", "out", "2", "bias", "false").loss("mse")
        .build();
    assertEquals(List.of("affine#1.W"), List.copyOf(network.namedParams().keySet()));
  }

  @Test
  void buildWithoutInputLayersOrLossFails() {
    ConfigurationException noInput = assertThrows(ConfigurationException.class,
        () -> Network.builder(REGISTRY).layers("relu").loss("mse").build());
    assertEquals("network: no input shape; call input(784) or the like", noInput.getMessage());
    ConfigurationException noLayers = assertThrows(ConfigurationException.class,
        () -> Network.builder(REGISTRY).input(3).loss("mse").build());
    assertEquals("network: no layers; add some, such as layers(\"affine(out=10)\")", noLayers.getMessage());
    ConfigurationException noLoss = assertThrows(ConfigurationException.class,
        () -> Network.builder(REGISTRY).input(3).layers("relu").build());
    assertEquals("network: no loss; add one, such as loss(\"softmax-cross-entropy\")", noLoss.getMessage());
  }

  @Test
  void unknownNamesFailWhenAdded() {
    NetworkBuilder builder = Network.builder(REGISTRY);
    ConfigurationException layer = assertThrows(ConfigurationException.class, () -> builder.layers("affine(ot=3)"));
    assertEquals("affine: unknown argument 'ot'; accepted: out, init, bias", layer.getMessage());
    ConfigurationException loss = assertThrows(ConfigurationException.class, () -> builder.loss("hinge"));
    assertTrue(loss.getMessage().startsWith("unknown loss 'hinge'; available: cross-entropy, mse, "
        + "softmax-cross-entropy."), loss.getMessage());
    assertThrows(ConfigurationException.class, () -> builder.init("uniform"));
  }

  @Test
  void aLayerRejectingItsInputShapeIsNamedInTheError() {
    ShapeException e = assertThrows(ShapeException.class,
        () -> Network.builder(REGISTRY).input(4).layer("relu").layer(new Picky()).loss("mse").build());
    assertEquals("picky#1: does not accept input (4,): wants 3 values per sample, got (4,)", e.getMessage());
    assertEquals("wants 3 values per sample, got (4,)", e.getCause().getMessage());
  }

  @Test
  void aBuiltInRejectingItsInputShapeNamesItself() {
    ShapeException e = assertThrows(ShapeException.class,
        () -> Network.builder(REGISTRY).input(0).layers("relu affine(out=2)").loss("mse").build());
    assertEquals("affine#1: input shape (0,) has no elements", e.getMessage());
  }

  @Test
  void inputOfTheWrongWidthNamesBothShapes() {
    Network network = small().build();
    ShapeException e = assertThrows(ShapeException.class,
        () -> network.forward(Tensor.zeros(DType.FLOAT32, 2, 5), false));
    assertEquals("network: input (2, 5) does not match the input shape (6,) of one sample (a batch has shape (2, 6))",
        e.getMessage());
    ShapeException scalar = assertThrows(ShapeException.class,
        () -> network.forward(Tensor.scalar(DType.FLOAT32, 1), false));
    assertEquals("network: input () does not match the input shape (6,) of one sample (a batch has shape (1, 6))",
        scalar.getMessage());
    assertThrows(ShapeException.class, () -> network.loss(Tensor.zeros(DType.FLOAT32, 2, 7), Tensor.of(0, 1)));
  }

  @Test
  void inputOfTheWrongTypeIsRejected() {
    Network network = small().build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> network.forward(Tensor.zeros(DType.FLOAT64, 2, 6), false));
    assertEquals("network: input is float64 but the network is float32; convert it with Tensor.to(DType)",
        e.getMessage());
  }

  @Test
  void batchesMayComeShapedOrFlattened() {
    Network network = Network.builder(REGISTRY).input(2, 3).dtype(DType.FLOAT64).layers("affine(out=4) relu")
        .loss("mse").build();
    Tensor flat = gaussian(DType.FLOAT64, 3, 5, 6);
    Tensor shaped = flat.reshape(5, 2, 3);
    assertTrue(network.forward(flat, false).sameAs(network.forward(shaped, false)));
    assertEquals(Shape.of(5, 4), network.forward(flat, false).shape());
  }

  @Test
  void wholeNetworkGradientCheckInFloat64() {
    Network network = small().dtype(DType.FLOAT64).init("0.5").seed(3).build();
    Tensor x = gaussian(DType.FLOAT64, 11, 4, 6);
    Tensor t = Tensor.of(0, 2, 1, 2);
    network.loss(x, t);
    Tensor dx = network.backward().copy();
    assertEquals(x.shape(), dx.shape());
    List<GradientCheck.Result> results = new ArrayList<>();
    Map<String, Param> params = network.namedParams();
    List<Tensor> analytic = new ArrayList<>();
    for (Param p : params.values()) {
      analytic.add(p.grad().copy());
    }
    int i = 0;
    for (Map.Entry<String, Param> e : params.entrySet()) {
      Tensor numeric = NumericalGradient.gradient(() -> network.loss(x, t), e.getValue().value(), GradientCheck.EPS);
      results.add(GradientCheck.compare(e.getKey(), analytic.get(i++), numeric));
    }
    results.add(GradientCheck.compare("x", dx, NumericalGradient.gradient(() -> network.loss(x, t), x,
        GradientCheck.EPS)));
    new GradientCheck.Report("affine(out=5) sigmoid affine(out=3)", results).assertPassed();
    assertEquals(5, results.size());
    assertTrue(Math.abs(analytic.get(0).getFlat(0)) > 1e-6, "a gradient worth checking");
  }

  @Test
  void backwardFillsTheGradientsAnOptimizerReads() {
    Network network = small().dtype(DType.FLOAT64).build();
    for (Param p : network.params()) {
      assertEquals(0.0, p.grad().max(), "zero before any backward");
    }
    network.loss(gaussian(DType.FLOAT64, 2, 3, 6), Tensor.of(0, 1, 2));
    network.backward();
    for (Param p : network.params()) {
      assertTrue(p.grad().map(Math::abs).max() > 0, p + " has a gradient");
    }
  }

  @Test
  void predictAndAccuracyOnAHandMadeCase() {
    Network network = Network.builder(REGISTRY).input(2).dtype(DType.FLOAT64).layer("affine", "out", "2")
        .loss("softmax-cross-entropy").build();
    Param w = network.namedParams().get("affine#1.W");
    w.value().copyFrom(Tensor.of(new double[][] {{1, 0}, {0, 1}}));
    network.namedParams().get("affine#1.b").value().copyFrom(Tensor.of(0.5, 0));
    Tensor x = Tensor.of(new double[][] {{1, 0}, {0, 2}, {3, 1}, {0, 0.4}, {0, 0.6}});
    assertArrayEquals(new int[] {0, 1, 0, 0, 1}, network.predict(x));
    int[] labels = {0, 0, 0, 1, 1};
    assertEquals(3.0 / 5, network.accuracy(x, labels, 2), 0.0, "in batches of 2, 2 and 1");
    assertEquals(3.0 / 5, network.accuracy(x, labels, 100), 0.0);
    assertEquals(1.0, network.accuracy(x, new int[] {0, 1, 0, 0, 1}, 1), 0.0);
    ShapeException e = assertThrows(ShapeException.class, () -> network.accuracy(x, new int[] {0, 1}, 10));
    assertEquals("accuracy: 5 rows but 2 labels", e.getMessage());
    assertTrue(Double.isNaN(network.accuracy(Tensor.zeros(DType.FLOAT64, 0, 2), new int[0], 10)));
  }

  @Test
  void theLossOfAHandMadeCaseIsTheBooksFormula() {
    Network network = Network.builder(REGISTRY).input(2).dtype(DType.FLOAT64).layer("affine", "out", "2")
        .loss("softmax-cross-entropy").build();
    network.namedParams().get("affine#1.W").value().copyFrom(Tensor.of(new double[][] {{1, 0}, {0, 1}}));
    double loss = network.loss(Tensor.of(new double[][] {{2, 0}}), Tensor.of(0));
    double p = Math.exp(2) / (Math.exp(2) + 1);
    assertEquals(-Math.log(p + 1e-7), loss, 1e-15);
  }

  @Test
  void sameSeedSameParametersDifferentSeedDifferent() {
    Network a = small().seed(7).build();
    Network b = small().seed(7).build();
    Network c = small().seed(8).build();
    List<Param> pa = a.params();
    List<Param> pb = b.params();
    List<Param> pc = c.params();
    for (int i = 0; i < pa.size(); i++) {
      assertNotSame(pa.get(i), pb.get(i));
      assertTrue(pa.get(i).value().sameAs(pb.get(i).value()), "same seed: " + pa.get(i));
    }
    assertFalse(pa.get(0).value().sameAs(pc.get(0).value()), "different seed: different weights");
    assertFalse(pa.get(2).value().sameAs(pc.get(2).value()), "different seed: different weights");
    assertTrue(pa.get(1).value().sameAs(pc.get(1).value()), "biases start at zero whatever the seed");
  }

  @Test
  void theDefaultInitialiserScalesTheSameDraws() {
    Network half = small().dtype(DType.FLOAT64).init("0.5").build();
    Network quarter = small().dtype(DType.FLOAT64).init("std=0.25").build();
    Tensor w = half.namedParams().get("affine#2.W").value();
    assertTrue(w.sameAs(quarter.namedParams().get("affine#2.W").value().scale(2)));
    Network explicit = Network.builder(REGISTRY).input(6).dtype(DType.FLOAT64).init("0.5")
        .layers("affine(out=5, init=0.25) sigmoid affine(out=3)").loss("mse").build();
    assertTrue(explicit.namedParams().get("affine#1.W").value()
        .sameAs(quarter.namedParams().get("affine#1.W").value()), "a layer's own init wins over the default");
  }

  @Test
  void summaryListsLayersAndParameterCounts() {
    String summary = small().dtype(DType.FLOAT64).build().summary();
    assertTrue(summary.contains("affine#1"), summary);
    assertTrue(summary.contains("sigmoid#1"), summary);
    assertTrue(summary.endsWith("input (6,), output (3,), 53 parameters, float64, loss SoftmaxCrossEntropy"), summary);
  }

  @Test
  void lossObjectsMayBeGivenDirectly() {
    var loss = REGISTRY.loss("mse", org.nn4j.api.Args.none("mse"));
    Network network = Network.builder(REGISTRY).input(2).layers("relu").loss(loss).build();
    assertSame(loss, network.lossFunction());
  }
}
