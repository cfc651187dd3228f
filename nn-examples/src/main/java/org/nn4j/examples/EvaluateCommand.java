package org.nn4j.examples;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nn4j.core.data.Mnist;
import org.nn4j.core.eval.Evaluation;
import org.nn4j.core.io.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nn4j evaluate}: a saved model's accuracy on a test set, with its confusion matrix. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Evaluate a saved model on the test set: accuracy, per-class precision and recall, confusion matrix.")
final class EvaluateCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Mixin
  private ProviderOptions providers;

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model saved by nn4j train --save.")
  private Path model;

  @Option(names = "--data", paramLabel = "DIR", description = "Directory of the four MNIST IDX files "
      + "(default: the bundled sample).")
  private Path data;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    SavedModel saved = SavedModel.load(model, providers.registry());
    Mnist.Split split = DataOption.load(data, saved.network().dtype());
    out.printf("model %s: %s%n", model, saved.metadata().get("layers"));
    out.printf("test set: %s (%d examples)%n", DataOption.describe(data), split.test().size());
    out.print(Evaluation.of(saved.network(), split.test()).table());
    out.flush();
    return 0;
  }
}
