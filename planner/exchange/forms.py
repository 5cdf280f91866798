"""Progress forms: one workbook per owner, filled in Excel or WPS, read back into entries.

A form lists an owner's unfinished leaf tasks (and, greyed, those the latest report says
finished since the one before it) with the last report prefilled, so a unit changes only
what moved. The reader checks every cell and refuses forms of another plan, another data
date or an outdated baseline, and reports every problem of every file at once, each located
like a spreadsheet reference (``镇农办.xlsx 进度填报!L7``).

openpyxl is imported inside the functions only: the command line does not pay for it at
start-up.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from copy import copy
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.domain.diagnostics import Diagnostic, Location, PlanError, Suggestions
from planner.domain.values import number_text
from planner.exchange.sheets import (
    Refused,
    Sheet,
    fold,
    open_book,
    parse_date,
    parse_number,
    quoted,
)
from planner.i18n.labels import HELP_LINES, label
from planner.render.xlsx import cell_width, clean_cell
from planner.support.sanitize import UNSAFE, excerpt

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from planner.domain.baseline import BaselineTask
    from planner.domain.model import Plan, Task
    from planner.domain.progress import Progress
    from planner.project import Project

MARKER = "planner-form"  # first cell of the hidden metadata row and of the hidden sheet
VERSION = "2"  # 2: the hidden sheet keeps what each editable cell was filled with
META_SHEET = "_planner"
MAX_NAME = 100  # characters in a form's file name
# and bytes: 255 is the usual limit, and the temporary file a form is written through takes
# 22 more (".NAME.xxxxxxxx.planner-tmp")
MAX_NAME_BYTES = 230
LANGS = ("zh", "en")


FIELDS = ("started", "finished", "percent", "done", "remaining", "spent", "note")
DATE_KEYS = ("started", "finished")
# (key, editable); the hidden "_id" column keeps each row's task id for the reader
COLUMNS: tuple[tuple[str, bool], ...] = (
    ("id", False), ("name", False), ("baseline_start", False), ("baseline_finish", False),
    ("deadline", False), ("last", False), ("last_date", False), ("unit", False),
    ("total", False), ("started", True), ("finished", True), ("percent", True),
    ("done", True), ("remaining", True), ("spent", True), ("note", True), ("_id", False),
)
DATE_COLUMNS = frozenset({"baseline_start", "baseline_finish", "deadline", "last_date",
                          "started", "finished"})
TITLE_ROW, INFO_ROW, META_ROW, HEAD_ROW, FIRST_ROW = 1, 2, 3, 4, 5
WIDTH_LIMIT = {"name": 36, "note": 44, "last": 20}
MAX_NUMBER = 1e15


def _lang(lang: str | None) -> int:
    return 0 if lang == "zh" else 1


def _t(key: str, lang: int, **values: object) -> str:
    return label(f"form.{key}", LANGS[lang], **values)


def iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def fingerprint(rows: Iterable[tuple[str, date | str | None, date | str | None]]) -> str:
    """sha256 of the task ids and their baseline start and finish, in row order."""
    h = hashlib.sha256()
    for task_id, start, finish in rows:
        s = start.isoformat() if isinstance(start, date) else start or ""
        f = finish.isoformat() if isinstance(finish, date) else finish or ""
        h.update(f"{task_id}\t{s}\t{f}\n".encode())
    return h.hexdigest()


_WINDOWS_BAD = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)),
             *(f"LPT{i}" for i in range(10)), "CONIN$", "CONOUT$"}


def safe_filename(name: str, ext: str = ".xlsx", limit: int = MAX_NAME) -> str:
    """A file name from ``name`` that Windows accepts: no \\ / : * ? " < > | or control
    characters, not a device name (CON, PRN, …), no trailing dot or space, at most
    ``limit`` characters with ``ext`` and at most MAX_NAME_BYTES bytes in UTF-8 (what Linux
    and macOS file systems allow: 100 Chinese characters take 300)."""
    stem = _WINDOWS_BAD.sub("_", UNSAFE.sub("_", unicodedata.normalize("NFC", name)))
    stem = stem.strip().rstrip(". ")
    if stem.split(".")[0].strip().upper() in _RESERVED:
        stem = "_" + stem
    stem = stem[: limit - len(ext)]
    while len((stem + ext).encode("utf-8")) > MAX_NAME_BYTES:
        stem = stem[:-1]
    return (stem.rstrip(". ") or "_") + ext


def _serial(day: date) -> int:
    """Excel's day number (1900 date system)."""
    return (day - date(1899, 12, 30)).days


# -- writing -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Line:
    task: Task
    progress: Progress | None
    baseline: BaselineTask | None
    finished: bool  # finished in the latest report: greyed and read-only


def write_forms(project: Project, at: date | None = None, owners: Sequence[str] | None = None,
                lang: str | None = None) -> dict[str, bytes]:
    """One .xlsx per owner: {file name: bytes}. File names from the owner, made safe for
    Windows (no \\/:*?"<>| or control characters, not CON/PRN/…, at most 100 chars), e.g.
    '镇农办.xlsx'.

    ``at`` is the data date the forms are for (default today); the last report prefilled is
    the latest snapshot on or before it. Each form lists the owner's unfinished leaf tasks,
    and greyed those the latest snapshot reports finished after the snapshot before it.
    """
    plan = project.plan
    li = _lang(lang or plan.lang)
    day = at or date.today()
    current = project.snapshot(day)
    before = project.previous(current) if current is not None else None
    cutoff = before.date if before is not None else None
    baseline = project.baseline
    groups: dict[str | None, list[_Line]] = {}
    known: dict[str | None, None] = {}
    for t in plan.tasks:
        known[t.owner] = None
        if t.is_summary:
            continue
        p = current.of(t.id) if current is not None else None
        finished = p is not None and p.finished is not None
        if finished and cutoff is not None and p is not None and p.finished is not None \
                and p.finished <= cutoff:
            continue
        groups.setdefault(t.owner, []).append(_Line(t, p, baseline.of(t.id), finished))
    names = {_owner_name(o, li): o for o in known}
    if owners is None:
        chosen = list(groups)
    else:
        unknown = [o for o in owners if o not in names]
        if unknown:
            suggest = Suggestions()
            raise PlanError([Diagnostic(
                "unknown-owner", f"the plan has no owner '{excerpt(o)}'",
                Location(str(plan.path or project.folder)),
                hint=suggest(o, [n for n in names]) or "owners: " + ", ".join(
                    sorted(n for n in names)[:10])) for o in unknown])
        chosen = list(dict.fromkeys(names[o] for o in owners))
    out: dict[str, bytes] = {}
    taken: set[str] = set()
    for owner in chosen:
        label = _owner_name(owner, li)
        name = safe_filename(label)
        n = 2
        while name.casefold() in taken:
            name = safe_filename(label, f" ({n}).xlsx")
            n += 1
        taken.add(name.casefold())
        out[name] = _workbook(project, day, label, groups.get(owner, []), li,
                              current.date if current is not None else None, cutoff,
                              current is not None and current.illustrative is not None)
    return out


def _owner_name(owner: str | None, lang: int) -> str:
    return owner if owner is not None else _t("no_owner", lang)


def _last_text(line: _Line, lang: int) -> str:
    p, q = line.progress, line.task.quantity
    if p is None:
        return _t("last.none", lang)
    if p.finished is not None:
        return _t("last.done", lang)
    if p.done is not None and q is not None:
        return f"{number_text(p.done)}/{number_text(q.total)}{(' ' + q.unit) if q.unit else ''}"
    if p.percent is not None:
        return f"{number_text(p.percent)}%"
    if p.remaining is not None:
        return _t("last.remaining", lang, n=p.remaining)
    return _t("last.started" if p.is_started else "last.not-started", lang)


def _row_values(line: _Line, lang: int) -> dict[str, object]:
    t, p, b, q = line.task, line.progress, line.baseline, line.task.quantity
    values: dict[str, object] = {
        "id": t.id, "name": t.name,
        "baseline_start": b.start if b else None, "baseline_finish": b.finish if b else None,
        "deadline": t.deadline, "last": _last_text(line, lang),
        "last_date": p.reported if p else None,
        "unit": q.unit if q else None, "total": _number(q.total) if q else None,
        "_id": t.id,
    }
    if p is not None:
        values.update(started=p.started, finished=p.finished, remaining=p.remaining,
                      spent=_number(p.spent), note=p.note)
        if q is not None:
            values["done"] = _number(p.done)
        else:
            values["percent"] = _number(p.percent)
    return values


def _as_filled(value: object) -> str:
    """A cell's value as the hidden sheet keeps it, and as the reader compares it."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        return number_text(float(value))
    return _note(value) or ""


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() and abs(value) < 1e15 else value


def _runs(cells: Mapping[str, list[int]]) -> str:
    """A sqref: per column letter, runs of consecutive rows as ranges (``L5:L9 L12``)."""
    parts: list[str] = []
    for letter, rows in cells.items():
        start = prev = rows[0]
        for r in [*rows[1:], -1]:
            if r == prev + 1:
                prev = r
                continue
            parts.append(f"{letter}{start}" if start == prev else f"{letter}{start}:{letter}{prev}")
            start = prev = r
    return " ".join(parts)


def _workbook(project: Project, day: date, owner: str, lines: list[_Line], lang: int,
              last: date | None, since: date | None = None, illustrative: bool = False,
              ) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.page import PageMargins
    from openpyxl.worksheet.properties import PageSetupProperties

    plan = project.plan
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = _t("sheet", lang)
    wb.properties.title = clean_cell(_t("title", lang, plan=plan.name, day=day))
    wb.properties.creator = "planner"
    letters = {key: get_column_letter(i) for i, (key, _) in enumerate(COLUMNS, 1)}
    last_col = get_column_letter(len(COLUMNS) - 1)  # the visible table ends before _id

    thin = Side(style="thin", color="BFBFBF")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    grey = PatternFill("solid", fgColor="F2F2F2")
    done_fill = PatternFill("solid", fgColor="D9D9D9")
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    done_font = Font(color="808080")
    unlocked, locked = Protection(locked=False), Protection(locked=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")

    def put(row: int, col: int, value: object) -> Any:
        cell = ws.cell(row=row, column=col)
        if isinstance(value, str):
            cell.value = clean_cell(value)
            cell.data_type = "s"  # text, even when it starts with '=' (never a formula)
        else:
            cell.value = value  # type: ignore[assignment]
        return cell

    # title, owner line, hidden metadata row, header
    put(TITLE_ROW, 1, _t("title", lang, plan=plan.name, day=day)).font = Font(bold=True,
                                                                              size=14)
    info = _t("subtitle", lang, owner=owner, last=last.isoformat() if last else _t("none", lang))
    mark = label("banner.mark", LANGS[lang]) if illustrative else ""
    put(INFO_ROW, 1, mark + info)  # prefilled from invented progress: the unit must know
    ws.merge_cells(f"A{TITLE_ROW}:{last_col}{TITLE_ROW}")
    ws.merge_cells(f"A{INFO_ROW}:{last_col}{INFO_ROW}")
    ws.row_dimensions[TITLE_ROW].height = 24
    rows = [(ln.task.id, ln.baseline.start if ln.baseline else None,
             ln.baseline.finish if ln.baseline else None) for ln in lines]
    fp = fingerprint(rows)
    meta = (MARKER, VERSION, plan.id, day.isoformat(), owner, fp)
    for i, value in enumerate(meta, 1):
        put(META_ROW, i, value)
    ws.row_dimensions[META_ROW].hidden = True
    widths: dict[str, int] = {}
    for i, (key, _) in enumerate(COLUMNS, 1):
        header = _t(key, lang)
        cell = put(HEAD_ROW, i, header)
        cell.font = Font(bold=True)
        cell.fill = head_fill
        cell.border = border
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        widths[key] = min(cell_width(header), 16)
    ws.row_dimensions[HEAD_ROW].height = 30

    # the rows
    checks: dict[str, dict[str, list[int]]] = {k: {} for k in
                                               ("date", "percent", "remaining", "spent", "note")}
    quantities: dict[tuple[float, str], dict[str, list[int]]] = {}
    styles: dict[tuple[str, bool, bool], Any] = {}  # a style set once, then copied: fast

    def style(cell: Any, state: str, wrapped: bool, dated: bool) -> None:
        known = styles.get((state, wrapped, dated))
        if known is not None:
            cell._style = copy(known)
            return
        cell.border = border
        cell.alignment = wrap if wrapped else top
        if dated:
            cell.number_format = "yyyy-mm-dd"
        if state == "done":
            cell.fill, cell.font, cell.protection = done_fill, done_font, locked
        elif state == "edit":
            cell.protection = unlocked
        else:
            cell.fill, cell.protection = grey, locked
        styles[(state, wrapped, dated)] = copy(cell._style)

    for r, line in enumerate(lines, FIRST_ROW):
        values = _row_values(line, lang)
        quantity = line.task.quantity
        for c, (key, editable) in enumerate(COLUMNS, 1):
            shown_value = values.get(key)
            cell = put(r, c, shown_value)
            applies = editable and not (key == "percent" and quantity is not None) \
                and not (key == "done" and quantity is None)
            state = "done" if line.finished else "edit" if applies else "read"
            style(cell, state, key in ("name", "note", "last"), key in DATE_COLUMNS)
            if state == "edit":
                letter = letters[key]
                if key in DATE_KEYS:
                    checks["date"].setdefault(letter, []).append(r)
                elif key == "done" and quantity is not None:
                    cells = quantities.setdefault((quantity.total, quantity.unit), {})
                    cells.setdefault(letter, []).append(r)
                else:
                    checks[key].setdefault(letter, []).append(r)
            if shown_value is not None and key != "_id":
                shown = shown_value.isoformat() if isinstance(shown_value, date) \
                    else str(shown_value)
                widths[key] = max(widths[key], min(cell_width(shown),
                                                   WIDTH_LIMIT.get(key, 16)))

    # layout: widths (CJK counts double), the hidden _id column, frozen header, print
    for key, letter in letters.items():
        ws.column_dimensions[letter].width = max(widths[key], 6) + 2
    ws.column_dimensions[letters["_id"]].hidden = True
    ws.freeze_panes = f"C{FIRST_ROW}"
    ws.print_title_rows = f"{TITLE_ROW}:{HEAD_ROW}"
    ws.print_area = f"A1:{last_col}{max(FIRST_ROW, HEAD_ROW + len(lines))}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.print_options.horizontalCentered = True
    footer = ws.oddFooter
    if footer is not None and footer.center is not None:
        footer.center.text = _t("footer", lang)

    # data validation on the editable cells, with prompts and error messages
    origin = plan.calendar_origin
    currency = f"({plan.currency})" if plan.currency and lang == 0 else \
        (f" ({plan.currency})" if plan.currency else "")

    def validate(kind: str, sqref: str, args: dict[str, object], **rule: Any) -> None:
        if not sqref:
            return
        dv = DataValidation(
            allow_blank=True, showInputMessage=True, showErrorMessage=kind != "note",
            promptTitle=_t(f"v.{kind}.title", lang), prompt=_t(f"v.{kind}", lang, **args),
            errorTitle=_t(f"v.{kind}.error_title", lang) if kind != "note" else None,
            error=_t(f"v.{kind}.error", lang, **args) if kind != "note" else None,
            errorStyle="stop", sqref=sqref, **rule)
        ws.add_data_validation(dv)

    validate("date", _runs(checks["date"]), {"day": day, "origin": origin}, type="date",
             operator="between", formula1=str(_serial(origin)), formula2=str(_serial(day)))
    validate("percent", _runs(checks["percent"]), {}, type="decimal", operator="between",
             formula1="0", formula2="100")
    for (total, unit), cells in quantities.items():
        validate("done", _runs(cells), {"total": number_text(total), "unit": f" {unit}" if unit and
                                        lang == 1 else unit},
                 type="decimal", operator="between", formula1="0", formula2=number_text(total))
    validate("remaining", _runs(checks["remaining"]), {}, type="whole",
             operator="greaterThanOrEqual", formula1="0")
    validate("spent", _runs(checks["spent"]), {"day": day, "currency": currency},
             type="decimal", operator="greaterThanOrEqual", formula1="0")
    validate("note", _runs(checks["note"]), {})

    # read-only cells locked, the sheet protected without a password
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widths and row heights may be changed
    ws.protection.formatRows = False

    _instructions(wb, lang, day, currency, last, since)
    hidden = wb.create_sheet(META_SHEET)
    for i, (key, value) in enumerate((("marker", MARKER), ("version", VERSION),
                                      ("plan", plan.id), ("date", day.isoformat()),
                                      ("owner", owner), ("fingerprint", fp),
                                      ("lang", LANGS[lang])), 1):
        hidden.cell(row=i, column=1, value=key).data_type = "s"
        put_plain(hidden, i, 2, value)
    for i, ((task_id, start, finish), line) in enumerate(zip(rows, lines, strict=True), 10):
        put_plain(hidden, i, 1, task_id)
        put_plain(hidden, i, 2, iso(start))
        put_plain(hidden, i, 3, iso(finish))
        # what each editable cell was filled with: the reader counts only what a unit changed
        filled = _row_values(line, lang)
        for col, key in enumerate(FIELDS, 4):
            put_plain(hidden, i, col, _as_filled(filled.get(key)))
    hidden.sheet_state = "veryHidden"
    hidden.protection.sheet = True
    wb.active = 0
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def put_plain(ws: Worksheet, row: int, col: int, value: str) -> None:
    cell = ws.cell(row=row, column=col)
    cell.value = clean_cell(value)
    cell.data_type = "s"


def _instructions(wb: Any, lang: int, day: date, currency: str, last: date | None,
                  since: date | None) -> None:
    from openpyxl.styles import Alignment, Font

    ws = wb.create_sheet(_t("help_sheet", lang))
    lines = [label(f"form.help.{i}", LANGS[lang]) for i in range(HELP_LINES)]
    # which finished tasks are greyed: those the last report says finished after the one
    # before it (not "since the last meeting": the forms are for the next one)
    grey = label("form.grey_since", LANGS[lang], since=since, last=last) if since else \
        label("form.grey_all", LANGS[lang], last=last or "—")
    ws.column_dimensions["A"].width = 100
    for i, text in enumerate(lines, 1):
        body = text.format(day=day, currency=currency, grey=grey)
        put_plain(ws, i, 1, body if i == 1 else f"{i - 1}. {body}")
        cell = ws.cell(row=i, column=1)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if i == 1:
            cell.font = Font(bold=True, size=14)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.protection.sheet = True


# -- reading -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Collected:
    day: date  # the data date the forms were made for
    entries: dict[str, dict[str, object]]  # task id -> only the fields that changed
    changes: tuple[tuple[str, str, object, object], ...]  # (task, field, old, new) for --dry-run
    files: tuple[Path, ...]
    confirmed: tuple[str, ...] = ()  # open tasks a returned form reports unchanged


@dataclass(frozen=True)
class _Cell:
    value: object
    where: Location
    percent_format: bool = False  # an .xlsx cell shown as a percent (62% is stored 0.62)


@dataclass
class _Form:
    path: Path
    where: Location
    meta: dict[str, str] | None = None
    listed: list[tuple[str, str, str]] | None = None  # the rows as made (hidden sheet)
    filled: dict[str, dict[str, str]] | None = None  # task -> field -> as filled in
    rows: list[dict[str, _Cell]] = field(default_factory=list)


def _headers() -> dict[str, str]:
    """Header text (either language, case and spaces ignored) -> column key."""
    out: dict[str, str] = {}
    for key, _ in COLUMNS:
        for text in (label(f"form.{key}", "zh"), label(f"form.{key}", "en")):
            out[fold(text)] = key
    return out


class _Reader:
    def __init__(self, project: Project) -> None:
        self.project = project
        self.plan: Plan = project.plan
        self.lang = _lang(self.plan.lang)
        self.errors: list[Diagnostic] = []
        self.suggest = Suggestions()

    def msg(self, key: str, **values: object) -> str:
        return label(f"form.msg.{key}", LANGS[self.lang], **values)

    def hint(self, key: str, **values: object) -> str:
        return label(f"form.hint.{key}", LANGS[self.lang], **values)

    def col(self, key: str) -> str:
        return label(f"form.{key}", LANGS[self.lang])

    def error(self, code: str, key: str, where: Location, hint: str = "",
              task: str | None = None, **values: object) -> None:
        self.errors.append(Diagnostic(code, self.msg(key, **values), where, hint=hint,
                                      task=task))

    # -- files -------------------------------------------------------------------------------

    def load(self, path: Path) -> _Form:
        """The form in ``path``: its metadata and its rows; Refused when it is no
        spreadsheet the safe reader opens."""
        with open_book(path, LANGS[self.lang]) as book:
            form = _Form(path, Location(str(path)))
            hidden = book.values(META_SHEET)
            if hidden is not None:
                form.meta, form.listed, form.filled = self.hidden(hidden)
            for sheet in book.sheets():
                if sheet.title != META_SHEET and self.table(form, sheet):
                    break
            return form

    def hidden(self, rows: Iterator[tuple[object, ...]],
               ) -> tuple[dict[str, str], list[tuple[str, str, str]],
                          dict[str, dict[str, str]] | None]:
        """The metadata, the rows as made, and what each row was filled with (None for a
        form written before forms kept that)."""
        meta: dict[str, str] = {}
        listed: list[tuple[str, str, str]] = []
        filled: dict[str, dict[str, str]] = {}
        for i, row in enumerate(rows, 1):
            cells = ["" if v is None else str(v) for v in row] + [""] * (3 + len(FIELDS))
            if i < 10 and cells[0]:
                meta[cells[0]] = cells[1]
            elif i >= 10 and cells[0]:
                listed.append((cells[0], cells[1], cells[2]))
                filled[cells[0]] = dict(zip(FIELDS, cells[3:3 + len(FIELDS)], strict=True))
        if meta.get("marker") != MARKER:
            return {}, [], None
        version = meta.get("version", "1")
        return meta, listed, filled if version.isdigit() and int(version) >= 2 else None

    def table(self, form: _Form, sheet: Sheet) -> bool:
        """Read the metadata row, the header row and the rows under it; False when the
        sheet has no header row."""
        known = _headers()
        columns: dict[int, str] | None = None
        for r, row in enumerate(sheet.rows(), 1):
            if columns is None:
                first = row[0].value if row else None
                if first == MARKER and form.meta is None:
                    values = ["" if c.value is None else str(c.value).strip()
                              for c in row] + [""] * 6
                    form.meta = {"marker": MARKER, "version": values[1], "plan": values[2],
                                 "date": values[3], "owner": values[4],
                                 "fingerprint": values[5]}
                    continue
                found = {i: known[fold(c.value)] for i, c in enumerate(row)
                         if isinstance(c.value, str) and fold(c.value) in known}
                if "id" in found.values() and len(found) >= 3:
                    columns = {}
                    for i, key in found.items():
                        if key not in columns.values():
                            columns[i] = key
                elif r > 20:
                    return False
                continue
            cells: dict[str, _Cell] = {}
            for i, key in columns.items():
                if i < len(row):
                    cells[key] = _Cell(row[i].value, sheet.where(r, i + 1), row[i].percent)
            cells["#row"] = _Cell(r, sheet.where(r, 1))
            form.rows.append(cells)
        return columns is not None

    # -- checks ------------------------------------------------------------------------------

    def admit(self, form: _Form, day: date | None) -> date | None:
        """The form's data date when it belongs to this plan and this day; else an error."""
        meta = form.meta
        if not meta or meta.get("marker") != MARKER:
            self.errors.append(Diagnostic("file", self.msg("not_form"), form.where,
                                          hint=self.hint("not_form")))
            return None
        if meta.get("plan") != self.plan.id:
            self.error("plan", "other_plan", form.where, hint=self.hint("other_plan"),
                       form=excerpt(meta.get("plan", "")), plan=self.plan.id)
            return None
        made = parse_date(meta.get("date", ""))  # a CSV re-saved may show 2023/11/30
        if made is None:
            self.errors.append(Diagnostic("file", self.msg("not_form"), form.where,
                                          hint=self.hint("not_form")))
            return None
        if day is not None and made != day:
            self.error("form-date", "other_date", form.where,
                       hint=self.hint("other_date", day=day), form=made, day=day)
            return None
        baseline = self.project.baseline
        if form.listed is not None and meta.get("fingerprint"):
            now = [(tid, *self._planned(baseline, tid)) for tid, _, _ in form.listed]
            if fingerprint(form.listed) != meta["fingerprint"] or \
                    fingerprint(now) != meta["fingerprint"]:
                self.error("fingerprint", "fingerprint", form.where,
                           hint=self.hint("fingerprint"))
                return None
        else:  # a CSV: each row's baseline dates against the plan's
            for cells in form.rows:
                tid = _text(cells.get("_id", cells.get("id")))
                if tid in self.plan.index:
                    want = self._planned(baseline, tid)
                    got = tuple(_date_text(cells.get(k)) for k in
                                ("baseline_start", "baseline_finish"))
                    if got != want and all(k in cells for k in
                                           ("baseline_start", "baseline_finish")):
                        self.error("fingerprint", "fingerprint", form.where,
                                   hint=self.hint("fingerprint"))
                        return None
        return made

    @staticmethod
    def _planned(baseline: Any, task_id: str) -> tuple[str, str]:
        b = baseline.of(task_id) if task_id else None
        return (iso(b.start), iso(b.finish)) if b is not None else ("", "")

    def rows(self, form: _Form, day: date, current: Any,
             seen: dict[str, Location]) -> Iterator[tuple[str, dict[str, object]]]:
        """Each row's task id and its values, checked; rows with errors are left out."""
        listed = {tid for tid, _, _ in form.listed} if form.listed is not None else None
        for cells in form.rows:
            visible = _text(cells.get("id"))
            original = _text(cells.get("_id")) if "_id" in cells else None
            fields = [k for k in FIELDS if _text(cells.get(k))]
            if not visible and not original:
                if fields:
                    self.error("form", "no_id", cells["#row"].where, hint=self.hint("id"))
                continue
            where = cells["id"].where if "id" in cells else cells["#row"].where
            if original is not None and visible != original and original:
                self.error("form", "id_changed", where, hint=self.hint("id"), task=original,
                           value=excerpt(visible), original=excerpt(original))
                continue
            tid = visible or original or ""
            if tid not in self.plan.index:
                self.error("unknown-task", "unknown_task", where, task=tid,
                           hint=self.suggest(tid, self.plan.index), value=excerpt(tid))
                continue
            task = self.plan.task(tid)
            if task.is_summary:
                self.error("form", "summary", where, task=tid, value=tid)
                continue
            if not original:
                name = _text(cells.get("name"))
                if name and fold(name) != fold(task.name):
                    self.error("form", "id_name", where, hint=self.hint("id"), task=tid,
                               value=excerpt(tid), name=excerpt(task.name))
                    continue
                if listed is not None and tid not in listed:
                    self.error("form", "not_on_form", where, task=tid, value=tid)
                    continue
            if tid in seen:
                self.error("duplicate-task", "twice", where, hint=self.hint("twice"),
                           task=tid, value=tid, other=seen[tid])
                continue
            seen[tid] = where
            values = self.values(task, cells, day, current.of(tid) if current else None)
            if values is not None:
                yield tid, values

    def values(self, task: Task, cells: dict[str, _Cell], day: date,
               old: Progress | None) -> dict[str, object] | None:
        """The row's values by field (only the columns the form has), or None on errors."""
        before = len(self.errors)
        got: dict[str, object] = {}
        tid, origin = task.id, self.plan.calendar_origin
        for key in DATE_KEYS:
            if key in cells:
                d = self.date(cells[key], key, tid)
                if d is not None and d < origin:
                    self.error("form", "before_origin", cells[key].where, task=tid,
                               col=self.col(key), value=d, origin=origin)
                elif d is not None and d > day:
                    self.error("form", "after_day", cells[key].where,
                               hint=self.hint("after_day"), task=tid, col=self.col(key),
                               value=d, day=day)
                got[key] = d
        measure = "done" if task.quantity is not None else "percent"
        for key in (measure, "remaining", "spent"):
            if key in cells:
                got[key] = self.number(cells[key], key, tid, task)
        if "note" in cells:
            got["note"] = _note(cells["note"].value)
        if len(self.errors) > before:
            return None
        start, finish = got.get("started"), got.get("finished")
        pct = got.get("percent")
        if isinstance(start, date) and isinstance(finish, date) and start > finish:
            self.error("form", "start_after_finish", cells["started"].where, task=tid,
                       start=start, finish=finish)
        if finish is not None and start is None and "started" in cells:
            self.error("form", "finish_no_start", cells["finished"].where,
                       hint=self.hint("no_start"), task=tid)
        if pct == 100 and finish is None:
            self.error("form", "percent_100", cells["percent"].where,
                       hint=self.hint("percent_100"), task=tid)
        if isinstance(pct, int | float) and finish is not None and pct < 100 and \
                (old is None or old.percent != pct):
            self.error("form", "finished_percent", cells["percent"].where,
                       hint=self.hint("finished_percent"), task=tid, value=number_text(pct))
        if start is None and finish is None and "started" in cells:
            moved = next((k for k in ("percent", "done", "spent") if got.get(k)), None) or \
                ("remaining" if got.get("remaining") is not None else None)
            if moved is not None:
                self.error("form", "progress_no_start", cells[moved].where,
                           hint=self.hint("no_start"), task=tid)
        return None if len(self.errors) > before else got

    def date(self, cell: _Cell, key: str, task: str) -> date | None:
        value = cell.value
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, datetime):
            if value.time() == datetime.min.time():
                return value.date()
        elif isinstance(value, date):
            return value
        elif isinstance(value, str):
            d = parse_date(value)
            if d is not None:
                return d
        self.error("form", "not_date", cell.where, hint=self.hint("date"), task=task,
                   col=self.col(key), value=quoted(value))
        return None

    def number(self, cell: _Cell, key: str, task: str, t: Task) -> int | float | None:
        value = cell.value
        col = self.col(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        n: float | None = None
        if isinstance(value, bool):
            n = None
        elif isinstance(value, int | float):
            n = float(value)
            if cell.percent_format and key == "percent":  # 62% is stored as 0.62
                n = round(n * 100, 9)
        elif isinstance(value, str):
            n = parse_number(value)
        if n is None or not math.isfinite(n):
            self.error("form", "not_number", cell.where, hint=self.hint("number"), task=task,
                       col=col, value=quoted(value))
            return None
        shown = number_text(n)
        if key == "percent" and not 0 <= n <= 100:
            self.error("form", "percent_range", cell.where, task=task, value=shown)
        elif key == "done" and t.quantity is not None and not 0 <= n <= t.quantity.total:
            unit = t.quantity.unit
            self.error("form", "done_range", cell.where, task=task, value=shown,
                       total=number_text(t.quantity.total),
                       unit=(" " + unit if self.lang else unit) if unit else "")
        elif n < 0:
            self.error("form", "negative", cell.where, task=task, col=col, value=shown)
        elif key == "remaining" and not n.is_integer():
            self.error("form", "not_whole", cell.where, task=task, col=col, value=shown)
        elif n > (36_600 if key == "remaining" else MAX_NUMBER):
            self.error("form", "too_big", cell.where, task=task, col=col, value=shown)
        else:
            return int(n) if n.is_integer() else n
        return None


def _text(cell: _Cell | None) -> str:
    if cell is None or cell.value is None:
        return ""
    value = cell.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).strip()


def _date_text(cell: _Cell | None) -> str:
    if cell is None or cell.value is None:
        return ""
    value = cell.value
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    d = parse_date(str(value))
    return d.isoformat() if d else str(value).strip()


def _note(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        text = value.date().isoformat() if value.time() == datetime.min.time() else \
            value.isoformat(sep=" ")
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    text = UNSAFE.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    return text or None


def read_forms(project: Project, files: Sequence[Path], at: date | None = None) -> Collected:
    """Read filled forms (.xlsx; .csv as saved by Excel/WPS, UTF-8 with or without BOM, or
    GBK); raise PlanError with every problem of every file at once.

    The data date is ``at`` when given, else the forms' own (they must agree). Only the
    fields that differ from each task's current (cumulative) report become entries; a
    value cleared in the form is an entry of None (remove it).
    """
    reader = _Reader(project)
    if not files:
        raise PlanError([Diagnostic("file", reader.msg("no_forms"), Location("."))])
    paths: list[Path] = []
    seen_paths: set[Path] = set()
    for f in files:
        p = Path(f)
        resolved = p.resolve()
        if resolved not in seen_paths:
            seen_paths.add(resolved)
            paths.append(p)
    forms: list[_Form] = []
    for path in paths:
        try:
            forms.append(reader.load(path))
        except Refused as exc:
            reader.errors.append(exc.diagnostic)
    day = at
    admitted: list[_Form] = []
    for form in forms:
        made = reader.admit(form, day)
        if made is not None:
            day = made
            admitted.append(form)
    if day is None:
        raise PlanError(reader.errors)
    current = project.snapshot(day)
    entries: dict[str, dict[str, object]] = {}
    changes: list[tuple[str, str, object, object]] = []
    seen: dict[str, Location] = {}
    confirmed: list[str] = []
    for form in admitted:
        before = len(changes)
        unchanged: list[tuple[str, Progress]] = []  # open rows left as they were
        for tid, values in reader.rows(form, day, current, seen):
            old = current.of(tid) if current is not None else None
            filled = form.filled.get(tid) if form.filled is not None else None
            for key in FIELDS:
                if key not in values:
                    continue
                was = getattr(old, key) if old is not None else None
                new = values[key]
                # what differs from the current report, and (when the form says what it
                # was filled with) what the unit changed there: a cell left as filled in
                # never undoes a report recorded since, by a collect of this form too
                untouched = filled is not None and _as_filled(new) == filled.get(key, "")
                if not untouched and not _same(was, new):
                    entries.setdefault(tid, {})[key] = new
                    changes.append((tid, key, _number(was) if isinstance(was, float) else was,
                                    new))
            if filled is None or old is None:
                continue
            # a new entry replaces the whole report: a note left as it was goes with it
            if tid in entries and "note" not in entries[tid] and old.note and \
                    filled.get("note") and _as_filled(values.get("note")) == filled["note"]:
                entries[tid]["note"] = old.note
            elif tid not in entries and filled.get("started") and not filled.get("finished") \
                    and old.reported != day:  # open, and not reported for this day yet
                unchanged.append((tid, old))
        # A form with a change came back from its unit: its other open rows, left as they
        # were, report that nothing moved (a stalled task shows as stalled, not as
        # unreported). A form without any change may be an original never sent back.
        if len(changes) > before:
            for tid, old in unchanged:
                entries[tid] = {"note": old.note} if old.note else {}
                confirmed.append(tid)
    if reader.errors:
        raise PlanError(reader.errors)
    return Collected(day, entries, tuple(changes), tuple(paths), tuple(confirmed))


def _same(old: object, new: object) -> bool:
    if isinstance(old, int | float) and isinstance(new, int | float):
        return float(old) == float(new)
    if isinstance(old, str) or isinstance(new, str):
        return (_note(old) if old is not None else None) == new
    return old == new

