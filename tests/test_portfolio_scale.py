"""How a large portfolio is reviewed (not how fast: `bench/bench_portfolio.py` measures that):
the worker processes send back what the parent needs to check and order the links across
plans, so the parent reads no plan of its own; a loop across plans is still named task by
task; the lookups the views make per row go through an index.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest

from planner.analysis.portfolio import PlanRow, PlanSummary, Rollup
from planner.domain.diagnostics import PlanError
from planner.portfolio import CHUNK, Portfolio, _chunk
from planner.render.terminal import width
from tests.test_portfolio import COUNTY, county_and_town

PORTFOLIO = """\
portfolio:
  name: 县级示例
  lang: zh
plans: [county, town, town2]
"""


def two_towns(tmp_path: Path) -> Path:
    """The county and two towns that wait on its fund (two plans in the second wave: the
    workers review them)."""
    folder = county_and_town(tmp_path, portfolio=PORTFOLIO)
    (folder / "town2" / "status").mkdir(parents=True)
    for name in ("plan.yaml", "status/2023-09-30.yaml"):
        text = (folder / "town" / name).read_text("utf-8")
        (folder / "town2" / name).write_text(
            text.replace("id: town\n", "id: town2\n").replace("plan: town\n", "plan: town2\n"),
            "utf-8")
    return folder


def test_workers_send_the_links_back_and_the_parent_reads_no_plan(tmp_path: Path) -> None:
    folder = two_towns(tmp_path)
    there = Portfolio.open(folder)
    r = there.review(date(2023, 11, 7), workers=2)
    # both towns wait on county:fund; before, the parent read them again to check the links
    assert there._projects == {}
    assert [(w.plan, w.task, w.other_plan, w.other_task) for w in r.waits] == [
        ("town", "build", "county", "fund"), ("town2", "build", "county", "fund")]
    opened = [o for o in there._first_pass(date(2023, 11, 7), None, 2) if o.waits]
    assert [[(t.id, link.task) for t, link in o.links] for o in opened] == [
        [("build", "county:fund")]] * 2
    assert r == Portfolio.open(folder).review(date(2023, 11, 7), workers=1)


def test_a_loop_across_plans_is_named_when_workers_read_the_plans(tmp_path: Path) -> None:
    county = COUNTY.replace("  - id: fund\n", '  - id: fund\n    after: ["town:build"]\n', 1)
    folder = two_towns(tmp_path)
    (folder / "county" / "plan.yaml").write_text(county, "utf-8")
    with pytest.raises(PlanError) as raised:
        Portfolio.open(folder).review(date(2023, 11, 7), workers=2)
    (loop,) = [d for d in raised.value.diagnostics if d.code == "cycle"]
    text = loop.render("en")
    assert "'county:fund'" in text and "'town:build'" in text


def test_chunks_of_plans_for_the_workers() -> None:
    assert _chunk(1300, 2) == CHUNK == 16  # many plans: the largest chunk
    assert _chunk(45, 2) == 5  # 45 plans: nine tasks, at least four a worker
    assert _chunk(3, 2) == 1
    assert _chunk(100, 4) == 6


def test_a_plan_and_its_tasks_are_found_by_id(tmp_path: Path) -> None:
    r = Portfolio.open(county_and_town(tmp_path)).review(date(2023, 11, 7), workers=1)
    assert r.plan("town").row.plan == "town" and r.plan("county").row.plan == "county"
    assert r.plan("town").task("build").id == "build"
    with pytest.raises(KeyError):
        r.plan("nowhere")
    # an id twice (the review refuses it; a hand-made roll-up may hold it): the first
    first = PlanSummary(_row("a", "第一"), (), (), ())
    second = PlanSummary(_row("a", "第二"), (), (), ())
    assert Rollup("x", "zh", None, (first, second)).plan("a") is first


def _row(pid: str, name: str) -> PlanRow:
    fields: dict[str, object] = dict.fromkeys(PlanRow.__dataclass_fields__)
    fields.update(plan=pid, name=name)
    return PlanRow(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["abc", "", "玉山镇ab", "ｅ１２", "e\u0301x", "县财政局（资金）",
                                  "a\tb", "\u200b零宽"])
def test_width_counts_columns_as_the_character_rule_does(text: str) -> None:
    def rule(c: str) -> int:
        return 0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in \
            "WF" else 1
    assert width(text) == sum(rule(c) for c in text)
    assert width("玉山镇ab") == 8 and width("e\u0301") == 1
