"""The schedule check (DCMA 14 points) as a terminal table, Markdown and JSON."""

from __future__ import annotations

from typing import Any

from planner.analysis.check import Check, LinkRef, Metric
from planner.i18n.labels import label, sample_banner, sample_dict
from planner.render.document import (
    Block,
    Document,
    Heading,
    Notes,
    Paragraph,
    Records,
    banner,
    table,
)
from planner.render.fmt import iso, long_date, rounded, standalone_name
from planner.render.terminal import clip, width

SHOWN = 3  # offending tasks a table cell names before "…and N more"
HEADERS = ("check.number", "check.metric", "check.value", "check.threshold", "check.result",
           "check.tasks")


def _percent(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return f"{text}%"


def value_text(m: Metric) -> str:
    """The measured value as a cell: `3/40 (7.5%)`, `+600`, `0.72`, `17/28 = 0.61`."""
    if m.value is None:
        return "—"
    if m.unit == "percent":
        return f"{m.count}/{m.total} ({_percent(m.value)})"
    if m.unit == "days":
        return f"{m.value:+.0f}"
    if m.count is not None:
        return f"{m.count}/{m.total} = {m.value:.2f}"
    return f"{m.value:.2f}"


def threshold_text(m: Metric) -> str:
    if m.unit == "days":
        return f"= {m.threshold:+.0f}"
    if m.unit == "index":
        return f"≥ {m.threshold:.2f}"
    if m.comparison == "<=" and m.threshold == 0:
        return "0"
    return f"{'≥' if m.comparison == '>=' else '≤'} {_percent(m.threshold)}"


def link_text(r: LinkRef) -> str:
    """A link as its successor's `after:` reads it: `b ← a FS-2`."""
    lag = f"{r.lag:+d}" if r.lag else ""
    return f"{r.succ} ← {r.pred} {r.type}{lag}"


def offenders(m: Metric) -> list[str]:
    """What a metric names, in full: links for 2-4, the delayed task and where the delay
    stopped for 12, tasks otherwise."""
    if m.links:
        return [link_text(r) for r in m.links]
    if m.path_test is not None and m.path_test.reached is not None:
        return [f"{m.path_test.task} → {m.path_test.reached}"]
    return list(m.tasks)


def tasks_text(m: Metric, lang: str, shown: int = SHOWN, room: int = 0) -> str:
    """The first ``shown`` offenders and "…and N more"; with ``room`` (terminal columns),
    fewer, so the count of the rest is never cut off."""
    items = offenders(m)

    def text(k: int) -> str:
        head = ", ".join(items[:k])
        return head + (" " + label("check.more", lang, n=len(items) - k) if len(items) > k
                       else "")

    k = min(shown, len(items))
    while room and k > 1 and width(text(k)) > room:
        k -= 1
    if room and k == 1 and len(items) > 1 and width(text(1)) > room:  # the count stays
        rest = " " + label("check.more", lang, n=len(items) - 1)
        return clip(items[0], max(room - width(rest), 8)) + rest
    return text(k)


def rows(c: Check, lang: str, shown: int = SHOWN, room: int = 0) -> list[list[str]]:
    return [[str(m.number), label(f"check.m.{m.name}", lang), value_text(m), threshold_text(m),
             label(f"check.{m.status}", lang), tasks_text(m, lang, shown, room)]
            for m in c.metrics]


def headline(c: Check, lang: str) -> str:
    passed, failed, na = c.counts()
    basis = label("check.basis_date", lang, date=long_date(c.data_date, lang)) if c.data_date \
        else label("check.basis_plan", lang)
    return label("check.headline", lang, name=c.plan.name, basis=basis, passed=passed,
                 failed=failed, na=na)


def notes(c: Check, lang: str) -> list[str]:
    """The sentences a table cannot hold: why a metric does not apply, what the critical
    path test did, and what CPLI was measured against."""
    out = []

    def named(task_id: str | None) -> str | None:  # a sentence names a task, an id is for tables
        return task_id if task_id is None or lang != "zh" else \
            f"“{standalone_name(c.plan, task_id, lang)}”"

    for m in c.metrics:
        if m.reason is not None:
            out.append(label("check.note.na", lang, number=m.number,
                             metric=label(f"check.m.{m.name}", lang),
                             why=label(f"check.why.{m.reason}", lang)))
        p = m.path_test
        if p is not None:
            out.append(label("check.note.path_pass" if p.reached is None
                             else "check.note.path_fail", lang, task=named(p.task),
                             delay=p.delay, moved=p.moved, finish=long_date(p.finish, lang),
                             delayed=long_date(p.delayed_finish, lang),
                             reached=named(p.reached)))
        f = m.cpli
        if f is not None and m.value is not None:
            target = label(f"check.target.{f.target_kind}", lang,
                           date=long_date(f.target, lang), task=named(f.target_task) or "")
            out.append(label("check.note.cpli", lang, length=f.length, float=f"{f.float:+d}",
                             value=f"{m.value:.2f}", first=long_date(f.first, lang),
                             finish=long_date(f.finish, lang), target=target))
    out.append(label("check.units", lang))
    return out


def check_table(c: Check, lang: str, columns: int = 100) -> str:
    from planner.render.writers import terminal

    return terminal(check_view(c, lang, columns))


def summary_rows(c: Check, lang: str) -> tuple[list[str], list[list[str]], list[str]]:
    """The pass/fail table of the report: headers, rows and row classes (failed: high)."""
    headers = [label(h, lang) for h in HEADERS[:5]]
    body = [r[:5] for r in rows(c, lang)]
    return headers, body, ["high" if m.failed else "" for m in c.metrics]


def _metric_dict(m: Metric, lang: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "number": m.number, "name": m.name, "title": label(f"check.m.{m.name}", lang),
        "status": m.status, "value": m.value, "unit": m.unit, "threshold": m.threshold,
        "comparison": m.comparison, "count": m.count, "total": m.total,
        "tasks": list(m.tasks), "not_applicable_reason": m.reason,
    }
    if m.links or m.name in ("leads", "lags", "relationships"):
        out["links"] = [{"from": r.pred, "to": r.succ, "type": r.type, "lag": r.lag}
                        for r in m.links]
    if (p := m.path_test) is not None:
        out["test"] = {"task": p.task, "delay_days": p.delay, "finish_moved_days": p.moved,
                       "breaks_after": p.reached, "finish": iso(p.finish),
                       "delayed_finish": iso(p.delayed_finish)}
    if (f := m.cpli) is not None:
        out["cpli"] = {"target": iso(f.target), "target_kind": f.target_kind,
                       "target_task": f.target_task, "critical_path_length_days": f.length,
                       "total_float_days": f.float, "forecast_finish": iso(f.finish),
                       "counted_from": iso(f.first)}
    return out


def check_dict(c: Check, lang: str = "en") -> dict[str, Any]:
    passed, failed, na = c.counts()
    return {
        "plan": c.plan.id, "data_date": iso(c.data_date), **sample_dict(c.illustrative),
        "summary": {"passed": passed, "failed": failed, "not_applicable": na,
                    "failed_metrics": [m.name for m in c.failed]},
        "metrics": [_metric_dict(m, lang) for m in c.metrics],
        "notes": notes(c, lang),
    }


NUMERIC = (True, False, True, False, False, False)


def check_blocks(c: Check, lang: str, columns: int | None = None,
                 summary: bool = False) -> tuple[Block, ...]:
    """The headline, the table of metrics and the notes. ``summary``: the pass/fail table
    a report shows (no offending tasks); ``columns``: a terminal's width, which the tasks
    column fits."""
    headers = [label(h, lang) for h in HEADERS]
    if summary:
        h, body, classes = summary_rows(c, lang)
        found = table(h, body, NUMERIC[:5], classes)
    elif columns is None:
        found = table(headers, rows(c, lang), NUMERIC,
                      ["high" if m.failed else "" for m in c.metrics])
    else:
        body = rows(c, lang)
        fixed = sum(max([width(headers[i])] + [width(r[i]) for r in body]) for i in range(5))
        room = max(24, columns - fixed - 2 * (len(headers) - 1))
        found = table(headers, rows(c, lang, room=room), NUMERIC, limits=[0, 0, 0, 0, 0, room])
    return Paragraph(headline(c, lang), "meta"), found, Notes(tuple(notes(c, lang)))


def check_view(c: Check, lang: str, columns: int | None = None) -> Document:
    """The schedule check in every format."""
    title = label("check.title", lang)
    return Document(title, lang, (Heading(title), *banner(sample_banner(c.illustrative, lang)),
                                  *check_blocks(c, lang, columns)),
                    data=check_dict(c, lang), records=check_records(c, lang))


CHECK_FIELDS = ("number", "name", "status", "value", "threshold", "count", "total", "tasks")


def check_records(c: Check, lang: str) -> Records:
    """One row per metric: its measure as a number, and every task or link it names."""
    rows = tuple((m.number, m.name, m.status, rounded(m.value), m.threshold, m.count, m.total,
                  "; ".join(offenders(m))) for m in c.metrics)
    sheet = tuple((m.number, label(f"check.m.{m.name}", lang), label(f"check.{m.status}", lang),
                   value_text(m), threshold_text(m), m.count, m.total, ", ".join(offenders(m)))
                  for m in c.metrics)
    headers = (*(label(h, lang) for h in HEADERS[:5]), "count", "total", label(HEADERS[5], lang))
    mark = label("banner.mark", lang) if c.illustrative is not None else ""
    return Records(CHECK_FIELDS, rows, headers,
                   f"{mark}{c.data_date or c.plan.start} {c.plan.name}", sheet)
