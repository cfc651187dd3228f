package org.nn4j.api.internal;

/**
 * Finds the Vector API kernels. {@link VectorKernels} is loaded by name, and only when the module is in the boot
 * layer, so that nothing else links against {@code jdk.incubator.vector} on a JVM without it.
 */
final class VectorSupport {
  static final boolean AVAILABLE;
  static final FloatKernel FLOAT;
  static final DoubleKernel DOUBLE;
  static final PixelDecoding.Kernel PIXELS;
  static final int FLOAT_LANES;
  static final int DOUBLE_LANES;

  static {
    FloatKernel f = null;
    DoubleKernel d = null;
    PixelDecoding.Kernel p = null;
    int lanes = 8;
    int doubleLanes = 4;
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
      try {
        Class<?> kernels = Class.forName("org.nn4j.api.internal.VectorKernels");
        if ((Boolean) kernels.getDeclaredMethod("usable").invoke(null)) {
          f = (FloatKernel) kernels.getDeclaredField("FLOAT").get(null);
          d = (DoubleKernel) kernels.getDeclaredField("DOUBLE").get(null);
          p = (PixelDecoding.Kernel) kernels.getDeclaredField("PIXELS").get(null);
          lanes = kernels.getDeclaredField("FLOAT_LANES").getInt(null);
          doubleLanes = kernels.getDeclaredField("DOUBLE_LANES").getInt(null);
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot load the Vector API kernels", e);
      }
    }
    AVAILABLE = f != null;
    FLOAT = f;
    DOUBLE = d;
    PIXELS = p;
    FLOAT_LANES = lanes;
    DOUBLE_LANES = doubleLanes;
  }

  private VectorSupport() {
  }
}
