"""`planner validate` and `planner check`: the plan's files, and the schedule's health."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from planner.cli.language import speech
from planner.cli.options import (
    TABULAR,
    AtOpt,
    F,
    LangOpt,
    OutputFormat,
    OutputOpt,
    PlanArg,
    columns_for,
    deliver,
    format_option,
    joined,
    lang_of,
    open_project,
    said,
    warn,
)
from planner.domain.diagnostics import PlanError

if TYPE_CHECKING:
    from planner.project import Project

commands = typer.Typer()


@commands.command(help="cli.validate")
def validate(
    plan: PlanArg,
    fmt: Annotated[OutputFormat, format_option(
        F.table, F.text, F.json, F.md, F.csv, help="cli.validate.format")] = F.table,
) -> None:
    """Check a plan folder: plan.yaml, its status snapshots and baseline.yaml."""
    from planner.i18n.labels import label
    from planner.project import Project, has_errors
    from planner.render.validate import validate_view

    project: Project | None = None
    said_in: str | None = None  # a plan that did not load: the language its header said
    try:  # opened once: its problems, then (when valid) what the "valid" line counts
        opened = Project.open(plan)
    except PlanError as exc:
        found, said_in = exc.diagnostics, exc.lang
    else:
        project, found = opened, opened.problems()
    errors = has_errors(found)
    people = fmt in (F.table, F.text)
    lang = project.plan.lang if project is not None else said_in or speech()
    if people:  # each problem a located line on standard error
        if errors:
            raise PlanError(found, lang=lang)
        warn(found, lang)
    valid = None
    if not errors and project is not None:
        files = 1 + len(project.snapshots) + (project.saved_baseline is not None)
        valid = label("valid", lang, tasks=len(project.plan.tasks), files=files)
    deliver(project, validate_view(found, valid, lang, listed=not people),
            F.table if people else fmt, None, "validate")
    if errors:
        raise typer.Exit(1)


FailOnOpt = Annotated[list[str] | None, typer.Option(
    "--fail-on", metavar="METRICS", show_default=False,
    help="cli.check.fail_on")]


@commands.command("check", help="cli.check")
def check_command(
    plan: PlanArg,
    at: AtOpt = None,
    fmt: Annotated[OutputFormat, format_option(*TABULAR, help="cli.check.format")] = F.table,
    output: OutputOpt = None,
    fail_on: FailOnOpt = None,
    lang: LangOpt = None,
) -> None:
    """The schedule's quality: the DCMA 14-point assessment, adapted."""
    from planner.analysis.check import METRICS, metric_numbers
    from planner.render.check import check_view

    try:
        chosen = metric_numbers(fail_on or ())
    except ValueError as exc:  # the library says it in English: ours in Chinese
        names = said("list_sep").join(m.replace("_", "-") for m in METRICS)
        raise typer.BadParameter(said("cli.check.unknown_metric", given=",".join(
            fail_on or ()), names=names) if speech() == "zh" else str(exc),
            param_hint="--fail-on") from None
    project = joined(open_project(plan), at)
    if project.snapshot(at) is not None:
        warn(project.snapshot_warnings)
    warn([d for d in project.schedule().diagnostics if d.code != "deadline"])  # metric 7
    result = project.check(at)
    deliver(project, check_view(result, lang_of(lang, project), columns_for(fmt)), fmt, output,
            f"{project.plan.id}-{result.data_date or 'plan'}-check")
    if any(result.metric(n).failed for n in chosen):
        raise typer.Exit(3)

