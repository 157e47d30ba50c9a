#!/usr/bin/env bash
# Measures the grader's own speed, for the README's table:
#   1. first `swift run grade ex1` on a fresh clone (package build included);
#   2. re-grading ex1 after a one-line edit of a stub (median of 7 edits);
#   3. `grade all --solutions` with cold caches;
#   4. `grade batch` of 100 sample submissions of ex1 (a realistic mix).
# Usage: scripts/measure-grader.sh [which...]   (default: all four)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q "$repo" "$work/course"
cd "$work/course"
export NO_COLOR=1
which=${*:-"first regrade all batch"}
now() { date +%s.%N; }
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(swift --version 2>&1 | head -1)"

if [[ $which == *first* ]]; then
    start=$(now); swift run grade ex1 >/dev/null 2>&1 || true; end=$(now)
    printf 'first grade ex1 on a fresh clone: %.1f s\n' "$(echo "$end - $start" | bc)"
fi
if [[ $which == *regrade* ]]; then
    swift build --product grade >/dev/null 2>&1
    .build/debug/grade ex1 >/dev/null 2>&1 || true
    file=Exercises/ex1/Softmax.swift
    times=()
    for i in 1 2 3 4 5 6 7; do
        sed -i "s|^/// Row-wise softmax.*|/// Row-wise softmax of \`logits\` [N, K], numerically stable (edit $i).|" "$file"
        start=$(now); .build/debug/grade ex1 >/dev/null 2>&1 || true; end=$(now)
        times+=("$(echo "$end - $start" | bc)")
    done
    git checkout -q "$file"
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 4p)
    printf 're-grade ex1 after a one-line edit: median %.2f s (runs: %s)\n' "$median" "${times[*]}"
fi
if [[ $which == *all* ]]; then
    swift build --product grade >/dev/null 2>&1
    rm -rf .grade/build
    start=$(now); .build/debug/grade all --solutions | tail -16; end=$(now)
    printf 'grade all --solutions, cold caches: %.1f s\n' "$(echo "$end - $start" | bc)"
fi
if [[ $which == *batch* ]]; then
    swift build --product grade >/dev/null 2>&1
    .build/debug/grade samples ex1 "$work/samples" --count 100
    .build/debug/grade warm ex1 >/dev/null
    start=$(now); .build/debug/grade batch "$work/samples" --exercise ex1 --out "$work/grades" | tail -1; end=$(now)
    printf 'batch of 100 submissions of ex1: %.1f s\n' "$(echo "$end - $start" | bc)"
fi
