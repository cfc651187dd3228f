package org.nn4j.examples;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.nn4j.core.train.EpochResult;
import org.nn4j.core.train.TrainingListener;
import org.nn4j.core.train.TrainingResult;

/**
 * A console progress bar over all training steps, with the step rate, the ETA and the latest loss, drawn on
 * standard error so that standard output keeps only the epoch lines.
 */
final class ProgressListener implements TrainingListener {
  private ProgressBar bar;

  @Override
  public void onStart(int totalIterations, int iterationsPerEpoch) {
    bar = new ProgressBarBuilder().setTaskName("training").setInitialMax(totalIterations)
        .setStyle(ProgressBarStyle.ASCII).setUnit(" steps", 1).showSpeed()
        .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
  }

  @Override
  public void onIteration(int epoch, int iteration, double loss) {
    bar.stepTo(iteration);
    bar.setExtraMessage(String.format(" epoch %d, loss %.4f", epoch, loss));
  }

  @Override
  public void onEpochEnd(EpochResult result) {
    bar.refresh();
  }

  @Override
  public void onEnd(TrainingResult result) {
    bar.close();
  }
}
