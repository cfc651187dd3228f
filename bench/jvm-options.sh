# Sourced by the benchmark scripts: the JVM options the ./nn4j launcher passes, so that nn4j is measured as
# users run it. The incubating Vector API makes matrix multiply several times faster; until C2 has compiled
# them its kernels run many times slower than plain Java, so they are compiled after a twentieth of the usual
# calls (without this, a kernel first met during a measurement runs interpreted for much of it).
# Keep in step with the launcher.
NN4J_JVM_OPTIONS=(--add-modules jdk.incubator.vector -XX:CompileCommand=quiet
  "-XX:CompileCommand=CompileThresholdScaling,org.nn4j.api.internal.VectorKernels::*,0.05")
# Huge pages for the heap where Linux gives them on request, as the launcher asks for them.
if grep -qs '\[madvise\]' /sys/kernel/mm/transparent_hugepage/enabled; then
  NN4J_JVM_OPTIONS+=(-XX:+UseTransparentHugePages)
fi
