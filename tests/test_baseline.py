"""The approved baseline: saved atomically, read back, compared."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from planner.analysis.baseline import from_schedule
from planner.domain.baseline import changes
from planner.domain.diagnostics import PlanError
from planner.engine.schedule import schedule
from planner.planfiles.baseline import load_baseline, to_yaml
from planner.planfiles.plan import load_plan
from planner.render.baseline import change_lines
from tests.conftest import invoke, write_plan

PLAN = "- id: a\n  name: A\n  duration: 5\n  budget: 1000\n- id: b\n  name: B\n" \
       "  duration: 3\n  after: [a]\n"


def test_round_trip(tmp_path: Path) -> None:
    plan = load_plan(write_plan(tmp_path, PLAN))
    saved = from_schedule(schedule(plan), date(2023, 7, 1))
    (tmp_path / "baseline.yaml").write_text(to_yaml(saved), encoding="utf-8")
    back = load_baseline(tmp_path / "baseline.yaml", plan)
    assert back.tasks == saved.tasks and back.saved == date(2023, 7, 1)
    assert back.of("a") is not None and back.of("a").budget == 1000  # type: ignore[union-attr]
    assert back.of("b").finish == date(2023, 7, 12)  # type: ignore[union-attr]


def test_cli_refuses_to_overwrite_without_force_and_says_what_would_change(
        tmp_path: Path) -> None:
    write_plan(tmp_path, PLAN)
    first = invoke(["baseline", str(tmp_path), "--date", "2023-07-01"])
    assert first.exit_code == 0 and "baseline saved (2 tasks, 2023-07-01)" in first.stdout
    before = (tmp_path / "baseline.yaml").read_text()
    write_plan(tmp_path, PLAN.replace("duration: 3", "duration: 4"))
    refused = invoke(["baseline", str(tmp_path)])
    assert refused.exit_code == 1
    assert "~ b: finish 2023-07-12 -> 2023-07-13, duration 3 -> 4" in refused.stdout
    assert "--force" in refused.stderr
    assert (tmp_path / "baseline.yaml").read_text() == before  # nothing lost
    forced = invoke(["baseline", str(tmp_path), "--force", "--date", "2023-07-02"])
    assert forced.exit_code == 0
    assert load_baseline(tmp_path / "baseline.yaml", load_plan(tmp_path)).of(
        "b").duration == 4  # type: ignore[union-attr]


def test_unchanged_baseline_is_left_alone(tmp_path: Path) -> None:
    write_plan(tmp_path, PLAN)
    invoke(["baseline", str(tmp_path), "--date", "2023-07-01"])
    again = invoke(["baseline", str(tmp_path)])
    assert again.exit_code == 0 and "unchanged" in again.stdout


def test_changes_lists_added_changed_and_removed_tasks(tmp_path: Path) -> None:
    plan = load_plan(write_plan(tmp_path, PLAN))
    old = from_schedule(schedule(plan))
    plan2 = load_plan(write_plan(tmp_path / "v2", PLAN.replace("- id: b\n  name: B", "- id: c\n"
                                                               "  name: C")))
    lines = change_lines(changes(old, from_schedule(schedule(plan2))))
    assert lines == ["+ c: 2023-07-10 .. 2023-07-12 (3 d)", "- b"]


def test_baseline_task_missing_from_plan_is_a_warning(tmp_path: Path) -> None:
    plan = load_plan(write_plan(tmp_path, PLAN))
    text = to_yaml(from_schedule(schedule(plan))) + \
        "  gone: {start: 2023-07-03, finish: 2023-07-04, duration: 2}\n"
    (tmp_path / "baseline.yaml").write_text(text)
    b = load_baseline(tmp_path / "baseline.yaml", plan)
    (w,) = b.warnings
    assert "'gone' is no longer in the plan" in w.message and w.location.line == 8


def test_re_approving_after_a_task_left_the_plan_says_it_removes_it(tmp_path: Path) -> None:
    """The saved baseline is read against the current plan, which has no 'b' any more: it
    is not tracked, yet `planner baseline` must still say that re-approving removes it."""
    write_plan(tmp_path, PLAN)
    assert invoke(["baseline", str(tmp_path), "--date", "2023-07-01"]).exit_code == 0
    write_plan(tmp_path, PLAN.split("- id: b")[0])  # 'b' leaves the plan
    b = load_baseline(tmp_path / "baseline.yaml", load_plan(tmp_path))
    assert "b" not in b.tasks and "b" in b.retired
    refused = invoke(["baseline", str(tmp_path)])
    assert refused.exit_code == 1 and "- b" in refused.stdout.splitlines()


def test_corrupt_baseline_is_a_located_error(tmp_path: Path) -> None:
    plan = load_plan(write_plan(tmp_path, PLAN))
    (tmp_path / "baseline.yaml").write_text(
        "plan: t\ntasks:\n  a: {start: 2023-07-03, finish: 2023-07-99, duration: 5}\n")
    with pytest.raises(PlanError) as info:
        load_baseline(tmp_path / "baseline.yaml", plan)
    (d,) = info.value.diagnostics
    assert (d.location.line, d.code) == (3, "value") and "2023-07-99" in d.message
    assert d.message.startswith("finish of 'a': ") and d.task == "a"  # names the task


def test_budgets_read_back_exactly(tmp_path: Path) -> None:
    plan = load_plan(write_plan(tmp_path, "- id: a\n  name: A\n  duration: 2\n"
                                          "  budget: 1234567\n- id: b\n  name: B\n"
                                          "  duration: 1\n  budget: 0.1\n"))
    text = to_yaml(from_schedule(schedule(plan)))
    assert "budget: 1234567}" in text and "budget: 0.1}" in text
    (tmp_path / "baseline.yaml").write_text(text, encoding="utf-8")
    back = load_baseline(tmp_path / "baseline.yaml", plan)
    assert back.tasks["a"].budget == 1234567 and back.tasks["b"].budget == 0.1
