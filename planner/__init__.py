"""planner: plan-versus-actual scheduling on working-day calendars."""

from planner.calendar import Calendar
from planner.diagnostics import Diagnostic, Location, PlanError
from planner.load import load_plan
from planner.model import Link, LinkType, Plan, Task
from planner.schedule import Schedule, schedule

__version__ = "0.1.0"

__all__ = [
    "Calendar", "Diagnostic", "Link", "LinkType", "Location", "Plan", "PlanError", "Schedule",
    "Task", "load_plan", "schedule",
]
