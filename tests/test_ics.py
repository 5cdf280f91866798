"""Deadlines and milestones as an iCalendar file, parsed back with icalendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from icalendar import Calendar

from planner import Project
from planner.exchange import ics_write
from tests.conftest import BUNDLED, invoke

STAMP = datetime(2023, 11, 8, 9, 30, tzinfo=UTC)


def events(data: bytes) -> dict[str, Any]:
    cal = Calendar.from_ical(data)
    assert cal["version"] == "2.0" and cal["prodid"]
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def test_deadlines_and_milestones_are_all_day_events_with_forecast_margin_and_owner() -> None:
    project = Project.open(BUNDLED)
    written = ics_write.write(project, None, "zh", STAMP)
    data, count = written.data, written.count
    found = events(data)
    with_deadline = [t for t in project.plan.tasks if t.deadline]
    milestones = [t for t in project.plan.tasks if t.is_milestone]
    assert count == len(found) == len(with_deadline) + len(milestones)
    deadline = found["deadline-six-village-kickoff.yushan-2023h2@planner-cpm"]
    assert deadline["summary"] == "期限：六村抱团兴农共富联合体项目开工建设"  # stands alone
    assert deadline.decoded("dtstart") == date(2023, 7, 31)
    assert deadline.decoded("dtend") == date(2023, 8, 1)  # all day: the next day, exclusive
    assert str(deadline["description"]).split("\n") == [
        "计划完成：2023-07-14", "期限：2023-07-31", "余量：+11 个工作日", "责任单位：镇农办"]
    milestone = found["milestone-six-village-kickoff.yushan-2023h2@planner-cpm"]
    assert milestone["summary"] == "里程碑：六村抱团兴农共富联合体项目开工建设"
    assert milestone.decoded("dtstart") == date(2023, 7, 14)
    assert milestone.decoded("dtstamp") == STAMP
    assert str(milestone["transp"]) == "TRANSPARENT"


def test_with_a_data_date_the_forecast_moves_but_the_uids_stay() -> None:
    project = Project.open(BUNDLED)
    plan_only = events(ics_write.write(project, None, "en", STAMP).data)
    later = STAMP + timedelta(days=30)
    forecast = events(ics_write.write(project, date(2023, 11, 7), "en", later).data)
    assert forecast.keys() == plan_only.keys()  # a re-import updates, never duplicates
    done = forecast["milestone-six-village-done.yushan-2023h2@planner-cpm"]
    assert done.decoded("dtstart") == date(2023, 12, 27)  # forecast, was 2023-12-07
    assert plan_only["milestone-six-village-done.yushan-2023h2@planner-cpm"].decoded(
        "dtstart") == date(2023, 12, 7)
    assert int(done["sequence"]) > int(
        plan_only["milestone-six-village-done.yushan-2023h2@planner-cpm"]["sequence"])
    meters = str(forecast["deadline-water-meters.yushan-2023h2@planner-cpm"]["description"])
    assert "forecast finish: 2023-11-14" in meters
    assert "the deadline has passed; forecast 10 working days late" in meters  # 10-31
    assert "data date: 2023-11-07" in meters
    kickoff = str(forecast["deadline-six-village-kickoff.yushan-2023h2@planner-cpm"]
                  ["description"])
    # the forecast comes from the bundled invented progress: every event says so first
    assert kickoff.startswith("[ILLUSTRATIVE DATA] 虚构的演示数据")
    assert kickoff.splitlines()[1] == "finished: 2023-07-24"
    assert "ILLUSTRATIVE" not in str(plan_only["milestone-six-village-done.yushan-2023h2"
                                               "@planner-cpm"]["description"])


def test_text_is_escaped_and_lines_folded(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    name = "A, B; C\\D " + "长" * 80
    (folder / "plan.yaml").write_text(
        "plan: {id: p, name: P, start: 2023-07-03}\ntasks:\n"
        f"  - {{id: m, name: '{name}', owner: '镇,办', milestone: true, deadline: 2023-07-31}}\n",
        encoding="utf-8")
    data = ics_write.write(Project.open(folder), None, "en", STAMP).data
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    found = events(data)
    assert str(found["milestone-m.p@planner-cpm"]["summary"]) == f"Milestone: {name}"
    assert "owner: 镇,办" in str(found["deadline-m.p@planner-cpm"]["description"])


def test_cli_export_ics(tmp_path: Path) -> None:
    out = tmp_path / "y.ics"
    result = invoke(["export", str(BUNDLED), "-f", "ics", "--at", "2023-11-07", "-o", str(out),
                     "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "calendar written" in result.stderr and "forecast at 2023-11-07" in result.stderr
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    result = invoke(["export", str(BUNDLED), "-f", "ics", "--at", "2023-01-01", "-o", str(out)])
    assert result.exit_code == 1 and "没有数据日期在 2023-01-01 或之前的进度快照" in result.stderr
