package org.nn4j.core.train;

/**
 * How a {@link Trainer} runs: the number of epochs, the mini-batch size, whether each epoch visits the
 * examples in a new order drawn from a generator seeded with {@code seed}, and the batch size used for
 * evaluation.
 *
 * @param epochs passes over the training set, at least 1
 * @param batchSize examples per training step, at least 1
 * @param seed seed of the shuffling generator
 * @param shuffle whether to shuffle each epoch
 */
public record TrainerConfig(int epochs, int batchSize, long seed, boolean shuffle) {
  public TrainerConfig {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }
  }

  /** The book's settings for its two-layer network: 20 epochs of batches of 100, shuffled, seed 42. */
  public static TrainerConfig defaults() {
    return new TrainerConfig(20, 100, 42, true);
  }
}
