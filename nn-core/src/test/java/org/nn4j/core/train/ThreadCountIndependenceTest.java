package org.nn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nn4j.api.Args;
import org.nn4j.api.DType;
import org.nn4j.api.Param;
import org.nn4j.api.Tensor;
import org.nn4j.api.internal.Gemm;
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

  private static List<Tensor> train(DType dtype, int threads, boolean vector) {
    Gemm.setThreads(threads);
    Gemm.setVectorEnabled(vector);
    // Wide enough that the products cross the size at which work is split between threads.
    SeededRandom random = new SeededRandom(5);
    // Three batches an epoch, the last a short one.
    Tensor x = Tensor.zeros(dtype, 300, 300).mapInPlace(v -> random.nextDouble());
    int[] labels = new int[300];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = random.nextInt(10);
    }
    Network net = Network.builder(REGISTRY).input(300).dtype(dtype).seed(3).init("he")
        .layers("affine(out=200) relu affine(out=10)").loss("softmax-cross-entropy").build();
    new Trainer(net, REGISTRY.optimizer("adam", Args.none("adam")), new TrainerConfig(2, 128, 9, true))
        .fit(new Dataset(x, labels, 10), null);
    return net.params().stream().map(Param::value).map(Tensor::copy).toList();
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
