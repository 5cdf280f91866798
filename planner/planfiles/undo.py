"""The undo journal: what each change of a plan folder replaced, so `planner undo` can take
it back byte for byte.

One change is one command run (`collect`, `update`, `baseline`, `import`), however many
files it writes. Before a writer replaces a file of the plan folder it names the file
(`Change.expect`); the file's old bytes are copied into a staging folder of the journal
then, before anything is written. When the command is done, each named file's new state
(the SHA-256 of its bytes, or "absent") is noted and the staging folder is renamed into the
journal, which commits the entry: a change that failed before writing, or wrote nothing,
leaves no entry, and one killed between its write and the commit leaves only a staging
folder, removed later.

The journal is ``.planner/undo/`` in the plan folder: one numbered folder per change, the
newest ``KEEP`` kept, each with ``change.json`` (command, time, files) and the old bytes.
Only ours: ``.planner`` and ``undo`` must be real folders inside the plan folder (a link in
their place is refused), the entries' paths must stay inside the plan folder, and undoing
writes through the same checks as every other write of the plan's own files (a link that
leads out of the folder is never followed).

`undo` takes the newest entry back: files the change created are removed, files it changed
or removed get their old bytes back, folders it created are removed when empty. A file
changed since by someone else (its bytes are not those the command left) stops the undo,
unless forced; a file already back as it was is fine. The entry is then dropped, so the
next `undo` takes back the change before it. An undo is not journalled: it cannot be undone.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

from planner.domain.diagnostics import Diagnostic, Location, PlanError, Severity
from planner.support.safewrite import (
    STALE_SECONDS,
    OutputError,
    folder_lock,
    leads_outside,
    own_file,
    write_all,
)

JOURNAL = (".planner", "undo")  # inside the plan folder
KEEP = 10  # changes kept: `undo` can go back this many
ENTRY = "change.json"
STAGING = ".new-"  # prefix of a change being made (renamed into place when committed)
DEPTH = 2  # folders a change may create: status/, backup-…/status/


@dataclass(frozen=True)
class FileChange:
    """One file a change touched, by its path in the plan folder ('/' between names)."""

    path: str
    before: str | None  # the name of the old bytes in the entry; None: the file was new
    after: str | None  # SHA-256 of the bytes the command left; None: it removed the file

    @property
    def action(self) -> str:
        """What undoing does to it: "remove" (it was created), "restore" (it was changed)
        or "put-back" (it was removed)."""
        if self.before is None:
            return "remove"
        return "put-back" if self.after is None else "restore"


@dataclass(frozen=True)
class Entry:
    """One journalled change."""

    where: Path  # its folder in the journal
    command: str
    when: datetime
    files: tuple[FileChange, ...]
    folders: tuple[str, ...]  # folders the change created, deepest first

    def old_bytes(self, f: FileChange) -> bytes | None:
        return None if f.before is None else (self.where / f.before).read_bytes()


@dataclass(frozen=True)
class Undone:
    """The outcome of `undo`."""

    entry: Entry
    written: bool  # False: a dry run
    conflicts: tuple[Diagnostic, ...]  # files changed since (overridden with force)
    left: int  # changes still kept after this one


# -- recording -------------------------------------------------------------------------------


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read(path: Path, folder: Path) -> bytes | None:
    """The bytes of ``path``, one of the plan's own files; None when absent. A link that
    leads out of the folder, or a pipe or a folder in its place, is refused, as its write
    would be."""
    if not os.path.lexists(path):
        return None
    own_file(path, folder)
    try:
        return path.read_bytes()
    except FileNotFoundError:  # a link to nothing, or removed meanwhile
        return None
    except OSError as exc:
        raise OutputError.said("output.undo_read", path=path,
                               reason=exc.strerror or str(exc)) from None


def _relative(path: Path, folder: Path) -> str:
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(folder))
    if rel.startswith(os.pardir) or os.path.isabs(rel):
        raise OutputError.said("output.undo_outside", path=path, folder=folder)
    return PurePosixPath(*Path(rel).parts).as_posix()


def _folders(folder: Path) -> set[str]:
    """The plan folder's folders DEPTH deep (not the hidden ones): those a change may make."""
    found: set[str] = set()
    level = [folder]
    for _ in range(DEPTH):
        deeper = []
        for parent in level:
            with contextlib.suppress(OSError):
                for item in os.scandir(parent):
                    if not item.name.startswith(".") and item.is_dir(follow_symlinks=False):
                        found.add(_relative(Path(item.path), folder))
                        deeper.append(Path(item.path))
        level = deeper
    return found


def journal_folder(folder: Path, make: bool = False) -> Path:
    """``.planner/undo`` in the plan folder, made when ``make``; OutputError when one of
    its parts is a link or not a folder (the journal is never written or read elsewhere)."""
    here = folder
    for part in JOURNAL:
        here = here / part
        try:
            st = os.lstat(here)
        except FileNotFoundError:
            if not make:
                return folder.joinpath(*JOURNAL)
            try:
                os.mkdir(here)
            except FileExistsError:
                pass
            except OSError as exc:
                raise OutputError.said("output.undo_keep", path=here,
                                       reason=exc.strerror or str(exc)) from None
            st = os.lstat(here)
        if not stat.S_ISDIR(st.st_mode):
            raise OutputError.said("output.undo_not_folder", path=here)
    if leads_outside(here, folder):
        raise OutputError.said("output.undo_leads_out", path=here, folder=folder)
    return here


def _write_new(path: Path, data: bytes) -> None:
    """A file of a staging folder this run has just made: created, never an existing one."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) \
        | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, 0o666 & ~_umask())
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


@dataclass
class _Watched:
    before: str | None  # the staged copy's name
    digest: str | None  # of the old bytes
    after: str | None = None


@dataclass
class Change:
    """A change being made to one plan folder: its writers name what they will write
    (`expect`), and files that may appear (`watch`), before writing."""

    folder: Path
    command: str
    _files: dict[str, _Watched] = field(default_factory=dict)
    _patterns: dict[str, set[str]] = field(default_factory=dict)
    _folders: set[str] | None = None  # the folders there were when the change began
    _stage: Path | None = None

    def _staging(self) -> Path:
        if self._stage is None:
            home = journal_folder(self.folder, make=True)
            _clear_stale(home)
            try:
                self._stage = Path(tempfile.mkdtemp(prefix=STAGING, dir=home))
                os.chmod(self._stage, 0o777 & ~_umask())  # others of a shared folder undo too
            except OSError as exc:
                raise OutputError.said("output.undo_keep", path=home,
                                       reason=exc.strerror or str(exc)) from None
        return self._stage

    def _begin(self) -> None:
        if self._folders is None:
            self._folders = _folders(self.folder)

    def expect(self, paths: Iterable[Path]) -> None:
        """Keep the old bytes of ``paths`` (files of the plan folder the command is about
        to write, replace or remove), before it does."""
        self._begin()
        for path in paths:
            rel = _relative(path, self.folder)
            if rel in self._files:
                continue  # a second write in the same run: the first old bytes count
            old = _read(path, self.folder)
            name = None
            if old is not None:
                name = f"{len(self._files) + 1:04d}.bin"
                try:
                    _write_new(self._staging() / name, old)
                except OSError as exc:
                    raise OutputError.said("output.undo_keep", path=self._staging(),
                                           reason=exc.strerror or str(exc)) from None
            self._files[rel] = _Watched(name, None if old is None else _digest(old))

    def watch(self, pattern: str) -> None:
        """Count files matching ``pattern`` (a glob in the plan folder) that appear during
        the change as created by it (an import's backup of the files it replaces)."""
        self._begin()
        self._patterns.setdefault(pattern, set(self._matching(pattern)))

    def _matching(self, pattern: str) -> list[str]:
        return [_relative(p, self.folder) for p in self.folder.glob(pattern)
                if p.is_file() and not p.is_symlink()]

    def settle(self) -> None:
        """Note the state the command left each file in (under the folder's lock)."""
        for pattern, there in self._patterns.items():
            for rel in self._matching(pattern):
                if rel not in there and rel not in self._files:
                    self._files[rel] = _Watched(None, None)
        for rel, w in self._files.items():
            now = _read(self.folder / rel, self.folder)
            w.after = None if now is None else _digest(now)

    def _changed(self) -> list[FileChange]:
        return [FileChange(rel, w.before, w.after) for rel, w in self._files.items()
                if w.after != w.digest]

    def commit(self) -> Entry | None:
        """Put the change into the journal; None (and nothing kept) when it changed nothing."""
        files = self._changed()
        try:
            if not files:
                return None
            with folder_lock(self.folder):
                return self._commit(files)
        finally:
            if self._stage is not None and self._stage.exists():
                shutil.rmtree(self._stage, ignore_errors=True)
            self._stage = None

    def _commit(self, files: list[FileChange]) -> Entry:
        made = set()
        for f in files:
            if f.before is None:
                parts = PurePosixPath(f.path).parents
                made |= {p.as_posix() for p in parts if p.as_posix() != "."
                         and p.as_posix() not in (self._folders or set())
                         and len(p.parts) <= DEPTH}
        folders = sorted(made, key=lambda p: (-p.count("/"), p))
        when = datetime.now().astimezone().replace(microsecond=0)
        body = {"version": 1, "command": self.command, "when": when.isoformat(),
                "files": [{"path": f.path, "before": f.before, "after": f.after}
                          for f in files], "folders": folders}
        stage = self._staging()
        _write_new(stage / ENTRY, json.dumps(body, ensure_ascii=False, indent=1).encode())
        home = stage.parent
        number = max((int(p.name) for p in home.iterdir() if p.name.isdigit()), default=0) + 1
        target = home / f"{number:06d}"
        os.rename(stage, target)
        self._stage = None
        _prune(home)
        return Entry(target, self.command, when, tuple(files), tuple(folders))


def _clear_stale(home: Path) -> None:
    """Staging folders of runs killed before they committed (old ones only)."""
    for left in home.glob(f"{STAGING}*"):
        with contextlib.suppress(OSError):
            st = left.lstat()
            if stat.S_ISDIR(st.st_mode) and time.time() - st.st_mtime > STALE_SECONDS:
                shutil.rmtree(left, ignore_errors=True)


def _prune(home: Path) -> None:
    numbered = sorted((p for p in home.iterdir() if p.name.isdigit()), key=lambda p: int(p.name))
    for old in numbered[:-KEEP]:
        shutil.rmtree(old, ignore_errors=True)


def own_files(folder: Path) -> list[Path]:
    """The plan's own files in ``folder`` (plan.yaml, baseline.yaml, the snapshots): what
    a command that replaces the plan may replace, move or remove."""
    status = folder / "status"
    snapshots = sorted([*status.glob("*.yaml"), *status.glob("*.yml")]) \
        if status.is_dir() else []
    return [folder / "plan.yaml", folder / "baseline.yaml", *snapshots]


# -- one change per command run --------------------------------------------------------------


@dataclass
class _Run:
    command: str
    changes: dict[str, Change] = field(default_factory=dict)

    def of(self, folder: Path) -> Change:
        key = os.path.realpath(folder)
        if key not in self.changes:
            self.changes[key] = Change(folder, self.command)
        return self.changes[key]


_RUN: ContextVar[_Run | None] = ContextVar("planner_undo_run", default=None)


@contextmanager
def command(name: str) -> Iterator[None]:
    """Journal every change the block makes to a plan folder as one, named ``name`` (a
    command that writes several files, or writes more than once, is one change to undo)."""
    run = _Run(name)
    token = _RUN.set(run)
    try:
        yield
    except BaseException:
        _RUN.reset(token)
        for ch in run.changes.values():  # what was written before the failure stays undoable
            with contextlib.suppress(OSError, OutputError):
                ch.commit()
        raise
    _RUN.reset(token)
    for ch in run.changes.values():
        ch.commit()


@contextmanager
def change(folder: Path, name: str) -> Iterator[Change]:
    """The change a writer is about to make to ``folder``, under the folder's lock: name
    what will be written with `Change.expect` before writing. Inside `command` it is part
    of that run's change; alone it is a change of its own, named ``name``, committed at the
    end of the block."""
    run = _RUN.get()
    with folder_lock(folder):
        ch = run.of(folder) if run is not None else Change(folder, name)
        try:
            yield ch
        finally:
            ch.settle()
            if run is None:
                ch.commit()


# -- undoing ---------------------------------------------------------------------------------


def entries(folder: Path) -> list[Entry]:
    """The journalled changes of ``folder``, newest first."""
    home = journal_folder(folder)
    if not home.is_dir():
        return []
    numbered = sorted((p for p in home.iterdir() if p.name.isdigit()),
                      key=lambda p: int(p.name), reverse=True)
    return [_entry(p, folder) for p in numbered]


def _broken(where: Path) -> PlanError:
    return PlanError([Diagnostic.said("undo-journal", "undo.broken", Location(str(where)),
                                      entry=str(where.parent))])


def _entry(where: Path, folder: Path) -> Entry:
    path = where / ENTRY
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
        files = tuple(FileChange(str(f["path"]), f["before"], f["after"])
                      for f in body["files"])
        entry = Entry(where, str(body["command"]), datetime.fromisoformat(body["when"]), files,
                      tuple(str(p) for p in body.get("folders", ())))
    except (OSError, ValueError, KeyError, TypeError):
        raise _broken(path) from None
    for rel in (*(f.path for f in entry.files), *entry.folders):
        pure = PurePosixPath(rel)
        if pure.is_absolute() or ".." in pure.parts or not pure.parts or "\\" in rel \
                or ":" in rel or leads_outside(folder / rel, folder):
            raise _broken(path)
    for f in entry.files:
        if f.before is not None and (not f.before.endswith(".bin") or "/" in f.before
                                     or not (where / f.before).is_file()):
            raise _broken(path)
    return entry


def undo(folder: Path, force: bool = False, dry_run: bool = False) -> Undone:
    """Take back the newest journalled change of ``folder`` (see the module's text).

    PlanError when there is none, when the journal is damaged, or when a file was changed
    since the change (unless ``force``; a dry run returns those as warnings instead)."""
    if not folder.is_dir():
        raise PlanError([Diagnostic.said("file", "undo.no_folder", Location(str(folder)))])
    with folder_lock(folder):
        kept = entries(folder)
        if not kept:
            raise PlanError([Diagnostic.said(
                "undo-empty", "undo.nothing", Location(str(folder)), keep=KEEP)])
        entry = kept[0]
        conflicts = tuple(_conflicts(folder, entry, dry_run or force))
        if conflicts and not (force or dry_run):
            raise PlanError(conflicts)
        if not dry_run:
            _apply(folder, entry)
            shutil.rmtree(entry.where, ignore_errors=True)
        return Undone(entry, not dry_run, conflicts, len(kept) - 1)


def _conflicts(folder: Path, entry: Entry, warn: bool) -> Iterator[Diagnostic]:
    for f in entry.files:
        path = folder / f.path
        now = _read(path, folder)
        state = None if now is None else _digest(now)
        old = entry.old_bytes(f)
        if state == f.after or state == (None if old is None else _digest(old)):
            continue  # as the command left it, or back as it was already
        yield Diagnostic.said("undo-changed", "undo.changed_since", Location(str(path)),
                              severity=Severity.WARNING if warn else Severity.ERROR,
                              path=f.path, command=entry.command,
                              when=f"{entry.when:%Y-%m-%d %H:%M}")


def _apply(folder: Path, entry: Entry) -> None:
    back: dict[Path, str | bytes] = {}
    for f in entry.files:
        old = entry.old_bytes(f)
        if old is not None:
            path = folder / f.path
            path.parent.mkdir(parents=True, exist_ok=True)
            back[path] = old
    if back:
        write_all(back, own=folder)  # as one: every file back, or none
    for f in entry.files:
        if f.before is None:
            path = folder / f.path
            with contextlib.suppress(FileNotFoundError):
                if stat.S_ISREG(os.lstat(path).st_mode) and not leads_outside(path, folder):
                    path.unlink()
    for rel in entry.folders:  # deepest first; only when empty (a file of someone else's)
        with contextlib.suppress(OSError):
            os.rmdir(folder / rel)
