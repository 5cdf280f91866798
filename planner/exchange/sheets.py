"""One safe reader for the spreadsheets people send back: .xlsx workbooks and CSV files.

The progress forms and the plan-table importer both read through it, so both refuse the
same things before they cost memory or run anything: files over MAX_BYTES, workbooks that
expand past MAX_UNZIPPED (zip bombs), workbooks with macros, OpenDocument (.ods) and binary
(.xlsb) workbooks, old or password-protected OLE files (.xls, .et), Word and PowerPoint
files renamed .xlsx, and text in no encoding Excel or WPS saves (UTF-8 with or without BOM,
GBK/GB18030, UTF-16). Each refusal is one located Diagnostic; each cell read carries its
place as a spreadsheet names it (``计划.xlsx 任务!A7``; a CSV: ``计划.csv!A7``).

Loose dates and numbers as people type them into cells (2023/10/15, 2023年10月15日, 62%,
1,800,000) are parsed here too. openpyxl is imported inside the functions only: the command
line does not pay for it at start-up.
"""

from __future__ import annotations

import csv
import io
import posixpath
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from planner.domain.diagnostics import Diagnostic, Location, Phrase, Severity
from planner.domain.values import number_text
from planner.exchange import OLE_MAGIC, ZIP_MAGIC
from planner.support.sanitize import excerpt

if TYPE_CHECKING:
    from types import TracebackType

MAX_BYTES = 20 * 1024 * 1024  # a spreadsheet larger than this is not read
# what one sheet may hold: a form has hundreds of rows, a plan's table thousands; a sheet of
# a million rows (8 MB zipped) would take minutes and all the memory before it failed
MAX_ROWS = 50_000
MAX_CELLS = 2_000_000  # a row counts as wide as its last cell, as it is read
MAX_UNZIPPED = 200 * 1024 * 1024  # what a workbook may expand to (zip bombs)
MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlam")
TEXT_SUFFIXES = (".csv", ".txt")
_CJK = re.compile(r"[\u3400-\u9fff]")


class Refused(Exception):
    """A file that is not read: one located Diagnostic says why."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def lang_of(path: Path) -> str:
    """The language to refuse a file in before its contents say: Chinese for a file whose
    name has Chinese characters in it."""
    return "zh" if _CJK.search(path.name) else "en"


# -- cells and where they are ------------------------------------------------------------------


class Cell(NamedTuple):
    """A cell's value, its indent (Excel's 增加缩进量), whether it is shown as a percent
    (62% is stored as 0.62) and whether it is a formula without a saved value (a workbook
    written by a program that computes nothing: the value is not known, not empty)."""

    value: object
    indent: int = 0
    percent: bool = False
    unsaved: bool = False


# the reader's own findings: keyed labels (x.sheets.*), said in the user's language


def unsaved(where: Location, lang: str, task: str | None = None) -> Diagnostic:
    """The error for a cell whose formula has no saved value: its value is not known.
    (Said in the user's language where it is shown; ``lang`` is no longer needed.)"""
    return Diagnostic.said("formula", "x.sheets.unsaved", where, task=task)


def sheet_ref(title: str) -> str:
    """A sheet name as a reference writes it: quoted when it has spaces or punctuation."""
    if re.fullmatch(r"[\w.]+", title):
        return title
    return "'" + title.replace("'", "''") + "'"


def letter(col: int) -> str:
    """A column's letters: 1 -> A, 27 -> AA."""
    out = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        out = chr(65 + rest) + out
    return out


_CELL = re.compile(r"!\$?([A-Z]+)\$?(\d+)$")


def cell_order(d: Diagnostic) -> tuple[int, int, int]:
    """Sorts findings row by row, left to right; findings about the whole file last."""
    m = _CELL.search(d.location.file)
    if m is None:
        return (1, 0, 0)
    column = 0
    for ch in m.group(1):
        column = column * 26 + ord(ch) - 64
    return (0, int(m.group(2)), column)


@dataclass
class Sheet:
    """One sheet of a workbook (or the one sheet of a CSV file), read row by row."""

    title: str
    prefix: str  # "计划.xlsx 任务!" or "计划.csv!": a cell's place is prefix + A7
    grid: Iterator[list[Cell]]

    def where(self, row: int, col: int) -> Location:
        """The place of the cell in ``row`` and ``col`` (both from 1)."""
        return Location(f"{self.prefix}{letter(col)}{row}")

    def rows(self) -> Iterator[list[Cell]]:
        return self.grid


class Saved(NamedTuple):
    """A workbook's document properties about its making and its last save."""

    application: str | None  # docProps/app.xml: the program that wrote the file last
    creator: str | None
    modified_by: str | None
    created: datetime | None
    modified: datetime | None


def _when(props: object, key: str) -> datetime | None:
    value = getattr(props, key, None)
    return value if isinstance(value, datetime) else None


class Book:
    """An opened workbook or CSV file; use it in a ``with`` block."""

    def __init__(self, path: Path, lang: str, workbook: Any = None,
                 text: str | None = None,
                 blanks: dict[str, set[tuple[int, int]]] | None = None,
                 application: str | None = None) -> None:
        self.path = path
        self.lang = lang
        self._wb = workbook
        self._text = text
        self._blanks = blanks or {}  # sheet part -> its formulas without a saved value
        self.application = application  # the program that last saved it (docProps/app.xml)

    def saved_with(self) -> Saved | None:
        """Who last saved the workbook, as its document properties say; None for a CSV."""
        if self._wb is None:
            return None
        props = getattr(self._wb, "properties", None)
        by = getattr(props, "lastModifiedBy", None)
        return Saved(self.application, getattr(props, "creator", None),
                     by if isinstance(by, str) else None, _when(props, "created"),
                     _when(props, "modified"))

    @property
    def is_csv(self) -> bool:
        return self._wb is None

    def __enter__(self) -> Book:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self._wb is not None:
            self._wb.close()

    def refuse_unreadable(self, exc: BaseException) -> Refused:
        return refusal(self.path, self.lang, "unreadable", resave=True,
                       reason=excerpt(str(exc) or type(exc).__name__, 80))

    def sheets(self) -> Iterator[Sheet]:
        """The sheets people see, in the workbook's order (hidden sheets left out)."""
        if self._wb is None:
            yield Sheet("", f"{self.path}!", self._csv_rows())
            return
        for ws in self._wb.worksheets:
            if getattr(ws, "sheet_state", "visible") != "visible":
                continue
            yield Sheet(ws.title, f"{self.path} {sheet_ref(ws.title)}!", self._xlsx_rows(ws))

    def values(self, title: str) -> Iterator[tuple[object, ...]] | None:
        """The plain values of the sheet named ``title``, hidden or not; None when the
        workbook has no such sheet."""
        if self._wb is None or title not in self._wb.sheetnames:
            return None
        return self._guarded(self._wb[title].iter_rows(values_only=True))

    def _guarded(self, rows: Iterator[Any]) -> Iterator[Any]:
        """``rows``, a damaged (or hostile) sheet's failure a refusal, never a traceback."""
        try:
            with warnings.catch_warnings():  # odd cells become the readers' located errors
                warnings.simplefilter("ignore")
                yield from rows
        except Refused:
            raise
        except Exception as exc:  # entities in the XML, broken parts: many ways
            raise self.refuse_unreadable(exc) from None

    def too_big(self, title: str | None, key: str, limit: int) -> Refused:
        """The refusal of a sheet over MAX_ROWS or MAX_CELLS, naming the sheet."""
        return too_big(self.path, self.lang, title, key, limit)

    def _xlsx_rows(self, ws: Any) -> Iterator[list[Cell]]:
        ws.reset_dimensions()

        blank = self._blanks.get(getattr(ws, "_worksheet_path", "").lstrip("/"), set())

        def cells() -> Iterator[list[Cell]]:
            for r, row in enumerate(ws.iter_rows(), 1):
                out = []
                for i, c in enumerate(row, 1):
                    value = getattr(c, "value", None)
                    if value is None:
                        out.append(Cell(None, unsaved=(r, i) in blank))
                        continue
                    alignment = getattr(c, "alignment", None)
                    out.append(Cell(value, int(getattr(alignment, "indent", 0) or 0),
                                    "%" in (getattr(c, "number_format", None) or "")))
                yield out

        return self._guarded(cells())

    def _csv_rows(self) -> Iterator[list[Cell]]:
        text = self._text or ""
        first = text.split("\n", 1)[0]
        delimiter = max(",\t;", key=first.count)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        cells = 0
        try:
            for r, row in enumerate(reader, 1):
                cells += len(row)
                if r > MAX_ROWS:
                    raise self.too_big(None, "rows", MAX_ROWS)
                if cells > MAX_CELLS:
                    raise self.too_big(None, "cells", MAX_CELLS)
                yield [Cell(v) for v in row]
        except csv.Error as exc:
            raise refusal(self.path, self.lang, "unreadable", reason=str(exc)) from None


# -- opening a file safely ---------------------------------------------------------------------


def refusal(path: Path, lang: str, key: str, code: str = "file", resave: bool = False,
            **values: object) -> Refused:
    """A refusal of ``path``: the message ``key`` (a label; ``form.msg.<key>`` when it has
    no dot) in ``lang``."""
    key = key if "." in key else f"form.msg.{key}"
    said = Diagnostic.said(code, key, Location(str(path)), severity=Severity.ERROR, task=None,
                           **values)
    return Refused(said.hinted("form.hint.resave") if resave else said)


def decode_text(data: bytes) -> str | None:
    """The text of a CSV file as Excel or WPS save it: UTF-16 with a BOM, UTF-8 with or
    without one, or GBK (read as GB18030); None when it is none of them."""
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = data.decode("utf-16")
        elif data.startswith(b"\xef\xbb\xbf"):
            text = data[3:].decode("utf-8")
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else text


def open_book(path: Path, lang: str, *, too_large: str = "form.msg.too_large",
              any_text: bool = False) -> Book:
    """Open ``path`` for reading its sheets, or raise Refused saying why not.

    ``lang`` is the language of the refusals; ``too_large`` the label saying a file is over
    MAX_BYTES (given ``mb``). A file that is not a zip is read as CSV when
    its name ends in .csv or .txt, or (``any_text``) whatever its name."""
    try:
        if not path.is_file():
            raise refusal(path, lang, "not_file" if path.exists() else "missing")
        if path.stat().st_size > MAX_BYTES:
            raise refusal(path, lang, too_large, "too-large", mb=MAX_BYTES // 2**20)
        data = path.read_bytes()
    except OSError as exc:
        raise refusal(path, lang, "unreadable", reason=exc.strerror or str(exc)) from None
    if len(data) > MAX_BYTES:  # grew since
        raise refusal(path, lang, too_large, "too-large", mb=MAX_BYTES // 2**20)
    if not data.strip():
        raise refusal(path, lang, "empty")
    suffix = path.suffix.lower()
    if suffix in MACRO_SUFFIXES:
        raise refusal(path, lang, "macro", resave=True)
    if suffix == ".xlsb":
        raise refusal(path, lang, "xlsb", resave=True)
    if data.startswith(OLE_MAGIC):
        raise refusal(path, lang, "binary", resave=True)
    if data.startswith(ZIP_MAGIC):
        return _workbook(path, lang, data, too_large)
    if suffix in TEXT_SUFFIXES or (any_text and suffix != ".xlsx"):
        text = decode_text(data)
        if text is None:
            raise refusal(path, lang, "not_text", resave=True)
        return Book(path, lang, text=text)
    raise refusal(path, lang, "not_sheet", resave=True)


def too_big(path: Path, lang: str, title: str | None, key: str, limit: int) -> Refused:
    """The refusal of a sheet (``title``; None: a CSV file) over MAX_ROWS or MAX_CELLS."""
    where = f"{path} {sheet_ref(title)}" if title is not None else str(path)
    sheet = sheet_ref(title) if title is not None else path.name
    return Refused(Diagnostic.said("too-large", f"x.sheets.{key}", Location(where), sheet=sheet,
                                   limit=limit).hinted("x.sheets.rows.hint"))


def _sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """Each worksheet's part in the zip and its title, from the workbook and its links."""
    from defusedxml.ElementTree import fromstring  # type: ignore[import-untyped]

    def local(tag: object) -> str:
        return str(tag).rpartition("}")[2]

    targets: dict[str, str] = {}
    rels = "xl/_rels/workbook.xml.rels"
    if rels in z.namelist():
        for el in fromstring(z.read(rels)):
            target = el.get("Target") or ""
            targets[el.get("Id") or ""] = target.lstrip("/") if target.startswith("/") else \
                posixpath.normpath(posixpath.join("xl", target))
    out: dict[str, str] = {}
    for el in fromstring(z.read("xl/workbook.xml")).iter():
        if local(el.tag) == "sheet":
            rid = next((v for k, v in el.attrib.items() if local(k) == "id"), "")
            if rid in targets:
                out[targets[rid]] = el.get("name") or ""
    return out


def _scan(src: IO[bytes], refuse: Callable[[str, int], Refused]) -> set[tuple[int, int]]:
    """The cells of a sheet's XML that hold a formula without a saved value, as (row,
    column); ``refuse("rows"|"cells", limit)`` raised, before anything is kept, when the
    sheet is over MAX_ROWS or MAX_CELLS. One pass with expat and no tree, before openpyxl
    reads the sheet (which, when the sheet does not say its size, reads it all to find out).
    A document type declaration (entities) is refused, as defusedxml does."""

    from openpyxl.utils.cell import column_index_from_string

    out: set[tuple[int, int]] = set()
    row_no = cells = 0
    width = 0  # the column of the row's last cell so far
    cell: dict[str, str] = {}  # the open <c>'s attributes
    formula = False  # the open <c> has an <f>
    value: list[str] | None = None  # the open <c>'s <v> text, once it has one

    def column(ref: str | None) -> int:
        letters = ref.rstrip("0123456789") if ref else ""
        return column_index_from_string(letters) if letters.isalpha() else width + 1

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal row_no, cells, width, cell, formula, value
        tag = name.rpartition("}")[2]
        if tag == "c":
            cell, formula, value = attrs, False, None
        elif tag == "f":
            formula = True
        elif tag == "v":
            value = []
        elif tag == "row":
            cells += width
            if cells > MAX_CELLS:
                raise refuse("cells", MAX_CELLS)
            number = attrs.get("r")
            row_no = int(number) if number and number.isdigit() else row_no + 1
            width = 0
            if row_no > MAX_ROWS:
                raise refuse("rows", MAX_ROWS)

    def end(name: str) -> None:
        nonlocal width
        if name.rpartition("}")[2] != "c":
            return
        width = column(cell.get("r"))
        # a formula's saved value is its <v>; a program that computes nothing writes none
        # or an empty one (an empty text result is t="str")
        if formula and not "".join(value or ()).strip() and cell.get("t") not in (
                "str", "inlineStr"):
            out.add((row_no, width))

    def text(data: str) -> None:
        if value is not None:
            value.append(data)

    _expat(start, end, text, "the sheet").ParseFile(src)
    cells += width
    if cells > MAX_CELLS:
        raise refuse("cells", MAX_CELLS)
    return out


def _workbook(path: Path, lang: str, data: bytes, too_large: str) -> Book:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
            if "mimetype" in names and z.read("mimetype").startswith(
                    b"application/vnd.oasis.opendocument"):
                raise refusal(path, lang, "ods", resave=True)
            if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
                what: Phrase | str = ""
                if "word/document.xml" in names:
                    what = Phrase.of("form.word")
                elif "ppt/presentation.xml" in names:
                    what = Phrase.of("form.powerpoint")
                raise refusal(path, lang, "zip_no_book", resave=True, what=what)
            if "xl/workbook.bin" in names:
                raise refusal(path, lang, "xlsb", resave=True)
            if any(n.lower().endswith("vbaproject.bin") for n in names):
                raise refusal(path, lang, "macro", resave=True)
            if sum(i.file_size for i in infos) > MAX_UNZIPPED:
                raise refusal(path, lang, too_large, "too-large", mb=MAX_UNZIPPED // 2**20)
            application = _application(z) if "docProps/app.xml" in names else None
            blanks: dict[str, set[tuple[int, int]]] = {}
            for part, title in _sheet_parts(z).items():
                if part in names:
                    with z.open(part) as src:
                        blanks[part] = _scan(src, partial(too_big, path, lang, title))
    except Refused:
        raise
    except zipfile.BadZipFile as exc:
        raise refusal(path, lang, "unreadable", reason=str(exc), resave=True) from None
    except Exception as exc:  # a damaged (or hostile) part: entities, broken XML
        raise refusal(path, lang, "unreadable", resave=True,
                      reason=excerpt(str(exc) or type(exc).__name__, 80)) from None
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():  # odd cells become the readers' located errors
            warnings.simplefilter("ignore")
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True,
                               keep_vba=False, keep_links=False)
    except Exception as exc:  # a damaged workbook may fail in many ways
        raise refusal(path, lang, "unreadable", resave=True,
                      reason=excerpt(str(exc) or type(exc).__name__, 80)) from None
    return Book(path, lang, workbook=wb, blanks=blanks, application=application)


def _expat(start: Callable[[str, dict[str, str]], None], end: Callable[[str], None],
           text: Callable[[str], None], what: str) -> Any:
    """An expat parser with these handlers that refuses a document type declaration
    (entities: the billion laughs and their kin) in ``what`` with a ValueError."""
    import xml.parsers.expat as expat

    def refused(*_: object) -> None:
        raise ValueError(f"{what} declares a document type (entities are not read)")

    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = refused
    parser.EntityDeclHandler = refused
    return parser


def _application(z: zipfile.ZipFile) -> str:
    """The <Application> of docProps/app.xml ("" when it names none or is damaged), read
    with expat: a document type declaration (entities) is refused, as for the sheets."""
    import xml.parsers.expat as expat

    found: list[str] = []
    inside = False

    def start(name: str, _: dict[str, str]) -> None:
        nonlocal inside
        inside = name.rpartition("}")[2] == "Application"

    def end(_: str) -> None:
        nonlocal inside
        inside = False

    def text(data: str) -> None:
        if inside and sum(map(len, found)) < 200:
            found.append(data)

    parser = _expat(start, end, text, "docProps/app.xml")
    with z.open("docProps/app.xml") as src:
        try:
            parser.ParseFile(src)
        except expat.ExpatError:  # damaged, not hostile: no program named, the sheets read
            return ""
    return "".join(found).strip()


# -- loose values ------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Text compared loosely: NFKC, no spaces, case folded (for headers and names)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
                   r"(?:[ T]0{1,2}:00(?::00(?:\.0+)?)?)?")


def parse_date(text: str) -> date | None:
    """2023-10-15, 2023/10/15, 2023.10.15 or 2023年10月15日 (a midnight time may follow)."""
    m = _DATE.fullmatch(unicodedata.normalize("NFKC", text).strip())
    if m is None:
        return None
    year, month, day = (int(g) for g in m.groups())
    if not 1900 <= year <= 2200:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def parse_number(text: str) -> float | None:
    """A number typed as text: ``62``, ``62.5``, ``62%``, ``1,800,000``; None otherwise."""
    s = unicodedata.normalize("NFKC", text).strip().replace(",", "").replace(" ", "")
    s = s.removesuffix("%")
    if not _NUMBER.fullmatch(s):
        return None
    return float(s)


def cell_date(value: object) -> date | None:
    """A cell's date: a date, a datetime at midnight, or text parse_date reads; else None."""
    if isinstance(value, datetime):
        return value.date() if value.time() == datetime.min.time() else None
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    return None


def quoted(value: object) -> str:
    """A cell's value as an error message quotes it."""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, float | int) and not isinstance(value, bool):
        return number_text(float(value))
    return excerpt(str(value))
