package org.nn4j.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Param;
import org.nn4j.api.Tensor;
import org.nn4j.core.Network;
import org.nn4j.core.data.Dataset;

/**
 * The gradient check's kink handling, on a narrow network (784-5-10) so that it runs in a moment: a hidden
 * pre-activation placed within h of 0 is found, named, and left out of the bound.
 */
class GradientCheckDemoTest {
  @Test
  void bookNames() {
    assertEquals("W1", GradientCheckDemo.bookName("affine#1.W"));
    assertEquals("b2", GradientCheckDemo.bookName("affine#2.b"));
  }

  @Test
  void noKinkNoExclusion() {
    Dataset data = Demos.trainingSample(3);
    GradientCheckDemo.Report report = GradientCheckDemo.check(GradientCheckDemo.network(42, 5), data.features(),
        Demos.labels(data));
    assertTrue(report.kinks().isEmpty(), report.toString());
    assertEquals(List.of("W1", "b1", "W2", "b2"), report.differences().stream().map(d -> d.name()).toList());
    for (GradientCheckDemo.Difference d : report.differences()) {
      assertEquals(0, d.excluded());
      assertEquals(d.all(), d.withoutKinks());
      assertTrue(d.all() < 1e-6, d.toString());
    }
    assertTrue(report.passed());
  }

  @Test
  void aPreActivationNearZeroIsReportedAndLeftOut() {
    Dataset data = Demos.trainingSample(3);
    Tensor x = data.features();
    Network net = GradientCheckDemo.network(42, 5);
    int unit = 3;
    Tensor pre = net.layers().get(0).forward(x, true);
    Param b1 = net.namedParams().get("affine#1.b");
    // Move unit 3's bias so that sample 0's pre-activation sits at 5e-5: inside ±h, as the issue describes.
    b1.value().setFlat(unit, b1.value().getFlat(unit) - pre.get(0, unit) + 5e-5);
    GradientCheckDemo.Report report = GradientCheckDemo.check(net, x, Demos.labels(data));
    assertEquals(1, report.kinks().size(), report.toString());
    assertEquals(0, report.kinks().get(0).sample());
    assertEquals(unit, report.kinks().get(0).unit());
    assertEquals(5e-5, report.kinks().get(0).preActivation(), 1e-15);
    GradientCheckDemo.Difference w1 = report.differences().get(0);
    GradientCheckDemo.Difference bias = report.differences().get(1);
    assertEquals(784, w1.excluded());
    assertEquals(1, bias.excluded());
    assertTrue(bias.all() > 1e-6, "the straddled central difference is off: " + bias);
    assertTrue(bias.withoutKinks() < 1e-6, bias.toString());
    assertTrue(report.passed(), report.toString());
  }
}
