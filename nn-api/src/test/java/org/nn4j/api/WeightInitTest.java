package org.nn4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class WeightInitTest {
  @Test
  void parsesEveryForm() {
    assertEquals(new WeightInit(WeightInit.Kind.HE, 0), WeightInit.parse("he"));
    assertEquals(new WeightInit(WeightInit.Kind.XAVIER, 0), WeightInit.parse("Xavier"));
    assertEquals(new WeightInit(WeightInit.Kind.NORMAL, 0.01), WeightInit.parse("0.01"));
    assertEquals(new WeightInit(WeightInit.Kind.NORMAL, 0.5), WeightInit.parse("std=0.5"));
    assertEquals(new WeightInit(WeightInit.Kind.NORMAL, 0.5), WeightInit.parse("normal:0.5"));
    assertEquals(WeightInit.DEFAULT, WeightInit.parse(WeightInit.DEFAULT.toString()));
  }

  @Test
  void rejectsUnknownRules() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> WeightInit.parse("glorot"));
    assertEquals("unknown weight initialiser 'glorot'; accepted: he, xavier, or a standard deviation such as 0.01",
        e.getMessage());
    assertThrows(ConfigurationException.class, () -> WeightInit.parse("-1"));
  }

  @Test
  void standardDeviationsOfTheBook() {
    assertEquals(Math.sqrt(2.0 / 100), WeightInit.parse("he").stdFor(100));
    assertEquals(0.1, WeightInit.parse("xavier").stdFor(100));
    assertEquals(0.01, WeightInit.parse("0.01").stdFor(100));
  }

  @Test
  void fillDrawsScaledGaussiansInOrder() {
    Tensor w = Tensor.zeros(DType.FLOAT64, 2, 3);
    WeightInit.parse("he").fill(w, 8, new Random(1));
    Random same = new Random(1);
    for (int i = 0; i < 6; i++) {
      assertEquals(0.5 * same.nextGaussian(), w.getFlat(i));
    }
  }
}
