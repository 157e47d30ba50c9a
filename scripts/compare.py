#!/usr/bin/env python3
"""Runs the bench workloads in Swift (our `bench` binary) and in numpy / PyTorch, interleaved
workload by workload so both sides see the same machine load, and prints one table with our
number, theirs, and the ratio. Called by scripts/compare.sh (which makes the venv and builds).

    python scripts/compare.py --bench PATH/TO/bench [--quick] [--rounds N] [--epochs N] [--batch N] [--json OUT]

Threads are limited to 2 on both sides (OPENBLAS/OMP/MKL_NUM_THREADS and torch.set_num_threads).
"""
import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time

THREADS = 2
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = str(THREADS)

import numpy as np  # noqa: E402  (after the thread variables)
import torch  # noqa: E402

torch.set_num_threads(THREADS)
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def median_time(fn, runs, warmups=1):
    for _ in range(warmups):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    times.sort()
    mid = len(times) // 2
    return times[mid] if len(times) % 2 else (times[mid - 1] + times[mid]) / 2


def run_swift(bench, workload, extra):
    out = subprocess.run([bench, workload, "--json", *extra], check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(out.stdout)


# MARK: matmul ---------------------------------------------------------------

def matmul_theirs(sizes):
    rows = {}
    rng = np.random.default_rng(1)
    for n in sizes:
        runs = 15 if n <= 256 else 9 if n <= 512 else 5 if n <= 1024 else 2
        warm = 0 if n >= 2048 else 1
        flops = 2.0 * n ** 3
        row = {}
        for name, dtype in (("float", np.float32), ("double", np.float64)):
            a = rng.uniform(-1, 1, (n, n)).astype(dtype)
            b = rng.uniform(-1, 1, (n, n)).astype(dtype)
            row["numpy_" + name] = flops / median_time(lambda: a @ b, runs, warm) / 1e9
            ta, tb = torch.from_numpy(a), torch.from_numpy(b)
            row["torch_" + name] = flops / median_time(lambda: torch.mm(ta, tb), runs, warm) / 1e9
        rows[n] = row
    return rows


# MARK: conv -----------------------------------------------------------------

def conv_theirs(runs):
    n, c, f, size, k, pad = 64, 3, 16, 32, 5, 2
    result = {}
    for name, dtype in (("float64", torch.float64), ("float32", torch.float32)):
        g = torch.Generator().manual_seed(2)
        conv = torch.nn.Conv2d(c, f, k, stride=1, padding=pad).to(dtype)
        x = torch.randn(n, c, size, size, generator=g, dtype=dtype, requires_grad=True)
        dy = torch.randn(n, f, size, size, generator=g, dtype=dtype)

        def forward():
            with torch.no_grad():
                conv(x)

        def both():
            x.grad = None
            conv.zero_grad(set_to_none=True)
            conv(x).backward(dy)   # dx, dW, db, as our backward

        result[name] = {"forward_ms": median_time(forward, runs) * 1e3,
                        "forward_backward_ms": median_time(both, runs) * 1e3}
    return result


# MARK: lenet ----------------------------------------------------------------

def load_digits():
    data = np.loadtxt(os.path.join(REPO, "Sources/DeepLearning/Resources/digits.csv"), delimiter=",")
    images = (data[:, :64] / 16.0).reshape(-1, 1, 8, 8)
    return images, data[:, 64].astype(np.int64)


def stratified_split(labels, test_fraction, seed):
    rng = np.random.default_rng(seed)
    train, test = [], []
    for label in range(10):
        idx = np.flatnonzero(labels == label)
        rng.shuffle(idx)
        cut = int(round(len(idx) * test_fraction))
        test.extend(idx[:cut])
        train.extend(idx[cut:])
    return np.sort(np.array(train)), np.sort(np.array(test))


def lenet_theirs(epochs, batch, dtype, test_fraction=0.2, validation_fraction=0.1):
    """The DigitsNet recipe of Sources/DeepLearning/Models/DigitsNet+Training.swift in PyTorch:
    conv 8@3×3 p1, relu, maxpool 2, conv 16@3×3 p1, relu, maxpool 2, flatten, dense 10;
    He-uniform weights, zero biases; Adam lr 0.003 decaying linearly to 0.0003 per step; batches
    of 32 reshuffled every epoch; a stratified test split, then a stratified share of the rest
    held out for validation (evaluated after every epoch), with the fractions our bench used;
    the test set evaluated once, at the end."""
    torch.manual_seed(0)
    images, labels = load_digits()
    rest_idx, test_idx = stratified_split(labels, test_fraction, 0)
    train_pos, val_pos = stratified_split(labels[rest_idx], validation_fraction, 1)
    train_idx, val_idx = rest_idx[train_pos], rest_idx[val_pos]
    x_train = torch.tensor(images[train_idx], dtype=dtype)
    y_train = torch.tensor(labels[train_idx])
    x_val = torch.tensor(images[val_idx], dtype=dtype)
    y_val = torch.tensor(labels[val_idx])
    x_test = torch.tensor(images[test_idx], dtype=dtype)
    y_test = torch.tensor(labels[test_idx])
    nn = torch.nn
    model = nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2, 2),
        nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2, 2),
        nn.Flatten(), nn.Linear(64, 10)).to(dtype)
    for layer in model:
        if isinstance(layer, (nn.Conv2d, nn.Linear)):
            nn.init.kaiming_uniform_(layer.weight, nonlinearity="relu")   # U(±√(6/fan_in))
            nn.init.zeros_(layer.bias)
    lr = 0.003
    steps = epochs * ((len(train_idx) + batch - 1) // batch)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: 1.0 - 0.9 * min(s, max(1, steps - 1)) / max(1, steps - 1))
    loss_fn = nn.CrossEntropyLoss()
    start = time.perf_counter()
    for _ in range(epochs):
        model.train()
        order = torch.randperm(len(y_train))
        for b in range(0, len(order), batch):
            i = order[b:b + batch]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(x_train[i]), y_train[i])
            loss.backward()
            optimizer.step()
            schedule.step()
        model.eval()
        with torch.no_grad():
            logits = model(x_val)
            loss_fn(logits, y_val).item()
            (logits.argmax(1) == y_val).double().mean().item()
    with torch.no_grad():
        accuracy = (model(x_test).argmax(1) == y_test).double().mean().item()
    return {"seconds": time.perf_counter() - start, "test_accuracy": accuracy,
            "train_count": len(train_idx), "validation_count": len(val_idx), "test_count": len(test_idx)}


def describe_libraries():
    """numpy's BLAS (name, version, kernel architecture, threads) from threadpoolctl, and
    PyTorch's thread counts and CPU capability, as lines for the header."""
    lines = []
    try:
        from threadpoolctl import threadpool_info
        for pool in threadpool_info():
            path = pool.get("filepath", "")
            owner = "numpy's" if "numpy" in path else "torch's" if "torch" in path else "a"
            version = f" {pool['version']}" if pool.get("version") else ""
            kernel = f", kernel {pool['architecture']}" if pool.get("architecture") else ""
            lines.append(f"#   {owner} {pool.get('user_api')} pool: {pool.get('internal_api')}{version}{kernel}, "
                         f"{pool.get('num_threads')} threads ({os.path.basename(path)})")
    except ImportError:
        lines.append("#   numpy's BLAS: unknown (pip install threadpoolctl into the venv to see it)")
    try:
        capability = torch.backends.cpu.get_cpu_capability()
    except AttributeError:
        capability = "?"
    lines.append(f"#   torch: {torch.get_num_threads()} intra-op threads, {torch.get_num_interop_threads()} inter-op, "
                 f"CPU capability {capability}, mkldnn {torch.backends.mkldnn.is_available()}")
    return lines


def describe_cpu():
    """The CPU model and flags that matter, from /proc/cpuinfo (Linux)."""
    try:
        with open("/proc/cpuinfo") as f:
            text = f.read()
    except OSError:
        return platform.processor() or platform.machine()
    model = next((line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("model name")), "?")
    flags = next((line.split(":", 1)[1].split() for line in text.splitlines() if line.startswith("flags")), [])
    mhz = next((line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("cpu MHz")), "?")
    wanted = [f for f in ("avx", "avx2", "fma", "avx512f") if f in flags]
    return f"{model} at {mhz} MHz ({' '.join(wanted)})"


# MARK: main -----------------------------------------------------------------

def ratio(ours, theirs):
    return ours / theirs if theirs else float("nan")


def best_of(kept, new, higher):
    """Merges two results of the same workload, number by number: the larger (GFLOPS) or the
    smaller (milliseconds) of each; nested dictionaries are merged the same way."""
    if kept is None:
        return new
    if isinstance(new, dict):
        return {key: best_of(kept.get(key), value, higher) if key in kept else value for key, value in new.items()}
    if isinstance(new, (int, float)) and isinstance(kept, (int, float)) and not isinstance(new, bool):
        return max(kept, new) if higher else min(kept, new)
    return new


def best_matmul_ours(kept, new):
    """`best_of` for our matmul result, whose rows are a list by size."""
    if kept is None:
        return new
    merged = dict(new)
    merged["matmul"] = [best_of(old, row, higher=True) for old, row in zip(kept["matmul"], new["matmul"])]
    return merged


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bench", required=True, help="path to the release bench binary")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--json", help="also write all numbers to this file")
    parser.add_argument("--rounds", type=int, default=1,
                        help="repeat matmul and conv, ours then theirs, this many times and keep each side's best "
                             "(the cores are shared: a neighbour's burst then hits one round, not the figure)")
    args = parser.parse_args()
    extra = ["--quick"] if args.quick else []
    lenet_extra = extra + ["--epochs", str(args.epochs), "--batch", str(args.batch)]
    sizes = [256, 512] if args.quick else [256, 512, 1024, 2048]
    conv_runs = 3 if args.quick else 9

    load_before = os.getloadavg()
    print(f"# {datetime.datetime.now().isoformat(timespec='minutes')}  {platform.machine()}, "
          f"{os.cpu_count()} cores, load {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}; "
          f"numpy {np.__version__}, torch {torch.__version__}, {THREADS} threads each", flush=True)
    print(f"#   CPU: {describe_cpu()}", flush=True)
    for line in describe_libraries():
        print(line, flush=True)

    ours_mm = theirs_mm = ours_conv = theirs_conv = None
    for round_index in range(max(1, args.rounds)):
        print(f"round {round_index + 1}: matmul (Swift, then numpy/torch) …", file=sys.stderr, flush=True)
        ours_mm = best_matmul_ours(ours_mm, run_swift(args.bench, "matmul", extra))
        theirs_mm = best_of(theirs_mm, matmul_theirs(sizes), higher=True)
        print(f"round {round_index + 1}: conv …", file=sys.stderr, flush=True)
        ours_conv = best_of(ours_conv, run_swift(args.bench, "conv", extra)["conv"], higher=False)
        theirs_conv = best_of(theirs_conv, conv_theirs(conv_runs), higher=False)
    # LeNet: also alternating rounds, each side's fastest run kept (the accuracy is the same every run).
    ours_lenet = ours_lenet_float = theirs_lenet64 = theirs_lenet32 = None
    def faster(kept, new):
        return new if kept is None or "seconds" not in kept or new.get("seconds", float("inf")) < kept["seconds"] else kept
    for round_index in range(max(1, args.rounds)):
        print(f"round {round_index + 1}: lenet …", file=sys.stderr, flush=True)
        ours = run_swift(args.bench, "lenet", lenet_extra)
        ours_lenet = faster(ours_lenet, ours["lenet"])
        ours_lenet_float = faster(ours_lenet_float, ours.get("lenet_float", {"skipped": "not run"}))
        epochs = ours_lenet.get("epochs", args.epochs)
        fractions = (ours_lenet.get("test_fraction", 0.2), ours_lenet.get("validation_fraction", 0.1))
        theirs_lenet64 = faster(theirs_lenet64, lenet_theirs(epochs, args.batch, torch.float64, *fractions))
        theirs_lenet32 = faster(theirs_lenet32, lenet_theirs(epochs, args.batch, torch.float32, *fractions))
    load_after = os.getloadavg()

    lines = []
    out = lines.append
    out("| workload | ours | numpy | PyTorch | ours / numpy | ours / PyTorch |")
    out("|---|---:|---:|---:|---:|---:|")
    for row in ours_mm["matmul"]:
        n = row["n"]
        t = theirs_mm[n]
        for name, key in (("Float", "float"), ("Double", "double")):
            o = row[key + "_gflops"]
            out(f"| matmul {n}³ {name} (GFLOPS, higher is better) | {o:.2f} | {t['numpy_' + key]:.2f} | "
                f"{t['torch_' + key]:.2f} | {ratio(o, t['numpy_' + key]):.2f}× | {ratio(o, t['torch_' + key]):.2f}× |")
    c64, c32 = theirs_conv["float64"], theirs_conv["float32"]
    out(f"| conv2d fwd+bwd, Double vs float64 (ms, lower is better) | {ours_conv['forward_backward_ms']:.1f} | — | "
        f"{c64['forward_backward_ms']:.1f} | — | {ratio(ours_conv['forward_backward_ms'], c64['forward_backward_ms']):.2f}× |")
    out(f"| conv2d fwd+bwd, Double vs float32 (ms) | {ours_conv['forward_backward_ms']:.1f} | — | "
        f"{c32['forward_backward_ms']:.1f} | — | {ratio(ours_conv['forward_backward_ms'], c32['forward_backward_ms']):.2f}× |")
    out(f"| conv2d fwd+bwd, precision .float vs float32 (ms) | {ours_conv['float_forward_backward_ms']:.1f} | — | "
        f"{c32['forward_backward_ms']:.1f} | — | {ratio(ours_conv['float_forward_backward_ms'], c32['forward_backward_ms']):.2f}× |")
    out(f"| conv2d forward only, Double vs float64 (ms) | {ours_conv['forward_ms']:.1f} | — | "
        f"{c64['forward_ms']:.1f} | — | {ratio(ours_conv['forward_ms'], c64['forward_ms']):.2f}× |")
    if "seconds" in ours_lenet:
        rows = [("", ours_lenet, "float64", theirs_lenet64), ("", ours_lenet, "float32", theirs_lenet32)]
        if "seconds" in ours_lenet_float:
            rows.append((", convolutions .float", ours_lenet_float, "float32", theirs_lenet32))
        for label, ours, name, theirs in rows:
            out(f"| digits LeNet{label}, {epochs} epochs, batch {args.batch}, vs {name} (s; test accuracy) | "
                f"{ours['seconds']:.2f} ({ours['test_accuracy'] * 100:.1f} %) | — | "
                f"{theirs['seconds']:.2f} ({theirs['test_accuracy'] * 100:.1f} %) | — | "
                f"{ratio(ours['seconds'], theirs['seconds']):.2f}× |")
    else:
        out(f"| digits LeNet | skipped: {ours_lenet.get('skipped')} | | | | |")
    out("")
    if args.rounds > 1:
        out(f"Each side's best of {args.rounds} alternating rounds (matmul, conv and LeNet).")
    out(f"Ratios: for GFLOPS above 1 means we are faster; for times below 1 means we are faster. "
        f"Load average before {load_before[0]:.2f}, after {load_after[0]:.2f} (2 cores).")
    out(f"Our conv breakdown: forward {ours_conv['forward_ms']:.1f} ms, backward {ours_conv['backward_ms']:.1f} ms; "
        f"im2col {ours_conv['im2col_ms']:.1f} ms, col2im {ours_conv['col2im_ms']:.1f} ms, "
        f"the layer's three per-example products through Gemm alone {ours_conv['gemm_products_ms']:.1f} ms "
        f"(in Float {ours_conv['gemm_products_float_ms']:.1f} ms; the Float layer forward "
        f"{ours_conv['float_forward_ms']:.1f} ms, backward {ours_conv['float_backward_ms']:.1f} ms). "
        f"Previous i-p-j matmul loop at 512 Double: {ours_mm['matmul_loop_512_double_gflops']:.2f} GFLOPS. "
        f"Our SIMD: {ours_mm['simd']}.")
    out(f"Ours: CPU {ours_mm.get('cpu', '?')} ({ours_mm.get('cpu_features', '?')}); kernel {ours_mm.get('kernel_summary', '?')}; "
        f"{ours_mm.get('threads', '?')} threads. LeNet: ours {ours_lenet.get('train_count', '?')} training images, "
        f"PyTorch {theirs_lenet32.get('train_count', '?')} (validation {theirs_lenet32.get('validation_count', '?')}, "
        f"test {theirs_lenet32.get('test_count', '?')}).")
    print("\n".join(lines))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"ours": {"matmul": ours_mm, "conv": ours_conv, "lenet": ours_lenet, "lenet_float": ours_lenet_float},
                       "theirs": {"matmul": theirs_mm, "conv": theirs_conv,
                                  "lenet_float64": theirs_lenet64, "lenet_float32": theirs_lenet32},
                       "load": [load_before, load_after]}, f, indent=2, default=str)


if __name__ == "__main__":
    main()
