"""What changed between two snapshots: a terminal report, JSON, and one flat table (a row
per change) for CSV and workbooks."""

from __future__ import annotations

from typing import Any

from planner.analysis.diff import Diff
from planner.i18n.labels import column_headers, label, sample_banner, sample_dict
from planner.render.document import (
    Block,
    Document,
    Paragraph,
    Records,
    Section,
    banner,
    table,
)
from planner.render.fmt import iso, pct, rounded, whole


def _pct(x: float | None) -> str:
    return f"{pct(x)}%" if x is not None else "?"


def _delta(a: float | None, b: float | None) -> str:
    """The change between the two percents as shown, so the columns add up."""
    return "" if a is None or b is None else f"{whole(b) - whole(a):+d}"


def diff_dict(d: Diff) -> dict[str, Any]:
    return {
        "plan": d.after.plan.id, "from": d.before.date.isoformat(),
        **sample_dict(d.after.snapshot.illustrative or d.before.snapshot.illustrative),
        "to": d.after.date.isoformat(),
        "progress": [{"id": p.id, "state_before": p.state_before, "state_after": p.state_after,
                      "percent_before": rounded(p.percent_before),
                      "percent_after": rounded(p.percent_after)}
                     for p in d.progressed],
        "flags": [{"id": f.id, "flag": f.flag, "severity": f.severity, "change": f.change}
                  for f in d.flags],
        "moved": [{"id": m.id, "deadline": iso(m.deadline), "before": iso(m.before),
                   "after": iso(m.after), "days": m.days} for m in d.moved],
    }


def diff_view(d: Diff, lang: str) -> Document:
    """What changed between two snapshots, in every format."""
    plan = d.after.plan
    none = "  " + label("none", lang)
    title = f"{plan.name}{label('title_sep', lang)}{d.before.date} → {d.after.date}"
    progress = [[p.id, plan.task(p.id).name,
                 f"{label('state.' + p.state_before, lang)} → "
                 f"{label('state.' + p.state_after, lang)}",
                 f"{_pct(p.percent_before)} → {_pct(p.percent_after)}",
                 _delta(p.percent_before, p.percent_after)] for p in d.progressed]
    flags = [[("+ " if f.change == "new" else "- ") + f.id, plan.task(f.id).name,
              label(f"flag.{f.flag}", lang), label(f"severity.{f.severity}", lang)]
             for f in d.flags if f.flag != "critical" or f.change == "new"]
    moved = [[m.id, plan.task(m.id).name, str(m.before), str(m.after), f"{m.days:+d}",
              str(m.deadline or "")] for m in d.moved]
    blocks: tuple[Block, ...] = (
        *banner(sample_banner(d.after.snapshot.illustrative
                              or d.before.snapshot.illustrative, lang)),
        Paragraph(title, "headline"),
        Section(label("diff.progress", lang), (table(
            ["id", label("name", lang), label("state", lang), "%", "Δ"], progress,
            [False, False, False, False, True], limits=[20, 24], empty=none),)),
        Section(label("diff.flags", lang), (table(
            ["id", label("name", lang), label("flags", lang), label("severity", lang)], flags,
            limits=[22, 24], empty=none),)),
        Section(label("diff.moved", lang), (table(
            ["id", label("name", lang), str(d.before.date), str(d.after.date), "Δ",
             label("deadline", lang)], moved, [False] * 4 + [True, False], limits=[20, 24],
            empty=none),)),
    )
    return Document(title, lang, blocks, data=diff_dict(d), records=diff_records(d, lang))


# One row per change, its ``kind`` saying which of the three tables it belongs to; the
# columns are the union of theirs, empty where a kind has none.
DIFF_FIELDS = ("kind", "id", "name", "state_before", "state_after", "percent_before",
               "percent_after", "percent_change", "flag", "severity", "change", "deadline",
               "forecast_before", "forecast_after", "days")
KINDS = {"progressed": "diff.progress", "flag": "diff.flags", "moved": "diff.moved"}


def diff_records(d: Diff, lang: str) -> Records:
    """Every change as a row: progress (states and percents), a flag raised or cleared, a
    milestone's or deadline's forecast moved. The CSV keeps names for scripts; the workbook
    reads in ``lang``."""
    plan = d.after.plan
    rows: list[tuple[object, ...]] = []
    sheet: list[tuple[object, ...]] = []
    for p in d.progressed:
        before, after = rounded(p.percent_before), rounded(p.percent_after)
        change = None if before is None or after is None else rounded(after - before)
        tail: tuple[object, ...] = (before, after, change, *(None,) * 7)
        rows.append(("progressed", p.id, plan.task(p.id).name, p.state_before, p.state_after,
                     *tail))
        sheet.append((label(KINDS["progressed"], lang), p.id, plan.task(p.id).name,
                      label(f"state.{p.state_before}", lang),
                      label(f"state.{p.state_after}", lang), *tail))
    for f in d.flags:
        rows.append(("flag", f.id, plan.task(f.id).name, None, None, None, None, None, f.flag,
                     f.severity, f.change, None, None, None, None))
        sheet.append((label(KINDS["flag"], lang), f.id, plan.task(f.id).name, None, None,
                      None, None, None, label(f"flag.{f.flag}", lang),
                      label(f"severity.{f.severity}", lang), label(f"diff.{f.change}", lang),
                      None, None, None, None))
    for m in d.moved:
        moved: tuple[object, ...] = (iso(m.deadline), iso(m.before), iso(m.after), m.days)
        rows.append(("moved", m.id, plan.task(m.id).name, *(None,) * 8, *moved))
        sheet.append((label(KINDS["moved"], lang), m.id, plan.task(m.id).name, *(None,) * 8,
                      *moved))
    illustrative = d.after.snapshot.illustrative or d.before.snapshot.illustrative
    mark = label("banner.mark", lang) if illustrative is not None else ""
    return Records(DIFF_FIELDS, tuple(rows), tuple(column_headers(DIFF_FIELDS, lang)),
                   f"{mark}{d.before.date}–{d.after.date} {plan.name}", tuple(sheet))
