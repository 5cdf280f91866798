"""Assumed values (`assumed: [...]`): checked against the task's own keys, inherited with an
owner, and marked in every output that shows them; the narrative says when a conclusion rests
on one."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from planner import Project
from planner.analysis.assumptions import assumed_keys, rests_on_assumption
from planner.domain.diagnostics import PlanError
from planner.domain.model import Plan, Task
from planner.domain.rules import plan_rules
from planner.exchange import mspdi_read, mspdi_write, table_read, table_write
from planner.planfiles.plan import load_plan
from planner.render.report import narrative
from planner.render.schedule import schedule_table
from planner.render.status import select, status_view
from planner.render.writers import terminal
from tests.conftest import BUNDLED, invoke, plan_from, write_plan

# A summary whose (assumed) owner two tasks take; one task assumes its duration, one its
# deadline; one owner is stated. Weekdays from Monday 2023-07-03.
BODY = """\
- id: s
  name: 工程
  owner: 镇建设办
  assumed: [owner]
  tasks:
    - id: a
      name: 设计
      duration: 5
      assumed: [duration]
    - id: b
      name: 施工
      owner: 施工专班
      after: [a]
      duration: 10
      deadline: 2023-07-14
      assumed: [deadline]
"""


def test_the_keys_named_must_be_keys_the_task_writes() -> None:
    plan = Plan(id="p", name="P", start=date(2023, 7, 3), tasks=(
        Task(id="a", name="A", duration=3, assumed=frozenset({"owner", "duraton"})),))
    found = sorted((d.key, d.message, d.hint) for d in plan_rules(plan))
    assert found == [
        ("rule.assumed_not_given", "task 'a' marks 'owner' as assumed but gives no 'owner' "
         "of its own", "give the task its own 'owner', or remove it from 'assumed' (an owner "
         "taken from the summary task is marked there)"),
        ("rule.assumed_unknown.close", "'duraton' in 'assumed' of task 'a' is not a key that "
         "can be marked as assumed", "did you mean 'duration'?"),
    ]
    zh = {d.key: d.in_lang("zh").message for d in plan_rules(plan)}
    assert zh["rule.assumed_not_given"] == "任务“a”将“owner”标为假设，但本任务没有填写“owner”"


def test_a_wrong_assumed_entry_is_located_in_the_file(tmp_path: Path) -> None:
    path = write_plan(tmp_path, "- id: a\n  name: A\n  duration: 3\n  assumed: [finish]\n")
    with pytest.raises(PlanError) as e:
        load_plan(path)
    (d,) = e.value.diagnostics
    assert (d.code, d.task, d.location.line, d.location.col) == ("value", "a", 10, 14)


def test_an_inherited_owner_takes_the_summarys_mark(tmp_path: Path) -> None:
    plan = plan_from(tmp_path, BODY)
    a, b = plan.task("a"), plan.task("b")
    assert (a.owner, a.assumed) == ("镇建设办", frozenset({"owner", "duration"}))
    assert (b.owner, b.assumed) == ("施工专班", frozenset({"deadline"}))  # its own, stated


def test_what_a_shown_value_rests_on(tmp_path: Path) -> None:
    plan = plan_from(tmp_path, BODY + "    - id: c\n      name: 验收\n      duration: 1\n"
                     "      after: [b]\n")
    assert assumed_keys(plan, "a", "finish") == ("duration",)  # start + assumed duration
    assert not rests_on_assumption(plan, "b", "finish")  # its own duration is stated
    assert rests_on_assumption(plan, "b", "deadline")
    assert rests_on_assumption(plan, "a", "owner") and not rests_on_assumption(plan, "b", "owner")
    # a deadline a summary gives is that summary's to assume
    up = plan_from(tmp_path / "up", BODY.replace("  assumed: [owner]\n",
                                                 "  deadline: 2023-07-31\n"
                                                 "  assumed: [owner, deadline]\n", 1))
    assert rests_on_assumption(up, "a", "deadline", date(2023, 7, 31))
    assert not rests_on_assumption(plan, "c", "deadline")  # none, own or above


def test_the_schedule_marks_assumed_values_and_says_what_the_mark_means(tmp_path: Path,
                                                                         ) -> None:
    project = Project.open(write_plan(tmp_path, BODY).parent)
    zh = schedule_table(project.schedule(), "zh")
    rows = {line.split()[0]: line for line in zh.splitlines() if line[:2] in ("s ", "a ", "b ")}
    assert "镇建设办＊" in rows["a"] and "07-07＊" in rows["a"]  # owner, finish (duration)
    assert "施工专班＊" not in rows["b"] and "07-14＊" in rows["b"]  # the deadline only
    assert rows["b"].count("＊") == 1
    assert zh.splitlines()[-1] == "注：带＊者为推定值（原文未写明，由计划编制人员推定），请予核实。"
    en = schedule_table(project.schedule(), "en")
    assert "镇建设办^" in en and en.splitlines()[-1].startswith("^ assumed: not stated")
    data = json.loads(invoke(["schedule", str(tmp_path), "--format", "json"]).stdout)
    assert {t["id"]: t["assumed"] for t in data["tasks"]} == {
        "s": ["owner"], "a": ["owner", "duration"], "b": ["deadline"]}
    table = list(csv.DictReader(io.StringIO(
        invoke(["schedule", str(tmp_path), "--format", "csv"]).stdout.lstrip("\ufeff"))))
    assert [r["assumed"] for r in table] == ["owner", "owner duration", "deadline"]


def test_a_plan_without_assumptions_shows_no_mark(tmp_path: Path) -> None:
    project = Project.open(write_plan(tmp_path, BODY.replace("assumed", "tags")).parent)
    assert "＊" not in schedule_table(project.schedule(), "zh")
    assert "推定" not in schedule_table(project.schedule(), "zh")


def test_the_review_marks_the_bundled_plans_assumed_values() -> None:
    project = Project.open(BUNDLED)
    t = project.track()
    zh = terminal(status_view(t, select(t), "zh", columns=200))
    lines = zh.splitlines()
    meters = next(x for x in lines if x.startswith("water-meters"))
    # the planned finish and the deadline are assumed ("预计10月份" read as 10-31)
    assert "2023-10-31＊" in meters and "-10＊" in meters
    # every owner of the group assumed: said once, on the column's header
    assert "责任单位＊" in lines[lines.index(next(x for x in lines if "一户一表" in x
                                                and x.startswith("▸"))) + 1]
    assert "注：带＊者为推定值" in lines[-1]
    # a stated owner, in a group of assumed ones, is left unmarked
    policy = next(x for x in lines if x.startswith("fangjing-policy"))
    assert "方镜线工作专班＊" not in policy and "2023-12-29＊" in policy
    data = json.loads(invoke(["status", str(BUNDLED), "--format", "json"]).stdout)
    by_id = {x["id"]: x for x in data["tasks"]}
    assert by_id["water-meters"]["assumed"] == ["owner", "start", "finish", "deadline"]
    assert by_id["fangjing-policy"]["assumed"] == ["finish"]


@pytest.mark.parametrize(("lang", "deadline", "overrun"), [
    ("zh", "该期限（2023年10月31日）系推定，原文未写明，上述判断以此为前提，请予核实。",
     "超出计划期由方镜线改建工程玉山段政策处理（红线内87.49亩）决定，其计划完成日期"
     "2023年12月29日系推定（原文未写明），超出天数以此为前提。"),
    ("en", "That deadline (2023-10-31) is an assumption, not stated by the plan's source: "
     "the finding rests on it.",
     "The overrun is driven by 方镜线改建工程玉山段政策处理（红线内87.49亩）, whose planned "
     "finish 2023-12-29 is an assumption (the plan's source does not state it): the overrun "
     "rests on it."),
])
def test_the_narrative_says_when_a_conclusion_rests_on_an_assumption(
        lang: str, deadline: str, overrun: str) -> None:
    text = narrative(Project.open(BUNDLED).track(), None, lang)
    # right after the missed deadline of the water meters, and after the overrun
    assert deadline in text and overrun in text
    assert text.index("请镇农办（水利）加快推进" if lang == "zh" else "镇农办（水利） should act") \
        < text.index(deadline)


@pytest.mark.parametrize("assumed", [False, True])
def test_the_narrative_says_it_only_of_assumed_values(tmp_path: Path, assumed: bool) -> None:
    # a 5-day task due Friday 07-07, half done on Monday 07-10: its deadline has passed
    body = "- id: a\n  name: 设计\n  duration: 5\n  deadline: 2023-07-07\n"
    header = ("plan:\n  id: t\n  name: Test\n  start: 2023-07-03\n  calendar: weekdays\n"
              "  lang: zh\n")
    path = write_plan(tmp_path, body + ("  assumed: [deadline]\n" if assumed else ""), header)
    (tmp_path / "status").mkdir()
    (tmp_path / "status" / "d.yaml").write_text(
        "plan: t\ndate: 2023-07-10\nprogress:\n  a: {started: 2023-07-03, percent: 50}\n",
        encoding="utf-8")
    text = narrative(Project.open(path.parent).track(), None, "zh")
    assert "设计的期限2023年7月7日已过" in text
    assert ("该期限（2023年7月7日）系推定" in text) is assumed


# -- exchange ----------------------------------------------------------------------------------


def test_ms_project_keeps_targets_and_assumed_values(tmp_path: Path) -> None:
    project = Project.open(BUNDLED)
    imported = mspdi_read.from_bytes(mspdi_write.write(project).data, "yushan.xml")
    (tmp_path / "plan.yaml").write_text(imported.files["plan.yaml"], encoding="utf-8")
    back = load_plan(tmp_path / "plan.yaml")
    assert back.task("econ-revenue").target
    assert [t.assumed for t in back.tasks] == [t.assumed for t in project.plan.tasks]


def test_the_task_table_has_a_column_for_each(tmp_path: Path) -> None:
    project = Project.open(BUNDLED)
    headers, rows = table_write.table_rows(project.plan, "zh")
    assert headers[-2:] == ["指标任务", "假设"]
    by_id = {r[0]: r for r in rows}
    assert by_id["econ-revenue"][-2:] == ["是", "owner, start"]
    assert by_id["water-meters"][-1] == "owner, start, finish, deadline"
    path = tmp_path / "计划.xlsx"
    path.write_bytes(table_write.write(project, None, "zh").data)
    plan = table_read.read(path).plan
    assert plan.task("econ-revenue").target
    assert [t.assumed for t in plan.tasks] == [t.assumed for t in project.plan.tasks]
    # written back as plan.yaml: an owner taken from the summary is marked there only
    text = table_read.read(path).files["plan.yaml"]
    assert "  - id: water-fees\n" in text.replace("    - id: water-fees", "  - id: water-fees")
    fees = text[text.index("- id: water-fees"):].split("- id:")[1]
    assert "owner:" not in fees and "assumed: [duration]" in fees
