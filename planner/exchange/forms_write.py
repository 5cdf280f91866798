"""Progress forms out: one workbook per owner, to be filled in Excel or WPS.

A form lists an owner's unfinished leaf tasks (and, greyed, those the latest report says
finished since the one before it) with the last report prefilled, so a unit changes only
what moved; editable cells are unlocked and validated, the rest locked, and a very hidden
sheet keeps what the form was made for and filled with (planner.exchange.forms_read reads
them back).

openpyxl is imported inside the functions only: the command line does not pay for it at
start-up.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from copy import copy
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from planner.domain.diagnostics import Alternatives, Diagnostic, Location, PlanError, Suggestions
from planner.domain.values import number_text
from planner.exchange.forms_common import (
    CLEAR_WORDS,
    COLUMNS,
    DATE_COLUMNS,
    DATE_KEYS,
    FIELDS,
    FIRST_ROW,
    HEAD_ROW,
    INFO_ROW,
    LANGS,
    MARKER,
    MAX_NAME,
    MAX_NAME_BYTES,
    META_ROW,
    META_SHEET,
    TITLE_ROW,
    VERSION,
    as_filled,
    form_fingerprint,
    iso,
    lang_index,
    plain_number,
)
from planner.exchange.forms_common import form_label as _t
from planner.i18n.labels import HELP_LINES, label
from planner.render.terminal import width as text_width
from planner.render.xlsx import cell_width, clean_cell
from planner.support.sanitize import UNSAFE, excerpt

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from planner.domain.baseline import BaselineTask
    from planner.domain.model import Task
    from planner.domain.progress import Progress
    from planner.project import Project

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
    li = lang_index(lang or plan.lang)
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
            where = Location(str(plan.path or project.folder))
            listed = Alternatives(tuple(sorted(names)[:10]), ", ", "、")
            raise PlanError([Diagnostic.said(
                "unknown-owner", "forms.unknown_owner.close" if (close := suggest.closest(
                    o, names)) else "forms.unknown_owner", where, owner=excerpt(o),
                close=close, owners=listed) for o in unknown])
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
        "unit": q.unit if q else None, "total": plain_number(q.total) if q else None,
        "_id": t.id,
    }
    if p is not None:
        # ongoing work's percent and days left too, read-only: a form saved as CSV keeps
        # no record of what it was filled with, and must not read as clearing them
        values.update(started=p.started, finished=p.finished, remaining=p.remaining,
                      spent=plain_number(p.spent), note=p.note)
        if q is not None:
            values["done"] = plain_number(p.done)
        else:
            values["percent"] = plain_number(p.percent)
    return values


def _applies(key: str, task: Task) -> bool:
    """Whether a unit reports ``key`` (an editable column) for ``task``: a quantity done
    for a task with a quantity, else a percent; ongoing work (持续推进) and targets no
    percent and no days left — they run to the end of their window, and a percent of
    ongoing work means little — but its note and, where it has one, its quantity."""
    if key == "percent":
        return task.quantity is None and not task.ongoing
    if key == "done":
        return task.quantity is not None
    if key == "remaining":
        return not task.spans_window  # a target too runs to the end of its window
    return True


def _hidden_columns(lines: Sequence[_Line]) -> set[str]:
    """The columns no row of a form needs: hidden, so that what is shown prints large
    enough on A4 (they stay in the sheet: the reader finds columns by their headers, and
    a form keeps one layout)."""
    tasks = [ln.task for ln in lines]
    hidden: set[str] = set()
    if not any(t.quantity is not None for t in tasks):
        hidden |= {"unit", "total", "done"}
    for key in ("percent", "remaining"):
        if not any(_applies(key, t) for t in tasks):
            hidden.add(key)
    if not any(t.deadline is not None for t in tasks):
        hidden.add("deadline")
    if not any(t.budget is not None or (ln.baseline is not None and ln.baseline.budget
                                        is not None) or (ln.progress is not None and
                                                         ln.progress.spent is not None)
               for t, ln in zip(tasks, lines, strict=True)):
        hidden.add("spent")  # nothing to weigh a cost against, and none reported
    return hidden


# -- print layout: A4 landscape, body text at least 9 pt --------------------------------------

# Excel's column width unit is the width of a digit of the default font (Calibri 11 pt:
# 7 px at 96 dpi, 5.25 pt; LibreOffice, with its metric twin Carlito, measures about
# 5.5 pt). Fitting to one page wide scales the font by the printable width over the
# columns' width: 160 units at 5.6 pt are 896 pt, on the 784 pt between the margins of
# A4 landscape a scale of 0.875, so 11 pt text prints at 9.6 pt or more.
UNIT_PT = 5.6
BODY_PT = 11
MAX_UNITS = 160
# widest a column grows for its contents (wrapped beyond), and narrowest it is squeezed to
_CAP = {"id": 16, "name": 30, "last": 16, "note": 36, "unit": 6}
_FLOOR = {"id": 10, "name": 14, "last": 10, "note": 16}
_WRAPPED = frozenset({"id", "name", "last", "note"})
LINE_PT = 15.0  # height of a line of 11 pt text (CJK fonts included)


def _cjk(text: str) -> bool:
    return text_width(text) > len(text)


def _header_units(header: str) -> int:
    """Width a header needs on at most two lines: Chinese breaks anywhere, other text
    between words."""
    half = math.ceil(cell_width(header) / 2)
    if _cjk(header):
        return half
    return max(half, *(len(w) for w in header.split()))


def _fit(widths: dict[str, int]) -> dict[str, int]:
    """Column widths within MAX_UNITS: the wrapped columns give up what is too much,
    each in proportion to what it can spare above its floor."""
    excess = sum(widths.values()) - MAX_UNITS
    spare = {k: widths[k] - _FLOOR[k] for k in _FLOOR if k in widths and widths[k] > _FLOOR[k]}
    room = sum(spare.values())
    if excess <= 0 or room <= 0:
        return widths
    out = dict(widths)
    for k, v in spare.items():
        out[k] -= min(v, math.ceil(excess * v / room))
    return out


def lines_in(text: str, units: float) -> int:
    """Lines ``text`` wraps to in a column ``units`` wide: a Chinese character at 11 pt is
    2.1 widths of Calibri's digit (the unit), other text at most one; the cell's padding
    takes about half a unit."""
    room = max(units - 0.6, 1)
    return sum(max(1, math.ceil(1.05 * text_width(line) / room)) for line in text.split("\n"))






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


def _a4_landscape(ws: Any) -> None:
    """Print ``ws`` on A4 landscape, one page wide, centred: the form and its instructions
    alike."""
    from openpyxl.worksheet.page import PageMargins
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.print_options.horizontalCentered = True


def _workbook(project: Project, day: date, owner: str, lines: list[_Line], lang: int,
              last: date | None, since: date | None = None, illustrative: bool = False,
              ) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

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
    fp = form_fingerprint(plan.id, owner, day, rows)  # binds plan, owner, date and rows
    meta = (MARKER, VERSION, plan.id, day.isoformat(), owner, fp)
    for i, value in enumerate(meta, 1):
        put(META_ROW, i, value)
    ws.row_dimensions[META_ROW].hidden = True
    hidden_keys = _hidden_columns(lines)
    widths: dict[str, int] = {}
    for i, (key, _) in enumerate(COLUMNS, 1):
        header = _t(key, lang)
        cell = put(HEAD_ROW, i, header)
        cell.font = Font(bold=True)
        cell.fill = head_fill
        cell.border = border
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        widths[key] = min(_header_units(header), 16)

    # the rows
    checks: dict[str, dict[str, list[int]]] = {k: {} for k in
                                               ("date", "percent", "remaining", "spent", "note")}
    quantities: dict[tuple[float, str], dict[str, list[int]]] = {}
    styles: dict[tuple[str, bool, bool], Any] = {}  # a style set once, then copied: fast
    shown_text: dict[int, dict[str, str]] = {}  # row -> wrapped column -> its text

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
        shown_text[r] = {}
        for c, (key, editable) in enumerate(COLUMNS, 1):
            shown_value = values.get(key)
            cell = put(r, c, shown_value)
            applies = editable and _applies(key, line.task)
            state = "done" if line.finished else "edit" if applies else "read"
            style(cell, state, key in _WRAPPED, key in DATE_COLUMNS)
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
                widths[key] = max(widths[key], min(cell_width(shown), _CAP.get(key, 12)))
                if key in _WRAPPED:
                    shown_text[r][key] = shown

    # layout: widths (CJK counts double) that print at 9 pt or more on A4 landscape, the
    # columns no row needs hidden with the _id column, wrapped rows high enough
    units = _fit({key: widths[key] + 1 for key in letters
                  if key != "_id" and key not in hidden_keys})
    for key, letter in letters.items():
        ws.column_dimensions[letter].width = units.get(key, widths[key] + 1)
        ws.column_dimensions[letter].hidden = key not in units
    head_lines = max(lines_in(_t(k, lang), units[k]) for k in units)
    ws.row_dimensions[HEAD_ROW].height = LINE_PT * max(head_lines, 2) + 2
    for r, texts in shown_text.items():
        tall = max((lines_in(text, units[k]) for k, text in texts.items() if k in units),
                   default=1)
        if tall > 1:
            ws.row_dimensions[r].height = LINE_PT * tall + 2
    ws.freeze_panes = f"C{FIRST_ROW}"
    ws.print_title_rows = f"{TITLE_ROW}:{HEAD_ROW}"
    ws.print_area = f"A1:{last_col}{max(FIRST_ROW, HEAD_ROW + len(lines))}"
    _a4_landscape(ws)
    footer = ws.oddFooter
    if footer is not None and footer.center is not None:
        footer.center.text = _t("footer", lang)
        footer.center.size = BODY_PT  # scaled with the page, as the body text

    # data validation on the editable cells, with prompts and error messages
    origin = plan.calendar_origin
    currency = f"({plan.currency})" if plan.currency and lang == 0 else \
        (f" ({plan.currency})" if plan.currency else "")

    def validate(kind: str, sqref: str, args: dict[str, object], check: str = "") -> None:
        """A validation of ``kind`` on ``sqref``: ``check`` is its rule on the first cell
        (``{a}``), which Excel and WPS move along the other cells; the word that clears a
        reported value ("清除", "clear": the reader's `is_clear`) passes every rule."""
        if not sqref:
            return
        rule: dict[str, Any] = {}
        if check:
            a = sqref.split()[0].split(":")[0]
            words = ",".join(f'TRIM({a})="{w}"' for w in CLEAR_WORDS)
            rule = {"type": "custom", "formula1": f"OR({words},{check.format(a=a)})"}
        dv = DataValidation(
            allow_blank=True, showInputMessage=True, showErrorMessage=bool(check),
            promptTitle=_t(f"v.{kind}.title", lang), prompt=_t(f"v.{kind}", lang, **args),
            errorTitle=_t(f"v.{kind}.error_title", lang) if check else None,
            error=_t(f"v.{kind}.error", lang, **args) + _t("v.clear", lang) if check else None,
            errorStyle="stop", sqref=sqref, **rule)
        ws.add_data_validation(dv)

    # IF, not AND, guards the number tests: INT of a text is an error, and an error in
    # any argument makes OR an error, refusing the clear word too
    number = "IF(ISNUMBER({a}),AND({a}>=%s,{a}<=%s),FALSE)"
    validate("date", _runs(checks["date"]), {"day": day, "origin": origin},
             number % (_serial(origin), _serial(day)))
    validate("percent", _runs(checks["percent"]), {}, number % (0, 100))
    for (total, unit), cells in quantities.items():
        validate("done", _runs(cells), {"total": number_text(total), "unit": f" {unit}" if unit and
                                        lang == 1 else unit}, number % (0, number_text(total)))
    validate("remaining", _runs(checks["remaining"]), {},
             "IF(ISNUMBER({a}),AND({a}>=0,{a}=INT({a})),FALSE)")
    validate("spent", _runs(checks["spent"]), {"day": day, "currency": currency},
             "IF(ISNUMBER({a}),{a}>=0,FALSE)")
    validate("note", _runs(checks["note"]), {})

    # read-only cells locked, the sheet protected without a password
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widths and row heights may be changed
    ws.protection.formatRows = False

    _instructions(wb, lang, day, currency, last, since,
                  ongoing=any(ln.task.ongoing and not ln.finished for ln in lines))
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
            put_plain(hidden, i, col, as_filled(filled.get(key)))
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
                  since: date | None, ongoing: bool = False) -> None:
    """The instructions sheet: one paragraph a row, wrapped in one wide column, each row
    as high as its lines, so that it prints on A4 landscape at full size without text
    running into the next."""
    from openpyxl.styles import Alignment, Font

    ws = wb.create_sheet(_t("help_sheet", lang))
    keys = [f"form.help.{i}" for i in range(HELP_LINES)]
    if ongoing:  # the form has 持续推进 rows: say what they are asked for, and why not more
        keys.insert(6, "form.help.ongoing")
    # after the progress note, before "save and send back": a blank cell changes nothing,
    # the clear word removes a report; a note beginning "更正：" corrects an earlier one
    keys[-1:-1] = ["form.help.clear", "form.help.correct"]
    # which finished tasks are greyed: those the last report says finished after the one
    # before it (not "since the last meeting": the forms are for the next one)
    grey = label("form.grey_since", LANGS[lang], since=since, last=last) if since else \
        label("form.grey_all", LANGS[lang], last=last or "—")
    ws.column_dimensions["A"].width = HELP_UNITS
    for i, key in enumerate(keys, 1):
        body = label(key, LANGS[lang]).format(day=day, currency=currency, grey=grey)
        text = body if i == 1 else f"{i - 1}. {body}"
        put_plain(ws, i, 1, text)
        cell = ws.cell(row=i, column=1)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if i == 1:
            cell.font = Font(bold=True, size=14)
            ws.row_dimensions[i].height = 24
        else:
            ws.row_dimensions[i].height = LINE_PT * lines_in(text, HELP_UNITS) + 6
    ws.print_area = f"A1:A{len(keys)}"
    _a4_landscape(ws)
    ws.protection.sheet = True


HELP_UNITS = 120  # the instructions' column: 630 pt, within A4 landscape's 784 at full size
