"""Import other programs' project files through MPXJ, as `planner import` does, and count.

    python bench/bench_mpxj.py CORPUS [--suffix .mpp] [--sample 50] [--seed 1]

CORPUS is a folder searched recursively (MPXJ's test data, ``junit/data`` of its repository,
is a good one). For a seeded sample of the files with the suffix, it reports how many MPXJ
converted to MS Project XML, how many imported, how many were refused (a PlanError: the
first message is listed) and how many raised anything else (a traceback: a bug), the time per
file, and how many imported tasks are on the dates MPXJ reads from the file (or carry a
warning naming them). Needs the extra ``planner-cpm[mpxj]`` and a Java runtime.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/, run from anywhere

from planner.domain.diagnostics import PlanError
from planner.exchange import mpxj_convert, mspdi_read
from planner.exchange.imported import Imported
from tests import mpxj_dates


def compare(path: Path, imported: Imported) -> mpxj_dates.Compared:
    """The imported file's tasks compared with MPXJ's dates (warned: a warning names it)."""
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in imported.files.items():
            (Path(tmp) / name).parent.mkdir(parents=True, exist_ok=True)
            (Path(tmp) / name).write_text(text, encoding="utf-8")
        found = mpxj_dates.compare(path, Path(tmp), {d.task for d in imported.warnings
                                                    if d.task})
        return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--suffix", default=".mpp")
    ap.add_argument("--sample", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--list", type=int, default=0, metavar="N",
                    help="list up to N tasks per file that are off MPXJ's dates, unwarned")
    args = ap.parse_args()
    files = sorted(p for p in args.corpus.rglob(f"*{args.suffix}") if p.is_file())
    random.Random(args.seed).shuffle(files)
    files = files[: args.sample]
    t0 = time.perf_counter()
    if not mpxj_convert.available():
        print("MPXJ is not available: pip install 'planner-cpm[mpxj]' and a Java runtime")
        return 2
    started = time.perf_counter() - t0
    counts: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    times: list[float] = []
    tasks = same = excused = 0
    unwarned: list[tuple[Path, str, str]] = []
    categories: dict[str, list[str]] = {}  # off but warned, by the task's warnings
    for path in files:
        t0 = time.perf_counter()
        try:
            data = mpxj_convert.to_mspdi(path)
            counts["converted"] += 1
            imported = mspdi_read.from_bytes(data, str(path), "bench")
            counts["imported"] += 1
        except PlanError as exc:
            counts["refused"] += 1
            reasons[exc.diagnostics[0].key or exc.diagnostics[0].message] += 1
            continue
        except Exception:
            counts["traceback"] += 1
            print(f"TRACEBACK {path}\n{traceback.format_exc()}", file=sys.stderr)
            continue
        finally:
            times.append(time.perf_counter() - t0)
        try:
            found = compare(path, imported)
        except mpxj_dates.Unpaired as exc:  # tasks the reader drops or adds: not compared
            counts["not compared"] += 1
            print(f"NOT COMPARED {exc}", file=sys.stderr)
            continue
        except Exception:  # the imported plan does not schedule: a bug as much as a traceback
            counts["not scheduled"] += 1
            print(f"NOT SCHEDULED {path}\n{traceback.format_exc()}", file=sys.stderr)
            continue
        tasks, same = tasks + found.tasks, same + len(found.same)
        excused += len(found.warned)
        unwarned.extend((path, task, what) for task, what in found.off.items())
        keys: dict[str, set[str]] = {}
        for d in imported.warnings:
            if d.task:
                keys.setdefault(d.task, set()).add((d.key or "").removeprefix("mspdi."))
        for task in found.warned:
            why = ", ".join(sorted(keys.get(task, set()))) or "a task under it"
            categories.setdefault(why, []).append(f"{path.name} {task}")
    print(f"{len(files)} {args.suffix} files: converted {counts['converted']}, imported "
          f"{counts['imported']}, refused {counts['refused']}, tracebacks {counts['traceback']}"
          f"; imported but not scheduled {counts['not scheduled']}, not compared task by task "
          f"{counts['not compared']}")
    if times:
        print(f"starting Java and loading MPXJ {started:.2f} s; converted and imported, per "
              f"file: median {statistics.median(times):.3f} s, max {max(times):.3f} s")
    if tasks:
        print(f"tasks on MPXJ's dates: {same} of {tasks} ({same / tasks:.1%}); off but warned "
              f"by task: {excused}; off, unwarned: {tasks - same - excused}")
    for reason, n in reasons.most_common():
        print(f"  refused {n}: {reason}")
    for why, where in sorted(categories.items(), key=lambda kv: -len(kv[1])):
        print(f"  off, warned {len(where)}: {why}: {', '.join(where[:args.list])}")
    listed: Counter[Path] = Counter()
    for path, task, what in unwarned:
        listed[path] += 1
        if listed[path] <= args.list:
            print(f"  off, unwarned: {path.relative_to(args.corpus)} {task}: {what}")
    return 1 if counts["traceback"] or counts["not scheduled"] else 0


if __name__ == "__main__":
    sys.exit(main())
