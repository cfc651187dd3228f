package org.nn4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nn4j.api.DType;
import org.nn4j.api.Optimizer;
import org.nn4j.api.Param;
import org.nn4j.api.Shape;
import org.nn4j.api.Tensor;

/** Per-parameter state: keyed by the parameter, named for checkpoints, and restorable bit for bit. */
class OptimizerStateTest {
  static Stream<Arguments> optimizers() {
    return Stream.of(
        Arguments.of("momentum", (Supplier<Optimizer>) () -> new Momentum(0.1, 0.9), List.of("v")),
        Arguments.of("nesterov", (Supplier<Optimizer>) () -> new Nesterov(0.1, 0.9), List.of("v")),
        Arguments.of("adagrad", (Supplier<Optimizer>) () -> new AdaGrad(0.1), List.of("h")),
        Arguments.of("rmsprop", (Supplier<Optimizer>) () -> new RmsProp(0.1, 0.9), List.of("h")),
        Arguments.of("adam", (Supplier<Optimizer>) () -> new Adam(0.1, 0.9, 0.999), List.of("m", "v")));
  }

  /** Two parameters of different shapes with seeded values. */
  private static List<Param> params(DType dtype, long seed) {
    Random r = new Random(seed);
    List<Param> ps = List.of(new Param("W", Tensor.zeros(dtype, Shape.of(3, 2))), new Param("b", Tensor.zeros(dtype, 2)));
    for (Param p : ps) {
      p.value().mapInPlace(v -> r.nextGaussian());
    }
    return ps;
  }

  /** Sets seeded gradients, the same sequence for any parameter list built the same way. */
  private static void grads(List<Param> ps, Random r) {
    for (Param p : ps) {
      p.grad().mapInPlace(v -> r.nextGaussian());
    }
  }

  private static List<Param> copies(List<Param> ps) {
    List<Param> out = new ArrayList<>();
    for (Param p : ps) {
      out.add(new Param(p.name(), p.value().copy()));
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void stateIsKeyedByTheParameter(String name, Supplier<Optimizer> make, List<String> slots) {
    // Two parameters with equal values but different gradients, stepped together by one optimizer,
    // must each end where a separate optimizer of their own would have taken them.
    Param a = new Param("W", Tensor.of(1.0, -1.0));
    Param b = new Param("W", Tensor.of(1.0, -1.0));
    Param aAlone = new Param("W", Tensor.of(1.0, -1.0));
    Param bAlone = new Param("W", Tensor.of(1.0, -1.0));
    Optimizer shared = make.get();
    Optimizer ownA = make.get();
    Optimizer ownB = make.get();
    for (int k = 0; k < 3; k++) {
      for (Param p : List.of(a, aAlone)) {
        p.grad().copyFrom(Tensor.of(0.5 * (k + 1), -0.25));
      }
      for (Param p : List.of(b, bAlone)) {
        p.grad().copyFrom(Tensor.of(-2.0, 0.1 * k));
      }
      shared.step(List.of(a, b));
      ownA.step(List.of(aAlone));
      ownB.step(List.of(bAlone));
    }
    assertTrue(a.value().sameAs(aAlone.value()), name);
    assertTrue(b.value().sameAs(bAlone.value()), name);
    assertFalse(a.value().sameAs(b.value()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void stateIsNamedByIndexAndSlotAndIsLive(String name, Supplier<Optimizer> make, List<String> slots) {
    List<Param> ps = params(DType.FLOAT32, 1);
    Optimizer opt = make.get();
    Map<String, Tensor> before = opt.state(ps);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < ps.size(); i++) {
      for (String s : slots) {
        expected.add(i + "." + s);
      }
    }
    if (name.equals("adam")) {
      for (int i = 0; i < ps.size(); i++) {
        expected.add(i + ".t");
      }
    }
    assertEquals(expected, new ArrayList<>(before.keySet()), "state made before any step, in a stable order");
    for (int i = 0; i < ps.size(); i++) {
      Tensor slot = before.get(i + "." + slots.get(0));
      assertEquals(ps.get(i).value().shape(), slot.shape());
      assertEquals(DType.FLOAT32, slot.dtype(), "state has the parameter's type");
      assertEquals(0, slot.sum());
    }
    grads(ps, new Random(2));
    opt.step(ps);
    Map<String, Tensor> after = opt.state(ps);
    for (String key : expected) {
      assertSame(before.get(key), after.get(key), "the same live tensor: " + key);
    }
    assertTrue(after.get("0." + slots.get(0)).sum() != 0, "stepping wrote into the tensor handed out");
    if (name.equals("adam")) {
      assertEquals(Tensor.scalar(DType.FLOAT64, 1).toString(), after.get("0.t").toString());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void restoredStateContinuesTrainingBitForBit(String name, Supplier<Optimizer> make, List<String> slots) {
    for (DType dtype : DType.values()) {
      List<Param> trained = params(dtype, 3);
      Random gradients = new Random(4);
      Optimizer a = make.get();
      for (int k = 0; k < 5; k++) {
        grads(trained, gradients);
        a.step(trained);
      }
      // A checkpoint: parameter values and optimizer state copied into a fresh network and optimizer.
      List<Param> resumed = copies(trained);
      Optimizer b = make.get();
      Map<String, Tensor> saved = a.state(trained);
      Map<String, Tensor> fresh = b.state(resumed);
      assertEquals(saved.keySet(), fresh.keySet());
      saved.forEach((key, value) -> fresh.get(key).copyFrom(value));

      Optimizer c = make.get();
      List<Param> unrestored = copies(trained);
      for (int k = 0; k < 4; k++) {
        grads(trained, gradients);
        for (int i = 0; i < trained.size(); i++) {
          resumed.get(i).grad().copyFrom(trained.get(i).grad());
          unrestored.get(i).grad().copyFrom(trained.get(i).grad());
        }
        a.step(trained);
        b.step(resumed);
        c.step(unrestored);
      }
      for (int i = 0; i < trained.size(); i++) {
        assertTrue(trained.get(i).value().sameAs(resumed.get(i).value()), name + " " + dtype + " param " + i);
      }
      assertFalse(trained.get(0).value().sameAs(unrestored.get(0).value()),
          name + ": without the state, training would have gone differently");
    }
  }

  @Test
  void adamRestoresItsStepCount() {
    Adam adam = new Adam(0.001, 0.9, 0.999);
    List<Param> ps = params(DType.FLOAT64, 5);
    adam.state(ps).get("0.t").setFlat(0, 41);
    grads(ps, new Random(6));
    adam.step(ps);
    assertEquals(42, adam.steps(ps.get(0)));
    assertEquals(1, adam.steps(ps.get(1)), "each parameter counts its own steps");
    assertEquals(42.0, adam.state(ps).get("0.t").getFlat(0));
    assertEquals(DType.FLOAT64, adam.state(ps).get("0.t").dtype());
    assertEquals(Shape.of(), adam.state(ps).get("0.t").shape());
  }

  @Test
  void sgdStaysStateless() {
    assertTrue(new Sgd(0.1).state(params(DType.FLOAT32, 1)).isEmpty());
  }
}
