"""planner: plan-versus-actual scheduling on working-day calendars.

Open a plan folder with `Project.open(path)`; everything else is a method of it or a
result type it returns. Names are imported on first use, so `import planner` stays quick.
(The scheduling function is `planner.schedule.schedule`: `planner.schedule` is its module.)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

_HOMES = {
    "Project": "planner.project", "Review": "planner.project",
    "BaselineUpdate": "planner.project",
    "Plan": "planner.model", "Task": "planner.model", "Link": "planner.model",
    "LinkType": "planner.model", "Calendar": "planner.calendar",
    "Schedule": "planner.schedule", "TaskDates": "planner.schedule",
    "load_plan": "planner.load",
    "Snapshot": "planner.status", "Progress": "planner.status",
    "Baseline": "planner.baseline", "BaselineTask": "planner.baseline",
    "Tracking": "planner.tracking", "TaskStatus": "planner.tracking",
    "Flag": "planner.tracking", "EarnedValue": "planner.tracking",
    "Risk": "planner.risk", "Target": "planner.risk", "Driver": "planner.risk",
    "Diff": "planner.diff",
    "Diagnostic": "planner.diagnostics", "Location": "planner.diagnostics",
    "PlanError": "planner.diagnostics", "Severity": "planner.diagnostics",
    "OutputError": "planner.safewrite",
}

__all__ = [
    "Baseline",
    "BaselineTask",
    "BaselineUpdate",
    "Calendar",
    "Diagnostic",
    "Diff",
    "Driver",
    "EarnedValue",
    "Flag",
    "Link",
    "LinkType",
    "Location",
    "OutputError",
    "Plan",
    "PlanError",
    "Progress",
    "Project",
    "Review",
    "Risk",
    "Schedule",
    "Severity",
    "Snapshot",
    "Target",
    "Task",
    "TaskDates",
    "TaskStatus",
    "Tracking",
    "__version__",
    "load_plan",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'planner' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))


if TYPE_CHECKING:
    from planner.baseline import Baseline, BaselineTask
    from planner.calendar import Calendar
    from planner.diagnostics import Diagnostic, Location, PlanError, Severity
    from planner.diff import Diff
    from planner.load import load_plan
    from planner.model import Link, LinkType, Plan, Task
    from planner.project import BaselineUpdate, Project, Review
    from planner.risk import Driver, Risk, Target
    from planner.safewrite import OutputError
    from planner.schedule import Schedule, TaskDates
    from planner.status import Progress, Snapshot
    from planner.tracking import EarnedValue, Flag, TaskStatus, Tracking
