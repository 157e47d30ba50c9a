#!/usr/bin/env bash
# Speed against numpy and PyTorch, in one run:
#   1. a venv in .venv-bench/ (git-ignored) with numpy and torch from PyPI (torch's PyPI wheel;
#      it runs on the CPU when no GPU is present — big download, once);
#   2. `swift build -c release` of the bench command (own scratch path, see CONTRIBUTING.md);
#   3. scripts/compare.py: each workload in Swift, then in numpy/PyTorch, 2 threads each,
#      and one table with ours, theirs and the ratio.
# Usage: scripts/compare.sh [--avx] [--quick] [--rounds N] [--epochs N] [--batch N] [--json OUT]
#   --rounds N  matmul and conv N times, alternating sides, keeping each side's best (shared cores)
#   --avx  builds for Haswell-class CPUs (AVX2) with the 256-bit GEMM micro-kernel (`GEMM_AVX`), in its
#          own scratch folder. Only for a machine whose CPU has AVX2 (see /proc/cpuinfo); the
#          default build runs on any x86-64.
# Environment: SCRATCH (default .build-perf or .build-perf-avx), PYTHON (default python3).
set -euo pipefail
cd "$(dirname "$0")/.."
FLAGS=()
if [ "${1:-}" = "--avx" ]; then
    shift
    grep -qw avx2 /proc/cpuinfo || { echo "--avx: this CPU has no AVX2" >&2; exit 2; }
    FLAGS=(-Xswiftc -DGEMM_AVX -Xswiftc -target-cpu -Xswiftc haswell)
    SCRATCH="${SCRATCH:-.build-perf-avx}"
fi
SCRATCH="${SCRATCH:-.build-perf}"
PYTHON="${PYTHON:-python3}"
VENV=.venv-bench

if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c "import numpy, torch" 2>/dev/null; then
    "$VENV/bin/pip" install --quiet --upgrade pip
    "$VENV/bin/pip" install --quiet numpy torch
fi
"$VENV/bin/python" -c "import torch; torch.zeros(2).sum(); print('torch', torch.__version__, 'on CPU, cuda available:', torch.cuda.is_available())" >&2

swift build -c release --scratch-path "$SCRATCH" "${FLAGS[@]}" --product bench >&2
BENCH="$(swift build -c release --scratch-path "$SCRATCH" "${FLAGS[@]}" --show-bin-path)/bench"
exec "$VENV/bin/python" scripts/compare.py --bench "$BENCH" "$@"
