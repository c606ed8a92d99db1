#!/usr/bin/env python3
"""Compares the wall time of two commands run in alternating pairs.

On a shared, noisy machine, timing one command and then the other (as hyperfine does)
measures the machine's drift as much as the change. Here each pair runs both commands
back to back, in a random order, so both see the same load; the paired ratio is what to
quote.

    tests/bench/ab.py [--runs N] [--cwd DIR] -- BASE COMMAND... -- NEW COMMAND...

For example, two builds of `check` over the corpus × 8 that throughput.sh makes:

    tests/bench/ab.py --runs 80 --cwd /tmp/c8 -- /tmp/base/debrief-ls check . --format json \\
        -- target/release/debrief-ls check . --format json

Prints each command's median, 10th and 90th percentile, how many pairs the new command
won, and the median of the per-pair ratios new / base (below 1: faster).
"""

import argparse
import random
import statistics
import subprocess
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=60, help="pairs to run (default 60)")
    parser.add_argument("--cwd", default=None, help="folder to run the commands in")
    parser.add_argument("--warmup", type=int, default=3, help="pairs run first and not counted (default 3)")
    args, rest = parser.parse_known_args()
    if rest.count("--") != 2 or rest[0] != "--":
        parser.error("give the two commands as: -- BASE COMMAND... -- NEW COMMAND...")
    split = rest.index("--", 1)
    base, new = rest[1:split], rest[split + 1 :]
    if not base or not new:
        parser.error("both commands are needed")

    def run(command: list[str]) -> float:
        start = time.perf_counter()
        done = subprocess.run(command, cwd=args.cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
        # Findings make `check` exit 1; anything else is a failure to report.
        if done.returncode not in (0, 1):
            sys.exit(f"{' '.join(command)} exited with {done.returncode}")
        return elapsed

    times: dict[str, list[float]] = {"base": [], "new": []}
    for i in range(args.warmup + args.runs):
        pair = [("base", base), ("new", new)]
        random.shuffle(pair)
        for name, command in pair:
            elapsed = run(command)
            if i >= args.warmup:
                times[name].append(elapsed)

    for name in ("base", "new"):
        t = sorted(times[name])
        print(
            f"{name}: median {statistics.median(t) * 1e3:.2f} ms "
            f"(p10 {t[len(t) // 10] * 1e3:.2f}, p90 {t[9 * len(t) // 10] * 1e3:.2f}) over {len(t)} runs"
        )
    ratios = [n / b for b, n in zip(times["base"], times["new"])]
    wins = sum(r < 1 for r in ratios)
    print(f"new faster in {wins} of {len(ratios)} pairs; median ratio new/base {statistics.median(ratios):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
