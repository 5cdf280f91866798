"""Our MS Project XML checked by an independent reader: MPXJ (Java, through JPype).

MPXJ reads what we export — tasks, names, WBS, links with types and lags, deadlines, the
calendar's exceptions — and its MS Project-style scheduler (`MicrosoftScheduler`) must put
every task where `planner schedule` does. Files MPXJ writes must import and schedule to the
dates stored in them. Skipped without Java or the `mpxj` package, except in CI.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from planner import Project
from planner.domain.calendar import Calendar
from planner.exchange import mspdi_read, mspdi_write
from planner.exchange.mspdi_common import MAX_NAME, shortened
from tests.conftest import BUNDLED
from tests.exchange_plans import HAND_MADE, essence, hand_made, plan_text
from tests.exchange_plans import write_plan as write_generated

pytestmark = pytest.mark.client

SEEDS = range(10)
LINK_NAMES = {"FINISH_START": "FS", "START_START": "SS", "FINISH_FINISH": "FF",
              "START_FINISH": "SF"}


@pytest.fixture(scope="module")
def java() -> Iterator[Any]:
    """MPXJ's Java classes, or a skip (a failure in CI, where they must be there)."""
    try:
        import jpype
        import mpxj  # noqa: F401 - puts MPXJ's jars on the class path
        if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
            raise ImportError("no Java runtime on PATH")
        if not jpype.isJVMStarted():
            jpype.startJVM()
    except (ImportError, OSError) as exc:
        if os.environ.get("CI"):
            pytest.fail(f"MPXJ is required in CI: {exc}")
        pytest.skip(f"MPXJ not available: {exc}")

    from org.mpxj.cpm import MicrosoftScheduler
    from org.mpxj.mspdi import MSPDIWriter
    from org.mpxj.reader import UniversalProjectReader

    class Java:
        reader = UniversalProjectReader
        writer = MSPDIWriter
        scheduler = MicrosoftScheduler

    yield Java


def read(java: Any, path: Path) -> Any:
    return java.reader().read(str(path))


def tasks_of(project: Any) -> list[Any]:
    return [t for t in project.getTasks() if int(t.getUniqueID()) != 0]


def instant(cal: Calendar, value: Any) -> int:
    """A date-time as a working-day point: 08:00 is the start of its day, 17:00 its end
    (a milestone MS Project shows at 08:00 on Monday is our milestone of Friday)."""
    when = datetime.fromisoformat(str(value))
    if when.hour >= 17:
        return cal.end_of(when.date())
    assert when.hour <= 8, f"{when} is inside a working day"
    return cal.on_or_after(when.date())


def exported(tmp_path: Path, folder: Path) -> tuple[Project, Path]:
    project = Project.open(folder)
    path = tmp_path / f"{project.plan.id}.xml"
    path.write_bytes(mspdi_write.write(project).data)
    return project, path


def generated(tmp_path: Path, seed: int, **options: Any) -> Path:
    return write_generated(tmp_path / f"gen-{seed}", plan_text(seed, **options))


def plans(tmp_path: Path) -> Iterator[Path]:
    yield BUNDLED
    for seed in SEEDS:
        yield generated(tmp_path, seed)


# -- MPXJ reads what we write ---------------------------------------------------------------------


def test_mpxj_reads_tasks_names_wbs_links_and_deadlines(java: Any, tmp_path: Path) -> None:
    for folder in plans(tmp_path):
        ours, path = exported(tmp_path, folder)
        theirs = tasks_of(read(java, path))
        assert len(theirs) == len(ours.plan.tasks)
        from planner.exchange.mspdi_write import _outline_numbers

        numbers = _outline_numbers(ours.plan)
        for t, mine, number in zip(theirs, ours.plan.tasks, numbers, strict=True):
            assert str(t.getText(1)) == mine.id
            assert str(t.getName()) == mine.name
            assert str(t.getOutlineNumber()) == number
            assert int(t.getOutlineLevel()) == mine.depth + 1
            assert bool(t.getSummary()) == mine.is_summary
            assert bool(t.getMilestone()) == mine.is_milestone
            deadline = t.getDeadline()
            assert (None if deadline is None else
                    datetime.fromisoformat(str(deadline)).date()) == mine.deadline
            links = sorted((str(r.getPredecessorTask().getText(1)),
                            LINK_NAMES[str(r.getType().name())], float(r.getLag().getDuration()),
                            str(r.getLag().getUnits()))
                           for r in t.getPredecessors())
            # (a link to another plan's task travels as text: MS Project has no task for it)
            assert links == sorted((x.task, x.type.value, float(x.lag), "d")
                                   for x in mine.links), mine.id


def test_mpxj_reads_the_calendar_day_by_day(java: Any, tmp_path: Path) -> None:
    from java.time import LocalDate

    for folder in (BUNDLED, generated(tmp_path, 0)):
        ours, path = exported(tmp_path, folder)
        cal = read(java, path).getDefaultCalendar()
        day, last = date(2023, 1, 1), date(2023, 12, 31)
        checked = 0
        while day <= last:
            theirs = bool(cal.isWorkingDate(LocalDate.of(day.year, day.month, day.day)))
            assert theirs == ours.calendar.is_workday(day), day
            day += timedelta(days=1)
            checked += 1
        assert checked == 365
        names = {str(e.getName()) for e in cal.getCalendarExceptions()}
        assert {"国庆节", "国庆节调休上班", "春节"} <= names


def test_mpxj_reads_owners_budgets_and_progress(java: Any, tmp_path: Path) -> None:
    project = Project.open(BUNDLED)
    path = tmp_path / "at.xml"
    path.write_bytes(mspdi_write.write(project, date(2023, 11, 7)).data)
    theirs = {str(t.getText(1)): t for t in tasks_of(read(java, path))}
    build = theirs["six-village-build"]
    assert [str(a.getResource().getName()) for a in build.getResourceAssignments()] == ["镇农办"]
    assert str(build.getActualStart()).startswith("2023-07-25")
    assert build.getActualFinish() is None
    assert float(build.getRemainingDuration().getDuration()) == 36
    assert str(build.getBaselineFinish()).startswith("2023-12-07")
    assert float(theirs["torreya-system"].getFixedCost()) == 300000
    assert str(theirs["six-village-team"].getActualFinish()).startswith("2023-07-21")


@pytest.mark.parametrize("kind", HAND_MADE)
def test_mpxj_reads_hand_made_plans_as_written(java: Any, tmp_path: Path, kind: str) -> None:
    """Constraints, milestones, ongoing work, targets, progress and long names: MPXJ reads
    the ids, names (a long one shortened to 512 characters in Name, whole in our field),
    owners and dates we wrote, with and without progress."""
    project = Project.open(hand_made(tmp_path / "plan", kind))
    ats = [None, date(2023, 7, 31)] if (project.folder / "status").is_dir() else [None]
    for at in ats:
        path = tmp_path / f"{at}.xml"
        path.write_bytes(mspdi_write.write(project, at).data)
        s = project.schedule() if at is None else project.track(at).forecast
        theirs = tasks_of(read(java, path))
        assert [str(t.getText(1)) for t in theirs] == [t.id for t in project.plan.tasks]
        for t, mine in zip(theirs, project.plan.tasks, strict=True):
            name = str(t.getName())
            assert name == mine.name or (len(name) == MAX_NAME
                                         and str(t.getText(8)) == mine.name), mine.id
            owners = [str(a.getResource().getName()) for a in t.getResourceAssignments()]
            assert owners == ([shortened(mine.owner)]
                              if mine.owner and not mine.is_summary else []), mine.id
            got = s.task(mine.id)
            assert str(t.getStart())[:10] == str(got.start), mine.id
            assert str(t.getFinish())[:10] == str(got.finish), mine.id
            assert bool(t.getMilestone()) == mine.is_milestone


# -- MPXJ's MS Project scheduler agrees with ours ------------------------------------------------


def assert_same_schedule(java: Any, ours: Project, path: Path) -> None:
    theirs = read(java, path)
    java.scheduler().schedule(theirs, theirs.getProjectProperties().getStartDate())
    s, cal = ours.schedule(), ours.calendar
    wrong = []
    for t in tasks_of(theirs):
        i = ours.plan.index[str(t.getText(1))]
        want = (int(s.points.es[i]), int(s.points.ef[i]))
        got = (instant(cal, t.getEarlyStart()), instant(cal, t.getEarlyFinish()))
        if got != want:
            wrong.append(f"{ours.plan.tasks[i].id}: ours {s.tasks[i].start}…{s.tasks[i].finish}"
                         f", MPXJ {t.getEarlyStart()}…{t.getEarlyFinish()}")
    assert not wrong, "\n".join(wrong)


def test_microsoft_scheduler_gives_our_dates_for_the_bundled_plan(java: Any,
                                                                 tmp_path: Path) -> None:
    ours, path = exported(tmp_path, BUNDLED)
    assert_same_schedule(java, ours, path)
    # the bundled plan's dates agree to the day, not only to the working-time instant
    theirs = read(java, path)
    java.scheduler().schedule(theirs, theirs.getProjectProperties().getStartDate())
    for t in tasks_of(theirs):
        mine = ours.schedule().task(str(t.getText(1)))
        assert str(t.getStart())[:10] == str(mine.start)
        assert str(t.getFinish())[:10] == str(mine.finish)


@pytest.mark.parametrize("seed", SEEDS)
def test_microsoft_scheduler_gives_our_dates_for_generated_plans(java: Any, tmp_path: Path,
                                                                 seed: int) -> None:
    folder = generated(tmp_path, seed, start_links_from_summaries=False)
    ours, path = exported(tmp_path, folder)
    assert_same_schedule(java, ours, path)


def test_milestones_driven_by_a_lead_or_a_start_link(java: Any, tmp_path: Path) -> None:
    """MS Project shows them at 08:00 of the next working day: the same instant."""
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "plan.yaml").write_text(
        "plan: {id: m, name: M, start: 2023-07-03}\ntasks:\n"
        "  - {id: a, name: A, duration: 5}\n"
        "  - {id: lead, name: Lead, milestone: true, after: ['a FS-2']}\n"
        "  - {id: ss, name: SS, milestone: true, after: ['a SS+1']}\n"
        "  - {id: sf, name: SF, milestone: true, after: ['a SF+2']}\n"
        "  - {id: b, name: B, duration: 1, after: [lead]}\n", encoding="utf-8")
    ours, path = exported(tmp_path, folder)
    assert_same_schedule(java, ours, path)
    theirs = read(java, path)
    java.scheduler().schedule(theirs, theirs.getProjectProperties().getStartDate())
    shown = {str(t.getText(1)): str(t.getStart()) for t in tasks_of(theirs)}
    s = ours.schedule()
    assert str(s.task("lead").start) == "2023-07-05"  # ours: the end of Wednesday
    assert shown["lead"] == "2023-07-06T08:00"  # MS Project: the start of Thursday
    assert str(s.task("b").start) == "2023-07-06" and shown["b"] == "2023-07-06T08:00"


# -- files MPXJ writes come back -------------------------------------------------------------------


@pytest.mark.parametrize("rescheduled", [False, True])
def test_files_written_by_mpxj_import_and_schedule_to_their_dates(
        java: Any, tmp_path: Path, rescheduled: bool) -> None:
    for k, folder in enumerate((BUNDLED, generated(tmp_path, 3, start_links_from_summaries=False))):
        ours, path = exported(tmp_path, folder)
        theirs = read(java, path)
        if rescheduled:
            java.scheduler().schedule(theirs, theirs.getProjectProperties().getStartDate())
        out = tmp_path / f"mpxj-{k}.xml"
        java.writer().write(theirs, str(out))
        imported = mspdi_read.from_bytes(out.read_bytes(), str(out))
        assert imported.warnings == ()
        back = tmp_path / f"back-{k}-{rescheduled}"
        for name, text in imported.files.items():
            (back / name).parent.mkdir(parents=True, exist_ok=True)
            (back / name).write_text(text, encoding="utf-8")
        project = Project.open(back)
        assert essence(project.plan) == essence(ours.plan)
        s, cal = project.schedule(), project.calendar
        for t in tasks_of(read(java, out)):
            i = project.plan.index[str(t.getText(1))]
            assert (int(s.points.es[i]), int(s.points.ef[i])) == (
                instant(cal, t.getStart()), instant(cal, t.getFinish())), str(t.getText(1))
