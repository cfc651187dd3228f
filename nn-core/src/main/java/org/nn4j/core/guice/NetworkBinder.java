package org.nn4j.core.guice;

import com.google.inject.Binder;
import com.google.inject.Provider;
import com.google.inject.multibindings.OptionalBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.nn4j.api.Args;
import org.nn4j.api.DType;
import org.nn4j.api.Layer;
import org.nn4j.api.Loss;
import org.nn4j.api.Optimizer;
import org.nn4j.api.Shape;
import org.nn4j.api.WeightInit;
import org.nn4j.core.LayerSpec;
import org.nn4j.core.NetworkBuilder;
import org.nn4j.core.Registry;
import org.nn4j.core.train.TrainerConfig;

/**
 * Configures a network by Guice bindings (DESIGN §3), inside a module's {@code configure()}:
 *
 * <pre>{@code
 * NetworkBinder net = NetworkBinder.of(binder());
 * net.input(784).layer("affine", "out", "50").layer("relu").layer("affine", "out", "10");
 * net.loss("softmax-cross-entropy");
 * net.optimizer("sgd", "lr", "0.1");
 * }</pre>
 *
 * <p>The layers, the loss, the optimizer and the training settings are four separate bindings, each made
 * on first use, so a module given to {@code Modules.override(base).with(...)} can replace one of them (say,
 * only the optimizer) and keep the rest. Use one {@code NetworkBinder} per module. {@link Nn4jModule} turns
 * the bindings into a {@link org.nn4j.core.Network}, an {@link Optimizer} and a
 * {@link org.nn4j.core.train.Trainer}.
 */
public final class NetworkBinder {
  private final Binder binder;
  private Architecture architecture;

  private NetworkBinder(Binder binder) {
    this.binder = binder.skipSources(NetworkBinder.class);
  }

  /** A network binder writing into {@code binder}. */
  public static NetworkBinder of(Binder binder) {
    return new NetworkBinder(Objects.requireNonNull(binder, "binder"));
  }

  /** The shape of one input sample, such as {@code 784}. */
  public NetworkBinder input(int... dims) {
    architecture().input = Shape.of(dims);
    return this;
  }

  /** The element type; {@code float32} unless set. */
  public NetworkBinder dtype(DType dtype) {
    architecture().dtype = Objects.requireNonNull(dtype, "dtype");
    return this;
  }

  /** The seed of the initial weights; 42 unless set. */
  public NetworkBinder seed(long seed) {
    architecture().seed = seed;
    return this;
  }

  /** The initialiser of layers that name none: {@code he}, {@code xavier} or a std such as {@code 0.01}. */
  public NetworkBinder init(String rule) {
    architecture().init = WeightInit.parse(rule).toString();
    return this;
  }

  /** Appends a layer by provider name, with alternating argument keys and values. */
  public NetworkBinder layer(String name, String... keysAndValues) {
    LayerSpec spec = new LayerSpec(name, Args.of(name, keysAndValues));
    architecture().steps.add(b -> b.layer(spec));
    return this;
  }

  /** Appends the layers of a text spec such as {@code "affine(out=50) relu affine(out=10)"}. */
  public NetworkBinder layers(String spec) {
    for (LayerSpec s : LayerSpec.parseAll(spec)) {
      architecture().steps.add(b -> b.layer(s));
    }
    return this;
  }

  /** Appends a layer object; the network built from these bindings is a singleton, so it is used once. */
  public NetworkBinder layer(Layer layer) {
    Objects.requireNonNull(layer, "layer");
    architecture().steps.add(b -> b.layer(layer));
    return this;
  }

  /** Appends a layer that Guice makes (and injects), for layers that need collaborators. */
  public NetworkBinder layer(Class<? extends Layer> type) {
    Provider<? extends Layer> provider = binder.getProvider(type);
    architecture().steps.add(b -> b.layer(provider.get()));
    return this;
  }

  /** The loss, by provider name. */
  public NetworkBinder loss(String name, String... keysAndValues) {
    return loss(new LayerSpec(name, Args.of(name, keysAndValues)));
  }

  /** The loss, from a spec such as {@code softmax-cross-entropy}. */
  public NetworkBinder loss(LayerSpec spec) {
    Objects.requireNonNull(spec, "spec");
    binder.bind(LossChoice.class).toInstance(new LossChoice(b -> b.loss(spec), spec.toString()));
    return this;
  }

  /** L2 weight decay λ (book §6.4.1); 0 unless set. */
  public NetworkBinder weightDecay(double lambda) {
    architecture().weightDecay = lambda;
    return this;
  }

  /** A loss object. */
  public NetworkBinder loss(Loss loss) {
    Objects.requireNonNull(loss, "loss");
    binder.bind(LossChoice.class).toInstance(new LossChoice(b -> b.loss(loss), loss.getClass().getSimpleName()));
    return this;
  }

  /** The optimizer, by provider name. */
  public NetworkBinder optimizer(String name, String... keysAndValues) {
    return optimizer(new LayerSpec(name, Args.of(name, keysAndValues)));
  }

  /** The optimizer, from a spec such as {@code adam(lr=0.001)}. */
  public NetworkBinder optimizer(LayerSpec spec) {
    Objects.requireNonNull(spec, "spec");
    binder.bind(OptimizerChoice.class)
        .toInstance(new OptimizerChoice(r -> r.optimizer(spec.name(), spec.args()), spec.toString()));
    return this;
  }

  /** An optimizer object. */
  public NetworkBinder optimizer(Optimizer optimizer) {
    Objects.requireNonNull(optimizer, "optimizer");
    binder.bind(OptimizerChoice.class)
        .toInstance(new OptimizerChoice(r -> optimizer, optimizer.getClass().getSimpleName()));
    return this;
  }

  /** The training settings; {@link TrainerConfig#defaults()} unless set. */
  public NetworkBinder training(TrainerConfig config) {
    OptionalBinder.newOptionalBinder(binder, TrainerConfig.class).setBinding().toInstance(config);
    return this;
  }

  private Architecture architecture() {
    if (architecture == null) {
      architecture = new Architecture();
      binder.bind(Architecture.class).toInstance(architecture);
    }
    return architecture;
  }

  /** The layers and their settings as bound; read by {@link Nn4jModule}. */
  public static final class Architecture {
    private final List<Consumer<NetworkBuilder>> steps = new ArrayList<>();
    private Shape input;
    private DType dtype = DType.FLOAT32;
    private long seed = 42;
    private String init = WeightInit.DEFAULT.toString();
    private double weightDecay;

    Architecture() {
    }

    /** Applies the bindings to a builder over {@code registry}. */
    NetworkBuilder apply(NetworkBuilder builder) {
      if (input != null) {
        builder.input(input);
      }
      builder.dtype(dtype).seed(seed).init(init).weightDecay(weightDecay);
      steps.forEach(step -> step.accept(builder));
      return builder;
    }
  }

  /** The loss as bound. */
  public static final class LossChoice {
    private final Consumer<NetworkBuilder> setter;
    private final String description;

    LossChoice(Consumer<NetworkBuilder> setter, String description) {
      this.setter = setter;
      this.description = description;
    }

    NetworkBuilder applyTo(NetworkBuilder builder) {
      setter.accept(builder);
      return builder;
    }

    @Override
    public String toString() {
      return description;
    }
  }

  /** The optimizer as bound. */
  public static final class OptimizerChoice {
    private final Function<Registry, Optimizer> factory;
    private final String description;

    OptimizerChoice(Function<Registry, Optimizer> factory, String description) {
      this.factory = factory;
      this.description = description;
    }

    Optimizer create(Registry registry) {
      return factory.apply(registry);
    }

    @Override
    public String toString() {
      return description;
    }
  }
}
