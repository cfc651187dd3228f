package org.nn4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Args;
import org.nn4j.api.Argument;
import org.nn4j.api.ConfigurationException;
import org.nn4j.api.NamedProvider;
import org.nn4j.api.OptimizerProvider;

/** Provider names, defaults, arguments and validation messages. */
class OptimizerProvidersTest {
  private static String message(Runnable r) {
    return assertThrows(ConfigurationException.class, r::run).getMessage();
  }

  @Test
  void allAreRegisteredAsServices() {
    List<String> names = ServiceLoader.load(OptimizerProvider.class).stream()
        .map(p -> p.get().name()).collect(Collectors.toList());
    assertTrue(names.containsAll(List.of("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam")), names.toString());
    for (String n : names) {
      assertTrue(NamedProvider.NAME_PATTERN.matcher(n).matches(), n);
    }
  }

  @Test
  void defaultsAreTheBooks() {
    Momentum m = (Momentum) new Momentum.Provider().create(Args.none("momentum"));
    assertEquals(0.01, m.learningRate());
    assertEquals(0.9, m.momentum());
    Nesterov n = (Nesterov) new Nesterov.Provider().create(Args.none("nesterov"));
    assertEquals(0.01, n.learningRate());
    assertEquals(0.9, n.momentum());
    assertEquals(0.01, ((AdaGrad) new AdaGrad.Provider().create(Args.none("adagrad"))).learningRate());
    RmsProp r = (RmsProp) new RmsProp.Provider().create(Args.none("rmsprop"));
    assertEquals(0.01, r.learningRate());
    assertEquals(0.99, r.decay());
    Adam a = (Adam) new Adam.Provider().create(Args.none("adam"));
    assertEquals(0.001, a.learningRate());
    assertEquals(0.9, a.beta1());
    assertEquals(0.999, a.beta2());
    assertEquals(0, a.steps(new org.nn4j.api.Param("w", org.nn4j.api.Tensor.of(1.0))));
  }

  @Test
  void argumentsAreReadAndDescribed() {
    Adam a = (Adam) new Adam.Provider().create(Args.of("adam", "lr", "0.3", "beta1", "0.5", "beta2", "0"));
    assertEquals(0.3, a.learningRate());
    assertEquals(0.5, a.beta1());
    assertEquals(0.0, a.beta2());
    assertEquals(0.5, ((RmsProp) new RmsProp.Provider().create(Args.of("rmsprop", "decay", "0.5"))).decay());
    assertEquals(0.0, ((Momentum) new Momentum.Provider().create(Args.of("momentum", "momentum", "0"))).momentum());
    assertEquals("lr, beta1, beta2", names(new Adam.Provider()));
    assertEquals("lr, momentum", names(new Momentum.Provider()));
    assertEquals("lr, momentum", names(new Nesterov.Provider()));
    assertEquals("lr", names(new AdaGrad.Provider()));
    assertEquals("lr, decay", names(new RmsProp.Provider()));
  }

  private static String names(NamedProvider p) {
    return p.arguments().stream().map(Argument::name).collect(Collectors.joining(", "));
  }

  @Test
  void badArgumentsAreRejectedNamingOptimizerAndArgument() {
    assertEquals("momentum: argument 'lr' must be a positive number, got 0.0", message(() -> new Momentum(0, 0.9)));
    assertEquals("momentum: argument 'momentum' must be in [0, 1), got 1.0", message(() -> new Momentum(0.1, 1)));
    assertEquals("nesterov: argument 'momentum' must be in [0, 1), got -0.1", message(() -> new Nesterov(0.1, -0.1)));
    assertEquals("nesterov: argument 'lr' must be a positive number, got Infinity",
        message(() -> new Nesterov(Double.POSITIVE_INFINITY, 0.9)));
    assertEquals("adagrad: argument 'lr' must be a positive number, got -1.0", message(() -> new AdaGrad(-1)));
    assertEquals("rmsprop: argument 'decay' must be in (0, 1), got 0.0", message(() -> new RmsProp(0.1, 0)));
    assertEquals("rmsprop: argument 'decay' must be in (0, 1), got 1.0", message(() -> new RmsProp(0.1, 1)));
    assertEquals("adam: argument 'beta1' must be in [0, 1), got 1.0", message(() -> new Adam(0.1, 1, 0.999)));
    assertEquals("adam: argument 'beta2' must be in [0, 1), got 1.5", message(() -> new Adam(0.1, 0.9, 1.5)));
    assertEquals("adam: argument 'lr' must be a positive number, got 0.0",
        message(() -> new Adam.Provider().create(Args.of("adam", "lr", "0"))));
    assertEquals("adam: argument 'beta1' must be a number, got 'x'",
        message(() -> new Adam.Provider().create(Args.of("adam", "beta1", "x"))));
  }
}
