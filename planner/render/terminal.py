"""Plain-text tables that line up in a terminal, Chinese characters included."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from planner.support.sanitize import one_line


class _Columns(dict[str, int]):
    """Columns of each character, looked up once: a table of a thousand plans measures
    some four million characters."""

    def __missing__(self, c: str) -> int:
        w = 0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" \
            else 1
        self[c] = w
        return w


_COLUMNS = _Columns()


def width(text: str) -> int:
    """Columns a string takes in a terminal (CJK characters take two)."""
    return len(text) if text.isascii() else sum(map(_COLUMNS.__getitem__, text))


def clip(text: str, columns: int) -> str:
    """Shorten to at most ``columns`` terminal columns, marking the cut with '…'."""
    if width(text) <= columns:
        return text
    out, used = [], 0
    for c in text:
        w = width(c)
        if used + w > columns - 1:
            break
        out.append(c)
        used += w
    return "".join(out) + "…"


def pad(text: str, columns: int, right: bool = False) -> str:
    gap = " " * max(columns - width(text), 0)
    return gap + text if right else text + gap


def table(headers: Sequence[str], rows: Sequence[Sequence[str]],
          numeric: Sequence[bool] = (), max_width: Sequence[int] = ()) -> str:
    """A table with a header rule; numeric columns are right-aligned."""
    cols = len(headers)
    limits = list(max_width) + [0] * (cols - len(max_width))
    cells = [[clip(one_line(c), limits[i]) if limits[i] else one_line(c)
              for i, c in enumerate(r)] for r in rows]
    widths = [max([width(headers[i])] + [width(r[i]) for r in cells]) for i in range(cols)]
    right = list(numeric) + [False] * (cols - len(numeric))

    def line(values: Sequence[str]) -> str:
        return "  ".join(pad(v, widths[i], right[i]) for i, v in enumerate(values)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in cells)])
