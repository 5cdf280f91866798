"""Forecast at a data date: actuals fixed, remaining work rescheduled by the CPM engine.

Out-of-sequence progress (a task started before its predecessors allowed) is handled in
one of two ways, as in Primavera P6:

- **retained logic** (default): the task's remaining work still waits for its
  predecessors — an FS predecessor that is not finished holds the rest of the work;
- **progress override**: a started task ignores its predecessors; its remaining work
  resumes right after the data date.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

import numpy as np
from numpy.typing import NDArray

from planner.domain.calendar import Calendar
from planner.domain.model import Plan, Task
from planner.domain.progress import Progress, Snapshot
from planner.engine.network import Ints, network_of
from planner.engine.schedule import (
    INF,
    Schedule,
    build_schedule,
    cpm,
    deadline_points,
    durations,
    earliest_starts,
    plan_calendar,
)
from planner.support.gcpause import without_gc

OFF = -INF  # a lag that switches a link off


def remaining_days(task: Task, p: Progress, planned: int, elapsed: int) -> int:
    """Working days left on a started task: `remaining`, else from `done`, else `percent`.

    With no measure at all, the planned duration less the working days already spent
    (at least one day: a started, unfinished task is not done).
    """
    if p.remaining is not None:
        return p.remaining
    fraction = done_fraction(task, p)
    if fraction is None:
        return max(planned - elapsed, 1 if planned else 0)
    return math.ceil(planned * (1 - fraction) - 1e-9)


def done_fraction(task: Task, p: Progress | None) -> float | None:
    """Share of the work done, from the snapshot's own measure (None when it has none)."""
    if p is None:
        return None
    if p.finished is not None:
        return 1.0
    if p.done is not None and task.quantity is not None:
        return min(p.done / task.quantity.total, 1.0)
    if p.percent is not None:
        return p.percent / 100
    return None


@dataclass(frozen=True)
class Inputs:
    """What the CPM passes need to forecast from a data date (plan order, points)."""

    dur: list[int]  # working days to schedule: actual for finished, remaining for started
    planned: list[int]  # the full planned duration
    lb: list[int]
    lags: Ints  # links switched off where progress made them history
    actual_start: Ints  # -1 where not started
    finished: NDArray[np.bool_]

    @property
    def in_progress(self) -> NDArray[np.bool_]:
        return (self.actual_start >= 0) & ~self.finished


def forecast_inputs(plan: Plan, snapshot: Snapshot | None, cal: Calendar,
                    logic: str | None = None,
                    rested: Mapping[str, date | None] | None = None) -> Inputs:
    """Durations, earliest starts and links as the snapshot leaves them.

    ``rested``: tasks whose report for this data date is awaited (analysis.outstanding),
    each with the earlier data date its remaining work is counted from instead (None: the
    plan's own dates, there being no earlier review).
    """
    net = network_of(plan)
    logic = logic or plan.out_of_sequence
    planned = durations(plan, cal)
    dur, lb = list(planned), earliest_starts(plan, cal)
    lags = net.lag.copy()
    actual_start = np.full(net.size, -1, dtype=np.int64)
    finished = np.zeros(net.size, dtype=bool)
    if snapshot is None:
        return Inputs(dur, planned, lb, lags, actual_start, finished)
    data_resume = cal.end_of(snapshot.date)  # the first working day after the data date
    window_end = [lb[i] + planned[i] for i in range(len(planned))]  # ongoing work's end

    for i, task in enumerate(plan.tasks):
        p = snapshot.of(task.id)
        if task.is_summary:
            continue
        resume = data_resume
        if rested is not None and task.id in rested:
            since = rested[task.id]
            resume = cal.end_of(since) if since is not None else lb[i]
        if p is None or not p.is_started:
            lb[i] = max(lb[i], resume)
            if task.spans_window:
                dur[i] = max(window_end[i] - lb[i], 1)
            continue
        start = cal.on_or_after(p.started or p.finished)  # type: ignore[arg-type]
        resume = max(resume, start)
        actual_start[i] = start
        if p.finished is not None:
            end = max(cal.end_of(p.finished), start)
            lb[i], dur[i] = start, end - start
            finished[i] = True
            continue
        elapsed = max(resume - start, 0)
        if task.id in plan.external and logic != "override":  # its rest waits on another plan
            resume = max(resume, cal.on_or_after(plan.external[task.id].day))
        lb[i], dur[i] = resume, remaining_days(task, p, dur[i], elapsed)
        if task.spans_window:  # ongoing work, a target: the rest of its window, however far on
            dur[i] = max(window_end[i] - resume, 1)
    # Predecessors no longer hold finished work, nor, under progress override, started work.
    released = finished | ((actual_start >= 0) if logic == "override" else False)
    lags[released[net.succ]] = OFF

    # A summary has started when its first child did.
    actual_start = net.earliest_of_children(actual_start, missing=-1)

    # Links from a task's start: a started predecessor's start is history, a constant.
    for e in np.flatnonzero(net.from_start & (lags != OFF)):
        p_, s_ = int(net.pred[e]), int(net.succ[e])
        if actual_start[p_] >= 0:
            shift = dur[s_] if net.to_finish[e] else 0
            lb[s_] = max(lb[s_], int(actual_start[p_] + lags[e]) - shift)
            lags[e] = OFF
    return Inputs(dur, planned, lb, lags, actual_start, finished)


@without_gc
def forecast(plan: Plan, snapshot: Snapshot, calendar: Calendar | None = None,
             logic: str | None = None,
             rested: Mapping[str, date | None] | None = None) -> Schedule:
    """The schedule as it now stands: same result type as the plan's own schedule
    (``rested``: see ``forecast_inputs``)."""
    cal = calendar or plan_calendar(plan)
    x = forecast_inputs(plan, snapshot, cal, logic, rested)
    pts = cpm(network_of(plan), x.dur, x.lb, deadline_points(plan, cal), x.lags)
    # summaries start with their earliest child
    es = network_of(plan).earliest_of_children(np.where(x.actual_start >= 0, x.actual_start,
                                                    pts.es))
    pts = replace(pts, es=es, resume=pts.es, critical=pts.critical & ~x.finished,
                  total_float=np.where(x.finished, 0, pts.total_float),
                  free_float=np.where(x.finished, 0, pts.free_float))
    result = build_schedule(plan, cal, pts, x.lb, started=x.actual_start >= 0,
                            finished=x.finished)
    return replace(result, data_date=snapshot.date)

