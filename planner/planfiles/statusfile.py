"""Editing a status snapshot: the entries asked for change, every other byte of the file stays.

The files are the users' own, with their comments and layout; ruamel.yaml's round trip keeps
them. The loader stays the one in `status.py`: every new version is checked by it before it
replaces the old one.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from planner.domain.diagnostics import Diagnostic, Location, PlanError
from planner.domain.model import Plan
from planner.domain.progress import PROGRESS_KEYS, Snapshot
from planner.planfiles.planyaml import scalar
from planner.planfiles.snapshots import load_snapshot
from planner.planfiles.yamlreader import read_text

Entries = Mapping[str, Mapping[str, object]]  # task id -> field -> value (None: remove)
ORDER = PROGRESS_KEYS


def _yaml() -> Any:
    from ruamel.yaml import YAML

    y = YAML()  # round trip: comments, key order, quoting and flow style kept
    y.width = 4096
    y.preserve_quotes = True
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def _value(v: object) -> object:
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, str) and scalar(v, flow=True) != v:
        # text YAML would not read back as written (`? x`, `- a`, `#1`, `a: b`, a line
        # break): double-quoted, escapes and all, whatever ruamel would choose
        from ruamel.yaml.scalarstring import DoubleQuotedScalarString

        return DoubleQuotedScalarString(v)
    return v


def merged_text(plan: Plan, path: Path, day: date, entries: Entries,
                own: Snapshot | None = None) -> str:
    """The text of ``path`` (new when it does not exist) with ``entries`` merged in.

    ``own``: the snapshot as read from ``path`` just now; with it, only the lines of the
    entries that change are edited (a round trip of the whole file costs seconds at
    10,000 entries), when the file's layout allows it.
    """
    text = current_text(path) if path.exists() else \
        f"plan: {plan.id}\ndate: {day.isoformat()}\nprogress:\n"
    if own is not None and path.exists():
        spliced = _spliced(text, own, entries)
        if spliced is not None:
            return spliced
    return _round_trip(text, path, entries)


def _round_trip(text: str, path: Path, entries: Entries) -> str:
    from ruamel.yaml.comments import CommentedMap

    y = _yaml()
    doc = y.load(text)
    if not isinstance(doc, dict):
        raise PlanError([Diagnostic.said("file", "status.not_snapshot", Location(str(path)))])
    progress = doc.get("progress")
    if not isinstance(progress, dict):
        progress = doc["progress"] = CommentedMap()
    for task_id, fields in entries.items():
        entry = progress.get(task_id)
        if not isinstance(entry, dict):
            entry = CommentedMap()
            entry.fa.set_flow_style()
            progress[task_id] = entry
        for key in sorted(fields, key=ORDER.index):
            _set(entry, key, fields[key])
    out = io.StringIO()
    y.dump(doc, out)
    return out.getvalue()


def _spliced(text: str, own: Snapshot, entries: Entries) -> str | None:
    """``text`` with only the lines of the changed entries rewritten (each entry's lines
    through ruamel's round trip on their own), or None when the layout is not one entry
    per line range under a block ``progress:`` mapping (the whole file is then edited)."""
    lines = text.splitlines(keepends=True)
    starts = sorted((p.location.line, task) for task, p in own.progress.items())
    if not starts or len({line for line, _ in starts}) != len(starts):
        return None  # a flow mapping: several entries on one line
    indent = None
    for line, task in starts:
        if not 1 <= line <= len(lines):
            return None
        body = lines[line - 1]
        stripped = body.lstrip(" ")
        width = len(body) - len(stripped)
        if indent is None:
            indent = width
        if width != indent or width == 0 or not stripped.lstrip("'\"").startswith(task):
            return None
    assert indent is not None
    end = len(lines)  # the line after the progress mapping (1-based: its index)
    for i in range(starts[-1][0], len(lines)):
        body = lines[i]
        if body.strip() and not body.lstrip().startswith("#") and \
                len(body) - len(body.lstrip(" ")) < indent:
            end = i
            break
    spans = {task: (line - 1, (starts[k + 1][0] - 1) if k + 1 < len(starts) else end)
             for k, (line, task) in enumerate(starts)}
    out = list(lines)
    added: list[str] = []
    for task_id, fields in entries.items():
        if task_id in spans:
            first, last = spans[task_id]
            chunk = _entry_text("".join(lines[first:last]), indent, task_id, fields)
            if chunk is None:
                return None
            out[first:last] = [chunk] + [""] * (last - first - 1)
        else:
            chunk = _entry_text(None, indent, task_id, fields)
            if chunk is None:
                return None
            added.append(chunk)
    if added:
        # after the last entry's own lines (a comment or blank line after it stays after it)
        first, last = spans[starts[-1][1]]
        while last > first + 1 and (not lines[last - 1].strip()
                                    or lines[last - 1].lstrip().startswith("#")):
            last -= 1
        if not out[last - 1].endswith("\n"):
            out[last - 1] += "\n"
        out.insert(last, "".join(added))
    return "".join(out)


def _entry_text(chunk: str | None, indent: int, task_id: str, fields: Mapping[str, object],
                ) -> str | None:
    """One entry's lines (``chunk``, or a new entry when None) with ``fields`` set."""
    from ruamel.yaml.comments import CommentedMap

    y = _yaml()
    if chunk is None:
        doc: Any = CommentedMap()
        entry = CommentedMap()
        entry.fa.set_flow_style()
        doc[task_id] = entry
    else:
        pad = " " * indent
        if not all(not line.strip() or line.startswith(pad) for line in chunk.splitlines()):
            return None
        try:
            doc = y.load("".join(line[indent:] if line.strip() else line
                                 for line in chunk.splitlines(keepends=True)))
        except Exception:  # an odd layout: the whole file's round trip instead
            return None
        if not isinstance(doc, dict) or list(doc) != [task_id]:
            return None
        entry = doc[task_id]
        if not isinstance(entry, dict):
            return None
    for key in sorted(fields, key=ORDER.index):
        _set(entry, key, fields[key])
    out = io.StringIO()
    y.dump(doc, out)
    pad = " " * indent
    return "".join(pad + line if line.strip() else line
                   for line in out.getvalue().splitlines(keepends=True))


def _set(entry: Any, key: str, value: object) -> None:
    """Set or remove one key, new keys in the format's order; a comment that followed the
    entry's last line stays after it (ruamel attaches it to the last key)."""
    if value is None:
        if key in entry:
            keys = list(entry)
            if keys[-1] == key and len(keys) > 1 and key in entry.ca.items:
                entry.ca.items[keys[-2]] = entry.ca.items.pop(key)
            del entry[key]
        return
    if key in entry:
        entry[key] = _value(value)
        return
    rank = ORDER.index(key)
    keys = list(entry)
    position = next((i for i, k in enumerate(keys) if k in ORDER and ORDER.index(k) > rank),
                    len(keys))
    entry.insert(position, key, _value(value))
    if position == len(keys) and keys and keys[-1] in entry.ca.items:
        entry.ca.items[key] = entry.ca.items.pop(keys[-1])


def current_text(path: Path) -> str:
    """A snapshot file's text with plain line ends (Notepad may have saved it with CRLF)."""
    return read_text(path, str(path)).replace("\r\n", "\n")


def in_its_layout(path: Path, text: str) -> str:
    """``text`` laid out as the file at ``path`` is: its BOM and its CRLF line ends, if it
    has them, so an update does not leave a Windows editor's file half in each style."""
    try:
        with open(path, "rb") as f:
            head = f.read(64 * 1024)
    except OSError:
        return text
    if b"\r\n" in head:
        text = text.replace("\n", "\r\n")
    return "\ufeff" + text if head.startswith(b"\xef\xbb\xbf") else text


def checked(plan: Plan, path: Path, text: str) -> Snapshot:
    """The snapshot ``text`` would be at ``path``, by the loader's own checks."""
    return load_snapshot(path, plan, text=text)


def path_for(plan: Plan, snapshots: list[Snapshot], day: date) -> Path:
    """The file of the snapshot dated ``day``: its own (any name), or status/DAY.yaml."""
    for s in snapshots:
        if s.date == day and s.path is not None:
            return s.path
    assert plan.folder is not None
    return plan.folder / "status" / f"{day.isoformat()}.yaml"
