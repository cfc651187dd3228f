package org.nn4j.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nn4j.api.DType;
import org.nn4j.api.Tensor;
import org.nn4j.core.LayerSpec;
import org.nn4j.core.Network;
import org.nn4j.core.Registry;
import org.nn4j.core.ToolkitFixtures;
import org.nn4j.core.data.Dataset;
import org.nn4j.core.train.EarlyStopping;
import org.nn4j.core.train.EpochResult;
import org.nn4j.core.train.Trainer;
import org.nn4j.core.train.TrainerConfig;
import org.nn4j.core.train.TrainingListener;
import org.nn4j.core.train.TrainingResult;

/**
 * Checkpoints: a run interrupted after two of four epochs and resumed from its checkpoint ends bit for bit
 * where the uninterrupted run ends, with the same figures for the epochs it trains.
 */
class CheckpointTest {
  private static final Registry REGISTRY = ToolkitFixtures.registryWithStatefulProviders();
  private static final Dataset TRAIN = ToolkitFixtures.dataset(DType.FLOAT32, 250, 6, 3, 21);
  private static final Dataset TEST = ToolkitFixtures.dataset(DType.FLOAT32, 60, 6, 3, 22);

  @TempDir
  Path dir;

  /** Stops a run by throwing at the end of epoch {@code after}, as a crash would. */
  private static final class Crash extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  private static TrainingListener crashAfter(int after) {
    return r -> {
      if (r.epoch() == after) {
        throw new Crash();
      }
    };
  }

  private static Trainer trainer(String optimizer, TrainerConfig config) {
    Network net = ToolkitFixtures.network(DType.FLOAT32, 3);
    LayerSpec spec = LayerSpec.parse(optimizer);
    return new Trainer(net, REGISTRY.optimizer(spec.name(), spec.args()), config);
  }

  @ParameterizedTest(name = "{0}, shuffle {1}, checkpoint every {2}")
  @CsvSource({"sgd(lr=0.5), true, 1", "sgd(lr=0.5), false, 2", "heavy(lr=0.3), true, 2", "heavy(lr=0.3), false, 1"})
  void resumingAfterTwoOfFourEpochsEndsExactlyWhereAnUninterruptedRunEnds(String optimizer, boolean shuffle,
      int every) throws IOException {
    TrainerConfig config = new TrainerConfig(4, 0, 32, 9, shuffle, 0, null);
    Trainer straight = trainer(optimizer, config);
    List<EpochResult> all = straight.fit(TRAIN, TEST);
    assertEquals(4, all.size());

    Path file = dir.resolve("run.ckpt");
    Trainer first = trainer(optimizer, config);
    LayerSpec spec = LayerSpec.parse(optimizer);
    assertThrows(Crash.class, () -> first.train(TRAIN, TEST, 0, new Checkpointer(file, every, first, spec),
        crashAfter(2)));
    assertTrue(Files.exists(file));

    Checkpointer.Resumed resumed = Checkpointer.resume(file, REGISTRY);
    assertEquals(2, resumed.completedEpochs());
    assertEquals(spec, resumed.optimizerSpec());
    assertEquals(config, resumed.trainer().config());
    first.network().namedParams().forEach((name, p) ->
        assertTrue(p.value().sameAs(resumed.trainer().network().namedParams().get(name).value()), name));

    TrainingResult rest = resumed.trainer().train(TRAIN, TEST, resumed.completedEpochs());
    assertNull(rest.stopReason());
    assertEquals(List.of(3, 4), rest.epochs().stream().map(EpochResult::epoch).toList());
    assertEquals(4 * 8, rest.iterations(), "250 examples in batches of 32: 8 steps an epoch");
    for (int i = 0; i < 2; i++) {
      EpochResult a = all.get(2 + i);
      EpochResult b = rest.epochs().get(i);
      assertEquals(a.loss(), b.loss(), 0.0, "loss of epoch " + a.epoch());
      assertEquals(a.trainAccuracy(), b.trainAccuracy(), 0.0);
      assertEquals(a.testAccuracy(), b.testAccuracy(), 0.0);
    }
    Map<String, Tensor> expected = ToolkitFixtures.snapshot(straight.network());
    expected.forEach((name, t) ->
        assertTrue(t.sameAs(resumed.trainer().network().namedParams().get(name).value()), name + " after epoch 4"));
  }

  @Test
  void withoutTheOptimizerStateTheRunDoesNotEndTheSame() throws IOException {
    TrainerConfig config = new TrainerConfig(4, 0, 32, 9, true, 0, null);
    Trainer straight = trainer("heavy(lr=0.3)", config);
    straight.fit(TRAIN, TEST);
    Trainer first = trainer("heavy(lr=0.3)", config);
    Path file = dir.resolve("run.ckpt");
    assertThrows(Crash.class, () -> first.train(TRAIN, TEST, 0,
        new Checkpointer(file, 1, first, LayerSpec.parse("heavy(lr=0.3)")), crashAfter(2)));
    Checkpointer.Resumed resumed = Checkpointer.resume(file, REGISTRY);
    Trainer fresh = new Trainer(resumed.trainer().network(), REGISTRY.optimizer("heavy",
        LayerSpec.parse("heavy(lr=0.3)").args()), config);
    fresh.train(TRAIN, TEST, 2);
    Tensor w = straight.network().namedParams().get("affine#1.W").value();
    assertFalse(w.sameAs(fresh.network().namedParams().get("affine#1.W").value()),
        "the velocity matters, so the exact match above is owed to the saved optimizer state");
  }

  @Test
  void theCheckpointRecordsTheSettingsAndTheEpochReached() throws IOException {
    TrainerConfig config = new TrainerConfig(3, 0, 50, 123456789012L, false, 40, null);
    Trainer t = trainer("sgd(lr=0.5)", config);
    Path file = dir.resolve("every2.ckpt");
    t.train(TRAIN, TEST, 0, new Checkpointer(file, 2, t, LayerSpec.parse("sgd(lr=0.5)")));
    Map<String, String> meta = ModelFile.read(file).metadata();
    assertEquals("2", meta.get("trainer.epoch"), "every 2 epochs: written after epoch 2, not after epoch 3");
    assertEquals("3", meta.get("trainer.epochs"));
    assertEquals("0", meta.get("trainer.iterations"));
    assertEquals("50", meta.get("trainer.batch"));
    assertEquals("123456789012", meta.get("trainer.seed"));
    assertEquals("false", meta.get("trainer.shuffle"));
    assertEquals("40", meta.get("trainer.eval_limit"));
    assertEquals("sgd(lr=0.5)", meta.get("optimizer"));
    assertEquals("nn4j-model", meta.get("format"));
    Checkpointer.Resumed r = Checkpointer.resume(file, REGISTRY);
    assertEquals(config, r.trainer().config());
    assertEquals(2, r.completedEpochs());
  }

  @Test
  void theEarlyStoppingRuleSurvivesACheckpoint() throws IOException {
    EarlyStopping rule = new EarlyStopping(EarlyStopping.Metric.TEST_ACCURACY, 3, 0.005);
    TrainerConfig config = new TrainerConfig(2, 0, 50, 1, true, 0, rule);
    Trainer t = trainer("sgd(lr=0.5)", config);
    Path file = dir.resolve("early.ckpt");
    t.train(TRAIN, TEST, 0, new Checkpointer(file, 1, t, LayerSpec.parse("sgd(lr=0.5)")));
    assertEquals("test-accuracy:3:0.005", ModelFile.read(file).metadata().get("trainer.early_stopping"));
    assertEquals(config, Checkpointer.resume(file, REGISTRY).trainer().config());
  }

  @Test
  void aPlainSavedModelIsNotACheckpoint() throws IOException {
    Network net = ToolkitFixtures.network(DType.FLOAT32, 1);
    Path plain = dir.resolve("plain.nn4j");
    SavedModel.save(plain, net, null, null, Map.of());
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> Checkpointer.resume(plain, REGISTRY));
    assertEquals(plain + ": not a checkpoint: it holds no optimizer state or trainer settings (save checkpoints "
        + "with --checkpoint)", e.getMessage());

    Path withOptimizer = dir.resolve("with-optimizer.nn4j");
    SavedModel.save(withOptimizer, net, REGISTRY.optimizer("sgd", LayerSpec.parse("sgd").args()),
        LayerSpec.parse("sgd"), Map.of());
    e = assertThrows(ModelFormatException.class, () -> Checkpointer.resume(withOptimizer, REGISTRY));
    assertTrue(e.getMessage().startsWith(withOptimizer + ": not a checkpoint"), e.getMessage());
  }

  private Path checkpointWith(Consumer<Map<String, String>> edit) throws IOException {
    Trainer t = trainer("sgd(lr=0.5)", new TrainerConfig(1, 0, 50, 1, true, 0, null));
    Path good = dir.resolve("good.ckpt");
    t.train(TRAIN, null, 0, new Checkpointer(good, 1, t, LayerSpec.parse("sgd(lr=0.5)")));
    ModelFile content = ModelFile.read(good);
    Map<String, String> meta = new LinkedHashMap<>(content.metadata());
    edit.accept(meta);
    Path file = dir.resolve("edited.ckpt");
    ModelFile.write(file, content.tensors(), meta);
    return file;
  }

  @Test
  void damagedTrainerSettingsAreFormatErrors() throws IOException {
    Path noBatch = checkpointWith(m -> m.remove("trainer.batch"));
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> Checkpointer.resume(noBatch, REGISTRY));
    assertEquals(noBatch + ": checkpoint metadata entry 'trainer.batch' is missing", e.getMessage());

    Path zeroBatch = checkpointWith(m -> m.put("trainer.batch", "0"));
    e = assertThrows(ModelFormatException.class, () -> Checkpointer.resume(zeroBatch, REGISTRY));
    assertEquals(zeroBatch + ": damaged trainer settings in the checkpoint's metadata: batch size must be at least 1, "
        + "got 0", e.getMessage());

    Path badRule = checkpointWith(m -> m.put("trainer.early_stopping", "accuracy:3"));
    e = assertThrows(ModelFormatException.class, () -> Checkpointer.resume(badRule, REGISTRY));
    assertEquals(badRule + ": damaged trainer settings in the checkpoint's metadata: trainer.early_stopping is "
        + "'accuracy:3', not METRIC:PATIENCE:MIN_DELTA", e.getMessage());

    Path wordEpoch = checkpointWith(m -> m.put("trainer.epoch", "two"));
    e = assertThrows(ModelFormatException.class, () -> Checkpointer.resume(wordEpoch, REGISTRY));
    assertTrue(e.getMessage().startsWith(wordEpoch + ": damaged trainer settings"), e.getMessage());
  }

  @Test
  void checkpointsAreAtLeastOneEpochApartAndNeedTheirParts() {
    Trainer t = trainer("sgd", TrainerConfig.defaults());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Checkpointer(dir.resolve("c"), 0, t, LayerSpec.parse("sgd")));
    assertEquals("checkpoints every 0 epochs: must be at least 1", e.getMessage());
    assertThrows(NullPointerException.class, () -> new Checkpointer(dir.resolve("c"), 1, t, null));
  }

  @Test
  void aCheckpointThatCannotBeWrittenStopsTrainingWithTheFileNamed() {
    Trainer t = trainer("sgd(lr=0.5)", new TrainerConfig(3, 0, 50, 1, true, 0, null));
    Path file = dir.resolve("no-such-dir").resolve("c.ckpt");
    List<Integer> epochs = new java.util.ArrayList<>();
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> t.train(TRAIN, TEST, 0, new Checkpointer(file, 1, t, LayerSpec.parse("sgd(lr=0.5)")),
            r -> epochs.add(r.epoch())));
    assertEquals("cannot write checkpoint " + file, e.getMessage());
    assertEquals(List.of(), epochs, "the run stops at the first failed save");
    assertFalse(Files.exists(file.getParent()));
  }

  @Test
  void resumeReturnsTheTrainerOfTheSavedNetwork() throws IOException {
    Trainer t = trainer("sgd(lr=0.5)", new TrainerConfig(1, 0, 50, 1, true, 0, null));
    Path file = dir.resolve("one.ckpt");
    t.train(TRAIN, TEST, 0, new Checkpointer(file, 1, t, LayerSpec.parse("sgd(lr=0.5)")));
    Checkpointer.Resumed r = Checkpointer.resume(file, REGISTRY);
    t.network().namedParams().forEach((name, p) ->
        assertTrue(p.value().sameAs(r.trainer().network().namedParams().get(name).value()), name));
    assertEquals(1, r.completedEpochs());
    TrainingResult nothingLeft = r.trainer().train(TRAIN, TEST, 1);
    assertEquals(List.of(), nothingLeft.epochs(), "all epochs were done");
    assertEquals(r.trainer().config().epochs() * 5, nothingLeft.iterations());
  }
}
