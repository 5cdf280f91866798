"""Benchmark: `planner gantt --png` on the bundled plan, as a whole process.

Not a test: it prints the time of each run, their median and the best, against the floor
in bench/README.md (3 s on a machine doing nothing else). Run from the repository root:

    python bench/bench_png.py             # 5 runs
    python bench/bench_png.py --repeat 9

It needs kaleido and a Chromium, as `planner gantt --png` does.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "plans" / "yushan-2023h2"
FLOOR = 3.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    took: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for _ in range(args.repeat):
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "planner", "gantt", str(PLAN), "-o", str(out / "g.html"),
                 "--png", str(out / "g.png")], capture_output=True, text=True,
                encoding="utf-8", check=False, cwd=ROOT)
            took.append(time.perf_counter() - start)
            if done.returncode != 0:
                sys.exit(f"planner gantt --png failed:\n{done.stderr}")
    load = os.getloadavg()[0]
    print(f"planner gantt --png, bundled plan, {args.repeat} runs (load average {load:.1f} "
          f"on {os.cpu_count()} cores)")
    print("  runs   " + " ".join(f"{t:.2f}" for t in took) + " s")
    print(f"  median {statistics.median(took):.2f} s, best {min(took):.2f} s "
          f"(floor {FLOOR:g} s on an idle machine)")


if __name__ == "__main__":
    main()
