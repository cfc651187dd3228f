package org.nn4j.core.train;

/**
 * How a {@link Trainer} runs: epochs (or a number of iterations, which then wins), the mini-batch size,
 * whether each epoch visits the examples in a new order drawn from a generator seeded with {@code seed},
 * how many examples of each set the per-epoch evaluation uses, and optional early stopping.
 *
 * @param epochs passes over the training set, at least 1 (ignored when {@code iterations > 0})
 * @param iterations training steps in all, or 0 to train for {@code epochs}
 * @param batchSize examples per training step, at least 1
 * @param seed seed of the shuffling generator
 * @param shuffle whether to shuffle each epoch
 * @param evalLimit examples of each set evaluated after each epoch (the first ones), or 0 for all
 * @param earlyStopping when to stop early, or {@code null} never
 */
public record TrainerConfig(int epochs, int iterations, int batchSize, long seed, boolean shuffle, int evalLimit,
    EarlyStopping earlyStopping) {
  public TrainerConfig {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
    }
    if (iterations < 0) {
      throw new IllegalArgumentException("iterations must be 0 (train for epochs) or more, got " + iterations);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }
    if (evalLimit < 0) {
      throw new IllegalArgumentException("the evaluation subset must be 0 (all) or more, got " + evalLimit);
    }
  }

  /** {@code epochs} epochs of batches of {@code batchSize}, evaluating on everything, no early stopping. */
  public TrainerConfig(int epochs, int batchSize, long seed, boolean shuffle) {
    this(epochs, 0, batchSize, seed, shuffle, 0, null);
  }

  /** The book's settings for its two-layer network: 20 epochs of batches of 100, shuffled, seed 42. */
  public static TrainerConfig defaults() {
    return new TrainerConfig(20, 100, 42, true);
  }

  /** This configuration training for {@code count} iterations instead of a number of epochs. */
  public TrainerConfig withIterations(int count) {
    return new TrainerConfig(epochs, count, batchSize, seed, shuffle, evalLimit, earlyStopping);
  }

  /** This configuration evaluating on the first {@code limit} examples of each set (0: all). */
  public TrainerConfig withEvalLimit(int limit) {
    return new TrainerConfig(epochs, iterations, batchSize, seed, shuffle, limit, earlyStopping);
  }

  /** This configuration with early stopping. */
  public TrainerConfig withEarlyStopping(EarlyStopping rule) {
    return new TrainerConfig(epochs, iterations, batchSize, seed, shuffle, evalLimit, rule);
  }
}
