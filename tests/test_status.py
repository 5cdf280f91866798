"""Loading status snapshots: the fields of a good one, and every bad entry with its message.

The fixtures under tests/fixtures/status/ are checked against the small plan.yaml there:
survey Mon 07-03 .. Fri 07-07; meters (200 households) and design after it; build after
design; design and build make up the summary task 'works'.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from planner.diagnostics import PlanError
from planner.load import load_plan
from planner.model import Plan
from planner.status import Progress, load_snapshot, load_snapshots
from tests.conftest import assert_diagnostics
from tests.test_load import expectations

FIXTURES = Path(__file__).parent / "fixtures" / "status"
EARLIEST = re.compile(r"# earliest: (\S+)$", re.MULTILINE)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(FIXTURES)


def test_valid_snapshot_fields(plan: Plan) -> None:
    path = FIXTURES / "good.yaml"
    s = load_snapshot(path, plan)
    assert (s.plan, s.date, s.path) == ("status-demo", date(2023, 7, 12), path)
    assert (s.location.line, s.location.col) == (3, 1)  # the 'date:' line
    assert list(s.progress) == ["survey", "meters", "design"]

    survey = s.of("survey")
    assert survey == Progress("survey", started=date(2023, 7, 3), finished=date(2023, 7, 6),
                              percent=100, spent=1200, location=survey.location)
    assert (survey.location.line, survey.location.col) == (5, 3)
    assert survey.is_started and survey.measure() == (100, None, None)

    meters = s.of("meters")
    assert (meters.started, meters.finished, meters.done) == (date(2023, 7, 7), None, 40)
    assert (meters.percent, meters.remaining, meters.spent) == (None, None, None)
    assert meters.note == "first street done"
    assert (meters.where("done").line, meters.where("done").col) == (6, 39)  # the value 40

    design = s.of("design")  # the block form: each key on its own line
    assert (design.started, design.remaining, design.percent) == (date(2023, 7, 10), 4, 20)
    assert isinstance(design.remaining, int)
    assert (design.where("remaining").line, design.where("remaining").col) == (9, 16)
    assert design.where("spent") == design.location  # absent keys point at the task

    assert s.of("build") is None  # not mentioned: no progress


@pytest.mark.parametrize("fixture", sorted((FIXTURES / "bad").glob("*.yaml")),
                         ids=lambda p: p.stem)
def test_bad_snapshot_reports_every_expected_error(plan: Plan, fixture: Path) -> None:
    expected = expectations(fixture)
    assert expected, f"{fixture.name} has no '# expect:' lines"
    earliest = EARLIEST.search(fixture.read_text(encoding="utf-8"))
    with pytest.raises(PlanError) as info:
        load_snapshot(fixture, plan,
                      earliest=date.fromisoformat(earliest[1]) if earliest else None)
    assert_diagnostics(info.value.diagnostics, expected, fixture)


def test_progress_errors_name_the_task(plan: Plan) -> None:
    with pytest.raises(PlanError) as info:
        load_snapshot(FIXTURES / "bad" / "finished-before-started.yaml", plan)
    (d,) = info.value.diagnostics
    assert d.task == "survey"
    assert str(FIXTURES / "bad" / "finished-before-started.yaml") in d.render()


def _plan_folder(tmp_path: Path) -> Plan:
    shutil.copy(FIXTURES / "plan.yaml", tmp_path / "plan.yaml")
    (tmp_path / "status").mkdir()
    return load_plan(tmp_path)


def test_two_snapshots_with_the_same_date_are_refused(tmp_path: Path) -> None:
    plan = _plan_folder(tmp_path)
    (tmp_path / "status" / "a.yaml").write_text(
        "plan: status-demo\ndate: 2023-07-12\nprogress:\n  survey: {started: 2023-07-03}\n")
    (tmp_path / "status" / "b.yaml").write_text(
        "plan: status-demo\n\ndate: 2023-07-12\n")
    with pytest.raises(PlanError) as info:
        load_snapshots(plan)
    (d,) = info.value.diagnostics
    assert d.code == "duplicate-date"
    assert "two snapshots have the data date 2023-07-12" in d.message
    assert "a.yaml" in d.message and "b.yaml" in d.message
    assert (d.location.file, d.location.line, d.location.col) == (
        str(tmp_path / "status" / "b.yaml"), 3, 1)


def test_snapshots_load_oldest_first_whatever_their_file_names(tmp_path: Path) -> None:
    plan = _plan_folder(tmp_path)
    (tmp_path / "status" / "a-late.yaml").write_text("plan: status-demo\ndate: 2023-07-20\n")
    (tmp_path / "status" / "b-early.yaml").write_text("plan: status-demo\ndate: 2023-07-07\n")
    (tmp_path / "status" / ".hidden.yaml").write_text("not: a snapshot\n")
    (tmp_path / "status" / "notes.txt").write_text("ignored\n")
    assert [s.date for s in load_snapshots(plan)] == [date(2023, 7, 7), date(2023, 7, 20)]


def test_errors_of_all_snapshot_files_are_reported_together(tmp_path: Path) -> None:
    plan = _plan_folder(tmp_path)
    (tmp_path / "status" / "a.yaml").write_text(
        "plan: status-demo\ndate: 2023-07-12\nprogress:\n  survy: {started: 2023-07-03}\n")
    (tmp_path / "status" / "b.yaml").write_text("plan: other\ndate: 2023-07-13\n")
    with pytest.raises(PlanError) as info:
        load_snapshots(plan)
    assert sorted((Path(d.location.file).name, d.code) for d in info.value.diagnostics) == [
        ("a.yaml", "unknown-task"), ("b.yaml", "plan")]


def test_snapshot_before_the_plan_start_recording_carried_over_work_is_accepted(
        tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "2023-06-30.yaml"
    path.write_text("plan: status-demo\ndate: 2023-06-30\nprogress:\n"
                    "  survey: {started: 2023-06-28, percent: 40}\n")
    s = load_snapshot(path, plan, earliest=plan.start)
    assert s.date == date(2023, 6, 30) and s.date < plan.start
    assert s.of("survey") is not None and s.of("survey").started == date(2023, 6, 28)


def test_snapshot_on_the_earliest_day_with_no_progress_is_accepted(
        tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "2023-07-03.yaml"
    path.write_text("plan: status-demo\ndate: 2023-07-03\n")
    assert load_snapshot(path, plan, earliest=date(2023, 7, 3)).progress == {}
