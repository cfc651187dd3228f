#!/usr/bin/env bash
# GEMM GFLOP/s of nn4j (Vector API and plain-Java kernels) beside NumPy, for the shapes of nn-bench's
# GemmTiming, run one after the other so they do not compete for the cores.
#
# Build first:  mvn -B -pl nn-api,nn-bench -am package -DskipTests
# Environment:  THREADS (default 1,2), SECONDS_PER_CASE (default 1), STAT (best or median, default best:
#               on a shared machine other load only slows a slice down, so the best slice is the steadier),
#               CLOCK (wall or cpu, default wall; cpu times the calling thread's CPU time, which leaves out
#               the time other processes held the core, and so implies THREADS=1), KERNELS (nn4j kernels,
#               default vector,plain where the Vector API runs).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
jar="$(dirname "$here")/nn-bench/target/benchmarks.jar"
if [[ ! -f "$jar" ]]; then
  echo "no $jar: build it with  mvn -B -pl nn-api,nn-bench -am package -DskipTests" >&2
  exit 1
fi
clock=${CLOCK:-wall}
if [[ $clock == cpu ]]; then
  threads=1
else
  threads=${THREADS:-1,2}
fi
seconds=${SECONDS_PER_CASE:-1}
case ${STAT:-best} in
  best) column=6 ;;
  median) column=5 ;;
  *) echo "STAT must be best or median" >&2; exit 1 ;;
esac

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "NumPy ..." >&2
for t in ${threads//,/ }; do
  # Some machines set OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE to pin OpenBLAS to an older kernel; the
  # reference is NumPy as it runs by default, so they are cleared for this command only.
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 "$here/gemm_numpy.py" --threads "$t" \
    --seconds "$seconds" --clock "$clock" >> "$out/numpy.tsv"
done
echo "nn4j ..." >&2
source "$here/jvm-options.sh"
java "${NN4J_JVM_OPTIONS[@]}" -cp "$jar" org.nn4j.bench.GemmTiming "threads=$threads" \
  "seconds=$seconds" "clock=$clock" ${KERNELS:+"kernels=$KERNELS"} > "$out/nn4j.tsv" 2> "$out/nn4j.err" || { cat "$out/nn4j.err" >&2; exit 1; }

awk -F'\t' -v col="$column" '
  FNR == NR { numpy[$2 FS $3 FS $4] = $col; next }
  {
    key = $2 FS $3 FS $4
    gf[$1 FS key] = $col
    if (!(key in seen)) { seen[key] = 1; order[++count] = key }
  }
  END {
    printf "%-5s %-18s %3s %9s %9s %7s %9s %7s\n", "dtype", "shape", "thr", "numpy", "vector", "v/np",
      "plain", "p/np"
    for (i = 1; i <= count; i++) {
      split(order[i], f, FS)
      np = numpy[order[i]]; v = gf["vector" FS order[i]]; p = gf["plain" FS order[i]]
      printf "%-5s %-18s %3s %9s %9s %7s %9s %7s\n", f[1], f[2], f[3], np, v,
        (np > 0 && v != "") ? sprintf("%.2f", v / np) : "-", p, (np > 0 && p != "") ? sprintf("%.2f", p / np) : "-"
    }
  }' "$out/numpy.tsv" "$out/nn4j.tsv"
echo "(GFLOP/s of the ${STAT:-best} slice by $clock clock; ratios are nn4j/NumPy)"
