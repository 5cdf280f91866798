"""A baseline taken from a schedule: what `planner baseline` approves."""

from __future__ import annotations

from datetime import date

from planner.domain.baseline import Baseline, BaselineTask
from planner.engine.schedule import Schedule


def from_schedule(s: Schedule, saved: date | None = None) -> Baseline:
    tasks = {
        d.id: BaselineTask(d.start, d.finish, d.duration, s.plan.task(d.id).budget)
        for d in s.tasks
    }
    return Baseline(s.plan.id, tasks, saved)
