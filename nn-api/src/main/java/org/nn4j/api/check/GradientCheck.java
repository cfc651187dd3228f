package org.nn4j.api.check;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.nn4j.api.DType;
import org.nn4j.api.Layer;
import org.nn4j.api.Loss;
import org.nn4j.api.Param;
import org.nn4j.api.Tensor;

/**
 * Compares backpropagated gradients with central-difference ones (book §5.7.3), element by element, in
 * {@code float64}. An element passes when {@code |analytic - numeric| <= atol + rtol·|numeric|}; the report
 * names the tensor and index of the worst element, so a failing layer says where it is wrong.
 *
 * <p>For a layer, the scalar checked is {@code sum(forward(x) * dout)} for a random fixed {@code dout}, whose
 * gradient is exactly what {@code backward(dout)} returns for the input and fills for each parameter.
 */
public final class GradientCheck {
  /** Step of the central difference; about the cube root of float64's epsilon scaled to unit inputs. */
  public static final double EPS = 1e-6;
  /** Absolute tolerance per element. */
  public static final double ATOL = 1e-5;
  /** Relative tolerance per element. */
  public static final double RTOL = 1e-3;

  private GradientCheck() {
  }

  /**
   * The worst element of one tensor's gradient.
   *
   * @param tensor {@code input} or the parameter's name
   * @param index flat index of the worst element
   * @param analytic backprop's value there
   * @param numeric the central difference there
   * @param excess how far past its tolerance the worst element lies (0 or less passes)
   */
  public record Result(String tensor, int index, double analytic, double numeric, double excess) {
    /** Whether every element of the tensor was within tolerance. */
    public boolean passed() {
      return excess <= 0;
    }

    @Override
    public String toString() {
      return String.format("%s[%d]: backprop %.10g, numerical %.10g%s", tensor, index, analytic, numeric,
          passed() ? "" : " (outside tolerance)");
    }
  }

  /** The results of one check, one per tensor. */
  public record Report(String subject, List<Result> results) {
    /** Whether every tensor passed. */
    public boolean passed() {
      return results.stream().allMatch(Result::passed);
    }

    /**
     * Throws an {@link AssertionError} naming the subject and the failing tensors' worst elements.
     */
    public void assertPassed() {
      if (!passed()) {
        StringBuilder sb = new StringBuilder(subject + ": gradient check failed");
        for (Result r : results) {
          if (!r.passed()) {
            sb.append("\n  ").append(r);
          }
        }
        throw new AssertionError(sb.toString());
      }
    }
  }

  /**
   * Checks a built {@code float64} layer at input {@code x}: the input gradient and every parameter's.
   *
   * @param training passed to {@link Layer#forward}
   * @throws IllegalArgumentException when {@code x} is not {@code float64}
   */
  public static Report checkLayer(String subject, Layer layer, Tensor x, boolean training, RandomGenerator random) {
    requireFloat64(subject, x);
    Tensor out = layer.forward(x, training);
    Tensor dout = Tensor.zerosLike(out);
    for (int i = 0; i < dout.size(); i++) {
      dout.setFlat(i, random.nextGaussian());
    }
    Tensor dx = layer.backward(dout).copy();
    List<Tensor> analytic = new ArrayList<>();
    for (Param p : layer.params()) {
      analytic.add(p.grad().copy());
    }
    java.util.function.Supplier<Double> f = () -> layer.forward(x, training).mul(dout).sum();
    List<Result> results = new ArrayList<>();
    results.add(compare("input", dx, NumericalGradient.gradient(f, x, EPS)));
    List<Param> params = layer.params();
    for (int i = 0; i < params.size(); i++) {
      Param p = params.get(i);
      results.add(compare(p.name(), analytic.get(i), NumericalGradient.gradient(f, p.value(), EPS)));
    }
    return new Report(subject, results);
  }

  /** Checks a {@code float64} loss's gradient with respect to its input {@code y}, for targets {@code t}. */
  public static Report checkLoss(String subject, Loss loss, Tensor y, Tensor t) {
    requireFloat64(subject, y);
    loss.forward(y, t);
    Tensor analytic = loss.backward().copy();
    Tensor numeric = NumericalGradient.gradient(() -> loss.forward(y, t), y, EPS);
    return new Report(subject, List.of(compare("y", analytic, numeric)));
  }

  /** The worst element of {@code analytic} against {@code numeric}. */
  public static Result compare(String tensor, Tensor analytic, Tensor numeric) {
    int worst = 0;
    double worstExcess = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < numeric.size(); i++) {
      double a = analytic.getFlat(i);
      double n = numeric.getFlat(i);
      double excess = Math.abs(a - n) - (ATOL + RTOL * Math.abs(n));
      if (Double.isNaN(excess)) {
        excess = Double.POSITIVE_INFINITY;
      }
      if (excess > worstExcess) {
        worstExcess = excess;
        worst = i;
      }
    }
    if (numeric.size() == 0) {
      return new Result(tensor, 0, 0, 0, 0);
    }
    return new Result(tensor, worst, analytic.getFlat(worst), numeric.getFlat(worst), worstExcess);
  }

  private static void requireFloat64(String subject, Tensor x) {
    if (x.dtype() != DType.FLOAT64) {
      throw new IllegalArgumentException(subject + ": gradient checks need float64; got " + x.dtype()
          + " (float32 rounding alone exceeds the tolerance)");
    }
  }
}
