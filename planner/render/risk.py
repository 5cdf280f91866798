"""Deadline risk: the table of targets, its notes and charts, in every format."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from planner.analysis.risk import Risk, Target
from planner.domain.model import Spread
from planner.i18n.labels import label, sample_banner, sample_dict
from planner.render.document import (
    Block,
    Document,
    Figure,
    Heading,
    Notes,
    Paragraph,
    Records,
    banner,
    table,
)
from planner.render.fmt import chance, iso, long_date, standalone_name
from planner.render.style import esc

if TYPE_CHECKING:
    import plotly.graph_objects as go

SKEW_NOTE_DAYS = 3  # a P50 this much later than the forecast is worth a sentence

# -- the risk table -------------------------------------------------------------------------


def target_name(risk: Risk, t: Target, lang: str) -> str:
    """A target's name: its task's, or the project's."""
    return label("risk.project", lang) if t.id is None else risk.plan.task(t.id).name


def said_name(risk: Risk, t: Target, lang: str) -> str:
    """A target's name as a sentence says it: one that reads alone (`standalone_name`)."""
    return label("risk.project", lang) if t.id is None else \
        standalone_name(risk.plan, t.id, lang)


def risk_rows(risk: Risk, lang: str) -> list[list[str]]:
    """One row per deadline and milestone, and the project: the figures a meeting reads."""
    rows = []
    for t in ordered(risk):
        rows.append([
            t.id or "", target_name(risk, t, lang), str(t.deadline or ""), str(t.deterministic),
            str(t.percentile(50)), str(t.percentile(80)), chance(t.probability),
            drivers_text(risk, t, lang),
        ])
    return rows


def drivers_text(risk: Risk, t: Target, lang: str) -> str:
    """A target's first drivers: by name in Chinese (a meeting knows tasks by name), by id
    with the correlation otherwise."""
    if lang == "zh":
        return label("name_sep", lang).join(
            f"{risk.plan.task(d.id).name}（{d.correlation:.2f}）" for d in t.drivers[:3])
    return ", ".join(f"{d.id} ({d.correlation:.2f})" for d in t.drivers[:3])


def ordered(risk: Risk) -> list[Target]:
    """Deadlines least likely to be met first, then milestones, then the project."""
    tasks = [t for t in risk.targets if t.id is not None]
    tasks.sort(key=lambda t: (t.probability if t.probability is not None else 2.0,
                              t.deterministic))
    return tasks + [t for t in risk.targets if t.id is None]


RISK_HEADERS = ("id", "risk.target", "deadline", "risk.deterministic", "risk.p50", "risk.p80",
                "risk.probability", "risk.drivers")


def risk_headers(lang: str) -> list[str]:
    return [label(h, lang) for h in RISK_HEADERS]


def notes(risk: Risk, lang: str) -> list[str]:
    """Where P50 lies later than the deterministic date, and why; what is not sampled.
    A note that holds for several targets is said once, naming them."""
    out = []
    if overrun := risk.deterministic.overrun:
        out.append(label("risk.overrun", lang,
                         finish=long_date(risk.deterministic.finish, lang),
                         end=long_date(risk.plan.finish, lang), days=overrun))
    sep = label("name_sep", lang)
    alone = []
    for t in ordered(risk):
        name = said_name(risk, t, lang)
        if t.merge is not None:
            paths = sep.join(label("risk.merge_path", lang, name=_tasktarget_name(risk, p),
                                   share=f"{100 * s:.0f}") for p, s in t.merge.paths)
            out.append(label("risk.merge_bias", lang, name=name, days=t.merge.days,
                             n=len(t.merge.paths), paths=paths))
        elif t.mean_shift >= SKEW_NOTE_DAYS:
            out.append(label("risk.skew", lang, name=name, days=int(t.mean_shift)))
        if t.only_itself:
            alone.append(name)
    if alone:
        out.append(label("risk.only_itself", lang, names=sep.join(alone)))
    if risk.fixed:
        out.append(label("risk.fixed", lang, names=sep.join(
            standalone_name(risk.plan, i, lang) for i in risk.fixed)))
    return out


def band_text(risk: Risk, lang: str) -> str:
    """The default uncertainty, in words: every risk output states it."""
    def side(s: Spread) -> str:
        return f"{s.value:+g}%" if s.percent else label("risk.days", lang, n=f"{s.value:+g}")
    return label("risk.band", lang, low=side(risk.band[0]), high=side(risk.band[1]),
                 dist=label(f"risk.dist.{risk.distribution}", lang))


def _tasktarget_name(risk: Risk, task_id: str) -> str:
    return risk.plan.task(task_id).name


def headline(risk: Risk, lang: str) -> str:
    """How the figures were made: runs, seed, data date and the band (every output says)."""
    seed = label("risk.seed", lang, seed=risk.seed) if risk.seed is not None \
        else label("risk.no_seed", lang)
    return label("risk.headline", lang, iterations=risk.iterations, seed=seed,
                 date=long_date(risk.data_date or risk.plan.start, lang)) + \
        label("clause_sep", lang) + band_text(risk, lang)


def risk_text(risk: Risk, lang: str) -> str:
    from planner.render.writers import terminal

    return terminal(risk_view(risk, lang))


def risk_dict(risk: Risk) -> dict[str, Any]:
    def target(t: Target) -> dict[str, Any]:
        return {
            "id": t.id, "deadline": iso(t.deadline), "deterministic": t.deterministic.isoformat(),
            "probability": t.probability,
            "percentiles": {f"p{p}": d.isoformat() for p, d in t.percentiles},
            "p50_minus_deterministic_days": t.mean_shift, "merge_bias": t.merge_bias,
            "merge": None if t.merge is None else {
                "days": t.merge.days,
                "paths": [{"id": p, "drives": round(s, 4)} for p, s in t.merge.paths]},
            "only_its_own_duration_uncertain": t.only_itself,
            "drivers": [{"id": d.id, "correlation": round(d.correlation, 4),
                         "criticality": round(d.criticality, 4)} for d in t.drivers],
            "sensitivity": {d.id: round(d.correlation, 4) for d in t.sensitivity},
        }

    return {
        "plan": risk.plan.id, "data_date": iso(risk.data_date),
        **sample_dict(risk.illustrative),
        "iterations": risk.iterations, "seed": risk.seed,
        "band": {"low": risk.band[0].value, "high": risk.band[1].value,
                 "unit": "percent" if risk.band[0].percent else "working days",
                 "distribution": risk.distribution, "text": band_text(risk, "en")},
        "targets": [target(t) for t in ordered(risk)],
        "criticality": {k: round(v, 4) for k, v in risk.criticality.items()},
    }


def risk_blocks(risk: Risk, lang: str, charts: bool = True) -> tuple[Block, ...]:
    """How the figures were made, the table of targets, the notes, and with ``charts`` the
    completion curves and the tornado chart of drivers."""
    found = notes(risk, lang)
    return (Paragraph(headline(risk, lang), "meta"),
            table(risk_headers(lang), risk_rows(risk, lang), [False] * 6 + [True, False],
                  limits=[20, 22]),
            *((Notes(tuple(found)),) if found else ()),
            *((Figure(lambda: probability_curves(risk, lang), "curves"),) if charts else ()),
            *((Figure(lambda: tornado(risk, lang), "tornado"),)
              if charts and tornado_target(risk) is not None else ()))


TORNADO_MIN = 2  # drivers a tornado chart needs: one bar ranks nothing


def tornado_target(risk: Risk) -> Target | None:
    """The least likely target with at least TORNADO_MIN drivers (None: no chart)."""
    return next((t for t in ordered(risk) if len(t.drivers) >= TORNADO_MIN), None)


def risk_view(risk: Risk, lang: str) -> Document:
    """Deadline risk in every format (the charts are the report's)."""
    title = f"{risk.plan.name} — {label('report.risk', lang)}"
    return Document(title, lang, (Heading(title), *banner(sample_banner(risk.illustrative, lang)),
                                  *risk_blocks(risk, lang)),
                    data=risk_dict(risk), records=risk_records(risk, lang))


RISK_FIELDS = ("id", "name", "deadline", "deterministic", "p50", "p80", "probability",
               "drivers")


def risk_records(risk: Risk, lang: str) -> Records:
    """One row per target, the project last: dates as dates, the probability a fraction."""
    rows = tuple((t.id, target_name(risk, t, lang), t.deadline, t.deterministic,
                  t.percentile(50), t.percentile(80),
                  None if t.probability is None else round(t.probability, 4),
                  " ".join(d.id for d in t.drivers[:3])) for t in ordered(risk))
    mark = label("banner.mark", lang) if risk.illustrative is not None else ""
    return Records(RISK_FIELDS, rows, tuple(risk_headers(lang)),
                   f"{mark}{risk.data_date or risk.plan.start} {risk.plan.name}")


# -- charts -----------------------------------------------------------------------------------


def probability_curves(risk: Risk, lang: str) -> go.Figure:
    """For each deadline, the probability of finishing by each date, with the deadline."""
    import plotly.graph_objects as go

    from planner.render.html import percent_chart

    fig = go.Figure()
    for t in ordered(risk):
        if t.deadline is None and t.id is not None:
            continue
        name = esc(target_name(risk, t, lang))
        fig.add_trace(go.Scatter(
            x=[d.isoformat() for d, _ in t.curve], y=[round(100 * p, 2) for _, p in t.curve],
            mode="lines", line={"shape": "hv"}, name=name,
            customdata=[[name]] * len(t.curve),
            hovertemplate=(f"%{{customdata[0]}}<br>%{{x}}{label('colon', lang)}"
                           "%{y:.0f}%<extra></extra>")))
    return percent_chart(fig, label("risk.curve", lang), 420, lang, top=100.5)


def tornado(risk: Risk, lang: str) -> go.Figure:
    """Drivers of the least likely deadline (or of the project), as a tornado chart."""
    import plotly.graph_objects as go

    from planner.render.html import FONT

    target = tornado_target(risk) or risk.target(None)
    drivers = list(reversed(target.drivers))
    names = [esc(risk.plan.task(d.id).name) for d in drivers]
    fig = go.Figure(go.Bar(
        orientation="h", y=names, x=[round(d.correlation, 3) for d in drivers],
        marker={"color": "#e15759"},
        customdata=[[n, f"{100 * d.criticality:.0f}%"] for n, d in zip(names, drivers,
                                                                       strict=True)],
        hovertemplate=(f"%{{customdata[0]}}<br>{label('risk.correlation', lang)}"
                       f"{label('colon', lang)}%{{x:.2f}}<br>{label('risk.criticality', lang)}"
                       f"{label('colon', lang)}%{{customdata[1]}}<extra></extra>")))
    fig.update_layout(
        title={"text": f"{label('risk.tornado', lang)} — {esc(target_name(risk, target, lang))}",
               "x": 0.01},
        height=max(260, 80 + 36 * len(drivers)), font={"family": FONT, "size": 12},
        plot_bgcolor="white", xaxis={"range": [0, 1], "gridcolor": "#eeeeee"},
        yaxis={"automargin": True}, margin={"l": 10, "r": 20, "t": 50, "b": 40},
    )
    return fig
