"""What changed between two snapshots: progress, flags, and where forecasts moved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from planner.analysis.tracking import TaskStatus, Tracking


@dataclass(frozen=True, slots=True)
class Progressed:
    id: str
    state_before: str
    state_after: str
    percent_before: float | None
    percent_after: float | None


@dataclass(frozen=True, slots=True)
class FlagChange:
    id: str
    flag: str
    severity: str
    change: str  # new | cleared


@dataclass(frozen=True, slots=True)
class Moved:
    """A milestone's or deadline task's forecast finish, before and after."""

    id: str
    deadline: date | None
    before: date
    after: date
    days: int  # working days; positive = later


@dataclass(frozen=True)
class Diff:
    before: Tracking
    after: Tracking
    progressed: tuple[Progressed, ...]
    flags: tuple[FlagChange, ...]
    moved: tuple[Moved, ...]


def diff(before: Tracking, after: Tracking) -> Diff:
    """Compare two trackings of the same plan (``before`` has the earlier data date)."""
    plan, cal = after.plan, after.forecast.calendar
    progressed, flags, moved = [], [], []
    for a, b, task in zip(before.tasks, after.tasks, plan.tasks, strict=True):
        if not task.is_summary and _moved_on(a, b):
            progressed.append(Progressed(task.id, a.state, b.state, a.actual_percent,
                                         b.actual_percent))
        old = {f.name: f for f in a.flags}
        new = {f.name: f for f in b.flags}
        flags += [FlagChange(task.id, n, f.severity, "new") for n, f in new.items()
                  if n not in old]
        flags += [FlagChange(task.id, n, f.severity, "cleared") for n, f in old.items()
                  if n not in new]
        if task.is_watched:
            shift = cal.on_or_before(b.forecast.finish) - cal.on_or_before(a.forecast.finish)
            moved.append(Moved(task.id, b.deadline, a.forecast.finish, b.forecast.finish,
                               shift))
    return Diff(before, after, tuple(progressed), tuple(flags), tuple(moved))


def _moved_on(a: TaskStatus, b: TaskStatus) -> bool:
    return a.state != b.state or (a.actual_percent or 0) != (b.actual_percent or 0)
