"""How many imported tasks land on the dates MS Project stored, over a folder of MSPDI files.

Every `*.xml` under the folder given (for instance MPXJ's public test corpus, `junit/data`)
is imported as `planner import` would, the plan folder it makes is opened and scheduled,
and each leaf task's scheduled start and finish are compared with the `<Start>` and
`<Finish>` the file stores for it. Prints how many files were imported or refused, the share
of tasks on their stored dates, and the tasks that differ by category (the warning the
importer gave the task, or `no warning`), with a few examples each.

    python bench/corpus_dates.py path/to/junit/data
    python bench/corpus_dates.py path/to/junit/data --list 20 --json figures.json

Dates are compared as working-day points of the imported plan's calendar: the start of a
working day (the file's DefaultStartTime, 08:00 by default) is the end of the one before,
so a milestone MS Project shows at 08:00 on Monday is ours of Friday; a stored time inside
a working day counts as the start of that day for a start and its end for a finish (a part
day cannot be closer).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import traceback
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from planner.domain.diagnostics import PlanError
from planner.exchange import mspdi_read
from planner.project import Project

NS = "{http://schemas.microsoft.com/project}"


@dataclass
class Figures:
    files: int = 0
    imported: int = 0
    refused: Counter[str] = field(default_factory=Counter)
    crashed: list[str] = field(default_factory=list)
    tasks: int = 0
    on_dates: int = 0
    off: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def stored(path: Path) -> tuple[dict[str, tuple[str, str, str]], tuple[str, str]]:
    """Each task's UID -> (its name, its stored Start, its stored Finish); and the file's
    working day (DefaultStartTime, DefaultFinishTime) as HH:MM."""
    root = ET.parse(path).getroot()
    day = tuple((root.findtext(f"{NS}{tag}") or default)[:5] for tag, default in
                (("DefaultStartTime", "08:00"), ("DefaultFinishTime", "17:00")))
    out: dict[str, tuple[str, str, str]] = {}
    for el in root.iter(f"{NS}Task"):
        def get(tag: str, el: ET.Element = el) -> str:
            e = el.find(f"{NS}{tag}")
            return (e.text or "").strip() if e is not None else ""
        out[get("UID")] = (get("Name"), get("Start"), get("Finish"))
    return out, (day[0], day[1])


def point(text: str, as_finish: bool, project: Project, day: tuple[str, str]) -> int | None:
    """A stored MS Project date-time as a working-day point (see the module's note)."""
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    cal, clock = project.calendar, when.strftime("%H:%M")
    try:
        if clock <= day[0] or (not as_finish and clock < day[1]):
            return cal.on_or_after(when.date())
        return cal.on_or_before(when.date()) + 1
    except ValueError:  # before the plan's calendar begins: not on its stored dates
        return None


def measure(path: Path, figures: Figures, shown: str) -> None:
    figures.files += 1
    try:
        imported = mspdi_read.read(path)
    except PlanError as exc:
        figures.refused[exc.diagnostics[0].code] += 1
        return
    except Exception:  # a traceback is what this counts
        figures.crashed.append(f"{shown}: {traceback.format_exc().splitlines()[-1]}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, text in imported.files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text, encoding="utf-8")
        try:
            project = Project.open(root)
            schedule = project.schedule()
        except PlanError as exc:
            figures.refused["schedule:" + exc.diagnostics[0].code] += 1
            return
    figures.imported += 1
    by_uid, day = stored(path)
    warned: dict[str, list[str]] = defaultdict(list)
    for w in imported.warnings:
        if w.task:
            warned[w.task].append(w.key.removeprefix("mspdi."))
    uids = imported.uids
    for t in project.plan.tasks:
        if t.is_summary:
            continue
        uid = uids.get(t.id)
        if uid is None or str(uid) not in by_uid:
            continue
        _, start, finish = by_uid[str(uid)]
        if not start or not finish:
            continue
        figures.tasks += 1
        i = project.plan.index[t.id]
        want = (point(start, False, project, day), point(finish, True, project, day))
        if (int(schedule.points.es[i]), int(schedule.points.ef[i])) == want:
            figures.on_dates += 1
            continue
        why = ", ".join(sorted(set(warned.get(t.id, [])))) or "no warning"
        got = schedule.tasks[i]
        figures.off[why].append(f"{shown} {t.id}: ours {got.start}…{got.finish}, "
                                f"stored {start}…{finish}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a folder of MSPDI files (searched deep)")
    parser.add_argument("--list", type=int, default=3, help="examples shown per category")
    parser.add_argument("--json", type=Path, help="write the figures as JSON")
    args = parser.parse_args()
    figures = Figures()
    for path in sorted(args.folder.rglob("*.xml")):
        head = path.read_bytes()[:4000]
        if b"schemas.microsoft.com/project" not in head and \
                b"s\x00c\x00h\x00e\x00m\x00a\x00s" not in head:
            continue  # not MSPDI (Primavera P6 XML, say)
        measure(path, figures, str(path.relative_to(args.folder)))
    share = figures.on_dates / figures.tasks if figures.tasks else 0.0
    print(f"files {figures.files}: imported {figures.imported}, "
          f"refused {sum(figures.refused.values())}, tracebacks {len(figures.crashed)}")
    for code, n in figures.refused.most_common():
        print(f"  refused [{code}]: {n}")
    for line in figures.crashed:
        print(f"  traceback: {line}")
    print(f"tasks on the stored dates: {figures.on_dates:,} of {figures.tasks:,} "
          f"({share:.1%})")
    for why, items in sorted(figures.off.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(items):5} {why}")
        for line in items[:args.list]:
            print(f"          {line}")
    if args.json:
        args.json.write_text(json.dumps({
            "files": figures.files, "imported": figures.imported,
            "refused": dict(figures.refused), "tracebacks": figures.crashed,
            "tasks": figures.tasks, "on_dates": figures.on_dates,
            "off": {k: len(v) for k, v in figures.off.items()}}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
