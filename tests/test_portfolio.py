"""Many plans as one portfolio: reading it, the links across plans, scheduling the plans
together, the roll-up, and the commands.

The small portfolios here are written out in each test; their dates are worked by hand in
the comments (calendar `cn`, 2023: 09-29…10-06 a holiday, 10-07 and 10-08 working days).
"""

from __future__ import annotations

import json
import textwrap
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from planner.domain.diagnostics import PlanError
from planner.portfolio import Portfolio, alone, around
from planner.project import Project
from tests.conftest import invoke

COUNTY = """\
plan:
  id: county
  name: 县直部门2023年下半年重点工作
  start: 2023-07-03
  finish: 2023-12-29
  calendar: cn
  lang: zh
tasks:
  - id: fund
    name: 补助资金拨付
    owner: 县财政局
    duration: 20
    estimate: [15, 20, 40]
  - id: road
    name: 县道改造
    owner: 县交通局
    after: [fund]
    duration: 30
"""
COUNTY_SNAP = """\
plan: county
date: 2023-09-30
progress:
  fund: {started: 2023-07-03, percent: 50}
"""
TOWN = """\
plan:
  id: town
  name: 玉山镇2023年下半年重点工作
  start: 2023-07-03
  finish: 2023-12-29
  calendar: cn
  lang: zh
tasks:
  - id: prep
    name: 前期准备
    owner: 镇建设办
    duration: 5
  - id: build
    name: 污水终端施工
    owner: 镇建设办
    after: [prep, "county:fund"]
    duration: 40
    deadline: 2023-12-15
"""
TOWN_SNAP = """\
plan: town
date: 2023-09-30
progress:
  prep: {started: 2023-07-03, finished: 2023-07-07}
"""


def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), "utf-8")
    return folder


def county_and_town(tmp_path: Path, town: str = TOWN, portfolio: str | None = None) -> Path:
    files = {"county/plan.yaml": COUNTY, "county/status/2023-09-30.yaml": COUNTY_SNAP,
             "town/plan.yaml": town, "town/status/2023-09-30.yaml": TOWN_SNAP}
    if portfolio is not None:
        files["portfolio.yaml"] = portfolio
    return write(tmp_path, files)


# -- reading a portfolio ------------------------------------------------------------------------


def test_a_folder_of_plan_folders_is_a_portfolio(tmp_path: Path) -> None:
    found = Portfolio.open(county_and_town(tmp_path))
    assert [m.path.name for m in found.members] == ["county", "town"]
    assert found.name == tmp_path.name and found.lang() == "zh"  # the plans' language


def test_portfolio_yaml_names_plans_groups_and_language(tmp_path: Path) -> None:
    folder = county_and_town(tmp_path, portfolio="""\
        portfolio:
          name: 磐安县示例
          lang: en
        plans:
          - path: town
            group: 乡镇
          - county
        """)
    found = Portfolio.open(folder / "portfolio.yaml")
    assert found.name == "磐安县示例" and found.lang() == "en"
    assert [(m.path.name, m.group) for m in found.members] == [("town", "乡镇"), ("county", None)]


@pytest.mark.parametrize(("text", "code", "line", "words"), [
    ("portfolio: {name: x}\nplans: [nowhere]\n", "file", 2, "holds no plan.yaml"),
    ("portfolio: {name: x}\nplans: [town, town]\n", "duplicate-id", 2, "listed already"),
    ("portfolio: {name: x, lnag: zh}\nplans: [town]\n", "unknown-key", 1, "lnag"),
    ("portfolio: {name: x}\nplans: []\n", "empty", 2, "names no plan"),
    ("portfolio: {name: x}\n", "missing-key", 1, "plans"),
])
def test_a_wrong_portfolio_file_is_refused_at_its_line(tmp_path: Path, text: str, code: str,
                                                       line: int, words: str) -> None:
    folder = county_and_town(tmp_path, portfolio=text)
    with pytest.raises(PlanError) as caught:
        Portfolio.open(folder)
    found = caught.value.diagnostics[0]
    assert (found.code, found.location.line) == (code, line)
    assert words in found.message + found.hint


def test_an_empty_folder_is_no_portfolio(tmp_path: Path) -> None:
    with pytest.raises(PlanError) as caught:
        Portfolio.open(tmp_path)
    assert "no plan folder" in caught.value.diagnostics[0].message


# -- links to other plans -----------------------------------------------------------------------


@pytest.mark.parametrize(("entry", "key"), [
    ('"County:fund"', "rule.wait_shape"),  # a plan id is lower case
    ('"town:prep"', "rule.wait_own_plan"),
    ('"county:fund FF"', "rule.wait_type"),
])
def test_a_link_to_another_plan_is_checked_with_the_plan(tmp_path: Path, entry: str,
                                                         key: str) -> None:
    town = TOWN.replace('after: [prep, "county:fund"]', f"after: [prep, {entry}]")
    folder = county_and_town(tmp_path, town)
    with pytest.raises(PlanError) as caught:
        Project.open(folder / "town")
    (found,) = caught.value.diagnostics
    assert found.key == key and found.task == "build" and found.location.line == 16


def test_the_mapping_form_names_the_other_plan(tmp_path: Path) -> None:
    town = TOWN.replace('after: [prep, "county:fund"]',
                        "after: [prep, {plan: county, task: fund, type: SS, lag: 3}]")
    build = Project.open(county_and_town(tmp_path, town) / "town").plan.task("build")
    assert [(x.task, x.type.value, x.lag) for x in build.waits] == [("county:fund", "SS", 3)]
    town = TOWN.replace('after: [prep, "county:fund"]', "after: [{plan: County, task: fund}]")
    with pytest.raises(PlanError) as caught:
        Project.open(county_and_town(tmp_path / "bad", town) / "town")
    assert caught.value.diagnostics[0].key == "rule.wait_shape"


def test_a_plan_alone_loads_with_its_links_to_other_plans(tmp_path: Path) -> None:
    plan = Project.open(county_and_town(tmp_path) / "town").plan
    build = plan.task("build")
    assert [x.task for x in build.links] == ["prep"]
    assert [(x.other, x.type.value) for x in build.waits] == [(("county", "fund"), "FS")]
    assert [(t.id, x.task) for t, x in plan.waits] == [("build", "county:fund")]


@pytest.mark.parametrize(("entry", "key", "close"), [
    ('"conty:fund"', "portfolio.unknown_plan.close", "county"),
    ('"county:fnd"', "portfolio.unknown_task.close", "fund"),
])
def test_a_link_to_a_plan_or_task_the_portfolio_lacks(tmp_path: Path, entry: str, key: str,
                                                      close: str) -> None:
    town = TOWN.replace('"county:fund"', entry)
    found = Portfolio.open(county_and_town(tmp_path, town)).problems()
    (error,) = [d for d in found if d.severity.value == "error"]
    assert error.key == key and error.task == "build" and close in error.hint
    with pytest.raises(PlanError):
        Portfolio.open(tmp_path).review(date(2023, 11, 7))


def test_plans_that_wait_on_each_other_without_a_loop_are_scheduled_in_turns(
        tmp_path: Path) -> None:
    """county:road waits on town:build, which waits on county:fund: each plan waits on the
    other, no task on itself. fund (50 % of 20 at 09-30) ends 10-18; build runs 40 days
    from 10-19 to 12-13; road, 30 days from 12-14 (12-14…12-29 is 12 days; the other 18
    from 2024-01-02, New Year's Day a holiday: 01-02…05, 08…12, 15…19, 22…25): 2024-01-25."""
    county = COUNTY.replace("    after: [fund]\n", '    after: [fund, "town:build"]\n')
    folder = county_and_town(tmp_path)
    (folder / "county" / "plan.yaml").write_text(county, "utf-8")
    r = Portfolio.open(folder).review(date(2023, 11, 7))
    assert not [d for d in Portfolio.open(folder).problems() if d.code == "cycle"]
    assert r.plan("town").task("build").finish == date(2023, 12, 13)
    assert r.plan("county").task("road").start == date(2023, 12, 14)
    assert r.plan("county").task("road").finish == date(2024, 1, 25)


def test_a_real_loop_across_plans_is_refused(tmp_path: Path) -> None:
    county = COUNTY.replace("  - id: fund\n", '  - id: fund\n    after: ["town:build"]\n', 1)
    folder = county_and_town(tmp_path)
    (folder / "county" / "plan.yaml").write_text(county, "utf-8")
    found = Portfolio.open(folder).problems()
    (loop,) = [d for d in found if d.code == "cycle"]
    text = loop.render("en")
    assert "'county:fund'" in text and "'town:build'" in text
    with pytest.raises(PlanError):
        Portfolio.open(folder).review(date(2023, 11, 7))


# -- scheduling plans together ------------------------------------------------------------------


def test_a_task_waits_on_another_plans_forecast(tmp_path: Path) -> None:
    """fund: 20 days from 07-03, half done at 09-30: 10 left from 10-07 (a make-up working
    Saturday), 10-07, 10-08, 10-09…13, 10-16…18: it ends 10-18. build waits on it (FS): from
    10-19, 40 working days (no holiday left in 2023): 12-13, two days before its deadline."""
    r = Portfolio.open(county_and_town(tmp_path)).review(date(2023, 11, 7))
    build = r.plan("town").task("build")
    assert (build.start, build.finish, build.margin) == (date(2023, 10, 19),
                                                        date(2023, 12, 13), 2)
    (w,) = r.waits
    assert (w.other_date, w.start, w.basis, w.binding) == (date(2023, 10, 18),
                                                          date(2023, 10, 19), "forecast", True)
    # its baseline (none is saved): the county's planned finish, 07-28 -> 07-31 + 40 days
    assert build.baseline_finish == date(2023, 9, 22)


def test_a_lag_and_a_start_to_start_link_across_plans(tmp_path: Path) -> None:
    """SS+3: build may start 3 working days after fund started (07-03): 07-06, but prep
    ends 07-07; at 09-30 build has not started, so it starts after the data date: 10-07."""
    town = TOWN.replace('"county:fund"', '"county:fund SS+3"')
    r = Portfolio.open(county_and_town(tmp_path, town)).review(date(2023, 11, 7))
    (w,) = r.waits
    assert (w.type, w.lag, w.other_date, w.start, w.basis) == (
        "SS", 3, date(2023, 7, 3), date(2023, 7, 6), "actual")
    assert r.plan("town").task("build").start == date(2023, 10, 7)


def test_the_other_plans_calendar_is_not_this_ones(tmp_path: Path) -> None:
    """The county works every day (alldays): fund's 10 remaining days from 10-01 end 10-10;
    the town (cn) starts build on its next working day, 10-11."""
    county = COUNTY.replace("calendar: cn", "calendar: alldays")
    folder = county_and_town(tmp_path)
    (folder / "county" / "plan.yaml").write_text(county, "utf-8")
    r = Portfolio.open(folder).review(date(2023, 11, 7))
    assert r.plan("county").task("fund").finish == date(2023, 10, 10)
    assert r.plan("town").task("build").start == date(2023, 10, 11)


def test_the_same_result_in_worker_processes(tmp_path: Path) -> None:
    folder = county_and_town(tmp_path)
    here = Portfolio.open(folder).review(date(2023, 11, 7), workers=1)
    there = Portfolio.open(folder).review(date(2023, 11, 7), workers=2)
    assert here == there


def test_each_plan_at_its_own_latest_snapshot_on_or_before_the_date(tmp_path: Path) -> None:
    folder = county_and_town(tmp_path)
    write(folder, {"county/status/2023-11-07.yaml": """\
        plan: county
        date: 2023-11-07
        progress:
          fund: {started: 2023-07-03, finished: 2023-10-20}
        """})
    r = Portfolio.open(folder).review(date(2023, 11, 7))
    assert [(x.plan, x.data_date) for x in r.rows] == [("county", date(2023, 11, 7)),
                                                       ("town", date(2023, 9, 30))]
    (w,) = r.waits
    # the transfer is done: build may start 10-23, but at its own data date (09-30) the
    # town reviews it from 10-07 on: the wait holds it to 10-23
    assert (w.basis, w.start) == ("actual", date(2023, 10, 23))
    assert r.plan("town").task("build").start == date(2023, 10, 23)
    before = Portfolio.open(folder).review(date(2023, 10, 31))
    assert [x.data_date for x in before.rows] == [date(2023, 9, 30), date(2023, 9, 30)]


def test_a_plan_without_a_snapshot_by_the_date_is_shown_as_planned(tmp_path: Path) -> None:
    r = Portfolio.open(county_and_town(tmp_path)).review(date(2023, 8, 1))
    assert [x.data_date for x in r.rows] == [None, None]
    (w,) = r.waits
    assert w.basis == "plan" and w.other_date == date(2023, 7, 28)


# -- the roll-up --------------------------------------------------------------------------------


def test_the_rollup_names_the_owner_whose_task_holds_another_plan(tmp_path: Path) -> None:
    r = Portfolio.open(county_and_town(tmp_path)).review(date(2023, 11, 7))
    owners = {o.owner: o for o in r.owners()}
    assert owners["县财政局"].holding == (("town", "build"),)
    assert owners["镇建设办"].local == "town"  # a township's own office
    from planner.render.portfolio import cause_lines

    (line,) = cause_lines(r, "zh")
    assert line == ("玉山镇“污水终端施工”须待县直部门“补助资金拨付”完成后方可开始（县财政局，"
                    "预计2023年10月18日），受此制约预计2023年10月19日开始；请县财政局加快推进。")


def test_an_overrun_driven_from_another_plan_is_traced_to_it(tmp_path: Path) -> None:
    """With 60 days, build ends 2024-01-11 (12-14…12-29: 12 days, 01-02…01-11: 8 more
    after the 40 to 12-13): 8 working days past the period, its root cause the county's
    fund."""
    town = TOWN.replace("duration: 40", "duration: 60")
    r = Portfolio.open(county_and_town(tmp_path, town)).review(date(2023, 11, 7))
    row = next(x for x in r.rows if x.plan == "town")
    assert (row.overrun, row.driver) == (8, "build")
    (cause,) = r.causes()
    assert cause.chain == (("town", "build"), ("county", "fund")) and cause.crosses


def test_json_markdown_and_a_workbook_of_four_sheets(tmp_path: Path) -> None:
    folder = county_and_town(tmp_path)
    result = invoke(["portfolio", "status", str(folder), "--at", "2023-11-07", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert [p["plan"] for p in doc["plans"]] == ["county", "town"]
    assert doc["waits"][0] == {"plan": "town", "task": "build", "after": "county:fund",
                               "other_plan": "county", "other_task": "fund", "type": "FS",
                               "lag": 0, "other_date": "2023-10-18", "basis": "forecast",
                               "earliest_start": "2023-10-19", "binding": True}
    assert doc["deadlines"][0]["margin_days"] == 2
    md = invoke(["portfolio", "status", str(folder), "--at", "2023-11-07", "-f", "md"])
    assert "## 跨计划制约" in md.stdout and "请县财政局加快推进" in md.stdout
    out = tmp_path / "r.xlsx"
    invoke(["portfolio", "status", str(folder), "--at", "2023-11-07", "-f", "xlsx", "-o",
            str(out)])
    wb = openpyxl.load_workbook(out)
    assert len(wb.sheetnames) == 4
    assert wb.worksheets[0]["A1"].value == "计划" and wb.worksheets[0]["A2"].value == "county"


def test_a_broken_plan_is_left_out_said_and_the_rest_reviewed(tmp_path: Path) -> None:
    folder = county_and_town(tmp_path)
    write(folder, {"broken/plan.yaml": "plan: {id: broken, name: x}\ntasks: []\n"})
    result = invoke(["portfolio", "status", str(folder), "--at", "2023-11-07"])
    assert result.exit_code == 1
    assert "未纳入汇总" in result.stderr and "broken" in result.stderr
    assert "县直部门" in result.stdout and "Traceback" not in result.stderr
    # the plan a township waits on is the broken one: the township is reviewed without it
    (folder / "county" / "plan.yaml").write_text("plan: {id: county}\n", "utf-8")
    result = invoke(["portfolio", "status", str(folder), "--at", "2023-11-07", "-f", "json"])
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    doc = json.loads(result.stdout)
    assert [p["plan"] for p in doc["plans"]] == ["town"]
    assert doc["waits"][0]["basis"] == "missing" and doc["waits"][0]["binding"] is False


def test_validate_counts_plans_and_links(tmp_path: Path) -> None:
    result = invoke(["portfolio", "validate", str(county_and_town(tmp_path))])
    assert result.exit_code == 0 and "2个计划，1个跨计划前置关系" in result.stdout


# -- a plan reviewed alone ----------------------------------------------------------------------


def test_a_plan_alone_takes_the_other_plans_forecast_and_says_so(tmp_path: Path) -> None:
    folder = county_and_town(tmp_path)
    project = Project.open(folder / "town")
    assert around(project) is not None
    found = alone(project)
    assert found.project.plan.external["build"].day == date(2023, 10, 19)
    result = invoke(["status", str(folder / "town")])
    assert result.exit_code == 0
    # the review says it in its own lines (and so in every format), not on standard error
    assert ("1项任务受其他计划制约：污水终端施工须待县直部门“补助资金拨付”（县财政局）完成，"
            "最早于2023年10月19日开始（或恢复）") in result.stdout.splitlines()
    assert "提示" not in result.stderr
    held = json.loads(invoke(["status", str(folder / "town"), "-f", "json"]).stdout)
    assert held["external"] == [{"task": "build", "plan": "county", "other_task": "fund",
                                 "name": "补助资金拨付", "owner": "县财政局",
                                 "earliest_start": "2023-10-19", "holds": True}]
    # a command whose output does not say it: a note on standard error
    result = invoke(["gantt", str(folder / "town"), "-o", str(tmp_path / "g.html")])
    assert ("提示：“污水终端施工”须待县直部门“补助资金拨付”（县财政局）完成，按其预计日期"
            "2023年10月18日，本计划按最早于2023年10月19日开始（或恢复）推算") in result.stderr


def test_a_plan_alone_whose_other_plan_is_missing_is_warned(tmp_path: Path) -> None:
    folder = write(tmp_path, {"town/plan.yaml": TOWN, "town/status/2023-09-30.yaml": TOWN_SNAP})
    result = invoke(["status", str(folder / "town")])
    assert result.exit_code == 0
    assert "未找到该计划" in result.stderr and "[external]" in result.stderr


# -- the joint simulation -----------------------------------------------------------------------


def test_a_county_tasks_uncertainty_reaches_the_township(tmp_path: Path) -> None:
    """fund's estimate [15, 20, 40] skews late; the town's build (no estimate of its own:
    the default band) has 2 days of margin. Joined, the chance of the town's deadline falls
    below what the town's own uncertainty gives with fund held to its forecast."""
    folder = county_and_town(tmp_path)
    joint = Portfolio.open(folder).simulate(date(2023, 11, 7), 4000, 7)
    ((watch,),) = [p.watches for p in joint.rollup.plans if p.row.plan == "town"]
    held = alone(Project.open(folder / "town")).project.simulate(None, 4000, 7)
    own = held.target("build").probability
    assert watch.probability is not None and own is not None
    assert watch.probability < own - 0.05
    again = Portfolio.open(folder).simulate(date(2023, 11, 7), 4000, 7)
    assert again.rollup == joint.rollup  # a seed gives the same runs


def test_a_plan_alone_opens_only_the_plans_it_waits_on(tmp_path: Path) -> None:
    """A third plan beside them, broken, is not read; a plan whose folder is named
    otherwise than its id is found by the id its header states."""
    folder = county_and_town(tmp_path)
    (folder / "county").rename(folder / "县直部门")
    write(folder, {"zz-broken/plan.yaml": "plan: {id: zz-broken}\n"})
    narrowed = around(Project.open(folder / "town"))
    assert narrowed is not None
    assert [m.path.name for m in narrowed.members] == ["town", "县直部门"]
    assert alone(Project.open(folder / "town")).project.plan.external["build"].day == \
        date(2023, 10, 19)


def test_an_export_holds_a_waiting_task_by_the_other_plans_date(tmp_path: Path) -> None:
    """MS Project XML: the link to the county is text in Text9, and build starts no
    earlier than the day the county's planned transfer allows (07-31: fund 07-03…07-28)."""
    import defusedxml.ElementTree as ET

    folder = county_and_town(tmp_path)
    out = tmp_path / "town.xml"
    result = invoke(["export", str(folder / "town"), "--format", "mspdi", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    ns = {"p": "http://schemas.microsoft.com/project"}
    root = ET.parse(out).getroot()
    build = next(t for t in root.iterfind("p:Tasks/p:Task", ns)
                 if t.findtext("p:Name", namespaces=ns) == "污水终端施工")
    assert build.findtext("p:Start", namespaces=ns).startswith("2023-07-31")
    texts = [e.findtext("p:Value", namespaces=ns)
             for e in build.iterfind("p:ExtendedAttribute", ns)]
    assert "county:fund" in texts
    back = tmp_path / "back"
    assert invoke(["import", str(out), "-o", str(back)]).exit_code == 0
    assert [x.task for x in Project.open(back).plan.task("build").waits] == ["county:fund"]


@pytest.mark.client
def test_libreoffice_reads_the_portfolios_workbook(tmp_path: Path) -> None:
    """The workbook of `portfolio status -f xlsx`, opened by LibreOffice: its first sheet,
    the plans, as CSV; its four sheets by name in an ODS conversion."""
    import zipfile

    from tests.test_forms import CSV_UTF8, soffice

    folder = county_and_town(tmp_path / "plans")
    book = tmp_path / "county.xlsx"
    result = invoke(["portfolio", "status", str(folder), "--at", "2023-11-07", "-f", "xlsx",
                     "-o", str(book)])
    assert result.exit_code == 0, result.stderr
    csv_text = soffice(tmp_path, CSV_UTF8, book, tmp_path / "csv").read_text("utf-8")
    lines = csv_text.splitlines()
    assert lines[0].startswith('"计划","计划名称","分组","数据日期","任务数"')
    assert lines[1].startswith('"county","县直部门2023年下半年重点工作",')
    assert lines[2].startswith('"town",')
    ods = soffice(tmp_path, "ods", book, tmp_path / "ods")
    content = zipfile.ZipFile(ods).read("content.xml").decode("utf-8")
    for sheet in ("各计划进展", "期限", "责任单位", "跨计划制约"):
        assert f'table:name="{sheet}"' in content


@pytest.mark.parametrize(("owner", "local"), [
    ("镇建设办", True), ("乡农办", True), ("街道办事处", True), ("黄里村", True),
    ("新城社区", True), ("佳村村委会", True), ("县财政局", False), ("方镜线工作专班", False),
    ("County finance bureau", False),
])
def test_a_townships_own_units_are_its_own(owner: str, local: bool) -> None:
    from planner.analysis.portfolio import local_owner

    assert local_owner(owner) is local
