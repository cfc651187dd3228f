package org.nn4j.examples;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.nn4j.api.DType;
import org.nn4j.core.LayerSpec;
import org.nn4j.core.Network;
import org.nn4j.core.data.Mnist;
import org.nn4j.core.guice.NetworkBinder;
import org.nn4j.core.guice.Nn4jModule;
import org.nn4j.core.train.EpochResult;
import org.nn4j.core.train.Trainer;
import org.nn4j.core.train.TrainerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code nn4j train}: trains a network on MNIST-style data and prints each epoch's loss, accuracies and
 * time, ending with {@code test accuracy: 0.XXXX}. The defaults are the book's two-layer network (§5.7.4).
 * The options become Guice bindings through {@link NetworkBinder}, the one way a network comes to be.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a network on MNIST-style data (the bundled sample by default).")
final class TrainCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Option(names = "--net", paramLabel = "SPEC", description = "Layers, e.g. \"affine(out=100, init=he) relu "
      + "affine(out=10)\" (default: ${DEFAULT-VALUE}).", defaultValue = "affine(out=50) relu affine(out=10)")
  private String net;

  @Option(names = "--loss", paramLabel = "NAME", description = "Loss (default: ${DEFAULT-VALUE}).",
      defaultValue = "softmax-cross-entropy")
  private String loss;

  @Option(names = "--optimizer", paramLabel = "NAME", description = "Optimizer (default: ${DEFAULT-VALUE}).",
      defaultValue = "sgd")
  private String optimizer;

  @Option(names = "--lr", description = "Learning rate (default: ${DEFAULT-VALUE}).", defaultValue = "0.1")
  private double lr;

  @Option(names = "--epochs", description = "Passes over the training set (default: ${DEFAULT-VALUE}).",
      defaultValue = "20")
  private int epochs;

  @Option(names = "--batch", description = "Mini-batch size (default: ${DEFAULT-VALUE}).", defaultValue = "100")
  private int batch;

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

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    TrainerConfig config = new TrainerConfig(epochs, batch, seed, true);
    LayerSpec.parseAll(net);
    Mnist.Split split = DataOption.load(data, dtype);
    int[] inputShape = split.train().features().shape().withoutBatch().dims();
    Injector injector = Guice.createInjector(new Nn4jModule(), new AbstractModule() {
      @Override
      protected void configure() {
        NetworkBinder bind = NetworkBinder.of(binder());
        bind.input(inputShape).dtype(dtype).seed(seed).init(init).layers(net);
        bind.loss(loss);
        bind.optimizer(optimizer, "lr", Double.toString(lr));
        bind.training(config);
      }
    });
    Trainer trainer = injector.getInstance(Trainer.class);
    Network network = trainer.network();
    out.printf("nn4j train: %s on the %s (%d training, %d test examples)%n", net, DataOption.describe(data),
        split.train().size(), split.test().size());
    out.printf("loss %s, optimizer %s(lr=%s), %d epochs, batch %d, seed %d, init %s, %s, %d parameters%n", loss,
        optimizer, lr, epochs, batch, seed, init, dtype,
        network.params().stream().mapToLong(p -> p.value().size()).sum());
    out.flush();
    List<EpochResult> results = trainer.fit(split.train(), split.test(), r -> {
      out.printf("epoch %3d/%d  loss %.4f  train acc %.4f  test acc %.4f  %.2f s%n", r.epoch(), epochs, r.loss(),
          r.trainAccuracy(), r.testAccuracy(), r.seconds());
      out.flush();
    });
    out.printf("test accuracy: %.4f%n", results.get(results.size() - 1).testAccuracy());
    out.flush();
    return 0;
  }
}
