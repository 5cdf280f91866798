"""Benchmark: how fast `planner` schedules (and loads) large synthetic plans.

Not a test: it prints figures for growing plan sizes. Run from the repository root:

    python bench/bench_schedule.py                       # 1k, 10k and 100k tasks
    python bench/bench_schedule.py --sizes 100000 --window 50 --json out.json

Two rows per size: `schedule` times the CPM passes alone on a plan built in memory (an
inner function, on purpose), `load+schedule` what a user runs: `Project.open(folder)` on the
written plan.yaml, then `project.schedule()`.

Every measurement runs in a fresh subprocess of this script (``--worker``), so its peak RSS
(``ru_maxrss``) belongs to that measurement alone; a baseline subprocess that only imports
`planner` gives the RSS the deltas are taken from. See bench/README.md.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, TextIO

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # measure this checkout's planner, installed or not
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import yaml  # noqa: E402

from planner import Project  # noqa: E402
from planner.domain.links import link_text  # noqa: E402
from planner.domain.model import Plan  # noqa: E402
from planner.engine.network import network_of  # noqa: E402
from planner.engine.schedule import Schedule, schedule  # noqa: E402

# the synthetic plans are the tests' own (tests/plans.py), so both measure the same plans
from tests.plans import PLAN_START, synthetic_tasks  # noqa: E402

# Whole processes are timed as on a user's machine, with compiled modules cached: a
# PYTHONDONTWRITEBYTECODE in the caller's environment would charge every run for compiling
# planner's source.
PROCESS_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
DEFAULT_SIZES = (1_000, 10_000, 100_000)

# The project's floor (see bench/README.md): (size, measurement, limit in s).
TIME_FLOORS = ((100_000, "schedule", 1.5), (10_000, "load+schedule", 1.5))
MEMORY_FLOOR = (100_000, 1024.0)  # peak RSS in MB (MiB) at that size

Row = dict[str, Any]


# -- the synthetic plan ----------------------------------------------------------------------


def plan_header(size: int) -> dict[str, Any]:
    return {"id": f"bench-{size}", "name": f"Synthetic benchmark plan, {size} tasks",
            "start": PLAN_START, "calendar": "weekdays"}


def build_plan(size: int, window: int, seed: int) -> Plan:
    """The synthetic plan as model objects, as `load_plan` would return it (minus locations)."""
    return Plan(tasks=tuple(synthetic_tasks(size, window, seed)), **plan_header(size))


def write_plan_yaml(size: int, window: int, seed: int, out: TextIO) -> None:
    """The same plan as `build_plan`, written as plan.yaml (summaries nest their children)."""
    head = plan_header(size)
    out.write(f"plan:\n  id: {head['id']}\n  name: {head['name']}\n"
              f"  start: {head['start'].isoformat()}\n  calendar: {head['calendar']}\n\n"
              "tasks:\n")
    for t in synthetic_tasks(size, window, seed):
        item, key = " " * (2 + 4 * t.depth), " " * (4 + 4 * t.depth)
        out.write(f"{item}- id: {t.id}\n{key}name: {t.name}\n")
        if t.milestone:
            out.write(f"{key}milestone: true\n")
        elif t.duration is not None:
            out.write(f"{key}duration: {t.duration}\n")
        if t.after:
            out.write(f"{key}after: [{', '.join(link_text(k) for k in t.after)}]\n")
        if t.children:
            out.write(f"{key}tasks:\n")  # the children follow, one level deeper


# -- measuring (inside a worker subprocess) --------------------------------------------------


def peak_rss_mb() -> float:
    """This process's peak resident set size so far, in MB (MiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10  # bytes vs KiB


def figures(times: list[float]) -> dict[str, Any]:
    return {"times": times, "best": min(times), "median": statistics.median(times)}


def shape(plan: Plan, result: Schedule) -> dict[str, Any]:
    """Size of the plan and a fingerprint of its schedule (to compare the two ways in)."""
    return {
        "tasks": len(plan.tasks),
        "links": sum(len(t.after) for t in plan.tasks),
        "summaries": sum(t.is_summary for t in plan.tasks),
        "depth": network_of(plan).depth,
        "finish": result.finish.isoformat(),
        "checksum": int(result.points.es.sum() + result.points.lf.sum()),
    }


def measure_schedule(size: int, window: int, seed: int, repeat: int) -> Row:
    """(a) Plan objects built in memory (not timed); time `schedule(plan)`, network included.

    On purpose this times one inner function, not a user's workflow: the CPM passes (and
    the network built on the first call) on a plan already in memory, with no YAML parsing
    and no `Project` around it. The workflow a user runs is the `load+schedule` row.
    """
    times: list[float] = []
    info: dict[str, Any] = {}
    for _ in range(repeat):
        plan = build_plan(size, window, seed)  # a fresh plan: no cached network
        gc.collect()
        t0 = time.perf_counter()
        result = schedule(plan)
        times.append(time.perf_counter() - t0)
        info = shape(plan, result)
        del plan, result
    return {**info, **figures(times)}


def measure_load(folder: str, repeat: int) -> Row:
    """(b) plan.yaml already on disk; what a user runs: `Project.open(folder)`, then
    `project.schedule()` (the plan's calendar included)."""
    loads: list[float] = []
    schedules: list[float] = []
    info: dict[str, Any] = {}
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        project = Project.open(folder)  # a fresh project: nothing cached from the last run
        t1 = time.perf_counter()
        result = project.schedule()
        t2 = time.perf_counter()
        loads.append(t1 - t0)
        schedules.append(t2 - t1)
        info = shape(project.plan, result)
        del project, result
    total = [a + b for a, b in zip(loads, schedules, strict=True)]
    return {**info, **figures(total), "load": figures(loads), "schedule": figures(schedules)}


def worker(args: argparse.Namespace) -> None:
    """Run one measurement and print it as one JSON line."""
    start_mb = peak_rss_mb()
    if args.worker == "baseline":
        row: Row = {}
    elif args.worker == "schedule":
        row = measure_schedule(args.size, args.window, args.seed, args.repeat)
    else:
        row = measure_load(args.folder, args.repeat)
    print(json.dumps({**row, "rss_at_start_mb": start_mb, "peak_mb": peak_rss_mb()}))


# -- driving (in the parent process) ---------------------------------------------------------


def run_worker(kind: str, args: argparse.Namespace, size: int = 0, folder: str = "") -> Row:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", kind,
           "--size", str(size), "--window", str(args.window), "--seed", str(args.seed),
           "--repeat", str(args.repeat), "--folder", folder]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        return {"error": proc.stderr.strip() or f"worker exited with {proc.returncode}"}
    row: Row = json.loads(proc.stdout.strip().splitlines()[-1])
    return row


def machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "numpy": np.__version__,
        "pyyaml": yaml.__version__,
        "pyyaml_libyaml": bool(getattr(yaml, "__with_libyaml__", False)),
    }


COLUMNS = (("tasks", 8), ("links", 8), ("depth", 6), ("what", 20), ("best s", 8),
           ("median s", 9), ("tasks/s", 10), ("peak MB", 8), ("Δ MB", 7))


def table_line(cells: list[str]) -> str:
    parts = []
    for (name, width), cell in zip(COLUMNS, cells, strict=True):
        parts.append(cell.ljust(width) if name == "what" else cell.rjust(width))
    return "  ".join(parts).rstrip()


def table_rows(row: Row, what: str, baseline_mb: float) -> list[str]:
    if "error" in row:
        return [table_line(["", "", "", what, "FAILED", "", "", "", ""])]
    lines = [table_line([
        str(row["tasks"]), str(row["links"]), str(row["depth"]), what,
        f"{row['best']:.3f}", f"{row['median']:.3f}", f"{row['tasks'] / row['best']:,.0f}",
        f"{row['peak_mb']:.0f}", f"{row['peak_mb'] - baseline_mb:+.0f}",
    ])]
    for part in ("load", "schedule"):
        if part in row:  # the two halves of load+schedule, same process
            p = row[part]
            lines.append(table_line([
                "", "", "", f"  of which {part}", f"{p['best']:.3f}", f"{p['median']:.3f}",
                f"{row['tasks'] / p['best']:,.0f}", "", "",
            ]))
    return lines


def floor_report(results: list[Row]) -> list[str]:
    """The project's floor, judged on the median times and the peak RSS."""
    out: list[str] = []
    for size, what, limit in TIME_FLOORS:
        for r in results:
            if r["size"] == size and r["what"] == what and "error" not in r:
                verdict = "ok" if r["median"] < limit else "MISSED"
                out.append(f"  {what} at {size:,} tasks < {limit} s: "
                           f"median {r['median']:.3f} s  {verdict}")
    size, limit_mb = MEMORY_FLOOR
    peaks = [r["peak_mb"] for r in results if r["size"] == size and "error" not in r]
    if peaks:
        verdict = "ok" if max(peaks) < limit_mb else "MISSED"
        out.append(f"  peak memory at {size:,} tasks < {limit_mb:.0f} MB: "
                   f"max {max(peaks):.0f} MB  {verdict}")
    return out


def main(args: argparse.Namespace) -> int:
    ctx = machine()
    print(f"Python {ctx['python']} ({ctx['implementation']}) on {ctx['platform']}")
    print(f"CPUs: {ctx['cpu_count']}   numpy {ctx['numpy']}   PyYAML {ctx['pyyaml']} "
          f"(C loader: {'yes' if ctx['pyyaml_libyaml'] else 'NO'})")
    base = run_worker("baseline", args)
    if "error" in base:
        print(f"baseline worker failed:\n{base['error']}", file=sys.stderr)
        return 1
    baseline_mb = float(base["peak_mb"])
    print(f"sizes {','.join(map(str, args.sizes))}   window {args.window}   seed {args.seed}"
          f"   repeat {args.repeat}   baseline RSS (planner imported) {baseline_mb:.0f} MB")
    print()
    print(table_line([name for name, _ in COLUMNS]))
    print(table_line(["-" * width for _, width in COLUMNS]))

    results: list[Row] = []
    failures: list[str] = []
    yaml_mb: dict[int, float] = {}
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="planner-bench-") as folder:
            file = Path(folder) / "plan.yaml"
            with file.open("w", encoding="utf-8") as out:
                write_plan_yaml(size, args.window, args.seed, out)
            yaml_mb[size] = file.stat().st_size / 2**20
            for kind, what in (("schedule", "schedule"), ("load", "load+schedule")):
                row = {"size": size, "what": what,
                       **run_worker(kind, args, size=size, folder=folder)}
                if "error" not in row:
                    row["delta_mb"] = row["peak_mb"] - baseline_mb
                    row["tasks_per_s"] = row["tasks"] / row["best"]
                else:
                    failures.append(f"--- {what}, {size} tasks ---\n{row['error']}")
                results.append(row)
                for line in table_rows(row, what, baseline_mb):
                    print(line, flush=True)
        pair = [r for r in results[-2:] if "error" not in r]
        if len(pair) == 2 and any(pair[0][k] != pair[1][k] for k in ("finish", "checksum")):
            failures.append(f"{size} tasks: the in-memory plan and the loaded plan.yaml "
                            "schedule differently (generator and YAML writer disagree)")

    print()
    print("plan.yaml size: " + ", ".join(f"{s:,} tasks {mb:.1f} MB" for s, mb in yaml_mb.items()))
    print("tasks/s = tasks / best time; peak MB = ru_maxrss of the measuring subprocess; "
          "Δ MB = peak - baseline")
    floors = floor_report(results)
    if floors:
        print("floor (bench/README.md):")
        print("\n".join(floors))
    for failure in failures:
        print(f"\n{failure}", file=sys.stderr)
    if args.json:
        report = {"context": ctx, "sizes": args.sizes, "window": args.window,
                  "seed": args.seed, "repeat": args.repeat, "baseline_mb": baseline_mb,
                  "yaml_mb": yaml_mb, "results": results}
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")
    return 1 if failures else 0


def sizes(text: str) -> list[int]:
    try:
        values = [int(s.replace("_", "")) for s in text.split(",") if s.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a comma-separated list of "
                                         "task counts, e.g. 1000,10000,100000") from None
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError("sizes must be positive task counts")
    return values


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} must be at least 1")
    return value


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        description="Time planner's schedule() alone, and Project.open() + schedule(), on "
        "synthetic plans.")
    ap.add_argument("--sizes", type=sizes, default=list(DEFAULT_SIZES),
                    help="comma-separated task counts (default: 1000,10000,100000)")
    ap.add_argument("--window", type=positive, default=1000,
                    help="predecessors are drawn from the previous W tasks; this sets the "
                    "depth of the network: a small window gives long chains and many "
                    "topological levels, a large one a broad, shallow network (default: 1000)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    ap.add_argument("--repeat", type=positive, default=3,
                    help="timings per measurement; best and median are shown (default: 3)")
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    ap.add_argument("--worker", choices=("baseline", "schedule", "load"), help=argparse.SUPPRESS)
    ap.add_argument("--size", type=int, default=0, help=argparse.SUPPRESS)
    ap.add_argument("--folder", default="", help=argparse.SUPPRESS)
    return ap.parse_args(argv)


if __name__ == "__main__":
    arguments = parse_args()
    if arguments.worker:
        worker(arguments)
    else:
        sys.exit(main(arguments))
