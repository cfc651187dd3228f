package org.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PluginsCommandTest {
  @Test
  void listsEveryProviderWithItsArgumentsAndOrigin() {
    CliRun run = CliRun.of("plugins");
    assertEquals(0, run.status(), run.err());
    String out = run.out();
    for (String name : new String[] {"affine", "relu", "sigmoid", "mse", "cross-entropy", "softmax-cross-entropy",
        "sgd"}) {
      assertTrue(out.contains("  " + name + " "), name + " missing from:\n" + out);
    }
    assertTrue(out.contains("out (required): number of outputs"), out);
    assertTrue(out.contains("lr=0.01: learning rate"), out);
    assertTrue(out.matches("(?s).*affine .*\\[(nn-layers[^]]*\\.jar|classes)].*"), out);
    assertTrue(out.indexOf("Layers:") < out.indexOf("Losses:") && out.indexOf("Losses:") < out.indexOf("Optimizers:"));
  }
}
