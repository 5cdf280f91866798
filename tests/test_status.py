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

from planner.domain.diagnostics import PlanError
from planner.domain.model import Plan
from planner.domain.progress import Progress
from planner.planfiles.plan import load_plan
from planner.planfiles.snapshots import load_snapshot, load_snapshots
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
                              percent=100, spent=1200, reported=date(2023, 7, 12),
                              location=survey.location)
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


# -- snapshots are cumulative ------------------------------------------------------------------

MONTHLY = """\
- id: survey
  name: 勘察
  owner: 镇建设办
  duration: 10
- id: design
  name: 设计
  owner: 设计院
  duration: 10
  after: [survey]
- id: build
  name: 施工
  owner: 施工单位
  duration: 40
  after: [design]
- id: publicity
  name: 宣传
  owner: 镇宣传办
  duration: 60
"""


def monthly(tmp_path: Path, snapshots: dict[str, str], header: str | None = None) -> Path:
    from tests.conftest import write_plan

    write_plan(tmp_path, MONTHLY, header)
    (tmp_path / "status").mkdir()
    for day, body in snapshots.items():
        (tmp_path / "status" / f"{day}.yaml").write_text(
            f"plan: t\ndate: {day}\nprogress:\n{body}", encoding="utf-8")
    return tmp_path


MAY = ("  survey: {started: 2023-07-03, finished: 2023-07-14}\n"
       "  design: {started: 2023-07-17, percent: 40}\n"
       "  publicity: {started: 2023-07-03, percent: 30}\n")


def test_a_task_a_snapshot_does_not_mention_keeps_its_latest_report(tmp_path: Path) -> None:
    from planner import Project

    folder = monthly(tmp_path, {"2023-07-21": MAY,
                                "2023-08-04": "  design: {started: 2023-07-17, percent: 90}\n"})
    t = Project.open(folder).track()
    # survey finished at the 07-21 report; the 08-04 file forgot it: it stays finished
    assert t.task("survey").state == "done" and t.task("survey").reported == date(2023, 7, 21)
    assert t.task("design").actual_percent == 90 and t.task("design").reported == t.date
    assert t.snapshot.carried("survey") and not t.snapshot.carried("design")
    assert t.task("publicity").state == "in-progress"
    for task in ("survey", "design", "publicity"):  # nothing reported is forgotten
        assert "not-started" not in {f.name for f in t.task(task).flags}


def test_carried_entries_are_shown_as_such(tmp_path: Path) -> None:
    import json

    from tests.conftest import invoke

    folder = monthly(tmp_path, {"2023-07-21": MAY,
                                "2023-08-04": "  design: {started: 2023-07-17, percent: 90}\n"})
    doc = json.loads(invoke(["status", str(folder), "-f", "json"]).stdout)
    rows = {r["id"]: r for r in doc["tasks"]}
    assert (rows["survey"]["reported"], rows["survey"]["carried"]) == ("2023-07-21", True)
    assert (rows["design"]["reported"], rows["design"]["carried"]) == ("2023-08-04", False)
    table = invoke(["status", str(folder), "--lang", "en"]).stdout
    line = next(x for x in table.splitlines() if x.startswith("publicity"))
    assert "07-21" in line  # unfinished work reported earlier: its report date is shown
    assert "reported" in table


def test_no_report_flag_after_the_configured_days(tmp_path: Path) -> None:
    from planner import Project

    folder = monthly(tmp_path, {"2023-07-21": MAY,
                                "2023-08-25": "  design: {started: 2023-07-17, percent: 95}\n"})
    t = Project.open(folder).track()
    flags = {f.name: f for f in t.task("publicity").flags}
    # 07-21 -> 08-25 is 35 calendar days, more than the default 31
    assert "no-report" in flags and flags["no-report"].value("since") == date(2023, 7, 21)
    assert "stalled" not in flags  # not reported again, so not known to be stalled
    assert "no-report" not in {f.name for f in t.task("survey").flags}  # finished: no report due
    early = Project.open(folder).track(date(2023, 8, 1))
    assert "no-report" not in {f.name for f in early.task("publicity").flags}
    strict = monthly(tmp_path / "strict", {
        "2023-07-21": MAY, "2023-08-04": "  design: {started: 2023-07-17, percent: 90}\n"},
        header="plan:\n  id: t\n  name: Test\n  start: 2023-07-03\n"
               "  thresholds: {no_report: 10}\n")
    flags14 = {f.name for f in Project.open(strict).track().task("publicity").flags}
    assert "no-report" in flags14  # 14 days > 10


def test_reported_again_unchanged_is_stalled(tmp_path: Path) -> None:
    from planner import Project

    folder = monthly(tmp_path, {"2023-07-21": MAY,
                                "2023-08-04": "  publicity: {started: 2023-07-03, percent: 30}\n"})
    flags = {f.name for f in Project.open(folder).track().task("publicity").flags}
    assert "stalled" in flags and "no-report" not in flags


def test_progress_going_backwards_is_a_warning_naming_both_reports(tmp_path: Path) -> None:
    from planner import Project

    later = ("  survey: {started: 2023-07-03}\n"  # the finish is no longer reported
             "  design: {started: 2023-07-18, percent: 20}\n")  # moved start, lower percent
    folder = monthly(tmp_path, {"2023-07-21": MAY, "2023-08-04": later})
    warnings = Project.open(folder).snapshot_warnings
    by = {(w.task, w.message.split(": ", 1)[1].split(",")[0]) for w in warnings}
    assert by == {("survey", "the finish 2023-07-14 is no longer reported"),
                  ("design", "percent 20 is lower than 40"),
                  ("design", "started moved from 2023-07-17 to 2023-07-18")}
    for w in warnings:
        assert w.severity.value == "warning" and w.code == "backwards"
        assert w.location.file.endswith("2023-08-04.yaml") and w.location.line >= 4
        assert "2023-07-21.yaml:" in w.message  # the earlier report, file and line
    corrected = monthly(tmp_path / "c", {"2023-07-21": MAY, "2023-08-04": later.replace(
        "percent: 20}", "percent: 20, correct: true}").replace(
        "{started: 2023-07-03}", "{started: 2023-07-03, correct: true}")})
    assert Project.open(corrected).snapshot_warnings == ()


def test_status_prints_backwards_warnings_and_validate_counts_them(tmp_path: Path) -> None:
    from tests.conftest import invoke

    folder = monthly(tmp_path, {"2023-07-21": MAY,
                                "2023-08-04": "  design: {started: 2023-07-17, percent: 10}\n"})
    result = invoke(["status", str(folder)])
    assert result.exit_code == 0 and "warning: task 'design': percent 10 is lower" in result.stderr
    check = invoke(["validate", str(folder)])
    assert check.exit_code == 0 and "1 warning" in check.stdout


def test_a_snapshot_given_by_name_builds_on_the_folders_reports(tmp_path: Path) -> None:
    from planner import Project

    folder = monthly(tmp_path, {"2023-07-21": MAY})
    extra = tmp_path / "draft.yaml"
    extra.write_text("plan: t\ndate: 2023-08-04\nprogress:\n"
                     "  design: {started: 2023-07-17, percent: 90}\n", encoding="utf-8")
    project = Project.open(folder)
    t = project.track(snapshot=project.read_snapshot(extra))
    assert t.task("survey").state == "done" and t.task("design").actual_percent == 90


def test_bundled_snapshots_rely_on_carry_forward() -> None:
    from planner import Project
    from tests.conftest import BUNDLED

    project = Project.open(BUNDLED)
    latest = project.snapshots[-1]
    assert latest.written is not None and len(latest.written) < len(latest.progress)
    t = project.track()
    assert t.task("six-village-team").state == "done"  # finished 07-21, written once, 09-30
    assert sum(1 for s in t.leaves() if s.state == "done") == 17
    assert "no-report" in {f.name for f in t.task("sewage-taidi").flags}
    assert project.snapshot_warnings == ()


# -- sample data says so -----------------------------------------------------------------------


def test_illustrative_snapshots_carry_a_banner_into_every_output(tmp_path: Path) -> None:
    import json

    from tests.conftest import invoke

    folder = monthly(tmp_path / "plan", {"2023-07-21": MAY})
    first = folder / "status" / "2023-07-21.yaml"
    first.write_text(first.read_text(encoding="utf-8").replace(
        "date: 2023-07-21\n", "date: 2023-07-21\nillustrative: 培训用的虚构数据\n"),
        encoding="utf-8")
    banner = "【示例数据】培训用的虚构数据"
    assert invoke(["status", str(folder), "--lang", "zh"]).stdout.splitlines()[0] == banner
    assert f"> **{banner}**" in invoke(["status", str(folder), "-f", "md", "--lang", "zh"]).stdout
    doc = json.loads(invoke(["status", str(folder), "-f", "json"]).stdout)
    assert doc["illustrative"] is True and doc["illustrative_note"] == "培训用的虚构数据"
    risk = invoke(["risk", str(folder), "-n", "50", "--lang", "en"]).stdout
    assert risk.startswith("[ILLUSTRATIVE DATA] 培训用的虚构数据\n")
    assert json.loads(invoke(["risk", str(folder), "-n", "50", "-f", "json"]).stdout)[
        "illustrative"] is True
    assert invoke(["gantt", str(folder), "-o", str(tmp_path / "g.html")]).exit_code == 0
    page = (tmp_path / "g.html").read_text(encoding="utf-8")  # the plan's language: en
    assert '<p class="banner">[ILLUSTRATIVE DATA] 培训用的虚构数据</p>' in page
    assert invoke(["report", str(folder), "-n", "50", "-o", str(tmp_path / "r")]).exit_code == 0
    html = (tmp_path / "r" / "t-2023-07-21-report.html").read_text(encoding="utf-8")
    md = (tmp_path / "r" / "t-2023-07-21-report.md").read_text(encoding="utf-8")
    report = json.loads((tmp_path / "r" / "t-2023-07-21-report.json").read_text())
    english = "[ILLUSTRATIVE DATA] 培训用的虚构数据"
    assert english in html and english.replace("[", "\\[").replace("]", "\\]") in md
    assert report["illustrative"] is True
    # what goes to a spreadsheet, a unit's form or a phone's calendar is marked as well
    import io

    import openpyxl

    sheet = tmp_path / "s.xlsx"
    assert invoke(["status", str(folder), "-f", "xlsx", "-o", str(sheet)]).exit_code == 0
    book = openpyxl.load_workbook(sheet)
    assert book.sheetnames[0].startswith("ILLUSTRATIVE DATA — 2023-07-21")  # date kept
    assert str(book.properties.title).startswith("ILLUSTRATIVE DATA — ")
    from planner import Project
    from planner.exchange.forms_write import write_forms

    for form in write_forms(Project.open(folder), date(2023, 7, 28)).values():
        info = openpyxl.load_workbook(io.BytesIO(form)).worksheets[0]["A2"].value
        assert str(info).startswith("ILLUSTRATIVE DATA — ")
    # (the calendar's events: tests/test_ics.py, on the bundled plan's deadlines)
    # a real snapshot that carries an illustrative report forward is still marked
    (folder / "status" / "2023-08-04.yaml").write_text(
        "plan: t\ndate: 2023-08-04\nprogress:\n  design: {started: 2023-07-17, percent: 90}\n",
        encoding="utf-8")
    assert invoke(["status", str(folder)]).stdout.startswith("[ILLUSTRATIVE DATA]")
    # a real one that reports every task itself is not
    (folder / "status" / "2023-08-18.yaml").write_text(
        "plan: t\ndate: 2023-08-18\nprogress:\n"
        "  survey: {started: 2023-07-03, finished: 2023-07-14}\n"
        "  design: {started: 2023-07-17, percent: 95}\n"
        "  publicity: {started: 2023-07-03, percent: 50}\n", encoding="utf-8")
    out = invoke(["status", str(folder)]).stdout
    assert "示例数据" not in out and "ILLUSTRATIVE" not in out


def test_bundled_h2_snapshots_are_marked_illustrative() -> None:
    from planner import Project
    from tests.conftest import BUNDLED

    project = Project.open(BUNDLED)
    marks = {s.date.isoformat(): s.illustrative for s in project.snapshots}
    assert marks["2023-06-30"] is None  # the H1 actuals come from the source document
    assert marks["2023-09-30"] and marks["2023-11-07"] and "虚构" in marks["2023-11-07"]
