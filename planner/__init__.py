"""planner: plan-versus-actual scheduling on working-day calendars.

Open a plan folder with `Project.open(path)`, many plans reviewed as one with
`Portfolio.open(path)`; everything else is a method of them or a result type they return,
except the exchange with other programs: `import_plan(file, folder)` and
`export_plan(project, format)`. Names are imported on first use, so `import planner`
stays quick.
(The scheduling function is `planner.engine.schedule.schedule`.)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

_HOMES = {
    "Project": "planner.project", "Review": "planner.project",
    "BaselineUpdate": "planner.project", "Pack": "planner.project",
    "Plan": "planner.domain.model", "Task": "planner.domain.model", "Link": "planner.domain.model",
    "LinkType": "planner.domain.model", "Calendar": "planner.domain.calendar",
    "Schedule": "planner.engine.schedule", "TaskDates": "planner.engine.schedule",
    "load_plan": "planner.planfiles.plan",
    "Snapshot": "planner.domain.progress", "Progress": "planner.domain.progress",
    "Baseline": "planner.domain.baseline", "BaselineTask": "planner.domain.baseline",
    "Tracking": "planner.analysis.tracking", "TaskStatus": "planner.analysis.tracking",
    "Flag": "planner.domain.flags", "EarnedValue": "planner.analysis.tracking",
    "Risk": "planner.analysis.risk", "Target": "planner.analysis.risk",
    "Driver": "planner.analysis.risk",
    "Diff": "planner.analysis.diff",
    "Diagnostic": "planner.domain.diagnostics", "Location": "planner.domain.diagnostics",
    "PlanError": "planner.domain.diagnostics", "Severity": "planner.domain.diagnostics",
    "OutputError": "planner.support.safewrite",
    "ArgumentError": "planner.domain.diagnostics", "UnknownId": "planner.domain.diagnostics",
    "import_plan": "planner.exchange.plans", "export_plan": "planner.exchange.plans",
    "read_plan": "planner.exchange.plans", "PlanImport": "planner.exchange.plans",
    "Portfolio": "planner.portfolio", "Rollup": "planner.analysis.portfolio",
    "JointRisk": "planner.analysis.portfolio",
}

__all__ = [
    "ArgumentError",
    "Baseline",
    "BaselineTask",
    "BaselineUpdate",
    "Calendar",
    "Diagnostic",
    "Diff",
    "Driver",
    "EarnedValue",
    "Flag",
    "JointRisk",
    "Link",
    "LinkType",
    "Location",
    "OutputError",
    "Pack",
    "Plan",
    "PlanError",
    "PlanImport",
    "Portfolio",
    "Progress",
    "Project",
    "Review",
    "Risk",
    "Rollup",
    "Schedule",
    "Severity",
    "Snapshot",
    "Target",
    "Task",
    "TaskDates",
    "TaskStatus",
    "Tracking",
    "UnknownId",
    "__version__",
    "export_plan",
    "import_plan",
    "load_plan",
    "read_plan",
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
    from planner.analysis.diff import Diff
    from planner.analysis.portfolio import JointRisk, Rollup
    from planner.analysis.risk import Driver, Risk, Target
    from planner.analysis.tracking import EarnedValue, TaskStatus, Tracking
    from planner.domain.baseline import Baseline, BaselineTask
    from planner.domain.calendar import Calendar
    from planner.domain.diagnostics import (
        ArgumentError,
        Diagnostic,
        Location,
        PlanError,
        Severity,
        UnknownId,
    )
    from planner.domain.flags import Flag
    from planner.domain.model import Link, LinkType, Plan, Task
    from planner.domain.progress import Progress, Snapshot
    from planner.engine.schedule import Schedule, TaskDates
    from planner.exchange.plans import PlanImport, export_plan, import_plan, read_plan
    from planner.planfiles.plan import load_plan
    from planner.portfolio import Portfolio
    from planner.project import BaselineUpdate, Pack, Project, Review
    from planner.support.safewrite import OutputError
