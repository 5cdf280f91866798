"""Schedules as JSON, CSV and terminal tables: the stable, scriptable views."""

from __future__ import annotations

from datetime import date
from typing import Any

from planner.analysis.assumptions import assumed_list, has_assumptions, rests_on_assumption
from planner.engine.schedule import Schedule
from planner.i18n.labels import column_headers, label
from planner.render.document import (
    PART_OF,
    Block,
    Document,
    Heading,
    Notes,
    Paragraph,
    Records,
    table,
)
from planner.render.fmt import day, iso, marked, one_year, signed
from planner.render.terminal import clip, width

SCHEDULE_FIELDS = (
    "id", "name", "owner", "parent", "start", "finish", "late_start", "late_finish",
    "duration", "total_float", "free_float", "critical", "deadline", "margin", "assumed",
)


def schedule_dict(s: Schedule) -> dict[str, Any]:
    """The `--format json` document (ISO dates; durations and floats in working days)."""
    return _schedule_dict(s, _records(s))


def _schedule_dict(s: Schedule, records: list[tuple[object, ...]]) -> dict[str, Any]:
    p = s.plan
    tasks, index = p.tasks, p.index
    rows = []
    for d, r in zip(s.tasks, records, strict=True):
        t = tasks[index[d.id]]
        rows.append({
            "id": r[0], "name": r[1], "owner": r[2], "parent": r[3],
            "summary": bool(t.children), "milestone": t.is_milestone,
            "start": r[4], "finish": r[5], "late_start": r[6], "late_finish": r[7],
            "duration": r[8], "total_float": r[9], "free_float": r[10],
            "critical": r[11], "deadline": r[12], "margin": r[13], "budget": t.budget,
            "assumed": assumed_list(t),  # the keys whose values the plan marks as assumed
        })
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
        "tasks": rows,
        "diagnostics": [
            {"severity": d.severity.value, "code": d.code, "message": d.message,
             "task": d.task, "file": d.location.file, "line": d.location.line}
            for d in s.diagnostics
        ],
    }


def _records(s: Schedule) -> list[tuple[object, ...]]:
    """A row per task, the fields of SCHEDULE_FIELDS in order (dates as ISO text): built
    once for the JSON document, the CSV and the workbook alike."""
    tasks, index = s.plan.tasks, s.plan.index
    out: list[tuple[object, ...]] = []
    for d in s.tasks:
        t = tasks[index[d.id]]
        out.append((d.id, t.name, t.owner, t.parent, iso(d.start), iso(d.finish),
                    iso(d.late_start), iso(d.late_finish), d.duration, d.total_float,
                    d.free_float, d.critical, iso(d.deadline), d.margin,
                    " ".join(assumed_list(t))))
    return out


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
    mark = label("critical_mark", lang)
    days: dict[date | None, str] = {}

    def cell(value: date | None) -> str:  # a few thousand days among half a million dates
        text = days.get(value)
        if text is None:
            text = days[value] = day(value, short)
        return text

    tasks, index = s.plan.tasks, s.plan.index
    plan = s.plan
    assumptions = has_assumptions(plan)
    shown = [(d, tasks[index[d.id]]) for d in s.tasks if d.critical or not critical_only]
    # every owner shown assumed (a plan whose units are all to be confirmed): the mark goes
    # on the column's header once, not on every row
    owners_assumed = assumptions and all(t.is_assumed("owner") for _, t in shown if t.owner)
    rows = []
    for d, t in shown:
        owner, finish, deadline = t.owner or "", cell(d.finish), cell(d.deadline)
        if assumptions and t.assumed:
            if not owners_assumed and t.is_assumed("owner"):  # clipped, the mark stays
                owner = marked(clip(owner, 10) if columns is not None else owner, True, lang)
            finish = marked(finish, rests_on_assumption(plan, d.id, "finish"), lang)
        if assumptions and d.deadline is not None:
            deadline = marked(deadline, rests_on_assumption(plan, d.id, "deadline",
                                                            d.deadline), lang)
        rows.append((
            d.id, "  " * t.depth + t.name, owner, cell(d.start), finish, str(d.duration),
            str(d.total_float), deadline, signed(d.margin), mark if d.critical else "",
        ))
    headers = [label(k, lang) for k in keys]
    any_mark = label("assumed.mark", lang)
    if owners_assumed and any(t.owner for _, t in shown):
        headers[2] = marked(headers[2], True, lang)
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
    if assumptions and (any(any_mark in c for r in rows for c in r[2:8])
                        or any_mark in headers[2]):
        paths.append(label("assumed.note", lang))
    return (Paragraph(schedule_headline(s, lang), "headline"),
            table(headers, rows, numeric, limits=limits if columns is not None else ()),
            *((Notes(tuple(paths)),) if paths else ()))


def _schedule_records(s: Schedule, lang: str, records: list[tuple[object, ...]]) -> Records:
    return Records(SCHEDULE_FIELDS, tuple(records), tuple(column_headers(SCHEDULE_FIELDS, lang)),
                   s.plan.name)


def schedule_view(s: Schedule, lang: str, critical_only: bool = False,
                  columns: int | None = None, fmt: str | None = None) -> Document:
    """The schedule in every format, or (``fmt``) only the part that format is written
    from."""
    part = PART_OF.get(fmt) if fmt is not None else None
    records = _records(s) if part != "blocks" else []
    blocks = (Heading(s.plan.name), *schedule_blocks(s, lang, critical_only, columns)) \
        if part in (None, "blocks") else ()
    return Document(s.plan.name, lang, blocks,
                    data=_schedule_dict(s, records) if part in (None, "data") else None,
                    records=_schedule_records(s, lang, records)
                    if part in (None, "records") else None)
