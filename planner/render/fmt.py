"""Formatting shared by every renderer: dates, percents, ratios, CSV and JSON documents."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from planner.i18n.labels import spoken_date
from planner.support.sanitize import FORMULA_START, UNSAFE, printable

if TYPE_CHECKING:
    from planner.domain.model import Plan

BOM = "\ufeff"  # Excel and WPS read a CSV as UTF-8 only when it starts with this


def iso(value: date | None) -> str | None:
    if not value:
        return None
    if type(value) is not date:  # a datetime: equal ones in other zones print differently
        return value.isoformat()
    # a schedule of 100,000 tasks writes half a million dates, but only a few thousand days
    found = _ISO.get(value)
    if found is None:
        found = _ISO[value] = value.isoformat()
    return found


_ISO: dict[date, str] = {}


def day(value: date | None, short: bool = False) -> str:
    """A date for a table cell: ``MM-DD`` when the whole table lies in one year."""
    if value is None:
        return ""
    return value.strftime("%m-%d") if short else value.isoformat()


def long_date(value: date | None, lang: str, omit_year: bool = False) -> str:
    """A date in running text: 2023年11月7日 in Chinese (`spoken_date`; 11月7日 with
    ``omit_year``, the second date of a range within one year), ISO otherwise."""
    if value is None:
        return ""
    if lang == "zh" and omit_year:
        return f"{value.month}月{value.day}日"
    return spoken_date(value, lang)


def dated_title(name: str, day: date | None, lang: str) -> str:
    """A page's title with its data date: 名称（2023年11月7日） in Chinese, "name — ISO"
    otherwise."""
    if day is None:
        return name
    return f"{name}（{spoken_date(day, lang)}）" if lang == "zh" else f"{name} — {day}"


# Currencies whose amounts a Chinese reader counts in 万元.
YUAN = frozenset({"CNY", "RMB", "元", "人民币", "人民币元"})


def money(value: float, currency: str | None, lang: str, exact: bool = False) -> str:
    """An amount in running text: in Chinese, yuan as 万元 to one decimal (``exact``: no
    decimal when it is a whole number of 万, as a budget usually is), another currency
    after the figure; otherwise the figure with thousands separators and the currency."""
    if lang == "zh" and (currency is None or currency in YUAN):
        wan = value / 10_000
        text = f"{wan:.0f}" if exact and round(wan, 1) == round(wan) else f"{wan:.1f}"
        return f"{text}万元"
    unit = f" {currency}" if currency else ""
    return f"{value:,.0f}{unit}" if lang != "zh" else f"{value:,.0f}{currency}"


def one_year(days: Iterable[date | None]) -> bool:
    """True when every date given falls in the same year (tables may then drop it)."""
    return len({d.year for d in days if d}) == 1


def rounded(x: float | None, digits: int = 4) -> float | None:
    """A figure for JSON: a few decimals, no float noise (94.19999999999999)."""
    return None if x is None else round(float(x), digits)


def whole(value: float) -> int:
    """Rounded half up (四舍五入: 86.5 -> 87), as people round, not half to even."""
    return math.floor(value + 0.5)


def pct(value: float | None, unknown: str = "?") -> str:
    """A percent (0–100) as a whole number; ``unknown`` when there is none."""
    return unknown if value is None else str(whole(value))


def share(fraction: float | None) -> str:
    """A fraction (0–1) as a percent with its sign, e.g. 0.76 -> '76%'."""
    return "" if fraction is None else f"{whole(100 * fraction)}%"


def chance(fraction: float | None) -> str:
    """A simulated probability as a percent that never claims certainty: a simulation of
    finitely many runs cannot tell 100 % from 99.8 %, so the ends read "≥99%" and "≤1%"."""
    if fraction is None:
        return ""
    n = whole(100 * fraction)
    return "≥99%" if n >= 99 else "≤1%" if n <= 1 else f"{n}%"


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
    return "'" + text if text.startswith(FORMULA_START) else text


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

    Laid out for both readers: one top-level key a line, and each item of a list of
    objects (a task, a target) on a line of its own — greppable, and written by the C
    encoder, which an indented dump would not use (10,000 tasks: 0.02 s, not 0.16 s).
    Control and bidi-control characters are written as \\u escapes, so the document is
    safe to print on a terminal and still reads back to the same text.
    """
    try:
        text = _layout(document)
    except ValueError:  # NaN or an infinity somewhere: only then walk the whole document
        text = _layout(_finite(document))
    if text.isascii() and "\x7f" not in text:  # the encoder escaped the other controls
        return text + "\n"
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False)
_dump = _ENCODER.encode
_MAKE_ENCODER: Any = getattr(json.encoder, "c_make_encoder", None)  # None without _json


def _items(value: list[Any]) -> str:
    """The objects of a list, one a line: what ``_dump`` writes for each, at the cost of one
    encoder for the whole list (``encode`` makes a new one for every object: 100,000 tasks
    0.25 s of 0.45 s)."""
    make = _MAKE_ENCODER
    if make is None:  # no C accelerator: the pure-Python encoder
        return ",\n".join("    " + _dump(v) for v in value)
    e = _ENCODER
    chunks = make({}, e.default, json.encoder.encode_basestring, e.indent, e.key_separator,
                  e.item_separator, e.sort_keys, e.skipkeys, e.allow_nan)
    join = "".join
    return ",\n".join(["    " + join(chunks(v, 0)) for v in value])


def _layout(document: Any) -> str:
    if not isinstance(document, dict) or not document:
        return _dump(document)
    lines = []
    for key, value in document.items():
        head = f"  {_dump(str(key))}: "
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            items = _items(value)
            lines.append(f"{head}[\n{items}\n  ]")
        elif isinstance(value, dict) and value:
            inner = _layout(value).replace("\n", "\n  ")
            lines.append(head + inner)
        else:
            lines.append(head + _dump(value))
    return "{\n" + ",\n".join(lines) + "\n}"


def standalone_name(plan: Plan, task_id: str, lang: str) -> str:
    """A task's name as it reads alone, in a sentence or a calendar: "项目主体建设" under
    "六村…联合体项目" is that project's, "六村抱团兴农共富联合体项目主体建设"."""
    task = plan.task(task_id)
    if lang == "zh" and task.parent and task.name.startswith("项目"):
        return plan.task(task.parent).name.removesuffix("项目") + task.name
    return task.name


def md_text(text: str) -> str:
    """User text for Markdown (a table cell or a paragraph): no markup, no HTML, one line."""
    for ch in "\\|*_`<>[]#&":  # & too: "&amp;" in a name must not render as "&"
        text = text.replace(ch, "\\" + ch)
    return printable(text.replace("\r\n", " ").replace("\n", " ").replace("\r", " "))


def marked(text: str, assumed: bool, lang: str) -> str:
    """A table cell's ``text`` with the mark of an assumed value (`assumed:` in the plan)
    after it; an empty cell stays empty."""
    from planner.i18n.labels import label

    return text + label("assumed.mark", lang) if assumed and text else text
