"""What changed between two snapshots, as a terminal report and as JSON."""

from __future__ import annotations

from typing import Any

from planner.analysis.diff import Diff
from planner.i18n.labels import label, sample_banner, sample_dict
from planner.render.document import Block, Document, Paragraph, Section, banner, table
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
    return Document(title, lang, blocks, data=diff_dict(d))
