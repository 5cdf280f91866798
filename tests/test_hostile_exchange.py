"""Hostile input to the exchange formats: forged progress forms, odd encodings, deep outlines,
sheets too large to read, text that would read backwards. Each input gives one located
outcome, never a traceback; the kept inputs are in tests/fixtures/hostile/ with the outcome
each must give (its README.md)."""

from __future__ import annotations

import io
import re
import shutil
import time
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from icalendar import Calendar
from openpyxl.worksheet.worksheet import Worksheet

from planner import Project
from planner.domain.diagnostics import Diagnostic, PlanError, Severity
from planner.exchange import detect, ics_write, mspdi_read
from planner.exchange.forms_common import META_SHEET
from planner.exchange.forms_read import read_forms
from planner.exchange.forms_write import write_forms
from planner.exchange.sheets import MAX_CELLS, MAX_ROWS
from planner.exchange.table_read import read as read_table
from tests.conftest import write_plan
from tests.test_forms import SMALL_DAY, as_csv, changed, fill, letter, row_of, save, small

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"


def expectations() -> list[tuple[str, str]]:
    """(file, expect) from the first table of the corpus's README.md."""
    text = (HOSTILE / "README.md").read_text(encoding="utf-8").split("## Made by the tests")[0]
    rows = re.findall(r"^\| (\S+\.\w+) \| (.+) \|$", text, re.M)
    assert rows, "no expectations found"
    return rows


def problems(project: Project, files: list[Path], at: date | None = None,
             ) -> list[Diagnostic]:
    with pytest.raises(PlanError) as exc:
        read_forms(project, files, at)
    return list(exc.value.diagnostics)


def form(project: Project, tmp_path: Path, owner: str = "镇农办.xlsx") -> Path:
    return save(write_forms(project, SMALL_DAY), tmp_path / "forms")[owner]


# -- the kept corpus ---------------------------------------------------------------------------


def test_every_kept_input_is_listed_with_its_outcome() -> None:
    listed = {name for name, _ in expectations()}
    # the plan-folder corpus beside it, folder/, keeps its own list (folder.md)
    kept = {p.name for p in HOSTILE.iterdir() if p.is_file() and p.suffix != ".md"}
    assert listed == kept


def test_every_input_made_by_a_test_names_a_test_here() -> None:
    made = (HOSTILE / "README.md").read_text(encoding="utf-8").split("## Made by the tests")[1]
    named = re.findall(r"`(test_\w+)`", made)
    assert len(named) >= 10 and all(callable(globals().get(n)) for n in named), named


@pytest.mark.parametrize(("name", "expect"), expectations())
def test_kept_input_gives_its_one_outcome(name: str, expect: str) -> None:
    path = HOSTILE / name
    kind, _, text = expect.partition(": ")
    if kind == "error":
        with pytest.raises(PlanError) as exc:
            detect(path).read(path)
        assert [d.message for d in exc.value.diagnostics] == [text]
        assert str(exc.value.diagnostics[0].location) == str(path)
        return
    got = detect(path).read(path)
    if kind == "imports":
        assert got.plan.tasks[0].name == text
    else:
        assert kind == "warning"
        assert [w.message for w in got.warnings if text in w.message] == [text]


# -- MS Project XML ----------------------------------------------------------------------------


def outline(levels: int) -> bytes:
    tasks = "".join(
        f"<Task><UID>{i}</UID><ID>{i}</ID><Name>任务{i}</Name><OutlineLevel>{i}</OutlineLevel>"
        "<Start>2024-03-04T08:00:00</Start><Duration>PT8H0M0S</Duration></Task>"
        for i in range(1, levels + 1))
    return ('<?xml version="1.0" encoding="UTF-8"?><Project xmlns="http://schemas.microsoft'
            '.com/project"><StartDate>2024-03-04T08:00:00</StartDate>'
            f"<Tasks>{tasks}</Tasks></Project>").encode()


def test_deep_outline_is_refused_not_a_recursion_error() -> None:
    with pytest.raises(PlanError) as exc:
        mspdi_read.from_bytes(outline(1000), "deep.xml")
    assert [(d.code, str(d.location), d.message) for d in exc.value.diagnostics] == [
        ("too-deep", "deep.xml", "task '任务21' (UID 21) is nested 21 levels deep; a plan "
         "nests tasks at most 20 levels")]
    assert len(mspdi_read.from_bytes(outline(20), "twenty.xml").plan.tasks) == 20


def test_utf16_big_endian_without_bom_and_a_lying_gbk_file() -> None:
    text = (HOSTILE / "mspdi-gbk.xml").read_bytes().decode("gbk")
    assert mspdi_read.from_bytes(text.encode("utf-16-be"), "be.xml").plan.tasks[0].name == \
        "路基整平"
    # declared GBK, but bytes no GBK text has: one sentence, no traceback
    broken = text.encode("gbk").replace("路".encode("gbk"), b"\x81\x20")
    with pytest.raises(PlanError) as exc:
        mspdi_read.from_bytes(broken, "broken.xml")
    assert [d.code for d in exc.value.diagnostics] == ["encoding"]
    assert "is not GBK text" in exc.value.diagnostics[0].message
    # a codec that is not a text encoding is no encoding either
    with pytest.raises(PlanError) as exc:
        mspdi_read.from_bytes(text.replace('"GBK"', '"base64"').encode("utf-8"), "b.xml")
    assert [d.message for d in exc.value.diagnostics] == [
        "the XML declares the encoding 'base64', which planner does not know"]


# -- calendars ---------------------------------------------------------------------------------


def test_bidi_controls_are_escaped_in_calendar_text(tmp_path: Path) -> None:
    write_plan(tmp_path, """\
        - id: a
          name: "验收\u202egpj.exe"
          owner: "镇\u2067农办"
          duration: 5
          deadline: 2023-07-31
        - id: m
          name: "完工\u200f"
          milestone: true
          after: a
        """)
    data = ics_write.write(Project.open(tmp_path)).data
    cal = Calendar.from_ical(data)
    texts = [str(e[key]) for e in cal.walk("VEVENT") for key in ("summary", "description")]
    assert not any(re.search("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", t)
                   for t in texts)
    joined = "\n".join(texts)
    assert "验收\\u202egpj.exe" in joined and "镇\\u2067农办" in joined
    assert "完工\\u200f" in joined


# -- forged or odd progress forms --------------------------------------------------------------


def test_a_row_for_another_units_task_is_refused_by_cell(tmp_path: Path) -> None:
    project = small(tmp_path)
    path = form(project, tmp_path)

    def forge(ws: Worksheet) -> None:  # the row of t2 made t10's, hidden id and all
        r = row_of(ws, "t2")
        ws[f"{letter('id')}{r}"].value = "t10"
        ws[f"{letter('_id')}{r}"].value = "t10"
        ws[f"{letter('percent')}{r}"].value = 100
        ws[f"{letter('finished')}{r}"].value = date(2023, 7, 10)
        ws[f"{letter('started')}{r}"].value = date(2023, 7, 3)

    fill(path, {("t1", "percent"): 45}, edit=forge)
    found = problems(project, [path])
    assert [(d.code, str(d.location), d.in_lang("zh").message) for d in found] == [
        ("not-owner", f"{path} 进度填报!A6",
         "任务 't10' 属于 镇宣传办，不在 镇农办 的填报表上")]
    status = project.folder / "status"
    before = sorted(p.name for p in status.iterdir())
    from tests.conftest import invoke

    result = invoke(["collect", str(project.folder), str(path)])
    assert result.exit_code != 0 and "A6" in result.output
    assert sorted(p.name for p in status.iterdir()) == before  # nothing of it recorded


def test_a_csv_form_is_checked_against_its_owners_tasks(tmp_path: Path) -> None:
    project = small(tmp_path)
    path = fill(form(project, tmp_path), {("t1", "percent"): 45})
    csv_path = as_csv(path, tmp_path / "镇农办.csv", "utf-8-sig")
    text = csv_path.read_text(encoding="utf-8-sig")
    last = text.splitlines()[-1].split(",")
    forged = ["t10", "政策宣讲"] + [""] * (len(last) - 3) + ["t10"]
    forged[[*map(str, range(len(last)))].index("11")] = "100"
    rows = len(text.splitlines())
    csv_path.write_text(text + ",".join(forged) + "\r\n", encoding="utf-8-sig")
    found = problems(project, [csv_path])
    assert [(d.code, str(d.location)) for d in found] == [
        ("not-owner", f"{csv_path}!A{rows + 1}")]
    assert "镇宣传办" in found[0].message


def test_a_hidden_sheet_placed_first_is_not_read(tmp_path: Path) -> None:
    project = small(tmp_path)
    path = fill(form(project, tmp_path), {("t1", "percent"): 45})
    wb = openpyxl.load_workbook(path)
    shown = wb.worksheets[0]
    decoy = wb.create_sheet("进度填报 (2)", 0)
    for row in shown.iter_rows(values_only=True):
        decoy.append(list(row))
    decoy[f"{letter('percent')}{row_of(shown, 't1')}"].value = 99
    decoy.sheet_state = "hidden"
    wb.active = 1
    wb.save(path)
    got = changed(read_forms(project, [path]))
    assert list(got) == ["t1"] and got["t1"]["percent"] == 45


def test_a_data_date_typed_over_is_refused_by_cell(tmp_path: Path) -> None:
    project = small(tmp_path)
    clean = fill(form(project, tmp_path), {("t1", "percent"): 45})
    # in the very hidden sheet
    path = tmp_path / "hidden.xlsx"
    wb = openpyxl.load_workbook(clean)
    wb[META_SHEET]["B4"].value = "2200-12-31"
    wb.save(path)
    found = problems(project, [path])
    assert [(d.code, str(d.location), d.in_lang("zh").message) for d in found] == [
        ("form-date", f"{path} {META_SHEET}!B4", "数据日期 2200-12-31 不是这张表制作时的日期")]
    # in the sheet's hidden metadata row, which must say what the hidden sheet says
    path = tmp_path / "shown.xlsx"
    wb = openpyxl.load_workbook(clean)
    wb.worksheets[0]["D3"].value = "2200-12-31"
    wb.save(path)
    found = problems(project, [path])
    assert [(d.code, str(d.location)) for d in found] == [("form-date", f"{path} 进度填报!D3")]
    assert "2023-07-14" in found[0].message
    # in a CSV, where the metadata row is all there is
    csv_path = as_csv(clean, tmp_path / "镇农办.csv", "utf-8-sig")
    lines = csv_path.read_text(encoding="utf-8-sig").split("\n")
    assert lines[2].startswith("planner-form,")  # the metadata row
    lines[2] = lines[2].replace("2023-07-14", "2200-12-31")
    csv_path.write_text("\n".join(lines), encoding="utf-8-sig")
    found = problems(project, [csv_path])
    assert [(d.code, str(d.location)) for d in found] == [("form-date", f"{csv_path}!D3")]
    assert not (project.folder / "status" / "2200-12-31.yaml").exists()


def test_the_fingerprint_names_what_differs(tmp_path: Path) -> None:
    project = small(tmp_path)
    clean = form(project, tmp_path)
    path = tmp_path / "owner.xlsx"
    wb = openpyxl.load_workbook(clean)
    wb[META_SHEET]["B5"].value = "镇宣传办"
    wb.save(path)
    found = problems(project, [path])
    assert [(d.code, str(d.location), d.in_lang("zh").message) for d in found] == [
        ("form-owner", f"{path} {META_SHEET}!B5", "责任单位 '镇宣传办' 不是这张表制作时的单位")]
    path = tmp_path / "rows.xlsx"
    wb = openpyxl.load_workbook(clean)
    hidden = wb[META_SHEET]
    hidden.append(["t10", "2023-07-03", "2023-07-05"])
    wb.save(path)
    found = problems(project, [path])
    assert [(d.code, d.in_lang("zh").message) for d in found] == [
        ("fingerprint", "隐藏工作表中的任务清单被改动过")]


def test_a_form_for_a_date_before_a_later_snapshot(tmp_path: Path) -> None:
    project = small(tmp_path)
    path = fill(form(project, tmp_path), {("t1", "percent"): 45})
    later = project.folder / "status" / "2023-07-21.yaml"
    later.write_text("plan: t\ndate: 2023-07-21\nprogress:\n"
                     "  t1: {started: 2023-07-03, percent: 60}\n",
                     encoding="utf-8")
    project = Project.open(project.folder)
    found = problems(project, [path])
    assert [(d.code, str(d.location)) for d in found] == [("later-snapshot", str(later))]
    assert "2023-07-21" in found[0].message and "--at 2023-07-14" in found[0].hint
    # given the date on purpose: read, and said
    got = read_forms(project, [path], SMALL_DAY)
    assert changed(got)["t1"]["percent"] == 45
    assert [(w.code, w.severity) for w in got.warnings] == [
        ("later-snapshot", Severity.WARNING)]


def test_a_formula_without_a_saved_value_is_refused_by_cell(tmp_path: Path) -> None:
    project = small(tmp_path)
    path = fill(form(project, tmp_path), {("t1", "percent"): "=40+5", ("t2", "note"): "=A1"})
    found = problems(project, [path])
    t1, t2 = row_of_ids(path, "t1"), row_of_ids(path, "t2")
    assert [(d.code, str(d.location), d.in_lang("zh").message) for d in found] == [
        ("formula", f"{path} 进度填报!{letter('percent')}{t1}",
         "公式没有保存的值：用 Excel/WPS 打开并保存这张表"),
        ("formula", f"{path} 进度填报!{letter('note')}{t2}",
         "公式没有保存的值：用 Excel/WPS 打开并保存这张表")]


def row_of_ids(path: Path, task: str) -> int:
    ws = openpyxl.load_workbook(path).worksheets[0]
    assert isinstance(ws, Worksheet)
    return row_of(ws, task)


# -- sheets too large to read ------------------------------------------------------------------


def workbook(title: str, rows: int, width: int = 1) -> bytes:
    """A minimal .xlsx of one sheet: ``rows`` rows, each with a cell in column ``width``."""
    from openpyxl.utils import get_column_letter

    col = get_column_letter(width)
    body = "".join(f'<row r="{r}"><c r="{col}{r}"><v>{r}</v></c></row>'
                   for r in range(1, rows + 1))
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml":
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxml'
            'formats-package.relationships+xml"/><Default Extension="xml" ContentType="appli'
            'cation/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd'
            '.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName'
            '="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-office'
            'document.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels":
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxml'
            'formats.org/officeDocument/2006/relationships/officeDocument" Target="xl/'
            'workbook.xml"/></Relationships>',
        "xl/workbook.xml":
            f'<?xml version="1.0"?><workbook xmlns="{ns}" xmlns:r="{rel}"><sheets><sheet '
            f'name="{title}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels":
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxml'
            'formats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/'
            'sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml":
            f'<?xml version="1.0"?><worksheet xmlns="{ns}"><sheetData>{body}</sheetData>'
            "</worksheet>",
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return buf.getvalue()


def test_a_sheet_over_the_row_or_cell_limit_fails_early(tmp_path: Path) -> None:
    project = small(tmp_path)
    path = tmp_path / "镇农办.xlsx"
    path.write_bytes(workbook("进度填报", MAX_ROWS + 10))
    found = problems(project, [path])
    assert [(d.code, str(d.location), d.in_lang("zh").message) for d in found] == [
        ("too-large", f"{path} 进度填报", f"工作表 进度填报 超过 {MAX_ROWS:,} 行，不予读取")]
    with pytest.raises(PlanError) as exc:
        read_table(path)
    assert [d.code for d in exc.value.diagnostics] == ["too-large"]
    wide = tmp_path / "wide.xlsx"
    wide.write_bytes(workbook("Sheet1", MAX_CELLS // 16_384 + 2, 16_384))
    found = problems(project, [wide])
    assert [(d.code, d.in_lang("zh").message) for d in found] == [
        ("too-large", f"工作表 Sheet1 超过 {MAX_CELLS:,} 个单元格，不予读取")]
    csv_path = as_csv(form(project, tmp_path), tmp_path / "镇农办.csv", "utf-8")
    csv_path.write_text(csv_path.read_text(encoding="utf-8") + "t1,组建专班\r\n" * MAX_ROWS,
                        encoding="utf-8")
    found = problems(project, [csv_path])
    assert [(d.code, str(d.location)) for d in found] == [("too-large", str(csv_path))]


@pytest.mark.perf
def test_a_million_row_form_fails_in_seconds(tmp_path: Path) -> None:
    project = small(tmp_path)
    path = tmp_path / "镇农办.xlsx"
    path.write_bytes(workbook("进度填报", 1_000_000))
    assert path.stat().st_size < 20 * 2**20
    began = time.perf_counter()
    found = problems(project, [path])
    assert time.perf_counter() - began < 10
    assert [d.code for d in found] == ["too-large"] and f"{MAX_ROWS:,}" in found[0].message


def test_a_kept_corpus_file_copied_under_another_name_reads_the_same(tmp_path: Path) -> None:
    # the encodings are told by the content, not by the name
    target = tmp_path / "计划.xml"
    shutil.copy(HOSTILE / "mspdi-utf16le-no-bom.xml", target)
    assert detect(target).read(target).plan.tasks[0].name == "路基整平"


def test_a_plan_table_formula_without_a_saved_value_is_refused_by_cell(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)
    ws.append(["编号", "任务", "工期"])
    ws.append(["a", "路基整平", 5])
    ws.append(["b", "路面浇筑", "=C2*2"])  # openpyxl saves no value for it
    path = tmp_path / "计划.xlsx"
    wb.save(path)
    with pytest.raises(PlanError) as exc:
        read_table(path)
    found = [(d.code, str(d.location), d.in_lang("zh").message) for d in exc.value.diagnostics]
    assert ("formula", f"{path} Sheet!C3",
            "公式没有保存的值：用 Excel/WPS 打开并保存这张表") in found


def test_a_form_issued_before_fingerprints_bound_more_still_reads(tmp_path: Path) -> None:
    from planner.exchange.forms_common import fingerprint

    project = small(tmp_path)
    clean = fill(form(project, tmp_path), {("t1", "percent"): 45})
    wb = openpyxl.load_workbook(clean)
    hidden = wb[META_SHEET]
    rows = [(str(r[0]), str(r[1] or ""), str(r[2] or ""))
            for r in hidden.iter_rows(min_row=10, values_only=True)]
    hidden["B2"].value, hidden["B6"].value = "2", fingerprint(rows)  # as version 2 wrote it
    old = tmp_path / "old.xlsx"
    wb.save(old)
    assert changed(read_forms(project, [old]))["t1"]["percent"] == 45
    # a version 3 form whose fingerprint is damaged is refused, at the cell
    hidden["B2"].value, hidden["B6"].value = "3", "3:0:0"
    damaged = tmp_path / "damaged.xlsx"
    wb.save(damaged)
    found = problems(project, [damaged])
    assert [(d.code, str(d.location)) for d in found] == [
        ("fingerprint", f"{damaged} {META_SHEET}!B6")]


def test_a_formula_with_a_saved_value_reads_as_its_value(tmp_path: Path) -> None:
    project = small(tmp_path)
    path = fill(form(project, tmp_path), {("t1", "percent"): "=40+5"})
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    # an empty value, as openpyxl writes it with lxml (<v></v>) or without (<v />)
    empty = re.search(rb"<f>40\+5</f><v(?: ?/>|></v>)", sheet)
    assert empty is not None
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(empty[0], b"<f>40+5</f><v>45</v>")
    saved = tmp_path / "saved.xlsx"  # as Excel or WPS would save it: the value with it
    with zipfile.ZipFile(saved, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    assert changed(read_forms(project, [saved]))["t1"]["percent"] == 45
