package org.nn4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArgsTest {
  private static final List<Argument> AFFINE = List.of(
      Argument.required("out", "number of outputs"),
      Argument.optional("init", "network default", "initialiser"),
      Argument.optional("bias", "true", "bias"));

  @Test
  void unknownArgumentNamesTheAcceptedOnes() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> Args.of("affine", "ot", "50").requireOnly(AFFINE));
    assertEquals("affine: unknown argument 'ot'; accepted: out, init, bias", e.getMessage());
  }

  @Test
  void missingRequiredArgument() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> Args.of("affine", "bias", "false").requireOnly(AFFINE));
    assertEquals("affine: missing argument 'out' (number of outputs)", e.getMessage());
  }

  @Test
  void noArgumentsAccepted() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> Args.of("relu", "alpha", "0.1").requireOnly(List.of()));
    assertEquals("relu: unknown argument 'alpha'; accepted: none", e.getMessage());
  }

  @Test
  void typedAccessors() {
    Args args = Args.of("affine", "out", "50", "bias", "false", "std", "0.01");
    assertEquals(50, args.getInt("out"));
    assertEquals(7, args.getInt("missing", 7));
    assertFalse(args.getBoolean("bias", true));
    assertTrue(args.getBoolean("absent", true));
    assertEquals(0.01, args.getDouble("std"));
    assertEquals("out=50, bias=false, std=0.01", args.toString());
  }

  @Test
  void badValuesNameTheProviderAndArgument() {
    Args args = Args.of("affine", "out", "fifty", "bias", "yes", "lr", "NaN");
    assertEquals("affine: argument 'out' must be a whole number, got 'fifty'",
        assertThrows(ConfigurationException.class, () -> args.getInt("out")).getMessage());
    assertEquals("affine: argument 'bias' must be true or false, got 'yes'",
        assertThrows(ConfigurationException.class, () -> args.getBoolean("bias", true)).getMessage());
    assertEquals("affine: argument 'lr' must be a number, got 'NaN'",
        assertThrows(ConfigurationException.class, () -> args.getDouble("lr")).getMessage());
    assertEquals("affine: missing argument 'init'",
        assertThrows(ConfigurationException.class, () -> args.getString("init")).getMessage());
  }

  @Test
  void keysMustPairAndBeUnique() {
    assertThrows(ConfigurationException.class, () -> Args.of("affine", "out"));
    assertThrows(ConfigurationException.class, () -> Args.of("affine", "out", "1", "out", "2"));
  }

  @Test
  void isImmutable() {
    Args args = Args.of("affine", "out", "1");
    assertThrows(UnsupportedOperationException.class, () -> args.asMap().put("x", "y"));
    assertEquals(Args.of("affine", "out", "1"), args);
  }
}
