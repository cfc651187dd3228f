package org.nn4j.api.internal;

/**
 * A {@code float64} micro-kernel: one {@link DoubleGemm#MR}×{@link DoubleGemm#NR} tile of C from a sliver of A
 * and one packed panel of B.
 *
 * <p>Element {@code (r, p)} of the sliver of A, the tile's {@code MR} rows, is at
 * {@code a[ao + r·rowStride + p·stepStride]}. The driver passes one of two layouts, and the Vector API kernels
 * are written for these alone: rows next to each other ({@code rowStride} 1: a packed sliver, padded with zero
 * rows, or a transposed A read in place, whose slivers are then all whole), or rows of a row-major A read in
 * place ({@code stepStride} 1), whose rows at or past {@code mr} are never read. The plain-Java kernel is given
 * packed slivers alone.
 *
 * <p>Every implementation must give the same bits: each tile element starts at {@code +0.0}, takes one fused
 * multiply-add per {@code p = 0 … kc-1} in that order, and is then stored ({@code overwrite}) or added to C.
 *
 * <p>The last few columns of a C whose width is just past a multiple of 8 ({@link DoubleGemm#tailColumns}) are not
 * padded to a whole panel: one of the two tail methods computes them over all of k at once, in an order of its
 * own that every implementation must also follow exactly.
 */
interface DoubleKernel {
  /**
   * Computes one tile.
   *
   * @param kc depth of the sliver and the panel
   * @param a holds the sliver of A, its first element at {@code ao}
   * @param rowStride distance in {@code a} between rows of the sliver
   * @param stepStride distance in {@code a} between steps of {@code p}
   * @param bp packed B, {@code NR} values per step of {@code p}, starting at {@code bo}
   * @param c row-major C; the tile's first element is at {@code co}, rows are {@code ldc} apart
   * @param mr rows of the tile that lie inside C
   * @param nr columns of the tile that lie inside C
   * @param overwrite store the sum instead of adding it to C
   * @param tile the calling thread's scratch of {@code MR·NR} values
   */
  void compute(int kc, double[] a, int ao, int rowStride, int stepStride, double[] bp, int bo, double[] c, int co,
      int ldc, int mr, int nr, boolean overwrite, double[] tile);

  /**
   * Computes tail columns of C for a row-major A, as dot products along its rows: element {@code (r, j)} sums
   * {@code a[ao + r·lda + p] · bt[bo + j·k + p]} in 8 partial sums, partial {@code l} taking the fused
   * multiply-adds of the steps {@code p ≡ l (mod 8)} in order of p from {@code +0.0}; the partials are then
   * added in the order 0, 1, … 7, and the sum is stored ({@code overwrite}) or added to C.
   *
   * @param bt the tail columns of B as rows of length k, the first at {@code bo}
   * @param c row-major C; element {@code (r, j)} is at {@code co + r·ldc + j}
   * @param scratch the calling thread's scratch of {@link DoubleGemm#TAIL_SCRATCH} values
   */
  void dotTail(int k, double[] a, int ao, int lda, int rows, double[] bt, int bo, int cols, double[] c, int co,
      int ldc, boolean overwrite, double[] scratch);

  /**
   * Computes tail columns of C for a transposed A (stored k×m, so that its rows are not contiguous): element
   * {@code (r, j)} starts at {@code +0.0}, takes one fused multiply-add of
   * {@code a[ao + p·lda + r] · bt[bo + j·k + p]} per {@code p = 0 … k-1} in that order, and is then stored or
   * added to C.
   *
   * @param bt the tail columns of B as rows of length k, the first at {@code bo}
   * @param c row-major C; element {@code (r, j)} is at {@code co + r·ldc + j}
   * @param scratch the calling thread's scratch of {@link DoubleGemm#TAIL_SCRATCH} values
   */
  void columnTail(int k, double[] a, int ao, int lda, int rows, double[] bt, int bo, int cols, double[] c, int co,
      int ldc, boolean overwrite, double[] scratch);
}
