"""What the progress forms' writer and reader share: the form's layout (columns, rows,
the hidden sheet), the fields a unit reports, and how a cell's value is compared with what
the form was filled with."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime

from planner.domain import vocab
from planner.domain.progress import REPORTED
from planner.domain.values import number_text
from planner.i18n.labels import label
from planner.support.sanitize import UNSAFE

MARKER = "planner-form"  # first cell of the hidden metadata row and of the hidden sheet
# 2: the hidden sheet keeps what each editable cell was filled with; 3: the fingerprint
# binds the plan, the owner and the data date too (form_fingerprint)
VERSION = "3"
META_SHEET = "_planner"
MAX_NAME = 100  # characters in a form's file name
# and bytes: 255 is the usual limit, and the temporary file a form is written through takes
# 22 more (".NAME.xxxxxxxx.planner-tmp")
MAX_NAME_BYTES = 230
LANGS = vocab.LANGS


FIELDS = REPORTED
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


def lang_index(lang: str | None) -> int:
    return 0 if lang == "zh" else 1


def form_label(key: str, lang: int, **values: object) -> str:
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


def binding(plan_id: str, what: str, value: str) -> str:
    """One part of a form's fingerprint: a hash of the plan's id, what is bound and its
    value. Keyed with nothing secret (a unit could recompute it), but a cell edited in the
    form no longer matches it: a data date typed over, an owner changed, a row added."""
    data = f"{MARKER}\t{plan_id}\t{what}\t{value}".encode()
    return hashlib.sha256(data).hexdigest()[:16]


def form_fingerprint(plan_id: str, owner: str, day: date,
                     rows: Iterable[tuple[str, date | str | None, date | str | None]]) -> str:
    """The fingerprint a version 3 form carries: ``3:DATE:OWNER:ROWS``, each part a
    `binding` of the plan's id with the data date, the owner, and the rows (task ids and
    baseline dates, in order, as `fingerprint` hashes them)."""
    return ":".join((VERSION, binding(plan_id, "date", day.isoformat()),
                     binding(plan_id, "owner", owner),
                     binding(plan_id, "rows", fingerprint(rows))))


def fingerprint_parts(value: str) -> dict[str, str] | None:
    """The parts of a version 3 fingerprint by what they bind; None for any other."""
    parts = value.strip().split(":")
    if len(parts) != 4 or parts[0] != "3":
        return None
    return dict(zip(("date", "owner", "rows"), parts[1:], strict=True))




def _words(key: str) -> frozenset[str]:
    """A word a unit may write in a cell, in either language (case and spaces ignored):
    forms of both languages are read alike."""
    return frozenset(_loose(label(key, lang)) for lang in LANGS)


def _loose(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


# The word that clears a reported value, as a form's validation accepts it (Excel compares
# text without case); `is_clear` reads it more loosely still.
CLEAR_WORDS = tuple(label("form.clear", lang) for lang in LANGS)


def is_clear(value: object) -> bool:
    """Whether a cell says "clear" (清除): the one way to remove a reported value, since a
    blank cell means no change."""
    return isinstance(value, str) and _loose(value) in _words("form.clear")


def is_correction(note: str | None) -> bool:
    """Whether a progress note marks its row as a correction of an earlier report: it
    begins with the word (更正, correction), then a colon, a space or nothing."""
    if not note:
        return False
    head = re.split(r"[:：,，;；\s]", unicodedata.normalize("NFKC", note).strip(), maxsplit=1)[0]
    return _loose(head) in _words("form.correction")


def as_filled(value: object) -> str:
    """A cell's value as the hidden sheet keeps it, and as the reader compares it."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        return number_text(float(value))
    return note_text(value) or ""


def plain_number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() and abs(value) < 1e15 else value


def note_text(value: object) -> str | None:
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
