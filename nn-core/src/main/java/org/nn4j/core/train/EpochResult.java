package org.nn4j.core.train;

/**
 * What one epoch of training measured.
 *
 * @param epoch 1 for the first epoch
 * @param loss mean training loss over the epoch's mini-batches
 * @param trainAccuracy accuracy on the whole training set after the epoch
 * @param testAccuracy accuracy on the test set after the epoch ({@code NaN} without one)
 * @param seconds wall-clock seconds of the epoch, training and evaluation
 */
public record EpochResult(int epoch, double loss, double trainAccuracy, double testAccuracy, double seconds) {
}
