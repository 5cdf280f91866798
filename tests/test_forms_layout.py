"""The progress form's layout: what ongoing work is asked for, the columns a unit needs,
and printing on A4 landscape at a legible size (checked in the workbook, and in the PDF
LibreOffice prints from it)."""

from __future__ import annotations

import math
import os
import re
import shutil
import subprocess
import zlib
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from planner import Project
from planner.exchange.forms_common import COLUMNS, FIRST_ROW, HEAD_ROW
from planner.exchange.forms_read import read_forms
from planner.exchange.forms_write import UNIT_PT, write_forms
from planner.i18n.labels import label
from planner.render.terminal import width
from tests.conftest import BUNDLED, write_plan
from tests.test_forms import DAY, letter, row_of, save, sheet, soffice

HEADER = ("plan:\n  id: o\n  name: 常态化工作计划\n  start: 2023-07-03\n  finish: 2023-12-29\n"
          "  lang: zh\n  currency: 元\n")
TASKS = """\
- id: build
  name: 主体施工
  owner: 镇建设办
  duration: 60
  budget: 500000
  deadline: 2023-12-29
- id: patrol
  name: 农村自建房动态巡查
  owner: 镇建设办
  ongoing: true
- id: meters
  name: 一户一表改造入户宣传
  owner: 镇建设办
  ongoing: true
  quantity: {total: 40, unit: 场}
- id: campaign
  name: 多种形式开展安全生产和消防安全宣传
  owner: 镇宣传办
  ongoing: true
"""
STATUS = """\
plan: o
date: 2023-09-29
progress:
  build: {started: 2023-07-03, percent: 40}
  patrol: {started: 2023-07-03, percent: 45, note: 巡查自建房120户}
  meters: {started: 2023-07-03, done: 15, note: 已宣传15场}
  campaign: {started: 2023-07-03, percent: 50, note: 发放宣传册}
"""
AT = date(2023, 10, 31)
A4_LANDSCAPE = (841.89, 595.28)  # points
PRINTABLE_WIDTH = A4_LANDSCAPE[0]  # less the margins the sheet sets


def project(tmp_path: Path) -> Project:
    folder = tmp_path / "o"
    write_plan(folder, TASKS, HEADER)
    (folder / "status").mkdir()
    (folder / "status" / "2023-09-29.yaml").write_text(STATUS, encoding="utf-8")
    return Project.open(folder)


def shown_columns(ws: Worksheet) -> list[str]:
    """The keys of the columns a unit sees (in the print area, not hidden)."""
    keys = {label(f"form.{k}", "zh"): k for k, _ in COLUMNS}
    return [keys[str(c.value)] for c in ws[HEAD_ROW]
            if c.value is not None and not ws.column_dimensions[c.column_letter].hidden
            and keys.get(str(c.value)) is not None]


# -- ongoing work ---------------------------------------------------------------------------------


def test_ongoing_rows_ask_for_a_note_and_a_quantity_not_a_percent(tmp_path: Path) -> None:
    forms = save(write_forms(project(tmp_path), AT), tmp_path / "forms")
    ws = sheet(forms["镇建设办.xlsx"])
    build, patrol, meters = (row_of(ws, t) for t in ("build", "patrol", "meters"))

    def editable(key: str, row: int) -> bool:
        return not ws[f"{letter(key)}{row}"].protection.locked

    assert editable("percent", build) and editable("remaining", build)
    # the ongoing rows: no percent, no days left — grey and locked, showing what was
    # reported — but a note, and where the task has a quantity, the quantity done
    for row in (patrol, meters):
        for key in ("percent", "remaining"):
            cell = ws[f"{letter(key)}{row}"]
            assert cell.protection.locked, (row, key)
            assert cell.fill.fgColor.rgb == "00F2F2F2"
        assert editable("note", row) and editable("started", row) and editable("finished", row)
    assert ws[f"{letter('percent')}{patrol}"].value == 45
    assert editable("done", meters) and ws[f"{letter('done')}{meters}"].value == 15
    assert ws[f"{letter('note')}{patrol}"].value == "巡查自建房120户"
    # no validation asks them for a percent or days left
    validated = {cell for dv in ws.data_validations.dataValidation
                 for cell in str(dv.sqref).split()}
    for row in (patrol, meters):
        assert f"{letter('percent')}{row}" not in validated
        assert f"{letter('remaining')}{row}" not in validated
    assert f"{letter('percent')}{build}" in validated
    assert f"{letter('remaining')}{build}" in validated
    # the instructions say why
    help_text = "\n".join(str(c.value) for c in openpyxl.load_workbook(
        forms["镇建设办.xlsx"])["填表说明"]["A"])
    assert "持续推进的任务不填完成百分比和剩余工作日" in help_text
    assert "进展说明和完成量均与上次报告相同的，视为本期没有进展（停滞）" in help_text
    # a form of ongoing work only has no percent or days-left column to show
    only = sheet(forms["镇宣传办.xlsx"])
    assert "percent" not in shown_columns(only) and "remaining" not in shown_columns(only)
    assert "note" in shown_columns(only)
    no_ongoing = save(write_forms(Project.open(BUNDLED), DAY, owners=["方镜线工作专班"]),
                      tmp_path / "fj")
    text = "\n".join(str(c.value) for c in openpyxl.load_workbook(
        no_ongoing["方镜线工作专班.xlsx"])["填表说明"]["A"])
    assert "持续推进" not in text  # said only where it applies


def test_an_ongoing_row_returned_with_a_new_note_is_alive(tmp_path: Path) -> None:
    p = project(tmp_path)
    forms = save(write_forms(p, AT, owners=["镇建设办"]), tmp_path / "forms")
    path = forms["镇建设办.xlsx"]
    ws_book = openpyxl.load_workbook(path)
    ws = ws_book.worksheets[0]
    assert isinstance(ws, Worksheet)
    ws[f"{letter('percent')}{row_of(ws, 'build')}"].value = 55
    ws[f"{letter('note')}{row_of(ws, 'patrol')}"].value = "10月巡查自建房86户，整改2户"
    ws_book.save(path)  # meters is returned as it was
    collected = read_forms(p, [path])
    assert collected.entries["patrol"] == {"note": "10月巡查自建房86户，整改2户"}
    p.record(collected.day, collected.entries)
    t = Project.open(p.folder).track(AT)
    flags = {s.id: {f.name for f in s.flags} for s in t.leaves()}
    assert "stalled" not in flags["patrol"]  # a new note: the work goes on
    patrol = t.snapshot.of("patrol")
    assert patrol is not None and patrol.percent == 45  # kept, never asked for
    assert "stalled" in flags["meters"]  # returned with nothing new: no progress this month
    assert "stalled" not in flags["build"]


# -- the columns a unit needs ---------------------------------------------------------------------


def test_columns_no_row_needs_are_hidden(tmp_path: Path) -> None:
    p = Project.open(BUNDLED)
    forms = save(write_forms(p, DAY), tmp_path / "forms")
    always = {"id", "name", "baseline_start", "baseline_finish", "last", "last_date",
              "started", "finished", "note"}
    for name, path in forms.items():
        ws = sheet(path)
        tasks = [p.plan.task(t) for t in (str(ws[f"A{r}"].value) for r in
                                          range(FIRST_ROW, ws.max_row + 1)) if t != "None"]
        shown = set(shown_columns(ws))
        assert always <= shown, name
        quantity = any(t.quantity for t in tasks)
        assert ({"unit", "total", "done"} <= shown) is quantity, name
        assert not quantity or {"unit", "total", "done"} <= shown
        assert ("deadline" in shown) is any(t.deadline for t in tasks), name
        assert ("percent" in shown) is any(not t.quantity and not t.ongoing for t in tasks)
        assert ws.column_dimensions[letter("_id")].hidden
    # 镇党建办 has one ongoing task and no figures to report: ids, dates and a note
    assert shown_columns(sheet(forms["镇党建办.xlsx"])) == [
        "id", "name", "baseline_start", "baseline_finish", "last", "last_date", "started",
        "finished", "note"]


def test_a_form_without_its_hidden_columns_still_reads(tmp_path: Path) -> None:
    """A form laid out without the columns it hides reads the same: the reader finds the
    columns by their headers."""
    p = project(tmp_path)
    path = save(write_forms(p, AT, owners=["镇宣传办"]), tmp_path / "forms")["镇宣传办.xlsx"]
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    assert isinstance(ws, Worksheet)
    hidden = [c.column for c in ws[HEAD_ROW] if ws.column_dimensions[c.column_letter].hidden
              and c.value != "_id"]
    assert len(hidden) >= 6  # unit, total, percent, done, remaining, spent, deadline
    for merged in list(ws.merged_cells.ranges):
        ws.unmerge_cells(str(merged))
    meta = [c.value for c in ws[3]][:6]  # the metadata row: kept in its first six cells
    for column in sorted(hidden, reverse=True):
        ws.delete_cols(column)
    for i, value in enumerate(meta, 1):
        ws.cell(row=3, column=i).value = value
    r = row_of(ws, "campaign")
    note = next(c.column_letter for c in ws[HEAD_ROW] if c.value == "进展说明")
    ws[f"{note}{r}"].value = "10月开展消防宣传进企业8场"
    book.save(path)
    collected = read_forms(p, [path])
    assert collected.entries == {"campaign": {"note": "10月开展消防宣传进企业8场"}}


# -- printing -------------------------------------------------------------------------------------


def print_scale(ws: Worksheet) -> float:
    """The scale a spreadsheet prints the sheet at: fitted to one page wide, the printable
    width of the page over the width of the columns it prints; else the sheet's own."""
    setup, margins = ws.page_setup, ws.page_margins
    assert setup.paperSize == 9 and setup.orientation == "landscape"  # A4 landscape
    printable = PRINTABLE_WIDTH - (margins.left + margins.right) * 72
    area = ws.print_area
    last = str(area[0] if isinstance(area, list) else area).split(":")[-1]
    last_column = column_index_from_string(last.replace("$", "").rstrip("0123456789"))
    total = sum((ws.column_dimensions[get_column_letter(i)].width or 8.43) * UNIT_PT
                for i in range(1, last_column + 1)
                if not ws.column_dimensions[get_column_letter(i)].hidden)
    props = ws.sheet_properties.pageSetUpPr
    if props is not None and props.fitToPage and setup.fitToWidth == 1:
        return min(1.0, printable / total)
    return (setup.scale or 100) / 100


def body_points(ws: Worksheet) -> float:
    """The smallest font size of the table's cells (header and rows)."""
    return min(float(c.font.sz or 11) for row in ws.iter_rows(min_row=HEAD_ROW)
               for c in row if c.value is not None)


@pytest.mark.parametrize("plan", ["bundled", "bundled, in English", "every column"])
def test_forms_print_at_nine_points_or_more(tmp_path: Path, plan: str) -> None:
    if plan.startswith("bundled"):  # English headers are longer words, wrapped between them
        p = Project.open(BUNDLED)
        forms = write_forms(p, DAY, lang="en" if "English" in plan else None)
    else:  # a form showing every column: quantities, deadlines, budgets, long text
        p = project(tmp_path)
        forms = write_forms(p, AT, owners=["镇建设办"])
    for name, path in save(forms, tmp_path / "forms").items():
        ws = sheet(path)
        if plan == "every column":
            assert len(shown_columns(ws)) == len(COLUMNS) - 1  # all but _id
        points = print_scale(ws) * body_points(ws)
        assert points >= 9, (name, round(points, 2))
        assert ws.print_title_rows == f"${1}:${HEAD_ROW}"  # the header on every page


def test_long_names_wrap_in_rows_high_enough(tmp_path: Path) -> None:
    long_name = "推进" + "农村生活污水治理设施标准化运维" * 4  # 62 characters
    folder = tmp_path / "long"
    write_plan(folder, f"- id: a\n  name: {long_name}\n  owner: 镇治水办\n  duration: 20\n",
               HEADER.replace("id: o", "id: long"))
    path = save(write_forms(Project.open(folder), AT), tmp_path / "forms")["镇治水办.xlsx"]
    ws = sheet(path)
    cell = ws[f"{letter('name')}{row_of(ws, 'a')}"]
    assert cell.value == long_name and cell.alignment.wrap_text
    column = ws.column_dimensions[letter("name")].width
    # characters a line holds: 11 pt Chinese characters in the column's width less padding
    per_line = math.floor((column * 5.25 - 4) / 11)
    lines = math.ceil(len(long_name) / per_line)
    assert lines >= 3
    assert ws.row_dimensions[cell.row].height >= 14.5 * lines


def test_the_instructions_print_as_paragraphs_without_overlap(tmp_path: Path) -> None:
    path = save(write_forms(project(tmp_path), AT, owners=["镇建设办"]),
                tmp_path / "forms")["镇建设办.xlsx"]
    ws = openpyxl.load_workbook(path)["填表说明"]
    assert print_scale(ws) == 1.0  # the column fits the page: printed at full size
    column = ws.column_dimensions["A"].width
    rows = [c for c in ws["A"] if c.value]
    assert len(rows) >= 11
    for cell in rows[1:]:
        assert cell.alignment.wrap_text
        text = str(cell.value)
        # the width the text takes at 11 pt (Chinese characters 11 pt, others about half)
        needed = width(text) * 5.5
        lines = math.ceil(needed / (column * 5.25 - 4))
        assert ws.row_dimensions[cell.row].height >= 14.5 * lines, text
    assert ws.print_area is not None


# -- a real spreadsheet program prints it ---------------------------------------------------------


def pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    """Each page's size in points (its MediaBox)."""
    pages = re.findall(rb"/Type\s*/Page(?!s)(.*?)>>", pdf, re.S)
    boxes = [re.search(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", p)
             for p in pages]
    if not any(boxes):  # inherited from the page tree
        tree = re.search(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", pdf)
        assert tree is not None
        boxes = [tree] * len(pages)
    out = []
    for b in boxes:
        assert b is not None
        x0, y0, x1, y1 = (float(v) for v in b.groups())
        out.append((x1 - x0, y1 - y0))
    return out


def pdf_font_sizes(pdf: bytes) -> list[float]:
    """Every font size the pages' text is set in (the Tf operators of the content streams,
    which LibreOffice writes already scaled)."""
    sizes: list[float] = []
    for m in re.finditer(rb"stream\r?\n", pdf):
        end = pdf.find(b"endstream", m.end())
        try:
            content = zlib.decompress(pdf[m.end():end])
        except zlib.error:
            continue
        sizes += [float(s) for s in re.findall(rb"/F\d+\s+([\d.]+)\s+Tf", content)]
    return sizes


def calibri_metrics() -> None:
    """The forms are set in Calibri, Excel's and WPS's default: LibreOffice prints them as
    those do only with a font of the same metrics (Carlito); with a wider one in its place
    its columns, and so its scale, are not the ones users get."""
    fc_match = shutil.which("fc-match")
    found = subprocess.run([fc_match, "Calibri"], capture_output=True, text=True,
                           check=False).stdout if fc_match else ""
    if "carlito" not in found.lower() and "calibri" not in found.lower():
        if os.environ.get("CI"):
            pytest.fail("a font with Calibri's metrics must be installed in CI (.ci/run)")
        pytest.skip("no font with Calibri's metrics (apt-get install fonts-crosextra-carlito)")


@pytest.mark.client
def test_libreoffice_prints_the_form_on_a4_landscape_legibly(tmp_path: Path) -> None:
    calibri_metrics()
    p = project(tmp_path)  # every column shown, and a row of ongoing work
    form = save(write_forms(p, AT, owners=["镇建设办"]), tmp_path / "forms")["镇建设办.xlsx"]
    pdf = soffice(tmp_path, "pdf", form, tmp_path / "pdf").read_bytes()
    pages = pdf_pages(pdf)
    # the form's three rows on one page, the instructions on another
    assert len(pages) == 2
    for w, h in pages:
        assert abs(w - A4_LANDSCAPE[0]) < 1 and abs(h - A4_LANDSCAPE[1]) < 1
    sizes = pdf_font_sizes(pdf)
    assert sizes and min(sizes) >= 9, sorted(set(sizes))


@pytest.mark.client
def test_libreoffice_prints_a_long_form_on_a4_landscape_legibly(tmp_path: Path) -> None:
    body = "".join(f"- id: t{i}\n  name: 第{i}项村级道路白改黑工程路面施工及附属设施建设\n"
                   f"  owner: 镇建设办\n  duration: {5 + i % 20}\n" for i in range(60))
    folder = tmp_path / "long"
    write_plan(folder, body, HEADER.replace("id: o", "id: long"))
    calibri_metrics()
    form = save(write_forms(Project.open(folder), AT), tmp_path / "forms")["镇建设办.xlsx"]
    pdf = soffice(tmp_path, "pdf", form, tmp_path / "pdf").read_bytes()
    pages = pdf_pages(pdf)
    assert 3 <= len(pages) <= 8  # 60 rows over a few pages, the instructions on one more
    assert all(abs(w - A4_LANDSCAPE[0]) < 1 and abs(h - A4_LANDSCAPE[1]) < 1
               for w, h in pages)
    sizes = pdf_font_sizes(pdf)
    assert min(sizes) >= 9, sorted(set(sizes))
