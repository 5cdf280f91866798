"""The document model and its writers: one view per result, any format from one writer."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from planner.render import writers
from planner.render.document import (
    Document,
    Figure,
    Heading,
    Notes,
    Paragraph,
    Records,
    Section,
    table,
)

RENDER = Path(__file__).resolve().parent.parent / "planner" / "render"
HOSTILE = "<img src=x onerror=alert(1)> | *x* =1+1"

DOC = Document(
    "标题 " + HOSTILE, "zh",
    (Heading("标题 " + HOSTILE), Paragraph("样例数据", "banner"),
     Paragraph("一句话 " + HOSTILE, "headline"),
     Section("表", (table(["编号", "#"], [["a\x1b[31m", HOSTILE]], [False, True],
                          ["high"]),
                   Notes(("注 " + HOSTILE,)),
                   Figure(lambda: (_ for _ in ()).throw(AssertionError("drawn")), "f"),)),
     Section("图", (Figure(lambda: None, "g"),)),
     Paragraph("由 planner 生成", "colophon")),
    data={"name": HOSTILE},
    records=Records(("id", "name"), (("a", "=1+1"),), ("编号", "名称"), "表"))


def test_markdown_escapes_and_leaves_charts_out() -> None:
    text = writers.markdown(DOC)
    assert text.startswith("# 标题 \\<img src=x onerror=alert(1)\\> \\| \\*x\\* =1+1\n\n")
    assert "> **样例数据**" in text and "## 表" in text and "## 图" not in text
    assert "|---|---:|" in text and "| # |" in text  # numeric columns right-aligned
    assert "<img" not in text.replace("\\<img", "") and "\x1b" not in text
    assert "- 注 " in text and "由 planner 生成" not in text and text.endswith("\n")


def test_terminal_has_no_title_and_no_control_sequences() -> None:
    text = writers.terminal(DOC)
    lines = text.splitlines()
    assert lines[:2] == ["样例数据", "一句话 " + HOSTILE]  # paragraphs run together
    assert lines[2:4] == ["", "▸ 表"] and "\x1b" not in text and "由 planner" not in text


def test_html_escapes_every_text_and_draws_no_figure_it_is_not_asked_for() -> None:
    body = writers.html_body(tuple(b for b in DOC.blocks if not isinstance(b, Section)))
    assert "<h1>标题 &lt;img src=x onerror=alert(1)&gt; | *x* =1+1</h1>" in body
    assert '<p class="banner">样例数据</p>' in body and '<p class="meta">由 planner 生成' in body
    table_only = writers.html_body((DOC.blocks[3].blocks[0],))  # type: ignore[union-attr]
    assert '<tr class="high">' in table_only and "&lt;img" in table_only


def test_data_writers_guard_spreadsheets() -> None:
    assert json.loads(writers.json(DOC)) == {"name": HOSTILE}
    assert writers.csv(DOC) == "\ufeffid,name\r\na,'=1+1\r\n"
    assert writers.xlsx(DOC)[:4] == b"PK\x03\x04"
    assert writers.formats(DOC) == ("table", "md", "html", "json", "csv", "xlsx")
    assert writers.formats(Document("t", "en", ())) == ()


def _imported_names(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names |= {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
    return names


# What computes a result: a renderer is handed results, it never makes them.
COMPUTING = {
    "planner.engine.schedule.schedule", "planner.engine.schedule.plan_calendar",
    "planner.analysis.tracking.track", "planner.analysis.risk.simulate",
    "planner.analysis.check.assess", "planner.analysis.trend.trend",
    "planner.analysis.diff.diff", "planner.analysis.baseline.from_schedule",
    "planner.analysis.forecast", "planner.engine.passes",
}


def test_renderers_compute_nothing() -> None:
    for path in sorted(RENDER.glob("*.py")):
        found = {n for n in _imported_names(path)
                 if n in COMPUTING or any(n.startswith(c + ".") for c in COMPUTING)}
        assert not found, f"{path.name} imports {sorted(found)}"


def test_a_workbook_cell_that_looks_like_a_formula_is_text() -> None:
    import io

    import openpyxl

    ws = openpyxl.load_workbook(io.BytesIO(writers.xlsx(DOC))).worksheets[0]
    assert [c.value for c in ws[1]] == ["编号", "名称"]  # the headers for people
    assert ws["B2"].value == "'=1+1" and ws["B2"].data_type == "s"


def test_a_page_of_hostile_names_runs_nothing(tmp_path: Path) -> None:
    from tests.conftest import TRACKED, invoke, write_plan

    write_plan(tmp_path, TRACKED.replace("name: 建设", f'name: "{HOSTILE}"'))
    for command in (["schedule"], ["risk", "-n", "20"], ["check"]):
        out = tmp_path / f"{command[0]}.html"
        assert invoke([*command, str(tmp_path), "-f", "html", "-o", str(out)]).exit_code == 0
        page = out.read_text(encoding="utf-8")
        body = page.split("<body>")[1].split("<script")[0]
        assert "<img" not in body, command
        assert ("&lt;img src=x onerror=alert(1)&gt;" in body) == (command[0] != "check")


def _cells(data: str | bytes) -> list[tuple[object, ...]]:
    """A workbook's cells (its zip carries its own timestamps, so bytes differ)."""
    from io import BytesIO

    from openpyxl import load_workbook

    assert isinstance(data, bytes)
    ws = load_workbook(BytesIO(data)).active
    assert ws is not None
    return list(ws.iter_rows(values_only=True))


@pytest.mark.parametrize("fmt", ["table", "md", "html", "json", "csv", "xlsx"])
def test_a_view_told_its_format_writes_the_same(fmt: str) -> None:
    """A view told its format (`fmt=`) builds only the part that format is written from;
    what it writes is what the whole document gives."""
    from planner import Project
    from planner.render.schedule import schedule_view
    from planner.render.status import status_view
    from planner.render.writers import write
    from tests.conftest import BUNDLED

    project = Project.open(BUNDLED)
    s, t = project.schedule(), project.track()
    for lang in ("zh", "en"):
        for whole, part in (
                (schedule_view(s, lang, columns=100),
                 schedule_view(s, lang, columns=100, fmt=fmt)),
                (status_view(t, list(t.tasks), lang, columns=100),
                 status_view(t, list(t.tasks), lang, columns=100, fmt=fmt))):
            if fmt == "xlsx":
                assert _cells(write(part, fmt)) == _cells(write(whole, fmt))
            else:
                assert write(part, fmt) == write(whole, fmt)
