package org.nn4j.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.nn4j.core.LayerSpec;
import org.nn4j.core.train.EarlyStopping;
import org.nn4j.core.train.EpochResult;
import org.nn4j.core.train.Trainer;
import org.nn4j.core.train.TrainerConfig;
import org.nn4j.core.train.TrainingListener;

/**
 * Saves a checkpoint every {@code every} epochs: the network, the optimizer's state, the trainer's settings
 * and the epoch reached, in one {@link SavedModel} file, written atomically so a crash mid-save keeps the
 * previous checkpoint. {@link #resume} reads such a file back into a trainer that continues exactly where
 * the run stopped; an early-stopping rule is kept, though its count of epochs without improvement starts
 * afresh.
 */
public final class Checkpointer implements TrainingListener {
  private final Path file;
  private final int every;
  private final Trainer trainer;
  private final LayerSpec optimizerSpec;

  /**
   * A checkpointer of {@code trainer}'s network and optimizer (made from {@code optimizerSpec}) to {@code file}.
   */
  public Checkpointer(Path file, int every, Trainer trainer, LayerSpec optimizerSpec) {
    if (every < 1) {
      throw new IllegalArgumentException("checkpoints every " + every + " epochs: must be at least 1");
    }
    this.file = Objects.requireNonNull(file, "file");
    this.every = every;
    this.trainer = Objects.requireNonNull(trainer, "trainer");
    this.optimizerSpec = Objects.requireNonNull(optimizerSpec, "optimizerSpec");
  }

  @Override
  public void onEpochEnd(EpochResult result) {
    if (result.epoch() % every == 0) {
      try {
        save(file, trainer, optimizerSpec, result.epoch());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write checkpoint " + file, e);
      }
    }
  }

  /** Saves {@code trainer}'s network, optimizer state and settings, marking {@code epoch} as completed. */
  public static void save(Path file, Trainer trainer, LayerSpec optimizerSpec, int epoch) throws IOException {
    TrainerConfig c = trainer.config();
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("trainer.epoch", Integer.toString(epoch));
    meta.put("trainer.epochs", Integer.toString(c.epochs()));
    meta.put("trainer.iterations", Integer.toString(c.iterations()));
    meta.put("trainer.batch", Integer.toString(c.batchSize()));
    meta.put("trainer.seed", Long.toString(c.seed()));
    meta.put("trainer.shuffle", Boolean.toString(c.shuffle()));
    meta.put("trainer.eval_limit", Integer.toString(c.evalLimit()));
    if (c.earlyStopping() != null) {
      EarlyStopping rule = c.earlyStopping();
      meta.put("trainer.early_stopping", rule.metric().label() + ":" + rule.patience() + ":" + rule.minDelta());
    }
    SavedModel.save(file, trainer.network(), trainer.optimizer(), optimizerSpec, meta);
  }

  /** A checkpoint read back: a trainer with the saved network, optimizer and settings, and the epoch reached. */
  public record Resumed(Trainer trainer, LayerSpec optimizerSpec, int completedEpochs) {
  }

  /**
   * Reads a checkpoint written by this class.
   *
   * @throws ModelFormatException when the file is no checkpoint (a plain saved model has no optimizer state or
   *     trainer settings) or is damaged
   */
  public static Resumed resume(Path file, org.nn4j.core.Registry registry) throws IOException {
    SavedModel model = SavedModel.load(file, registry);
    Map<String, String> m = model.metadata();
    String source = file.toString();
    if (model.optimizer().isEmpty() || !m.containsKey("trainer.epoch")) {
      throw new ModelFormatException(source, "not a checkpoint: it holds no optimizer state or trainer settings "
          + "(save checkpoints with --checkpoint)");
    }
    try {
      TrainerConfig config = new TrainerConfig(Integer.parseInt(setting(m, "epochs", source)),
          Integer.parseInt(setting(m, "iterations", source)), Integer.parseInt(setting(m, "batch", source)),
          Long.parseLong(setting(m, "seed", source)), Boolean.parseBoolean(setting(m, "shuffle", source)),
          Integer.parseInt(setting(m, "eval_limit", source)), earlyStopping(m.get("trainer.early_stopping")));
      Trainer trainer = new Trainer(model.network(), model.optimizer().get(), config);
      return new Resumed(trainer, model.optimizerSpec().get(), Integer.parseInt(setting(m, "epoch", source)));
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(source, "damaged trainer settings in the checkpoint's metadata: "
          + e.getMessage(), e);
    }
  }

  /** The rule saved as {@code METRIC:PATIENCE:MIN_DELTA}, or {@code null} when the run had none. */
  private static EarlyStopping earlyStopping(String text) {
    if (text == null) {
      return null;
    }
    String[] parts = text.split(":");
    if (parts.length != 3) {
      throw new IllegalArgumentException("trainer.early_stopping is '" + text + "', not METRIC:PATIENCE:MIN_DELTA");
    }
    return new EarlyStopping(EarlyStopping.Metric.parse(parts[0]), Integer.parseInt(parts[1]),
        Double.parseDouble(parts[2]));
  }

  private static String setting(Map<String, String> meta, String key, String source) throws ModelFormatException {
    String value = meta.get("trainer." + key);
    if (value == null) {
      throw new ModelFormatException(source, "checkpoint metadata entry 'trainer." + key + "' is missing");
    }
    return value;
  }
}
