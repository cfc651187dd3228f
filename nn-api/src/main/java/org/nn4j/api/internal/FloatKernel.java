package org.nn4j.api.internal;

/**
 * A {@code float32} micro-kernel: one {@link FloatGemm#MR}×{@link FloatGemm#NR} tile of C from one packed
 * panel of A and one of B.
 *
 * <p>Every implementation must give the same bits: each tile element starts at {@code +0.0}, takes one fused
 * multiply-add per {@code p = 0 … kc-1} in that order, and is then stored ({@code overwrite}) or added to C.
 */
interface FloatKernel {
  /**
   * Computes one tile.
   *
   * @param kc depth of the panels
   * @param ap packed A, {@code MR} values per step of {@code p}, starting at {@code ao}
   * @param bp packed B, {@code NR} values per step of {@code p}, starting at {@code bo}
   * @param c row-major C; the tile's first element is at {@code co}, rows are {@code ldc} apart
   * @param mr rows of the tile that lie inside C
   * @param nr columns of the tile that lie inside C
   * @param overwrite store the sum instead of adding it to C
   * @param tile the calling thread's scratch of {@code MR·NR} values
   */
  void compute(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc, int mr, int nr,
      boolean overwrite, float[] tile);
}
