"""The one safe spreadsheet reader: what it refuses, for the forms and the plan table alike,
the encodings it reads, where it says each cell is, and the loose values it parses."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from planner.domain.diagnostics import PlanError
from planner.exchange import sheets, table_read
from planner.exchange.sheets import Refused, open_book
from tests.conftest import invoke

HEAD = ["编号", "任务", "工期", "开始"]


def workbook(path: Path, hidden: bool = False) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "任务"
    ws.append(HEAD)
    ws.append(["a", "甲", 3, date(2024, 3, 4)])
    if hidden:
        secret = wb.create_sheet("草稿")
        secret.append(["x"])
        secret.sheet_state = "hidden"
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One file of every kind the safe reader refuses, each named as a plan table (made
    once: the 200 MiB bomb takes half a second to compress). Tests only read them."""
    tmp_path = tmp_path_factory.mktemp("hostile")
    good = workbook(tmp_path / "good.xlsx")
    files: dict[str, Path] = {}
    ods = files["ods"] = tmp_path / "计划.ods.xlsx"
    with zipfile.ZipFile(ods, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    xlsb = files["xlsb"] = tmp_path / "计划.xlsb"
    with zipfile.ZipFile(xlsb, "w") as z:
        z.writestr("xl/workbook.bin", b"\x00" * 16)
    renamed_xlsb = files["xlsb-renamed"] = tmp_path / "bin.xlsx"
    with zipfile.ZipFile(renamed_xlsb, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.bin", b"\x00" * 16)
    ole = files["ole"] = tmp_path / "旧.xls"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    docx = files["docx"] = tmp_path / "报告.xlsx"
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<document/>")
    macro = files["macro"] = tmp_path / "vba.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(macro, "w") as z:
        for item in src.infolist():
            z.writestr(item, src.read(item))
        z.writestr("xl/vbaProject.bin", b"\x00" * 16)
    bomb = files["bomb"] = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            z.writestr(item, src.read(item))
        with z.open("xl/media/padding.bin", "w") as f:
            block = b"\0" * (1 << 20)
            for _ in range(201):
                f.write(block)
    entities = files["entities"] = tmp_path / "entities.xlsx"
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    dtd = f'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY l0 "lol">{laughs}]>'
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(entities, "w") as z:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                data = (dtd + text[text.index("<worksheet"):]).replace(
                    "<v>3</v>", "<v>&l9;</v>", 1).encode("utf-8")
            z.writestr(item, data)
    big = files["big"] = tmp_path / "big.csv"
    with big.open("wb") as f:
        f.truncate(sheets.MAX_BYTES + 1)
    empty = files["empty"] = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    return files


EXPECTED = {  # kind -> (code, the start of the English message)
    "ods": ("file", "is an OpenDocument spreadsheet"),
    "xlsb": ("file", "is a binary workbook"),
    "xlsb-renamed": ("file", "is a binary workbook"),
    "ole": ("file", "is an .xls or .et file"),
    "docx": ("file", "is a zip file but not an Excel workbook (a Word document)"),
    "macro": ("file", "is a workbook with macros"),
    "bomb": ("too-large", "the file is too large (over 200 MiB)"),
    "entities": ("file", "cannot be read"),
    "big": ("too-large", "the file is too large (over 20 MiB)"),
    "empty": ("file", "the file is empty"),
}


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_the_table_importer_refuses_what_the_forms_refuse(hostile: dict[str, Path],
                                                         kind: str) -> None:
    path = hostile[kind]
    with pytest.raises(PlanError) as caught:
        table_read.read(path, "x")
    (d,) = caught.value.diagnostics
    code, message = EXPECTED[kind]
    assert d.location.file == str(path)
    assert d.code == code
    if path.name.isascii():
        assert d.message.startswith(message), d.message
    else:  # a Chinese file name: refused in Chinese
        assert caught.value.lang == "zh" and not d.in_lang("zh").message.isascii()


@pytest.mark.parametrize("kind", ["ods", "xlsb", "ole", "docx", "bomb", "entities"])
def test_cli_import_of_a_refused_file_is_a_located_message(
        tmp_path: Path, hostile: dict[str, Path], kind: str) -> None:
    path = hostile[kind]
    result = invoke(["import", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    # a Chinese file name: said in Chinese (the table's language is not known yet)
    assert (f"{path}: error: " if path.name.isascii() else f"{path}：错误：") in result.stderr
    assert "Traceback" not in result.output and not (tmp_path / "out").exists()


def test_forms_and_table_give_the_same_refusal(hostile: dict[str, Path]) -> None:
    """The two readers share one: the same file, the same finding."""
    for kind, path in hostile.items():
        if kind in ("big", "bomb"):  # the forms say "not a form" of a large file
            continue
        with pytest.raises(Refused) as forms_like:
            open_book(path, "en")
        with pytest.raises(PlanError) as table:
            table_read.read(path, "x")
        if path.name.isascii():
            assert table.value.diagnostics[0] == forms_like.value.diagnostic, kind


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_csv_in_every_encoding_excel_and_wps_save(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "计划.csv"
    path.write_bytes("编号,任务,工期,开始\na,甲,3,2024-03-04\nb,乙,2,2024/3/5\n"
                     .encode(encoding))
    with open_book(path, "zh") as book:
        (sheet,) = book.sheets()
        rows = [[c.value for c in row] for row in sheet.rows()]
    assert rows[0] == HEAD and rows[2] == ["b", "乙", "2", "2024/3/5"]
    assert str(sheet.where(3, 2)) == f"{path}!B3"
    imported = table_read.read(path, "p")
    assert [t.id for t in imported.plan.tasks] == ["a", "b"]


def test_text_in_no_known_encoding_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(b"id,task\n\x00\x81\xff\xfe\x00")
    with pytest.raises(Refused) as caught:
        open_book(path, "en")
    assert caught.value.diagnostic.message.startswith("is not a text CSV")


def test_cells_are_located_and_hidden_sheets_left_out(tmp_path: Path) -> None:
    path = workbook(tmp_path / "计划.xlsx", hidden=True)
    with open_book(path, "zh") as book:
        found = list(book.sheets())
        assert [s.title for s in found] == ["任务"]
        assert str(found[0].where(7, 1)) == f"{path} 任务!A7"
        assert book.values("草稿") is not None  # still readable by name
    assert sheets.sheet_ref("plan info") == "'plan info'"
    assert sheets.letter(1) == "A" and sheets.letter(28) == "AB" and sheets.letter(703) == "AAA"


def test_loose_dates_and_numbers() -> None:
    assert sheets.parse_date("2023年10月15日") == date(2023, 10, 15)
    assert sheets.parse_date("2023/1/5 00:00:00") == date(2023, 1, 5)
    assert sheets.parse_date("2023-02-30") is None and sheets.parse_date("1800-01-01") is None
    assert sheets.parse_number("1,800,000") == 1_800_000
    assert sheets.parse_number("62%") == 62 and sheets.parse_number("６２") == 62
    assert sheets.parse_number("abc") is None
    assert sheets.cell_date(datetime(2023, 1, 5)) == date(2023, 1, 5)
    assert sheets.cell_date(datetime(2023, 1, 5, 9)) is None
    assert sheets.cell_date(45000) is None


def test_a_missing_file_and_a_folder(tmp_path: Path) -> None:
    with pytest.raises(Refused) as caught:
        open_book(tmp_path / "none.xlsx", "en")
    assert caught.value.diagnostic.message == "no such file"
    with pytest.raises(Refused) as caught:
        open_book(tmp_path, "en")
    assert caught.value.diagnostic.message.startswith("is not a file")
