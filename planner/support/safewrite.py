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
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import ClassVar

TEMP_SUFFIX = ".planner-tmp"
PIPE_WAIT = 5.0  # seconds a named pipe is given to have a reader before the write is refused

# Names of the standard streams, and the descriptor each one means.
STREAMS = {"-": 1, "/dev/stdout": 1, "/dev/fd/1": 1, "/proc/self/fd/1": 1,
           "/dev/stderr": 2, "/dev/fd/2": 2, "/proc/self/fd/2": 2}


class OutputError(Exception):
    """An output that cannot be written; the message is one sentence for the user.

    Raised with `said`, it keeps the key of its message in the i18n tables and the values
    filled in, so the command line says it in the user's language (`in_lang`); str() is the
    English sentence.
    """

    # The label lookup (planner.i18n.labels.label), handed over by the i18n tables when they
    # are loaded: support is the bottom layer and imports nothing of planner above it.
    wording: ClassVar[Callable[..., str] | None] = None

    def __init__(self, message: str, key: str = "",
                 values: Mapping[str, object] | None = None) -> None:
        super().__init__(message)
        self.key, self.values = key, dict(values or {})

    @classmethod
    def said(cls, key: str, **values: object) -> OutputError:
        """The error whose message is ``key`` of the i18n tables, with ``values``."""
        return cls(cls._say(key, "en", values), key, values)

    def in_lang(self, lang: str) -> str:
        """The message in ``lang`` (the English one when it was written in place)."""
        if not self.key or lang == "en":
            return str(self)
        return self._say(self.key, lang, self.values)

    @classmethod
    def _say(cls, key: str, lang: str, values: Mapping[str, object]) -> str:
        if cls.wording is None:  # the tables not loaded: cannot happen inside planner
            return key + "".join(f" {k}={v}" for k, v in values.items())
        return cls.wording(key, lang, **values)


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
        raise OutputError.said("output.link_out", path=path, folder=folder)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError.said("output.cannot", path=path, reason=exc.strerror) from None
    if not stat.S_ISREG(st.st_mode):
        raise OutputError.said("output.own_folder" if stat.S_ISDIR(st.st_mode)
                               else "output.own_device", path=path)


def own_file(path: Path, folder: Path) -> None:
    """Refuse ``path`` as one of the plan's own files in ``folder`` by the rule above (a
    link out of the folder, a pipe, a folder): for a reader of what a writer will replace."""
    _own(path, folder)


def _target(path: Path, protected: Iterable[Path]) -> tuple[Path, bool]:
    """The file to write for ``path`` and whether to write into it in place (not a rename)."""
    if str(path) == "":
        raise OutputError.said("output.empty_path")
    if stream_of(path) is not None:
        return path, True
    real = Path(os.path.realpath(path))
    for p in protected:
        guarded = Path(os.path.realpath(p))
        if real == guarded or guarded in real.parents:
            if Path(os.path.abspath(path)) == real:
                raise OutputError.said("output.input", path=path)
            raise OutputError.said("output.input.link", path=path, real=real)
    try:
        st = os.stat(real)
    except FileNotFoundError:
        if not real.parent.is_dir():
            raise OutputError.said("output.no_folder", path=path, folder=real.parent
                                   ) from None
        return real, False
    except OSError as exc:
        raise OutputError.said("output.cannot", path=path, reason=exc.strerror) from None
    if stat.S_ISREG(st.st_mode):
        return real, False
    if stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode):
        return real, True
    raise OutputError.said("output.folder" if stat.S_ISDIR(st.st_mode) else "output.not_file",
                           path=path)


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()


def _sentence(path: Path, exc: OSError) -> OutputError:
    key = {
        errno.ENOSPC: "output.disk_full",
        errno.EACCES: "output.denied",
        errno.EPERM: "output.denied",
        errno.EROFS: "output.read_only",
        errno.ENAMETOOLONG: "output.too_long",
        errno.EISDIR: "output.folder",
    }.get(exc.errno or 0)
    if key is None:  # the system's own words
        return OutputError.said("output.cannot", path=path, reason=exc.strerror or str(exc))
    return OutputError.said(key, path=path)


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
        raise OutputError.said("output.binary")
    stream = sys.stdout if fd == 1 else sys.stderr
    if stream is None:
        raise OutputError.said("output.stdout_closed" if fd == 1 else "output.stderr_closed")
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
                    raise OutputError.said("output.pipe", path=path,
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
                raise OutputError.said("output.twice", path=path)
            raise OutputError.said("output.same_file", first=seen[real], path=path)
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
        raise OutputError.said("output.not_file", path=path)
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
    """Who holds the lock, as its holder wrote it: pid and command (a short quote), or ''."""
    from planner.support.sanitize import excerpt

    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 200).decode("utf-8", errors="replace").strip()
    except OSError:
        text = ""
    return excerpt(text, 80) if text else ""


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
            raise OutputError.said("output.lock_link", path=path) from None
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS) and not path.exists():
            yield  # a folder nobody may write: nothing to take turns for (a write says why)
            return
        raise _sentence(path, exc) from None
    try:
        limit = time.monotonic() + (LOCK_WAIT if wait is None else wait)
        while not _try_lock(fd):
            if time.monotonic() >= limit:
                holder = _holder(fd)
                if holder:
                    raise OutputError.said("output.locked", folder=folder, holder=holder,
                                           path=path)
                raise OutputError.said("output.locked.other", folder=folder, path=path)
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
