"""Benchmark: `planner check`'s assessment (the DCMA 14 points) on large synthetic plans.

Not a test: it prints figures and judges them against the floor (the exit code is non-zero
only if a measurement crashes). Run from the repository root:

    python bench/bench_check.py                     # 1k, 10k and 100k tasks, 5 runs each
    python bench/bench_check.py --sizes 10000 --repeat 9

The plans are bench_schedule.py's, built in memory and scheduled before the timing; what is
timed is `assess(plan, schedule)` alone: the metrics are array work over the schedule, the
critical path test one extra CPM run on a copy with one task delayed. The floor: a
10,000-task plan in under 1 s (median).
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from bench_schedule import build_plan  # noqa: E402

from planner.analysis.check import assess  # noqa: E402
from planner.engine.schedule import schedule  # noqa: E402

FLOORS = {10_000: 1.0}  # seconds, median of the runs


def measure(size: int, window: int, seed: int, repeat: int) -> list[float]:
    plan = build_plan(size, window, seed)
    own = schedule(plan)
    times: list[float] = []
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        check = assess(plan, own)
        times.append(time.perf_counter() - started)
        assert len(check.metrics) == 14 and check.metric("critical_path").path_test
    return times


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--window", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    print(f"{'tasks':>7} {'best s':>8} {'median s':>9}  floor")
    for size in (int(s) for s in args.sizes.split(",")):
        times = measure(size, args.window, args.seed, args.repeat)
        median = statistics.median(times)
        floor = FLOORS.get(size)
        verdict = ""
        if floor is not None:
            verdict = f"< {floor} s: {'ok' if median < floor else 'MISSED'}"
        print(f"{size:>7} {min(times):>8.3f} {median:>9.3f}  {verdict}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
