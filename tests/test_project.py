"""The library API: `planner.Project` reads each input once and owns the workflow's rules."""

from __future__ import annotations

import importlib.metadata
import os
import stat
from datetime import date
from pathlib import Path

import pytest

import planner
from planner import PlanError, Project
from planner.analysis.baseline import from_schedule
from tests.conftest import BUNDLED, write_plan

TRACKED = """\
- id: a
  name: A
  owner: 镇农办
  duration: 5
- id: b
  name: B
  owner: 镇建设办
  duration: 10
  after: [a]
  deadline: 2023-07-21
"""


def tracked(tmp_path: Path, out_of_sequence: str | None = None) -> Path:
    header = None
    if out_of_sequence:
        header = ("plan:\n  id: t\n  name: Test\n  start: 2023-07-03\n  calendar: weekdays\n"
                  f"  out_of_sequence: {out_of_sequence}\n")
    write_plan(tmp_path, TRACKED, header)
    status = tmp_path / "status"
    status.mkdir()
    (status / "2023-07-07.yaml").write_text(
        "plan: t\ndate: 2023-07-07\nprogress:\n  a: {started: 2023-07-03, percent: 40}\n",
        encoding="utf-8")
    (status / "2023-07-14.yaml").write_text(
        "plan: t\ndate: 2023-07-14\nprogress:\n  a: {started: 2023-07-03, percent: 60}\n"
        "  b: {started: 2023-07-12, percent: 10}\n", encoding="utf-8")
    return tmp_path


# -- the public surface ------------------------------------------------------------------------


def test_every_exported_name_resolves_and_the_version_is_the_installed_one() -> None:
    for name in planner.__all__:
        assert getattr(planner, name) is not None, name
    assert planner.__version__ == importlib.metadata.version("planner-cpm")
    assert (Path(planner.__file__).parent / "py.typed").is_file()
    with pytest.raises(AttributeError):
        planner.nothing_here  # noqa: B018


# -- inputs read once ----------------------------------------------------------------------


def test_each_input_is_read_once_whatever_is_asked(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import planner.project as project_module

    calls = {"snapshots": 0, "calendar": 0, "forecast": 0}
    real_snapshots, real_calendar = project_module.load_snapshots, project_module.plan_calendar
    import planner.analysis.tracking as tracking_module
    real_forecast = tracking_module.forecast

    def count(key: str, fn):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            calls[key] += 1
            return fn(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(project_module, "load_snapshots", count("snapshots", real_snapshots))
    monkeypatch.setattr(project_module, "plan_calendar", count("calendar", real_calendar))
    monkeypatch.setattr(tracking_module, "forecast", count("forecast", real_forecast))
    p = Project.open(tracked(tmp_path))
    view = p.review()  # what `planner gantt` asks for
    p.track()
    p.history()
    risk = p.simulate(iterations=50, seed=1)  # what `planner report` asks for next
    assert calls == {"snapshots": 1, "calendar": 1, "forecast": 2}  # one per snapshot
    assert risk.deterministic is view.schedule  # the simulation reuses the forecast


# -- the rules -------------------------------------------------------------------------------


def test_at_picks_the_latest_snapshot_on_or_before_it(tmp_path: Path) -> None:
    p = Project.open(tracked(tmp_path))
    assert p.track().date == date(2023, 7, 14)
    assert p.track(date(2023, 7, 13)).date == date(2023, 7, 7)
    assert p.track(date(2023, 7, 7)).date == date(2023, 7, 7)
    with pytest.raises(PlanError) as err:
        p.track(date(2023, 7, 6))
    (d,) = err.value.diagnostics
    assert d.code == "no-snapshot" and "on or before 2023-07-06" in d.message


def test_without_a_saved_baseline_the_plan_schedule_is_the_baseline(tmp_path: Path) -> None:
    p = Project.open(tracked(tmp_path))
    assert p.saved_baseline is None
    assert p.baseline.tasks == from_schedule(p.schedule()).tasks
    assert p.track().task("b").baseline.finish == date(2023, 7, 21)  # type: ignore[union-attr]


def test_a_saved_baseline_is_what_tracking_measures_against(tmp_path: Path) -> None:
    folder = tracked(tmp_path)
    Project.open(folder).save_baseline(saved=date(2023, 7, 1))
    write_plan(folder, TRACKED.replace("duration: 10", "duration: 12"))  # re-planned
    p = Project.open(folder)
    assert p.saved_baseline is not None and p.saved_baseline.saved == date(2023, 7, 1)
    assert p.track().task("b").baseline.finish == date(2023, 7, 21)  # type: ignore[union-attr]
    assert p.schedule().task("b").finish == date(2023, 7, 25)


def test_logic_comes_from_the_plan_unless_asked(tmp_path: Path) -> None:
    retained = Project.open(tracked(tmp_path / "r"))
    override = Project.open(tracked(tmp_path / "o", "override"))
    assert retained.logic() == "retained" and override.logic() == "override"
    assert retained.logic("override") == "override"
    # b started before a finished: retained logic holds b's rest until a is done
    held = retained.track().task("b").forecast.finish
    free = retained.track(logic="override").task("b").forecast.finish
    assert free < held and override.track().task("b").forecast.finish == free
    with pytest.raises(ValueError, match="unknown logic"):
        retained.logic("sideways")


def test_history_is_every_snapshot_up_to_the_date(tmp_path: Path) -> None:
    p = Project.open(tracked(tmp_path))
    assert [t.date for t in p.history()] == [date(2023, 7, 7), date(2023, 7, 14)]
    assert [t.date for t in p.history(date(2023, 7, 10))] == [date(2023, 7, 7)]
    assert p.history()[1].previous is p.snapshots[0]


def test_review_without_snapshots_is_the_plan_alone(tmp_path: Path) -> None:
    write_plan(tmp_path, TRACKED)
    view = Project.open(tmp_path).review()
    assert view.tracking is None and view.history == () and view.schedule.data_date is None
    with_progress = Project.open(tracked(tmp_path / "t")).review(plan_only=True)
    assert with_progress.tracking is None


def test_simulate_from_a_date_and_with_another_distribution(tmp_path: Path) -> None:
    p = Project.open(tracked(tmp_path))
    early = p.simulate(date(2023, 7, 10), iterations=200, seed=2)
    assert early.data_date == date(2023, 7, 7)
    pert = p.simulate(iterations=2000, seed=2)
    tri = p.simulate(iterations=2000, seed=2, distribution="triangular")
    # the triangular spreads more weight into the long tail than beta-PERT
    assert tri.target(None).percentile(80) >= pert.target(None).percentile(80)
    assert tri.target(None).percentiles != pert.target(None).percentiles
    with pytest.raises(ValueError, match="unknown distribution"):
        p.simulate(iterations=10, distribution="normal")


def test_diff_needs_an_earlier_from(tmp_path: Path) -> None:
    p = Project.open(tracked(tmp_path))
    d = p.diff(date(2023, 7, 7))
    assert (d.before.date, d.after.date) == (date(2023, 7, 7), date(2023, 7, 14))
    with pytest.raises(PlanError) as err:
        p.diff(date(2023, 7, 14))
    assert err.value.diagnostics[0].code == "diff-dates"


# -- writing the baseline ----------------------------------------------------------------------


def test_save_baseline_creates_replaces_only_with_force(tmp_path: Path) -> None:
    folder = tracked(tmp_path)
    old_mask = os.umask(0o022)
    try:
        first = Project.open(folder).save_baseline(saved=date(2023, 7, 1))
    finally:
        os.umask(old_mask)
    path = folder / "baseline.yaml"
    assert first.written and not first.existed and path.is_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    again = Project.open(folder).save_baseline(saved=date(2023, 7, 1))
    assert not again.written and again.changes == ()
    write_plan(folder, TRACKED.replace("duration: 10", "duration: 12"))
    before = path.read_text(encoding="utf-8")
    refused = Project.open(folder).save_baseline()
    assert not refused.written and [c.task for c in refused.changes] == ["b"]
    assert path.read_text(encoding="utf-8") == before
    path.chmod(0o600)
    forced = Project.open(folder).save_baseline(force=True, saved=date(2023, 7, 20))
    assert forced.written and forced.existed and "2023-07-20" in path.read_text()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # the file's own mode is kept


def test_force_stores_a_new_date_even_when_no_task_changed(tmp_path: Path) -> None:
    folder = tracked(tmp_path)
    Project.open(folder).save_baseline(saved=date(2023, 7, 1))
    update = Project.open(folder).save_baseline(force=True, saved=date(2023, 8, 1))
    assert update.written and Project.open(folder).saved_baseline.saved == date(2023, 8, 1)  # type: ignore[union-attr]


def test_a_corrupt_baseline_is_an_error_and_force_replaces_it(tmp_path: Path) -> None:
    folder = tracked(tmp_path)
    (folder / "baseline.yaml").write_text("plan: other\ntasks: [1, 2]\n", encoding="utf-8")
    with pytest.raises(PlanError):
        Project.open(folder).save_baseline()
    update = Project.open(folder).save_baseline(force=True, saved=date(2023, 7, 1))
    assert update.written and update.problems
    assert any("other" in d.message for d in update.problems)
    assert Project.open(folder).saved_baseline is not None


def test_two_savers_at_once_cannot_both_create_it(tmp_path: Path) -> None:
    from planner.support.safewrite import create_new

    target = tmp_path / "baseline.yaml"
    assert create_new(target, "first\n") is True
    assert create_new(target, "second\n") is False
    assert target.read_text() == "first\n"
    assert [p.name for p in tmp_path.iterdir()] == ["baseline.yaml"]  # no temp file left


# -- checking a whole folder -------------------------------------------------------------------


def test_diagnose_checks_snapshots_and_baseline_too(tmp_path: Path) -> None:
    assert Project.diagnose(BUNDLED) == ()
    folder = tracked(tmp_path)
    (folder / "status" / "2023-07-21.yaml").write_text(
        "plan: t\ndate: 2023-07-21\nprogress:\n  a: {started: 2023-07-03, percent: 150}\n",
        encoding="utf-8")
    (folder / "baseline.yaml").write_text("plan: t\n", encoding="utf-8")
    found = Project.diagnose(folder)
    assert {(Path(d.location.file).name, d.code) for d in found} >= {
        ("2023-07-21.yaml", "progress"), ("baseline.yaml", "missing-key")}
    assert Project.diagnose(tmp_path / "nowhere")[0].severity.value == "error"


def test_no_exported_name_is_shadowed_by_a_submodule() -> None:
    import importlib
    import types

    for name in planner.__all__:
        importlib.import_module("planner.project")  # imports every core module
        assert not isinstance(getattr(planner, name), types.ModuleType), name


def test_pack_hands_the_report_finished_results(tmp_path: Path) -> None:
    from tests.test_trend import plan_folder

    project = Project.open(plan_folder(tmp_path))
    pack = project.pack(iterations=200, seed=1)
    assert pack.tracking.date == project.track().date
    assert [t.date for t in pack.history] == [s.date for s in project.snapshots]
    # the trend runs over every report up to the pack's date, the check at that date
    assert [x.points for x in pack.trend.lines] == [x.points for x in project.trend().lines]
    assert pack.check.data_date == pack.tracking.date
    assert pack.risk.data_date == pack.tracking.date and pack.risk.iterations == 200
    earlier = project.pack(project.snapshots[0].date, iterations=100, seed=1)
    assert earlier.trend.reports == (project.snapshots[0].date,)


def test_review_carries_the_trend_of_its_history(tmp_path: Path) -> None:
    from tests.test_trend import plan_folder

    project = Project.open(plan_folder(tmp_path))
    view = project.review()
    assert view.trend is not None and view.trend.reports == tuple(t.date for t in view.history)
    assert project.review(plan_only=True).trend is None


def test_a_python_caller_is_refused_a_future_data_date_unless_forced(tmp_path: Path) -> None:
    from datetime import timedelta

    from planner import PlanError

    project = Project.open(tracked(tmp_path))
    ahead = date.today() + timedelta(days=400)
    with pytest.raises(PlanError) as refused:
        project.record(ahead, {"a": {"percent": 50}}, dry_run=True)
    assert f"the data date {ahead} is 400 days after today" in refused.value.diagnostics[0].message
    result = project.record(ahead, {"a": {"percent": 50}}, dry_run=True, force=True)
    warning = next(w for w in result.warnings if w.code == "date")
    assert f"the data date {ahead} is 400 days after today" in warning.message
    assert warning.location.file == str(result.path) and warning.severity == "warning"
    near = project.record(date(2023, 7, 14), {"a": {"percent": 50}}, dry_run=True)
    assert not [w for w in near.warnings if w.code == "date"]
    assert Project.future(date(2023, 9, 1), today=date(2023, 8, 1)) == ()  # 31 days: fine
    assert Project.future(date(2023, 9, 2), today=date(2023, 8, 1))


def test_fail_on_counts_the_overrun_only_for_the_whole_plan(tmp_path: Path) -> None:
    header = ("plan:\n  id: t\n  name: Test\n  start: 2023-07-03\n  finish: 2023-07-10\n"
              "  calendar: weekdays\n")
    write_plan(tmp_path, TRACKED.replace("  deadline: 2023-07-21\n", ""), header)
    (tmp_path / "status").mkdir()
    (tmp_path / "status" / "2023-07-07.yaml").write_text(
        "plan: t\ndate: 2023-07-07\nprogress:\n  a: {started: 2023-07-03, percent: 80}\n",
        encoding="utf-8")
    project = Project.open(tmp_path)
    t = project.track()
    assert t.overrun
    assert project.fails(t, [], "high")  # the plan passes its period: as grave as high
    assert not project.fails(t, [], "high", whole_plan=False)
    worst = max(s.severity for s in t.leaves())
    from planner.domain.flags import SEVERITIES

    assert project.fails(t, t.leaves(), SEVERITIES[max(worst, 0)], whole_plan=False) == (
        worst >= 0)
    with pytest.raises(ValueError, match="unknown severity"):
        project.fails(t, [], "urgent")
