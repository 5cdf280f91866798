"""The commands that record a plan's progress: baseline, update, forms and collect.

Each run of a command that writes into the plan folder is one change `planner undo` can take
back (planfiles/undo.py: `undo.command` names it)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from planner.cli.language import speech
from planner.cli.options import (
    F,
    LangOpt,
    OutputFormat,
    PlanArg,
    deliver,
    format_option,
    lang_of,
    open_project,
    output_folder,
    parse_day,
    reports_folder,
    said,
    say,
    warn,
)
from planner.domain.diagnostics import Diagnostic, Location, PlanError
from planner.domain.values import number_text
from planner.i18n.labels import label
from planner.planfiles import undo
from planner.support.safewrite import write_all
from planner.support.sanitize import visible_breaks

if TYPE_CHECKING:
    from planner.domain.progress import Snapshot
    from planner.project import Project

commands = typer.Typer()


@commands.command(help="cli.baseline")
@undo.command("baseline")
def baseline(
    plan: PlanArg,
    force: Annotated[bool, typer.Option(
        "--force", help="cli.baseline.force")] = False,
    saved: Annotated[date | None, typer.Option(
        "--date", parser=parse_day, metavar="DATE", show_default=False,
        help="cli.baseline.date")] = None,
    fmt: Annotated[OutputFormat, format_option(
        F.table, F.json, F.md, F.csv, help="cli.baseline.format")] = F.table,
    lang: LangOpt = None,
) -> None:
    """Save the plan's current schedule as the approved baseline (baseline.yaml)."""
    from planner.render.baseline import baseline_view

    project = open_project(plan)
    language = lang_of(lang, project)
    update = project.save_baseline(force, saved)
    people = fmt is F.table
    path, tasks = str(update.path), len(update.baseline.tasks)
    if update.problems:
        warn(update.problems)
        say(said("baseline.unreadable", path=path), err=not people)
    if update.changes or not people:
        deliver(project, baseline_view(project.plan, update, language, people),
                fmt, None, f"{project.plan.id}-baseline")
    if update.written:
        say(said("baseline.saved", path=path, tasks=tasks,
                  date=str(update.baseline.saved)), err=not people)
    elif not update.changes:
        say(said("baseline.unchanged", path=path, tasks=tasks), err=not people)
    else:
        say(said("baseline.exists", path=path, changes=len(update.changes)),
            err=True)
        raise typer.Exit(1)


@commands.command(help="cli.update")
@undo.command("update")
def update(
    plan: PlanArg,
    task: Annotated[str, typer.Argument(help="cli.update.task", show_default=False)],
    at: Annotated[date | None, typer.Option(
        "--at", parser=parse_day, metavar="DATE", show_default=False,
        help="cli.update.at")] = None,
    percent: Annotated[float | None, typer.Option(
        "--percent", help="cli.update.percent", show_default=False)] = None,
    done: Annotated[float | None, typer.Option(
        "--done", help="cli.update.done", show_default=False)] = None,
    remaining: Annotated[int | None, typer.Option(
        "--remaining", help="cli.update.remaining", show_default=False)] = None,
    started: Annotated[date | None, typer.Option(
        "--started", parser=parse_day, metavar="DATE", show_default=False,
        help="cli.update.started")] = None,
    finished: Annotated[date | None, typer.Option(
        "--finished", parser=parse_day, metavar="DATE", show_default=False,
        help="cli.update.finished")] = None,
    spent: Annotated[float | None, typer.Option(
        "--spent", help="cli.update.spent", show_default=False)] = None,
    note: Annotated[str | None, typer.Option(
        "--note", help="cli.update.note", show_default=False)] = None,
    correct: Annotated[bool, typer.Option(
        "--correct", help="cli.update.correct")
    ] = False,
    force: Annotated[bool, typer.Option(
        "--force", help="cli.update.force")] = False,
    lang: LangOpt = None,
) -> None:
    """Record one task's progress in status/DATE.yaml, keeping the file's comments and layout.

    Without --at it changes the latest snapshot; --at DATE creates the snapshot of that
    date when there is none. The new file is checked before it is written: a bad value is
    reported and the file stays as it was. `planner undo` takes the change back.
    """
    measures = [k for k, v in (("--percent", percent), ("--done", done),
                               ("--remaining", remaining)) if v is not None]
    if len(measures) > 1:
        raise typer.BadParameter(said("cli.update.one_measure",
                                      given=said("cli.and").join(measures)))
    fields = {k: v for k, v in (("started", started), ("finished", finished),
                                ("percent", percent), ("done", done),
                                ("remaining", remaining), ("spent", spent), ("note", note),
                                ("correct", True if correct else None)) if v is not None}
    if not fields:
        raise typer.BadParameter(said("cli.update.nothing"))
    project = open_project(plan)
    day = at
    if day is None:  # the latest snapshot; never a new one dated today by surprise
        latest = project.snapshot()
        if latest is None:
            raise PlanError([Diagnostic.said("no-snapshot", "update.no_snapshot",
                                             Location(str(project.folder / "status")))])
        day = latest.date
    try:
        result = project.record(day, {task: fields}, force=force)
    except PlanError as exc:
        raise PlanError([_as_options(d, fields, speech()) for d in exc.diagnostics]
                        ) from None
    warn(result.warnings)  # when forced, why the data date was unlikely among them
    before = result.before.of(task) if result.before else None
    after = result.after.of(task)
    what = "created" if result.created else "updated" if result.written else "unchanged"
    changes = said("update.sep").join(
        said("update.change", field=_field(k),
              old=_shown(getattr(before, k, None)), new=_shown(getattr(after, k)))
        for k in fields if k != "correct")
    key = f"update.{what}" if at is not None or result.created else f"update.{what}.latest"
    say(said(key, path=str(result.path), task=task, changes=changes,
              date=str(day)))



def _as_options(d: Diagnostic, fields: Collection[str], lang: str) -> Diagnostic:
    """A finding in the entry `update` was about to write, said in ``lang`` in the options
    the user typed, and, when that snapshot does not exist yet, said to be the one not
    written. What it returns is said already (no key left to say it again)."""
    if d.key.startswith("update."):  # about the command (its data date), not the entry
        return d
    said = d.in_lang(lang)
    message, hint = said.message, said.hint
    quote = "“{}”" if lang == "zh" else "'{}'"
    for key in fields:
        hint = hint.replace(quote.format(key), quote.format(key) + f" (--{key})")
    if d.location.file and not Path(d.location.file).exists():
        message += label("update.entry_not_written", lang)
    return replace(said, message=message, hint=hint, key="", hint_key="")


def _field(key: str) -> str:
    """A report's field as the run's language names it (percent: 完成百分比)."""
    from planner.i18n.labels import has_label

    return said(f"cli.field.{key}") if has_label(f"cli.field.{key}") else key


def _shown(value: object) -> str:
    """A recorded value as the file shows it (1750, not 1750.0; — for none)."""
    if value is None:
        return "—"
    # a note on one line: a line break in it could forge a line of this output
    return number_text(value) if isinstance(value, float) else visible_breaks(str(value))


@commands.command(help="cli.forms")
def forms(
    plan: PlanArg,
    at: Annotated[date | None, typer.Option(
        "--at", parser=parse_day, metavar="DATE", show_default=False,
        help="cli.forms.at")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", show_default=False,
        help="cli.forms.output")] = None,
    owner: Annotated[list[str] | None, typer.Option(
        "--owner", metavar="OWNER", show_default=False, help="cli.forms.owner")
    ] = None,
    lang: LangOpt = None,
) -> None:
    """One Excel/WPS progress form per owner, to send out before the meeting."""
    from planner.exchange.forms_write import write_forms

    project = open_project(plan)
    day = at or date.today()
    made = write_forms(project, day, owner, lang.value if lang else None)
    folder = output_folder(output or reports_folder() / f"{project.plan.id}-{day}-forms")
    files: dict[Path, str | bytes] = {folder / name: data for name, data in made.items()}
    write_all(files, project.inputs)
    for path in files:
        say(said("cli.written", path=path))
    say(said("cli.forms.count", count=len(files), date=day), err=True)
    sent = project.record_forms(day, owner)  # what went out, for collect and the reviews
    say(said("outstanding.recorded", path=sent.path, n=len(sent.forms)),
        err=True)


@commands.command(help="cli.collect")
@undo.command("collect")
def collect(
    plan: PlanArg,
    files: Annotated[list[Path], typer.Argument(
        help="cli.collect.files", show_default=False)],
    at: Annotated[date | None, typer.Option(
        "--at", parser=parse_day, metavar="DATE", show_default=False,
        help="cli.collect.at")] = None,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="cli.collect.dry_run")] = False,
    force: Annotated[bool, typer.Option(
        "--force", help="cli.collect.force")] = False,
    returned: Annotated[bool, typer.Option("--returned", help="cli.collect.returned")] = False,
) -> None:
    """Read filled progress forms and record what changed in status/DATE.yaml.

    Every problem in every file is reported at once, by file, sheet and cell. A file with
    errors is left out (exit 1) and the others are recorded; collecting the fixed file
    later adds it to the same snapshot.
    """
    from planner.exchange.forms_read import read_forms

    project = open_project(plan)
    got = read_forms(project, files, at, partial=True, returned=returned)
    for _, found in got.refused:  # the files left out, with every error of each
        warn(found)
    warn(got.warnings)  # a later report kept, a value cleared, a read-only cell, …
    for task, key, old, new in got.changes:
        say(said("cli.collect.change", task=task, field=_field(key), old=_shown(old),
                 new=_shown(new)))
    after = None
    if got.entries:
        for task in got.confirmed:
            say(said("cli.collect.confirmed", task=task))
        result = project.record(got.day, got.entries, "edit" if force else "forms", dry_run,
                                got.cells, force=force)
        warn(result.warnings)  # lower progress, said at the form's cell
        counted = said("cli.collect.counted", changed=len(got.entries) - len(got.confirmed),
                       unchanged=len(got.confirmed), files=len(got.recorded))
        if dry_run:
            say(said("cli.collect.dry", path=result.path, counted=counted), err=True)
        else:
            say(said("cli.collect.done", path=result.path, counted=counted, what=said(
                "cli.update.created" if result.created else "cli.update.updated")), err=True)
        after = result.after
    else:
        say(said("cli.collect.none", date=got.day, count=len(got.recorded)), err=True)
    _returned(project, got.day, got.returned, dry_run)
    _chase(project, got.day, after, got.returned)
    if got.refused:
        bad = said("form.collect.list_sep").join(p.name for p, _ in got.refused)
        say(said("form.collect.partial_dry" if dry_run else "form.collect.partial",
                 good=len(got.recorded), total=len(got.files), bad=bad), err=True)
        raise typer.Exit(1)


def _returned(project: Project, day: date, owners: Sequence[str | None],
              dry_run: bool) -> None:
    """Record that the forms of ``owners`` came back (sent/DAY.yaml), changed or not."""
    sent = project.sent(day)
    if sent is None or not owners:
        return
    if dry_run:
        n = sum(f.owner in owners and f.returned is None for f in sent.forms)
    else:
        before = sent.forms
        sent = project.record_returned(day, owners) or sent
        n = sum(a.returned != b.returned for a, b in zip(before, sent.forms, strict=True))
    if n:
        say(said("outstanding.returned_dry" if dry_run else "outstanding.returned",
                 path=sent.path, n=n), err=True)


def _chase(project: Project, day: date, after: Snapshot | None = None,
           returned: Sequence[str | None] = ()) -> None:
    """The units whose form for ``day`` is still not back (催报名单), after a collect
    (``returned``: the owners whose form it took back, a dry run's too)."""
    units = project.outstanding(day, after, returned)
    if units is None:
        say(said("outstanding.no_record", day=day), err=True)
        return
    if not units:
        say(said("outstanding.all_back", day=day))
        return
    say(said("outstanding.chase", day=day, n=len(units)))
    for unit in units:
        say(said("outstanding.chase_unit", n=len(unit.tasks),
                  owner=unit.owner or said("form.no_owner")))
