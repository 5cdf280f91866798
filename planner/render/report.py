"""The meeting pack: the narrative, the risk charts, and the report as HTML, Markdown and JSON."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from planner.analysis.assumptions import rests_on_assumption
from planner.analysis.risk import Risk
from planner.analysis.tracking import TaskStatus, Tracking, root_cause
from planner.i18n.labels import label, sample_banner, sample_dict
from planner.render import status as review
from planner.render.document import (
    Block,
    Document,
    Figure,
    Heading,
    Notes,
    Paragraph,
    Section,
    banner,
    table,
)
from planner.render.fmt import chance, long_date, standalone_name
from planner.render.gantt import figure as gantt_figure
from planner.render.risk import ordered, risk_blocks, risk_dict

if TYPE_CHECKING:
    from planner.analysis.check import Check
    from planner.analysis.diff import Diff
    from planner.analysis.trend import Trend

# -- the narrative --------------------------------------------------------------------------


def narrative(t: Tracking, risk: Risk | None, lang: str) -> str:
    """A short report in the manner of a township progress report, from the figures."""
    rows = t.leaves()
    plan = t.plan
    done = sum(1 for s in rows if s.state == "done")
    active = sum(1 for s in rows if s.state == "in-progress")
    # the late tasks to name are those whose own progress slipped: a task only waiting for
    # them is not to blame (its root cause is named instead)
    late = sorted((s for s in rows if s.state != "done" and s.late and root_cause(s) is None
                   and not s.awaiting),  # an awaited task's slip is not news: said apart
                  key=lambda s: -(s.finish_variance_days or 0))
    missed = [s for s in rows if s.misses_deadline]

    def who(s: TaskStatus) -> str:
        task = plan.task(s.id)
        return label("narrative.who_note" if s.note else "narrative.who", lang,
                     name=task.name, owner=task.owner or label("narrative.no_owner", lang),
                     slip=s.finish_variance_days or 0, note=(s.note or "").rstrip("。."))

    def of_which(state: str) -> str:
        n = sum(1 for s in late if s.state == state)
        return label("narrative.of_which_late", lang, n=n) if n else ""

    parts = [label("narrative.summary", lang, date=long_date(t.date, lang), tasks=len(rows),
                   done=done, active=active, waiting=len(rows) - done - active,
                   active_late=of_which("in-progress"), waiting_late=of_which("not-started"))]
    if late:
        parts.append(label("narrative.furthest", lang, list=label("name_sep", lang).join(
            who(s) for s in late[:3])))
    if t.outstanding:
        parts.append(_outstanding_sentence(t, rows, lang))
    for s in missed:
        task = plan.task(s.id)
        cause = root_cause(s)
        culprit = plan.tasks[cause] if cause is not None else task
        passed = any(f.name == "missed-deadline" for f in s.flags)
        key = "narrative.passed" if passed else "narrative.missed"
        # a cause already finished cannot be sped up: it only delayed the start; the task's
        # own owner is the one who can still catch up
        over = cause is not None and t.task(culprit.id).state == "done"
        key += "" if cause is None else "_after" if over else "_waiting"
        acting = task if over else culprit
        parts.append(label(key, lang, name=standalone_name(plan, task.id, lang),
                           forecast=long_date(s.forecast.finish, lang),
                           deadline=long_date(s.deadline, lang) if s.deadline else "",
                           days=-(s.deadline_margin_days or 0), cause=culprit.name,
                           cause_owner=culprit.owner or label("narrative.no_owner", lang),
                           owner=acting.owner or label("narrative.someone", lang)))
        if s.deadline is not None and rests_on_assumption(plan, s.id, "deadline", s.deadline):
            parts.append(label("narrative.assumed_deadline", lang,
                               deadline=long_date(s.deadline, lang)))
    if t.overrun and t.plan.finish:
        parts.append(label("narrative.overrun", lang, finish=long_date(t.forecast.finish, lang),
                           end=long_date(t.plan.finish, lang), days=t.overrun))
        driver = t.task(t.driver) if t.driver is not None else None
        held = t.held_by(driver.id) if driver is not None else None
        if driver is not None and held is not None:  # its rest waits on another plan
            parts.append(label("narrative.held_overrun", lang,
                               name=standalone_name(plan, driver.id, lang),
                               plan=held.plan_name, other=held.name,
                               owner=held.owner or label("narrative.someone", lang),
                               day=long_date(held.day, lang)))
            if plan.task(driver.id).is_assumed("after"):
                parts.append(label("narrative.assumed_wait", lang))
        elif driver is not None and driver.baseline is not None and \
                rests_on_assumption(plan, driver.id, "finish"):
            parts.append(label("narrative.assumed_overrun", lang,
                               name=standalone_name(plan, driver.id, lang),
                               planned=long_date(driver.baseline.finish, lang)))
    if risk is not None:
        parts += _risk_sentences(risk, lang, skip={s.id for s in missed})
    return label("sentence_sep", lang).join(parts)


def _outstanding_sentence(t: Tracking, rows: list[TaskStatus], lang: str) -> str:
    """The units not reported yet, named, and what their tasks are forecast from."""
    units = review.outstanding_units(t, rows)
    awaiting = [s for s in rows if s.awaiting]
    late = sum(1 for s in awaiting if s.state != "done" and s.late and root_cause(s) is None)
    names = label("name_sep", lang).join(owner or label("narrative.no_owner", lang)
                                         for owner, _ in units)
    values = {"units": names, "n": len(units), "tasks": len(awaiting)}
    if t.since is None:
        return label("outstanding.narrative_planned", lang, **values)
    key = "outstanding.narrative_late" if late else "outstanding.narrative"
    return label(key, lang, since=long_date(t.since, lang), late=late, **values)


def _risk_sentences(risk: Risk, lang: str, skip: set[str]) -> list[str]:
    out: list[str] = []
    said: set[tuple[date, float]] = set()
    for target in ordered(risk):
        if target.id is None or target.probability is None or target.deadline is None:
            continue
        if target.probability >= 0.995 or target.id in skip:
            continue  # no news, or already said: say what matters
        if risk.data_date is not None and target.deadline <= risk.data_date:
            continue  # passed already: the review says it was missed, not a chance of 0 %
        if (target.deterministic, target.probability) in said:
            continue  # a milestone that only repeats the task it marks
        said.add((target.deterministic, target.probability))
        out.append(label("narrative.risk", lang, name=standalone_name(risk.plan, target.id, lang),
                         forecast=long_date(target.deterministic, lang),
                         deadline=long_date(target.deadline, lang),
                         pct=chance(target.probability),
                         p80=long_date(target.percentile(80), lang)))
        if len(out) >= 4:
            break
    return out


# -- what the meeting acts on -------------------------------------------------------------


def changes(d: Diff, lang: str) -> list[str]:
    """What changed since the report before, a sentence each: work finished, flags raised
    and cleared (by task name), milestones and deadlines whose forecast moved."""
    plan, sep = d.after.plan, label("name_sep", lang)

    def names(ids: list[str]) -> str:
        return sep.join(standalone_name(plan, i, lang) for i in ids)

    out: list[str] = []
    finished = [p.id for p in d.progressed if p.state_after == "done"
                and p.state_before != "done"]
    started = [p.id for p in d.progressed if p.state_before == "not-started"
               and p.state_after == "in-progress"]
    if finished:
        out.append(label("report.changes_done", lang, n=len(finished), names=names(finished)))
    if started:
        out.append(label("report.changes_started", lang, n=len(started), names=names(started)))
    for change in ("new", "cleared"):
        kinds: dict[str, list[str]] = {}
        for f in d.flags:
            if f.change == change and f.flag in REPORTED_FLAGS:
                kinds.setdefault(f.flag, []).append(f.id)
        # a sentence per flag: names are set off by list_sep, so kinds cannot share one
        out += [label(f"report.flags_{change}", lang, flag=label(f"flag.{k}", lang),
                      n=len(ids), names=names(ids)) for k, ids in kinds.items()]
    for m in d.moved:
        if m.days and m.after != m.before:
            key = "report.moved_later" if m.days > 0 else "report.moved_earlier"
            out.append(label(key, lang, name=standalone_name(plan, m.id, lang),
                             before=long_date(m.before, lang), after=long_date(m.after, lang),
                             days=abs(m.days)))
    return out or [label("report.no_changes", lang)]


# the flags a meeting hears of as news: lateness and deadlines, not the critical mark
REPORTED_FLAGS = frozenset({"missed-deadline", "will-miss-deadline", "deadline-at-risk",
                            "not-started", "behind", "slipping", "stalled", "no-report"})


def to_act(t: Tracking, lang: str) -> list[list[str]]:
    """Who must act: each unit with late work of its own (a task only waiting for another's
    is that other unit's to act on), its tasks by name with their slip and forecast, the
    unit with the most late work first."""
    units: dict[str, list[TaskStatus]] = {}
    for s in t.leaves():
        if s.state != "done" and s.late and root_cause(s) is None and not s.awaiting:
            owner = t.plan.task(s.id).owner or label("narrative.no_owner", lang)
            units.setdefault(owner, []).append(s)
    rows = []
    for owner, late in sorted(units.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        late.sort(key=lambda s: -(s.finish_variance_days or 0))
        rows.append([owner, str(len(late)), label("name_sep", lang).join(
            label("report.act_task", lang, name=standalone_name(t.plan, s.id, lang),
                  days=s.finish_variance_days or 0, finish=long_date(s.forecast.finish, lang))
            for s in late)])
    return rows


def outstanding_rows(t: Tracking, lang: str) -> list[list[str]]:
    """The units whose form is not back (`Tracking.outstanding`), each with its tasks."""
    return [[u.owner or label("narrative.no_owner", lang), str(len(u.tasks)),
             label("name_sep", lang).join(standalone_name(t.plan, i, lang) for i in u.tasks)]
            for u in t.outstanding]


def meeting_sections(t: Tracking, risk: Risk | None, lang: str, diff: Diff | None,
                     ) -> tuple[Section, ...]:
    """What the meeting reads first: the summary, what changed since the report before,
    who must act, and the units not reported yet (each only when there is something)."""
    out = [Section(label("report.summary", lang), (
        Paragraph(narrative(t, risk, lang), "headline"),))]
    if diff is not None:
        out.append(Section(label("report.changes", lang), (
            Paragraph(label("report.changes_since", lang, date=long_date(diff.before.date, lang))),
            Notes(tuple(changes(diff, lang))))))
    act = to_act(t, lang)
    out.append(Section(label("report.act", lang), (
        table([label("owner", lang), label("report.act_count", lang),
               label("report.act_tasks", lang)], act, [False, True, False],
              empty=label("report.act_none", lang)),) if act else (
        Paragraph(label("report.act_none", lang)),)))
    if t.outstanding:
        out.append(Section(label("outstanding.title", lang), (
            table([label("owner", lang), label("report.act_count", lang),
                   label("report.outstanding_tasks", lang)], outstanding_rows(t, lang),
                  [False, True, False]),)))
    return tuple(out)


# -- the meeting pack ---------------------------------------------------------------------


def report_view(t: Tracking, risk: Risk, lang: str, *, trend: Trend, check: Check,
                diff: Diff | None = None, with_check: bool = False) -> Document:
    """The meeting pack, assembled once from the finished results (`Project.pack`): what
    the meeting acts on (`meeting_sections`: the summary, ``diff`` — the changes since the
    report before —, who must act, the units not reported), the deadline risk with its
    charts, the review, the milestone trend and the Gantt chart; the schedule check (a
    planner's tool, not the meeting's) only ``with_check``, as an appendix. The JSON holds
    every part either way."""
    from planner.render.check import check_blocks, check_dict
    from planner.render.trend import trend_blocks, trend_dict

    title = label("report.heading", lang, name=t.plan.name, title=label("report.title", lang),
                  date=long_date(t.date, lang))
    blocks: tuple[Block, ...] = (
        Heading(title),
        *banner(sample_banner(t.snapshot.illustrative, lang)),
        *meeting_sections(t, risk, lang, diff),
        Section(label("report.risk", lang), risk_blocks(risk, lang, charts=True)),
        Section(label("report.review", lang), review.status_blocks(t, review.select(t), lang)),
        Section(label("trend.title", lang), trend_blocks(trend, lang)),
        Section(label("gantt.gantt", lang), (
            Figure(lambda: gantt_figure(t.forecast, t, lang), "gantt"),)),
        *((Section(label("report.appendix", lang, title=label("check.title", lang)),
                   check_blocks(check, lang, summary=True)),) if with_check else ()),
        Paragraph(label("gantt.generated", lang), "colophon"),
    )
    data = {**sample_dict(t.snapshot.illustrative), "narrative": narrative(t, risk, lang),
            "changes": changes(diff, lang) if diff is not None else [],
            "to_act": [{"owner": r[0], "tasks": int(r[1])} for r in to_act(t, lang)],
            "status": review.status_dict(t, review.select(t), lang),
            "risk": risk_dict(risk), "trend": trend_dict(trend),
            "check": check_dict(check, lang)}
    return Document(title, lang, blocks, data=data)
