"""The commands that review a plan: schedule, status, diff, risk, trend, gantt and report.

Each makes one `Project` call, builds the view of its result and hands it, with the
format asked for, to `deliver`.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from planner.cli.language import speech
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
    joined,
    lang_of,
    logic_of,
    open_project,
    output_folder,
    parse_day,
    reports_folder,
    said,
    say,
    warn,
)
from planner.domain.flags import FlagSeverity
from planner.support.safewrite import distinct, stream_of, write_all
from planner.support.sanitize import printable

commands = typer.Typer()


@commands.command(help="cli.schedule")
def schedule(
    plan: PlanArg,
    fmt: Annotated[OutputFormat, format_option(*TABULAR, help="cli.opt.format.review")
                   ] = F.table,
    critical: Annotated[bool, typer.Option("--critical", help="cli.schedule.critical")
                        ] = False,
    output: OutputOpt = None,
    lang: LangOpt = None,
) -> None:
    """The plan's schedule by the critical path method, every task's dates."""
    from planner.render.schedule import schedule_view

    project = joined(open_project(plan), planned=True)
    result = project.schedule()
    warn(result.diagnostics)
    doc = schedule_view(result, lang_of(lang, project), critical, columns_for(fmt), fmt.value)
    deliver(project, doc, fmt, output, f"{project.plan.id}-schedule")


class GroupBy(StrEnum):
    summary = "summary"
    owner = "owner"


@commands.command(help="cli.status")
def status(
    plan: PlanArg,
    at: AtOpt = None,
    status_file: Annotated[Path | None, typer.Option(
        "--status", help="cli.status.status", show_default=False)] = None,
    owner: Annotated[str | None, typer.Option(
        "--owner", metavar="OWNER", help="cli.status.owner", show_default=False)] = None,
    flag: Annotated[str | None, typer.Option(
        "--flag", metavar="FLAG", help="cli.status.flag", show_default=False)] = None,
    by: Annotated[GroupBy, typer.Option("--by", help="cli.status.by")] = GroupBy.summary,
    fmt: Annotated[OutputFormat, format_option(*TABULAR)] = F.table,
    output: OutputOpt = None,
    lang: LangOpt = None,
    fail_on: Annotated[FlagSeverity | None, typer.Option(
        "--fail-on", help="cli.status.fail_on", show_default=False)] = None,
    logic: LogicOpt = None,
) -> None:
    """Progress at a data date: what is late, by how much, and whose it is."""
    from planner.render.status import select, status_view

    flag = _flag_named(flag)
    project = open_project(plan)
    owners = sorted({t.owner for t in project.plan.tasks if t.owner})
    if owner is not None and owner not in owners:  # a typo must not pass a --fail-on check
        close = difflib.get_close_matches(owner, owners, n=1, cutoff=0.6)
        hint = said("cli.owner.did_you_mean", owner=close[0]) if close else \
            said("cli.owner.list", owners=said("list_sep").join(owners[:10]))
        raise typer.BadParameter(said("cli.owner.unknown", owner=printable(owner), hint=hint),
                                 param_hint="--owner")
    snapshot = project.read_snapshot(status_file) if status_file else None
    # (the review's own lines say which tasks other plans hold, and till when)
    project = joined(project, snapshot.date if snapshot else at, logic_of(logic), notes=False)
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


def _flag_named(flag: str | None) -> str | None:
    """The flag ``--flag`` names, by its name or by its label in either language (拖期)."""
    from planner.domain.flags import FLAGS
    from planner.i18n.labels import label

    if flag is None or flag in FLAGS:
        return flag
    named = {label(f"flag.{f}", lang): f for f in FLAGS for lang in ("zh", "en")}
    if flag.strip() in named:
        return named[flag.strip()]
    shown = [label(f"flag.{f}", speech()) for f in FLAGS]
    choices = said("list_sep").join(shown if speech() == "zh" else FLAGS)
    raise typer.BadParameter(said("cli.flag.unknown", flag=printable(flag), choices=choices),
                             param_hint="--flag")


@commands.command("diff", help="cli.diff")
def diff_command(
    plan: PlanArg,
    since: Annotated[date, typer.Option(
        "--from", parser=parse_day, metavar="DATE", show_default=False,
        help="cli.diff.from")],
    until: Annotated[date | None, typer.Option(
        "--to", parser=parse_day, metavar="DATE", show_default=False,
        help="cli.diff.to")] = None,
    fmt: Annotated[OutputFormat, format_option(*TABULAR, help="cli.diff.format")] = F.table,
    output: OutputOpt = None,
    lang: LangOpt = None,
    logic: LogicOpt = None,
) -> None:
    """What changed between two snapshots."""
    from planner.render.diff import diff_view

    if until is not None and since >= until:  # a usage error, as gantt's --from/--to
        raise typer.BadParameter(said("cli.dates.not_before", since=since, until=until),
                                 param_hint="--from/--to")
    project = open_project(plan)
    result = project.diff(since, until, logic_of(logic))
    warn(project.snapshot_warnings)
    deliver(project, diff_view(result, lang_of(lang, project)), fmt, output,
            f"{project.plan.id}-{result.after.date}-diff")


@contextmanager
def _simulating(total: int) -> Iterator[Callable[[int], None]]:
    """A progress bar on standard error while the Monte Carlo runs."""
    with typer.progressbar(length=total, label=said("cli.risk.simulating"),
                           file=sys.stderr) as bar:
        yield bar.update


@commands.command(help="cli.risk")
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
    """How likely each deadline is to be met: Monte Carlo simulation from the data date."""
    from planner.render.risk import risk_view

    project = joined(open_project(plan), at, logic_of(logic))
    spread = band_of(band)
    total = iterations or project.plan.risk.iterations
    with _simulating(total) as progress:
        result = project.simulate(at, total, seed, distribution.value if distribution else None,
                                  logic_of(logic), progress=progress, band=spread)
    warn(project.snapshot_warnings)
    when = result.data_date or "plan"
    deliver(project, risk_view(result, lang_of(lang, project)), fmt, output,
            f"{project.plan.id}-{when}-risk")


@commands.command("trend", help="cli.trend")
def trend_command(
    plan: PlanArg,
    at: AtOpt = None,
    fmt: Annotated[OutputFormat, format_option(*TABULAR, help="cli.trend.format")] = F.table,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", show_default=False, help="cli.trend.output")] = None,
    lang: LangOpt = None,
) -> None:
    """Milestone trend: each milestone's forecast finish at every report."""
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


@commands.command(help="cli.gantt")
def gantt(
    plan: PlanArg,
    at: AtOpt = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="cli.gantt.output", show_default=False)] = None,
    color: Annotated[ColorBy, typer.Option("--color", help="cli.gantt.color")
                     ] = ColorBy.owner,
    png: Annotated[Path | None, typer.Option(
        "--png", help="cli.gantt.png", show_default=False)] = None,
    pdf: Annotated[Path | None, typer.Option(
        "--pdf", help="cli.gantt.pdf", show_default=False)] = None,
    plan_only: Annotated[bool, typer.Option("--plan-only", help="cli.gantt.plan_only")
                         ] = False,
    links: Annotated[LinksShown, typer.Option("--links", help="cli.gantt.links")
                     ] = LinksShown.auto,
    since: Annotated[date | None, typer.Option(
        "--from", parser=parse_day, metavar="DATE", show_default=False,
        help="cli.gantt.from")] = None,
    until: Annotated[date | None, typer.Option(
        "--to", parser=parse_day, metavar="DATE", show_default=False,
        help="cli.gantt.to")] = None,
    lang: LangOpt = None,
    logic: LogicOpt = None,
) -> None:
    """The Gantt chart as one self-contained HTML file that opens offline."""
    from planner.render.gantt import chart_window, figure, gantt_html, headline_text, with_headline
    from planner.render.image import image_bytes

    if since is not None and until is not None and since > until:
        raise typer.BadParameter(said("cli.dates.after", since=since, until=until),
                                 param_hint="--from/--to")
    project = joined(open_project(plan), at, logic_of(logic))
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
        fig = with_headline(
            figure(view.schedule, t, language, color.value, links.value, window=window),
            headline_text(view.schedule, t, language))
        for target, kind in ((png, "png"), (pdf, "pdf")):
            if target is not None:  # rendered before anything is written
                files[target] = image_bytes(fig, kind)
    write_all(files, project.inputs)
    kinds = [said("cli.gantt.chart"), *(said("cli.gantt.image", kind=k.upper()) for k, on in (
        ("png", png), ("pdf", pdf)) if on)]
    for (path, data), what in zip(files.items(), kinds, strict=True):
        size = f"{len(data.encode() if isinstance(data, str) else data) / 2**20:.1f} MB"
        say(said("cli.gantt.written", path=path, what=what, tasks=len(project.plan.tasks),
                 size=size), err=stream_of(path) is not None)  # never into the page it wrote


@commands.command("report", help="cli.report")
def report_command(
    plan: PlanArg,
    at: AtOpt = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="cli.report.output", show_default=False)] = None,
    iterations: IterationsOpt = None,
    seed: SeedOpt = None,
    distribution: DistributionOpt = None,
    band: BandOpt = None,
    lang: LangOpt = None,
    logic: LogicOpt = None,
    with_check: Annotated[bool, typer.Option("--with-check", help="cli.report.with_check")
                          ] = False,
    fmt: Annotated[OutputFormat, format_option(F.html, F.docx, help="cli.report.format")
                   ] = F.html,
) -> None:
    """The meeting pack: an HTML report, the same in Markdown, every figure as JSON; or
    (docx) the progress notice as a Word document."""
    from planner.render.report import report_view
    from planner.render.writers import write

    folder = output_folder(output) if output else reports_folder()  # before the long simulation
    project = joined(open_project(plan), at, logic_of(logic))
    t = project.track(at, logic_of(logic))
    warn(project.snapshot_warnings)
    spread = band_of(band)
    total = iterations or project.plan.risk.iterations
    with _simulating(total) as progress:
        pack = project.pack(t.date, total, seed, distribution.value if distribution else None,
                            logic_of(logic), progress=progress, band=spread)
    stem = f"{project.plan.id}-{t.date}-report"
    missing: str | None = None
    files: dict[Path, str | bytes]
    if fmt is F.docx:
        from planner.render.notice import notice_view
        from planner.render.writers import docx_missing

        data, missing = docx_missing(notice_view(pack.tracking, pack.risk,
                                                 lang_of(lang, project)))
        files = {folder / f"{stem}.docx": data}
    else:
        doc = report_view(pack.tracking, pack.risk, lang_of(lang, project), trend=pack.trend,
                          check=pack.check, diff=pack.changes, with_check=with_check)
        files = {folder / f"{stem}.{kind}": write(doc, kind) for kind in ("html", "md", "json")}
    write_all(files, project.inputs)
    for path in files:
        say(said("cli.written", path=path))
    if missing is not None:
        say(said("cli.report.no_picture", reason=missing), err=True)
