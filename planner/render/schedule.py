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
from planner.render.fmt import day, iso, long_date, marked, one_year, signed
from planner.render.terminal import clip, width
from planner.support.sanitize import one_line

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
            "near_critical_paths": [list(path) for path in s.near_critical],
            "near_critical_days": p.thresholds.near_critical,
            "pinned": list(s.pinned),
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


def period_clause(s: Schedule, lang: str) -> str:
    """The plan's own period first, in working days from its calendar, and whether work
    begun before it is carried over ("" when the plan states no period)."""
    days, end = s.period_days, s.plan.finish
    if days is None or end is None:
        return ""
    start = s.plan.start
    text = label("plan_period", lang, start=long_date(start, lang),
                 finish=long_date(end, lang, omit_year=end.year == start.year), days=days)
    first = s.carried_over
    if first is not None:
        # a second-half plan carries the first half's work: say it as people do
        h1 = (start.month, start.day) == (7, 1) and first.year == start.year
        text += label("clause_sep", lang) + label(
            "plan_period.carried_h1" if h1 else "plan_period.carried", lang)
    return text


def schedule_headline(s: Schedule, lang: str) -> str:
    critical = sum(1 for d in s.tasks if d.critical and not s.plan.task(d.id).is_summary)
    values = dict(name=s.plan.name, start=long_date(s.start, lang),
                  finish=long_date(s.finish, lang, omit_year=s.finish.year == s.start.year),
                  days=s.points.finish - s.points.start, tasks=len(s.tasks), critical=critical)
    period = period_clause(s, lang)
    text = label("schedule_headline.period", lang, period=period, **values) if period \
        else label("schedule_headline", lang, **values)
    if s.overrun:
        text += label("clause_sep", lang) + label(
            "period_overrun", lang, finish=long_date(s.finish, lang),
            end=long_date(s.plan.finish, lang), days=s.overrun)
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
    mark, fixed = label("critical_mark", lang), label("pinned_mark", lang)
    pinned = set(s.pinned)
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
            str(d.total_float), deadline, signed(d.margin),
            mark if d.critical else fixed if d.id in pinned else "",
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
    paths = path_lines(s, lang)
    if assumptions and (any(any_mark in c for r in rows for c in r[2:8])
                        or any_mark in headers[2]):
        paths.append(label("assumed.note", lang))
    return (Paragraph(schedule_headline(s, lang), "headline"),
            table(headers, rows, numeric, limits=limits if columns is not None else (),
                  empty=label("no_critical_tasks", lang) if critical_only else ""),
            *((Notes(tuple(paths)),) if paths else ()))


def path_lines(s: Schedule, lang: str, shown: int = 3) -> list[str]:
    """The critical paths, then the near-critical chains, each by its tasks' names (the
    JSON keeps their ids), and the tasks with no float only through their own dates."""
    def chain(ids: tuple[str, ...]) -> str:
        return " → ".join(one_line(s.plan.task(i).name) for i in ids)

    lines = [label("critical_path", lang) + label("colon", lang) + chain(path)
             for path in s.critical_paths[:shown]]
    hidden = len(s.critical_paths) - shown
    if s.critical_paths and (hidden > 0 or s.more_paths):  # never cut a list silently
        lines.append(label("more_paths_plus" if s.more_paths else "more_paths", lang,
                           n=max(hidden, 0)))
    for ids in s.near_critical[:shown]:
        least = min(s.task(i).total_float for i in ids)
        lines.append(label("near_critical_path", lang, days=least) + chain(ids))
    if len(s.near_critical) > shown:
        lines.append(label("more_near_critical", lang, n=len(s.near_critical) - shown))
    if s.pinned:  # why a task of no float has no mark: its mark says it, explained here
        lines.append(label("pinned_note", lang, mark=label("pinned_mark", lang),
                           n=len(s.pinned)))
    return lines


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
