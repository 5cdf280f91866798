"""Schedules as JSON, CSV and terminal tables: the stable, scriptable views."""

from __future__ import annotations

from typing import Any

from planner.engine.schedule import Schedule, TaskDates
from planner.i18n.labels import column_headers, label
from planner.render.document import Block, Document, Heading, Notes, Paragraph, Records, table
from planner.render.fmt import day, iso, one_year, signed
from planner.render.terminal import width

SCHEDULE_FIELDS = (
    "id", "name", "owner", "parent", "start", "finish", "late_start", "late_finish",
    "duration", "total_float", "free_float", "critical", "deadline", "margin",
)


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
            "period_finish": iso(p.finish), "overrun_days": s.overrun,
            "duration": s.points.finish - s.points.start,
            "critical_paths": [list(path) for path in s.critical_paths],
            "critical_paths_truncated": s.more_paths,
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
        "summary": t.is_summary, "milestone": t.is_milestone,
        "start": iso(d.start), "finish": iso(d.finish),
        "late_start": iso(d.late_start), "late_finish": iso(d.late_finish),
        "duration": d.duration, "total_float": d.total_float, "free_float": d.free_float,
        "critical": d.critical, "deadline": iso(d.deadline), "margin": d.margin,
        "budget": t.budget,
    }


def schedule_rows(s: Schedule) -> list[list[object]]:
    """The CSV and spreadsheet rows: one per task, the fields of SCHEDULE_FIELDS."""
    return [[row[k] for k in SCHEDULE_FIELDS] for row in (_task_dict(s, d) for d in s.tasks)]


def schedule_headline(s: Schedule, lang: str) -> str:
    critical = sum(1 for d in s.tasks if d.critical and not s.plan.task(d.id).is_summary)
    text = label("schedule_headline", lang, name=s.plan.name, start=s.start, finish=s.finish,
                 days=s.points.finish - s.points.start, tasks=len(s.tasks), critical=critical)
    if s.overrun:
        text += label("clause_sep", lang) + label("period_overrun", lang, finish=s.finish,
                                                  end=s.plan.finish, days=s.overrun)
    return text


def schedule_table(s: Schedule, lang: str, critical_only: bool = False,
                   columns: int = 100) -> str:
    """The readable schedule for a terminal (see ``schedule_blocks``)."""
    from planner.render.writers import terminal

    return terminal(schedule_view(s, lang, critical_only, columns))


def schedule_blocks(s: Schedule, lang: str, critical_only: bool = False,
                    columns: int | None = None) -> tuple[Block, ...]:
    """The headline, a row per task (summaries indenting their children), and the critical
    paths. For a terminal of ``columns``: the year left out when the plan lies in one, long
    names clipped to fit."""
    short = columns is not None and one_year(
        d for t in s.tasks for d in (t.start, t.finish, t.deadline))
    keys = ("id", "name", "owner", "start", "finish", "duration", "total_float", "deadline",
            "margin", "critical")
    rows = []
    for d in s.tasks:
        t = s.plan.task(d.id)
        if critical_only and not d.critical:
            continue
        rows.append([
            d.id, "  " * t.depth + t.name, t.owner or "", day(d.start, short),
            day(d.finish, short), str(d.duration), str(d.total_float), day(d.deadline, short),
            signed(d.margin), label("critical_mark", lang) if d.critical else "",
        ])
    headers = [label(k, lang) for k in keys]
    numeric = [False, False, False, False, False, True, True, False, True, False]
    limits = [20, 0, 12] + [0] * (len(keys) - 3)
    if columns is not None:
        natural = [max([width(h)] + [width(r[i]) for r in rows]) for i, h in enumerate(headers)]
        others = sum(min(n, lim) if lim else n
                     for i, (n, lim) in enumerate(zip(natural, limits, strict=True)) if i != 1)
        limits[1] = max(12, columns - others - 2 * (len(keys) - 1))
    paths = [label("critical_path", lang) + label("colon", lang) + " → ".join(path)
             for path in s.critical_paths[:3]]
    hidden = len(s.critical_paths) - 3
    if s.critical_paths and (hidden > 0 or s.more_paths):  # never cut a list silently
        paths.append(label("more_paths_plus" if s.more_paths else "more_paths", lang,
                           n=max(hidden, 0)))
    return (Paragraph(schedule_headline(s, lang), "headline"),
            table(headers, rows, numeric, limits=limits if columns is not None else ()),
            *((Notes(tuple(paths)),) if paths else ()))


def schedule_records(s: Schedule, lang: str) -> Records:
    return Records(SCHEDULE_FIELDS, tuple(tuple(r) for r in schedule_rows(s)),
                   tuple(column_headers(SCHEDULE_FIELDS, lang)), s.plan.name)


def schedule_view(s: Schedule, lang: str, critical_only: bool = False,
                  columns: int | None = None) -> Document:
    """The schedule in every format."""
    return Document(s.plan.name, lang, (Heading(s.plan.name),
                                        *schedule_blocks(s, lang, critical_only, columns)),
                    data=schedule_dict(s), records=schedule_records(s, lang))
