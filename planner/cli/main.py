"""The `planner` command line: parse options, make one `Project` call, render, print.

Exit codes are decided in one place, `main()`: 0 done, 1 the plan or an output is wrong,
2 the command line is wrong, 3 `--fail-on` found what it was told to, 130 interrupted.
"""

from __future__ import annotations

import atexit
import codecs
import contextlib
import gc
import io
import os
import sys
from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import click
import typer

from planner import __version__
from planner.domain.diagnostics import Diagnostic, Location, PlanError, Severity, did_you_mean
from planner.domain.model import MAX_ITERATIONS, Spread
from planner.domain.values import number_text, parse_band, parse_date
from planner.i18n.labels import label
from planner.render.fmt import json_text
from planner.support.safewrite import (
    OutputError,
    distinct,
    remove_stale_temps,
    write_all,
    write_atomic,
)
from planner.support.sanitize import printable

if TYPE_CHECKING:  # the core loads numpy and PyYAML: only the commands that run import it
    from planner.analysis.risk import Risk
    from planner.project import Project

# Usage errors, whether typer carries click or its own copy of it.
_CLICK_ERROR: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")



def _new_app() -> typer.Typer:
    made = typer.Typer(
        help="Plan-versus-actual scheduling for work plans kept as YAML.",
        no_args_is_help=True,
        add_completion=False,
        context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
        pretty_exceptions_enable=False,
    )
    # click from 8.4 names the command that was meant; typer's own suggestion said it twice
    made.suggest_commands = not hasattr(sys.modules[_CLICK_ERROR.__module__], "NoSuchCommand")
    return made


app = _new_app()


def _version(value: bool) -> None:
    if value:
        _say(f"planner {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Plan-versus-actual scheduling for work plans kept as YAML."""


# -- options shared by the commands ------------------------------------------------------------


class Lang(StrEnum):
    zh = "zh"
    en = "en"


class Logic(StrEnum):
    retained = "retained"
    override = "override"


class Distribution(StrEnum):
    pert = "pert"
    triangular = "triangular"


def _day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


PlanArg = Annotated[Path, typer.Argument(help="Plan folder (or its plan.yaml).",
                                         show_default=False)]
LangOpt = Annotated[Lang | None, typer.Option(
    "--lang", help="Language of labels; default: the plan's `lang`.")]
AtOpt = Annotated[date | None, typer.Option(
    "--at", parser=_day, metavar="DATE", show_default=False,
    help="Use the latest snapshot dated on or before this day (YYYY-MM-DD).")]
LogicOpt = Annotated[Logic | None, typer.Option(
    "--logic", help="Out-of-sequence progress: retained logic (P6 default) or progress "
    "override; default: the plan's `out_of_sequence`.", show_default=False)]
OutputOpt = Annotated[Path | None, typer.Option(
    "--output", "-o", help="Write to this file instead of the terminal ('-' = standard output).",
    show_default=False)]
IterationsOpt = Annotated[int | None, typer.Option(
    "--iterations", "-n", min=1, max=MAX_ITERATIONS, show_default=False,
    help="Monte Carlo iterations, up to 1,000,000 (default: the plan's, or 10000).")]
SeedOpt = Annotated[int | None, typer.Option(
    "--seed", min=0, max=2**63 - 1, help="Random seed (0 or more), for a reproducible run.",
    show_default=False)]
def _band(value: str | None) -> tuple[Spread, Spread] | None:
    if value is None:
        return None
    try:
        return parse_band(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


BandOpt = Annotated[str | None, typer.Option(
    "--band", metavar="LOW,HIGH", show_default=False,
    help="Uncertainty of tasks without an estimate, e.g. -10%,+40% or -2d,+8d; default: "
    "the plan's `risk: default`.")]
DistributionOpt = Annotated[Distribution | None, typer.Option(
    "--distribution", show_default=False,
    help="Distribution for tasks without their own; default: the plan's `risk: distribution`.")]


def _lang(lang: Lang | None, project: Project) -> str:
    return (lang or Lang(project.plan.lang)).value


def _logic(logic: Logic | None) -> str | None:
    return logic.value if logic else None


# -- printing ------------------------------------------------------------------------------------


def _say(text: str = "", err: bool = False, nl: bool = True) -> None:
    """Print for a person: user text in it cannot send control sequences to the terminal."""
    typer.echo(printable(text), err=err, nl=nl)


def _warn(diagnostics: Sequence[Diagnostic]) -> None:
    for d in diagnostics:
        _say(d.render(), err=True)


def _stdout_bytes(text: str) -> None:
    """A document for other programs (CSV, JSON, Markdown) goes out as UTF-8, whatever the
    console's encoding: a GBK console redirected to a file must still give a UTF-8 file."""
    _require_stdout()
    if getattr(sys.stdout, "buffer", None) is None:  # a text-only stream (embedding hosts)
        sys.stdout.write(text)
    else:
        stdout_binary(text.encode("utf-8"))


def _require_stdout() -> None:
    if sys.stdout is None:  # started with its standard output closed (`>&-`)
        raise OutputError("standard output is closed; write the document to a file with -o")


def stdout_binary(data: bytes) -> None:
    """A document's bytes to standard output; a workbook (a zip file) only to a pipe or a
    file, not to a terminal, where its bytes would be garbage and control sequences."""
    _require_stdout()
    if data.startswith(b"PK\x03\x04") and sys.stdout.isatty():
        raise OutputError("a workbook is a binary file; write it with -o FILE, or pipe it "
                          "into a program")
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _emit(project: Project, text: str, output: Path | None, document: bool) -> None:
    """Print ``text``, or write it to ``output`` ('-' is standard output)."""
    if output is not None and str(output) != "-":
        write_atomic(output, text, project.inputs)
        _say(f"{output}: written", err=True)
    elif document or output is not None:
        _stdout_bytes(text)
    else:
        _say(text, nl=False)


def _emit_binary(project: Project, data: bytes, output: Path | None, default: str) -> None:
    """A workbook: to ``output`` ('-' is standard output), else into reports/."""
    if output is not None and str(output) == "-":
        stdout_binary(data)
        return
    target = output or _default(default)
    write_atomic(target, data, project.inputs)
    _say(f"{target}: written", err=True)


def _columns() -> int:
    import shutil

    return max(shutil.get_terminal_size((100, 24)).columns, 80)


def _open(plan: Path) -> Project:
    from planner.project import Project

    project = Project.open(plan)
    remove_stale_temps(project.folder)
    _freeze_until_done()
    return project


def _freeze_until_done() -> None:
    """Keep the collector off what exists now (the plan) until the command is done.

    The plan lives until then and holds no garbage, yet every full collection would walk its
    objects again (6% of scheduling 10,000 tasks, 9% of 100,000). A program that froze
    objects of its own is left as it was.
    """
    context = click.get_current_context(silent=True)
    if context is None or gc.get_freeze_count():
        return
    gc.freeze()
    context.call_on_close(gc.unfreeze)


# -- commands --------------------------------------------------------------------------------


class CheckFormat(StrEnum):
    text = "text"
    json = "json"


@app.command()
def validate(
    plan: PlanArg,
    fmt: Annotated[CheckFormat, typer.Option(
        "--format", "-f", help="text for people; json for editors and CI.")] = CheckFormat.text,
) -> None:
    """Check a plan folder: plan.yaml, its status snapshots and baseline.yaml.

    Every problem is reported with file, line and column. Exit status: 0 when all are valid
    (warnings are printed), 1 when any has errors, 2 on a usage error.
    """
    from planner.project import Project, has_errors

    found = Project.diagnose(plan)
    errors = has_errors(found)
    if fmt is CheckFormat.json:
        _stdout_bytes(json_text({"valid": not errors, "diagnostics": [
            {"file": d.location.file, "line": d.location.line, "column": d.location.col,
             "severity": d.severity.value, "code": d.code, "message": d.message,
             "hint": d.hint, "task": d.task} for d in found]}))
        if errors:
            raise typer.Exit(1)
        return
    if errors:
        raise PlanError(found)
    _warn(found)
    project = Project.open(plan)
    lang = project.plan.lang
    files = 1 + len(project.snapshots) + (project.saved_baseline is not None)
    _say(label("valid", lang, tasks=len(project.plan.tasks), files=files)
               + (f"; {label('warnings', lang, n=len(found))}" if found else ""))


class ScheduleFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


@app.command()
def schedule(
    plan: PlanArg,
    fmt: Annotated[ScheduleFormat, typer.Option(
        "--format", "-f", help="table for people; json or csv for scripts; xlsx for Excel/WPS."),
    ] = ScheduleFormat.table,
    critical: Annotated[bool, typer.Option(
        "--critical", help="Show only critical tasks (total float <= 0).")] = False,
    output: OutputOpt = None,
    lang: LangOpt = None,
) -> None:
    """Schedule the plan by the critical path method and print every task's dates.

    Dates are working days of the plan's calendar; float and margin are in working days
    (margin = deadline minus finish; negative means the deadline will be missed).
    """
    from planner.render import schedule as render

    project = _open(plan)
    result = project.schedule()
    _warn(result.diagnostics)
    if fmt is ScheduleFormat.json:
        _emit(project, render.schedule_json(result), output, True)
    elif fmt is ScheduleFormat.csv:
        _emit(project, render.schedule_csv(result), output, True)
    elif fmt is ScheduleFormat.xlsx:
        _emit_binary(project, render.schedule_xlsx(result, _lang(lang, project)), output,
                     f"{project.plan.id}-schedule.xlsx")
    else:
        _emit(project, render.schedule_table(result, _lang(lang, project), critical,
                                             _columns()), output, False)


class StatusFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"
    xlsx = "xlsx"


class GroupBy(StrEnum):
    summary = "summary"
    owner = "owner"


class FailOn(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"


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
        "--flag", help="Only tasks with this flag (e.g. slipping, missed-deadline).",
        show_default=False)] = None,
    by: Annotated[GroupBy, typer.Option("--by", help="Group rows by summary or owner.")
                  ] = GroupBy.summary,
    fmt: Annotated[StatusFormat, typer.Option("--format", "-f", help="Output format.")
                   ] = StatusFormat.table,
    output: OutputOpt = None,
    lang: LangOpt = None,
    fail_on: Annotated[FailOn | None, typer.Option(
        "--fail-on", help="Exit 3 when a shown task has a flag of this severity or worse "
        "(or, reviewing the whole plan, when it passes its period).",
        show_default=False)] = None,
    logic: LogicOpt = None,
) -> None:
    """Review progress at a data date: what is late, by how much, and whose it is.

    Compares the forecast (actuals kept, remaining work rescheduled) with the baseline
    (baseline.yaml, or the plan's own schedule when none is saved).
    """
    from planner.domain.flags import FLAGS, SEVERITIES
    from planner.render import status as render

    if flag is not None and flag not in FLAGS:
        raise typer.BadParameter(f"unknown flag '{flag}'; choose from {', '.join(FLAGS)}",
                                 param_hint="--flag")
    project = _open(plan)
    owners = sorted({t.owner for t in project.plan.tasks if t.owner})
    if owner is not None and owner not in owners:  # a typo must not pass a --fail-on check
        hint = did_you_mean(owner, owners) or "owners: " + ", ".join(owners[:10])
        raise typer.BadParameter(f"the plan has no owner '{printable(owner)}'; {hint}",
                                 param_hint="--owner")
    snapshot = project.read_snapshot(status_file) if status_file else None
    t = project.track(at, _logic(logic), snapshot)
    _warn(project.snapshot_warnings)
    _warn([d for d in t.forecast.diagnostics if d.code != "deadline"])  # the flags say it
    language = _lang(lang, project)
    rows = render.select(t, owner, flag)
    if fmt is StatusFormat.json:
        _emit(project, render.status_json(t, rows, language), output, True)
    elif fmt is StatusFormat.csv:
        _emit(project, render.status_csv(t, rows, language), output, True)
    elif fmt is StatusFormat.md:
        _emit(project, render.status_markdown(t, rows, language, by.value), output, True)
    elif fmt is StatusFormat.xlsx:
        _emit_binary(project, render.status_xlsx(t, rows, language), output,
                     f"{project.plan.id}-{t.date}-status.xlsx")
    else:
        _emit(project, render.status_table(t, rows, language, by.value, _columns()), output,
              False)
    if fail_on is not None:  # passing the plan's own period is as grave as a missed deadline,
        # for the whole plan's review: not for one owner's or one flag's tasks
        overrun = t.overrun and owner is None and flag is None
        worst = max(render.worst(rows), SEVERITIES.index("high") if overrun else -1)
        if worst >= SEVERITIES.index(fail_on.value):
            raise typer.Exit(3)


@app.command()
def baseline(
    plan: PlanArg,
    force: Annotated[bool, typer.Option(
        "--force", help="Replace an existing baseline.yaml.")] = False,
    saved: Annotated[date | None, typer.Option(
        "--date", parser=_day, metavar="DATE", show_default=False,
        help="Approval date to record (default: today).")] = None,
) -> None:
    """Save the plan's current schedule as the approved baseline (baseline.yaml).

    Refuses to replace an existing baseline without --force, and says what would change.
    """
    project = _open(plan)
    update = project.save_baseline(force, saved)
    if update.problems:
        _warn(update.problems)
        _say(f"{update.path}: the old baseline could not be read (above); replaced")
    if update.changes:
        from planner.render.baseline import change_lines

        _say("\n".join(change_lines(update.changes)))
    if update.written:
        _say(f"{update.path}: baseline saved ({len(update.baseline.tasks)} tasks, "
                   f"{update.baseline.saved})")
    elif not update.changes:
        _say(f"{update.path}: baseline unchanged ({len(update.baseline.tasks)} tasks)")
    else:
        _say(f"error: {update.path} exists; re-run with --force to replace it "
                   f"({len(update.changes)} task(s) would change)", err=True)
        raise typer.Exit(1)


@app.command()
def update(
    plan: PlanArg,
    task: Annotated[str, typer.Argument(help="The task's id.", show_default=False)],
    at: Annotated[date | None, typer.Option(
        "--at", parser=_day, metavar="DATE", show_default=False,
        help="The snapshot's data date (default: today).")] = None,
    percent: Annotated[float | None, typer.Option(
        "--percent", help="Percent complete, 0-100.", show_default=False)] = None,
    done: Annotated[float | None, typer.Option(
        "--done", help="Units done, of the task's quantity.", show_default=False)] = None,
    remaining: Annotated[int | None, typer.Option(
        "--remaining", help="Working days left.", show_default=False)] = None,
    started: Annotated[date | None, typer.Option(
        "--started", parser=_day, metavar="DATE", show_default=False,
        help="Actual start.")] = None,
    finished: Annotated[date | None, typer.Option(
        "--finished", parser=_day, metavar="DATE", show_default=False,
        help="Actual finish.")] = None,
    spent: Annotated[float | None, typer.Option(
        "--spent", help="Actual cost to date.", show_default=False)] = None,
    note: Annotated[str | None, typer.Option(
        "--note", help="Progress note or reason for delay.", show_default=False)] = None,
    correct: Annotated[bool, typer.Option(
        "--correct", help="This corrects an earlier report (lower progress is intended).")
    ] = False,
) -> None:
    """Record one task's progress in status/DATE.yaml, keeping the file's comments and layout.

    Creates the snapshot when it does not exist. The new file is checked before it is
    written: a bad value is reported and the file stays as it was.
    """
    measures = [k for k, v in (("--percent", percent), ("--done", done),
                               ("--remaining", remaining)) if v is not None]
    if len(measures) > 1:
        raise typer.BadParameter(f"give one of --percent, --done and --remaining, not "
                                 f"{' and '.join(measures)}")
    fields = {k: v for k, v in (("started", started), ("finished", finished),
                                ("percent", percent), ("done", done),
                                ("remaining", remaining), ("spent", spent), ("note", note),
                                ("correct", True if correct else None)) if v is not None}
    if not fields:
        raise typer.BadParameter("nothing to record: give --percent, --done, --remaining, "
                                 "--started, --finished, --spent or --note")
    project = _open(plan)
    day = at or date.today()
    try:
        result = project.record(day, {task: fields})
    except PlanError as exc:
        raise PlanError([_as_options(d, fields) for d in exc.diagnostics]) from None
    _warn(result.warnings)
    ahead = (day - date.today()).days
    if ahead > FUTURE_DAYS:  # progress is reported, not foretold
        _warn([Diagnostic("date", f"the data date {day} is {ahead} days after today",
                          Location(str(result.path)), severity=Severity.WARNING,
                          hint="check the year of --at; every later review takes the latest "
                          "snapshot, this one")])
    before = result.before.of(task) if result.before else None
    after = result.after.of(task)
    what = "created" if result.created else "updated" if result.written else "unchanged"
    changes = ", ".join(f"{k} {_shown(getattr(before, k, None))} -> {_shown(getattr(after, k))}"
                        for k in fields if k != "correct")
    _say(f"{result.path}: {task} {what} ({changes})")


FUTURE_DAYS = 31  # a data date this far ahead of today is more likely a typo than a plan


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


def _shown(value: object) -> str:
    """A recorded value as the file shows it (1750, not 1750.0; — for none)."""
    if value is None:
        return "—"
    return number_text(value) if isinstance(value, float) else str(value)


@app.command()
def forms(
    plan: PlanArg,
    at: Annotated[date | None, typer.Option(
        "--at", parser=_day, metavar="DATE", show_default=False,
        help="The data date the forms ask progress for (default: today).")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", show_default=False,
        help="Folder to write into (default: reports/<plan>-<date>-forms/).")] = None,
    owner: Annotated[list[str] | None, typer.Option(
        "--owner", show_default=False, help="Only this owner's form (may be repeated).")
    ] = None,
    lang: LangOpt = None,
) -> None:
    """Write one Excel/WPS progress form per owner, to send out before the meeting.

    Each lists the owner's unfinished tasks with the last report filled in; units change
    what moved and send the file back for `planner collect`.
    """
    from planner.exchange.forms_write import write_forms

    project = _open(plan)
    day = at or date.today()
    made = write_forms(project, day, owner, lang.value if lang else None)
    folder = _folder(output) if output else _folder(_reports() / f"{project.plan.id}-{day}-forms")
    files: dict[Path, str | bytes] = {folder / name: data for name, data in made.items()}
    write_all(files, project.inputs)
    for path in files:
        _say(f"{path}: written")
    _say(f"{len(files)} form(s) for {day}", err=True)


@app.command()
def collect(
    plan: PlanArg,
    files: Annotated[list[Path], typer.Argument(
        help="Filled forms (.xlsx, or .csv saved by Excel/WPS).", show_default=False)],
    at: Annotated[date | None, typer.Option(
        "--at", parser=_day, metavar="DATE", show_default=False,
        help="The data date the forms were made for (default: the forms' own).")] = None,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Show what would change, write nothing.")] = False,
    force: Annotated[bool, typer.Option(
        "--force", help="Add to the snapshot of that date when one exists.")] = False,
) -> None:
    """Read filled progress forms and record what changed in status/DATE.yaml.

    Every problem in every file is reported at once, by file, sheet and cell; if anything
    is wrong, nothing is written.
    """
    from planner.exchange.forms_read import read_forms

    project = _open(plan)
    got = read_forms(project, files, at)
    for task, key, old, new in got.changes:
        _say(f"{task}: {key} {_shown(old)} -> {_shown(new)}")
    if not got.entries:
        _say(f"no changes for {got.day} in {len(got.files)} form(s)", err=True)
        return
    for task in got.confirmed:
        _say(f"{task}: unchanged (reported on a returned form)")
    result = project.record(got.day, got.entries, "edit" if force else "refuse", dry_run)
    _warn(result.warnings)
    counted = f"{len(got.entries) - len(got.confirmed)} changed, {len(got.confirmed)} " \
        f"unchanged, from {len(got.files)} form(s)"
    if dry_run:
        _say(f"{result.path}: would record {counted} (dry run)", err=True)
    else:
        _say(f"{result.path}: {'created' if result.created else 'updated'} ({counted})",
             err=True)


class DiffFormat(StrEnum):
    table = "table"
    json = "json"


@app.command("diff")
def diff_command(
    plan: PlanArg,
    since: Annotated[date, typer.Option(
        "--from", parser=_day, metavar="DATE", show_default=False,
        help="Earlier data date (the snapshot on or before it).")],
    until: Annotated[date | None, typer.Option(
        "--to", parser=_day, metavar="DATE", show_default=False,
        help="Later data date (default: the latest snapshot).")] = None,
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f", help="table or json.")
                   ] = DiffFormat.table,
    output: OutputOpt = None,
    lang: LangOpt = None,
    logic: LogicOpt = None,
) -> None:
    """What changed between two snapshots: progress, new and cleared flags, and how
    each milestone's and deadline's forecast moved."""
    from planner.render import diff as render

    if until is not None and since >= until:  # a usage error, as gantt's --from/--to
        raise typer.BadParameter(f"--from {since} is not before --to {until}",
                                 param_hint="--from/--to")
    project = _open(plan)
    result = project.diff(since, until, _logic(logic))
    _warn(project.snapshot_warnings)
    if fmt is DiffFormat.json:
        _emit(project, render.diff_json(result), output, True)
    else:
        _emit(project, render.diff_text(result, _lang(lang, project)), output, False)


class LinksShown(StrEnum):
    auto = "auto"
    all = "all"
    driving = "driving"
    none = "none"


class ColorBy(StrEnum):
    owner = "owner"
    status = "status"


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
    since: Annotated[date | None, typer.Option(
        "--from", parser=_day, metavar="DATE", show_default=False,
        help="First day the chart shows (default: the plan's start, or the data date when "
        "earlier, if the plan states its period with `finish:`; else the whole schedule).")
    ] = None,
    until: Annotated[date | None, typer.Option(
        "--to", parser=_day, metavar="DATE", show_default=False,
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
    project = _open(plan)
    language = _lang(lang, project)
    view = project.review(at, _logic(logic), plan_only)
    t = view.tracking
    _warn(project.snapshot_warnings if t else ())
    _warn([d for d in view.schedule.diagnostics if d.code != "deadline" or t is None])
    try:
        window = chart_window(view.schedule, t, (since, until))
    except ValueError as exc:  # one side given, beyond the other's default
        raise typer.BadParameter(str(exc), param_hint="--from/--to") from None
    html = output or _default(f"{project.plan.id}-{t.date if t else 'plan'}.html")
    distinct([html, *(p for p in (png, pdf) if p is not None)])  # before any rendering
    page = gantt_html(view.schedule, t, view.history, language, color.value, links.value,
                      window=window)
    files: dict[Path, str | bytes] = {html: page}
    for target, kind in ((png, "png"), (pdf, "pdf")):
        if target is not None:  # rendered before anything is written
            fig = figure(view.schedule, t, language, color.value, links.value,
                         window=window)
            files[target] = image_bytes(fig, kind)
    write_all(files, project.inputs)
    for (path, data), what in zip(files.items(), ("Gantt chart", *(k.upper() for k, on in (
            ("png", png), ("pdf", pdf)) if on)), strict=True):
        size = f"{len(data.encode() if isinstance(data, str) else data) / 2**20:.1f} MB"
        _say(f"{path}: {what} written ({len(project.plan.tasks)} tasks, {size})")


def _folder(folder: Path) -> Path:
    """An output folder, made when missing if the folder it goes in exists."""
    try:
        folder.mkdir(exist_ok=True)
    except FileExistsError:
        raise OutputError(f"cannot write into {folder}: it is a file, not a folder") from None
    except FileNotFoundError:
        raise OutputError(f"cannot write into {folder}: the folder {folder.parent} does not "
                          "exist") from None
    except OSError as exc:
        raise OutputError(f"cannot write into {folder}: {exc.strerror}") from None
    if not folder.is_dir():
        raise OutputError(f"cannot write into {folder}: it is not a folder")
    return folder


def _reports() -> Path:
    return _folder(Path("reports"))


def _default(name: str) -> Path:
    return _reports() / name


class RiskFormat(StrEnum):
    table = "table"
    json = "json"
    md = "md"


def _simulate(project: Project, at: date | None, iterations: int | None, seed: int | None,
              distribution: Distribution | None, logic: Logic | None,
              band: str | None = None) -> Risk:
    spread = _band(band)
    total = iterations or project.plan.risk.iterations
    with typer.progressbar(length=total, label="simulating", file=sys.stderr) as bar:
        return project.simulate(at, total, seed, distribution.value if distribution else None,
                                _logic(logic), progress=bar.update, band=spread)


@app.command()
def risk(
    plan: PlanArg,
    at: AtOpt = None,
    iterations: IterationsOpt = None,
    seed: SeedOpt = None,
    distribution: DistributionOpt = None,
    band: BandOpt = None,
    fmt: Annotated[RiskFormat, typer.Option("--format", "-f", help="Output format.")
                   ] = RiskFormat.table,
    output: OutputOpt = None,
    lang: LangOpt = None,
    logic: LogicOpt = None,
) -> None:
    """How likely each deadline is to be met: Monte Carlo simulation from the data date.

    For each deadline, milestone and the project: the deterministic forecast, P50 and P80
    dates, the probability of meeting the deadline, and the tasks that drive the risk.
    """
    from planner.render import risk as render

    project = _open(plan)
    result = _simulate(project, at, iterations, seed, distribution, logic, band)
    _warn(project.snapshot_warnings)
    language = _lang(lang, project)
    if fmt is RiskFormat.json:
        _emit(project, render.risk_json(result), output, True)
    elif fmt is RiskFormat.md:
        _emit(project, render.risk_markdown(result, language), output, True)
    else:
        _emit(project, render.risk_text(result, language), output, False)


@app.command("report")
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
    from planner.render import report as render

    if output is not None and output.exists() and not output.is_dir():
        raise OutputError(f"cannot write the report into {output}: it is a file, not a folder")
    folder = _folder(output) if output else _reports()  # before the long simulation
    project = _open(plan)
    t = project.track(at, _logic(logic))
    _warn(project.snapshot_warnings)
    result = _simulate(project, t.date, iterations, seed, distribution, logic, band)
    language = _lang(lang, project)
    stem = f"{project.plan.id}-{t.date}-report"
    history, check = project.history(t.date, _logic(logic)), project.check(t.date, _logic(logic))
    files: dict[Path, str | bytes] = {
        folder / f"{stem}.html": render.report_html(t, result, language, history=history,
                                                    check=check),
        folder / f"{stem}.md": render.report_markdown(t, result, language, history=history,
                                                      check=check),
        folder / f"{stem}.json": render.report_json(t, result, language, history=history,
                                                    check=check),
    }
    write_all(files, project.inputs)
    for path in files:
        _say(f"{path}: written")


# Command groups kept in modules of their own; each registers its commands on `app`.
from planner.cli import check as cli_check  # noqa: E402 - they use the helpers above
from planner.cli import exchange as cli_exchange  # noqa: E402

cli_exchange.register(app)
cli_check.register(app)


# -- the one error boundary ------------------------------------------------------------------

# Markers our outputs use, and what a console that cannot show them gets instead.
PLAIN = {"★": "*", "▸": ">", "…": "...", "→": "->", "←": "<-", "—": "-", "–": "-", "Δ": "d",
         "✓": "v", "✗": "x", "•": "*", "≤": "<=", "≥": ">=", "·": ".", "─": "-", "│": "|"}


def _plain(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    bad = exc.object[exc.start:exc.end]
    return "".join(PLAIN.get(c, "?") for c in bad), exc.end


codecs.register_error("planner.plain", _plain)


def _console_safe() -> None:
    """Characters the console's encoding lacks (a GBK console: ▸ ✓) print as plain ones."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            with contextlib.suppress(ValueError, OSError):  # a closed or odd stream
                stream.reconfigure(errors="planner.plain")


def _report_errors(diagnostics: Sequence[Diagnostic]) -> None:
    _warn(diagnostics)
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    _say(f"{errors} error(s); nothing was changed.", err=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; every expected failure becomes a message and an exit code."""
    _console_safe()
    command = typer.main.get_command(_app_for(sys.argv[1:] if argv is None else argv))
    try:
        code = command.main(args=argv, prog_name="planner", standalone_mode=False)
    except _CLICK_ERROR as exc:  # usage errors: 2
        exc.show()  # type: ignore[attr-defined]
        return int(exc.exit_code)  # type: ignore[attr-defined]
    except typer.Abort:
        _say("interrupted", err=True)
        return 130
    except KeyboardInterrupt:
        _say("interrupted", err=True)
        return 130
    except PlanError as exc:
        _report_errors(exc.diagnostics)
        return 1
    except OutputError as exc:
        _say(f"error: {exc}", err=True)
        return 1
    except BrokenPipeError:  # `planner … | head`: the reader left; not our failure
        sys.stderr.close()
        return 0
    if code == 130:  # typer turns an interrupt inside a command into exit code 130
        _say("interrupted", err=True)
    return code if isinstance(code, int) else 0


def _app_for(argv: Sequence[str]) -> typer.Typer:
    """The app, or when ``argv`` starts with a command's name, an app of that command only.

    typer builds a click command from every command function's signature before it runs
    the one asked for (about 20 ms, on every run); the group's own help and its did-you-mean
    for a mistyped command need them all, a named command needs only itself.
    """
    chosen = [c for c in app.registered_commands
              if argv and _command_name(c.name, c.callback) == argv[0]]
    if not chosen:
        return app
    only = _new_app()
    only.registered_callback = app.registered_callback
    only.registered_commands = chosen
    return only


def _command_name(name: str | None, callback: object) -> str:
    return typer.main.get_command_name(name or str(getattr(callback, "__name__", "")))


def run() -> None:
    """Console-script entry point."""
    leave(main())


def leave(code: int) -> NoReturn:
    """End the process with ``code``, skipping the interpreter's teardown.

    By now every output is written and closed; what is left is freeing some 400 modules
    and the plan's objects one by one, 30-40 ms of a 0.4 s run. Exit handlers still run
    (a library's, or a coverage tool's), and the standard streams are flushed.
    """
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe or stream
            if stream is not None:
                stream.flush()
    os._exit(code)
