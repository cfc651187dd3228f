package org.nn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nn4j.api.ConfigurationException;
import org.nn4j.api.DType;
import org.nn4j.core.LayerSpec;
import org.nn4j.core.ToolkitFixtures;
import org.nn4j.core.data.Dataset;
import org.nn4j.core.train.EarlyStopping.Metric;

/** Early stopping: the rule itself, and training runs it cuts short. */
class EarlyStoppingTest {
  private static final Dataset TRAIN = ToolkitFixtures.dataset(DType.FLOAT32, 200, 6, 3, 41);
  private static final Dataset TEST = ToolkitFixtures.dataset(DType.FLOAT32, 60, 6, 3, 42);

  @Test
  void metricsParseByLabelAndKnowTheirDirection() {
    assertEquals(Metric.LOSS, Metric.parse("loss"));
    assertEquals(Metric.TRAIN_ACCURACY, Metric.parse("train-accuracy"));
    assertEquals(Metric.TEST_ACCURACY, Metric.parse(" Test-Accuracy "));
    assertEquals("test-accuracy", Metric.TEST_ACCURACY.label());
    assertEquals("train-accuracy", Metric.TRAIN_ACCURACY.label());
    assertEquals("loss", Metric.LOSS.label());
    assertFalse(Metric.LOSS.higherIsBetter());
    assertTrue(Metric.TRAIN_ACCURACY.higherIsBetter());
    assertTrue(Metric.TEST_ACCURACY.higherIsBetter());
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> Metric.parse("accuracy"));
    assertEquals("unknown metric 'accuracy'; accepted: loss, train-accuracy, test-accuracy", e.getMessage());
  }

  @Test
  void eachMetricReadsItsFigure() {
    EpochResult r = new EpochResult(3, 0.25, 0.5, 0.75, 1.0);
    assertEquals(0.25, Metric.LOSS.of(r));
    assertEquals(0.5, Metric.TRAIN_ACCURACY.of(r));
    assertEquals(0.75, Metric.TEST_ACCURACY.of(r));
  }

  @Test
  void improvementMustExceedMinDeltaInTheRightDirection() {
    EarlyStopping acc = new EarlyStopping(Metric.TEST_ACCURACY, 2, 0.125);
    assertTrue(acc.improves(0.75, 0.5));
    assertFalse(acc.improves(0.625, 0.5), "exactly min delta better is not enough");
    assertFalse(acc.improves(0.25, 0.5));
    EarlyStopping loss = new EarlyStopping(Metric.LOSS, 2, 0.125);
    assertTrue(loss.improves(0.25, 0.5));
    assertFalse(loss.improves(0.375, 0.5));
    assertFalse(loss.improves(0.75, 0.5));
    EarlyStopping strict = new EarlyStopping(Metric.LOSS, 1, 0);
    assertFalse(strict.improves(0.5, 0.5), "equal is no improvement");
    assertTrue(strict.improves(Math.nextDown(0.5), 0.5));
  }

  @Test
  void invalidRulesAreRejectedWithTheReason() {
    assertEquals("early stopping needs a metric",
        assertThrows(ConfigurationException.class, () -> new EarlyStopping(null, 1, 0)).getMessage());
    assertEquals("early stopping: patience must be at least 1, got 0",
        assertThrows(ConfigurationException.class, () -> new EarlyStopping(Metric.LOSS, 0, 0)).getMessage());
    assertEquals("early stopping: min delta must be >= 0, got -0.1",
        assertThrows(ConfigurationException.class, () -> new EarlyStopping(Metric.LOSS, 1, -0.1)).getMessage());
    assertEquals("early stopping: min delta must be >= 0, got NaN",
        assertThrows(ConfigurationException.class, () -> new EarlyStopping(Metric.LOSS, 1, Double.NaN)).getMessage());
  }

  private static Trainer trainer(String lr, EarlyStopping rule) {
    // In file order, an lr too small to move a float32 weight gives exactly the same loss every epoch;
    // shuffled, the batches' rounding would make it wobble up and down by chance.
    boolean shuffle = !lr.equals("1e-12");
    return new Trainer(ToolkitFixtures.network(DType.FLOAT32, 3),
        ToolkitFixtures.registry().optimizer("sgd", LayerSpec.parse("sgd(lr=" + lr + ")").args()),
        new TrainerConfig(10, 0, 50, 1, shuffle, 0, rule));
  }

  @Test
  void aMetricThatCannotImproveStopsTrainingAfterPatienceEpochs() {
    TrainingResult r = trainer("1e-12", new EarlyStopping(Metric.TRAIN_ACCURACY, 1, 0)).train(TRAIN, TEST, 0);
    assertFalse(r.diverged());
    assertEquals(2, r.epochs().size(), "epoch 1 sets the best, epoch 2 fails to beat it");
    assertEquals(r.epochs().get(0).trainAccuracy(), r.epochs().get(1).trainAccuracy(), 0.0,
        "so tiny a rate leaves the float32 weights unchanged");
    assertEquals(8, r.iterations(), "two epochs of 4 batches");
    assertTrue(r.stopReason().startsWith(
        "early stopping after epoch 2: train-accuracy has not improved for 1 epochs (best "), r.stopReason());
  }

  @Test
  void patienceCountsEpochsWithoutImprovementOnTheLoss() {
    TrainingResult r = trainer("1e-12", new EarlyStopping(Metric.LOSS, 3, 0)).train(TRAIN, TEST, 0);
    assertEquals(4, r.epochs().size());
    assertTrue(r.stopReason().startsWith("early stopping after epoch 4: loss has not improved for 3 epochs (best "),
        r.stopReason());
  }

  @Test
  void aMinDeltaNoEpochCanBeatStopsEvenAnImprovingRun() {
    TrainingResult r = trainer("0.5", new EarlyStopping(Metric.TEST_ACCURACY, 2, 1.0)).train(TRAIN, TEST, 0);
    assertEquals(3, r.epochs().size());
    assertTrue(r.stopReason().startsWith("early stopping after epoch 3: test-accuracy has not improved for 2 epochs"),
        r.stopReason());
  }

  @Test
  void anImprovingRunIsNotStopped() {
    TrainingResult r = trainer("0.5", new EarlyStopping(Metric.LOSS, 10, 0)).train(TRAIN, TEST, 0);
    assertNull(r.stopReason());
    assertEquals(10, r.epochs().size());
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), r.epochs().stream().map(EpochResult::epoch).toList());
  }
}
