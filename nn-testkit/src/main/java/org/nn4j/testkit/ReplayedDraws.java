package org.nn4j.testkit;

import java.util.List;
import java.util.random.RandomGenerator;
import org.nn4j.api.Layer;
import org.nn4j.api.Param;
import org.nn4j.api.Shape;
import org.nn4j.api.Tensor;
import org.nn4j.core.SeededRandom;

/**
 * A layer whose random draws are replayed on every forward pass, so that a stochastic layer such as dropout
 * is one fixed function while a gradient check runs it many times. It works for any layer that draws only
 * from the generator its {@link org.nn4j.api.BuildContext} gave it, as DESIGN §4 asks: that generator is a
 * {@link Replayable}, restarted before each forward pass.
 */
final class ReplayedDraws implements Layer {
  private final Layer layer;
  private final Replayable random;

  ReplayedDraws(Layer layer, Replayable random) {
    this.layer = layer;
    this.random = random;
  }

  @Override
  public Shape outputShape(Shape input) {
    return layer.outputShape(input);
  }

  @Override
  public Tensor forward(Tensor x, boolean training) {
    random.restart();
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

  /** A seeded generator that can start its sequence again. */
  static final class Replayable implements RandomGenerator {
    private final long seed;
    private SeededRandom current;

    Replayable(long seed) {
      this.seed = seed;
      this.current = new SeededRandom(seed);
    }

    /** Starts the sequence of draws again from the seed. */
    void restart() {
      current = new SeededRandom(seed);
    }

    @Override
    public long nextLong() {
      return current.nextLong();
    }

    @Override
    public int nextInt() {
      return current.nextInt();
    }

    @Override
    public int nextInt(int bound) {
      return current.nextInt(bound);
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
