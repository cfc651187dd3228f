#!/usr/bin/env bash
# nn4j beside NumPy on the same data, run one after the other so that they never compete for the cores:
#   (a) GEMM GFLOP/s at the shapes of the training workloads and at 1024³ (bench/gemm-compare.sh),
#   (b) seconds per epoch of the book's two-layer network (784-50-10, init 0.01, SGD lr 0.1, batch 100) on
#       the bundled MNIST sample, float32 and float64,
#   (c) seconds per epoch of 784-512-512-10 ReLU (He init, Adam lr 0.001, batch 128), float32, on the sample
#       and on the IDX directory given with --data.
# Each training figure is the median over epochs after the first (training steps only), and then the median
# over RUNS alternating runs of each side; the test accuracy after the last epoch is printed beside it, so a
# speed-up that breaks learning shows, and so are the first epoch's time, which for nn4j holds the JVM's warm-up,
# and the time of all the epochs together, warm-up included.
# The two-layer network runs 60 epochs (the book trains it for 10,000 steps, 125 epochs of the sample): an epoch
# of it is 80 steps of a fraction of a millisecond, and the JVM's compilers need about the first second and a
# half, six to ten epochs, to bring all of the code to full speed. Over 20 epochs, as until this version, those
# were up to half of the epochs timed and the median often fell among them; over 60 it is the steady state, and
# the warm-up shows in the first epoch and in the total. The 784-512-512-10 network runs 5 epochs: in some
# runs the JVM takes two of them to settle (a vector kernel first compiled while it still boxes its vectors).
#
# Build first:  mvn -B -pl nn-bench -am package -DskipTests
# Usage:        bench/compare.sh [--data DIR] [--no-gemm]
# Environment:  RUNS (default 3), EPOCHS_TWO_LAYER (default 60), EPOCHS_MLP (default 5),
#               THREADS, SECONDS_PER_CASE (default 0.5), KERNELS (default vector), STAT: passed to the GEMM part;
#               TRAIN_THREADS (default: each side's own choice, both cores) caps the BLAS and GEMM threads of
#               training, e.g. 1 on a busy machine, where OpenBLAS's spinning threads suffer most from other load.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
jar="$root/nn-bench/target/benchmarks.jar"
sample="$root/nn-examples/src/main/resources/mnist-sample"
data=""
gemm=1
while [[ $# -gt 0 ]]; do
  case $1 in
    --data) data=${2:?--data needs a directory}; shift 2 ;;
    --no-gemm) gemm=0; shift ;;
    -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument $1 (try --help)" >&2; exit 1 ;;
  esac
done
if [[ -n $data && ! -d $data ]]; then
  echo "--data $data: not a directory" >&2
  exit 1
fi
if [[ ! -f "$jar" ]]; then
  echo "no $jar: build it with  mvn -B -pl nn-bench -am package -DskipTests" >&2
  exit 1
fi
runs=${RUNS:-3}

# Some machines set OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE to pin OpenBLAS to an older kernel; the reference
# is NumPy as it runs by default, so they are cleared for the NumPy commands only.
numpy() {
  if [[ -n ${TRAIN_THREADS:-} ]]; then
    set -- env OPENBLAS_NUM_THREADS="$TRAIN_THREADS" OMP_NUM_THREADS="$TRAIN_THREADS" python3 "$@"
  else
    set -- python3 "$@"
  fi
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$@"
}
source "$here/jvm-options.sh"
nn4j() {
  java "${NN4J_JVM_OPTIONS[@]}" ${TRAIN_THREADS:+-Dnn4j.gemm.threads=$TRAIN_THREADS} ${NN4J_JAVA_OPTS:-} \
    -cp "$jar" "$@"
}

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "== nn4j beside NumPy, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
numpy - <<'EOF'
import numpy as np
try:
    blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
    desc = f'{blas.get("name", "?")} {blas.get("version", "")}'.strip()
    if blas.get("openblas configuration"):
        desc += f' ({" ".join(blas["openblas configuration"].split())})'
except Exception:
    desc = "BLAS unknown (numpy.show_config has no dicts mode in this version)"
print(f"numpy: NumPy {np.__version__}, {desc}; OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset")
EOF
nn4j org.nn4j.bench.TrainTiming about 2> /dev/null

if [[ $gemm == 1 ]]; then
  echo
  echo "== (a) GEMM, GFLOP/s (higher is better; ratio nn4j/NumPy above 1 means nn4j is faster)"
  THREADS=${THREADS:-2} SECONDS_PER_CASE=${SECONDS_PER_CASE:-0.5} KERNELS=${KERNELS:-vector} "$here/gemm-compare.sh"
fi

# Runs one workload RUNS times on each side, alternating, and appends its summary row.
compare() {
  local workload=$1 dtype=$2 epochs=$3 dir=$4 label=$5
  local key="$workload-$dtype-$label"
  echo "  load average $(cut -d' ' -f1-3 /proc/loadavg): $workload $dtype on $label, $epochs epochs, $runs runs each"
  for ((r = 1; r <= runs; r++)); do
    numpy "$here/train_numpy.py" --workload "$workload" --dtype "$dtype" --epochs "$epochs" --data "$dir" \
      | tee -a "$out/$key.numpy" | sed 's/^/    /'
    nn4j org.nn4j.bench.TrainTiming "workload=$workload" "dtype=$dtype" "epochs=$epochs" "data=$dir" \
      2> "$out/err" | tee -a "$out/$key.nn4j" | sed 's/^/    /' || { cat "$out/err" >&2; exit 1; }
  done
  # Lines read "<side> <workload> <dtype>: <s> s/epoch, test accuracy <acc>, first epoch <s> s, all epochs <s> s":
  # field 4 is the time per epoch, 8 the accuracy, 11 the first epoch, 15 all the epochs.
  awk -v row="$workload $dtype $label" '
    function median(a, n,   i, j, t) {
      for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    FNR == 1 { side++ }
    side == 1 { np[++n1] = $4; npacc = $8 + 0; npfirst[n1] = $11; npall[n1] = $15 }
    side == 2 { jv[++n2] = $4; jvacc = $8 + 0; jvfirst[n2] = $11; jvall[n2] = $15 }
    END {
      a = median(np, n1); b = median(jv, n2); c = median(npall, n1); d = median(jvall, n2)
      printf "%-28s %10.4f %8.4f %10.4f %8.4f %8.2f %9.3f %9.3f %8.2f %8.2f %8.2f\n", row, a, npacc, b, jvacc,
        (a > 0 ? b / a : 0), median(npfirst, n1), median(jvfirst, n2), c, d, (c > 0 ? d / c : 0)
    }' "$out/$key.numpy" "$out/$key.nn4j" >> "$out/summary"
}

echo
echo "== (b), (c) training, seconds per epoch (lower is better; ratio nn4j/NumPy above 1 means nn4j is slower)"
echo "  threads: ${TRAIN_THREADS:-as each side chooses}"
compare two-layer float32 "${EPOCHS_TWO_LAYER:-60}" "$sample" sample
compare two-layer float64 "${EPOCHS_TWO_LAYER:-60}" "$sample" sample
compare mlp512 float32 "${EPOCHS_MLP:-5}" "$sample" sample
if [[ -n $data ]]; then
  compare mlp512 float32 "${EPOCHS_MLP:-5}" "$data" "$(basename "$data")"
fi
echo
printf "%-28s %10s %8s %10s %8s %8s %9s %9s %8s %8s %8s\n" "workload dtype data" "numpy s/ep" "acc" "nn4j s/ep" \
  "acc" "nn4j/np" "np 1st ep" "nn4j 1st" "np all" "nn4j all" "all n/np"
cat "$out/summary"
echo "(medians over $runs runs; load average now $(cut -d' ' -f1-3 /proc/loadavg))"
