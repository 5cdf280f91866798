"""The plan review: tracking results as a terminal table, Markdown, CSV and JSON."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from planner.analysis.assumptions import assumed_list, has_assumptions, rests_on_assumption
from planner.analysis.tracking import EarnedValue, TaskStatus, Tracking
from planner.domain.flags import HELD_UP_FLAGS, Flag
from planner.i18n.labels import column_headers, label, sample_banner, sample_dict
from planner.render.document import (
    PART_OF,
    Block,
    Document,
    Heading,
    Notes,
    Paragraph,
    Records,
    Section,
    banner,
    table,
)
from planner.render.fmt import (
    day,
    iso,
    long_date,
    marked,
    money,
    pct,
    ratio,
    rounded,
    signed,
)
from planner.render.schedule import period_clause
from planner.render.terminal import clip

TASK_FIELDS = (
    "id", "name", "owner", "parent", "state", "baseline_start", "baseline_finish",
    "baseline_duration", "actual_start", "actual_finish", "forecast_start", "forecast_finish",
    "forecast_duration", "start_variance_days", "start_variance_calendar_days",
    "finish_variance_days", "finish_variance_calendar_days", "duration_variance_days",
    "deadline", "deadline_margin_days", "planned_percent", "actual_percent", "total_float",
    "critical", "flags", "bac", "pv", "ev", "ac", "sv", "spi", "cv", "cpi", "eac", "vac",
    "es", "at", "spi_t", "reported", "carried", "report_state", "forecast_from", "note",
    "assumed",
)
VALUE_FIELDS = ("bac", "pv", "ev", "ac", "sv", "spi", "cv", "cpi", "eac", "vac", "es", "at",
                "spi_t")
BASIS_FIELDS = ("basis", "basis_tasks")


def select(t: Tracking, owner: str | None = None, flag: str | None = None,
           ) -> list[TaskStatus]:
    """Leaf tasks to review, most severe first, then by slip."""
    rows = []
    for s in t.leaves():
        task = t.plan.task(s.id)
        if owner is not None and task.owner != owner:
            continue
        if flag is not None and flag not in {f.name for f in s.flags}:
            continue
        rows.append(s)
    return sorted(rows, key=lambda s: (-s.severity, -(s.finish_variance_days or 0),
                                       t.plan.index[s.id]))


def worst(rows: Iterable[TaskStatus]) -> int:
    """Rank of the worst flag among ``rows`` (-1 when none)."""
    return max((s.severity for s in rows), default=-1)


def row_class(s: TaskStatus | None) -> str:
    """The CSS class of an HTML row: its worst flag, when that is medium or high."""
    return "" if s is None else ("", "", "medium", "high")[s.severity + 1]


def reasons(s: TaskStatus | None, lang: str) -> str:
    """Every flag of a task, explained, in one line."""
    return "" if s is None else label("clause_sep", lang).join(reason(f, lang) for f in s.flags)


def reason(f: Flag, lang: str) -> str:
    # dates as running text says them (2023年10月31日 in Chinese)
    values = {k: (long_date(v, lang) if isinstance(v, date) else v) for k, v in f.detail}
    started = f.name == "held-back" and values.get("started")  # it waited, began on time
    # awaited before any earlier review: there is no report to forecast from
    planned = f.name == "awaiting-report" and values.get("since") is None
    spent = f.name == "over-budget" and values.get("over") is None  # spent, nothing earned
    return label(f"reason.{f.name}" + ("-started" if started else "-planned" if planned
                                       else "-nothing-earned" if spent else ""),
                 lang, **values)


# -- headline -------------------------------------------------------------------------------


def headline(t: Tracking, rows: list[TaskStatus], lang: str, owner: str | None = None,
             ) -> str:
    """What ``rows`` come to; for one ``owner``'s rows, theirs alone: the plan's overrun is
    not the owner's to answer for (`overrun_context` says it apart)."""
    # the tasks whose report is awaited are counted apart: as of the report before, they
    # are neither on track nor late now
    awaiting = [s for s in rows if s.awaiting]
    counted = [s for s in rows if not s.awaiting]
    done = sum(1 for s in counted if s.state == "done")
    waiting = sum(1 for s in counted if any(f.name in HELD_UP_FLAGS for f in s.flags))
    late = sum(1 for s in counted if s.state != "done" and s.late
               and not any(f.name in HELD_UP_FLAGS for f in s.flags))
    parts = [label("status_headline", lang, date=long_date(t.date, lang), tasks=len(rows),
                   done=done, ok=len(counted) - done - late - waiting, late=late)]
    if awaiting:
        units = len(outstanding_units(t, rows))
        parts.append(label("outstanding.headline", lang, units=units, tasks=len(awaiting),
                           since=long_date(t.since, lang)) if t.since else
                     label("outstanding.headline_planned", lang, units=units,
                           tasks=len(awaiting)))
    if waiting:
        parts.append(label("waiting_count", lang, n=waiting))
    slipping = [s for s in rows if s.state != "done" and (s.finish_variance_days or 0) > 0]
    if slipping:
        w = max(slipping, key=lambda s: s.finish_variance_days or 0)
        parts.append(label("worst_slip", lang, name=t.plan.task(w.id).name,
                           days=w.finish_variance_days))
    passed = sum(1 for s in rows if any(f.name == "missed-deadline" for f in s.flags))
    missed = sum(1 for s in rows if any(f.name == "will-miss-deadline" for f in s.flags))
    if passed:
        parts.append(label("deadlines_passed", lang, n=passed))
    if missed or not passed:
        parts.append(label("deadlines_missed", lang, n=missed) if missed
                     else label("no_deadline_missed", lang))
    if t.overrun and owner is None:
        parts.append(label("period_overrun", lang, finish=long_date(t.forecast.finish, lang),
                           end=long_date(t.plan.finish, lang), days=t.overrun)
                     + driver_clause(t, lang))
    text = label("clause_sep", lang).join(parts)
    if owner is not None:
        return label("owner_headline", lang, owner=owner) + text
    # what the plan plans first: its period (a half-year), not the span of all its work
    period = period_clause(t.forecast, lang)
    return period + label("period_sep", lang) + text if period else text


def driver_clause(t: Tracking, lang: str) -> str:
    """", mainly because of X (owner)" for the task driving the overrun, saying when its
    finish is an assumption ("" when there is none)."""
    if t.driver is None:
        return ""
    task = t.plan.task(t.driver)
    who = label("task_owner", lang, name=task.name, owner=task.owner) if task.owner \
        else label("task_only", lang, name=task.name)
    clause = label("overrun_driver.assumed" if t.driver_assumed else "overrun_driver", lang,
                   task=who)
    held = t.held_by(t.driver)
    if held is not None:  # its rest waits on another plan's task: say which, and whose
        clause += label("overrun_driver.waits", lang, plan=held.plan_name, task=held.name,
                        owner=label("overrun_driver.owner", lang, owner=held.owner)
                        if held.owner else "", day=long_date(held.day, lang))
    return clause


def overrun_context(t: Tracking, lang: str) -> str:
    """The plan's overrun with the task that drives it (`Tracking.driver`), as context for
    a review of part of the plan; empty when the forecast stays within the period."""
    if not t.overrun:
        return ""
    if t.driver is None:
        return label("period_overrun", lang, finish=long_date(t.forecast.finish, lang),
                     end=long_date(t.plan.finish, lang), days=t.overrun)
    return label("overrun_context", lang, days=t.overrun) + driver_clause(t, lang)


def outstanding_units(t: Tracking, rows: list[TaskStatus]) -> list[tuple[str, int]]:
    """The units whose form is not back, with their awaited tasks among ``rows``."""
    shown = {s.id for s in rows if s.awaiting}
    found = [(u.owner, sum(1 for task in u.tasks if task in shown)) for u in t.outstanding]
    return [(owner or "", n) for owner, n in found if n]


def outstanding_line(t: Tracking, rows: list[TaskStatus], lang: str) -> str:
    """The units to chase, each with its number of tasks ("" when every form is back)."""
    units = outstanding_units(t, rows)
    if not units:
        return ""
    return label("outstanding.list", lang, list=label("name_sep", lang).join(
        label("outstanding.item", lang, owner=owner or label("no_owner", lang), n=n)
        for owner, n in units))


def held_line(t: Tracking, rows: list[TaskStatus], lang: str) -> str:
    """The tasks among ``rows`` held back, after the data date, by a task of another plan
    (`Tracking.held_by`): which, whose, and from when they may go on ("" when none)."""
    items = []
    for s in rows:
        held = t.held_by(s.id)
        if held is None:
            continue
        items.append(label("held.item", lang, task=t.plan.task(s.id).name, plan=held.plan_name,
                           other=held.name, owner=label("overrun_driver.owner", lang,
                                                        owner=held.owner) if held.owner else "",
                           day=long_date(held.day, lang)))
    if not items:
        return ""
    return label("held.list", lang, n=len(items), list=label("name_sep", lang).join(items))


def value_line(v: EarnedValue, lang: str, currency: str | None,
               over: Sequence[tuple[str, EarnedValue]] = ()) -> str:
    """Earned value on its basis, said in words first: what the ratios are ratios of; then
    the tasks forecast over budget (``over``: name and figures, see ``over_budget``). In
    Chinese the figures have Chinese names and amounts in 万元; English keeps BAC/PV/EV/AC."""
    if v.basis is None:
        return ""
    sep = label("clause_sep", lang)
    if lang == "zh":
        if v.basis == "budget":
            head = label("value.zh_budget", lang, n=v.basis_tasks,
                         bac=money(v.bac or 0, currency, lang, exact=True))
            text = head + label("value.zh_money", lang, pv=money(v.pv or 0, currency, lang),
                                ev=money(v.ev or 0, currency, lang)) \
                + ("" if v.ac is None else label("value.zh_spent", lang,
                                                  ac=money(v.ac, currency, lang))) \
                + sep + label("value.zh_ratios", lang, spi=ratio(v.spi), cpi=ratio(v.cpi))
        else:
            text = label("value.zh_duration", lang, n=v.basis_tasks, spi=ratio(v.spi))
    else:
        unit = f" {currency}" if currency else ""
        if v.basis == "budget":
            head = label("value.basis_budget", lang, n=v.basis_tasks,
                         bac=f"{v.bac or 0:,.0f}", unit=unit)
            bits = [f"PV {v.pv or 0:,.0f}, EV {v.ev or 0:,.0f}"
                    + (f", AC {v.ac:,.0f}" if v.ac is not None else ""),
                    f"SPI {ratio(v.spi)}, CPI {ratio(v.cpi)}"]
        else:
            head = label("value.basis_duration", lang, n=v.basis_tasks)
            bits = [f"SPI {ratio(v.spi)}"]
        bits.append(f"SPI(t) {ratio(v.spi_t)} (ES {v.es or 0:.1f} / AT {v.at or 0:.0f})")
        text = head + sep + ", ".join(bits)
    if over:
        text += sep + label("value.over_budget", lang, list=label("list_sep", lang).join(
            label("value.over_item", lang, name=name,
                  eac=money(o.eac or 0, currency, lang),
                  bac=money(o.bac or 0, currency, lang, exact=True))
            for name, o in over))
    return text


def over_budget(t: Tracking, rows: Iterable[TaskStatus]) -> list[tuple[str, EarnedValue]]:
    """The tasks among ``rows`` flagged `over-budget`, with their figures, worst first."""
    found = [s for s in rows if any(f.name == "over-budget" for f in s.flags)]
    found.sort(key=lambda s: s.value.cpi if s.value.cpi is not None else 0.0)
    return [(t.plan.task(s.id).name, s.value) for s in found]


# -- table and Markdown ---------------------------------------------------------------------


def cells(t: Tracking, s: TaskStatus, lang: str, short: bool, explain: bool = False,
          owner_mark: bool = True, owner_width: int | None = None) -> list[str]:
    """A review row; the last cell names the flags, or with ``explain`` explains them and
    is followed by the task's note (the reason for a delay, as its unit reported it).
    Assumed values are marked (`assumed:` in the plan): the owner (unless ``owner_mark`` is
    off: the header says it for the whole column; clipped to ``owner_width`` keeping the
    mark), the baseline finish, and the margin when the deadline is assumed."""
    task = t.plan.task(s.id)
    owner = task.owner or ""
    finish = day(s.baseline.finish if s.baseline else None, short)
    margin = signed(s.deadline_margin_days)
    if task.assumed or s.deadline is not None:
        plan = t.plan
        if owner_mark and task.is_assumed("owner"):
            owner = marked(owner if owner_width is None else clip(owner, owner_width - 2),
                           True, lang)
        finish = marked(finish, rests_on_assumption(plan, s.id, "finish"), lang)
        if s.deadline is not None:
            margin = marked(margin, rests_on_assumption(plan, s.id, "deadline", s.deadline),
                            lang)

    return [
        s.id, task.name, owner, label(f"state.{s.state}", lang),
        _reported(t, s),
        finish, day(s.forecast.finish, short),
        signed(s.finish_variance_days), pct(s.planned_percent), pct(s.actual_percent),
        margin,
        *((reasons(s, lang), s.note or "") if explain
          else (" ".join(label(f"flag.{f.name}", lang) for f in s.flags),)),
    ]


HEADERS = ("id", "name", "owner", "state", "reported", "baseline_finish", "forecast_finish",
           "slip", "planned_percent", "actual_percent", "margin", "flags")
NUMERIC = (False, False, False, False, False, False, False, True, True, True, True, False)


def _marks(headers: list[str], body: list[list[str]], lang: str) -> bool:
    """Whether a cell of the columns `cells` marks (owner, baseline finish, margin) holds
    the mark of an assumed value."""
    mark = label("assumed.mark", lang)
    at = [headers.index(label(k, lang)) for k in ("owner", "baseline_finish", "margin")
          if label(k, lang) in headers]
    return any(r[i].endswith(mark) for r in body for i in at)


def _reported(t: Tracking, s: TaskStatus) -> str:
    """When unfinished work was last reported, if not at this snapshot (MM-DD: it is recent;
    a finished task's report date tells nothing)."""
    if s.reported is None or not carried(t, s) or s.state == "done":
        return ""
    return day(s.reported, short=s.reported.year == t.date.year)


def carried(t: Tracking, s: TaskStatus) -> bool:
    """True when the task's progress was reported at an earlier snapshot, not this one."""
    return s.reported is not None and s.reported < t.date


def groups(t: Tracking, rows: list[TaskStatus], by: str, lang: str,
           ) -> list[tuple[str, list[TaskStatus]]]:
    """Rows grouped by top-level summary (file order) or by owner (worst group first)."""
    out: dict[str, list[TaskStatus]] = {}
    for s in rows:
        task = t.plan.task(s.id)
        if by == "owner":
            key = task.owner or label("no_owner", lang)
        else:
            top = task
            while top.parent is not None:
                top = t.plan.task(top.parent)
            key = top.name if top.is_summary else label("other_tasks", lang)
        out.setdefault(key, []).append(s)
    items = list(out.items())
    if by == "owner":
        items.sort(key=lambda kv: (-worst(kv[1]), kv[0]))
    return items


UNITS = {"slip": "slip_days", "margin": "margin_days"}  # headers that say their unit


def table_columns(lang: str, body: list[list[str]], units: bool = False,
            ) -> tuple[list[str], list[list[str]], list[bool]]:
    """Headers, rows and alignment (explained rows carry a note column), without the
    'reported' column when no row needs it; with ``units``, headers say their unit
    (偏差（工作日）), as a document's do."""
    names, numeric = list(HEADERS), list(NUMERIC)
    if units:
        names = [UNITS.get(n, n) for n in names]
    if body and len(body[0]) > len(HEADERS):
        names.append("note")
        numeric.append(False)
    keep = [i for i, h in enumerate(names) if h != "reported" or any(r[i] for r in body)]
    return ([label(names[i], lang) for i in keep], [[r[i] for i in keep] for r in body],
            [numeric[i] for i in keep])


# -- JSON and CSV ---------------------------------------------------------------------------


def task_dict(t: Tracking, s: TaskStatus, lang: str) -> dict[str, Any]:
    task = t.plan.task(s.id)
    base = s.baseline
    row: dict[str, Any] = {
        "id": s.id, "name": task.name, "owner": task.owner, "parent": task.parent,
        "state": s.state,
        "baseline_start": iso(base.start if base else None),
        "baseline_finish": iso(base.finish if base else None),
        "baseline_duration": base.duration if base else None,
        "actual_start": iso(s.actual_start), "actual_finish": iso(s.actual_finish),
        "forecast_start": iso(s.forecast.start), "forecast_finish": iso(s.forecast.finish),
        "forecast_duration": s.forecast.duration,
        "start_variance_days": s.start_variance_days,
        "start_variance_calendar_days": s.start_variance_calendar_days,
        "finish_variance_days": s.finish_variance_days,
        "finish_variance_calendar_days": s.finish_variance_calendar_days,
        "duration_variance_days": s.duration_variance_days,
        "deadline": iso(s.deadline), "deadline_margin_days": s.deadline_margin_days,
        "planned_percent": rounded(s.planned_percent),
        "actual_percent": rounded(s.actual_percent),
        "total_float": s.forecast.total_float, "critical": s.forecast.critical,
        "flags": [{"name": f.name, "severity": f.severity, "reason": reason(f, lang)}
                  for f in s.flags],
        "reported": iso(s.reported), "carried": carried(t, s),
        "report_state": report_state(t, s),
        # the data date its forecast rests on: the report before for an awaited one
        "forecast_from": iso(t.since if s.awaiting else t.date),
        "note": s.note,
        "assumed": assumed_list(task),  # the keys whose values the plan marks as assumed
    }
    row.update(value_dict(s.value))
    return row


def report_state(t: Tracking, s: TaskStatus) -> str | None:
    """awaiting-report (its unit's form is not back), reported (at this data date),
    carried (an earlier report, nobody asked for a new one), None (never reported)."""
    if s.awaiting:
        return "awaiting-report"
    if s.reported is None:
        return None
    return "carried" if carried(t, s) else "reported"


def value_dict(v: EarnedValue) -> dict[str, float | None]:
    return {k: rounded(getattr(v, k)) for k in VALUE_FIELDS}


def status_dict(t: Tracking, rows: list[TaskStatus], lang: str, owner: str | None = None,
                value: EarnedValue | None = None) -> dict[str, Any]:
    summaries = [s for s, task in zip(t.tasks, t.plan.tasks, strict=True) if task.is_summary]
    out = {
        "plan": {"id": t.plan.id, "name": t.plan.name, "currency": t.plan.currency},
        "data_date": t.date.isoformat(), **sample_dict(t.snapshot.illustrative),
        "previous_date": iso(t.previous.date if t.previous else None),
        "baseline": {"saved": iso(t.baseline.saved),
                     "source": "baseline.yaml" if t.baseline.path else "plan"},
        "headline": headline(t, rows, lang, owner),
        "outstanding": [{"owner": u.owner, "tasks": list(u.tasks)} for u in t.outstanding],
        "awaiting_forecast_from": iso(t.since) if t.since and t.outstanding else None,
        "project": {"forecast_finish": t.forecast.finish.isoformat(),
                    "period_finish": iso(t.plan.finish), "overrun_days": t.overrun,
                    **value_dict(t.value),
                    **{k: getattr(t.value, k) for k in BASIS_FIELDS}},
        "tasks": [task_dict(t, s, lang) for s in rows],
        "summaries": [task_dict(t, s, lang) for s in summaries],
        # the tasks that wait on other plans' tasks, and the day each may start from
        "external": [{"task": tid, "plan": x.plan, "other_task": x.task, "name": x.name,
                      "owner": x.owner, "earliest_start": x.day.isoformat(),
                      "holds": t.held_by(tid) is not None}
                     for tid, x in t.plan.external.items()],
    }
    if owner is not None:  # the owner's own figures, and the plan's overrun as context
        mine = value or EarnedValue()
        out["owner"] = {"name": owner, "context": overrun_context(t, lang) or None,
                        "overrun_driver": t.driver,
                        **value_dict(mine), **{k: getattr(mine, k) for k in BASIS_FIELDS}}
    return out


def status_rows(t: Tracking, rows: list[TaskStatus], lang: str) -> list[list[object]]:
    """The CSV and spreadsheet rows: one per task, the fields of TASK_FIELDS."""
    out = []
    for s in rows:
        d = task_dict(t, s, lang)
        d["flags"] = " ".join(f["name"] for f in d["flags"])
        d["assumed"] = " ".join(d["assumed"])
        out.append([d[k] for k in TASK_FIELDS])
    return out


def status_records(t: Tracking, rows: list[TaskStatus], lang: str) -> Records:
    """One row per task, the fields of TASK_FIELDS; the workbook in the reader's words."""
    # the sheet's tab, the document's title and every printed page say it is sample data
    mark = label("banner.mark", lang) if t.snapshot.illustrative is not None else ""
    state, flags = TASK_FIELDS.index("state"), TASK_FIELDS.index("flags")
    assumed = TASK_FIELDS.index("assumed")
    told = TASK_FIELDS.index("report_state")
    plain = status_rows(t, rows, lang)
    cells = []
    for values in plain:
        row = list(values)
        if lang == "zh":  # words for people; the CSV keeps the stable names for scripts
            row[state] = label(f"state.{row[state]}", lang)
            row[told] = label(f"report_state.{row[told]}", lang) if row[told] else None
            row[flags] = label("list_sep", lang).join(
                label(f"flag.{f}", lang) for f in str(row[flags]).split())
            row[assumed] = label("list_sep", lang).join(
                column_headers(tuple(str(row[assumed]).split()), lang)) or None
        cells.append(tuple(row))
    # the date first: a sheet name keeps 31 characters, and a long plan name is the part to cut
    return Records(TASK_FIELDS, tuple(tuple(r) for r in plain),
                   tuple(column_headers(TASK_FIELDS, lang)), f"{mark}{t.date} {t.plan.name}",
                   tuple(cells))


def status_blocks(t: Tracking, rows: list[TaskStatus], lang: str, by: str = "summary",
                  columns: int | None = None, owner: str | None = None,
                  value: EarnedValue | None = None) -> tuple[Block, ...]:
    """The review: its headline, earned value, and a table per group. For a terminal of
    ``columns``: flag names, dates without the year when all share one, long names clipped;
    for a document (None): every flag explained and the units' notes. For one ``owner``'s
    rows: the owner's figures and earned value (``value``), then the plan's overrun as
    context."""
    blocks: list[Block] = [Paragraph(headline(t, rows, lang, owner), "meta")]
    if chase := outstanding_line(t, rows, lang):
        blocks.append(Paragraph(chase, "meta"))
    if held := held_line(t, rows, lang):
        blocks.append(Paragraph(held, "meta"))
    if owner is None:
        if ev := value_line(t.value, lang, t.plan.currency, over_budget(t, rows)):
            blocks.append(Paragraph(ev, "meta"))
    else:
        if value is not None and (ev := value_line(value, lang, t.plan.currency,
                                                   over_budget(t, rows))):
            blocks.append(Paragraph(label("owner_value", lang, owner=owner) + ev, "meta"))
        if context := overrun_context(t, lang):
            blocks.append(Paragraph(context, "meta"))
    years = {d.year for s in rows for d in (s.forecast.finish,
                                           s.baseline.finish if s.baseline else None) if d}
    assumptions = has_assumptions(t.plan)
    shown_mark = False
    for name, members in groups(t, rows, by, lang):
        # every owner of the group assumed: the mark goes on the column's header once
        owned = [t.plan.task(s.id) for s in members if t.plan.task(s.id).owner]
        all_assumed = assumptions and bool(owned) and all(x.is_assumed("owner") for x in owned)
        if columns is None:
            headers, body, numeric = table_columns(
                lang, [cells(t, s, lang, short=False, explain=True,
                             owner_mark=not all_assumed) for s in members], units=True)
            shown_mark = shown_mark or all_assumed or _marks(headers, body, lang)
            if all_assumed:
                headers[2] = marked(headers[2], True, lang)
            found = table(headers, body, numeric, [row_class(s) for s in members])
        else:
            headers, body, numeric = table_columns(
                lang, [cells(t, s, lang, len(years) <= 1, owner_mark=not all_assumed,
                             owner_width=10) for s in members])
            shown_mark = shown_mark or all_assumed or _marks(headers, body, lang)
            if all_assumed:
                headers[2] = marked(headers[2], True, lang)
            # the flags column is never clipped: it is what the review is for
            name_width = max(12, min(24, columns - 84 - (8 if len(headers) == len(HEADERS)
                                                         else 0)))
            found = table(headers, body, numeric, limits=[18, name_width, 10])
        blocks.append(Section(name, (found,)))
    if shown_mark:
        blocks.append(Notes((label("assumed.note", lang),)))
    return tuple(blocks)


def status_view(t: Tracking, rows: list[TaskStatus], lang: str, by: str = "summary",
                columns: int | None = None, fmt: str | None = None,
                owner: str | None = None, value: EarnedValue | None = None) -> Document:
    """The review at ``t`` of ``rows`` (see ``select``), in every format, or (``fmt``) only
    the part that format is written from. With ``owner``, the rows are that owner's and
    ``value`` their earned value (`Tracking.value_of`)."""
    title = f"{t.plan.name} — {t.date}"
    part = PART_OF.get(fmt) if fmt is not None else None
    blocks = (Heading(title), *banner(sample_banner(t.snapshot.illustrative, lang)),
              *status_blocks(t, rows, lang, by, columns, owner, value)) \
        if part in (None, "blocks") else ()
    return Document(title, lang, blocks,
                    data=status_dict(t, rows, lang, owner, value) if part in (None, "data")
                    else None,
                    records=status_records(t, rows, lang) if part in (None, "records")
                    else None)
