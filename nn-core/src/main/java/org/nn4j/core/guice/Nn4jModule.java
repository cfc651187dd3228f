package org.nn4j.core.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.OptionalBinder;
import java.util.Map;
import org.nn4j.api.ConfigurationException;
import org.nn4j.api.LayerProvider;
import org.nn4j.api.LossProvider;
import org.nn4j.api.Optimizer;
import org.nn4j.api.OptimizerProvider;
import org.nn4j.core.Network;
import org.nn4j.core.ProviderFilter;
import org.nn4j.core.Registry;
import org.nn4j.core.train.TrainerConfig;

/**
 * nn4j's Guice module. It binds every discovered provider into a {@link MapBinder} per kind (so a module can
 * add a provider with {@code MapBinder.newMapBinder(binder(), String.class, LayerProvider.class)
 * .addBinding("swish").to(SwishProvider.class)}), the {@link Registry} over them, and, from the bindings a
 * {@link NetworkBinder} made, a singleton {@link Network}, its {@link Optimizer}, and the
 * {@link org.nn4j.core.train.Trainer}'s settings. A {@link ProviderFilter} given to the constructor allows or
 * denies providers by name: {@code new Nn4jModule(ProviderFilter.parse(null, "dropout"))}.
 */
public final class Nn4jModule extends AbstractModule {
  private final Registry discovered;
  private final ProviderFilter filter;

  /** Binds the providers found on nn4j's class path. */
  public Nn4jModule() {
    this(Registry.load());
  }

  /** Binds the providers of {@code discovered}, such as a registry over a directory of plugin jars. */
  public Nn4jModule(Registry discovered) {
    this(discovered, ProviderFilter.ALL);
  }

  /**
   * Binds the providers found on nn4j's class path that {@code filter} keeps; providers other modules add
   * to the map bindings are filtered too.
   */
  public Nn4jModule(ProviderFilter filter) {
    this(Registry.load(), filter);
  }

  /**
   * Binds the providers of {@code discovered} that {@code filter} keeps; providers other modules add to the
   * map bindings are filtered too, so a denied name is unusable however it was bound.
   */
  public Nn4jModule(Registry discovered, ProviderFilter filter) {
    this.filter = filter;
    this.discovered = discovered.filtered(filter);
  }

  @Override
  protected void configure() {
    MapBinder<String, LayerProvider> layers = MapBinder.newMapBinder(binder(), String.class, LayerProvider.class);
    discovered.layers().asMap().forEach((name, p) -> layers.addBinding(name).toInstance(p));
    MapBinder<String, LossProvider> losses = MapBinder.newMapBinder(binder(), String.class, LossProvider.class);
    discovered.losses().asMap().forEach((name, p) -> losses.addBinding(name).toInstance(p));
    MapBinder<String, OptimizerProvider> optimizers =
        MapBinder.newMapBinder(binder(), String.class, OptimizerProvider.class);
    discovered.optimizers().asMap().forEach((name, p) -> optimizers.addBinding(name).toInstance(p));
    OptionalBinder.newOptionalBinder(binder(), TrainerConfig.class).setDefault().toInstance(TrainerConfig.defaults());
  }

  @Provides
  @Singleton
  Registry registry(Map<String, LayerProvider> layers, Map<String, LossProvider> losses,
      Map<String, OptimizerProvider> optimizers) {
    return Registry.of(layers.values(), losses.values(), optimizers.values(), discovered.problems()).filtered(filter);
  }

  @Provides
  @Singleton
  Network network(Registry registry, Injector injector) {
    NetworkBinder.Architecture architecture = required(injector, NetworkBinder.Architecture.class,
        "no layers are bound: configure them with NetworkBinder.of(binder()).input(784).layers(\"affine(out=10)\")");
    NetworkBinder.LossChoice loss = required(injector, NetworkBinder.LossChoice.class,
        "no loss is bound: configure one with NetworkBinder.of(binder()).loss(\"softmax-cross-entropy\")");
    return loss.applyTo(architecture.apply(Network.builder(registry))).build();
  }

  @Provides
  @Singleton
  Optimizer optimizer(Registry registry, Injector injector) {
    return required(injector, NetworkBinder.OptimizerChoice.class,
        "no optimizer is bound: configure one with NetworkBinder.of(binder()).optimizer(\"sgd\", \"lr\", \"0.1\")")
        .create(registry);
  }

  private static <T> T required(Injector injector, Class<T> type, String message) {
    if (injector.getExistingBinding(Key.get(type)) == null) {
      throw new ConfigurationException(message);
    }
    return injector.getInstance(type);
  }
}
