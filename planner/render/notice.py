"""The progress notice (进展通报): the meeting's findings as a township office sends them out.

One more view of the meeting pack's results (`Project.pack`), made of the report's own
parts: the narrative of `planner report` is its overall progress, the review's flags and
notes explain the late work, the risk simulation gives each deadline's chance, and the
units whose form is not back are those the review names. Only the selection and the order
are the notice's own: what is late, which deadline is at risk, who is to report, and what
each unit is to do next. Written as a Word document by `planner.render.word`.
"""

from __future__ import annotations

from datetime import date

from planner.analysis.risk import Risk
from planner.analysis.tracking import TaskStatus, Tracking, root_cause
from planner.i18n.labels import label, sample_banner
from planner.render import status as review
from planner.render.document import (
    Block,
    Document,
    Figure,
    Heading,
    Paragraph,
    Section,
    Table,
    banner,
    table,
)
from planner.render.fmt import long_date, share, standalone_name
from planner.render.gantt import figure as gantt_figure
from planner.render.report import narrative

ZH_NUMERALS = "一二三四五六七八九十"
AT_RISK = 0.8  # a deadline met with less than this chance is named (P80, as the report's)


def notice_view(t: Tracking, risk: Risk | None, lang: str, *, chart: bool = True,
                ) -> Document:
    """The notice at ``t``: title and date, the sample-data banner, then overall progress,
    late work, deadlines at risk, units not reported, next steps by unit, and (``chart``)
    the Gantt chart."""
    title = label("notice.title", lang, plan=t.plan.name)
    rows = review.select(t)
    parts: list[tuple[str, tuple[Block, ...]]] = [
        ("notice.overall", (Paragraph(narrative(t, risk, lang)),)),
        ("notice.late", (late_table(t, rows, lang),)),
        ("notice.deadlines", (deadline_table(t, rows, risk, lang),)),
        ("notice.outstanding", outstanding_blocks(t, rows, lang)),
        ("notice.advice", advice(t, rows, lang)),
    ]
    if chart:
        parts.append(("notice.chart", (
            Figure(lambda: gantt_figure(t.forecast, t, lang), "gantt"),)))
    blocks: tuple[Block, ...] = (
        Heading(title),
        Paragraph(label("notice.as_of", lang, date=long_date(t.date, lang)), "subtitle"),
        *banner(sample_banner(t.snapshot.illustrative, lang)),
        *(Section(label("notice.section", lang, n=ordinal(i, lang), title=label(key, lang)),
                  body) for i, (key, body) in enumerate(parts, 1)),
    )
    return Document(title, lang, blocks)


def ordinal(n: int, lang: str) -> str:
    """A section's number as a notice writes it: 一, 二, … in Chinese."""
    return ZH_NUMERALS[n - 1] if lang == "zh" and n <= len(ZH_NUMERALS) else str(n)


def day(value: date, t: Tracking, lang: str) -> str:
    """A date in a table of the notice: without the year when it is the data date's, as an
    office writes it under "数据截至2023年11月7日" (and a table's column stays narrow)."""
    if lang == "zh" and value.year == t.date.year:
        return f"{value.month}月{value.day}日"
    return long_date(value, lang)


def _owner(t: Tracking, s: TaskStatus, lang: str) -> str:
    return t.plan.task(s.id).owner or label("no_owner", lang)


def late_table(t: Tracking, rows: list[TaskStatus], lang: str) -> Table:
    """Unfinished work behind its baseline, the furthest first, with why: the unit's own
    note, or without one the review's reasons (the figures are in the columns beside)."""
    late = sorted((s for s in rows if s.state != "done" and s.late),
                  key=lambda s: (-(s.finish_variance_days or 0), t.plan.index[s.id]))
    # no planned finish: the slip says how far it is, and A4 has room for six columns
    body = [[str(i), standalone_name(t.plan, s.id, lang), _owner(t, s, lang),
             day(s.forecast.finish, t, lang), str(s.finish_variance_days or 0),
             s.note or review.reasons(s, lang)]
            for i, s in enumerate(late, 1)]
    heads = ("seq", "task", "owner", "forecast", "slip", "reason")
    return table([label(f"notice.col.{h}", lang) for h in heads], body,
                 [True, False, False, False, True, False],
                 [review.row_class(s) for s in late], empty=label("notice.no_late", lang))


def deadline_table(t: Tracking, rows: list[TaskStatus], risk: Risk | None, lang: str,
                   ) -> Table:
    """Unfinished tasks forecast past their deadline, or met with less than an
    ``AT_RISK`` chance in the simulation; the chance as the report gives it."""
    chance = {x.id: x.probability for x in risk.targets} if risk is not None else {}
    found: list[tuple[TaskStatus, float | None]] = []
    shown: set[tuple[object, ...]] = set()
    for s in rows:
        if s.state == "done" or s.deadline is None:
            continue
        p = chance.get(s.id)
        said = (s.deadline, s.forecast.finish, p)  # a milestone that repeats its task
        if (s.misses_deadline or (p is not None and p < AT_RISK)) and said not in shown:
            found.append((s, p))
            shown.add(said)
    found.sort(key=lambda sp: (sp[0].deadline_margin_days or 0, t.plan.index[sp[0].id]))
    body = [[str(i), standalone_name(t.plan, s.id, lang), _owner(t, s, lang),
             day(s.deadline, t, lang) if s.deadline else "",
             day(s.forecast.finish, t, lang), f"{s.deadline_margin_days or 0:+d}",
             label("notice.passed", lang) if s.deadline and s.deadline <= t.date else share(p)]
            for i, (s, p) in enumerate(found, 1)]
    heads = ("seq", "task", "owner", "deadline", "forecast", "margin", "chance")
    return table([label(f"notice.col.{h}", lang) for h in heads], body,
                 [True, False, False, False, False, True, True],
                 [review.row_class(s) for s, _ in found],
                 empty=label("notice.no_deadline_risk", lang))


def outstanding_blocks(t: Tracking, rows: list[TaskStatus], lang: str) -> tuple[Block, ...]:
    """The units whose form is not back, with their tasks, and what those are forecast
    from."""
    units = review.outstanding_units(t, rows)
    if not units:
        return (Paragraph(label("notice.all_reported", lang)),)
    found = table([label(f"notice.col.{h}", lang) for h in ("seq", "owner", "tasks")],
                  [[str(i), owner or label("no_owner", lang), str(n)]
                   for i, (owner, n) in enumerate(units, 1)], [True, False, True])
    if t.since is None:
        return (found,)
    return found, Paragraph(label("notice.outstanding_since", lang,
                                  since=long_date(t.since, lang)))


def advice(t: Tracking, rows: list[TaskStatus], lang: str) -> tuple[Block, ...]:
    """What each unit is to do next, one paragraph a unit, the unit with the worst flag
    first: the tasks whose own progress slipped or that will miss their deadline (a task
    only held up by another's slip is the other unit's to recover), then the reports to
    send."""
    own = [s for s in rows if s.state != "done" and not s.awaiting and root_cause(s) is None
           and (s.misses_deadline or (s.late and (s.finish_variance_days or 0) > 0))]
    sep = label("list_sep", lang)
    out: list[Paragraph] = []
    for owner, members in review.groups(t, own, "owner", lang):
        members.sort(key=lambda s: (-(s.finish_variance_days or 0), t.plan.index[s.id]))
        tasks = sep.join(
            label("notice.advice_deadline", lang, name=quoted(t, s, lang),
                  days=-(s.deadline_margin_days or 0)) if (s.deadline_margin_days or 0) < 0
            else label("notice.advice_slip", lang, name=quoted(t, s, lang),
                       days=s.finish_variance_days or 0)
            for s in members)
        out.append(Paragraph(label("notice.advice_unit", lang, owner=owner, tasks=tasks)))
    out += [Paragraph(label("notice.advice_report", lang,
                            owner=owner or label("no_owner", lang), n=n))
            for owner, n in review.outstanding_units(t, rows)]
    return tuple(Paragraph(label("notice.item", lang, n=ordinal(i, lang), text=p.text))
                 for i, p in enumerate(out, 1)) \
        or (Paragraph(label("notice.no_advice", lang)),)


def quoted(t: Tracking, s: TaskStatus, lang: str) -> str:
    """A task's name to go inside “”: quotes of its own become ‘’, as Chinese nests them
    (“建设‘五位一体’智慧养老院”)."""
    name = standalone_name(t.plan, s.id, lang)
    return name.replace("“", "‘").replace("”", "’") if lang == "zh" else name
