package org.nn4j.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Args;
import org.nn4j.api.Layer;
import org.nn4j.api.LayerProvider;
import org.nn4j.api.Shape;
import org.nn4j.api.Tensor;

/** The kit must be able to fail: layers broken in the ways authors break them fail it with a useful message. */
class KitCatchesBrokenProvidersTest {
  /** {@code 3x}, element-wise, with the given backward pass and, if asked, an {@code outputShape} that is wrong. */
  private static LayerProvider triple(String name, UnaryOperator<Tensor> backwardOfDout, boolean squeezesShape) {
    return new LayerProvider() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String description() {
        return "3x";
      }

      @Override
      public Layer create(Args args) {
        return new Layer() {
          private Tensor input;

          @Override
          public Shape outputShape(Shape in) {
            return squeezesShape ? Shape.of(in.size() + 1) : in;
          }

          @Override
          public Tensor forward(Tensor x, boolean training) {
            input = x;
            return x.scale(3);
          }

          @Override
          public Tensor backward(Tensor dout) {
            Layer.requireForward(input, name);
            return backwardOfDout.apply(dout);
          }
        };
      }
    };
  }

  private static final LayerConformance.Case CASE = new LayerConformance.Case(Shape.of(3), 2, 1);

  @Test
  void aCorrectLayerPasses() {
    LayerConformance kit = LayerConformance.of(triple("triple", d -> d.scale(3), false));
    kit.checkGradient(CASE);
    kit.checkInputsUntouched(CASE);
    kit.checkForwardShape(CASE);
  }

  @Test
  void aWrongGradientNamesTheWorstElement() {
    LayerConformance kit = LayerConformance.of(triple("triple", d -> d.scale(2), false));
    AssertionError e = assertThrows(AssertionError.class, () -> kit.checkGradient(CASE));
    assertTrue(e.getMessage().startsWith("triple sample (3,) batch 2 seed 1: gradient check failed\n  input["),
        e.getMessage());
  }

  @Test
  void modifyingDoutIsCaught() {
    LayerConformance kit = LayerConformance.of(triple("triple", d -> d.scaleInPlace(3), false));
    AssertionError e = assertThrows(AssertionError.class, () -> kit.checkInputsUntouched(CASE));
    assertTrue(e.getMessage().contains("backward modified dout"), e.getMessage());
  }

  @Test
  void anOutputShapeThatDisagreesWithForwardIsCaught() {
    LayerConformance kit = LayerConformance.of(triple("triple", d -> d.scale(3), true));
    AssertionError e = assertThrows(AssertionError.class, () -> kit.checkForwardShape(CASE));
    assertTrue(e.getMessage().contains("forward's output shape differs from outputShape((3,))"), e.getMessage());
  }

  @Test
  void anInvalidNameIsCaught() {
    LayerConformance kit = LayerConformance.of(triple("Triple_Layer", d -> d.scale(3), false));
    AssertionError e = assertThrows(AssertionError.class, kit::checkDescribed);
    assertTrue(e.getMessage().contains("name 'Triple_Layer' is invalid"), e.getMessage());
  }

  @Test
  void takingABuiltInsNameIsCaught() {
    LayerConformance kit = LayerConformance.of(triple("relu", d -> d.scale(3), false));
    AssertionError e = assertThrows(AssertionError.class, kit::checkDescribed);
    assertTrue(e.getMessage().contains("relu: the name is already provided by org.nn4j.layers.Relu$Provider"),
        e.getMessage());
  }

  @Test
  void theCasesCoverSeveralShapesBatchesAndSeeds() {
    assertTrue(LayerConformance.of(triple("triple", d -> d, false)).cases().size() == 12);
    assertTrue(List.of(Shape.of(3), Shape.of(2, 3), Shape.of(7)).equals(LayerConformance.DEFAULT_SHAPES));
  }
}
