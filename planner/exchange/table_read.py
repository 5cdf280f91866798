"""Plans as a table: one task a row, in Excel/WPS (.xlsx) or CSV, headers in Chinese or
English. `planner import` reads it here (`planner export --format xlsx` writes it: table_write),
through the safe spreadsheet reader (planner.exchange.sheets).

Columns (any order; only 编号/id and 任务/task are required): 编号 id, 层级 level (or
大纲编号 outline `1.2.3`, or the task name indented), 任务 task, 责任单位 owner, 开始
start, 工期 duration (working days; 0 = milestone), 完成 finish, 前置任务 predecessors
(`a, b SS+2`), 期限 deadline, 预算 budget, 数量 quantity, 单位 unit, 标签 tags, 持续推进
ongoing, 三点估算 estimate, 备注 notes. A second sheet, 计划信息 / plan info, holds the
plan's header (id, name, start, period end, calendar, holidays, workdays, language,
currency).

Reading checks every cell and reports every bad one at once, located as a spreadsheet
names it (`计划.xlsx 计划!D12`); a table with any error gives no plan.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from planner.domain.diagnostics import (
    Diagnostic,
    Location,
    Phrase,
    PlanError,
    Severity,
    Suggestions,
)
from planner.domain.links import parse_link
from planner.domain.model import Link, Plan, Quantity, Task
from planner.domain.rules import (
    duplicate_id,
    field_rules,
    inherit_owners,
    link_findings,
    task_rules,
)
from planner.domain.values import MAX_AMOUNT, MAX_DAYS, PLAN_ID, TASK_ID, parse_duration
from planner.exchange.imported import Imported, TableFacts, check_folder
from planner.exchange.sheets import (
    Refused,
    Sheet,
    cell_order,
    fold,
    lang_of,
    open_book,
    parse_number,
    unsaved,
)
from planner.exchange.sheets import parse_date as loose_date
from planner.i18n.labels import label
from planner.planfiles.planyaml import PlanText, plan_yaml
from planner.support.sanitize import FORMULA_START

COLUMNS = ("id", "level", "name", "owner", "start", "duration", "finish", "after", "deadline",
           "budget", "quantity", "unit", "tags", "ongoing", "estimate", "notes", "target",
           "assumed")
READ_ONLY = ("outline",)  # understood when read, not written
PLAN_KEYS = ("id", "name", "start", "finish", "calendar", "holidays", "workdays", "lang",
             "currency")
# Other headers people write for the same columns (folded: NFKC, no spaces, lower case).
ALIASES = {
    "序号": "id", "任务编号": "id", "no": "id", "no.": "id", "taskid": "id",
    "大纲级别": "level", "级别": "level", "outlinelevel": "level",
    "大纲": "outline", "wbs": "outline", "outlinenumber": "outline",
    "任务名称": "name", "名称": "name", "工作任务": "name", "name": "name", "taskname": "name",
    "责任人": "owner", "负责单位": "owner", "牵头单位": "owner", "责任部门": "owner",
    "resource": "owner", "resources": "owner", "resourcenames": "owner",
    "开始日期": "start", "开始时间": "start", "完成日期": "finish", "完成时间": "finish",
    "结束": "finish", "结束日期": "finish", "end": "finish",
    "工期（工作日）": "duration", "工作日": "duration", "days": "duration",
    "前置": "after", "紧前任务": "after", "前置任务编号": "after", "predecessor": "after",
    "截止日期": "deadline", "完成期限": "deadline", "due": "deadline",
    "投资": "budget", "资金": "budget", "cost": "budget",
    "说明": "notes", "note": "notes",
}
MAX_LEVEL = 20
_SPLIT = re.compile(r"[,，、;；\n]")
_YES = frozenset({"是", "y", "yes", "true", "1", "✓", "√", "x", "ongoing", "持续推进"})
_NO = frozenset({"否", "n", "no", "false", "0", ""})


def _headers() -> dict[str, str]:
    """Header text (either language, folded) -> column key."""
    out = {fold(k): v for k, v in ALIASES.items()}
    for key in (*COLUMNS, *READ_ONLY):
        for lang in ("zh", "en"):
            out[fold(label(f"x.col.{key}", lang))] = key
    return out


def _header_key(text: str, known: Mapping[str, str]) -> str | None:
    folded = fold(text)
    if folded in known:
        return known[folded]
    bare = re.sub(r"[(（].*?[)）]", "", folded)  # 工期（工作日）, budget (CNY)
    return known.get(bare)


def _plan_keys() -> dict[str, str]:
    out = {}
    for key in PLAN_KEYS:
        for lang in ("zh", "en"):
            out[fold(label(f"x.plan.{key}", lang))] = key
    out.update({"编号": "id", "名称": "name", "开始": "start", "id": "id", "name": "name",
                "start": "start", "finish": "finish", "lang": "lang"})
    return out


@dataclass
class _Cell:
    value: object
    where: Location
    indent: int = 0


@dataclass
class _Row:
    number: int
    cells: dict[str, _Cell]
    id_where: Location


@dataclass
class _Sheet:
    """The task rows and plan-info rows of one file, with where each cell is."""

    rows: list[_Row] = field(default_factory=list)
    info: dict[str, _Cell] = field(default_factory=dict)
    has_info: bool = False
    info_rows: dict[str, Location] = field(default_factory=dict)  # items with a row, even empty
    columns: frozenset[str] = frozenset()
    lang: str = "en"
    ignored: list[tuple[str, Location]] = field(default_factory=list)


class _TableError(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


@dataclass
class _Mapped:
    """One row as plan fields: the task, the fields its cells gave (written, even when
    unreadable, so the rules do not ask again for a field a cell error already names),
    and where each field's cell is."""

    task: Task
    given: dict[str, bool]
    row: _Row


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else \
            value.isoformat(sep=" ")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = unicodedata.normalize("NFC", str(value)).strip()
    if text.startswith("'") and text[1:2] in FORMULA_START:  # our own formula guard
        text = text[1:]
    return text


# Which cell a field of the plan rules (planner.domain.rules) is in: the rules name the
# fields as plan.yaml does; a milestone is written as duration 0.
_FIELD_CELLS = {"milestone": "duration", "distribution": "estimate"}
# The rules' hints say what to write in plan.yaml; in a table the fix is a cell to fill.
_TABLE_HINTS = {
    "rule.no_length": "x.hint.no_length", "rule.finish_without_start": "x.hint.finish_alone",
    "rule.duration_and_finish": "x.hint.both", "rule.summary_field": "x.hint.summary",
    "rule.unknown_task": "x.hint.unknown_task", "rule.ongoing_length": "x.hint.ongoing",
    "rule.ongoing_no_finish": "x.hint.ongoing_finish",
    "rule.milestone_finish": "x.hint.milestone_finish",
    "rule.target_field": "x.hint.target", "rule.target_no_quantity": "x.hint.target_quantity",
    "rule.target_no_finish": "x.hint.ongoing_finish",
}


def _in_table(d: Diagnostic) -> Diagnostic:
    """A plan rule's finding with the hint a table needs (the cell to fill), if it has one."""
    hint = _TABLE_HINTS.get(d.key.removesuffix(".anon"))
    if hint is None:
        return d
    field = dict(d.values).get("field")
    column = _FIELD_CELLS.get(str(field), str(field))  # a milestone is a duration of 0
    return d.hinted(hint, col=Phrase.of(f"x.col.{column}") if field else "")


class _Reader:
    def __init__(self, path: Path, fallback_id: str) -> None:
        self.path = path
        self.fallback_id = fallback_id
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        self.lang = lang_of(path)  # until the headers say
        self.suggest = Suggestions()
        self.after_cells: dict[str, Location] = {}  # task id -> its `after` cell

    def error(self, key: str, where: Location, task: str | None = None, **values: object,
              ) -> None:
        """A finding of the table's own (a cell that cannot be read, a level): code `table`;
        what the plan rules find carries their codes and words."""
        self.errors.append(Diagnostic.said("table", f"x.msg.{key}", where,
                                           severity=Severity.ERROR, task=task, id=task,
                                           **values))

    def refuse(self, key: str, **values: object) -> _TableError:
        return _TableError(Diagnostic.said("table", f"x.msg.{key}", Location(str(self.path)),
                                           severity=Severity.ERROR, task=None, **values))

    # -- files -------------------------------------------------------------------------------

    def read(self) -> _Sheet:
        """The task rows of the first sheet with a task table, and the plan-info sheet's."""
        out = _Sheet()
        plan_titles = {fold(label("x.sheet.plan", lang)) for lang in ("zh", "en")}
        found = False
        with open_book(self.path, lang_of(self.path), too_large="x.msg.too_large",
                       any_text=True) as book:
            for sheet in book.sheets():
                if not book.is_csv and fold(sheet.title) in plan_titles:
                    self.info(out, sheet)
                elif not found:
                    found = self.table(out, sheet)
        if not found:
            raise self.refuse("no_table")
        return out

    # -- sheets ------------------------------------------------------------------------------

    def table(self, out: _Sheet, sheet: Sheet) -> bool:
        """The header row (within the first 20 rows) and the task rows under it."""
        known = _headers()
        columns: dict[int, str] | None = None
        for r, row in enumerate(sheet.rows(), 1):
            if columns is None:
                found: dict[int, str] = {}
                for i, c in enumerate(row):
                    v = c.value
                    key = _header_key(v, known) if isinstance(v, str) else None
                    if key is not None and key not in found.values():
                        found[i] = key
                if {"id", "name"} <= set(found.values()):
                    columns = found
                    out.columns = frozenset(found.values())
                    texts = [c.value for c in row if isinstance(c.value, str)]
                    out.lang = self.lang = "zh" if any(
                        re.search(r"[\u3400-\u9fff]", t) for t in texts) else "en"
                    for i, c in enumerate(row):
                        if i not in found and c.value not in (None, ""):
                            out.ignored.append((str(c.value), sheet.where(r, i + 1)))
                elif r >= 20:
                    return False
                continue
            cells = {}
            for i, key in columns.items():
                if i < len(row):
                    value, indent = row[i].value, row[i].indent
                    if row[i].unsaved:  # its value is not known: never read as empty
                        self.errors.append(unsaved(sheet.where(r, i + 1), self.lang))
                    if value is not None and not (isinstance(value, str) and not value.strip()
                                                  and key != "name"):
                        cells[key] = _Cell(value, sheet.where(r, i + 1), indent)
            if not any(_cell_text(c.value) for c in cells.values()):
                continue
            id_col = next(i for i, k in columns.items() if k == "id")
            out.rows.append(_Row(r, cells, sheet.where(r, id_col + 1)))
        return columns is not None

    def info(self, out: _Sheet, sheet: Sheet) -> None:
        keys = _plan_keys()
        out.has_info = True
        for r, row in enumerate(sheet.rows(), 1):
            if not row or not isinstance(row[0].value, str):
                continue
            key = keys.get(fold(row[0].value))
            if key is not None:  # a row with its value cleared says: no value
                out.info_rows[key] = sheet.where(r, 2)
            if key is not None and len(row) >= 2 and row[1].value is not None:
                out.info[key] = _Cell(row[1].value, sheet.where(r, 2))

    # -- values ------------------------------------------------------------------------------

    def text(self, row: _Row, key: str) -> str:
        cell = row.cells.get(key)
        return _cell_text(cell.value) if cell else ""

    def day(self, cell: _Cell | None, col: Phrase, month_means: str = "first") -> date | None:
        from planner.domain.values import parse_date

        if cell is None:
            return None
        value = cell.value
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = _cell_text(value)
        if not text:
            return None
        found = loose_date(text)
        if found is None:
            try:
                found = parse_date(text, month_means)
            except ValueError:
                found = None
        if found is None:
            self.error("bad_date", cell.where, col=col, value=text[:40])
        return found

    def days(self, cell: _Cell | None, col: Phrase, lag: bool = False) -> int | None:
        if cell is None:
            return None
        value = cell.value
        text = _cell_text(value)
        if not text:
            return None
        try:
            if isinstance(value, int | float) and not isinstance(value, bool):
                if not float(value).is_integer() or not 0 <= value <= MAX_DAYS:
                    raise ValueError(text)
                return int(value)
            return parse_duration(text, 5)
        except ValueError:
            self.error("bad_days", cell.where, col=col, value=text[:40])
            return None

    def amount(self, cell: _Cell | None, col: Phrase) -> float | None:
        if cell is None:
            return None
        value = cell.value
        number_: float | None
        if isinstance(value, int | float) and not isinstance(value, bool):
            number_ = float(value)
        else:
            text = _cell_text(value)
            if not text:
                return None
            number_ = parse_number(text)
        if number_ is not None and math.isfinite(number_) and number_ > MAX_AMOUNT:
            shown = f"{number_:g}" if isinstance(value, int | float) else _cell_text(value)
            self.error("big_number", cell.where, col=col, value=shown[:40],
                       most=f"{MAX_AMOUNT:,.0f}")
            return None
        if number_ is None or not math.isfinite(number_) or number_ < 0:
            self.error("bad_number", cell.where, col=col, value=_cell_text(value)[:40])
            return None
        return number_

    # -- the whole table ---------------------------------------------------------------------

    def run(self) -> Imported:
        sheet = self.read()
        self.lang = sheet.lang
        for text, where in sheet.ignored:
            self.warnings.append(Diagnostic.said("table", "x.warn.column", where,
                                                 severity=Severity.WARNING, value=text[:40]))
        if not sheet.rows:
            raise PlanError([Diagnostic.said("empty", "x.msg.empty", Location(str(self.path)))],
                            lang=self.lang)
        col = {k: Phrase.of(f"x.col.{k}") for k in (*COLUMNS, *READ_ONLY)}
        seen: dict[str, _Row] = {}
        ids: list[str] = []
        levels: list[int] = []
        for row in sheet.rows:
            tid = self.text(row, "id")
            if not tid:
                self.error("no_id", row.id_where, row=row.number)
            elif not TASK_ID.fullmatch(tid):
                self.error("bad_id", row.id_where, value=tid[:40])
            elif tid in seen:  # the plan rule's finding, at the id cells
                self.errors.append(duplicate_id(tid, row.id_where, seen[tid].id_where))
            else:
                seen[tid] = row
            ids.append(tid)
            levels.append(self.level(row, levels[-1] if levels else 0))
        parents: list[int | None] = []
        stack: list[tuple[int, int]] = []  # (level, row index)
        for i, level in enumerate(levels):
            while stack and stack[-1][0] >= level:
                stack.pop()
            parents.append(stack[-1][1] if stack else None)
            stack.append((level, i))
        children: dict[int, list[int]] = {}
        for i, p in enumerate(parents):
            if p is not None:
                children.setdefault(p, []).append(i)
        mapped: list[_Mapped] = []
        notes: dict[str, list[str]] = {}
        valid_ids = set(seen)
        for i, row in enumerate(sheet.rows):
            mapped.append(self.task(row, ids[i], col, notes))
        depth = [0] * len(mapped)
        for i, p in enumerate(parents):
            depth[i] = depth[p] + 1 if p is not None else 0
        tasks = [replace(m.task, parent=None if (up := parents[i]) is None else ids[up],
                         children=tuple(ids[c] for c in children.get(i, ())), depth=depth[i])
                 for i, m in enumerate(mapped)]
        header = self.header(sheet, tasks)
        self.task_rules(tasks, mapped, header.finish if header is not None else None)
        tasks = self.check_links(tasks, valid_ids)
        tasks = list(inherit_owners(tasks))  # as the loader reads them
        if self.errors:
            raise PlanError(sorted(self.errors, key=cell_order), lang=self.lang)
        assert header is not None
        plan = replace(header, tasks=tuple(tasks), index={})
        if notes:
            listed = ", ".join(list(notes)[:5]) + (" …" if len(notes) > 5 else "")
            self.warnings.append(Diagnostic.said(
                "table", "x.warn.notes", Location(str(self.path)), severity=Severity.WARNING,
                n=len(notes), tasks=listed))
        comments = {tid: [("备注：" if plan.lang == "zh" else "note: ") + line
                          for line in lines] for tid, lines in notes.items()}
        text = plan_yaml(plan, PlanText(header=[
            f"Imported from {self.path} by `planner import` (a task table).",
            "Edit this file, or the table and import it again."], comments=comments))
        files = {"plan.yaml": text}
        rows_of = {ids[i]: row for i, row in enumerate(sheet.rows)}
        try:
            check_folder(files)
        except PlanError as exc:  # a cycle, say: point at the rows of the tasks on it
            raise PlanError([replace(d, location=rows_of[d.task].id_where
                                     if d.task in rows_of else Location(str(self.path)))
                             for d in exc.diagnostics], lang=self.lang) from None
        facts = TableFacts(sheet.columns, frozenset(sheet.info_rows) if sheet.has_info
                           else None, sheet.info_rows, {t: r.id_where for t, r in rows_of.items()},
                           {t: tuple(lines) for t, lines in comments.items()})
        return Imported(plan, files, tuple(self.warnings), table=facts)

    def level(self, row: _Row, above: int) -> int:
        cell = row.cells.get("level")
        if cell is not None and _cell_text(cell.value):
            text = _cell_text(cell.value)
            try:
                value = int(float(text))
                ok = float(text).is_integer()
            except ValueError:
                value, ok = 0, False
            if not ok or not 1 <= value <= min(MAX_LEVEL, above + 1):
                self.error("bad_level", cell.where, value=text[:40])
                return max(1, min(above + 1, value if ok else 1))
            return value
        outline = row.cells.get("outline")
        if outline is not None and _cell_text(outline.value):
            value = _cell_text(outline.value).count(".") + 1
            if value > above + 1 or value > MAX_LEVEL:
                self.error("bad_level", outline.where, value=_cell_text(outline.value)[:40])
                return min(above + 1, MAX_LEVEL)
            return value
        name = row.cells.get("name")
        if name is None:
            return 1
        raw = name.value if isinstance(name.value, str) else ""
        lead = len(raw) - len(raw.lstrip(" \u3000\t"))
        spaces = raw[:lead]
        indent = name.indent + spaces.count("\u3000") + spaces.count("\t") + \
            spaces.count(" ") // 2
        return max(1, min(indent + 1, above + 1, MAX_LEVEL))

    def task(self, row: _Row, tid: str, col: Mapping[str, Phrase],
             notes: dict[str, list[str]]) -> _Mapped:
        """The row's cells as the fields of a task, each read as its column says; whether
        the fields make a task (a length, dates in order, nothing a summary may not have)
        is for the plan rules (`task_rules`), once the outline is known."""
        c = row.cells
        name = self.text(row, "name")
        if not name and tid:
            self.error("no_name", c["name"].where if "name" in c else row.id_where, task=tid)
        fields: dict[str, object] = {}
        if owner := self.text(row, "owner"):
            fields["owner"] = owner
        start = self.day(c.get("start"), col["start"])
        finish = self.day(c.get("finish"), col["finish"], "last")
        deadline = self.day(c.get("deadline"), col["deadline"], "last")
        duration = self.days(c.get("duration"), col["duration"])
        budget = self.amount(c.get("budget"), col["budget"])
        quantity = self.amount(c.get("quantity"), col["quantity"])
        unit = self.text(row, "unit")
        ongoing = self.flag(c.get("ongoing"), col["ongoing"])
        target = self.flag(c.get("target"), col["target"])
        estimate = self.estimate(c.get("estimate"), fields)
        # the keys named: which ones a task may name is a plan rule, said at this cell; a
        # key whose column the table has not is left to plan.yaml (the merge keeps it there)
        assumed = frozenset(k for k in (x.strip() for x in
                                        _SPLIT.split(self.text(row, "assumed") or ""))
                            if k and (k in c or k not in COLUMNS))
        # the fields written, as plan.yaml would have them (read or not: a cell that could
        # not be read is reported as such, and the rules ask nothing more of it)
        given: dict[str, bool] = {
            key: True for key in ("start", "finish", "deadline", "budget", "quantity",
                                  "estimate", "after", "owner", "tags") if key in c}
        given["id"], given["name"] = True, "name" in c
        if "duration" in c:
            given["milestone" if duration == 0 else "duration"] = True
        if ongoing:
            given["ongoing"] = True
        if target:
            given["target"] = True
        if assumed:
            given["assumed"] = True
            fields["assumed"] = assumed
        for key, value in (("start", start), ("finish", finish), ("deadline", deadline),
                           ("budget", budget), ("estimate", estimate)):
            if value is not None:
                fields[key] = value
        if duration == 0:
            fields["milestone"] = True
        elif duration is not None:
            fields["duration"] = duration
        if ongoing:
            fields["ongoing"] = True
        if target:
            fields["target"] = True
        if tags := self.text(row, "tags"):
            fields["tags"] = tuple(x.strip() for x in _SPLIT.split(tags) if x.strip())
        if quantity is not None:
            fields["quantity"] = Quantity(quantity, unit)
        elif unit:
            self.error("unit_alone", c["unit"].where, task=tid, value=unit[:40])
        if "after" in c:
            fields["after"] = self.links(c["after"], tid)
        if note := self.text(row, "notes"):
            notes[tid] = [line for line in note.splitlines() if line.strip()]
        return _Mapped(Task(id=tid, name=name or tid, **fields),  # type: ignore[arg-type]
                       given, row)

    def task_rules(self, tasks: list[Task], mapped: list[_Mapped],
                   plan_finish: date | None) -> None:
        """The plan rules on each row's task, as on a task of plan.yaml, at the cells: the
        same mistake gets the same code and message from either."""
        for task, m in zip(tasks, mapped, strict=True):
            locate = self.field_cells(m.row)
            if not TASK_ID.fullmatch(task.id):  # reported at its id cell; its fields still
                found = field_rules(replace(task, id=""), m.given, locate, plan_finish)
            else:
                found = task_rules(task, m.given, locate, plan_finish)
            self.errors.extend(map(_in_table, found))

    @staticmethod
    def field_cells(row: _Row) -> Callable[[str], Location]:
        """Where a field the rules name is in the row: its cell, else the id cell."""
        def locate(field: str) -> Location:
            key = field.rstrip(":").partition(".")[0]
            cell = row.cells.get(_FIELD_CELLS.get(key, key))
            return cell.where if cell is not None else row.id_where
        return locate

    def flag(self, cell: _Cell | None, col: Phrase) -> bool:
        if cell is None:
            return False
        value = cell.value
        if isinstance(value, bool):
            return value
        text = fold(_cell_text(value))
        if text in _YES or text == fold(label("x.yes", "en")):
            return True
        if text in _NO:
            return False
        self.error("bad_bool", cell.where, col=col, value=_cell_text(value)[:40])
        return False

    def estimate(self, cell: _Cell | None, fields: dict[str, object],
                 ) -> tuple[float, float, float] | None:
        if cell is None:
            return None
        text = _cell_text(cell.value)
        if not text:
            return None
        parts = text.replace("，", ",").replace("、", ",").split()
        distribution = None
        if parts and parts[-1].lower() in ("pert", "triangular"):
            distribution = parts.pop().lower()
        try:
            values = [float(x.rstrip("dD")) for x in " ".join(parts).replace(",", " ").split()]
        except ValueError:
            values = []
        if len(values) != 3:  # their order and range are the plan rules' (`estimate`)
            self.error("bad_estimate", cell.where, value=text[:40])
            return None
        if distribution:
            fields["distribution"] = distribution
        return (values[0], values[1], values[2])

    def links(self, cell: _Cell, tid: str) -> tuple[Link, ...]:
        """The dependencies of one `after` cell as written; whether each names a task it
        may follow is the plan's link rule (`check_links`, after the outline is known)."""
        text = _cell_text(cell.value)
        out: list[Link] = []
        for entry in (x.strip() for x in _SPLIT.split(text)):
            if not entry:
                continue
            try:  # the same dependency text as plan.yaml's `after:`
                pred, kind, lag = parse_link(entry, 5)
            except ValueError:
                self.error("bad_link", cell.where, task=tid, value=entry[:40])
                continue
            out.append(Link(pred, kind, lag))
        self.after_cells[tid] = cell.where
        return tuple(out)

    def check_links(self, tasks: list[Task], valid: set[str]) -> list[Task]:
        """The plan's link rules (domain.rules) at the `after` cell: a link to an unknown
        task, to the task itself, its summary or (for a summary) its subtask. The links
        they refuse are left out of the returned tasks."""
        def locate(task_id: str | None, field: str) -> Location:
            return self.after_cells.get(task_id or "", Location(str(self.path)))

        refused: dict[str, set[int]] = {}
        closest = self.suggest.closest
        for task, link, finding in link_findings(
                tasks, locate, lambda word, known: closest(word, valid)):
            self.errors.append(_in_table(finding))
            refused.setdefault(task.id, set()).add(id(link))
        return [replace(t, after=tuple(x for x in t.after if id(x) not in refused[t.id]))
                if t.id in refused else t for t in tasks]

    def header(self, sheet: _Sheet, tasks: list[Task]) -> Plan | None:
        info = sheet.info
        lang = self.lang
        values: dict[str, Any] = {}
        for key in ("id", "name", "calendar", "lang", "currency"):
            if key in info:
                values[key] = _cell_text(info[key].value)
        for key in ("start", "finish"):
            if key in info:
                values[key] = self.day(info[key], Phrase.of(f"x.plan.{key}"),
                                       "first" if key == "start" else "last")
        for key in ("holidays", "workdays"):
            days: list[date] = []
            if key in info:
                cell = info[key]
                if isinstance(cell.value, datetime | date):
                    found = self.day(cell, Phrase.of(f"x.plan.{key}"))
                    days = [found] if found else []
                else:
                    for part in _SPLIT.split(_cell_text(cell.value)):
                        if part.strip():
                            d = self.day(_Cell(part.strip(), cell.where),
                                         Phrase.of(f"x.plan.{key}"))
                            if d:
                                days.append(d)
            values[key] = tuple(sorted(set(days)))
        plan_id = values.get("id") or self.fallback_id
        if not PLAN_ID.fullmatch(plan_id):
            self.error("bad_plan_id", info["id"].where if "id" in info
                       else Location(str(self.path)), item=Phrase.of("x.plan.id"),
                       value=plan_id[:40])
        calendar = values.get("calendar") or ("cn" if lang == "zh" else "weekdays")
        if calendar not in ("cn", "weekdays", "alldays"):
            self.error("bad_calendar", info["calendar"].where,
                       item=Phrase.of("x.plan.calendar"), value=calendar[:40])
        plan_lang = values.get("lang") or lang
        if plan_lang not in ("zh", "en"):
            plan_lang = {"中文": "zh", "english": "en", "英文": "en"}.get(plan_lang.lower(),
                                                                      lang)
        start = values.get("start") or min((t.start for t in tasks if t.start), default=None)
        if start is None:
            if not self.errors:  # else a start cell that could not be read says it
                self.error("no_start", Location(str(self.path)))
            return None
        if not sheet.has_info:
            self.warnings.append(Diagnostic.said(
                "table", "x.warn.defaults", Location(str(self.path)), severity=Severity.WARNING,
                start=start, calendar=calendar, language=plan_lang))
        return Plan(id=plan_id, name=values.get("name") or self.path.stem, start=start,
                    tasks=(), finish=values.get("finish"), calendar=calendar,
                    holidays=values.get("holidays", ()), workdays=values.get("workdays", ()),
                    lang=plan_lang, currency=values.get("currency") or None)


def read(path: Path, fallback_id: str = "imported") -> Imported:
    """Read a task table (.xlsx or .csv) into plan.yaml; PlanError with every bad cell, or
    with why the file is not read (see planner.exchange.sheets)."""
    reader = _Reader(path, fallback_id)
    try:
        return reader.run()
    except (_TableError, Refused) as exc:
        raise PlanError([exc.diagnostic], lang=reader.lang) from None
