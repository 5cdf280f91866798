"""Critical path method on working-day numbers.

Times are *points*: point ``i`` is the start of working day ``i``. A task of duration ``d``
starting at point ``s`` finishes at point ``s + d``, i.e. at the end of working day
``s + d - 1``; an FS successor may start at point ``s + d``, the next working day.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date

import numpy as np
from numpy.typing import NDArray

from planner.domain.calendar import FIRST_YEAR, MAX_YEAR, Calendar
from planner.domain.diagnostics import Diagnostic, PlanError, Severity
from planner.domain.model import Plan
from planner.engine import passes
from planner.engine.network import Ints, Network, network_of
from planner.support.gcpause import fast_constructor, without_gc

INF = 1 << 60
MAX_PATHS = 10


@dataclass(frozen=True, slots=True)
class Points:
    """Raw CPM results per task (plan order), in working-day points."""

    es: Ints
    ef: Ints
    ls: Ints
    lf: Ints
    total_float: Ints
    free_float: Ints
    critical: NDArray[np.bool_]
    start: int
    finish: int
    lags: Ints  # the lags the passes used (a forecast switches some links off)
    resume: Ints | None = None  # a forecast's: when the remaining work of each task can start


@dataclass(frozen=True, slots=True)
class TaskDates:
    """One task's scheduled dates; floats and margin in working days."""

    id: str
    start: date
    finish: date
    late_start: date
    late_finish: date
    duration: int
    total_float: int
    free_float: int
    critical: bool
    deadline: date | None
    margin: int | None  # deadline minus finish; negative when it will be missed


_task_dates = fast_constructor(TaskDates)  # a TaskDates, without the frozen __init__


@dataclass(frozen=True)
class Schedule:
    plan: Plan
    calendar: Calendar
    tasks: tuple[TaskDates, ...]
    start: date
    finish: date
    critical_paths: tuple[tuple[str, ...], ...]
    points: Points
    diagnostics: tuple[Diagnostic, ...] = ()
    data_date: date | None = None  # set on a forecast: progress is known up to this day
    more_paths: bool = False  # there are more critical paths than the MAX_PATHS listed
    # chains of work with a little float (at most `thresholds.near_critical` working days),
    # least float first: the ones to watch after the critical path
    near_critical: tuple[tuple[str, ...], ...] = ()
    # tasks with no float only through their own dates (see `pinned`): not critical
    pinned: tuple[str, ...] = ()

    def task(self, task_id: str) -> TaskDates:
        return self.tasks[self.plan.index[task_id]]

    @property
    def period_days(self) -> int | None:
        """Working days of the plan's own period (`start:` to `finish:` in the plan header);
        None when the plan states no period."""
        end = self.plan.finish
        return None if end is None else self.calendar.count(self.plan.start, end)

    @property
    def carried_over(self) -> date | None:
        """The earliest start of work begun before the plan's period (carried over into
        it), None when all work starts within it."""
        first = min((d.start for d, t in zip(self.tasks, self.plan.tasks, strict=True)
                     if not t.is_summary and d.start < self.plan.start), default=None)
        return first

    @property
    def overrun(self) -> int:
        """Working days the finish passes the plan's own period (`finish:` in the plan
        header); 0 when it does not, or the plan states no period."""
        end = self.plan.finish
        if end is None or self.finish <= end:
            return 0
        return self.calendar.on_or_before(self.finish) - self.calendar.on_or_before(end)


# -- inputs ---------------------------------------------------------------------------------


def plan_calendar(plan: Plan) -> Calendar:
    """The plan's working-day calendar, with room before its earliest date."""
    return Calendar(plan.calendar, plan.holidays, plan.workdays,
                    origin_year=plan.calendar_origin.year)


def durations(plan: Plan, cal: Calendar) -> list[int]:
    """Working days per leaf task (0 for milestones and summaries)."""
    out = []
    for t in plan.tasks:
        if t.spans_window:  # ongoing work, a target: its window, own dates else the plan's
            last = t.finish or plan.finish or t.start or plan.start
            out.append(max(cal.count(t.start or plan.start, last), 1))
        elif t.is_summary or t.is_milestone:
            out.append(0)
        elif t.duration is not None:
            out.append(t.duration)
        elif t.start is not None and t.finish is not None:
            out.append(cal.count(t.start, t.finish))
        else:
            out.append(0)
    return out


def earliest_starts(plan: Plan, cal: Calendar) -> list[int]:
    """Start-no-earlier-than per task as a point.

    The latest of its own `start` and its summaries' `start`s, and of the dates tasks of
    other plans hold them to (`Plan.external`); the plan start when none of them has
    one. An explicit start may lie before the plan start (work carried over).
    """
    default = cal.on_or_after(plan.start)
    explicit: list[int | None] = []
    external = plan.external
    for t in plan.tasks:
        bounds = [cal.on_or_after(t.start)] if t.start else []
        if external and t.id in external:  # held by a task of another plan (`Task.waits`)
            bounds.append(cal.on_or_after(external[t.id].day))
        if t.parent is not None and (up := explicit[plan.index[t.parent]]) is not None:
            bounds.append(up)
        explicit.append(max(bounds) if bounds else None)
    return [default if e is None else e for e in explicit]


def deadline_points(plan: Plan, cal: Calendar) -> list[int]:
    """Latest allowed finish point per task from its own and its summaries' deadlines."""
    out: list[int] = []
    for t in plan.tasks:
        bound = out[plan.index[t.parent]] if t.parent is not None else INF
        if t.deadline is not None:
            bound = min(bound, deadline_point(t.deadline, cal))
        out.append(bound)
    return out


def deadline_point(day: date, cal: Calendar) -> int:
    """A deadline is the end of its day: the point after the last working day on or before it."""
    return cal.end_of(day)


# -- the passes -----------------------------------------------------------------------------


def cpm(net: Network, dur: Sequence[int], lb: Sequence[int], dl: Sequence[int],
        lags: Ints | None = None) -> Points:
    """Forward and backward pass of one schedule; pure, on integers.

    ``lags`` replaces the links' lags (a lag of -INF switches a link off).
    """
    lag = net.lag if lags is None else lags
    d = np.asarray(dur, dtype=np.int64)
    r = passes.run(net, d[:, None], np.asarray(lb), np.asarray(dl), lag)
    es, ef, ls, lf = (x[:, 0].astype(np.int64) for x in (r.es, r.ef, r.ls, r.lf))
    start, finish = int(r.start[0]), int(r.finish[0])
    summary = net.is_summary
    # Ongoing work sits in its window: neither late nor early, never critical, and it
    # makes no summary critical either (it rolls up as unbounded float).
    ongoing = net.ongoing
    ls[ongoing], lf[ongoing] = es[ongoing], ef[ongoing]
    total_float = np.where(ongoing, INF, ls - es)
    ls[summary], lf[summary], total_float[summary] = INF, -INF, INF
    walk = passes.walk_of(net)
    for k, lv in enumerate(walk.levels):  # children sit on lower levels than their summary
        if lv.kids is not None:
            kids, up = walk.kids_by[k], lv.kids.targets
            lf[up] = lv.kids.fold(np.maximum, lf[kids])
            ls[up] = lv.kids.fold(np.minimum, ls[kids])
            total_float[up] = lv.kids.fold(np.minimum, total_float[kids])
    free_float = _free_float(net, es, ef, finish, lag)
    level_of_effort = total_float >= INF  # ongoing work, and summaries of nothing else
    total_float[level_of_effort] = 0
    free_float[ongoing] = 0
    return Points(es, ef, ls, lf, total_float, free_float,
                  (total_float <= 0) & ~level_of_effort, start, finish, lag)


def link_slack(net: Network, es: Ints, ef: Ints, lags: Ints | None = None) -> Ints:
    """Per link: how far its predecessor could move before it pushed the successor."""
    p, s = net.pred, net.succ
    at_succ = np.where(net.to_finish, ef[s], es[s])
    at_pred = np.where(net.from_start, es[p], ef[p])
    return at_succ - at_pred - (net.lag if lags is None else lags)


def _free_float(net: Network, es: Ints, ef: Ints, finish: int, lags: Ints) -> Ints:
    """Delay a task can take without moving any successor (or its summaries' successors)."""
    slack = np.minimum(link_slack(net, es, ef, lags), INF)  # switched-off links: unbounded
    from_start = net.from_start
    # absolute bounds: a task's finish (start) may not pass these without moving a successor
    reach_f = np.full(net.size, INF, dtype=np.int64)
    reach_s = np.full(net.size, INF, dtype=np.int64)
    p = net.pred
    np.minimum.at(reach_f, p[~from_start], slack[~from_start] + ef[p[~from_start]])
    np.minimum.at(reach_s, p[from_start], slack[from_start] + es[p[from_start]])
    for lv in reversed(passes.walk_of(net).levels):  # summaries sit on higher levels
        v = lv.nested
        if v.size:
            up = net.parent[v]
            reach_f[v] = np.minimum(reach_f[v], reach_f[up])
            drives = es[v] == es[up]
            reach_s[v[drives]] = np.minimum(reach_s[v[drives]], reach_s[up[drives]])
    return np.minimum(np.minimum(finish - ef, reach_f - ef), reach_s - es)  # type: ignore[no-any-return]


# -- critical paths ---------------------------------------------------------------------------


def pinned(plan: Plan, cal: Calendar, es: Ints,
           started: NDArray[np.bool_] | None = None) -> NDArray[np.bool_]:
    """Leaf tasks placed on both ends by the plan's own dates: a window written as `start:`
    and `finish:` that no predecessor pushes (it starts on its own start) and that has not
    started (a forecast's started work has its finish from its progress).

    Such a task has no float only because its dates leave it none — a finish assumed at
    the year's end, a finish assumed on its deadline: neither logic nor a deadline makes it
    critical, so it is not presented as the critical path. Work a predecessor pushes off
    its dates is placed by logic again. Ongoing work and quantity targets span their window
    by definition (`Task.spans_window`) and are never critical in the first place.
    """
    out = np.zeros(len(plan.tasks), dtype=bool)
    for i, t in enumerate(plan.tasks):
        if (t.start is not None and t.finish is not None and not t.is_summary
                and not t.spans_window and not t.is_milestone
                and int(es[i]) == cal.on_or_after(t.start)
                and (started is None or not started[i])):
            out[i] = True
    return out


def _rolled_up(net: Network, leaf: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """``leaf`` with each summary true when a task under it is."""
    out = leaf & ~net.is_summary
    for i in net.summaries_bottom_up:
        out[i] = any(out[c] for c in net.children[i])
    return out


def critical_paths(net: Network, pts: Points, limit: int = MAX_PATHS,
                   among: NDArray[np.bool_] | None = None) -> list[list[int]]:
    """Chains of critical leaf tasks (or of the tasks ``among``) joined by driving links,
    longest first."""
    es, ef = pts.es, pts.ef
    crit = pts.critical if among is None else among
    driving = np.flatnonzero((link_slack(net, es, ef, pts.lags) == 0) & crit[net.succ])
    drives: dict[int, list[int]] = {}
    driven: set[int] = set()
    for i in driving.tolist():
        p, s = int(net.pred[i]), int(net.succ[i])
        from_finish = not net.from_start[i]
        point = int(ef[p] if from_finish else es[p])
        for leaf in _driving_leaves(net, pts, p, point, from_finish, crit):
            drives.setdefault(leaf, []).append(s)
            driven.add(s)
    leaf_crit = np.flatnonzero(crit & ~net.is_summary).tolist()
    starts = sorted((v for v in leaf_crit if v not in driven), key=lambda v: (es[v], v))
    paths: list[list[int]] = []
    for first in starts:
        # Depth first, each step remembering only the step before it (a path is spelled
        # out once, at its end): copying the path at every step was quadratic in its length.
        trail: list[tuple[int, int]] = []  # (task, index in trail of the step before)
        stack = [(first, -1)]
        while stack and len(paths) < limit:
            v, back = stack.pop()
            trail.append((v, back))
            here = len(trail) - 1
            nexts = sorted(set(drives.get(v, ())), key=lambda u: (es[u], u), reverse=True)
            if not nexts:
                path, j = [], here
                while j >= 0:
                    path.append(trail[j][0])
                    j = trail[j][1]
                paths.append(path[::-1])
            stack.extend((u, here) for u in nexts)
        if len(paths) >= limit:
            break
    paths.sort(key=lambda p: (-int(ef[p[-1]] - es[p[0]]), int(es[p[0]])))
    return paths


def _driving_leaves(net: Network, pts: Points, v: int, point: int, from_finish: bool,
                    crit: NDArray[np.bool_]) -> list[int]:
    """The leaves of ``v`` in ``crit`` whose start or finish is ``point``."""
    if not net.is_summary[v]:
        return [v] if crit[v] else []
    out: list[int] = []
    stack = list(net.children[v])
    while stack:
        c = stack.pop()
        if net.is_summary[c]:
            stack.extend(net.children[c])
        elif crit[c] and (pts.ef[c] if from_finish else pts.es[c]) == point:
            out.append(c)
    return out


# -- the public entry point ------------------------------------------------------------------


@without_gc
def schedule(plan: Plan, calendar: Calendar | None = None) -> Schedule:
    """Schedule a plan with no progress: early and late dates, floats, critical path."""
    cal = calendar or plan_calendar(plan)
    net = network_of(plan)
    lb = earliest_starts(plan, cal)
    pts = cpm(net, durations(plan, cal), lb, deadline_points(plan, cal))
    return build_schedule(plan, cal, pts, lb)


def build_schedule(plan: Plan, cal: Calendar, pts: Points, lb: list[int],
                   started: NDArray[np.bool_] | None = None,
                   finished: NDArray[np.bool_] | None = None) -> Schedule:
    """Turn raw points into dated results, with the scheduler's findings. The one place
    where critical is decided: zero float through logic or a deadline, not through the
    task's own dates (see ``pinned``); ``started``/``finished``: a forecast's progress."""
    net = network_of(plan)
    pin = pinned(plan, cal, pts.es, started)
    if pin.any():
        pts = replace(pts, critical=_rolled_up(net, pts.critical & ~pin))
    try:
        dated = tuple(_dated(plan, cal, pts, lb))
        start, finish = cal.date_of(pts.start), cal.date_of(max(pts.finish - 1, pts.start))
    except ValueError as exc:  # each duration and lag is bounded; a long chain of them is not
        last = plan.tasks[int(np.argmax(pts.ef))] if plan.tasks else None
        # the calendar says which end was passed: the last supported year, or the first
        key = "schedule.undatable.late" if "beyond" in str(exc) else "schedule.undatable.early"
        raise PlanError([Diagnostic.said(
            "value", key, last.location if last else plan.location,
            task=last.id if last else None, first=FIRST_YEAR, last=MAX_YEAR - 1)],
        ) from None
    paths = critical_paths(net, pts, MAX_PATHS + 1)  # one more: are there more?
    near = near_critical(plan, net, pts, pin, finished)
    findings = [*_calendar_warnings(plan, cal, start, finish), *_deadline_warnings(plan, dated)]
    return Schedule(
        plan, cal, dated, start, finish,
        tuple(tuple(plan.tasks[v].id for v in p) for p in paths[:MAX_PATHS]), pts,
        tuple(findings), more_paths=len(paths) > MAX_PATHS,
        near_critical=tuple(tuple(plan.tasks[v].id for v in p) for p in near),
        pinned=tuple(plan.tasks[v].id for v in np.flatnonzero(pin & (pts.total_float <= 0))
                     .tolist()),
    )


def near_critical(plan: Plan, net: Network, pts: Points, pin: NDArray[np.bool_],
                  finished: NDArray[np.bool_] | None = None) -> list[list[int]]:
    """Chains of unfinished work that is not critical but has at most
    `thresholds.near_critical` working days of total float, joined by driving links;
    least float first (the MAX_PATHS of least float)."""
    limit = plan.thresholds.near_critical
    tf = pts.total_float
    among = (~net.is_summary & ~net.ongoing & ~pin & ~pts.critical & (tf <= limit)
             & (tf > 0))
    if finished is not None:
        among &= ~finished
    if not among.any():
        return []
    # more than are kept, so that the least float is what decides which are kept
    chains = critical_paths(net, pts, 10 * MAX_PATHS, among)
    chains.sort(key=lambda c: (min(int(tf[v]) for v in c), -len(c)))
    return chains[:MAX_PATHS]


def _dated(plan: Plan, cal: Calendar, pts: Points, lb: Sequence[int]) -> Iterator[TaskDates]:
    es, ef, ls, lf = pts.es, pts.ef, pts.ls, pts.lf
    low = np.asarray(lb)
    instant = es == ef
    # A milestone is an instant; show the working day that ends at it, unless that day
    # lies before the earliest it may happen (its own or the plan's start) — except a late
    # date that a deadline puts before that: then the deadline's day is the truth.
    first = np.where(instant, np.maximum(es - 1, low), es).tolist()
    last = np.where(instant, np.maximum(ef - 1, low), ef - 1).tolist()
    late_instant = np.where(lf < low, lf - 1, np.maximum(lf - 1, low))
    late_first = np.where(instant, late_instant, ls).tolist()
    late_last = np.where(instant, late_instant, lf - 1).tolist()
    table = cal.days_through(max(max(last, default=0), max(late_last, default=0)))

    def day(i: int) -> date:  # a deadline before the start puts late dates before day 0
        return table[i] if i >= 0 else cal.date_of(i)

    finish_points = ef.tolist()
    margins = [None if t.deadline is None else deadline_point(t.deadline, cal) - f
               for t, f in zip(plan.tasks, finish_points, strict=True)]
    return map(
        _task_dates, [t.id for t in plan.tasks], [day(i) for i in first],
        [day(i) for i in last], [day(i) for i in late_first], [day(i) for i in late_last],
        (ef - es).tolist(), pts.total_float.tolist(), pts.free_float.tolist(),
        pts.critical.tolist(), [t.deadline for t in plan.tasks], margins)


def _calendar_warnings(plan: Plan, cal: Calendar, start: date, finish: date,
                       ) -> list[Diagnostic]:
    out = []
    for year in cal.missing_years(start, finish):
        out.append(Diagnostic.said("calendar-year", "schedule.calendar_year", plan.location,
                                   severity=Severity.WARNING, year=year))
    return out


def _deadline_warnings(plan: Plan, dated: tuple[TaskDates, ...]) -> list[Diagnostic]:
    out = []
    for t, d in zip(plan.tasks, dated, strict=True):
        if d.margin is not None and d.margin < 0 and d.deadline is not None:
            out.append(Diagnostic.said(
                "deadline", "schedule.deadline", t.where("deadline"), task=t.id,
                severity=Severity.WARNING, id=t.id, finish=d.finish, days=-d.margin,
                deadline=d.deadline))
    return out
