"""What every importer returns: a converted plan folder, checked by our own loaders."""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from planner.domain.diagnostics import Diagnostic, Location
from planner.domain.model import Plan


@dataclass(frozen=True)
class TableFacts:
    """What a plan table holds besides its plan: which of the plan's fields it carries (a
    merge into an existing plan keeps the others) and where each task's row is."""

    columns: frozenset[str]  # the task columns it has (planner.exchange.table_read.COLUMNS)
    info: frozenset[str] | None  # the plan-info items it has a row for; None: no such sheet
    info_cells: Mapping[str, Location]  # plan-info item -> its value cell
    rows: Mapping[str, Location]  # task id -> the cell of its id
    notes: Mapping[str, tuple[str, ...]]  # task id -> its notes, as comment lines


@dataclass(frozen=True)
class Imported:
    """A converted plan folder: its files' texts, and what could not be carried over."""

    plan: Plan
    files: Mapping[str, str]  # relative path -> text: plan.yaml, status/DATE.yaml, baseline.yaml
    warnings: tuple[Diagnostic, ...]
    status_date: date | None = None
    baseline_tasks: int = 0
    table: TableFacts | None = None  # a plan table's (planner.exchange.table_read)
    uids: Mapping[str, int] = field(default_factory=dict)  # task id -> its UID in an MSPDI file


# -- checking what a converter wrote -------------------------------------------------------------


@dataclass(frozen=True)
class Checked:
    """A converted plan folder read back by the loaders."""

    plan: Plan


def check_folder(files: Mapping[str, str], display: Path | None = None) -> Checked:
    """Load ``files`` (relative path -> text: plan.yaml, status/…, baseline.yaml) with the
    tool's own loaders, in a scratch folder; raises PlanError with what they find, located
    in ``display`` (the folder the files are meant for)."""
    from dataclasses import replace

    from planner.domain.diagnostics import PlanError
    from planner.project import Project

    with tempfile.TemporaryDirectory(prefix="planner-import-") as tmp:
        root = Path(tmp)
        for name, text in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        try:
            project = Project.open(root)
            _ = project.snapshots
            _ = project.saved_baseline
        except PlanError as exc:
            shown = str(display) if display is not None else "."
            raise PlanError([replace(d, location=replace(
                d.location, file=d.location.file.replace(str(root), shown, 1)))
                for d in exc.diagnostics]) from None
        return Checked(project.plan)
