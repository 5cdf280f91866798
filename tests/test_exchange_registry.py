"""The table of other programs' formats: one shape for every format, round trips, and
telling a file's format by its content."""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

from planner import Project, exchange
from planner.exchange.exported import Exported
from planner.exchange.imported import check_folder
from tests.conftest import BUNDLED, invoke
from tests.exchange_plans import essence

BOTH = [f.name for f in exchange.FORMATS if f.reads and f.writes]


def test_every_format_has_the_same_shape() -> None:
    names = [f.name for f in exchange.FORMATS]
    assert len(set(names)) == len(names)
    assert {"mspdi", "xlsx", "csv", "ics"} <= set(names)
    for f in exchange.FORMATS:
        assert f.reads or f.writes
        assert all(s.startswith(".") and s == s.lower() for s in f.suffixes)
        assert all(f.describe(lang) and f.about[i] for i, lang in enumerate(("zh", "en")))
        if f.needs_mpxj:  # read by the MPXJ converter, which may not be installed
            assert f.reader == exchange.MPXJ_READER and f.save_as is not None
        elif f.reader:
            read = importlib.import_module(f"planner.exchange.{f.reader}").read
            assert list(inspect.signature(read).parameters)[:2] == ["path", "fallback_id"]
        if f.writer:
            write = importlib.import_module(f"planner.exchange.{f.writer}").write
            assert list(inspect.signature(write).parameters)[:3] == ["project", "at", "lang"]
    suffixes = [s for f in exchange.readers() for s in f.suffixes]
    assert len(set(suffixes)) == len(suffixes)  # a suffix names one importable format


@pytest.mark.parametrize("name", BOTH)
def test_every_format_that_reads_and_writes_round_trips(tmp_path: Path, name: str) -> None:
    fmt = exchange.get(name)
    project = Project.open(BUNDLED)
    written = fmt.write(project, None, "zh")
    assert isinstance(written, Exported) and written.count == len(project.plan.tasks)
    path = tmp_path / f"plan.{fmt.suffix}"
    path.write_bytes(written.data)
    assert exchange.detect(path) is fmt
    imported = fmt.read(path, "back")
    assert essence(check_folder(imported.files).plan) == essence(project.plan)


def test_a_writer_that_takes_no_data_date_says_so() -> None:
    from datetime import date

    xlsx = exchange.get("xlsx")
    assert xlsx.at is None
    with pytest.raises(ValueError, match="no data date"):
        xlsx.write(Project.open(BUNDLED), date(2023, 11, 7))
    assert exchange.get("ics").write(Project.open(BUNDLED)).count > 0


@pytest.mark.parametrize("name", BOTH)
def test_a_misleading_suffix_is_read_by_the_content(tmp_path: Path, name: str) -> None:
    fmt = exchange.get(name)
    other = next(f for f in exchange.readers() if f.reader != fmt.reader)
    path = tmp_path / f"plan{other.suffixes[0]}"
    path.write_bytes(fmt.write(Project.open(BUNDLED)).data)
    assert exchange.detect(path) is fmt
    folder = tmp_path / "out"
    result = invoke(["import", str(path), "-o", str(folder)])
    assert result.exit_code == 0, result.output
    assert f"read as {fmt.describe()} (its content)" in result.stderr
    assert essence(Project.open(folder).plan) == essence(Project.open(BUNDLED).plan)


@pytest.mark.parametrize(("head", "expected"), [
    (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
     b'<Project xmlns="http://schemas.microsoft.com/project"><Name>x</Name>', "mspdi"),
    (b"\xef\xbb\xbf<!-- saved by a tool -->\n<Project><Tasks/></Project>", "mspdi"),
    ('<Project xmlns="http://schemas.microsoft.com/project">'.encode("utf-16"), "mspdi"),
    (b"<html><body>Project</body></html>", None),
    (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", "ics"),
    (b"PK\x03\x04\x14\x00", "xlsx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "xlsx"),
    ("编号,任务,工期\na,甲,3\n".encode("gbk"), "csv"),
    ("编号\t任务\t工期\n".encode("utf-16"), "csv"),
    (b"plan:\n  id: x\n", None),
    (b"\x00\x01\x02\x03", None),
    (b"", None),
])
def test_sniff_tells_a_format_by_its_first_bytes(head: bytes, expected: str | None) -> None:
    assert exchange.sniff(head) == expected


def test_unknown_content_is_refused_naming_the_file(tmp_path: Path) -> None:
    odd = tmp_path / "plan.dat"
    odd.write_bytes(b"\x00\x01binary\x02")
    with pytest.raises(exchange.Unknown) as caught:
        exchange.detect(odd)
    assert str(caught.value).startswith(f"{odd}: cannot tell the format")
    assert "MS Project XML (.xml)" in str(caught.value)
    result = invoke(["import", str(odd), "-o", str(tmp_path / "x")])
    assert result.exit_code == 2 and str(odd) in result.stderr
    assert "cannot tell the format" in result.stderr and "Traceback" not in result.output


def test_a_calendar_or_an_mpp_file_without_java_is_refused_clearly(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from planner.exchange import mpxj_convert

    ics = tmp_path / "deadlines.csv"  # a calendar, whatever its name
    ics.write_bytes(exchange.get("ics").write(Project.open(BUNDLED)).data)
    with pytest.raises(exchange.Unreadable, match="is a calendar file; planner writes"):
        exchange.detect(ics)

    def missing() -> None:
        raise mpxj_convert.MissingMpxj("java", "no Java here")

    monkeypatch.setattr(mpxj_convert, "_classes", missing)
    mpp = tmp_path / "road.mpp"
    mpp.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    result = invoke(["import", str(mpp), "-o", str(tmp_path / "x")])
    assert result.exit_code == 1 and f"{mpp}: error: reading this kind of file needs a Java " \
        "runtime" in result.stderr
    assert "Save As > XML" in result.stderr and not (tmp_path / "x").exists()


def test_a_csv_with_another_name_is_read_as_a_table(tmp_path: Path) -> None:
    path = tmp_path / "tasks.dat"
    path.write_text("编号,任务,工期,开始\na,甲,3,2024-03-04\n", encoding="utf-8")
    assert exchange.detect(path).name == "csv"
    assert [t.id for t in exchange.detect(path).read(path, "t").plan.tasks] == ["a"]


def test_the_command_line_lists_the_registered_formats() -> None:
    result = invoke(["export", "--help"], terminal_width=200)
    for f in exchange.writers():
        assert f.name in result.stdout
    result = invoke(["export", str(BUNDLED), "-f", "csv"])
    assert result.exit_code == 2  # read, not written


def test_the_registry_loads_no_format_until_used() -> None:
    code = ("import sys, planner.exchange as x; x.detect; x.FORMATS; "
            "print(sorted(m for m in sys.modules if m.startswith('planner.exchange.') "
            "or m in ('openpyxl', 'defusedxml', 'icalendar')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


# -- other planning programs' files: told by content, read through MPXJ ------------------------

FIXTURES = Path(__file__).parent / "fixtures" / "exchange"


@pytest.mark.parametrize(("head", "expected"), [
    (b"MPX,Microsoft Project for Windows,4.0,ANSI\r\n10,Pfennig", "mpx"),  # not a CSV
    (b"ERMHDR\t8.4\t2012-01-01\tProject\tadmin\r\n", "xer"),  # not a tab-separated table
    (b'<?xml version="1.0"?>\n<APIBusinessObjects xmlns="http://xmlns.oracle.com">', "pmxml"),
    (b'<?xml version="1.0" encoding="UTF-8"?>\n<project name="x" company="" '
     b'webLink="http://" view-date="2024-01-01" version="3.2">', "gan"),
    (b'<?xml version="1.0"?>\n<project name="" company="" mrproject-version="2" '
     b'calendar="1">', "planner"),
    (b"\xac\xed\x00\x05sr\x00\x1acom.projity", "pod"),
    (b"\x00\x01\x00\x00Standard Jet DB\x00", "mpd"),
    (b'<?xml version="1.0"?><project><tasks/></project>', None),  # some other <project>
])
def test_sniff_tells_other_planning_programs_files(head: bytes, expected: str | None) -> None:
    assert exchange.sniff(head) == expected


def test_a_p6_xml_file_of_the_corpus_is_told_by_its_content(tmp_path: Path) -> None:
    # an .xml whose root is Primavera's: refused as P6 XML, not as "not MS Project XML"
    path = FIXTURES / "PredecessorCalendar.xml"
    assert exchange.detect(path).name == "pmxml"
    mpp = tmp_path / "road.mpp"
    mpp.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert exchange.detect(mpp).name == "mpp"


@pytest.mark.parametrize(("name", "head", "save_as"), [
    ("road.mpp", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, True),
    ("road.mpx", b"MPX,Microsoft Project for Windows,4.0,ANSI\r\n", True),
    ("road.pod", b"\xac\xed\x00\x05" + b"\x00" * 60, True),
    ("road.xer", b"ERMHDR\t8.4\r\n", False),
    ("road.gan", b'<?xml version="1.0"?><project name="x" webLink="http://"><tasks/>'
     b"</project>", False),
])
def test_without_mpxj_one_sentence_says_what_to_install(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, head: bytes,
        save_as: bool) -> None:
    path = tmp_path / name
    path.write_bytes(head)
    fmt = exchange.detect(path)
    assert fmt.needs_mpxj and fmt.reader == exchange.MPXJ_READER
    monkeypatch.setitem(sys.modules, f"planner.exchange.{exchange.MPXJ_READER}", None)
    for lang, said in (("C.UTF-8", ("planner reads these through MPXJ; install Java and run "
                                    'pip install "planner-cpm[mpxj]", ',
                                    "save it as XML" if save_as else "export it as MS Project "
                                    "XML")),
                       ("zh_CN.UTF-8", ("需经 MPXJ 转换读取：请安装 Java 运行环境后运行"
                                        "“pip install \"planner-cpm[mpxj]\"”",
                                        "“另存为 XML”" if save_as else "导出为 MS Project XML"))):
        for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
            monkeypatch.delenv(var, raising=False)
        monkeypatch.setenv("LANG", lang)
        result = invoke(["import", str(path), "-o", str(tmp_path / "x")])
        assert result.exit_code == 1, result.output
        [line, *_] = result.stderr.splitlines()
        assert line.startswith(str(path)) and all(s in line for s in said), line
        assert "Traceback" not in result.output and not (tmp_path / "x").exists()


def test_the_mpxj_hook_reads_through_the_converter_with_the_options(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import types

    calls: list[tuple[object, ...]] = []
    module = types.ModuleType(f"planner.exchange.{exchange.MPXJ_READER}")

    def read(path: Path, fallback_id: str = "imported", **options: object) -> object:
        calls.append((path, fallback_id, options))
        return "converted"

    module.read = read  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    path = tmp_path / "road.xer"
    path.write_bytes(b"ERMHDR\t8.4\r\n")
    fmt = exchange.detect(path)
    assert fmt.read(path, "road", fields={"owner": "Text3"}) == "converted"  # type: ignore[comparison-overlap]
    assert calls == [(path, "road", {"fields": {"owner": "Text3"}})]
    with pytest.raises(ValueError, match="no option"):
        exchange.get("csv").read(path, "road", fields={})


def test_the_unknown_format_message_names_what_mpxj_reads(tmp_path: Path) -> None:
    odd = tmp_path / "plan.dat"
    odd.write_bytes(b"\x00\x01binary\x02")
    with pytest.raises(exchange.Unknown) as caught:
        exchange.detect(odd)
    assert "; through MPXJ (with Java and planner-cpm[mpxj]) also .mpp, .mpt, .mpx" \
        in str(caught.value)
    assert "经 MPXJ 转换" in caught.value.in_lang("zh")
