"""Writing the tool's outputs: atomically, keeping the file's mode, never over what is not ours.

A regular file is replaced by writing a temporary file beside it and renaming it into place,
so a failed run leaves the old file whole. A symlink is written through (the file it points to
is replaced). A device or pipe (``/dev/null``, ``/dev/stdout``) is written into, never replaced;
a folder or any other kind of file is refused. The plan's own inputs are refused too.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
import time
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

TEMP_SUFFIX = ".planner-tmp"


class OutputError(Exception):
    """An output that cannot be written; the message is one sentence for the user."""


@lru_cache(maxsize=1)
def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _target(path: Path, protected: Iterable[Path]) -> tuple[Path, bool]:
    """The file to write for ``path`` and whether to write into it in place (not a rename)."""
    if str(path) == "":
        raise OutputError("no output file named (an empty path)")
    real = Path(os.path.realpath(path))
    for p in protected:
        guarded = Path(os.path.realpath(p))
        if real == guarded or guarded in real.parents:
            leads = "" if Path(os.path.abspath(path)) == real else f" (it leads to {real})"
            raise OutputError(f"{path} is one of the plan's own input files{leads}; "
                              "write the output somewhere else (e.g. reports/)")
    try:
        st = os.stat(real)
    except FileNotFoundError:
        if not real.parent.is_dir():
            raise OutputError(f"cannot write {path}: the folder {real.parent} does not exist"
                              ) from None
        return real, False
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}") from None
    if stat.S_ISREG(st.st_mode):
        return real, False
    if stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode):
        return real, True
    kind = "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file"
    raise OutputError(f"cannot write {path}: it is {kind}")


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()


def _sentence(path: Path, exc: OSError) -> OutputError:
    reason = {
        errno.ENOSPC: "the disk is full",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the folder is read-only",
        errno.ENAMETOOLONG: "the name is too long",
        errno.EISDIR: "it is a folder",
    }.get(exc.errno or 0, exc.strerror or str(exc))
    return OutputError(f"cannot write {path}: {reason}")


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


def write_atomic(path: Path, data: str | bytes, protected: Iterable[Path] = ()) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` by the rules above; OutputError if not."""
    write_all({path: data}, protected)


def distinct(paths: Iterable[Path]) -> None:
    """Refuse two outputs of one run that are the same file (by different names too)."""
    seen: dict[str, Path] = {}
    for path in paths:
        real = os.path.realpath(path)
        if real in seen:
            what = (f"{path} is named for two outputs" if str(seen[real]) == str(path)
                    else f"{seen[real]} and {path} are the same file")
            raise OutputError(f"{what}; give each output its own name")
        seen[real] = path


def write_all(files: Mapping[Path, str | bytes], protected: Iterable[Path] = ()) -> None:
    """Write several files as one: every temporary file is written before any is renamed,
    so a failure (a full disk) leaves every old file whole."""
    distinct(files)
    guarded = list(protected)
    plan = [(path, *_target(path, guarded), _encode(data)) for path, data in files.items()]
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
                    with open(target, "wb") as f:
                        f.write(raw)
                except OSError as exc:
                    raise _sentence(path, exc) from None
        for tmp, target in temps:
            os.replace(tmp, target)
    finally:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)


def create_new(path: Path, data: str | bytes, protected: Iterable[Path] = ()) -> bool:
    """Write ``path`` only if it does not exist yet, atomically; False when it already does.

    Two runs at once cannot both create it: the temporary file is hard-linked into place,
    which fails when the name is taken.
    """
    target, in_place = _target(path, protected)
    if in_place:
        raise OutputError(f"cannot write {path}: it is not a regular file")
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
