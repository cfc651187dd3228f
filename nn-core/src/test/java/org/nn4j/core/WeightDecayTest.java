package org.nn4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nn4j.api.ConfigurationException;
import org.nn4j.api.DType;
import org.nn4j.api.Param;
import org.nn4j.api.Tensor;
import org.nn4j.api.check.NumericalGradient;
import org.nn4j.core.data.Dataset;

/** L2 weight decay (book §6.4.1): ½·λ·ΣW² on the loss over weights named W only, and λ·W on their gradients. */
class WeightDecayTest {
  private static final Registry REGISTRY = ToolkitFixtures.registry();

  private static Network network(String layers, double lambda, long seed) {
    return Network.builder(REGISTRY).input(6).dtype(DType.FLOAT64).seed(seed).init("0.5").layers(layers)
        .loss("softmax-cross-entropy").weightDecay(lambda).build();
  }

  private static Tensor targets(Dataset data) {
    Tensor t = Tensor.zeros(data.features().dtype(), data.size());
    for (int i = 0; i < data.size(); i++) {
      t.setFlat(i, data.labels()[i]);
    }
    return t;
  }

  @Test
  void theLossAddsHalfLambdaTimesTheSquaredWeightsButNotTheBiases() {
    Dataset data = ToolkitFixtures.dataset(DType.FLOAT64, 20, 6, 3, 5);
    Network plain = network(ToolkitFixtures.LAYERS, 0, 9);
    Network decayed = network(ToolkitFixtures.LAYERS, 0.3, 9);
    for (Network n : List.of(plain, decayed)) {
      n.namedParams().get("affine#1.b").value().fill(7);
      n.namedParams().get("affine#2.b").value().fill(-3);
    }
    double squares = 0;
    for (String name : List.of("affine#1.W", "affine#2.W")) {
      Tensor w = decayed.namedParams().get(name).value();
      for (int i = 0; i < w.size(); i++) {
        squares += w.getFlat(i) * w.getFlat(i);
      }
    }
    assertTrue(squares > 1, "the weights are not negligible: " + squares);
    double base = plain.loss(data.features(), targets(data));
    assertEquals(base + 0.5 * 0.3 * squares, decayed.loss(data.features(), targets(data)), 0.0);
    assertEquals(0.3, decayed.weightDecay());
    assertEquals(0.0, plain.weightDecay());
  }

  @Test
  void theGradientOfWGainsLambdaWAndTheBiasGradientIsUnchanged() {
    Dataset data = ToolkitFixtures.dataset(DType.FLOAT64, 20, 6, 3, 5);
    Network plain = network(ToolkitFixtures.LAYERS, 0, 9);
    Network decayed = network(ToolkitFixtures.LAYERS, 0.3, 9);
    plain.loss(data.features(), targets(data));
    plain.backward();
    decayed.loss(data.features(), targets(data));
    decayed.backward();
    for (Map.Entry<String, Param> e : decayed.namedParams().entrySet()) {
      Param p = e.getValue();
      Tensor expected = plain.namedParams().get(e.getKey()).grad().copy();
      if (p.name().equals("W")) {
        expected.addScaledInPlace(0.3, p.value());
      }
      assertTrue(expected.sameAs(p.grad()), e.getKey());
    }
  }

  @ParameterizedTest(name = "{0}, lambda {1}")
  @CsvSource(delimiter = ';', value = {"affine(out=5) relu affine(out=3); 0.1",
      "affine(out=5) sigmoid affine(out=4) relu affine(out=3); 2.0",
      "affine(out=4, bias=false) sigmoid affine(out=3); 0.5"})
  void backwardMatchesNumericalGradientsOfTheWholeNetworkIncludingTheDecay(String layers, double lambda) {
    Dataset data = ToolkitFixtures.dataset(DType.FLOAT64, 8, 6, 3, 2);
    Network net = network(layers, lambda, 4);
    Tensor x = data.features();
    Tensor t = targets(data);
    net.loss(x, t);
    net.backward();
    List<Tensor> analytic = new ArrayList<>();
    for (Param p : net.params()) {
      analytic.add(p.grad().copy());
    }
    List<Param> params = net.params();
    for (int k = 0; k < params.size(); k++) {
      Tensor numeric = NumericalGradient.gradient(() -> net.loss(x, t), params.get(k).value(), 1e-6);
      Tensor a = analytic.get(k);
      for (int i = 0; i < numeric.size(); i++) {
        double n = numeric.getFlat(i);
        assertTrue(Math.abs(a.getFlat(i) - n) <= 1e-5 + 1e-3 * Math.abs(n),
            "parameter " + k + " (" + params.get(k) + ") element " + i + ": backward " + a.getFlat(i) + ", numeric " + n);
      }
    }
  }

  @Test
  void decayShrinksTheWeightsInAStep() {
    Dataset data = ToolkitFixtures.dataset(DType.FLOAT64, 20, 6, 3, 5);
    Network plain = network(ToolkitFixtures.LAYERS, 0, 9);
    Network decayed = network(ToolkitFixtures.LAYERS, 0.5, 9);
    var sgd = REGISTRY.optimizer("sgd", LayerSpec.parse("sgd(lr=0.1)").args());
    for (Network n : List.of(plain, decayed)) {
      n.loss(data.features(), targets(data));
      n.backward();
      sgd.step(n.params());
    }
    Tensor w0 = network(ToolkitFixtures.LAYERS, 0, 9).namedParams().get("affine#1.W").value();
    Tensor expected = plain.namedParams().get("affine#1.W").value().copy().addScaledInPlace(-0.1 * 0.5, w0);
    assertTrue(expected.allClose(decayed.namedParams().get("affine#1.W").value(), 1e-12, 1e-15));
    assertFalse(expected.sameAs(plain.namedParams().get("affine#1.W").value()));
  }

  @ParameterizedTest
  @ValueSource(doubles = {-0.1, -1e-300, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void theBuilderRejectsAnInvalidLambda(double lambda) {
    NetworkBuilder b = Network.builder(REGISTRY).input(6);
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> b.weightDecay(lambda));
    assertEquals("network: weight decay must be a finite number >= 0, got " + lambda, e.getMessage());
  }
}
