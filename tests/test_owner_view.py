"""A review of one owner's tasks (`status --owner`) is about that owner: its counts, worst
slip, deadlines and earned value; the plan's overrun only as context, with the task that
drives it named."""

from __future__ import annotations

import json

from tests.conftest import BUNDLED, Result, invoke

OWNER = "镇治水办"


def status(*args: str) -> Result:
    result = invoke(["status", str(BUNDLED), *args])
    assert result.exit_code == 0, result.stderr
    return result


def test_an_owners_headline_is_the_owners_and_the_overrun_is_context() -> None:
    whole = status().stdout.splitlines()
    mine = status("--owner", OWNER).stdout.splitlines()
    # the whole plan's headline keeps its overrun, and the plan's earned value
    # the plan waits on the county's subsidy transfer (plans/panan-county-2023h2), forecast
    # for 12-01: the sewage work at 月坑 resumes 12-06 and runs the plan 21 days past
    assert "超出计划期（至2023年12月31日）21个工作日" in whole[1]
    assert whole[2].startswith("2项任务受其他计划制约：月坑污水终端提升建设须待")
    assert whole[3].startswith("挣值分析（3项有预算任务，预算合计170万元）")
    # the owner's: its own counts, without the plan's overrun as if it were its own
    headline, held, value, context = mine[1:5]
    # its 月坑 terminal waits on the county's subsidy transfer: said under the headline
    assert held.startswith("1项任务受其他计划制约：月坑污水终端提升建设须待磐安县县直部门")
    assert headline.startswith(f"{OWNER}，截至2023年11月7日：5项任务，已完成2项")
    assert "超出计划期" not in headline
    assert "拖期最多的是月坑污水终端提升建设，拖期72个工作日" in headline
    assert value.startswith(f"{OWNER}挣值分析（无预算，按基线工期加权的5项任务）")
    assert "170万元" not in "\n".join(mine)
    assert context == ("计划整体预计超出计划期21个工作日，主要受月坑污水终端提升建设（镇治水办）"
                       "影响（其完成日期为推定值）；该任务须待磐安县县直部门“拨付乡镇污水处理终端"
                       "提升改造项目县级补助资金”（县财政局）完成，按其预测最早于2023年12月6日恢复")


def test_an_owners_earned_value_is_of_its_own_tasks() -> None:
    doc = json.loads(status("--owner", OWNER, "-f", "json").stdout)
    tasks = doc["tasks"]
    assert {t["owner"] for t in tasks} == {OWNER} and len(tasks) == 5
    # no budgets among them: SPI is the duration-weighted percent done over that planned
    weights = [max(t["baseline_duration"], 1) for t in tasks]
    done = sum(w * t["actual_percent"] for w, t in zip(weights, tasks, strict=True))
    due = sum(w * t["planned_percent"] for w, t in zip(weights, tasks, strict=True))
    owner = doc["owner"]
    assert owner["name"] == OWNER and owner["basis"] == "duration"
    assert owner["basis_tasks"] == 5
    assert abs(owner["spi"] - done / due) < 0.001
    assert owner["spi"] != doc["project"]["spi"]
    assert owner["context"].startswith("计划整体预计超出计划期21个工作日")
    assert owner["overrun_driver"] == "sewage-yuekeng"
    assert "超出计划期" not in doc["headline"]
    # an owner with budgeted work: its earned value on its own budget
    civil = json.loads(status("--owner", "镇民政办", "-f", "json").stdout)
    budgeted = [t for t in civil["tasks"] if t["bac"]]
    assert civil["owner"]["basis"] == "budget"
    assert civil["owner"]["bac"] == sum(t["bac"] for t in budgeted) == 500000
    assert abs(civil["owner"]["ev"] - sum(t["ev"] for t in budgeted)) < 1


def test_an_owners_review_in_english() -> None:
    lines = status("--owner", OWNER, "--lang", "en").stdout.splitlines()
    assert lines[1].startswith(f"{OWNER} — As of 2023-11-07: 5 tasks")
    assert "past the plan's period" not in lines[1]
    assert lines[2].startswith("1 task(s) held by other plans: 月坑污水终端提升建设 waits on")
    assert lines[4] == ("The plan as a whole is forecast to run 21 working days past its "
                        "period, mainly because of 月坑污水终端提升建设 (镇治水办) (whose finish "
                        "is an assumption); it waits on 磐安县县直部门's '拨付乡镇污水处理终端"
                        "提升改造项目县级补助资金' (县财政局), forecast to let it go on from "
                        "2023-12-06")


def test_the_whole_plans_json_has_no_owner_part() -> None:
    doc = json.loads(status("-f", "json").stdout)
    assert "owner" not in doc and "超出计划期（至2023年12月31日）21个工作日" in doc["headline"]
