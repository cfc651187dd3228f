package org.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.api.DType;
import org.nn4j.api.Tensor;
import org.nn4j.core.Network;
import org.nn4j.core.Registry;
import org.nn4j.core.data.Dataset;
import org.nn4j.core.data.Mnist;
import org.nn4j.core.io.SavedModel;

/**
 * {@code train --save/--history/--checkpoint/--resume}, {@code evaluate} and {@code predict} on the bundled
 * sample, and their one-line errors. One short training run in {@link #trainOnce} feeds most of the tests.
 */
class ModelCommandsTest {
  @TempDir
  static Path dir;

  private static Path model;
  private static Path history;
  private static Path checkpoint;
  private static CliRun trained;
  private static Dataset test;

  @BeforeAll
  static void trainOnce() throws IOException {
    model = dir.resolve("m.nn4j");
    history = dir.resolve("h.csv");
    checkpoint = dir.resolve("c.nn4j");
    trained = CliRun.of("train", "--epochs", "1", "--no-progress", "--save", model.toString(), "--history",
        history.toString(), "--checkpoint", checkpoint.toString());
    test = Mnist.loadResource(ModelCommandsTest.class.getClassLoader(), "mnist-sample", DType.FLOAT32).test();
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    return lines[lines.length - 1];
  }

  /** Asserts a failed run: status 1, one line on standard error starting {@code nn4j: }; returns the line. */
  private static String oneLineError(CliRun run) {
    assertEquals(1, run.status(), run.out() + run.err());
    String err = run.err().strip();
    assertTrue(err.startsWith("nn4j: "), err);
    assertFalse(err.contains("\n"), "one line: " + err);
    assertFalse(err.contains("Exception"), err);
    return err;
  }

  @Test
  void trainWritesTheModelTheHistoryAndTheCheckpoint() throws IOException {
    assertEquals(0, trained.status(), trained.err());
    assertEquals("", trained.err());
    assertTrue(Files.isRegularFile(model));
    assertTrue(Files.isRegularFile(checkpoint));
    List<String> csv = Files.readAllLines(history);
    assertEquals(2, csv.size(), csv.toString());
    assertEquals("epoch,loss,train_accuracy,test_accuracy,seconds", csv.get(0));
    assertTrue(csv.get(1).startsWith("1,"), csv.get(1));
    assertTrue(trained.out().contains("saved model to " + model + "\n"), trained.out());
    Matcher m = Pattern.compile("test accuracy: (0\\.\\d{4})").matcher(lastLine(trained.out()));
    assertTrue(m.matches(), trained.out());
    String testAccuracyInCsv = csv.get(1).split(",")[3];
    assertEquals(m.group(1), testAccuracyInCsv, "the history holds the run's figures");
    SavedModel saved = SavedModel.load(model, Registry.load());
    assertEquals("affine(out=50) relu affine(out=10)", saved.metadata().get("layers"));
    assertEquals("sgd(lr=0.1)", saved.metadata().get("optimizer"));
  }

  @Test
  void evaluatePrintsTheTrainRunsTestAccuracyAndATenClassMatrix() {
    CliRun run = CliRun.of("evaluate", "--model", model.toString());
    assertEquals(0, run.status(), run.err());
    String accuracy = lastLine(trained.out()).substring("test accuracy: ".length());
    Matcher m = Pattern.compile("(?m)^accuracy: (0\\.\\d{4}) \\((\\d+) of 2000\\)$").matcher(run.out());
    assertTrue(m.find(), run.out());
    assertEquals(accuracy, m.group(1));
    assertEquals(Integer.parseInt(m.group(2)) / 2000.0, Double.parseDouble(accuracy), 5e-5);
    assertTrue(run.out().contains("           0     1     2     3     4     5     6     7     8     9   recall\n"),
        run.out());
    assertTrue(run.out().startsWith("model " + model + ": affine(out=50) relu affine(out=10)\n"
        + "test set: bundled MNIST sample (2000 examples)\n"), run.out());
    assertEquals(1 + 1 + 1 + 1 + 10 + 1 + 1, run.out().strip().split("\n").length, run.out());
  }

  private static BufferedImage image(int row, int scale, boolean invert) {
    BufferedImage img = new BufferedImage(28 * scale, 28 * scale, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 28 * scale; y++) {
      for (int x = 0; x < 28 * scale; x++) {
        int v = (int) Math.round(test.features().get(row, (y / scale) * 28 + x / scale) * 255);
        img.getRaster().setSample(x, y, 0, invert ? 255 - v : v);
      }
    }
    return img;
  }

  private static Path png(String name, BufferedImage img) throws IOException {
    Path file = dir.resolve(name);
    assertTrue(ImageIO.write(img, "png", file.toFile()));
    return file;
  }

  private static int predictedClass(CliRun run, Path image) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(image.toString()) + ": (\\d)  \\(p=(\\d\\.\\d{3})\\)  "
        + "probabilities( \\d:\\d\\.\\d{3}){10}$").matcher(run.out());
    assertTrue(m.find(), run.out());
    return Integer.parseInt(m.group(1));
  }

  @Test
  void predictGivesTheClassTheNetworkGivesTheSameImage() throws IOException {
    Network net = SavedModel.load(model, Registry.load()).network();
    int[] rows = {0, 1, 2, 3, 4, 5};
    Path[] files = new Path[rows.length];
    String[] args = new String[3 + rows.length];
    args[0] = "predict";
    args[1] = "--model";
    args[2] = model.toString();
    for (int i = 0; i < rows.length; i++) {
      files[i] = png("digit" + rows[i] + ".png", image(rows[i], 1, false));
      args[3 + i] = files[i].toString();
    }
    CliRun run = CliRun.of(args);
    assertEquals(0, run.status(), run.err());
    assertFalse(run.out().contains("note:"), run.out());
    for (int i = 0; i < rows.length; i++) {
      Tensor x = test.features().sliceRows(rows[i], rows[i] + 1);
      assertEquals(net.predict(x)[0], predictedClass(run, files[i]), "image of test row " + rows[i]);
    }
  }

  @Test
  void aLargerImageIsScaledWithANote() throws IOException {
    Path big = png("big.png", image(0, 2, false));
    CliRun run = CliRun.of("predict", "--model", model.toString(), big.toString());
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().startsWith("note: " + big + " is 56×56; scaled to 28×28\n"), run.out());
    predictedClass(run, big);
  }

  @Test
  void aLightBackgroundIsInvertedWithANote() throws IOException {
    Path light = png("light.png", image(3, 1, true));
    CliRun run = CliRun.of("predict", "--model", model.toString(), light.toString());
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().startsWith("note: " + light + " has a light background; inverted to white on black as "
        + "MNIST is\n"), run.out());
    Network net = SavedModel.load(model, Registry.load()).network();
    assertEquals(net.predict(test.features().sliceRows(3, 4))[0], predictedClass(run, light),
        "inverting back gives the original digit");
  }

  @Test
  void resumingTheCheckpointEndsLikeAnUninterruptedRun() {
    CliRun straight = CliRun.of("train", "--epochs", "2", "--no-progress");
    CliRun resumed = CliRun.of("train", "--resume", checkpoint.toString(), "--epochs", "2", "--no-progress");
    assertEquals(0, straight.status(), straight.err());
    assertEquals(0, resumed.status(), resumed.err());
    assertTrue(resumed.out().startsWith("nn4j train: resuming " + checkpoint + " after epoch 1\n"), resumed.out());
    assertTrue(lastLine(straight.out()).startsWith("test accuracy: "), straight.out());
    assertEquals(lastLine(straight.out()), lastLine(resumed.out()));
    assertFalse(resumed.out().contains("epoch   1/2"), "epoch 1 is not trained again");
    String epoch2 = "(?m)^(epoch   2/2  loss \\S+  train acc \\S+  test acc \\S+)  \\S+ s$";
    Matcher a = Pattern.compile(epoch2).matcher(straight.out());
    Matcher b = Pattern.compile(epoch2).matcher(resumed.out());
    assertTrue(a.find() && b.find(), straight.out() + resumed.out());
    assertEquals(a.group(1), b.group(1));
  }

  @Test
  void evaluateWithoutAModelFileIsOneLine() {
    Path missing = dir.resolve("absent.nn4j");
    assertEquals("nn4j: no such file: " + missing, oneLineError(CliRun.of("evaluate", "--model", missing.toString())));
  }

  @Test
  void evaluateOnATruncatedModelNamesTheFile() throws IOException {
    byte[] bytes = Files.readAllBytes(model);
    Path cut = dir.resolve("cut.nn4j");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
    String err = oneLineError(CliRun.of("evaluate", "--model", cut.toString()));
    assertTrue(err.startsWith("nn4j: " + cut + ": "), err);
  }

  @Test
  void predictOnAMissingImageIsOneLine() {
    Path missing = dir.resolve("nothing.png");
    assertEquals("nn4j: no such file: " + missing + " (image not found)",
        oneLineError(CliRun.of("predict", "--model", model.toString(), missing.toString())));
  }

  @Test
  void resumingACompletedCheckpointIsOneLine() {
    assertEquals("nn4j: " + checkpoint + " already completed 1 of 1 epochs; give --epochs N with N > 1 to train "
        + "further", oneLineError(CliRun.of("train", "--resume", checkpoint.toString(), "--no-progress")));
  }

  @Test
  void resumingASavedModelThatIsNoCheckpointIsOneLine() throws IOException {
    Path plain = dir.resolve("plain.nn4j");
    SavedModel.save(plain, SavedModel.load(model, Registry.load()).network(), null, null, java.util.Map.of());
    String err = oneLineError(CliRun.of("train", "--resume", plain.toString(), "--epochs", "2"));
    assertTrue(err.startsWith("nn4j: " + plain + ": not a checkpoint"), err);
  }

  @Test
  void badEarlyStoppingIsOneLine() {
    assertEquals("nn4j: --early-stopping takes METRIC:PATIENCE, such as test-accuracy:3; got 'test-accuracy'",
        oneLineError(CliRun.of("train", "--epochs", "1", "--early-stopping", "test-accuracy")));
    assertEquals("nn4j: unknown metric 'accuracy'; accepted: loss, train-accuracy, test-accuracy",
        oneLineError(CliRun.of("train", "--epochs", "1", "--early-stopping", "accuracy:3")));
    assertEquals("nn4j: --early-stopping: patience must be a whole number, got 'three'",
        oneLineError(CliRun.of("train", "--epochs", "1", "--early-stopping", "loss:three")));
    assertEquals("nn4j: early stopping: patience must be at least 1, got 0",
        oneLineError(CliRun.of("train", "--epochs", "1", "--early-stopping", "loss:0")));
  }

  @Test
  void aLearningRateGivenTwiceIsOneLine() {
    assertEquals("nn4j: the learning rate is given twice: in --optimizer sgd(lr=0.1) and as --lr",
        oneLineError(CliRun.of("train", "--epochs", "1", "--optimizer", "sgd(lr=0.1)", "--lr", "0.2")));
  }
}
