package org.nn4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nn4j.api.Args;
import org.nn4j.api.Argument;
import org.nn4j.api.BuildContext;
import org.nn4j.api.DType;
import org.nn4j.api.Layer;
import org.nn4j.api.LayerProvider;
import org.nn4j.api.Param;
import org.nn4j.api.Shape;
import org.nn4j.api.Tensor;
import org.nn4j.api.check.GradientCheck;

/**
 * The layer contract of DESIGN §2 and §6, run over every layer provider the registry finds, so a new built-in
 * or a plugin on the test class path is held to it without a line of test code: forward's shape is
 * {@code outputShape}'s, backward before forward fails naming the layer, inputs and upstream gradients are
 * never modified, and the float64 gradient check passes for several shapes and seeds.
 *
 * <p>A provider with required arguments needs an entry in {@link #REQUIRED_ARGS}; the suite fails clearly
 * until it has one.
 */
class LayerContractTest {
  private static final Registry REGISTRY = Registry.load();

  /** The arguments each layer provider with required ones is made with here. */
  static final Map<String, Map<String, String>> REQUIRED_ARGS = Map.of("affine", Map.of("out", "4"));

  /** Per-sample input shapes: a vector, and a matrix that layers such as affine flatten. */
  private static final List<Shape> SAMPLE_SHAPES = List.of(Shape.of(3), Shape.of(2, 3), Shape.of(7));
  private static final int[] BATCHES = {1, 4};
  private static final long[] SEEDS = {1, 20_240_601};

  static Stream<String> layerNames() {
    return REGISTRY.layers().names().stream();
  }

  static Stream<Arguments> layerShapesAndSeeds() {
    List<Arguments> cases = new ArrayList<>();
    for (String name : REGISTRY.layers().names()) {
      for (Shape sample : SAMPLE_SHAPES) {
        for (int batch : BATCHES) {
          for (long seed : SEEDS) {
            cases.add(Arguments.of(name, sample, batch, seed));
          }
        }
      }
    }
    return cases.stream();
  }

  /** A new layer from the registry, with the arguments of {@link #REQUIRED_ARGS}. */
  static Layer create(String name) {
    LayerProvider provider = REGISTRY.layers().get(name);
    Map<String, String> given = REQUIRED_ARGS.getOrDefault(name, Map.of());
    List<String> lacking = provider.arguments().stream().filter(Argument::isRequired).map(Argument::name)
        .filter(a -> !given.containsKey(a)).collect(Collectors.toList());
    if (!lacking.isEmpty()) {
      fail("layer provider '" + name + "' (" + provider.getClass().getName() + ") requires " + lacking
          + "; add values for them to LayerContractTest.REQUIRED_ARGS");
    }
    return REGISTRY.layer(name, Args.of(name, given));
  }

  /** A layer built for samples of shape {@code sample}, named {@code NAME#1}, weights drawn with std 0.5. */
  static Layer built(String name, Shape sample, DType dtype, long seed) {
    Layer layer = create(name);
    layer.build(sample, new BuildContext(name + "#1", dtype, new SeededRandom(seed), "0.5"));
    return layer;
  }

  /**
   * Normal draws pushed at least 0.05 away from zero, so that element-wise layers with a kink at 0 (ReLU)
   * are differentiable within the central difference's step.
   */
  static Tensor input(DType dtype, Shape shape, long seed) {
    SeededRandom random = new SeededRandom(seed * 31 + 7);
    Tensor x = Tensor.zeros(dtype, shape);
    for (int i = 0; i < x.size(); i++) {
      double g = random.nextGaussian();
      x.setFlat(i, Math.copySign(0.05 + Math.abs(g), g));
    }
    return x;
  }

  private static Tensor gaussian(DType dtype, Shape shape, long seed) {
    SeededRandom random = new SeededRandom(seed);
    Tensor t = Tensor.zeros(dtype, shape);
    for (int i = 0; i < t.size(); i++) {
      t.setFlat(i, random.nextGaussian());
    }
    return t;
  }

  @ParameterizedTest(name = "{0} {1} batch {2} seed {3}")
  @MethodSource("layerShapesAndSeeds")
  void forwardShapeIsOutputShapeWithTheBatch(String name, Shape sample, int batch, long seed) {
    Layer layer = built(name, sample, DType.FLOAT64, seed);
    Shape expected = layer.outputShape(sample).withBatch(batch);
    Tensor out = layer.forward(input(DType.FLOAT64, sample.withBatch(batch), seed), true);
    assertEquals(expected, out.shape(), name);
    assertEquals(DType.FLOAT64, out.dtype());
    Tensor eval = layer.forward(input(DType.FLOAT64, sample.withBatch(batch), seed), false);
    assertEquals(expected, eval.shape(), name + " in evaluation mode");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layerNames")
  void backwardBeforeForwardFailsNamingTheLayer(String name) {
    Shape sample = Shape.of(3);
    Layer layer = built(name, sample, DType.FLOAT64, 1);
    Tensor dout = gaussian(DType.FLOAT64, layer.outputShape(sample).withBatch(2), 5);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> layer.backward(dout));
    assertEquals(name + "#1: backward() called before forward()", e.getMessage());
  }

  @ParameterizedTest(name = "{0} {1} batch {2} seed {3}")
  @MethodSource("layerShapesAndSeeds")
  void forwardAndBackwardLeaveInputAndDoutUntouched(String name, Shape sample, int batch, long seed) {
    for (DType dtype : DType.values()) {
      Layer layer = built(name, sample, dtype, seed);
      Tensor x = input(dtype, sample.withBatch(batch), seed);
      Tensor xBefore = x.copy();
      Tensor out = layer.forward(x, true);
      assertTrue(x.sameAs(xBefore), name + ": forward modified its input");
      Tensor dout = gaussian(dtype, out.shape(), seed + 1);
      Tensor doutBefore = dout.copy();
      Tensor dx = layer.backward(dout);
      assertTrue(x.sameAs(xBefore), name + ": backward modified the cached input");
      assertTrue(dout.sameAs(doutBefore), name + ": backward modified dout");
      assertEquals(x.shape(), dx.shape(), name + ": dx is shaped like x");
      assertEquals(dtype, dx.dtype());
      for (Param p : layer.params()) {
        assertEquals(p.value().shape(), p.grad().shape(), name + "." + p.name());
        assertEquals(dtype, p.value().dtype(), name + "." + p.name());
      }
    }
  }

  @ParameterizedTest(name = "{0} {1} batch {2} seed {3}")
  @MethodSource("layerShapesAndSeeds")
  void float64GradientCheckPasses(String name, Shape sample, int batch, long seed) {
    RewindingRandom random = new RewindingRandom(seed);
    Layer layer = create(name);
    layer.build(sample, new BuildContext(name + "#1", DType.FLOAT64, random, "0.5"));
    Layer replaying = new Layer() {
      @Override
      public Shape outputShape(Shape input) {
        return layer.outputShape(input);
      }

      @Override
      public Tensor forward(Tensor x, boolean training) {
        // A layer that draws random numbers while training (dropout) draws the same ones on every pass.
        random.rewind();
        return layer.forward(x, training);
      }

      @Override
      public Tensor backward(Tensor dout) {
        return layer.backward(dout);
      }

      @Override
      public List<Param> params() {
        return layer.params();
      }
    };
    Tensor x = input(DType.FLOAT64, sample.withBatch(batch), seed);
    GradientCheck.Report report = GradientCheck.checkLayer(name + " " + sample + " batch " + batch + " seed " + seed,
        replaying, x, true, new SeededRandom(seed + 2));
    report.assertPassed();
    assertEquals(1 + layer.params().size(), report.results().size(), "the input and every parameter are checked");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layerNames")
  void aBrokenBackwardFailsTheGradientCheck(String name) {
    Shape sample = Shape.of(3);
    Layer layer = built(name, sample, DType.FLOAT64, 3);
    Layer doubled = new Layer() {
      @Override
      public Shape outputShape(Shape input) {
        return layer.outputShape(input);
      }

      @Override
      public Tensor forward(Tensor x, boolean training) {
        return layer.forward(x, training);
      }

      @Override
      public Tensor backward(Tensor dout) {
        return layer.backward(dout).scale(2);
      }
    };
    // Batch 4: with 2 samples batch normalisation's output is ±1 whatever the input, so dx is zero.
    GradientCheck.Report report = GradientCheck.checkLayer(name, doubled, input(DType.FLOAT64, sample.withBatch(4), 3),
        false, new SeededRandom(4));
    assertFalse(report.passed(), "the check must be able to fail: " + report);
  }

  @ParameterizedTest(name = "{0} {1} batch {2} seed {3}")
  @MethodSource("layerShapesAndSeeds")
  void float32ForwardAndBackwardAgreeWithFloat64(String name, Shape sample, int batch, long seed) {
    Layer wide = built(name, sample, DType.FLOAT64, seed);
    Layer narrow = built(name, sample, DType.FLOAT32, seed);
    Tensor x64 = input(DType.FLOAT64, sample.withBatch(batch), seed);
    Tensor x32 = x64.to(DType.FLOAT32);
    Tensor y64 = wide.forward(x64, true);
    Tensor y32 = narrow.forward(x32, true);
    assertEquals(DType.FLOAT32, y32.dtype());
    assertTrue(y32.allClose(y64, 1e-4, 1e-5), () -> name + ": float32 " + y32 + " vs float64 " + y64);
    Tensor dout64 = gaussian(DType.FLOAT64, y64.shape(), seed + 1);
    Tensor dx64 = wide.backward(dout64);
    Tensor dx32 = narrow.backward(dout64.to(DType.FLOAT32));
    assertEquals(DType.FLOAT32, dx32.dtype());
    assertTrue(dx32.allClose(dx64, 1e-4, 1e-5), () -> name + ": float32 dx " + dx32 + " vs float64 " + dx64);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layerNames")
  void worksInsideANetworkBuiltByName(String name) {
    Network network = Network.builder(REGISTRY).input(2, 3).dtype(DType.FLOAT64).seed(9)
        .layer(new LayerSpec(name, Args.of(name, REQUIRED_ARGS.getOrDefault(name, Map.of())))).loss("mse").build();
    assertEquals(List.of(name + "#1"), network.layerNames());
    Tensor out = network.forward(input(DType.FLOAT64, Shape.of(5, 2, 3), 9), false);
    assertEquals(network.outputShape().withBatch(5), out.shape());
  }

  @Test
  void everyBuiltInIsCovered() {
    assertTrue(REGISTRY.layers().names().containsAll(List.of("affine", "relu", "sigmoid")),
        REGISTRY.layers().names()::toString);
  }

  /** A seeded generator that can start its sequence again, so that a pass can be replayed exactly. */
  static final class RewindingRandom implements java.util.random.RandomGenerator {
    private final long seed;
    private SeededRandom current;

    RewindingRandom(long seed) {
      this.seed = seed;
      rewind();
    }

    void rewind() {
      current = new SeededRandom(seed);
    }

    @Override
    public long nextLong() {
      return current.nextLong();
    }

    @Override
    public double nextDouble() {
      return current.nextDouble();
    }

    @Override
    public double nextGaussian() {
      return current.nextGaussian();
    }
  }
}
