package org.nn4j.examples.demo;

import java.nio.file.Path;
import org.nn4j.api.DType;

/**
 * The few settings a demo may take from the command line.
 *
 * @param dot where {@code apple} and {@code apple-orange} also write their graph as Graphviz DOT, or {@code null}
 * @param seed the seed of the initial weights of {@code gradient-check}
 * @param dtype the element type {@code gradient-check} is asked to run in (it refuses anything but float64)
 * @param csv where {@code optimizers} also writes each optimizer's path as CSV, or {@code null}
 */
public record DemoOptions(Path dot, long seed, DType dtype, Path csv) {
  /** Options without a CSV file. */
  public DemoOptions(Path dot, long seed, DType dtype) {
    this(dot, seed, dtype, null);
  }

  /** The defaults: no DOT or CSV file, seed 42, float64. */
  public static DemoOptions defaults() {
    return new DemoOptions(null, 42, DType.FLOAT64, null);
  }
}
