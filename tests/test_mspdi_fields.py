"""MS Project XML custom fields: ours travel only where the file declares them as ours (the
aliases our export writes); anywhere else Text1, Flag1, Number1… are the user's, ignored
with one warning, unless `--field owner=Text3` maps one to a plan field.

The files of tests/fixtures/exchange/ are MS Project's own (MPXJ's public test corpus):
each task is named after the one custom field it fills (task "Flag1" has Flag1 = yes)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planner import Project
from planner.domain.diagnostics import PlanError
from planner.exchange import mspdi_read, mspdi_write
from planner.exchange.imported import check_folder
from planner.exchange.mspdi_common import CUSTOM_FIELD_ID, FIELD_ID, FIELDS
from tests.conftest import BUNDLED, invoke
from tests.exchange_plans import essence

FIXTURES = Path(__file__).parent / "fixtures" / "exchange"
FLAGS = FIXTURES / "task-flags-project2010-mspdi.xml"
TEXTS = FIXTURES / "task-text-project2003-mspdi.xml"
NUMBERS = FIXTURES / "task-numbers-project2019-mspdi.xml"


def by_name(imported: mspdi_read.Imported) -> dict[str, object]:
    return {t.name: t for t in imported.plan.tasks}


def test_the_field_ids_are_ms_projects() -> None:
    # as MS Project writes them in the fixtures' <ExtendedAttributes> declarations
    declared: dict[str, int] = {}
    for path in (FLAGS, TEXTS, NUMBERS):
        for fid, name in re.findall(r"<FieldID>(\d+)</FieldID>\s*<FieldName>(\w+)</FieldName>",
                                    path.read_text(encoding="utf-8")):
            declared[name] = int(fid)
    assert len(declared) == 30 + 20 + 20
    assert all(CUSTOM_FIELD_ID[name] == fid for name, fid in declared.items())
    assert all(CUSTOM_FIELD_ID[name] == fid for name, fid in FIELD_ID.items())


def test_another_files_flags_are_not_ongoing_work() -> None:
    # Flag1 set on task Flag1: read as ours it was `ongoing` without a finish, refused
    imported = mspdi_read.read(FLAGS)
    tasks = imported.plan.tasks
    assert len(tasks) == 20 and not any(t.ongoing or t.target for t in tasks)
    assert all(t.duration == 1 for t in tasks)
    ignored = [d for d in imported.warnings if d.key == "mspdi.custom_ignored"]
    assert len(ignored) == 1 and ignored[0].message.startswith(
        "the file's custom fields Flag1, Flag2, Flag3")
    assert "--field owner=Text1" in (ignored[0].hint or "")
    assert "自定义字段 Flag1" in ignored[0].render("zh")


def test_another_files_number1_is_not_a_planned_duration() -> None:
    # the 2010 file of the issue: Number1 holds a filter value, not 116 working days
    data = re.sub(rb"(<FieldID>188743767</FieldID>\s*<Value>)1(</Value>)", rb"\g<1>116\2",
                  NUMBERS.read_bytes())
    assert data != NUMBERS.read_bytes()
    task = by_name(mspdi_read.from_bytes(data, "n.xml"))["Number1"]
    assert getattr(task, "duration") == 1  # noqa: B009 - the file's <Duration>, 8 hours


def test_another_files_texts_are_no_id_owner_tags_or_quantity() -> None:
    imported = mspdi_read.read(TEXTS)
    assert [t.id for t in imported.plan.tasks[:4]] == ["1", "2", "3", "4"]  # its WBS
    assert not any(t.owner or t.tags or t.quantity for t in imported.plan.tasks)


def test_another_files_custom_date_out_of_range_does_not_refuse_it() -> None:
    # Date1 is our planned finish only where declared ours: a year 2250 in a user's Date1
    # refused the whole file
    text = FLAGS.read_text(encoding="utf-8")
    odd = re.sub(r"<FieldID>188743752</FieldID>(\s*)<Value>1</Value>",
                 r"<FieldID>188743945</FieldID>\1<Value>2250-01-01T08:00:00</Value>", text,
                 count=1)
    assert odd != text
    assert len(mspdi_read.from_bytes(odd.encode(), "d.xml").plan.tasks) == 20


def test_field_maps_a_users_custom_field_to_a_plan_field() -> None:
    imported = mspdi_read.read(TEXTS, fields={"owner": "Text2", "tags": "文本3",
                                              "quantity": "text4", "id": "Text5"})
    t = by_name(imported)
    assert getattr(t["Text2"], "owner") == "2"  # noqa: B009
    assert getattr(t["Text3"], "tags") == ("3",)  # noqa: B009
    quantity = getattr(t["Text4"], "quantity")  # noqa: B009
    assert quantity is not None and quantity.total == 4
    assert getattr(t["Text5"], "id") == "5"  # noqa: B009
    assert getattr(t["Text1"], "owner") is None  # noqa: B009 - Text1 stays the user's
    # the fields mapped are no longer among the ignored ones
    ignored = next(d for d in imported.warnings if d.key == "mspdi.custom_ignored")
    assert "Text2" not in ignored.message and "Text1" in ignored.message
    numbers = by_name(mspdi_read.read(NUMBERS, fields={"quantity": "Number5"}))
    quantity = getattr(numbers["Number5"], "quantity")  # noqa: B009
    assert quantity is not None and quantity.total == 5


def test_field_by_its_alias_in_the_file() -> None:
    text = TEXTS.read_text(encoding="utf-8").replace(
        "<FieldName>Text9</FieldName>", "<FieldName>Text9</FieldName><Alias>责任科室</Alias>")
    t = by_name(mspdi_read.from_bytes(text.encode(), "a.xml", fields={"owner": "责任科室"}))
    assert getattr(t["Text9"], "owner") == "9"  # noqa: B009


@pytest.mark.parametrize(("fields", "code", "said"), [
    ({"owner": "Text31"}, "field", "--field owner=Text31: the file has no custom field named "
     "'Text31'; the custom fields it declares: Text1, Text2"),
    ({"owner": "Number3"}, "field", "--field owner=Number3: a Number3 field cannot be read "
     "as 'owner'; 'owner' comes from a TextN field only"),
    ({"budget": "Text3"}, "field", "--field budget=…: 'budget' is not a plan field a custom "
     "field can fill; use one of id, owner, tags, quantity"),
])
def test_field_naming_no_field_is_refused_in_one_sentence(fields: dict[str, str], code: str,
                                                          said: str) -> None:
    with pytest.raises(PlanError) as exc:
        mspdi_read.read(TEXTS, fields=fields)
    [d] = exc.value.diagnostics
    assert d.code == code and d.message.startswith(said)
    assert "--field" in d.render("zh") and "错误" in d.render("zh")


def test_our_own_export_still_reads_its_fields_and_round_trips(tmp_path: Path) -> None:
    project = Project.open(BUNDLED)
    data = mspdi_write.write(project).data
    imported = mspdi_read.from_bytes(data, "ours.xml")
    assert essence(check_folder(imported.files).plan) == essence(project.plan)
    assert not any(d.key == "mspdi.custom_ignored" for d in imported.warnings)


def test_our_fields_without_our_declarations_are_the_users(tmp_path: Path) -> None:
    # the same values in the same fields, but the file does not say they are ours: a file
    # some other tool filled (or ours with the declarations stripped)
    project = Project.open(BUNDLED)
    data = mspdi_write.write(project).data.decode()
    for _, alias in FIELDS.values():
        assert f"<Alias>{alias}</Alias>" in data
    stripped = re.sub(r"<ExtendedAttributes>.*?</ExtendedAttributes>", "", data, flags=re.S)
    imported = mspdi_read.from_bytes(stripped.encode(), "stripped.xml")
    assert [t.id for t in imported.plan.tasks] != [t.id for t in project.plan.tasks]
    assert not any(t.tags or t.quantity or t.ongoing for t in imported.plan.tasks)
    assert any(d.key == "mspdi.custom_ignored" for d in imported.warnings)
    # one alias changed by the user in MS Project: that field is theirs now
    renamed = data.replace(f"<Alias>{FIELDS['tags'][1]}</Alias>", "<Alias>分类</Alias>")
    back = mspdi_read.from_bytes(renamed.encode(), "renamed.xml").plan
    assert [t.id for t in back.tasks] == [t.id for t in project.plan.tasks]
    assert not any(t.tags for t in back.tasks) and any(t.tags for t in project.plan.tasks)


def test_cli_field_option(tmp_path: Path) -> None:
    out = tmp_path / "plan"
    result = invoke(["import", str(TEXTS), "-o", str(out), "--field", "owner=Text2",
                     "--field", "tags=Text3"])
    assert result.exit_code == 0, result.output
    plan = Project.open(out).plan
    assert plan.task("2").owner == "2" and plan.task("3").tags == ("3",)
    for args, said in [(["--field", "owner"], "is not plan-field=custom-field"),
                       (["--field", "owner=Text2", "--field", "owner=Text3"], "given twice")]:
        result = invoke(["import", str(TEXTS), "-o", str(tmp_path / "x"), *args])
        assert result.exit_code == 2 and said in result.stderr, result.output
    table = tmp_path / "t.csv"
    table.write_text("编号,任务,工期\na,甲,3\n", encoding="utf-8")
    result = invoke(["import", str(table), "-o", str(tmp_path / "y"), "--field", "owner=Text2"])
    assert result.exit_code == 2 and "has no custom fields" in result.stderr
    assert not (tmp_path / "x").exists() and not (tmp_path / "y").exists()


def test_a_mapped_id_that_cannot_be_an_id_is_a_warning() -> None:
    text = TEXTS.read_text(encoding="utf-8").replace("<Value>5</Value>", "<Value>五 5</Value>")
    imported = mspdi_read.from_bytes(text.encode(), "i.xml", fields={"id": "Text5"})
    assert getattr(by_name(imported)["Text5"], "id") == "5"  # noqa: B009 - its WBS
    [d] = [d for d in imported.warnings if d.key == "mspdi.field_bad_id"]
    assert d.message == "task 'Text5': its custom field id '五 5' cannot be an id (only " \
        "letters, digits and - _ ., each id once); '5' is used"
