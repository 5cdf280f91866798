"""Plans as a table out: `planner export --format xlsx` writes the plan as a workbook for
Excel/WPS, one task a row (names indented by level), the plan's header on a second sheet;
`planner import` (planner.exchange.table_read) reads it back to the same plan.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from planner.domain.links import link_text
from planner.domain.model import ASSUMABLE, Plan
from planner.domain.values import number_text
from planner.exchange.exported import Exported
from planner.exchange.table_read import COLUMNS
from planner.i18n.labels import label

if TYPE_CHECKING:
    from planner.project import Project


def table_rows(plan: Plan, lang: str) -> tuple[list[str], list[list[object]]]:
    """The task table of ``plan``: headers in ``lang`` and one row per task, file order."""
    headers = [label(f"x.col.{key}", lang) for key in COLUMNS]
    rows: list[list[object]] = []
    yes = label("x.yes", lang)
    for t in plan.tasks:
        leaf = not t.is_summary
        duration: object = None
        if leaf and not t.spans_window and t.finish is None:
            duration = 0 if t.is_milestone else t.duration
        estimate = None
        if t.estimate is not None:
            estimate = ", ".join(number_text(v) for v in t.estimate)
            if t.distribution:
                estimate += f" {t.distribution}"
        rows.append([
            t.id, t.depth + 1, t.name, t.owner, t.start, duration, t.finish,
            ", ".join(link_text(x) for x in t.after) or None, t.deadline, t.budget,
            t.quantity.total if t.quantity else None,
            (t.quantity.unit or None) if t.quantity else None,
            "、".join(t.tags) or None, yes if t.ongoing else None, estimate, None,
            yes if t.target else None,
            ", ".join(k for k in ASSUMABLE if k in t.assumed) or None,
        ])
    return headers, rows


def write(project: Project, at: date | None = None, lang: str | None = None) -> Exported:
    """The plan as an .xlsx workbook: the task table (names indented by level) and the
    plan's header on a second sheet; `planner import` reads it back to the same plan.

    The table holds the plan, not progress: ``at`` must be None."""
    if at is not None:
        raise ValueError("the plan table holds the plan, not progress")
    plan = project.plan
    lang = lang or plan.lang
    headers, rows = table_rows(plan, lang)
    info: list[tuple[str, object]] = [
        ("id", plan.id), ("name", plan.name), ("start", plan.start), ("finish", plan.finish),
        ("calendar", plan.calendar),
        ("holidays", ", ".join(d.isoformat() for d in sorted(plan.holidays)) or None),
        ("workdays", ", ".join(d.isoformat() for d in sorted(plan.workdays)) or None),
        ("lang", plan.lang), ("currency", plan.currency)]
    return Exported(_workbook(plan.name, lang, headers, rows,
                              [(label(f"x.plan.{k}", lang), v) for k, v in info]),
                    len(plan.tasks))


def _workbook(title: str, lang: str, headers: Sequence[str], rows: Sequence[Sequence[object]],
              info: Sequence[tuple[str, object]]) -> bytes:
    from openpyxl import Workbook

    from planner.render.xlsx import clean_cell, fill_sheet

    wb = Workbook()
    wb.properties.title = clean_cell(title)
    wb.properties.creator = "planner"
    tasks = wb.active
    assert tasks is not None
    tasks.title = label("x.sheet.tasks", lang)
    fill_sheet(tasks, headers, rows, title, indent_col=COLUMNS.index("name") + 1)
    plan_sheet = wb.create_sheet(label("x.sheet.plan", lang))
    fill_sheet(plan_sheet, [label("x.plan.key", lang), label("x.plan.value", lang)],
               [[k, v] for k, v in info], title)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
