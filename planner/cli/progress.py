"""The commands that record a plan's progress: baseline, update, forms and collect."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from planner.cli.options import (
    F,
    LangOpt,
    OutputFormat,
    PlanArg,
    deliver,
    format_option,
    open_project,
    output_folder,
    parse_day,
    reports_folder,
    said,
    say,
    warn,
)
from planner.domain.diagnostics import Diagnostic, PlanError
from planner.domain.values import number_text
from planner.support.safewrite import write_all
from planner.support.sanitize import visible_breaks

commands = typer.Typer()


@commands.command(help="cli.baseline")
def baseline(
    plan: PlanArg,
    force: Annotated[bool, typer.Option(
        "--force", help="cli.baseline.force")] = False,
    saved: Annotated[date | None, typer.Option(
        "--date", parser=parse_day, metavar="DATE", show_default=False,
        help="cli.baseline.date")] = None,
    fmt: Annotated[OutputFormat, format_option(
        F.table, F.json, F.md, F.csv, help="cli.baseline.format")] = F.table,
) -> None:
    """Save the plan's current schedule as the approved baseline (baseline.yaml)."""
    from planner.render.baseline import baseline_view

    project = open_project(plan)
    update = project.save_baseline(force, saved)
    people = fmt is F.table
    if update.problems:
        warn(update.problems)
        say(said("cli.baseline.unreadable", path=update.path), err=not people)
    if update.changes or not people:
        deliver(project, baseline_view(project.plan, update, project.plan.lang, people),
                fmt, None, f"{project.plan.id}-baseline")
    if update.written:
        say(said("cli.baseline.saved", path=update.path, tasks=len(update.baseline.tasks),
                 date=update.baseline.saved), err=not people)
    elif not update.changes:
        say(said("cli.baseline.unchanged", path=update.path, tasks=len(update.baseline.tasks)),
            err=not people)
    else:
        say(said("cli.error", message=said("cli.baseline.exists", path=update.path,
                                           changes=len(update.changes))), err=True)
        raise typer.Exit(1)


@commands.command(help="cli.update")
def update(
    plan: PlanArg,
    task: Annotated[str, typer.Argument(help="cli.update.task", show_default=False)],
    at: Annotated[date | None, typer.Option(
        "--at", parser=parse_day, metavar="DATE", show_default=False,
        help="cli.update.at")] = None,
    percent: Annotated[float | None, typer.Option(
        "--percent", help="cli.update.percent", show_default=False)] = None,
    done: Annotated[float | None, typer.Option(
        "--done", help="cli.update.done", show_default=False)] = None,
    remaining: Annotated[int | None, typer.Option(
        "--remaining", help="cli.update.remaining", show_default=False)] = None,
    started: Annotated[date | None, typer.Option(
        "--started", parser=parse_day, metavar="DATE", show_default=False,
        help="cli.update.started")] = None,
    finished: Annotated[date | None, typer.Option(
        "--finished", parser=parse_day, metavar="DATE", show_default=False,
        help="cli.update.finished")] = None,
    spent: Annotated[float | None, typer.Option(
        "--spent", help="cli.update.spent", show_default=False)] = None,
    note: Annotated[str | None, typer.Option(
        "--note", help="cli.update.note", show_default=False)] = None,
    correct: Annotated[bool, typer.Option(
        "--correct", help="cli.update.correct")
    ] = False,
) -> None:
    """Record one task's progress in status/DATE.yaml, keeping its comments and layout."""
    measures = [k for k, v in (("--percent", percent), ("--done", done),
                               ("--remaining", remaining)) if v is not None]
    if len(measures) > 1:
        raise typer.BadParameter(said("cli.update.one_measure",
                                      given=said("cli.and").join(measures)))
    fields = {k: v for k, v in (("started", started), ("finished", finished),
                                ("percent", percent), ("done", done),
                                ("remaining", remaining), ("spent", spent), ("note", note),
                                ("correct", True if correct else None)) if v is not None}
    if not fields:
        raise typer.BadParameter(said("cli.update.nothing"))
    project = open_project(plan)
    day = at or date.today()
    try:
        result = project.record(day, {task: fields})
    except PlanError as exc:
        raise PlanError([_as_options(d, fields) for d in exc.diagnostics]) from None
    warn(result.warnings)  # a data date far ahead of today among them
    before = result.before.of(task) if result.before else None
    after = result.after.of(task)
    what = said("cli.update.created" if result.created else "cli.update.updated"
                if result.written else "cli.update.unchanged")
    changes = said("clause_sep").join(
        said("cli.change", field=_field(k), old=_shown(getattr(before, k, None)),
             new=_shown(getattr(after, k))) for k in fields if k != "correct")
    say(said("cli.update.result", path=result.path, task=task, what=what, changes=changes))


def _as_options(d: Diagnostic, fields: Collection[str]) -> Diagnostic:
    """A finding in the entry `update` was about to write, said in the options the user
    typed, and, when that snapshot does not exist yet, said to be the one not written."""
    message, hint = d.message, d.hint
    for key in fields:
        hint = hint.replace(f"'{key}'", f"'{key}' (--{key})")
    if d.location.file and not Path(d.location.file).exists():
        message += " (in the entry update would have written: the task's latest report " \
            "with your options)"
    return replace(d, message=message, hint=hint)


def _field(key: str) -> str:
    """A report's field as the run's language names it (percent: 完成百分比)."""
    from planner.i18n.labels import has_label

    return said(f"cli.field.{key}") if has_label(f"cli.field.{key}") else key


def _shown(value: object) -> str:
    """A recorded value as the file shows it (1750, not 1750.0; — for none)."""
    if value is None:
        return "—"
    # a note on one line: a line break in it could forge a line of this output
    return number_text(value) if isinstance(value, float) else visible_breaks(str(value))


@commands.command(help="cli.forms")
def forms(
    plan: PlanArg,
    at: Annotated[date | None, typer.Option(
        "--at", parser=parse_day, metavar="DATE", show_default=False,
        help="cli.forms.at")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", show_default=False,
        help="cli.forms.output")] = None,
    owner: Annotated[list[str] | None, typer.Option(
        "--owner", metavar="OWNER", show_default=False, help="cli.forms.owner")
    ] = None,
    lang: LangOpt = None,
) -> None:
    """One Excel/WPS progress form per owner, to send out before the meeting."""
    from planner.exchange.forms_write import write_forms

    project = open_project(plan)
    day = at or date.today()
    made = write_forms(project, day, owner, lang.value if lang else None)
    folder = output_folder(output or reports_folder() / f"{project.plan.id}-{day}-forms")
    files: dict[Path, str | bytes] = {folder / name: data for name, data in made.items()}
    write_all(files, project.inputs)
    for path in files:
        say(said("cli.written", path=path))
    say(said("cli.forms.count", count=len(files), date=day), err=True)


@commands.command(help="cli.collect")
def collect(
    plan: PlanArg,
    files: Annotated[list[Path], typer.Argument(
        help="cli.collect.files", show_default=False)],
    at: Annotated[date | None, typer.Option(
        "--at", parser=parse_day, metavar="DATE", show_default=False,
        help="cli.collect.at")] = None,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="cli.collect.dry_run")] = False,
    force: Annotated[bool, typer.Option(
        "--force", help="cli.collect.force")] = False,
) -> None:
    """Read filled progress forms and record what changed in status/DATE.yaml."""
    from planner.exchange.forms_read import read_forms

    project = open_project(plan)
    got = read_forms(project, files, at)
    warn(got.warnings)  # a later report kept, a report inserted before a later snapshot
    for task, key, old, new in got.changes:
        say(said("cli.collect.change", task=task, field=_field(key), old=_shown(old),
                 new=_shown(new)))
    if not got.entries:
        say(said("cli.collect.none", date=got.day, count=len(got.files)), err=True)
        return
    for task in got.confirmed:
        say(said("cli.collect.confirmed", task=task))
    result = project.record(got.day, got.entries, "edit" if force else "refuse", dry_run)
    warn(result.warnings)
    counted = said("cli.collect.counted", changed=len(got.entries) - len(got.confirmed),
                   unchanged=len(got.confirmed), files=len(got.files))
    if dry_run:
        say(said("cli.collect.dry", path=result.path, counted=counted), err=True)
    else:
        say(said("cli.collect.done", path=result.path, counted=counted, what=said(
            "cli.update.created" if result.created else "cli.update.updated")), err=True)
