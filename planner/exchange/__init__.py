"""Other programs' formats: MS Project XML, spreadsheets, calendars, and the progress forms.

Every format has one entry in FORMATS: its name, its file suffixes, what it is (in Chinese
and English, for help and errors), and the modules that read and write it. A reader module
has ``read(path, fallback_id) -> Imported``; a writer module ``write(project, at, lang) ->
Exported``. The modules are imported by name when first used, so importing this package
costs nothing but the table (the command line lists the formats at start-up).

`detect` tells a file's format by its content first (a zip with a workbook in it, a
``<Project>`` of MS Project's XML, ``BEGIN:VCALENDAR``, text in rows, the files MPXJ
converts: .mpp, .mpx, .xer, P6 XML, .gan, .pod), then by its suffix;
a file named .xlsx that holds MS Project XML is read as MS Project XML.

Other planning programs' files (.mpp, .mpx, Primavera .xer and P6 XML, ProjectLibre .pod,
GanttProject .gan…) are told by their content too, and are ``needs_mpxj`` formats: read by
the module MPXJ_READER, which converts them to MS Project XML with MPXJ (the optional extra
``planner-cpm[mpxj]``, on a Java runtime) and reads that with the MSPDI reader. Without the
module, the extra or Java, `Format.read` refuses the file with one sentence saying what to
install and how to get MS Project XML instead (`without_mpxj`).
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from planner.domain.diagnostics import Diagnostic, Location, Severity, said_values
from planner.i18n.labels import label

if TYPE_CHECKING:
    from datetime import date

    from planner.exchange.exported import Exported
    from planner.exchange.imported import Imported
    from planner.project import Project


class _ReadsFiles(Protocol):
    def read(self, path: Path, fallback_id: str = ..., **options: object) -> Imported: ...


class _WritesFiles(Protocol):
    def write(self, project: Project, at: date | None = ..., lang: str | None = ...,
              ) -> Exported: ...


@dataclass(frozen=True)
class Format:
    """One other program's format, and where its reader and writer live."""

    name: str  # as `planner export --format` takes it
    suffixes: tuple[str, ...]  # the first is what an export is named
    what: tuple[str, str]  # (zh, en): what the file is, as a message names it
    about: tuple[str, str]  # (zh, en): what the format carries, for help
    reader: str | None = None  # module under planner.exchange with read()
    writer: str | None = None  # module under planner.exchange with write()
    at: tuple[str, str] | None = None  # (zh, en) what a data date adds; None: takes none
    counts: str = "tasks"  # what an export's summary line counts
    options: tuple[str, ...] = ()  # keyword options its reader takes ("fields": --field)
    needs_mpxj: bool = False  # read through MPXJ (planner-cpm[mpxj], Java): see MPXJ_READER
    save_as: tuple[str, str] | None = None  # (zh, en) how to get MS Project XML without it

    @property
    def reads(self) -> bool:
        return self.reader is not None

    @property
    def writes(self) -> bool:
        return self.writer is not None

    @property
    def suffix(self) -> str:
        """The suffix an export is named with, without its dot."""
        return self.suffixes[0].lstrip(".")

    def describe(self, lang: str = "en") -> str:
        """What the file is, in ``lang`` (zh or en)."""
        return self.what[0 if lang == "zh" else 1]

    def in_lang(self, lang: str) -> str:  # a format named in a message (a Sayable)
        return self.describe(lang)

    def read(self, path: Path, fallback_id: str = "imported", **options: object,
             ) -> Imported:
        """Read ``path`` into a plan folder; PlanError, located, when it cannot be;
        Unreadable when it needs MPXJ and MPXJ is not there. ``options`` are the reader's
        own (see ``options``)."""
        if self.reader is None:
            raise ValueError(f"{self.name}: planner does not read {self.describe()} files")
        unknown = set(options) - set(self.options)
        if unknown:
            raise ValueError(f"{self.name}: no option {', '.join(sorted(unknown))}")
        try:
            module = cast(_ReadsFiles, importlib.import_module(f"{__name__}.{self.reader}"))
        except ModuleNotFoundError:
            if not self.needs_mpxj:
                raise
            raise self.without_mpxj(path) from None
        return module.read(path, fallback_id, **options)

    def without_mpxj(self, path: Path) -> Unreadable:
        """The refusal of a ``needs_mpxj`` file where MPXJ cannot run: what to install, or
        how to get MS Project XML instead (for the converter to raise too)."""
        return Unreadable(path, "import.needs_mpxj", what=self,
                          suffix=path.suffix or self.suffixes[0],
                          save_as=_Pair(self.save_as or SAVE_AS_OTHER))

    def write(self, project: Project, at: date | None = None, lang: str | None = None,
              ) -> Exported:
        """The file's bytes for ``project`` (with ``at``, as of that data date)."""
        if self.writer is None:
            raise ValueError(f"{self.name}: planner does not write {self.describe()} files")
        if at is not None and self.at is None:
            raise ValueError(f"{self.name}: {self.describe()} files carry no data date")
        module = cast(_WritesFiles, importlib.import_module(f"{__name__}.{self.writer}"))
        return module.write(project, at, lang)


@dataclass(frozen=True)
class _Pair:
    """A (zh, en) text as a message value (a Sayable)."""

    texts: tuple[str, str]

    def in_lang(self, lang: str) -> str:
        return self.texts[0 if lang == "zh" else 1]


# The module that reads the needs_mpxj formats: read(path, fallback_id, **options) converts
# the file with MPXJ and reads the MS Project XML with mspdi_read (the same warnings); it
# raises Format.without_mpxj(path) when the extra or Java is missing.
MPXJ_READER = "mpxj_convert"
SAVE_AS_PROJECT = ("或在 MS Project 或 ProjectLibre 中打开该文件并“另存为 XML”，"
                   "再导入该 XML 文件",
                   "or open it in MS Project or ProjectLibre, save it as XML (File > Save As "
                   "> XML) and import that")
SAVE_AS_OTHER = ("或在编制该文件的软件中将其导出为 MS Project XML，再导入该 XML 文件",
                 "or export it as MS Project XML from the program that made it and import "
                 "that")


def _via_mpxj(name: str, suffixes: tuple[str, ...], what: tuple[str, str],
              save_as: tuple[str, str] = SAVE_AS_OTHER) -> Format:
    return Format(name, suffixes, what, (f"{what[0]}，经 MPXJ 读取", f"{what[1]}, through MPXJ"),
                  reader=MPXJ_READER, options=("fields",), needs_mpxj=True, save_as=save_as)


FORMATS: tuple[Format, ...] = (
    Format("mspdi", (".xml",), ("MS Project XML", "MS Project XML"),
           ("MS Project XML", "MS Project XML"),
           reader="mspdi_read", writer="mspdi_write",
           at=("进度和基线", "progress and baseline"), options=("fields",)),
    Format("xlsx", (".xlsx",), ("计划工作簿", "plan workbook"),
           ("计划表，供 Excel/WPS 使用", "the plan as a table for Excel/WPS"),
           reader="table_read", writer="table_write"),
    Format("csv", (".csv", ".txt"), ("CSV 任务表", "CSV task table"),
           ("任务表，逗号分隔文本", "a task table as comma-separated text"),
           reader="table_read"),
    Format("ics", (".ics",), ("日历", "calendar"),
           ("期限和里程碑，作为日历事件", "deadlines and milestones as calendar events"),
           writer="ics_write", at=("预测", "forecast"), counts="events"),
    _via_mpxj("mpp", (".mpp", ".mpt"), ("MS Project 文件", "MS Project file"), SAVE_AS_PROJECT),
    _via_mpxj("mpx", (".mpx",), ("MPX 文件", "MPX file"), SAVE_AS_PROJECT),
    _via_mpxj("mpd", (".mpd",), ("MS Project 数据库", "MS Project database"),
              SAVE_AS_PROJECT),
    _via_mpxj("xer", (".xer",), ("Primavera P6 XER 文件", "Primavera P6 XER file")),
    _via_mpxj("pmxml", (".xml",), ("Primavera P6 XML 文件", "Primavera P6 XML file")),
    _via_mpxj("pod", (".pod",), ("ProjectLibre 文件", "ProjectLibre file"), SAVE_AS_PROJECT),
    _via_mpxj("gan", (".gan",), ("GanttProject 文件", "GanttProject file")),
    _via_mpxj("planner", (".planner",), ("GNOME Planner 文件", "GNOME Planner file")),
)


def get(name: str) -> Format:
    """The format named ``name``; KeyError when there is none."""
    for f in FORMATS:
        if f.name == name:
            return f
    raise KeyError(name)


def readers() -> tuple[Format, ...]:
    """The formats planner reads itself (not through MPXJ)."""
    return tuple(f for f in FORMATS if f.reads and not f.needs_mpxj)


def through_mpxj() -> tuple[Format, ...]:
    """The formats read through MPXJ (planner-cpm[mpxj])."""
    return tuple(f for f in FORMATS if f.needs_mpxj)


def writers() -> tuple[Format, ...]:
    return tuple(f for f in FORMATS if f.writes)


def by_suffix(path: Path) -> Format | None:
    """The format ``path``'s suffix names, if any (.xml: MS Project XML)."""
    suffix = path.suffix.lower()
    return next((f for f in FORMATS if suffix in f.suffixes), None)


# -- telling a file's format by its content ----------------------------------------------------

HEAD = 8192  # bytes read to tell a format
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, .doc, .mpp, encrypted workbooks
OLE_SHEETS = (".xls", ".xlt", ".et", ".ett", ".xlsx")
OLE_PROJECT = (".mpp", ".mpt")
# Other planning programs' files by their first bytes (as MPXJ's UniversalProjectReader tells
# them): Java serialization (ProjectLibre .pod), an Access database (MS Project .mpd).
MAGIC = ((b"\xac\xed\x00\x05", "pod"), (b"\x00\x01\x00\x00Standard Jet DB", "mpd"))
# the first record of an .mpx (its separator a comma, a semicolon or a tab, by locale) and
# of a .xer export, after a BOM: matched on the bytes, as both are ANSI text
TEXT_MAGIC = ((re.compile(rb"(?:\xef\xbb\xbf)?MPX[,;\t]"), "mpx"),
              (re.compile(rb"(?:\xef\xbb\xbf)?ERMHDR\t"), "xer"))
XML_ROOTS = {"Project": "mspdi", "APIBusinessObjects": "pmxml", "BusinessObjects": "pmxml"}
_PROLOG = re.compile(r"(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.S)
_ROOT = re.compile(r"<(?:[\w.-]+:)?([\w.-]+)")


class Refused(ValueError):
    """A file not imported: the message ``key`` says why (str() names the file too, in
    English; `in_lang` says the reason in the user's language)."""

    def __init__(self, path: Path, key: str, **values: object) -> None:
        self.path, self.key, self.values = path, key, values
        self.reason = self.in_lang("en")
        super().__init__(f"{path}: {self.reason}")

    def in_lang(self, lang: str) -> str:
        return label(self.key, lang, **said_values(self.values.items(), lang))

    def diagnostic(self, code: str) -> Diagnostic:
        """The refusal as a finding about the file."""
        return Diagnostic.said(code, self.key, Location(str(self.path)),
                               severity=Severity.ERROR, task=None, **self.values)


class Unknown(Refused):
    """A file whose format neither its content nor its name tells."""


class Unreadable(Refused):
    """A file of a known kind that planner does not read (a calendar)."""


def _text(head: bytes) -> str | None:
    """The start of a text file; None when it looks binary."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore")
    else:
        raw = head.removeprefix(b"\xef\xbb\xbf")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(raw) - 4:  # not just a character cut off at the end
                try:
                    text = raw[: HEAD - 4].decode("gb18030", errors="strict")
                except UnicodeDecodeError:
                    return None
            else:
                text = raw[: exc.start].decode("utf-8")
    return None if "\x00" in text else text


def sniff(head: bytes) -> str | None:
    """The name of the format the first bytes of a file show, if they show one: "xlsx" for
    any zip or OLE file (the spreadsheet reader refuses the kinds it does not read, each by
    name), "mspdi", "ics" or "csv", "mpxj" for the files MPXJ converts (.mpx, .xer, P6 XML,
    GanttProject, ProjectLibre); None when they show none ("csv" needs a separator)."""
    if head.startswith(ZIP_MAGIC) or head.startswith(OLE_MAGIC):
        return "xlsx"
    for magic, name in MAGIC:
        if head.startswith(magic):
            return name
    for mark, name in TEXT_MAGIC:
        if mark.match(head):
            return name
    text = _text(head)
    if text is None:
        return None
    body = text.lstrip("\ufeff")
    if body.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        return "ics"
    if body.lstrip().startswith("<"):
        start = _PROLOG.match(body)
        root = _ROOT.match(body, start.end() if start else 0)
        if root is None:
            return None
        if root.group(1) == "project":  # GanttProject's and GNOME Planner's root
            tag = body[root.start(): body.find(">", root.start())]
            return "planner" if "mrproject-version" in tag else \
                "gan" if "webLink" in tag or "gantt" in tag.lower() else None
        return XML_ROOTS.get(root.group(1))
    first = body.split("\n", 1)[0]
    return "csv" if any(sep in first for sep in ",\t;") else None


def detect(path: Path) -> Format:
    """The format of the file at ``path``, by its content, else by its suffix.

    Raises Unknown when neither tells, Unreadable when the file is of a kind planner does
    not read, OSError when it cannot be opened; each message names the file."""
    with path.open("rb") as f:
        head = f.read(HEAD)
    named = by_suffix(path)
    found = sniff(head)
    if head.startswith(OLE_MAGIC):
        suffix = path.suffix.lower()
        if suffix in OLE_PROJECT:
            found = "mpp"
        elif suffix not in OLE_SHEETS:
            found = None
    if found == "csv" and named is not None and named.reads:
        found = named.name  # text the name says more about (an .xml that is not XML)
    if found is None and named is not None and named.needs_mpxj:
        named = None  # told by content alone: MPXJ's "not a project file" says less
    fmt = get(found) if found is not None else named
    if fmt is None:
        raise Unknown(path, "import.unknown_format" if path.suffix else
                      "import.unknown_format.no_suffix", suffix=path.suffix,
                      formats=_Importable())
    if not fmt.reads:
        raise Unreadable(path, "import.writes_only", what=fmt, name=fmt.name)
    return fmt


class _Importable:
    """The formats planner imports, as a message lists them in each language."""

    def in_lang(self, lang: str) -> str:
        kinds = [f"{f.describe(lang)} ({', '.join(f.suffixes)})" for f in readers()]
        suffixes = list(dict.fromkeys(s for f in through_mpxj() for s in f.suffixes
                                      if s != ".xml"))
        via = label("x.via_mpxj", lang, suffixes=("、" if lang == "zh" else ", ").join(suffixes))
        if lang == "zh":
            return "、".join(kinds[:-1]) + "和" + kinds[-1] + via
        return ", ".join(kinds[:-1]) + " and " + kinds[-1] + via
