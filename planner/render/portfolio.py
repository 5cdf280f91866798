"""A portfolio's review as a document: the plans' table, what holds plans up across plans,
the deadlines of every plan most at risk first, and every owner across plans.

The terminal, Markdown and HTML writers read its blocks, a workbook its records (a sheet
per table), JSON its data (stable keys, ISO dates).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from planner.analysis.portfolio import (
    Cause,
    JointRisk,
    PlanRow,
    PlanSummary,
    Rollup,
    Wait,
    Watch,
    is_late,
    misses,
)
from planner.i18n.labels import label, sample_dict
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
    chance,
    dated_title,
    iso,
    long_date,
    marked,
    money,
    ratio,
    signed,
)


def portfolio_view(r: Rollup, lang: str, fmt: str | None = None,
                   finishes: Mapping[str, float | None] | None = None) -> Document:
    """The review of every plan of ``r`` in every format (or only ``fmt``'s part);
    ``finishes``: each plan's chance of finishing within its period, when simulated."""
    title = dated_title(label("rollup.title", lang, name=r.name), r.date, lang)
    part = PART_OF.get(fmt) if fmt is not None else None
    blocks = (Heading(title), *banner(sample_line(r, lang)), *rollup_blocks(r, lang, finishes)
              ) if part in (None, "blocks") else ()
    return Document(title, lang, blocks,
                    data=rollup_dict(r, finishes) if part in (None, "data") else None,
                    records=rollup_records(r, lang, finishes)
                    if part in (None, "records") else None)


def sample_line(r: Rollup, lang: str) -> str | None:
    """The sample-data banner naming the plans that are invented, or whose snapshot is."""
    names = [p.row.name for p in r.plans if p.row.illustrative is not None]
    if not names:
        return None
    return label("banner.sample", lang, note=label("rollup.sample", lang,
                                                  plans=label("list_sep", lang).join(names)))


def rollup_blocks(r: Rollup, lang: str, finishes: Mapping[str, float | None] | None = None,
                  ) -> tuple[Block, ...]:
    plans = plan_table(r, lang, finishes)
    causes = cause_lines(r, lang)
    watches = watch_table(r.watches(), r, lang)
    owners = owner_table(r, lang)
    return (
        Paragraph(headline(r, lang), "headline"),
        *(Paragraph(x, "text") for x in context_lines(r, lang)),
        Section(label("rollup.section.plans", lang), (plans,)),
        Section(label("rollup.section.causes", lang),
                (Notes(tuple(causes)),) if causes else
                (Paragraph(label("rollup.no_causes", lang)),)),
        Section(label("rollup.section.watches", lang), (watches, *assumed_note(r, lang))),
        Section(label("rollup.section.owners", lang), (owners,)),
    )


def assumed_note(r: Rollup, lang: str) -> tuple[Block, ...]:
    """The note under a table that marks assumed owners or drivers (＊)."""
    if any(w.owner_assumed and w.owner for p in r.plans for w in p.watches) or any(
            x.driver_assumed and x.overrun > 0 for x in r.rows):
        return (Paragraph(label("assumed.note", lang), "meta"),)
    return ()


def headline(r: Rollup, lang: str) -> str:
    rows = r.rows
    return label("rollup.headline", lang, plans=len(rows), tasks=sum(x.tasks for x in rows),
                 done=sum(x.done for x in rows), active=sum(x.in_progress for x in rows),
                 late=sum(x.late for x in rows), missed=sum(x.missed for x in rows),
                 over=sum(x.overrun > 0 for x in rows))


def context_lines(r: Rollup, lang: str) -> list[str]:
    """What the headline's figures rest on: reports not in, plans reviewed at an older
    snapshot or at none."""
    out = []
    units = sum(x.awaiting_units for x in r.rows)
    if units:
        out.append(label("rollup.headline.awaiting", lang, units=units,
                         tasks=sum(x.awaiting for x in r.rows)))
    older = [x for x in r.rows if x.data_date is not None and r.date is not None
             and x.data_date < r.date]
    if older:
        out.append(label("rollup.headline.older", lang, plans=len(older)))
    none = [x for x in r.rows if x.data_date is None]
    if none:
        out.append(label("rollup.headline.none", lang, plans=len(none)))
    return out


def reviewed_at(row: PlanRow, asked: date | None, lang: str) -> str:
    """The snapshot a plan is reviewed at, saying plainly when it is older than the date
    asked or there is none by then."""
    if row.data_date is None:
        return label("rollup.date.none_by", lang, asked=long_date(asked, lang)) if asked \
            else label("rollup.date.none", lang)
    if asked is not None and row.data_date < asked:
        return label("rollup.date.older", lang, day=long_date(row.data_date, lang))
    return long_date(row.data_date, lang)


def _task_name(p: PlanSummary, task_id: str | None) -> str:
    if task_id is None:
        return ""
    return next((t.name for t in p.tasks if t.id == task_id), task_id)


def plan_cells(p: PlanSummary, asked: date | None, lang: str) -> list[str]:
    """One plan's row of the roll-up: name (before its year: the title says the period),
    data date, tasks, done, late, awaiting report, missed deadlines, worst slip with its
    task, overrun with its driver, earned value."""
    r = p.row
    none = label("rollup.none", lang)
    awaiting = label("rollup.cell.awaiting", lang, tasks=r.awaiting, units=r.awaiting_units) \
        if r.awaiting else none
    worst = label("rollup.cell.slip", lang, name=_task_name(p, r.worst_task),
                  days=r.worst_slip) if r.worst_task and r.worst_slip else none
    overrun = none
    if r.overrun > 0:
        overrun = label("rollup.cell.overrun", lang, days=r.overrun, name=marked(
            _task_name(p, r.driver), r.driver_assumed, lang)) if r.driver \
            else label("rollup.cell.overrun_days", lang, days=r.overrun)
    value = none
    if r.value is not None:
        v = r.value
        value = label("rollup.cell.value", lang, ev=money(v.ev, r.currency, lang),
                      pv=money(v.pv, r.currency, lang), spi=ratio(v.spi))
        if v.cpi is not None:  # without costs reported there is no cost index
            value += label("rollup.cell.cpi", lang, cpi=ratio(v.cpi))
    return [r.short, reviewed_at(r, asked, lang), str(r.tasks), str(r.done), str(r.late),
            awaiting, str(r.missed), worst, overrun, value]


PLAN_COLUMNS = ("plan", "data_date", "tasks", "done", "late", "awaiting", "missed", "worst",
                "overrun", "value")
PLAN_NUMERIC = (False, False, True, True, True, False, True, False, False, False)
# the most terminal columns each takes (0: no limit): a county's table has many plans to fit
PLAN_LIMITS = (14, 28, 0, 0, 0, 10, 0, 22, 30, 22)


def plan_class(r: PlanRow) -> str:
    return "high" if r.missed or r.overrun else "medium" if r.late else ""


def plan_table(r: Rollup, lang: str, finishes: Mapping[str, float | None] | None = None,
               ) -> Any:
    grouped = any(p.row.group for p in r.plans)
    headers = [label(f"rollup.col.{k}", lang) for k in PLAN_COLUMNS]
    numeric, limits = list(PLAN_NUMERIC), list(PLAN_LIMITS)
    rows = []
    for p in r.plans:
        cells = plan_cells(p, r.date, lang)
        if grouped:
            cells.insert(1, p.row.group or label("rollup.none", lang))
        if finishes is not None:
            cells.append(chance(finishes.get(p.row.plan)) or label("rollup.none", lang))
        rows.append(cells)
    if grouped:
        headers.insert(1, label("rollup.col.group", lang))
        numeric.insert(1, False)
        limits.insert(1, 8)
    if finishes is not None:
        headers.append(label("rollup.col.finish_chance", lang))
        numeric.append(True)
        limits.append(0)
    return table(headers, rows, numeric, [plan_class(p.row) for p in r.plans], limits)


WATCH_COLUMNS = ("plan", "task", "owner", "kind", "deadline", "finish", "margin", "state",
                 "flags")


def watch_cells(w: Watch, r: Rollup, lang: str, simulated: bool) -> list[str]:
    """One deadline or milestone: its plan, task, owner, kind, deadline, forecast finish,
    margin, (chance,) state and flags."""
    p = r.plan(w.plan)
    t = p.task(w.task)
    none = label("rollup.none", lang)
    state = label(f"state.{t.state}", lang)
    if t.awaiting:
        state += label("name_sep", lang) + label("rollup.awaiting", lang)
    cells = [p.row.short, w.name, _owner(w.owner, w.owner_assumed, lang),
             label("gantt.milestone" if w.milestone else "gantt.deadline", lang),
             long_date(w.deadline, lang) or none, long_date(w.finish, lang),
             signed(w.margin) if w.margin is not None else none, state,
             label("list_sep", lang).join(label(f"flag.{f}", lang) for f in t.flags
                                          if f != "critical") or none]
    if simulated:
        cells.insert(7, chance(w.probability) or none)
    return cells


def watch_class(w: Watch, r: Rollup) -> str:
    t = r.plan(w.plan).task(w.task)
    if misses(t):
        return "high"
    return "medium" if "deadline-at-risk" in t.flags or is_late(t) or (
        w.probability is not None and w.probability < 0.5) else ""


def watch_headers(lang: str, simulated: bool) -> tuple[list[str], list[bool]]:
    keys = list(WATCH_COLUMNS)
    if simulated:
        keys.insert(7, "chance")
    return ([label(f"rollup.col.{k}", lang) for k in keys],
            [k in ("margin", "chance") for k in keys])


def watch_table(watches: list[Watch], r: Rollup, lang: str) -> Any:
    simulated = any(w.probability is not None for w in watches)
    headers, numeric = watch_headers(lang, simulated)
    limits = [8, 18, 12, 6, 0, 0, 0, 0, 18] if not simulated else \
        [8, 18, 12, 6, 0, 0, 0, 0, 0, 18]
    return table(headers, [watch_cells(w, r, lang, simulated) for w in watches], numeric,
                 [watch_class(w, r) for w in watches], limits,
                 empty=label("rollup.no_watches", lang))


def _owner(owner: str | None, assumed: bool, lang: str) -> str:
    """An owner in a table or sentence, ＊ when the plan assumes it (`assumed.note`)."""
    if not owner:
        return label("rollup.no_owner", lang)
    return marked(owner, assumed, lang)


def owner_table(r: Rollup, lang: str) -> Any:
    names = {p.row.plan: p.row.short for p in r.plans}
    sep = label("list_sep", lang)
    rows, classes = [], []
    for o in r.owners():
        rows.append([owner_name(o.owner, o.local, names),
                     sep.join(names.get(p, p) for p in o.plans), str(o.tasks),
                     str(o.done), str(o.late), str(o.awaiting), str(o.missed),
                     sep.join(label("rollup.plan_task", lang, plan=names.get(p, p),
                                    task=_task_name(r.plan(p), t)) for p, t in o.holding)
                     or label("rollup.none", lang)])
        classes.append("high" if o.missed or o.holding else "medium" if o.late else "")
    keys = ("owner", "plans", "tasks", "done", "late", "awaiting", "missed", "holding")
    return table([label(f"rollup.col.{k}", lang) for k in keys], rows,
                 [k in ("tasks", "done", "late", "awaiting", "missed") for k in keys], classes,
                 (22, 20, 0, 0, 0, 0, 0, 30))


def owner_name(owner: str, local: str | None, names: Mapping[str, str]) -> str:
    """An owner as the table across plans names it: a township's own office with its
    township (镇建设办（玉山镇）)."""
    if local is None:
        return owner
    return f"{owner}（{names.get(local, local)}）"


def cause_items(r: Rollup, lang: str) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    """A sentence for each task held up by a task of another plan not yet done (its owner
    asked to act; the plan's overrun said with it when that task drives it), then, for each
    plan past its period whose driver is held through a third plan, where its root cause
    is; each with the tasks it names, (plan, task)."""
    out: list[tuple[str, tuple[tuple[str, str], ...]]] = []
    crossing = {(c.plan, c.chain[0][1]): c for c in r.causes() if c.crosses}
    said = set()
    for w in r.waits:
        if not w.binding or w.basis == "actual" or w.start is None \
                or r.plan(w.other_plan).task(w.other_task).state == "done":
            continue  # done already, or holding nothing: nobody is asked to act
        cause = crossing.get((w.plan, w.task))
        direct = cause is not None and cause.chain[1] == (w.other_plan, w.other_task) \
            and len(cause.chain) == 2
        out.append((wait_sentence(r, w, lang, r.plan(w.plan).row.overrun if direct else 0),
                    ((w.plan, w.task), (w.other_plan, w.other_task))))
        if direct:
            said.add(w.plan)
    for c in crossing.values():
        if c.plan not in said:
            out.append((overrun_sentence(r, c, lang), c.chain))
    return out


def cause_lines(r: Rollup, lang: str) -> list[str]:
    return [text for text, _ in cause_items(r, lang)]


def wait_sentence(r: Rollup, w: Wait, lang: str, overrun: int = 0) -> str:
    """A task waiting on a task of another plan: what it waits for, whose, till when, the
    plan's ``overrun`` it causes (0: none said), and the owner asked to act."""
    here, there = r.plan(w.plan), r.plan(w.other_plan)
    task, other = here.task(w.task), there.task(w.other_task)
    return label("rollup.cause", lang, plan=here.row.short, task=task.name,
                 other_plan=there.row.short, other=other.name,
                 verb=label(f"rollup.cause.verb.{w.type}", lang),
                 act=label("rollup.cause.act.resume" if task.state == "in-progress"
                           else "rollup.cause.act", lang),
                 other_owner=_owner(other.owner, other.owner_assumed, lang),
                 basis=label(f"rollup.basis.{w.basis}", lang),
                 day=long_date(w.other_date, lang), start=long_date(w.start, lang),
                 begin=label("rollup.cause.begin.resume" if task.state == "in-progress"
                             else "rollup.cause.begin", lang),
                 overrun=label("rollup.cause.overrun_too", lang, plan=here.row.short,
                               days=overrun) if overrun > 0 else "")


def overrun_sentence(r: Rollup, c: Cause, lang: str) -> str:
    here = r.plan(c.plan)
    pid, tid = c.root
    there = r.plan(pid)
    other = there.task(tid)
    between = [label("rollup.plan_task", lang, plan=r.plan(q).row.short,
                     task=r.plan(q).task(t).name) for q, t in c.chain[1:-1]]
    return label("rollup.cause.overrun", lang, plan=here.row.short, days=here.row.overrun,
                 other_plan=there.row.short, other=other.name,
                 other_owner=_owner(other.owner, other.owner_assumed, lang),
                 via=label("rollup.cause.via", lang,
                           names=label("list_sep", lang).join(between)) if between else "")


def risk_view(j: JointRisk, lang: str, fmt: str | None = None) -> Document:
    """The joint simulation: each plan's chance of finishing within its period, then every
    deadline and milestone of every plan with its chance of being met, least likely first."""
    r = j.rollup
    title = dated_title(label("rollup.risk.title", lang, name=r.name), r.date, lang)
    part = PART_OF.get(fmt) if fmt is not None else None
    seed = label("rollup.risk.seed", lang, seed=j.seed) if j.seed is not None else \
        label("rollup.risk.no_seed", lang)
    blocks: tuple[Block, ...] = ()
    if part in (None, "blocks"):
        blocks = (Heading(title), *banner(sample_line(r, lang)),
                  Paragraph(label("rollup.risk.meta", lang, runs=f"{j.iterations:,}",
                                  plans=len(r.plans), seed=seed), "meta"),
                  Section(label("rollup.section.plans", lang),
                          (plan_table(r, lang, j.finishes),)),
                  Section(label("rollup.section.watches", lang),
                          (watch_table(r.watches(), r, lang),)))
    data = None
    if part in (None, "data"):
        data = {**rollup_dict(r, j.finishes), "iterations": j.iterations, "seed": j.seed}
    return Document(title, lang, blocks, data=data,
                    records=rollup_records(r, lang, j.finishes)
                    if part in (None, "records") else None)


# -- for programs ---------------------------------------------------------------------------


def rollup_dict(r: Rollup, finishes: Mapping[str, float | None] | None = None,
                ) -> dict[str, Any]:
    """The review as JSON: stable keys, ISO dates, ids beside names."""
    return {
        "portfolio": r.name, "data_date": iso(r.date),
        **sample_dict("; ".join(p.row.name for p in r.plans if p.row.illustrative is not None)
                      or None),
        "plans": [_plan_dict(p, finishes) for p in r.plans],
        "waits": [{"plan": w.plan, "task": w.task, "after": w.link, "other_plan": w.other_plan,
                   "other_task": w.other_task, "type": w.type, "lag": w.lag,
                   "other_date": iso(w.other_date), "basis": w.basis,
                   "earliest_start": iso(w.start), "binding": w.binding} for w in r.waits],
        "causes": [{"plan": c.plan, "chain": [{"plan": p, "task": t} for p, t in c.chain],
                    "crosses_plans": c.crosses} for c in r.causes()],
        "deadlines": [{"plan": w.plan, "task": w.task, "name": w.name, "owner": w.owner,
                       "owner_assumed": w.owner_assumed, "deadline": iso(w.deadline),
                       "finish": iso(w.finish), "margin_days": w.margin,
                       "milestone": w.milestone, "state": w.state, "awaiting": w.awaiting,
                       "probability": w.probability} for w in r.watches()],
        "owners": [{"owner": o.owner, "local_to": o.local, "plans": list(o.plans), "tasks": o.tasks,
                    "done": o.done, "late": o.late, "awaiting": o.awaiting,
                    "missed": o.missed,
                    "holding": [{"plan": p, "task": t} for p, t in o.holding],
                    "items": [{"plan": p, "task": t} for p, t in o.items]}
                   for o in r.owners()],
    }


def _plan_dict(p: PlanSummary, finishes: Mapping[str, float | None] | None) -> dict[str, Any]:
    x = p.row
    v = x.value
    out: dict[str, Any] = {
        "plan": x.plan, "name": x.name, "group": x.group, "path": x.path,
        "illustrative": x.illustrative is not None, "data_date": iso(x.data_date),
        "tasks": x.tasks, "done": x.done, "in_progress": x.in_progress, "late": x.late,
        "awaiting": x.awaiting, "awaiting_units": x.awaiting_units, "missed": x.missed,
        "worst_slip_days": x.worst_slip, "worst_task": x.worst_task,
        "start": iso(x.start), "finish": iso(x.finish), "period_end": iso(x.period_end),
        "overrun_days": x.overrun, "driver": x.driver, "driver_assumed": x.driver_assumed,
        "value": None if v is None else {"budget": v.budget, "pv": v.pv, "ev": v.ev,
                                         "ac": v.ac, "spi": v.spi, "cpi": v.cpi},
    }
    if finishes is not None:
        out["probability_within_period"] = finishes.get(x.plan)
    return out


def rollup_records(r: Rollup, lang: str, finishes: Mapping[str, float | None] | None = None,
                   ) -> Records:
    """A workbook of four sheets: the plans, the deadlines, the owners, the links across
    plans (the CSV: the plans)."""
    plan_fields: tuple[str, ...] = (
        "plan", "name", "group", "data_date", "tasks", "done", "in_progress", "late",
        "awaiting", "missed", "worst_slip_days", "worst_task", "overrun_days", "driver", "spi",
        "cpi")
    rows: list[tuple[object, ...]] = []
    for p in r.plans:
        x = p.row
        rows.append((x.plan, x.name, x.group, x.data_date, x.tasks, x.done, x.in_progress,
                     x.late, x.awaiting, x.missed, x.worst_slip, x.worst_task, x.overrun,
                     x.driver, x.value.spi if x.value else None,
                     x.value.cpi if x.value else None)
                    + ((finishes.get(x.plan),) if finishes is not None else ()))
    if finishes is not None:
        plan_fields += ("probability_within_period",)
    watches = r.watches()
    watch_fields = ("plan", "task", "name", "owner", "deadline", "finish", "margin_days",
                    "probability", "state")
    watch_rows = tuple((w.plan, w.task, w.name, w.owner, w.deadline, w.finish, w.margin,
                        w.probability, label(f"state.{w.state}", lang)) for w in watches)
    owner_fields = ("owner", "plans", "tasks", "done", "late", "awaiting", "missed", "holding")
    sep = label("list_sep", lang)
    names = {p.row.plan: p.row.short for p in r.plans}
    owner_rows = tuple((owner_name(o.owner, o.local, names), sep.join(o.plans), o.tasks,
                        o.done, o.late, o.awaiting,
                        o.missed, sep.join(f"{p}:{t}" for p, t in o.holding))
                       for o in r.owners())
    wait_fields = ("plan", "task", "other_plan", "other_task", "type", "lag", "other_date",
                   "basis", "earliest_start", "binding")
    wait_rows = tuple((w.plan, w.task, w.other_plan, w.other_task, w.type, w.lag,
                       w.other_date, w.basis, w.start, w.binding) for w in r.waits)
    return Records(plan_fields, tuple(rows),
                   _headers(plan_fields, lang, name="rollup.col.plan_name"),
                   label("rollup.section.plans", lang), more=(
                       Records(watch_fields, watch_rows, _headers(watch_fields, lang),
                               label("rollup.col.deadline", lang)),
                       Records(owner_fields, owner_rows, _headers(owner_fields, lang),
                               label("rollup.col.owner", lang)),
                       Records(wait_fields, wait_rows, _headers(wait_fields, lang),
                               label("rollup.section.causes", lang))))


_HEADER_KEYS = {
    "plan": "rollup.col.plan", "name": "rollup.col.task", "group": "rollup.col.group",
    "data_date": "rollup.col.data_date", "tasks": "rollup.col.tasks",
    "done": "rollup.col.done", "late": "rollup.col.late", "awaiting": "rollup.col.awaiting",
    "missed": "rollup.col.missed", "worst_slip_days": "rollup.col.worst",
    "worst_task": "rollup.col.worst_task", "overrun_days": "rollup.col.overrun",
    "driver": "rollup.col.driver", "owner": "rollup.col.owner",
    "deadline": "rollup.col.deadline", "finish": "rollup.col.finish",
    "margin_days": "rollup.col.margin", "probability": "rollup.col.chance",
    "state": "rollup.col.state", "plans": "rollup.col.plans",
    "holding": "rollup.col.holding",
    "probability_within_period": "rollup.col.finish_chance",
    "in_progress": "rollup.col.in_progress", "task": "rollup.col.task_id",
    "other_plan": "rollup.col.other_plan", "other_task": "rollup.col.other_task",
    "type": "rollup.col.type", "lag": "rollup.col.lag", "other_date": "rollup.col.other_date",
    "basis": "rollup.col.basis", "earliest_start": "rollup.col.earliest_start",
    "binding": "rollup.col.binding",
}


def _headers(fields: tuple[str, ...], lang: str, **own: str) -> tuple[str, ...]:
    """A workbook's column headers: in Chinese for a zh workbook, the stable keys else;
    ``own``: a sheet's own label key for a field (the plans' `name` is a plan's)."""
    if lang != "zh":
        return fields
    from planner.i18n.labels import COLUMNS_ZH

    keys = {**_HEADER_KEYS, **own}
    return tuple(label(keys[f], lang) if f in keys else COLUMNS_ZH.get(f, f) for f in fields)
