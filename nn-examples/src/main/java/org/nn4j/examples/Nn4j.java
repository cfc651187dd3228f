package org.nn4j.examples;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nn4j} command line: {@code nn4j train} trains a network on MNIST-style data (the bundled
 * sample unless {@code --data} names a directory), {@code nn4j evaluate} and {@code nn4j predict} use a saved
 * model, {@code nn4j demo} runs the book's chapter 4 and 5 demonstrations, and {@code nn4j plugins} lists
 * every layer, loss and optimizer found with the jar it came from. Errors end the program with one line and
 * a non-zero status.
 */
@Command(name = "nn4j", mixinStandardHelpOptions = true, version = "nn4j 0.1.0",
    description = "A neural-network framework for Java built from first principles.",
    subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, DemoCommand.class,
        PluginsCommand.class, CommandLine.HelpCommand.class})
public final class Nn4j {
  private Nn4j() {
  }

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit status: 0 done, 1 failed, 2 bad usage. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** Runs the command line writing to {@code out} and {@code err}, and returns its exit status. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = commandLine();
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(args);
  }

  private static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Nn4j());
    cli.setExecutionExceptionHandler(new CliErrors());
    return cli;
  }
}
