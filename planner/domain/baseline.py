"""The approved baseline: planned dates and budgets as they were signed off."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from planner.domain.diagnostics import Diagnostic

FILE = "baseline.yaml"
TASK_KEYS = ("start", "finish", "duration", "budget")


@dataclass(frozen=True, slots=True)
class BaselineTask:
    start: date
    finish: date
    duration: int
    budget: float | None = None


@dataclass(frozen=True)
class Baseline:
    """Planned start, finish, duration and budget per task id."""

    plan: str
    tasks: Mapping[str, BaselineTask]
    saved: date | None = None  # None: the plan's own no-progress schedule
    path: Path | None = None
    warnings: tuple[Diagnostic, ...] = field(default=(), compare=False)
    # approved tasks the plan no longer has: not tracked, but re-approving removes them
    retired: Mapping[str, BaselineTask] = field(default_factory=dict, compare=False)

    def of(self, task_id: str) -> BaselineTask | None:
        return self.tasks.get(task_id)


@dataclass(frozen=True, slots=True)
class Change:
    """One task that re-approving the baseline would add, change or remove."""

    task: str
    kind: str  # added | changed | removed
    old: BaselineTask | None
    new: BaselineTask | None

    @property
    def fields(self) -> tuple[str, ...]:
        """The fields that differ (for a changed task)."""
        if self.old is None or self.new is None:
            return ()
        return tuple(k for k in TASK_KEYS if getattr(self.old, k) != getattr(self.new, k))


def changes(old: Baseline, new: Baseline) -> list[Change]:
    """What re-approving would change, task by task in plan order."""
    out = []
    for task_id, n in new.tasks.items():
        o = old.of(task_id)
        if o is None:
            out.append(Change(task_id, "added", None, n))
        elif o != n:
            out.append(Change(task_id, "changed", o, n))
    out += [Change(task_id, "removed", t, None)
            for task_id, t in {**old.tasks, **old.retired}.items() if task_id not in new.tasks]
    return out


