"""Import and export as library calls: `import_plan` makes a plan folder from another
program's file, `export_plan` gives a plan's file for another program. `planner import` and
`planner export` are these with messages around them.

    >>> import planner
    >>> done = planner.import_plan("schedule.mpp", "plans/township")   # doctest: +SKIP
    >>> data = planner.export_plan(planner.Project.open("plans/township"), "mspdi")  # +SKIP
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from planner import exchange
from planner.domain.diagnostics import Diagnostic, Location, PlanError
from planner.exchange.imported import Imported
from planner.support.safewrite import OutputError

if TYPE_CHECKING:
    from planner.exchange.table_merge import PlanMerge
    from planner.project import Project


@dataclass(frozen=True)
class SetAside:
    """The replaced plan's files an import moved out of the way, and where to."""

    backup: Path
    files: tuple[Path, ...]  # where they were, relative to the plan folder


@dataclass(frozen=True)
class PlanImport:
    """What `import_plan` did: the file's format, what it read, and what it wrote."""

    format: exchange.Format
    imported: Imported  # the plan, its files' texts and the warnings
    written: tuple[Path, ...]  # every file written
    set_aside: SetAside | None = None  # a replaced plan's snapshots and baseline, moved
    merge: PlanMerge | None = None  # a plan table merged into the folder's plan, when it was

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return self.imported.warnings


def plan_id_for(folder: Path) -> str:
    """A plan id from a folder's name: lower case, a-z 0-9 _ - only."""
    slug = re.sub(r"[^a-z0-9_-]+", "-", folder.resolve().name.lower()).strip("-")
    return slug or "imported"


def detect_file(path: str | Path) -> exchange.Format:
    """The format of the file at ``path``, told by its content (`planner.exchange.detect`).

    Raises PlanError for a missing or unreadable file or a kind planner does not read, and
    `planner.exchange.Unknown` (a ValueError) when neither content nor name tells the
    format; every message names the file."""
    file = Path(path)
    if not file.is_file():
        raise PlanError([Diagnostic.said(
            "file", "import.missing" if not file.exists() else "import.not_file",
            Location(str(file)))])
    try:
        return exchange.detect(file)
    except exchange.Unknown:
        raise
    except exchange.Unreadable as exc:
        raise PlanError([exc.diagnostic("format")]) from None
    except OSError as exc:
        raise PlanError([Diagnostic.said("file", "import.unreadable", Location(str(file)),
                                         reason=exc.strerror or str(exc))]) from None


def read_plan(path: str | Path, fallback_id: str = "imported") -> tuple[exchange.Format,
                                                                        Imported]:
    """The file at ``path`` read into a plan (nothing written), and its format.

    Raises what `detect_file` raises, and PlanError for a file with errors (.mpp and the
    other MPXJ formats without MPXJ: a sentence saying what to install)."""
    kind = detect_file(path)
    return kind, kind.read(Path(path), fallback_id)


def existing(imported: Imported, folder: Path) -> list[Path]:
    """The files of ``folder`` that writing ``imported`` there would replace."""
    return [folder / name for name in imported.files if (folder / name).exists()]


def refuse_existing(imported: Imported, folder: Path) -> None:
    """OutputError naming the first file an import would replace, if any."""
    found = existing(imported, folder)
    if len(found) == 1:
        raise OutputError.said("output.import_exists", path=found[0])
    if found:
        raise OutputError.said("output.import_exist", path=found[0], more=len(found) - 1)


def set_aside(folder: Path, files: Collection[Path]) -> SetAside | None:
    """Before a plan is imported over the one in ``folder``: move that plan's snapshots and
    baseline which the import does not replace into a dated backup folder. Left in place
    they would be read against the new plan (a review of 77 errors)."""
    replaced = {os.path.normcase(os.path.abspath(p)) for p in files}
    status = folder / "status"
    old = [p for p in ([*sorted(status.iterdir())] if status.is_dir() else [])
           if p.suffix in (".yaml", ".yml") and not p.name.startswith(".")]
    old += [folder / "baseline.yaml"] if (folder / "baseline.yaml").exists() else []
    left = [p for p in old if os.path.normcase(os.path.abspath(p)) not in replaced]
    if not left or not (folder / "plan.yaml").exists():
        return None
    backup = folder / f"backup-{datetime.now():%Y-%m-%dT%H%M%S}"
    try:
        for path in left:
            to = backup / path.relative_to(folder)
            to.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(path, to)
    except OSError as exc:
        raise OutputError.said("cli.set_aside.failed", path=backup,
                               reason=exc.strerror or exc) from None
    return SetAside(backup, tuple(p.relative_to(folder) for p in left))


def _folder(folder: Path) -> None:
    """``folder`` made when missing (its parent exists); OutputError when it cannot be."""
    from planner.support.safewrite import remove_stale_temps

    try:
        folder.mkdir(exist_ok=True)
    except FileExistsError:
        raise OutputError.said("cli.folder.is_file", path=folder) from None
    except FileNotFoundError:
        raise OutputError.said("cli.folder.no_parent", path=folder,
                               parent=folder.parent) from None
    except OSError as exc:
        raise OutputError.said("cli.folder.cannot", path=folder,
                               reason=exc.strerror or exc) from None
    if not folder.is_dir():
        raise OutputError.said("cli.folder.not_folder", path=folder)
    remove_stale_temps(folder)


def write_folder(imported: Imported, source: Path, folder: Path) -> tuple[tuple[Path, ...],
                                                                          SetAside | None]:
    """Write ``imported``'s files into ``folder`` (which exists) as one change `planner
    undo` takes back, the replaced plan's other files set aside first; the source file is
    never overwritten."""
    from planner.planfiles import undo
    from planner.support.safewrite import write_all

    files: dict[Path, str | bytes] = {folder / n: t for n, t in imported.files.items()}
    with undo.change(folder, "import") as change:
        change.expect([*files, *undo.own_files(folder)])  # what set_aside may move too
        change.watch("backup-*/**/*")
        if any(name.startswith("status/") for name in imported.files):
            _folder(folder / "status")
        moved = set_aside(folder, files)
        write_all(files, (source,), own=folder)
    return tuple(files), moved


def import_plan(path: str | Path, output_folder: str | Path, force: bool = False,
                ) -> PlanImport:
    """Make the plan folder ``output_folder`` from the file at ``path`` (MS Project XML, a
    plan workbook or CSV table; .mpp, .mpx, .xer, P6 XML, .pod and .gan with the extra
    ``planner-cpm[mpxj]``), as `planner import` does.

    Files already there are replaced only with ``force`` (the replaced plan's snapshots and
    baseline are moved to a backup folder); a plan table of the folder's own plan is merged
    into its plan.yaml (with ``force``). Every write is one change `planner undo` takes
    back. Raises PlanError (the file), OutputError (the folder) and
    `planner.exchange.Unknown` (a ValueError: the format cannot be told)."""
    from planner.i18n.labels import label

    file, folder = Path(path), Path(output_folder)
    kind, imported = read_plan(file, plan_id_for(folder))
    if folder.exists() and not folder.is_dir():
        raise OutputError.said("output.import_into_file", output=folder)
    if imported.table is not None and (folder / "plan.yaml").is_file():
        from planner.exchange.table_merge import merge_table, other_plan
        from planner.project import Project

        project = Project.open(folder)
        if other_plan(project, imported) is None:
            target = folder / "plan.yaml"
            if not force:
                raise OutputError(label("x.merge.force", project.plan.lang, file=str(target)))
            merge = merge_table(project, imported)
            if merge.unchanged:
                return PlanImport(kind, imported, (), merge=merge)
            from planner.planfiles import undo
            from planner.support.safewrite import write_all

            with undo.change(folder, "import") as change:
                change.expect([merge.path])
                write_all({merge.path: merge.text}, (file,), own=folder)
            return PlanImport(kind, imported, (merge.path,), merge=merge)
    if not force:
        refuse_existing(imported, folder)
    _folder(folder)
    written, moved = write_folder(imported, file, folder)
    return PlanImport(kind, imported, written, moved)


def export_plan(project: Project, format: str = "mspdi", at: date | None = None,
                lang: str | None = None) -> bytes:
    """The plan of ``project`` as a file for another program: ``format`` is a name of
    `planner export --format` (mspdi, xlsx, ics); ``at``, a data date, adds the progress
    recorded by then (where the format carries it); ``lang`` the language of the labels in
    it (the plan's by default). Raises ArgumentError (a ValueError) for a format planner
    does not write or a data date it cannot carry, PlanError when there is no snapshot on or
    before ``at``."""
    from planner.domain.diagnostics import ArgumentError

    kind = next((f for f in exchange.writers() if f.name == format), None)
    if kind is None:
        raise ArgumentError.said("argument.export_format", value=repr(format),
                                 choices=", ".join(f.name for f in exchange.writers()))
    if at is not None and kind.at is None:
        raise ArgumentError.said("cli.export.at_refused", what=kind)
    day = project.require_snapshot(at).date if at is not None else None
    return kind.write(project, day, lang or project.plan.lang).data
