"""Recording progress from the command line: one entry changes, every other byte stays."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from planner import Project
from tests.conftest import BUNDLED, invoke

NOV = "status/2023-11-07.yaml"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    folder = tmp_path / "plan"
    shutil.copytree(BUNDLED, folder)
    return folder


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    import difflib

    out = []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line[:2] in ("- ", "+ "):
            out.append((line[0], line[2:]))
    return out


def test_update_changes_one_entry_and_keeps_comments_and_order(plan: Path) -> None:
    before = (plan / NOV).read_text(encoding="utf-8")
    result = invoke(["update", str(plan), "water-meters", "--at", "2023-11-07",
                     "--done", "1750", "--finished", "2023-11-06", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "water-meters updated (finished — -> 2023-11-06, done 1700 -> 1750)" in result.stdout
    after = (plan / NOV).read_text(encoding="utf-8")
    # the finish goes after the start (the format's order); the stale 'remaining' goes
    assert sorted(changed_lines(before, after)) == sorted([
        ("-", "    done: 1700"), ("-", "    remaining: 5"),
        ("+", "    finished: 2023-11-06"), ("+", "    done: 1750")])
    lines = after.splitlines()
    at = lines.index("  water-meters:")
    assert lines[at + 1:at + 4] == ["    started: 2023-05-04", "    finished: 2023-11-06",
                                    "    done: 1750"]
    assert lines[at + 4].startswith("    note: 佳村剩余约50户")
    t = Project.open(plan).track()
    assert t.task("water-meters").state == "done"


def test_update_a_flow_entry_in_place(plan: Path) -> None:
    before = (plan / NOV).read_text(encoding="utf-8")
    assert invoke(["update", str(plan), "econ-invest", "--at", "2023-11-07", "--percent", "75",
                   "--note", "签约落地项目2个"]).exit_code == 0
    after = (plan / NOV).read_text(encoding="utf-8")
    old = "  econ-invest: {started: 2023-07-03, percent: 71, note: 签约落地项目1个，在谈项目2个}"
    new = "  econ-invest: {started: 2023-07-03, percent: 75, note: 签约落地项目2个}"
    assert changed_lines(before, after) == [("-", old), ("+", new)]


def test_update_creates_the_snapshot_from_the_latest_reports(plan: Path) -> None:
    result = invoke(["update", str(plan), "road-design", "--at", "2023-11-20",
                     "--note", "验收完成"])
    assert result.exit_code == 0 and "已新建快照并记录 road-design" in result.stdout
    text = (plan / "status" / "2023-11-20.yaml").read_text(encoding="utf-8")
    assert text == ("plan: yushan-2023h2\ndate: 2023-11-20\nprogress:\n"
                    "  road-design: {started: 2023-02-01, finished: 2023-04-28, note: 验收完成}\n")
    assert result.stderr == ""  # the finished report is carried into the new entry whole
    t = Project.open(plan).track()
    assert t.date.isoformat() == "2023-11-20" and t.task("road-design").state == "done"


def test_a_bad_value_leaves_the_file_untouched(plan: Path) -> None:
    before = (plan / NOV).read_bytes()
    result = invoke(["update", str(plan), "water-meters", "--at", "2023-11-07",
                     "--done", "1800"])
    assert result.exit_code == 1 and "完成量 1800 超出 0–1750 户" in result.stderr  # zh plan
    assert "2023-11-07.yaml:" in result.stderr
    assert (plan / NOV).read_bytes() == before
    assert [p.name for p in (plan / "status").iterdir() if p.name.startswith(".")] == []
    assert invoke(["update", str(plan), "water-meters", "--at", "2023-11-07",
                   "--finished", "2023-11-30"]).exit_code == 1  # after the data date
    assert (plan / NOV).read_bytes() == before


def test_unknown_task_and_conflicting_options(plan: Path) -> None:
    result = invoke(["update", str(plan), "water-meter", "--percent", "5"])
    assert result.exit_code == 1 and "是否应为“water-meters”？" in result.stderr
    result = invoke(["update", str(plan), "water-meters", "--percent", "5", "--done", "4"])
    assert result.exit_code == 2 and "--percent 和 --done" in result.stderr
    assert invoke(["update", str(plan), "water-meters"]).exit_code == 2  # nothing to record


def test_lower_progress_warns_unless_a_correction(plan: Path) -> None:
    result = invoke(["update", str(plan), "econ-land", "--at", "2023-11-20",
                     "--percent", "60"])
    assert result.exit_code == 0
    assert "：警告：" in result.stderr and "econ-land" in result.stderr  # a Chinese plan
    assert "60" in result.stderr and "71" in result.stderr
    again = invoke(["update", str(plan), "econ-invest", "--at", "2023-11-20",
                    "--percent", "60", "--correct"])
    assert again.exit_code == 0 and again.stderr == ""
    assert "correct: true" in (plan / "status" / "2023-11-20.yaml").read_text()


def test_record_refuses_an_existing_snapshot_when_asked(plan: Path) -> None:
    from datetime import date

    from planner import PlanError

    with pytest.raises(PlanError) as err:
        Project.open(plan).record(date(2023, 11, 7), {"econ-land": {"percent": 80}},
                                  existing="refuse")
    assert err.value.diagnostics[0].code == "exists"
    dry = Project.open(plan).record(date(2023, 11, 7), {"econ-land": {"percent": 80}},
                                    dry_run=True)
    assert not dry.written and "percent: 80" in dry.text
    assert "percent: 71" in (plan / NOV).read_text(encoding="utf-8")


def test_a_data_date_far_after_today_is_refused_unless_forced(plan: Path) -> None:
    from datetime import date, timedelta

    ahead = date.today() + timedelta(days=400)  # 2032 for 2023: a typo more likely than not
    result = invoke(["update", str(plan), "water-meters", "--at", ahead.isoformat(),
                     "--percent", "98", "--lang", "en"])
    assert result.exit_code == 1
    assert f"error: the data date {ahead} is 400 days after today" in result.stderr
    assert "add --force" in result.stderr
    assert not (plan / "status" / f"{ahead}.yaml").exists()
    forced = invoke(["update", str(plan), "water-meters", "--at", ahead.isoformat(),
                     "--percent", "98", "--force"])
    assert forced.exit_code == 0 and (plan / "status" / f"{ahead}.yaml").exists()
    assert f"警告：数据日期 {ahead} 晚于今天 400 天" in forced.stderr  # the plan's language


def test_an_update_keeps_a_windows_editors_bom_and_line_ends(plan: Path) -> None:
    path = plan / "status" / "2023-11-07.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    first = invoke(["update", str(plan), "water-meters", "--at", "2023-11-07", "--percent", "98"])
    assert first.exit_code == 0 and "已更新" in first.stdout
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\n" not in raw.replace(b"\r\n", b"")
    assert b"percent: 98\r\n" in raw and b"done: 1700" not in raw  # the measure replaced
    again = invoke(["update", str(plan), "water-meters", "--at", "2023-11-07", "--percent", "98"])
    assert "无变化" in again.stdout and path.read_bytes() == raw


def test_update_errors_speak_of_the_options_and_the_entry_not_written(plan: Path) -> None:
    # six-village-kickoff was reported finished: 50 % contradicts the report it builds on
    result = invoke(["update", str(plan), "six-village-kickoff", "--at", "2023-11-30",
                     "--percent", "50"])
    assert result.exit_code == 1
    assert "（见于 update 将写入的条目：该任务最近一次报告加上所给选项）" in result.stderr
    assert "请删除“percent” (--percent)" in result.stderr
    english = invoke(["update", str(plan), "six-village-kickoff", "--at", "2023-11-30",
                      "--percent", "50", "--lang", "en"])
    assert "(in the entry update would have written: the task's latest report with your " \
        "options)" in english.stderr
    assert "remove 'percent' (--percent)" in english.stderr
    assert not (plan / "status" / "2023-11-30.yaml").exists()


# -- no surprise snapshot ---------------------------------------------------------------------


def test_update_without_at_changes_the_latest_snapshot_and_says_its_date(plan: Path) -> None:
    """The measured failure: without --at, a one-task snapshot dated today (three years after
    the plan) became the latest, and every review said "超出计划期 767 个工作日"."""
    names = sorted(p.name for p in (plan / "status").iterdir())
    before = (plan / NOV).read_text(encoding="utf-8")
    result = invoke(["update", str(plan), "econ-invest", "--percent", "75"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"{plan / NOV}：已更新最新一期快照（数据日期 2023-11-07）中的 "
                             "econ-invest（完成百分比 71 → 75）\n")
    assert sorted(p.name for p in (plan / "status").iterdir()) == names
    entry = "  econ-invest: {started: 2023-07-03, percent: %d, note: 签约落地项目1个，在谈项目2个}"
    assert changed_lines(before, (plan / NOV).read_text(encoding="utf-8")) == [
        ("-", entry % 71), ("+", entry % 75)]
    assert Project.open(plan).track().date.isoformat() == "2023-11-07"
    en = invoke(["update", str(plan), "econ-invest", "--percent", "75", "--lang", "en"])
    assert en.stdout == (f"{plan / NOV}: econ-invest unchanged in the latest snapshot, of "
                         "2023-11-07 (percent 75 -> 75)\n")


def test_update_without_at_and_without_a_snapshot_asks_for_at(plan: Path) -> None:
    shutil.rmtree(plan / "status")
    result = invoke(["update", str(plan), "water-meters", "--percent", "99", "--lang", "en"])
    assert result.exit_code == 1
    assert "the plan has no status snapshot yet; give the data date with --at" in result.stderr
    assert "a new snapshot needs its data date, e.g. --at 2023-11-30" in result.stderr
    assert not (plan / "status").exists()


def test_a_data_date_far_from_the_plans_period_is_refused_unless_forced(plan: Path) -> None:
    from datetime import date

    from planner import PlanError

    # the plan runs 2023-07-01 .. 2023-12-31; its latest snapshot is 2023-11-07
    project = Project.open(plan)
    assert project.far_dates(date(2024, 3, 30)) == ()  # 90 days after the period's end
    (late,) = project.far_dates(date(2024, 3, 31))  # 91
    assert late.message == ("the data date 2024-03-31 is 91 days after the end of the plan's "
                            "period (2023-12-31) and its latest snapshot")
    assert late.render("zh").endswith(
        "错误：数据日期 2024-03-31 晚于计划期末（2023-12-31）及最新一期快照 91 天 [date]\n"
        "  提示：请核对数据日期（--at）：进度按数据日期记入快照，此后每次评审都以最新一期快照为准；"
        "确认无误请加 --force")
    assert project.far_dates(date(2023, 4, 2)) == ()  # 90 days before the start
    (early,) = project.far_dates(date(2023, 4, 1))
    assert early.message == "the data date 2023-04-01 is 91 days before the plan's start " \
        "(2023-07-01)"
    result = invoke(["update", str(plan), "water-meters", "--at", "2025-06-30", "--percent", "99",
                     "--lang", "en"])
    assert result.exit_code == 1 and "is 547 days after the end of the plan's period" \
        in result.stderr  # 2023-12-31 + 366 + 181
    assert not (plan / "status" / "2025-06-30.yaml").exists()
    forced = invoke(["update", str(plan), "water-meters", "--at", "2025-06-30", "--percent", "99",
                     "--lang", "en",
                     "--force"])
    assert forced.exit_code == 0
    assert "warning: the data date 2025-06-30 is 547 days after" in forced.stderr
    # a late project tracked on: within 90 days of its latest snapshot is no surprise
    later = Project.open(plan)
    assert later.far_dates(date(2025, 9, 28)) == ()
    with pytest.raises(PlanError):
        later.record(date(2025, 9, 29), {"water-meters": {"percent": 100}})
