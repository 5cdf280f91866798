"""The Gantt chart as a plotly figure: baseline, actual, forecast, critical path, links.

All user text (names, owners, notes) reaches plotly escaped, and only through tick labels
or ``customdata``: plotly.js reads a subset of HTML in labels and evaluates ``%{…}`` in
hover templates, so user text is never joined into a template.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np
import plotly.graph_objects as go

from planner.analysis.tracking import TaskStatus, Tracking, earned_percent, planned_curve
from planner.domain.calendar import Calendar
from planner.domain.model import Plan
from planner.engine.network import network_of
from planner.engine.schedule import Schedule, TaskDates, link_slack
from planner.i18n.labels import label, sample_banner
from planner.render import status as review
from planner.render.document import (
    Block,
    Document,
    Figure,
    Heading,
    Paragraph,
    RowLabel,
    Section,
    banner,
    table,
)
from planner.render.fmt import dated_title, long_date
from planner.render.html import FONT, date_ticks, percent_chart
from planner.render.schedule import schedule_headline
from planner.render.style import (
    BASELINE,
    NEUTRAL,
    SLIP,
    SUMMARY,
    esc,
    owner_colours,
)
from planner.render.terminal import width

if TYPE_CHECKING:
    from planner.analysis.trend import Trend

DAY_MS = 86_400_000
ROW_PX = 26
TOP, BOTTOM = 130, 80  # margins around the rows, px
STATUS_COLORS = {
    "done": "#59a14f", "on-track": "#4e79a7", "late": "#f28e2b", "missed": "#e15759",
    "not-started": "#a0cbe8", "planned": "#4e79a7", "awaiting": "#bab0ac",
}
DEADLINE = "#b22222"
# Told apart by shape as well as colour (and so without colour vision, or on a washed-out
# projector): slip is hatched, the critical path a thick black frame, a deadline a
# downward triangle, ongoing work a pale band, the plan period's end a solid line where
# the data date's is dashed, and a bar cut by the window a ◀ / ▶ at the cut.
CRITICAL, CLIP, PERIOD_END = "#000000", "#222222", "#3c3c3c"
SLIP_MARKER = {"pattern": {"shape": "/", "fgcolor": SLIP, "bgcolor": "white", "size": 6,
                           "solidity": 0.5},
               "line": {"color": SLIP, "width": 1}}
ONGOING_OPACITY = 0.28
# The forecast of a task whose report is awaited: dotted, from the report it rests on
AWAITING_MARKER = {"pattern": {"shape": ".", "fgcolor": SUMMARY, "size": 5, "solidity": 0.3}}


def _neutral(opacity: float) -> str:
    """The neutral swatch as a pale layer shows (a legend swatch ignores marker opacity)."""
    r, g, b = (int(NEUTRAL[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{opacity})"
NONWORK = "rgba(0,0,0,0.06)"
SHADE_DAYS = 800  # shade weekends and holidays on charts spanning up to this


@dataclass(frozen=True)
class Row:
    """What one Gantt row shows, whether from a plan schedule or a tracking."""

    id: str
    dates: TaskDates
    status: TaskStatus | None


def _rows(s: Schedule, t: Tracking | None) -> list[Row]:
    return [Row(d.id, d, t.tasks[i] if t else None) for i, d in enumerate(s.tasks)]


def _end(day: date) -> datetime:
    """The end of a day, as the instant a bar reaches to."""
    return datetime.combine(day + timedelta(days=1), datetime.min.time())


def _start(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time())


def _span_ms(first: date, last: date) -> int:
    return (last - first).days * DAY_MS + DAY_MS


def status_key(r: Row) -> str:
    s = r.status
    if s is None:
        return "planned"
    if s.awaiting:
        return "awaiting"
    if s.state == "done":
        return "done"
    if s.misses_deadline:
        return "missed"
    if s.late:
        return "late"
    return "not-started" if s.state == "not-started" else "on-track"


def _colors(plan: Plan, rows: list[Row], by: str, lang: str,
            ) -> tuple[list[str], dict[str, str]]:
    """A colour per row, and the legend: display name -> colour (names already escaped)."""
    if by == "status":
        keys = [status_key(r) for r in rows]
        legend = {label(f"gantt.status.{k}", lang): STATUS_COLORS[k] for k in dict.fromkeys(keys)}
        return [STATUS_COLORS[k] for k in keys], legend
    owners = list(dict.fromkeys(plan.task(r.id).owner or "" for r in rows))
    mapping = dict(zip(owners, owner_colours(len(owners)), strict=True))
    legend = {esc(o) or label("no_owner", lang): c for o, c in mapping.items()}
    return [mapping[plan.task(r.id).owner or ""] for r in rows], legend


LARGE = 500  # tasks: beyond this, draw driving links only and keep percent to the hover

DateWindow = tuple[date | None, date | None]


@dataclass(frozen=True)
class Window:
    """The days the chart shows. Bars reaching beyond are cut at its edges, and each row cut
    so gets a ◀ or ▶ marker there whose hover gives the task's real dates."""

    first: date
    last: date
    clipped: dict[str, list[bool]] = field(default_factory=dict, compare=False)

    def clip(self, row: str, a: date, b: date) -> tuple[date, date] | None:
        """The part of [a, b] inside the window (None: none), noting which side was cut."""
        before, after = a < self.first, b > self.last
        if before or after:
            marks = self.clipped.setdefault(row, [False, False])
            marks[0] |= before
            marks[1] |= after
        if b < self.first or a > self.last:
            return None
        return max(a, self.first), min(b, self.last)

    @property
    def pads(self) -> tuple[int, int]:
        """Days of axis before and after the window, room for the markers at its edges."""
        span = (self.last - self.first).days
        return max(3, span // 60), max(5, span // 40)


def chart_window(s: Schedule, t: Tracking | None = None, window: DateWindow | None = None,
                 ) -> tuple[date, date]:
    """The days the Gantt chart shows: the sides of ``window`` that are given, else

    - when the plan states its own period (``finish:`` in the plan header): from the plan's
      start to that finish, widened to take in the data date;
    - otherwise the whole schedule: every bar, baseline and deadline, and the data date.
    """
    plan, day = s.plan, s.data_date
    if plan.finish is not None:
        default = (plan.start if day is None else min(plan.start, day),
                   plan.finish if day is None else max(plan.finish, day))
    else:
        firsts = [d.start for d in s.tasks] + ([day] if day else [])
        lasts = [d.finish for d in s.tasks] + [d.deadline for d in s.tasks if d.deadline]
        lasts += [day] if day else []
        if t is not None:
            bases = [st.baseline for st in t.tasks if st.baseline]
            firsts += [b.start for b in bases]
            lasts += [b.finish for b in bases]
        default = (min(firsts), max(lasts))
    first, last = window or (None, None)
    first, last = first or default[0], last or default[1]
    if first > last:
        raise ValueError(f"the chart's window starts ({first}) after it ends ({last})")
    return first, last


def figure(s: Schedule, t: Tracking | None, lang: str, color: str = "owner",
           links: str = "auto", *, window: DateWindow | None = None) -> go.Figure:
    """The Gantt chart of a schedule, with the tracking layers when ``t`` is given.

    ``links``: "all", "driving" (links with no slack: what actually holds a task back),
    "none", or "auto" (all up to LARGE tasks, driving beyond: thousands of arrows are both
    unreadable and slow to draw).

    ``window``: (first, last) day to show, either side None for its default (see
    ``chart_window``: the plan's own period when it states one, else the whole schedule).
    Bars beyond it are cut at its edge and marked ◀ / ▶ there.
    """
    plan = s.plan
    large = len(plan.tasks) > LARGE
    rows = _rows(s, t)
    ids = [r.id for r in rows]
    win = Window(*chart_window(s, t, window))
    leaves = [r for r in rows if not plan.task(r.id).is_summary]
    marks = [r for r in leaves if plan.task(r.id).is_milestone]  # done or not: a diamond
    ongoing = [r for r in leaves if plan.task(r.id).ongoing and not plan.task(r.id).is_milestone]
    bars = [r for r in leaves if not (plan.task(r.id).is_milestone or plan.task(r.id).ongoing)]
    colors, legend = _colors(plan, rows, color, lang)
    color_of = dict(zip(ids, colors, strict=True))
    data_date = s.data_date

    fig = go.Figure()
    hover = _hover(lang)
    common: dict[str, Any] = {"hover": hover, "plan": plan, "lang": lang, "win": win}
    if t is not None:
        based = [r for r in bars + ongoing if r.status and r.status.baseline]
        _bars(fig, based, lambda r: r.status.baseline.start, lambda r: r.status.baseline.finish,
              name=label("gantt.baseline", lang), color=BASELINE, width=0.22, offset=0.16,
              swatch=BASELINE, swatch_line=True, **common)
    if t is None or data_date is None:
        _bars(fig, bars, lambda r: r.dates.start, lambda r: r.dates.finish,
              name=label("gantt.planned", lang), color=color_of, width=0.5, offset=-0.34,
              text=not large, swatch=NEUTRAL, **common)
    else:
        # what is known of a task: up to the data date, or, its report awaited, up to the
        # report its forecast rests on
        since = t.since or plan.start - timedelta(days=1)
        known = {r.id: since if r.status and r.status.awaiting else data_date for r in bars}
        done = [r for r in bars if r.status and r.status.actual_start]
        _bars(fig, done, lambda r: r.dates.start,
              lambda r: min(r.status.actual_finish or known[r.id], known[r.id]),
              name=label("gantt.actual", lang), color=color_of, width=0.5, offset=-0.34,
              text=not large, swatch=NEUTRAL, **common)
        rest = [r for r in bars if not (r.status and r.status.actual_finish)
                and r.dates.finish > known[r.id]]
        _bars(fig, [r for r in rest if known[r.id] == data_date],
              lambda r: max(r.dates.start, data_date + timedelta(days=1)),
              lambda r: r.dates.finish, name=label("gantt.forecast", lang), color=color_of,
              width=0.5, offset=-0.34, opacity=0.45,
              swatch=_neutral(0.45), **common)
        _bars(fig, [r for r in rest if known[r.id] != data_date],
              lambda r: max(r.dates.start, known[r.id] + timedelta(days=1)),
              lambda r: r.dates.finish, name=label("gantt.awaiting", lang), color=color_of,
              width=0.5, offset=-0.34, opacity=0.45, marker=AWAITING_MARKER,
              swatch=_neutral(0.45), **common)
        late = [r for r in bars if r.status and r.status.baseline
                and r.dates.finish > r.status.baseline.finish]
        # Hatched, not just red: a slip reads without colour vision, and over any owner colour.
        _bars(fig, late, lambda r: max(r.status.baseline.finish + timedelta(days=1),
                                       r.dates.start),
              lambda r: r.dates.finish, name=label("gantt.slip", lang), color="white",
              width=0.24, offset=-0.08, marker=SLIP_MARKER, **common)
    _bars(fig, ongoing, lambda r: r.dates.start, lambda r: r.dates.finish,
          name=label("gantt.ongoing", lang), color=color_of, width=0.5, offset=-0.34,
          opacity=ONGOING_OPACITY, text=not large, textcolor=SUMMARY,
          swatch=_neutral(ONGOING_OPACITY),
          **{**common, "hover": _hover(lang, label("gantt.ongoing_note", lang))})
    summaries = [r for r in rows if plan.task(r.id).is_summary]
    _bars(fig, summaries, lambda r: r.dates.start, lambda r: r.dates.finish,
          name=label("gantt.summary", lang), color=SUMMARY, width=0.18, offset=-0.09, **common)
    _critical_outline(fig, [r for r in bars if r.dates.critical], lang, win)
    if links == "auto":
        links = "driving" if large else "all"
    if links != "none":  # under the diamonds, which hide a head arriving at their centre
        _links(fig, s, lang, driving_only=links == "driving")
    _milestones(fig, marks, plan, lang, hover, color_of, win)
    _deadlines(fig, [r for r in leaves + summaries if plan.task(r.id).deadline], plan, lang,
               win)
    _clip_marks(fig, rows, win, plan, lang)
    for name, c in legend.items():  # a legend entry per owner or status, without data
        fig.add_trace(go.Bar(x=[None], y=[None], name=name, marker_color=c,
                             legend="legend2", showlegend=True, hoverinfo="skip"))
    _layout(fig, s, rows, lang, color == "status",
            sample_banner(t.snapshot.illustrative if t else None, lang), win)
    if t is not None and t.outstanding:
        _outstanding_note(fig, t, lang)
    return fig


def _outstanding_note(fig: go.Figure, t: Tracking, lang: str) -> None:
    """The units not reported yet, at the title's height on the right: a printed chart
    says whose bars are only forecast from their last report."""
    names = [esc(u.owner) or label("no_owner", lang) for u in t.outstanding]
    shown = label("name_sep", lang).join(names[:3]) + (
        label("outstanding.more", lang) if len(names) > 3 else "")
    height = fig.layout.height
    fig.add_annotation(
        text=label("outstanding.chart", lang, list=shown, n=len(names),
                   tasks=sum(len(u.tasks) for u in t.outstanding)),
        xref="paper", x=1, xanchor="right", yref="paper", yanchor="top",
        y=1 + (TOP - 12) / (height - TOP - BOTTOM), showarrow=False,
        font={"color": SUMMARY})


def _hover(lang: str, extra: str = "") -> str:
    """The hover template: our own labels only; user text arrives through customdata."""
    fields = ("owner", "start", "finish", "slip", "total_float", "flags", "note")
    lines = ["<b>%{customdata[0]}</b>"]
    lines += [f"{label('gantt.' + f, lang)}{label('colon', lang)}%{{customdata[{i + 1}]}}"
              for i, f in enumerate(fields)]
    if extra:
        lines.append(f"<i>{esc(extra)}</i>")
    return "<br>".join(lines) + "<extra>%{fullData.name}</extra>"


def _custom(r: Row, plan: Plan, lang: str) -> list[str]:
    task, d, s = plan.task(r.id), r.dates, r.status
    slip = "" if s is None or s.finish_variance_days is None else f"{s.finish_variance_days:+d}"
    flags = "" if s is None else label("clause_sep", lang).join(
        f"{label('flag.' + f.name, lang)}" for f in s.flags)
    note = s.note if s is not None else None
    return [esc(task.name), esc(task.owner), d.start.isoformat(), d.finish.isoformat(), slip,
            str(d.total_float), esc(flags), esc(note)]


def _bars(fig: go.Figure, rows: Sequence[Row], first: Any, last: Any, *, name: str,
          color: str | Mapping[str, str], width: float, offset: float, hover: str,
          plan: Plan, lang: str, win: Window, opacity: float = 1.0, text: bool = False,
          textcolor: str = "white", marker: Mapping[str, Any] | None = None,
          swatch: str | None = None, swatch_line: bool = False) -> None:
    """One layer of bars, cut to the window. ``color``: one colour or a colour per row id;
    ``marker``: more of plotly's marker (a pattern, an outline). Layers coloured per row
    take their legend entry from a ``swatch`` (a neutral colour; a line with
    ``swatch_line``, for thin bars), never from the first row's colour."""
    spans = [(r, win.clip(r.id, first(r), last(r))) for r in rows]
    kept = [(r, span) for r, span in spans if span is not None]
    if not kept:
        return
    style: dict[str, Any] = {"opacity": opacity, **(marker or {}), "color": (
        color if isinstance(color, str) else [color[r.id] for r, _ in kept])}
    labels = None
    if text and kept[0][0].status is not None:
        labels = ["" if r.status is None or r.status.actual_percent is None
                  else f"{r.status.actual_percent:.0f}%" for r, _ in kept]
    group: dict[str, Any] = {}
    if swatch is not None:
        group = {"legendgroup": name, "showlegend": False}
        fig.add_trace(
            go.Scatter(x=[None], y=[None], name=name, legendgroup=name, mode="lines",
                       line={"color": swatch, "width": 5}, hoverinfo="skip") if swatch_line
            else go.Bar(x=[None], y=[None], name=name, legendgroup=name,
                        marker={"color": swatch}, hoverinfo="skip"))
    fig.add_trace(go.Bar(
        orientation="h", name=name, y=[r.id for r, _ in kept],
        base=[_start(a).isoformat() for _, (a, _b) in kept],
        x=[_span_ms(a, b) for _, (a, b) in kept],
        width=width, offset=offset, marker=style,
        customdata=[_custom(r, plan, lang) for r, _ in kept], hovertemplate=hover,
        text=labels, textposition="inside", insidetextanchor="start",
        textfont={"color": textcolor, "size": 11}, cliponaxis=False, **group,
    ))


def _critical_outline(fig: go.Figure, rows: Sequence[Row], lang: str, win: Window) -> None:
    """A thick black frame: it tells without colour, on every owner colour."""
    spans = [(r, win.clip(r.id, r.dates.start, r.dates.finish)) for r in rows]
    kept = [(r, span) for r, span in spans if span is not None]
    if not kept:
        return
    fig.add_trace(go.Bar(
        orientation="h", name=label("gantt.critical", lang), y=[r.id for r, _ in kept],
        base=[_start(a).isoformat() for _, (a, _b) in kept],
        x=[_span_ms(a, b) for _, (a, b) in kept], width=0.5, offset=-0.34,
        marker={"color": "rgba(0,0,0,0)", "line": {"color": CRITICAL, "width": 3}},
        hoverinfo="skip",
    ))


def _milestones(fig: go.Figure, rows: Sequence[Row], plan: Plan, lang: str, hover: str,
                color_of: dict[str, str], win: Window) -> None:
    """Diamonds, finished or not (`Task.is_milestone` is the rule); outside the window
    a milestone is a ◀ / ▶ mark at its edge instead."""
    rows = [r for r in rows if win.clip(r.id, r.dates.finish, r.dates.finish)]
    if not rows:
        return
    name = label("gantt.milestone", lang)
    fig.add_trace(go.Scatter(
        x=[None], y=[None], mode="markers", name=name, legendgroup=name, hoverinfo="skip",
        marker={"symbol": "diamond", "size": 13, "color": NEUTRAL,
                "line": {"color": SUMMARY, "width": 1}}))
    fig.add_trace(go.Scatter(
        mode="markers", name=name, y=[r.id for r in rows], legendgroup=name, showlegend=False,
        x=[(_start(r.dates.finish) + timedelta(hours=12)).isoformat() for r in rows],
        marker={"symbol": "diamond", "size": 13, "color": [color_of[r.id] for r in rows],
                "line": {"color": [CRITICAL if r.dates.critical else SUMMARY for r in rows],
                         "width": [3 if r.dates.critical else 1 for r in rows]}},
        customdata=[_custom(r, plan, lang) for r in rows], hovertemplate=hover,
    ))


def _deadlines(fig: go.Figure, rows: Sequence[Row], plan: Plan, lang: str, win: Window,
               ) -> None:
    """A downward triangle at the end of the deadline day: a shape of its own, apart from
    the slip's hatching, the critical frame and the vertical lines across the chart."""
    rows = [r for r in rows if (due := plan.task(r.id).deadline) and win.first <= due <= win.last]
    if not rows:
        return
    deadline_text = label("deadline", lang)
    margin_text = label("margin", lang)
    custom = []
    for r in rows:
        d = r.dates
        custom.append([esc(plan.task(r.id).name), str(d.deadline),
                       "" if d.margin is None else f"{d.margin:+d}"])
    fig.add_trace(go.Scatter(
        mode="markers", name=label("gantt.deadline", lang), y=[r.id for r in rows],
        x=[_end(plan.task(r.id).deadline).isoformat() for r in rows],  # type: ignore[arg-type]
        marker={"symbol": "triangle-down", "size": 12, "color": DEADLINE,
                "line": {"color": "white", "width": 1}},
        customdata=custom,
        hovertemplate=(f"<b>%{{customdata[0]}}</b><br>{deadline_text}{label('colon', lang)}"
                       f"%{{customdata[1]}}<br>{margin_text}{label('colon', lang)}"
                       "%{customdata[2]}<extra></extra>"),
    ))


def _clip_marks(fig: go.Figure, rows: Sequence[Row], win: Window, plan: Plan, lang: str,
                ) -> None:
    """◀ / ▶ at the window's edges on rows cut by it; the hover gives the real dates."""
    if not win.clipped:
        return
    before, after = win.pads
    left = (_start(win.first) - timedelta(days=before / 2)).isoformat()
    right = (_end(win.last) + timedelta(days=after / 2)).isoformat()
    note = label("gantt.clipped_note", lang, first=long_date(win.first, lang),
                 last=long_date(win.last, lang))
    xs, ys, symbols, custom = [], [], [], []
    for r in rows:
        cut = win.clipped.get(r.id)
        if cut is None:
            continue
        base = r.status.baseline if r.status else None
        row = [esc(plan.task(r.id).name), r.dates.start.isoformat(),
               r.dates.finish.isoformat(),
               f"{base.start} – {base.finish}" if base else "", esc(note)]
        for side, x, symbol in ((cut[0], left, "triangle-left"),
                                (cut[1], right, "triangle-right")):
            if side:
                xs.append(x)
                ys.append(r.id)
                symbols.append(symbol)
                custom.append(row)
    fields = [f"{label(k, lang)}{label('colon', lang)}%{{customdata[{i}]}}"
              for i, k in enumerate(("gantt.start", "gantt.finish", "gantt.baseline"), 1)]
    fig.add_trace(go.Scatter(
        mode="markers", name=label("gantt.clipped", lang), x=xs, y=ys,
        marker={"symbol": symbols, "size": 11, "color": CLIP,
                "line": {"color": "white", "width": 1}},
        customdata=custom, cliponaxis=False,
        hovertemplate="<br>".join(["<b>%{customdata[0]}</b>", *fields, "%{customdata[4]}"])
        + "<extra></extra>",
    ))


def _links(fig: go.Figure, s: Schedule, lang: str, driving_only: bool = False) -> None:
    """Dependency arrows as two traces: elbow lines split by None, and the arrowheads.

    Thousands of annotations take seconds to draw (and add_annotation in a loop is
    quadratic). Markers on a line trace cost per point even at size 0, so the heads are a
    trace of their own, one point per link, pointing along the last (horizontal) segment.
    """
    net = network_of(s.plan)
    xs: list[str | None] = []
    ys: list[str | None] = []
    head_x: list[str] = []
    head_y: list[str] = []
    head_symbol: list[str] = []
    keep = np.ones(net.pred.size, dtype=bool)
    if driving_only:
        keep = link_slack(net, s.points.es, s.points.ef, s.points.lags) <= 0
    for p, q, from_start, to_finish in zip(
            net.pred[keep].tolist(), net.succ[keep].tolist(), net.from_start[keep].tolist(),
            net.to_finish[keep].tolist(), strict=True):
        a, b = s.tasks[p], s.tasks[q]
        x0 = _start(a.start) if from_start else _end(a.finish)
        x1 = _end(b.finish) if to_finish else _start(b.start)
        if s.plan.tasks[q].is_milestone:
            x1 = _start(b.finish) + timedelta(hours=12)
        # the drop comes down before the successor, so a head points the way the link
        # goes: right onto a bar that starts as the predecessor ends, left only for a lead
        elbow = x0 + min(timedelta(hours=8), x1 - x0) if x1 >= x0 else x0 + timedelta(hours=8)
        xs += [x0.isoformat(), elbow.isoformat(), elbow.isoformat(), x1.isoformat(), None]
        ys += [a.id, a.id, b.id, b.id, None]
        head_x.append(x1.isoformat())
        head_y.append(b.id)
        head_symbol.append("triangle-right" if x1 >= elbow else "triangle-left")
    if not xs:
        return
    name = label("gantt.links", lang)
    fig.add_trace(go.Scatter(
        mode="lines", name=name, x=xs, y=ys, legendgroup="links",
        line={"color": "rgba(90,90,90,0.55)", "width": 1}, hoverinfo="skip",
        connectgaps=False,
    ))
    fig.add_trace(go.Scatter(
        mode="markers", name=name, x=head_x, y=head_y, legendgroup="links",
        showlegend=False, hoverinfo="skip",
        marker={"symbol": head_symbol, "size": 7, "color": "rgba(90,90,90,0.8)"},
    ))


def nonworking_ranges(cal: Calendar, first: date, last: date) -> list[tuple[date, date]]:
    """Contiguous runs of non-working days in [first, last]."""
    work = set(cal.workdays_between(first, last))
    runs: list[tuple[date, date]] = []
    day = first
    while day <= last:
        if day not in work:
            start = day
            while day + timedelta(days=1) <= last and day + timedelta(days=1) not in work:
                day += timedelta(days=1)
            runs.append((start, day))
        day += timedelta(days=1)
    return runs


def _layout(fig: go.Figure, s: Schedule, rows: list[Row], lang: str,
            colour_by_status: bool, banner: str | None, win: Window) -> None:
    plan = s.plan
    pad_before, pad_after = win.pads
    first = win.first - timedelta(days=pad_before)
    last = win.last + timedelta(days=pad_after)
    span = (last - first).days
    # Weekends are unreadable beyond a couple of years anyway; shading them would make the
    # page's size grow with the span rather than with the plan.
    shaded = nonworking_ranges(s.calendar, first, last) if span <= SHADE_DAYS else []
    shapes: list[dict[str, Any]] = [
        {"type": "rect", "xref": "x", "yref": "paper", "x0": _start(a).isoformat(),
         "x1": _end(b).isoformat(), "y0": 0, "y1": 1, "fillcolor": NONWORK,
         "line": {"width": 0}, "layer": "below"}
        for a, b in shaded
    ]
    annotations = []
    if s.data_date is not None and first <= s.data_date <= last:
        x = _end(s.data_date).isoformat()
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": x, "x1": x,
                       "y0": 0, "y1": 1, "line": {"color": "#1f77b4", "width": 2,
                                                  "dash": "dash"}})
        annotations.append({"x": x, "y": 0, "xref": "x", "yref": "paper", "yanchor": "top",
                            "text": f"{label('gantt.data_date', lang)}{label('colon', lang)}"
                                    f"{long_date(s.data_date, lang)}",
                            "showarrow": False, "font": {"color": "#1f77b4"}})
    if plan.finish is not None and first <= plan.finish <= last:
        x = _end(plan.finish).isoformat()  # the period's end: solid, where the data date dashes
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": x, "x1": x,
                       "y0": 0, "y1": 1, "line": {"color": PERIOD_END, "width": 2}})
        annotations.append({"x": x, "y": 0, "xref": "x", "yref": "paper", "yanchor": "top",
                            "xanchor": "right", "yshift": -18, "showarrow": False,
                            "text": f"{label('gantt.period_end', lang)}{label('colon', lang)}"
                                    f"{long_date(plan.finish, lang)}",
                            "font": {"color": PERIOD_END}})
    ticks = [f"<b>{esc(plan.task(r.id).name)}</b>" if plan.task(r.id).is_summary
             else esc(plan.task(r.id).name) for r in rows]
    title = esc(dated_title(plan.name, s.data_date, lang))
    height = TOP + BOTTOM + ROW_PX * len(rows)  # exactly ROW_PX a row: see _row_labels
    left = label_margin(plan, rows)
    if banner:  # a line of its own under the title (a title of two lines was cut at the top),
        # placed in pixels from the plot's top-left corner: annotations know no container
        annotations.append({"text": f"<b>{esc(banner)}</b>", "xref": "paper", "x": 0,
                            "xshift": 16 - left, "yref": "paper", "yanchor": "top",
                            "y": 1 + (TOP - 34) / (height - TOP - BOTTOM),
                            "xanchor": "left", "showarrow": False, "align": "left"})
    fig.update_layout(
        title={"text": title, "x": 0.01, "xref": "container", "y": 1 - 12 / height,
               "yref": "container", "yanchor": "top"},
        barmode="overlay", bargap=0.2, height=height,
        font={"family": FONT, "size": 12}, hoverlabel={"font": {"family": FONT}},
        plot_bgcolor="white", paper_bgcolor="white", shapes=shapes, annotations=annotations,
        # A fixed margin from the longest name: automargin re-lays out every label.
        margin={"l": left, "r": 20, "t": TOP, "b": BOTTOM},
        legend={"orientation": "h", "yref": "container",
                "y": 1 - (68 if banner else 48) / height,
                "yanchor": "top", "xref": "container", "x": 0.01},
        legend2={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom",
                 "xref": "container", "x": 0, "title": {"text": label(
                     "gantt.colour_" + ("status" if colour_by_status else "owner"), lang)}},
        xaxis={"type": "date", "range": [_start(first).isoformat(), _end(last).isoformat()],
               "side": "top", "gridcolor": "#e4e4e4", **date_ticks(lang),
               "dtick": _tick(span), "ticklabelmode": "instant"},
        yaxis={"type": "category", "categoryorder": "array",
               "categoryarray": [r.id for r in rows], "tickvals": [r.id for r in rows],
               "ticktext": ticks, "range": [len(rows) - 0.5, -0.5], "automargin": False},
    )


HEADLINE_PX = 20  # a line of the headline under an image's title


def headline_text(s: Schedule, t: Tracking | None, lang: str) -> str:
    """The chart's headline: the review's (the rows `planner status` reviews, in its order:
    ties for the worst slip name the same task as the terminal), or the schedule's."""
    return review.headline(t, review.select(t), lang) if t is not None \
        else schedule_headline(s, lang)


def with_headline(fig: go.Figure, text: str, columns: int = 220) -> go.Figure:
    """``fig`` with ``text`` under its title, wrapped at ``columns`` (CJK characters count
    two): an image sent on its own (a PNG in a chat group, a printout) says what it shows.
    Everything below the title moves down; the rows keep their pixels."""
    lines = _wrapped(text, columns)
    height = int(fig.layout.height)
    extra = HEADLINE_PX * len(lines) + 8
    total, top = height + extra, int(fig.layout.margin.t) + extra
    bottom, left = int(fig.layout.margin.b), int(fig.layout.margin.l)
    # a container position is a fraction of the height: the same pixels from the top again
    fig.layout.title.y = 1 - (1 - fig.layout.title.y) * height / total
    fig.layout.legend.y = 1 - ((1 - fig.layout.legend.y) * height + extra) / total
    fig.update_layout(height=total, margin={"t": top})
    fig.add_annotation(text="<br>".join(esc(line) for line in lines), xref="paper", x=0,
                       xshift=16 - left, xanchor="left", yref="paper", yanchor="top",
                       y=1 + (top - 40) / (total - top - bottom), showarrow=False,
                       align="left", font={"size": 13})
    return fig


def _wrapped(text: str, columns: int) -> list[str]:
    lines, line, used = [], "", 0
    for c in text:
        if used + width(c) > columns:
            lines.append(line)
            line, used = "", 0
        line += c
        used += width(c)
    return [*lines, line]


def _tick(span: int) -> str | int:
    """Weekly ticks for a few months, then monthly, quarterly, yearly: a few dozen at most."""
    if span <= 120:
        return 7 * DAY_MS
    return "M1" if span <= 3 * 366 else "M3" if span <= 10 * 366 else "M12"


def label_margin(plan: Plan, rows: Sequence[Row]) -> int:
    longest = max((width(plan.task(r.id).name) + 2 * plan.task(r.id).depth for r in rows),
                  default=10)
    return int(min(460, 24 + 7 * longest))


def s_curve(trackings: Sequence[Tracking], lang: str) -> go.Figure:
    """Planned versus earned progress of the whole plan over time."""
    latest = trackings[-1]
    curve = planned_curve(latest)
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=[d.isoformat() for d, _ in curve], y=[round(v, 2) for _, v in curve], mode="lines",
        name=label("gantt.planned_progress", lang), line={"color": BASELINE, "width": 2},
        hovertemplate=f"%{{x}}{label('colon', lang)}%{{y:.1f}}%<extra></extra>"))
    fig.add_trace(go.Scatter(
        x=[t.date.isoformat() for t in trackings],
        y=[round(earned_percent(t), 2) for t in trackings], mode="lines+markers",
        name=label("gantt.earned_progress", lang), line={"color": "#4e79a7", "width": 3},
        hovertemplate=f"%{{x}}{label('colon', lang)}%{{y:.1f}}%<extra></extra>"))
    return percent_chart(fig, label("gantt.s_curve", lang), 360, lang)


# -- the page -------------------------------------------------------------------------------


def milestone_rows(s: Schedule, t: Tracking | None, lang: str,
                   ) -> tuple[list[str], list[list[str]], list[str]]:
    """The milestone and deadline table: headers, rows (plain text), row severity classes."""
    plan = s.plan
    headers = [label(k, lang) for k in ("id", "name", "owner", "baseline_finish",
                                        "forecast_finish", "deadline", "margin_days",
                                        "flags")]
    rows, classes = [], []
    for i, d in enumerate(s.tasks):
        task = plan.task(d.id)
        if not task.is_watched:
            continue
        st = t.tasks[i] if t else None
        base = st.baseline.finish.isoformat() if st and st.baseline else ""
        flags = review.reasons(st, lang)
        rows.append([d.id, task.name, task.owner or "", base, d.finish.isoformat(),
                     str(task.deadline or ""), "" if d.margin is None else f"{d.margin:+d}",
                     flags])
        classes.append(review.row_class(st))
    return headers, rows, classes


def row_labels(s: Schedule) -> tuple[RowLabel, ...]:
    """The rows' names, to set as an HTML column beside the chart instead of plotly tick
    labels.

    HTML can indent subtasks under their summary (plotly right-aligns tick labels), and
    plotly lays out every tick label as SVG text: at 2,000 rows that alone is about 2 s of
    the first draw. Rows are ROW_PX high from the plot's top margin (TOP), so the column
    lines up with them. The figure keeps its tick text for static (PNG, PDF) export.
    """
    plan = s.plan
    return tuple(RowLabel(plan.task(r.id).name, plan.task(r.id).depth,
                          plan.task(r.id).is_summary) for r in _rows(s, None))


def gantt_view(s: Schedule, t: Tracking | None, history: Sequence[Tracking], lang: str,
               color: str = "owner", links: str = "auto", *,
               window: DateWindow | None = None, trend: Trend | None = None) -> Document:
    """The meeting page: headline, milestone table, the Gantt chart, then the S-curve and
    the milestone trend (``trend``, as `Project.review` gives it; none without).

    The S-curve comes last so the chart the meeting looks at is drawn first. ``window``:
    the days the chart shows (see ``figure``).
    """
    plan = s.plan
    blocks: list[Block] = [Heading(plan.name),
                           *banner(sample_banner(t.snapshot.illustrative if t else None, lang))]
    if t is not None:
        blocks.append(Paragraph(headline_text(s, t, lang), "headline"))
        if chase := review.outstanding_line(t, review.select(t), lang):
            blocks.append(Paragraph(chase, "headline"))
        ev = review.value_line(t.value, lang, plan.currency,
                               review.over_budget(t, review.select(t)))
        if ev:
            blocks.append(Paragraph(ev, "headline"))
    else:
        blocks.append(Paragraph(headline_text(s, t, lang), "headline"))
    headers, rows, classes = milestone_rows(s, t, lang)
    if rows:
        blocks.append(Section(label("gantt.milestones_table", lang), (
            table(headers, rows, [False] * 6 + [True, False], classes),)))
    charts: list[Block] = [Figure(lambda: figure(s, t, lang, color, links, window=window),
                                  "gantt", row_labels(s), TOP,
                                  label_margin(plan, _rows(s, None)) - 8)]
    if history:
        charts.append(Figure(lambda: s_curve(history, lang), "s-curve"))
    blocks.append(Section(label("gantt.gantt", lang), tuple(charts)))
    if trend is not None and trend.lines:  # the milestone trend over the same reports
        from planner.render.trend import trend_blocks

        blocks.append(Section(label("trend.title", lang), trend_blocks(trend, lang)))
    blocks.append(Paragraph(label("gantt.generated", lang), "colophon"))
    title = dated_title(plan.name, s.data_date, lang)
    return Document(title, lang, tuple(blocks))


def gantt_html(s: Schedule, t: Tracking | None, history: Sequence[Tracking], lang: str,
               color: str = "owner", links: str = "auto", *,
               window: DateWindow | None = None, trend: Trend | None = None) -> str:
    """The meeting page as one self-contained HTML file (see ``gantt_view``)."""
    from planner.render.writers import html

    return html(gantt_view(s, t, history, lang, color, links, window=window, trend=trend))
