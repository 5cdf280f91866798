"""A table as an Excel workbook: real dates and numbers, a frozen header and a filter.

openpyxl is imported inside the function only: the command line does not pay for it at
start-up.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from planner.render.terminal import width
from planner.support.sanitize import FORMULA_START

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what an .xlsx cell cannot hold
_SHEET_BAD = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
MAX_CELL = 32_767  # characters an Excel cell holds
MAX_WIDTH = 60


def cell_width(text: str) -> int:
    """Columns a cell's text takes: its longest line, East Asian wide characters double."""
    return max((width(line) for line in text.split("\n")), default=0)


def clean_cell(text: str) -> str:
    """Text without the characters a workbook cannot hold."""
    return _ILLEGAL.sub("", text)


def _text(value: str) -> str:
    """User text for a cell: no characters a workbook cannot hold, and text that a
    spreadsheet could take for a formula neutralised with a leading ' (OWASP)."""
    text = _ILLEGAL.sub("", value)
    if text.startswith(FORMULA_START):
        text = "'" + text
    return text[:MAX_CELL]


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def typed(value: object) -> object:
    """A value from a JSON-like row as a spreadsheet cell: ISO dates become real dates."""
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        return date.fromisoformat(value)
    return value


def finish_sheet(ws: Any, widths: Sequence[int], rows: int, title: str,
                 filtered: bool = True) -> None:
    """What every table sheet gets: columns as wide as their text, the header row frozen
    and filtered, A4 landscape printing with the header on every page, the title above."""
    from openpyxl.utils import get_column_letter

    for c, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = min(max(w, 4) + 2, MAX_WIDTH)
    ws.freeze_panes = "A2"
    if filtered:
        ws.auto_filter.ref = f"A1:{get_column_letter(max(len(widths), 1))}{max(1, rows + 1)}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    header = ws.oddHeader
    if header is not None and header.center is not None:
        header.center.text = clean_cell(title).replace("&", "&&")


def sheet_title(title: str) -> str:
    """A valid sheet name from ``title``: no []:*?/\\, at most 31 characters, not empty."""
    name = _SHEET_BAD.sub("_", title).strip().strip("'")[:31].strip()
    return name or "Sheet1"


Sheet = tuple[str, Sequence[str], Sequence[Sequence[object]]]  # title, headers, rows


def table_xlsx(*sheets: Sheet) -> bytes:
    """A sheet per table: the headers, then the rows (see `fill_sheet`). Each title names
    its sheet and heads its printed pages; the first names the document."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    wb.properties.title = clean_cell(sheets[0][0])
    wb.properties.creator = "planner"
    used: set[str] = set()
    for k, (title, headers, rows) in enumerate(sheets):
        if k:
            ws = wb.create_sheet()
        name = sheet_title(title)
        while name.lower() in used:  # sheet names are unique, whatever their case
            name = sheet_title(f"{name[:28]}_{k + 1}")
        used.add(name.lower())
        ws.title = name
        fill_sheet(ws, headers, rows, title)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def fill_sheet(ws: Any, headers: Sequence[str], rows: Sequence[Sequence[object]], title: str,
               indent_col: int | None = None) -> None:
    """A table on ``ws``: the headers, then the rows. Dates are Excel dates (yyyy-mm-dd),
    numbers numbers, booleans booleans, text text (never a formula); the header row is frozen
    and carries a filter; columns are as wide as their text (CJK counts double). With
    ``indent_col``, that column is indented by each row's level (its second cell)."""
    from openpyxl.styles import Alignment, Font, PatternFill

    columns = max([len(headers), *(len(r) for r in rows)]) if rows or headers else 1
    widths = [0] * columns
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for c, header in enumerate(headers, 1):
        cell = ws.cell(row=1, column=c)
        cell.value = _text(str(header))
        cell.data_type = "s"
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(vertical="center")
        widths[c - 1] = cell_width(cell.value)
    for r, row in enumerate(rows, 2):
        level = int(row[1]) if indent_col is not None and isinstance(row[1], int) else 1
        for c, value in enumerate(row, 1):
            cell = ws.cell(row=r, column=c)
            shown = ""
            if value is None:
                continue
            if isinstance(value, bool):
                cell.value = value
                shown = "FALSE" if not value else "TRUE"
            elif isinstance(value, datetime):
                cell.value = value
                cell.number_format = "yyyy-mm-dd hh:mm"
                shown = "0000-00-00 00:00"
            elif isinstance(value, date):
                cell.value = value
                cell.number_format = "yyyy-mm-dd"
                shown = "0000-00-00"
            elif isinstance(value, int | float):
                if isinstance(value, float) and not math.isfinite(value):
                    continue  # Excel has no NaN or infinity: an empty cell, as in the CSV
                cell.value = value
                shown = str(value)
            else:
                cell.value = _text(str(value))
                cell.data_type = "s"
                shown = cell.value
            if c == indent_col and level > 1:
                cell.alignment = Alignment(indent=level - 1)
                shown = "  " * (level - 1) + shown
            widths[c - 1] = max(widths[c - 1], cell_width(shown))
    finish_sheet(ws, widths, len(rows), title, filtered=bool(headers))
