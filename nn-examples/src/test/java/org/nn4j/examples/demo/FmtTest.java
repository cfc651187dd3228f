package org.nn4j.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nn4j.api.Tensor;

/** Numbers print as Python and NumPy print them, so the demos read like the book. */
class FmtTest {
  @Test
  void pythonRepr() {
    assertEquals("0.1999999999990898", Fmt.py(0.1999999999990898));
    assertEquals("220.00000000000003", Fmt.py(220.00000000000003));
    assertEquals("200.0", Fmt.py(200));
    assertEquals("-6.111107928998789e-10", Fmt.py(-6.111107928998789e-10));
    assertEquals("1e-10", Fmt.py(1e-10));
    assertEquals("0.0001", Fmt.py(1e-4));
    assertEquals("1e+16", Fmt.py(1e16));
    assertEquals("-25898374737328.363", Fmt.py(-25898374737328.363));
    assertEquals("-0.0", Fmt.py(-0.0));
  }

  @Test
  void numpyArrays() {
    assertEquals("[1.05414809 0.63071653 1.1328074 ]", Fmt.np(Tensor.of(1.05414809, 0.63071653, 1.1328074)));
    assertEquals("[6. 8.]", Fmt.np(Tensor.of(6.00000000000378, 7.999999999999119)));
    assertEquals("[-2.99999994  3.99999992]", Fmt.np(Tensor.of(-2.999999939999995, 3.9999999199999934)));
    assertEquals("[-6.11110793e-10  8.14814391e-10]", Fmt.np(Tensor.of(-6.111107928998789e-10, 8.148143905314271e-10)));
    assertEquals("[[ 1.  -0.5]\n [-2.   3. ]]", Fmt.np(Tensor.of(new double[][] {{1, -0.5}, {-2, 3}})));
  }
}
