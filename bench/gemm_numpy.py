#!/usr/bin/env python3
"""NumPy reference for nn4j's GEMM timings: GFLOP/s of the shapes nn-bench's GemmTiming measures.

Prints one tab-separated line per case, as GemmTiming does:
numpy, dtype, shape, threads, GFLOP/s of the median slice, GFLOP/s of the best slice.
A shape "TN:784x100x50" means op(A) is 784x100 and op(B) is 100x50, A stored transposed (T) or not (N),
likewise B; a transposed operand is passed to BLAS as a transposed view, with no copy.
"""
import argparse
import os
import sys
import time

SHAPES = [
    "NN:1024x1024x1024", "TN:1024x1024x1024", "NT:1024x1024x1024",
    "NN:100x784x50", "TN:784x100x50", "NT:100x50x784",
    "NN:128x784x512", "TN:784x128x512", "NT:128x512x784",
    "NN:128x512x512", "TN:512x128x512", "NT:128x512x512",
]
SLICE_SECONDS = 0.05


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1, help="BLAS threads")
    parser.add_argument("--seconds", type=float, default=1.0, help="measuring time per case")
    parser.add_argument("--dtypes", default="f32,f64")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                        help="cpu: the calling thread's CPU time, leaving out time other processes held the "
                             "core; needs --threads 1, where BLAS runs on the calling thread")
    args = parser.parse_args()
    if args.clock == "cpu" and args.threads != 1:
        parser.error("--clock cpu needs --threads 1")
    clock = time.thread_time if args.clock == "cpu" else time.perf_counter
    # The BLAS reads its thread count when it loads, so it must be set before NumPy is imported.
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(args.threads)
    import numpy as np

    rng = np.random.default_rng(42)
    for dtype in args.dtypes.split(","):
        np_type = {"f32": np.float32, "f64": np.float64}[dtype]
        for shape in args.shapes.split(","):
            ops, dims = shape.split(":")
            m, k, n = (int(d) for d in dims.split("x"))
            a = rng.standard_normal((k, m) if ops[0] == "T" else (m, k)).astype(np_type)
            b = rng.standard_normal((n, k) if ops[1] == "T" else (k, n)).astype(np_type)
            op_a = a.T if ops[0] == "T" else a
            op_b = b.T if ops[1] == "T" else b
            c = np.empty((m, n), dtype=np_type)
            flops = 2.0 * m * n * k
            time_slices(lambda: np.matmul(op_a, op_b, out=c), 0.5, clock)
            per_run = time_slices(lambda: np.matmul(op_a, op_b, out=c), args.seconds, clock)
            print(f"numpy\t{dtype}\t{shape}\t{args.threads}\t{flops / per_run[len(per_run) // 2] / 1e9:.1f}"
                  f"\t{flops / per_run[0] / 1e9:.1f}")
            sys.stdout.flush()


def time_slices(run, seconds, clock):
    """Seconds per run in each slice of about 50 ms on clock, sorted: the first is the best."""
    per_run = []
    end = time.perf_counter() + seconds
    while True:
        start = clock()
        runs = 0
        while True:
            run()
            runs += 1
            now = clock()
            if now - start >= SLICE_SECONDS:
                break
        per_run.append((now - start) / runs)
        if time.perf_counter() >= end:
            return sorted(per_run)


if __name__ == "__main__":
    main()
