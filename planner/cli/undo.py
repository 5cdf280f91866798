"""`planner undo`: take back the last change a command made to a plan folder.

The journal and the rules are in planfiles/undo.py; this module says what was restored, in
the plan's language."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer

from planner.cli.options import LangOpt, PlanArg, say
from planner.domain.diagnostics import Diagnostic, PlanError
from planner.i18n.labels import has_label, label
from planner.planfiles import undo as journal
from planner.planfiles.plan import plan_file
from planner.support.safewrite import leads_outside, remove_stale_temps

commands = typer.Typer()


@commands.command(help="cli.undo")
def undo(
    plan: PlanArg,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="cli.undo.dry_run")] = False,
    force: Annotated[bool, typer.Option(
        "--force", help="cli.undo.force")] = False,
    lang: LangOpt = None,
) -> None:
    """Take back the last change collect, update, baseline or import made to the plan folder.

    Files the change created are removed, files it changed or moved get their old bytes
    back. The last 10 changes are kept: undo again to take back the one before. A file
    changed since by someone else stops the undo (unless --force).
    """
    folder = plan_file(plan).parent if plan.exists() else plan  # named, but not there
    language = lang.value if lang else _plan_lang(folder)
    for place in (folder, folder / "status"):
        remove_stale_temps(place)  # and finish what a killed run left half done
    try:
        done = journal.undo(folder, force=force, dry_run=dry_run)
    except PlanError as exc:
        _said(exc.diagnostics, language)
        raise typer.Exit(1) from None
    entry = done.entry
    what = f"undo.command.{entry.command}"
    say(label("undo.done" if done.written else "undo.would", language, folder=str(folder),
              command=entry.command, when=f"{entry.when:%Y-%m-%d %H:%M}",
              what=label(what, language) if has_label(what) else entry.command,
              files=len(entry.files)))
    for f in entry.files:
        say(label(f"undo.{f.action}" + ("" if done.written else ".would"), language,
                  path=f.path))
    _said(done.conflicts, language)
    say(label("undo.left", language, left=done.left) if done.left
        else label("undo.last", language), err=True)


def _said(diagnostics: tuple[Diagnostic, ...], lang: str) -> None:
    for d in diagnostics:
        say(d.render(lang), err=True)


_LANG = re.compile(r"^[ \t]+lang:[ \t]*['\"]?(zh|en)\b", re.MULTILINE)


def _plan_lang(folder: Path) -> str:
    """The plan's `lang`, read from its header without loading the plan: undo must work on
    a plan that no longer loads (that may be the change to take back)."""
    path = folder / "plan.yaml"
    try:
        if leads_outside(path, folder):
            return "en"
        with open(path, encoding="utf-8", errors="replace") as f:
            head = f.read(64 * 1024)
    except OSError:
        return "en"
    found = _LANG.search(head.split("\ntasks:", 1)[0])
    return found.group(1) if found else "en"
