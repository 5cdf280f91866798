"""`planner export` and `planner import`: plans to and from MS Project XML, spreadsheets
and calendars. Registered on the command line by `planner.cli.main`."""

import re
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from planner.project import Project


class ExportFormat(StrEnum):
    mspdi = "mspdi"
    xlsx = "xlsx"
    ics = "ics"


SUFFIX = {ExportFormat.mspdi: "xml", ExportFormat.xlsx: "xlsx", ExportFormat.ics: "ics"}
WHAT = {ExportFormat.mspdi: "MS Project XML", ExportFormat.xlsx: "plan workbook",
        ExportFormat.ics: "calendar"}
IMPORTABLE = {".xml": "mspdi", ".xlsx": "table", ".csv": "table"}


def _slug(name: str) -> str:
    """A plan id from a folder name: lower case, a-z 0-9 _ - only."""
    slug = re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-")
    return slug or "imported"


def _put(project: "Project | None", data: bytes, output: Path, message: str) -> None:
    """Write ``data`` to ``output`` ('-' is standard output) and say what was written."""
    from planner.cli.options import _say, stdout_binary
    from planner.support.safewrite import write_atomic

    if str(output) == "-":
        stdout_binary(data)
        return
    write_atomic(output, data, project.inputs if project is not None else ())
    _say(f"{output}: {message}", err=True)


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    from planner.cli.options import AtOpt, LangOpt, PlanArg

    @app.command("export")
    def export_command(
        plan: PlanArg,
        fmt: Annotated[ExportFormat, typer.Option(
            "--format", "-f", help="mspdi: MS Project XML; xlsx: the plan as a table for "
            "Excel/WPS; ics: deadlines and milestones as calendar events.")
        ] = ExportFormat.mspdi,
        output: Annotated[Path | None, typer.Option(
            "--output", "-o", show_default=False,
            help="File to write (default: reports/<plan>[-<date>].<xml|xlsx|ics>; "
            "'-' = standard output).")] = None,
        at: AtOpt = None,
        lang: LangOpt = None,
    ) -> None:
        """Write the plan for another program: MS Project, a spreadsheet or a calendar.

        With --at, the file also carries the snapshot on or before that day: MS Project
        XML the forecast dates, progress and the baseline; the calendar the forecast.
        """
        from planner.cli.options import _lang, _open, _reports, _warn

        if at is not None and fmt is ExportFormat.xlsx:
            raise typer.BadParameter("the plan table holds the plan, not progress; leave "
                                     "out --at (forms: `planner forms`)", param_hint="--at")
        project = _open(plan)
        language = _lang(lang, project)
        day = project.require_snapshot(at).date if at is not None else None
        if day is not None:
            _warn(project.snapshot_warnings)
        count = len(project.plan.tasks)
        if fmt is ExportFormat.mspdi:
            from planner.exchange.mspdi import export_mspdi

            data = export_mspdi(project, day, language)
            message = f"{WHAT[fmt]} written ({count} tasks" + (
                f", progress and baseline at {day})" if day else ")")
        elif fmt is ExportFormat.xlsx:
            from planner.exchange.table import export_table

            data = export_table(project, language)
            message = f"{WHAT[fmt]} written ({count} tasks)"
        else:
            from planner.exchange.ics import export_ics

            data, events = export_ics(project, day, language)
            message = f"{WHAT[fmt]} written ({events} events" + (
                f", forecast at {day})" if day else ")")
        stem = f"{project.plan.id}-{day}" if day else project.plan.id
        target = output or _reports() / f"{stem}.{SUFFIX[fmt]}"
        _put(project, data, target, message)

    @app.command("import")
    def import_command(
        file: Annotated[Path, typer.Argument(
            help="MS Project XML (.xml), or a task table (.xlsx, .csv).",
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
        from planner.cli.options import _folder, _say, _warn
        from planner.domain.diagnostics import Diagnostic, Location, PlanError
        from planner.support.safewrite import OutputError, write_all

        kind = IMPORTABLE.get(file.suffix.lower())
        if kind is None:
            raise typer.BadParameter(
                f"{file}: cannot tell the format from '{file.suffix or 'no suffix'}'; give an "
                "MS Project XML (.xml) or a table (.xlsx, .csv)", param_hint="FILE")
        if not file.is_file():
            raise PlanError([Diagnostic("file", "no such file" if not file.exists()
                                        else "not a regular file", Location(str(file)))])
        if output.exists() and not output.is_dir():
            raise OutputError(f"cannot write the plan into {output}: it is a file, not a "
                              "folder")
        fallback = _slug(output.resolve().name)
        if kind == "mspdi":
            from planner.exchange.mspdi import MAX_BYTES, import_mspdi

            if file.stat().st_size > MAX_BYTES:
                raise PlanError([Diagnostic(
                    "too-large", f"the file is {file.stat().st_size / 2**20:.0f} MiB; at most "
                    f"{MAX_BYTES // 2**20} MiB are read", Location(str(file)))])
            imported = import_mspdi(file.read_bytes(), str(file), fallback)
        else:
            from planner.exchange.table import import_table

            imported = import_table(file, fallback)
        existing = [output / name for name in imported.files if (output / name).exists()]
        if existing and not force:
            more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
            raise OutputError(f"{existing[0]} exists{more}; re-run with --force to replace "
                              f"{'it' if len(existing) == 1 else 'them'}")
        folder = _folder(output)
        if any(name.startswith("status/") for name in imported.files):
            _folder(folder / "status")
        _warn(imported.warnings)
        files: dict[Path, str | bytes] = {folder / n: t for n, t in imported.files.items()}
        write_all(files, (file,))
        for path in files:
            _say(f"{path}: written")
        extra = []
        if imported.status_date:
            extra.append(f"progress at {imported.status_date}")
        if imported.baseline_tasks:
            extra.append(f"baseline of {imported.baseline_tasks} tasks")
        warned = f", {len(imported.warnings)} warning(s)" if imported.warnings else ""
        _say(f"{len(imported.plan.tasks)} tasks imported from {file}"
             + (f" ({', '.join(extra)})" if extra else "") + warned, err=True)
