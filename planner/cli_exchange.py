"""`planner export` and `planner import`: plans to and from MS Project XML, spreadsheets
and calendars. Registered on the command line by `planner.cli`."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
