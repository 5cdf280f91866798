"""Progress forms in: filled forms (.xlsx, or .csv as Excel or WPS save them) read back into
entries, through the safe spreadsheet reader (planner.exchange.sheets).

The reader checks every cell and refuses forms of another plan or another data date, and
reports every problem of every file at once, each located like a spreadsheet reference
(``镇农办.xlsx 进度填报!L7``). A form's fingerprint binds its plan, owner, data date and rows
(forms_common.form_fingerprint): a date or owner typed over is refused at its cell, and a row
for a task not the owner's (a workbook's or a CSV's) at its id cell. Forms whose data date is
before a snapshot already recorded are refused unless the date is given (``at``: then a
warning in Collected.warnings says so).

A form outlives changes to the plan: each row is read against the plan as it is now. A
task renamed, moved or given to another unit since the form was made is collected with a
warning; a row of a task removed since is left out with a warning, at its cell.

A blank (or deleted) cell means "no change": only the word 清除 (clear) removes a reported
value, with a warning at the cell. What a unit wrote in a read-only cell is not read, and a
warning says so by cell. A progress note beginning with 更正 (correction) marks the row as a
correction of an earlier report (its entry gets ``correct: true``).

A form read without errors is a form back from its unit (Collected.returned), changed or
not — but only when it is known to have been returned: a form with a change, a CSV (only a
spreadsheet program writes one), a workbook saved since it was made (`saved_since_made`),
or one the clerk says is back (``returned``). A workbook exactly as it was made, never saved
by anyone, may be the original never sent: it is not counted, and a warning says so by file.
The open rows a returned form leaves as they were are confirmed (Collected.confirmed).
"""

from __future__ import annotations

import difflib
import math
import unicodedata
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.domain.diagnostics import Diagnostic, Location, Phrase, PlanError, Severity
from planner.domain.values import number_text
from planner.exchange.forms_common import (
    COLUMNS,
    DATE_KEYS,
    FIELDS,
    LANGS,
    MARKER,
    MAX_NUMBER,
    META_SHEET,
    as_filled,
    binding,
    fingerprint,
    fingerprint_parts,
    form_label,
    is_clear,
    is_correction,
    iso,
    lang_index,
    note_text,
    plain_number,
)
from planner.exchange.sheets import (
    Refused,
    Saved,
    Sheet,
    fold,
    open_book,
    parse_date,
    parse_number,
    quoted,
    unsaved,
)
from planner.i18n.labels import label
from planner.support.sanitize import excerpt

if TYPE_CHECKING:
    from planner.domain.baseline import Baseline
    from planner.domain.model import Plan, Task
    from planner.domain.progress import Progress, Snapshot
    from planner.project import Project


@dataclass(frozen=True)
class Collected:
    day: date  # the data date the forms were made for
    entries: dict[str, dict[str, object]]  # task id -> only the fields that changed
    changes: tuple[tuple[str, str, object, object], ...]  # (task, field, old, new) for --dry-run
    files: tuple[Path, ...]  # every file given (each once)
    confirmed: tuple[str, ...] = ()  # open tasks a returned form reports unchanged
    # said, not refused: a report inserted before a later snapshot (given --at), a value
    # cleared, a read-only cell changed, a row of a task changed or removed since
    warnings: tuple[Diagnostic, ...] = ()
    # the files left out for their errors (read with ``partial``), each with its errors
    refused: tuple[tuple[Path, tuple[Diagnostic, ...]], ...] = ()
    # task -> field -> the form's cell each entry's value was read from
    cells: dict[str, dict[str, Location]] = field(default_factory=dict)
    # the owners whose form is back (read without errors, and known returned), file order
    returned: tuple[str | None, ...] = ()

    @property
    def recorded(self) -> tuple[Path, ...]:
        """The files whose rows are in ``entries``: all but the refused."""
        bad = {path for path, _ in self.refused}
        return tuple(p for p in self.files if p not in bad)


@dataclass
class _Row:
    """One row read and checked: its task, values by field, the cells they came from and
    the fields the unit cleared with the word for it."""

    task: str
    values: dict[str, object]
    cells: dict[str, _Cell]
    cleared: frozenset[str]


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
    meta_at: dict[str, Location] = field(default_factory=dict)  # where each was read
    shown: dict[str, tuple[str, Location]] = field(default_factory=dict)  # the visible
    # metadata row's, when the hidden sheet's are the ones read
    listed: list[tuple[str, str, str]] | None = None  # the rows as made (hidden sheet)
    filled: dict[str, dict[str, str]] | None = None  # task -> field -> as filled in
    rows: list[dict[str, _Cell]] = field(default_factory=list)
    saved: Saved | None = None  # the workbook's document properties; None for a CSV


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
        self.lang = lang_index(self.plan.lang)
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        self.hints = 50  # did-you-mean hints: a file of thousands of bad ids is wrong wholesale

    def col(self, key: str) -> Phrase:
        """A column named in a finding, in the language the finding is said in."""
        return Phrase.of(f"form.{key}")

    @cached_property
    def baseline(self) -> Baseline:
        """The approved baseline (without baseline.yaml, the plan's schedule: made once)."""
        return self.project.baseline

    def said(self, code: str, key: str, where: Location, task: str | None = None,
             severity: Severity = Severity.ERROR, **values: Any) -> Diagnostic:
        """The finding ``forms.KEY`` (i18n/diagnostics.py): English in ``message``, said in
        the user's language where it is shown (`Diagnostic.in_lang`), as every finding."""
        return Diagnostic.said(code, f"forms.{key}", where, severity=severity, task=task,
                               **values)

    def error(self, code: str, key: str, where: Location, task: str | None = None,
              **values: Any) -> None:
        self.errors.append(self.said(code, key, where, task, **values))

    def warning(self, code: str, key: str, where: Location, task: str | None = None,
                **values: Any) -> None:
        self.warnings.append(self.said(code, key, where, task, Severity.WARNING, **values))

    def close(self, word: str, choices: Collection[str]) -> str | None:
        """The known spelling closest to ``word``, while hints last."""
        if self.hints <= 0:
            return None
        self.hints -= 1
        found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
        return found[0] if found else None

    # -- files -------------------------------------------------------------------------------

    def load(self, path: Path) -> _Form:
        """The form in ``path``: its metadata and its rows; Refused when it is no
        spreadsheet the safe reader opens."""
        with open_book(path, LANGS[self.lang]) as book:
            form = _Form(path, Location(str(path)), saved=book.saved_with())
            hidden = book.values(META_SHEET)
            if hidden is not None:
                form.meta, form.listed, form.filled, rows = self.hidden(hidden)
                form.meta_at = {key: Location(f"{path} {META_SHEET}!B{i}")
                                for key, i in rows.items()}
            for sheet in book.sheets():
                if sheet.title != META_SHEET and self.table(form, sheet):
                    break
            return form

    def hidden(self, rows: Iterator[tuple[object, ...]],
               ) -> tuple[dict[str, str], list[tuple[str, str, str]],
                          dict[str, dict[str, str]] | None, dict[str, int]]:
        """The metadata, the rows as made, what each row was filled with (None for a
        form written before forms kept that), and the row of each metadata item."""
        meta: dict[str, str] = {}
        where: dict[str, int] = {}
        listed: list[tuple[str, str, str]] = []
        filled: dict[str, dict[str, str]] = {}
        for i, row in enumerate(rows, 1):
            cells = ["" if v is None else str(v) for v in row] + [""] * (3 + len(FIELDS))
            if i < 10 and cells[0]:
                meta[cells[0]] = cells[1]
                where[cells[0]] = i
            elif i >= 10 and cells[0]:
                listed.append((cells[0], cells[1], cells[2]))
                filled[cells[0]] = dict(zip(FIELDS, cells[3:3 + len(FIELDS)], strict=True))
        if meta.get("marker") != MARKER:
            return {}, [], None, {}
        version = meta.get("version", "1")
        return meta, listed, filled if version.isdigit() and int(version) >= 2 else None, \
            where

    def table(self, form: _Form, sheet: Sheet) -> bool:
        """Read the metadata row, the header row and the rows under it; False when the
        sheet has no header row."""
        known = _headers()
        columns: dict[int, str] | None = None
        for r, row in enumerate(sheet.rows(), 1):
            if columns is None:
                first = row[0].value if row else None
                if first == MARKER:
                    values = ["" if c.value is None else str(c.value).strip()
                              for c in row] + [""] * 6
                    if len(row) > 3 and isinstance(row[3].value, date):  # re-saved as a date
                        values[3] = _date_text(_Cell(row[3].value, sheet.where(r, 4)))
                    keys = ("marker", "version", "plan", "date", "owner", "fingerprint")
                    if form.meta is None:
                        form.meta = dict(zip(keys, values, strict=False))
                        form.meta_at = {k: sheet.where(r, i) for i, k in enumerate(keys, 1)}
                    else:  # the hidden sheet's are read; these must say the same
                        form.shown = {k: (values[i - 1], sheet.where(r, i))
                                      for i, k in enumerate(keys, 1) if k in ("date", "owner")}
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
                    if row[i].unsaved:  # its value is not known: never read as emptied
                        self.errors.append(unsaved(sheet.where(r, i + 1), LANGS[self.lang]))
            cells["#row"] = _Cell(r, sheet.where(r, 1))
            form.rows.append(cells)
        return columns is not None

    # -- checks ------------------------------------------------------------------------------

    def admit(self, form: _Form, day: date | None) -> date | None:
        """The form's data date when it belongs to this plan and this day; else an error."""
        meta = form.meta
        if not meta or meta.get("marker") != MARKER:
            self.error("file", "not_form", form.where)
            return None
        if meta.get("plan") != self.plan.id:
            self.error("plan", "other_plan", form.where, form=excerpt(meta.get("plan", "")),
                       plan=self.plan.id)
            return None
        made = parse_date(meta.get("date", ""))  # a CSV re-saved may show 2023/11/30
        if made is None:
            self.error("file", "not_form", form.where)
            return None
        if not self.bound(form, made):
            return None
        if day is not None and made != day:
            self.error("form-date", "other_date", form.where, form=made, day=day)
            return None
        # The rows as made must be the ones the fingerprint bound (else the hidden sheet was
        # edited). They are not compared with the plan as it is now: a plan changed since
        # the forms went out is read row by row (rows), not refused wholesale.
        parts = fingerprint_parts(meta.get("fingerprint", ""))
        if form.listed is not None and parts is not None:
            if binding(self.plan.id, "rows", fingerprint(form.listed)) != parts["rows"]:
                self.error("fingerprint", "forged_rows", form.where)
                return None
        elif form.listed is not None and meta.get("fingerprint") and \
                fingerprint(form.listed) != meta["fingerprint"]:  # a version 2 form
            self.error("fingerprint", "forged_rows", form.where)
            return None
        return made

    def bound(self, form: _Form, made: date) -> bool:
        """Whether the form's data date and owner are the ones it was issued for: bound by
        its fingerprint (a version 3 form), and the same in the hidden sheet and in the
        sheet's metadata row. Errors by cell when not."""
        meta, at = form.meta or {}, form.meta_at
        owner = meta.get("owner", "")
        before = len(self.errors)
        version = meta.get("version", "")
        parts = fingerprint_parts(meta.get("fingerprint", ""))

        def issued(key: str, value: str) -> bool:
            return parts is None or binding(self.plan.id, key, value) == parts[key]

        if parts is None and version.isdigit() and int(version) >= 3:  # damaged, or forged
            self.error("fingerprint", "forged_fingerprint", at.get("fingerprint", form.where))
            return False
        if not issued("date", made.isoformat()):
            self.error("form-date", "forged_date", at.get("date", form.where),
                       value=excerpt(meta.get("date", "")))
        if not issued("owner", owner):
            self.error("form-owner", "forged_owner", at.get("owner", form.where),
                       value=excerpt(owner))
        if len(self.errors) > before:
            return False
        # the hidden sheet's are the form's own: the metadata row must say the same
        for key, (value, cell) in form.shown.items():
            if key == "date" and value and parse_date(value) != made:
                self.error("form-date", "changed_date", cell, value=excerpt(value), day=made)
            elif key == "owner" and value and value != owner:
                self.error("form-owner", "forged_owner", cell, value=excerpt(value))
        return len(self.errors) == before

    def owns(self, form: _Form, task: Task) -> bool:
        """Whether ``task`` is the form's owner's (the form names a task without an owner
        by the words for "no owner", in either language)."""
        owner = (form.meta or {}).get("owner", "")
        if task.owner is None:
            return owner in (form_label("no_owner", 0), form_label("no_owner", 1))
        return unicodedata.normalize("NFC", task.owner) == unicodedata.normalize("NFC", owner)

    @staticmethod
    def _planned(baseline: Any, task_id: str) -> tuple[str, str]:
        b = baseline.of(task_id) if task_id else None
        return (iso(b.start), iso(b.finish)) if b is not None else ("", "")

    def rows(self, form: _Form, day: date, current: Any,
             seen: dict[str, Location]) -> Iterator[_Row]:
        """Each row checked against the plan as it is now; rows with errors are left out."""
        listed = {tid: (s, f) for tid, s, f in form.listed} if form.listed is not None else None
        filled = form.filled or {}
        for cells in form.rows:
            visible = _text(cells.get("id"))
            original = _text(cells.get("_id")) if "_id" in cells else None
            fields = [k for k in FIELDS if _text(cells.get(k))]
            if not visible and not original:
                if fields:
                    self.error("form", "no_id", cells["#row"].where)
                continue
            where = cells["id"].where if "id" in cells else cells["#row"].where
            if original is not None and visible != original and original:
                self.error("form", "id_changed", where, task=original, value=excerpt(visible),
                           original=excerpt(original))
                continue
            tid = visible or original or ""
            # the form was made with this task on it (a row the unit added was not)
            made = listed.get(tid) if listed is not None and original else None
            if tid not in self.plan.index:
                if made is not None:  # removed from the plan since: nothing to record it in
                    self.warning("removed-task", "removed", where, task=tid, id=tid)
                    continue
                close = self.close(tid, self.plan.index)
                if close is None:
                    self.error("unknown-task", "unknown_task", where, task=tid,
                               value=excerpt(tid))
                else:
                    self.error("unknown-task", "unknown_task_close", where, task=tid,
                               value=excerpt(tid), close=close)
                continue
            task = self.plan.task(tid)
            if task.is_summary:
                if made is not None:  # split into subtasks since
                    self.warning("form", "summary_now", where, task=tid, id=tid)
                else:
                    self.error("form", "summary", where, task=tid, value=tid)
                continue
            if not self.owns(form, task):
                owner = task.owner if task.owner is not None else \
                    form_label("no_owner", self.lang)
                if made is None:  # another unit's task: never through this form
                    self.error("not-owner", "not_owner", where, task=tid, value=excerpt(tid),
                               owner=excerpt(owner),
                               form=excerpt((form.meta or {}).get("owner", "")))
                    continue
                # given to another unit since the form went out: this unit's report on it
                # is still its latest
                self.warning("not-owner", "owner_changed", where, task=tid, id=tid,
                             owner=excerpt(owner))
            if original and listed is not None and made is None:
                self.error("form", "not_on_form", where, task=tid, value=tid)
                continue
            if not original:
                name = _text(cells.get("name"))
                if name and fold(name) != fold(task.name):
                    self.error("form", "id_name", where, task=tid, value=excerpt(tid),
                               name=excerpt(task.name))
                    continue
                if listed is not None and tid not in listed:
                    self.error("form", "not_on_form", where, task=tid, value=tid)
                    continue
            if tid in seen:
                self.error("duplicate-task", "twice", where, task=tid, value=tid,
                           other=seen[tid])
                continue
            seen[tid] = where
            self.against_plan(task, cells, made, filled.get(tid) if form.filled else None)
            read = self.values(task, cells, day, current.of(tid) if current else None)
            if read is not None:
                yield _Row(tid, read[0], cells, read[1])

    def against_plan(self, task: Task, cells: dict[str, _Cell],
                     made: tuple[str, str] | None, filled: dict[str, str] | None) -> None:
        """Warnings, by cell, for the read-only cells of a row: changed since the form was
        made (what the form keeps of them: the baseline dates in the hidden sheet, and the
        measure a task does not take), or unlike the plan now (its name, deadline, unit and
        total: the plan changed since, or the unit typed over them). Read-only cells are
        never read; the warnings say that what a unit wrote there was not recorded."""
        tid, q = task.id, task.quantity
        dates = ("baseline_start", "baseline_finish")
        now = self._planned(self.baseline, tid)
        if made is not None:
            for key, was in zip(dates, made, strict=True):
                shown = _date_text(cells.get(key))
                if key in cells and shown != was:
                    self.warning("read-only", "readonly", cells[key].where, task=tid, id=tid,
                                 col=self.col(key), value=_shown(shown or None),
                                 made=_shown(was or None))
        else:  # a CSV: the dates it shows are the ones it was made with
            made = tuple(_date_text(cells.get(k)) for k in dates)  # type: ignore[assignment]
            if not all(k in cells for k in dates):
                made = None
        if made is not None and made != now:
            at = cells["baseline_start"].where if "baseline_start" in cells else \
                cells["id"].where if "id" in cells else cells["#row"].where
            self.warning("moved", "moved", at, task=tid, id=tid, made=_span(made),
                         now=_span(now))
        plan: dict[str, str] = {
            "name": task.name, "deadline": iso(task.deadline),
            "unit": (q.unit or "") if q is not None else "",
            "total": as_filled(plain_number(q.total)) if q is not None else ""}
        for key, want in plan.items():
            cell = cells.get(key)
            if cell is None:
                continue
            shown = _date_text(cell) if key == "deadline" else \
                _text(cell) if key != "total" else as_filled(cell.value)
            same = fold(shown) == fold(want) if key == "name" else shown == want
            if not same:
                self.warning("read-only", "renamed" if key == "name" else "plan_differs",
                             cell.where, task=tid, id=tid, col=self.col(key),
                             value=_shown(excerpt(shown) or None),
                             plan=_shown(excerpt(want) or None))
        unused = "percent" if q is not None else "done"  # the measure it does not take
        cell = cells.get(unused)
        was = (filled or {}).get(unused, "")
        if cell is not None and not is_clear(cell.value) and as_filled(cell.value) != was:
            self.warning("read-only", "readonly", cell.where, task=tid, id=tid,
                         col=self.col(unused), value=_shown(as_filled(cell.value) or None),
                         made=_shown(was or None))

    def values(self, task: Task, cells: dict[str, _Cell], day: date,
               old: Progress | None) -> tuple[dict[str, object], frozenset[str]] | None:
        """The row's values by field, and the fields cleared with the word for it; None on
        errors. A blank cell gives no value: it changes nothing. The checks between fields
        (a finish without a start, …) read a blank cell as the report it leaves standing."""
        before = len(self.errors)
        got: dict[str, object] = {}
        cleared: set[str] = set()
        tid, origin = task.id, self.plan.calendar_origin
        measure = "done" if task.quantity is not None else "percent"
        for key in (*DATE_KEYS, measure, "remaining", "spent", "note"):
            cell = cells.get(key)
            if cell is None:
                continue
            if is_clear(cell.value):
                got[key] = None
                cleared.add(key)
                continue
            value: object
            if key in DATE_KEYS:
                value = self.date(cell, key, tid)
                if isinstance(value, date) and value < origin:
                    self.error("form", "before_origin", cell.where, task=tid,
                               col=self.col(key), value=value, origin=origin)
                elif isinstance(value, date) and value > day:
                    self.error("form", "after_day", cell.where, task=tid, col=self.col(key),
                               value=value, day=day)
            elif key == "note":
                value = note_text(cell.value)
            else:
                value = self.number(cell, key, tid, task)
            if value is not None:
                got[key] = value
        if len(self.errors) > before:
            return None

        def now(key: str) -> object:
            return got[key] if key in got else getattr(old, key) if old is not None else None

        start, finish, pct = now("started"), now("finished"), now("percent")
        if isinstance(start, date) and isinstance(finish, date) and start > finish and \
                {"started", "finished"} & got.keys():
            at = cells["started" if "started" in got else "finished"].where
            self.error("form", "start_after_finish", at, task=tid, start=start, finish=finish)
        if finish is not None and start is None and "started" in cells and \
                "finished" in cells and {"started", "finished"} & got.keys():
            self.error("form", "finish_no_start", cells["finished"].where, task=tid)
        if pct == 100 and finish is None and "percent" in cells and \
                {"percent", "finished"} & got.keys():
            self.error("form", "percent_100", cells["percent"].where, task=tid)
        if isinstance(pct, int | float) and finish is not None and pct < 100 and \
                "percent" in cells and (old is None or old.percent != pct):
            self.error("form", "finished_percent", cells["percent"].where, task=tid,
                       value=number_text(pct))
        if start is None and finish is None and "started" in cells:
            moved = next((k for k in ("percent", "done", "spent") if got.get(k)), None) or \
                ("remaining" if got.get("remaining") is not None else None)
            if moved is not None:
                self.error("form", "progress_no_start", cells[moved].where, task=tid)
        return None if len(self.errors) > before else (got, frozenset(cleared))

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
        self.error("form", "not_date", cell.where, task=task, col=self.col(key),
                   value=quoted(value))
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
            self.error("form", "not_number", cell.where, task=task, col=col,
                       value=quoted(value))
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




def read_forms(project: Project, files: Sequence[Path], at: date | None = None,
               partial: bool = False, returned: bool = False) -> Collected:
    """Read filled forms (.xlsx; .csv as saved by Excel/WPS, UTF-8 with or without BOM, or
    GBK); raise PlanError with every problem of every file at once.

    The data date is ``at`` when given, else the forms' own (they must agree). Only the
    fields that differ from each task's current (cumulative) report become entries; a
    blank cell changes nothing, and a value cleared with the word for it is an entry of
    None (remove it).

    ``partial``: a file with errors does not stop the others. It is left out and listed
    with its errors in Collected.refused; PlanError is raised only when no file can be
    read, or for what concerns them all (a later snapshot without ``at``).

    ``returned``: the clerk says these forms came back, so one exactly as it was made
    (never saved by anyone) counts as returned too, its open rows confirmed.
    """
    reader = _Reader(project)
    if not files:
        raise PlanError([reader.said("file", "no_forms", Location("."))])
    paths: list[Path] = []
    seen_paths: set[Path] = set()
    for f in files:
        p = Path(f)
        resolved = p.resolve()
        if resolved not in seen_paths:
            seen_paths.add(resolved)
            paths.append(p)
    errors: dict[Path, list[Diagnostic]] = {p: [] for p in paths}  # each file's own
    forms: list[_Form] = []
    for path in paths:
        reader.errors = errors[path]
        try:
            forms.append(reader.load(path))
        except Refused as exc:
            reader.errors.append(exc.diagnostic)
    day = at
    admitted: list[_Form] = []
    for form in forms:
        reader.errors = errors[form.path]
        made = reader.admit(form, day)
        if made is not None:
            day = made
            admitted.append(form)
    every = [d for p in paths for d in errors[p]]
    if day is None:
        raise PlanError(every)
    warnings: list[Diagnostic] = []
    later = min((s for s in project.snapshots if s.date > day), key=lambda s: s.date,
                default=None)
    if later is not None:  # a past report would go in before it: refused unless --at says
        where = Location(str(later.path) if later.path else str(project.folder))
        if at is None:
            raise PlanError([*every, reader.said("later-snapshot", "later", where,
                                                 later=later.date, day=day)])
        warnings.append(reader.said("later-snapshot", "later_recorded", where,
                                    severity=Severity.WARNING, day=day, later=later.date))
    current = project.snapshot(day)
    written = {snap.date: snap.path for snap in project.snapshots}
    whole = _Read()
    seen: dict[str, Location] = {}
    for form in admitted:
        reader.errors, reader.warnings = errors[form.path], []
        back = returned or saved_since_made(form.saved)
        got = _read_form(reader, form, day, current, seen, written, back)
        if not errors[form.path]:
            if got.changes or back:
                whole.returned.append(_owner_of(project.plan, form))
            else:  # maybe the original, never sent back: not counted, said by file
                got.warnings.append(reader.said("not-returned", "not_returned", form.where,
                                                severity=Severity.WARNING))
            whole.add(got, reader.warnings)
    refused = tuple((p, tuple(errors[p])) for p in paths if errors[p])
    if refused and (not partial or len(refused) == len(paths)):
        raise PlanError([d for _, found in refused for d in found])
    return Collected(day, whole.entries, tuple(whole.changes), tuple(paths),
                     tuple(whole.confirmed), (*warnings, *whole.warnings), refused,
                     whole.cells, tuple(dict.fromkeys(whole.returned)))


@dataclass
class _Read:
    """What forms report: their entries, the changes, the open rows returned as they were,
    the warnings, and the cell each entry's value was read from."""

    entries: dict[str, dict[str, object]] = field(default_factory=dict)
    changes: list[tuple[str, str, object, object]] = field(default_factory=list)
    confirmed: list[str] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    cells: dict[str, dict[str, Location]] = field(default_factory=dict)
    returned: list[str | None] = field(default_factory=list)

    def add(self, other: _Read, warnings: Sequence[Diagnostic]) -> None:
        self.entries.update(other.entries)
        self.changes.extend(other.changes)
        self.confirmed.extend(other.confirmed)
        self.warnings.extend([*warnings, *other.warnings])
        self.cells.update(other.cells)


def _read_form(reader: _Reader, form: _Form, day: date, current: Snapshot | None,
               seen: dict[str, Location], written: dict[date, Path | None],
               back: bool = False) -> _Read:
    """One admitted form's entries; its errors go to ``reader.errors``. ``back``: the form
    is known to have come back from its unit (saved since made, or said so)."""
    out = _Read()
    entries = out.entries
    unchanged: list[tuple[str, Progress]] = []  # open rows left as they were
    saved = _saved(form.path)
    for row in reader.rows(form, day, current, seen):
        tid, values = row.task, row.values
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
            untouched = key not in row.cleared and filled is not None and \
                as_filled(new) == filled.get(key, "")
            if not untouched and not _same(was, new) and old is not None and \
                    filled is not None and key in filled and \
                    as_filled(was) != filled[key] and \
                    _after(written.get(old.reported) if old.reported else None, saved):
                # the current value was reported after the form was made and after
                # it was last saved: the form's is the older report, and never
                # replaces it silently
                out.warnings.append(reader.said(
                    "later-report", "kept", form.where, tid, Severity.WARNING, id=tid,
                    field=key, value=_shown(was), made=_shown(filled[key] or None),
                    form=_shown(new)))
                continue
            if not untouched and not _same(was, new):
                entries.setdefault(tid, {})[key] = new
                out.cells.setdefault(tid, {})[key] = row.cells[key].where
                out.changes.append((tid, key, plain_number(was) if isinstance(was, float)
                                    else was, new))
                if key in row.cleared:  # said: a report taken back
                    reader.warning("cleared", "cleared", row.cells[key].where, task=tid,
                                   id=tid, col=reader.col(key), old=_shown(was))
        if tid in entries:
            note = entries[tid].get("note")
            if isinstance(note, str) and is_correction(note):  # the unit says it corrects
                entries[tid]["correct"] = True
            # a new entry replaces the whole report: a note left as it was, or blank
            # (no change), goes with it
            if "note" not in entries[tid] and old is not None and old.note:
                entries[tid]["note"] = old.note
        elif filled is not None and old is not None and filled.get("started") and \
                not filled.get("finished") and old.reported != day:
            unchanged.append((tid, old))  # open, and not reported for this day yet
    # A form with a change came back from its unit: its other open rows, left as they
    # were, report that nothing moved (a stalled task shows as stalled, not as
    # unreported). A form without any change may be an original never sent back: only
    # one known to be back (saved since it was made, or said so) confirms its rows.
    if out.changes or back:
        for tid, old in unchanged:
            entries[tid] = {"note": old.note} if old.note else {}
            out.confirmed.append(tid)
    return out


OURS = "openpyxl"  # in the <Application> of every workbook forms_write makes
MADE_BY = "planner"  # the creator forms_write gives its workbooks
SAVE_GAP = 60  # seconds: a workbook modified later than this after it was made was saved


def saved_since_made(saved: Saved | None) -> bool:
    """Whether a form was saved by someone after `planner forms` made it, by its document
    properties: a CSV (``saved`` None: forms are made as workbooks only); a workbook whose
    last writer is another program (Excel, WPS and LibreOffice each write their own name in
    docProps/app.xml, even re-saving without a change, and LibreOffice keeps the times);
    modified more than SAVE_GAP seconds after it was created (the two times a form is made
    with lie within the making); or last modified by someone other than its maker."""
    if saved is None:
        return True
    if saved.application is None or OURS not in saved.application.lower():
        return True
    if saved.created is not None and saved.modified is not None and \
            (saved.modified - saved.created).total_seconds() > SAVE_GAP:
        return True
    return bool(saved.modified_by) and saved.modified_by not in (saved.creator, MADE_BY)


def _owner_of(plan: Plan, form: _Form) -> str | None:
    """The plan's owner a form was made for (None: the tasks without an owner)."""
    owner = unicodedata.normalize("NFC", (form.meta or {}).get("owner", ""))
    if owner in (form_label("no_owner", 0), form_label("no_owner", 1)):
        return None
    return next((t.owner for t in plan.tasks if t.owner is not None and
                 unicodedata.normalize("NFC", t.owner) == owner), owner)


def _saved(path: Path) -> float:
    """When a form file was last saved (0 when that cannot be told)."""
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _after(snapshot: Path | None, saved: float) -> bool:
    """The snapshot file was written at or after ``saved``."""
    try:
        return snapshot is not None and snapshot.stat().st_mtime >= saved
    except OSError:
        return False


def _span(dates: tuple[str, str]) -> str:
    """Baseline dates as a span: 2023-07-03—2023-07-14."""
    return f"{dates[0] or '—'}—{dates[1] or '—'}"


def _shown(value: object) -> str:
    return "—" if value is None or value == "" else str(plain_number(value)
                                                        if isinstance(value, float) else value)


def _same(old: object, new: object) -> bool:
    if isinstance(old, int | float) and isinstance(new, int | float):
        return float(old) == float(new)
    if isinstance(old, str) or isinstance(new, str):
        return (note_text(old) if old is not None else None) == new
    return old == new
