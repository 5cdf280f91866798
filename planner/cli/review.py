"""The commands that review a plan: schedule, status, diff, risk, trend, gantt and report.

Each makes one `Project` call, builds the view of its result and hands it, with the
format asked for, to `deliver`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from planner.cli.options import (
    TABULAR,
    AtOpt,
    BandOpt,
    DistributionOpt,
    F,
    IterationsOpt,
    LangOpt,
    LogicOpt,
    OutputFormat,
    OutputOpt,
    PlanArg,
    SeedOpt,
    band_of,
    columns_for,
    deliver,
    format_option,
    in_reports,
    lang_of,
    logic_of,
    open_project,
    output_folder,
    parse_day,
    reports_folder,
    say,
    warn,
)
from planner.domain.diagnostics import did_you_mean
from planner.domain.flags import FlagSeverity
from planner.support.safewrite import distinct, stream_of, write_all
from planner.support.sanitize import printable

commands = typer.Typer()


@commands.command()
def schedule(
    plan: PlanArg,
    fmt: Annotated[OutputFormat, format_option(
        *TABULAR, help="table for people; json or csv for scripts; md for a report; xlsx for "
        "Excel/WPS; html for a page (to reports/ unless -o).")] = F.table,
    critical: Annotated[bool, typer.Option(
        "--critical", help="Show only critical tasks (total float <= 0).")] = False,
    output: OutputOpt = None,
    lang: LangOpt = None,
) -> None:
    """Schedule the plan by the critical path method and print every task's dates.

    Dates are working days of the plan's calendar; float and margin are in working days
    (margin = deadline minus finish; negative means the deadline will be missed).
    """
    from planner.render.schedule import schedule_view

    project = open_project(plan)
    result = project.schedule()
    warn(result.diagnostics)
    doc = schedule_view(result, lang_of(lang, project), critical, columns_for(fmt), fmt.value)
    deliver(project, doc, fmt, output, f"{project.plan.id}-schedule")


class GroupBy(StrEnum):
    summary = "summary"
    owner = "owner"


@commands.command()
def status(
    plan: PlanArg,
    at: AtOpt = None,
    status_file: Annotated[Path | None, typer.Option(
        "--status", help="Use this snapshot file instead of the latest.",
        show_default=False)] = None,
    owner: Annotated[str | None, typer.Option(
        "--owner", help="Only tasks of this owner.", show_default=False)] = None,
    flag: Annotated[str | None, typer.Option(
        "--flag", help="Only tasks with this flag (e.g. slipping, missed-deadline).",
        show_default=False)] = None,
    by: Annotated[GroupBy, typer.Option("--by", help="Group rows by summary or owner.")
                  ] = GroupBy.summary,
    fmt: Annotated[OutputFormat, format_option(*TABULAR)] = F.table,
    output: OutputOpt = None,
    lang: LangOpt = None,
    fail_on: Annotated[FlagSeverity | None, typer.Option(
        "--fail-on", help="Exit 3 when a shown task has a flag of this severity or worse "
        "(or, reviewing the whole plan, when it passes its period).",
        show_default=False)] = None,
    logic: LogicOpt = None,
) -> None:
    """Review progress at a data date: what is late, by how much, and whose it is.

    Compares the forecast (actuals kept, remaining work rescheduled) with the baseline
    (baseline.yaml, or the plan's own schedule when none is saved).
    """
    from planner.domain.flags import FLAGS
    from planner.render.status import select, status_view

    if flag is not None and flag not in FLAGS:
        raise typer.BadParameter(f"unknown flag '{flag}'; choose from {', '.join(FLAGS)}",
                                 param_hint="--flag")
    project = open_project(plan)
    owners = sorted({t.owner for t in project.plan.tasks if t.owner})
    if owner is not None and owner not in owners:  # a typo must not pass a --fail-on check
        hint = did_you_mean(owner, owners) or "owners: " + ", ".join(owners[:10])
        raise typer.BadParameter(f"the plan has no owner '{printable(owner)}'; {hint}",
                                 param_hint="--owner")
    snapshot = project.read_snapshot(status_file) if status_file else None
    t = project.track(at, logic_of(logic), snapshot)
    warn(project.snapshot_warnings)
    warn([d for d in t.forecast.diagnostics if d.code != "deadline"])  # the flags say it
    rows = select(t, owner, flag)
    # an owner's review is about the owner: its own earned value, the plan's only as context
    value = t.value_of(select(t, owner)) if owner is not None else None
    doc = status_view(t, rows, lang_of(lang, project), by.value, columns_for(fmt), fmt.value,
                      owner, value)
    deliver(project, doc, fmt, output, f"{project.plan.id}-{t.date}-status")
    if fail_on is not None and project.fails(t, rows, fail_on.value,
                                             whole_plan=owner is None and flag is None):
        raise typer.Exit(3)


@commands.command("diff")
def diff_command(
    plan: PlanArg,
    since: Annotated[date, typer.Option(
        "--from", parser=parse_day, metavar="DATE", show_default=False,
        help="Earlier data date (the snapshot on or before it).")],
    until: Annotated[date | None, typer.Option(
        "--to", parser=parse_day, metavar="DATE", show_default=False,
        help="Later data date (default: the latest snapshot).")] = None,
    fmt: Annotated[OutputFormat, format_option(
        *TABULAR, help="table for people; md for a report; json for scripts; csv or xlsx: "
        "one row per change, its kind in the first column; html for a page.")] = F.table,
    output: OutputOpt = None,
    lang: LangOpt = None,
    logic: LogicOpt = None,
) -> None:
    """What changed between two snapshots: progress, new and cleared flags, and how
    each milestone's and deadline's forecast moved."""
    from planner.render.diff import diff_view

    if until is not None and since >= until:  # a usage error, as gantt's --from/--to
        raise typer.BadParameter(f"--from {since} is not before --to {until}",
                                 param_hint="--from/--to")
    project = open_project(plan)
    result = project.diff(since, until, logic_of(logic))
    warn(project.snapshot_warnings)
    deliver(project, diff_view(result, lang_of(lang, project)), fmt, output,
            f"{project.plan.id}-{result.after.date}-diff")


@contextmanager
def _simulating(total: int) -> Iterator[Callable[[int], None]]:
    """A progress bar on standard error while the Monte Carlo runs."""
    with typer.progressbar(length=total, label="simulating", file=sys.stderr) as bar:
        yield bar.update


@commands.command()
def risk(
    plan: PlanArg,
    at: AtOpt = None,
    iterations: IterationsOpt = None,
    seed: SeedOpt = None,
    distribution: DistributionOpt = None,
    band: BandOpt = None,
    fmt: Annotated[OutputFormat, format_option(*TABULAR)] = F.table,
    output: OutputOpt = None,
    lang: LangOpt = None,
    logic: LogicOpt = None,
) -> None:
    """How likely each deadline is to be met: Monte Carlo simulation from the data date.

    For each deadline, milestone and the project: the deterministic forecast, P50 and P80
    dates, the probability of meeting the deadline, and the tasks that drive the risk.
    """
    from planner.render.risk import risk_view

    project = open_project(plan)
    spread = band_of(band)
    total = iterations or project.plan.risk.iterations
    with _simulating(total) as progress:
        result = project.simulate(at, total, seed, distribution.value if distribution else None,
                                  logic_of(logic), progress=progress, band=spread)
    warn(project.snapshot_warnings)
    when = result.data_date or "plan"
    deliver(project, risk_view(result, lang_of(lang, project)), fmt, output,
            f"{project.plan.id}-{when}-risk")


@commands.command("trend")
def trend_command(
    plan: PlanArg,
    at: AtOpt = None,
    fmt: Annotated[OutputFormat, format_option(
        *TABULAR, help="table for people; json or csv for scripts; md for a report; "
        "xlsx for Excel/WPS; html for the trend chart.")] = F.table,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", show_default=False,
        help="Write to this file ('-' = standard output); html and xlsx go to "
        "reports/<plan>-<date>-trend.<format> by default.")] = None,
    lang: LangOpt = None,
) -> None:
    """Milestone trend: each milestone's forecast finish at every report.

    Every milestone and task with a deadline: the baseline first, then the
    forecast at each snapshot (up to --at), the slip since the previous
    report and since the baseline (working days) and the average drift
    per month. --format html draws the classic milestone trend chart.
    """
    from planner.render.trend import trend_view

    project = open_project(plan)
    result = project.trend(at)
    if result.reports:
        warn(project.snapshot_warnings)
    when = result.reports[-1] if result.reports else "plan"
    deliver(project, trend_view(result, lang_of(lang, project), columns_for(fmt)), fmt, output,
            f"{project.plan.id}-{when}-trend")


class LinksShown(StrEnum):
    auto = "auto"
    all = "all"
    driving = "driving"
    none = "none"


class ColorBy(StrEnum):
    owner = "owner"
    status = "status"


@commands.command()
def gantt(
    plan: PlanArg,
    at: AtOpt = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="HTML file to write (default: reports/<plan>-<date>.html).",
        show_default=False)] = None,
    color: Annotated[ColorBy, typer.Option("--color", help="Colour bars by owner or status.")
                     ] = ColorBy.owner,
    png: Annotated[Path | None, typer.Option(
        "--png", help="Also export a PNG image (needs kaleido and a Chromium).",
        show_default=False)] = None,
    pdf: Annotated[Path | None, typer.Option(
        "--pdf", help="Also export a PDF (needs kaleido and a Chromium).", show_default=False)
    ] = None,
    plan_only: Annotated[bool, typer.Option(
        "--plan-only", help="Draw the plan alone, ignoring status snapshots.")] = False,
    links: Annotated[LinksShown, typer.Option(
        "--links", help="Dependency arrows: all, driving (no slack), none; auto = all up "
        "to 500 tasks, driving beyond.")] = LinksShown.auto,
    since: Annotated[date | None, typer.Option(
        "--from", parser=parse_day, metavar="DATE", show_default=False,
        help="First day the chart shows (default: the plan's start, or the data date when "
        "earlier, if the plan states its period with `finish:`; else the whole schedule).")
    ] = None,
    until: Annotated[date | None, typer.Option(
        "--to", parser=parse_day, metavar="DATE", show_default=False,
        help="Last day the chart shows (default: the plan's `finish:`, or the data date "
        "when later; else the whole schedule). Bars beyond the window are cut and marked.")
    ] = None,
    lang: LangOpt = None,
    logic: LogicOpt = None,
) -> None:
    """Write the Gantt chart as one self-contained HTML file that opens offline.

    With a status snapshot: baseline, actual and forecast bars, slip, flags and an S-curve;
    without one, the plan alone.
    """
    from planner.render.gantt import chart_window, figure, gantt_html
    from planner.render.image import image_bytes

    if since is not None and until is not None and since > until:
        raise typer.BadParameter(f"--from {since} is after --to {until}",
                                 param_hint="--from/--to")
    project = open_project(plan)
    language = lang_of(lang, project)
    view = project.review(at, logic_of(logic), plan_only)
    t = view.tracking
    warn(project.snapshot_warnings if t else ())
    warn([d for d in view.schedule.diagnostics if d.code != "deadline" or t is None])
    try:
        window = chart_window(view.schedule, t, (since, until))
    except ValueError as exc:  # one side given, beyond the other's default
        raise typer.BadParameter(str(exc), param_hint="--from/--to") from None
    html = output or in_reports(f"{project.plan.id}-{t.date if t else 'plan'}.html")
    distinct([html, *(p for p in (png, pdf) if p is not None)])  # before any rendering
    page = gantt_html(view.schedule, t, view.history, language, color.value, links.value,
                      window=window, trend=view.trend)
    files: dict[Path, str | bytes] = {html: page}
    if png is not None or pdf is not None:  # one figure for both images
        fig = figure(view.schedule, t, language, color.value, links.value, window=window)
        for target, kind in ((png, "png"), (pdf, "pdf")):
            if target is not None:  # rendered before anything is written
                files[target] = image_bytes(fig, kind)
    write_all(files, project.inputs)
    for (path, data), what in zip(files.items(), ("Gantt chart", *(k.upper() for k, on in (
            ("png", png), ("pdf", pdf)) if on)), strict=True):
        size = f"{len(data.encode() if isinstance(data, str) else data) / 2**20:.1f} MB"
        say(f"{path}: {what} written ({len(project.plan.tasks)} tasks, {size})",
            err=stream_of(path) is not None)  # never into the page it wrote


@commands.command("report")
def report_command(
    plan: PlanArg,
    at: AtOpt = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Folder to write into (default: reports/).",
        show_default=False)] = None,
    iterations: IterationsOpt = None,
    seed: SeedOpt = None,
    distribution: DistributionOpt = None,
    band: BandOpt = None,
    lang: LangOpt = None,
    logic: LogicOpt = None,
) -> None:
    """Write the meeting pack: an HTML report, the same in Markdown, and every figure as JSON.

    The HTML opens offline; it holds the narrative, the deadline-risk table, a
    completion-probability curve per deadline, a tornado chart of drivers, the review table
    and the Gantt chart. The three files are written together or not at all.
    """
    from planner.render.report import report_view
    from planner.render.writers import write

    folder = output_folder(output) if output else reports_folder()  # before the long simulation
    project = open_project(plan)
    t = project.track(at, logic_of(logic))
    warn(project.snapshot_warnings)
    spread = band_of(band)
    total = iterations or project.plan.risk.iterations
    with _simulating(total) as progress:
        pack = project.pack(t.date, total, seed, distribution.value if distribution else None,
                            logic_of(logic), progress=progress, band=spread)
    doc = report_view(pack.tracking, pack.risk, lang_of(lang, project), trend=pack.trend,
                      check=pack.check)
    stem = f"{project.plan.id}-{t.date}-report"
    files: dict[Path, str | bytes] = {folder / f"{stem}.{fmt}": write(doc, fmt)
                                      for fmt in ("html", "md", "json")}
    write_all(files, project.inputs)
    for path in files:
        say(f"{path}: written")
