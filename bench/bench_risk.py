"""Benchmark: Monte Carlo deadline risk on synthetic plans (not a test).

    python bench/bench_risk.py                          # 1k and 10k tasks, 10,000 iterations
    python bench/bench_risk.py --sizes 1000 --iterations 20000

Each size runs in a fresh subprocess so its peak RSS is its own. The plans are those of
bench_schedule.py (summaries, mixed link types, a weekdays calendar), written as plan.yaml
in a temporary folder with no status snapshot; every task gets the plan's default
uncertainty [-10%, +40%] (beta-PERT). The run is what `planner risk` does: the folder opened
with `Project.open` (not timed), then `project.simulate(...)` from the plan start (timed,
the project's calendar and deterministic schedule included).
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

FLOORS = {1_000: 0.6, 10_000: 6.0}  # seconds for 10,000 iterations
MEMORY_FLOOR_MB = 1536.0


def worker(folder: str, iterations: int, repeat: int) -> dict[str, Any]:
    import numpy as np

    from planner import Project
    from planner.engine.network import network_of

    # Opening the folder loads plan.yaml and builds the network (not timed), as a user's
    # `planner risk` run has it before simulating. One short run first warms the quantile
    # tables and the level walk, which are shared by every project in the process.
    Project.open(folder).simulate(iterations=64, seed=0)
    times = []
    for run in range(repeat):
        project = Project.open(folder)  # a fresh project each run: nothing cached
        gc.collect()
        start = time.perf_counter()
        risk = project.simulate(iterations=iterations, seed=run)
        times.append(time.perf_counter() - start)
    plan = project.plan
    target = risk.target(None)
    return {
        "tasks": len(plan.tasks), "links": int(network_of(plan).pred.size),
        "depth": network_of(plan).depth,
        "iterations": iterations, "best_s": min(times), "median_s": statistics.median(times),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "project_p50": target.percentile(50).isoformat(),
        "numpy": np.__version__,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--iterations", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--window", type=int, default=1000)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--folder", default="", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.folder, args.iterations, args.repeat)))
        return 0
    from bench_schedule import write_plan_yaml

    print(f"Python {platform.python_version()}   CPUs: {len(__import__('os').sched_getaffinity(0))}"
          f"   iterations {args.iterations}   repeat {args.repeat}   window {args.window}")
    header = f"{'tasks':>7} {'links':>7} {'depth':>6} {'best s':>8} {'median s':>9} " \
             f"{'it/s':>10} {'peak MB':>8}  floor"
    print(header)
    print("-" * len(header))
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix="planner-bench-risk-") as folder:
            with (Path(folder) / "plan.yaml").open("w", encoding="utf-8") as plan_yaml:
                write_plan_yaml(size, args.window, 1, plan_yaml)
            out = subprocess.run(
                [sys.executable, __file__, "--worker", "--folder", folder, "--iterations",
                 str(args.iterations), "--repeat", str(args.repeat)],
                capture_output=True, text=True, check=True)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(row)
        floor = FLOORS.get(size)
        verdict = ""
        if floor is not None and args.iterations == 10_000:
            ok = row["median_s"] < floor and row["peak_mb"] < MEMORY_FLOOR_MB
            verdict = f"< {floor} s, < {MEMORY_FLOOR_MB:.0f} MB: {'ok' if ok else 'MISSED'}"
        print(f"{row['tasks']:>7} {row['links']:>7} {row['depth']:>6} {row['best_s']:>8.2f} "
              f"{row['median_s']:>9.2f} {args.iterations / row['best_s']:>10,.0f} "
              f"{row['peak_mb']:>8.0f}  {verdict}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
