package org.nn4j.optim;

import java.util.List;
import org.nn4j.api.Args;
import org.nn4j.api.Argument;
import org.nn4j.api.ConfigurationException;
import org.nn4j.api.Optimizer;
import org.nn4j.api.OptimizerProvider;
import org.nn4j.api.Param;

/**
 * Stochastic gradient descent, {@code W ← W - lr · ∂L/∂W} (book §4.4 and §6.1.2). Stateless.
 */
public final class Sgd implements Optimizer {
  private final double lr;

  /** SGD with learning rate {@code lr > 0}. */
  public Sgd(double lr) {
    if (!(lr > 0) || Double.isInfinite(lr)) {
      throw new ConfigurationException("sgd: argument 'lr' must be a positive number, got " + lr);
    }
    this.lr = lr;
  }

  /** The learning rate. */
  public double learningRate() {
    return lr;
  }

  @Override
  public void step(List<Param> params) {
    for (Param p : params) {
      p.value().addScaledInPlace(-lr, p.grad());
    }
  }

  /** Makes {@code sgd(lr=0.01)}. */
  public static final class Provider implements OptimizerProvider {
    @Override
    public String name() {
      return "sgd";
    }

    @Override
    public String description() {
      return "stochastic gradient descent W ← W − lr·∂L/∂W (book 6.1.2)";
    }

    @Override
    public List<Argument> arguments() {
      return List.of(Argument.optional("lr", "0.01", "learning rate"));
    }

    @Override
    public Optimizer create(Args args) {
      return new Sgd(args.getDouble("lr", 0.01));
    }
  }
}
