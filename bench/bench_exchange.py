"""Times `planner export` and `planner import` on large synthetic plans (no assertions).

    python bench/bench_exchange.py                 # 10,000 tasks; a 2,000-row table
    python bench/bench_exchange.py --sizes 1000,10000 --rows 2000 --repeat 3

The plan is bench_schedule.py's synthetic plan (about 3 links per task of all four types,
lags and leads, milestones, a summary every 100 tasks) on the `cn` calendar, with owners
and budgets. Times are medians of --repeat runs, in seconds, in this process; an import
includes reading its output back with the plan loader, as `planner import` does.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_schedule import write_plan_yaml

from planner import Project


def timed(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def plan_folder(root: Path, size: int) -> Path:
    folder = root / f"plan-{size}"
    folder.mkdir()
    with open(folder / "plan.yaml", "w", encoding="utf-8") as out:
        write_plan_yaml(size, 1000, 1, out)
    text = (folder / "plan.yaml").read_text(encoding="utf-8")
    text = text.replace("calendar: weekdays", "calendar: cn", 1)
    (folder / "plan.yaml").write_text(text, encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000")
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from planner.exchange import mspdi_read, mspdi_write

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for size in (int(s) for s in args.sizes.split(",")):
            folder = plan_folder(root, size)
            project = Project.open(folder)
            project.schedule()
            data = mspdi_write.write(project).data
            t_export = timed(args.repeat, lambda p=project: mspdi_write.write(p).data)
            t_whole = timed(args.repeat,
                            lambda f=folder: mspdi_write.write(Project.open(f)).data)
            t_import = timed(args.repeat, lambda d=data: mspdi_read.from_bytes(d, "bench.xml"))
            print(f"{size:>7,} tasks  MSPDI {len(data) / 2**20:5.1f} MB  "
                  f"export {t_export:.2f} s (with loading and scheduling the plan "
                  f"{t_whole:.2f} s)  import {t_import:.2f} s (checked by the loader)")
        if args.rows:
            try:
                from planner.exchange import table_read, table_write
            except ImportError:
                return
            folder = plan_folder(root, args.rows)
            project = Project.open(folder)
            book = root / "table.xlsx"
            book.write_bytes(table_write.write(project, None, "zh").data)
            t_table = timed(args.repeat, lambda: table_read.read(book, "bench"))
            print(f"{args.rows:>7,} rows   xlsx import {t_table:.2f} s (checked by the loader)")

if __name__ == "__main__":
    main()
