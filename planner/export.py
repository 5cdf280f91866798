"""Schedules as JSON, CSV and terminal tables: the stable, scriptable views."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

from planner.labels import label
from planner.schedule import Schedule, TaskDates
from planner.text import table, width

SCHEDULE_FIELDS = (
    "id", "name", "owner", "parent", "start", "finish", "late_start", "late_finish",
    "duration", "total_float", "free_float", "critical", "deadline", "margin",
)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def schedule_dict(s: Schedule) -> dict[str, Any]:
    """The `--format json` document (ISO dates; durations and floats in working days)."""
    p = s.plan
    return {
        "plan": {
            "id": p.id, "name": p.name, "start": p.start.isoformat(), "calendar": p.calendar,
            "lang": p.lang, "currency": p.currency,
        },
        "project": {
            "start": s.start.isoformat(), "finish": s.finish.isoformat(),
            "duration": s.points.finish - s.points.start,
            "critical_paths": [list(path) for path in s.critical_paths],
        },
        "tasks": [_task_dict(s, d) for d in s.tasks],
        "diagnostics": [
            {"severity": d.severity.value, "code": d.code, "message": d.message,
             "task": d.task, "file": d.location.file, "line": d.location.line}
            for d in s.diagnostics
        ],
    }


def _task_dict(s: Schedule, d: TaskDates) -> dict[str, Any]:
    t = s.plan.task(d.id)
    return {
        "id": d.id, "name": t.name, "owner": t.owner, "parent": t.parent,
        "summary": t.is_summary, "milestone": d.duration == 0 and not t.is_summary,
        "start": _iso(d.start), "finish": _iso(d.finish),
        "late_start": _iso(d.late_start), "late_finish": _iso(d.late_finish),
        "duration": d.duration, "total_float": d.total_float, "free_float": d.free_float,
        "critical": d.critical, "deadline": _iso(d.deadline), "margin": d.margin,
        "budget": t.budget,
    }


def schedule_json(s: Schedule) -> str:
    return json.dumps(schedule_dict(s), ensure_ascii=False, indent=2) + "\n"


def schedule_csv(s: Schedule) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(SCHEDULE_FIELDS)
    for d in s.tasks:
        row = _task_dict(s, d)
        writer.writerow(["" if row[k] is None else row[k] for k in SCHEDULE_FIELDS])
    return buf.getvalue()


def schedule_headline(s: Schedule, lang: str) -> str:
    critical = sum(1 for d in s.tasks if d.critical and not s.plan.task(d.id).is_summary)
    return label("schedule_headline", lang, name=s.plan.name, start=s.start, finish=s.finish,
                 days=s.points.finish - s.points.start, tasks=len(s.tasks), critical=critical)


def schedule_table(s: Schedule, lang: str, critical_only: bool = False,
                   columns: int = 100) -> str:
    """The readable schedule: one row per task, summaries indenting their children.

    Fits ``columns`` terminal columns: dates drop their year when the whole plan lies in
    one year (the headline names it), and long names are clipped.
    """
    years = {d.year for t in s.tasks for d in (t.start, t.finish, t.deadline) if d}
    short = len(years) == 1

    def day(value: date | None) -> str:
        if value is None:
            return ""
        return value.strftime("%m-%d") if short else value.isoformat()

    keys = ("id", "name", "owner", "start", "finish", "duration", "total_float", "deadline",
            "margin", "critical")
    rows = []
    for d in s.tasks:
        t = s.plan.task(d.id)
        if critical_only and not d.critical:
            continue
        rows.append([
            d.id, "  " * t.depth + t.name, t.owner or "", day(d.start), day(d.finish),
            str(d.duration), str(d.total_float), day(d.deadline),
            "" if d.margin is None else f"{d.margin:+d}",
            label("critical_mark", lang) if d.critical else "",
        ])
    headers = [label(k, lang) for k in keys]
    numeric = [False, False, False, False, False, True, True, False, True, False]
    limits = [20, 0, 12] + [0] * (len(keys) - 3)
    natural = [max([width(h)] + [width(r[i]) for r in rows]) for i, h in enumerate(headers)]
    others = sum(min(n, lim) if lim else n for i, (n, lim) in enumerate(zip(natural, limits,
                                                                             strict=True))
                 if i != 1)
    limits[1] = max(12, columns - others - 2 * (len(keys) - 1))
    body = table(headers, rows, numeric, max_width=limits)
    lines = [schedule_headline(s, lang), "", body]
    if s.critical_paths:
        lines.append("")
        for path in s.critical_paths[:3]:
            lines.append(f"{label('critical_path', lang)}: " + " → ".join(path))
    return "\n".join(lines) + "\n"
