"""`planner export` and `planner import`: plans to and from MS Project XML, spreadsheets
and calendars. Registered on the command line by `planner.cli.main`."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import click
import typer

from planner import exchange

if TYPE_CHECKING:
    from planner.exchange.imported import Imported


def _about(lang: str) -> dict[str, object]:
    """What `export --format` offers, for its help in ``lang``."""
    from planner.i18n.labels import label

    return {"formats": label("clause_sep", lang).join(
        f"{f.name}: {f.about[0 if lang == 'zh' else 1]}" for f in exchange.writers()),
        "suffixes": "|".join(f.suffix for f in exchange.writers())}


def _kinds(lang: str) -> dict[str, object]:
    """What `import` reads, for its help in ``lang``."""
    from planner.i18n.labels import label

    return {"kinds": label("list_sep", lang).join(
        f"{f.describe(lang)} ({', '.join(f.suffixes)})" for f in exchange.readers())}


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    from planner.cli.language import HELP_VALUES
    from planner.cli.options import AtOpt, LangOpt, PlanArg

    HELP_VALUES.update({"cli.export.format": _about, "cli.export.output": _about,
                        "cli.import.file": _kinds})

    @app.command("export", help="cli.export")
    def export_command(
        plan: PlanArg,
        fmt: Annotated[str, typer.Option(
            "--format", "-f", click_type=click.Choice([f.name for f in exchange.writers()]),
            help="cli.export.format")] = "mspdi",
        output: Annotated[Path | None, typer.Option(
            "--output", "-o", show_default=False, help="cli.export.output")] = None,
        at: AtOpt = None,
        lang: LangOpt = None,
    ) -> None:
        """The plan for another program: MS Project, a spreadsheet or a calendar."""
        from planner.cli.language import speech
        from planner.cli.options import (
            emit,
            joined,
            lang_of,
            open_project,
            reports_folder,
            said,
            warn,
        )

        kind = exchange.get(fmt)
        if at is not None and kind.at is None:
            raise typer.BadParameter(said("cli.export.at_refused",
                                          what=kind.describe(speech())), param_hint="--at")
        # a task that waits on another plan's starts no earlier than its date (the
        # forecast's at a data date, the planned one without): written as a constraint
        project = joined(open_project(plan), at, planned=at is None)
        language = lang_of(lang, project)
        day = project.require_snapshot(at).date if at is not None else None
        if day is not None:
            warn(project.snapshot_warnings)
        written = kind.write(project, day, language)
        stem = f"{project.plan.id}-{day}" if day else project.plan.id
        target = output or reports_folder() / f"{stem}.{kind.suffix}"
        spoken, counts = speech(), said(f"cli.count.{kind.counts}")
        message = said("cli.export.written_at", path=target, what=kind.describe(spoken),
                       count=written.count, counts=counts,
                       at=kind.at[0 if spoken == "zh" else 1], date=day) \
            if day and kind.at else said("cli.export.written", path=target,
                                         what=kind.describe(spoken), count=written.count,
                                         counts=counts)
        emit(project, written.data, target, written=message)  # '-', /dev/stdout: the stream

    @app.command("import", help="cli.import")
    def import_command(
        file: Annotated[Path, typer.Argument(help="cli.import.file", show_default=False)],
        output: Annotated[Path, typer.Option(
            "--output", "-o", help="cli.import.output", show_default=False)],
        force: Annotated[bool, typer.Option("--force", help="cli.import.force")] = False,
        dry_run: Annotated[bool, typer.Option("--dry-run", help="cli.import.dry_run")] = False,
        field: Annotated[list[str] | None, typer.Option(
            "--field", help="cli.import.field", show_default=False)] = None,
    ) -> None:
        """Make a plan folder from MS Project XML or a spreadsheet table.

        What the plan format has no place for is a warning naming the task. Nothing is
        written unless every file written reads back as a valid plan. A plan table imported
        over its plan (--force) changes only what the table changes, and lists it.
        """
        from planner.cli.options import output_folder, said, say, say_set_aside, warn
        from planner.domain.diagnostics import Diagnostic, Location, PlanError, Severity
        from planner.exchange import plans
        from planner.i18n.labels import label
        from planner.support.safewrite import OutputError, folder_lock

        try:
            kind = plans.detect_file(file)
        except exchange.Unknown as exc:
            raise typer.BadParameter(str(exc), param_hint="FILE") from None
        except exchange.Unreadable as exc:
            raise PlanError([exc.diagnostic("format")]) from None
        except OSError as exc:
            raise PlanError([Diagnostic.said("file", "import.unreadable", Location(str(file)),
                                             reason=exc.strerror or str(exc))]) from None
        fields = _fields(field or [], kind)
        if output.exists() and not output.is_dir():
            raise OutputError.said("output.import_into_file", output=output)
        named = exchange.by_suffix(file)
        if named is not None and named.reads and named.reader != kind.reader and \
                not kind.needs_mpxj:  # P6 XML is .xml too: its refusal says enough
            warn([Diagnostic.said("format", "import.read_as", Location(str(file)),
                                  severity=Severity.WARNING, content=kind, named=named)])
        try:
            imported = kind.read(file, plans.plan_id_for(output),
                                 **({"fields": fields} if fields else {}))
        except exchange.Unreadable as exc:  # a file MPXJ reads, and MPXJ is not there
            raise PlanError([exc.diagnostic("format")]) from None
        if imported.table is not None and (output / "plan.yaml").is_file():
            if dry_run:
                merged = _merge_table(file, output, imported, force, dry_run)
            else:
                with folder_lock(output):  # read, merged and written, no writer in between
                    merged = _merge_table(file, output, imported, force, dry_run)
            if merged:
                return
        if not force and not dry_run:
            plans.refuse_existing(imported, output)
        warn(imported.warnings, imported.plan.lang)
        if dry_run:
            for name in imported.files:
                say(f"{output / name}: {label('x.dry_run.would', imported.plan.lang)}")
            say(label("x.dry_run.none", imported.plan.lang), err=True)
            return
        folder = output_folder(output)
        files, moved = plans.write_folder(imported, file, folder)
        say_set_aside(moved)
        for path in files:
            say(said("cli.written", path=path))
        extra = []
        if imported.status_date:
            extra.append(said("cli.import.progress", date=imported.status_date))
        if imported.baseline_tasks:
            extra.append(said("cli.import.baseline", tasks=imported.baseline_tasks))
        warned = said("cli.import.warned", count=len(imported.warnings)) \
            if imported.warnings else ""
        say(said("cli.import.done", tasks=len(imported.plan.tasks), file=file, warned=warned,
                 extra=said("cli.import.extra", list=said("list_sep").join(extra))
                 if extra else ""), err=True)


def _fields(given: list[str], kind: exchange.Format) -> dict[str, str]:
    """`--field owner=Text3`, each given: plan field -> the file's custom field."""
    from planner.cli.options import said

    out: dict[str, str] = {}
    for item in given:
        what, sep, spec = item.partition("=")
        what, spec = what.strip().lower(), spec.strip()
        if not sep or not what or not spec:
            raise typer.BadParameter(said("cli.import.field_form", value=item),
                                     param_hint="--field")
        if what in out:
            raise typer.BadParameter(said("cli.import.field_twice", what=what),
                                     param_hint="--field")
        out[what] = spec
    if out and "fields" not in kind.options:
        from planner.cli.language import speech

        raise typer.BadParameter(said("cli.import.field_format", what=kind.describe(speech())),
                                 param_hint="--field")
    return out


def _write(files: dict[Path, str | bytes], source: Path, folder: Path) -> None:
    """The one write of `planner import`: every file at once, or none (the source file is
    never overwritten)."""
    from planner.support.safewrite import write_all

    write_all(files, (source,), own=folder)


def _merge_table(file: Path, output: Path, imported: "Imported", force: bool,
                 dry_run: bool) -> bool:
    """A plan table over the plan in ``output``: its changes merged into plan.yaml (see
    planner.exchange.table_merge), listed in the plan's language. False when the table is
    another plan's, which replaces the plan (as MS Project XML does) instead."""
    from planner.cli.options import open_project, say, warn
    from planner.exchange.table_merge import change_lines, merge_table, other_plan
    from planner.i18n.labels import label
    from planner.support.safewrite import OutputError

    project = open_project(output)
    lang = project.plan.lang
    other = other_plan(project, imported)
    if other is not None:
        say(other.render(lang), err=True)
        return False
    path = output / "plan.yaml"
    if not force and not dry_run:
        raise OutputError(label("x.merge.force", lang, file=str(path)))
    warn(imported.warnings)
    merge = merge_table(project, imported)
    names = {t.id: t.name for t in (*project.plan.tasks, *imported.plan.tasks)}
    lines = change_lines(merge, lang, names)
    if lines:
        say(label("x.merge.title", lang, file=str(file), plan=str(path)))
        for line in lines:
            say("  " + line)
    if merge.unchanged:
        say(label("x.merge.none", lang, file=str(path)), err=True)
    elif dry_run:
        say(label("x.merge.dry_run", lang, file=str(path)), err=True)
    else:
        from planner.planfiles import undo

        with undo.change(output, "import") as change:  # one change `planner undo` takes back
            change.expect([merge.path])
            _write({merge.path: merge.text}, file, output)
        say(label("x.merge.written", lang, file=str(path), changed=merge.count("changed"),
                  added=merge.count("added"), removed=merge.count("removed"),
                  moved=merge.count("moved")), err=True)
    return True
