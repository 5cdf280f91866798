"""planner beside pmcontrols on the same networks, whole processes, in one run.

What a user waits for is the whole process — Python start-up, imports, reading the plan —
so both tools are timed as fresh processes: planner as `python -m planner …` on a plan.yaml,
pmcontrols as `python -c …` reading the same network from JSON and running its CPM or its
PERT Monte Carlo. Prints seconds, peak memory and the ratio planner / pmcontrols (below 1:
planner is faster). pmcontrols is in the `bench` extra: `pip install -e '.[bench]'`.

    python bench/compare.py                 # the default sizes
    python bench/compare.py --schedule 10000 --risk 1000 --repeat 3
    python bench/compare.py --before ../old # also an earlier planner's source tree, same run

planner runs from this checkout (its folder comes first on PYTHONPATH); with `--before`,
the same commands run a second time from the other tree, so a change is measured beside
the code it replaces and the peer in one run, on one machine load.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_schedule import PROCESS_ENV

TIME = "/usr/bin/time"
ROOT = Path(__file__).resolve().parents[1]


def source_env(tree: Path) -> dict[str, str]:
    """The environment that makes `python -m planner` run the planner of ``tree``."""
    path = os.pathsep.join(p for p in (str(tree), PROCESS_ENV.get("PYTHONPATH", "")) if p)
    return {**PROCESS_ENV, "PYTHONPATH": path}


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


def timed(command: list[str], env: dict[str, str] | None = None,
          ) -> tuple[float, float, float]:
    """Wall seconds, peak resident MB and CPU seconds (user + system) of one process."""
    done = subprocess.run([TIME, "-f", "%e %M %U %S", *command], capture_output=True,
                          text=True, check=True, env=env if env is not None else PROCESS_ENV,
                          cwd=RUN_IN)
    seconds, kb, user, system = done.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kb) / 1024, float(user) + float(system)


# The children run in the scratch folder: `python -m` puts its working folder first on the
# module path, before PYTHONPATH, so run from a checkout every tree timed would be that one.
RUN_IN: Path | None = None
CPU: dict[tuple[str, ...], float] = {}  # the median CPU seconds of each command timed


def best(command: list[str], repeat: int,
         env: dict[str, str] | None = None) -> tuple[float, float]:
    """The median wall seconds of ``repeat`` runs (after one to warm up), the peak MB.

    The median CPU seconds go to CPU: on a machine shared with other work, wall time
    grows with the load and CPU time much less, so both are shown.
    """
    timed(command, env)  # warm: the module cache and the file cache
    runs = [timed(command, env) for _ in range(repeat)]
    key = (*command, (env or {}).get("PYTHONPATH", ""))
    CPU[key] = statistics.median(r[2] for r in runs)
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def cpu(command: list[str], env: dict[str, str] | None = None) -> float:
    return CPU[(*command, (env or {}).get("PYTHONPATH", ""))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schedule", default="10000,100000",
                        help="task counts for the CPM comparison")
    parser.add_argument("--risk", default="1000,10000",
                        help="task counts for the Monte Carlo comparison (10,000 iterations)")
    parser.add_argument("--iterations", type=int, default=10_000)
    parser.add_argument("--window", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--before", type=Path, default=None,
                        help="the source tree of an earlier planner, timed in the same run")
    args = parser.parse_args()
    py = sys.executable
    now_env = source_env(ROOT)
    before_env = source_env(args.before.resolve()) if args.before else None
    rows: list[tuple[str, float, float, float, float]] = []
    with tempfile.TemporaryDirectory(prefix="planner-compare-") as tmp:
        root = Path(tmp)
        global RUN_IN
        RUN_IN = root
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
                t_ours, m_ours = best(ours, args.repeat, now_env)
                t_theirs, m_theirs = best(theirs, args.repeat)
                rows.append((what, t_ours, m_ours, t_theirs, m_theirs))
                c_ours, c_theirs = cpu(ours, now_env), cpu(theirs)
                earlier = ""
                if before_env is not None:
                    t_before, m_before = best(ours, args.repeat, before_env)
                    c_before = cpu(ours, before_env)
                    earlier = (f"\n{'':38s} before  {t_before:6.2f} s {m_before:6.0f} MB   "
                               f"ratio {t_before / t_theirs:5.2f} (CPU {c_before:5.2f} s, "
                               f"ratio {c_before / c_theirs:5.2f})")
                print(f"{what:38s} planner {t_ours:6.2f} s {m_ours:6.0f} MB   "
                      f"pmcontrols {t_theirs:6.2f} s {m_theirs:6.0f} MB   "
                      f"ratio {t_ours / t_theirs:5.2f}\n{'':38s} CPU: planner {c_ours:5.2f} s, "
                      f"pmcontrols {c_theirs:5.2f} s, ratio {c_ours / c_theirs:5.2f}{earlier}",
                      flush=True)
        start, _ = best([py, "-m", "planner", "--help"], args.repeat, now_env)
    print(f"{'planner --help':38s} {start:6.2f} s")


if __name__ == "__main__":
    main()
