"""The progress notice (report --format docx): its sections from the meeting pack's facts,
read back with python-docx; its layout (A4, fonts for East Asian text, repeated header
rows, page numbers); hostile text; and LibreOffice's reading of it as a PDF."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from planner import Project
from planner.portfolio import alone
from planner.render import image
from planner.render.notice import notice_view
from planner.render.writers import docx_missing
from tests.conftest import BUNDLED, invoke, write_plan
from tests.test_outstanding import FIRST  # the same reports of the same four tasks

docx = pytest.importorskip("docx")

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ZH = "plan:\n  id: t\n  name: 试点工作\n  start: 2023-07-03\n  calendar: weekdays\n  lang: zh\n"
EN = "plan:\n  id: t\n  name: Pilot\n  start: 2023-07-03\n  calendar: weekdays\n  lang: en\n"
# Three tasks of ten working days from Monday 3 July 2023 and one of two; X owns 甲, Y the
# rest. At the first report (Friday 7 July) each is half done. Forms go out for Friday
# 14 July; X's comes back with 甲 at 90 %: one working day left, so it finishes Monday
# 17 July, one working day after its baseline's 14 July (and its deadline). Y's form is
# not back: 乙 and 丙 are forecast from 7 July.
PLAN = """\
- id: a
  name: 甲
  owner: X
  duration: 10
  deadline: 2023-07-14
- id: b
  name: 乙
  owner: Y
  duration: 10
- id: c
  name: 丙
  owner: Y
  duration: 10
- id: d
  name: 丁
  owner: Y
  duration: 2
"""
DAY = date(2023, 7, 14)


def awaited(tmp_path: Path, header: str = ZH, body: str = PLAN) -> Project:
    root = tmp_path / "plan"
    write_plan(root, body, header)
    (root / "status").mkdir()
    (root / "status" / "2023-07-07.yaml").write_text(FIRST, encoding="utf-8")
    Project.open(root).record_forms(DAY, made=date(2023, 7, 13))
    Project.open(root).record(DAY, {"a": {"percent": 90, "note": "等待设备到货"}})
    return Project.open(root)


def word(project: Project, lang: str | None = None) -> Any:
    t = project.track(DAY)
    data, missing = docx_missing(notice_view(t, None, lang or project.plan.lang, chart=False))
    assert missing is None  # no chart asked for, none missing
    return docx.Document(io.BytesIO(data))


def texts(d: Any, style: str) -> list[str]:
    return [p.text for p in d.paragraphs if p.style.name == style]


def cells(table: Any) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


# -- what it says -------------------------------------------------------------------------------


def test_the_notice_names_the_late_work_the_units_not_back_and_what_each_is_to_do(
        tmp_path: Path) -> None:
    d = word(awaited(tmp_path))
    assert texts(d, "Title") == ["试点工作进展通报"]
    assert texts(d, "Subtitle") == ["（数据截至2023年7月14日）"]
    assert texts(d, "Heading 1") == ["一、总体进展", "二、滞后事项", "三、期限风险",
                                     "四、未报送单位", "五、下步工作建议"]
    late, deadlines, units = d.tables
    assert cells(late) == [
        ["序号", "任务", "责任单位", "预计完成", "滞后（工作日）", "原因及说明"],
        ["1", "甲", "X", "7月17日", "1", "等待设备到货"]]  # the unit's note
    # dates in the data date's year without it, as under "数据截至2023年7月14日"
    assert cells(deadlines)[1][1:] == ["甲", "X", "7月14日", "7月17日", "-1", "已过期限"]
    assert cells(units) == [["序号", "责任单位", "待报任务数"], ["1", "Y", "2"]]
    body = [p.text for p in d.paragraphs]
    assert "上述单位的任务按2023年7月7日报送的进度推算。" in body
    # the unit whose own work slipped, then the unit to report: each its paragraph
    advice = body[body.index("五、下步工作建议") + 1:]
    assert advice == ["（一）X：加快推进“甲”（预计晚于期限1个工作日），尽快追回进度。",
                      "（二）Y：尽快报送本期进度（2项任务）。"]
    # the report's own narrative is the overall progress: one text, not a second one
    from planner.render.report import narrative

    t = awaited(tmp_path / "again").track(DAY)
    assert body[body.index("一、总体进展") + 1] == narrative(t, None, "zh")


def test_nothing_late_nothing_at_risk_every_unit_back(tmp_path: Path) -> None:
    root = tmp_path / "plan"
    write_plan(root, PLAN.replace("  deadline: 2023-07-14\n", ""), ZH)
    (root / "status").mkdir()
    (root / "status" / "2023-07-07.yaml").write_text(FIRST, encoding="utf-8")
    d = word(Project.open(root), "zh")
    # on 7 July every task is half done, as planned: nothing to act on
    body = [p.text for p in d.paragraphs]
    for said in ("本期无滞后事项。", "各项期限预计均可按时完成。", "各单位均已报送本期进度。",
                 "各单位继续按计划推进。"):
        assert said in body
    assert d.tables == []


def test_an_english_plan_gets_the_same_notice_in_english(tmp_path: Path) -> None:
    d = word(awaited(tmp_path, EN))
    assert texts(d, "Title") == ["Pilot: progress notice"]
    assert texts(d, "Heading 1") == ["1. Overall progress", "2. Work behind schedule",
                                     "3. Deadlines at risk", "4. Units not yet reported",
                                     "5. Next steps by unit"]
    assert cells(d.tables[2]) == [["No.", "Owner", "Tasks awaiting a report"], ["1", "Y", "2"]]
    # no Chinese but the plan's own names and the unit's note
    assert not [p.text for p in d.paragraphs if re.search("[\u4e00-\u9fff]", re.sub(
        "[甲乙丙丁]|等待设备到货", "", p.text))]
    assert d.styles["Normal"].font.name == "Times New Roman"


def test_the_sample_data_banner_is_said_under_the_title(tmp_path: Path) -> None:
    project = awaited(tmp_path)
    snapshot = project.folder / "status" / "2023-07-14.yaml"
    snapshot.write_text("illustrative: 演示用\n" + snapshot.read_text(encoding="utf-8"),
                        encoding="utf-8")
    d = word(Project.open(project.folder))
    banners = texts(d, "Banner")
    assert banners == ["【示例数据】演示用"]
    heading = [p.text for p in d.paragraphs].index("一、总体进展")
    assert [p.text for p in d.paragraphs].index(banners[0]) < heading
    assert texts(word(awaited(tmp_path / "real")), "Banner") == []  # real data: none


# -- how it looks -------------------------------------------------------------------------------


def test_a4_official_margins_fonts_for_east_asian_text_and_page_numbers(
        tmp_path: Path) -> None:
    d = word(awaited(tmp_path))
    section = d.sections[0]
    mm = [round(x.mm) for x in (section.page_width, section.page_height, section.top_margin,
                                section.bottom_margin, section.left_margin,
                                section.right_margin)]
    assert mm == [210, 297, 37, 35, 28, 26]
    east = {}
    for name in ("Normal", "Title", "Subtitle", "Heading 1", "Table Text", "Banner"):
        fonts = d.styles[name].element.rPr.rFonts
        east[name] = fonts.get(f"{W}eastAsia")
        # a theme font would win over the name: none is left
        assert not [k for k in fonts.attrib if k.endswith("Theme") or k.endswith("theme")]
    assert east == {"Normal": "仿宋", "Title": "方正小标宋简体", "Subtitle": "楷体",
                    "Heading 1": "黑体", "Table Text": "仿宋", "Banner": "黑体"}
    assert d.styles["Normal"].font.size.pt == 16 and d.styles["Title"].font.size.pt == 22
    # the banner's box and shading where the schema puts them, before its spacing
    tags = [c.tag.removeprefix(W) for c in d.styles["Banner"].element.pPr]
    assert tags.index("pBdr") < tags.index("shd") < tags.index("spacing")
    # each font has its fallback in the font table: alternative name, GB2312 charset
    data = io.BytesIO()
    d.save(data)
    with zipfile.ZipFile(data) as z:
        table = z.read("word/fontTable.xml").decode("utf-8")
        footer = "".join(z.read(n).decode("utf-8") for n in z.namelist()
                         if n.startswith("word/footer"))
    assert re.search('w:name="仿宋"><w:altName w:val="FangSong"/><w:charset w:val="86"/>',
                     table)
    assert 'w:name="方正小标宋简体"><w:altName w:val="黑体"/>' in table
    assert "<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>" in footer
    assert "— " in footer and " —" in footer


def test_tables_repeat_their_header_row_and_keep_rows_whole(tmp_path: Path) -> None:
    d = word(awaited(tmp_path))
    for table in d.tables:
        rows = table._tbl.tr_lst
        assert rows[0].trPr.find(f"{W}tblHeader") is not None
        assert all(r.trPr.find(f"{W}tblHeader") is None for r in rows[1:])
        assert all(r.trPr.find(f"{W}cantSplit") is not None for r in rows)
        # in the schema's order, which Word holds a file to
        assert [c.tag for c in rows[0].trPr] == [f"{W}cantSplit", f"{W}tblHeader"]
        # the columns fill the text width (210 - 28 - 26 mm)
        assert sum(c.width.mm for c in table.columns) == pytest.approx(156, abs=0.5)


def test_hostile_text_is_written_plain(tmp_path: Path) -> None:
    body = PLAN.replace("name: 甲", 'name: "甲\\x07<w:t>=SUM(A1)"').replace(
        "owner: X", 'owner: "X\\x0b&amp;"')
    d = word(awaited(tmp_path, body=body))
    row = cells(d.tables[0])[1]
    assert row[1:3] == ["甲<w:t>=SUM(A1)", "X&amp;"]  # the bell and tab dropped, all else as typed


def test_a_chart_that_cannot_be_drawn_is_a_line_saying_where_it_is(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(image, "find_chromium", lambda platform=sys.platform: None)
    t = awaited(tmp_path).track(DAY)
    data, missing = docx_missing(notice_view(t, None, "zh"))
    assert missing is not None and "Chromium" in missing
    d = docx.Document(io.BytesIO(data))
    body = [p.text for p in d.paragraphs]
    assert body[body.index("六、进度甘特图") + 1] == "甘特图见同期网页版进展报告。"
    assert d.inline_shapes == [] or len(d.inline_shapes) == 0


def test_report_format_docx_writes_the_notice_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(image, "find_chromium", lambda platform=sys.platform: None)
    out = tmp_path / "out"
    result = invoke(["report", str(BUNDLED), "-f", "docx", "-o", str(out), "-n", "200",
                     "--seed", "1"])
    assert result.exit_code == 0, result.output
    path = out / "yushan-2023h2-2023-11-07-report.docx"
    assert [p.name for p in out.iterdir()] == [path.name]
    assert f"{path}：已写入" in result.stdout
    assert "提示：未能生成甘特图图片" in result.stderr
    d = docx.Document(str(path))
    assert texts(d, "Banner")[0].startswith("【示例数据】")
    assert texts(d, "Title") == ["玉山镇2023年下半年重点工作进展通报"]
    # every late task of the review, the furthest first, and nothing else
    t = alone(Project.open(BUNDLED)).project.track(None)
    late = sorted((s for s in t.leaves() if s.state != "done" and s.late),
                  key=lambda s: -(s.finish_variance_days or 0))
    rows = cells(d.tables[0])[1:]
    assert [int(r[4]) for r in rows] == [s.finish_variance_days for s in late]
    assert len(rows) == len(late) > 5
    # a name with quotes of its own, quoted in the advice: nested as Chinese nests them
    assert "加快推进“建设‘五位一体’智慧养老院" in "".join(p.text for p in d.paragraphs)


def test_python_docx_is_loaded_only_by_the_notice() -> None:
    code = ("import sys, planner.cli.main, planner.render.writers, planner.render.notice; "
            "print('docx' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"


# -- real clients -------------------------------------------------------------------------------


def _soffice() -> str:
    found = shutil.which("soffice")
    if found is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    return found


@pytest.mark.client
def test_libreoffice_reads_the_notice_as_pdf_and_text(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    soffice = _soffice()
    monkeypatch.setattr(image, "find_chromium", lambda platform=sys.platform: None)
    out = tmp_path / "out"
    assert invoke(["report", str(BUNDLED), "-f", "docx", "-o", str(out), "-n", "200",
                   "--seed", "1"]).exit_code == 0
    path = out / "yushan-2023h2-2023-11-07-report.docx"
    profile = (tmp_path / "profile").as_uri()  # its own: tests may run side by side
    for kind in ("pdf", "txt:Text (encoded):UTF8"):
        subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless",
                        "--convert-to", kind, "--outdir", str(out), str(path)],
                       check=True, capture_output=True, timeout=180)
    text = path.with_suffix(".txt").read_text(encoding="utf-8-sig")
    for said in ("玉山镇2023年下半年重点工作进展通报", "（数据截至2023年11月7日）",
                 "【示例数据】", "一、总体进展", "五、下步工作建议", "月坑污水终端提升建设"):
        assert said in text
    pdf = path.with_suffix(".pdf").read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 3 <= pages <= 10  # five sections and two tables of a dozen rows
    # every font LibreOffice printed with is embedded: substituted where 仿宋 and 黑体 are
    # missing, never left to the reader's machine
    fonts = set(re.findall(rb"/BaseFont\s*/([A-Za-z0-9+_-]+)", pdf))
    assert fonts and all(re.match(rb"[A-Z]{6}\+", f) for f in fonts)
    assert re.search(rb"/FontFile2?\b", pdf)


@pytest.mark.browser  # kaleido draws the chart in a real Chromium
def test_the_gantt_chart_is_a_picture_within_the_text_width(tmp_path: Path) -> None:
    if image.find_chromium() is None:
        pytest.skip("chromium is not installed here; .ci/run installs it for CI")
    pytest.importorskip("kaleido")
    t = awaited(tmp_path).track(DAY)
    data, missing = docx_missing(notice_view(t, None, "zh"))
    assert missing is None
    d = docx.Document(io.BytesIO(data))
    (picture,) = d.inline_shapes
    assert 0 < picture.width.mm <= 156 + 0.1 and picture.height.mm <= 297 - 72
    body = [p.text for p in d.paragraphs]
    assert "甘特图见同期网页版进展报告。" not in body


def test_any_document_is_written_sections_as_headings_and_charts_said_apart(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from planner.render.document import Document, Figure, Heading, Notes, Paragraph, Section
    from planner.render.writers import write

    monkeypatch.setattr(image, "find_chromium", lambda platform=sys.platform: None)
    doc = Document("标题", "zh", (
        Heading("标题"), Paragraph("正文"),
        Section("一、甲", (Notes(("注一", "注二")), Section("（一）乙", (Paragraph("丙"),)),
                          Figure(lambda: None, "curves"))),
        Paragraph("由 planner 生成", "colophon")))
    data = write(doc, "docx")
    assert isinstance(data, bytes)
    d = docx.Document(io.BytesIO(data))
    assert [(p.style.name, p.text) for p in d.paragraphs] == [
        ("Title", "标题"), ("Normal", "正文"), ("Heading 1", "一、甲"), ("Meta", "注一"),
        ("Meta", "注二"), ("Heading 2", "（一）乙"), ("Normal", "丙"),
        ("Normal", "此图见同期网页版报告。")]  # not the Gantt chart: not called one; no colophon


def test_short_columns_keep_their_text_on_one_line_and_long_ones_share_the_rest() -> None:
    from planner.render.document import table
    from planner.render.word import _widths

    # 10.5 pt: a CJK character is 3.7 mm, a digit about half; Word's cell margins 3.8 mm
    t = table(["序号", "任务", "预计完成", "滞后（工作日）", "原因及说明"],
              [["1", "月坑污水终端提升建设" * 2, "11月23日", "52", "等待县级补助资金拨付" * 6]])
    seq, task, when, slip, why = _widths(t, 10.5)
    assert seq + task + when + slip + why == pytest.approx(156)  # the text width of A4
    assert when >= 2 * 3.7 + 4 * 3.7 / 2 + 3.8  # "11月23日" and its margins: never wrapped
    assert seq >= 2 * 3.7 + 3.8 and seq < when  # "序号" on one line
    assert slip < (7 * 3.7 + 3.8)  # "滞后（工作日）" may take two lines; "52" one
    # the two long columns share what is left by how much they hold, the note the most
    assert why > task > 20
