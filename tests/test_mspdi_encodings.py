"""MS Project XML in the encodings a Chinese office's files come in: our own export of the
bundled plan re-encoded as GB2312, GBK, GB18030, UTF-16 or UTF-32 (with and without a
byte-order mark, declared or not) is read to the same plan through `planner import`; what
cannot be read is refused in one located sentence, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner import Project
from planner.domain.diagnostics import PlanError
from planner.exchange import detect, mspdi_read, mspdi_write
from planner.exchange.imported import check_folder
from tests.conftest import BUNDLED, invoke
from tests.exchange_plans import essence

BOM = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff",
       "utf-32-le": b"\xff\xfe\x00\x00", "utf-32-be": b"\x00\x00\xfe\xff"}


@pytest.fixture(scope="module")
def exported() -> str:
    return mspdi_write.write(Project.open(BUNDLED)).data.decode("utf-8")


def encoded(text: str, declared: str | None, codec: str, bom: bool = False,
            before: str = "") -> bytes:
    """``text`` with its declaration saying ``declared`` (none when None), in ``codec``:
    what the codec cannot hold becomes a character reference, as an XML writer does."""
    if declared is None:
        text = text.replace(' encoding="UTF-8"', "")
    else:
        text = text.replace('encoding="UTF-8"', f'encoding="{declared}"')
    data = (before + text).encode(codec, errors="xmlcharrefreplace")
    return BOM[codec] + data if bom else data


CASES = [  # (declared, codec, byte-order mark, before the declaration)
    ("GB2312", "gb2312", False, ""),
    ("gb2312", "gb18030", False, ""),  # what WPS writes under the name: more than GB2312
    ("GBK", "gbk", False, ""),
    ("GB18030", "gb18030", False, ""),
    ("gb_2312", "gb2312", False, ""),
    ("x-gbk", "gbk", False, ""),
    ("GB2312", "utf-8", True, ""),  # a UTF-8 mark over a GB2312 declaration: a traceback
    (None, "gbk", False, ""),  # Notepad's "ANSI" on a Chinese PC, no declaration
    ("UTF-8", "gbk", False, ""),  # … or declared UTF-8 by a tool that did not check
    ("UTF-16", "utf-16-le", True, ""),
    ("UTF-16", "utf-16-be", True, ""),
    ("UTF-16", "utf-16-le", False, ""),
    ("UTF-16", "utf-16-be", False, ""),
    (None, "utf-16-le", False, ""),
    ("UTF-16", "utf-16-le", False, "\r\n"),  # a blank line before the declaration
    ("UTF-16", "utf-8", False, ""),  # declared UTF-16, written as UTF-8
    ("UTF-32", "utf-32-le", True, ""),
    ("UTF-32", "utf-32-be", False, ""),
    ("UTF-8", "utf-8", True, ""),
]


@pytest.mark.parametrize(("declared", "codec", "bom", "before"), CASES)
def test_each_encoding_reads_to_the_same_plan(exported: str, declared: str | None, codec: str,
                                               bom: bool, before: str) -> None:
    data = encoded(exported, declared, codec, bom, before)
    imported = mspdi_read.from_bytes(data, "x.xml")
    assert essence(check_folder(imported.files).plan) == essence(Project.open(BUNDLED).plan)
    gbk = [d for d in imported.warnings if d.key == "mspdi.read_as_gbk"]
    assert len(gbk) == (codec == "gbk" and declared in (None, "UTF-8"))


@pytest.mark.parametrize(("declared", "codec", "bom"), [
    ("GB2312", "utf-8", True), ("GBK", "gbk", False), ("UTF-16", "utf-16-le", False),
    (None, "gbk", False)])
def test_the_command_reads_them_told_by_content(tmp_path: Path, exported: str,
                                                declared: str | None, codec: str,
                                                bom: bool) -> None:
    path = tmp_path / "计划.xml"
    path.write_bytes(encoded(exported, declared, codec, bom))
    assert detect(path).name == "mspdi"
    result = invoke(["import", str(path), "-o", str(tmp_path / "plan")])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert essence(Project.open(tmp_path / "plan").plan) == \
        essence(Project.open(BUNDLED).plan)


@pytest.mark.parametrize(("data", "said"), [
    # declared GB2312, with bytes no GB text has
    ('<?xml version="1.0" encoding="GB2312"?><Project><Name>\x81\x20</Name></Project>',
     "the file is not GB2312 text (byte"),
    # neither UTF-8 nor GBK
    ('<?xml version="1.0"?><Project><Name>\xff\xff\xff</Name></Project>',
     "the file is not UTF-8 text (byte 36 is not)"),
    ('<?xml version="1.0" encoding="UCS-7"?><Project/>',
     "the XML declares the encoding 'UCS-7', which planner does not know"),
    # UTF-16 cut in the middle of a character
    (None, "the file is not UTF-16-LE text"),
])
def test_what_cannot_be_read_is_one_sentence(data: str | None, said: str) -> None:
    raw = data.encode("latin-1") if data is not None else \
        '<?xml version="1.0"?><Project/>'.encode("utf-16-le") + b"<"
    with pytest.raises(PlanError) as exc:
        mspdi_read.from_bytes(raw, "odd.xml")
    [d] = exc.value.diagnostics
    assert d.code == "encoding" and d.message.startswith(said), d.message
    assert str(d.location) == "odd.xml" and "\n" not in d.message
    assert "编码" in d.render("zh")
