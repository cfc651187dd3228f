package org.nn4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nn4j.api.Args;
import org.nn4j.api.Argument;
import org.nn4j.api.DType;
import org.nn4j.api.Optimizer;
import org.nn4j.api.OptimizerProvider;
import org.nn4j.api.Param;
import org.nn4j.api.Shape;
import org.nn4j.api.Tensor;

/**
 * The optimizer contract of DESIGN §2, run over every optimizer provider the registry finds, with its default
 * arguments: on the convex quadratic {@code f(w) = ½ Σ aᵢ (wᵢ - cᵢ)²} a few hundred steps lower {@code f}, for
 * parameters of several shapes and both element types, and one optimizer serves two unrelated parameter
 * lists (its state is keyed by parameter).
 */
class OptimizerContractTest {
  private static final Registry REGISTRY = Registry.load();
  private static final int STEPS = 300;

  static Stream<String> optimizerNames() {
    return REGISTRY.optimizers().names().stream();
  }

  static Optimizer create(String name) {
    OptimizerProvider provider = REGISTRY.optimizers().get(name);
    List<String> required = provider.arguments().stream().filter(Argument::isRequired).map(Argument::name)
        .collect(Collectors.toList());
    if (!required.isEmpty()) {
      fail("optimizer provider '" + name + "' requires " + required + "; teach OptimizerContractTest its arguments");
    }
    return REGISTRY.optimizer(name, Args.none(name));
  }

  /** A quadratic bowl over some parameters: curvatures {@code a} in [1, 3], centres {@code c}. */
  private static final class Bowl {
    final List<Param> params;
    final List<Tensor> curvature;
    final List<Tensor> centre;

    Bowl(DType dtype, long seed, Shape... shapes) {
      SeededRandom random = new SeededRandom(seed);
      params = new java.util.ArrayList<>();
      curvature = new java.util.ArrayList<>();
      centre = new java.util.ArrayList<>();
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

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizerNames")
  void descendsAConvexQuadratic(String name) {
    for (DType dtype : DType.values()) {
      Bowl bowl = new Bowl(dtype, 5, Shape.of(3, 4), Shape.of(4), Shape.of(1));
      Optimizer optimizer = create(name);
      double start = bowl.valueAndGradient();
      double f = start;
      for (int step = 0; step < STEPS; step++) {
        optimizer.step(bowl.params);
        f = bowl.valueAndGradient();
        assertTrue(Double.isFinite(f), name + " diverged at step " + step);
      }
      assertTrue(f < 0.9 * start, name + " (" + dtype + "): f went from " + start + " to " + f);
      for (Param p : bowl.params) {
        assertEquals(dtype, p.value().dtype(), "the optimizer keeps the element type");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizerNames")
  void oneOptimizerServesUnrelatedParameterLists(String name) {
    Optimizer shared = create(name);
    Bowl first = new Bowl(DType.FLOAT64, 6, Shape.of(5));
    Bowl second = new Bowl(DType.FLOAT64, 7, Shape.of(2, 2), Shape.of(3));
    Bowl alone = new Bowl(DType.FLOAT64, 6, Shape.of(5));
    Optimizer own = create(name);
    double firstStart = first.valueAndGradient();
    double secondStart = second.valueAndGradient();
    alone.valueAndGradient();
    for (int step = 0; step < STEPS; step++) {
      shared.step(first.params);
      shared.step(second.params);
      own.step(alone.params);
      first.valueAndGradient();
      second.valueAndGradient();
      alone.valueAndGradient();
    }
    assertTrue(first.valueAndGradient() < 0.9 * firstStart, name);
    assertTrue(second.valueAndGradient() < 0.9 * secondStart, name);
    assertTrue(first.params.get(0).value().sameAs(alone.params.get(0).value()),
        name + ": stepping other parameters in between must not change this one's path");
  }
}
