#!/usr/bin/env bash
# Regenerate the Yosys FPGA calibration table used by the QDSE cost model.
#
#   tools/fpga-calibration/run.sh [-j JOBS] [-t TIMEOUT_S] [-o OUT_CSV] [-k KEEP_DIR] [-f REGEX]
#
#   -j  parallel yosys runs (default 2)
#   -t  per-synthesis time limit in seconds (default 300)
#   -o  output CSV (default hwmodels/src/main/resources/io/qdse/hwmodels/fpga/yosys_calibration.csv)
#   -k  keep generated Verilog and yosys logs in this directory (default: temp dir, deleted)
#   -f  only designs whose name matches this regex (e.g. '^mul_u_8x8$'); for quick checks
#
# Needs: yosys (tested with Debian yosys 0.23), python3, GNU coreutils (timeout), xargs.
# See README.md in this folder for the CSV columns.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"

# ---------------------------------------------------------------------------
# Worker mode: run.sh __one WORKDIR TIMEOUT DESIGN TARGET  (called via xargs)
# ---------------------------------------------------------------------------
if [[ "${1:-}" == "__one" ]]; then
    workdir="$2"; tlimit="$3"; design="$4"; target="$5"
    script="$(awk -F'\t' -v t="$target" '$1 == t { print $2 }' "$workdir/targets.tsv")"
    if [[ -z "$script" ]]; then echo "unknown target $target" >&2; exit 1; fi
    base="$workdir/results/$design.$target"
    start=$(date +%s.%N)
    set +e
    timeout "$tlimit" yosys -p "$script" "$workdir/rtl/$design.v" >"$base.log" 2>&1
    rc=$?
    set -e
    end=$(date +%s.%N)
    secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
    {
        echo "rc=$rc"
        echo "seconds=$secs"
        echo "timeout=$tlimit"
        echo "yosys_version=$(cat "$workdir/yosys_version")"
    } >"$base.meta"
    printf '%-22s %-11s rc=%-3s %6ss\n' "$design" "$target" "$rc" "$secs"
    exit 0
fi

JOBS=2
TLIMIT=300
OUT="$REPO/hwmodels/src/main/resources/io/qdse/hwmodels/fpga/yosys_calibration.csv"
KEEP=""
FILTER=""
while getopts "j:t:o:k:f:h" opt; do
    case "$opt" in
        j) JOBS="$OPTARG" ;;
        t) TLIMIT="$OPTARG" ;;
        o) OUT="$OPTARG" ;;
        k) KEEP="$OPTARG" ;;
        f) FILTER="$OPTARG" ;;
        *) sed -n '2,13p' "$0"; exit 2 ;;
    esac
done

command -v yosys >/dev/null || { echo "yosys not found (apt-get install yosys)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 not found" >&2; exit 1; }

if [[ -n "$KEEP" ]]; then
    WORK="$KEEP"
    rm -rf "$WORK/rtl" "$WORK/results"
    mkdir -p "$WORK"
else
    WORK="$(mktemp -d "${TMPDIR:-/tmp}/qdse-fpga-calib.XXXXXX")"
    trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$WORK/results"

# "Yosys 0.23 (git sha1 7ce5011c24b)" -> "0.23 (git sha1 7ce5011c24b)"
yosys -V | head -n1 | sed 's/^Yosys //' >"$WORK/yosys_version"

if [[ -n "$FILTER" ]]; then
    python3 "$HERE/calib.py" gen "$WORK" --filter "$FILTER"
else
    python3 "$HERE/calib.py" gen "$WORK"
fi

echo "yosys $(cat "$WORK/yosys_version"); $JOBS parallel jobs; ${TLIMIT}s limit per run; work dir $WORK"
t0=$(date +%s)
# Each line of jobs.txt is "DESIGN TARGET".
xargs -a "$WORK/jobs.txt" -P "$JOBS" -L 1 "$HERE/run.sh" __one "$WORK" "$TLIMIT"
t1=$(date +%s)
echo "synthesis wall time: $((t1 - t0)) s"

python3 "$HERE/calib.py" collect "$WORK" "$OUT"
