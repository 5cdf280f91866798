"""The `planner` command line: parse arguments, call the core, print."""

from __future__ import annotations

import shutil
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from planner import export
from planner.diagnostics import Diagnostic, PlanError, Severity
from planner.labels import label
from planner.load import load_plan
from planner.model import Plan
from planner.schedule import schedule as compute_schedule

app = typer.Typer(
    help="Plan-versus-actual scheduling for work plans kept as YAML.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    pretty_exceptions_enable=False,
)


class Lang(StrEnum):
    zh = "zh"
    en = "en"


class ScheduleFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


PlanArg = Annotated[
    Path,
    typer.Argument(help="Plan folder (or its plan.yaml).", show_default=False),
]
LangOpt = Annotated[
    Lang | None,
    typer.Option("--lang", help="Language of labels; default: the plan's `lang`."),
]


def _fail(diagnostics: tuple[Diagnostic, ...]) -> NoReturn:
    for d in diagnostics:
        typer.echo(d.render(), err=True)
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    typer.echo(f"{errors} error(s); nothing was changed.", err=True)
    raise typer.Exit(1)


def _load(path: Path) -> Plan:
    try:
        return load_plan(path)
    except PlanError as exc:
        _fail(exc.diagnostics)


def _warn(diagnostics: tuple[Diagnostic, ...]) -> None:
    for d in diagnostics:
        typer.echo(d.render(), err=True)


@app.command()
def validate(plan: PlanArg) -> None:
    """Check a plan and report every problem with file, line and column.

    Exit status: 0 when the plan is valid (warnings are printed), 1 when it has errors,
    2 on a usage error.
    """
    p = _load(plan)
    result = compute_schedule(p)
    _warn(result.diagnostics)
    typer.echo(label("valid", p.lang, tasks=len(p.tasks))
               + (f"; {label('warnings', p.lang, n=len(result.diagnostics))}"
                  if result.diagnostics else ""))


@app.command()
def schedule(
    plan: PlanArg,
    fmt: Annotated[ScheduleFormat, typer.Option(
        "--format", "-f", help="table for people; json or csv for scripts."),
    ] = ScheduleFormat.table,
    critical: Annotated[bool, typer.Option(
        "--critical", help="Show only critical tasks (total float <= 0).")] = False,
    lang: LangOpt = None,
) -> None:
    """Schedule the plan by the critical path method and print every task's dates.

    Dates are working days of the plan's calendar; float and margin are in working days
    (margin = deadline minus finish; negative means the deadline will be missed).
    """
    p = _load(plan)
    result = compute_schedule(p)
    _warn(result.diagnostics)
    if fmt is ScheduleFormat.json:
        typer.echo(export.schedule_json(result), nl=False)
    elif fmt is ScheduleFormat.csv:
        typer.echo(export.schedule_csv(result), nl=False)
    else:
        columns = max(shutil.get_terminal_size((100, 24)).columns, 80)
        text = export.schedule_table(result, (lang or Lang(p.lang)).value, critical, columns)
        typer.echo(text, nl=False)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        typer.echo("interrupted", err=True)
        sys.exit(130)
