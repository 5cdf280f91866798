"""Formatting shared by every renderer: dates, percents, ratios, CSV and JSON documents."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from planner.sanitize import UNSAFE, printable

BOM = "\ufeff"  # Excel and WPS read a CSV as UTF-8 only when it starts with this
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def day(value: date | None, short: bool = False) -> str:
    """A date for a table cell: ``MM-DD`` when the whole table lies in one year."""
    if value is None:
        return ""
    return value.strftime("%m-%d") if short else value.isoformat()


def long_date(value: date, lang: str) -> str:
    """A date in running text: 2023年11月7日 in Chinese, ISO otherwise."""
    return f"{value.year}年{value.month}月{value.day}日" if lang == "zh" else value.isoformat()


def one_year(days: Iterable[date | None]) -> bool:
    """True when every date given falls in the same year (tables may then drop it)."""
    return len({d.year for d in days if d}) == 1


def pct(value: float | None, unknown: str = "?") -> str:
    """A percent (0–100) as a whole number; ``unknown`` when there is none."""
    return unknown if value is None else f"{value:.0f}"


def share(fraction: float | None) -> str:
    """A fraction (0–1) as a percent with its sign, e.g. 0.76 -> '76%'."""
    return "" if fraction is None else f"{100 * fraction:.0f}%"


def ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def signed(value: int | None) -> str:
    return "" if value is None else f"{value:+d}"


def _cell(value: object) -> str:
    """A CSV cell as a spreadsheet reads it; text that would run as a formula is quoted."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return "" if isinstance(value, float) and not math.isfinite(value) else str(value)
    text = "\r".join(printable(part) for part in str(value).split("\r"))
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_text(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV that Excel and WPS open as UTF-8: BOM, CRLF line ends, fields with line breaks
    quoted, booleans as TRUE/FALSE, empty cells for missing values."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return BOM + buf.getvalue()


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def json_text(document: Any) -> str:
    """A JSON document, UTF-8 text as written; NaN and infinities become null (valid JSON).

    Control and bidi-control characters are written as \\u escapes, so the document is
    safe to print on a terminal and still reads back to the same text.
    """
    text = json.dumps(_finite(document), ensure_ascii=False, indent=2, allow_nan=False)
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def md_text(text: str) -> str:
    """User text for Markdown (a table cell or a paragraph): no markup, no HTML, one line."""
    for ch in "\\|*_`<>[]#":
        text = text.replace(ch, "\\" + ch)
    return printable(text.replace("\r\n", " ").replace("\n", " ").replace("\r", " "))
