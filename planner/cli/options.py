"""What the commands share: options and arguments, one `--format` vocabulary, printing, and
the one way a document leaves the program (`emit`, `deliver`).

Light on purpose: the command line imports this at start-up; the core, renderers and
spreadsheet libraries are imported inside the functions that need them.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Collection, Sequence
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import click
import typer

from planner.domain.diagnostics import Diagnostic
from planner.domain.model import MAX_ITERATIONS, MAX_SEED, Spread
from planner.domain.values import parse_band, parse_date
from planner.domain.vocab import Distribution, Lang, Logic
from planner.support.safewrite import OutputError, remove_stale_temps, stream_of, write_atomic
from planner.support.sanitize import printable

if TYPE_CHECKING:  # the core loads numpy and PyYAML: only the commands that run import it
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


F = OutputFormat
TABULAR = (F.table, F.json, F.csv, F.md, F.xlsx, F.html)  # a result with one table of rows
FILE_FORMATS = (F.xlsx, F.html)  # written to reports/ unless -o says otherwise


def format_option(*formats: OutputFormat, help: str = "Output format.") -> Any:
    """The `--format/-f` option of a command that offers ``formats``."""
    return typer.Option("--format", "-f", help=help,
                        click_type=click.Choice([f.value for f in formats]))


def parse_day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def band_of(value: str | None) -> tuple[Spread, Spread] | None:
    if value is None:
        return None
    try:
        return parse_band(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


PlanArg = Annotated[Path, typer.Argument(help="Plan folder (or its plan.yaml).",
                                         show_default=False)]
LangOpt = Annotated[Lang | None, typer.Option(
    "--lang", help="Language of labels; default: the plan's `lang`.")]
AtOpt = Annotated[date | None, typer.Option(
    "--at", parser=parse_day, metavar="DATE", show_default=False,
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
    "--seed", min=0, max=MAX_SEED, help="Random seed (0 or more), for a reproducible run.",
    show_default=False)]
BandOpt = Annotated[str | None, typer.Option(
    "--band", metavar="LOW,HIGH", show_default=False,
    help="Uncertainty of tasks without an estimate, e.g. -10%,+40% or -2d,+8d; default: "
    "the plan's `risk: default`.")]
DistributionOpt = Annotated[Distribution | None, typer.Option(
    "--distribution", show_default=False,
    help="Distribution for tasks without their own; default: the plan's `risk: distribution`.")]


def lang_of(lang: Lang | None, project: Project) -> str:
    return (lang or Lang(project.plan.lang)).value


def logic_of(logic: Logic | None) -> str | None:
    return logic.value if logic else None


# -- printing ------------------------------------------------------------------------------------


def say(text: str = "", err: bool = False, nl: bool = True) -> None:
    """Print for a person: user text in it cannot send control sequences to the terminal."""
    typer.echo(printable(text), err=err, nl=nl)


def warn(diagnostics: Sequence[Diagnostic], lang: str = "en") -> None:
    for d in diagnostics:
        say(d.render(lang), err=True)


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


def emit(project: Project | None, data: str | bytes, output: Path | None, *,
         document: bool = True, default: str | None = None, said: str = "written") -> None:
    """Text or bytes to ``output`` ('-', /dev/stdout, /dev/stderr: into that stream,
    whatever it is redirected to); without it, to reports/``default`` when given, else to
    standard output: a ``document`` (or bytes) as UTF-8 bytes, text for people through the
    console. A file written is named on standard error: '<file>: ``said``'."""
    inputs = project.inputs if project is not None else ()
    if output is None and default is not None:
        output = in_reports(default)
    stream = stream_of(output) if output is not None else None
    if output is not None and stream != 1:
        write_atomic(output, data, inputs)
        if stream is None:
            say(f"{output}: {said}", err=True)
    elif isinstance(data, bytes):
        stdout_binary(data)
    elif document or output is not None:
        stdout_text(data)
    else:
        say(data, nl=False)


def columns_for(fmt: OutputFormat) -> int | None:
    """The terminal's width for a table for people; None for a document."""
    return terminal_columns() if fmt is OutputFormat.table else None


def deliver(project: Project | None, doc: Document, fmt: OutputFormat, output: Path | None,
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
    for folder in (project.folder, project.folder / "status"):
        remove_stale_temps(folder)  # and finish what a killed run left half done
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


def output_folder(folder: Path) -> Path:
    """An output folder, made when missing if the folder it goes in exists."""
    if stream_of(folder) is not None:
        raise OutputError(f"{folder} is a stream, not a folder; this command writes several "
                          "files: name a folder")
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
    remove_stale_temps(folder)
    return folder


def set_aside(folder: Path, files: Collection[Path]) -> None:
    """Before a plan is imported over the one in ``folder``: move that plan's snapshots and
    baseline which the import does not replace into a dated backup folder, and say so.
    Left in place they would be read against the new plan (a review of 77 errors)."""
    import shutil
    from datetime import datetime

    replaced = {os.path.normcase(os.path.abspath(p)) for p in files}
    status = folder / "status"
    old = [p for p in ([*sorted(status.iterdir())] if status.is_dir() else [])
           if p.suffix in (".yaml", ".yml") and not p.name.startswith(".")]
    old += [folder / "baseline.yaml"] if (folder / "baseline.yaml").exists() else []
    left = [p for p in old if os.path.normcase(os.path.abspath(p)) not in replaced]
    if not left or not (folder / "plan.yaml").exists():
        return
    backup = folder / f"backup-{datetime.now():%Y-%m-%dT%H%M%S}"
    try:
        for path in left:
            to = backup / path.relative_to(folder)
            to.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(path, to)
    except OSError as exc:
        raise OutputError(f"cannot move the replaced plan's files into {backup}: "
                          f"{exc.strerror or exc}") from None
    say(f"{backup}: the replaced plan's {len(left)} file(s) moved here "
        f"({', '.join(str(p.relative_to(folder)) for p in left[:3])}"
        f"{', …' if len(left) > 3 else ''}): they would be read against the new plan",
        err=True)


def reports_folder() -> Path:
    return output_folder(Path("reports"))


def in_reports(name: str) -> Path:
    return reports_folder() / name
