"""The language a plan.yaml's header states, read from its first lines alone.

The command line speaks the plan's language and must know it before it opens the plan: its
help and its usage errors come first, and opening a plan imports the calendar and numpy
(0.1-0.4 s) that `planner schedule PLAN --help` does not otherwise need. So this reads the
`plan:` block's lines as `key: value` rows, the layout every plan in the usual form has (the
fast reader, quickread.py, takes the same rows), and leaves anything else to the loader.
"""

from __future__ import annotations

import re
from pathlib import Path

from planner.domain.vocab import LANGS

# A line `key:` or `key: value`, indented or not (a list item `- x` is not one).
_ROW = re.compile(r"( *)([A-Za-z_][A-Za-z0-9_]*):(?: +([^\n]*))?")
_SCALAR = re.compile(r"""(?:"([^"\\]*)"|'([^']*)'|([^\s#'"][^\s#]*))(?: +#.*)? *""")


def header_lang(text: str, section: str = "plan") -> str | None:
    """The language the `plan:` header in ``text`` states ("en" when it states none, the
    plan's default), or None when its lines do not tell (the loader then decides).
    ``section``: `portfolio` reads a portfolio.yaml's header the same way."""
    said = header_value(text, "lang", section)
    if said is _UNSAID:
        return "en"
    return said if said in LANGS else None


_UNSAID = "\x00unsaid"  # the header ended without the key


def header_value(text: str, key: str, section: str = "plan") -> str | None:
    """The scalar ``key`` of the ``section:`` header in ``text`` (`_UNSAID` when the header
    ends without it), or None when its lines do not tell (the loader then decides)."""
    in_plan, indent = False, ""
    for raw in text.removeprefix("\ufeff").split("\n"):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        row = _ROW.fullmatch(line)
        if row is None:
            if line.startswith((" ", "-")):
                continue  # a list item, or a value continued on the next line
            return None
        at, name, rest = row.groups()
        if not at:  # a key at the top: the header starts, or it has ended
            if in_plan:
                return _UNSAID
            if name == section:
                if rest and not rest.startswith("#"):
                    return None  # `plan: {…}` on one line: the loader reads it
                in_plan = True
        elif in_plan and at == (indent or at):
            indent = at
            if name == key:
                value = _SCALAR.fullmatch(rest or "")
                return next((g for g in value.groups() if g is not None), None) if value \
                    else None
    return None


def header_id(path: Path) -> str | None:
    """The `id:` a plan file's header states, from its first 64 KiB (None when it cannot be
    told that way: the loader says)."""
    try:
        with path.open("rb") as f:
            head = f.read(1 << 16).decode("utf-8", errors="replace")
    except OSError:
        return None
    found = header_value(head, "id")
    return None if found is _UNSAID else found
