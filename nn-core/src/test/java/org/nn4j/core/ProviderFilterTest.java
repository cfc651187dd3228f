package org.nn4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Args;
import org.nn4j.api.ConfigurationException;
import org.nn4j.core.guice.Nn4jModule;

/** Allowing and denying providers by name, in a registry and through Guice. */
class ProviderFilterTest {
  private static final Registry REGISTRY = Registry.load();

  @Test
  void parsesCommaSeparatedNames() {
    ProviderFilter f = ProviderFilter.parse(" affine, relu ,", null);
    assertEquals(Set.of("affine", "relu"), f.allow());
    assertEquals(Set.of(), f.deny());
    assertTrue(ProviderFilter.parse("", " ").keepsAll());
  }

  @Test
  void keepingEverythingIsTheSameRegistry() {
    assertSame(REGISTRY, REGISTRY.filtered(ProviderFilter.ALL));
  }

  @Test
  void denyDropsNamesOfEveryKind() {
    Registry r = REGISTRY.filtered(ProviderFilter.parse(null, "dropout,adam"));
    assertTrue(!r.layers().names().contains("dropout") && r.layers().names().contains("relu"));
    assertTrue(!r.optimizers().names().contains("adam") && r.optimizers().names().contains("sgd"));
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> r.layer("dropout", Args.none("dropout")));
    assertTrue(e.getMessage().startsWith("unknown layer 'dropout'"), e.getMessage());
    assertEquals(REGISTRY.layers().origin("relu"), r.layers().origin("relu"), "origins are kept");
  }

  @Test
  void allowKeepsOnlyTheNamedAndDenyWins() {
    Registry r = REGISTRY.filtered(ProviderFilter.parse("affine,relu,mse,sgd", "relu"));
    assertEquals(List.of("affine"), r.layers().names());
    assertEquals(List.of("mse"), r.losses().names());
    assertEquals(List.of("sgd"), r.optimizers().names());
  }

  @Test
  void allowingAnUnknownNameIsAnErrorListingWhatExists() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> REGISTRY.filtered(ProviderFilter.parse("affine,swish", null)));
    assertTrue(e.getMessage().startsWith("allowed provider swish not found; available: adagrad, adam, affine, "),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("its jar may be missing from the class path."), e.getMessage());
  }

  @Test
  void guiceBindsOnlyWhatTheFilterKeeps() {
    Registry bound = Guice.createInjector(new Nn4jModule(ProviderFilter.parse(null, "tanh")))
        .getInstance(Registry.class);
    assertTrue(!bound.layers().names().contains("tanh") && bound.layers().names().contains("affine"),
        bound.layers().names()::toString);
  }

  @Test
  void guiceRejectsAnAllowListNamingNoProvider() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> new Nn4jModule(ProviderFilter.parse("swish", null)));
    assertTrue(e.getMessage().startsWith("allowed provider swish not found"), e.getMessage());
  }
}
