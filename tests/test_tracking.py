"""Plan versus actual, worked by hand: forecasts at a data date, earned value, flags.

All plans start Monday 2023-07-03 on a weekdays calendar. July 2023: Mon 3 … Fri 7,
Mon 10 … Fri 14, Mon 17 … Fri 21, Mon 24 … Fri 28, Mon 31. "D" is the data date; the
forecast resumes unfinished work on the first working day after D. The baseline is the
plan's own schedule (`from_schedule(schedule(plan))`) unless a test saves one.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from planner.analysis.baseline import from_schedule
from planner.analysis.forecast import forecast
from planner.analysis.tracking import Tracking, track
from planner.domain.baseline import changes
from planner.domain.model import Plan, Thresholds
from planner.domain.progress import Snapshot
from planner.engine.schedule import schedule
from planner.planfiles.baseline import load_baseline, to_yaml
from planner.planfiles.snapshots import load_snapshot
from planner.render.baseline import change_lines
from tests.conftest import assert_dates, plan_from

HEADER = "plan:\n  id: t\n  name: Test\n  start: 2023-07-03\n  calendar: weekdays\n"


def snap(tmp_path: Path, plan: Plan, day: str, progress: dict[str, str] | None = None,
         ) -> Snapshot:
    """Write status/<day>.yaml ({task: "started: …, percent: …"}) and load it."""
    lines = [f"plan: {plan.id}", f"date: {day}"]
    if progress:
        lines += ["progress:", *(f"  {task}: {{{entry}}}" for task, entry in progress.items())]
    folder = tmp_path / "status"
    folder.mkdir(exist_ok=True)
    path = folder / f"{day}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_snapshot(path, plan)


def status(plan: Plan, snapshot: Snapshot, previous: Snapshot | None = None,
           logic: str | None = None) -> Tracking:
    return track(plan, from_schedule(schedule(plan)), snapshot, previous, logic)


def flags(t: Tracking, task: str) -> dict[str, str]:
    """Flag name -> severity."""
    return {f.name: f.severity for f in t.task(task).flags}


def d(text: str) -> date:
    return date.fromisoformat(text)


# -- forecasts ------------------------------------------------------------------------------

CHAIN = """\
- id: a
  name: A
  duration: 10
  quantity: {total: 200, unit: m}
- id: b
  name: B
  after: [a]
  duration: 5
- id: c
  name: C
  after: [b]
  duration: 3
"""  # baseline: a 07-03..07-14, b 07-17..07-21, c 07-24..07-26


@pytest.mark.parametrize(("day", "entry", "a_finish", "b_start", "b_finish"), [
    # D Fri 07-07, 40% of 10 days done: ceil(10 × 0.6) = 6 days left, Mon 07-10 .. Mon 07-17
    ("2023-07-07", "started: 2023-07-03, percent: 40", "2023-07-17", "2023-07-18", "2023-07-24"),
    # 70%: 10 × (1 − 0.7) = 3.0000000000000004 in floating point, still 3 days: 07-10 .. Wed 07-12
    ("2023-07-07", "started: 2023-07-03, percent: 70", "2023-07-12", "2023-07-13", "2023-07-19"),
    # 50 of 200 m: ceil(10 × 0.75) = ceil(7.5) = 8 days: 07-10 .. Wed 07-19
    ("2023-07-07", "started: 2023-07-03, done: 50", "2023-07-19", "2023-07-20", "2023-07-26"),
    # 140 of 200 m = 70%: 3 days, as for percent 70
    ("2023-07-07", "started: 2023-07-03, done: 140", "2023-07-12", "2023-07-13", "2023-07-19"),
    # explicit remaining wins over percent: 2 days, Mon 07-10 .. Tue 07-11
    ("2023-07-07", "started: 2023-07-03, percent: 40, remaining: 2",
     "2023-07-11", "2023-07-12", "2023-07-18"),
    # no measure: 10 planned − 3 elapsed (Wed, Thu, Fri) = 7 days: 07-10 .. Tue 07-18
    ("2023-07-07", "started: 2023-07-05", "2023-07-18", "2023-07-19", "2023-07-25"),
    # no measure, on time: 10 − 5 = 5 days, 07-10 .. 07-14 as planned
    ("2023-07-07", "started: 2023-07-03", "2023-07-14", "2023-07-17", "2023-07-21"),
    # no measure, past the planned span: max(10 − 10, 1) = 1 day, Mon 07-17
    ("2023-07-14", "started: 2023-07-03", "2023-07-17", "2023-07-18", "2023-07-24"),
    # D on Saturday 07-08: resumes Monday 07-10, as from Friday
    ("2023-07-08", "started: 2023-07-03, percent: 40", "2023-07-17", "2023-07-18", "2023-07-24"),
])
def test_partly_done_task_resumes_after_the_data_date_and_moves_its_successors(
        tmp_path: Path, day: str, entry: str, a_finish: str, b_start: str,
        b_finish: str) -> None:
    plan = plan_from(tmp_path, CHAIN)
    s = forecast(plan, snap(tmp_path, plan, day, {"a": entry}))
    assert s.data_date == d(day)
    a_start = entry.split(",")[0].removeprefix("started: ")
    assert_dates(s, "a", a_start, a_finish)  # keeps its actual start
    assert_dates(s, "b", b_start, b_finish)  # the 5 working days after a


def test_partly_done_task_variances_and_percents(tmp_path: Path) -> None:
    plan = plan_from(tmp_path, CHAIN)
    t = status(plan, snap(tmp_path, plan, "2023-07-07", {"a": "started: 2023-07-03, percent: 40"}))
    a = t.task("a")
    assert (a.state, a.actual_start, a.actual_finish) == ("in-progress", d("2023-07-03"), None)
    # finishes Mon 07-17 instead of Fri 07-14: one working day, three calendar days
    assert (a.finish_variance_days, a.finish_variance_calendar_days) == (1, 3)
    assert a.start_variance_days == 0
    assert a.planned_percent == pytest.approx(50)  # 5 of 10 working days by the end of Fri
    assert a.actual_percent == pytest.approx(40)
    assert [t.task(x).finish_variance_days for x in "bc"] == [1, 1]
    assert t.task("b").state == "not-started" and t.task("b").planned_percent == 0


def test_explicit_remaining_gives_the_actual_percent(tmp_path: Path) -> None:
    plan = plan_from(tmp_path, CHAIN)
    t = status(plan, snap(tmp_path, plan, "2023-07-07", {"a": "started: 2023-07-03, remaining: 4"}))
    assert t.task("a").actual_percent == pytest.approx(60)  # 1 − 4/10
    assert_dates(t.forecast, "a", "2023-07-03", "2023-07-13")  # 4 days: Mon .. Thu


def test_task_finished_early_pulls_its_successor_earlier(tmp_path: Path) -> None:
    plan = plan_from(tmp_path, """\
        - id: a
          name: A
          duration: 5
        - id: b
          name: B
          after: [a]
          duration: 3
        """)  # baseline: a 07-03..07-07, b 07-10..07-12
    t = status(plan, snap(tmp_path, plan, "2023-07-05",
                          {"a": "started: 2023-07-03, finished: 2023-07-05"}))
    assert_dates(t.forecast, "a", "2023-07-03", "2023-07-05")  # 3 days instead of 5
    assert_dates(t.forecast, "b", "2023-07-06", "2023-07-10")  # Thu, Fri, Mon
    a, b = t.task("a"), t.task("b")
    assert (a.state, a.actual_finish, a.actual_percent) == ("done", d("2023-07-05"), 100)
    assert (a.finish_variance_days, b.finish_variance_days) == (-2, -2)
    assert a.duration_variance_days == -2
    assert flags(t, "a") == {}  # early: not finished-late; done: not critical
    assert flags(t, "b") == {"critical": "low"}


def test_finished_dates_on_a_weekend_snap_to_working_days(tmp_path: Path) -> None:
    plan = plan_from(tmp_path, "- id: a\n  name: A\n  duration: 5\n"
                     "- id: b\n  name: B\n  after: [a]\n  duration: 5\n")
    s = forecast(plan, snap(tmp_path, plan, "2023-07-09",
                            {"a": "started: 2023-07-01, finished: 2023-07-08"}))
    assert_dates(s, "a", "2023-07-03", "2023-07-07")  # Sat 07-01 -> Mon, Sat 07-08 -> Fri
    assert_dates(s, "b", "2023-07-10", "2023-07-14")


OUT_OF_SEQUENCE = """\
- id: a
  name: A
  duration: 5
- id: b
  name: B
  after: [a]
  duration: 4
- id: c
  name: C
  after: [b]
  duration: 1
"""  # baseline: a 07-03..07-07, b 07-10..07-13, c 07-14
# D Thu 07-06. a: 60% of 5 -> 2 days left, Fri 07-07 .. Mon 07-10.
# b started early on Wed 07-05 although a is unfinished: 50% of 4 -> 2 days left.
OOS_PROGRESS = {"a": "started: 2023-07-03, percent: 60", "b": "started: 2023-07-05, percent: 50"}


def test_out_of_sequence_retained_logic_waits_for_the_predecessor(tmp_path: Path) -> None:
    plan = plan_from(tmp_path, OUT_OF_SEQUENCE)
    assert plan.out_of_sequence == "retained"
    s = forecast(plan, snap(tmp_path, plan, "2023-07-06", OOS_PROGRESS))
    assert_dates(s, "a", "2023-07-03", "2023-07-10")
    # b's last 2 days wait for a: Tue 07-11 .. Wed 07-12; its start stays the actual 07-05
    assert_dates(s, "b", "2023-07-05", "2023-07-12")
    assert_dates(s, "c", "2023-07-13", "2023-07-13")


def test_out_of_sequence_progress_override_ignores_the_predecessor(tmp_path: Path) -> None:
    plan = plan_from(tmp_path, OUT_OF_SEQUENCE)
    snapshot = snap(tmp_path, plan, "2023-07-06", OOS_PROGRESS)
    s = forecast(plan, snapshot, logic="override")
    assert_dates(s, "a", "2023-07-03", "2023-07-10")
    # b resumes right after D: Fri 07-07 .. Mon 07-10
    assert_dates(s, "b", "2023-07-05", "2023-07-10")
    # c still waits for b (c is not started): Tue 07-11
    assert_dates(s, "c", "2023-07-11", "2023-07-11")
    t = status(plan, snapshot, logic="override")
    assert t.task("b").forecast.finish == d("2023-07-10")
    assert t.task("b").finish_variance_days == -3  # Mon 07-10 instead of Thu 07-13


def test_out_of_sequence_mode_from_the_plan_file(tmp_path: Path) -> None:
    plan = plan_from(tmp_path, OUT_OF_SEQUENCE, HEADER + "  out_of_sequence: override\n")
    assert plan.out_of_sequence == "override"
    snapshot = snap(tmp_path, plan, "2023-07-06", OOS_PROGRESS)
    assert_dates(forecast(plan, snapshot), "b", "2023-07-05", "2023-07-10")
    assert_dates(status(plan, snapshot).forecast, "b", "2023-07-05", "2023-07-10")
    # an explicit choice wins over the plan's
    assert_dates(forecast(plan, snapshot, logic="retained"), "b", "2023-07-05", "2023-07-12")


def test_start_links_count_from_the_predecessors_actual_start(tmp_path: Path) -> None:
    plan = plan_from(tmp_path, """\
        - id: a
          name: A
          duration: 5
        - id: c
          name: C
          after: [a SS+3]
          duration: 2
        - id: e
          name: E
          after: [a SF+4]
          duration: 2
        """)  # baseline: a 07-03..07-07, c 07-06..07-07, e 07-05..07-06
    # D Thu 07-06; a started late that day, no measure: 5 − 1 = 4 days left, Fri .. Wed 07-12.
    s = forecast(plan, snap(tmp_path, plan, "2023-07-06", {"a": "started: 2023-07-06"}))
    assert_dates(s, "a", "2023-07-06", "2023-07-12")
    # SS+3 from the actual start Thu 07-06: Fri, Mon, Tue -> starts Tue 07-11
    # (counting from a's resumption on Fri 07-07 would give Wed 07-12)
    assert_dates(s, "c", "2023-07-11", "2023-07-12")
    # SF+4: e must finish no earlier than point(Thu 07-06) + 4 = start of Wed 07-12, so it
    # finishes end of Tue 07-11 and starts Mon 07-10
    assert_dates(s, "e", "2023-07-10", "2023-07-11")


def test_start_link_from_a_summary_counts_from_its_first_childs_actual_start(
        tmp_path: Path) -> None:
    plan = plan_from(tmp_path, """\
        - id: s
          name: S
          tasks:
            - id: a
              name: A
              duration: 10
        - id: x
          name: X
          after: [s SS+2]
          duration: 2
        - id: y
          name: Y
          after: [a SS+2]
          duration: 2
        """)  # baseline: a 07-03..07-14; x and y Wed 07-05 .. Thu 07-06
    # D Wed 07-05; a started on time, 10%: ceil(10 × 0.9) = 9 days, Thu 07-06 .. Tue 07-18
    s = forecast(plan, snap(tmp_path, plan, "2023-07-05",
                            {"a": "started: 2023-07-03, percent: 10"}))
    assert_dates(s, "s", "2023-07-03", "2023-07-18")
    # a started Mon 07-03, so SS+2 allows Wed 07-05; not before the day after D: Thu 07-06
    assert_dates(s, "y", "2023-07-06", "2023-07-07")
    # the summary s started when a did: the same link through s means the same
    assert_dates(s, "x", "2023-07-06", "2023-07-07")


def test_unstarted_task_planned_before_the_data_date_moves_to_the_day_after(
        tmp_path: Path) -> None:
    plan = plan_from(tmp_path, """\
        - id: a
          name: A
          duration: 5
        - id: b
          name: B
          after: [a]
          duration: 2
        - id: k
          name: K
          start: 2023-07-04
          duration: 1
        """)  # baseline: a 07-03..07-07, b 07-10..07-11, k Tue 07-04
    t = status(plan, snap(tmp_path, plan, "2023-07-05"))  # D Wed 07-05, nothing reported
    assert_dates(t.forecast, "a", "2023-07-06", "2023-07-12")  # Thu .. Wed
    assert_dates(t.forecast, "b", "2023-07-13", "2023-07-14")
    assert_dates(t.forecast, "k", "2023-07-06", "2023-07-06")
    a = t.task("a")
    assert (a.start_variance_days, a.finish_variance_days) == (3, 3)
    assert a.planned_percent == pytest.approx(60) and a.actual_percent == 0  # 3 of 5 days
    assert flags(t, "a") == {"not-started": "high", "behind": "medium", "slipping": "medium",
                             "critical": "low"}
    assert flags(t, "k") == {"not-started": "medium", "behind": "medium", "slipping": "medium"}


# -- baseline ------------------------------------------------------------------------------


def test_saved_baseline_is_what_variance_is_measured_against(tmp_path: Path) -> None:
    body = "- id: a\n  name: A\n  duration: {}\n- id: b\n  name: B\n  after: [a]\n  duration: 3\n"
    plan = plan_from(tmp_path, body.format(5))  # a 07-03..07-07, b 07-10..07-12
    approved = from_schedule(schedule(plan), date(2023, 7, 1))
    (tmp_path / "baseline.yaml").write_text(to_yaml(approved), encoding="utf-8")

    plan = plan_from(tmp_path, body.format(8))  # a re-planned: 07-03..07-12, b 07-13..07-17
    saved = load_baseline(tmp_path / "baseline.yaml", plan)
    assert saved.saved == date(2023, 7, 1) and saved.tasks == approved.tasks
    assert change_lines(changes(saved, from_schedule(schedule(plan)))) == [
        "~ a: finish 2023-07-07 -> 2023-07-12, duration 5 -> 8",
        "~ b: start 2023-07-10 -> 2023-07-13, finish 2023-07-12 -> 2023-07-17",
    ]
    snapshot = snap(tmp_path, plan, "2023-07-03", {"a": "started: 2023-07-03"})
    t = track(plan, saved, snapshot)
    assert t.task("b").finish_variance_days == 3  # Mon 07-17 against the approved Wed 07-12
    assert "slipping" in flags(t, "a")  # a's re-plan is what moved b: b only waits for it
    assert "waiting" in flags(t, "b") and "slipping" not in flags(t, "b")
    assert status(plan, snapshot).task("b").finish_variance_days == 0  # against plan.yaml


# -- earned value and earned schedule --------------------------------------------------------


def test_earned_value_and_earned_schedule_by_hand(tmp_path: Path) -> None:
    plan = plan_from(tmp_path, """\
        - id: a
          name: A
          duration: 10
          budget: 100000
        - id: b
          name: B
          after: [a]
          duration: 5
          budget: 20000
        """)  # baseline: a 07-03..07-14, b 07-17..07-21
    t = status(plan, snap(tmp_path, plan, "2023-07-10",
                          {"a": "started: 2023-07-03, percent: 45, spent: 50000"}))
    v = t.task("a").value
    # planned by the end of Mon 07-10: 6 of 10 working days = 60%; actual 45%
    assert v.bac == 100000
    assert v.pv == pytest.approx(60000)  # 100000 × 0.6
    assert v.ev == pytest.approx(45000)  # 100000 × 0.45
    assert v.ac == 50000
    assert v.sv == pytest.approx(-15000)  # 45000 − 60000
    assert v.spi == pytest.approx(0.75)  # 45000 / 60000
    assert v.cv == pytest.approx(-5000)  # 45000 − 50000
    assert v.cpi == pytest.approx(0.9)  # 45000 / 50000
    assert v.eac == pytest.approx(111111.11, abs=0.01)  # 100000 / 0.9
    assert v.vac == pytest.approx(-11111.11, abs=0.01)  # 100000 − 111111.11
    assert v.es == pytest.approx(4.5)  # 0.45 × 10 working days
    assert v.at == 6  # Mon 07-03 .. Mon 07-10
    assert v.spi_t == pytest.approx(0.75)  # 4.5 / 6

    b = t.task("b").value  # not due yet: nothing planned, nothing earned, nothing spent
    assert (b.bac, b.pv, b.ev, b.ac, b.sv, b.spi) == (20000, 0, 0, None, 0, None)
    assert b.es is None  # the data date is before its baseline start

    total = t.value
    assert (total.bac, total.ac) == (120000, 50000)
    assert total.pv == pytest.approx(60000) and total.ev == pytest.approx(45000)
    assert total.spi == pytest.approx(0.75) and total.cpi == pytest.approx(0.9)
    assert total.eac == pytest.approx(133333.33, abs=0.01)  # 120000 / 0.9
    assert total.vac == pytest.approx(-13333.33, abs=0.01)
    # plan PV curve: 10000 a day for 10 days, then 4000 a day; EV 45000 is reached at 4.5
    assert (total.es, total.at) == (pytest.approx(4.5), 6)
    assert total.spi_t == pytest.approx(0.75)


def test_earned_schedule_of_a_finished_task_counts_time_to_its_actual_finish(
        tmp_path: Path) -> None:
    plan = plan_from(tmp_path, "- id: a\n  name: A\n  duration: 10\n  budget: 100000\n")
    t = status(plan, snap(tmp_path, plan, "2023-07-17",
                          {"a": "started: 2023-07-03, finished: 2023-07-12, spent: 90000"}))
    v = t.task("a").value
    assert (v.pv, v.ev, v.ac) == (pytest.approx(100000), pytest.approx(100000), 90000)
    assert v.spi == pytest.approx(1.0) and v.sv == pytest.approx(0)
    assert v.cpi == pytest.approx(100000 / 90000)
    assert v.eac == pytest.approx(90000)  # 100000 / (100000 / 90000)
    assert v.vac == pytest.approx(10000)
    assert v.es == pytest.approx(10)  # all 10 planned days earned
    assert v.at == 8  # Mon 07-03 .. Wed 07-12, its actual finish (not D, Mon 07-17)
    assert v.spi_t == pytest.approx(1.25)  # 10 / 8
    assert flags(t, "a") == {}  # finished 2 days early


def test_earned_schedule_without_a_budget(tmp_path: Path) -> None:
    plan = plan_from(tmp_path, "- id: a\n  name: A\n  duration: 10\n")
    t = status(plan, snap(tmp_path, plan, "2023-07-07", {"a": "started: 2023-07-03, percent: 30"}))
    v = t.task("a").value
    assert (v.bac, v.pv, v.ev, v.ac, v.spi, v.cpi) == (None,) * 6
    assert (v.es, v.at) == (pytest.approx(3), 5)  # 0.3 × 10; Mon .. Fri
    assert v.spi_t == pytest.approx(0.6)
    assert t.value.bac is None
    assert (t.value.es, t.value.at) == (pytest.approx(3), 5)  # weighted by duration


# -- flags ----------------------------------------------------------------------------------


def test_default_thresholds() -> None:
    assert Thresholds() == Thresholds(behind=10, at_risk=5, slip=0)


@pytest.mark.parametrize(("duration", "day", "percent"), [
    (10, "2023-07-07", 40),  # planned 5/10 = 50%
    (10, "2023-07-05", 20),  # planned 3/10 = 30%
    (20, "2023-07-17", 45),  # planned 11/20 = 55% (Mon 07-03 .. Mon 07-17 is 11 days)
    (25, "2023-07-25", 58),  # planned 17/25 = 68% (Mon 07-03 .. Tue 07-25 is 17 days)
])
def test_behind_by_exactly_the_threshold_is_not_flagged(
        tmp_path: Path, duration: int, day: str, percent: int) -> None:
    plan = plan_from(tmp_path, f"- id: a\n  name: A\n  duration: {duration}\n")
    t = status(plan, snap(tmp_path, plan, day, {"a": f"started: 2023-07-03, percent: {percent}"}))
    a = t.task("a")
    assert a.planned_percent - a.actual_percent == pytest.approx(10)
    assert "behind" not in flags(t, "a"), (a.planned_percent, a.actual_percent)
    # one point more is behind
    t = status(plan, snap(tmp_path, plan, day,
                          {"a": f"started: 2023-07-03, percent: {percent - 1}"}))
    assert flags(t, "a")["behind"] == "medium"


def test_behind_flag_names_planned_and_actual(tmp_path: Path) -> None:
    plan = plan_from(tmp_path, "- id: a\n  name: A\n  duration: 10\n")
    t = status(plan, snap(tmp_path, plan, "2023-07-07", {"a": "started: 2023-07-03, percent: 39"}))
    (behind,) = [f for f in t.task("a").flags if f.name == "behind"]
    assert (behind.value("planned"), behind.value("actual")) == (50, 39)  # 11 points


def test_behind_needs_a_progress_measure(tmp_path: Path) -> None:
    plan = plan_from(tmp_path, "- id: a\n  name: A\n  duration: 10\n")
    t = status(plan, snap(tmp_path, plan, "2023-07-14", {"a": "started: 2023-07-10"}))
    assert t.task("a").actual_percent is None  # started, nothing measured
    assert "behind" not in flags(t, "a")


@pytest.mark.parametrize(("deadline", "expected"), [
    ("2023-07-14", {}),  # margin 5 working days: Mon 07-10 .. Fri 07-14
    ("2023-07-13", {"deadline-at-risk": ("medium", 4)}),  # margin 4
    ("2023-07-07", {"deadline-at-risk": ("medium", 0)}),  # finishes on the deadline day
    ("2023-07-09", {"deadline-at-risk": ("medium", 0)}),  # Sunday: the end of Fri 07-07
    ("2023-07-06", {"will-miss-deadline": ("high", 1)}),  # one working day late
])
def test_deadline_flags_at_their_thresholds(tmp_path: Path, deadline: str,
                                            expected: dict[str, tuple[str, int]]) -> None:
    plan = plan_from(tmp_path, f"- id: a\n  name: A\n  duration: 5\n  deadline: {deadline}\n")
    # D Mon 07-03, 20% done: ceil(5 × 0.8) = 4 days left, Tue 07-04 .. Fri 07-07
    t = status(plan, snap(tmp_path, plan, "2023-07-03", {"a": "started: 2023-07-03, percent: 20"}))
    assert_dates(t.forecast, "a", "2023-07-03", "2023-07-07")
    found = {f.name: (f.severity, f.value("days")) for f in t.task("a").flags
             if f.name in ("deadline-at-risk", "will-miss-deadline")}
    assert found == expected
    assert t.task("a").deadline == d(deadline)


@pytest.mark.parametrize(("data_date", "expected"), [
    ("2023-07-05", "will-miss-deadline"),  # the deadline 07-06 is still ahead
    ("2023-07-06", "missed-deadline"),  # its day ends unfinished: the work resumes on 07-07
    ("2023-07-10", "missed-deadline"),  # passed
])
def test_a_deadline_already_passed_is_missed_not_about_to_be(
        tmp_path: Path, data_date: str, expected: str) -> None:
    plan = plan_from(tmp_path, "- id: a\n  name: A\n  duration: 5\n  deadline: 2023-07-06\n")
    t = status(plan, snap(tmp_path, plan, data_date, {"a": "started: 2023-07-03, percent: 20"}))
    names = flags(t, "a")
    assert expected in names and not {"missed-deadline", "will-miss-deadline"} - {expected} \
        & set(names)
    assert t.task("a").misses_deadline and t.task("a").late


def test_deadline_of_a_summary_binds_its_children(tmp_path: Path) -> None:
    plan = plan_from(tmp_path, """\
        - id: s
          name: S
          deadline: 2023-07-13
          tasks:
            - id: a
              name: A
              duration: 5
        """)
    t = status(plan, snap(tmp_path, plan, "2023-07-03", {"a": "started: 2023-07-03, percent: 20"}))
    a = t.task("a")
    assert (a.deadline, a.deadline_margin_days) == (d("2023-07-13"), 4)  # Fri 07-07 -> Thu 07-13
    assert flags(t, "a")["deadline-at-risk"] == "medium"


NOT_STARTED = """\
- id: a
  name: A
  duration: 5
- id: b
  name: B
  after: [a]
  duration: 3
- id: long
  name: Long
  duration: 20
"""  # baseline: a 07-03..07-07, b 07-10..07-12, long 07-03..07-28 (the critical path)


def test_not_started_from_the_baseline_start_on(tmp_path: Path) -> None:
    plan = plan_from(tmp_path, NOT_STARTED)
    t = status(plan, snap(tmp_path, plan, "2023-06-30"))  # Fri before the plan starts
    assert all("not-started" not in flags(t, x) for x in ("a", "b", "long"))

    t = status(plan, snap(tmp_path, plan, "2023-07-03"))  # the baseline start of a and long
    assert flags(t, "a")["not-started"] == "medium"  # a has float
    assert flags(t, "long")["not-started"] == "high"  # critical
    assert "not-started" not in flags(t, "b")  # due Mon 07-10

    done = {"a": "started: 2023-07-03, finished: 2023-07-07", "long": "started: 2023-07-03"}
    t = status(plan, snap(tmp_path, plan, "2023-07-07", done))
    assert "not-started" not in flags(t, "b")
    t = status(plan, snap(tmp_path, plan, "2023-07-10", done))
    (flag,) = [f for f in t.task("b").flags if f.name == "not-started"]
    assert (flag.severity, flag.value("planned")) == ("medium", d("2023-07-10"))


@pytest.mark.parametrize(("percent", "finish", "variance", "slipping"), [
    (60, "2023-07-07", 0, False),  # ceil(5 × 0.4) = 2 days: Thu, Fri; on time
    (40, "2023-07-10", 1, True),  # 3 days: Thu, Fri, Mon; one working day late
])
def test_slipping_past_the_baseline_finish(tmp_path: Path, percent: int, finish: str,
                                           variance: int, slipping: bool) -> None:
    plan = plan_from(tmp_path, "- id: a\n  name: A\n  duration: 5\n")  # 07-03..07-07
    t = status(plan, snap(tmp_path, plan, "2023-07-05",
                          {"a": f"started: 2023-07-03, percent: {percent}"}))
    assert t.task("a").forecast.finish == d(finish)
    assert t.task("a").finish_variance_days == variance
    assert ("slipping" in flags(t, "a")) is slipping


def test_stalled_needs_the_previous_snapshot(tmp_path: Path) -> None:
    plan = plan_from(tmp_path, "- id: a\n  name: A\n  duration: 10\n- id: b\n  name: B\n"
                     "  duration: 10\n")
    before = snap(tmp_path, plan, "2023-07-05", {"a": "started: 2023-07-03, percent: 20",
                                                 "b": "started: 2023-07-03"})
    same = snap(tmp_path, plan, "2023-07-07", {"a": "started: 2023-07-03, percent: 20",
                                               "b": "started: 2023-07-03"})
    t = status(plan, same, previous=before)
    (flag,) = [f for f in t.task("a").flags if f.name == "stalled"]
    assert (flag.severity, flag.value("since")) == ("medium", d("2023-07-05"))
    assert "stalled" in flags(t, "b")  # no measure in either: nothing moved
    assert "stalled" not in flags(status(plan, same), "a")  # no previous snapshot

    moved = snap(tmp_path, plan, "2023-07-10", {"a": "started: 2023-07-03, percent: 30",
                                                "b": "started: 2023-07-03, remaining: 7"})
    t = status(plan, moved, previous=same)
    assert "stalled" not in flags(t, "a") and "stalled" not in flags(t, "b")


def test_not_stalled_when_only_just_started_or_finished(tmp_path: Path) -> None:
    plan = plan_from(tmp_path, "- id: a\n  name: A\n  duration: 5\n- id: b\n  name: B\n"
                     "  duration: 5\n")
    before = snap(tmp_path, plan, "2023-07-04", {"a": "started: 2023-07-03, percent: 20"})
    now = snap(tmp_path, plan, "2023-07-07", {
        "a": "started: 2023-07-03, finished: 2023-07-07",  # finished since
        "b": "started: 2023-07-05"})  # not started in the previous snapshot
    t = status(plan, now, previous=before)
    assert "stalled" not in flags(t, "a") and "stalled" not in flags(t, "b")


@pytest.mark.parametrize(("finished", "deadline", "expected"), [
    ("2023-07-07", None, {}),  # on the baseline finish
    ("2023-07-10", None, {"finished-late": ("low", 1)}),  # Mon: one working day late
    ("2023-07-10", "2023-07-10", {"finished-late": ("low", 1)}),  # late, but by the deadline
    ("2023-07-11", "2023-07-10", {"finished-late": ("medium", 2)}),  # after its deadline
])
def test_finished_late(tmp_path: Path, finished: str, deadline: str | None,
                       expected: dict[str, tuple[str, int]]) -> None:
    extra = f"  deadline: {deadline}\n" if deadline else ""
    plan = plan_from(tmp_path, "- id: a\n  name: A\n  duration: 5\n" + extra)  # 07-03..07-07
    t = status(plan, snap(tmp_path, plan, "2023-07-12",
                          {"a": f"started: 2023-07-03, finished: {finished}"}))
    assert t.task("a").state == "done"
    assert {f.name: (f.severity, f.value("days")) for f in t.task("a").flags} == expected


def test_critical_flag_only_on_unfinished_critical_tasks(tmp_path: Path) -> None:
    plan = plan_from(tmp_path, """\
        - id: a
          name: A
          duration: 5
        - id: b
          name: B
          after: [a]
          duration: 3
        - id: side
          name: Side
          duration: 3
        """)  # a -> b is the critical path (8 days); side has 5 days of float
    t = status(plan, snap(tmp_path, plan, "2023-07-07", {
        "a": "started: 2023-07-03, finished: 2023-07-07",
        "side": "started: 2023-07-03, finished: 2023-07-05"}))
    assert t.forecast.task("a").critical is False  # finished work is history
    assert flags(t, "a") == {} and flags(t, "side") == {}
    assert flags(t, "b") == {"critical": "low"}
    t = status(plan, snap(tmp_path, plan, "2023-07-03", {"a": "started: 2023-07-03",
                                                         "side": "started: 2023-07-03"}))
    assert "critical" in flags(t, "a") and "critical" not in flags(t, "side")


def test_behind_and_slip_thresholds_from_the_plan_file(tmp_path: Path) -> None:
    header = HEADER + "  thresholds: {behind: 20, at_risk: 3, slip: 2}\n"
    plan = plan_from(tmp_path, """\
        - id: a
          name: A
          duration: 10
        - id: slip2
          name: Slips 2 days
          duration: 5
        - id: slip3
          name: Slips 3 days
          duration: 5
        """, header)  # a 07-03..07-14; slip2 and slip3 07-03..07-07
    assert plan.thresholds == Thresholds(behind=20, at_risk=3, slip=2)
    # D Fri 07-07: a planned 50%
    t = status(plan, snap(tmp_path, plan, "2023-07-07", {
        "a": "started: 2023-07-03, percent: 30",  # 20 points behind: not flagged
        "slip2": "started: 2023-07-03, remaining: 2",  # Mon, Tue 07-11: 2 days late
        "slip3": "started: 2023-07-03, remaining: 3",  # Mon .. Wed 07-12: 3 days late
    }))
    assert "behind" not in flags(t, "a")
    assert t.task("slip2").finish_variance_days == 2 and "slipping" not in flags(t, "slip2")
    assert t.task("slip3").finish_variance_days == 3 and "slipping" in flags(t, "slip3")
    t = status(plan, snap(tmp_path, plan, "2023-07-07", {
        "a": "started: 2023-07-03, percent: 29"}))  # 21 points behind
    assert flags(t, "a")["behind"] == "medium"


def test_at_risk_threshold_from_the_plan_file(tmp_path: Path) -> None:
    header = HEADER + "  thresholds: {at_risk: 3}\n"
    body = "- id: a\n  name: A\n  duration: 5\n  deadline: {}\n"
    # D Mon 07-03, 20% done: finishes Fri 07-07
    progress = {"a": "started: 2023-07-03, percent: 20"}
    plan = plan_from(tmp_path, body.format("2023-07-12"), header)  # margin 3: Mon, Tue, Wed
    assert plan.thresholds == Thresholds(behind=10, at_risk=3, slip=0)
    t = status(plan, snap(tmp_path, plan, "2023-07-03", progress))
    assert t.task("a").deadline_margin_days == 3 and "deadline-at-risk" not in flags(t, "a")
    plan = plan_from(tmp_path, body.format("2023-07-11"), header)  # margin 2
    t = status(plan, snap(tmp_path, plan, "2023-07-03", progress))
    assert t.task("a").deadline_margin_days == 2 and "deadline-at-risk" in flags(t, "a")


def test_flags_are_ordered_most_urgent_first(tmp_path: Path) -> None:
    plan = plan_from(tmp_path, "- id: a\n  name: A\n  duration: 5\n  deadline: 2023-07-07\n")
    t = status(plan, snap(tmp_path, plan, "2023-07-05"))  # not started; Thu 07-06 .. Wed 07-12
    assert [f.name for f in t.task("a").flags] == [
        "will-miss-deadline", "not-started", "behind", "slipping", "critical"]
    assert t.task("a").severity == 2 and t.task("a").late


# -- who caused the delay ---------------------------------------------------------------------

WAITING = """\
- id: a
  name: 土地清理
  owner: 下宅村委会
  duration: 10
- id: b
  name: 路基施工
  owner: 施工单位
  after: [a]
  duration: 5
- id: c
  name: 路面铺设
  owner: 施工单位
  after: [b]
  duration: 3
- id: d
  name: 材料采购
  owner: 镇建设办
  duration: 5
- id: e
  name: 验收
  owner: 镇建设办
  after: [b, d]
  duration: 2
"""  # baseline: a 07-03..07-14, b 07-17..07-21, c 07-24..07-26, d 07-03..07-07, e 07-24..25


def test_a_chain_waits_on_the_task_that_slipped(tmp_path: Path) -> None:
    plan = plan_from(tmp_path, WAITING, HEADER)
    # D Tue 07-18: a is 55% done (not its 100%): ceil(10 × 0.45) = 5 days left, Wed 07-19 ..
    # Tue 07-25, 7 working days past its baseline 07-14. b (baseline start 07-17) cannot
    # start before 07-26: not started, but only because a is late.
    t = status(plan, snap(tmp_path, plan, "2023-07-18", {
        "a": "started: 2023-07-03, percent: 55",
        "d": "started: 2023-07-03, finished: 2023-07-07"}))
    a = t.task("a")
    assert a.forecast.finish == d("2023-07-25") and a.finish_variance_days == 7
    assert {"behind", "slipping"} <= flags(t, "a").keys()  # its own progress slipped
    for waiting in ("b", "c", "e"):
        got = flags(t, waiting)
        assert got.get("waiting") == "low", (waiting, got)
        assert not {"not-started", "behind", "slipping"} & got.keys(), (waiting, got)
        flag = next(f for f in t.task(waiting).flags if f.name == "waiting")
        assert flag.value("name") == "土地清理" and flag.value("owner") == "下宅村委会"
        assert flag.value("days") == 7  # the root cause's slip, not the waiter's
    assert "waiting" not in flags(t, "d")


def test_a_merge_waits_only_on_the_late_branch(tmp_path: Path) -> None:
    plan = plan_from(tmp_path, WAITING, HEADER)
    # d finished on time; a late: e waits for a (through b), not for d
    t = status(plan, snap(tmp_path, plan, "2023-07-18", {
        "a": "started: 2023-07-03, percent: 55",
        "d": "started: 2023-07-03, finished: 2023-07-07"}))
    e = next(f for f in t.task("e").flags if f.name == "waiting")
    assert e.value("task") == plan.index["a"]
    # and when a is on time but d is late, e waits for d
    (tmp_path / "d").mkdir()
    late_d = status(plan, snap(tmp_path / "d", plan, "2023-07-21", {
        "a": "started: 2023-07-03, finished: 2023-07-14",
        "b": "started: 2023-07-17, percent: 80",
        "d": "started: 2023-07-03, percent: 20"}))
    e = next(f for f in late_d.task("e").flags if f.name == "waiting")
    assert e.value("name") == "材料采购" and e.value("owner") == "镇建设办"


def test_out_of_sequence_work_held_by_its_predecessor_is_held_back(tmp_path: Path) -> None:
    plan = plan_from(tmp_path, WAITING, HEADER)
    # b started early (07-12) while a is late; under retained logic its rest waits for a
    t = status(plan, snap(tmp_path, plan, "2023-07-18", {
        "a": "started: 2023-07-03, percent: 55",
        "b": "started: 2023-07-12, percent: 20",
        "d": "started: 2023-07-03, finished: 2023-07-07"}))
    # work under way is held back (受前序拖累), not waiting: `waiting` is for work not started
    assert t.task("b").state == "in-progress" and "held-back" in flags(t, "b")
    assert "waiting" not in flags(t, "b")
    flag = next(f for f in t.task("b").flags if f.name == "held-back")
    assert flag.value("started") is False  # it did not start late: its rest waits, no more
    from planner.render.status import reason

    assert reason(flag, "zh") == ("受“土地清理”（下宅村委会，拖期7个工作日）拖累，"
                                  "剩余工作须待其完成后继续")
    # 20 % after the 5 days since 07-12 is behind even its own pace: that stays on the
    # review; the slip it waits out is not its own
    assert "behind" in flags(t, "b") and "slipping" not in flags(t, "b")
    (tmp_path / "pace").mkdir()
    on_pace = status(plan, snap(tmp_path / "pace", plan, "2023-07-18", {
        "a": "started: 2023-07-03, percent: 55",
        "b": "started: 2023-07-12, percent: 90",
        "d": "started: 2023-07-03, finished: 2023-07-07"}))
    assert "held-back" in flags(on_pace, "b") and "behind" not in flags(on_pace, "b")
    # under progress override b goes on by itself: it is not waiting
    (tmp_path / "o").mkdir()
    free = status(plan, snap(tmp_path / "o", plan, "2023-07-18", {
        "a": "started: 2023-07-03, percent: 55",
        "b": "started: 2023-07-12, percent: 20",
        "d": "started: 2023-07-03, finished: 2023-07-07"}), logic="override")
    assert not {"waiting", "held-back"} & flags(free, "b").keys()


@pytest.mark.parametrize(("b", "blamed"), [
    # a finished Wed 07-19, 3 working days past its baseline 07-14; b could start Thu 07-20
    ("started: 2023-07-20, percent: 40", False),  # at once, and 2 of 5 days done: on pace
    ("started: 2023-07-20, percent: 10", True),  # at once, but 30 points behind its own pace
    ("started: 2023-07-21, percent: 20", True),  # a day later than it could
    ("started: 2023-07-17, percent: 92", True),  # on its baseline day, before a let it: no
    # waiting done, so a slip since is its own
])
def test_a_task_that_started_as_soon_as_its_late_predecessor_let_it_is_not_blamed(
        tmp_path: Path, b: str, blamed: bool) -> None:
    plan = plan_from(tmp_path, WAITING, HEADER)
    t = status(plan, snap(tmp_path, plan, "2023-07-21", {
        "a": "started: 2023-07-03, finished: 2023-07-19", "b": b,
        "d": "started: 2023-07-03, finished: 2023-07-07"}))
    got = flags(t, "b")
    assert t.task("b").finish_variance_days is not None and t.task("b").finish_variance_days > 0
    if blamed:
        assert "slipping" in got and not {"waiting", "held-back"} & got.keys()
        return
    # under way: held back, not waiting (the flag for work not started)
    assert got.get("held-back") == "low" and not {"behind", "slipping", "waiting"} & got.keys()
    flag = next(f for f in t.task("b").flags if f.name == "held-back")
    assert (flag.value("name"), flag.value("days"), flag.value("started")) == ("土地清理", 3, True)
    from planner.render.status import reason

    assert reason(flag, "zh") == ("受“土地清理”（下宅村委会，拖期3个工作日）延期影响推迟开工，"
                                  "开工后进度正常")
    # c, not started, waits for b: the unit that can still act, not a, finished already
    c = next(f for f in t.task("c").flags if f.name == "waiting")
    assert (c.value("name"), c.value("owner")) == ("路基施工", "施工单位")


def test_a_task_free_to_start_is_not_waiting(tmp_path: Path) -> None:
    plan = plan_from(tmp_path, WAITING, HEADER)
    # a finished on time; b should have started 07-17 and has not: its own fault
    t = status(plan, snap(tmp_path, plan, "2023-07-18", {
        "a": "started: 2023-07-03, finished: 2023-07-14",
        "d": "started: 2023-07-03, finished: 2023-07-07"}))
    assert "not-started" in flags(t, "b") and "waiting" not in flags(t, "b")


# -- earned value on one declared basis ----------------------------------------------------------

MIXED = """\
- id: a
  name: A
  duration: 10
  budget: 100000
- id: b
  name: B
  after: [a]
  duration: 5
  budget: 20000
- id: c
  name: C
  duration: 20
"""  # baseline: a 07-03..07-14, b 07-17..07-21; c (no budget) 07-03..07-28


def test_plan_figures_use_the_budgeted_tasks_when_any_task_has_a_budget(
        tmp_path: Path) -> None:
    from planner.analysis.tracking import earned_percent, planned_curve
    from planner.render.status import value_line

    plan = plan_from(tmp_path, MIXED)
    t = status(plan, snap(tmp_path, plan, "2023-07-10", {
        "a": "started: 2023-07-03, percent: 45, spent: 50000",
        "c": "started: 2023-07-03, percent: 90"}))  # c far ahead: it must not count
    v = t.value
    assert (v.basis, v.basis_tasks, v.bac) == ("budget", 2, 120000)
    # SPI and SPI(t) both of a and b by budget: EV 45000 of PV 60000; ES 4.5 of AT 6
    assert v.spi == pytest.approx(0.75) and v.spi_t == pytest.approx(0.75)
    assert v.es == pytest.approx(4.5)
    # the S-curve's earned point is the same basis: 45000 of 120000
    assert earned_percent(t) == pytest.approx(37.5)
    # planned: 10000 a day for a's 10 days, then 4000 a day for b: 60000 of 120000 by 07-10
    curve = dict(planned_curve(t))
    assert curve[date(2023, 7, 10)] == pytest.approx(50.0)
    assert curve[date(2023, 7, 21)] == pytest.approx(100.0)
    # in Chinese: Chinese names and 万元; English keeps BAC/PV/EV/AC
    assert value_line(v, "zh", "元") == (
        "挣值分析（2项有预算任务，预算合计12万元）：计划值6.0万元，挣值4.5万元，实际支出5.0万元；"
        "进度绩效指数0.75，费用绩效指数0.90")
    assert "SPI 0.75, CPI 0.90, SPI(t) 0.75" in value_line(v, "en", "CNY")
    assert "BAC 120,000 CNY" in value_line(v, "en", "CNY")


def test_without_budgets_every_task_weighs_its_duration(tmp_path: Path) -> None:
    from planner.render.status import value_line

    plan = plan_from(tmp_path, MIXED.replace("  budget: 100000\n", "").replace(
        "  budget: 20000\n", ""))
    t = status(plan, snap(tmp_path, plan, "2023-07-10", {
        "a": "started: 2023-07-03, percent: 45",
        "c": "started: 2023-07-03, percent: 20"}))
    v = t.value
    assert (v.basis, v.basis_tasks, v.bac) == ("duration", 3, None)
    # due by 07-10: a 6 of 10 days, c 6 of 20 (weights 10, 5, 20): 6 + 0 + 6 = 12 days;
    # earned: 4.5 + 0 + 4 = 8.5 days: SPI 8.5 / 12
    assert v.spi == pytest.approx(8.5 / 12)
    assert value_line(v, "zh", None) == ("挣值分析（无预算，按基线工期加权的3项任务）："
                                         "进度绩效指数0.71")


# -- ongoing work ------------------------------------------------------------------------------

ONGOING = """\
- id: work
  name: 工程
  tasks:
    - id: build
      name: 施工
      duration: 10
- id: routine
  name: 常态化工作
  tasks:
    - id: patrol
      name: 安全巡查
      ongoing: true
    - id: publicity
      name: 宣传
      ongoing: true
      start: 2023-07-10
"""  # plan 07-03 .. finish 07-28: build 07-03..07-14; patrol 07-03..07-28; publicity 07-10..


def test_ongoing_work_spans_its_window_and_is_never_critical(tmp_path: Path) -> None:
    header = HEADER + "  finish: 2023-07-28\n"
    plan = plan_from(tmp_path, ONGOING, header)
    s = schedule(plan)
    patrol, publicity, build = s.task("patrol"), s.task("publicity"), s.task("build")
    assert (patrol.start, patrol.finish) == (d("2023-07-03"), d("2023-07-28"))
    assert (publicity.start, publicity.finish) == (d("2023-07-10"), d("2023-07-28"))
    assert not patrol.critical and not publicity.critical and not s.task("routine").critical
    # the project is as long as its real work: build, critical, ends it
    assert s.finish == d("2023-07-14") and build.critical and build.total_float == 0
    assert s.critical_paths == (("build",),)


def test_ongoing_work_is_judged_by_its_own_progress_only(tmp_path: Path) -> None:
    header = HEADER + "  finish: 2023-07-28\n"
    plan = plan_from(tmp_path, ONGOING, header)
    # D Fri 07-14: patrol planned 10 of 20 days = 50%, reported 20%: behind, nothing else;
    # its forecast stays in its window however far along it is
    t = status(plan, snap(tmp_path, plan, "2023-07-14", {
        "build": "started: 2023-07-03, percent: 50",
        "patrol": "started: 2023-07-03, percent: 20"}))
    patrol = t.task("patrol")
    assert patrol.forecast.finish == d("2023-07-28") and patrol.planned_percent == 50
    # a percent of ongoing work means little: 20 against 50 planned is no reason to flag it
    assert set(flags(t, "patrol")) == set()
    assert "not-started" not in flags(t, "publicity")  # it is judged by progress: behind
    assert set(flags(t, "publicity")) == {"behind"}  # 4 of its 15 days gone, not started


def test_ongoing_work_with_a_quantity_is_behind_by_its_quantity(tmp_path: Path) -> None:
    header = HEADER + "  finish: 2023-07-28\n"
    plan = plan_from(tmp_path, ONGOING.replace(
        "      name: 安全巡查\n", "      name: 安全巡查\n      quantity: {total: 40, unit: 次}\n"),
        header)
    # D Fri 07-14: 10 of 20 days gone, 20 patrols planned by now; 8 done is 20 %
    t = status(plan, snap(tmp_path, plan, "2023-07-14", {
        "patrol": "started: 2023-07-03, done: 8"}))
    assert t.task("patrol").actual_percent == 20
    assert set(flags(t, "patrol")) == {"behind"}
    t = status(plan, snap(tmp_path, plan, "2023-07-14", {
        "patrol": "started: 2023-07-03, done: 19"}))  # 47.5 %: within 10 points
    assert set(flags(t, "patrol")) == set()


def test_ongoing_work_is_stalled_only_when_its_report_says_nothing_new(tmp_path: Path,
                                                                       ) -> None:
    header = HEADER + "  finish: 2023-07-28\n"
    plan = plan_from(tmp_path, ONGOING.replace(
        "      name: 宣传\n", "      name: 宣传\n      quantity: {total: 12, unit: 场}\n"),
        header)
    before = snap(tmp_path, plan, "2023-07-11", {
        "build": "started: 2023-07-03, percent: 30",
        "patrol": "started: 2023-07-03, percent: 25, note: 巡查企业12家",
        "publicity": "started: 2023-07-10, done: 2, note: 宣传两场"})
    # the unit returned its form with new notes and a quantity, the percent as it was
    after = snap(tmp_path, plan, "2023-07-14", {
        "build": "started: 2023-07-03, percent: 30",
        "patrol": "started: 2023-07-03, percent: 25, note: 巡查企业30家，整改隐患4处",
        "publicity": "started: 2023-07-10, done: 4, note: 宣传两场"})
    t = status(plan, after, previous=before)
    assert "stalled" in flags(t, "build")  # ordinary work: the same percent is no progress
    assert "stalled" not in flags(t, "patrol")  # a new note: it goes on
    assert "stalled" not in flags(t, "publicity")  # more done: it goes on
    # the same words again (spaces aside) and the same figures: nothing new since 07-14
    again = snap(tmp_path, plan, "2023-07-21", {
        "patrol": "started: 2023-07-03, percent: 25, note: 巡查企业30家， 整改隐患4处",
        "publicity": "started: 2023-07-10, done: 4, note: 宣传两场"})
    t = status(plan, again, previous=after)
    (flag,) = [f for f in t.task("patrol").flags if f.name == "stalled"]
    assert flag.value("since") == d("2023-07-14")
    assert "stalled" in flags(t, "publicity")


def test_ongoing_work_takes_no_duration_uncertainty(tmp_path: Path) -> None:
    from planner.analysis.risk import simulate

    plan = plan_from(tmp_path, ONGOING, HEADER + "  finish: 2023-07-28\n")
    risk = simulate(plan, iterations=500, seed=1)
    assert "patrol" not in {d.id for t in risk.targets for d in t.sensitivity}
    assert risk.criticality["patrol"] == 0.0


# -- the plan's own period ---------------------------------------------------------------------


def test_passing_the_plans_period_is_said_everywhere(tmp_path: Path) -> None:
    import json

    from planner.analysis.risk import simulate
    from planner.render.report import narrative
    from planner.render.risk import notes
    from planner.render.schedule import schedule_headline
    from planner.render.status import headline
    from tests.conftest import invoke

    header = HEADER + "  finish: 2023-07-12\n"  # a period ending Wed 07-12
    plan = plan_from(tmp_path, "- id: a\n  name: A\n  duration: 10\n", header)
    s = schedule(plan)  # a: 07-03 .. Fri 07-14: two working days past the period
    assert s.overrun == 2
    assert schedule_headline(s, "en").endswith(
        "forecast to finish 2023-07-14, 2 working days past the plan's period (to 2023-07-12)")
    t = status(plan, snap(tmp_path, plan, "2023-07-07", {"a": "started: 2023-07-03, "
                                                          "percent: 50"}))
    assert t.overrun == 2
    said = headline(t, t.leaves(), "zh")
    assert "预计2023年7月14日完成，超出计划期（至2023年7月12日）2个工作日" in said
    assert "全部任务预计于2023年7月14日完成，超出本计划期（至2023年7月12日）2个工作日。" in \
        narrative(t, None, "zh")
    risk = simulate(plan, t.snapshot, iterations=300, seed=1)
    project = risk.target(None)
    assert project.deadline == date(2023, 7, 12) and project.probability is not None
    assert notes(risk, "en")[0] == ("project finish forecast 2023-07-14: 2 working days past "
                                    "the plan's period (to 2023-07-12)")
    result = invoke(["status", str(tmp_path), "--fail-on", "high", "-f", "json"])
    assert result.exit_code == 3  # as grave as a missed deadline
    assert json.loads(result.stdout)["project"]["overrun_days"] == 2
    inside = plan_from(tmp_path / "in", "- id: a\n  name: A\n  duration: 8\n", header)
    assert schedule(inside).overrun == 0


def test_a_data_date_before_the_baselined_work_has_no_negative_actual_time(
        tmp_path: Path) -> None:
    plan = plan_from(tmp_path, "- id: a\n  name: A\n  duration: 5\n  start: 2023-07-17\n")
    t = status(plan, snap(tmp_path, plan, "2023-07-07"))  # ten days before a is due to start
    assert t.value.at == 0.0 and t.value.es == 0.0 and t.value.spi_t is None


def test_stalled_since_the_report_that_first_gave_the_measure(tmp_path: Path) -> None:
    from tests.conftest import invoke, write_plan

    write_plan(tmp_path, "- id: a\n  name: A\n  duration: 10\n- id: b\n  name: B\n"
                         "  duration: 10\n")
    status_dir = tmp_path / "status"
    status_dir.mkdir()
    for day, body in (("2023-07-05", "  a: {started: 2023-07-03, percent: 20}\n"),
                      ("2023-07-07", "  b: {started: 2023-07-03, percent: 5}\n"),  # a carried
                      ("2023-07-10", "  a: {started: 2023-07-03, percent: 20}\n")):
        (status_dir / f"{day}.yaml").write_text(
            f"plan: t\ndate: {day}\nprogress:\n{body}", encoding="utf-8")
    doc = __import__("json").loads(invoke(["status", str(tmp_path), "-f", "json"]).stdout)
    a = next(t for t in doc["tasks"] if t["id"] == "a")
    (flag,) = [f for f in a["flags"] if f["name"] == "stalled"]
    assert flag["reason"] == "no progress since 2023-07-05"  # not 07-07: a was not reported


# -- what drives the forecast past the plan's period -------------------------------------------

DRIVEN = """\
- id: a
  name: A
  duration: 5
- id: b
  name: B
  after: [a]
  duration: 5
- id: c
  name: C
  after: [b]
  duration: 5
- id: x
  name: X
  duration: 14
- id: routine
  name: Routine
  ongoing: true
"""  # a 07-03..07-07, b 07-10..07-14, c 07-17..07-21; x 07-03..07-20; period to 07-21
X_ON_TIME = "started: 2023-07-03, remaining: 6"  # D Wed 07-12: Thu 07-13 .. Thu 07-20


@pytest.mark.parametrize(("progress", "overrun", "driver"), [
    # nothing late: no driver
    ({"a": "started: 2023-07-03, finished: 2023-07-07",
      "b": "started: 2023-07-10, percent: 60", "x": X_ON_TIME}, 0, None),
    # a finished two days late (Tue 07-11); b began the next day and keeps its pace (1 of 5
    # days: 20 %), so b ends Tue 07-18 and c Tue 07-25, two working days past the period:
    # b and c only pass a's delay on
    ({"a": "started: 2023-07-03, finished: 2023-07-11",
      "b": "started: 2023-07-12, percent: 20", "x": X_ON_TIME}, 2, "a"),
    # b began when let but has done nothing: 5 days left, Thu 07-13 .. Wed 07-19, and c
    # to Wed 07-26, three days past. b is behind even its own pace since it began, so it is
    # not waiting for a: the chain stops at b, whose slip, 3, is the largest of its own
    ({"a": "started: 2023-07-03, finished: 2023-07-11",
      "b": "started: 2023-07-12, percent: 0", "x": X_ON_TIME}, 3, "b"),
    # x, off the chain, slips past c: x ends the forecast (07-27) and drives it
    ({"a": "started: 2023-07-03, finished: 2023-07-11",
      "b": "started: 2023-07-12, percent: 20",
      "x": "started: 2023-07-03, remaining: 11"}, 4, "x"),
])
def test_the_task_that_drives_the_overrun(tmp_path: Path, progress: dict[str, str],
                                          overrun: int, driver: str | None) -> None:
    plan = plan_from(tmp_path, DRIVEN, HEADER + "  finish: 2023-07-21\n")
    t = status(plan, snap(tmp_path, plan, "2023-07-12", progress))
    assert t.overrun == overrun
    assert t.driver == driver


def test_the_bundled_plans_overrun_is_driven_by_the_policy_work() -> None:
    from planner import Project
    from tests.conftest import BUNDLED

    t = Project.open(BUNDLED).track()
    assert t.overrun == 15 and t.driver == "fangjing-policy"
    assert t.plan.task(t.driver).name.startswith("方镜线改建工程玉山段政策处理")


# -- cost and paused work --------------------------------------------------------------------


def test_a_task_forecast_over_its_budget_is_flagged(tmp_path: Path) -> None:
    from planner.render.status import over_budget, reason, value_line

    plan = plan_from(tmp_path, MIXED)
    # 07-21: a done 07-14 for 125,000 of its 100,000: CPI 0.80, 25 % over;
    # b 07-17.., 40 % done (EV 8,000) for 6,000 spent: CPI 1.33, under budget
    t = status(plan, snap(tmp_path, plan, "2023-07-21", {
        "a": "started: 2023-07-03, finished: 2023-07-14, spent: 125000",
        "b": "started: 2023-07-17, percent: 40, spent: 6000"}))
    assert flags(t, "a").get("over-budget") == "medium"  # finished over budget: a fact
    flag = next(f for f in t.task("a").flags if f.name == "over-budget")
    assert (flag.value("over"), flag.value("cpi")) == (25, 0.8)
    assert reason(flag, "zh") == "按已支出和进度推算，预计费用超出预算25%（费用绩效指数0.80）"
    assert "over-budget" not in flags(t, "b") and "over-budget" not in flags(t, "c")
    # the earned value line names it, with its forecast and its budget
    over = over_budget(t, t.leaves())
    assert [name for name, _ in over] == ["A"]
    line = value_line(t.value, "zh", "元", over)
    assert line.endswith("；预计超出预算：A（预计12.5万元，预算10万元）")
    assert value_line(t.value, "en", "CNY", over).endswith(
        "; forecast over budget: A (forecast 125,000 CNY against 100,000 CNY)")


def test_over_budget_follows_the_plans_cpi_threshold(tmp_path: Path) -> None:
    header = HEADER + "  thresholds: {cpi: 0.75}\n"
    plan = plan_from(tmp_path, MIXED, header)
    assert plan.thresholds.cpi == 0.75
    # a 45 % done for 50,000: EV 45,000, CPI 0.90 — over budget, but within the plan's 0.75
    t = status(plan, snap(tmp_path, plan, "2023-07-10", {
        "a": "started: 2023-07-03, percent: 45, spent: 50000",
        "b": "started: 2023-07-10, percent: 10, spent: 3000"}))  # EV 2,000: CPI 0.67
    assert "over-budget" not in flags(t, "a")
    assert flags(t, "b").get("over-budget") == "medium"
    flag = next(f for f in t.task("b").flags if f.name == "over-budget")
    assert flag.value("over") == 50  # 3,000 for 2,000 of work: 20,000 × 1.5 = 30,000


def test_money_spent_with_nothing_earned_is_over_budget(tmp_path: Path) -> None:
    from planner.render.status import reason

    plan = plan_from(tmp_path, MIXED)
    t = status(plan, snap(tmp_path, plan, "2023-07-10", {
        "a": "started: 2023-07-03, percent: 0, spent: 1000"}))
    flag = next(f for f in t.task("a").flags if f.name == "over-budget")
    assert flag.value("over") is None
    assert reason(flag, "zh") == "已有支出但尚无进度，费用绩效指数0.00"


def test_a_paused_tasks_forecast_says_it_assumes_work_resumes(tmp_path: Path) -> None:
    from planner.render.status import reason

    plan = plan_from(tmp_path, "- id: a\n  name: A\n  duration: 5\n"
                           "- id: b\n  name: B\n  duration: 10\n")
    # Fri 07-07: a 40 % done and paused; the forecast counts its 3 days from Mon 07-10
    t = status(plan, snap(tmp_path, plan, "2023-07-07", {
        "a": "started: 2023-07-03, percent: 40, note: 等待县级补助资金拨付，暂停施工",
        "b": "started: 2023-07-03, percent: 50, note: 8月台风暴雨停工约两周"}))
    assert t.task("a").forecast.finish == d("2023-07-12")
    flag = next(f for f in t.task("a").flags if f.name == "paused")
    assert flag.value("resume") == d("2023-07-10") and flag.severity == "low"
    assert reason(flag, "zh") == ("进展说明称暂停，预计完成日期按最早可恢复之日（2023年7月10日）"
                                  "恢复推进推算")
    assert "has work resume on the earliest day it can (2023-07-10)" in reason(flag, "en")
    assert "paused" not in flags(t, "b")  # a stop that is over is no pause
    # held by a predecessor: the day it lets the rest go on, not the next working day
    held = plan_from(tmp_path / "held", "- id: a\n  name: A\n  duration: 5\n"
                                      "- id: b\n  name: B\n  duration: 10\n  after: [a SS+8]\n")
    t2 = status(held, snap(tmp_path / "held", held, "2023-07-07", {
        "b": "started: 2023-07-05, percent: 10, note: 暂停"}))
    paused = next(f for f in t2.task("b").flags if f.name == "paused")
    # a: 07-03…07-07 (planned, not started: forecast from 07-10 to 07-14); b SS+8 from
    # a's forecast start 07-10: 07-20
    assert paused.value("resume") == d("2023-07-20")
    (tmp_path / "done").mkdir()
    done = status(plan, snap(tmp_path / "done", plan, "2023-07-07", {
        "a": "started: 2023-07-03, finished: 2023-07-07, note: 暂停后已复工完成"}))
    assert "paused" not in flags(done, "a")


def test_the_bundled_plans_work_under_way_is_held_back_not_waiting() -> None:
    from planner import Project
    from tests.conftest import BUNDLED

    t = Project.open(BUNDLED).track()
    auction = {f.name for f in t.task("torreya-auction").flags}
    assert "held-back" in auction and "waiting" not in auction  # running since 10-30
    assert all(t.task(s.id).state == "not-started" for s in t.leaves()
               if any(f.name == "waiting" for f in s.flags))
    assert "over-budget" in {f.name for f in t.task("elder-build").flags}
    assert "paused" in {f.name for f in t.task("sewage-yuekeng").flags}
