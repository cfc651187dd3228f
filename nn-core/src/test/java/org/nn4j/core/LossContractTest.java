package org.nn4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nn4j.api.Args;
import org.nn4j.api.Argument;
import org.nn4j.api.DType;
import org.nn4j.api.Loss;
import org.nn4j.api.LossProvider;
import org.nn4j.api.Shape;
import org.nn4j.api.Tensor;
import org.nn4j.api.check.GradientCheck;

/**
 * The loss contract of DESIGN §2, run over every loss provider the registry finds: float64 gradient checks
 * against one-hot and label targets, the two target forms agreeing, batch means, a one-dimensional output as
 * a batch of one, inputs left untouched, and backward before forward failing. Outputs are softmax
 * probabilities of random logits, which every loss accepts (cross-entropy needs them positive).
 */
class LossContractTest {
  private static final Registry REGISTRY = Registry.load();

  static Stream<String> lossNames() {
    return REGISTRY.losses().names().stream();
  }

  static Stream<Arguments> lossShapesAndSeeds() {
    List<Arguments> cases = new ArrayList<>();
    for (String name : REGISTRY.losses().names()) {
      for (int[] batchAndClasses : new int[][] {{1, 2}, {3, 5}, {8, 10}}) {
        for (long seed : new long[] {3, 1_000_003}) {
          cases.add(Arguments.of(name, batchAndClasses[0], batchAndClasses[1], seed));
        }
      }
    }
    return cases.stream();
  }

  static Loss create(String name) {
    LossProvider provider = REGISTRY.losses().get(name);
    List<String> required = provider.arguments().stream().filter(Argument::isRequired).map(Argument::name)
        .collect(Collectors.toList());
    if (!required.isEmpty()) {
      fail("loss provider '" + name + "' requires " + required + "; teach LossContractTest its arguments");
    }
    return REGISTRY.loss(name, Args.none(name));
  }

  /** Softmax probabilities of normal logits with standard deviation 2. */
  static Tensor probabilities(int batch, int classes, long seed) {
    SeededRandom random = new SeededRandom(seed);
    Tensor logits = Tensor.zeros(DType.FLOAT64, batch, classes);
    for (int i = 0; i < logits.size(); i++) {
      logits.setFlat(i, 2 * random.nextGaussian());
    }
    return logits.softmaxRows();
  }

  static int[] labels(int batch, int classes, long seed) {
    SeededRandom random = new SeededRandom(seed + 1);
    int[] labels = new int[batch];
    for (int i = 0; i < batch; i++) {
      labels[i] = random.nextInt(classes);
    }
    return labels;
  }

  static Tensor labelTensor(int[] labels) {
    Tensor t = Tensor.zeros(DType.FLOAT64, labels.length);
    for (int i = 0; i < labels.length; i++) {
      t.setFlat(i, labels[i]);
    }
    return t;
  }

  static Tensor oneHot(int[] labels, int classes) {
    Tensor t = Tensor.zeros(DType.FLOAT64, labels.length, classes);
    for (int i = 0; i < labels.length; i++) {
      t.set(1, i, labels[i]);
    }
    return t;
  }

  @ParameterizedTest(name = "{0} batch {1} classes {2} seed {3}")
  @MethodSource("lossShapesAndSeeds")
  void gradientCheckWithOneHotTargets(String name, int batch, int classes, long seed) {
    Tensor y = probabilities(batch, classes, seed);
    Tensor t = oneHot(labels(batch, classes, seed), classes);
    GradientCheck.checkLoss(name + " one-hot", create(name), y, t).assertPassed();
  }

  @ParameterizedTest(name = "{0} batch {1} classes {2} seed {3}")
  @MethodSource("lossShapesAndSeeds")
  void gradientCheckWithLabelTargets(String name, int batch, int classes, long seed) {
    Tensor y = probabilities(batch, classes, seed);
    Tensor t = labelTensor(labels(batch, classes, seed));
    GradientCheck.checkLoss(name + " labels", create(name), y, t).assertPassed();
  }

  @ParameterizedTest(name = "{0} batch {1} classes {2} seed {3}")
  @MethodSource("lossShapesAndSeeds")
  void labelsAndOneHotRowsAreTheSameTargets(String name, int batch, int classes, long seed) {
    Tensor y = probabilities(batch, classes, seed);
    int[] labels = labels(batch, classes, seed);
    Loss a = create(name);
    Loss b = create(name);
    double hot = a.forward(y, oneHot(labels, classes));
    double lab = b.forward(y, labelTensor(labels));
    assertEquals(hot, lab, 0.0, name);
    assertTrue(a.backward().sameAs(b.backward()), name);
    assertTrue(Double.isFinite(hot) && hot >= 0, name + " gave " + hot);
  }

  @ParameterizedTest(name = "{0} batch {1} classes {2} seed {3}")
  @MethodSource("lossShapesAndSeeds")
  void forwardAndBackwardLeaveOutputsAndTargetsUntouched(String name, int batch, int classes, long seed) {
    Tensor y = probabilities(batch, classes, seed);
    Tensor t = oneHot(labels(batch, classes, seed), classes);
    Tensor yBefore = y.copy();
    Tensor tBefore = t.copy();
    Loss loss = create(name);
    loss.forward(y, t);
    Tensor grad = loss.backward();
    assertTrue(y.sameAs(yBefore), name + " modified y");
    assertTrue(t.sameAs(tBefore), name + " modified t");
    assertEquals(y.shape(), grad.shape());
    grad.fill(123);
    assertTrue(y.sameAs(yBefore), name + ": the gradient shares storage with y");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lossNames")
  void theLossIsAMeanOverTheBatch(String name) {
    Tensor one = probabilities(1, 4, 11);
    Tensor twice = Tensor.zeros(DType.FLOAT64, 2, 4);
    for (int i = 0; i < 8; i++) {
      twice.setFlat(i, one.getFlat(i % 4));
    }
    double single = create(name).forward(one, Tensor.of(2));
    Loss pair = create(name);
    double doubled = pair.forward(twice, Tensor.of(2, 2));
    assertEquals(single, doubled, 1e-12, name);
    Loss singleLoss = create(name);
    singleLoss.forward(one, Tensor.of(2));
    Tensor g1 = singleLoss.backward();
    Tensor g2 = pair.backward();
    for (int i = 0; i < 8; i++) {
      assertEquals(g1.getFlat(i % 4) / 2, g2.getFlat(i), 1e-15, name + ": each row's gradient is divided by N");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lossNames")
  void aOneDimensionalOutputIsABatchOfOne(String name) {
    Tensor row = probabilities(1, 5, 17);
    Tensor vector = row.reshape(5);
    Loss asVector = create(name);
    Loss asRow = create(name);
    assertEquals(asRow.forward(row, Tensor.of(3)), asVector.forward(vector, Tensor.of(3)), 0.0, name);
    assertEquals(Shape.of(5), asVector.backward().shape());
    assertTrue(asVector.backward().reshape(1, 5).sameAs(asRow.backward()), name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lossNames")
  void backwardBeforeForwardFailsNamingTheLoss(String name) {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> create(name).backward());
    assertEquals(name + ": backward() called before forward()", e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lossNames")
  void targetsOfTheWrongShapeAreRejected(String name) {
    Tensor y = probabilities(3, 4, 5);
    Exception e = assertThrows(IllegalArgumentException.class, () -> create(name).forward(y, Tensor.of(1, 2)));
    assertTrue(e.getMessage().startsWith(name + ": "), e.getMessage());
    Exception label = assertThrows(IllegalArgumentException.class,
        () -> create(name).forward(y, Tensor.of(0, 4, 1)));
    assertTrue(label.getMessage().contains("label 4.0 in row 1"), label.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lossNames")
  void float32OutputsGiveFloat32Gradients(String name) {
    Tensor y64 = probabilities(4, 3, 23);
    Tensor y32 = y64.to(DType.FLOAT32);
    Tensor t = labelTensor(labels(4, 3, 23));
    Loss wide = create(name);
    Loss narrow = create(name);
    assertEquals(wide.forward(y64, t), narrow.forward(y32, t.to(DType.FLOAT32)), 1e-5, name);
    Tensor g = narrow.backward();
    assertEquals(DType.FLOAT32, g.dtype());
    assertTrue(g.allClose(wide.backward(), 1e-4, 1e-5), name);
  }
}
