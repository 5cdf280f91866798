"""Progress forms in: filled forms (.xlsx, or .csv as Excel or WPS save them) read back into
entries, through the safe spreadsheet reader (planner.exchange.sheets).

The reader checks every cell and refuses forms of another plan, another data date or an
outdated baseline, and reports every problem of every file at once, each located like a
spreadsheet reference (``镇农办.xlsx 进度填报!L7``). A form's fingerprint binds its plan,
owner, data date and rows (forms_common.form_fingerprint): a date or owner typed over is
refused at its cell, and a row for a task not the owner's (a workbook's or a CSV's) at its id
cell. Forms whose data date is before a snapshot already recorded are refused unless the
date is given (``at``: then a warning in Collected.warnings says so).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.domain.diagnostics import Diagnostic, Location, PlanError, Severity, Suggestions
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
    iso,
    lang_index,
    note_text,
    plain_number,
)
from planner.exchange.forms_common import text as own_text
from planner.exchange.sheets import (
    Refused,
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
    from planner.domain.model import Plan, Task
    from planner.domain.progress import Progress
    from planner.project import Project

@dataclass(frozen=True)
class Collected:
    day: date  # the data date the forms were made for
    entries: dict[str, dict[str, object]]  # task id -> only the fields that changed
    changes: tuple[tuple[str, str, object, object], ...]  # (task, field, old, new) for --dry-run
    files: tuple[Path, ...]
    confirmed: tuple[str, ...] = ()  # open tasks a returned form reports unchanged
    # said, not refused: a report inserted before a later snapshot (given --at)
    warnings: tuple[Diagnostic, ...] = ()


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

    def say(self, key: str, **values: object) -> str:
        """One of the reader's own messages (the `form.read.*` labels)."""
        return own_text(key, self.lang, **values)

    def forged(self, code: str, key: str, where: Location, **values: object) -> None:
        self.errors.append(Diagnostic(code, self.say(key, **values), where,
                                      hint=self.say("forged.hint")))

    # -- files -------------------------------------------------------------------------------

    def load(self, path: Path) -> _Form:
        """The form in ``path``: its metadata and its rows; Refused when it is no
        spreadsheet the safe reader opens."""
        with open_book(path, LANGS[self.lang]) as book:
            form = _Form(path, Location(str(path)))
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
        if not self.bound(form, made):
            return None
        if day is not None and made != day:
            self.error("form-date", "other_date", form.where,
                       hint=self.hint("other_date", day=day), form=made, day=day)
            return None
        baseline = self.project.baseline
        parts = fingerprint_parts(meta.get("fingerprint", ""))
        if form.listed is not None and parts is not None:
            now = [(tid, *self._planned(baseline, tid)) for tid, _, _ in form.listed]
            if binding(self.plan.id, "rows", fingerprint(form.listed)) != parts["rows"]:
                self.forged("fingerprint", "forged_rows", form.where)
                return None
            if binding(self.plan.id, "rows", fingerprint(now)) != parts["rows"]:
                self.error("fingerprint", "fingerprint", form.where,
                           hint=self.hint("fingerprint"))
                return None
        elif form.listed is not None and meta.get("fingerprint"):  # a version 2 form
            now = [(tid, *self._planned(baseline, tid)) for tid, _, _ in form.listed]
            if fingerprint(form.listed) != meta["fingerprint"] or \
                    fingerprint(now) != meta["fingerprint"]:
                self.error("fingerprint", "fingerprint", form.where,
                           hint=self.hint("fingerprint"))
                return None
        else:  # a CSV: each row's baseline dates against the plan's
            for cells in form.rows:
                tid = _text(cells.get("_id", cells.get("id")))
                if tid in self.plan.index and self.owns(form, self.plan.task(tid)):
                    want = self._planned(baseline, tid)
                    got = tuple(_date_text(cells.get(k)) for k in
                                ("baseline_start", "baseline_finish"))
                    if got != want and all(k in cells for k in
                                           ("baseline_start", "baseline_finish")):
                        self.error("fingerprint", "fingerprint", form.where,
                                   hint=self.hint("fingerprint"))
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
            self.forged("fingerprint", "forged_fingerprint", at.get("fingerprint", form.where))
            return False
        if not issued("date", made.isoformat()):
            self.forged("form-date", "forged_date", at.get("date", form.where),
                        value=excerpt(meta.get("date", "")))
        if not issued("owner", owner):
            self.forged("form-owner", "forged_owner", at.get("owner", form.where),
                        value=excerpt(owner))
        if len(self.errors) > before:
            return False
        # the hidden sheet's are the form's own: the metadata row must say the same
        for key, (value, cell) in form.shown.items():
            if key == "date" and value and parse_date(value) != made:
                self.forged("form-date", "changed_date", cell, value=excerpt(value), day=made)
            elif key == "owner" and value and value != owner:
                self.forged("form-owner", "forged_owner", cell, value=excerpt(value))
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
            if not self.owns(form, task):  # another unit's task: never through this form
                owner = task.owner if task.owner is not None else \
                    form_label("no_owner", self.lang)
                self.errors.append(Diagnostic(
                    "not-owner", self.say("not_owner", value=excerpt(tid), owner=excerpt(owner),
                                          form=excerpt((form.meta or {}).get("owner", ""))),
                    where, hint=self.say("not_owner.hint"), task=tid))
                continue
            if original and listed is not None and tid not in listed:
                self.error("form", "not_on_form", where, task=tid, value=tid)
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
            got["note"] = note_text(cells["note"].value)
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
    warnings: list[Diagnostic] = []
    later = min((s for s in project.snapshots if s.date > day), key=lambda s: s.date,
                default=None)
    if later is not None:  # a past report would go in before it: refused unless --at says
        where = Location(str(later.path) if later.path else str(project.folder))
        if at is None:
            reader.errors.append(Diagnostic(
                "later-snapshot", reader.say("later", later=later.date, day=day), where,
                hint=reader.say("later.hint", day=day)))
        else:
            warnings.append(Diagnostic("later-snapshot", reader.say(
                "later.warning", day=day, later=later.date), where,
                severity=Severity.WARNING))
    current = project.snapshot(day)
    entries: dict[str, dict[str, object]] = {}
    changes: list[tuple[str, str, object, object]] = []
    seen: dict[str, Location] = {}
    confirmed: list[str] = []
    written = {snap.date: snap.path for snap in project.snapshots}
    for form in admitted:
        before = len(changes)
        unchanged: list[tuple[str, Progress]] = []  # open rows left as they were
        saved = _saved(form.path)
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
                untouched = filled is not None and as_filled(new) == filled.get(key, "")
                if not untouched and not _same(was, new) and old is not None and \
                        filled is not None and key in filled and \
                        as_filled(was) != filled[key] and \
                        _after(written.get(old.reported) if old.reported else None, saved):
                    # the current value was reported after the form was made and after
                    # it was last saved: the form's is the older report, and never
                    # replaces it silently
                    warnings.append(Diagnostic(
                        "later-report", reader.say(
                            "kept", task=tid, field=key, value=_shown(was),
                            made=_shown(filled[key] or None), form=_shown(new)),
                        form.where, severity=Severity.WARNING, task=tid,
                        hint=reader.say("kept.hint")))
                    continue
                if not untouched and not _same(was, new):
                    entries.setdefault(tid, {})[key] = new
                    changes.append((tid, key, plain_number(was) if isinstance(was, float) else was,
                                    new))
            if filled is None or old is None:
                continue
            # a new entry replaces the whole report: a note left as it was goes with it
            if tid in entries and "note" not in entries[tid] and old.note and \
                    filled.get("note") and as_filled(values.get("note")) == filled["note"]:
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
    return Collected(day, entries, tuple(changes), tuple(paths), tuple(confirmed),
                     tuple(warnings))


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


def _shown(value: object) -> str:
    return "—" if value is None or value == "" else str(plain_number(value)
                                                        if isinstance(value, float) else value)


def _same(old: object, new: object) -> bool:
    if isinstance(old, int | float) and isinstance(new, int | float):
        return float(old) == float(new)
    if isinstance(old, str) or isinstance(new, str):
        return (note_text(old) if old is not None else None) == new
    return old == new
