"""Plan versus actual: variance against the baseline, earned value, and flags.

Baseline, actual and forecast are three views of one task; everything here is a
comparison between them at the snapshot's data date.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import numpy as np
from numpy.typing import NDArray

from planner.analysis.assumptions import rests_on_assumption
from planner.analysis.forecast import done_fraction, forecast
from planner.analysis.outstanding import Outstanding, outstanding, rested
from planner.domain.baseline import Baseline, BaselineTask
from planner.domain.calendar import Calendar
from planner.domain.diagnostics import unknown_id
from planner.domain.flags import (
    DEADLINE_FLAGS,
    HELD_UP_FLAGS,
    LATE_FLAGS,
    NOT_ITS_FAULT,
    ONGOING_FLAGS,
    ORDER,
    Flag,
    raise_flag,
)
from planner.domain.model import ExternalStart, Plan, Task, Thresholds
from planner.domain.progress import Progress, Snapshot
from planner.domain.sent import Sent
from planner.engine.network import Network, network_of
from planner.engine.schedule import (
    INF,
    Points,
    Schedule,
    TaskDates,
    deadline_points,
    earliest_starts,
    link_slack,
)

Floats = NDArray[np.float64]
@dataclass(frozen=True, slots=True)
class EarnedValue:
    """Earned value figures in plan currency; schedule figures in working days."""

    bac: float | None = None  # budget at completion
    pv: float | None = None
    ev: float | None = None
    ac: float | None = None
    sv: float | None = None
    spi: float | None = None
    cv: float | None = None
    cpi: float | None = None
    eac: float | None = None
    vac: float | None = None
    es: float | None = None  # earned schedule: working days of plan the work done is worth
    at: float | None = None  # actual time: working days since the baseline start
    spi_t: float | None = None  # ES / AT: stays meaningful near the end, unlike SPI
    # The plan's figures are all on one basis: the budgeted tasks weighted by budget when
    # any task has a budget, else every task weighted by its baseline duration.
    basis: str | None = None  # "budget" | "duration" (plan totals only)
    basis_tasks: int | None = None


@dataclass(frozen=True, slots=True)
class TaskStatus:
    """One task at the data date."""

    id: str
    state: str  # done | in-progress | not-started
    baseline: BaselineTask | None
    forecast: TaskDates
    actual_start: date | None
    actual_finish: date | None
    start_variance_days: int | None  # working days; positive = later than the baseline
    start_variance_calendar_days: int | None
    finish_variance_days: int | None
    finish_variance_calendar_days: int | None
    duration_variance_days: int | None
    deadline: date | None  # its own or its summaries' (the earliest that binds it)
    deadline_margin_days: int | None  # deadline minus forecast finish, working days
    planned_percent: float | None
    actual_percent: float | None  # None: started but no progress measure reported
    reported: date | None  # the data date of the report its progress comes from
    value: EarnedValue
    flags: tuple[Flag, ...]
    note: str | None
    # its unit's form for this data date is not back (analysis.outstanding): it is reviewed
    # as of the snapshot before, Tracking.previous
    awaiting: bool = False

    @property
    def severity(self) -> int:
        """-1 without flags, else the rank of the worst flag."""
        return max((f.rank for f in self.flags), default=-1)

    @property
    def late(self) -> bool:
        return any(f.name in LATE_FLAGS for f in self.flags)

    @property
    def misses_deadline(self) -> bool:
        """Its deadline has passed unfinished, or its forecast finish is after it."""
        return any(f.name in DEADLINE_FLAGS for f in self.flags)


@dataclass(frozen=True)
class Tracking:
    plan: Plan
    baseline: Baseline
    snapshot: Snapshot
    previous: Snapshot | None
    forecast: Schedule
    tasks: tuple[TaskStatus, ...]
    value: EarnedValue  # the whole plan
    outstanding: tuple[Outstanding, ...] = ()  # units whose form for this date is not back
    # the id of the task that drives the forecast past the plan's period (`overrun_driver`);
    # None when it is not past it
    driver: str | None = None

    @property
    def driver_assumed(self) -> bool:
        """Whether the planned finish of the overrun's driver rests on an assumed value (its
        finish, or the duration, start or links that place it: `rests_on_assumption`)."""
        return self.driver is not None and rests_on_assumption(self.plan, self.driver,
                                                               "finish")

    def held_by(self, task_id: str) -> ExternalStart | None:
        """The task of another plan whose forecast holds ``task_id``'s remaining work back
        (`holds_back`); None when no such task holds it."""
        found = self.plan.external.get(task_id)
        return found if found is not None and holds_back(self.forecast, task_id,
                                                          found.day) else None

    @property
    def since(self) -> date | None:
        """The data date the awaiting tasks are reviewed at: the snapshot before."""
        return self.previous.date if self.previous is not None else None

    @property
    def rested(self) -> dict[str, date | None]:
        """Each awaiting task -> the data date its forecast rests on (see ``forecast``)."""
        return dict(rested(self.outstanding, self.since))

    @property
    def overrun(self) -> int:
        """Working days the forecast finish passes the plan's own period."""
        return self.forecast.overrun

    def value_of(self, rows: list[TaskStatus]) -> EarnedValue:
        """Earned value of some leaf tasks (one owner's, say) on the plan's rule: their
        budgeted tasks by budget when any has a budget, else all of them by duration."""
        return _plan_value(rows, self.forecast.calendar, self.date)

    def task(self, task_id: str) -> TaskStatus:
        """The status of ``task_id``; UnknownId when the plan has no such task."""
        if task_id not in self.plan.index:
            raise unknown_id(task_id, self.plan.index)
        return self.tasks[self.plan.index[task_id]]

    @property
    def date(self) -> date:
        return self.snapshot.date

    def leaves(self) -> list[TaskStatus]:
        return [s for s, t in zip(self.tasks, self.plan.tasks, strict=True) if not t.is_summary]


def holds_back(fc: Schedule, task_id: str, start: date) -> bool:
    """Whether ``start``, the first day a task of another plan lets ``task_id`` start (or
    resume), is where the forecast ``fc`` puts its remaining work, after the data date:
    that task, not this plan's own logic or progress, is what holds it back."""
    if fc.data_date is not None and start <= fc.data_date:
        return False
    pts = fc.points
    resume = pts.resume if pts.resume is not None else pts.es
    return int(resume[fc.plan.index[task_id]]) == fc.calendar.on_or_after(start)


def track(plan: Plan, baseline: Baseline, snapshot: Snapshot,
          previous: Snapshot | None = None, logic: str | None = None,
          calendar: Calendar | None = None, sent: Sent | None = None) -> Tracking:
    """Compare the forecast at the snapshot's data date with the baseline.

    ``sent``: the forms sent for this data date; the tasks of a unit whose form is not back
    are reviewed as of ``previous`` (analysis.outstanding says why).
    """
    units = outstanding(plan, sent, snapshot) if sent is not None and \
        sent.date == snapshot.date else ()
    since = previous.date if previous is not None else None
    awaited = rested(units, since)
    result = forecast(plan, snapshot, calendar, logic, awaited or None)
    cal, day = result.calendar, snapshot.date
    bound = deadline_points(plan, cal)
    rows: list[TaskStatus] = []
    for i, task in enumerate(plan.tasks):
        rows.append(_leaf_status(plan, task, i, baseline, snapshot, previous, result, bound[i],
                                 task.id in awaited)
                    if not task.is_summary else _placeholder(task, result.tasks[i]))
    _mark_waiting(plan, rows, result, cal, day, since)
    for i in network_of(plan).summaries_bottom_up:
        rows[i] = _summary_status(plan, plan.tasks[i], rows, result.tasks[i], cal, day,
                                  bound[i])
    leaves = [r for r, t in zip(rows, plan.tasks, strict=True) if not t.is_summary]
    return Tracking(plan, baseline, snapshot, previous, result, tuple(rows),
                    _plan_value(leaves, cal, day), units,
                    overrun_driver(plan, rows, result))


# -- one leaf task ----------------------------------------------------------------------------


def _leaf_status(plan: Plan, task: Task, i: int, baseline: Baseline, snap: Snapshot,
                 previous: Snapshot | None, fc: Schedule, bound: int,
                 awaiting: bool = False) -> TaskStatus:
    cal, day = fc.calendar, snap.date
    if awaiting:  # judged where the review before left it
        day = previous.date if previous is not None else date.min  # before any review
    p = snap.of(task.id)
    dates = fc.tasks[i]
    base = baseline.of(task.id)
    state = "done" if p and p.finished else "in-progress" if p and p.is_started \
        else "not-started"
    planned = _planned_fraction(base, day, cal) if base else None
    actual = _actual_fraction(task, p, base.duration if base else dates.duration)
    margin = None if bound >= INF else bound - int(fc.points.ef[i])
    deadline = _binding_deadline(plan, task, bound, cal)
    value = _earned_value(task, base, p, planned, actual, day, cal)
    status = TaskStatus(
        task.id, state, base, dates, p.started if p else None, p.finished if p else None,
        *_variances(base, dates, cal),
        deadline, margin,
        None if planned is None else 100 * planned,
        None if actual is None else 100 * actual,
        p.reported if p else None, value, (), p.note if p else None, awaiting,
    )
    # an awaiting task has no new report to compare with the one before (not `stalled`)
    before = previous.of(task.id) if previous is not None and not awaiting else None
    flags = _flags(status, plan.thresholds, p, before, previous.date if previous else None,
                   day, dates.critical)
    if status.state == "in-progress" and p is not None and p.paused:
        # the forecast counts its remaining work from the earliest day it can: the next
        # working day, or what its predecessors (in this plan or another) allow: say so
        pts = fc.points
        at = int(pts.resume[i]) if pts.resume is not None else cal.end_of(day)
        flags.append(raise_flag("paused", resume=cal.date_of(max(at, cal.end_of(day)))))
    if awaiting:
        flags.append(raise_flag("awaiting-report",
                                since=previous.date if previous is not None else None))
    if task.spans_window:  # judged by its own progress against the straight line, nothing else
        flags = [f for f in flags if f.name in ONGOING_FLAGS
                 and _tells_of_ongoing(f.name, task, p, previous.of(task.id) if previous
                                       else None)]
    return replace(status, flags=tuple(sorted(flags, key=lambda f: ORDER[f.name])))


def _planned_fraction(base: BaselineTask, day: date, cal: Calendar) -> float:
    """Share of the work the baseline planned to be done by the end of ``day``."""
    if day >= base.finish:
        return 1.0
    if day < base.start or base.duration == 0:
        return 0.0
    return min(cal.count(base.start, day) / base.duration, 1.0)


def _actual_fraction(task: Task, p: Progress | None, planned_days: int) -> float | None:
    if p is None or not p.is_started:
        return 0.0
    fraction = done_fraction(task, p)
    if fraction is None and p.remaining is not None and planned_days > 0:
        fraction = max(0.0, 1 - p.remaining / planned_days)
    return fraction


def _variances(base: BaselineTask | None, d: TaskDates, cal: Calendar,
               ) -> tuple[int | None, int | None, int | None, int | None, int | None]:
    if base is None:
        return (None, None, None, None, None)
    return (
        cal.on_or_before(d.start) - cal.on_or_before(base.start),
        (d.start - base.start).days,
        cal.on_or_before(d.finish) - cal.on_or_before(base.finish),
        (d.finish - base.finish).days,
        d.duration - base.duration,
    )


def _binding_deadline(plan: Plan, task: Task, bound: int, cal: Calendar) -> date | None:
    t: Task | None = task
    while t is not None:
        if t.deadline is not None and cal.end_of(t.deadline) == bound:
            return t.deadline
        t = plan.task(t.parent) if t.parent else None
    return None


def _earned_value(task: Task, base: BaselineTask | None, p: Progress | None,
                  planned: float | None, actual: float | None, day: date,
                  cal: Calendar) -> EarnedValue:
    es = at = spi_t = None
    if base is not None and actual is not None and day >= base.start:
        es = actual * base.duration
        end = p.finished if p and p.finished and p.finished < day else day
        at = float(cal.count(base.start, end))
        spi_t = es / at if at > 0 else None
    bac = base.budget if base and base.budget is not None else task.budget
    if bac is None or planned is None:
        return EarnedValue(es=es, at=at, spi_t=spi_t)
    pv, ev = bac * planned, bac * (actual or 0.0)
    ac = p.spent if p else None
    cpi = ev / ac if ac else None
    eac = bac / cpi if cpi else None
    return EarnedValue(
        bac, pv, ev, ac, ev - pv, ev / pv if pv else None,
        None if ac is None else ev - ac, cpi, eac, None if eac is None else bac - eac,
        es, at, spi_t,
    )


# -- flags ----------------------------------------------------------------------------------


def _flags(s: TaskStatus, limits: Thresholds, p: Progress | None, before: Progress | None,
           since: date | None, day: date, critical: bool) -> list[Flag]:
    flags: list[Flag] = []
    slip = s.finish_variance_days
    cpi = s.value.cpi
    if cpi is not None and cpi < limits.cpi:  # finished work too: its cost is a fact now
        flags.append(raise_flag("over-budget", over=round(100 * (1 / cpi - 1)) if cpi else None,
                                cpi=round(cpi, 2)))
    if s.state == "done":
        if slip is not None and slip > 0:
            late_for_deadline = s.deadline is not None and s.forecast.finish > s.deadline
            flags.append(raise_flag("finished-late", escalate=late_for_deadline, days=slip))
        return flags
    margin = s.deadline_margin_days
    if margin is not None and margin < 0:
        # a deadline on or before the data date is already missed: the work resumes after it
        passed = s.deadline is not None and s.deadline <= day
        flags.append(raise_flag("missed-deadline" if passed else "will-miss-deadline",
                                days=-margin, deadline=s.deadline))
    elif margin is not None and margin < limits.at_risk:
        flags.append(raise_flag("deadline-at-risk", days=margin, deadline=s.deadline))
    if s.state == "not-started" and s.baseline is not None and s.baseline.start <= day:
        flags.append(raise_flag("not-started", escalate=critical, planned=s.baseline.start))
    if (s.planned_percent is not None and s.actual_percent is not None  # rounded: 55.00000001
            and round(s.planned_percent - s.actual_percent, 6) > limits.behind):
        flags.append(raise_flag("behind", planned=round(s.planned_percent),
                                actual=round(s.actual_percent)))
    if slip is not None and slip > limits.slip:
        flags.append(raise_flag("slipping", days=slip))
    reported = p.reported if p is not None else None
    if (p is not None and before is not None and s.state == "in-progress" and reported == day
            and before.is_started and p.measure() == before.measure()):
        # since the report that first gave this measure (a carried one is older than the
        # previous snapshot)
        flags.append(raise_flag("stalled", since=before.reported or since))
    if (s.state == "in-progress" and reported is not None
            and (day - reported).days > limits.no_report):
        flags.append(raise_flag("no-report", since=reported))
    if critical:
        flags.append(raise_flag("critical"))
    return flags


def _tells_of_ongoing(flag: str, task: Task, p: Progress | None,
                      before: Progress | None) -> bool:
    """Whether ``flag``, raised on ongoing work (持续推进), says something about it.

    Such work has no finish to move towards, so a percent of it means little, and the
    forms do not ask for one (units asked for a number invent it). What shows it is alive
    is what its unit reports it did: a new note, or a changed quantity done (or any
    other figure a unit chose to report). So it is `stalled` only when its latest report
    says nothing new at all — the same note and the same figures as the one before — and
    `behind` only when a quantity measures it (done of `quantity.total` against the
    straight line), or when it has not started at all.
    """
    if flag == "stalled":
        return p is not None and before is not None and not _news(p, before)
    if flag == "behind":
        return p is None or not p.is_started or (
            task.quantity is not None and p.done is not None and p.finished is None)
    return True


def _news(p: Progress, before: Progress) -> bool:
    """The report ``p`` says something ``before`` did not: a note in other words (spaces
    aside), or any figure moved."""
    def words(note: str | None) -> str:  # spacing and line breaks are no news
        return "".join((note or "").split())

    return words(p.note) != words(before.note) or p.measure() != before.measure() \
        or p.spent != before.spent


# -- who caused the delay -------------------------------------------------------------------


def _mark_waiting(plan: Plan, rows: list[TaskStatus], fc: Schedule, cal: Calendar,
                  day: date, since: date | None = None) -> None:
    """Give tasks held up only by late predecessors a `waiting` flag (not started) or a
    `held-back` one (under way) naming the root cause
    (the first task up the driving links whose own progress slipped), instead of blaming
    them for not starting, being behind or slipping. A task whose report is awaited is
    judged at ``since``, as its forecast is."""
    net, pts = network_of(plan), fc.points
    own_start = earliest_starts(plan, cal)
    work = pts.resume if pts.resume is not None else pts.es  # when remaining work can start
    slack = link_slack(net, work, pts.ef, pts.lags)
    held: dict[int, int] = {}  # task -> the predecessor that drives its start
    for e in np.flatnonzero(slack == 0).tolist():
        i = int(net.succ[e])
        s = rows[i]
        if s.state == "done" or plan.tasks[i].spans_window or i in held:
            continue
        resume = cal.end_of(_as_of(s, day, since))
        free_from = resume if s.state == "in-progress" else max(resume, own_start[i])
        if int(work[i]) <= free_from:
            continue  # it could go on anyway: its predecessors are not what holds it
        cause = _driving_leaf(net, pts, int(net.pred[e]))
        if (rows[cause].finish_variance_days or 0) > 0:
            held[i] = cause
    # Tasks that waited, then began as soon as they could, are followed up their own chain
    # only: work waiting on one of them waits on it, the unit that can still act, not on
    # the finished task that delayed its start.
    late_start = {i: p for i, p in _started_when_let(plan, rows, fc, cal, day,
                                                     own_start, since).items()
                  if i not in held}
    for chain in (held, late_start):
        ends: dict[int, int] = {}  # task -> the root its walk ends at (a chain of 50,000
        # tasks walked once, not once per task)
        for i, pred in chain.items():
            root, seen, path = pred, {i}, [i]
            while root in chain and root not in seen:  # up the chain to whoever slipped
                if root in ends:
                    root = ends[root]
                    break
                seen.add(root)
                path.append(root)
                root = chain[root]
            if root not in chain:  # no circle: every task on the way ends there too
                ends.update(dict.fromkeys(path, root))
            # work started out of sequence and held now keeps 'behind' when it is behind
            # even its own pace since it started: that much is not the wait's doing
            own = rows[i].state == "in-progress" and _behind_own_pace(
                rows[i], cal, _as_of(rows[i], day, since), plan.thresholds)
            _mark(rows, plan, i, root, started=chain is late_start,
                  fault=NOT_ITS_FAULT - {"behind"} if own else NOT_ITS_FAULT)


def _mark(rows: list[TaskStatus], plan: Plan, i: int, root: int, started: bool,
          fault: frozenset[str] = NOT_ITS_FAULT) -> None:
    """Task ``i`` is waiting for ``root`` (``started``: it waited, then began on time);
    the flags in ``fault`` are not its to carry."""
    r, task = rows[root], plan.tasks[root]
    days = r.finish_variance_days or 0
    # work not started waits; work under way is held back (started: it began as soon as
    # it was let and keeps its pace, or its remaining work waits)
    flag = raise_flag("waiting", task=root, name=task.name, owner=task.owner or "",
                      days=days) if rows[i].state == "not-started" else \
        raise_flag("held-back", task=root, name=task.name, owner=task.owner or "",
                   days=days, started=started)
    kept = [f for f in rows[i].flags if f.name not in fault]
    rows[i] = replace(rows[i], flags=tuple(sorted([*kept, flag],
                                                  key=lambda f: ORDER[f.name])))


def _started_when_let(plan: Plan, rows: list[TaskStatus], fc: Schedule, cal: Calendar,
                      day: date, own_start: list[int], since: date | None = None,
                      ) -> dict[int, int]:
    """Started tasks whose slip their predecessors explain: task -> the predecessor that
    held its start back.

    Such a task started as soon as its late predecessor let it, later than its baseline
    start; it has kept its own pace since (not further behind than `thresholds.behind`,
    counted from its actual start) and its forecast finish slips no more than its start
    was pushed. Blaming it (behind, slipping) would blame the unit that was only waiting.
    """
    net, pts, limits = network_of(plan), fc.points, plan.thresholds
    # what each start-type constraint asked of its successor, with the plan's own lags:
    # a finished predecessor's points are its actual dates
    asked = np.where(net.from_start, pts.es[net.pred], pts.ef[net.pred]) + net.lag
    driver: dict[int, int] = {}  # task -> the link asking the latest start of it
    for e in np.flatnonzero(~net.to_finish).tolist():
        i = int(net.succ[e])
        if rows[i].state == "in-progress" and not plan.tasks[i].spans_window and (
                i not in driver or asked[e] > asked[driver[i]]):
            driver[i] = e
    held: dict[int, int] = {}
    for i, e in driver.items():
        s, ready = rows[i], int(asked[e])
        base = s.baseline
        if base is None or s.actual_start is None or ready <= own_start[i]:
            continue
        pushed = ready - cal.on_or_after(base.start)  # working days its start was held
        began = int(pts.es[i])
        if pushed <= 0 or began < ready or began > ready + limits.slip:
            continue  # not held back; it did not wait (started before it was let: on time or
            # out of sequence); or it started later than it could have
        if (s.finish_variance_days or 0) - pushed > limits.slip:
            continue  # slips further than its start was pushed: some of it is its own
        if _behind_own_pace(s, cal, _as_of(s, day, since), limits):
            continue
        cause = _driving_leaf(net, pts, int(net.pred[e]))
        if (rows[cause].finish_variance_days or 0) > 0:
            held[i] = cause
    return held


def _as_of(s: TaskStatus, day: date, since: date | None) -> date:
    """The day a task is judged at: the data date, or, its report awaited, the snapshot
    before (before any review: before everything)."""
    return (since or date.min) if s.awaiting else day


def _behind_own_pace(s: TaskStatus, cal: Calendar, day: date, limits: Thresholds) -> bool:
    """Started work further behind than `thresholds.behind`, counted from its actual start
    at the baseline's pace: what waiting on others does not explain."""
    base = s.baseline
    if s.actual_start is None or s.actual_percent is None or base is None or \
            base.duration <= 0:
        return False
    pace = 100 * min(cal.count(s.actual_start, day) / base.duration, 1.0)
    return round(pace - s.actual_percent, 6) > limits.behind


def _driving_leaf(net: Network, pts: Points, v: int) -> int:
    """A summary predecessor stands for the child that finishes it last."""
    while net.is_summary[v]:
        kids = net.children[v]
        v = max(kids, key=lambda c: int(pts.ef[c]))
    return v


def overrun_driver(plan: Plan, rows: list[TaskStatus], fc: Schedule) -> str | None:
    """The task that drives the forecast past the plan's period (None when it is not
    past it): of the chain that ends the forecast, the task that added most slip of its own.

    The chain starts at the unfinished work that finishes last (ongoing work spans the
    period and never ends it; of several, the one that slips most) and goes back, task by
    task, to what holds each one: its driving predecessor in the forecast (no slack between
    them; a summary stands for its child that finishes it), else, for work that started as
    soon as a late predecessor let it, that predecessor (its `held-back` flag's root cause).
    Each task's own slip is its finish variance less that of the task it waited for: a
    task that only passes a delay on adds nothing. The driver is the task whose own slip
    is largest — of equals, the one nearest the end, the later work that is still open.
    Naming the end task itself would blame whoever happens to be last in line; naming the
    first late task would blame a delay that later work may since have made up.
    """
    if fc.overrun <= 0:
        return None
    net, pts = network_of(plan), fc.points
    work = np.flatnonzero(~net.is_summary & ~net.ongoing).tolist()
    # all work done after the period: the task that finished last
    candidates = [i for i in work if rows[i].state != "done"] or work
    if not candidates:
        return None
    last = max(int(pts.ef[i]) for i in candidates)
    end = min((i for i in candidates if int(pts.ef[i]) == last),
              key=lambda i: (-(rows[i].finish_variance_days or 0), i))
    resume = pts.resume if pts.resume is not None else pts.es
    slack = link_slack(net, resume, pts.ef, pts.lags)
    into: dict[int, list[int]] = {}
    for e in np.flatnonzero(slack == 0).tolist():
        into.setdefault(int(net.succ[e]), []).append(int(net.pred[e]))
    chain, seen = [end], {end}
    while True:
        v = chain[-1]
        held = [_driving_leaf(net, pts, p) for p in into.get(v, ())]
        nxt = max(held, key=lambda p: (rows[p].finish_variance_days or 0, -p), default=None)
        if nxt is None:
            nxt = root_cause(rows[v])
        if nxt is None or nxt in seen:
            break
        chain.append(nxt)
        seen.add(nxt)
    own = [(rows[v].finish_variance_days or 0)
           - (rows[chain[k + 1]].finish_variance_days or 0 if k + 1 < len(chain) else 0)
           for k, v in enumerate(chain)]
    best = max(range(len(chain)), key=lambda k: (own[k], -k))
    return plan.tasks[chain[best]].id


def root_cause(s: TaskStatus) -> int | None:
    """The plan index of the task whose slip holds ``s`` up (None when nothing does)."""
    flag = next((f for f in s.flags if f.name in HELD_UP_FLAGS), None)
    return None if flag is None else int(flag.value("task"))  # type: ignore[call-overload]


# -- roll-ups -------------------------------------------------------------------------------


def _placeholder(task: Task, dates: TaskDates) -> TaskStatus:
    return TaskStatus(task.id, "not-started", None, dates, None, None, None, None, None, None,
                      None, None, None, None, None, None, EarnedValue(), (), None)


def _summary_status(plan: Plan, task: Task, rows: list[TaskStatus], dates: TaskDates,
                    cal: Calendar, day: date, bound: int) -> TaskStatus:
    kids = [rows[plan.index[c]] for c in task.children]
    states = {k.state for k in kids}
    state = "done" if states == {"done"} else "not-started" if states == {"not-started"} \
        else "in-progress"
    bases = [k.baseline for k in kids if k.baseline]
    base = None
    if len(bases) == len(kids):
        start, finish = min(b.start for b in bases), max(b.finish for b in bases)
        budgets = [b.budget for b in bases if b.budget is not None]
        base = BaselineTask(start, finish, cal.count(start, finish),
                            sum(budgets) if budgets else None)
    weights = [max(k.baseline.duration if k.baseline else k.forecast.duration, 1) for k in kids]
    margin = None if bound >= INF else bound - cal.end_of(dates.finish)
    actual_starts = [k.actual_start for k in kids if k.actual_start]
    return TaskStatus(
        task.id, state, base, dates, min(actual_starts) if actual_starts else None,
        max(k.actual_finish for k in kids if k.actual_finish) if state == "done" else None,
        *_variances(base, dates, cal), task.deadline, margin,
        _weighted([k.planned_percent for k in kids], weights),
        _weighted([k.actual_percent for k in kids], weights),
        min((k.reported for k in kids if k.reported), default=None),
        _sum_value([k.value for k in kids]), (), None,
    )


def _weighted(values: list[float | None], weights: list[int]) -> float | None:
    pairs = [(v, w) for v, w in zip(values, weights, strict=True) if v is not None]
    if not pairs:
        return None
    return sum(v * w for v, w in pairs) / sum(w for _, w in pairs)


def _sum_value(values: list[EarnedValue]) -> EarnedValue:
    """Add up the money figures; ratios from the sums."""
    priced = [v for v in values if v.bac is not None]
    if not priced:
        return EarnedValue()
    bac = sum(v.bac or 0 for v in priced)
    pv = sum(v.pv or 0 for v in priced)
    ev = sum(v.ev or 0 for v in priced)
    costs = [v.ac for v in priced if v.ac is not None]
    ac = sum(costs) if costs else None
    cpi = ev / ac if ac else None
    eac = bac / cpi if cpi else None
    return EarnedValue(bac, pv, ev, ac, ev - pv, ev / pv if pv else None,
                       None if ac is None else ev - ac, cpi, eac,
                       None if eac is None else bac - eac)


def _plan_value(leaves: list[TaskStatus], cal: Calendar, day: date) -> EarnedValue:
    """Plan totals on one basis (see `basis`), earned schedule from its planned-value curve."""
    money = _sum_value([r.value for r in leaves])
    rows, weights, kind = basis(leaves)
    if not rows:
        return money
    first, planned = _planned_value(rows, weights, cal)
    done = np.array([(r.actual_percent or 0.0) / 100 for r in rows])
    earned = float((np.array(weights) * done).sum())
    if kind == "duration":  # no money: SPI from the same duration-weighted values
        due = sum(w * (r.planned_percent or 0.0) / 100 for w, r in zip(weights, rows,
                                                                        strict=True))
        money = replace(money, spi=earned / due if due else None)
    c = int(np.searchsorted(planned, earned, side="right")) - 1  # last t with PV <= EV
    es = float(c)
    if 0 <= c < len(planned) - 1 and planned[c + 1] > planned[c]:
        es += (earned - planned[c]) / (planned[c + 1] - planned[c])
    at = max(float(cal.end_of(day) - first), 0.0)  # a data date before the baselined work
    es = max(float(es), 0.0)
    return replace(money, es=es, at=at, spi_t=es / at if at > 0 else None, basis=kind,
                   basis_tasks=len(rows))


# -- progress curves (the S-curve) ------------------------------------------------------------


def basis(leaves: list[TaskStatus]) -> tuple[list[TaskStatus], list[float], str]:
    """The tasks and weights every plan-level figure is measured on, and its name.

    The budgeted tasks, by budget, when any task has a budget — so SPI, SPI(t), the
    planned percent and the S-curve all speak of the same money; otherwise every task, by
    its baseline duration (at least one day).
    """
    priced = [r for r in leaves if r.baseline is not None and r.value.bac]
    if priced:
        return priced, [float(r.value.bac or 0.0) for r in priced], "budget"
    rows = [r for r in leaves if r.baseline is not None]
    return rows, [float(max(r.baseline.duration, 1)) for r in rows
                  if r.baseline is not None], "duration"


def _planned_value(rows: list[TaskStatus], weights: list[float], cal: Calendar,
                   ) -> tuple[int, Floats]:
    """The weighted planned value of ``rows`` (all with a baseline) at every point from the
    first baseline start to the last baseline finish: (first point, values)."""
    weight = np.array(weights)
    start = np.array([cal.on_or_after(r.baseline.start) for r in rows if r.baseline])
    length = np.array([max(r.baseline.duration, 1) for r in rows if r.baseline])
    first, last = int(start.min()), int((start + length).max())
    # Each task adds weight/length per working day while it runs: sum the rates through
    # a difference array, then the rates into values. Memory is tasks + days, not their
    # product (a typo'd finish a century out must not cost gigabytes).
    change = np.zeros(last - first + 1)
    rate = weight / length
    np.add.at(change, start - first, rate)
    np.add.at(change, start + length - first, -rate)
    return first, np.concatenate(([0.0], np.cumsum(np.cumsum(change)[:-1])))


def planned_curve(t: Tracking) -> list[tuple[date, float]]:
    """Cumulative planned percent of the plan (on its value basis) at the end of each
    baseline working day."""
    rows, weights, _ = basis(t.leaves())
    if not rows:
        return []
    cal = t.forecast.calendar
    first, planned = _planned_value(rows, weights, cal)
    total = planned[-1] or 1.0  # by the last point everything is planned done
    # the end of working day d is point d + 1
    return [(cal.date_of(first + i), float(100 * v / total))
            for i, v in enumerate(planned[1:].tolist())]


def earned_percent(t: Tracking) -> float:
    """Work done so far as a percent of the plan, on the basis of planned_curve."""
    rows, weight, _ = basis(t.leaves())
    total = sum(weight) or 1.0
    return 100 * sum(w * (r.actual_percent or 0.0) / 100
                     for w, r in zip(weight, rows, strict=True)) / total
