"""Plans as a spreadsheet table: `planner export --format xlsx` and `planner import` of
.xlsx and .csv, every bad cell located, and the round trip."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment

from planner import Project
from planner.domain.diagnostics import PlanError
from planner.domain.model import Plan
from planner.exchange import table_read, table_write
from planner.exchange.imported import Imported, check_folder
from tests.conftest import BUNDLED, invoke
from tests.conftest import write_plan as write_yaml_plan
from tests.exchange_plans import essence, plan_text
from tests.exchange_plans import write_plan as write_generated

ZH = ["编号", "任务", "责任单位", "开始", "工期", "完成", "前置任务", "期限", "预算", "数量",
      "单位", "备注"]


def book(path: Path, rows: list[list[object]], headers: list[str] = ZH,
         sheet: str = "计划", indents: dict[int, int] | None = None) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    ws.append(headers)
    for row in rows:
        ws.append(row)
    for r, level in (indents or {}).items():
        ws.cell(row=r, column=headers.index("任务") + 1).alignment = Alignment(indent=level)
    wb.save(path)
    return path


def plan_of(imported: Imported) -> Plan:
    return check_folder(imported.files).plan


# -- export and round trip ------------------------------------------------------------------------


def test_export_writes_the_task_table_and_the_plan_sheet() -> None:
    wb = load_workbook(io.BytesIO(table_write.write(Project.open(BUNDLED), None, "zh").data))
    assert wb.sheetnames == ["计划", "计划信息"]
    ws = wb["计划"]
    headers = [c.value for c in ws[1]]
    assert headers[:8] == ["编号", "层级", "任务", "责任单位", "开始", "工期", "完成", "前置任务"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref is not None
    rows = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    build = rows["six-village-build"]
    assert build[1].value == 2 and build[2].alignment.indent == 1
    assert build[5].value == 100 and build[6].value is None
    assert build[7].value == "six-village-kickoff" and build[8].value == datetime(2023, 12, 31)
    assert rows["six-village-kickoff"][5].value == 0  # a milestone
    meters = rows["water-meters"]
    assert meters[4].value == datetime(2023, 5, 4) and meters[6].value == datetime(2023, 10, 31)
    info = {r[0].value: r[1].value for r in wb["计划信息"].iter_rows(min_row=2)}
    assert info["计划编号"] == "yushan-2023h2" and info["日历"] == "cn"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_round_trip_of_the_bundled_plan(tmp_path: Path, lang: str) -> None:
    project = Project.open(BUNDLED)
    path = tmp_path / "计划.xlsx"
    path.write_bytes(table_write.write(project, None, lang).data)
    imported = table_read.read(path, "other")
    assert imported.warnings == ()
    assert essence(plan_of(imported)) == essence(project.plan)


@pytest.mark.parametrize("seed", range(8))
def test_round_trip_of_generated_plans(tmp_path: Path, seed: int) -> None:
    project = Project.open(write_generated(tmp_path / "g", plan_text(seed)))
    path = tmp_path / "t.xlsx"
    path.write_bytes(table_write.write(project, None, "zh").data)
    assert essence(plan_of(table_read.read(path))) == essence(project.plan)


# -- reading tables people make --------------------------------------------------------------------


def test_chinese_table_with_indented_names_and_no_plan_sheet(tmp_path: Path) -> None:
    path = book(tmp_path / "计划.xlsx", [
        ["road", "联村公路改造", "镇建设办", None, None, None, None, "2024-09", None],
        ["design", "方案设计", None, date(2024, 3, 4), "4w", None, None, None, 50000],
        ["tender", "招投标", None, None, 15, None, "design", None, None],
        ["build", "路面施工", "镇交通办", None, 60, None, "tender，design SS+5", None,
         "1,200,000", 12, "公里"],
        ["open", "通车", None, None, 0, None, "build FS-2", None, None, None, None, "县里验收"],
    ], indents={3: 1, 4: 1, 5: 1, 6: 1})
    imported = table_read.read(path, "road-2024")
    plan = plan_of(imported)
    assert [d.in_lang("zh").message for d in imported.warnings] == [
        "没有“计划信息”表：计划开始取 2024-03-04，日历取 cn，语言取 zh",
        "1 项任务的备注作为注释保存在 plan.yaml 中（计划格式没有备注字段）：open"]
    assert (plan.id, plan.name, plan.start, plan.calendar, plan.lang) == (
        "road-2024", "计划", date(2024, 3, 4), "cn", "zh")
    road, design, _tender, build, opening = plan.tasks
    assert road.children == ("design", "tender", "build", "open")
    assert road.deadline == date(2024, 9, 30)
    assert (design.duration, design.budget, design.owner) == (20, 50000.0, "镇建设办")
    assert [str(x) for x in build.after] == ["tender FS", "design SS+5"]
    assert (build.budget, build.quantity.total, build.quantity.unit) == (1200000.0, 12, "公里")
    assert opening.is_milestone and [str(x) for x in opening.after] == ["build FS-2"]
    assert "# 备注：县里验收" in imported.files["plan.yaml"]


def test_level_and_outline_columns(tmp_path: Path) -> None:
    rows = [["a", 1, "A", None, "2024-01-02"], ["a1", 2, "A1", 3], ["a2", 2, "A2", 2],
            ["b", 1, "B", 1]]
    path = book(tmp_path / "t.xlsx", rows, ["id", "level", "task", "duration", "start"])
    plan = plan_of(table_read.read(path, "t"))
    assert [t.depth for t in plan.tasks] == [0, 1, 1, 0]
    csv = tmp_path / "t.csv"
    csv.write_text("\ufeffid,outline,task,duration,start\na,1,A,,2024-01-02\n"
                   "a1,1.1,A1,3,\nb,2,B,1,\n", encoding="utf-8")
    plan = plan_of(table_read.read(csv, "t"))
    assert plan.task("a").children == ("a1",)
    assert plan.calendar == "weekdays" and plan.lang == "en"


def test_csv_in_gbk_with_leading_full_width_spaces(tmp_path: Path) -> None:
    text = ("编号,任务,工期,开始\n"
            "x,汇总,,2024-03-04\n"
            "x1,\u3000子任务,5,\n")
    path = tmp_path / "计划.csv"
    path.write_bytes(text.encode("gb18030"))
    plan = plan_of(table_read.read(path, "p"))
    assert plan.task("x1").parent == "x"
    assert plan.task("x1").name == "子任务"


def test_every_bad_cell_is_located_at_once(tmp_path: Path) -> None:
    path = book(tmp_path / "计划.xlsx", [
        ["a", "甲", None, "2024-13-01", 5],
        ["a", "乙", None, None, 2.5],
        ["b c", "丙", None, None, 3, None, "zz"],
        ["d", "丁", None, None, 3, date(2024, 5, 1)],
        ["e", "戊", None, None, 3, None, "a QQ"],
        ["f", "己", None, None, None, None, None, None, "三十万"],
        ["g", "庚", None, None, 2, None, None, None, None, -4],
        ["h", "辛", None, None, 2, None, None, None, 1e300],
    ])
    with pytest.raises(PlanError) as caught:
        table_read.read(path, "p")
    assert caught.value.lang == "zh"  # the headers are Chinese: said in Chinese
    found = [d.render("zh") for d in caught.value.diagnostics]
    sheet = f"{path} 计划!"
    expected = [
        f"{sheet}D2：错误：开始“2024-13-01”不是日期（应写作 2023-07-01） [table]",
        f"{sheet}A3：错误：任务编号“a”重复使用（首次见 {sheet}A2） [duplicate-id]",
        f"{sheet}E3：错误：工期“2.5”不是整数个工作日（如 10、10d、2w） [table]",
        f"{sheet}A4：错误：编号“b c”只能包含字母、数字、“_”“.”“-” [table]",
        f"{sheet}G4：错误：任务“b c”的前置任务“zz”不存在 [unknown-task]\n"
        "  提示：请核对“前置任务”列中的编号",
        # a duration and a finish without a start: both plan rules, as in plan.yaml
        f"{sheet}F5：错误：任务“d”填写了“finish”，但没有“start” [finish-without-start]\n"
        "  提示：请填写开始日期，或改填工期",
        f"{sheet}F5：错误：任务“d”同时填写了“duration”和“finish” [duration-and-finish]\n"
        "  提示：工期和完成日期只能填一项",
        f"{sheet}G6：错误：前置任务“a QQ”无法识别",
        f"{sheet}A7：错误：任务“f”没有工期 [missing-key]\n"
        "  提示：请填写工期（0 为里程碑），或填写开始和完成日期",
        f"{sheet}I7：错误：预算“三十万”不是不小于 0 的数 [table]",
        f"{sheet}J8：错误：数量“-4”不是不小于 0 的数 [table]",
        f"{sheet}I9：错误：预算“1e+300”太大：最多 1,000,000,000,000,000 [table]",
    ]
    for want in expected:
        assert any(line.startswith(want) for line in found), (want, found)
    assert len(found) == len(expected)


def test_a_cycle_is_reported_at_the_rows_of_its_tasks(tmp_path: Path) -> None:
    path = book(tmp_path / "c.xlsx", [["a", "A", None, "2024-03-04", 1, None, "b"],
                                      ["b", "B", None, None, 1, None, "a"]])
    with pytest.raises(PlanError) as caught:
        table_read.read(path, "c")
    (d,) = caught.value.diagnostics
    assert d.code == "cycle" and d.location.file == f"{path} 计划!A2"


def test_summary_rows_take_no_length_and_links_stay_out_of_the_family(tmp_path: Path) -> None:
    rows = [["s", 1, "S", 5, None, "2024-03-04"], ["s1", 2, "S1", 2, "s"], ["s2", 2, "S2", 1]]
    path = book(tmp_path / "s.xlsx", rows,
                ["id", "level", "task", "duration", "predecessors", "start"])
    with pytest.raises(PlanError) as caught:
        table_read.read(path, "s")
    messages = sorted(d.message for d in caught.value.diagnostics)
    assert messages == ["summary task 's' cannot have 'duration': its dates and progress roll "
                        "up from its children", "task 's1' follows its own summary task 's'"]


def test_the_tables_links_obey_the_plans_link_rules(tmp_path: Path) -> None:
    """The rules of domain.rules decide (itself, its summary, a summary's subtask, an
    unknown id); the table says it in its own words, at the `after` cell."""
    rows = [["s", 1, "S", None, "s2", "2024-03-04"], ["s1", 2, "S1", 2, "s1"],
            ["s2", 2, "S2", 1, "s1"], ["t", 1, "T", 1, "nope"]]
    path = book(tmp_path / "r.xlsx", rows,
                ["id", "level", "task", "duration", "predecessors", "start"])
    with pytest.raises(PlanError) as caught:
        table_read.read(path, "r")
    found = sorted((d.code, d.task, d.location.file.rsplit("!", 1)[1])
                   for d in caught.value.diagnostics)
    assert found == [("cycle", "s", "E2"), ("cycle", "s1", "E3"),
                     ("unknown-task", "t", "E5")]


def test_unknown_columns_are_warnings(tmp_path: Path) -> None:
    path = book(tmp_path / "w.xlsx", [["a", "A", "2024-03-04", 1, "x"]],
                ["id", "task", "start", "duration", "colour"])
    imported = table_read.read(path, "w")
    assert "unknown column 'colour' ignored" in [d.message for d in imported.warnings]


def test_not_a_table(tmp_path: Path) -> None:
    path = book(tmp_path / "n.xlsx", [["x"]], ["something", "else"])
    with pytest.raises(PlanError) as caught:
        table_read.read(path, "n")
    assert "no task table" in caught.value.diagnostics[0].message
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(PlanError):
        table_read.read(fake, "n")


# -- the command line -------------------------------------------------------------------------


def test_cli_export_xlsx_and_import_it(tmp_path: Path) -> None:
    book_path = tmp_path / "计划.xlsx"
    result = invoke(["export", str(BUNDLED), "-f", "xlsx", "-o", str(book_path), "--lang", "en"])
    assert result.exit_code == 0 and "plan workbook written (55 tasks)" in result.stderr
    folder = tmp_path / "yushan-2023h2"
    result = invoke(["import", str(book_path), "-o", str(folder)])
    assert result.exit_code == 0, result.output
    assert essence(Project.open(folder).plan) == essence(Project.open(BUNDLED).plan)


def test_cli_export_xlsx_takes_no_data_date() -> None:
    result = invoke(["export", str(BUNDLED), "-f", "xlsx", "--at", "2023-11-07"])
    assert result.exit_code == 2 and "--at" in result.stderr


def test_cli_import_of_a_bad_table_writes_nothing(tmp_path: Path) -> None:
    path = book(tmp_path / "计划.xlsx", [["a", "甲", None, "2024-03-04", "x"]])
    result = invoke(["import", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert f"{path} 计划!E2：错误：工期“x”" in result.stderr  # a Chinese table: said in Chinese
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()


# -- the plan rules decide, whatever the source ---------------------------------------------------

RULE_HEADERS = ["编号", "层级", "任务", "开始", "工期", "完成", "数量", "单位", "持续推进"]
D3, D10 = date(2023, 7, 3), date(2023, 7, 10)
# (the mistake in plan.yaml, the same mistake as table rows under a first row z, the code,
# the cell it is at)
SAME_MISTAKE: dict[str, tuple[str, list[list[object]], str, str]] = {
    "summary with a duration": (
        "- id: s\n  name: S\n  duration: 5\n  tasks:\n    - {id: s1, name: S1, duration: 2}\n",
        [["s", 1, "S", None, 5], ["s1", 2, "S1", None, 2]], "summary", "E3"),
    "ongoing summary": (  # refused by the table before; by plan.yaml too now
        "- id: s\n  name: S\n  ongoing: true\n  tasks:\n    - {id: s1, name: S1, duration: 2}\n",
        [["s", 1, "S", None, None, None, None, None, "是"], ["s1", 2, "S1", None, 2]],
        "summary", "I3"),
    "summary milestone": (  # a duration of 0 is a milestone: said of the 工期 cell
        "- id: s\n  name: S\n  milestone: true\n  tasks:\n    - {id: s1, name: S1, duration: 2}\n",
        [["s", 1, "S", None, 0], ["s1", 2, "S1", None, 2]], "summary", "E3"),
    "duration and finish": (
        "- {id: a, name: A, start: 2023-07-03, duration: 3, finish: 2023-07-10}\n",
        [["a", 1, "A", D3, 3, D10]], "duration-and-finish", "F3"),
    "finish without start": (
        "- {id: a, name: A, finish: 2023-07-10}\n",
        [["a", 1, "A", None, None, D10]], "finish-without-start", "F3"),
    "finish before start": (
        "- {id: a, name: A, start: 2023-07-10, finish: 2023-07-03}\n",
        [["a", 1, "A", D10, None, D3]], "value", "F3"),
    "no length": (
        "- {id: a, name: A}\n",
        [["a", 1, "A"]], "missing-key", "A3"),
    "quantity of 0": (
        "- {id: a, name: A, duration: 3, quantity: {total: 0, unit: 户}}\n",
        [["a", 1, "A", None, 3, None, 0, "户"]], "value", "G3"),
}


@pytest.mark.parametrize("mistake", SAME_MISTAKE)
def test_the_same_mistake_gets_the_same_code_and_message_from_yaml_and_table(
        tmp_path: Path, mistake: str) -> None:
    """A task field rule (issue 19): the table maps its cells to fields and the plan rules
    decide; only the place differs (the cell, not the line) and the hint (a cell to fill)."""
    body, rows, code, cell = SAME_MISTAKE[mistake]
    started = "- {id: z, name: Z, start: 2023-07-03, duration: 1}\n"  # the plan's start
    write_yaml_plan(tmp_path / "yaml", started + body)
    with pytest.raises(PlanError) as from_yaml:
        Project.open(tmp_path / "yaml")
    path = book(tmp_path / "计划.xlsx", [["z", 1, "Z", D3, 1], *rows], RULE_HEADERS)
    with pytest.raises(PlanError) as from_table:
        table_read.read(path, "t")
    (y,) = from_yaml.value.diagnostics
    (t,) = from_table.value.diagnostics
    assert y.code == t.code == code
    for lang in ("en", "zh"):
        assert y.in_lang(lang).message == t.in_lang(lang).message
    assert t.location.file == f"{path} 计划!{cell}"
    assert "'" not in t.hint and ":" not in t.hint  # a hint names no YAML key to write
    assert t.hint == "" or not t.in_lang("zh").hint.isascii()


def test_the_tables_own_labels_for_what_the_rules_now_say_are_gone() -> None:
    from planner.i18n.exchange import LABELS

    for key in ("dup_id", "unknown_link", "self_link", "both", "finish_alone", "before",
                "no_length", "summary", "bad_quantity"):
        assert f"x.msg.{key}" not in LABELS
