"""What changed between two snapshots: progress, flags, and where forecasts moved."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from planner.labels import label
from planner.text import table
from planner.tracking import TaskStatus, Tracking


@dataclass(frozen=True, slots=True)
class Progressed:
    id: str
    state_before: str
    state_after: str
    percent_before: float | None
    percent_after: float | None


@dataclass(frozen=True, slots=True)
class FlagChange:
    id: str
    flag: str
    severity: str
    change: str  # new | cleared


@dataclass(frozen=True, slots=True)
class Moved:
    """A milestone's or deadline task's forecast finish, before and after."""

    id: str
    deadline: date | None
    before: date
    after: date
    days: int  # working days; positive = later


@dataclass(frozen=True)
class Diff:
    before: Tracking
    after: Tracking
    progressed: tuple[Progressed, ...]
    flags: tuple[FlagChange, ...]
    moved: tuple[Moved, ...]


def diff(before: Tracking, after: Tracking) -> Diff:
    """Compare two trackings of the same plan (``before`` has the earlier data date)."""
    plan, cal = after.plan, after.forecast.calendar
    progressed, flags, moved = [], [], []
    for a, b, task in zip(before.tasks, after.tasks, plan.tasks, strict=True):
        if not task.is_summary and _moved_on(a, b):
            progressed.append(Progressed(task.id, a.state, b.state, a.actual_percent,
                                         b.actual_percent))
        old = {f.name: f for f in a.flags}
        new = {f.name: f for f in b.flags}
        flags += [FlagChange(task.id, n, f.severity, "new") for n, f in new.items()
                  if n not in old]
        flags += [FlagChange(task.id, n, f.severity, "cleared") for n, f in old.items()
                  if n not in new]
        if b.deadline is not None or (task.milestone and not task.is_summary):
            shift = cal.on_or_before(b.forecast.finish) - cal.on_or_before(a.forecast.finish)
            moved.append(Moved(task.id, b.deadline, a.forecast.finish, b.forecast.finish,
                               shift))
    return Diff(before, after, tuple(progressed), tuple(flags), tuple(moved))


def _moved_on(a: TaskStatus, b: TaskStatus) -> bool:
    return a.state != b.state or (a.actual_percent or 0) != (b.actual_percent or 0)


def _pct(x: float | None) -> str:
    return "?" if x is None else f"{x:.0f}%"


def diff_text(d: Diff, lang: str) -> str:
    plan = d.after.plan
    zh = lang == "zh"
    lines = [f"{plan.name}: {d.before.date} → {d.after.date}", ""]
    lines.append("进展" if zh else "Progress")
    rows = [[p.id, plan.task(p.id).name,
             f"{label('state.' + p.state_before, lang)} → {label('state.' + p.state_after, lang)}",
             f"{_pct(p.percent_before)} → {_pct(p.percent_after)}",
             _delta(p.percent_before, p.percent_after)] for p in d.progressed]
    lines.append(table(["id", label("name", lang), label("state", lang), "%", "Δ"], rows,
                       [False, False, False, False, True], [20, 24]) if rows else
                 ("  (无)" if zh else "  (none)"))
    lines += ["", "预警变化" if zh else "Flags"]
    rows = [[("+ " if f.change == "new" else "- ") + f.id, plan.task(f.id).name,
             label(f"flag.{f.flag}", lang), label(f"severity.{f.severity}", lang)]
            for f in d.flags if f.flag != "critical" or f.change == "new"]
    lines.append(table(["id", label("name", lang), label("flags", lang), ""], rows,
                       max_width=[22, 24]) if rows else ("  (无)" if zh else "  (none)"))
    lines += ["", "里程碑与期限" if zh else "Milestones and deadlines"]
    rows = [[m.id, plan.task(m.id).name, str(m.before), str(m.after), f"{m.days:+d}",
             str(m.deadline or "")] for m in d.moved]
    lines.append(table(["id", label("name", lang), str(d.before.date), str(d.after.date), "Δ",
                        label("deadline", lang)], rows, [False] * 4 + [True, False], [20, 24])
                 if rows else ("  (无)" if zh else "  (none)"))
    return "\n".join(lines) + "\n"


def _delta(a: float | None, b: float | None) -> str:
    return "" if a is None or b is None else f"{b - a:+.0f}"


def diff_dict(d: Diff) -> dict[str, Any]:
    def iso(x: date | None) -> str | None:
        return x.isoformat() if x else None

    return {
        "plan": d.after.plan.id, "from": d.before.date.isoformat(),
        "to": d.after.date.isoformat(),
        "progress": [{"id": p.id, "state_before": p.state_before, "state_after": p.state_after,
                      "percent_before": p.percent_before, "percent_after": p.percent_after}
                     for p in d.progressed],
        "flags": [{"id": f.id, "flag": f.flag, "severity": f.severity, "change": f.change}
                  for f in d.flags],
        "moved": [{"id": m.id, "deadline": iso(m.deadline), "before": iso(m.before),
                   "after": iso(m.after), "days": m.days} for m in d.moved],
    }


def diff_json(d: Diff) -> str:
    return json.dumps(diff_dict(d), ensure_ascii=False, indent=2) + "\n"
