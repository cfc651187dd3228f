package org.nn4j.api.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nn4j.api.DType;
import org.nn4j.api.Layer;
import org.nn4j.api.Param;
import org.nn4j.api.Shape;
import org.nn4j.api.Tensor;

class GradientCheckTest {
  /** y = x * w element-wise, with a switch that breaks the weight gradient. */
  private static final class Scale implements Layer {
    final Param w = new Param("w", Tensor.of(0.5, -2.0, 3.0));
    final boolean broken;
    Tensor input;

    Scale(boolean broken) {
      this.broken = broken;
    }

    @Override
    public Shape outputShape(Shape in) {
      return in;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
      input = x;
      Tensor y = x.copy();
      for (int r = 0; r < x.rows(); r++) {
        for (int c = 0; c < 3; c++) {
          y.set(x.get(r, c) * w.value().getFlat(c), r, c);
        }
      }
      return y;
    }

    @Override
    public Tensor backward(Tensor dout) {
      Tensor dx = dout.copy();
      w.grad().fill(0);
      for (int r = 0; r < dout.rows(); r++) {
        for (int c = 0; c < 3; c++) {
          dx.set(dout.get(r, c) * w.value().getFlat(c), r, c);
          double g = w.grad().getFlat(c) + dout.get(r, c) * input.get(r, c);
          w.grad().setFlat(c, broken && c == 2 ? g * 1.01 : g);
        }
      }
      return dx;
    }

    @Override
    public List<Param> params() {
      return List.of(w);
    }
  }

  private static Tensor input() {
    return Tensor.of(new double[][] {{1, 2, 3}, {-1, 0.5, 2}});
  }

  @Test
  void passesACorrectLayer() {
    GradientCheck.Report report = GradientCheck.checkLayer("scale", new Scale(false), input(), true, new Random(3));
    assertTrue(report.passed(), report.toString());
    assertEquals(2, report.results().size());
    report.assertPassed();
  }

  @Test
  void namesTheTensorAndIndexOfAWrongGradient() {
    GradientCheck.Report report = GradientCheck.checkLayer("scale", new Scale(true), input(), true, new Random(3));
    assertFalse(report.passed());
    AssertionError e = assertThrows(AssertionError.class, report::assertPassed);
    assertTrue(e.getMessage().startsWith("scale: gradient check failed\n  w[2]: backprop"), e.getMessage());
  }

  @Test
  void refusesFloat32() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        GradientCheck.checkLayer("scale", new Scale(false), input().to(DType.FLOAT32), true, new Random(3)));
    assertTrue(e.getMessage().contains("gradient checks need float64"), e.getMessage());
  }
}
