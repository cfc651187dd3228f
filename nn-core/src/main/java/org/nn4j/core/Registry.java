package org.nn4j.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.nn4j.api.Args;
import org.nn4j.api.ConfigurationException;
import org.nn4j.api.Layer;
import org.nn4j.api.LayerProvider;
import org.nn4j.api.Loss;
import org.nn4j.api.LossProvider;
import org.nn4j.api.NamedProvider;
import org.nn4j.api.Optimizer;
import org.nn4j.api.OptimizerProvider;

/**
 * Every layer, loss and optimizer nn4j can make, by name: an immutable snapshot of what
 * {@link java.util.ServiceLoader} found on a class path (or was given), with the problems it met along the
 * way. nn-core knows implementations only through this registry, never by class name.
 *
 * <pre>{@code
 * Registry registry = Registry.load();
 * Layer hidden = registry.layer("affine", Args.of("affine", "out", "50"));
 * }</pre>
 */
public final class Registry {
  private final Catalog<LayerProvider> layers;
  private final Catalog<LossProvider> losses;
  private final Catalog<OptimizerProvider> optimizers;
  private final List<ProviderProblem> problems;

  private Registry(Catalog<LayerProvider> layers, Catalog<LossProvider> losses,
      Catalog<OptimizerProvider> optimizers, List<ProviderProblem> problems) {
    this.layers = layers;
    this.losses = losses;
    this.optimizers = optimizers;
    this.problems = List.copyOf(problems);
  }

  /** The providers on the class path of nn4j itself (its own class loader). */
  public static Registry load() {
    return load(Registry.class.getClassLoader());
  }

  /** The providers visible to {@code loader}, such as one opened over a directory of plugin jars. */
  public static Registry load(ClassLoader loader) {
    List<ProviderProblem> problems = new ArrayList<>();
    var l = ProviderDiscovery.discover(ProviderKind.LAYER, LayerProvider.class, loader);
    var s = ProviderDiscovery.discover(ProviderKind.LOSS, LossProvider.class, loader);
    var o = ProviderDiscovery.discover(ProviderKind.OPTIMIZER, OptimizerProvider.class, loader);
    problems.addAll(l.problems());
    problems.addAll(s.problems());
    problems.addAll(o.problems());
    return new Registry(new Catalog<>(ProviderKind.LAYER, l.providers(), l.origins()),
        new Catalog<>(ProviderKind.LOSS, s.providers(), s.origins()),
        new Catalog<>(ProviderKind.OPTIMIZER, o.providers(), o.origins()), problems);
  }

  /**
   * A registry of exactly the given providers, checked as discovery checks them; {@code earlierProblems}
   * (from a discovery that found some of them) are kept.
   */
  public static Registry of(Collection<? extends LayerProvider> layerProviders,
      Collection<? extends LossProvider> lossProviders, Collection<? extends OptimizerProvider> optimizerProviders,
      List<ProviderProblem> earlierProblems) {
    List<ProviderProblem> problems = new ArrayList<>(earlierProblems);
    return new Registry(catalog(ProviderKind.LAYER, layerProviders, problems),
        catalog(ProviderKind.LOSS, lossProviders, problems),
        catalog(ProviderKind.OPTIMIZER, optimizerProviders, problems), problems);
  }

  private static <P extends NamedProvider> Catalog<P> catalog(ProviderKind kind, Collection<? extends P> given,
      List<ProviderProblem> problems) {
    Map<String, P> byName = new LinkedHashMap<>();
    Map<String, String> origins = new LinkedHashMap<>();
    for (P p : given) {
      ProviderDiscovery.add(kind, p, byName, origins, problems);
    }
    return new Catalog<>(kind, byName, origins);
  }

  /**
   * The providers visible to {@code loader} that {@code filter} keeps.
   *
   * @throws ConfigurationException when the filter allows a name no provider has, listing the names available
   */
  public static Registry load(ClassLoader loader, ProviderFilter filter) {
    return load(loader).filtered(filter);
  }

  /**
   * This registry with only the providers {@code filter} keeps; problems are kept.
   *
   * @throws ConfigurationException when the filter allows a name no provider has, listing the names available
   */
  public Registry filtered(ProviderFilter filter) {
    if (filter.keepsAll()) {
      return this;
    }
    Set<String> all = new TreeSet<>(layers.names());
    all.addAll(losses.names());
    all.addAll(optimizers.names());
    Set<String> unknown = filter.unknownAllowed(all);
    if (!unknown.isEmpty()) {
      throw new ConfigurationException("allowed provider" + (unknown.size() == 1 ? " " : "s ") + String.join(", ",
          unknown) + " not found; available: " + String.join(", ", all) + ". " + Catalog.PLUGIN_HINT);
    }
    return new Registry(keep(layers, filter), keep(losses, filter), keep(optimizers, filter), problems);
  }

  private static <P extends NamedProvider> Catalog<P> keep(Catalog<P> catalog, ProviderFilter filter) {
    Map<String, P> byName = new LinkedHashMap<>();
    Map<String, String> origins = new LinkedHashMap<>();
    catalog.asMap().forEach((name, p) -> {
      if (filter.keeps(name)) {
        byName.put(name, p);
        origins.put(name, catalog.origin(name));
      }
    });
    return new Catalog<>(catalog.kind(), byName, origins);
  }

  /** The layer providers. */
  public Catalog<LayerProvider> layers() {
    return layers;
  }

  /** The loss providers. */
  public Catalog<LossProvider> losses() {
    return losses;
  }

  /** The optimizer providers. */
  public Catalog<OptimizerProvider> optimizers() {
    return optimizers;
  }

  /** Providers that could not be used, one entry each, in the order met. */
  public List<ProviderProblem> problems() {
    return problems;
  }

  /** A new layer from the provider {@code name}, after checking {@code args} against what it accepts. */
  public Layer layer(String name, Args args) {
    LayerProvider p = layers.get(name);
    return create(ProviderKind.LAYER, p, args, () -> p.create(args));
  }

  /** A new loss from the provider {@code name}. */
  public Loss loss(String name, Args args) {
    LossProvider p = losses.get(name);
    return create(ProviderKind.LOSS, p, args, () -> p.create(args));
  }

  /** A new optimizer from the provider {@code name}. */
  public Optimizer optimizer(String name, Args args) {
    OptimizerProvider p = optimizers.get(name);
    return create(ProviderKind.OPTIMIZER, p, args, () -> p.create(args));
  }

  private <T> T create(ProviderKind kind, NamedProvider p, Args args, java.util.function.Supplier<T> factory) {
    args.requireOnly(p.arguments());
    T made;
    try {
      made = factory.get();
    } catch (ConfigurationException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ConfigurationException(kind.word() + " '" + p.name() + "' (" + p.getClass().getName() + ", "
          + ProviderDiscovery.originOf(p.getClass()) + ") failed to create with arguments (" + args + "): " + e, e);
    }
    if (made == null) {
      throw new ConfigurationException(kind.word() + " '" + p.name() + "' (" + p.getClass().getName()
          + ") returned null from create()");
    }
    return made;
  }
}
