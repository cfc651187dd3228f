package org.nn4j.examples;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nn4j.api.Args;
import org.nn4j.api.DType;
import org.nn4j.core.KernelWarmUp;
import org.nn4j.core.LayerSpec;
import org.nn4j.core.Network;
import org.nn4j.core.Registry;
import org.nn4j.core.data.Mnist;
import org.nn4j.core.guice.NetworkBinder;
import org.nn4j.core.guice.Nn4jModule;
import org.nn4j.core.io.Checkpointer;
import org.nn4j.core.io.SavedModel;
import org.nn4j.core.train.CsvHistory;
import org.nn4j.core.train.EarlyStopping;
import org.nn4j.core.train.Trainer;
import org.nn4j.core.train.TrainerConfig;
import org.nn4j.core.train.TrainingListener;
import org.nn4j.core.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nn4j train}: trains a network on MNIST-style data and prints each epoch's loss, accuracies and
 * time, ending with {@code test accuracy: 0.XXXX}. The defaults are the book's two-layer network (§5.7.4).
 * The options become Guice bindings through {@link NetworkBinder}, the one way a new network comes to be; a
 * resumed one comes from its checkpoint file.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a network on MNIST-style data (the bundled sample by default).")
final class TrainCommand implements Callable<Integer> {
  private static final String DEFAULT_NET = "affine(out=50) relu affine(out=10)";

  @Spec
  private CommandSpec spec;

  @Mixin
  private ProviderOptions providers;

  @Option(names = "--net", paramLabel = "SPEC", description = "Layers, e.g. \"affine(out=100, init=he) relu "
      + "affine(out=10)\" (default: ${DEFAULT-VALUE}).", defaultValue = DEFAULT_NET)
  private String net;

  @Option(names = "--loss", paramLabel = "NAME", description = "Loss (default: ${DEFAULT-VALUE}).",
      defaultValue = "softmax-cross-entropy")
  private String loss;

  @Option(names = "--optimizer", paramLabel = "SPEC", description = "Optimizer, e.g. adam or \"momentum(momentum=0.8)\" "
      + "(default: ${DEFAULT-VALUE}).", defaultValue = "sgd")
  private String optimizer;

  @Option(names = "--lr", description = "Learning rate (default: 0.1 for sgd, as the book trains; otherwise the "
      + "optimizer's own default).")
  private Double lr;

  @Option(names = "--weight-decay", paramLabel = "LAMBDA", description = "L2 weight decay λ: ½λΣW² added to the "
      + "loss (default: ${DEFAULT-VALUE}).", defaultValue = "0")
  private double weightDecay;

  @Option(names = "--epochs", description = "Passes over the training set (default: ${DEFAULT-VALUE}).",
      defaultValue = "20")
  private int epochs;

  @Option(names = "--iterations", description = "Train for this many steps instead of --epochs.",
      defaultValue = "0")
  private int iterations;

  @Option(names = "--batch", description = "Mini-batch size (default: ${DEFAULT-VALUE}).", defaultValue = "100")
  private int batch;

  @Option(names = "--no-shuffle", description = "Visit the examples in file order every epoch.")
  private boolean noShuffle;

  @Option(names = "--eval-subset", paramLabel = "N", description = "Measure accuracies after each epoch on the "
      + "first N examples of each set only (default: all).", defaultValue = "0")
  private int evalSubset;

  @Option(names = "--early-stopping", paramLabel = "METRIC:PATIENCE", description = "Stop when loss, "
      + "train-accuracy or test-accuracy has not improved for PATIENCE epochs, e.g. test-accuracy:3.")
  private String earlyStopping;

  @Option(names = "--seed", description = "Seed of initial weights and shuffling (default: ${DEFAULT-VALUE}).",
      defaultValue = "42")
  private long seed;

  @Option(names = "--init", paramLabel = "RULE", description = "Weight initialiser of layers that name none: he, "
      + "xavier, or a std such as 0.01 (default: ${DEFAULT-VALUE}).", defaultValue = "0.01")
  private String init;

  @Option(names = "--dtype", paramLabel = "TYPE", description = "float32 or float64 (default: ${DEFAULT-VALUE}).",
      defaultValue = "float32", converter = DTypeConverter.class)
  private DType dtype;

  @Option(names = "--data", paramLabel = "DIR", description = "Directory of the four MNIST IDX files (plain or "
      + ".gz), e.g. full MNIST or Fashion-MNIST (default: the bundled sample).")
  private Path data;

  @Option(names = "--save", paramLabel = "FILE", description = "Save the trained model (network and optimizer "
      + "state) to FILE.")
  private Path save;

  @Option(names = "--history", paramLabel = "FILE", description = "Write each epoch's figures to FILE as CSV.")
  private Path history;

  @Option(names = "--checkpoint", paramLabel = "FILE", description = "Save a checkpoint to FILE every "
      + "--checkpoint-every epochs.")
  private Path checkpoint;

  @Option(names = "--checkpoint-every", paramLabel = "N", description = "Epochs between checkpoints "
      + "(default: ${DEFAULT-VALUE}).", defaultValue = "1")
  private int checkpointEvery;

  @Option(names = "--resume", paramLabel = "FILE", description = "Continue the run saved in checkpoint FILE, with "
      + "its network, optimizer and settings.")
  private Path resume;

  @Option(names = "--progress", negatable = true, description = "Show a progress bar with rate and ETA on the "
      + "terminal (default: on when run in a terminal).")
  private Boolean progress;

  /**
   * Compiles the matrix kernels on the core that loading leaves idle, so that the first training steps do not
   * run them uncompiled; started as soon as the type is known (a checkpoint names its own), closed when
   * training starts.
   */
  private KernelWarmUp warmUp;

  @Override
  public Integer call() throws Exception {
    try {
      return train();
    } finally {
      if (warmUp != null) {
        warmUp.close();
      }
    }
  }

  private int train() throws Exception {
    if (resume == null) {
      warmUp = KernelWarmUp.start(dtype);
    }
    PrintWriter out = spec.commandLine().getOut();
    Registry registry = providers.registry();
    Trainer trainer;
    LayerSpec optimizerSpec;
    int completed = 0;
    Mnist.Split split;
    if (resume != null) {
      Checkpointer.Resumed resumed = Checkpointer.resume(resume, registry);
      trainer = resumed.trainer();
      if (spec.commandLine().getParseResult().hasMatchedOption("--epochs")) {
        TrainerConfig c = trainer.config();
        trainer = new Trainer(trainer.network(), trainer.optimizer(), new TrainerConfig(epochs, c.iterations(),
            c.batchSize(), c.seed(), c.shuffle(), c.evalLimit(), c.earlyStopping()));
      }
      optimizerSpec = resumed.optimizerSpec();
      completed = resumed.completedEpochs();
      warmUp = KernelWarmUp.start(trainer.network().dtype());
      if (completed >= trainer.config().epochs() && trainer.config().iterations() == 0) {
        throw new IllegalArgumentException(resume + " already completed " + completed + " of "
            + trainer.config().epochs() + " epochs; give --epochs N with N > " + completed + " to train further");
      }
      split = DataOption.load(data, trainer.network().dtype());
      out.printf("nn4j train: resuming %s after epoch %d%n", resume, completed);
    } else {
      optimizerSpec = optimizerSpec();
      LayerSpec.parseAll(net);
      split = DataOption.load(data, dtype);
      trainer = newTrainer(registry, optimizerSpec, split.train().features().shape().withoutBatch().dims());
    }
    Network network = trainer.network();
    TrainerConfig c = trainer.config();
    out.printf("%s on the %s (%d training, %d test examples)%n", describe(network), DataOption.describe(data),
        split.train().size(), split.test().size());
    out.printf("loss %s, optimizer %s, %s, batch %d, seed %d, %s, %d parameters; ready %.2f s after launch%n",
        network.lossSpec(), optimizerSpec, c.iterations() > 0 ? c.iterations() + " iterations" : c.epochs() + " epochs",
        c.batchSize(), c.seed(), network.dtype(), network.params().stream().mapToLong(p -> p.value().size()).sum(),
        secondsSinceLaunch());
    out.flush();
    warmUp.close();
    TrainingResult result = trainer.train(split.train(), split.test(), completed,
        listeners(out, trainer, optimizerSpec).toArray(new TrainingListener[0]));
    if (result.stopReason() != null) {
      out.println(result.stopReason());
    }
    if (save != null) {
      SavedModel.save(save, network, trainer.optimizer(), optimizerSpec, Map.of());
      out.println("saved model to " + save);
    }
    if (!result.epochs().isEmpty()) {
      out.printf("test accuracy: %.4f%n", result.last().testAccuracy());
    }
    out.flush();
    return result.diverged() ? 1 : 0;
  }

  private Trainer newTrainer(Registry registry, LayerSpec optimizerSpec, int[] inputShape) {
    TrainerConfig config = new TrainerConfig(epochs, iterations, batch, seed, !noShuffle, evalSubset,
        earlyStopping == null ? null : parseEarlyStopping(earlyStopping));
    Injector injector = Guice.createInjector(new Nn4jModule(registry), new AbstractModule() {
      @Override
      protected void configure() {
        NetworkBinder bind = NetworkBinder.of(binder());
        bind.input(inputShape).dtype(dtype).seed(seed).init(init).weightDecay(weightDecay).layers(net);
        bind.loss(LayerSpec.parse(loss));
        bind.optimizer(optimizerSpec);
        bind.training(config);
      }
    });
    return injector.getInstance(Trainer.class);
  }

  /** The optimizer spec with {@code --lr} folded in (sgd gets the book's 0.1 when no rate is given). */
  private LayerSpec optimizerSpec() {
    LayerSpec s = LayerSpec.parse(optimizer);
    Double rate = lr != null ? lr : s.name().equals("sgd") && !s.args().has("lr") ? Double.valueOf(0.1) : null;
    if (rate == null) {
      return s;
    }
    if (s.args().has("lr") && lr != null) {
      throw new IllegalArgumentException("the learning rate is given twice: in --optimizer " + optimizer + " and as --lr");
    }
    Map<String, String> args = new java.util.LinkedHashMap<>(s.args().asMap());
    args.put("lr", Double.toString(rate));
    return new LayerSpec(s.name(), Args.of(s.name(), args));
  }

  private static EarlyStopping parseEarlyStopping(String text) {
    String[] parts = text.split(":");
    if (parts.length != 2) {
      throw new IllegalArgumentException("--early-stopping takes METRIC:PATIENCE, such as test-accuracy:3; got '"
          + text + "'");
    }
    try {
      return new EarlyStopping(EarlyStopping.Metric.parse(parts[0]), Integer.parseInt(parts[1].trim()), 0);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--early-stopping: patience must be a whole number, got '" + parts[1] + "'", e);
    }
  }

  private List<TrainingListener> listeners(PrintWriter out, Trainer trainer, LayerSpec optimizerSpec) {
    List<TrainingListener> list = new ArrayList<>();
    boolean bar = progress != null ? progress : System.console() != null;
    if (bar) {
      list.add(new ProgressListener());
    }
    int total = trainer.config().epochs();
    list.add(r -> {
      out.printf("epoch %3d/%d  loss %.4f  train acc %.4f  test acc %.4f  %.2f s%n", r.epoch(), total, r.loss(),
          r.trainAccuracy(), r.testAccuracy(), r.seconds());
      out.flush();
    });
    if (history != null) {
      list.add(new CsvHistory(history));
    }
    if (checkpoint != null) {
      list.add(new Checkpointer(checkpoint, checkpointEvery, trainer, optimizerSpec));
    }
    return list;
  }

  /** Seconds since the JVM started: what a user waits before the first training step. */
  private static double secondsSinceLaunch() {
    return (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1000.0;
  }

  private static String describe(Network network) {
    StringBuilder sb = new StringBuilder("nn4j train:");
    for (LayerSpec s : network.layerSpecs()) {
      sb.append(' ').append(s);
    }
    return sb.toString();
  }
}
