"""What the commands share: options and arguments, one `--format` vocabulary, printing, and
the one way a document leaves the program (`emit`, `deliver`).

Light on purpose: the command line imports this at start-up; the core, renderers and
spreadsheet libraries are imported inside the functions that need them.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Protocol

import click
import typer

from planner.cli.language import speak_plan, speech
from planner.domain.diagnostics import Diagnostic
from planner.domain.model import MAX_ITERATIONS, MAX_SEED, Spread
from planner.domain.values import parse_band, parse_date
from planner.domain.vocab import Distribution, Lang, Logic
from planner.i18n.labels import label
from planner.support.safewrite import OutputError, remove_stale_temps, stream_of, write_atomic
from planner.support.sanitize import printable

if TYPE_CHECKING:  # the core loads numpy and PyYAML: only the commands that run import it
    from planner.exchange.plans import SetAside
    from planner.project import Project
    from planner.render.document import Document


class OutputFormat(StrEnum):
    """Every output format; each command offers those its result has a form for."""

    table = "table"  # for people, on a terminal
    text = "text"  # `validate`'s messages
    json = "json"
    csv = "csv"
    md = "md"
    xlsx = "xlsx"
    html = "html"
    docx = "docx"  # `report`'s progress notice


F = OutputFormat
TABULAR = (F.table, F.json, F.csv, F.md, F.xlsx, F.html)  # a result with one table of rows
FILE_FORMATS = (F.xlsx, F.html)  # written to reports/ unless -o says otherwise


def format_option(*formats: OutputFormat, help: str = "cli.opt.format") -> Any:
    """The `--format/-f` option of a command that offers ``formats``."""
    return typer.Option("--format", "-f", help=help,
                        click_type=click.Choice([f.value for f in formats]))


def parse_day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:  # the library's sentence is English: a Chinese one of ours
        raise typer.BadParameter(said("cli.bad_date", value=value) if speech() == "zh"
                                 else str(exc)) from None


def band_of(value: str | None) -> tuple[Spread, Spread] | None:
    if value is None:
        return None
    try:
        return parse_band(value)
    except ValueError as exc:
        raise typer.BadParameter(said("cli.bad_band", value=value) if speech() == "zh"
                                 else str(exc)) from None


# Help texts are label keys of the i18n tables' `cli` area (planner/i18n/cli.py), put in the
# run's language when the command is built (language.localize).
PlanArg = Annotated[Path, typer.Argument(help="cli.opt.plan", show_default=False)]
LangOpt = Annotated[Lang | None, typer.Option("--lang", help="cli.opt.lang")]
AtOpt = Annotated[date | None, typer.Option(
    "--at", parser=parse_day, metavar="DATE", show_default=False, help="cli.opt.at")]
LogicOpt = Annotated[Logic | None, typer.Option(
    "--logic", help="cli.opt.logic", show_default=False)]
OutputOpt = Annotated[Path | None, typer.Option(
    "--output", "-o", help="cli.opt.output", show_default=False)]
IterationsOpt = Annotated[int | None, typer.Option(
    "--iterations", "-n", min=1, max=MAX_ITERATIONS, show_default=False,
    help="cli.opt.iterations")]
SeedOpt = Annotated[int | None, typer.Option(
    "--seed", min=0, max=MAX_SEED, help="cli.opt.seed", show_default=False)]
BandOpt = Annotated[str | None, typer.Option(
    "--band", metavar="LOW,HIGH", show_default=False, help="cli.opt.band")]
DistributionOpt = Annotated[Distribution | None, typer.Option(
    "--distribution", show_default=False, help="cli.opt.distribution")]


def lang_of(lang: Lang | None, project: Project) -> str:
    return (lang or Lang(project.plan.lang)).value


def logic_of(logic: Logic | None) -> str | None:
    return logic.value if logic else None


# -- printing ------------------------------------------------------------------------------------


def say(text: str = "", err: bool = False, nl: bool = True) -> None:
    """Print for a person: user text in it cannot send control sequences to the terminal."""
    typer.echo(printable(text), err=err, nl=nl)


def warn(diagnostics: Sequence[Diagnostic], lang: str | None = None) -> None:
    for d in diagnostics:
        say(d.render(lang or speech()), err=True)


def said(key: str, **values: object) -> str:
    """The label ``key`` in the language of this run (see language)."""
    return label(key, speech(), **values)


def stdout_text(text: str) -> None:
    """A document for other programs (CSV, JSON, Markdown) goes out as UTF-8, whatever the
    console's encoding: a GBK console redirected to a file must still give a UTF-8 file."""
    _require_stdout()
    if getattr(sys.stdout, "buffer", None) is None:  # a text-only stream (embedding hosts)
        sys.stdout.write(text)
    else:
        stdout_binary(text.encode("utf-8"))


def _require_stdout() -> None:
    if sys.stdout is None:  # started with its standard output closed (`>&-`)
        raise OutputError(said("cli.out.closed"))


def stdout_binary(data: bytes) -> None:
    """A document's bytes to standard output; a workbook (a zip file) only to a pipe or a
    file, not to a terminal, where its bytes would be garbage and control sequences."""
    _require_stdout()
    if data.startswith(b"PK\x03\x04") and sys.stdout.isatty():
        raise OutputError.said("output.binary")
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


class HasInputs(Protocol):
    """A plan or a portfolio: the files no output may replace."""

    @property
    def inputs(self) -> tuple[Path, ...]: ...


def emit(project: HasInputs | None, data: str | bytes, output: Path | None, *,
         document: bool = True, default: str | None = None, written: str = "") -> None:
    """Text or bytes to ``output`` ('-', /dev/stdout, /dev/stderr: into that stream,
    whatever it is redirected to); without it, to reports/``default`` when given, else to
    standard output: a ``document`` (or bytes) as UTF-8 bytes, text for people through the
    console. A file written is named on standard error: '<file>: written', or ``written``
    (a line of the run's language naming the file) when given."""
    inputs = project.inputs if project is not None else ()
    if output is None and default is not None:
        output = in_reports(default)
    stream = stream_of(output) if output is not None else None
    if output is not None and stream != 1:
        write_atomic(output, data, inputs)
        if stream is None:
            say(written or said("cli.written", path=output), err=True)
    elif isinstance(data, bytes):
        stdout_binary(data)
    elif document or output is not None:
        stdout_text(data)
    else:
        say(data, nl=False)


def columns_for(fmt: OutputFormat) -> int | None:
    """The terminal's width for a table for people; None for a document."""
    return terminal_columns() if fmt is OutputFormat.table else None


def deliver(project: HasInputs | None, doc: Document, fmt: OutputFormat, output: Path | None,
            stem: str) -> None:
    """The one dispatch from a view and a format to its writer and out: a workbook or a
    page goes to reports/``stem``.<format> unless -o says otherwise."""
    from planner.render.writers import write

    emit(project, write(doc, fmt.value), output, document=fmt is not OutputFormat.table,
         default=f"{stem}.{fmt.value}" if fmt in FILE_FORMATS else None)


def terminal_columns() -> int:
    import shutil

    return max(shutil.get_terminal_size((100, 24)).columns, 80)


# -- the plan folder and the outputs' folders --------------------------------------------------


def open_project(plan: Path) -> Project:
    from planner.project import Project

    project = Project.open(plan)
    speak_plan(project.plan.lang)  # when its header could not tell before
    for folder in (project.folder, project.folder / "status", project.folder / "sent"):
        remove_stale_temps(folder)  # and finish what a killed run left half done
    _freeze_until_done()
    return project


def joined(project: Project, at: date | None = None, logic: str | None = None,
           planned: bool = False, notes: bool = True) -> Project:
    """A plan that waits on tasks of other plans, reviewed alone: those tasks' last known
    dates (their plans at the same data date, found around the plan folder; ``planned``:
    their planned dates, for the plan's own schedule) as dated constraints, each that
    holds work back said on standard error (planner.portfolio.alone) unless ``notes`` is
    False (a review that says it in its own output)."""
    if not project.plan.waits:
        return project
    from planner.analysis.portfolio import wait_bounds
    from planner.portfolio import alone
    from planner.project import Project
    from planner.render.fmt import long_date

    found = alone(project, at, logic)
    warn(found.missing)
    lang = speech()
    result = Project(found.project.planned) if planned else found.project
    known = found.planned if planned else found.known
    snap = None if planned else result.snapshot(at)
    waits = wait_bounds(project.plan, project.calendar, known)[1] if planned else found.waits
    for w in waits if notes else ():
        k = known.get((w.other_plan, w.other_task))
        if k is None or w.start is None or (snap is not None and w.start <= snap.date) or \
                project.calendar.on_or_after(w.start) <= project.calendar.on_or_after(
                    project.plan.start):
            continue  # not found (warned), or it holds nothing back (any more)
        say(said("cli.portfolio.held", task=project.plan.task(w.task).name,
                 plan=k.plan_name, other=k.name,
                 owner=said("cli.portfolio.owner", owner=k.owner) if k.owner else "",
                 verb=said(f"rollup.cause.verb.{w.type}"),
                 basis=said(f"rollup.basis.{w.basis}"), day=long_date(w.other_date, lang),
                 start=long_date(w.start, lang)), err=True)
    return result


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


def output_folder(folder: Path) -> Path:
    """An output folder, made when missing if the folder it goes in exists."""
    if stream_of(folder) is not None:
        raise OutputError(said("cli.stream_folder", path=folder))
    try:
        folder.mkdir(exist_ok=True)
    except FileExistsError:
        raise OutputError(said("cli.folder.is_file", path=folder)) from None
    except FileNotFoundError:
        raise OutputError(said("cli.folder.no_parent", path=folder, parent=folder.parent)
                          ) from None
    except OSError as exc:
        raise OutputError(said("cli.folder.cannot", path=folder, reason=exc.strerror)
                          ) from None
    if not folder.is_dir():
        raise OutputError(said("cli.folder.not_folder", path=folder))
    remove_stale_temps(folder)
    return folder


def say_set_aside(moved: SetAside | None) -> None:
    """Say where an import moved the replaced plan's snapshots and baseline, if it did
    (planner.exchange.plans.set_aside)."""
    if moved is None:
        return
    names = [str(p) for p in moved.files[:3]] + (["…"] if len(moved.files) > 3 else [])
    say(said("cli.set_aside", path=moved.backup, count=len(moved.files),
             files=label("list_sep", speech()).join(names)), err=True)


def reports_folder() -> Path:
    return output_folder(Path("reports"))


def in_reports(name: str) -> Path:
    return reports_folder() / name
