"""`planner export` and `planner import`: plans to and from MS Project XML, spreadsheets
and calendars. Registered on the command line by `planner.cli.main`."""

import re
from pathlib import Path
from typing import Annotated

import click
import typer

from planner import exchange


def _about(formats: tuple[exchange.Format, ...]) -> str:
    return "; ".join(f"{f.name}: {f.about[1]}" for f in formats)


def _kinds() -> str:
    return ", ".join(f"{f.describe()} ({', '.join(f.suffixes)})" for f in exchange.readers())


def _slug(name: str) -> str:
    """A plan id from a folder name: lower case, a-z 0-9 _ - only."""
    slug = re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-")
    return slug or "imported"


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    from planner.cli.options import AtOpt, LangOpt, PlanArg

    @app.command("export")
    def export_command(
        plan: PlanArg,
        fmt: Annotated[str, typer.Option(
            "--format", "-f", click_type=click.Choice([f.name for f in exchange.writers()]),
            help=_about(exchange.writers()) + ".")] = "mspdi",
        output: Annotated[Path | None, typer.Option(
            "--output", "-o", show_default=False,
            help="File to write (default: reports/<plan>[-<date>]."
            f"<{'|'.join(f.suffix for f in exchange.writers())}>; "
            "'-' = standard output).")] = None,
        at: AtOpt = None,
        lang: LangOpt = None,
    ) -> None:
        """Write the plan for another program: MS Project, a spreadsheet or a calendar.

        With --at, the file also carries the snapshot on or before that day: MS Project
        XML the forecast dates, progress and the baseline; the calendar the forecast.
        """
        from planner.cli.options import emit, lang_of, open_project, reports_folder, warn

        kind = exchange.get(fmt)
        if at is not None and kind.at is None:
            raise typer.BadParameter(f"the {kind.describe()} holds the plan, not progress; "
                                     "leave out --at (forms: `planner forms`)",
                                     param_hint="--at")
        project = open_project(plan)
        language = lang_of(lang, project)
        day = project.require_snapshot(at).date if at is not None else None
        if day is not None:
            warn(project.snapshot_warnings)
        written = kind.write(project, day, language)
        message = f"{kind.describe()} written ({written.count} {kind.counts}" + (
            f", {kind.at[1]} at {day})" if day and kind.at else ")")
        stem = f"{project.plan.id}-{day}" if day else project.plan.id
        target = output or reports_folder() / f"{stem}.{kind.suffix}"
        emit(project, written.data, target, said=message)  # '-', /dev/stdout: the stream

    @app.command("import")
    def import_command(
        file: Annotated[Path, typer.Argument(
            help=_kinds() + "; told by its content, else by its suffix.",
            show_default=False)],
        output: Annotated[Path, typer.Option(
            "--output", "-o", help="The plan folder to write (plan.yaml, and status/ and "
            "baseline.yaml when the file holds progress and a baseline).",
            show_default=False)],
        force: Annotated[bool, typer.Option(
            "--force", help="Replace the plan.yaml (snapshot, baseline.yaml) already there.")
        ] = False,
    ) -> None:
        """Make a plan folder from MS Project XML or a spreadsheet table.

        What the plan format has no place for is a warning naming the task. Nothing is
        written unless every file written reads back as a valid plan.
        """
        from planner.cli.options import output_folder, say, set_aside, warn
        from planner.domain.diagnostics import Diagnostic, Location, PlanError, Severity
        from planner.support.safewrite import OutputError, write_all

        if not file.is_file():
            raise PlanError([Diagnostic.said(
                "file", "import.missing" if not file.exists() else "import.not_file",
                Location(str(file)))])
        try:
            kind = exchange.detect(file)
        except exchange.Unknown as exc:
            raise typer.BadParameter(str(exc), param_hint="FILE") from None
        except exchange.Unreadable as exc:
            raise PlanError([exc.diagnostic("format")]) from None
        except OSError as exc:
            raise PlanError([Diagnostic.said("file", "import.unreadable", Location(str(file)),
                                             reason=exc.strerror or str(exc))]) from None
        if output.exists() and not output.is_dir():
            raise OutputError.said("output.import_into_file", output=output)
        named = exchange.by_suffix(file)
        if named is not None and named.reads and named.reader != kind.reader:
            warn([Diagnostic.said("format", "import.read_as", Location(str(file)),
                                  severity=Severity.WARNING, content=kind, named=named)])
        imported = kind.read(file, _slug(output.resolve().name))
        existing = [output / name for name in imported.files if (output / name).exists()]
        if existing and not force:
            if len(existing) == 1:
                raise OutputError.said("output.import_exists", path=existing[0])
            raise OutputError.said("output.import_exist", path=existing[0],
                                   more=len(existing) - 1)
        folder = output_folder(output)
        if any(name.startswith("status/") for name in imported.files):
            output_folder(folder / "status")
        warn(imported.warnings, imported.plan.lang)
        files: dict[Path, str | bytes] = {folder / n: t for n, t in imported.files.items()}
        set_aside(folder, files)
        write_all(files, (file,), own=folder)
        for path in files:
            say(f"{path}: written")
        extra = []
        if imported.status_date:
            extra.append(f"progress at {imported.status_date}")
        if imported.baseline_tasks:
            extra.append(f"baseline of {imported.baseline_tasks} tasks")
        warned = f", {len(imported.warnings)} warning(s)" if imported.warnings else ""
        say(f"{len(imported.plan.tasks)} tasks imported from {file}"
             + (f" ({', '.join(extra)})" if extra else "") + warned, err=True)
