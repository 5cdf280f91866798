"""Every MS Project XML we export is valid against Microsoft's published MSPDI schema.

tests/fixtures/mspdi/mspdi_pj12.xsd is assembled by tools/mspdi_schema.py from the code
blocks of Microsoft's documentation (MicrosoftDocs/office-developer-msproject-xml-docs,
project-xml-data-interchange/xml-schema-for-the-*.md); its head says what was adjusted.
"""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from planner import Project
from planner.exchange import mspdi_read, mspdi_write
from planner.exchange.mspdi_common import MAX_NAME, NS
from tests.conftest import BUNDLED
from tests.exchange_plans import HAND_MADE, LONG, STATUS, essence, hand_made, plan_text
from tests.exchange_plans import write_plan as write_generated

SCHEMA = Path(__file__).parent / "fixtures" / "mspdi" / "mspdi_pj12.xsd"
N = {"p": NS}


@functools.cache
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def errors(data: bytes) -> list[str]:
    """What the schema finds wrong with a document, one line per error."""
    s = schema()
    s.validate(etree.fromstring(data))
    return [f"{e.line}: {e.message}" for e in s.error_log]


def test_the_schema_is_microsofts_and_says_where_it_comes_from() -> None:
    text = SCHEMA.read_text(encoding="utf-8")
    assert "office-developer-msproject-xml-docs" in text.split("<xsd:schema", 1)[0]
    assert "(c) 2007 Microsoft Corporation" in text
    assert f'targetNamespace="{NS}"' in text


@pytest.mark.parametrize("at", [None, date(2023, 9, 30), date(2023, 11, 7)])
def test_the_bundled_plan_exports_valid(at: date | None) -> None:
    assert errors(mspdi_write.write(Project.open(BUNDLED), at).data) == []


@pytest.mark.parametrize("seed", range(4))
def test_generated_plans_export_valid(tmp_path: Path, seed: int) -> None:
    folder = write_generated(tmp_path / f"gen-{seed}", plan_text(seed))
    assert errors(mspdi_write.write(Project.open(folder)).data) == []


@pytest.mark.parametrize("kind", HAND_MADE)
def test_hand_made_plans_export_valid_and_read_back_equal(tmp_path: Path, kind: str) -> None:
    long = kind == "long names"
    original = Project.open(hand_made(tmp_path / "a", kind))
    exports = [mspdi_write.write(original).data]
    if kind in STATUS:
        exports.append(mspdi_write.write(original, date(2023, 7, 31)).data)
    for data in exports:
        assert errors(data) == []
    imported = mspdi_read.from_bytes(exports[0], "hand.xml")
    back = Project.open(write_generated(tmp_path / "b", dict(imported.files)["plan.yaml"]))
    want, got = essence(original.plan), essence(back.plan)
    if long:  # the currency symbol (at most 20 characters) is all MSPDI cannot hold whole
        assert got[8] == "人民币元" * 4 + "人民币…"
        want, got = want[:8] + want[9:], got[:8] + got[9:]
    assert got == want


def test_long_names_are_shortened_in_name_elements_and_whole_in_our_field(
        tmp_path: Path) -> None:
    project = Project.open(hand_made(tmp_path, "long names"))
    root = etree.fromstring(mspdi_write.write(project).data)
    names = [e.text or "" for e in root.iterfind(".//p:Name", N)]
    assert max(len(n) for n in names) == MAX_NAME
    assert LONG[:MAX_NAME - 1] + "…" in names
    assert root.findtext("p:Title", namespaces=N) == LONG[:MAX_NAME - 1] + "…"
    full = [e.findtext("p:Value", namespaces=N)
            for e in root.iterfind("p:Tasks/p:Task/p:ExtendedAttribute", N)
            if e.findtext("p:FieldID", namespaces=N) == "188743748"]  # Text8
    assert full == [LONG, LONG, LONG + "甲"]  # the plan's, the summary's, a's; not b's


def test_the_schema_refuses_what_the_export_used_to_write() -> None:
    """The check has teeth: CalendarUID after ConstraintDate, a name of 513 characters."""
    data = mspdi_write.write(Project.open(BUNDLED)).data
    root = etree.fromstring(data)
    constrained = next(t for t in root.iterfind("p:Tasks/p:Task", N)
                       if t.find("p:ConstraintDate", N) is not None)
    uid = constrained.find("p:CalendarUID", N)
    assert uid is not None and uid.getnext().tag == f"{{{NS}}}ConstraintDate"
    uid.getparent().remove(uid)
    constrained.find("p:ConstraintDate", N).addnext(uid)
    assert any("CalendarUID" in e for e in errors(etree.tostring(root)))
    root = etree.fromstring(data)
    root.find("p:Tasks/p:Task/p:Name", N).text = "名" * (MAX_NAME + 1)
    assert any("Name" in e and "length" in e for e in errors(etree.tostring(root)))
