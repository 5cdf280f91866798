"""Baseline changes: lines a reviewer reads before re-approving, a table of them for a
report, JSON and CSV for scripts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Protocol

from planner.domain.baseline import Baseline, BaselineTask, Change
from planner.domain.model import Plan
from planner.i18n.labels import column_headers, label
from planner.render.document import Document, Heading, Notes, Paragraph, Records, table
from planner.render.fmt import iso


class BaselineUpdate(Protocol):
    """What saving the baseline did (the project's outcome, as read here)."""

    @property
    def path(self) -> Path: ...
    @property
    def baseline(self) -> Baseline: ...
    @property
    def changes(self) -> tuple[Change, ...]: ...
    @property
    def existed(self) -> bool: ...
    @property
    def written(self) -> bool: ...


def change_line(c: Change) -> str:
    """`+ id: start .. finish (n d)`, `~ id: field old -> new, …` or `- id`."""
    if c.kind == "added" and c.new is not None:
        return f"+ {c.task}: {c.new.start} .. {c.new.finish} ({c.new.duration} d)"
    if c.kind == "removed":
        return f"- {c.task}"
    parts = [f"{k} {getattr(c.old, k)} -> {getattr(c.new, k)}" for k in c.fields]
    return f"~ {c.task}: " + ", ".join(parts)


def change_lines(changes: Iterable[Change]) -> list[str]:
    return [change_line(c) for c in changes]


# One row per task re-approving adds, changes or removes: the old and new approved dates,
# durations and budgets side by side.
BASELINE_FIELDS = ("task", "name", "change", "fields", "old_start", "new_start", "old_finish",
                   "new_finish", "old_duration", "new_duration", "old_budget", "new_budget")


def _row(c: Change, names: Mapping[str, str]) -> tuple[object, ...]:
    old, new = c.old, c.new
    return (c.task, names.get(c.task), c.kind, ";".join(c.fields) or None,
            iso(old.start) if old else None, iso(new.start) if new else None,
            iso(old.finish) if old else None, iso(new.finish) if new else None,
            old.duration if old else None, new.duration if new else None,
            old.budget if old else None, new.budget if new else None)


def _task_dict(t: BaselineTask | None) -> dict[str, Any] | None:
    if t is None:
        return None
    return {"start": iso(t.start), "finish": iso(t.finish), "duration": t.duration,
            "budget": t.budget}


def baseline_dict(plan: Plan, update: BaselineUpdate) -> dict[str, Any]:
    names = {t.id: t.name for t in plan.tasks}
    return {
        "plan": plan.id, "file": str(update.path), "saved": iso(update.baseline.saved),
        "tasks": len(update.baseline.tasks), "existed": update.existed,
        "written": update.written,
        "changes": [{"task": c.task, "name": names.get(c.task), "change": c.kind,
                     "fields": list(c.fields),
                     "old": _task_dict(c.old), "new": _task_dict(c.new)}
                    for c in update.changes],
    }


def baseline_view(plan: Plan, update: BaselineUpdate, lang: str, lines: bool = False,
                  ) -> Document:
    """What re-approving the baseline adds, changes and removes. ``lines``: as the lines a
    reviewer reads on a terminal (`change_line`); else a table, with a sentence that
    counts them (a removed task has no name: the plan no longer has it)."""
    title = label("baseline.title", lang)
    if lines:
        return Document(title, lang, (Heading(title), Notes(tuple(change_lines(
            update.changes)))))
    count = Counter(c.kind for c in update.changes)
    text = label("baseline.summary", lang, added=count["added"], changed=count["changed"],
                 removed=count["removed"])
    names = {t.id: t.name for t in plan.tasks}
    rows = [_row(c, names) for c in update.changes]
    shown = [[str(v) if v is not None else "" for v in
              (*r[:2], label(f"baseline.{c.kind}", lang),
               label("list_sep", lang).join(column_headers(c.fields, lang)), *r[4:])]
             for c, r in zip(update.changes, rows, strict=True)]
    body = table(column_headers(BASELINE_FIELDS, lang), shown, [False] * 8 + [True] * 4,
                 empty=label("none", lang))
    return Document(title, lang, (Heading(title), Paragraph(text), body),
                    data=baseline_dict(plan, update),
                    records=Records(BASELINE_FIELDS, tuple(rows),
                                    tuple(column_headers(BASELINE_FIELDS, lang)), title))
