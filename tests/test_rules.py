"""The plan rules (planner.domain.rules) on hand-built model objects: no file is read.

Each rule is checked for its code, its message and the place it asks the location function
for; the same finding from plan.yaml and from a task table has the same code; and a
property: the rules accept every plan the scheduler's plan generator makes, and never raise
on broken ones.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from planner.domain import rules
from planner.domain.diagnostics import Diagnostic, Location, PlanError
from planner.domain.model import Link, Plan, Quantity, Task
from planner.domain.rules import (
    CODES,
    field_rules,
    given_fields,
    inherit_owners,
    link_rules,
    plan_rules,
    task_rules,
)
from planner.exchange import table_read
from planner.planfiles.plan import check_plan, load_plan
from tests.test_schedule_properties import plans

DOCS = Path(__file__).resolve().parents[1] / "docs" / "plan-format.md"
START = date(2024, 3, 4)


def where(task: str | None, field: str) -> Location:
    """A location function as a table reader's: one 'cell' per task and field."""
    return Location(f"计划.xlsx 任务!{task or 'plan'}/{field}")


def plan_of(*tasks: Task, **header: object) -> Plan:
    return Plan(id="p", name="P", start=START, tasks=tasks, **header)  # type: ignore[arg-type]


def leaf(tid: str, **fields: object) -> Task:
    fields.setdefault("duration", 3)
    fields.setdefault("name", tid.upper())
    return Task(id=tid, **fields)  # type: ignore[arg-type]


def found(plan: Plan) -> list[tuple[str, str, str]]:
    """(code, message, location) of every finding, in order."""
    return [(d.code, d.message, str(d.location)) for d in plan_rules(plan, where)]


def one(plan: Plan) -> Diagnostic:
    (d,) = plan_rules(plan, where)
    return d


# -- each rule ---------------------------------------------------------------------------------


def test_a_valid_plan_passes_every_rule() -> None:
    plan = plan_of(Task(id="s", name="S", children=("a", "b")),
                   leaf("a", parent="s", depth=1),
                   leaf("b", parent="s", depth=1, after=(Link("a"),)),
                   leaf("m", duration=None, milestone=True, after=(Link("s"),)),
                   leaf("w", duration=None, start=START, finish=date(2024, 3, 8)),
                   leaf("o", duration=None, ongoing=True, finish=date(2024, 6, 28)))
    assert plan_rules(plan, where) == []
    assert check_plan(plan, where) == []


def test_duplicate_id_names_both_places() -> None:
    d = one(plan_of(leaf("a"), leaf("b"), leaf("a")))
    assert (d.code, d.task) == ("duplicate-id", "a")
    assert d.message == "task id 'a' is used twice (first at 计划.xlsx 任务!a/id)"
    assert d.hint == "give each task its own id"


def test_duplicate_id_from_a_file_names_the_first_line() -> None:
    first = Task(id="a", name="A", duration=1, location=Location("plan.yaml", 7, 5),
                 keys={"id": (7, 9)})
    again = replace(first, location=Location("plan.yaml", 14, 7), keys={"id": (14, 13)})
    d = one(plan_of(first, again))
    assert d.message == "task id 'a' is used twice (first at line 7)"
    assert str(d.location) == "plan.yaml:14:13"


def test_unknown_predecessor_with_did_you_mean() -> None:
    d = one(plan_of(leaf("road"), leaf("b", after=(Link("raod"),))))
    assert (d.code, d.message, d.hint) == (
        "unknown-task", "task 'b' follows unknown task 'raod'", "did you mean 'road'?")
    assert str(d.location) == "计划.xlsx 任务!b/after"
    d = one(plan_of(leaf("a"), leaf("b", after=(Link("zzz"),))))
    assert d.hint == "check the id in 'after:'"


def test_a_link_located_by_its_reader_keeps_its_place() -> None:
    d = one(plan_of(leaf("a", after=(Link("x", location=Location("plan.yaml", 3, 12)),))))
    assert str(d.location) == "plan.yaml:3:12"


def test_self_links_and_links_within_a_family() -> None:
    plan = plan_of(Task(id="s", name="S", children=("a", "t"), after=(Link("b"),)),
                   leaf("a", parent="s", depth=1, after=(Link("a"), Link("s"))),
                   Task(id="t", name="T", parent="s", depth=1, children=("b",)),
                   leaf("b", parent="t", depth=2, after=(Link("s"),)))
    assert [(c, m) for c, m, _ in found(plan)] == [
        ("cycle", "summary task 's' follows its own subtask 'b'"),
        ("cycle", "task 'a' follows itself"),
        ("cycle", "task 'a' follows its own summary task 's'"),
        ("cycle", "task 'b' follows its own summary task 's'"),
    ]


def test_dependency_cycles_are_found_with_the_network() -> None:
    plan = plan_of(leaf("a", after=(Link("c"),)), leaf("b", after=(Link("a"),)),
                   leaf("c", after=(Link("b"),)))
    assert plan_rules(plan, where) == []
    (d,) = check_plan(plan, where)
    assert d.code == "cycle" and d.message.startswith("dependency cycle: ")
    assert {"'a'", "'b'", "'c'"} <= set(re.findall(r"'\w'", d.message))
    assert str(d.location) == f"计划.xlsx 任务!{d.task}/id"


def test_summary_takes_no_leaf_only_field() -> None:
    plan = plan_of(Task(id="s", name="S", children=("a",), duration=4, estimate=(1, 2, 3)),
                   leaf("a", parent="s", depth=1))
    assert found(plan) == [
        ("summary", "summary task 's' cannot have 'duration': its dates and progress roll up "
         "from its children", "计划.xlsx 任务!s/duration:"),
        ("summary", "summary task 's' cannot have 'estimate': its dates and progress roll up "
         "from its children", "计划.xlsx 任务!s/estimate:"),
    ]


def test_a_leaf_needs_a_length() -> None:
    d = one(plan_of(Task(id="a", name="A")))
    assert (d.code, d.message, str(d.location)) == (
        "missing-key", "task 'a' has no duration", "计划.xlsx 任务!a/")


def test_finish_rules() -> None:
    late, early = date(2024, 3, 20), date(2024, 3, 10)
    assert found(plan_of(leaf("a", duration=None, finish=late))) == [
        ("finish-without-start", "task 'a' has 'finish' but no 'start'",
         "计划.xlsx 任务!a/finish:")]
    assert found(plan_of(leaf("a", duration=None, start=late, finish=early))) == [
        ("value", "task 'a' finishes (2024-03-10) before it starts (2024-03-20)",
         "计划.xlsx 任务!a/finish")]
    assert [c for c, _, _ in found(plan_of(leaf("a", start=early, finish=late)))] == [
        "duration-and-finish"]


def test_milestone_rules() -> None:
    assert found(plan_of(leaf("m", milestone=True, duration=2))) == [
        ("value", "task 'm' is a milestone but has duration 2", "计划.xlsx 任务!m/duration")]
    assert found(plan_of(leaf("m", duration=None, milestone=True, start=START,
                              finish=date(2024, 3, 8)))) == [
        ("value", "task 'm' is a milestone but has a 'finish'", "计划.xlsx 任务!m/finish:")]


def test_ongoing_rules() -> None:
    d = one(plan_of(leaf("o", duration=None, ongoing=True)))
    assert (d.code, d.message) == (
        "missing-key", "task 'o' is ongoing work but has no 'finish' and the plan has none")
    assert plan_rules(plan_of(leaf("o", duration=None, ongoing=True),
                              finish=date(2024, 12, 31)), where) == []
    d = one(plan_of(leaf("o", ongoing=True, start=START), finish=date(2024, 12, 31)))
    assert (d.code, d.message, str(d.location)) == (
        "value", "task 'o' is ongoing work: its length is its window, so it takes no "
        "'duration'", "计划.xlsx 任务!o/duration:")


def test_plan_window_rules() -> None:
    assert found(plan_of(leaf("a"), finish=date(2024, 1, 1))) == [
        ("value", "the plan finishes (2024-01-01) before it starts (2024-03-04)",
         "计划.xlsx 任务!plan/finish")]
    assert found(plan_of(leaf("a"), holidays=(date(2024, 5, 1),),
                         workdays=(date(2024, 5, 1),))) == [
        ("calendar", "2024-05-01 is listed both as a holiday and as a workday",
         "计划.xlsx 任务!plan/workdays")]
    assert found(plan_of(leaf("a", deadline=date(2020, 6, 30)))) == [
        ("value", "deadline 2020-06-30 of task 'a' is before 2023-01-01, a year before the "
         "plan's earliest start", "计划.xlsx 任务!a/deadline")]


def test_value_ranges() -> None:
    codes = {m: c for c, m, _ in found(plan_of(
        leaf("e", estimate=(5, 2, 9)), leaf("q", quantity=Quantity(0, "m")),
        leaf("b", budget=-1.0), leaf("d", duration=-3), leaf("n", name=" ")))}
    assert codes == {
        "estimate of task 'e' must be in order optimistic <= likely <= pessimistic, "
        "not [5, 2, 9]": "value",
        "quantity total of task 'q' must be more than 0": "value",
        "budget of task 'b' must be from 0 to 1e+15, not -1": "value",
        "duration of task 'd' must be from 0 to 36600 working days, not -3": "value",
        "task 'n' has an empty name": "value",
    }


def test_fields_a_reader_wrote_but_could_not_read() -> None:
    """`given` is what the source wrote: a finish written but unreadable still counts."""
    t = leaf("a", duration=None)
    assert field_rules(t, {"finish": True}, lambda f: where("a", f), None)[0].code == \
        "finish-without-start"
    assert task_rules(t, {"duration": True}, lambda f: where("a", f), None) == []
    assert given_fields(leaf("a", after=(Link("b"),))) == {"id": True, "name": True,
                                                        "duration": True, "after": True}


def test_codes_are_stable_and_documented() -> None:
    assert CODES == ("duplicate-id", "unknown-task", "cycle", "summary", "missing-key",
                     "finish-without-start", "duration-and-finish", "value", "calendar")
    text = DOCS.read_text(encoding="utf-8")
    for code in CODES:
        assert f"| `{code}` |" in text, code


def test_owners_are_inherited_from_summaries() -> None:
    tasks = inherit_owners([Task(id="s", name="S", owner="镇农办", children=("a", "b")),
                            leaf("a", parent="s"), leaf("b", parent="s", owner="水利站")])
    assert [t.owner for t in tasks] == ["镇农办", "镇农办", "水利站"]


def test_links_in_deep_and_wide_plans_are_checked_once_per_summary() -> None:
    """Ancestor chains are shared: a deep plan's links cost no walk per link."""
    tasks = [Task(id="s0", name="S", children=("s1",))]
    for depth in range(1, 20):
        kids = (f"s{depth + 1}",) if depth < 19 else tuple(f"x{i}" for i in range(2000))
        tasks.append(Task(id=f"s{depth}", name="S", parent=f"s{depth - 1}", depth=depth,
                          children=kids))
    tasks += [leaf(f"x{i}", parent="s19", depth=20,
                   after=(Link(f"x{i - 1}"), Link("s3"))) if i else leaf("x0", parent="s19")
              for i in range(2000)]
    found_ = link_rules(tasks, where)
    assert len(found_) == 1999 and {d.code for d in found_} == {"cycle"}


# -- the same rule from every source ------------------------------------------------------------


def test_a_duplicate_id_has_the_same_code_from_yaml_and_from_a_table(tmp_path: Path) -> None:
    yaml_file = tmp_path / "plan.yaml"
    yaml_file.write_text("plan:\n  id: p\n  name: P\n  start: 2024-03-04\ntasks:\n"
                         "  - id: a\n    name: A\n    duration: 1\n"
                         "  - id: a\n    name: B\n    duration: 1\n", encoding="utf-8")
    with pytest.raises(PlanError) as from_yaml:
        load_plan(yaml_file)
    wb = Workbook()
    ws = wb.active
    ws.title = "计划"
    ws.append(["编号", "任务", "工期", "开始"])
    ws.append(["a", "甲", 1, date(2024, 3, 4)])
    ws.append(["a", "乙", 1, None])
    book = tmp_path / "计划.xlsx"
    wb.save(book)
    with pytest.raises(PlanError) as from_table:
        table_read.read(book, "p")
    (y,) = from_yaml.value.diagnostics
    (t,) = from_table.value.diagnostics
    assert y.code == t.code == rules.DUPLICATE_ID
    assert str(y.location) == f"{yaml_file}:9:9"
    assert t.location.file == f"{book} 计划!A3"


# -- properties ----------------------------------------------------------------------------------


@pytest.mark.property
@settings(max_examples=200, deadline=None)
@given(plans(deadlines=True))
def test_the_rules_accept_every_generated_plan(plan: Plan) -> None:
    assert plan_rules(plan) == []
    assert check_plan(plan) == []


@pytest.mark.property
@settings(max_examples=200, deadline=None)
@given(plans(), st.randoms(use_true_random=False))
def test_the_rules_never_raise_on_broken_plans(plan: Plan, rnd: random.Random) -> None:
    ids = [t.id for t in plan.tasks] + ["zz", ""]
    broken = []
    for t in plan.tasks:
        change = rnd.randrange(6)
        if change == 0:
            t = replace(t, after=(*t.after, Link(rnd.choice(ids))))
        elif change == 1:
            t = replace(t, id=rnd.choice(ids[:-2]))
        elif change == 2:
            t = replace(t, finish=date(2023, 1, 2), milestone=rnd.random() < 0.5)
        elif change == 3:
            t = replace(t, parent=rnd.choice(ids), ongoing=True)
        broken.append(t)
    bad = replace(plan, tasks=tuple(broken), index={})
    for d in plan_rules(bad) + check_plan(bad):
        assert d.code in CODES and d.message


def test_a_rule_finding_speaks_the_users_language() -> None:
    where, first = Location("plan.yaml", 14, 13), Location("plan.yaml", 7, 5)
    d = rules.duplicate_id("a", where, first)
    assert d.render("en") == "plan.yaml:14:13: error: task id 'a' is used twice (first at " \
        "line 7) [duplicate-id]\n  hint: give each task its own id"
    zh = d.render("zh")
    assert zh.startswith("plan.yaml:14:13：错误：任务编号“a”重复使用（首次见第 7 行） "
                         "[duplicate-id]")
    assert "提示：请为每项任务设置不同的编号" in zh
    assert d.in_lang("zh").code == d.code and d.in_lang("zh").location == where
