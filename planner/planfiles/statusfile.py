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
from planner.domain.progress import Snapshot
from planner.planfiles.snapshots import load_snapshot
from planner.planfiles.yamlreader import read_text

Entries = Mapping[str, Mapping[str, object]]  # task id -> field -> value (None: remove)
ORDER = ("started", "finished", "percent", "done", "remaining", "spent", "note", "correct")


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
    return v


def merged_text(plan: Plan, path: Path, day: date, entries: Entries) -> str:
    """The text of ``path`` (new when it does not exist) with ``entries`` merged in."""
    from ruamel.yaml.comments import CommentedMap

    y = _yaml()
    text = current_text(path) if path.exists() else \
        f"plan: {plan.id}\ndate: {day.isoformat()}\nprogress:\n"
    doc = y.load(text)
    if not isinstance(doc, dict):
        raise PlanError([Diagnostic("file", "is not a snapshot (no 'plan:', 'date:' and "
                                    "'progress:')", Location(str(path)))])
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
