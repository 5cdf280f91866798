"""MS Project XML written by MS Project (MPXJ's public test corpus): every imported task on
the dates the file stores for it, or warned about by name.

The expected dates are the file's own <Start> and <Finish>, read here independently of the
importer as working-day points of the imported plan's calendar: the start of a working day
(the file's DefaultStartTime) is the end of the working day before, so a milestone MS
Project stores at 08:00 on Monday is the plan's milestone of Friday.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path

import pytest

from planner.exchange import mspdi_read
from planner.exchange.imported import Imported
from planner.project import Project

FIXTURES = Path(__file__).parent / "fixtures" / "exchange"
NS = "{http://schemas.microsoft.com/project}"


def opened(imported: Imported, tmp_path: Path) -> Project:
    for name, text in imported.files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return Project.open(tmp_path)


def stored_points(path: Path, project: Project, uids: dict[str, int],
                  summaries: bool = False) -> dict[str, tuple[int, int]]:
    """Each leaf task's (or with ``summaries``, each task's) stored Start and Finish as
    working-day points (start, end)."""
    root = ET.parse(path).getroot()
    day_start = (root.findtext(f"{NS}DefaultStartTime") or "08:00:00")[:5]
    day_finish = (root.findtext(f"{NS}DefaultFinishTime") or "17:00:00")[:5]
    cal = project.calendar

    def point(text: str, finish: bool) -> int:
        when = datetime.fromisoformat(text)
        clock = when.strftime("%H:%M")
        if clock <= day_start or (not finish and clock < day_finish):
            return cal.on_or_after(when.date())
        return cal.on_or_before(when.date()) + 1

    by_uid = {el.findtext(f"{NS}UID"): el for el in root.iter(f"{NS}Task")}
    out = {}
    for t in project.plan.tasks:
        if t.is_summary and not summaries:
            continue
        el = by_uid[str(uids[t.id])]
        start = el.findtext(f"{NS}ManualStart") if el.findtext(f"{NS}Manual") == "1" else None
        finish = el.findtext(f"{NS}ManualFinish") if start else None
        out[t.id] = (point(start or el.findtext(f"{NS}Start") or "", False),
                     point(finish or el.findtext(f"{NS}Finish") or "", True))
    return out


def off_stored_dates(name: str, tmp_path: Path) -> tuple[Imported, Project, set[str]]:
    """Import a fixture and schedule it; the tasks not on the file's stored dates."""
    path = FIXTURES / name
    imported = mspdi_read.read(path)
    project = opened(imported, tmp_path)
    points = project.schedule().points
    want = stored_points(path, project, dict(imported.uids))
    off = {tid for tid, expected in want.items()
           if (int(points.es[project.plan.index[tid]]),
               int(points.ef[project.plan.index[tid]])) != expected}
    return imported, project, off


def warned(imported: Imported, key: str) -> list[str | None]:
    return [w.task for w in imported.warnings if w.key == key]


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("mpxj-*.xml")))
def test_every_task_on_its_stored_dates_or_warned_by_name(name: str, tmp_path: Path) -> None:
    imported, _, off = off_stored_dates(name, tmp_path)
    assert off == set(warned(imported, "mspdi.off_dates"))


def test_stored_spans_shorter_than_the_duration_are_kept_and_warned(tmp_path: Path) -> None:
    """MS Project 2003's sample: '1.1' has a duration of 100 days stored over 50 working
    days (two resources share its work), '3.13.2' lasts 5 days but is worked by a resource
    on the night shift (from 23:00 on 7 January to 08:00 on the 14th, a resource calendar):
    4 working days here. Both keep the span MS Project stored, warned by name."""
    imported, _, off = off_stored_dates("mpxj-sample-2003.xml", tmp_path)
    assert off == set()
    kept = {w.task: w.message for w in imported.warnings if w.key == "mspdi.span_kept"}
    assert {"1.1", "3.13.2"} <= set(kept)
    assert "duration of 100 working days but spans 50" in kept["1.1"]
    assert "duration of 5 working days but spans 4" in kept["3.13.2"]
    assert warned(imported, "mspdi.off_dates") == []


def test_manual_tasks_keep_their_start_and_duration_with_one_warning(tmp_path: Path) -> None:
    imported, project, off = off_stored_dates("mpxj-manual-actuals-2019.xml", tmp_path)
    assert off == set()
    assert [dict(w.values)["n"] for w in imported.warnings if w.key == "mspdi.manual_kept"] == [3]
    assert not [w for w in imported.warnings if w.key == "mspdi.manual"]
    # by hand from the file: task 1 ManualStart 2016-01-04T08:00, ManualDuration 10 days
    task = project.plan.task("1")
    assert (task.start, task.duration) == (date(2016, 1, 4), 10)
    s = project.schedule().task("1")
    assert (s.start, s.finish) == (date(2016, 1, 4), date(2016, 1, 15))


def test_actuals_years_before_the_project_start_are_imported(tmp_path: Path) -> None:
    """The file's StartDate is 2018-10-18, its actuals are of January 2016: the plan starts
    at the earliest date of the file (it was refused, pointing at a plan.yaml not yet
    written)."""
    imported, project, _ = off_stored_dates("mpxj-manual-actuals-2019.xml", tmp_path)
    assert project.plan.start == date(2016, 1, 4)
    assert imported.status_date is not None and project.snapshots
    before = [w for w in imported.warnings if w.key == "mspdi.before_start"]
    assert [(dict(w.values)["start"], dict(w.values)["day"]) for w in before] == [
        (date(2018, 10, 18), date(2016, 1, 4))]


def test_leveling_delays_are_kept_as_starts_and_warned_by_task(tmp_path: Path) -> None:
    imported, project, off = off_stored_dates("mpxj-leveled-mpp14.xml", tmp_path)
    assert off == set()
    leveled = ["2.1", "2.2", "2.3", "2.4", "2.5"]
    assert warned(imported, "mspdi.leveling_kept") == leveled
    # by hand: one-day tasks leveled one after another from Thursday 2010-04-01
    assert [project.plan.task(t).start for t in leveled] == [
        date(2010, 4, 1), date(2010, 4, 2), date(2010, 4, 5), date(2010, 4, 6),
        date(2010, 4, 7)]


def test_split_tasks_keep_their_span_and_are_warned(tmp_path: Path) -> None:
    imported, _, off = off_stored_dates("mpxj-split.xml", tmp_path)
    assert off == set()
    kept = [(w.task, dict(w.values)) for w in imported.warnings if w.key == "mspdi.span_kept"]
    assert [(task, v["duration"], v["days"]) for task, v in kept] == [("1", 10, 13),
                                                                      ("2", 15, 20)]


def test_linked_work_before_the_project_start_stays_where_it_is(tmp_path: Path) -> None:
    """StartDate 2003-03-28; T1 must start no earlier than 2003-01-01 and the chain after it
    follows from Monday 2003-01-06 (it was moved to the project start, 81 days later)."""
    imported, project, off = off_stored_dates("mpxj-before-start-2003.xml", tmp_path)
    assert off == set()
    assert project.plan.start == date(2003, 1, 1)
    assert project.plan.task("2").start is None  # held by its link, not pinned
    assert project.schedule().task("2").start == date(2003, 1, 6)
    assert project.schedule().task("7").finish == date(2003, 2, 11)
    assert [w.key for w in imported.warnings].count("mspdi.before_start") == 1


def test_elapsed_durations_ending_at_the_day_start_are_not_a_day_long(tmp_path: Path,
                                                                      ) -> None:
    """Elapsed days run from 08:00 to 08:00: 1 elapsed day from Wednesday 2009-03-25 is
    that Wednesday, 7 are 5 working days (to Tuesday 03-31), 30 are 22 (to 04-23)."""
    imported, project, off = off_stored_dates("mpxj-elapsed.xml", tmp_path)
    assert off == set()
    elapsed = {w.task: dict(w.values)["days"] for w in imported.warnings
               if w.key == "mspdi.elapsed"}
    assert {t: elapsed[t] for t in ("8", "9", "10")} == {"8": 1, "9": 5, "10": 22}
    s = project.schedule()
    assert (s.task("8").start, s.task("8").finish) == (date(2009, 3, 25), date(2009, 3, 25))
    assert s.task("10").finish == date(2009, 4, 23)


def test_a_summary_off_the_dates_of_its_tasks_is_warned(tmp_path: Path) -> None:
    """An MS Project 2010 file whose summary '1' is stored over 1 to 5 August 2014 while its
    one task '1.1' (2 days) ends on the 4th — MS Project had not recalculated it after an
    assignment was deleted. The summary's dates are its task's here: warned by name."""
    imported, project, off = off_stored_dates("mpxj-summary-stale.xml", tmp_path)
    assert off == set()  # the tasks themselves are on their stored dates
    summary = project.schedule().tasks[project.plan.index["1"]]
    assert (summary.start, summary.finish) == (date(2014, 8, 1), date(2014, 8, 4))
    assert warned(imported, "mspdi.summary_off_dates") == ["1"]
    assert warned(imported, "mspdi.off_dates") == []


def test_a_summary_off_because_a_task_under_it_is_is_not_warned_again(tmp_path: Path) -> None:
    """The same file with '1.1' linked after task '2' (1 to 5 August): '1.1' schedules on 6
    and 7 August, off its stored 1 to 4 August and warned; its summary '1' (stored 1 to 5
    August) is off with it, and that one warning covers both."""
    text = (FIXTURES / "mpxj-summary-stale.xml").read_text(encoding="utf-8")
    at = text.index("</Task>", text.index("<UID>87</UID>"))
    text = text[:at] + ("<PredecessorLink><PredecessorUID>41</PredecessorUID><Type>1</Type>"
                        "</PredecessorLink>") + text[at:]
    imported = mspdi_read.from_bytes(text.encode("utf-8"), "linked.xml")
    project = opened(imported, tmp_path)
    dates = project.schedule().tasks
    leaf, summary = (dates[project.plan.index[tid]] for tid in ("1.1", "1"))
    assert (leaf.start, leaf.finish) == (date(2014, 8, 6), date(2014, 8, 7))
    assert (summary.start, summary.finish) == (date(2014, 8, 6), date(2014, 8, 7))
    assert warned(imported, "mspdi.off_dates") == ["1.1"]
    assert warned(imported, "mspdi.summary_off_dates") == []
