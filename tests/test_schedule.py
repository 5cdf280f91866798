"""Hand-worked schedules: the expected dates are worked out by hand in each test.

All plans start Monday 2023-07-03 on a weekdays calendar unless they say otherwise.
July 2023: Mon 3 … Fri 7, Mon 10 … Fri 14, Mon 17 … Fri 21.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from textwrap import dedent

import pytest

from tests.conftest import assert_dates, assert_late, plan_from, schedule_of

A5 = "- id: a\n  name: A\n  duration: 5\n"  # Mon 07-03 .. Fri 07-07


@pytest.mark.parametrize(("link", "duration", "start", "finish"), [
    ("a", 3, "2023-07-10", "2023-07-12"),  # FS: the next working day after Fri 07-07
    ("a FS", 3, "2023-07-10", "2023-07-12"),
    ("a FS+2", 3, "2023-07-12", "2023-07-14"),  # two working days' wait: Mon, Tue
    ("a FS-2", 3, "2023-07-06", "2023-07-10"),  # lead: starts Thu, overlapping A's last 2 days
    ("a SS", 2, "2023-07-03", "2023-07-04"),
    ("a SS+1", 3, "2023-07-04", "2023-07-06"),
    ("a FF", 2, "2023-07-06", "2023-07-07"),  # finishes with A
    ("a FF+1", 2, "2023-07-07", "2023-07-10"),  # finishes Mon, one day after A
    ("a FF-1", 2, "2023-07-05", "2023-07-06"),
    ("a SF+3", 2, "2023-07-04", "2023-07-05"),  # finishes 3 days after A starts (end of Wed)
    ("a SF+6", 2, "2023-07-07", "2023-07-10"),
    ("a FS+1w", 1, "2023-07-17", "2023-07-17"),  # 1w = 5 working days
])
def test_each_link_type_with_lags_and_leads(tmp_path: Path, link: str, duration: int,
                                            start: str, finish: str) -> None:
    s = schedule_of(tmp_path, A5 + f"- id: b\n  name: B\n  duration: {duration}\n"
                    f"  after: [{link}]\n")
    assert_dates(s, "a", "2023-07-03", "2023-07-07")
    assert_dates(s, "b", start, finish)


def test_lead_cannot_pull_a_task_before_the_plan_start(tmp_path: Path) -> None:
    s = schedule_of(tmp_path, A5 + "- id: b\n  name: B\n  duration: 2\n  after: [a SF]\n")
    assert_dates(s, "b", "2023-07-03", "2023-07-04")  # SF alone would allow end of Fri 06-30


def test_mapping_form_means_the_same_as_text(tmp_path: Path) -> None:
    s = schedule_of(tmp_path, A5 + "- id: b\n  name: B\n  duration: 3\n"
                    "  after: [{task: a, type: SS, lag: 1}]\n")
    assert_dates(s, "b", "2023-07-04", "2023-07-06")


def test_start_no_earlier_than(tmp_path: Path) -> None:
    s = schedule_of(tmp_path, A5 + dedent("""\
        - id: b
          name: B
          start: 2023-07-08
          duration: 2
        - id: c
          name: C
          start: 2023-07-04
          after: [a]
          duration: 1
        """))
    assert_dates(s, "b", "2023-07-10", "2023-07-11")  # Sat 07-08 -> Mon 07-10
    assert_dates(s, "c", "2023-07-10", "2023-07-10")  # the link is later than its start


def test_explicit_start_before_the_plan_start_is_kept(tmp_path: Path) -> None:
    s = schedule_of(tmp_path, "- id: old\n  name: Carried over\n  start: 2023-06-26\n"
                    "  duration: 3\n- id: new\n  name: New\n  duration: 1\n")
    assert_dates(s, "old", "2023-06-26", "2023-06-28")
    assert_dates(s, "new", "2023-07-03", "2023-07-03")
    assert str(s.start) == "2023-06-26"


def test_start_and_finish_give_the_duration(tmp_path: Path) -> None:
    s = schedule_of(tmp_path, "- id: a\n  name: A\n  start: 2023-07-03\n  finish: 2023-07\n")
    assert_dates(s, "a", "2023-07-03", "2023-07-31")
    assert s.task("a").duration == 21  # weekdays in July 2023 from the 3rd


def test_milestones(tmp_path: Path) -> None:
    s = schedule_of(tmp_path, A5 + dedent("""\
        - id: m
          name: A done
          milestone: true
          after: [a]
        - id: b
          name: B
          duration: 2
          after: [m]
        - id: kickoff
          name: Kick-off
          duration: 0
        - id: c
          name: C
          duration: 1
          after: [kickoff]
        """))
    assert_dates(s, "m", "2023-07-07", "2023-07-07")  # the day A finishes
    assert s.task("m").duration == 0
    assert_dates(s, "b", "2023-07-10", "2023-07-11")  # as if it followed A directly
    assert_dates(s, "kickoff", "2023-07-03", "2023-07-03")  # no predecessor: the plan start
    assert_dates(s, "c", "2023-07-03", "2023-07-03")  # starts the same morning


SUMMARY = """\
- id: prep
  name: Preparation
  duration: 2
- id: build
  name: Build
  after: [prep]
  tasks:
    - id: walls
      name: Walls
      duration: 3
    - id: roof
      name: Roof
      duration: 2
      after: [walls]
    - id: paint
      name: Paint
      duration: 1
- id: handover
  name: Handover
  duration: 1
  after: [build]
- id: inspect
  name: Inspect
  duration: 1
  after: [build SS+1]
"""


def test_summary_rolls_up_and_links_apply_to_its_children(tmp_path: Path) -> None:
    s = schedule_of(tmp_path, SUMMARY)
    assert_dates(s, "prep", "2023-07-03", "2023-07-04")
    assert_dates(s, "walls", "2023-07-05", "2023-07-07")  # the link into 'build' holds each child
    assert_dates(s, "paint", "2023-07-05", "2023-07-05")
    assert_dates(s, "roof", "2023-07-10", "2023-07-11")
    assert_dates(s, "build", "2023-07-05", "2023-07-11")  # first start .. last finish
    assert s.task("build").duration == 5
    assert_dates(s, "handover", "2023-07-12", "2023-07-12")  # after the last child
    assert_dates(s, "inspect", "2023-07-06", "2023-07-06")  # 1 day after the first start


def test_summary_late_dates_and_floats(tmp_path: Path) -> None:
    s = schedule_of(tmp_path, SUMMARY)
    # critical chain: prep -> walls -> roof -> handover (finish Wed 07-12)
    assert [s.task(t).critical for t in ("prep", "walls", "roof", "handover")] == [True] * 4
    assert s.task("paint").total_float == 4  # may slip to Tue 07-11 with the roof
    assert_late(s, "paint", "2023-07-11", "2023-07-11")
    assert s.task("inspect").total_float == 4  # free until the project ends
    assert s.task("build").total_float == 0 and s.task("build").critical
    assert s.critical_paths[0] == ("prep", "walls", "roof", "handover")


def test_free_float_versus_total_float(tmp_path: Path) -> None:
    s = schedule_of(tmp_path, """\
        - id: a
          name: A
          duration: 2
        - id: b
          name: B
          duration: 1
          after: [a]
        - id: c
          name: C
          duration: 5
        - id: d
          name: D
          duration: 1
          after: [b, c]
        """)
    # a (2) -> b (1) -> d; c (5) -> d. d starts Mon 07-10.
    assert_dates(s, "d", "2023-07-10", "2023-07-10")
    assert (s.task("a").total_float, s.task("a").free_float) == (2, 0)  # a pushes b at once
    assert (s.task("b").total_float, s.task("b").free_float) == (2, 2)
    assert (s.task("c").total_float, s.task("c").free_float) == (0, 0)
    assert_late(s, "a", "2023-07-05", "2023-07-06")


def test_deadline_in_the_past_of_the_schedule_gives_negative_float(tmp_path: Path) -> None:
    s = schedule_of(tmp_path, """\
        - id: a
          name: A
          duration: 5
        - id: b
          name: B
          duration: 5
          after: [a]
          deadline: 2023-07-12
        - id: c
          name: C
          duration: 3
        """)
    # b finishes Fri 07-14, the deadline is Wed 07-12: 2 working days late
    b = s.task("b")
    assert b.margin == -2 and b.total_float == -2 and b.critical
    assert s.task("a").total_float == -2  # the whole chain is pulled
    assert_late(s, "b", "2023-07-06", "2023-07-12")
    assert s.task("c").total_float == 7  # not on the chain: its float is against the end
    (warning,) = s.diagnostics
    assert warning.code == "deadline" and warning.task == "b"
    assert warning.location.line == 14  # the deadline key


def test_deadline_on_a_weekend_means_the_working_day_before(tmp_path: Path) -> None:
    s = schedule_of(tmp_path, "- id: a\n  name: A\n  duration: 5\n  deadline: 2023-07-09\n")
    assert s.task("a").margin == 0  # Fri 07-07 meets a Sunday deadline exactly


def test_summary_deadline_binds_its_children(tmp_path: Path) -> None:
    s = schedule_of(tmp_path, """\
        - id: s
          name: S
          deadline: 2023-07-06
          tasks:
            - id: x
              name: X
              duration: 5
        """)
    assert s.task("x").total_float == -1 and s.task("s").total_float == -1


def test_chinese_calendar_across_national_day(tmp_path: Path) -> None:
    header = "plan:\n  id: t\n  name: T\n  start: 2023-09-27\n  calendar: cn\n"
    s = schedule_of(tmp_path, "- id: a\n  name: A\n  duration: 5\n- id: b\n  name: B\n"
                    "  duration: 1\n  after: [a]\n", header)
    # Wed 27, Thu 28, (29 Sep - 6 Oct off), make-up Sat 7 and Sun 8, then Mon 9
    assert_dates(s, "a", "2023-09-27", "2023-10-09")
    assert_dates(s, "b", "2023-10-10", "2023-10-10")


def test_bundled_plan_meets_every_deadline_and_its_zero_float_is_only_pinned_dates() -> None:
    from planner.engine.schedule import schedule
    from planner.planfiles.plan import load_plan
    from tests.conftest import BUNDLED

    s = schedule(load_plan(BUNDLED))
    assert s.diagnostics == ()  # the approved plan meets every deadline
    assert all(t.total_float >= 0 for t in s.tasks)
    assert s.finish == max(t.finish for t in s.tasks)
    # its tasks of no float have a start and a finish of the plan's own: 方镜线's finish
    # assumed at the year's end, 一户一表's finish assumed on its deadline, and the policy
    # work before it. None of them is the critical path.
    assert set(s.pinned) == {"fangjing-policy", "water-policy", "water-meters"}
    # the plan runs from its earliest carried-over work (the road design, from 2023-02-01),
    # not from the annual revenue target's window (2023-01-03): a target makes no date
    assert s.start == date(2023, 2, 1) == s.task("road-design").start
    revenue = s.task("econ-revenue")
    assert (revenue.start, revenue.finish) == (date(2023, 1, 3), date(2023, 12, 29))
    assert not revenue.critical
    assert s.critical_paths == ()
    assert not any(t.critical for t in s.tasks)
    # the seed's flagship chain (六村抱团: 7月开工 → 12月底前主体) is the one to watch
    assert s.near_critical[0] == ("six-village-team", "six-village-kickoff",
                                  "six-village-build", "six-village-done")
    assert min(s.task(i).total_float for i in s.near_critical[0]) == 11


# July 2023: Mon 3 .. Fri 7, Mon 10 .. Fri 14, Mon 17 .. Fri 21, Mon 24 .. Fri 28
PINNED = """\
- id: yearly
  name: Yearly
  tasks:
    - id: target
      name: Target
      start: 2023-07-03
      finish: 2023-07-28
- id: a
  name: A
  duration: 5
- id: b
  name: B
  after: [a]
  duration: 10
- id: f
  name: F
  after: [b]
  start: 2023-07-10
  finish: 2023-07-14
- id: c
  name: C
  start: 2023-07-03
  finish: 2023-07-07
- id: d
  name: D
  after: [c]
  duration: 3
  deadline: 2023-07-12
- id: g
  name: G
  duration: 12
- id: h
  name: H
  duration: 3
- id: i
  name: I
  after: [h]
  duration: 5
"""


def test_critical_is_through_logic_or_a_deadline_not_a_tasks_own_dates(
        tmp_path: Path) -> None:
    s = schedule_of(tmp_path, PINNED)
    # target 07-03..07-28 (20 days) ends the plan, but only because its dates say so
    assert_dates(s, "target", "2023-07-03", "2023-07-28")
    assert s.task("target").total_float == 0 and not s.task("target").critical
    assert not s.task("yearly").critical  # a summary is critical only through its tasks
    # a 07-03..07-07, b 07-10..07-21, f pushed off its own 07-10 to 07-24..07-28: logic
    assert_dates(s, "f", "2023-07-24", "2023-07-28")
    # c's dates are its own; d 07-10..07-12 finishes on its deadline: critical by it
    assert s.task("c").total_float == 0 and s.task("d").margin == 0
    assert sorted(s.critical_paths) == [("a", "b", "f"), ("d",)]
    assert set(s.pinned) == {"target", "c"}
    # g 07-03..07-18: 8 days of float; h 07-03..07-05, i 07-06..07-12: 12 days
    assert (s.task("g").total_float, s.task("i").total_float) == (8, 12)
    assert s.near_critical == (("g",), ("h", "i"))  # least float first


def test_near_critical_follows_the_plan_header(tmp_path: Path) -> None:
    header = ("plan:\n  id: t\n  name: Test\n  start: 2023-07-03\n  calendar: weekdays\n"
              "  thresholds: {near_critical: 10}\n")
    s = schedule_of(tmp_path, PINNED, header)
    assert s.plan.thresholds.near_critical == 10
    assert s.near_critical == (("g",),)  # h → i has 12 days of float


def test_the_schedule_names_the_chains_and_marks_pinned_tasks(tmp_path: Path) -> None:
    from planner.render.schedule import schedule_dict, schedule_table

    s = schedule_of(tmp_path, PINNED)
    text = schedule_table(s, "zh")
    assert "关键路径：A → B → F" in text and "关键路径：D" in text
    assert "次关键路径（总时差最少8个工作日）：G" in text
    assert "次关键路径（总时差最少12个工作日）：H → I" in text
    target = next(x for x in text.splitlines() if x.startswith("  target") or
                  x.startswith("target"))
    assert target.rstrip().endswith("○") and "★" not in target
    assert "○：开始和完成日期均由计划给定的2项任务" in text
    doc = schedule_dict(s)["project"]
    assert doc["near_critical_paths"] == [["g"], ["h", "i"]]
    assert sorted(doc["pinned"]) == ["c", "target"]


def test_a_pinned_task_under_way_is_placed_by_its_progress(tmp_path: Path) -> None:
    from datetime import date as day

    from planner.analysis.forecast import forecast
    from planner.domain.progress import Progress, Snapshot

    plan = plan_from(tmp_path, PINNED)
    # target started on its own date and is 10 % done at 07-14: its finish now comes from
    # its progress (18 days left from 07-17: 08-09), past everything else — critical
    snap = Snapshot("t", day(2023, 7, 14), {
        "target": Progress("target", started=day(2023, 7, 3), percent=10),
        "c": Progress("c", started=day(2023, 7, 3), finished=day(2023, 7, 7)),
        "a": Progress("a", started=day(2023, 7, 3), finished=day(2023, 7, 7)),
        # b 07-10.., 5 of 10 days left: 07-17..07-21, then f 07-24..07-28
        "b": Progress("b", started=day(2023, 7, 10), percent=50)})
    f = forecast(plan, snap)
    assert f.task("target").finish == day(2023, 8, 9) and f.task("target").critical
    assert "target" not in f.pinned and "c" not in f.pinned and not f.task("c").critical


def test_the_critical_path_list_is_never_cut_silently(tmp_path: Path) -> None:
    from planner.render.schedule import schedule_dict, schedule_table

    # five parallel critical chains of one task each
    body = "".join(f"- id: t{i}\n  name: T{i}\n  duration: 5\n" for i in range(5))
    s = schedule_of(tmp_path, body)
    assert len(s.critical_paths) == 5 and not s.more_paths
    table = schedule_table(s, "en")
    assert table.count("critical path: ") == 3
    assert "…and 2 more critical path(s) (--format json lists them)" in table
    # more than MAX_PATHS: the JSON says it lists only some
    many = schedule_of(tmp_path / "many", "".join(
        f"- id: t{i}\n  name: T{i}\n  duration: 5\n" for i in range(15)))
    assert len(many.critical_paths) == 10 and many.more_paths
    assert schedule_dict(many)["project"]["critical_paths_truncated"] is True
    assert "more than 7 further critical paths" in schedule_table(many, "en")


def test_a_long_chain_is_one_critical_path_in_order() -> None:
    """Paths are spelled out once, at their end: a chain of thousands of tasks is one path
    (copying the path at each step made a 100,000-task chain take half a minute)."""
    from planner.domain.model import Link, Plan, Task
    from planner.engine.schedule import schedule

    size = 5_000
    tasks = tuple(Task(f"t{i}", f"T{i}", duration=1,
                       after=(Link(f"t{i - 1}"),) if i else ()) for i in range(size))
    s = schedule(Plan("c", "C", date(2023, 1, 2), tasks))
    assert s.critical_paths == (tuple(f"t{i}" for i in range(size)),)


def test_branching_paths_are_each_spelled_out_whole(tmp_path: Path) -> None:
    # a -> (b | c) -> d: two critical paths sharing their ends
    s = schedule_of(tmp_path, """\
        - id: a
          name: A
          duration: 2
        - id: b
          name: B
          duration: 3
          after: [a]
        - id: c
          name: C
          duration: 3
          after: [a]
        - id: d
          name: D
          duration: 1
          after: [b, c]
        """)
    assert sorted(s.critical_paths) == [("a", "b", "d"), ("a", "c", "d")]


def test_leaves_below_a_summary_listed_before_its_parent_or_in_a_circle() -> None:
    """A plan built in code may list a summary before its parent, or (broken) give parents
    a circle; the summaries' leaves are still found, and nothing loops or raises."""
    from planner.engine.network import _leaves_below

    # 1 is the parent of 0 (a summary listed first), whose child is leaf 2
    assert _leaves_below([[2], [0], []], [True, True, False]) == {0: [2], 1: [2]}
    # file order: 0 > 1 > 2 (leaf), 3 (leaf) under 0
    assert _leaves_below([[1, 3], [2], [], []], [True, True, False, False]) == {
        1: [2], 0: [2, 3]}
    circle = _leaves_below([[1, 2], [0], []], [True, True, False])
    assert circle.keys() == {0, 1} and 2 in circle[0]


def test_critical_only_says_so_when_no_task_is_critical(tmp_path: Path) -> None:
    from planner.render.schedule import schedule_table

    # the only task without float has its own start and finish: nothing is critical
    s = schedule_of(tmp_path, "- id: t\n  name: T\n  start: 2023-07-03\n"
                    "  finish: 2023-07-14\n- id: a\n  name: A\n  duration: 5\n")
    assert s.critical_paths == () and s.pinned == ("t",)
    text = schedule_table(s, "zh", critical_only=True)
    assert "无关键任务（没有因逻辑关系或期限而总时差为零的任务）" in text
    assert "次关键路径（总时差最少5个工作日）：A" in text


def test_the_near_critical_chains_kept_are_those_of_least_float(tmp_path: Path) -> None:
    from planner.engine.schedule import MAX_PATHS

    # one task of 30 days sets the end; twelve single tasks of 29 .. 18 days have 1 .. 12
    # days of float: the ten kept are those of 1 .. 10, least first
    body = "- id: long\n  name: Long\n  duration: 30\n" + "".join(
        f"- id: t{k}\n  name: T{k}\n  duration: {30 - k}\n" for k in range(12, 0, -1))
    s = schedule_of(tmp_path, body)
    assert len(s.near_critical) == MAX_PATHS == 10
    assert s.near_critical == tuple((f"t{k}",) for k in range(1, 11))
