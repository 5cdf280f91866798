"""The `planner` command line: parse arguments, call the core, print."""

from __future__ import annotations

import shutil
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from planner import export, report, review
from planner.baseline import (
    Baseline,
    baseline_path,
    changes,
    from_schedule,
    load_baseline,
    to_yaml,
)
from planner.diagnostics import Diagnostic, PlanError, Severity
from planner.diff import diff as compute_diff
from planner.diff import diff_json, diff_text
from planner.files import write_atomic
from planner.gantt import figure, gantt_html
from planner.imageexport import ExportUnavailable, image_bytes
from planner.labels import label
from planner.load import load_plan
from planner.model import Plan
from planner.risk import Risk, simulate
from planner.schedule import schedule as compute_schedule
from planner.status import (
    Snapshot,
    load_snapshot,
    load_snapshots,
    pick_snapshot,
    previous_snapshot,
)
from planner.tracking import FLAGS, SEVERITIES, Tracking, track
from planner.values import parse_date

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


class StatusFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


class GroupBy(StrEnum):
    summary = "summary"
    owner = "owner"


class FailOn(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"


class Logic(StrEnum):
    retained = "retained"
    override = "override"


def _day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


AtOpt = Annotated[str | None, typer.Option(
    "--at", help="Use the latest snapshot dated on or before this day (YYYY-MM-DD).",
    show_default=False)]
LogicOpt = Annotated[Logic | None, typer.Option(
    "--logic", help="Out-of-sequence progress: retained logic (P6 default) or progress "
    "override; default: the plan's `out_of_sequence`.", show_default=False)]


def _baseline(p: Plan) -> Baseline:
    path = baseline_path(p)
    try:
        if path is not None and path.exists():
            b = load_baseline(path, p)
            _warn(b.warnings)
            return b
    except PlanError as exc:
        _fail(exc.diagnostics)
    return from_schedule(compute_schedule(p))


def _snapshots(p: Plan) -> list[Snapshot]:
    try:
        return load_snapshots(p)
    except PlanError as exc:
        _fail(exc.diagnostics)


def _tracking(p: Plan, at: date | None, status_file: Path | None,
              logic: Logic | None) -> Tracking:
    snapshots = _snapshots(p)
    if status_file is not None:
        try:
            current = load_snapshot(status_file, p)
        except PlanError as exc:
            _fail(exc.diagnostics)
    else:
        found = pick_snapshot(snapshots, at)
        if found is None:
            where = p.folder / "status" if p.folder else "status/"
            when = f" dated on or before {at}" if at else ""
            typer.echo(f"error: no status snapshot{when} in {where}\n"
                       "  hint: record progress in status/YYYY-MM-DD.yaml "
                       "(see the plan format)", err=True)
            raise typer.Exit(1)
        current = found
    previous = previous_snapshot(snapshots, current)
    return track(p, _baseline(p), current, previous, logic.value if logic else None)


@app.command()
def status(
    plan: PlanArg,
    at: AtOpt = None,
    status_file: Annotated[Path | None, typer.Option(
        "--status", help="Use this snapshot file instead of the latest.",
        show_default=False)] = None,
    owner: Annotated[str | None, typer.Option(
        "--owner", help="Only tasks of this owner.", show_default=False)] = None,
    flag: Annotated[str | None, typer.Option(
        "--flag", help="Only tasks with this flag (e.g. slipping, will-miss-deadline).",
        show_default=False)] = None,
    by: Annotated[GroupBy, typer.Option("--by", help="Group rows by summary or owner.")
                  ] = GroupBy.summary,
    fmt: Annotated[StatusFormat, typer.Option("--format", "-f", help="Output format.")
                   ] = StatusFormat.table,
    lang: LangOpt = None,
    fail_on: Annotated[FailOn | None, typer.Option(
        "--fail-on", help="Exit 3 when a shown task has a flag of this severity or worse.",
        show_default=False)] = None,
    logic: LogicOpt = None,
) -> None:
    """Review progress at a data date: what is late, by how much, and whose it is.

    Compares the forecast (actuals kept, remaining work rescheduled) with the baseline
    (baseline.yaml, or the plan's own schedule when none is saved).
    """
    if flag is not None and flag not in FLAGS:
        raise typer.BadParameter(f"unknown flag '{flag}'; choose from {', '.join(FLAGS)}",
                                 param_hint="--flag")
    p = _load(plan)
    t = _tracking(p, _day(at), status_file, logic)
    _warn(tuple(d for d in t.forecast.diagnostics if d.code != "deadline"))  # flags say it
    language = (lang or Lang(p.lang)).value
    rows = review.select(t, owner, flag)
    if fmt is StatusFormat.json:
        typer.echo(review.status_json(t, rows, language), nl=False)
    elif fmt is StatusFormat.csv:
        typer.echo(review.status_csv(t, rows, language), nl=False)
    elif fmt is StatusFormat.md:
        typer.echo(review.status_markdown(t, rows, language, by.value), nl=False)
    else:
        columns = max(shutil.get_terminal_size((100, 24)).columns, 80)
        typer.echo(review.status_table(t, rows, language, by.value, columns), nl=False)
    if fail_on is not None and review.worst(rows) >= SEVERITIES.index(fail_on.value):
        raise typer.Exit(3)


@app.command()
def baseline(
    plan: PlanArg,
    force: Annotated[bool, typer.Option(
        "--force", help="Replace an existing baseline.yaml.")] = False,
    saved: Annotated[str | None, typer.Option(
        "--date", help="Approval date to record (default: today).", show_default=False)
    ] = None,
) -> None:
    """Save the plan's current schedule as the approved baseline (baseline.yaml).

    Refuses to replace an existing baseline without --force, and says what would change.
    """
    p = _load(plan)
    path = baseline_path(p)
    if path is None:  # pragma: no cover - a loaded plan always has a folder
        raise typer.Exit(1)
    new = from_schedule(compute_schedule(p), _day(saved) or date.today())
    if path.exists():
        try:
            old = load_baseline(path, p)
        except PlanError as exc:
            _fail(exc.diagnostics)
        lines = changes(old, new)
        if not lines:
            typer.echo(f"{path}: baseline unchanged ({len(new.tasks)} tasks)")
            return
        typer.echo("\n".join(lines))
        if not force:
            typer.echo(f"error: {path} exists; re-run with --force to replace it "
                       f"({len(lines)} task(s) would change)", err=True)
            raise typer.Exit(1)
    write_atomic(path, to_yaml(new))
    typer.echo(f"{path}: baseline saved ({len(new.tasks)} tasks, {new.saved})")


@app.command("diff")
def diff_command(
    plan: PlanArg,
    since: Annotated[str, typer.Option(
        "--from", help="Earlier data date (the snapshot on or before it).",
        show_default=False)],
    until: Annotated[str | None, typer.Option(
        "--to", help="Later data date (default: the latest snapshot).", show_default=False)
    ] = None,
    fmt: Annotated[ScheduleFormat, typer.Option(
        "--format", "-f", help="table or json (csv is not offered for diffs).")
    ] = ScheduleFormat.table,
    lang: LangOpt = None,
    logic: LogicOpt = None,
) -> None:
    """What changed between two snapshots: progress, new and cleared flags, and how
    each milestone's and deadline's forecast moved."""
    p = _load(plan)
    before = _tracking(p, _day(since), None, logic)
    after = _tracking(p, _day(until), None, logic)
    if before.date >= after.date:
        typer.echo(f"error: --from picks the snapshot of {before.date}, which is not before "
                   f"the one --to picks ({after.date})", err=True)
        raise typer.Exit(1)
    result = compute_diff(before, after)
    if fmt is ScheduleFormat.json:
        typer.echo(diff_json(result), nl=False)
    else:
        typer.echo(diff_text(result, (lang or Lang(p.lang)).value), nl=False)


class LinksShown(StrEnum):
    auto = "auto"
    all = "all"
    driving = "driving"
    none = "none"


class ColorBy(StrEnum):
    owner = "owner"
    status = "status"


def _history(p: Plan, current: Tracking, logic: Logic | None) -> list[Tracking]:
    """Trackings of every snapshot up to the current one, for the S-curve."""
    snapshots = [s for s in _snapshots(p) if s.date <= current.date]
    out = [track(p, current.baseline, snap, previous_snapshot(snapshots, snap),
                 logic.value if logic else None) for snap in snapshots[:-1]]
    return [*out, current]


def _output(path: Path | None, default_name: str) -> Path:
    return path if path is not None else Path("reports") / default_name


@app.command()
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
    lang: LangOpt = None,
    logic: LogicOpt = None,
) -> None:
    """Write the Gantt chart as one self-contained HTML file that opens offline.

    With a status snapshot: baseline, actual and forecast bars, slip, flags and an S-curve;
    without one, the plan alone.
    """
    p = _load(plan)
    language = (lang or Lang(p.lang)).value
    snapshots = [] if plan_only else _snapshots(p)
    picked = pick_snapshot(snapshots, _day(at))
    if picked is None:
        result, t, history = compute_schedule(p), None, []
    else:
        t = _tracking(p, picked.date, None, logic)
        result, history = t.forecast, _history(p, t, logic)
    _warn(tuple(d for d in result.diagnostics if d.code != "deadline" or t is None))
    page = gantt_html(result, t, history, language, color.value, links.value)
    path = _output(output, f"{p.id}-{picked.date if picked else 'plan'}.html")
    write_atomic(path, page)
    typer.echo(f"{path}: Gantt chart written ({len(p.tasks)} tasks, "
               f"{len(page.encode()) / 2**20:.1f} MB)")
    for target, kind in ((png, "png"), (pdf, "pdf")):
        if target is not None:
            _export_image(figure(result, t, language, color.value, links.value), target, kind)


def _export_image(fig: object, target: Path, kind: str) -> None:
    """Static export through kaleido, which drives a locally installed Chromium."""
    try:
        data = image_bytes(fig, kind)
    except ExportUnavailable as exc:
        typer.echo(f"error: cannot export {kind.upper()}: {exc}", err=True)
        raise typer.Exit(1) from None
    write_atomic(target, data)
    typer.echo(f"{target}: {kind.upper()} written")


class RiskFormat(StrEnum):
    table = "table"
    json = "json"
    md = "md"


IterationsOpt = Annotated[int | None, typer.Option(
    "--iterations", "-n", min=1, help="Monte Carlo iterations (default: the plan's, or 10000).",
    show_default=False)]
SeedOpt = Annotated[int | None, typer.Option(
    "--seed", help="Random seed, for a reproducible run.", show_default=False)]


def _simulate(p: Plan, snapshot: Snapshot | None, iterations: int | None, seed: int | None,
              logic: Logic | None) -> Risk:
    total = iterations or p.risk.iterations
    with typer.progressbar(length=total, label="simulating", file=sys.stderr) as bar:
        return simulate(p, snapshot, total, seed, logic.value if logic else None,
                        progress=bar.update)


@app.command()
def risk(
    plan: PlanArg,
    at: AtOpt = None,
    iterations: IterationsOpt = None,
    seed: SeedOpt = None,
    fmt: Annotated[RiskFormat, typer.Option("--format", "-f", help="Output format.")
                   ] = RiskFormat.table,
    lang: LangOpt = None,
    logic: LogicOpt = None,
) -> None:
    """How likely each deadline is to be met: Monte Carlo simulation from the data date.

    For each deadline, milestone and the project: the deterministic forecast, P50 and P80
    dates, the probability of meeting the deadline, and the tasks that drive the risk.
    """
    p = _load(plan)
    snapshot = pick_snapshot(_snapshots(p), _day(at))
    result = _simulate(p, snapshot, iterations, seed, logic)
    language = (lang or Lang(p.lang)).value
    if fmt is RiskFormat.json:
        typer.echo(report.risk_json(result), nl=False)
    elif fmt is RiskFormat.md:
        typer.echo(report.risk_markdown(result, language), nl=False)
    else:
        typer.echo(report.risk_text(result, language), nl=False)


@app.command("report")
def report_command(
    plan: PlanArg,
    at: AtOpt = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Folder to write into (default: reports/).",
        show_default=False)] = None,
    iterations: IterationsOpt = None,
    seed: SeedOpt = None,
    lang: LangOpt = None,
    logic: LogicOpt = None,
) -> None:
    """Write the meeting pack: an HTML report, the same in Markdown, and every figure as JSON.

    The HTML opens offline; it holds the narrative, the deadline-risk table, a
    completion-probability curve per deadline, a tornado chart of drivers, the review table
    and the Gantt chart.
    """
    p = _load(plan)
    language = (lang or Lang(p.lang)).value
    t = _tracking(p, _day(at), None, logic)
    result = _simulate(p, t.snapshot, iterations, seed, logic)
    folder = output or Path("reports")
    stem = f"{p.id}-{t.date}-report"
    files = {
        folder / f"{stem}.html": report.report_html(t, result, language),
        folder / f"{stem}.md": report.report_markdown(t, result, language),
        folder / f"{stem}.json": report.report_json(t, result, language),
    }
    for path, text in files.items():  # all rendered before anything is written
        write_atomic(path, text)
        typer.echo(f"{path}: written")


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        typer.echo("interrupted", err=True)
        sys.exit(130)
