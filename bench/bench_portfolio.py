"""A county's or a province's plans reviewed as one portfolio, timed as whole processes.

A generated portfolio (``N`` plans of ``M`` tasks, written to a temporary folder, the same
for the same seed) is reviewed by `planner portfolio status` (and, for the county-sized
one, `planner portfolio report` with 10,000 Monte Carlo iterations), each a fresh
`python -m planner` process: Python start-up, imports, reading every plan and snapshot,
the worker processes and writing the output included. Beside it, in the same run, the
peer: the same plans reviewed one by one as an office does without a portfolio, in one
Python process (`Project.open(plan)`, its latest snapshot on or before the date, `track`).

    python bench/bench_portfolio.py                       # 14 plans report; 100…1,300 status
    python bench/bench_portfolio.py --sizes 100,300 --repeat 1
    python bench/bench_portfolio.py --report-only --repeat 5
    python bench/bench_portfolio.py --keep /tmp/county    # keep the generated portfolios
    python bench/bench_portfolio.py --before ../old       # also an earlier source tree

Time is wall time of the process (best of ``--repeat``, with the median); memory is the
peak of the whole process tree (the command and its worker processes), sampled from
/proc every 20 ms as the sum of each process's proportional set size (PSS: pages shared
between the parent and its forked workers counted once), and, for comparison, the largest
single process's peak resident set (``ru_maxrss`` of the waited-for children, workers
included). MB = 2^20 bytes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from bench_schedule import PROCESS_ENV

ROOT = Path(__file__).resolve().parents[1]
START = date(2023, 7, 3)  # a Monday: the plans' period is 2023-07-01 … 2023-12-31
AT = date(2023, 11, 7)  # the data date of the review
SNAPSHOTS = (date(2023, 9, 28), AT)  # the second on the data date
LATE_SNAPSHOTS = (date(2023, 11, 24), date(2023, 12, 15))  # plans not reported by AT
COUNTY = "county-2023h2"

# County departments appear in many plans (a township's task done by the county's
# transport bureau, the county's own plan); township offices are each township's own.
DEPARTMENTS = ("县治水办", "县交通局", "县财政局", "县农业农村局", "县自然资源和规划局",
               "县发展改革局", "县住房和城乡建设局", "县应急管理局", "县文化和广电旅游体育局")
OFFICES = ("党政办", "建设办", "农办", "治水办", "应急管理办", "社会事务办", "经济发展办",
           "综合行政执法队")
WORKS = ("道路提升改造", "污水管网建设", "农房安全排查", "高标准农田建设", "美丽乡村精品线",
         "文化礼堂建设", "中药材基地", "山塘水库加固", "共富工坊", "垃圾分类示范村", "旧村改造",
         "防汛应急演练", "电商服务站", "民宿提升")


def workday(k: int) -> date:
    """The ``k``-th weekday from START (the generator's own approximation of a calendar;
    the plans use `cn`, whose holidays only move the dates the engine computes)."""
    weeks, rest = divmod(k, 5)
    return START + timedelta(days=7 * weeks + rest)


def last_workday_on_or_before(day: date) -> int:
    k = ((day - START).days // 7) * 5 + min((day - START).days % 7, 4)
    while workday(k) > day:
        k -= 1
    return k


@dataclass
class Task:
    id: str
    name: str
    owner: str
    duration: int  # working days; 0: a milestone
    after: list[str]
    es: int  # earliest start in the generator's working days (FS links only)
    budget: int | None = None
    deadline: date | None = None
    external: str | None = None  # a task of the county plan this one waits on

    @property
    def ef(self) -> int:
        return self.es + self.duration


def plan_tasks(rnd: random.Random, size: int, town: str, county: bool,
               waits: list[str]) -> list[tuple[str, str, list[Task]]]:
    """Groups (summary id, name, leaves) of ``size`` tasks in all (summaries included):
    chains of work within a group, a milestone closing it, a few links between groups."""
    groups = max(size // 10, 1)
    per = [size // groups - 1] * groups
    per[-1] += size - sum(p + 1 for p in per)
    out: list[tuple[str, str, list[Task]]] = []
    done: list[Task] = []
    for g in range(groups):
        work = WORKS[rnd.randrange(len(WORKS))]
        owner = rnd.choice(DEPARTMENTS) if county or rnd.random() < 0.25 \
            else town + rnd.choice(OFFICES)
        leaves: list[Task] = []
        for k in range(per[g]):
            tid = f"g{g}-t{k}"
            if k == per[g] - 1 and k:
                leaves.append(Task(tid, f"{work}第{g + 1}项完工", owner, 0, [leaves[-1].id],
                                   leaves[-1].ef, deadline=date(2023, 12, 31)))
                continue
            after: list[Task] = []
            if k and rnd.random() < 0.7:
                after.append(leaves[rnd.randrange(max(0, k - 3), k)])
            if done and rnd.random() < 0.08:
                after.append(done[rnd.randrange(len(done))])
            duration = rnd.randint(3, 25)
            es = max((a.ef for a in after), default=rnd.randint(0, 90))
            task = Task(tid, f"{work}第{g + 1}批第{k + 1}项", owner if rnd.random() < 0.8
                        else rnd.choice(DEPARTMENTS), duration, [a.id for a in after], es)
            if rnd.random() < 0.3:
                task.budget = rnd.randrange(50, 3000) * 1000
            if rnd.random() < 0.1:
                task.deadline = workday(es + duration + rnd.randint(0, 25))
            leaves.append(task)
        done.extend(leaves)
        out.append((f"g{g}", f"{town}{work}", leaves))
    leaves_all = [t for _, _, ts in out for t in ts if t.duration]
    for other in waits:  # this plan's tasks that wait on the county's
        task = leaves_all[rnd.randrange(len(leaves_all))]
        task.external = other
    return out


def plan_yaml(pid: str, name: str, groups: list[tuple[str, str, list[Task]]]) -> str:
    lines = ["plan:", f"  id: {pid}", f"  name: {name}", "  start: 2023-07-01",
             "  finish: 2023-12-31", "  calendar: cn", "  lang: zh", "  currency: CNY",
             "tasks:"]
    for gid, gname, leaves in groups:
        lines += [f"  - id: {gid}", f"    name: {gname}", "    tasks:"]
        for t in leaves:
            lines += [f"      - id: {t.id}", f"        name: {t.name}", f"        owner: {t.owner}"]
            if t.duration:
                lines.append(f"        duration: {t.duration}")
            else:
                lines.append("        milestone: true")
            after = list(t.after) + ([f'"{COUNTY}:{t.external} FS+2"'] if t.external else [])
            if after:
                lines.append(f"        after: [{', '.join(after)}]")
            elif t.es:
                lines.append(f"        start: {workday(t.es).isoformat()}")
            if t.budget:
                lines.append(f"        budget: {t.budget}")
            if t.deadline:
                lines.append(f"        deadline: {t.deadline.isoformat()}")
    return "\n".join(lines) + "\n"


def snapshot_yaml(pid: str, day: date, pace: float,
                  groups: list[tuple[str, str, list[Task]]]) -> str:
    """Progress at ``day`` of a plan running at ``pace`` (1: as planned): work whose planned
    span the pace has passed is finished, work it is in is started with a percent. The
    same pace at a later day gives later figures, so the two snapshots agree."""
    now = last_workday_on_or_before(day)
    reached = now * pace
    lines = [f"plan: {pid}", f"date: {day.isoformat()}", "progress:"]
    for _, _, leaves in groups:
        for t in leaves:
            if t.external or t.es >= reached:
                continue
            start = workday(int(t.es / pace))
            if t.ef <= reached:
                finish = workday(min(int(t.ef / pace), now))
                spent = f", spent: {int(t.budget * (0.8 + 0.4 * pace - 0.3))}" if t.budget else ""
                lines.append(f"  {t.id}: {{started: {start.isoformat()}, "
                             f"finished: {max(finish, start).isoformat()}{spent}}}")
            else:
                percent = min(int(100 * (reached - t.es) / t.duration), 95)
                spent = f", spent: {int(t.budget * percent / 100)}" if t.budget else ""
                lines.append(f"  {t.id}: {{started: {start.isoformat()}, "
                             f"percent: {percent}{spent}}}")
    return "\n".join(lines) + "\n"


def write_portfolio(folder: Path, plans: int, tasks: int, seed: int) -> int:
    """A portfolio of ``plans`` plans of ``tasks`` tasks under ``folder``: the county's own
    plan first, then townships; about a third of the townships wait on one or two county
    tasks; every tenth reported nothing by the data date. Returns the links across plans."""
    rnd = random.Random(seed)
    folder.mkdir(parents=True)
    entries = []
    county_groups = plan_tasks(rnd, tasks, "县", True, [])
    exposed = [t.id for _, _, ts in county_groups for t in ts if t.duration]
    links = 0
    for n in range(plans):
        pid = COUNTY if n == 0 else f"town-{n:04d}"
        if n == 0:
            groups, name, group = county_groups, "县直部门2023年下半年重点工作", "县直部门"
        else:
            town = f"第{n}镇"
            waits = [rnd.choice(exposed) for _ in range(rnd.randint(1, 2))] \
                if n % 3 == 1 else []
            links += len(waits)
            groups = plan_tasks(rnd, tasks, town, False, waits)
            name, group = f"{town}2023年下半年重点工作", "乡镇（街道）"
        path = folder / pid
        (path / "status").mkdir(parents=True)
        (path / "plan.yaml").write_text(plan_yaml(pid, name, groups), encoding="utf-8")
        pace = rnd.uniform(0.75, 1.05)
        for day in LATE_SNAPSHOTS if n and n % 10 == 5 else SNAPSHOTS:
            (path / "status" / f"{day.isoformat()}.yaml").write_text(
                snapshot_yaml(pid, day, pace, groups), encoding="utf-8")
        entries.append(f"  - path: {pid}\n    group: {group}")
    (folder / "portfolio.yaml").write_text(
        "portfolio:\n  name: 生成的组合（基准测试）\n  lang: zh\nplans:\n"
        + "\n".join(entries) + "\n", encoding="utf-8")
    return links


# -- measuring a process tree ------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out.extend(int(c) for c in f.read().split())
    except OSError:
        pass
    return out


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run(command: list[str], env: dict[str, str]) -> tuple[float, float, float, float]:
    """Wall seconds, peak MB of the process tree (sum of PSS), the largest single
    process's peak MB (ru_maxrss) and the CPU seconds (user + system) of one command, its
    worker processes included (the command waits for them, so their use is its own)."""
    with tempfile.TemporaryFile() as err:  # not a pipe: a long stderr would block the child
        began = time.perf_counter()
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, env=env,
                                cwd=RUN_IN)
        peak = 0
        while True:
            tree, todo = [], [proc.pid]
            while todo:
                p = todo.pop()
                tree.append(p)
                todo.extend(_children(p))
            peak = max(peak, sum(_pss_kb(p) for p in tree))
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            time.sleep(0.02)
        wall = time.perf_counter() - began
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0, 1):  # 1: a plan left out or a flag, still a full run
            err.seek(0)
            said = err.read().decode("utf-8", "replace")
            raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}):\n"
                             f"{said[-2000:]}")
    return wall, peak / 1024, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


# The children run in the scratch folder: `python -m` puts its working folder first on the
# module path, before PYTHONPATH, so run from a checkout every tree timed would be that one.
RUN_IN: Path | None = None


def source_env(tree: Path) -> dict[str, str]:
    """The environment that makes `python -m planner` run the planner of ``tree``."""
    path = os.pathsep.join(p for p in (str(tree), PROCESS_ENV.get("PYTHONPATH", "")) if p)
    return {**PROCESS_ENV, "PYTHONPATH": path}

PEER = """
import sys
from datetime import date
from pathlib import Path
from planner import Project
at = date.fromisoformat(sys.argv[2])
rows = []
for folder in sorted(p for p in Path(sys.argv[1]).iterdir() if (p / "plan.yaml").is_file()):
    project = Project.open(folder)
    snap = project.snapshot(at)
    tracking = project.track(snapshot=snap) if snap is not None else None
    rows.append((project.plan.id, len(project.plan.tasks),
                 sum(1 for t in tracking.tasks if t.late) if tracking else 0))
print(len(rows))
"""


@dataclass
class Row:
    work: str
    plans: int
    tasks: int
    walls: list[float]
    tree_mb: float
    single_mb: float
    cpu: float  # median CPU seconds, workers included

    @property
    def best(self) -> float:
        return min(self.walls)


def measure(work: str, command: list[str], plans: int, tasks: int, repeat: int,
            env: dict[str, str]) -> Row:
    runs = [run(command, env) for _ in range(repeat)]
    return Row(work, plans, tasks, [r[0] for r in runs], max(r[1] for r in runs),
               max(r[2] for r in runs), statistics.median(r[3] for r in runs))


def measure_loop(work: str, commands: list[list[str]], plans: int, tasks: int, repeat: int,
                 env: dict[str, str]) -> Row:
    """One command per plan, one after another, as a shell loop runs them."""
    runs = []
    for _ in range(repeat):
        each = [run(c, env) for c in commands]
        runs.append((sum(r[0] for r in each), max(r[1] for r in each),
                     max(r[2] for r in each), sum(r[3] for r in each)))
    return Row(work, plans, tasks, [r[0] for r in runs], max(r[1] for r in runs),
               max(r[2] for r in runs), statistics.median(r[3] for r in runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,300,650,1300",
                        help="plan counts for `portfolio status` (tasks: --tasks)")
    parser.add_argument("--tasks", type=int, default=120, help="tasks per plan (status)")
    parser.add_argument("--report", default="14x150", help="PLANSxTASKS for the report")
    parser.add_argument("--iterations", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=None, help="-j for portfolio status")
    parser.add_argument("--no-peer", action="store_true")
    parser.add_argument("--report-only", action="store_true")
    parser.add_argument("--keep", type=Path, default=None,
                        help="generate into this folder and keep it")
    parser.add_argument("--before", type=Path, default=None,
                        help="the source tree of an earlier planner, timed in the same run")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    py = sys.executable
    env = source_env(ROOT)
    before = source_env(args.before.resolve()) if args.before else None
    sizes = [] if args.report_only else [int(s) for s in args.sizes.split(",") if s]
    r_plans, r_tasks = (int(x) for x in args.report.split("x"))
    rows: list[Row] = []
    tmp = Path(tempfile.mkdtemp(prefix="planner-bench-portfolio-"))
    root = args.keep or tmp
    global RUN_IN
    RUN_IN = tmp
    try:
        print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
              f"load average {os.getloadavg()[0]:.1f}; best of {args.repeat}; "
              f"data date {AT.isoformat()}", flush=True)
        folder = root / f"p{r_plans}x{r_tasks}"
        if not folder.exists():
            write_portfolio(folder, r_plans, r_tasks, args.seed)
        out = tmp / "out"
        run([py, "-m", "planner", "portfolio", "status", str(folder)], env)  # warm caches
        rows.append(measure("report", [py, "-m", "planner", "portfolio", "report", str(folder),
                                       "--at", AT.isoformat(), "--iterations",
                                       str(args.iterations), "--seed", "1", "-o", str(out)],
                            r_plans, r_tasks, args.repeat, env))
        rows.append(measure("status", [py, "-m", "planner", "portfolio", "status",
                                       str(folder), "--at", AT.isoformat()],
                            r_plans, r_tasks, args.repeat, env))
        if before is not None:
            rows.append(measure("before", [py, "-m", "planner", "portfolio", "status",
                                           str(folder), "--at", AT.isoformat()],
                                r_plans, r_tasks, args.repeat, before))
        if not args.no_peer:
            rows.append(measure("peer", [py, "-c", PEER, str(folder), AT.isoformat()],
                                r_plans, r_tasks, args.repeat, env))
            rows.append(measure_loop(
                "peer-cli", [[py, "-m", "planner", "status", str(p), "--at", AT.isoformat(),
                              "--format", "json"] for p in sorted(folder.iterdir())
                             if p.is_dir()], r_plans, r_tasks, args.repeat, env))
        for n in sizes:
            folder = root / f"p{n}x{args.tasks}"
            if not folder.exists():
                began = time.perf_counter()
                links = write_portfolio(folder, n, args.tasks, args.seed)
                print(f"  generated {n} plans × {args.tasks} tasks ({links} links across "
                      f"plans) in {time.perf_counter() - began:.1f} s", flush=True)
            jobs = ["-j", str(args.workers)] if args.workers else []
            rows.append(measure("status", [py, "-m", "planner", "portfolio", "status",
                                           str(folder), "--at", AT.isoformat(), *jobs],
                                n, args.tasks, args.repeat, env))
            print(f"  status {n}: {rows[-1].best:.1f} s", flush=True)
            if before is not None:
                rows.append(measure("before", [py, "-m", "planner", "portfolio", "status",
                                               str(folder), "--at", AT.isoformat(), *jobs],
                                    n, args.tasks, args.repeat, before))
                print(f"  before {n}: {rows[-1].best:.1f} s", flush=True)
            if not args.no_peer:
                rows.append(measure("peer", [py, "-c", PEER, str(folder), AT.isoformat()],
                                    n, args.tasks, args.repeat, env))
                print(f"  peer {n}: {rows[-1].best:.1f} s", flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)
    print()
    print(f"{'work (whole process)':34s} {'plans':>6s} {'tasks':>8s} {'best s':>8s} "
          f"{'median s':>9s} {'s/plan':>8s} {'CPU s':>7s} {'tree MB':>8s} {'MB/plan':>8s} "
          f"{'1 proc MB':>9s}")
    for r in rows:
        name = {"report": f"portfolio report ({args.iterations:,} it.)",
                "status": "portfolio status",
                "before": "portfolio status, --before tree",
                "peer": "peer: Project.open+track per plan",
                "peer-cli": "peer: planner status per plan"}[r.work]
        print(f"{name:34s} {r.plans:6d} {r.plans * r.tasks:8,d} {r.best:8.2f} "
              f"{statistics.median(r.walls):9.2f} {r.best / r.plans:8.4f} {r.cpu:7.1f} "
              f"{r.tree_mb:8.0f} "
              f"{r.tree_mb / r.plans:8.2f} {r.single_mb:9.0f}")
    status = [r for r in rows if r.work == "status" and r.plans in sizes]
    if len(status) > 1:
        base = status[0]
        print("\nlinear growth: s/plan at each size against the smallest "
              + ", ".join(f"{r.plans}: {(r.best / r.plans) / (base.best / base.plans):.2f}"
                          for r in status))
    befores = {r.plans: r for r in rows if r.work == "before"}
    for r in rows:
        if r.work == "status" and r.plans in befores:
            b = befores[r.plans]
            print(f"before → now at {r.plans} plans: {b.best:.2f} → {r.best:.2f} s, "
                  f"CPU {b.cpu:.1f} → {r.cpu:.1f} s, {b.tree_mb:.0f} → {r.tree_mb:.0f} MB")
    peers = {r.plans: r for r in rows if r.work == "peer"}
    for r in rows:
        if r.work == "status" and r.plans in peers:
            print(f"ours / peer at {r.plans} plans: {r.best / peers[r.plans].best:.2f} "
                  f"(time), {r.tree_mb / peers[r.plans].tree_mb:.2f} (memory)")
    print("\nfloors: report 14×150 ≤ 3 s; status 1,300×120 ≤ 60 s and ≤ 2,048 MB")
    for r in rows:
        if r.work == "report" and r.plans == 14:
            print(f"  report: {r.best:.2f} s {'ok' if r.best <= 3 else 'MISSED'}")
        if r.work == "status" and r.plans == 1300:
            ok = r.best <= 60 and r.tree_mb <= 2048
            print(f"  status 1,300: {r.best:.1f} s, {r.tree_mb:.0f} MB "
                  f"{'ok' if ok else 'MISSED'}")
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ for r in rows], indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
