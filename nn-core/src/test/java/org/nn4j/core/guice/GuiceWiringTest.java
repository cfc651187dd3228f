package org.nn4j.core.guice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.util.Modules;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Args;
import org.nn4j.api.ConfigurationException;
import org.nn4j.api.DType;
import org.nn4j.api.Layer;
import org.nn4j.api.LayerProvider;
import org.nn4j.api.Loss;
import org.nn4j.api.Optimizer;
import org.nn4j.api.Param;
import org.nn4j.api.Shape;
import org.nn4j.api.Tensor;
import org.nn4j.core.Network;
import org.nn4j.core.Registry;
import org.nn4j.core.SyntheticData;
import org.nn4j.core.data.Dataset;
import org.nn4j.core.train.EpochResult;
import org.nn4j.core.train.Trainer;
import org.nn4j.core.train.TrainerConfig;
import org.nn4j.optim.Sgd;

/** A network configured only through {@link NetworkBinder} bindings, wired by {@link Nn4jModule} (DESIGN §3). */
class GuiceWiringTest {
  private static final TrainerConfig TRAINING = new TrainerConfig(15, 10, 4, true);

  /** A module whose {@code configure()} hands its {@link NetworkBinder} to {@code config}. */
  private static Module net(Consumer<NetworkBinder> config) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        config.accept(NetworkBinder.of(binder()));
      }
    };
  }

  /** The blob classifier: 2 inputs, one hidden ReLU layer, 3 classes, SGD. */
  private static Module blobClassifier() {
    return net(n -> n.input(2).seed(3).init("he").layers("affine(out=8) relu affine(out=3)")
        .loss("softmax-cross-entropy").optimizer("sgd", "lr", "0.1").training(TRAINING));
  }

  /** {@code factor · x}, element-wise. */
  static final class Scale implements Layer {
    private final double factor;

    Scale(double factor) {
      this.factor = factor;
    }

    @Override
    public Shape outputShape(Shape input) {
      return input;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
      return x.scale(factor);
    }

    @Override
    public Tensor backward(Tensor dout) {
      return dout.scale(factor);
    }
  }

  /** A collaborator bound in a module. */
  static final class Factor {
    final double value;

    Factor(double value) {
      this.value = value;
    }
  }

  /** A layer Guice makes, injecting its collaborator. */
  static final class InjectedScale implements Layer {
    private final Scale scale;

    @Inject
    InjectedScale(Factor factor) {
      this.scale = new Scale(factor.value);
    }

    @Override
    public Shape outputShape(Shape input) {
      return input;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
      return scale.forward(x, training);
    }

    @Override
    public Tensor backward(Tensor dout) {
      return scale.backward(dout);
    }
  }

  /** An extra provider added through the map binder: {@code triple}. */
  static final class TripleProvider implements LayerProvider {
    @Override
    public String name() {
      return "triple";
    }

    @Override
    public String description() {
      return "multiplies by three";
    }

    @Override
    public Layer create(Args args) {
      return new Scale(3);
    }
  }

  @Test
  void aNetworkConfiguredOnlyByBindingsTrains() {
    Injector injector = Guice.createInjector(new Nn4jModule(), blobClassifier());
    Dataset train = SyntheticData.blobs(150, DType.FLOAT32, 1);
    Dataset test = SyntheticData.blobs(90, DType.FLOAT32, 2);
    Trainer trainer = injector.getInstance(Trainer.class);
    Network network = injector.getInstance(Network.class);
    assertSame(network, trainer.network(), "the network is a singleton shared with the trainer");
    assertSame(network, injector.getInstance(Network.class));
    assertSame(injector.getInstance(Optimizer.class), injector.getInstance(Optimizer.class));
    assertEquals(TRAINING, trainer.config());
    assertEquals(List.of("affine#1", "relu#1", "affine#2"), network.layerNames());
    double before = network.accuracy(test.features(), test.labels(), 100);
    List<EpochResult> results = trainer.fit(train, test);
    assertEquals(15, results.size());
    double after = results.get(14).testAccuracy();
    assertTrue(after > 0.95 && after > before, "accuracy " + before + " -> " + after);
    assertTrue(results.get(14).loss() < results.get(0).loss());
  }

  @Test
  void theInjectedOptimizerIsTheBoundOne() {
    Injector injector = Guice.createInjector(new Nn4jModule(), blobClassifier());
    Sgd sgd = assertInstanceOf(Sgd.class, injector.getInstance(Optimizer.class));
    assertEquals(0.1, sgd.learningRate(), 0.0);
  }

  @Test
  void overridingSwapsOnlyTheOptimizer() {
    Module base = Modules.combine(new Nn4jModule(), blobClassifier());
    Injector original = Guice.createInjector(base);
    Injector swapped = Guice.createInjector(Modules.override(base).with(net(n -> n.optimizer("sgd", "lr", "0.5"))));
    Sgd sgd = assertInstanceOf(Sgd.class, swapped.getInstance(Optimizer.class));
    assertEquals(0.5, sgd.learningRate(), 0.0);
    Network a = original.getInstance(Network.class);
    Network b = swapped.getInstance(Network.class);
    assertEquals(a.layerSpecs(), b.layerSpecs());
    assertSameParams(a, b);
    assertEquals(a.lossFunction().getClass(), b.lossFunction().getClass());
    assertEquals(TRAINING, swapped.getInstance(Trainer.class).config());
  }

  @Test
  void overridingSwapsOnlyTheLayers() {
    Module base = Modules.combine(new Nn4jModule(), blobClassifier());
    Injector swapped = Guice.createInjector(Modules.override(base).with(net(n -> n.input(2).layers("affine(out=3)"))));
    assertEquals(List.of("affine#1"), swapped.getInstance(Network.class).layerNames());
    assertEquals(0.1, ((Sgd) swapped.getInstance(Optimizer.class)).learningRate(), 0.0);
    assertEquals(TRAINING, swapped.getInstance(TrainerConfig.class));
  }

  @Test
  void aTextSpecGivesTheSameNetworkAsLayerCalls() {
    Network fromSpec = Guice.createInjector(new Nn4jModule(), net(n -> n.input(4).seed(11).dtype(DType.FLOAT64)
        .layers("affine(out=5, init=xavier) sigmoid affine(out=2)").loss("mse"))).getInstance(Network.class);
    Network fromCalls = Guice.createInjector(new Nn4jModule(), net(n -> n.input(4).seed(11).dtype(DType.FLOAT64)
        .layer("affine", "out", "5", "init", "xavier").layer("sigmoid").layer("affine", "out", "2").loss("mse")))
        .getInstance(Network.class);
    assertEquals(fromCalls.layerNames(), fromSpec.layerNames());
    assertEquals(fromCalls.layerSpecs(), fromSpec.layerSpecs());
    assertEquals(DType.FLOAT64, fromSpec.dtype());
    assertSameParams(fromCalls, fromSpec);
    Network otherSeed = Guice.createInjector(new Nn4jModule(), net(n -> n.input(4).seed(12).dtype(DType.FLOAT64)
        .layers("affine(out=5, init=xavier) sigmoid affine(out=2)").loss("mse"))).getInstance(Network.class);
    assertTrue(!otherSeed.params().get(0).value().sameAs(fromSpec.params().get(0).value()), "the seed is used");
  }

  private static void assertSameParams(Network a, Network b) {
    List<Param> pa = a.params();
    List<Param> pb = b.params();
    assertEquals(pa.size(), pb.size());
    for (int i = 0; i < pa.size(); i++) {
      assertTrue(pa.get(i).value().sameAs(pb.get(i).value()), "parameter " + i);
    }
  }

  @Test
  void aLayerInstanceBoundDirectlyIsUsed() {
    Scale scale = new Scale(-2);
    Network network = Guice.createInjector(new Nn4jModule(), net(n -> n.input(3).dtype(DType.FLOAT64).layer(scale)
        .loss("mse").optimizer("sgd"))).getInstance(Network.class);
    assertSame(scale, network.layers().get(0));
    assertEquals(List.of("scale#1"), network.layerNames());
    assertTrue(network.forward(Tensor.of(new double[][] {{1, 2, 3}}), false)
        .sameAs(Tensor.of(new double[][] {{-2, -4, -6}})));
  }

  @Test
  void aLayerBoundByClassIsMadeAndInjectedByGuice() {
    Module collaborators = new AbstractModule() {
      @Override
      protected void configure() {
        bind(Factor.class).toInstance(new Factor(0.5));
      }
    };
    Injector injector = Guice.createInjector(new Nn4jModule(), collaborators, net(n -> n.input(2)
        .dtype(DType.FLOAT64).layer(InjectedScale.class).layers("affine(out=2)").loss("mse").optimizer("sgd")));
    Network network = injector.getInstance(Network.class);
    assertInstanceOf(InjectedScale.class, network.layers().get(0));
    assertEquals(List.of("injectedscale#1", "affine#1"), network.layerNames());
    Tensor scaled = network.layers().get(0).forward(Tensor.of(new double[][] {{4, -6}}), false);
    assertTrue(scaled.sameAs(Tensor.of(new double[][] {{2, -3}})));
  }

  @Test
  void anExtraProviderFromTheMapBinderIsUsableByName() {
    Module plugin = new AbstractModule() {
      @Override
      protected void configure() {
        MapBinder.newMapBinder(binder(), String.class, LayerProvider.class).addBinding("triple")
            .to(TripleProvider.class);
      }
    };
    Injector injector = Guice.createInjector(new Nn4jModule(), plugin, net(n -> n.input(2).dtype(DType.FLOAT64)
        .layers("triple affine(out=2)").loss("mse").optimizer("sgd")));
    Registry registry = injector.getInstance(Registry.class);
    assertSame(registry, injector.getInstance(Registry.class));
    assertEquals(List.of("affine", "batch-norm", "dropout", "relu", "sigmoid", "softmax", "tanh", "triple"), registry.layers().names());
    Network network = injector.getInstance(Network.class);
    assertEquals(List.of("triple#1", "affine#1"), network.layerNames());
    assertTrue(network.layers().get(0).forward(Tensor.of(new double[][] {{1, -1}}), false)
        .sameAs(Tensor.of(new double[][] {{3, -3}})));
  }

  @Test
  void lossAndOptimizerObjectsMayBeBound() {
    Loss loss = Registry.load().loss("mse", Args.none("mse"));
    Optimizer optimizer = new Sgd(0.25);
    Injector injector = Guice.createInjector(new Nn4jModule(), net(n -> n.input(2).layers("relu").loss(loss)
        .optimizer(optimizer)));
    assertSame(loss, injector.getInstance(Network.class).lossFunction());
    assertSame(optimizer, injector.getInstance(Optimizer.class));
  }

  @Test
  void missingLayersLossOrOptimizerAreConfigurationErrors() {
    assertProvisionFails(Network.class, net(n -> n.loss("mse").optimizer("sgd")),
        "no layers are bound: configure them with NetworkBinder.of(binder()).input(784).layers(\"affine(out=10)\")");
    assertProvisionFails(Network.class, net(n -> n.input(2).layers("relu").optimizer("sgd")),
        "no loss is bound: configure one with NetworkBinder.of(binder()).loss(\"softmax-cross-entropy\")");
    assertProvisionFails(Optimizer.class, net(n -> n.input(2).layers("relu").loss("mse")),
        "no optimizer is bound: configure one with NetworkBinder.of(binder()).optimizer(\"sgd\", \"lr\", \"0.1\")");
    assertProvisionFails(Trainer.class, net(n -> n.input(2).layers("relu").loss("mse")),
        "no optimizer is bound: configure one with NetworkBinder.of(binder()).optimizer(\"sgd\", \"lr\", \"0.1\")");
    assertProvisionFails(Network.class, net(n -> n.layers("relu").loss("mse")),
        "network: no input shape; call input(784) or the like");
  }

  @Test
  void unknownNamesFailWhenTheNetworkIsProvided() {
    assertProvisionFails(Network.class, net(n -> n.input(2).layers("relu sigmod").loss("mse")),
        "unknown layer 'sigmod' (did you mean 'sigmoid'?); available: affine, batch-norm, dropout, relu, sigmoid, softmax, tanh. "
            + "If it comes from a plugin, its jar may be missing from the class path.");
    assertProvisionFails(Optimizer.class, net(n -> n.optimizer("sgd", "rate", "0.1")),
        "sgd: unknown argument 'rate'; accepted: lr");
  }

  private static void assertProvisionFails(Class<?> type, Module module, String message) {
    Injector injector = Guice.createInjector(new Nn4jModule(), module);
    ProvisionException e = assertThrows(ProvisionException.class, () -> injector.getInstance(type));
    ConfigurationException cause = assertInstanceOf(ConfigurationException.class, e.getCause(), e::getMessage);
    assertEquals(message, cause.getMessage());
  }

  /** Guice logs a configure() exception at INFO before reporting it; the test keeps its output quiet. */
  @Test
  void aMalformedSpecFailsWhenTheInjectorIsCreated() {
    Logger guice = Logger.getLogger(Guice.class.getName());
    Level level = guice.getLevel();
    guice.setLevel(Level.WARNING);
    CreationException e;
    try {
      e = assertThrows(CreationException.class,
          () -> Guice.createInjector(new Nn4jModule(), net(n -> n.input(2).layers("affine(out=3"))));
    } finally {
      guice.setLevel(level);
    }
    ConfigurationException cause = assertInstanceOf(ConfigurationException.class, e.getCause(), e::getMessage);
    assertEquals("spec 'affine(out=3': expected ',' or ')' at position 13 (found the end)", cause.getMessage());
  }

  @Test
  void trainingSettingsDefaultToTheBooksAndCanBeBound() {
    Injector defaults = Guice.createInjector(new Nn4jModule(), net(n -> n.input(2).layers("relu").loss("mse")
        .optimizer("sgd")));
    assertEquals(TrainerConfig.defaults(), defaults.getInstance(TrainerConfig.class));
    assertEquals(TrainerConfig.defaults(), defaults.getInstance(Trainer.class).config());
    Injector bound = Guice.createInjector(new Nn4jModule(), blobClassifier());
    assertEquals(TRAINING, bound.getInstance(TrainerConfig.class));
    TrainerConfig other = new TrainerConfig(1, 1, 1, false);
    Injector overridden = Guice.createInjector(Modules.override(new Nn4jModule(), blobClassifier())
        .with(net(n -> n.training(other))));
    assertEquals(other, overridden.getInstance(Trainer.class).config());
  }

  @Test
  void aGivenRegistryLimitsWhatCanBeNamedAndKeepsItsProblems() {
    Registry all = Registry.load();
    org.nn4j.core.ProviderProblem problem = new org.nn4j.core.ProviderProblem(org.nn4j.core.ProviderKind.LAYER,
        "com.example.Gone", "gone.jar", "not found");
    Registry few = Registry.of(List.of(all.layers().get("affine")), List.of(all.losses().get("mse")),
        List.of(all.optimizers().get("sgd")), List.of(problem));
    Injector injector = Guice.createInjector(new Nn4jModule(few), net(n -> n.input(2).layers("affine(out=2) relu")
        .loss("mse").optimizer("sgd")));
    assertEquals(List.of(problem), injector.getInstance(Registry.class).problems());
    ProvisionException e = assertThrows(ProvisionException.class, () -> injector.getInstance(Network.class));
    assertEquals("unknown layer 'relu'; available: affine. If it comes from a plugin, its jar may be missing from "
        + "the class path.", e.getCause().getMessage());
  }
}
