"""The county meeting's page: many plans reviewed as one (`Rollup`), in one offline HTML file.

The roll-up table, the delays one plan causes in another, the deadlines and milestones of
every plan, the view by owner across plans, and a Gantt chart of one bar a plan that opens
into the plan's tasks; two selects filter everything by owner and by flag.

The tables are written here, every cell escaped (`table_html`). The chart is drawn in the
browser from a JSON block, by a short script of ours: a plan opened or a filter chosen
redraws it without a server. User text reaches that JSON already escaped for plotly's labels
(`esc`), and the JSON itself has every ``<`` written as ``\\u003c``, so no text in it can end
the script element or open a tag. Tables and sentences name owners and flags to the script
by number (``data-o``), never by their text.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from planner.analysis.portfolio import (
    OwnerRow,
    PlanRow,
    PlanSummary,
    Rollup,
    TaskLine,
    is_late,
    local_owner,
    misses,
)
from planner.domain.flags import ORDER
from planner.i18n.labels import label
from planner.render.fmt import dated_title, long_date, marked, signed
from planner.render.gantt import (
    DEADLINE,
    PERIOD_END,
    ROW_PX,
    SLIP_MARKER,
    STATUS_COLORS,
)
from planner.render.html import FONT, date_ticks, document, table_html
from planner.render.portfolio import (
    PLAN_COLUMNS,
    PLAN_NUMERIC,
    cause_items,
    context_lines,
    headline,
    owner_name,
    plan_cells,
    plan_class,
    sample_line,
    watch_cells,
    watch_class,
    watch_headers,
)
from planner.render.style import BASELINE, NEUTRAL, SLIP, SUMMARY, esc
from planner.render.terminal import width

TOP, BOTTOM = 40, 90  # px above and below the chart's rows (axis on top, legend below)


@dataclass(frozen=True)
class _Keys:
    """What the page's script filters on: an owner by its number, flags by their names.
    An owner is a unit across plans, but a township's own office (镇建设办) is one per plan
    (`local_owner`), as in the view by owner."""

    owners: dict[tuple[str, str | None], int]

    def owner(self, plan: str, t: TaskLine) -> int:
        name = t.owner or ""
        return self.owners.get((name, plan if local_owner(name) else None), -1)

    def of(self, lines: Iterable[tuple[str, TaskLine]]) -> dict[str, str]:
        """The ``data-`` attributes of a row standing for ``lines`` (plan, task): their
        owners, their flags, and each owner-flag pair (both filters at once keep a row only
        when one task has both)."""
        os: dict[int, None] = {}
        fs: dict[str, None] = {}
        pairs: dict[str, None] = {}
        for plan, t in lines:
            o = self.owner(plan, t)
            if o >= 0:
                os[o] = None
            for f in t.flags:
                fs[f] = None
                if o >= 0:
                    pairs[f"{o}:{f}"] = None
        return {"o": _spaced(os), "f": _spaced(fs), "of": _spaced(pairs)}


def _spaced(items: Iterable[object]) -> str:
    """A list for the script to find a whole item in: `` 3 7 `` holds `` 3 ``, not ``7``."""
    return " " + " ".join(str(x) for x in items) + " "


def portfolio_page(rollup: Rollup, lang: str) -> str:
    """The county meeting's page for ``rollup``, in ``lang``: one self-contained HTML file
    (plotly.js inline, no network)."""
    owner_rows = rollup.owners()
    keys = _Keys({(r.owner, r.local): i for i, r in enumerate(owner_rows)})
    short = {p.row.plan: p.row.short for p in rollup.plans}
    flags = sorted({f for p in rollup.plans for t in p.tasks for f in t.flags},
                   key=lambda f: ORDER.get(f, len(ORDER)))
    title = dated_title(rollup.name, rollup.date, lang)
    parts = [f"<h1>{_h(title)}</h1>"]
    sample = sample_line(rollup, lang)
    if sample:
        parts.append(f'<p class="banner">{_h(sample)}</p>')
    parts.append(f'<p class="headline">{_h(headline(rollup, lang))}</p>')
    parts.extend(f'<p class="headline">{_h(x)}</p>' for x in context_lines(rollup, lang))
    parts.append(_filters(owner_rows, short, flags, lang))
    parts.append(_section("pf-rollup", label("rollup.section.plans", lang),
                          _rollup_table(rollup, keys, lang), lang,
                          label("pf.page.rollup_hint", lang)))
    parts.append(_section("pf-causes", label("rollup.section.causes", lang),
                          _causes(rollup, keys, lang), lang))
    parts.append(_section("pf-watches", label("rollup.section.watches", lang),
                          _watches(rollup, keys, lang), lang))
    parts.append(_section("pf-owners", label("rollup.section.owners", lang),
                          _owners(rollup, owner_rows, keys, lang), lang))
    parts.append(
        f'<h2>{_h(label("gantt.gantt", lang))}</h2>\n'
        f'<p class="meta">{_h(label("pf.page.gantt_hint", lang))}</p>\n'
        f'<p><button type="button" id="pf-expand">{_h(label("pf.page.expand_all", lang))}'
        f'</button> <button type="button" id="pf-collapse">'
        f'{_h(label("pf.page.collapse_all", lang))}</button></p>\n'
        f'<div class="figure gantt"><div id="pf-labels" class="rowlabels" style="top:{TOP}px">'
        '</div><div id="pf-gantt"></div></div>')
    parts.append(f'<p class="meta">{_h(label("gantt.generated", lang))}</p>')
    parts.append('<script type="application/json" id="pf-data">'
                 f"{_json(_chart_data(rollup, keys, lang))}</script>")
    parts.append(f"<script>{SCRIPT}</script>")
    return document(title, lang, "\n".join(parts), charts=True, style=STYLE)


def _h(text: str) -> str:
    return html.escape(text)


def _json(data: Any) -> str:
    """JSON for a script element: ``<``, ``>`` and ``&`` as \\u escapes (the same text to
    JSON.parse), so nothing in it ends the element or starts markup."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _section(key: str, title: str, content: str, lang: str, hint: str = "") -> str:
    """A titled part whose rows the filters hide, with the line shown when none is left."""
    note = f'<p class="meta">{_h(hint)}</p>\n' if hint else ""
    return (f'<h2>{_h(title)}</h2>\n{note}<div id="{key}" class="pf-part">{content}'
            f'<p class="meta pf-empty" hidden>{_h(label("pf.page.none_match", lang))}</p>'
            "</div>")


def _filters(owners: Sequence[OwnerRow], short: dict[str, str], flags: Sequence[str],
             lang: str) -> str:
    everything = f'<option value="">{_h(label("pf.page.all", lang))}</option>'
    owner_opts = "".join(f'<option value="{i}">{_h(owner_name(r.owner, r.local, short))}'
                         '</option>' for i, r in enumerate(owners))
    flag_opts = "".join(f'<option value="{f}">{_h(label(f"flag.{f}", lang))}</option>'
                        for f in flags)
    return ('<p class="pf-filters">'
            f'<label>{_h(label("pf.page.filter_owner", lang))}{_h(label("colon", lang))}'
            f'<select id="pf-owner">{everything}{owner_opts}</select></label> '
            f'<label>{_h(label("pf.page.filter_flag", lang))}{_h(label("colon", lang))}'
            f'<select id="pf-flag">{everything}{flag_opts}</select></label></p>')


# -- the roll-up table --------------------------------------------------------------------------


def _rollup_table(rollup: Rollup, keys: _Keys, lang: str) -> str:
    grouped = any(p.row.group for p in rollup.plans)
    headers = [label(f"rollup.col.{k}", lang) for k in PLAN_COLUMNS]
    numeric = list(PLAN_NUMERIC)
    rows, classes, data = [], [], []
    for i, p in enumerate(rollup.plans):
        cells = plan_cells(p, rollup.date, lang)
        if grouped:
            cells.insert(1, p.row.group or "")
        rows.append(cells)
        classes.append(plan_class(p.row))
        data.append({"plan": str(i), **keys.of((p.row.plan, t) for t in p.tasks)})
    if grouped:
        headers.insert(1, label("rollup.col.group", lang))
        numeric.insert(1, False)
    out = table_html(headers, rows, numeric, classes, data)
    if any(p.row.driver_assumed and p.row.overrun > 0 for p in rollup.plans):
        out += f'<p class="meta">{_h(label("assumed.note", lang))}</p>'
    return out


# -- the delays that cross plans ------------------------------------------------------------


def _causes(rollup: Rollup, keys: _Keys, lang: str) -> str:
    found = cause_items(rollup, lang)
    if not found:
        return f'<p class="meta">{_h(label("rollup.no_causes", lang))}</p>'
    items = []
    for text, chain in found:
        lines = [(q, rollup.plan(q).task(t)) for q, t in chain]
        attrs = "".join(f' data-{k}="{_h(v)}"' for k, v in keys.of(lines).items())
        items.append(f"<li{attrs}>{_h(text)}</li>")
    return f'<ul class="pf-rows">{"".join(items)}</ul>'


# -- deadlines and milestones of every plan ---------------------------------------------------


def _watches(rollup: Rollup, keys: _Keys, lang: str) -> str:
    found = rollup.watches()
    if not found:
        return f'<p class="meta">{_h(label("rollup.no_watches", lang))}</p>'
    simulated = any(w.probability is not None for w in found)
    headers, numeric = watch_headers(lang, simulated)
    rows = [watch_cells(w, rollup, lang, simulated) for w in found]
    data = [keys.of([(w.plan, rollup.plan(w.plan).task(w.task))]) for w in found]
    out = table_html(headers, rows, numeric, [watch_class(w, rollup) for w in found], data)
    if any(w.owner_assumed and w.owner for w in found):
        out += f'<p class="meta">{_h(label("assumed.note", lang))}</p>'
    return out


def _flags(t: TaskLine, lang: str) -> str:
    return label("list_sep", lang).join(label(f"flag.{f}", lang) for f in t.flags
                                        if f != "critical")


# -- by owner across plans ----------------------------------------------------------------------


def _owners(rollup: Rollup, owners: Sequence[OwnerRow], keys: _Keys, lang: str) -> str:
    names = {p.row.plan: p.row.short for p in rollup.plans}
    lines: dict[int, list[tuple[str, TaskLine]]] = {}
    for p in rollup.plans:
        for t in p.tasks:
            if not t.summary and t.owner:
                lines.setdefault(keys.owner(p.row.plan, t), []).append((p.row.plan, t))
    headers = [label(f"rollup.col.{k}", lang) for k in ("owner", "plans", "tasks", "late",
                                                       "missed", "holding")]
    sep = label("list_sep", lang)
    rows, classes, data = [], [], []
    for i, r in enumerate(owners):
        held = sep.join(label("rollup.plan_task", lang, plan=names[q],
                              task=rollup.plan(q).task(t).name) for q, t in r.holding)
        rows.append([owner_name(r.owner, r.local, names), sep.join(names[q] for q in r.plans),
                     str(r.tasks), str(r.late), str(r.missed), held])
        classes.append("high" if r.missed or r.holding else "medium" if r.late else "")
        data.append(keys.of(lines.get(i, [])))
    return table_html(headers, rows, [False, False, True, True, True, False], classes, data)


# -- the Gantt chart's data ---------------------------------------------------------------------


def _status(t: TaskLine, planned: bool) -> str:
    """A task's colour key, as the single plan's chart has it (`gantt.status_key`)."""
    if planned:
        return "planned"
    if t.awaiting:
        return "awaiting"
    if t.state == "done":
        return "done"
    if misses(t):
        return "missed"
    if is_late(t):
        return "late"
    return "not-started" if t.state == "not-started" else "on-track"


def _plan_status(r: PlanRow) -> str:
    if r.data_date is None:
        return "planned"
    if r.missed:
        return "missed"
    if r.late or r.overrun > 0:
        return "late"
    return "done" if r.tasks and r.done == r.tasks else "on-track"


class _Days:
    """The chart's dates: ISO for plotly's axis, spoken for the hover; a few hundred
    distinct days across thousands of tasks, so each is made once."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.said: dict[date, str] = {}

    def say(self, day: date | None) -> str:
        if day is None:
            return ""
        found = self.said.get(day)
        if found is None:
            found = self.said[day] = esc(long_date(day, self.lang))
        return found


def _end(day: date | None) -> str | None:
    """The end of a day, where a bar ending on it stops."""
    return None if day is None else (day + timedelta(days=1)).isoformat()


def _noon(day: date) -> str:
    return f"{day.isoformat()} 12:00"


def _task_data(plan: str, t: TaskLine, keys: _Keys, planned: bool, days: _Days, lang: str,
               ) -> dict[str, Any]:
    slip = None
    if t.baseline_finish is not None and t.finish > t.baseline_finish and not t.milestone:
        first = max(t.baseline_finish + timedelta(days=1), t.start)
        slip = [first.isoformat(), (t.finish - first).days + 1]
    out: dict[str, Any] = {
        "n": esc(t.name), "s": t.start.isoformat(), "w": (t.finish - t.start).days + 1,
        "o": keys.owner(plan, t), "f": list(t.flags), "c": _status(t, planned),
        "h": [esc(marked(t.owner or "", t.owner_assumed, lang)) or label("no_owner", lang),
              days.say(t.start), days.say(t.finish), days.say(t.baseline_finish),
              days.say(t.deadline), signed(t.margin), esc(_flags(t, lang))],
    }
    # what most tasks lack is left out, not written as null: 2,000 tasks make it count
    extra = {"sm": t.summary, "d": t.depth, "ms": t.milestone and _noon(t.finish),
             "bf": _end(t.baseline_finish), "sl": slip, "dl": _end(t.deadline)}
    out.update((k, v) for k, v in extra.items() if v)
    return out


def _plan_data(p: PlanSummary, keys: _Keys, days: _Days, lang: str,
               ) -> dict[str, Any]:
    r = p.row
    planned = r.data_date is None
    marks = [[_noon(w.finish), esc(w.name), days.say(w.finish)]
             for w in p.watches if w.milestone]
    dues = [[_end(w.deadline), esc(w.name), days.say(w.deadline), signed(w.margin)]
            for w in p.watches if w.deadline is not None]
    return {
        "n": esc(r.name), "s": r.start.isoformat(), "w": (r.finish - r.start).days + 1,
        "c": _plan_status(r), "pe": _end(r.period_end),
        "h": [days.say(r.start), days.say(r.finish), days.say(r.period_end),
              label("rollup.cell.overrun_days", lang, days=r.overrun) if r.overrun > 0
              else "",
              f"{r.done}/{r.tasks}"],
        "ms": marks, "dl": dues,
        "t": [_task_data(r.plan, t, keys, planned, days, lang) for t in p.tasks],
    }


def _chart_data(rollup: Rollup, keys: _Keys, lang: str) -> dict[str, Any]:
    days = _Days(lang)
    colon = label("colon", lang)

    def field(key: str, i: int) -> str:
        return f"{label(key, lang)}{colon}%{{customdata[{i}]}}"

    longest = max((width(t.name) + 2 * t.depth for p in rollup.plans for t in p.tasks),
                  default=10)
    longest = max([longest, *(width(p.row.name) + 3 for p in rollup.plans)])
    seen = [r.data_date for r in rollup.rows if r.data_date is not None]
    data_date = rollup.date or max(seen, default=None)
    layout: dict[str, Any] = {
        "barmode": "overlay", "font": {"family": FONT, "size": 12},
        "hoverlabel": {"font": {"family": FONT}}, "plot_bgcolor": "white",
        "paper_bgcolor": "white", "showlegend": True,
        "margin": {"l": int(min(460, 30 + 7 * longest)), "r": 20, "t": TOP, "b": BOTTOM},
        "legend": {"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom",
                   "xref": "container", "x": 0},
        "xaxis": {"type": "date", "side": "top", "gridcolor": "#e4e4e4", **date_ticks(lang)},
        # the rows' names are an HTML column beside the chart (#pf-labels), as on a single
        # plan's page: plotly lays out tick labels in a time growing faster than the rows
        # (2,000 rows: many seconds), and HTML can indent a plan's tasks under it
        "yaxis": {"autorange": False, "showgrid": False, "zeroline": False,
                  "fixedrange": True, "automargin": False, "showticklabels": False},
        "shapes": [], "annotations": [],
    }
    if data_date is not None:
        x = _end(data_date)
        layout["shapes"].append({"type": "line", "xref": "x", "yref": "paper", "x0": x,
                                 "x1": x, "y0": 0, "y1": 1,
                                 "line": {"color": "#1f77b4", "width": 2, "dash": "dash"}})
        layout["annotations"].append({
            "x": x, "y": 0, "xref": "x", "yref": "paper", "yanchor": "top",
            "showarrow": False, "font": {"color": "#1f77b4"},
            "text": f"{label('gantt.data_date', lang)}{colon}{long_date(data_date, lang)}"})
    legend = [[label(f"gantt.status.{k}", lang), c] for k, c in STATUS_COLORS.items()]
    return {
        "plans": [_plan_data(p, keys, days, lang) for p in rollup.plans],
        "layout": layout, "row": ROW_PX, "top": TOP, "bottom": BOTTOM,
        "colours": {**STATUS_COLORS, "summary": SUMMARY, "baseline": BASELINE,
                    "deadline": DEADLINE, "period": PERIOD_END, "neutral": NEUTRAL,
                    "slip": SLIP},
        "slip": SLIP_MARKER, "legend": legend,
        "names": {k: label(v, lang) for k, v in (
            ("plan", "pf.page.plan_bar"), ("summary", "gantt.summary"),
            ("baseline", "baseline_finish"), ("slip", "gantt.slip"),
            ("milestone", "gantt.milestone"), ("deadline", "gantt.deadline"),
            ("period", "gantt.period_end"))},
        "hover": {
            "plan": "<br>".join(["<b>%{customdata[2]}</b>", field("gantt.start", 3),
                                 field("forecast_finish", 4), field("gantt.period_end", 5),
                                 field("rollup.col.overrun", 6), field("rollup.col.done", 7)])
            + "<extra></extra>",
            "task": "<br>".join(["<b>%{customdata[2]}</b>", field("gantt.owner", 3),
                                 field("gantt.start", 4), field("forecast_finish", 5),
                                 field("baseline_finish", 6), field("deadline", 7),
                                 field("margin_days", 8), field("gantt.flags", 9)])
            + "<extra></extra>",
            "mark": f"<b>%{{customdata[0]}}</b><br>{field('gantt.finish', 1)}<extra></extra>",
            "due": (f"<b>%{{customdata[0]}}</b><br>{field('deadline', 1)}<br>"
                    f"{field('margin_days', 2)}<extra></extra>"),
        },
    }


STYLE = """
.pf-filters { position: sticky; top: 0; background: #fff; padding: 6px 0; z-index: 5;
              border-bottom: 1px solid #ddd; }
.pf-filters select { margin: 0 12px 0 4px; font-size: 14px; }
#pf-rollup tbody td:first-child { cursor: pointer; color: #1f4e8c; }
#pf-rollup tbody td:first-child::before { content: "\\25B8\\00A0"; }
#pf-rollup tbody tr.open td:first-child::before { content: "\\25BE\\00A0"; }
ul.pf-rows li { margin: 4px 0; }
"""

# The page's own script: filters, opening a plan, drawing the chart from #pf-data. It uses
# no text of the plans but what #pf-data carries, already escaped for plotly.
SCRIPT = r"""
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("pf-data").textContent);
  var C = D.colours, H = D.hover, N = D.names, DAY = 86400000;
  var gd = document.getElementById("pf-gantt");
  var ownerSel = document.getElementById("pf-owner");
  var flagSel = document.getElementById("pf-flag");
  var open = {};

  function owner() { return ownerSel.value === "" ? -1 : Number(ownerSel.value); }
  function fits(t, o, f) {
    return (o < 0 || t.o === o) && (f === "" || t.f.indexOf(f) >= 0);
  }
  function shows(el, o, f) {
    if (o >= 0 && f !== "") {
      return (el.getAttribute("data-of") || "").indexOf(" " + o + ":" + f + " ") >= 0;
    }
    if (o >= 0) { return (el.getAttribute("data-o") || "").indexOf(" " + o + " ") >= 0; }
    if (f !== "") { return (el.getAttribute("data-f") || "").indexOf(" " + f + " ") >= 0; }
    return true;
  }
  function filterRows() {
    var o = owner(), f = flagSel.value;
    document.querySelectorAll(".pf-part").forEach(function (part) {
      var rows = part.querySelectorAll("tbody tr, ul.pf-rows li"), left = 0;
      rows.forEach(function (el) {
        var keep = shows(el, o, f);
        el.hidden = !keep;
        if (keep) { left += 1; }
      });
      part.querySelector(".pf-empty").hidden = rows.length === 0 || left > 0;
    });
  }
  function bars(name, width, offset, extra) {
    var t = {type: "bar", orientation: "h", name: name, y: [], base: [], x: [],
             customdata: [], width: width, offset: offset, showlegend: false,
             marker: {color: []}, hovertemplate: H.task};
    for (var k in extra) { t[k] = extra[k]; }
    return t;
  }
  function marks(name, symbol, size, colour, hover) {
    return {type: "scatter", mode: "markers", name: name, x: [], y: [], customdata: [],
            showlegend: false, hovertemplate: hover,
            marker: {symbol: symbol, size: size, color: colour,
                     line: {color: C.summary, width: 1}}};
  }
  function swatch(name, colour, symbol) {
    if (symbol) {
      return {type: "scatter", mode: "markers", name: name, x: [null], y: [null],
              hoverinfo: "skip", marker: {symbol: symbol, size: 12, color: colour,
              line: {color: colour, width: 2}}};
    }
    return {type: "bar", name: name, x: [null], y: [null], marker: {color: colour},
            hoverinfo: "skip"};
  }
  function draw() {
    var o = owner(), f = flagSel.value, filtered = o >= 0 || f !== "";
    var plans = bars(N.plan, 0.6, -0.3, {hovertemplate: H.plan, meta: "plan"});
    var tasks = bars(N.plan, 0.5, -0.3, {});
    var sums = bars(N.summary, 0.2, -0.1, {});
    var slip = bars(N.slip, 0.24, -0.05, {marker: D.slip, hoverinfo: "skip"});
    delete slip.hovertemplate;
    var ms = marks(N.milestone, "diamond", 12, C.neutral, H.mark);
    var tms = marks(N.milestone, "diamond", 12, [], H.task);
    var dues = marks(N.deadline, "triangle-down", 11, C.deadline, H.due);
    var base = marks(N.baseline, "line-ns-open", 14, C.baseline, H.task);
    base.marker.line = {color: C.baseline, width: 3};
    var ends = marks(N.period, "line-ns-open", 20, C.period, H.plan);
    ends.marker.line = {color: C.period, width: 3};
    var names = document.createDocumentFragment(), row = 0;
    function name(html, bold, depth, plan) {
      var el = document.createElement("div");
      el.className = bold ? "rowlabel summary" : "rowlabel";
      if (depth) { el.style.paddingLeft = depth + "em"; }
      // html: the plan's text as plotly shows it, escaped (no tag can be in it)
      el.innerHTML = html;
      el.title = el.textContent;
      if (plan !== undefined) {
        el.insertBefore(document.createTextNode(open[plan] ? "\u25BE " : "\u25B8 "),
                        el.firstChild);
        el.style.cursor = "pointer";
        el.addEventListener("click", function () { toggle(plan); });
      }
      names.appendChild(el);
    }
    D.plans.forEach(function (p, i) {
      var list = filtered ? p.t.filter(function (t) { return !t.sm && fits(t, o, f); }) : p.t;
      if (filtered && list.length === 0) { return; }
      var cd = [i, -1, p.n].concat(p.h);
      name(p.n, true, 0, i);
      plans.y.push(row); plans.base.push(p.s); plans.x.push(p.w * DAY);
      plans.customdata.push(cd); plans.marker.color.push(C[p.c]);
      if (p.pe) { ends.x.push(p.pe); ends.y.push(row); ends.customdata.push(cd); }
      p.ms.forEach(function (m) {
        ms.x.push(m[0]); ms.y.push(row); ms.customdata.push(m.slice(1));
      });
      p.dl.forEach(function (m) {
        dues.x.push(m[0]); dues.y.push(row); dues.customdata.push(m.slice(1));
      });
      row += 1;
      if (!open[i]) { return; }
      list.forEach(function (t, j) {
        var cd = [i, j, t.n].concat(t.h);
        name(t.n, t.sm, (t.d || 0) + 1);
        if (t.ms) {
          tms.x.push(t.ms); tms.y.push(row); tms.customdata.push(cd);
          tms.marker.color.push(C[t.c]);
        } else {
          var b = t.sm ? sums : tasks;
          b.y.push(row); b.base.push(t.s); b.x.push(t.w * DAY); b.customdata.push(cd);
          b.marker.color.push(t.sm ? C.summary : C[t.c]);
        }
        if (t.sl) { slip.y.push(row); slip.base.push(t.sl[0]); slip.x.push(t.sl[1] * DAY); }
        if (t.bf && !t.sm) { base.x.push(t.bf); base.y.push(row); base.customdata.push(cd); }
        if (t.dl) {
          dues.x.push(t.dl); dues.y.push(row);
          dues.customdata.push([t.n, t.h[4], t.h[5]]);
        }
        row += 1;
      });
    });
    var layout = JSON.parse(JSON.stringify(D.layout));
    layout.height = D.top + D.bottom + D.row * Math.max(row, 1);
    layout.yaxis.range = [Math.max(row, 1) - 0.5, -0.5];
    var labels = document.getElementById("pf-labels");
    labels.style.width = (layout.margin.l - 8) + "px";
    labels.replaceChildren(names);
    var legend = D.legend.map(function (l) { return swatch(l[0], l[1]); });
    legend.push(swatch(N.baseline, C.baseline, "line-ns-open"));
    legend.push(swatch(N.slip, C.slip));
    legend.push(swatch(N.milestone, C.neutral, "diamond"));
    legend.push(swatch(N.deadline, C.deadline, "triangle-down"));
    legend.push(swatch(N.period, C.period, "line-ns-open"));
    gd.setAttribute("data-rows", String(row));
    return Plotly.react(gd, [plans, tasks, sums, slip, base, ends, ms, tms, dues]
                        .concat(legend), layout, {displaylogo: false, responsive: true});
  }
  function mark() {
    document.querySelectorAll("#pf-rollup tbody tr").forEach(function (tr) {
      tr.classList.toggle("open", !!open[tr.getAttribute("data-plan")]);
    });
  }
  function toggle(i) { open[i] = !open[i]; mark(); draw(); }
  document.querySelectorAll("#pf-rollup tbody tr").forEach(function (tr) {
    tr.firstElementChild.addEventListener("click", function () {
      toggle(tr.getAttribute("data-plan"));
    });
  });
  document.getElementById("pf-expand").addEventListener("click", function () {
    D.plans.forEach(function (p, i) { open[i] = true; }); mark(); draw();
  });
  document.getElementById("pf-collapse").addEventListener("click", function () {
    open = {}; mark(); draw();
  });
  function refilter() { filterRows(); draw(); }
  ownerSel.addEventListener("change", refilter);
  flagSel.addEventListener("change", refilter);
  draw().then(function () {
    gd.on("plotly_click", function (ev) {
      var pt = ev.points && ev.points[0];
      if (pt && pt.data.meta === "plan") { toggle(pt.customdata[0]); }
    });
  });
})();
"""
