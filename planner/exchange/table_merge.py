"""A plan table imported over its plan: the changes merged into plan.yaml, and listed.

`planner import 计划.xlsx -o plans/NAME --force` over a folder that has a plan.yaml. The
table is the plan as the table sees it: what its columns and plan-info rows say replaces
what plan.yaml says, and nothing else does — a field the table has no column for, the
plan's thresholds and risk settings, every comment that belongs to no removed task stay as
they are (planner.planfiles.planmerge edits the file in place). The changes are compared
cell by cell, as `planner export --format xlsx` writes the plan, so an unchanged table is
no change at all and each change is said as the table shows it (工期 10 → 12).

The merged file is read back with the plan folder's snapshots and baseline by the loader
before anything is written, and checked to say what the table says.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from planner.domain.diagnostics import Diagnostic, Location, PlanError, Severity
from planner.domain.model import Plan
from planner.domain.values import number_text
from planner.exchange.imported import Imported, TableFacts, check_folder
from planner.exchange.table_read import COLUMNS
from planner.exchange.table_write import table_rows
from planner.i18n.labels import label
from planner.planfiles.planmerge import MergeRefused, merge_plan, moved_tasks

if TYPE_CHECKING:
    from planner.project import Project

HEADER = ("name", "start", "finish", "calendar", "holidays", "workdays", "lang", "currency")
# Columns compared task by task; the level is the task's place (a move), the notes comments.
COMPARED = tuple(c for c in COLUMNS if c not in ("id", "level", "notes"))

Field = tuple[str, str, str]  # label key of the column or item, old text, new text


@dataclass(frozen=True)
class TaskChange:
    """One task the merge adds, removes, moves or changes."""

    kind: str  # added | removed | moved | changed | noted
    task: str
    name: str
    fields: tuple[Field, ...] = ()  # changed: the cells that differ
    parent: str | None = None  # added, moved: under which task (None: the top level)
    after: str | None = None  # added, moved: after which task (None: first)
    comments: tuple[str, ...] = ()  # comment lines that leave the file with it; noted: added


@dataclass(frozen=True)
class PlanMerge:
    """plan.yaml with a table's changes merged in; ``text`` is the file as it was when
    there are none."""

    path: Path
    text: str
    changes: tuple[TaskChange, ...]
    header: tuple[Field, ...]

    @property
    def unchanged(self) -> bool:
        return not self.changes and not self.header

    def count(self, kind: str) -> int:
        return sum(c.kind == kind for c in self.changes)


def _cell(value: object, lang: str) -> str:
    if value is None or value == "":
        return label("x.merge.empty", lang)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float | int) and not isinstance(value, bool):
        return number_text(value)
    if isinstance(value, tuple):
        return ", ".join(_cell(v, lang) for v in value) or label("x.merge.empty", lang)
    return str(value)


def _rows(plan: Plan, columns: Collection[str] = COLUMNS) -> dict[str, dict[str, object]]:
    """The table's rows of ``plan``; the assumed keys only of the ``columns`` a table has
    (a key of another column is plan.yaml's, and stays as written there)."""
    _, rows = table_rows(plan, plan.lang)
    out = {str(row[0]): dict(zip(COLUMNS, row, strict=True)) for row in rows}
    for row in out.values():
        if isinstance(marked := row["assumed"], str):
            row["assumed"] = ", ".join(k for k in marked.split(", ") if k in columns) or None
    return out


def _header(plan: Plan) -> dict[str, object]:
    return {"name": plan.name, "start": plan.start, "finish": plan.finish,
            "calendar": plan.calendar, "holidays": tuple(sorted(set(plan.holidays))),
            "workdays": tuple(sorted(set(plan.workdays))), "lang": plan.lang,
            "currency": plan.currency}


def _previous(plan: Plan, task_id: str) -> str | None:
    task = plan.task(task_id)
    siblings = plan.task(task.parent).children if task.parent else \
        tuple(t.id for t in plan.tasks if t.parent is None)
    k = siblings.index(task_id)
    return siblings[k - 1] if k > 0 else None


def other_plan(project: Project, imported: Imported) -> Diagnostic | None:
    """Why the table ``imported`` is not merged into ``project``'s plan but replaces it: its
    plan-info sheet names another plan (a warning); None when it is this plan's table (or
    says no plan: a table without the sheet)."""
    facts = imported.table
    if facts is None or facts.info is None or "id" not in facts.info or \
            imported.plan.id == project.plan.id:
        return None
    return Diagnostic.said("import", "import.other_plan", facts.info_cells["id"],
                           severity=Severity.WARNING, table=imported.plan.id,
                           plan=project.plan.id, folder=str(project.folder))


def merge_table(project: Project, imported: Imported) -> PlanMerge:
    """The table ``imported`` merged into the plan of ``project`` (its own plan's table:
    see `other_plan`): PlanError when it removes a task with recorded progress, or gives a
    plan.yaml the loader refuses (the file is then left as it is)."""
    facts = imported.table
    assert facts is not None and project.plan.path is not None
    old, new = project.plan, imported.plan
    path = project.plan.path
    lang = old.lang
    _refuse_reported(project, new)
    before, after = _rows(old, facts.columns), _rows(new, facts.columns)
    columns = [c for c in COMPARED if c in facts.columns]
    changed: dict[str, list[str]] = {}
    for tid, row in after.items():
        if tid in before:
            cols = [c for c in columns if before[tid][c] != row[c]]
            if cols:
                changed[tid] = cols
    header_keys = [k for k in HEADER if k in (facts.info or ())
                   and _header(old)[k] != _header(new)[k]]
    notes = _new_notes(project, facts)
    moved = moved_tasks(old, new)
    added = [t.id for t in new.tasks if t.id not in old.index]
    removed = [t.id for t in old.tasks if t.id not in new.index]
    header = tuple((f"x.plan.{k}", _cell(_header(old)[k], lang), _cell(_header(new)[k], lang))
                   for k in header_keys)
    if not (changed or header_keys or notes or moved or added or removed):
        return PlanMerge(path, _text(path), (), ())
    try:
        merged = merge_plan(_text(path), old, new, changed, header_keys,
                            carried=facts.columns, notes=notes)
    except MergeRefused as exc:
        raise PlanError([Diagnostic.said(
            "import", f"import.layout.{exc.reason}", old.task(exc.task).location
            if exc.task is not None and exc.task in old.index else Location(str(path)),
            task=exc.task, id=exc.task or "")]) from None
    _check(project, merged.text, new, columns, [k for k in HEADER if k in (facts.info or ())])
    changes: list[TaskChange] = []
    for t in new.tasks:
        if t.id in added:
            changes.append(TaskChange("added", t.id, t.name, parent=t.parent,
                                      after=_previous(new, t.id)))
        elif t.id in moved:
            changes.append(TaskChange("moved", t.id, t.name, parent=t.parent,
                                      after=_previous(new, t.id)))
        if t.id in changed:
            changes.append(TaskChange(
                "changed", t.id, t.name,
                tuple((f"x.col.{c}", _cell(before[t.id][c], lang), _cell(after[t.id][c], lang))
                      for c in changed[t.id]), comments=merged.dropped.get(t.id, ())))
        if t.id in notes and t.id in old.index:  # a new task's are in its added lines
            changes.append(TaskChange("noted", t.id, t.name, comments=tuple(notes[t.id])))
    for tid in removed:
        changes.append(TaskChange("removed", tid, old.task(tid).name,
                                  comments=merged.dropped.get(tid, ())))
    return PlanMerge(path, merged.text, tuple(changes), header)


def _text(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def _new_notes(project: Project, facts: TableFacts) -> dict[str, tuple[str, ...]]:
    """The notes of tasks already in the plan that plan.yaml has not got as comments yet."""
    from planner.planfiles.planmerge import comment_lines

    if not facts.notes:
        return {}
    have = set(comment_lines(_text(project.plan.path))) if project.plan.path else set()
    out = {}
    for tid, lines in facts.notes.items():
        fresh = tuple(x for x in lines if f"# {x}" not in have)
        if fresh:
            out[tid] = fresh
    return out


def _refuse_reported(project: Project, new: Plan) -> None:
    """A task with progress recorded cannot leave the plan: its snapshots name it."""
    found: list[Diagnostic] = []
    for snapshot in project.snapshots:
        for tid, progress in snapshot.progress.items():
            if tid not in new.index and tid not in {d.task for d in found}:
                found.append(Diagnostic.said("import", "import.has_progress",
                                             progress.location, task=tid, id=tid))
    if found:
        raise PlanError(found)


def _check(project: Project, text: str, new: Plan, columns: Sequence[str],
           header: Sequence[str]) -> None:
    """The merged plan.yaml read back with the folder's snapshots and baseline; it must
    load and say what the table says, column by column, task by task, in the same order."""
    folder = project.folder
    files: dict[str, str] = {"plan.yaml": text}
    for name in _others(folder):
        files[name] = (folder / name).read_text(encoding="utf-8-sig")
    checked = check_folder(files, folder).plan
    got, want = _rows(checked, columns), _rows(new, columns)
    if list(got) != list(want):
        _mismatch(project, next((a for a, b in zip(got, want, strict=False) if a != b),
                                "?"), "x.col.level")
    for tid, row in want.items():
        for c in ("level", *columns):
            if got[tid][c] != row[c]:
                _mismatch(project, tid, f"x.col.{c}")
        if checked.task(tid).parent != new.task(tid).parent:
            _mismatch(project, tid, "x.col.level")
    for k in header:
        if _header(checked)[k] != _header(new)[k]:
            _mismatch(project, "plan", f"x.plan.{k}")


def _mismatch(project: Project, task: str, column: str) -> None:
    raise PlanError([Diagnostic.said("import", "import.mismatch", Location(
        str(project.plan.path)), task=task, id=task, col=label(column, project.plan.lang))])


def _others(folder: Path) -> list[str]:
    """The files of the plan folder the loader reads besides plan.yaml."""
    names = []
    status = folder / "status"
    if status.is_dir():
        names += [f"status/{p.name}" for p in sorted(status.iterdir())
                  if p.suffix in (".yaml", ".yml") and not p.name.startswith(".")]
    if (folder / "baseline.yaml").is_file():
        names.append("baseline.yaml")
    return names


def change_lines(merge: PlanMerge, lang: str, names: Mapping[str, str]) -> list[str]:
    """The changes, one a line (the comments a removal takes on the lines under it), in
    ``lang``; ``names``: task id -> name, for the summaries they are placed under."""
    sep = label("x.merge.sep", lang)
    out: list[str] = []

    def where(c: TaskChange) -> str:
        text = label("x.merge.under", lang, parent=f"{c.parent}“{names.get(c.parent, '')}”"
                     if lang == "zh" else f"{c.parent} '{names.get(c.parent, '')}'") \
            if c.parent else label("x.merge.top", lang)
        return text + (label("x.merge.after", lang, after=c.after) if c.after
                       else label("x.merge.first", lang))

    def fields(items: Sequence[Field]) -> str:
        return sep.join(label("x.merge.field", lang, col=label(k, lang), old=o, new=n)
                        for k, o, n in items)

    if merge.header:
        out.append(label("x.merge.header", lang, fields=fields(merge.header)))
    for c in merge.changes:
        if c.kind in ("added", "moved"):
            out.append(label(f"x.merge.{c.kind}", lang, task=c.task, name=c.name,
                             where=where(c)))
        elif c.kind == "changed":
            out.append(label("x.merge.changed", lang, task=c.task, name=c.name,
                             fields=fields(c.fields)))
        elif c.kind == "noted":
            out.append(label("x.merge.noted", lang, task=c.task, name=c.name,
                             n=len(c.comments)))
        else:
            out.append(label("x.merge.removed_with" if c.comments else "x.merge.removed",
                             lang, task=c.task, name=c.name, n=len(c.comments)))
        if c.kind == "changed" and c.comments:
            out.append("  " + label("x.merge.dropped", lang, n=len(c.comments)))
        out += [f"    {line}" if c.kind != "noted" else f"    # {line}" for line in c.comments]
    return out
