"""`planner check` and `planner trend`: the schedule's health and its milestones' drift.
Registered on the command line by `planner.cli`."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
