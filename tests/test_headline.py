"""What the headlines say first: the plan's own period, in working days from its calendar,
whether work begun before it is carried over, and what drives an overrun."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner import Project
from planner.analysis.tracking import Tracking
from planner.render.schedule import period_clause, schedule_headline
from planner.render.status import headline, select
from tests.conftest import BUNDLED, schedule_of

# July 2023: Mon 3 .. Mon 31 are 21 working days (Sat 07-01 and Sun 07-02 are not)
JULY = ("plan:\n  id: t\n  name: Test\n  start: 2023-07-01\n  finish: 2023-07-31\n"
        "  calendar: weekdays\n")


def test_the_period_comes_first_in_working_days(tmp_path: Path) -> None:
    s = schedule_of(tmp_path, "- id: a\n  name: A\n  duration: 5\n", JULY)
    assert period_clause(s, "zh") == "计划期2023年7月1日至7月31日，21个工作日"
    assert period_clause(s, "en") == "Plan period 2023-07-01 to 2023-07-31, 21 working days"
    assert schedule_headline(s, "zh").startswith("Test：计划期2023年7月1日至7月31日，21个工作日；"
                                                 "全部任务2023年7月3日至7月7日，共5个工作日")


def test_work_begun_before_the_period_is_said_to_be_carried_over(tmp_path: Path) -> None:
    body = "- id: a\n  name: A\n  start: 2023-06-26\n  duration: 10\n"
    s = schedule_of(tmp_path, body, JULY)
    assert period_clause(s, "zh") == "计划期2023年7月1日至7月31日，21个工作日；含上半年延续任务"
    # a period that is not a second half-year: said in general words
    (tmp_path / "q").mkdir()
    october = JULY.replace("2023-07-01", "2023-10-01").replace("2023-07-31", "2023-10-31")
    s = schedule_of(tmp_path / "q", "- id: a\n  name: A\n  start: 2023-09-25\n"
                    "  duration: 10\n", october)
    assert period_clause(s, "zh").endswith("；含计划期前开始的延续任务")


def test_a_plan_without_a_period_keeps_its_headline(tmp_path: Path) -> None:
    s = schedule_of(tmp_path, "- id: a\n  name: A\n  duration: 5\n")
    assert period_clause(s, "zh") == ""
    assert schedule_headline(s, "en").startswith("Test: 2023-07-03 to 2023-07-07")


def test_the_bundled_schedule_headline_is_its_half_year() -> None:
    s = Project.open(BUNDLED).schedule()
    assert schedule_headline(s, "zh").startswith(
        "玉山镇2023年下半年重点工作：计划期2023年7月1日至12月31日，126个工作日；含上半年延续任务；")


def test_the_bundled_status_headline_names_the_overruns_driver() -> None:
    t = Project.open(BUNDLED).track()
    text = headline(t, select(t), "zh")
    assert text.startswith("计划期2023年7月1日至12月31日，126个工作日；含上半年延续任务；截至")
    assert t.driver == "fangjing-policy"
    assert text.endswith("，主要受方镜线改建工程玉山段政策处理（红线内87.49亩）"
                         "（方镜线工作专班）影响（其完成日期为推定值）")
    en = headline(t, select(t), "en")
    assert en.startswith("Plan period 2023-07-01 to 2023-12-31, 126 working days; includes "
                         "work carried over from the first half of the year. As of 2023-11-07")
    assert en.endswith(", mainly because of 方镜线改建工程玉山段政策处理（红线内87.49亩） "
                       "(方镜线工作专班) (whose finish is an assumption)")
    # one owner's review keeps its own headline: the period and the overrun are the plan's
    mine = headline(t, select(t, owner="镇治水办"), "zh", owner="镇治水办")
    assert "计划期" not in mine and "主要受" not in mine


def test_the_headline_says_when_the_drivers_date_is_assumed(
        monkeypatch: pytest.MonkeyPatch) -> None:
    t = Project.open(BUNDLED).track()
    monkeypatch.setattr(Tracking, "driver_assumed", property(lambda self: True))
    assert headline(t, select(t), "zh").endswith(
        "（方镜线工作专班）影响（其完成日期为推定值）")
    assert headline(t, select(t), "en").endswith("(whose finish is an assumption)")


def test_the_bundled_drivers_assumed_finish_is_said() -> None:
    t = Project.open(BUNDLED).track()
    assert t.driver == "fangjing-policy" and t.driver_assumed  # its finish: `assumed:`
    assert headline(t, select(t), "zh").endswith("影响（其完成日期为推定值）")
