"""Other programs' project files through MPXJ (planner/exchange/mpxj_convert.py): .mpp of
several MS Project versions, .mpx, Primavera .xer and P6 XML, GanttProject .gan and
ProjectLibre .pod, told by their content, converted by MPXJ and read by the MS Project XML
reader; compared task by task with the dates MPXJ itself reads from each file.

The files are in tests/fixtures/exchange/mpxj/ (README.md there names their sources). The
tests that run Java carry the `client` marker and skip without MPXJ or Java (except in CI);
the others (format detection, the refusal without MPXJ, the library API) run everywhere.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

import planner
from planner import Project, exchange
from planner.domain.diagnostics import ArgumentError, PlanError
from planner.exchange import mpxj_convert, mspdi_read
from planner.support.safewrite import OutputError
from tests import mpxj_dates
from tests.conftest import BUNDLED, invoke
from tests.exchange_plans import essence

FIXTURES = Path(__file__).parent / "fixtures" / "exchange" / "mpxj"

# Each file and the tasks whose dates differ from MPXJ's, unwarned, for a reason the MS
# Project XML reader does not handle yet (split tasks, stored starts dropped where there are
# no links) or that the files themselves hold. These sets may only shrink: a task off
# MPXJ's dates that is not listed fails the test.
FILES: dict[str, frozenset[str]] = {
    # 1.1: a duration of 100 days stored with dates 50 working days apart
    "sample98-project98.mpp": frozenset({"1.1"}),
    "splits9a-project2003.mpp": frozenset({"2", "3", "4", "5", "6", "7", "8", "9", "10",
                                           "11", "12", "13"}),  # split tasks' gaps dropped
    "relations-project2007.mpp": frozenset(),
    "relations-project2010.mpp": frozenset(),
    # 1.1 as in the .mpp; 3.12: MPX stores its finish as the next day, without a time
    "sample.mpx": frozenset({"1.1", "3.12"}),
    "percent-complete-p6-8.4.xer": frozenset(),
    "percent-complete-p6-8.4.xml": frozenset(),  # Primavera P6 XML
    # MPXJ reads the links of top-level GanttProject tasks only; the stored starts of the
    # others are dropped by the reader (kept as `start:` once it keeps them)
    "HouseBuildingSample.gan": frozenset({"0", "2", "3", "4", "5", "6", "t2", "t3", "t5",
                                          "t7", "t8", "t9", "t12", "t13", "t14", "t15",
                                          "t16", "t21", "t50"}),
    "街道工作计划.gan": frozenset({"0", "2", "t4"}),
}


@pytest.fixture(scope="module")
def java() -> Iterator[None]:
    """MPXJ on a running Java VM, or a skip (a failure in CI, where it must be there)."""
    if not mpxj_convert.available():
        if os.environ.get("CI"):
            pytest.fail("MPXJ and a Java runtime are required in CI")
        pytest.skip("MPXJ or a Java runtime is not installed")
    yield


# -- told by content, without Java --------------------------------------------------------------


@pytest.mark.parametrize(("head", "expected"), [
    (b"MPX,Microsoft Project for Windows,4.0,ANSI\r\n", "mpx"),
    (b"MPX;Microsoft Project for Windows;4.0;ANSI\r\n", "mpx"),
    (b"ERMHDR\t8.4\t2012-01-01\tProject\n", "xer"),
    (b'<?xml version="1.0"?>\n<APIBusinessObjects xmlns="http://xmlns.oracle.com">', "pmxml"),
    (b'<?xml version="1.0" encoding="UTF-8"?><project name="" webLink="">', "gan"),
    (b"\xac\xed\x00\x05t\x00\x051.0.0sr\x00", "pod"),
    (b"MPXJ,not a record\n", "csv"),  # an MPX file starts with the record MPX and a comma
    (b'<Project xmlns="http://schemas.microsoft.com/project">', "mspdi"),
])
def test_the_formats_converted_through_java_are_told_by_content(head: bytes,
                                                                 expected: str) -> None:
    assert exchange.sniff(head) == expected


def test_an_mpp_is_told_by_its_ole_header_and_nothing_else(tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    for name in ("plan.mpp", "PLAN.MPT"):
        (tmp_path / name).write_bytes(ole)
        assert exchange.detect(tmp_path / name).reader == "mpxj_convert"
    (tmp_path / "letter.doc").write_bytes(ole)
    (tmp_path / "short.mpp").write_bytes(b"\xd0\xcf")  # no MS Project file
    for name in ("letter.doc", "short.mpp"):
        with pytest.raises(exchange.Unknown, match="cannot tell the format"):
            exchange.detect(tmp_path / name)
    for suffix in (".mpx", ".xer", ".pod", ".gan"):  # the content tells, not the name
        (tmp_path / f"x{suffix}").write_text("nothing to see\n", encoding="utf-8")
        with pytest.raises(exchange.Unknown):
            exchange.detect(tmp_path / f"x{suffix}")


@pytest.mark.parametrize("missing", ["mpxj", "java"])
def test_without_java_or_the_extra_one_sentence_says_what_to_install(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, missing: str) -> None:
    def unavailable() -> None:
        raise mpxj_convert.MissingMpxj(missing, "not here")

    monkeypatch.setattr(mpxj_convert, "_classes", unavailable)
    path = tmp_path / "计划.xer"
    path.write_text("ERMHDR\t8.4\n", encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        planner.import_plan(path, tmp_path / "out")
    [d] = caught.value.diagnostics
    zh, en = d.render("zh"), d.render("en")
    assert zh.startswith(f"{path}：错误：读取此类文件需要")
    assert en.startswith(f"{path}: error: reading this kind of file needs")
    for text in (zh, en):
        assert "MS Project" in text and "ProjectLibre" in text and "XML" in text
        assert text.count("\n") == 0  # one sentence, no hint line
    assert ('pip install "planner-cpm[mpxj]"' in en) == (missing != "java")
    assert ("Java 8" in en) == (missing == "java") and "Java" in zh
    assert not (tmp_path / "out").exists()
    result = invoke(["import", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and "Traceback" not in result.output + result.stderr
    assert "reading this kind of file needs" in result.stderr


# -- the library API, without Java ----------------------------------------------------------------


def test_import_plan_and_export_plan_are_the_commands_in_code(tmp_path: Path) -> None:
    project = Project.open(BUNDLED)
    data = planner.export_plan(project, "mspdi")
    assert data == exchange.get("mspdi").write(project, None, project.plan.lang).data
    at = planner.export_plan(project, "mspdi", at=date(2023, 11, 7))
    assert b"<ActualStart>" in at and b"<ActualStart>" not in data
    with pytest.raises(ArgumentError, match=r"unknown export format 'pdf'; choose mspdi, "):
        planner.export_plan(project, "pdf")
    with pytest.raises(ArgumentError, match="plan workbook holds the plan, not progress"):
        planner.export_plan(project, "xlsx", at=date(2023, 11, 7))

    source = tmp_path / "yushan.xml"
    source.write_bytes(at)
    done = planner.import_plan(source, tmp_path / "plan")
    assert done.format.name == "mspdi" and done.warnings == ()
    assert sorted(p.name for p in done.written) == ["2023-11-07.yaml", "baseline.yaml",
                                                      "plan.yaml"]
    assert essence(Project.open(tmp_path / "plan").plan) == essence(project.plan)
    with pytest.raises(OutputError, match=r"exists?\b.* re-run with --force"):
        planner.import_plan(source, tmp_path / "plan")
    (tmp_path / "plan" / "status" / "2023-09-30.yaml").write_text(
        (BUNDLED / "status" / "2023-09-30.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    again = planner.import_plan(source, tmp_path / "plan", force=True)
    assert again.set_aside is not None  # the replaced plan's other snapshot moved aside
    assert again.set_aside.files == (Path("status/2023-09-30.yaml"),)
    assert (again.set_aside.backup / "status" / "2023-09-30.yaml").is_file()
    with pytest.raises(OutputError, match=r"folder .* does not exist"):
        planner.import_plan(source, tmp_path / "none" / "plan")
    with pytest.raises(PlanError, match="no such file"):
        planner.import_plan(tmp_path / "none.xml", tmp_path / "x")


def test_the_command_line_imports_through_the_library(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from planner.exchange import plans

    calls: list[Path] = []
    write = plans.write_folder

    def spy(imported: object, source: Path, folder: Path) -> object:
        calls.append(folder)
        return write(imported, source, folder)  # type: ignore[arg-type]

    monkeypatch.setattr(plans, "write_folder", spy)
    source = tmp_path / "p.xml"
    source.write_bytes(planner.export_plan(Project.open(BUNDLED), "mspdi"))
    result = invoke(["import", str(source), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.stderr
    assert calls == [tmp_path / "out"]


# -- real files through MPXJ ------------------------------------------------------------------


@pytest.mark.client
@pytest.mark.parametrize("name", sorted(FILES))
def test_each_file_imports_on_the_dates_mpxj_reads(java: None, tmp_path: Path,
                                                   name: str) -> None:
    path = FIXTURES / name
    assert exchange.detect(path).reader == "mpxj_convert"
    done = planner.import_plan(path, tmp_path / "plan")
    assert done.format is exchange.detect(path)
    warned = {d.task for d in done.warnings if d.task}
    found = mpxj_dates.compare(path, tmp_path / "plan", warned)
    assert found.names == ()  # every task, named as MPXJ reads it
    assert found.tasks == len(done.imported.plan.tasks) > 0
    assert set(found.off) <= FILES[name], found.off
    assert len(found.same) + len(found.warned) + len(found.off) == found.tasks
    # the same plan and warnings as the MS Project XML MPXJ writes for it
    from org.mpxj.mspdi import MSPDIWriter

    xml = tmp_path / "saved-as.xml"
    MSPDIWriter().write(mpxj_dates.read(path), str(xml))
    direct = mspdi_read.read(xml, "plan")
    via = "by `planner import` (converted to MS Project XML by MPXJ)."
    assert via in done.imported.files["plan.yaml"]  # the header says how it was read
    assert dict(direct.files) == {
        n: t.replace(str(path), str(xml)).replace(via, "by `planner import` (MS Project XML).")
        for n, t in done.imported.files.items()}
    assert [(d.key, d.task, d.values) for d in direct.warnings] == \
        [(d.key, d.task, d.values) for d in done.warnings]


@pytest.mark.client
def test_p6_xml_named_xml_is_read_without_a_warning_on_its_name(java: None,
                                                                 tmp_path: Path) -> None:
    path = FIXTURES / "percent-complete-p6-8.4.xml"
    result = invoke(["import", str(path), "-o", str(tmp_path / "plan")])
    assert result.exit_code == 0, result.stderr
    assert "read as" not in result.stderr and "(its content)" not in result.stderr
    assert "12 tasks imported" in result.stderr


@pytest.mark.client
def test_mpp_of_every_ms_project_generation_is_read(java: None, tmp_path: Path) -> None:
    kinds = {str(mpxj_dates.read(FIXTURES / n).getProjectProperties().getMppFileType())
             for n in FILES if n.endswith(".mpp")}
    assert kinds == {"8", "9", "12", "14"}  # Project 98, 2000–2003, 2007, 2010 and later


@pytest.mark.client
def test_chinese_names_come_through_java(java: None, tmp_path: Path) -> None:
    done = planner.import_plan(FIXTURES / "街道工作计划.gan", tmp_path / "plan")
    plan = Project.open(tmp_path / "plan").plan
    assert [t.name for t in plan.tasks] == ["人居环境整治", "摸底排查", "集中整治", "验收完成"]
    assert plan.lang == "zh" and plan.tasks[1].owner == "镇农办"
    assert done.imported.plan.tasks[-1].is_milestone


@pytest.mark.client
def test_a_pod_as_projectlibre_writes_it_imports(java: None, tmp_path: Path) -> None:
    """ProjectLibre 1.5.5 and later write a .pod as Java-serialised data, a separator and
    the plan as MS Project XML (ProjectLibre's LocalFileImporter). One is built here: the
    serialised data of a real ProjectLibre file (the start of the old .pod fixture), the
    separator, and the bundled plan's export (Chinese names, holidays, progress)."""
    project = Project.open(BUNDLED)
    pod = tmp_path / "玉山镇.pod"
    pod.write_bytes((FIXTURES / "projectlibre-old-head.pod").read_bytes()
                    + b"@@@@@@@@@@ProjectLibreSeparator_MSXML@@@@@@@@@@"
                    + planner.export_plan(project, "mspdi", at=date(2023, 11, 7)))
    assert exchange.detect(pod).reader == "mpxj_convert"
    done = planner.import_plan(pod, tmp_path / "plan")
    assert done.imported.status_date == date(2023, 11, 7)
    back = Project.open(tmp_path / "plan")
    assert essence(back.plan) == essence(project.plan)
    assert [(t.id, t.start, t.finish) for t in back.schedule().tasks] == \
        [(t.id, t.start, t.finish) for t in project.schedule().tasks]


@pytest.mark.client
def test_a_pod_older_than_projectlibre_1_5_5_is_refused_in_one_sentence(
        java: None, tmp_path: Path) -> None:
    path = FIXTURES / "projectlibre-old-head.pod"
    with pytest.raises(PlanError) as caught:
        planner.import_plan(path, tmp_path / "plan")
    [d] = caught.value.diagnostics
    assert d.key == "import.mpxj.unrecognised"
    assert "ProjectLibre 1.5.5" in d.in_lang("zh").hint and "另存为 XML" in d.in_lang("zh").hint
    result = invoke(["import", str(path), "-o", str(tmp_path / "plan")])
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert f"{path}: error: MPXJ does not recognise its content" in result.stderr
    assert not (tmp_path / "plan").exists()


@pytest.mark.client
def test_a_file_mpxj_cannot_read_is_refused_with_its_reason(java: None, tmp_path: Path) -> None:
    path = FIXTURES / "password-protected-project2003.mpp"
    result = invoke(["import", str(path), "-o", str(tmp_path / "plan")])
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert f"{path}: error: the file has a password; it cannot be read" in result.stderr
    assert "save it without the password" in result.stderr
    assert not (tmp_path / "plan").exists()
    broken = tmp_path / "damaged.mpp"  # an MS Project 2010 file with its middle zeroed
    data = bytearray((FIXTURES / "relations-project2010.mpp").read_bytes())
    data[4096:-4096] = bytes(len(data) - 8192)
    broken.write_bytes(bytes(data))
    result = invoke(["import", str(broken), "-o", str(tmp_path / "plan")])
    assert result.exit_code == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"{broken}: error: MPXJ " in result.stderr and not (tmp_path / "plan").exists()


@pytest.mark.client
def test_the_command_line_imports_an_mpp_named_in_chinese_saying_nothing_of_java(
        java: None, tmp_path: Path) -> None:
    """In a process of its own, under the C locale: the Java VM writes to the real standard
    error, and a JVM under that locale cannot open a file named in Chinese itself."""
    import shutil
    import subprocess
    import sys

    path = tmp_path / "进度计划.mpp"
    shutil.copy(FIXTURES / "relations-project2010.mpp", path)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1]), "LC_ALL": "C",
           "LANG": "C"}
    run = subprocess.run([sys.executable, "-m", "planner", "import", str(path), "-o",
                          str(tmp_path / "plan")], capture_output=True, text=True, env=env,
                         encoding="utf-8", check=False)
    assert run.returncode == 0, run.stderr
    # the summary line alone: no Log4j or JVM noise
    assert run.stderr.splitlines() == [f"5 tasks imported from {path}"], run.stderr
    plan = Project.open(tmp_path / "plan").plan
    assert [t.name for t in plan.tasks] == [f"Task {n}" for n in range(1, 6)]
