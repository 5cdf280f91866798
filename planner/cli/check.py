"""`planner check` and `planner trend`: the schedule's health and its milestones' drift.
Registered on the command line by `planner.cli.main`.

No ``from __future__ import annotations`` here: the commands are defined inside
``register`` with option types imported there, and typer reads the annotations when the
function is defined, so they must be objects, not strings to resolve later.
"""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class CheckFormat(StrEnum):
    table = "table"
    json = "json"
    md = "md"


class TrendFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    html = "html"


FailOnOpt = Annotated[list[str] | None, typer.Option(
    "--fail-on", metavar="METRICS", show_default=False,
    help="Exit 3 when one of these metrics fails: 'any', or numbers and names, comma-"
    "separated or repeated (e.g. 1,7,cpli or --fail-on logic --fail-on negative-float). "
    "A metric that does not apply never fails.")]


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    from planner.cli.main import (
        AtOpt,
        LangOpt,
        OutputOpt,
        PlanArg,
        _columns,
        _default,
        _emit,
        _lang,
        _open,
        _warn,
    )

    @app.command("check")
    def check_command(
        plan: PlanArg,
        at: AtOpt = None,
        fmt: Annotated[CheckFormat, typer.Option(
            "--format", "-f", help="table for people; md for a report; json for scripts.")
        ] = CheckFormat.table,
        output: OutputOpt = None,
        fail_on: FailOnOpt = None,
        lang: LangOpt = None,
    ) -> None:
        """Check the schedule's quality: the DCMA 14-point assessment, adapted.

        Logic, leads, lags, relationship types, hard constraints, high and
        negative float, high duration, invalid dates, resources (owners),
        missed tasks, the critical path test, CPLI and BEI: each with its
        value, threshold (plan header `check:`), pass or fail and the tasks
        concerned. The data date is the latest snapshot (or the one --at
        picks); without one, metrics 9, 11 and 14 do not apply.
        """
        from planner.analysis.check import metric_numbers
        from planner.render import check as render

        try:
            chosen = metric_numbers(fail_on or ())
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--fail-on") from None
        project = _open(plan)
        if project.snapshot(at) is not None:
            _warn(project.snapshot_warnings)
        _warn([d for d in project.schedule().diagnostics if d.code != "deadline"])  # metric 7
        result = project.check(at)
        language = _lang(lang, project)
        if fmt is CheckFormat.json:
            _emit(project, render.check_json(result, language), output, True)
        elif fmt is CheckFormat.md:
            _emit(project, render.check_markdown(result, language), output, True)
        else:
            _emit(project, render.check_table(result, language, _columns()), output, False)
        if any(result.metric(n).failed for n in chosen):
            raise typer.Exit(3)

    @app.command("trend")
    def trend_command(
        plan: PlanArg,
        at: AtOpt = None,
        fmt: Annotated[TrendFormat, typer.Option(
            "--format", "-f", help="table for people; json or csv for scripts; html for "
            "the trend chart.")] = TrendFormat.table,
        output: Annotated[Path | None, typer.Option(
            "--output", "-o", show_default=False,
            help="Write to this file ('-' = standard output); html goes to "
            "reports/<plan>-<date>-trend.html by default.")] = None,
        lang: LangOpt = None,
    ) -> None:
        """Milestone trend: each milestone's forecast finish at every report.

        Every milestone and task with a deadline: the baseline first, then the
        forecast at each snapshot (up to --at), the slip since the previous
        report and since the baseline (working days) and the average drift
        per month. --format html draws the classic milestone trend chart.
        """
        from planner.render import trend as render

        project = _open(plan)
        result = project.trend(at)
        if result.reports:
            _warn(project.snapshot_warnings)
        language = _lang(lang, project)
        if fmt is TrendFormat.json:
            _emit(project, render.trend_json(result), output, True)
        elif fmt is TrendFormat.csv:
            _emit(project, render.trend_csv(result), output, True)
        elif fmt is TrendFormat.html:
            when = result.reports[-1] if result.reports else "plan"
            target = output or _default(f"{project.plan.id}-{when}-trend.html")
            _emit(project, render.trend_html(result, language), target, True)
        else:
            _emit(project, render.trend_table(result, language, _columns()), output, False)
