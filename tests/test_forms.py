"""Progress forms: written per owner, filled in a spreadsheet program, read back checked."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from planner import Project
from planner.domain.diagnostics import Diagnostic, PlanError
from planner.exchange.forms_common import (
    COLUMNS,
    FIRST_ROW,
    HEAD_ROW,
    META_SHEET,
    form_fingerprint,
)
from planner.exchange.forms_read import Collected, read_forms
from planner.exchange.forms_write import safe_filename, write_forms
from planner.i18n.labels import label
from planner.render.xlsx import table_xlsx
from tests.conftest import BUNDLED, write_plan

DAY = date(2023, 11, 30)  # the bundled plan's next meeting: its last snapshot is 2023-11-07
SMALL_DAY = date(2023, 7, 14)
ZH = "plan:\n  id: t\n  name: 测试计划\n  start: 2023-07-03\n  lang: zh\n  currency: 元\n"

SMALL = """\
- id: t1
  name: 组建专班
  owner: 镇农办
  duration: 10
- id: t2
  name: 对接施工方
  owner: 镇农办
  duration: 10
- id: t3
  name: 场地平整
  owner: 镇农办
  duration: 10
- id: t4
  name: 主体建设
  owner: 镇农办
  duration: 10
- id: t5
  name: 设备采购
  owner: 镇农办
  duration: 10
- id: t6
  name: 设备安装
  owner: 镇农办
  duration: 10
- id: t7
  name: 验收准备
  owner: 镇农办
  duration: 10
- id: t8
  name: 宣传报道
  owner: 镇农办
  duration: 10
- id: t9
  name: 一户一表改造
  owner: 镇农办
  duration: 10
  quantity: {total: 50, unit: 户}
- id: t10
  name: 政策宣讲
  owner: 镇宣传办
  duration: 3
- id: t11
  name: 前期调研
  owner: 镇宣传办
  duration: 2
"""

SNAPSHOT = """\
plan: t
date: 2023-07-07
progress:
  t1: {started: 2023-07-03, percent: 30, note: "=1+1 不是公式"}
  t9: {started: 2023-07-03, done: 10, spent: 5000}
  t11: {started: 2023-07-03, finished: 2023-07-04}
"""


def changed(collected: Collected) -> dict[str, dict[str, object]]:
    """The entries of what the units changed, without the open rows they returned as
    they were (`confirmed`, each an entry of no new values)."""
    return {k: v for k, v in collected.entries.items() if k not in collected.confirmed}


def small(tmp_path: Path, header: str = ZH, name: str = "small") -> Project:
    folder = tmp_path / name
    write_plan(folder, SMALL, header)
    (folder / "status").mkdir()
    (folder / "status" / "2023-07-07.yaml").write_text(SNAPSHOT, encoding="utf-8")
    return Project.open(folder)


@pytest.fixture
def yushan(tmp_path: Path) -> Project:
    shutil.copytree(BUNDLED, tmp_path / "yushan")
    return Project.open(tmp_path / "yushan")


def save(forms: dict[str, bytes], folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, data in forms.items():
        (folder / name).write_bytes(data)
        out[name] = folder / name
    return out


def sheet(path: Path) -> Worksheet:
    ws = openpyxl.load_workbook(path).worksheets[0]
    assert isinstance(ws, Worksheet)
    return ws


def letter(key: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter([k for k, _ in COLUMNS].index(key) + 1)


def ids(ws: Worksheet) -> list[str]:
    return [str(ws[f"A{r}"].value) for r in range(FIRST_ROW, ws.max_row + 1)
            if ws[f"A{r}"].value is not None]


def row_of(ws: Worksheet, task: str) -> int:
    return next(r for r in range(FIRST_ROW, ws.max_row + 1) if ws[f"A{r}"].value == task)


def fill(path: Path, values: dict[tuple[str, str], object], out: Path | None = None,
         edit: Callable[[Worksheet], None] | None = None) -> Path:
    """Fill cells as a unit would: (task id, column key) -> value; saved with openpyxl."""
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    assert isinstance(ws, Worksheet)
    for (task, key), value in values.items():
        ws[f"{letter(key)}{row_of(ws, task)}"].value = value
    if edit is not None:
        edit(ws)
    target = out or path
    target.parent.mkdir(parents=True, exist_ok=True)
    wb.save(target)
    return target


def as_csv(path: Path, target: Path, encoding: str) -> Path:
    """The data sheet as Excel or WPS saves it as CSV: shown values, hidden rows and
    columns included, dates as yyyy-mm-dd (the cells' format)."""
    ws = sheet(path)
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    for row in ws.iter_rows(values_only=True):
        writer.writerow(["" if v is None else v.strftime("%Y-%m-%d")
                         if isinstance(v, datetime | date) else v for v in row])
    target.write_bytes(buf.getvalue().encode(encoding))
    return target


def problems(project: Project, files: list[Path], at: date | None = None,
             ) -> list[Diagnostic]:
    with pytest.raises(PlanError) as exc:
        read_forms(project, files, at)
    return list(exc.value.diagnostics)


# -- writing -------------------------------------------------------------------------------------


def test_one_form_per_owner_with_its_open_and_recently_finished_tasks(yushan: Project) -> None:
    forms = write_forms(yushan, DAY)
    current = yushan.snapshot(DAY)
    assert current is not None and current.date == date(2023, 11, 7)
    previous = yushan.previous(current)
    assert previous is not None
    expected: dict[str, list[str]] = {}
    for t in yushan.plan.tasks:
        p = current.of(t.id)
        if t.is_summary or (p and p.finished and p.finished <= previous.date):
            continue
        assert t.owner is not None
        expected.setdefault(safe_filename(t.owner), []).append(t.id)
    assert list(forms) == list(expected)
    assert "镇农办.xlsx" in forms and "镇应急管理办（安监站）.xlsx" in forms
    files = save(forms, yushan.folder / "forms")
    for name, path in files.items():
        assert ids(sheet(path)) == expected[name], name
    # six-village-team finished on 07-21, before the 09-30 meeting: not on the form;
    # torreya-system finished on 10-27: shown greyed and locked
    ws = sheet(files["镇农办.xlsx"])
    assert ids(ws) == ["six-village-build", "six-village-done", "torreya-system",
                       "env-living", "env-mechanism"]
    grey = row_of(ws, "torreya-system")
    assert all(ws[f"{letter(k)}{grey}"].protection.locked for k, _ in COLUMNS)
    assert ws[f"A{grey}"].fill.fgColor.rgb == "00D9D9D9"
    assert not ws[f"{letter('percent')}{row_of(ws, 'env-mechanism')}"].protection.locked
    # and the instructions say which finished tasks those are, by the reports' dates
    help_text = openpyxl.load_workbook(files["镇农办.xlsx"])["填表说明"]["A2"].value
    assert "灰色行是在 2023-11-07 的报告中（2023-09-30 之后）已完成的任务" in str(help_text)
    assert "上次会议" not in str(help_text)  # the forms are for the next meeting


def test_last_report_is_prefilled(yushan: Project) -> None:
    ws = sheet(save(write_forms(yushan, DAY, owners=["镇农办"]), yushan.folder / "f")
               ["镇农办.xlsx"])
    r = row_of(ws, "six-village-build")
    assert ws[f"{letter('started')}{r}"].value == datetime(2023, 7, 25)
    assert ws[f"{letter('started')}{r}"].number_format == "yyyy-mm-dd"
    assert ws[f"{letter('percent')}{r}"].value == 62
    assert ws[f"{letter('remaining')}{r}"].value == 36
    assert ws[f"{letter('note')}{r}"].value == "主体结构施工中，需加班赶工才能12月底前完成"
    assert ws[f"{letter('last')}{r}"].value == "62%"
    assert ws[f"{letter('last_date')}{r}"].value == datetime(2023, 11, 7)
    assert ws[f"{letter('baseline_finish')}{r}"].value == datetime(2023, 12, 7)
    assert ws[f"{letter('deadline')}{r}"].value == datetime(2023, 12, 31)
    assert "玉山镇2023年下半年重点工作" in str(ws["A1"].value) and "2023-11-30" in str(
        ws["A1"].value)


def test_quantity_tasks_take_done_others_percent(tmp_path: Path) -> None:
    files = save(write_forms(small(tmp_path), SMALL_DAY), tmp_path / "forms")
    ws = sheet(files["镇农办.xlsx"])
    q, p = row_of(ws, "t9"), row_of(ws, "t1")
    assert ws[f"{letter('unit')}{q}"].value == "户" and ws[f"{letter('total')}{q}"].value == 50
    assert ws[f"{letter('done')}{q}"].value == 10 and ws[f"{letter('spent')}{q}"].value == 5000
    assert ws[f"{letter('last')}{q}"].value == "10/50 户"
    assert not ws[f"{letter('done')}{q}"].protection.locked
    assert ws[f"{letter('percent')}{q}"].protection.locked
    assert ws[f"{letter('done')}{p}"].protection.locked
    assert not ws[f"{letter('percent')}{p}"].protection.locked
    # a note that looks like a formula is text, not a formula
    note = ws[f"{letter('note')}{p}"]
    assert note.value == "=1+1 不是公式" and note.data_type == "s"


def test_headers_in_the_plans_language(tmp_path: Path) -> None:
    zh = sheet(save(write_forms(small(tmp_path), SMALL_DAY), tmp_path / "zh")["镇农办.xlsx"])
    headers = [c.value for c in zh[HEAD_ROW]]
    assert headers[:16] == ["编号", "任务", "计划开始", "计划完成", "期限", "上次报告", "报告日期",
                            "单位", "总量", "实际开始", "实际完成", "完成百分比", "完成量",
                            "剩余工作日", "累计支出", "进展说明"]
    en_project = small(tmp_path, header=ZH.replace("  lang: zh\n", ""), name="en")
    en = sheet(save(write_forms(en_project, SMALL_DAY), tmp_path / "en")["镇农办.xlsx"])
    english = [label(f"form.{k}", "en") for k, _ in COLUMNS]
    assert [c.value for c in en[HEAD_ROW]][:16] == english[:16]
    assert [c.value for c in en[HEAD_ROW]][9:12] == ["actual start", "actual finish",
                                                     "percent complete"]
    # lang= overrides the plan's
    forced = write_forms(small(tmp_path, name="forced"), SMALL_DAY, lang="en")
    assert "no owner" not in forced
    ws = sheet(save(forced, tmp_path / "forced-forms")["镇农办.xlsx"])
    assert ws[f"A{HEAD_ROW}"].value == "id" and ws.title == "Progress"


def test_protection_validation_freeze_and_print_setup(tmp_path: Path) -> None:
    project = small(tmp_path)
    path = save(write_forms(project, SMALL_DAY), tmp_path / "forms")["镇农办.xlsx"]
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    assert isinstance(ws, Worksheet)
    assert ws.title == "进度填报"
    assert ws.protection.sheet and not ws.protection.password
    editable = {k for k, e in COLUMNS if e}
    for r in range(FIRST_ROW, FIRST_ROW + 9):
        task = project.plan.task(str(ws[f"A{r}"].value))
        for key, _ in COLUMNS:
            locked = ws[f"{letter(key)}{r}"].protection.locked
            applies = key in editable and not (key == "percent" and task.quantity) and not (
                key == "done" and not task.quantity)
            assert locked is not applies, (task.id, key)
    rules = {str(dv.sqref): (dv.type, dv.formula1)
             for dv in ws.data_validations.dataValidation}
    origin = (project.plan.calendar_origin - date(1899, 12, 30)).days
    day = (SMALL_DAY - date(1899, 12, 30)).days
    clear = 'OR(TRIM({a})="清除",TRIM({a})="clear",'
    assert rules == {  # the word that clears a report passes every rule (see below)
        "J5:J13 K5:K13": ("custom", clear.format(a="J5") +
                          f"IF(ISNUMBER(J5),AND(J5>={origin},J5<={day}),FALSE))"),
        "L5:L12": ("custom", clear.format(a="L5") +
                   "IF(ISNUMBER(L5),AND(L5>=0,L5<=100),FALSE))"),
        "M13": ("custom", clear.format(a="M13") + "IF(ISNUMBER(M13),AND(M13>=0,M13<=50),FALSE))"),
        "N5:N13": ("custom", clear.format(a="N5") +
                   "IF(ISNUMBER(N5),AND(N5>=0,N5=INT(N5)),FALSE))"),
        "O5:O13": ("custom", clear.format(a="O5") + "IF(ISNUMBER(O5),O5>=0,FALSE))"),
        "P5:P13": (None, None),
    }
    for dv in ws.data_validations.dataValidation:
        assert dv.showInputMessage and dv.prompt and dv.promptTitle and dv.allow_blank
        assert len(dv.prompt) <= 255 and len(dv.promptTitle) <= 32
        if dv.type is not None:
            assert dv.showErrorMessage and dv.error and dv.errorStyle == "stop"
            assert "清除" in dv.error  # the error says how to clear a value
    date_rule = next(dv for dv in ws.data_validations.dataValidation
                     if str(dv.sqref).startswith("J"))
    assert "YYYY-MM-DD" in date_rule.prompt and "2023-07-14" in date_rule.error
    assert ws.freeze_panes == "C5"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.print_title_rows == "$1:$4"
    assert ws.sheet_properties.pageSetUpPr is not None
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    # widths fit Chinese text: CJK characters count double
    assert ws.column_dimensions["B"].width >= 2 * len("一户一表改造")
    assert ws.column_dimensions["Q"].hidden and ws.row_dimensions[3].hidden
    # instructions in the plan's language, the metadata very hidden
    assert wb.sheetnames == ["进度填报", "填表说明", META_SHEET]
    text = "\n".join(str(c.value) for c in wb["填表说明"]["A"])
    assert "YYYY-MM-DD" in text and "删除" in text and "编号" in text
    hidden = wb[META_SHEET]
    assert hidden.sheet_state == "veryHidden"
    meta = {str(r[0].value): r[1].value for r in hidden.iter_rows(max_row=7)}
    rows = [(str(r[0].value), str(r[1].value), str(r[2].value))
            for r in hidden.iter_rows(min_row=10)]
    assert meta["plan"] == "t" and meta["date"] == "2023-07-14"
    assert meta["fingerprint"] == form_fingerprint("t", "镇农办", SMALL_DAY, rows)
    first = project.baseline.of("t1")
    assert first is not None
    assert rows[0] == ("t1", str(first.start), str(first.finish))


def test_file_names_are_safe_for_windows(tmp_path: Path) -> None:
    assert safe_filename("镇农办") == "镇农办.xlsx"
    assert safe_filename('a/b\\c:d*e?f"g<h>i|j\x01') == "a_b_c_d_e_f_g_h_i_j_.xlsx"
    assert safe_filename("CON") == "_CON.xlsx" and safe_filename("lpt1.txt") == "_lpt1.txt.xlsx"
    assert safe_filename("办公室. ") == "办公室.xlsx"
    assert len(safe_filename("z" * 300)) == 100
    long = safe_filename("镇" * 300)  # 100 characters would be 300 bytes: too long a name
    assert long.endswith(".xlsx") and len(long.encode("utf-8")) <= 230
    # the whole way, through the temporary file the form is written by
    write_plan(tmp_path / "long", f"- id: x\n  name: X\n  owner: {'镇' * 100}\n  duration: 1\n")
    from tests.conftest import invoke

    made = invoke(["forms", str(tmp_path / "long"), "--at", "2023-07-05", "-o",
                   str(tmp_path / "out")])
    assert made.exit_code == 0, made.output
    assert [p.name for p in (tmp_path / "out").iterdir()] == [long]
    body = "".join(f"- id: x{i}\n  name: X\n  owner: '{o}'\n  duration: 1\n"
                   for i, o in enumerate(["a/b", "a:b", "A|B", "CON"]))
    write_plan(tmp_path / "p", body)
    names = list(write_forms(Project.open(tmp_path / "p"), SMALL_DAY))
    assert names == ["a_b.xlsx", "a_b (2).xlsx", "A_B (3).xlsx", "_CON.xlsx"]


def test_owners_filter_and_unknown_owner(tmp_path: Path) -> None:
    project = small(tmp_path)
    assert list(write_forms(project, SMALL_DAY, owners=["镇宣传办"])) == ["镇宣传办.xlsx"]
    with pytest.raises(PlanError) as exc:
        write_forms(project, SMALL_DAY, owners=["镇农"])
    assert exc.value.diagnostics[0].code == "unknown-owner"
    assert "镇农办" in exc.value.diagnostics[0].hint


def test_openpyxl_is_not_imported_with_the_modules() -> None:
    code = ("import sys, planner.exchange.forms_write, planner.exchange.forms_read, "
            "planner.exchange.sheets, planner.render.xlsx, planner.cli.main; "
            "print('openpyxl' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"


# -- reading -------------------------------------------------------------------------------------


def test_round_trip_gives_exactly_what_changed(yushan: Project) -> None:
    files = save(write_forms(yushan, DAY), yushan.folder / "forms")
    fill(files["镇农办.xlsx"], {
        ("six-village-build", "percent"): 70,
        ("six-village-build", "note"): "加班赶工,12月中旬完成主体",
        ("env-living", "finished"): date(2023, 11, 20),
        ("env-living", "percent"): 100,
        ("env-mechanism", "remaining"): "清除",  # cleared: an entry of None
    })
    collected = read_forms(yushan, list(files.values()))
    assert isinstance(collected, Collected)
    assert collected.day == DAY
    assert collected.files == tuple(files.values())
    assert changed(collected) == {
        "six-village-build": {"percent": 70, "note": "加班赶工,12月中旬完成主体"},
        # a new entry replaces the report: each note left as it was goes along
        "env-living": {"finished": date(2023, 11, 20), "percent": 100,
                       "note": "公厕改造和污水零直排整治持续推进"},
        "env-mechanism": {"remaining": None, "note": "长效机制经各村讨论修改，待镇党委会审议"},
    }
    assert collected.changes == (
        ("six-village-build", "percent", 62, 70),
        ("six-village-build", "note", "主体结构施工中，需加班赶工才能12月底前完成",
         "加班赶工,12月中旬完成主体"),
        ("env-living", "finished", None, date(2023, 11, 20)),
        ("env-living", "percent", 71, 100),
        ("env-mechanism", "remaining", 12, None),
    )


def test_collecting_a_form_twice_keeps_what_the_unit_changed(yushan: Project) -> None:
    """sewage-yuanli was filled in with percent 60 and 20 days remaining; the unit types 80
    and leaves the 20. The 80 makes the 20 stale when it is recorded; collecting the same
    form again must not bring the 20 back in place of the 80."""
    files = save(write_forms(yushan, DAY, owners=["镇治水办"]), yushan.folder / "forms")
    form = fill(files["镇治水办.xlsx"], {("sewage-yuanli", "percent"): 80})
    first = read_forms(yushan, [form])
    # the new entry replaces the report: the note, left as it was, goes with it
    assert changed(first) == {"sewage-yuanli": {"percent": 80,
                                                "note": "元里终端管网铺设完成，设备基础施工中"}}
    yushan.record(first.day, first.entries)
    again = read_forms(Project.open(yushan.folder), [form])
    assert (again.entries, again.changes) == ({}, ())
    report = Project.open(yushan.folder).snapshot(DAY)
    assert report is not None
    yuanli = report.of("sewage-yuanli")
    assert yuanli is not None and (yuanli.percent, yuanli.remaining) == (80, None)


def test_untouched_forms_change_nothing(yushan: Project) -> None:
    files = save(write_forms(yushan, DAY), yushan.folder / "forms")
    collected = read_forms(yushan, list(files.values()), DAY)
    assert (collected.day, collected.entries, collected.changes) == (DAY, {}, ())


def test_entries_record_through_the_project(yushan: Project) -> None:
    """What read_forms gives is what Project.record takes (when the other engineer's
    record() is there)."""
    if not hasattr(yushan, "record"):
        pytest.skip("Project.record is not there yet")
    files = save(write_forms(yushan, DAY, owners=["镇农办"]), yushan.folder / "forms")
    fill(files["镇农办.xlsx"], {("six-village-build", "percent"): 70,
                                ("env-living", "finished"): date(2023, 11, 20),
                                ("env-living", "percent"): 100})
    collected = read_forms(yushan, list(files.values()))
    recorded = yushan.record(collected.day, collected.entries, dry_run=True)
    after = recorded.after.of("env-living")
    assert after is not None and after.finished == date(2023, 11, 20)


def test_a_form_of_another_plan_or_month_is_refused(tmp_path: Path) -> None:
    project = small(tmp_path)
    other = small(tmp_path, header=ZH.replace("id: t", "id: other"), name="other")
    (other.folder / "status" / "2023-07-07.yaml").write_text(
        SNAPSHOT.replace("plan: t", "plan: other"), encoding="utf-8")
    other = Project.open(other.folder)
    foreign = save(write_forms(other, SMALL_DAY), tmp_path / "other-forms")["镇农办.xlsx"]
    found = problems(project, [foreign])
    assert [(d.code, d.location.file, d.in_lang("zh").message) for d in found] == [
        ("plan", str(foreign), "这张表属于计划 'other'，不是 't'")]
    # last month's form, collected for this month
    old = save(write_forms(project, date(2023, 7, 7)), tmp_path / "old")["镇农办.xlsx"]
    found = problems(project, [old], SMALL_DAY)
    assert [(d.code, d.in_lang("zh").message) for d in found] == [
        ("form-date", "这张表的数据日期是 2023-07-07，不是 2023-07-14")]
    # two forms of different months collected together, no date given
    new = save(write_forms(project, SMALL_DAY), tmp_path / "new")["镇宣传办.xlsx"]
    assert [d.code for d in problems(project, [old, new])] == ["form-date"]
    # still refused after the plan changed (a changed plan alone is not: test_collect.py)
    plan = project.folder / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "name: 场地平整\n    owner: 镇农办\n    duration: 10",
        "name: 场地平整\n    owner: 镇农办\n    duration: 12"), encoding="utf-8")
    found = problems(Project.open(project.folder), [new, old], date(2023, 7, 7))
    assert [(d.code, d.location.file) for d in found] == [("form-date", str(new))]


def test_every_bad_cell_at_once_and_nothing_else(tmp_path: Path) -> None:
    project = small(tmp_path)
    files = save(write_forms(project, SMALL_DAY), tmp_path / "forms")
    form = files["镇农办.xlsx"]

    def extra_row(ws: Worksheet) -> None:  # a row added under the table, for a task not there
        ws[f"A{FIRST_ROW + 10}"] = "t99"
        ws[f"{letter('percent')}{FIRST_ROW + 10}"] = 10

    fill(form, {
        ("t1", "percent"): "abc",                     # text in a number cell
        ("t2", "started"): "2023-13-01",              # not a date
        ("t3", "started"): date(2023, 7, 10),         # start after the finish
        ("t3", "finished"): date(2023, 7, 5),
        ("t4", "started"): "2023-07-03",              # finish after the data date
        ("t4", "finished"): "2023-07-20",
        ("t5", "started"): date(2023, 7, 3),          # 100 % without a finish
        ("t5", "percent"): 100,
        ("t6", "started"): date(2023, 7, 3),          # percent outside 0–100
        ("t6", "percent"): 150,
        ("t9", "done"): 60,                           # done outside 0–total
        ("t7", "id"): "t77",                          # an id changed in the locked column
    }, edit=extra_row)
    # the same task in a second form: a copy with every row but t8's deleted
    copy = tmp_path / "copy" / "镇农办-副本.xlsx"
    shutil.copy(form, tmp_path / "copy.xlsx")

    def keep_t8(ws: Worksheet) -> None:
        for r in range(ws.max_row, FIRST_ROW - 1, -1):
            if ws[f"A{r}"].value != "t8":
                ws.delete_rows(r)

    fill(tmp_path / "copy.xlsx", {}, out=copy, edit=keep_t8)
    found = problems(project, [form, files["镇宣传办.xlsx"], copy])
    sheet_ = f"{form} 进度填报!"
    assert sorted((str(d.location), d.code, d.in_lang("zh").message) for d in found) == sorted([
        (sheet_ + "L5", "form", "完成百分比 'abc' 不是数字"),
        (sheet_ + "J6", "form", "实际开始 '2023-13-01' 不是日期"),
        (sheet_ + "J7", "form", "实际开始 2023-07-10 晚于实际完成 2023-07-05"),
        (sheet_ + "K8", "form", "实际完成 2023-07-20 晚于数据日期 2023-07-14"),
        (sheet_ + "L9", "form", "完成百分比为 100，但没有实际完成日期"),
        (sheet_ + "L10", "form", "完成百分比 150 超出 0–100"),
        (sheet_ + "A11", "form", "编号被改成了 't77'（本行是任务 't7'）"),
        (sheet_ + "M13", "form", "完成量 60 超出 0–50户"),
        (sheet_ + "A15", "unknown-task", "计划中没有任务 't99'"),
        (f"{copy} 进度填报!A5", "duplicate-task",
         f"任务 't8' 填报了两次，另一处在 {sheet_}A12"),
    ])
    rendered = {d.render("zh").split("\n")[0] for d in found}
    assert f"{sheet_}L10：错误：完成百分比 150 超出 0–100 [form]" in rendered
    english = {d.render().split("\n")[0] for d in found}  # the same finding, in English whole
    assert f"{sheet_}K8: error: actual finish 2023-07-20 is after the data date 2023-07-14 " \
        "[form]" in english
    unknown = next(d for d in found if d.code == "unknown-task")
    assert (unknown.in_lang("zh").hint, unknown.hint) == ("是否应为 't9'？", "did you mean 't9'?")
    assert all(d.task for d in found)
    # each said through the diagnostics table, in the plan's language, and in English too
    assert all(d.key.startswith("forms.") for d in found)
    assert "percent complete 150 is outside 0–100" in {
        label(d.key, "en", **dict(d.values)) for d in found}


def test_english_messages(tmp_path: Path) -> None:
    project = small(tmp_path, header=ZH.replace("  lang: zh\n", ""))
    form = save(write_forms(project, SMALL_DAY), tmp_path / "forms")["镇农办.xlsx"]
    fill(form, {("t6", "started"): date(2023, 7, 3), ("t6", "percent"): 150,
                ("t9", "done"): -1})
    found = problems(project, [form])
    assert sorted(d.render().split("\n")[0] for d in found) == [
        f"{form} Progress!L10: error: percent complete 150 is outside 0–100 [form]",
        f"{form} Progress!M13: error: quantity done -1 is outside 0–50 户 [form]",
    ]


@pytest.mark.parametrize("written", ["2023/07/05", "2023.07.05", "2023-07-05",
                                     " 2023-7-5 ", "2023年7月5日", datetime(2023, 7, 5),
                                     date(2023, 7, 5)])
def test_dates_as_text_or_as_excel_dates(tmp_path: Path, written: object) -> None:
    project = small(tmp_path)
    form = save(write_forms(project, SMALL_DAY), tmp_path / "forms")["镇农办.xlsx"]
    fill(form, {("t2", "started"): written, ("t2", "percent"): 20})
    collected = read_forms(project, [form])
    assert changed(collected) == {"t2": {"started": date(2023, 7, 5), "percent": 20}}


def test_numbers_typed_as_text_and_percent_format(tmp_path: Path) -> None:
    project = small(tmp_path)
    form = save(write_forms(project, SMALL_DAY), tmp_path / "forms")["镇农办.xlsx"]

    def as_percent(ws: Worksheet) -> None:  # 55% typed into a cell Excel formats as percent
        cell = ws[f"{letter('percent')}{row_of(ws, 't2')}"]
        cell.value, cell.number_format = 0.55, "0%"

    fill(form, {("t1", "percent"): "40%", ("t9", "spent"): "12,500", ("t9", "done"): " 20 ",
                ("t2", "started"): date(2023, 7, 5)}, edit=as_percent)
    assert changed(read_forms(project, [form])) == {
        "t1": {"percent": 40, "note": "=1+1 不是公式"},  # the note left as it was goes along
        "t9": {"done": 20, "spent": 12500},
        "t2": {"started": date(2023, 7, 5), "percent": 55}}


def test_a_deleted_row_is_fine(tmp_path: Path) -> None:
    project = small(tmp_path)
    form = save(write_forms(project, SMALL_DAY), tmp_path / "forms")["镇农办.xlsx"]
    fill(form, {("t3", "started"): date(2023, 7, 10)},
         edit=lambda ws: ws.delete_rows(row_of(ws, "t1"), 2))
    assert ids(sheet(form))[:2] == ["t3", "t4"]
    assert changed(read_forms(project, [form])) == {"t3": {"started": date(2023, 7, 10)}}


def test_the_same_task_in_two_forms(tmp_path: Path) -> None:
    project = small(tmp_path)
    form = save(write_forms(project, SMALL_DAY), tmp_path / "forms")["镇宣传办.xlsx"]
    twin = tmp_path / "twin.xlsx"
    shutil.copy(form, twin)
    found = problems(project, [form, twin, form])  # the same file twice counts once
    assert [(d.code, str(d.location), d.task) for d in found] == [
        ("duplicate-task", f"{twin} 进度填报!A5", "t10"),
        ("duplicate-task", f"{twin} 进度填报!A6", "t11")]


def test_not_a_spreadsheet(tmp_path: Path) -> None:
    project = small(tmp_path)
    form = save(write_forms(project, SMALL_DAY), tmp_path / "forms")["镇农办.xlsx"]
    docx = tmp_path / "报告.xlsx"  # a Word document renamed
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<document/>")
    empty = tmp_path / "空.xlsx"
    empty.write_bytes(b"")
    big = tmp_path / "big.xlsx"
    with big.open("wb") as f:
        f.truncate(20 * 1024 * 1024 + 1)
    xlsm = tmp_path / "宏.xlsm"
    shutil.copy(form, xlsm)
    vba = tmp_path / "vba.xlsx"  # a macro workbook renamed .xlsx
    with zipfile.ZipFile(form) as src, zipfile.ZipFile(vba, "w") as z:
        for item in src.infolist():
            z.writestr(item, src.read(item))
        z.writestr("xl/vbaProject.bin", b"\x00" * 16)
    text = tmp_path / "notes.txt.xlsx"
    text.write_text("hello", encoding="utf-8")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    missing = tmp_path / "missing.xlsx"
    files = [docx, empty, big, xlsm, vba, text, old, missing]
    found = problems(project, files)
    assert [(d.location.file, d.code) for d in found] == [
        (str(docx), "file"), (str(empty), "file"), (str(big), "too-large"),
        (str(xlsm), "file"), (str(vba), "file"), (str(text), "file"), (str(old), "file"),
        (str(missing), "file")]
    messages = [d.in_lang("zh").message for d in found]
    assert messages[0] == "是压缩文件，但不是 Excel 工作簿（Word 文档）"
    assert messages[1] == "文件是空的"
    assert "20 MB" in messages[2]
    assert messages[3] == messages[4] == "是含宏的工作簿，出于安全不予读取"
    assert messages[5] == "不是电子表格（.xlsx 或 .csv）"
    assert ".xls" in messages[6]
    assert messages[7] == "找不到该文件"  # missing.xlsx, in the plan's language


def test_hostile_workbooks_are_refused_quickly(tmp_path: Path) -> None:
    """An entity bomb in the sheet's XML and a zip that expands past 200 MB are refused
    before they cost memory."""
    project = small(tmp_path)
    form = save(write_forms(project, SMALL_DAY), tmp_path / "forms")["镇农办.xlsx"]
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    dtd = f'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY l0 "lol">{laughs}]>'
    bomb, wide = tmp_path / "bomb.xlsx", tmp_path / "wide.xlsx"
    with zipfile.ZipFile(form) as src, zipfile.ZipFile(bomb, "w") as z, \
            zipfile.ZipFile(wide, "w", zipfile.ZIP_DEFLATED) as w:
        for item in src.infolist():
            data = src.read(item)
            w.writestr(item, data)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                text = dtd + text[text.index("<worksheet"):]
                data = text.replace("<v>30</v>", "<v>&l9;</v>", 1).encode("utf-8")
            z.writestr(item, data)
        with w.open("xl/media/padding.bin", "w") as f:
            block = b"\0" * (1 << 20)
            for _ in range(201):
                f.write(block)
    assert wide.stat().st_size < 2 << 20
    found = problems(project, [bomb, wide])
    assert [(d.location.file, d.code) for d in found] == [(str(bomb), "file"),
                                                          (str(wide), "too-large")]
    assert found[0].in_lang("zh").message.startswith("无法读取")


def test_a_workbook_that_is_not_a_form(tmp_path: Path) -> None:
    project = small(tmp_path)
    path = tmp_path / "表.xlsx"
    path.write_bytes(table_xlsx(("表", ["编号", "任务"], [["t1", "组建专班"]])))
    found = problems(project, [path])
    assert [(d.code, d.in_lang("zh").message) for d in found] == [
        ("file", "不是本工具生成的进度填报表")]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk", "utf-8"])
def test_csv_as_saved_by_excel_or_wps(tmp_path: Path, encoding: str) -> None:
    project = small(tmp_path)
    form = save(write_forms(project, SMALL_DAY), tmp_path / "forms")["镇农办.xlsx"]
    fill(form, {("t1", "percent"): 45, ("t1", "note"): "专班已组建,人员到位",
                ("t9", "done"): 25, ("t2", "started"): "2023/7/10"})
    path = as_csv(form, tmp_path / "镇农办.csv", encoding)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")
    collected = read_forms(project, [path])
    assert changed(collected) == {"t1": {"percent": 45, "note": "专班已组建,人员到位"},
                                 "t2": {"started": date(2023, 7, 10)}, "t9": {"done": 25}}
    # a bad cell in a CSV is located like a spreadsheet cell
    bad = path.read_bytes().decode(encoding).replace(",45,", ",四十五,")
    path.write_bytes(bad.encode(encoding))
    found = problems(project, [path])
    assert [str(d.location) for d in found] == [f"{path}!L5"]


def test_csv_of_a_form_made_before_a_plan_change_is_read_row_by_row(tmp_path: Path) -> None:
    """A CSV keeps no hidden sheet: the baseline dates it shows are the ones it was made
    with. Tasks moved since are collected, each with a warning at its row."""
    project = small(tmp_path)
    form = save(write_forms(project, SMALL_DAY), tmp_path / "forms")["镇农办.xlsx"]
    fill(form, {("t1", "percent"): 45})
    path = as_csv(form, tmp_path / "镇农办.csv", "utf-8-sig")
    plan = project.folder / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "name: 组建专班\n    owner: 镇农办\n    duration: 10",
        "name: 组建专班\n    owner: 镇农办\n    duration: 11"), encoding="utf-8")
    collected = read_forms(Project.open(project.folder), [path])
    assert changed(collected) == {"t1": {"percent": 45, "note": "=1+1 不是公式"}}
    assert [(d.code, str(d.location), d.in_lang("zh").message) for d in collected.warnings] == [
        ("moved", f"{path}!C5", "任务 't1' 的计划日期在制表后已调整（制表时 2023-07-03—2023-07-14，"
         "现为 2023-07-03—2023-07-17）；进度照常记入")]


# -- table_xlsx ----------------------------------------------------------------------------------


def test_table_xlsx() -> None:
    data = table_xlsx(("玉山镇 状态 2023-11-07", ["编号", "任务", "完成", "偏差", "关键"], [
        ["water-meters", "=HYPERLINK(\"http://x\")", date(2023, 11, 14), -10, True],
        ["road", "-2 天", None, 2.5, False],
        ["x", "@SUM(A1)", date(2023, 12, 1), float("nan"), None],
        ["y", "\t tab", None, 0, None],
    ]))
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.active
    assert isinstance(ws, Worksheet)
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:E5"
    assert [c.value for c in ws[1]] == ["编号", "任务", "完成", "偏差", "关键"]
    assert ws["C2"].value == datetime(2023, 11, 14) and ws["C2"].number_format == "yyyy-mm-dd"
    assert ws["D2"].value == -10 and ws["D2"].data_type == "n"
    assert ws["E2"].value is True and ws["E3"].value is False
    assert ws["B2"].value == "'=HYPERLINK(\"http://x\")" and ws["B2"].data_type == "s"
    assert [ws["B3"].value, ws["B4"].value, ws["B5"].value] == ["'-2 天", "'@SUM(A1)",
                                                                "'\t tab"]
    assert ws["D4"].value is None  # NaN: an empty cell
    assert ws.column_dimensions["B"].width >= len("=HYPERLINK(\"http://x\")")
    assert ws.column_dimensions["A"].width >= len("water-meters")
    assert ws.title == "玉山镇 状态 2023-11-07"


# -- a real spreadsheet program: LibreOffice -----------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CSV_UTF8 = "csv:Text - txt - csv (StarCalc):44,34,76,1"


def soffice(tmp_path: Path, target: str, source: Path, outdir: Path) -> Path:
    """Convert ``source`` with LibreOffice headless, in a fresh profile."""
    if SOFFICE is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) must be installed in CI")
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc-nogui)")
    outdir.mkdir(parents=True, exist_ok=True)
    profile = tmp_path / "lo-profile"
    done = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
         target, "--outdir", str(outdir), str(source)],
        capture_output=True, text=True, timeout=240, check=False)
    out = outdir / (source.stem + "." + target.split(":")[0])
    assert done.returncode == 0 and out.exists(), done.stdout + done.stderr
    return out


@pytest.mark.client
def test_the_validation_rules_let_the_clear_word_and_good_values_through(
        tmp_path: Path) -> None:
    """Each rule of a form, computed by a spreadsheet engine (LibreOffice) on sample
    entries: the clear word passes every rule, in either language and with stray spaces;
    out-of-range numbers, fractions of a day and other text do not."""
    project = small(tmp_path)
    path = save(write_forms(project, SMALL_DAY), tmp_path / "forms")["镇农办.xlsx"]
    ws = openpyxl.load_workbook(path).worksheets[0]
    rules = {str(dv.sqref).split()[0].split(":")[0]: str(dv.formula1)
             for dv in ws.data_validations.dataValidation if dv.formula1}
    inside = (SMALL_DAY - date(1899, 12, 30)).days - 1
    samples: list[object] = ["清除", " 清除 ", "clear", "CLEAR", 0, 50, 2.5, 100, 101, -1,
                             inside, inside + 2, "完成", ""]
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for r, value in enumerate(samples, 1):
        sheet.cell(row=r, column=1, value=value)
        for c, (anchor, formula) in enumerate(sorted(rules.items()), 2):
            sheet.cell(row=r, column=c, value="=" + formula.replace(anchor, f"A{r}"))
    book.save(tmp_path / "rules.xlsx")
    out = soffice(tmp_path, CSV_UTF8, tmp_path / "rules.xlsx", tmp_path / "rules")
    got = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    names = [anchor for anchor, _ in sorted(rules.items())]
    passed = {name: [s for s, row in zip(samples, got, strict=True)
                     if row[names.index(name) + 1] == "TRUE"] for name in names}
    words = ["清除", " 清除 ", "clear", "CLEAR"]
    assert passed["L5"] == [*words, 0, 50, 2.5, 100]  # percent complete
    assert passed["M13"] == [*words, 0, 50, 2.5]  # quantity done, of 50
    assert passed["N5"] == [*words, 0, 50, 100, 101, inside, inside + 2]  # whole days left
    assert passed["O5"] == [*words, 0, 50, 2.5, 100, 101, inside, inside + 2]  # spent
    assert passed["J5"] == [*words, inside]  # a date, not after the data date


@pytest.mark.client
def test_libreoffice_reads_the_form(yushan: Project, tmp_path: Path) -> None:
    form = save(write_forms(yushan, DAY, owners=["镇农办"]), tmp_path / "forms")["镇农办.xlsx"]
    out = soffice(tmp_path, CSV_UTF8, form, tmp_path / "csv")
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert rows[0][0] == "玉山镇2023年下半年重点工作 进度填报表（数据日期 2023-11-30）"
    assert rows[2][:4] == ["planner-form", "3", "yushan-2023h2", "2023-11-30"]
    assert rows[3][:4] == ["编号", "任务", "计划开始", "计划完成"]
    assert [r[0] for r in rows[4:]] == ["six-village-build", "six-village-done",
                                        "torreya-system", "env-living", "env-mechanism"]
    build = rows[4]
    assert build[2:5] == ["2023-07-17", "2023-12-07", "2023-12-31"]
    assert build[9] == "2023-07-25" and build[11] == "62" and build[16] == "six-village-build"
    # LibreOffice's own CSV reads back as a form, unchanged
    collected = read_forms(yushan, [out])
    assert (collected.day, collected.entries) == (DAY, {})


@pytest.mark.client
def test_a_form_saved_by_libreoffice_reads_back(yushan: Project, tmp_path: Path) -> None:
    form = save(write_forms(yushan, DAY, owners=["镇农办"]), tmp_path / "forms")["镇农办.xlsx"]
    filled = fill(form, {("six-village-build", "percent"): 70,
                         ("six-village-build", "note"): "加班赶工",
                         ("env-living", "finished"): "2023.11.20",
                         ("env-living", "percent"): 100},
                  out=tmp_path / "filled" / "镇农办.xlsx")
    resaved = soffice(tmp_path, "xlsx", filled, tmp_path / "resaved")
    collected = read_forms(yushan, [resaved])
    assert changed(collected) == {
        "six-village-build": {"percent": 70, "note": "加班赶工"},
        "env-living": {"finished": date(2023, 11, 20), "percent": 100,
                       "note": "公厕改造和污水零直排整治持续推进"}}
    # what LibreOffice keeps: protection without a password, the locks, the validations,
    # the hidden row and column, print setup; the metadata sheet stays hidden (LibreOffice
    # writes it "hidden", not "veryHidden"); it drops the frozen pane
    wb = openpyxl.load_workbook(resaved)
    ws = wb.worksheets[0]
    assert isinstance(ws, Worksheet)
    assert ws.protection.sheet and not ws.protection.password
    assert not ws["J5"].protection.locked and ws["A5"].protection.locked
    rules = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    # env-living (row 8) is ongoing work: asked for no percent and no days left
    origin = (yushan.plan.calendar_origin - date(1899, 12, 30)).days
    assert rules["L5:L6 L9"] is not None and "L5<=100" in rules["L5:L6 L9"]
    assert rules["J5:K6 J8:K9"] is not None and f"J5>={origin}" in rules["J5:K6 J8:K9"]
    assert rules["N5:N6 N9"] is not None and "N5=INT(N5)" in rules["N5:N6 N9"]
    assert all("清除" in (f or "") for k, f in rules.items() if not k.startswith("P"))
    assert all(dv.prompt for dv in ws.data_validations.dataValidation)
    assert ws.row_dimensions[3].hidden and ws.column_dimensions["Q"].hidden
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$4"
    assert wb[META_SHEET].sheet_state in ("hidden", "veryHidden")


@pytest.mark.client
def test_libreoffice_converts_a_table(tmp_path: Path) -> None:
    source = tmp_path / "table.xlsx"
    source.write_bytes(table_xlsx(("状态", ["编号", "完成", "偏差", "关键", "说明"], [
        ["a", date(2023, 11, 14), -10, True, "=1+1"],
        ["b", None, 2.5, False, "六村抱团"]])))
    out = soffice(tmp_path, CSV_UTF8, source, tmp_path / "csv")
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert rows == [["编号", "完成", "偏差", "关键", "说明"],
                    ["a", "2023-11-14", "-10", "TRUE", "'=1+1"],
                    ["b", "", "2.5", "FALSE", "六村抱团"]]


# -- the monthly cycle through the command line -------------------------------------------------


def test_forms_out_collect_in_status_shows_it(tmp_path: Path) -> None:
    import json

    from tests.conftest import invoke

    folder = tmp_path / "plan"
    shutil.copytree(BUNDLED, folder)
    out = tmp_path / "forms"
    made = invoke(["forms", str(folder), "--at", "2023-11-30", "-o", str(out)])
    assert made.exit_code == 0, made.output
    assert (out / "镇治水办.xlsx").is_file() and "份报表，数据日期 2023-11-30" in made.stderr
    fill(out / "镇治水办.xlsx", {("sewage-yuekeng", "percent"): 30,
                                  ("sewage-yuekeng", "note"): "补助资金已拨付，恢复施工"})
    dry = invoke(["collect", str(folder), str(out / "镇治水办.xlsx"), "--dry-run"])
    assert dry.exit_code == 0 and "sewage-yuekeng：完成百分比 15 → 30" in dry.stdout
    assert not (folder / "status" / "2023-11-30.yaml").exists()
    every = sorted(out.glob("*.xlsx"))  # untouched forms add nothing
    result = invoke(["collect", str(folder), *map(str, every)])
    assert result.exit_code == 0, result.output
    written = (folder / "status" / "2023-11-30.yaml").read_text(encoding="utf-8")
    # marked as collected from forms: later forms of this date merge into it
    assert written.startswith("# planner collect：由进度填报表汇总（数据日期 2023-11-30）\n"
                              "plan: yushan-2023h2\ndate: 2023-11-30\nprogress:\n")
    # what changed, and the other open tasks of the form that came back, as they were;
    # nothing of the 13 untouched forms (originals that may never have gone out)
    assert [line.split(":")[0].strip() for line in written.splitlines()[4:]] == [
        "sewage-yuekeng", "sewage-yuanli", "sewage-taidi"]
    assert "percent: 30" in written and "sewage-yuanli: {started: 2023-09-11, percent: 60, " \
        "remaining: 20, note: 元里终端管网铺设完成，设备基础施工中}" in written
    assert "sewage-yuanli：无变化（报表已交回）" in result.stdout  # the plan is Chinese
    assert "（1 项有变化，2 项无变化，来自 14 份报表）" in result.stderr
    doc = json.loads(invoke(["status", str(folder), "-f", "json"]).stdout)
    row = next(t for t in doc["tasks"] if t["id"] == "sewage-yuekeng")
    assert row["actual_percent"] == 30 and row["note"] == "补助资金已拨付，恢复施工"
    assert row["carried"] is False
    yuanli = next(t for t in doc["tasks"] if t["id"] == "sewage-yuanli")
    assert yuanli["reported"] == "2023-11-30" and yuanli["actual_percent"] == 60
    assert "stalled" in {f["name"] for f in yuanli["flags"]}  # reported: nothing moved
    other = next(t for t in doc["tasks"] if t["id"] == "six-village-build")
    assert other["carried"] is True and other["actual_percent"] == 62  # nothing lost
    # already recorded
    same = invoke(["collect", str(folder), str(out / "镇治水办.xlsx")])
    assert same.exit_code == 0 and "1 份报表中没有 2023-11-30 的变化" in same.stderr
    fill(out / "镇治水办.xlsx", {("sewage-yuekeng", "percent"): 35})
    again = invoke(["collect", str(folder), str(out / "镇治水办.xlsx")])  # collect made it
    assert again.exit_code == 0 and "已更新（1 项有变化" in again.stderr, again.output
    assert "percent: 35" in (folder / "status" / "2023-11-30.yaml").read_text()


def test_collect_reports_bad_cells_and_writes_nothing(tmp_path: Path) -> None:
    from tests.conftest import invoke

    folder = tmp_path / "plan"
    shutil.copytree(BUNDLED, folder)
    out = tmp_path / "forms"
    assert invoke(["forms", str(folder), "--at", "2023-11-30", "-o", str(out)]).exit_code == 0
    fill(out / "镇治水办.xlsx", {("sewage-yuekeng", "percent"): 150})
    result = invoke(["collect", str(folder), str(out / "镇治水办.xlsx")])
    assert result.exit_code == 1 and "镇治水办.xlsx 进度填报!" in result.stderr
    assert "完成百分比 150 超出 0–100" in result.stderr
    assert not (folder / "status" / "2023-11-30.yaml").exists()


def test_an_unknown_owner_is_said_in_either_language_with_the_close_one(tmp_path: Path) -> None:
    project = small(tmp_path)
    with pytest.raises(PlanError) as caught:
        write_forms(project, SMALL_DAY, owners=["镇农"])
    (d,) = caught.value.diagnostics
    assert d.code == "unknown-owner" and d.message == "the plan has no owner '镇农'"
    assert d.hint == "did you mean '镇农办'?"
    assert d.in_lang("zh").message == "计划中没有责任单位“镇农”"
    assert d.in_lang("zh").hint == "是否应为“镇农办”？"
    with pytest.raises(PlanError) as far:
        write_forms(project, SMALL_DAY, owners=["xyz"])
    (e,) = far.value.diagnostics
    assert e.hint.startswith("owners: ") and "、" not in e.hint
    assert e.in_lang("zh").hint.startswith("计划中的责任单位有：") and ", " not in \
        e.in_lang("zh").hint
