package org.nn4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.nn4j.api.Args;
import org.nn4j.api.DType;
import org.nn4j.api.Loss;
import org.nn4j.api.LossProvider;
import org.nn4j.api.Shape;
import org.nn4j.api.Tensor;
import org.nn4j.api.check.GradientCheck;
import org.nn4j.core.Registry;

/**
 * The loss contract of DESIGN §2 for one {@link LossProvider}, as checks that throw an {@link AssertionError}
 * saying what is wrong: the float64 gradient check against one-hot rows and against class labels, the two
 * target forms giving the same loss and gradient, the loss being a mean over the batch, a one-dimensional
 * output being a batch of one, outputs and targets left unmodified, targets of the wrong shape rejected,
 * float32 agreeing with float64, backward before forward failing, and argument handling. Outputs are softmax
 * probabilities of random logits, which every loss accepts (cross-entropy needs them positive).
 */
public final class LossConformance implements ProviderConformance {
  private static final int[][] BATCH_AND_CLASSES = {{1, 2}, {3, 5}, {8, 10}};
  private static final long[] SEEDS = {3, 1_000_003};
  private static final String HOOK = "arguments() of the contract test";

  private final LossProvider provider;
  private final Map<String, String> arguments;
  private final Registry registry;

  private LossConformance(LossProvider provider, Map<String, String> arguments) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.arguments = Map.copyOf(arguments);
    this.registry = ProviderChecks.registryWith(provider);
  }

  /** The checks for {@code provider}, made with no arguments. */
  public static LossConformance of(LossProvider provider) {
    return new LossConformance(provider, Map.of());
  }

  /** The same checks with losses made from {@code values}. */
  public LossConformance withArguments(Map<String, String> values) {
    return new LossConformance(provider, values);
  }

  /** One input case: batch size, number of classes, seed. */
  public record Case(int batch, int classes, long seed) {
    @Override
    public String toString() {
      return "batch " + batch + " classes " + classes + " seed " + seed;
    }
  }

  /** Batches of 1 × 2, 3 × 5 and 8 × 10, each with two seeds. */
  public List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    for (int[] bc : BATCH_AND_CLASSES) {
      for (long seed : SEEDS) {
        cases.add(new Case(bc[0], bc[1], seed));
      }
    }
    return cases;
  }

  /** The provider's name. */
  public String name() {
    return provider.name();
  }

  /** A new loss, made through a registry, so its arguments are checked as at run time. */
  public Loss create() {
    ProviderChecks.checkSampleArguments(provider, arguments, HOOK);
    return registry.loss(name(), Args.of(name(), arguments));
  }

  /** The name follows the rule, the description is one line, and no other provider takes the name. */
  @Override
  public void checkDescribed() {
    ProviderChecks.checkDescribed(provider);
    ProviderChecks.checkNameIsFree(provider, Registry.load().losses());
    ProviderChecks.checkSampleArguments(provider, arguments, HOOK);
  }

  /** An argument the provider does not declare is rejected. */
  @Override
  public void checkUnknownArgumentRejected() {
    ProviderChecks.checkUnknownArgumentRejected(provider, arguments, args -> registry.loss(name(), args));
  }

  /** Giving every optional argument its declared default makes the same loss as leaving them out. */
  @Override
  public void checkDeclaredDefaults() {
    Map<String, String> all = ProviderChecks.withDefaults(provider, arguments);
    Tensor y = TestData.probabilities(3, 4, 5);
    Tensor t = TestData.labelTensor(TestData.labels(3, 4, 5));
    double plain = create().forward(y, t);
    double explicit = registry.loss(name(), Args.of(name(), all)).forward(y, t);
    assertEquals(plain, explicit, 0.0, () -> name() + ": made with its declared defaults (" + Args.of(name(), all)
        + ") the loss differs; a declared default must be the value used");
  }

  /** The float64 gradient check with one-hot targets. */
  public void checkGradientOneHot(Case c) {
    Tensor y = TestData.probabilities(c.batch(), c.classes(), c.seed());
    Tensor t = TestData.oneHot(TestData.labels(c.batch(), c.classes(), c.seed()), c.classes());
    GradientCheck.checkLoss(name() + " one-hot " + c, create(), y, t).assertPassed();
  }

  /** The float64 gradient check with class-label targets. */
  public void checkGradientLabels(Case c) {
    Tensor y = TestData.probabilities(c.batch(), c.classes(), c.seed());
    Tensor t = TestData.labelTensor(TestData.labels(c.batch(), c.classes(), c.seed()));
    GradientCheck.checkLoss(name() + " labels " + c, create(), y, t).assertPassed();
  }

  /** Labels and the matching one-hot rows give exactly the same loss and gradient, a finite loss of at least 0. */
  public void checkTargetForms(Case c) {
    Tensor y = TestData.probabilities(c.batch(), c.classes(), c.seed());
    int[] labels = TestData.labels(c.batch(), c.classes(), c.seed());
    Loss a = create();
    Loss b = create();
    double hot = a.forward(y, TestData.oneHot(labels, c.classes()));
    double lab = b.forward(y, TestData.labelTensor(labels));
    assertEquals(hot, lab, 0.0, () -> name() + " " + c + ": one-hot rows and the same labels give different losses");
    assertTrue(a.backward().sameAs(b.backward()), () -> name() + " " + c + ": one-hot rows and labels give different "
        + "gradients");
    assertTrue(Double.isFinite(hot) && hot >= 0, () -> name() + " " + c + ": loss " + hot + " is not finite and >= 0");
  }

  /** Forward and backward leave the outputs and targets as they were; the gradient has storage of its own. */
  public void checkInputsUntouched(Case c) {
    Tensor y = TestData.probabilities(c.batch(), c.classes(), c.seed());
    Tensor t = TestData.oneHot(TestData.labels(c.batch(), c.classes(), c.seed()), c.classes());
    Tensor yBefore = y.copy();
    Tensor tBefore = t.copy();
    Loss loss = create();
    loss.forward(y, t);
    Tensor grad = loss.backward();
    assertTrue(y.sameAs(yBefore), () -> name() + ": forward or backward modified y");
    assertTrue(t.sameAs(tBefore), () -> name() + ": forward or backward modified the targets");
    assertEquals(y.shape(), grad.shape(), () -> name() + ": the gradient must be shaped like y");
    grad.fill(123);
    assertTrue(y.sameAs(yBefore), () -> name() + ": the gradient shares storage with y");
  }

  /** Two copies of a row give the loss of one row, and each row's gradient is divided by the batch size. */
  public void checkMeanOverBatch() {
    Tensor one = TestData.probabilities(1, 4, 11);
    Tensor twice = Tensor.zeros(DType.FLOAT64, 2, 4);
    for (int i = 0; i < 8; i++) {
      twice.setFlat(i, one.getFlat(i % 4));
    }
    Loss single = create();
    double s = single.forward(one, Tensor.of(2));
    Loss pair = create();
    double d = pair.forward(twice, Tensor.of(2, 2));
    assertEquals(s, d, 1e-12, () -> name() + ": the loss must be the mean over the batch, not the sum");
    Tensor g1 = single.backward();
    Tensor g2 = pair.backward();
    for (int i = 0; i < 8; i++) {
      assertEquals(g1.getFlat(i % 4) / 2, g2.getFlat(i), 1e-15, name() + ": each row's gradient is divided by N");
    }
  }

  /** A one-dimensional output is a batch of one, and its gradient keeps its shape. */
  public void checkOneDimensionalOutput() {
    Tensor row = TestData.probabilities(1, 5, 17);
    Loss asVector = create();
    Loss asRow = create();
    assertEquals(asRow.forward(row, Tensor.of(3)), asVector.forward(row.reshape(5), Tensor.of(3)), 0.0,
        () -> name() + ": a vector output is a batch of one");
    Tensor g = asVector.backward();
    assertEquals(Shape.of(5), g.shape(), () -> name() + ": the gradient of a vector output is a vector");
    assertTrue(g.reshape(1, 5).sameAs(asRow.backward()), () -> name() + ": vector and row gradients differ");
  }

  /** Backward before any forward throws an {@link IllegalStateException} whose message starts with the name. */
  public void checkBackwardBeforeForward() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> create().backward(),
        () -> name() + ": backward() before forward() must throw IllegalStateException");
    assertTrue(e.getMessage() != null && e.getMessage().startsWith(name()), () -> name() + ": the message must "
        + "name the loss, such as '" + name() + ": backward() called before forward()', got '" + e.getMessage() + "'");
  }

  /** Targets fitting neither form, and labels out of range, are rejected with a message naming the loss. */
  public void checkWrongTargetsRejected() {
    Tensor y = TestData.probabilities(3, 4, 5);
    IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
        () -> create().forward(y, Tensor.of(1, 2)), () -> name() + ": 2 targets for 3 rows of 4 must be rejected");
    assertTrue(shape.getMessage() != null && shape.getMessage().startsWith(name() + ": "), shape::getMessage);
    IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
        () -> create().forward(y, Tensor.of(0, 4, 1)), () -> name() + ": label 4 for 4 classes must be rejected");
    assertTrue(label.getMessage() != null && label.getMessage().startsWith(name() + ": "), label::getMessage);
  }

  /** Float32 outputs give a float32 gradient within 1e-4 relative of float64's, and the same loss within 1e-5. */
  public void checkFloat32() {
    Tensor y64 = TestData.probabilities(4, 3, 23);
    Tensor t = TestData.labelTensor(TestData.labels(4, 3, 23));
    Loss wide = create();
    Loss narrow = create();
    assertEquals(wide.forward(y64, t), narrow.forward(y64.to(DType.FLOAT32), t.to(DType.FLOAT32)), 1e-5,
        () -> name() + ": float32 and float64 losses differ");
    Tensor g = narrow.backward();
    assertEquals(DType.FLOAT32, g.dtype(), () -> name() + ": float32 outputs, so a float32 gradient");
    assertTrue(g.allClose(wide.backward(), 1e-4, 1e-5), () -> name() + ": float32 and float64 gradients differ");
  }

  /** Every check as a dynamic test, grouped by check, for {@code @TestFactory} methods. */
  public Stream<DynamicNode> tests() {
    return Stream.of(
        DynamicTest.dynamicTest("name, description and arguments", this::checkDescribed),
        DynamicTest.dynamicTest("unknown arguments are rejected", this::checkUnknownArgumentRejected),
        DynamicTest.dynamicTest("declared defaults are the values used", this::checkDeclaredDefaults),
        DynamicContainer.dynamicContainer("gradient check, one-hot targets", perCase(this::checkGradientOneHot)),
        DynamicContainer.dynamicContainer("gradient check, label targets", perCase(this::checkGradientLabels)),
        DynamicContainer.dynamicContainer("labels and one-hot rows agree", perCase(this::checkTargetForms)),
        DynamicContainer.dynamicContainer("outputs and targets are left unmodified", perCase(this::checkInputsUntouched)),
        DynamicTest.dynamicTest("the loss is a mean over the batch", this::checkMeanOverBatch),
        DynamicTest.dynamicTest("a vector output is a batch of one", this::checkOneDimensionalOutput),
        DynamicTest.dynamicTest("backward before forward fails naming the loss", this::checkBackwardBeforeForward),
        DynamicTest.dynamicTest("wrong targets are rejected", this::checkWrongTargetsRejected),
        DynamicTest.dynamicTest("float32 agrees with float64", this::checkFloat32));
  }

  /** One dynamic test per {@link #cases() case}. */
  public Stream<DynamicTest> perCase(Consumer<Case> check) {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> check.accept(c)));
  }
}
