"""The meeting pack: the narrative, the risk charts, and the report as HTML, Markdown and JSON."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import plotly.graph_objects as go

from planner.analysis.risk import Risk
from planner.analysis.tracking import TaskStatus, Tracking, root_cause
from planner.i18n.labels import label, sample_banner, sample_dict
from planner.render import status as review
from planner.render.fmt import json_text, long_date, md_text, standalone_name
from planner.render.gantt import esc
from planner.render.gantt import figure as gantt_figure
from planner.render.html import FONT, document, figure_div, percent_chart, table_html
from planner.render.risk import headline as risk_headline
from planner.render.risk import (
    notes,
    ordered,
    risk_dict,
    risk_headers,
    risk_markdown,
    risk_rows,
    target_name,
)

if TYPE_CHECKING:
    from planner.analysis.check import Check
    from planner.analysis.trend import Trend

# -- the narrative --------------------------------------------------------------------------


def narrative(t: Tracking, risk: Risk | None, lang: str) -> str:
    """A short report in the manner of a township progress report, from the figures."""
    rows = t.leaves()
    plan = t.plan
    done = sum(1 for s in rows if s.state == "done")
    active = sum(1 for s in rows if s.state == "in-progress")
    # the late tasks to name are those whose own progress slipped: a task only waiting for
    # them is not to blame (its root cause is named instead)
    late = sorted((s for s in rows if s.state != "done" and s.late and root_cause(s) is None),
                  key=lambda s: -(s.finish_variance_days or 0))
    missed = [s for s in rows if s.misses_deadline]

    def who(s: TaskStatus) -> str:
        task = plan.task(s.id)
        return label("narrative.who_note" if s.note else "narrative.who", lang,
                     name=task.name, owner=task.owner or label("narrative.no_owner", lang),
                     slip=s.finish_variance_days or 0, note=(s.note or "").rstrip("。."))

    parts = [label("narrative.summary", lang, date=long_date(t.date, lang), tasks=len(rows),
                   done=done, active=active, waiting=len(rows) - done - active,
                   late=len(late))]
    if late:
        parts.append(label("narrative.furthest", lang, list=label("list_sep", lang).join(
            who(s) for s in late[:3])))
    for s in missed:
        task = plan.task(s.id)
        cause = root_cause(s)
        culprit = plan.tasks[cause] if cause is not None else task
        passed = any(f.name == "missed-deadline" for f in s.flags)
        key = "narrative.passed" if passed else "narrative.missed"
        # a cause already finished cannot be sped up: it only delayed the start; the task's
        # own owner is the one who can still catch up
        over = cause is not None and t.task(culprit.id).state == "done"
        key += "" if cause is None else "_after" if over else "_waiting"
        acting = task if over else culprit
        parts.append(label(key, lang, name=standalone_name(plan, task.id, lang),
                           forecast=long_date(s.forecast.finish, lang),
                           deadline=long_date(s.deadline, lang) if s.deadline else "",
                           days=-(s.deadline_margin_days or 0), cause=culprit.name,
                           cause_owner=culprit.owner or label("narrative.no_owner", lang),
                           owner=acting.owner or label("narrative.someone", lang)))
    if t.overrun and t.plan.finish:
        parts.append(label("narrative.overrun", lang, finish=long_date(t.forecast.finish, lang),
                           end=long_date(t.plan.finish, lang), days=t.overrun))
    if risk is not None:
        parts += _risk_sentences(risk, lang, skip={s.id for s in missed})
    return label("sentence_sep", lang).join(parts)


def _risk_sentences(risk: Risk, lang: str, skip: set[str]) -> list[str]:
    out: list[str] = []
    said: set[tuple[date, float]] = set()
    for target in ordered(risk):
        if target.id is None or target.probability is None or target.deadline is None:
            continue
        if target.probability >= 0.995 or target.id in skip:
            continue  # no news, or already said: say what matters
        if risk.data_date is not None and target.deadline <= risk.data_date:
            continue  # passed already: the review says it was missed, not a chance of 0 %
        if (target.deterministic, target.probability) in said:
            continue  # a milestone that only repeats the task it marks
        said.add((target.deterministic, target.probability))
        out.append(label("narrative.risk", lang, name=standalone_name(risk.plan, target.id, lang),
                         forecast=long_date(target.deterministic, lang),
                         deadline=long_date(target.deadline, lang),
                         pct=f"{100 * target.probability:.0f}",
                         p80=long_date(target.percentile(80), lang)))
        if len(out) >= 4:
            break
    return out


# -- charts -----------------------------------------------------------------------------------


def probability_curves(risk: Risk, lang: str) -> go.Figure:
    """For each deadline, the probability of finishing by each date, with the deadline."""
    fig = go.Figure()
    for t in ordered(risk):
        if t.deadline is None and t.id is not None:
            continue
        name = esc(target_name(risk, t, lang))
        fig.add_trace(go.Scatter(
            x=[d.isoformat() for d, _ in t.curve], y=[round(100 * p, 2) for _, p in t.curve],
            mode="lines", line={"shape": "hv"}, name=name,
            customdata=[[name]] * len(t.curve),
            hovertemplate="%{customdata[0]}<br>%{x}: %{y:.0f}%<extra></extra>"))
    return percent_chart(fig, label("risk.curve", lang), 420, top=100.5)


def tornado(risk: Risk, lang: str) -> go.Figure:
    """Drivers of the least likely deadline (or of the project), as a tornado chart."""
    driven = [t for t in ordered(risk) if t.drivers]
    target = driven[0] if driven else risk.target(None)
    drivers = list(reversed(target.drivers))
    names = [esc(risk.plan.task(d.id).name) for d in drivers]
    fig = go.Figure(go.Bar(
        orientation="h", y=names, x=[round(d.correlation, 3) for d in drivers],
        marker={"color": "#e15759"},
        customdata=[[n, f"{100 * d.criticality:.0f}%"] for n, d in zip(names, drivers,
                                                                       strict=True)],
        hovertemplate=(f"%{{customdata[0]}}<br>{label('risk.correlation', lang)}: %{{x:.2f}}"
                       f"<br>{label('risk.criticality', lang)}: %{{customdata[1]}}"
                       "<extra></extra>")))
    fig.update_layout(
        title={"text": f"{label('risk.tornado', lang)} — {esc(target_name(risk, target, lang))}",
               "x": 0.01},
        height=max(260, 80 + 36 * len(drivers)), font={"family": FONT, "size": 12},
        plot_bgcolor="white", xaxis={"range": [0, 1], "gridcolor": "#eeeeee"},
        yaxis={"automargin": True}, margin={"l": 10, "r": 20, "t": 50, "b": 40},
    )
    return fig


# -- the meeting pack ---------------------------------------------------------------------


def _review_rows(t: Tracking, lang: str,
                 ) -> tuple[list[str], list[list[str]], list[bool], list[str]]:
    rows = review.select(t)
    headers, body, numeric = review.table_columns(
        lang, [review.cells(t, s, lang, short=False, explain=True) for s in rows])
    return headers, body, numeric, [review.row_class(s) for s in rows]


# -- the milestone trend and the schedule check ------------------------------------------------



def extras(t: Tracking, history: Sequence[Tracking] | None = None,
           check: Check | None = None) -> tuple[Trend, Check]:
    """The milestone trend and the schedule check a report at ``t`` shows: ``history`` and
    ``check`` as `Project.history` and `Project.check` give them (the caller has them; a
    renderer reads no files). Without ``history`` the trend has ``t`` alone."""
    from planner.analysis.check import assess, logic_of
    from planner.analysis.trend import trend
    from planner.engine.schedule import schedule

    cal = t.forecast.calendar
    found = trend(t.plan, t.baseline, history if history is not None else (t,), cal)
    result = check if check is not None else assess(t.plan, schedule(t.plan, cal), t,
                                                    logic_of(t))
    return found, result


def _check_html(c: Check, lang: str) -> str:
    from planner.render import check as checks

    headers, body, classes = checks.summary_rows(c, lang)
    return "\n".join([
        f'<p class="meta">{esc(checks.headline(c, lang))}</p>',
        table_html(headers, body, [True, False, True, False, False], classes),
        *(f'<p class="meta">{esc(n)}</p>' for n in checks.notes(c, lang)),
    ])


def _check_markdown(c: Check, lang: str) -> str:
    from planner.render import check as checks

    headers, body, _ = checks.summary_rows(c, lang)
    lines = [md_text(checks.headline(c, lang)), "",
             "| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|",
             *("| " + " | ".join(md_text(cell) for cell in row) + " |" for row in body), "",
             *(f"- {md_text(n)}" for n in checks.notes(c, lang))]
    return "\n".join(lines) + "\n"


def report_html(t: Tracking, risk: Risk, lang: str, *,
                history: Sequence[Tracking] | None = None, check: Check | None = None) -> str:
    """The meeting pack's HTML; ``history`` and ``check`` as for ``extras``."""
    from planner.render.trend import trend_section

    plan = t.plan
    title = f"{plan.name} — {label('report.title', lang)} {t.date}"
    found, checked = extras(t, history, check)
    headers, body, numeric, classes = _review_rows(t, lang)
    banner = sample_banner(t.snapshot.illustrative, lang)
    parts = [
        f"<h1>{esc(title)}</h1>",
        *([f'<p class="banner">{esc(banner)}</p>'] if banner else []),
        f"<h2>{esc(label('report.summary', lang))}</h2>",
        f'<p class="headline">{esc(narrative(t, risk, lang))}</p>',
        f'<p class="meta">{esc(review.headline(t, t.leaves(), lang))}</p>',
        f"<h2>{esc(label('report.risk', lang))}</h2>",
        f'<p class="meta">{esc(risk_headline(risk, lang))}</p>',
        table_html(risk_headers(lang), risk_rows(risk, lang), [False] * 6 + [True, False]),
        *(f'<p class="meta">{esc(n)}</p>' for n in notes(risk, lang)),
        f'<div class="figure">{figure_div(probability_curves(risk, lang), "curves")}</div>',
        f'<div class="figure">{figure_div(tornado(risk, lang), "tornado")}</div>',
        f"<h2>{esc(label('report.review', lang))}</h2>",
        table_html(headers, body, numeric, classes),
        f"<h2>{esc(label('trend.title', lang))}</h2>",
        trend_section(found, lang, "trend"),
        f"<h2>{esc(label('check.title', lang))}</h2>",
        _check_html(checked, lang),
        f"<h2>{esc(label('gantt.gantt', lang))}</h2>",
        f'<div class="figure">{figure_div(gantt_figure(t.forecast, t, lang), "gantt")}</div>',
        f'<p class="meta">{esc(label("gantt.generated", lang))}</p>',
    ]
    return document(title, lang, "\n".join(parts))


def report_markdown(t: Tracking, risk: Risk, lang: str, *,
                    history: Sequence[Tracking] | None = None, check: Check | None = None,
                    ) -> str:
    """The meeting pack's Markdown; ``history`` and ``check`` as for ``extras``."""
    from planner.render.trend import trend_markdown

    plan = t.plan
    found, checked = extras(t, history, check)
    banner = sample_banner(t.snapshot.illustrative, lang)
    lines = [f"# {md_text(plan.name)} — {label('report.title', lang)} {t.date}", "",
             *([f"> **{md_text(banner)}**", ""] if banner else []),
             f"## {label('report.summary', lang)}", "", md_text(narrative(t, risk, lang)),
             "",
             f"## {label('report.risk', lang)}", "", risk_markdown(risk, lang),
             f"## {label('report.review', lang)}", ""]
    body = review.status_markdown(t, review.select(t), lang)
    lines.append(body.split("\n", 2)[2] if body.startswith("# ") else body)
    lines += [f"## {label('trend.title', lang)}", "", trend_markdown(found, lang),
              f"## {label('check.title', lang)}", "", _check_markdown(checked, lang)]
    return "\n".join(lines).rstrip() + "\n"


def report_dict(t: Tracking, risk: Risk, lang: str, *,
                history: Sequence[Tracking] | None = None, check: Check | None = None,
                ) -> dict[str, Any]:
    from planner.render.check import check_dict
    from planner.render.trend import trend_dict

    found, checked = extras(t, history, check)
    return {**sample_dict(t.snapshot.illustrative), "narrative": narrative(t, risk, lang),
            "status": review.status_dict(t, review.select(t), lang),
            "risk": risk_dict(risk), "trend": trend_dict(found),
            "check": check_dict(checked, lang)}


def report_json(t: Tracking, risk: Risk, lang: str, *,
                history: Sequence[Tracking] | None = None, check: Check | None = None) -> str:
    return json_text(report_dict(t, risk, lang, history=history, check=check))
