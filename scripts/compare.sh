#!/usr/bin/env bash
# Speed against numpy and PyTorch, in one run:
#   1. a venv in .venv-bench/ (git-ignored) with numpy, torch and threadpoolctl from PyPI (torch's
#      PyPI wheel; it runs on the CPU when no GPU is present — big download, once);
#   2. `swift build -c release` of the bench command (own scratch path, see CONTRIBUTING.md). The
#      package builds TensorCore for the CPU that builds it (`-target-cpu native`, `GEMM_NATIVE`:
#      the fused AVX2/FMA GEMM kernel where the CPU has it; `bench` prints which kernel runs);
#   3. scripts/compare.py: each workload in Swift, then in numpy/PyTorch, 2 threads each,
#      and one table with ours, theirs and the ratio, headed by the CPU, numpy's BLAS and the load.
# Usage: scripts/compare.sh [--quick] [--rounds N] [--epochs N] [--batch N] [--json OUT]
#   --rounds N  matmul and conv N times, alternating sides, keeping each side's best (shared cores)
# Environment: SCRATCH (default .build-perf), PYTHON (default python3).
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH="${SCRATCH:-.build-perf}"
PYTHON="${PYTHON:-python3}"
VENV=.venv-bench

if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c "import numpy, torch, threadpoolctl" 2>/dev/null; then
    "$VENV/bin/pip" install --quiet --upgrade pip
    "$VENV/bin/pip" install --quiet numpy torch threadpoolctl
fi
"$VENV/bin/python" -c "import torch; torch.zeros(2).sum(); print('torch', torch.__version__, 'on CPU, cuda available:', torch.cuda.is_available())" >&2

swift build -c release --scratch-path "$SCRATCH" --product bench >&2
BENCH="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/bench"
exec "$VENV/bin/python" scripts/compare.py --bench "$BENCH" "$@"
