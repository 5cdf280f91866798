"""MS Project XML: what `planner export --format mspdi` writes, what `planner import` reads
back, and that the two make a round trip to an equal plan."""

from __future__ import annotations

import textwrap
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from planner import Project
from planner.domain.diagnostics import PlanError
from planner.exchange import mspdi_read, mspdi_write
from planner.exchange.imported import check_folder
from planner.exchange.mspdi_common import NS
from planner.planfiles.plan import load_plan
from tests.conftest import BUNDLED, invoke, write_plan
from tests.exchange_plans import essence, plan_text
from tests.exchange_plans import write_plan as write_generated

N = {"p": NS}


def parsed(data: bytes) -> ET.Element:
    root = ET.fromstring(data)
    assert root.tag == f"{{{NS}}}Project"
    return root


def task_el(root: ET.Element, task_id: str) -> ET.Element:
    for t in root.iterfind("p:Tasks/p:Task", N):
        for e in t.iterfind("p:ExtendedAttribute", N):
            if e.findtext("p:FieldID", namespaces=N) == "188743731" and \
                    e.findtext("p:Value", namespaces=N) == task_id:
                return t
    raise AssertionError(f"no task {task_id}")


def text(el: ET.Element, tag: str) -> str | None:
    return el.findtext(f"p:{tag}", namespaces=N)


def written(tmp_path: Path, files: dict[str, str] | object) -> Project:
    """The imported folder written to disk and opened like any plan."""
    assert isinstance(files, dict)
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return Project.open(tmp_path)


@pytest.fixture(scope="module")
def bundled_xml() -> ET.Element:
    return parsed(mspdi_write.write(Project.open(BUNDLED)).data)


# -- export ------------------------------------------------------------------------------------


def test_export_has_the_wbs_with_summaries_outline_levels_and_numbers(
        bundled_xml: ET.Element) -> None:
    tasks = bundled_xml.findall("p:Tasks/p:Task", N)
    assert len(tasks) == 56  # the project summary task (UID 0) and the plan's 55
    assert text(tasks[0], "UID") == "0" and text(tasks[0], "OutlineLevel") == "0"
    summary, child = task_el(bundled_xml, "six-village"), task_el(bundled_xml, "six-village-build")
    assert text(summary, "Summary") == "1" and text(summary, "OutlineLevel") == "1"
    assert text(child, "Summary") == "0" and text(child, "OutlineLevel") == "2"
    assert text(child, "OutlineNumber") == text(summary, "OutlineNumber") + ".3"
    assert text(child, "WBS") == text(child, "OutlineNumber")


def test_export_durations_are_working_days_of_eight_hours(bundled_xml: ET.Element) -> None:
    build = task_el(bundled_xml, "six-village-build")
    assert text(build, "Duration") == "PT800H0M0S" and text(build, "DurationFormat") == "7"
    assert text(build, "Start") == "2023-07-17T08:00:00"
    assert text(build, "Finish") == "2023-12-07T17:00:00"


def test_export_milestones_sit_at_the_end_of_the_day_their_predecessors_finish(
        bundled_xml: ET.Element) -> None:
    kickoff = task_el(bundled_xml, "six-village-kickoff")
    assert text(kickoff, "Milestone") == "1" and text(kickoff, "Duration") == "PT0H0M0S"
    assert text(kickoff, "Start") == text(kickoff, "Finish") == "2023-07-14T17:00:00"


def test_export_deadline_start_constraint_and_budget(bundled_xml: ET.Element) -> None:
    kickoff = task_el(bundled_xml, "six-village-kickoff")
    assert text(kickoff, "Deadline") == "2023-07-31T17:00:00"
    team = task_el(bundled_xml, "six-village-team")
    assert text(team, "ConstraintType") == "4"  # start no earlier than
    assert text(team, "ConstraintDate") == "2023-07-03T08:00:00"
    system = task_el(bundled_xml, "torreya-system")
    assert text(system, "FixedCost") == "30000000" and text(system, "Cost") == "30000000"


def test_export_owners_are_resources_assigned_to_their_tasks(bundled_xml: ET.Element) -> None:
    resources = {text(r, "UID"): text(r, "Name")
                 for r in bundled_xml.iterfind("p:Resources/p:Resource", N)}
    assert "镇农办" in resources.values() and "黄里村" in resources.values()
    uid = text(task_el(bundled_xml, "torreya-auction"), "UID")
    owners = [resources[text(a, "ResourceUID")]
              for a in bundled_xml.iterfind("p:Assignments/p:Assignment", N)
              if text(a, "TaskUID") == uid]
    assert owners == ["黄里村"]
    farm = next(r for r in bundled_xml.iterfind("p:Resources/p:Resource", N)
                if text(r, "Name") == "镇农办")
    assert float(text(farm, "MaxUnits") or 0) > 1  # a unit runs its tasks side by side


def test_export_calendar_carries_statutory_holidays_and_make_up_workdays(
        bundled_xml: ET.Element) -> None:
    cal = bundled_xml.find("p:Calendars/p:Calendar", N)
    assert cal is not None and text(cal, "IsBaseCalendar") == "1"
    exceptions = {(e.findtext("p:TimePeriod/p:FromDate", namespaces=N)[:10],
                   e.findtext("p:TimePeriod/p:ToDate", namespaces=N)[:10],
                   text(e, "DayWorking"), text(e, "Name"))
                  for e in cal.iterfind("p:Exceptions/p:Exception", N)}
    assert ("2023-09-30", "2023-10-06", "0", "国庆节") in exceptions
    assert ("2023-09-29", "2023-09-29", "0", "中秋节") in exceptions
    assert ("2023-10-07", "2023-10-08", "1", "国庆节调休上班") in exceptions
    assert ("2023-06-25", "2023-06-25", "1", "端午节调休上班") in exceptions
    working = {text(d, "DayType"): text(d, "DayWorking")
               for d in cal.iterfind("p:WeekDays/p:WeekDay", N)}
    assert working == {"1": "0", "2": "1", "3": "1", "4": "1", "5": "1", "6": "1", "7": "0"}


def test_export_links_of_every_type_with_lags_and_leads(tmp_path: Path) -> None:
    write_plan(tmp_path, """\
        - {id: a, name: A, duration: 5}
        - {id: b, name: B, duration: 2, after: ["a FS+2"]}
        - {id: c, name: C, duration: 2, after: ["a SS-1"]}
        - {id: d, name: D, duration: 2, after: ["a FF"]}
        - {id: e, name: E, duration: 2, after: ["a SF+3"]}
        """)
    root = parsed(mspdi_write.write(Project.open(tmp_path)).data)
    links = {}
    for t in "bcde":
        link = task_el(root, t).find("p:PredecessorLink", N)
        assert link is not None
        links[t] = (text(link, "Type"), text(link, "LinkLag"), text(link, "LagFormat"))
    assert links == {"b": ("1", "9600", "7"), "c": ("3", "-4800", "7"),
                     "d": ("0", "0", "7"), "e": ("2", "14400", "7")}


def test_export_the_plans_own_holidays_and_workdays(tmp_path: Path) -> None:
    write_plan(tmp_path, "- {id: a, name: A, duration: 5}\n",
               "plan:\n  id: t\n  name: T\n  start: 2023-07-03\n  holidays: [2023-07-05]\n"
               "  workdays: [2023-07-08]\n")
    root = parsed(mspdi_write.write(Project.open(tmp_path)).data)
    exceptions = [(e.findtext("p:TimePeriod/p:FromDate", namespaces=N)[:10],
                   text(e, "DayWorking"))
                  for e in root.iterfind("p:Calendars/p:Calendar/p:Exceptions/p:Exception", N)]
    assert exceptions == [("2023-07-05", "0"), ("2023-07-08", "1")]


def test_export_at_a_data_date_carries_baseline_and_progress() -> None:
    root = parsed(mspdi_write.write(Project.open(BUNDLED), date(2023, 11, 7)).data)
    assert text(root, "StatusDate") == "2023-11-07T17:00:00"
    team = task_el(root, "six-village-team")  # finished 2023-07-03 … 07-21
    assert text(team, "ActualStart") == "2023-07-03T08:00:00"
    assert text(team, "ActualFinish") == "2023-07-21T17:00:00"
    assert text(team, "PercentComplete") == "100"
    assert text(team, "RemainingDuration") == "PT0H0M0S"
    baseline = team.find("p:Baseline", N)
    assert baseline is not None and text(baseline, "Number") == "0"
    assert text(baseline, "Start") == "2023-07-03T08:00:00"
    assert text(baseline, "Finish") == "2023-07-14T17:00:00"
    build = task_el(root, "six-village-build")  # in progress, 62 %, 36 days left
    assert text(build, "ActualStart") == "2023-07-25T08:00:00"
    assert text(build, "ActualFinish") is None
    assert text(build, "RemainingDuration") == "PT288H0M0S"
    assert text(build, "PhysicalPercentComplete") == "62"
    assert text(build, "Notes") == "主体结构施工中，需加班赶工才能12月底前完成"
    assert text(build, "Finish") == "2023-12-27T17:00:00"  # the forecast
    project_task = root.find("p:Tasks/p:Task", N)
    assert project_task is not None
    assert (text(project_task, "Notes") or "").startswith("【示例数据】")


# -- round trips -----------------------------------------------------------------------------------


def test_round_trip_of_the_bundled_plan_gives_an_equal_plan(tmp_path: Path) -> None:
    project = Project.open(BUNDLED)
    imported = mspdi_read.from_bytes(mspdi_write.write(project).data, "yushan.xml")
    assert imported.warnings == ()
    assert list(imported.files) == ["plan.yaml"]
    back = written(tmp_path, dict(imported.files))
    assert essence(back.plan) == essence(project.plan)
    assert back.schedule().tasks == project.schedule().tasks
    assert load_plan(tmp_path / "plan.yaml").calendar == "cn"


@pytest.mark.parametrize("seed", range(12))
def test_round_trip_of_generated_plans(tmp_path: Path, seed: int) -> None:
    """Every link type, lags and leads, milestones, nested summaries with links of their
    own, start constraints, deadlines, budgets, the cn calendar with plan holidays."""
    original = Project.open(write_generated(tmp_path / "a", plan_text(seed)))
    imported = mspdi_read.from_bytes(mspdi_write.write(original).data, f"gen-{seed}.xml")
    assert imported.warnings == ()
    back = written(tmp_path / "b", dict(imported.files))
    assert essence(back.plan) == essence(original.plan)
    assert back.schedule().tasks == original.schedule().tasks


def test_generated_plans_use_every_link_type_lags_leads_and_summaries() -> None:
    texts = "".join(plan_text(seed) for seed in range(12))
    for needle in (" SS", " FF", " SF", "+", "-1", "milestone: true", "tasks:\n      - id"):
        assert needle in texts


def test_round_trip_of_every_task_field(tmp_path: Path) -> None:
    write_plan(tmp_path / "a", """\
        - id: s
          name: "Summary: with a colon"
          owner: 镇农办
          tags: [乡村振兴, "a, b"]
          start: 2023-07-05
          deadline: 2023-12
          budget: 0
          tasks:
            - {id: s.1, name: 'quoted "name"', duration: 2w, estimate: [8, 10, 15],
               distribution: triangular, quantity: {total: 1750, unit: 户}, budget: 0.5}
            - {id: s.2, name: "#hash", owner: 镇建设办, start: 2023-07-03, finish: 2023-07-31}
            - {id: s.3, name: yes, milestone: true, after: ["s.1 SS+3", "s.2 FF-1"]}
        - {id: o, name: 招商, ongoing: true, start: 2023-07-03, finish: 2023-12-29}
        """, "plan:\n  id: t\n  name: T\n  start: 2023-07-03\n  finish: 2023-12-31\n"
             "  calendar: alldays\n  lang: en\n  currency: 元\n")
    original = Project.open(tmp_path / "a")
    imported = mspdi_read.from_bytes(mspdi_write.write(original).data, "t.xml")
    back = written(tmp_path / "b", dict(imported.files))
    assert essence(back.plan) == essence(original.plan)


@pytest.mark.parametrize("at", [date(2023, 9, 30), date(2023, 11, 7)])
def test_round_trip_with_progress_and_baseline(tmp_path: Path, at: date) -> None:
    project = Project.open(BUNDLED)
    imported = mspdi_read.from_bytes(mspdi_write.write(project, at).data, "yushan.xml")
    assert set(imported.files) == {"plan.yaml", f"status/{at}.yaml", "baseline.yaml"}
    back = written(tmp_path, dict(imported.files))
    assert essence(back.plan) == essence(project.plan)
    before, after = project.track(at), back.track(at)
    assert after.snapshot.illustrative == before.snapshot.illustrative
    for t in project.plan.tasks:
        a, b = before.task(t.id), after.task(t.id)
        assert (a.forecast.start, a.forecast.finish) == (b.forecast.start, b.forecast.finish)
        assert (a.state, a.actual_start, a.actual_finish, a.baseline) == \
            (b.state, b.actual_start, b.actual_finish, b.baseline), t.id
        if a.actual_percent is not None:  # MSPDI keeps whole percents
            assert b.actual_percent == pytest.approx(a.actual_percent, abs=0.5)
    assert [d.code for d in back.snapshot_warnings] == []


# -- import of files from elsewhere ---------------------------------------------------------------

FOREIGN = """\
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Project xmlns="http://schemas.microsoft.com/project">
  <Name>Road works.xml</Name>
  <Title>Road works</Title>
  <StartDate>2024-03-04T08:00:00</StartDate>
  <CalendarUID>1</CalendarUID>
  <MinutesPerDay>480</MinutesPerDay>
  <CurrencyCode>USD</CurrencyCode>
  <Calendars>
    <Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar>
      <WeekDays>
        <WeekDay><DayType>1</DayType><DayWorking>0</DayWorking></WeekDay>
        <WeekDay><DayType>7</DayType><DayWorking>0</DayWorking></WeekDay>
      </WeekDays>
      <Exceptions>
        <Exception><TimePeriod><FromDate>2024-03-08T00:00:00</FromDate>
          <ToDate>2024-03-08T23:59:00</ToDate></TimePeriod><Name>Local holiday</Name>
          <Type>1</Type><DayWorking>0</DayWorking></Exception>
        <Exception><TimePeriod><FromDate>2024-01-01T00:00:00</FromDate>
          <ToDate>2024-01-01T23:59:00</ToDate></TimePeriod><Name>New Year</Name>
          <Type>6</Type><DayWorking>0</DayWorking></Exception>
      </Exceptions>
    </Calendar>
    <Calendar><UID>2</UID><Name>Night shift</Name><IsBaseCalendar>1</IsBaseCalendar>
    </Calendar>
  </Calendars>
  <Tasks>
    <Task><UID>0</UID><ID>0</ID><Name>Road works</Name><OutlineLevel>0</OutlineLevel></Task>
    <Task><UID>1</UID><ID>1</ID><Name>Design</Name><WBS>1</WBS><OutlineNumber>1</OutlineNumber>
      <OutlineLevel>1</OutlineLevel><Duration>PT12H0M0S</Duration><DurationFormat>5</DurationFormat>
      <ConstraintType>1</ConstraintType><Cost>500000</Cost>
      <Notes>Check the survey first.
Ask the county.</Notes></Task>
    <Task><UID>2</UID><ID>2</ID><Name>Build</Name><WBS>2</WBS><OutlineNumber>2</OutlineNumber>
      <OutlineLevel>1</OutlineLevel><Duration>PT80H0M0S</Duration><CalendarUID>2</CalendarUID>
      <Manual>1</Manual>
      <PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type>
        <LinkLag>72000</LinkLag><LagFormat>8</LagFormat></PredecessorLink>
      <PredecessorLink><PredecessorUID>9</PredecessorUID><Type>1</Type><CrossProject>1</CrossProject>
        <CrossProjectName>Other</CrossProjectName></PredecessorLink></Task>
    <Task><UID>3</UID><ID>3</ID><Name>Open</Name><WBS>3</WBS><OutlineNumber>3</OutlineNumber>
      <OutlineLevel>1</OutlineLevel><Duration>PT0H0M0S</Duration><Milestone>1</Milestone>
      <ConstraintType>7</ConstraintType><ConstraintDate>2024-06-28T17:00:00</ConstraintDate>
      <PredecessorLink><PredecessorUID>2</PredecessorUID><Type>1</Type></PredecessorLink></Task>
  </Tasks>
  <Resources>
    <Resource><UID>1</UID><Name>Crew</Name><StandardRate>50</StandardRate></Resource>
  </Resources>
  <Assignments>
    <Assignment><UID>1</UID><TaskUID>2</TaskUID><ResourceUID>1</ResourceUID></Assignment>
  </Assignments>
</Project>
"""


def test_import_of_a_foreign_file_warns_of_what_has_no_place(tmp_path: Path) -> None:
    imported = mspdi_read.from_bytes(FOREIGN.encode(), "road.xml", "road")
    messages = [d.message for d in imported.warnings]

    def warned(*parts: str) -> bool:
        return any(all(p in m for p in parts) for m in messages)

    assert warned("duration of task '1'", "12 hours", "rounded up to 2")
    assert warned("task '1'", "as late as possible")
    assert warned("resource 'Crew' has a rate", "'Build'")
    assert warned("task '2'", "5 calendar days (elapsed)", "4 working days")
    assert warned("task '2'", "another project", "Other")
    assert warned("1 tasks are manually scheduled (2)")  # one warning for the file
    assert warned("task '2'", "calendar of its own")
    assert warned("calendar 'Night shift'", "not the project calendar")
    assert warned("calendar exception 'New Year'", "recurs")
    assert warned("task '3'", "finish no later than", "deadline")
    assert warned("task '1' has notes", "comment")
    assert all(d.severity.value == "warning" for d in imported.warnings)
    back = written(tmp_path, dict(imported.files))
    plan = back.plan
    assert (plan.id, plan.name, plan.start, plan.calendar, plan.currency, plan.lang) == (
        "road", "Road works", date(2024, 3, 4), "weekdays", "USD", "en")
    assert plan.holidays == (date(2024, 3, 8),)
    design, build, opening = plan.tasks
    assert (design.id, design.duration, design.budget) == ("1", 2, 5000.0)
    assert (build.owner, build.duration, [(x.task, x.lag) for x in build.after]) == (
        "Crew", 10, [("1", 4)])
    assert opening.is_milestone and opening.deadline == date(2024, 6, 28)
    assert "# note: Check the survey first." in (tmp_path / "plan.yaml").read_text()


def test_import_weekday_calendar_with_holidays_is_not_mistaken_for_cn(tmp_path: Path) -> None:
    imported = mspdi_read.from_bytes(FOREIGN.encode(), "road.xml", "road")
    assert "calendar: cn" not in imported.files["plan.yaml"]


def test_import_recognises_the_chinese_calendar_and_keeps_only_local_days(
        tmp_path: Path) -> None:
    text_ = plan_text(3)
    original = Project.open(write_generated(tmp_path / "a", text_))
    imported = mspdi_read.from_bytes(mspdi_write.write(original).data, "g.xml")
    plan_yaml = imported.files["plan.yaml"]
    assert "calendar: cn" in plan_yaml
    assert "holidays: [2023-11-15]" in plan_yaml and "workdays: [2023-11-18]" in plan_yaml


def test_import_rounds_part_days_and_keeps_summaries(tmp_path: Path) -> None:
    xml = FOREIGN.replace("<OutlineLevel>1</OutlineLevel><Duration>PT80H",
                          "<OutlineLevel>2</OutlineLevel><Duration>PT80H")
    imported = mspdi_read.from_bytes(xml.encode(), "road.xml", "road")
    plan = written(tmp_path, dict(imported.files)).plan
    assert plan.task("1").children == ("2",) and plan.task("2").parent == "1"
    assert plan.task("1").is_summary and plan.task("1").duration is None
    assert plan.task("1").budget is None  # a summary's cost is its subtasks'


def test_import_survives_mangled_files() -> None:
    """Elements dropped, duplicated or given odd values: a plan or located errors, never a
    crash (1,500 cases were run once; these are the quick loop's)."""
    import random

    base = mspdi_write.write(Project.open(BUNDLED), date(2023, 11, 7)).data
    rng = random.Random(5)
    odd = ["", "-1", "x", "PT-8H0M0S", "PT4H0M0S", "9999999999", "2023-02-30T08:00:00",
           "1e400", "nan", "9999-01-01T00:00:00", "19", "\u202e"]
    for _ in range(60):
        root = ET.fromstring(base)
        parents = {c: p for p in root.iter() for c in p}
        elements = list(parents)
        for _ in range(rng.randint(1, 6)):
            e = rng.choice(elements)
            if rng.random() < 0.5 and len(e) == 0:
                e.text = rng.choice(odd)
            elif e in parents and e in list(parents[e]):
                parents[e].remove(e)
        try:
            mspdi_read.from_bytes(ET.tostring(root), "mangled.xml")
        except PlanError as exc:
            assert all(d.location.file == "mangled.xml" for d in exc.diagnostics)


# -- safe and located reading ---------------------------------------------------------------------


def test_malformed_xml_is_a_located_error() -> None:
    with pytest.raises(PlanError) as caught:
        mspdi_read.from_bytes(b'<?xml version="1.0"?>\n<Project>\n  <Tasks>\n</Project>\n',
                              "bad.xml")
    (d,) = caught.value.diagnostics
    assert (d.code, d.location.file, d.location.line, d.location.col) == ("xml", "bad.xml", 4, 3)
    assert "mismatched tag" in d.message


def test_entities_are_refused_before_they_expand() -> None:
    bomb = (b'<?xml version="1.0"?>\n<!DOCTYPE p [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<Project>&b;</Project>')
    with pytest.raises(PlanError) as caught:
        mspdi_read.from_bytes(bomb, "bomb.xml")
    assert caught.value.diagnostics[0].code == "xml"
    assert "entities" in caught.value.diagnostics[0].message


def test_external_entities_are_refused() -> None:
    xxe = (b'<?xml version="1.0"?>\n<!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
           b"<Project><Title>&x;</Title></Project>")
    with pytest.raises(PlanError) as caught:
        mspdi_read.from_bytes(xxe, "xxe.xml")
    assert caught.value.diagnostics[0].code == "xml"


def test_a_file_that_is_not_ms_project_xml_is_refused() -> None:
    with pytest.raises(PlanError) as caught:
        mspdi_read.from_bytes(b"<html><body/></html>", "page.xml")
    assert "not an MS Project XML file" in caught.value.diagnostics[0].message


def test_oversized_files_are_refused_unread(monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path) -> None:
    monkeypatch.setattr("planner.exchange.mspdi_read.MAX_BYTES", 100)
    with pytest.raises(PlanError) as caught:
        mspdi_read.from_bytes(b"<Project>" + b" " * 200 + b"</Project>", "big.xml")
    assert caught.value.diagnostics[0].code == "too-large"
    big = tmp_path / "big.xml"
    big.write_bytes(b"<Project>" + b" " * 200 + b"</Project>")
    with pytest.raises(PlanError) as caught:
        mspdi_read.read(big)  # by its size, before it is read
    assert [(d.code, d.location.file) for d in caught.value.diagnostics] == [
        ("too-large", str(big))]


def test_what_the_converter_writes_is_checked_by_the_loader(tmp_path: Path) -> None:
    with pytest.raises(PlanError) as caught:
        check_folder({"plan.yaml": "plan:\n  id: x\n  name: X\n  start: 2023-13-01\n"
                      "tasks:\n  - {id: a, name: A, duration: 1}\n"}, tmp_path / "new")
    d = caught.value.diagnostics[0]
    assert d.location.file == str(tmp_path / "new" / "plan.yaml") and d.location.line == 4


# -- the command line -------------------------------------------------------------------------


def test_cli_export_and_import_round_trip(tmp_path: Path) -> None:
    xml = tmp_path / "yushan.xml"
    result = invoke(["export", str(BUNDLED), "--format", "mspdi", "-o", str(xml), "--lang", "en"])
    assert result.exit_code == 0, result.output
    # (after the notes on the county tasks it waits on: their planned dates hold its starts)
    assert result.stderr.endswith(f"\n{xml}: MS Project XML written (55 tasks)\n")
    folder = tmp_path / "yushan-2023h2"
    result = invoke(["import", str(xml), "-o", str(folder)])
    assert result.exit_code == 0, result.output
    assert f"{folder / 'plan.yaml'}: written" in result.stdout
    assert "55 tasks imported" in result.stderr
    assert essence(load_plan(folder)) == essence(load_plan(BUNDLED))
    again = invoke(["import", str(xml), "-o", str(folder)])
    assert again.exit_code == 1 and "--force" in again.stderr
    assert invoke(["import", str(xml), "-o", str(folder), "--force"]).exit_code == 0


def test_cli_export_at_writes_progress_and_import_writes_snapshot_and_baseline(
        tmp_path: Path) -> None:
    xml = tmp_path / "y.xml"
    result = invoke(["export", str(BUNDLED), "--at", "2023-11-07", "-o", str(xml), "--lang", "en"])
    assert result.exit_code == 0 and "progress and baseline at 2023-11-07" in result.stderr
    result = invoke(["import", str(xml), "-o", str(tmp_path / "y")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "y" / "status" / "2023-11-07.yaml").is_file()
    assert (tmp_path / "y" / "baseline.yaml").is_file()
    assert invoke(["status", str(tmp_path / "y")]).exit_code == 0


def test_cli_export_to_standard_output() -> None:
    result = invoke(["export", str(BUNDLED), "-o", "-"])
    assert result.exit_code == 0 and result.stdout.startswith("<?xml")


def test_cli_import_refuses_unknown_kinds_and_bad_xml(tmp_path: Path) -> None:
    odd = tmp_path / "plan.dat"
    odd.write_bytes(b"\xd0\xcf")
    result = invoke(["import", str(odd), "-o", str(tmp_path / "x")])
    assert result.exit_code == 2 and "cannot tell the format" in result.stderr
    bad = tmp_path / "bad.xml"
    bad.write_text("<Project>\n<Tasks>\n</Project>\n")
    result = invoke(["import", str(bad), "-o", str(tmp_path / "x")])
    assert result.exit_code == 1 and f"{bad}:3:" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "x").exists()


def test_cli_import_writes_nothing_when_a_file_is_missing(tmp_path: Path) -> None:
    result = invoke(["import", str(tmp_path / "none.xml"), "-o", str(tmp_path / "x")])
    assert result.exit_code == 1 and "no such file" in result.stderr


def test_snapshot_and_plan_texts_read_back(tmp_path: Path) -> None:
    from planner.planfiles.planyaml import scalar

    for value in ("no", "010", "~", "", " pad", "a: b", "a #b", "- x", "-x", "[x]", "100%",
                  "\u202eevil", "tab\there", "line\nbreak", "é", "\x85", "'q'", '"q"'):
        doc = textwrap.dedent(f"""\
            plan:
              id: t
              name: {scalar(value or 'x')}
              start: 2023-07-03
            tasks:
              - id: a
                name: {scalar('n' + value)}
                owner: {scalar(value or 'o')}
                tags: [{scalar(value or 't', flow=True)}]
                duration: 1
            """)
        (tmp_path / "plan.yaml").write_text(doc, encoding="utf-8")
        plan = load_plan(tmp_path)
        assert plan.name == (value or "x") and plan.tasks[0].name == "n" + value
        assert plan.tasks[0].tags == ((value or "t"),)


def test_an_unreadable_duration_is_named_as_such(tmp_path: Path) -> None:
    text_ = FOREIGN.replace("<Duration>PT12H0M0S</Duration>", "<Duration>garbage</Duration>", 1)
    assert text_ != FOREIGN
    imported = mspdi_read.from_bytes(text_.encode(), "road.xml", "road")
    messages = [d.message for d in imported.warnings]
    assert "task '1' has a duration 'garbage' that cannot be read; imported as one working " \
        "day" in messages


LOOPED = """<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="http://schemas.microsoft.com/project">
  <Name>Loops</Name><StartDate>2024-01-02T08:00:00</StartDate>
  <Tasks>
    <Task><UID>1</UID><ID>1</ID><Name>Phase</Name><OutlineNumber>1</OutlineNumber>
      <OutlineLevel>1</OutlineLevel><Summary>1</Summary>
      <PredecessorLink><PredecessorUID>3</PredecessorUID><Type>1</Type></PredecessorLink></Task>
    <Task><UID>2</UID><ID>2</ID><Name>Dig</Name><OutlineNumber>1.1</OutlineNumber>
      <OutlineLevel>2</OutlineLevel><Duration>PT16H0M0S</Duration>
      <PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type></PredecessorLink>
      <PredecessorLink><PredecessorUID>2</PredecessorUID><Type>1</Type></PredecessorLink></Task>
    <Task><UID>3</UID><ID>3</ID><Name>Pour</Name><OutlineNumber>1.2</OutlineNumber>
      <OutlineLevel>2</OutlineLevel><Duration>PT16H0M0S</Duration>
      <PredecessorLink><PredecessorUID>2</PredecessorUID><Type>1</Type></PredecessorLink></Task>
    <Task><UID>4</UID><ID>4</ID><Name>Open</Name><OutlineNumber>2</OutlineNumber>
      <OutlineLevel>1</OutlineLevel><Duration>PT8H0M0S</Duration>
      <PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type></PredecessorLink></Task>
  </Tasks>
</Project>
"""


def test_import_drops_the_links_the_plan_rules_refuse_with_their_codes(tmp_path: Path) -> None:
    """The plan's link rules are the ones plan.yaml obeys (domain.rules); a file from MS
    Project is repaired, not refused: each link they name is dropped, with the rule's code
    and message, placed at the task's UID."""
    imported = mspdi_read.from_bytes(LOOPED.encode(), "loops.xml", "loops")
    found = [(w.code, str(w.location), w.message) for w in imported.warnings
             if w.code == "cycle"]
    assert len(found) == 3, imported.warnings
    by_uid = {where.rsplit(" ", 1)[1]: message for _, where, message in found}
    assert set(by_uid) == {"1", "2"}  # the summary, and Dig (its summary, and itself)
    assert all(where.startswith("loops.xml <Task> UID ") for _, where, _ in found)
    assert any("follows its own summary task" in m for _, _, m in found)
    assert any("follows itself" in m for _, _, m in found)
    assert any("follows its own subtask" in m for _, _, m in found)
    assert all(m.endswith("; link not imported") for _, _, m in found)
    project = written(tmp_path, imported.files)  # what is left is a valid plan
    links = {t.id: [x.task for x in t.after] for t in project.plan.tasks}
    pour = next(t for t in project.plan.tasks if t.name == "Pour")
    dig = next(t for t in project.plan.tasks if t.name == "Dig")
    assert links[pour.id] == [dig.id] and links[dig.id] == []
    assert all(not links[t.id] for t in project.plan.tasks if t.is_summary)
