"""Writing the tool's outputs: atomically, keeping the file's mode, never over what is not ours.

A regular file is replaced by writing a temporary file beside it and renaming it into place,
so a failed run leaves the old file whole. A symlink is written through (the file it points to
is replaced). The standard streams (``-``, ``/dev/stdout``, ``/dev/stderr``, ``/dev/fd/1``,
``/proc/self/fd/2``, …) are written into, whatever they are redirected to, never opened by
name (that would truncate the file a ``>>`` appends to). A device (``/dev/null``) is written
into; a named pipe too, when a program opens it for reading within ``PIPE_WAIT`` seconds
(refused otherwise, never a hang). A folder or any other kind of file is refused. The plan's
own inputs are refused too.

The plan's own files (plan.yaml, status/, baseline.yaml) follow a stricter rule, the one
``leads_outside`` states and every reader and writer of them applies: a link that leads out
of the plan folder is never read nor written, and a pipe or a device in their place is
refused.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

TEMP_SUFFIX = ".planner-tmp"
PIPE_WAIT = 5.0  # seconds a named pipe is given to have a reader before the write is refused

# Names of the standard streams, and the descriptor each one means.
STREAMS = {"-": 1, "/dev/stdout": 1, "/dev/fd/1": 1, "/proc/self/fd/1": 1,
           "/dev/stderr": 2, "/dev/fd/2": 2, "/proc/self/fd/2": 2}


class OutputError(Exception):
    """An output that cannot be written; the message is one sentence for the user.

    ``key`` and ``values``, when given, name the same sentence in the i18n tables (the
    command line's `cli.out.` keys; a ``reason`` value is a key of `cli.out.reason.` when
    it is one), so that the command line can say it in the user's language: this module,
    below the tables, writes the English.
    """

    def __init__(self, message: str, key: str = "", **values: object) -> None:
        super().__init__(message)
        self.key = key
        self.values = values


@lru_cache(maxsize=1)
def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def stream_of(path: Path | str) -> int | None:
    """The descriptor (1 or 2) when ``path`` names standard output or standard error."""
    return STREAMS.get(str(path))


def leads_outside(path: Path, folder: Path) -> bool:
    """True when ``path``, one of the plan's own files in ``folder``, leads out of the plan
    folder (a link, or a link on the way): such a file is never read (its text could end up
    quoted in a message or an output) and never written (it would replace a file elsewhere,
    ``~/.bashrc``)."""
    try:
        real = Path(os.path.realpath(path))
        home = Path(os.path.realpath(folder))
    except (OSError, ValueError):
        return True
    return real != home and home not in real.parents


def _own(path: Path, folder: Path) -> None:
    """Refuse to write ``path``, a file of the plan in ``folder``, when it leads out of the
    folder or is not a regular file (a pipe would block the run, a device swallow it)."""
    if leads_outside(path, folder):
        raise OutputError(f"{path} is a link that leads out of the plan folder {folder}; "
                          "it was not written (replace the link with the file itself)",
                          "cli.out.link_out", path=path, folder=folder)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}", "cli.out.cannot_write",
                          path=path, reason=exc.strerror) from None
    if not stat.S_ISREG(st.st_mode):
        kind, key = ("a folder", "folder") if stat.S_ISDIR(st.st_mode) else (
            "a pipe or a device, not a file", "device")
        raise OutputError(f"cannot write {path}: it is {kind}; the plan's own files are "
                          "only ever regular files (remove it)", f"cli.out.own_{key}",
                          path=path)


def own_file(path: Path, folder: Path) -> None:
    """Refuse ``path`` as one of the plan's own files in ``folder`` by the rule above (a
    link out of the folder, a pipe, a folder): for a reader of what a writer will replace."""
    _own(path, folder)


def _target(path: Path, protected: Iterable[Path]) -> tuple[Path, bool]:
    """The file to write for ``path`` and whether to write into it in place (not a rename)."""
    if str(path) == "":
        raise OutputError("no output file named (an empty path)", "cli.out.empty")
    if stream_of(path) is not None:
        return path, True
    real = Path(os.path.realpath(path))
    for p in protected:
        guarded = Path(os.path.realpath(p))
        if real == guarded or guarded in real.parents:
            if Path(os.path.abspath(path)) == real:
                raise OutputError(f"{path} is one of the plan's own input files; write the "
                                  "output somewhere else (e.g. reports/)", "cli.out.input",
                                  path=path)
            raise OutputError(f"{path} is one of the plan's own input files (it leads to "
                              f"{real}); write the output somewhere else (e.g. reports/)",
                              "cli.out.input_link", path=path, real=real)
    try:
        st = os.stat(real)
    except FileNotFoundError:
        if not real.parent.is_dir():
            raise OutputError(f"cannot write {path}: the folder {real.parent} does not exist",
                              "cli.out.no_folder", path=path, parent=real.parent) from None
        return real, False
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}", "cli.out.cannot_write",
                          path=path, reason=exc.strerror) from None
    if stat.S_ISREG(st.st_mode):
        return real, False
    if stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode):
        return real, True
    kind, key = ("a folder", "folder") if stat.S_ISDIR(st.st_mode) else (
        "not a regular file", "not_regular")
    raise OutputError(f"cannot write {path}: it is {kind}", "cli.out.cannot_write", path=path,
                      reason=key)


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()


def _sentence(path: Path, exc: OSError) -> OutputError:
    known = {  # (the key of the reason in the tables, the reason)
        errno.ENOSPC: ("full", "the disk is full"),
        errno.EACCES: ("denied", "permission denied"),
        errno.EPERM: ("denied", "permission denied"),
        errno.EROFS: ("read_only", "the folder is read-only"),
        errno.ENAMETOOLONG: ("too_long", "the name is too long"),
        errno.EISDIR: ("folder", "it is a folder"),
    }.get(exc.errno or 0)
    reason = known[1] if known else exc.strerror or str(exc)
    return OutputError(f"cannot write {path}: {reason}", "cli.out.cannot_write", path=path,
                       reason=known[0] if known else reason)


def _encode(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def _temp(target: Path, raw: bytes) -> Path:
    """Write ``raw`` to a new temporary file beside ``target``, with ``target``'s mode."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, _mode_for(target))
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def write_atomic(path: Path, data: str | bytes, protected: Iterable[Path] = (),
                 own: Path | None = None) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` by the rules above; OutputError if not.

    ``own``: ``path`` is one of the plan's own files, and this its plan folder.
    """
    write_all({path: data}, protected, own)


def _to_stream(fd: int, raw: bytes) -> None:
    """Bytes into standard output or error, as they are (a file, a pipe, a terminal)."""
    if raw.startswith(b"PK\x03\x04") and os.isatty(fd):
        raise OutputError("a workbook is a binary file; write it with -o FILE, or pipe it "
                          "into a program", "cli.out.binary")
    stream = sys.stdout if fd == 1 else sys.stderr
    if stream is None:
        raise OutputError(f"standard {'output' if fd == 1 else 'error'} is closed; write to "
                          "a file", f"cli.out.std{'out' if fd == 1 else 'err'}_closed")
    stream.flush()
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a text-only stream (an embedding host, a test runner)
        stream.write(raw.decode("utf-8", errors="replace"))
    else:
        buffer.write(raw)
        buffer.flush()


def _into(path: Path, target: Path, raw: bytes) -> None:
    """Write into a device or a pipe in place; a pipe nobody reads is refused after
    PIPE_WAIT seconds instead of blocking the run for ever."""
    fd = stream_of(path)
    if fd is not None:
        _to_stream(fd, raw)
        return
    flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0)
    deadline = time.monotonic() + PIPE_WAIT
    while True:
        try:
            handle = os.open(target, flags)
            break
        except OSError as exc:
            if exc.errno != errno.ENXIO or time.monotonic() > deadline:
                if exc.errno == errno.ENXIO:
                    raise OutputError(f"cannot write {path}: it is a named pipe and no "
                                      f"program opened it for reading within "
                                      f"{PIPE_WAIT:g} s", "cli.out.pipe", path=path,
                                      seconds=f"{PIPE_WAIT:g}") from None
                raise
            time.sleep(0.05)
    try:
        with contextlib.suppress(OSError, AttributeError):  # not every system has it
            os.set_blocking(handle, True)
        view = memoryview(raw)
        while view:
            view = view[os.write(handle, view):]
    finally:
        os.close(handle)


def distinct(paths: Iterable[Path]) -> None:
    """Refuse two outputs of one run that are the same file (by different names too)."""
    seen: dict[str, Path] = {}
    for path in paths:
        real = os.path.realpath(path)
        if real in seen:
            if str(seen[real]) == str(path):
                raise OutputError(f"{path} is named for two outputs; give each output its "
                                  "own name", "cli.out.same", path=path)
            raise OutputError(f"{seen[real]} and {path} are the same file; give each output "
                              "its own name", "cli.out.same_file", path=path, other=seen[real])
        seen[real] = path


def write_all(files: Mapping[Path, str | bytes], protected: Iterable[Path] = (),
              own: Path | None = None) -> None:
    """Write several files as one: every temporary file is written before any is renamed,
    so a failure (a full disk) leaves every old file whole.

    ``own``: the files are the plan's own, and this is its folder (see ``leads_outside``).
    """
    distinct(p for p in files if stream_of(p) is None)
    if own is not None:
        with folder_lock(own):  # a no-op when this run holds it already
            for path in files:
                _own(path, own)
            _write_all(files, protected)
    else:
        _write_all(files, protected)


def _write_all(files: Mapping[Path, str | bytes], protected: Iterable[Path]) -> None:
    guarded = list(protected)
    plan = [(path, *_target(path, guarded), _encode(data)) for path, data in files.items()]
    for folder in {target.parent for _, target, in_place, _ in plan if not in_place}:
        remove_stale_temps(folder)  # what a killed run left beside these files
    temps: list[tuple[Path, Path]] = []
    try:
        for path, target, in_place, raw in plan:
            if in_place:
                continue
            try:
                temps.append((_temp(target, raw), target))
            except OSError as exc:
                raise _sentence(path, exc) from None
        for path, target, in_place, raw in plan:
            if in_place:
                try:
                    _into(path, target, raw)
                except OSError as exc:
                    raise _sentence(path, exc) from None
        journal = _journal(temps) if len(temps) > 1 else None
        for tmp, target in temps:
            os.replace(tmp, target)
        if journal is not None:
            journal.unlink(missing_ok=True)
    finally:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)


JOURNAL_SUFFIX = ".planner-journal"


def _journal(temps: list[tuple[Path, Path]]) -> Path:
    """Before the renames of files written as one: a note of them, beside the first, so a
    run killed between two renames is finished by the next run that writes there (or opens
    the plan), never left half old and half new."""
    import json

    first = temps[0][1]
    body = json.dumps({"pid": os.getpid(), "host": _host(),
                       "renames": [[str(t.resolve()), str(f.resolve())] for t, f in temps]})
    fd, name = tempfile.mkstemp(prefix=f".{first.name}.", suffix=JOURNAL_SUFFIX,
                                dir=first.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(body)
        f.flush()
        os.fsync(f.fileno())
    return Path(name)


def _host() -> str:
    import socket

    return socket.gethostname()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def finish_interrupted(folder: Path) -> int:
    """Finish the renames of runs killed between two of them (their journals in
    ``folder``); how many journals were finished."""
    import json

    done = 0
    for journal in folder.glob(f".*{JOURNAL_SUFFIX}") if folder.is_dir() else ():
        try:
            note = json.loads(journal.read_text(encoding="utf-8"))
            age = time.time() - journal.lstat().st_mtime
            mine = note.get("host") == _host()
            if (mine and _alive(int(note["pid"]))) or (not mine and age < STALE_SECONDS):
                continue  # a run going on right now
            for tmp, target in note["renames"]:
                if Path(tmp).name.endswith(TEMP_SUFFIX) and os.path.lexists(tmp):
                    os.replace(tmp, target)
        except (OSError, ValueError, KeyError, TypeError):
            continue
        journal.unlink(missing_ok=True)
        done += 1
    return done


def create_new(path: Path, data: str | bytes, protected: Iterable[Path] = (),
               own: Path | None = None) -> bool:
    """Write ``path`` only if it does not exist yet, atomically; False when it already does.

    Two runs at once cannot both create it: the temporary file is hard-linked into place,
    which fails when the name is taken.
    """
    if own is not None:
        _own(path, own)
    target, in_place = _target(path, protected)
    if in_place:
        raise OutputError(f"cannot write {path}: it is not a regular file",
                          "cli.out.cannot_write", path=path, reason="not_regular")
    try:
        tmp = _temp(target, _encode(data))
    except OSError as exc:
        raise _sentence(path, exc) from None
    try:
        os.link(tmp, target)
    except FileExistsError:
        return False
    except OSError as exc:
        raise _sentence(path, exc) from None
    finally:
        tmp.unlink(missing_ok=True)
    return True


STALE_SECONDS = 600  # no write of ours takes this long; a temp file older was left by a kill


def remove_stale_temps(folder: Path) -> int:
    """Delete temporary files that a killed run left behind in ``folder``; how many.

    Only our own (hidden, with our suffix) and only old ones: a younger one may belong to a
    run going on right now.
    """
    removed = 0
    finish_interrupted(folder)
    if folder.is_dir():
        for leftover in folder.glob(f".*{TEMP_SUFFIX}"):
            try:
                st = leftover.lstat()
            except OSError:
                continue
            if stat.S_ISREG(st.st_mode) and time.time() - st.st_mtime > STALE_SECONDS:
                leftover.unlink(missing_ok=True)
                removed += 1
    return removed


# -- one writer at a time --------------------------------------------------------------------

LOCK_FILE = ".planner.lock"
LOCK_WAIT = 10.0  # seconds a writer waits for another to finish before giving up
_HELD: set[str] = set()  # the folders this process holds the lock of


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _holder(fd: int) -> str:
    """Who holds the lock, as its holder wrote it: pid and command (a short quote)."""
    from planner.support.sanitize import excerpt

    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 200).decode("utf-8", errors="replace").strip()
    except OSError:
        text = ""
    return excerpt(text, 80) if text else "another run"


@contextmanager
def folder_lock(folder: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the plan folder's writer lock (``.planner.lock`` in it) for the block.

    Writers of a plan folder (snapshots, the baseline, an imported plan) take it, then read
    what they change, so two at once both land instead of one undoing the other. Waits up
    to ``wait`` seconds (LOCK_WAIT) for another writer, then raises OutputError naming it.
    POSIX ``flock``; ``msvcrt.locking`` on Windows (a lock on a network share holds only as
    far as the file server honours it).
    """
    key = os.path.realpath(folder)
    if key in _HELD:  # this run holds it already (a writer calling another)
        yield
        return
    path = folder / LOCK_FILE
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags, 0o666 & ~_umask())
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OutputError(f"{path} is a link; remove it (it only holds a lock)",
                              "cli.out.lock_link", path=path) from None
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS) and not path.exists():
            yield  # a folder nobody may write: nothing to take turns for (a write says why)
            return
        raise _sentence(path, exc) from None
    try:
        limit = time.monotonic() + (LOCK_WAIT if wait is None else wait)
        while not _try_lock(fd):
            if time.monotonic() >= limit:
                holder = _holder(fd)
                raise OutputError(
                    f"{folder} is being written by {holder}; try again when it is done "
                    f"(the lock is {path})", "cli.out.busy", folder=folder, holder=holder,
                    path=path)
            time.sleep(0.05)
        with contextlib.suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            command = " ".join(os.path.basename(a) if i == 0 else a
                               for i, a in enumerate(sys.argv[:4]))
            os.write(fd, f"pid {os.getpid()} ({command})\n".encode())
        _HELD.add(key)
        try:
            yield
        finally:
            _HELD.discard(key)
    finally:
        os.close(fd)  # closing releases the lock
