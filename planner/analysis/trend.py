"""Milestone trend analysis: where each milestone's forecast finish stood at every report.

For every milestone and every task with a deadline of its own: the baseline finish first,
then the forecast finish at each snapshot's data date, the slip since the previous row and
since the baseline (working days), and the average drift per month. Pure computation on
trackings; the results are frozen values, without presentation text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from planner.analysis.tracking import Tracking
from planner.domain.baseline import Baseline
from planner.domain.calendar import Calendar
from planner.domain.model import Plan

DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One row of a milestone's trend."""

    report: date | None  # the data date of the report; None for the baseline row
    forecast: date  # the forecast finish at that report (the baseline finish in its row)
    finished: bool  # actually finished by then: the forecast is the actual finish
    slip_previous: int | None  # working days later than the row before (None: first row)
    slip_baseline: int | None  # working days later than the baseline (None: no baseline)


@dataclass(frozen=True, slots=True)
class TrendLine:
    """One milestone (or deadline task) across the reports."""

    id: str
    milestone: bool
    deadline: date | None  # its own deadline
    points: tuple[TrendPoint, ...]  # the baseline row first (when it has one), then reports
    drift_per_month: float | None  # working days of slip per month since the baseline

    @property
    def baseline(self) -> date | None:
        first = self.points[0] if self.points else None
        return first.forecast if first is not None and first.report is None else None

    @property
    def reports(self) -> tuple[TrendPoint, ...]:
        return tuple(p for p in self.points if p.report is not None)

    @property
    def latest(self) -> TrendPoint | None:
        return self.points[-1] if self.points else None

    def at(self, report: date) -> TrendPoint | None:
        return next((p for p in self.points if p.report == report), None)

    @property
    def slip_since_previous(self) -> int | None:
        """The latest report against the one before it (the baseline for the first)."""
        last = self.latest
        return None if last is None or last.report is None else last.slip_previous

    @property
    def slip_since_baseline(self) -> int | None:
        last = self.latest
        return None if last is None or last.report is None else last.slip_baseline


@dataclass(frozen=True)
class Trend:
    plan: Plan
    calendar: Calendar
    baseline_date: date  # where the baseline row sits on the report axis
    baseline_saved: date | None  # the approval date of baseline.yaml (None: the plan's own)
    reports: tuple[date, ...]  # the data dates, oldest first
    lines: tuple[TrendLine, ...]  # in plan order
    illustrative: str | None  # the latest snapshot's sample-data note ("" for `true`)

    def line(self, task_id: str) -> TrendLine:
        return next(x for x in self.lines if x.id == task_id)


def trend(plan: Plan, baseline: Baseline, history: Sequence[Tracking],
          calendar: Calendar) -> Trend:
    """The milestone trend over ``history`` (the tracking of each report, oldest first).

    The baseline row sits at the baseline's approval date (`saved:`), or at the plan's
    start when none is saved, or at the first report when that is earlier. The drift per
    month is the slip since the baseline over the months from that row to the latest
    report, or to the first report that shows the task finished (counted from the first
    report for a task without a baseline figure); it is given once that span is a month
    or more.
    """
    reports = tuple(t.date for t in history)
    origin = baseline.saved or plan.start
    if reports:
        origin = min(origin, reports[0])

    def slip(a: date, b: date) -> int:
        return calendar.on_or_before(a) - calendar.on_or_before(b)

    lines = []
    for i in plan.watched:
        task = plan.tasks[i]
        base = baseline.of(task.id)
        points: list[TrendPoint] = []
        if base is not None:
            points.append(TrendPoint(None, base.finish, False, None, 0))
        for t in history:
            s = t.tasks[i]
            before = points[-1].forecast if points else None
            points.append(TrendPoint(
                t.date, s.forecast.finish, s.state == "done",
                None if before is None else slip(s.forecast.finish, before),
                None if base is None else slip(s.forecast.finish, base.finish)))
        lines.append(TrendLine(task.id, task.is_milestone, task.deadline, tuple(points),
                               _drift(points, origin)))
    return Trend(plan, calendar, origin, baseline.saved, reports, tuple(lines),
                 history[-1].snapshot.illustrative if history else None)


def _drift(points: list[TrendPoint], origin: date) -> float | None:
    """Working days of slip per month, from the first row to the latest report, or to the
    first report that shows the task finished (it drifts no further); None over less than
    a month."""
    end = next((k for k, p in enumerate(points) if p.finished), len(points) - 1)
    first, last = points[0], points[end]
    if end == 0 or last.report is None:
        return None
    since = origin if first.report is None else first.report
    months = (last.report - since).days / DAYS_PER_MONTH
    if months < 1:  # a few days' slip as a monthly rate says more than is known
        return None
    return sum(p.slip_previous or 0 for p in points[1:end + 1]) / months  # last - first
