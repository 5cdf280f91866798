"""One rule for the tasks a meeting follows: every watcher asks `Plan.watched`.

Before the rule was written once, the same plan gave five answers: diff followed the
children that inherit a summary's deadline, risk left out ongoing work, the others
followed own deadlines and milestones.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from planner import Project
from planner.render.gantt import milestone_rows
from tests.conftest import write_plan

BODY = """\
- id: phase
  name: 第一阶段
  deadline: 2023-07-28
  tasks:
    - id: dig
      name: 开挖
      owner: 镇建设办
      duration: 5
    - id: pour
      name: 浇筑
      owner: 镇建设办
      duration: 5
      after: [dig]
- id: gate
  name: 阶段验收
  milestone: true
  after: [phase]
- id: patrol
  name: 日常巡查
  owner: 镇治水办
  ongoing: true
  start: 2023-07-03
  finish: 2023-12-29
  deadline: 2023-12-29
- id: report
  name: 总结报告
  duration: 3
  after: [gate]
  deadline: 2023-08-04
- id: tidy
  name: 资料整理
  duration: 2
  after: [report]
"""


def _project(tmp_path: Path) -> Project:
    write_plan(tmp_path, BODY)
    status = tmp_path / "status"
    status.mkdir()
    (status / "2023-07-07.yaml").write_text(
        "plan: t\ndate: 2023-07-07\nprogress:\n  dig: {started: 2023-07-03, percent: 40}\n",
        encoding="utf-8")
    (status / "2023-07-14.yaml").write_text(
        "plan: t\ndate: 2023-07-14\nprogress:\n  dig: {started: 2023-07-03, percent: 80}\n",
        encoding="utf-8")
    return Project.open(tmp_path)


def test_the_rule_own_deadlines_and_milestones_in_plan_order(tmp_path: Path) -> None:
    plan = _project(tmp_path).plan
    assert [plan.tasks[i].id for i in plan.watched] == ["phase", "gate", "patrol", "report"]
    # children only inherit the summary's deadline: watched once, on the summary
    assert not plan.task("dig").is_watched and not plan.task("pour").is_watched
    assert not plan.task("tidy").is_watched


def test_every_watcher_follows_the_same_tasks(tmp_path: Path) -> None:
    p = _project(tmp_path)
    watched = [p.plan.tasks[i].id for i in p.plan.watched]

    trend = p.trend()
    assert [line.id for line in trend.lines] == watched

    diff = p.diff(date(2023, 7, 7), date(2023, 7, 14))
    assert [m.id for m in diff.moved] == watched

    _, rows, _ = milestone_rows(p.schedule(), p.track(), "zh")
    assert [row[0] for row in rows] == watched

    from planner.exchange import ics_write

    exported = ics_write.write(p, stamp=datetime(2023, 7, 1, tzinfo=UTC))
    text, count = exported.data.decode(), exported.count
    assert count == len([i for i in p.plan.watched
                         for k in ("deadline", "milestone")
                         if (k == "deadline" and p.plan.tasks[i].deadline)
                         or (k == "milestone" and p.plan.tasks[i].is_milestone)])
    for task_id in watched:
        assert f"-{task_id}.t@planner-cpm" in text
    for task_id in ("dig", "pour", "tidy"):
        assert f"-{task_id}.t@planner-cpm" not in text

    # risk simulates the watched tasks whose finish is uncertain: ongoing work spans a
    # fixed window, so it is watched but not simulated
    risk = p.simulate(iterations=200, seed=1)
    assert [t.id for t in risk.targets if t.id is not None] == \
        [t for t in watched if t != "patrol"]
