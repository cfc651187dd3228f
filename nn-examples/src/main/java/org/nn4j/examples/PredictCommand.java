package org.nn4j.examples;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.nn4j.api.Shape;
import org.nn4j.api.Tensor;
import org.nn4j.core.Network;
import org.nn4j.core.io.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nn4j predict}: the class a saved model gives each image, with the softmax probabilities. Images
 * are read as grayscale; one of another size is scaled to the model's 28 × 28 with a note, and one with a
 * light background (dark digit on white paper) is inverted to MNIST's white-on-black with a note.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Classify 28x28 grayscale images (PNG, JPEG, …) with a saved model.")
final class PredictCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Mixin
  private ProviderOptions providers;

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model saved by nn4j train --save.")
  private Path model;

  @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image files.")
  private List<Path> images;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Network network = SavedModel.load(model, providers.registry()).network();
    Shape input = network.inputShape();
    int side = (int) Math.round(Math.sqrt(input.size()));
    if (side * side != input.size()) {
      throw new IllegalArgumentException(model + ": the model takes inputs of shape " + input
          + ", not square grayscale images");
    }
    for (Path image : images) {
      double[] pixels = read(image, side, out);
      Tensor x = Tensor.zeros(network.dtype(), input.withBatch(1));
      for (int i = 0; i < pixels.length; i++) {
        x.setFlat(i, pixels[i]);
      }
      Tensor p = network.forward(x, false).reshape(1, -1).softmaxRows();
      int best = p.argmaxRows()[0];
      StringBuilder probs = new StringBuilder();
      for (int c = 0; c < p.size(); c++) {
        probs.append(String.format(" %d:%.3f", c, p.getFlat(c)));
      }
      out.printf("%s: %d  (p=%.3f)  probabilities%s%n", image, best, p.getFlat(best), probs);
    }
    out.flush();
    return 0;
  }

  /** The image as {@code side × side} values in [0, 1], white digit on black, row by row. */
  private static double[] read(Path file, int side, PrintWriter out) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "image not found");
    }
    BufferedImage src = ImageIO.read(file.toFile());
    if (src == null) {
      throw new IOException(file + ": not an image format this Java can read (use PNG, JPEG, GIF or BMP)");
    }
    BufferedImage gray = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
    if (src.getWidth() != side || src.getHeight() != side) {
      out.printf("note: %s is %d×%d; scaled to %d×%d%n", file, src.getWidth(), src.getHeight(), side, side);
    }
    Graphics2D g = gray.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(src, 0, 0, side, side, null);
    g.dispose();
    double[] pixels = new double[side * side];
    double mean = 0;
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        pixels[y * side + x] = gray.getRaster().getSample(x, y, 0) / 255.0;
        mean += pixels[y * side + x];
      }
    }
    if (mean / pixels.length > 0.5) {
      out.printf("note: %s has a light background; inverted to white on black as MNIST is%n", file);
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = 1 - pixels[i];
      }
    }
    return pixels;
  }
}
