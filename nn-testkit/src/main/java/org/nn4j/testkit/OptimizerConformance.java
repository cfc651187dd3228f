package org.nn4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.nn4j.api.Args;
import org.nn4j.api.DType;
import org.nn4j.api.Optimizer;
import org.nn4j.api.OptimizerProvider;
import org.nn4j.api.Param;
import org.nn4j.api.Shape;
import org.nn4j.api.Tensor;
import org.nn4j.core.Registry;
import org.nn4j.core.SeededRandom;

/**
 * The optimizer contract of DESIGN §2 for one {@link OptimizerProvider}, as checks that throw an
 * {@link AssertionError} saying what is wrong: on the convex quadratic {@code f(w) = ½ Σ aᵢ (wᵢ - cᵢ)²}
 * (curvatures in [1, 3]) 300 steps lower {@code f} by at least 10 %, for parameters of several shapes and
 * both element types; one optimizer serves two unrelated parameter lists exactly as two optimizers would
 * (its state is kept per parameter); and argument handling.
 */
public final class OptimizerConformance implements ProviderConformance {
  private static final int STEPS = 300;
  private static final String HOOK = "arguments() of the contract test";

  private final OptimizerProvider provider;
  private final Map<String, String> arguments;
  private final Registry registry;

  private OptimizerConformance(OptimizerProvider provider, Map<String, String> arguments) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.arguments = Map.copyOf(arguments);
    this.registry = ProviderChecks.registryWith(provider);
  }

  /** The checks for {@code provider}, made with its default arguments. */
  public static OptimizerConformance of(OptimizerProvider provider) {
    return new OptimizerConformance(provider, Map.of());
  }

  /** The same checks with optimizers made from {@code values}. */
  public OptimizerConformance withArguments(Map<String, String> values) {
    return new OptimizerConformance(provider, values);
  }

  /** The provider's name. */
  public String name() {
    return provider.name();
  }

  /** A new optimizer, made through a registry, so its arguments are checked as at run time. */
  public Optimizer create() {
    ProviderChecks.checkSampleArguments(provider, arguments, HOOK);
    return registry.optimizer(name(), Args.of(name(), arguments));
  }

  /** A quadratic bowl over some parameters: curvatures {@code a} in [1, 3], centres {@code c}. */
  private static final class Bowl {
    final List<Param> params = new ArrayList<>();
    final List<Tensor> curvature = new ArrayList<>();
    final List<Tensor> centre = new ArrayList<>();

    Bowl(DType dtype, long seed, Shape... shapes) {
      SeededRandom random = new SeededRandom(seed);
      for (Shape s : shapes) {
        Tensor w = Tensor.zeros(dtype, s);
        Tensor a = Tensor.zeros(DType.FLOAT64, s);
        Tensor c = Tensor.zeros(DType.FLOAT64, s);
        for (int i = 0; i < w.size(); i++) {
          w.setFlat(i, random.nextGaussian());
          a.setFlat(i, 1 + 2 * random.nextDouble());
          c.setFlat(i, random.nextGaussian());
        }
        params.add(new Param("p" + params.size(), w));
        curvature.add(a);
        centre.add(c);
      }
    }

    /** The value of f, after writing its gradient into every parameter's grad. */
    double valueAndGradient() {
      double f = 0;
      for (int k = 0; k < params.size(); k++) {
        Param p = params.get(k);
        for (int i = 0; i < p.value().size(); i++) {
          double a = curvature.get(k).getFlat(i);
          double diff = p.value().getFlat(i) - centre.get(k).getFlat(i);
          f += 0.5 * a * diff * diff;
          p.grad().setFlat(i, a * diff);
        }
      }
      return f;
    }
  }

  /** The name follows the rule, the description is one line, and no other provider takes the name. */
  @Override
  public void checkDescribed() {
    ProviderChecks.checkDescribed(provider);
    ProviderChecks.checkNameIsFree(provider, Registry.load().optimizers());
    ProviderChecks.checkSampleArguments(provider, arguments, HOOK);
  }

  /** An argument the provider does not declare is rejected. */
  @Override
  public void checkUnknownArgumentRejected() {
    ProviderChecks.checkUnknownArgumentRejected(provider, arguments, args -> registry.optimizer(name(), args));
  }

  /** Giving every optional argument its declared default makes the same steps as leaving them out. */
  @Override
  public void checkDeclaredDefaults() {
    Bowl plain = new Bowl(DType.FLOAT64, 8, Shape.of(4));
    Bowl explicit = new Bowl(DType.FLOAT64, 8, Shape.of(4));
    Map<String, String> all = ProviderChecks.withDefaults(provider, arguments);
    Optimizer a = create();
    Optimizer b = registry.optimizer(name(), Args.of(name(), all));
    for (int step = 0; step < 5; step++) {
      plain.valueAndGradient();
      explicit.valueAndGradient();
      a.step(plain.params);
      b.step(explicit.params);
    }
    assertTrue(plain.params.get(0).value().sameAs(explicit.params.get(0).value()), () -> name()
        + ": made with its declared defaults (" + Args.of(name(), all) + ") it steps differently; a declared default "
        + "must be the value used");
  }

  /** 300 steps on the quadratic lower it by at least 10 %, stay finite, and keep the element type. */
  public void checkDescendsAConvexQuadratic() {
    for (DType dtype : DType.values()) {
      Bowl bowl = new Bowl(dtype, 5, Shape.of(3, 4), Shape.of(4), Shape.of(1));
      Optimizer optimizer = create();
      double start = bowl.valueAndGradient();
      double f = start;
      for (int step = 0; step < STEPS; step++) {
        optimizer.step(bowl.params);
        f = bowl.valueAndGradient();
        final int s = step;
        final double v = f;
        assertTrue(Double.isFinite(v), () -> name() + " (" + dtype + "): f is " + v + " after step " + s);
      }
      final double end = f;
      assertTrue(end < 0.9 * start, () -> name() + " (" + dtype + "): " + STEPS + " steps took f = ½Σa(w-c)² from "
          + start + " only to " + end);
      for (Param p : bowl.params) {
        assertEquals(dtype, p.value().dtype(), () -> name() + ": the optimizer must keep the element type");
      }
    }
  }

  /**
   * One optimizer serves two unrelated parameter lists: stepping one list never touches the other's values,
   * both descend, and, unless the optimizer declares global state (a bare name in {@link Optimizer#state},
   * such as Adam's step count), stepping other parameters in between does not change one list's path at all.
   */
  public void checkStatePerParameter() {
    Optimizer shared = create();
    Optimizer own = create();
    Bowl first = new Bowl(DType.FLOAT64, 6, Shape.of(5));
    Bowl second = new Bowl(DType.FLOAT64, 7, Shape.of(2, 2), Shape.of(3));
    Bowl alone = new Bowl(DType.FLOAT64, 6, Shape.of(5));
    double firstStart = first.valueAndGradient();
    double secondStart = second.valueAndGradient();
    alone.valueAndGradient();
    for (int step = 0; step < STEPS; step++) {
      shared.step(first.params);
      Tensor firstAfter = first.params.get(0).value().copy();
      shared.step(second.params);
      assertTrue(first.params.get(0).value().sameAs(firstAfter), () -> name() + ": stepping one list of parameters "
          + "changed another's values");
      own.step(alone.params);
      first.valueAndGradient();
      second.valueAndGradient();
      alone.valueAndGradient();
    }
    assertTrue(first.valueAndGradient() < 0.9 * firstStart, () -> name() + ": the first list did not descend");
    assertTrue(second.valueAndGradient() < 0.9 * secondStart, () -> name() + ": the second list did not descend");
    boolean globalState = own.state(alone.params).keySet().stream().anyMatch(k -> !k.contains("."));
    if (!globalState) {
      assertTrue(first.params.get(0).value().sameAs(alone.params.get(0).value()), () -> name() + ": stepping other "
          + "parameters in between changed this one's path; key per-parameter state by the Param, or declare the "
          + "shared part as global state in state()");
    }
  }

  /** Every check as a dynamic test, for {@code @TestFactory} methods. */
  public Stream<DynamicNode> tests() {
    return Stream.of(
        DynamicTest.dynamicTest("name, description and arguments", this::checkDescribed),
        DynamicTest.dynamicTest("unknown arguments are rejected", this::checkUnknownArgumentRejected),
        DynamicTest.dynamicTest("declared defaults are the values used", this::checkDeclaredDefaults),
        DynamicTest.dynamicTest("descends a convex quadratic", this::checkDescendsAConvexQuadratic),
        DynamicTest.dynamicTest("state is kept per parameter", this::checkStatePerParameter));
  }
}
