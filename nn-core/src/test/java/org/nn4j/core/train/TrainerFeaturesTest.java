package org.nn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyDouble;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.nn4j.api.DType;
import org.nn4j.api.Optimizer;
import org.nn4j.api.Param;
import org.nn4j.api.ShapeException;
import org.nn4j.api.Tensor;
import org.nn4j.core.LayerSpec;
import org.nn4j.core.Network;
import org.nn4j.core.Registry;
import org.nn4j.core.ToolkitFixtures;
import org.nn4j.core.data.Dataset;

/** The trainer's iterations mode, evaluation subsets, NaN stop, listener protocol and determinism. */
class TrainerFeaturesTest {
  private static final Registry REGISTRY = ToolkitFixtures.registry();
  /** 250 examples: batches of 32 give 8 steps an epoch, the last of 26 examples. */
  private static final Dataset TRAIN = ToolkitFixtures.dataset(DType.FLOAT32, 250, 6, 3, 31);
  private static final Dataset TEST = ToolkitFixtures.dataset(DType.FLOAT32, 90, 6, 3, 32);

  private static Optimizer sgd(String lr) {
    return REGISTRY.optimizer("sgd", LayerSpec.parse("sgd(lr=" + lr + ")").args());
  }

  private static Trainer trainer(TrainerConfig config) {
    return new Trainer(ToolkitFixtures.network(DType.FLOAT32, 3), sgd("0.5"), config);
  }

  /** Records each step's epoch and loss. */
  private static final class Steps implements TrainingListener {
    final List<int[]> at = new ArrayList<>();
    final List<Double> losses = new ArrayList<>();

    @Override
    public void onIteration(int epoch, int iteration, double loss) {
      at.add(new int[] {epoch, iteration});
      losses.add(loss);
    }

    @Override
    public void onEpochEnd(EpochResult result) {
    }
  }

  @Test
  void iterationsModeTakesExactlyThatManyStepsAndReportsThePartialEpoch() {
    Trainer t = trainer(new TrainerConfig(1, 0, 32, 1, true, 0, null).withIterations(11));
    Steps steps = new Steps();
    TrainingListener listener = mock(TrainingListener.class);
    TrainingResult r = t.train(TRAIN, TEST, 0, steps, listener);
    assertEquals(11, r.iterations());
    assertEquals(11, steps.at.size());
    assertEquals(List.of(1, 2), r.epochs().stream().map(EpochResult::epoch).toList());
    assertNull(r.stopReason());
    assertFalse(r.diverged());
    double sum = 0;
    for (int i = 8; i < 11; i++) {
      assertEquals(2, steps.at.get(i)[0], "steps 9 to 11 belong to epoch 2");
      sum += steps.losses.get(i);
    }
    assertEquals(sum / 3, r.epochs().get(1).loss(), 0.0, "the partial epoch's loss is the mean of its 3 steps");
    verify(listener).onStart(11, 8);
    verify(listener, times(11)).onIteration(anyInt(), anyInt(), anyDouble());
    verify(listener, times(2)).onEpochEnd(any());
  }

  @Test
  void iterationsWinOverEpochs() {
    Trainer t = trainer(new TrainerConfig(1, 20, 32, 1, true, 0, null));
    TrainingResult r = t.train(TRAIN, null, 0);
    assertEquals(20, r.iterations());
    assertEquals(3, r.epochs().size(), "8 + 8 + 4 steps");
    assertTrue(Double.isNaN(r.last().testAccuracy()), "no test set");
  }

  @Test
  void evaluationSubsetMeasuresOnlyTheFirstExamples() {
    Trainer t = trainer(new TrainerConfig(1, 0, 32, 1, true, 7, null));
    TrainingResult r = t.train(TRAIN, TEST, 0);
    Network net = t.network();
    double train7 = net.accuracy(TRAIN.features().sliceRows(0, 7), java.util.Arrays.copyOf(TRAIN.labels(), 7), 1000);
    double test7 = net.accuracy(TEST.features().sliceRows(0, 7), java.util.Arrays.copyOf(TEST.labels(), 7), 1000);
    assertEquals(train7, r.last().trainAccuracy(), 0.0);
    assertEquals(test7, r.last().testAccuracy(), 0.0);
    double sevenths = r.last().trainAccuracy() * 7;
    assertEquals(Math.rint(sevenths), sevenths, 1e-9, "an accuracy over 7 examples is a multiple of 1/7");

    Trainer all = trainer(new TrainerConfig(1, 0, 32, 1, true, 0, null));
    TrainingResult full = all.train(TRAIN, TEST, 0);
    assertEquals(all.network().accuracy(TEST.features(), TEST.labels(), 1000), full.last().testAccuracy(), 0.0);
    assertEquals(r.last().loss(), full.last().loss(), 0.0, "the subset changes the evaluation, not the training");
  }

  /** SGD that writes NaN into the first weight at its third step. */
  private static final class PoisonAtThirdStep implements Optimizer {
    private final Optimizer sgd = sgd("0.5");
    private int steps;

    @Override
    public void step(List<Param> params) {
      sgd.step(params);
      if (++steps == 3) {
        params.get(0).value().setFlat(0, Double.NaN);
      }
    }
  }

  /** Snapshots every parameter after each step; key 0 holds the initial parameters. */
  private static final class Snapshots implements TrainingListener {
    final Map<Integer, List<Tensor>> after = new HashMap<>();
    private final Network net;

    Snapshots(Network net) {
      this.net = net;
      after.put(0, copy());
    }

    private List<Tensor> copy() {
      return net.params().stream().map(p -> p.value().copy()).toList();
    }

    @Override
    public void onIteration(int epoch, int iteration, double loss) {
      after.put(iteration, copy());
    }

    @Override
    public void onEpochEnd(EpochResult result) {
    }
  }

  private static void assertAllFinite(Network net) {
    for (Param p : net.params()) {
      for (int i = 0; i < p.value().size(); i++) {
        assertTrue(Double.isFinite(p.value().getFlat(i)), p + " element " + i);
      }
    }
  }

  @Test
  void aNaNWeightStopsTrainingWithTheLastGoodParameters() {
    Network net = ToolkitFixtures.network(DType.FLOAT32, 3);
    Trainer t = new Trainer(net, new PoisonAtThirdStep(), new TrainerConfig(3, 0, 32, 1, true, 0, null));
    Snapshots snapshots = new Snapshots(net);
    TrainingListener listener = mock(TrainingListener.class);
    TrainingResult r = t.train(TRAIN, TEST, 0, snapshots, listener);
    assertTrue(r.diverged());
    assertEquals("training stopped at epoch 1, iteration 4: the loss is NaN; the parameters are kept as they were "
        + "at iteration 3, the last with a finite loss (try a smaller learning rate)", r.stopReason());
    assertEquals(List.of(), r.epochs(), "the first epoch did not finish");
    assertEquals(4, r.iterations());
    List<Tensor> beforeBadStep = snapshots.after.get(2);
    for (int i = 0; i < beforeBadStep.size(); i++) {
      assertTrue(beforeBadStep.get(i).sameAs(net.params().get(i).value()), "parameter " + i
          + " is as it was before the step that wrote the NaN");
    }
    assertAllFinite(net);
    verify(listener, times(3)).onIteration(eq(1), anyInt(), anyDouble());
    verify(listener).onEnd(argThat(TrainingResult::diverged));
    assertThrows(IllegalStateException.class, () -> r.last());
  }

  @Test
  void anAbsurdLearningRateDivergesAndFitThrows() {
    Network net = ToolkitFixtures.network(DType.FLOAT32, 3);
    Trainer t = new Trainer(net, sgd("1e30"), new TrainerConfig(2, 0, 32, 1, true, 0, null));
    Snapshots snapshots = new Snapshots(net);
    TrainingResult r = t.train(TRAIN, TEST, 0, snapshots);
    assertTrue(r.diverged());
    Matcher m = Pattern.compile("training stopped at epoch (\\d+), iteration (\\d+): the loss is (NaN|Infinity|-Infinity);"
        + " the parameters are kept as they were at iteration (\\d+), the last with a finite loss \\(try a smaller "
        + "learning rate\\)").matcher(r.stopReason());
    assertTrue(m.matches(), r.stopReason());
    int bad = Integer.parseInt(m.group(2));
    assertEquals(bad - 1, Integer.parseInt(m.group(4)));
    assertEquals((bad - 1) / 8 + 1, Integer.parseInt(m.group(1)), "the epoch of iteration " + bad);
    List<Tensor> good = snapshots.after.get(bad - 2);
    for (int i = 0; i < good.size(); i++) {
      assertTrue(good.get(i).sameAs(net.params().get(i).value()), "parameter " + i);
    }
    assertAllFinite(net);

    Trainer again = new Trainer(ToolkitFixtures.network(DType.FLOAT32, 3), sgd("1e30"),
        new TrainerConfig(2, 0, 32, 1, true, 0, null));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> again.fit(TRAIN, TEST));
    assertEquals(r.stopReason(), e.getMessage());
  }

  @Test
  void listenersHearStartEachStepInOrderEachEpochAndTheEndOnce() {
    Trainer t = trainer(new TrainerConfig(2, 0, 125, 1, true, 0, null));
    TrainingListener l = mock(TrainingListener.class);
    TrainingResult r = t.train(TRAIN, TEST, 0, l);
    InOrder order = inOrder(l);
    order.verify(l).onStart(4, 2);
    order.verify(l).onIteration(eq(1), eq(1), anyDouble());
    order.verify(l).onIteration(eq(1), eq(2), anyDouble());
    order.verify(l).onEpochEnd(r.epochs().get(0));
    order.verify(l).onIteration(eq(2), eq(3), anyDouble());
    order.verify(l).onIteration(eq(2), eq(4), anyDouble());
    order.verify(l).onEpochEnd(r.epochs().get(1));
    order.verify(l).onEnd(r);
    order.verifyNoMoreInteractions();
  }

  @Test
  void aResumedRunNumbersItsStepsAfterTheCompletedEpochs() {
    Trainer t = trainer(new TrainerConfig(3, 0, 125, 1, true, 0, null));
    TrainingListener l = mock(TrainingListener.class);
    t.train(TRAIN, TEST, 2, l);
    InOrder order = inOrder(l);
    order.verify(l).onStart(6, 2);
    order.verify(l).onIteration(eq(3), eq(5), anyDouble());
    order.verify(l).onIteration(eq(3), eq(6), anyDouble());
    order.verify(l).onEpochEnd(argThat(e -> e.epoch() == 3));
    order.verify(l).onEnd(argThat(e -> e.iterations() == 6 && e.epochs().size() == 1));
    order.verifyNoMoreInteractions();
  }

  @Test
  void theSameSettingsGiveBitIdenticalParameters() {
    TrainerConfig config = new TrainerConfig(2, 0, 32, 17, true, 0, null);
    Trainer a = trainer(config);
    Trainer b = trainer(config);
    List<EpochResult> ra = a.fit(TRAIN, TEST);
    List<EpochResult> rb = b.fit(TRAIN, TEST);
    for (int i = 0; i < ra.size(); i++) {
      assertEquals(ra.get(i).loss(), rb.get(i).loss(), 0.0);
    }
    a.network().namedParams().forEach((name, p) ->
        assertTrue(p.value().sameAs(b.network().namedParams().get(name).value()), name));

    Trainer other = trainer(new TrainerConfig(2, 0, 32, 18, true, 0, null));
    other.fit(TRAIN, TEST);
    assertFalse(a.network().params().get(0).value().sameAs(other.network().params().get(0).value()),
        "another shuffling seed visits the batches in another order");

    Trainer fixedA = trainer(new TrainerConfig(2, 0, 32, 17, false, 0, null));
    Trainer fixedB = trainer(new TrainerConfig(2, 0, 32, 18, false, 0, null));
    fixedA.fit(TRAIN, TEST);
    fixedB.fit(TRAIN, TEST);
    assertTrue(fixedA.network().params().get(0).value().sameAs(fixedB.network().params().get(0).value()),
        "without shuffling the seed does not matter");
  }

  @Test
  void unsuitableDataIsRejectedBeforeTraining() {
    Trainer t = trainer(TrainerConfig.defaults());
    Dataset empty = TRAIN.head(0);
    assertEquals("the training set is empty",
        assertThrows(IllegalArgumentException.class, () -> t.train(empty, TEST, 0)).getMessage());
    assertEquals("the test set is empty",
        assertThrows(IllegalArgumentException.class, () -> t.train(TRAIN, empty, 0)).getMessage());
    Dataset f64 = new Dataset(TRAIN.features().to(DType.FLOAT64), TRAIN.labels(), 3);
    assertEquals("the training set is float64 but the network is float32",
        assertThrows(IllegalArgumentException.class, () -> t.train(f64, TEST, 0)).getMessage());
    Dataset wide = ToolkitFixtures.dataset(DType.FLOAT32, 10, 7, 3, 1);
    assertEquals("the test set's examples have shape (7,) but the network's input shape is (6,)",
        assertThrows(ShapeException.class, () -> t.train(TRAIN, wide, 0)).getMessage());
  }

  @Test
  void configurationLimitsAreChecked() {
    assertEquals("epochs must be at least 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> new TrainerConfig(0, 10, 1, true)).getMessage());
    assertEquals("iterations must be 0 (train for epochs) or more, got -1",
        assertThrows(IllegalArgumentException.class, () -> TrainerConfig.defaults().withIterations(-1)).getMessage());
    assertEquals("batch size must be at least 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> new TrainerConfig(1, 0, 1, true)).getMessage());
    assertEquals("the evaluation subset must be 0 (all) or more, got -5",
        assertThrows(IllegalArgumentException.class, () -> TrainerConfig.defaults().withEvalLimit(-5)).getMessage());
    TrainerConfig c = TrainerConfig.defaults().withIterations(7).withEvalLimit(3);
    assertEquals(new TrainerConfig(20, 7, 100, 42, true, 3, null), c);
  }
}
