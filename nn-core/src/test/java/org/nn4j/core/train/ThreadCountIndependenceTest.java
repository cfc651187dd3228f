package org.nn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nn4j.api.Args;
import org.nn4j.api.DType;
import org.nn4j.api.Param;
import org.nn4j.api.Tensor;
import org.nn4j.api.internal.Gemm;
import org.nn4j.api.internal.Parallel;
import org.nn4j.core.Network;
import org.nn4j.core.Registry;
import org.nn4j.core.SeededRandom;
import org.nn4j.core.data.Dataset;

/**
 * Training gives bit-identical parameters whether matrix products run on one thread or two, with the vector
 * kernels or the plain ones: every output element is summed in one fixed order.
 */
class ThreadCountIndependenceTest {
  private static final Registry REGISTRY = Registry.load();

  @AfterEach
  void restoreDefaults() {
    Gemm.setThreads(0);
    Gemm.setVectorEnabled(Gemm.vectorAvailable());
  }

  /** {@code rows} random examples of 300 values, each labelled with one of 10 classes. */
  private static Dataset randomSet(DType dtype, int rows, long seed) {
    SeededRandom random = new SeededRandom(seed);
    Tensor x = Tensor.zeros(dtype, rows, 300).mapInPlace(v -> random.nextDouble());
    int[] labels = new int[rows];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = random.nextInt(10);
    }
    return new Dataset(x, labels, 10);
  }

  private static Network network(DType dtype) {
    return Network.builder(REGISTRY).input(300).dtype(dtype).seed(3).init("he")
        .layers("affine(out=200) relu affine(out=10)").loss("softmax-cross-entropy").build();
  }

  private static List<Tensor> parameters(Network net) {
    return net.params().stream().map(Param::value).map(Tensor::copy).toList();
  }

  private static List<Tensor> train(DType dtype, int threads, boolean vector) {
    Gemm.setThreads(threads);
    Gemm.setVectorEnabled(vector);
    // Wide enough that the products cross the size at which work is split between threads; three batches an
    // epoch, the last a short one.
    Network net = network(dtype);
    new Trainer(net, REGISTRY.optimizer("adam", Args.none("adam")), new TrainerConfig(2, 128, 9, true))
        .fit(randomSet(dtype, 300, 5), null);
    return parameters(net);
  }

  /**
   * Trains a network whose products have one to six million multiply-adds (40×300 by 300×200), so that the
   * tuner's split reaches them, for 160 steps: through one trial, whose middle windows split.
   */
  private static List<Tensor> trainTuned(DType dtype, List<Boolean> ways) {
    Network net = network(dtype);
    SplitTuner.Way way = SplitTuner.threadWay();
    Supplier<SplitTuner> tuner = ways == null ? () -> null
        : () -> new SplitTuner(split -> {
          ways.add(split);
          way.set(split);
        }, 2);
    new Trainer(net, REGISTRY.optimizer("sgd", Args.of("sgd", "lr", "0.05")), new TrainerConfig(16, 40, 7, true),
        tuner).fit(randomSet(dtype, 400, 11), null);
    return parameters(net);
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void theTunersSplitChangesNoBit(DType dtype) {
    Gemm.setThreads(1);
    List<Tensor> reference = trainTuned(dtype, null);
    Gemm.setThreads(0);
    List<Boolean> ways = new ArrayList<>();
    List<Tensor> tuned = trainTuned(dtype, ways);
    assertTrue(ways.contains(true), "the trial split some steps: " + ways);
    assertEquals(Gemm.PARALLEL_THRESHOLD, Gemm.splitThreshold(), "the trainer put the thresholds back");
    assertEquals(Parallel.MIN_BYTES, Parallel.splitBytes());
    for (int i = 0; i < reference.size(); i++) {
      assertTrue(reference.get(i).sameAs(tuned.get(i)), dtype + ": parameter " + i + " differs when tuned");
    }
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void parametersDoNotDependOnThreadsOrKernels(DType dtype) {
    List<Tensor> reference = train(dtype, 1, false);
    for (int threads : new int[] {1, 2, 3}) {
      for (boolean vector : new boolean[] {false, true}) {
        List<Tensor> other = train(dtype, threads, vector && Gemm.vectorAvailable());
        assertEquals(reference.size(), other.size());
        for (int i = 0; i < reference.size(); i++) {
          assertTrue(reference.get(i).sameAs(other.get(i)),
              dtype + ": parameter " + i + " differs with " + threads + " threads, vector " + vector);
        }
      }
    }
  }
}
