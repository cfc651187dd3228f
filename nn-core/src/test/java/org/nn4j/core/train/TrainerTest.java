package org.nn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyDouble;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.nn4j.api.Args;
import org.nn4j.api.DType;
import org.nn4j.api.Layer;
import org.nn4j.api.Optimizer;
import org.nn4j.api.Param;
import org.nn4j.api.Shape;
import org.nn4j.api.ShapeException;
import org.nn4j.api.Tensor;
import org.nn4j.core.Network;
import org.nn4j.core.Registry;
import org.nn4j.core.SyntheticData;
import org.nn4j.core.data.Dataset;

/** Mini-batch training on small synthetic sets: learning, determinism, listeners, partial batches, errors. */
class TrainerTest {
  private static final Registry REGISTRY = Registry.load();

  /** An identity layer that records the batch size of every training forward pass. */
  static class BatchRecorder implements Layer {
    final List<Integer> batches = new ArrayList<>();

    @Override
    public Shape outputShape(Shape input) {
      return input;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
      if (training) {
        batches.add(x.rows());
      }
      return x.copy();
    }

    @Override
    public Tensor backward(Tensor dout) {
      return dout.copy();
    }
  }

  private static Network network(DType dtype, long seed) {
    return Network.builder(REGISTRY).input(2).dtype(dtype).seed(seed).init("he")
        .layers("affine(out=8) relu affine(out=3)").loss("softmax-cross-entropy").build();
  }

  private static Optimizer sgd(double lr) {
    return REGISTRY.optimizer("sgd", Args.of("sgd", "lr", Double.toString(lr)));
  }

  @Test
  void learnsSeparableBlobs() {
    Dataset train = SyntheticData.blobs(150, DType.FLOAT32, 1);
    Dataset test = SyntheticData.blobs(90, DType.FLOAT32, 2);
    Network network = network(DType.FLOAT32, 3);
    double before = network.accuracy(test.features(), test.labels(), 50);
    Trainer trainer = new Trainer(network, sgd(0.1), new TrainerConfig(15, 10, 4, true));
    List<EpochResult> results = trainer.fit(train, test);
    assertEquals(15, results.size());
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15),
        results.stream().map(EpochResult::epoch).collect(Collectors.toList()));
    EpochResult first = results.get(0);
    EpochResult last = results.get(results.size() - 1);
    assertTrue(last.loss() < 0.5 * first.loss(), "loss " + first.loss() + " -> " + last.loss());
    assertTrue(last.trainAccuracy() > 0.95, "train accuracy " + last.trainAccuracy());
    assertTrue(last.testAccuracy() > 0.95, "test accuracy " + last.testAccuracy());
    assertTrue(last.testAccuracy() > before, "accuracy before training " + before);
    assertEquals(last.testAccuracy(), network.accuracy(test.features(), test.labels(), 7), 0.0,
        "the figures describe the trained network");
    assertTrue(results.stream().allMatch(r -> r.seconds() >= 0));
    assertSame(network, trainer.network());
  }

  @Test
  void withoutATestSetTestAccuracyIsNaN() {
    Dataset train = SyntheticData.blobs(30, DType.FLOAT64, 1);
    List<EpochResult> results = new Trainer(network(DType.FLOAT64, 3), sgd(0.1), new TrainerConfig(2, 8, 1, true))
        .fit(train, null);
    assertEquals(2, results.size());
    assertTrue(results.stream().allMatch(r -> Double.isNaN(r.testAccuracy())));
    assertTrue(results.stream().allMatch(r -> r.trainAccuracy() >= 0 && r.trainAccuracy() <= 1));
  }

  @Test
  void sameSeedsGiveBitIdenticalParameters() {
    Dataset train = SyntheticData.blobs(60, DType.FLOAT32, 5);
    List<Param> a = trainOnce(train, 9);
    List<Param> b = trainOnce(train, 9);
    List<Param> c = trainOnce(train, 10);
    boolean anyDifferent = false;
    for (int i = 0; i < a.size(); i++) {
      assertTrue(a.get(i).value().sameAs(b.get(i).value()), "parameter " + i);
      anyDifferent |= !a.get(i).value().sameAs(c.get(i).value());
    }
    assertTrue(anyDifferent, "another shuffling seed visits the examples in another order");
  }

  private static List<Param> trainOnce(Dataset train, long shuffleSeed) {
    Network network = network(DType.FLOAT32, 3);
    new Trainer(network, sgd(0.05), new TrainerConfig(3, 7, shuffleSeed, true)).fit(train, train);
    return network.params();
  }

  @Test
  void listenersHearEveryEpochInOrder() {
    Dataset train = SyntheticData.blobs(30, DType.FLOAT32, 1);
    TrainingListener first = mock(TrainingListener.class);
    TrainingListener second = mock(TrainingListener.class);
    List<EpochResult> results = new Trainer(network(DType.FLOAT32, 1), sgd(0.1), new TrainerConfig(4, 8, 1, true))
        .fit(train, null, first, second);
    ArgumentCaptor<EpochResult> heard = ArgumentCaptor.forClass(EpochResult.class);
    verify(first, times(4)).onEpochEnd(heard.capture());
    assertEquals(List.of(1, 2, 3, 4), heard.getAllValues().stream().map(EpochResult::epoch)
        .collect(Collectors.toList()));
    assertEquals(results, heard.getAllValues());
    InOrder order = inOrder(first, second);
    order.verify(first).onStart(16, 4);
    order.verify(second).onStart(16, 4);
    for (EpochResult r : results) {
      order.verify(first).onEpochEnd(r);
      order.verify(second).onEpochEnd(r);
    }
    verify(first, times(16)).onIteration(anyInt(), anyInt(), anyDouble());
    verify(second, times(16)).onIteration(anyInt(), anyInt(), anyDouble());
    verify(first).onEnd(any());
    verify(second).onEnd(any());
    verifyNoMoreInteractions(first, second);
  }

  @Test
  void aLastPartialBatchIsTrainedToo() {
    Dataset train = SyntheticData.blobs(10, DType.FLOAT64, 1);
    BatchRecorder recorder = new BatchRecorder();
    Network network = Network.builder(REGISTRY).input(2).dtype(DType.FLOAT64).layer(recorder)
        .layers("affine(out=3)").loss("softmax-cross-entropy").build();
    Optimizer optimizer = mock(Optimizer.class);
    new Trainer(network, optimizer, new TrainerConfig(2, 4, 1, true)).fit(train, null);
    assertEquals(List.of(4, 4, 2, 4, 4, 2), recorder.batches);
    verify(optimizer, times(6)).step(network.params());
  }

  @Test
  void everyStepTrainsOnTheExamplesOfItsBatch() {
    // The batch buffers are reused from step to step: each step must see exactly its own examples, the last,
    // smaller batch included.
    Dataset train = SyntheticData.blobs(10, DType.FLOAT64, 1);
    List<Tensor> seen = new ArrayList<>();
    Layer recorder = new BatchRecorder() {
      @Override
      public Tensor forward(Tensor x, boolean training) {
        if (training) {
          seen.add(x.copy());
        }
        return x.copy();
      }
    };
    Network network = Network.builder(REGISTRY).input(2).dtype(DType.FLOAT64).layer(recorder)
        .layers("affine(out=3)").loss("softmax-cross-entropy").build();
    new Trainer(network, sgd(0.1), new TrainerConfig(2, 4, 1, false)).fit(train, null);
    assertEquals(6, seen.size());
    int[][] rows = {{0, 1, 2, 3}, {4, 5, 6, 7}, {8, 9}};
    for (int step = 0; step < seen.size(); step++) {
      int[] expected = rows[step % 3];
      Tensor rowsOfBatch = train.features().gatherRowsInto(expected, 0, expected.length,
          Tensor.zeros(DType.FLOAT64, expected.length, 2));
      assertTrue(seen.get(step).sameAs(rowsOfBatch), "step " + step);
    }
  }

  @Test
  void aLayerFailingMidEpochFailsTheFitAndTrainingWorksAfterwards() {
    Network before = trainedBlobNetwork();
    Dataset train = SyntheticData.blobs(150, DType.FLOAT64, 1);
    IllegalStateException boom = new IllegalStateException("layer failed");
    int[] calls = {0};
    Layer failing = new BatchRecorder() {
      @Override
      public Tensor forward(Tensor x, boolean training) {
        if (training && ++calls[0] == 3) {
          throw boom;
        }
        return x.copy();
      }
    };
    Network network = Network.builder(REGISTRY).input(2).dtype(DType.FLOAT64).layer(failing)
        .layers("affine(out=3)").loss("softmax-cross-entropy").build();
    Trainer trainer = new Trainer(network, sgd(0.1), new TrainerConfig(2, 10, 1, true));
    assertSame(boom, assertThrows(IllegalStateException.class, () -> trainer.fit(train, null)));
    assertEquals(3, calls[0]);
    // Training afterwards gives the same parameters as before the failure.
    Network after = trainedBlobNetwork();
    for (int i = 0; i < before.params().size(); i++) {
      assertTrue(before.params().get(i).value().sameAs(after.params().get(i).value()), "parameter " + i);
    }
  }

  private static Network trainedBlobNetwork() {
    Network network = network(DType.FLOAT64, 4);
    new Trainer(network, sgd(0.1), new TrainerConfig(3, 10, 1, true)).fit(SyntheticData.blobs(150, DType.FLOAT64, 2),
        null);
    return network;
  }

  @Test
  void theEpochLossIsTheMeanOfTheBatchLosses() {
    Dataset train = SyntheticData.blobs(10, DType.FLOAT64, 2);
    Network network = network(DType.FLOAT64, 2);
    double expected = (network.loss(train.features().sliceRows(0, 4), labels(train, 0, 4))
        + network.loss(train.features().sliceRows(4, 8), labels(train, 4, 8))
        + network.loss(train.features().sliceRows(8, 10), labels(train, 8, 10))) / 3;
    List<EpochResult> results = new Trainer(network, mock(Optimizer.class), new TrainerConfig(1, 4, 1, false))
        .fit(train, null);
    assertEquals(expected, results.get(0).loss(), 1e-15, "unshuffled batches 0-3, 4-7, 8-9; no step taken");
  }

  private static Tensor labels(Dataset data, int from, int to) {
    Tensor t = Tensor.zeros(DType.FLOAT64, to - from);
    for (int i = from; i < to; i++) {
      t.setFlat(i - from, data.labels()[i]);
    }
    return t;
  }

  @Test
  void aBatchLargerThanTheSetIsOneBatch() {
    Dataset train = SyntheticData.blobs(5, DType.FLOAT32, 1);
    BatchRecorder recorder = new BatchRecorder();
    Network network = Network.builder(REGISTRY).input(2).layer(recorder).layers("affine(out=3)")
        .loss("softmax-cross-entropy").build();
    new Trainer(network, sgd(0.1), new TrainerConfig(2, 100, 1, true)).fit(train, null);
    assertEquals(List.of(5, 5), recorder.batches);
  }

  @Test
  void dataOfTheWrongTypeOrShapeIsRejected() {
    Trainer trainer = new Trainer(network(DType.FLOAT32, 1), sgd(0.1), TrainerConfig.defaults());
    Dataset good = SyntheticData.blobs(6, DType.FLOAT32, 1);
    IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
        () -> trainer.fit(SyntheticData.blobs(6, DType.FLOAT64, 1), null));
    assertEquals("the training set is float64 but the network is float32", type.getMessage());
    IllegalArgumentException testType = assertThrows(IllegalArgumentException.class,
        () -> trainer.fit(good, SyntheticData.blobs(6, DType.FLOAT64, 1)));
    assertEquals("the test set is float64 but the network is float32", testType.getMessage());
    Dataset wide = new Dataset(Tensor.zeros(DType.FLOAT32, 4, 3), new int[4], 3);
    ShapeException shape = assertThrows(ShapeException.class, () -> trainer.fit(wide, null));
    assertEquals("the training set's examples have shape (3,) but the network's input shape is (2,)",
        shape.getMessage());
    Dataset empty = new Dataset(Tensor.zeros(DType.FLOAT32, 0, 2), new int[0], 3);
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> trainer.fit(empty, null));
    assertEquals("the training set is empty", none.getMessage());
    IllegalArgumentException noTest = assertThrows(IllegalArgumentException.class, () -> trainer.fit(good, empty));
    assertEquals("the test set is empty", noTest.getMessage());
  }

  @Test
  void aRejectedFitLeavesTheNetworkUnchanged() {
    Network network = network(DType.FLOAT32, 1);
    List<Tensor> before = network.params().stream().map(p -> p.value().copy()).collect(Collectors.toList());
    Trainer trainer = new Trainer(network, sgd(0.1), TrainerConfig.defaults());
    assertThrows(IllegalArgumentException.class,
        () -> trainer.fit(SyntheticData.blobs(6, DType.FLOAT32, 1), SyntheticData.blobs(6, DType.FLOAT64, 1)));
    for (int i = 0; i < before.size(); i++) {
      assertTrue(before.get(i).sameAs(network.params().get(i).value()));
    }
  }

  @Test
  void configIsValidated() {
    IllegalArgumentException epochs = assertThrows(IllegalArgumentException.class,
        () -> new TrainerConfig(0, 10, 1, true));
    assertEquals("epochs must be at least 1, got 0", epochs.getMessage());
    IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
        () -> new TrainerConfig(1, -5, 1, true));
    assertEquals("batch size must be at least 1, got -5", batch.getMessage());
    assertEquals(new TrainerConfig(20, 100, 42, true), TrainerConfig.defaults());
  }

  @Test
  void nullCollaboratorsAreRejected() {
    Network network = network(DType.FLOAT32, 1);
    assertEquals("network", assertThrows(NullPointerException.class,
        () -> new Trainer(null, sgd(0.1), TrainerConfig.defaults())).getMessage());
    assertEquals("optimizer", assertThrows(NullPointerException.class,
        () -> new Trainer(network, null, TrainerConfig.defaults())).getMessage());
    assertEquals("config", assertThrows(NullPointerException.class,
        () -> new Trainer(network, sgd(0.1), null)).getMessage());
  }

  @Test
  void withoutShufflingTheSeedDoesNotMatter() {
    Dataset train = SyntheticData.blobs(20, DType.FLOAT32, 3);
    Network a = network(DType.FLOAT32, 1);
    Network b = network(DType.FLOAT32, 1);
    new Trainer(a, sgd(0.1), new TrainerConfig(2, 6, 1, false)).fit(train, null);
    new Trainer(b, sgd(0.1), new TrainerConfig(2, 6, 99, false)).fit(train, null);
    for (int i = 0; i < a.params().size(); i++) {
      assertTrue(a.params().get(i).value().sameAs(b.params().get(i).value()));
    }
    assertFalse(a.params().get(0).value().sameAs(network(DType.FLOAT32, 1).params().get(0).value()),
        "training changed the weights");
  }
}
