"""The milestone trend as a table, CSV, JSON, Markdown and the classic trend chart (HTML).

All user text reaches plotly escaped (``esc``) and hover boxes only through
``customdata``, as in the Gantt chart.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import plotly.graph_objects as go

from planner.analysis.trend import Trend, TrendLine, TrendPoint
from planner.i18n.labels import column_headers, label, sample_banner, sample_dict
from planner.render.document import (
    Block,
    Document,
    Figure,
    Heading,
    Paragraph,
    Records,
    Table,
    banner,
)
from planner.render.document import table as make_table
from planner.render.fmt import csv_text, day, iso, long_date, one_year
from planner.render.html import FONT, date_ticks
from planner.render.style import esc, owner_colours
from planner.render.terminal import width

SHOWN_REPORTS = 6  # report columns the terminal table shows (the latest ones)
DEADLINE_COLOUR = "#b22222"
CSV_FIELDS = ("id", "name", "owner", "milestone", "deadline", "report", "forecast_finish",
              "finished", "slip_since_previous_days", "slip_since_baseline_days")


def _signed(value: int | None) -> str:
    return "" if value is None else f"{value:+d}"


def _drift(value: float | None) -> str:
    return "" if value is None else f"{value:+.1f}"


def _cell(p: TrendPoint | None, short: bool) -> str:
    if p is None:
        return ""
    return day(p.forecast, short) + ("✓" if p.finished else "")


def headline(tr: Trend, lang: str) -> str:
    name, n = tr.plan.name, len(tr.lines)
    if not tr.reports:
        return label("trend.headline_none", lang, name=name, n=n)
    return label("trend.headline", lang, name=name, n=n, reports=len(tr.reports),
                 first=long_date(tr.reports[0], lang), last=long_date(tr.reports[-1], lang))


def columns_of(tr: Trend, lang: str, shown: int | None = None,
            ) -> tuple[list[str], list[list[str]], list[bool], int]:
    """The table: one row per milestone, its baseline and then its forecast at each report
    (the latest ``shown``), the slips and the drift. Returns headers, rows, which columns
    are numeric, and how many earlier reports were left out."""
    reports = list(tr.reports)
    hidden = max(len(reports) - shown, 0) if shown is not None else 0
    reports = reports[hidden:]
    dates: list[date | None] = [*reports]
    for x in tr.lines:
        dates += [p.forecast for p in x.points] + [x.deadline]
    short = one_year(dates)
    headers = [label("id", lang), label("name", lang), label("deadline", lang),
               label("trend.baseline", lang), *(day(r, short) for r in reports),
               label("trend.slip_previous", lang), label("trend.slip_baseline", lang),
               label("trend.drift", lang)]
    body = []
    for x in tr.lines:
        base = x.points[0] if x.points and x.points[0].report is None else None
        body.append([x.id, tr.plan.task(x.id).name, day(x.deadline, short),
                     _cell(base, short), *(_cell(x.at(r), short) for r in reports),
                     _signed(x.slip_since_previous), _signed(x.slip_since_baseline),
                     _drift(x.drift_per_month)])
    numeric = [False] * (4 + len(reports)) + [True, True, True]
    return headers, body, numeric, hidden


def trend_table(tr: Trend, lang: str, cols: int = 100) -> str:
    from planner.render.writers import terminal

    return terminal(trend_view(tr, lang, cols))


def _point(p: TrendPoint) -> dict[str, Any]:
    return {"report": iso(p.report) if p.report else "baseline",
            "forecast_finish": iso(p.forecast), "finished": p.finished,
            "slip_since_previous_days": p.slip_previous,
            "slip_since_baseline_days": p.slip_baseline}


def _line(tr: Trend, x: TrendLine) -> dict[str, Any]:
    task = tr.plan.task(x.id)
    latest = x.latest
    return {
        "id": x.id, "name": task.name, "owner": task.owner, "milestone": x.milestone,
        "deadline": iso(x.deadline), "baseline_finish": iso(x.baseline),
        "latest_forecast_finish": iso(latest.forecast) if latest else None,
        "slip_since_previous_days": x.slip_since_previous,
        "slip_since_baseline_days": x.slip_since_baseline,
        "drift_days_per_month": None if x.drift_per_month is None
        else round(x.drift_per_month, 2),
        "points": [_point(p) for p in x.points],
    }


def trend_dict(tr: Trend) -> dict[str, Any]:
    return {
        "plan": tr.plan.id, **sample_dict(tr.illustrative),
        "baseline": {"saved": iso(tr.baseline_saved), "placed_at": iso(tr.baseline_date)},
        "reports": [iso(r) for r in tr.reports],
        "milestones": [_line(tr, x) for x in tr.lines],
    }


def trend_csv(tr: Trend) -> str:
    """One row per milestone and report, the baseline row first."""
    return csv_text(CSV_FIELDS, trend_records(tr, "en").rows)


# -- the chart ----------------------------------------------------------------------------------


def _x(tr: Trend, p: TrendPoint) -> str:
    return (p.report or tr.baseline_date).isoformat()


def figure(tr: Trend, lang: str) -> go.Figure:
    """The classic milestone trend chart: x the report date, y the forecast finish, a line
    per milestone (finished points as diamonds), the diagonal where the two are equal, and
    each deadline as a dotted line in its milestone's colour."""
    fig = go.Figure()
    xs = [tr.baseline_date, *tr.reports]
    ys = [p.forecast for x in tr.lines for p in x.points] + \
        [x.deadline for x in tr.lines if x.deadline]
    low, high = min([*xs, *ys]), max([*xs, *ys])
    fig.add_trace(go.Scatter(
        x=[low.isoformat(), high.isoformat()], y=[low.isoformat(), high.isoformat()],
        mode="lines", name=label("trend.diagonal", lang), hoverinfo="skip",
        line={"color": "#888888", "width": 1.5, "dash": "dash"}))
    colours = owner_colours(max(len(tr.lines), 1))
    report_text, forecast_text = label("trend.report_date", lang), \
        label("trend.forecast_date", lang)
    slip_text = label("trend.slip_baseline", lang)
    colon, day_format = label("colon", lang), date_ticks(lang)["hoverformat"]
    first_x, last_x = xs[0].isoformat(), xs[-1].isoformat()
    for k, x in enumerate(tr.lines):
        colour = colours[k]
        name = esc(tr.plan.task(x.id).name)
        baseline_row = label("trend.baseline", lang)
        custom = [[name, long_date(p.report, lang) or baseline_row, _signed(p.slip_baseline),
                   label("trend.finished", lang) if p.finished else ""] for p in x.points]
        fig.add_trace(go.Scatter(
            x=[_x(tr, p) for p in x.points], y=[p.forecast.isoformat() for p in x.points],
            mode="lines+markers", name=name, legendgroup=x.id,
            line={"color": colour, "width": 2},
            marker={"color": colour, "size": [11 if p.finished else 7 for p in x.points],
                    "symbol": ["diamond" if p.finished else "circle" for p in x.points]},
            customdata=custom,
            hovertemplate=(f"<b>%{{customdata[0]}}</b><br>{report_text}{colon}"
                           f"%{{customdata[1]}}<br>{forecast_text}{colon}%{{y|{day_format}}}"
                           f"<br>{slip_text}{colon}%{{customdata[2]}} %{{customdata[3]}}"
                           "<extra></extra>")))
        if x.deadline is not None:
            due = x.deadline.isoformat()
            fig.add_trace(go.Scatter(
                x=[first_x, last_x], y=[due, due], mode="lines+markers", legendgroup=x.id,
                showlegend=False, name=esc(label("deadline", lang)),
                line={"color": colour, "width": 1, "dash": "dot"},
                marker={"symbol": "triangle-down", "size": [0, 10], "color": DEADLINE_COLOUR},
                customdata=[[name, long_date(x.deadline, lang)]] * 2,
                hovertemplate=(f"<b>%{{customdata[0]}}</b><br>{label('deadline', lang)}"
                               f"{colon}%{{customdata[1]}}<extra></extra>")))
    title = esc(tr.plan.name) + " — " + label("trend.title", lang)
    banner = sample_banner(tr.illustrative, lang)
    if banner:
        title += f"<br><b>{esc(banner)}</b>"
    pad = max((high - low).days // 30, 3)
    span = [(low.toordinal() - pad), (high.toordinal() + pad)]
    axis_range = [date.fromordinal(v).isoformat() for v in span]
    fig.update_layout(
        title={"text": title, "x": 0.01}, height=560, font={"family": FONT, "size": 12},
        plot_bgcolor="white", paper_bgcolor="white", hoverlabel={"font": {"family": FONT}},
        xaxis={"type": "date", "title": {"text": report_text}, "gridcolor": "#eeeeee",
               "range": axis_range, **date_ticks(lang)},
        yaxis={"type": "date", "title": {"text": forecast_text}, "gridcolor": "#eeeeee",
               "range": axis_range, **date_ticks(lang)},
        legend={"orientation": "v", "x": 1.02, "y": 1},
        margin={"l": 70, "r": 20, "t": 80 if banner else 60, "b": 60},
    )
    return fig


def trend_blocks(tr: Trend, lang: str, columns: int | None = None, div_id: str = "trend",
                 ) -> tuple[Block, ...]:
    """The chart, the table and its units. For a terminal of ``columns``: the latest
    reports only (saying how many are left out), long names clipped."""
    if not tr.lines:
        return (Table((), (), empty=label("trend.none", lang)),)
    if columns is None:
        headers, body, numeric, _ = columns_of(tr, lang)
        return (Figure(lambda: figure(tr, lang), div_id), make_table(headers, body, numeric),
                Paragraph(label("trend.units", lang), "meta"))
    headers, body, numeric, hidden = columns_of(tr, lang, SHOWN_REPORTS)
    natural = [max([width(h)] + [width(r[i]) for r in body]) for i, h in enumerate(headers)]
    others = sum(natural[2:]) + min(natural[0], 20) + 2 * (len(headers) - 1)
    limits = [20, max(10, columns - others)]
    return (make_table(headers, body, numeric, limits=limits),
            Paragraph(label("trend.units", lang), "meta"),
            *((Paragraph(label("trend.hidden", lang, n=hidden), "meta"),) if hidden else ()))


CSV_HEADERS_ZH = {"milestone": "gantt.milestone", "report": "trend.report_date",
                  "forecast_finish": "trend.forecast_date", "finished": "trend.finished",
                  "slip_since_previous_days": "trend.slip_previous",
                  "slip_since_baseline_days": "trend.slip_baseline"}


def trend_records(tr: Trend, lang: str) -> Records:
    """One row per milestone and report, the baseline row first."""
    out = []
    for x in tr.lines:
        task = tr.plan.task(x.id)
        for p in x.points:
            out.append((x.id, task.name, task.owner, x.milestone, iso(x.deadline),
                        iso(p.report) if p.report else "baseline", iso(p.forecast),
                        p.finished, p.slip_previous, p.slip_baseline))
    headers = [label(CSV_HEADERS_ZH[k], lang) if lang == "zh" and k in CSV_HEADERS_ZH else h
               for k, h in zip(CSV_FIELDS, column_headers(CSV_FIELDS, lang), strict=True)]
    return Records(CSV_FIELDS, tuple(out), tuple(headers),
                   f"{tr.plan.name} {label('trend.title', lang)}")


def trend_view(tr: Trend, lang: str, columns: int | None = None) -> Document:
    """The milestone trend in every format."""
    title = f"{tr.plan.name} — {label('trend.title', lang)}"
    return Document(title, lang, (
        Heading(title), *banner(sample_banner(tr.illustrative, lang)),
        Paragraph(headline(tr, lang), "headline"), *trend_blocks(tr, lang, columns),
        Paragraph(label("gantt.generated", lang), "colophon")),
        data=trend_dict(tr), records=trend_records(tr, lang))
