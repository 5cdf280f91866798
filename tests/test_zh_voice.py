"""One Chinese voice: every Chinese sentence the bundled plan's meeting outputs say (status,
report, Gantt page and charts, risk, trend) is read for English words, task ids, half-width
punctuation beside Chinese and spaces around numbers.

Text the plan itself supplies (task names, owners, notes, the sample-data note) is the
plan's wording, not the tool's, and is set aside before the checks; the id column of a
table (编号) is for finding a task in plan.yaml, and is the one place ids belong.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

import pytest

from planner.portfolio import Portfolio, alone
from planner.project import Project
from planner.render.document import Block, Document, Figure, Heading, Notes, Paragraph, Section
from planner.render.document import Table as TableBlock
from planner.render.gantt import gantt_view
from planner.render.portfolio import portfolio_view
from planner.render.report import report_view
from planner.render.risk import risk_view
from planner.render.status import select, status_view
from planner.render.trend import trend_view
from tests.conftest import BUNDLED

CJK = r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]"
# what a plotly template or an HTML line break is, not words: %{customdata[0]}, <br>, <b>
MARKUP = re.compile(r"%\{[^}]*\}|<[^>]+>")
# words that are names of things, allowed in a Chinese sentence: the program, and the terms
# of art of the schedule check (an appendix of the report) that have no Chinese name in use
ALLOWED = ("planner", "DCMA", "CPLI", "BEI", "FS", "finish")
HALF_WIDTH = re.compile(rf"{CJK}[,;:()!?]|[,;:()!?]{CJK}")
SPACED_NUMBER = re.compile(rf"{CJK} [\d+\-]|\d%? {CJK}")




@functools.cache
def outputs() -> dict[str, list[str]]:
    """Every Chinese string of each output, with the plan's own wording masked."""
    # the plan as reviewed alone: held to the county tasks it waits on (planner.portfolio)
    project = alone(Project.open(BUNDLED)).project
    pack = project.pack(iterations=300, seed=1)
    review = project.review()
    t = pack.tracking
    assert t.plan.lang == "zh"
    county = Portfolio.open(BUNDLED.parent).simulate(t.date, 300, 1)
    docs: dict[str, Document] = {
        "status": status_view(t, select(t), "zh"),
        "report": report_view(t, pack.risk, "zh", trend=pack.trend, check=pack.check,
                              diff=pack.changes, with_check=True),  # the appendix too
        "gantt": gantt_view(review.schedule, review.tracking, review.history, "zh",
                            trend=review.trend),
        "risk": risk_view(pack.risk, "zh"),
        "trend": trend_view(pack.trend, "zh"),
        "portfolio": portfolio_view(county.rollup, "zh", None, county.finishes),
    }
    plans = [p.project(m) for p in (Portfolio.open(BUNDLED.parent),) for m in p.members]
    plan_text = sorted({x for q in plans for task in q.plan.tasks
                        for x in (task.name, task.owner) if x}
                       | {s.note for s in t.tasks if s.note} | {t.plan.name}
                       | {q.plan.name for q in plans} | {r.short for r in county.rollup.rows}
                       | {q.plan.illustrative or "" for q in plans}
                       | {t.snapshot.illustrative or ""}, key=len, reverse=True)

    def masked(text: str) -> str:
        for x in plan_text:
            if x:
                text = text.replace(x, "□")
        return MARKUP.sub(" ", text)

    return {name: [masked(s) for s in _strings(doc) if re.search(CJK, s)]
            for name, doc in docs.items()}


def _strings(doc: Document) -> Iterator[str]:
    yield doc.title
    for block in doc.blocks:
        yield from _block(block)


def _block(block: Block) -> Iterator[str]:
    if isinstance(block, Heading | Paragraph):
        yield block.text
    elif isinstance(block, Notes):
        yield from block.items
    elif isinstance(block, Section):
        yield block.title
        for inner in block.blocks:
            yield from _block(inner)
    elif isinstance(block, TableBlock):
        yield from block.headers
        keep = [i for i, h in enumerate(block.headers) if h != "编号"]
        for row in block.rows:
            yield from (row[i] for i in keep)
    elif isinstance(block, Figure):
        yield from _figure_strings(block.make().to_plotly_json())


FORMATS = frozenset({"tickformat", "hoverformat"})  # date patterns, not words


def _figure_strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            if k not in FORMATS:
                yield from _figure_strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _figure_strings(v)


NAMES = ("status", "report", "gantt", "risk", "trend", "portfolio")


@pytest.mark.parametrize("name", NAMES)
def test_no_english_words_or_task_ids_in_chinese_sentences(name: str) -> None:
    ids = {task.id for task in Project.open(BUNDLED).plan.tasks}
    bad = []
    for s in outputs()[name]:
        words = [w for w in re.findall(r"[A-Za-z][A-Za-z0-9_.\-]*", s) if w not in ALLOWED]
        if words or any(i in s for i in ids):
            bad.append(f"{words}: {s}")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("name", NAMES)
def test_full_width_punctuation_and_no_spaces_around_numbers(name: str) -> None:
    bad = [s for s in outputs()[name] if HALF_WIDTH.search(s) or SPACED_NUMBER.search(s)]
    assert not bad, "\n".join(bad)


def test_dates_in_sentences_read_as_chinese_dates() -> None:
    """ISO dates belong in a table's date columns; a sentence says 2023年11月7日."""
    iso = re.compile(rf"{CJK}[^|]*\d{{4}}-\d{{2}}-\d{{2}}|\d{{4}}-\d{{2}}-\d{{2}}[^|]*{CJK}")
    report = outputs()["report"]
    sentences = [s for s in report if len(s) > 20 and "，" in s]
    assert sentences, "the report says something"
    assert not [s for s in sentences if iso.search(s)]
    assert any("2023年11月7日" in s for s in sentences)


def test_chart_dates_read_in_chinese() -> None:
    """Every date axis of the report and the Gantt page labels its ticks 2023年7月1日, not
    plotly's English month names ("Jul 2023")."""
    project = Project.open(BUNDLED)
    pack = project.pack(iterations=200, seed=1)
    review = project.review()
    docs = [report_view(pack.tracking, pack.risk, "zh", trend=pack.trend, check=pack.check),
            gantt_view(review.schedule, review.tracking, review.history, "zh",
                       trend=review.trend)]
    axes = []
    for doc in docs:
        for figure in _figures(doc.blocks):
            layout = figure.make().to_plotly_json()["layout"]
            axes += [a for k, a in layout.items() if k.startswith(("xaxis", "yaxis"))
                     and a.get("type") == "date"]
    assert len(axes) >= 4  # the risk curves, the Gantt chart, the S-curve, the trend's two
    assert all(a["tickformat"] == "%Y年%-m月%-d日" for a in axes)


def _figures(blocks: tuple[Block, ...]) -> Iterator[Figure]:
    for block in blocks:
        if isinstance(block, Figure):
            yield block
        elif isinstance(block, Section):
            yield from _figures(block.blocks)


def test_a_state_is_never_broken_a_character_a_line() -> None:
    from planner.render.writers import html

    t = Project.open(BUNDLED).track()
    page = html(status_view(t, select(t), "zh"))
    assert "<td class=short>进行中</td>" in page and "<td class=short>已完成</td>" in page
    assert "td.short { white-space: nowrap; }" in page.replace("td.num, td.date, ", "")


def test_the_portfolio_page_speaks_the_same_voice() -> None:
    """The county meeting's page (`portfolio_page`): its headings, tables, sentences, filter
    names and the chart's legend and hover texts, the plans' own wording set aside."""
    import json as jsonlib
    from html.parser import HTMLParser

    from planner.render.portfolio_page import portfolio_page
    from tests.portfolio_rollups import county

    rollup = county()
    plan_text = sorted({x for p in rollup.plans for t in p.tasks for x in (t.name, t.owner) if x}
                       | {x for p in rollup.plans for x in (p.row.name, p.row.group,
                                                            p.row.illustrative) if x}
                       | {rollup.name}, key=len, reverse=True)
    strings: list[str] = []
    data: list[str] = []

    class Text(HTMLParser):
        inside = ""

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.inside = dict(attrs).get("id") or tag if tag in ("script", "style") else ""

        def handle_data(self, text: str) -> None:
            if self.inside == "pf-data":
                data.append(text)
            elif self.inside not in ("script", "style"):
                strings.append(text)

    Text(convert_charrefs=True).feed(portfolio_page(rollup, "zh"))
    chart = jsonlib.loads(data[0])
    strings += list(_figure_strings({k: chart[k] for k in ("names", "hover", "legend")}))
    strings += [a["text"] for a in chart["layout"]["annotations"]]
    strings += [h for p in chart["plans"] for h in p["h"]]
    strings += [h for p in chart["plans"] for t in p["t"] for h in t["h"]]

    def masked(text: str) -> str:
        for x in plan_text:
            text = text.replace(x, "□").replace(x.replace("&", "&amp;").replace(
                "<", "&lt;").replace(">", "&gt;"), "□")
        return MARKUP.sub(" ", text)

    said = [masked(s) for s in strings if re.search(CJK, s)]
    assert any("请□加快推进" in s for s in said)  # the cross-plan sentence is among them
    ids = {t.id for p in rollup.plans for t in p.tasks} | {p.row.plan for p in rollup.plans}
    bad = [s for s in said if HALF_WIDTH.search(s) or SPACED_NUMBER.search(s)
           or [w for w in re.findall(r"[A-Za-z][A-Za-z0-9_.\-]*", s) if w not in ALLOWED]
           or any(re.search(rf"\b{i}\b", s) for i in ids)
           or re.search(r"\d{4}-\d{2}-\d{2}", s)]
    assert not bad, "\n".join(bad)
