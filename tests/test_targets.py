"""Quantity targets over a period (`target: true`, 全年指标): tracked against their straight
line, never scheduled, critical or simulated.

Plans start Monday 2023-07-03 on a weekdays calendar. July 2023: Mon 3 … Fri 7, Mon 10 …
Fri 14, Mon 17 … Fri 21, Mon 24 … Fri 28, Mon 31.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from planner.analysis.baseline import from_schedule
from planner.analysis.risk import simulate
from planner.analysis.tracking import track
from planner.domain.diagnostics import PlanError
from planner.domain.model import Plan, Quantity, Task
from planner.domain.rules import plan_rules
from planner.engine.schedule import schedule
from planner.planfiles.plan import load_plan
from planner.planfiles.snapshots import load_snapshot
from tests.conftest import BUNDLED, plan_from, write_plan

# A target of 200 units over the four weeks 07-03 … 07-28 (20 working days), beside work
# of 10 days that starts with the plan.
TARGET = """\
- id: sales
  name: 销售额
  target: true
  start: 2023-07-03
  finish: 2023-07-28
  quantity: {total: 200, unit: 万元}
- id: build
  name: 建设
  duration: 10
"""


def snap(tmp_path: Path, plan: Plan, day: str, entry: str) -> object:
    folder = tmp_path / "status"
    folder.mkdir(exist_ok=True)
    path = folder / f"{day}.yaml"
    path.write_text(f"plan: {plan.id}\ndate: {day}\nprogress:\n  sales: {{{entry}}}\n",
                    encoding="utf-8")
    return load_snapshot(path, plan)


def test_a_target_spans_its_window_and_drives_no_date(tmp_path: Path) -> None:
    plan = plan_from(tmp_path, TARGET)
    s = schedule(plan)
    sales = s.task("sales")
    assert (sales.start, sales.finish, sales.duration) == (date(2023, 7, 3),
                                                           date(2023, 7, 28), 20)
    # the plan is the work: 10 days, 07-03 … 07-14; the longer target neither makes it
    # longer nor critical
    assert (s.start, s.finish) == (date(2023, 7, 3), date(2023, 7, 14))
    assert not sales.critical and s.task("build").critical
    assert s.critical_paths == (("build",),)


def test_a_target_before_the_plan_start_does_not_move_the_plan_start(tmp_path: Path) -> None:
    body = TARGET.replace("start: 2023-07-03", "start: 2023-01-02")
    s = schedule(plan_from(tmp_path, body))
    assert s.task("sales").start == date(2023, 1, 2)
    assert s.start == date(2023, 7, 3)


@pytest.mark.parametrize(("done", "behind"), [(50, True), (90, False), (80, False)])
def test_a_target_is_judged_against_its_straight_line(tmp_path: Path, done: int,
                                                      behind: bool) -> None:
    # D = Wed 07-12: 8 of the window's 20 working days have passed (07-03 … 07-12), so the
    # straight line expects 200 × 8/20 = 80 units, 40 %. 50 units (25 %) is 15 points
    # below: behind (the default threshold is 10 points); 90 (45 %) is ahead; 80 on the line.
    plan = plan_from(tmp_path, TARGET)
    snapshot = snap(tmp_path, plan, "2023-07-12", f"started: 2023-07-03, done: {done}")
    t = track(plan, from_schedule(schedule(plan)), snapshot)  # type: ignore[arg-type]
    sales = t.task("sales")
    assert sales.planned_percent == pytest.approx(40.0)
    assert sales.actual_percent == pytest.approx(done / 2)
    assert ("behind" in {f.name for f in sales.flags}) is behind
    # its forecast is its window's end, however far along it is, and it is never critical
    assert sales.forecast.finish == date(2023, 7, 28) and not sales.forecast.critical
    assert t.forecast.finish == date(2023, 7, 26)  # the work, unreported: 07-13 … 07-26


def test_a_target_gets_no_probability(tmp_path: Path) -> None:
    plan = plan_from(tmp_path, TARGET)
    risk = simulate(plan, iterations=200, seed=1)
    assert [t.id for t in risk.targets if t.id] == []  # not followed as a finish to reach
    assert risk.criticality.get("sales", 0.0) == 0.0
    # the project's finish is the work's alone, whatever the samples
    (project,) = [t for t in risk.targets if t.id is None]
    assert project.deterministic == date(2023, 7, 14)


# -- the rules ---------------------------------------------------------------------------------


def _found(plan: Plan) -> list[tuple[str, str, str]]:
    return [(d.code, d.key, d.in_lang("zh").message) for d in plan_rules(plan)]


def _plan(*tasks: Task, finish: date | None = date(2023, 12, 31)) -> Plan:
    return Plan(id="p", name="P", start=date(2023, 7, 3), finish=finish, tasks=tasks)


QTY = Quantity(100.0, "元")


def test_a_target_needs_a_quantity_and_a_window() -> None:
    assert _found(_plan(Task(id="r", name="R", target=True, quantity=QTY))) == []
    assert _found(_plan(Task(id="r", name="R", target=True))) == [
        ("missing-key", "rule.target_no_quantity", "任务“r”为指标任务，但没有填写“quantity”")]
    assert _found(_plan(Task(id="r", name="R", target=True, quantity=QTY), finish=None)) == [
        ("missing-key", "rule.target_no_finish",
         "任务“r”为指标任务，但没有“finish”，计划也未填写")]


@pytest.mark.parametrize(("field", "value"), [
    ("duration", 5), ("deadline", date(2023, 12, 31)), ("estimate", (1.0, 2.0, 3.0)),
    ("milestone", True), ("ongoing", True), ("distribution", "pert"),
])
def test_a_target_takes_nothing_that_schedules_it(field: str, value: object) -> None:
    task = Task(id="r", name="R", target=True, quantity=QTY, **{field: value})  # type: ignore[arg-type]
    (found,) = plan_rules(_plan(task))
    assert (found.code, found.key, found.task) == ("value", "rule.target_field", "r")
    assert found.message == (f"task 'r' is a target: it is judged against the straight line "
                             f"over its window, so it takes no '{field}'")
    assert f"不能填写“{field}”" in found.in_lang("zh").message


def test_no_task_follows_a_target(tmp_path: Path) -> None:
    body = TARGET + "- id: after\n  name: 之后\n  duration: 2\n  after: [sales]\n"
    with pytest.raises(PlanError) as e:
        load_plan(write_plan(tmp_path, body))
    (d,) = e.value.diagnostics
    assert (d.code, d.task, d.location.line) == ("value", "after", 19)
    assert d.in_lang("zh").message == "任务“after”以指标任务“sales”为前置任务"


def test_a_target_on_a_summary_is_refused(tmp_path: Path) -> None:
    body = ("- id: s\n  name: S\n  target: true\n  tasks:\n"
            "    - id: a\n      name: A\n      duration: 2\n")
    with pytest.raises(PlanError) as e:
        load_plan(write_plan(tmp_path, body))
    (d,) = e.value.diagnostics
    assert (d.code, d.key, d.location.line, d.location.col) == (
        "summary", "rule.summary_field", 9, 5)


def test_a_target_written_wrong_is_located_in_both_languages(tmp_path: Path) -> None:
    body = TARGET.replace("  finish: 2023-07-28\n", "  finish: 2023-07-28\n  duration: 5\n")
    path = write_plan(tmp_path, body)
    with pytest.raises(PlanError) as e:
        load_plan(path)
    found = {(d.code, d.location.line) for d in e.value.diagnostics}
    assert ("value", 12) in found  # the `duration:` key of the target
    zh = [d.in_lang("zh").render("zh") for d in e.value.diagnostics if d.key == "rule.target_field"]
    assert zh and "plan.yaml:12:" in zh[0] and "不能填写“duration”" in zh[0]


# -- the bundled plan ------------------------------------------------------------------------


def test_the_bundled_revenue_target_is_not_the_plans_span() -> None:
    plan = load_plan(BUNDLED)
    revenue = plan.task("econ-revenue")
    assert revenue.target and revenue.quantity is not None and revenue.deadline is None
    s = schedule(plan)
    # the H1 carry-overs keep their dates: the road design from 2023-02-01 starts the plan
    assert s.start == date(2023, 2, 1)
    assert not s.task("econ-revenue").critical
