"""Progress forms and updates, timed as a user runs them (whole processes).

A synthetic plan of ``--tasks`` tasks (100 summaries, their leaves spread over ``--owners``
owners) with one status snapshot: `planner forms` writes one workbook per owner, every form
gets one changed cell (as a unit would fill it), `planner collect` reads them all back, and
`planner update` records one task. Prints the median of ``--repeat`` runs of each.

    python bench/bench_forms.py                  # 2,000 tasks, 40 owners
    python bench/bench_forms.py --tasks 500 --owners 10
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_schedule import PROCESS_ENV


def write_plan(folder: Path, tasks: int, owners: int, seed: int) -> None:
    rnd = random.Random(seed)
    names = [f"镇第{i}办公室" for i in range(owners)]
    groups, per = 100, max(tasks // 100 - 1, 1)
    lines = ["plan:", "  id: big", "  name: 大型计划", "  start: 2023-01-02", "  calendar: cn",
             "  lang: zh", "tasks:"]
    status = ["plan: big", "date: 2023-06-30", "progress:"]
    for g in range(groups):
        lines += [f"  - id: g{g}", f"    name: 第{g}组重点工作", "    tasks:"]
        for k in range(per):
            tid = f"g{g}-t{k}"
            lines += [f"      - id: {tid}", f"        name: 第{g}组第{k}项任务",
                      f"        owner: {names[(g + k) % owners]}",
                      f"        duration: {rnd.randint(5, 60)}"]
            if k:
                lines.append(f"        after: [g{g}-t{k - 1}]")
            if k < 2:
                status.append(f"  {tid}: {{started: 2023-01-03, finished: 2023-03-01}}")
            elif k < 5:
                status.append(f"  {tid}: {{started: 2023-03-02, percent: 40}}")
    (folder / "status").mkdir(parents=True)
    (folder / "plan.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "status" / "2023-06-30.yaml").write_text("\n".join(status) + "\n",
                                                       encoding="utf-8")


def fill_all(forms: Path) -> int:
    """One changed percent in every form, saved with openpyxl (as Excel would)."""
    import openpyxl

    for path in sorted(forms.glob("*.xlsx")):
        wb = openpyxl.load_workbook(path)
        ws = wb.worksheets[0]
        header = {c.value: c.column for c in ws[4]}
        column = header["完成百分比"]
        for row in range(5, ws.max_row + 1):
            cell = ws.cell(row, column)
            if cell.value not in (None, 100) and cell.protection.locked is False:
                cell.value = 55
                break
        wb.save(path)
    return len(list(forms.glob("*.xlsx")))


def timed(command: list[str]) -> float:
    began = time.perf_counter()
    subprocess.run([sys.executable, "-m", "planner", *command], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=PROCESS_ENV)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tasks", type=int, default=2000)
    parser.add_argument("--owners", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.tasks < 500:  # the timed update records progress on g0-t3, a started task
        parser.error("--tasks must be at least 500")
    runs: dict[str, list[float]] = {"forms": [], "collect": [], "update": []}
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory(prefix="planner-bench-forms-") as tmp:
            plan, forms = Path(tmp) / "plan", Path(tmp) / "forms"
            write_plan(plan, args.tasks, args.owners, args.seed)
            runs["forms"].append(timed(["forms", str(plan), "--at", "2023-07-31",
                                        "-o", str(forms)]))
            count = fill_all(forms)
            runs["collect"].append(timed(["collect", str(plan),
                                          *map(str, sorted(forms.glob("*.xlsx")))]))
            runs["update"].append(timed(["update", str(plan), "g0-t3", "--at", "2023-08-15",
                                         "--percent", "70"]))
    print(f"{args.tasks} tasks, {args.owners} owners, {count} forms; whole processes, "
          f"median of {args.repeat}")
    for name, times in runs.items():
        print(f"  planner {name:8s} {statistics.median(times):6.2f} s  "
              f"(best {min(times):.2f} s)")


if __name__ == "__main__":
    main()
