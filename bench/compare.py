"""planner beside pmcontrols on the same networks, whole processes, in one run.

What a user waits for is the whole process — Python start-up, imports, reading the plan —
so both tools are timed as fresh processes: planner as `python -m planner …` on a plan.yaml,
pmcontrols as `python -c …` reading the same network from JSON and running its CPM or its
PERT Monte Carlo. Prints seconds, peak memory and the ratio planner / pmcontrols (below 1:
planner is faster). pmcontrols is in the `bench` extra: `pip install -e '.[bench]'`.

    python bench/compare.py                 # the default sizes
    python bench/compare.py --schedule 10000 --risk 1000 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_schedule import PROCESS_ENV

TIME = "/usr/bin/time"


def network(size: int, window: int, seed: int) -> list[dict[str, object]]:
    """FS links only (pmcontrols takes no other kind), about three predecessors a task."""
    rnd = random.Random(seed)
    out: list[dict[str, object]] = []
    for i in range(size):
        preds = sorted({rnd.randrange(max(0, i - window), i) for _ in range(3)}) if i else []
        m = rnd.randint(1, 20)
        out.append({"id": f"t{i}", "predecessors": [f"t{p}" for p in preds], "duration": m,
                    "a": max(1, m - 2), "m": m, "b": m + 6})
    return out


def write_plan(folder: Path, acts: list[dict[str, object]], estimates: bool) -> None:
    lines = ["plan:", "  id: compare", "  name: compare", "  start: 2024-01-01",
             "  calendar: alldays", "tasks:"]
    for a in acts:
        lines += [f"  - id: {a['id']}", f"    name: {a['id']}", f"    duration: {a['duration']}"]
        if a["predecessors"]:
            lines.append(f"    after: [{', '.join(a['predecessors'])}]")  # type: ignore[arg-type]
        if estimates:
            lines.append(f"    estimate: [{a['a']}, {a['m']}, {a['b']}]")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "plan.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one process."""
    done = subprocess.run([TIME, "-f", "%e %M", *command], capture_output=True, text=True,
                          check=True, env=PROCESS_ENV)
    seconds, kb = done.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kb) / 1024


def best(command: list[str], repeat: int) -> tuple[float, float]:
    timed(command)  # warm: the module cache and the file cache
    runs = [timed(command) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schedule", default="10000,100000",
                        help="task counts for the CPM comparison")
    parser.add_argument("--risk", default="1000,10000",
                        help="task counts for the Monte Carlo comparison (10,000 iterations)")
    parser.add_argument("--iterations", type=int, default=10_000)
    parser.add_argument("--window", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    py = sys.executable
    rows: list[tuple[str, float, float, float, float]] = []
    with tempfile.TemporaryDirectory(prefix="planner-compare-") as tmp:
        root = Path(tmp)
        for kind, sizes in (("schedule", args.schedule), ("risk", args.risk)):
            for size in [int(s) for s in sizes.split(",") if s]:
                acts = network(size, args.window, 1)
                folder = root / f"{kind}-{size}"
                write_plan(folder, acts, estimates=kind == "risk")
                data = folder / "network.json"
                data.write_text(json.dumps(acts), encoding="utf-8")
                if kind == "schedule":
                    ours = [py, "-m", "planner", "schedule", str(folder), "-f", "json",
                            "-o", str(folder / "out.json")]
                    theirs = [py, "-c", "import json, pmcontrols as pm; "
                              f"pm.cpm(json.load(open({str(data)!r})))"]
                    what = f"schedule {size:,} tasks"
                else:
                    ours = [py, "-m", "planner", "risk", str(folder), "-n",
                            str(args.iterations), "--seed", "1", "-f", "json", "-o",
                            str(folder / "out.json")]
                    theirs = [py, "-c", "import json, pmcontrols as pm; "
                              f"pm.pert(json.load(open({str(data)!r})), "
                              f"n_sim={args.iterations}, seed=1)"]
                    what = f"Monte Carlo {size:,} tasks x {args.iterations:,}"
                t_ours, m_ours = best(ours, args.repeat)
                t_theirs, m_theirs = best(theirs, args.repeat)
                rows.append((what, t_ours, m_ours, t_theirs, m_theirs))
                print(f"{what:38s} planner {t_ours:6.2f} s {m_ours:6.0f} MB   "
                      f"pmcontrols {t_theirs:6.2f} s {m_theirs:6.0f} MB   "
                      f"ratio {t_ours / t_theirs:5.2f}", flush=True)
    start, _ = best([py, "-m", "planner", "--help"], args.repeat)
    print(f"{'planner --help':38s} {start:6.2f} s")


if __name__ == "__main__":
    main()
