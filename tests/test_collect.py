"""Collecting returned forms in a real month: blank cells, read-only cells, a plan changed
after the forms went out, one bad file among good ones, and a unit's correction."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from planner import Project
from planner.domain.diagnostics import PlanError, Severity
from planner.exchange.forms_read import read_forms
from planner.exchange.forms_write import write_forms
from planner.i18n.labels import label
from tests.conftest import BUNDLED, invoke
from tests.test_forms import (
    DAY,
    SMALL_DAY,
    ZH,
    changed,
    fill,
    letter,
    problems,
    row_of,
    save,
    sheet,
    small,
)


@pytest.fixture
def yushan(tmp_path: Path) -> Project:
    shutil.copytree(BUNDLED, tmp_path / "yushan")
    return Project.open(tmp_path / "yushan")


def cell(path: Path, task: str, key: str) -> str:
    """A cell's reference as the reader gives it: ``FILE 进度填报!L7``."""
    return f"{path} 进度填报!{letter(key)}{row_of(sheet(path), task)}"


def found(warnings: tuple[object, ...]) -> list[tuple[str, str, str]]:
    """Each finding's code, place and message as a zh user reads it."""
    return [(d.code, str(d.location), d.in_lang("zh").message)  # type: ignore[attr-defined]
            for d in warnings]


# -- blank cells and the word that clears ---------------------------------------------------


def test_a_blank_cell_changes_nothing(yushan: Project) -> None:
    """The issue's case: a unit clears a percent (sewage-yuekeng's 15) and writes a note.
    The percent stays 15, and the task keeps its late flags (the new note is news: it is
    no longer stalled)."""
    before = {f.name for f in yushan.track(DAY).task("sewage-yuekeng").flags}
    assert {"behind", "slipping"} <= before
    form = save(write_forms(yushan, DAY, owners=["镇治水办"]), yushan.folder / "forms")[
        "镇治水办.xlsx"]
    fill(form, {("sewage-yuekeng", "percent"): None, ("sewage-yuekeng", "remaining"): None,
                ("sewage-yuekeng", "note"): "补助资金已到位"})
    got = read_forms(yushan, [form])
    assert changed(got)["sewage-yuekeng"] == {"note": "补助资金已到位"}
    assert ("sewage-yuekeng", "note", "等待县级补助资金拨付，暂停施工", "补助资金已到位") \
        in got.changes
    assert got.warnings == ()
    yushan.record(got.day, got.entries)
    again = Project.open(yushan.folder)
    yuekeng = again.snapshot(DAY).of("sewage-yuekeng")  # type: ignore[union-attr]
    assert yuekeng is not None and (yuekeng.percent, yuekeng.note) == (15, "补助资金已到位")
    assert {"behind", "slipping"} <= {f.name for f in again.track(DAY).task(
        "sewage-yuekeng").flags}


def test_a_blank_note_keeps_the_note(tmp_path: Path) -> None:
    project = small(tmp_path)
    form = save(write_forms(project, SMALL_DAY), tmp_path / "forms")["镇农办.xlsx"]
    fill(form, {("t1", "percent"): 40, ("t1", "note"): None, ("t9", "spent"): None,
                ("t9", "done"): None})
    got = read_forms(project, [form])
    assert changed(got) == {"t1": {"percent": 40, "note": "=1+1 不是公式"}}


@pytest.mark.parametrize(("header", "word", "sheet_name", "message"), [
    (ZH, "清除", "进度填报", "任务 't1' 的完成百分比填写了“清除”：删去已报告的 30"),
    (ZH.replace("  lang: zh\n", ""), " Clear ", "Progress",
     "task 't1': percent complete says 'clear': the reported 30 is removed"),
], ids=["zh", "en"])
def test_the_word_clear_removes_a_value_with_a_warning(
        tmp_path: Path, header: str, word: str, sheet_name: str, message: str) -> None:
    project = small(tmp_path, header=header)
    form = save(write_forms(project, SMALL_DAY), tmp_path / "forms")["镇农办.xlsx"]
    # t2 has nothing recorded: clearing it changes nothing and says nothing
    fill(form, {("t1", "percent"): word, ("t2", "spent"): "清除"})
    got = read_forms(project, [form])
    assert changed(got) == {"t1": {"percent": None, "note": "=1+1 不是公式"}}
    assert got.changes == (("t1", "percent", 30, None),)
    lang = "zh" if sheet_name == "进度填报" else "en"
    assert [(d.code, str(d.location), d.in_lang(lang).message, d.severity)
            for d in got.warnings] == [
        ("cleared", f"{form} {sheet_name}!L5", message, Severity.WARNING)]
    after = project.record(got.day, got.entries, dry_run=True).after.of("t1")
    assert after is not None and after.percent is None and after.started == date(2023, 7, 3)


def test_the_instructions_have_lines_for_the_words() -> None:
    assert "清除" in label("form.help.clear", "zh") and "'clear'" in label("form.help.clear", "en")
    assert "更正" in label("form.help.correct", "zh")


# -- read-only cells -----------------------------------------------------------------------------


def test_changed_read_only_cells_are_warned_by_cell(tmp_path: Path) -> None:
    """The plan's tasks start 2023-07-03 and take 10 working days: baseline finish
    2023-07-14. A unit types over it, over a name, a deadline, and puts a percent on a
    quantity task (which takes the quantity done): nothing of it is read, each is said."""
    project = small(tmp_path)
    form = save(write_forms(project, SMALL_DAY), tmp_path / "forms")["镇农办.xlsx"]
    fill(form, {("t1", "baseline_finish"): date(2023, 8, 1), ("t2", "name"): "对接施工单位",
                ("t3", "deadline"): "2023-07-20", ("t9", "percent"): 40,
                ("t4", "percent"): 20, ("t4", "started"): date(2023, 7, 10)})
    got = read_forms(project, [form])
    assert changed(got) == {"t4": {"percent": 20, "started": date(2023, 7, 10)}}
    assert found(got.warnings) == [
        ("read-only", f"{form} 进度填报!D5",
         "任务 't1' 的计划完成被改动（表上为 2023-08-01，制表时为 2023-07-14）；只读列不读取"),
        ("read-only", f"{form} 进度填报!B6",
         "任务 't2' 的名称与当前计划不符（表上为“对接施工单位”，计划为“对接施工方”）；"
         "只读列不读取，进度按编号记入"),
        ("read-only", f"{form} 进度填报!E7",
         "任务 't3' 的期限与当前计划不符（表上为 2023-07-20，计划为 —）；只读列不读取，"
         "进度按编号记入"),
        ("read-only", f"{form} 进度填报!L13",
         "任务 't9' 的完成百分比被改动（表上为 40，制表时为 —）；只读列不读取"),
    ]
    # in English, wholly: the column too
    english = {d.message for d in got.warnings}
    assert "task 't1': baseline finish was changed (to 2023-08-01, the form had 2023-07-14); " \
        "read-only columns are not read" in english


# -- a plan changed after the forms went out --------------------------------------------------


def test_a_form_made_before_a_plan_change_is_read_row_by_row(tmp_path: Path) -> None:
    """After the forms went out: t1 renamed, t3 made longer (its finish moves from
    2023-07-14 to 2023-07-18), t4 removed, t5 given to another unit. The form is not
    refused: t1, t3 and t5 are collected with a warning each, t4 is left out, at its cell."""
    project = small(tmp_path)
    form = save(write_forms(project, SMALL_DAY), tmp_path / "forms")["镇农办.xlsx"]
    fill(form, {("t1", "percent"): 45, ("t3", "started"): date(2023, 7, 5),
                ("t4", "started"): date(2023, 7, 5), ("t5", "started"): date(2023, 7, 6)})
    plan = project.folder / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    for old, new in [("name: 组建专班", "name: 组建工作专班"),
                     ("name: 场地平整\n    owner: 镇农办\n    duration: 10",
                      "name: 场地平整\n    owner: 镇农办\n    duration: 12"),
                     ("  - id: t4\n    name: 主体建设\n    owner: 镇农办\n    duration: 10\n", ""),
                     ("name: 设备采购\n    owner: 镇农办", "name: 设备采购\n    owner: 镇建设办")]:
        assert old in text
        text = text.replace(old, new)
    plan.write_text(text, encoding="utf-8")
    now = Project.open(project.folder)
    got = read_forms(now, [form])
    assert changed(got) == {"t1": {"percent": 45, "note": "=1+1 不是公式"},
                            "t3": {"started": date(2023, 7, 5)},
                            "t5": {"started": date(2023, 7, 6)}}
    sheet_ = f"{form} 进度填报!"
    assert found(got.warnings) == [
        ("read-only", sheet_ + "B5",
         "任务 't1' 的名称与当前计划不符（表上为“组建专班”，计划为“组建工作专班”）；"
         "只读列不读取，进度按编号记入"),
        ("moved", sheet_ + "C7",
         "任务 't3' 的计划日期在制表后已调整（制表时 2023-07-03—2023-07-14，"
         "现为 2023-07-03—2023-07-18）；进度照常记入"),
        ("removed-task", sheet_ + "A8", "任务 't4' 已在制表后从计划中删除，本行未录入"),
        ("not-owner", sheet_ + "A9", "任务 't5' 在制表后已改由 镇建设办 负责；本行仍按这张表录入"),
    ]
    assert now.record(got.day, got.entries, dry_run=True).after.of("t3") is not None


def test_a_form_still_reads_after_the_baseline_is_saved_again(yushan: Project) -> None:
    """The baseline saved, the forms sent, then a task's finish changed in the plan and
    the baseline saved again: the returned form is collected; the moved task is said, the
    others are not."""
    yushan.save_baseline()
    form = save(write_forms(yushan, DAY, owners=["镇治水办"]), yushan.folder / "forms")[
        "镇治水办.xlsx"]
    fill(form, {("sewage-yuekeng", "percent"): 30})
    plan = yushan.folder / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    old = "提前谋划线路\n" + "".join(plan.read_text(encoding="utf-8").split("提前谋划线路\n")[1]
                                   .splitlines(keepends=True)[:5])
    assert old.endswith("finish: 2023-12-31\n")
    assert text.count(old) == 1
    plan.write_text(text.replace(old, old.replace("12-31", "12-15")), encoding="utf-8")
    again = Project.open(yushan.folder)
    assert again.save_baseline(force=True).written
    got = read_forms(Project.open(yushan.folder), [form])
    assert changed(got) == {"sewage-yuekeng": {"percent": 30,
                                               "note": "等待县级补助资金拨付，暂停施工"}}
    assert [(d.code, d.task, d.in_lang("zh").message) for d in got.warnings] == [
        ("moved", "sewage-taidi", "任务 'sewage-taidi' 的计划日期在制表后已调整（制表时 "
         "2023-07-03—2023-12-29，现为 2023-07-03—2023-12-15）；进度照常记入")]


def test_a_row_added_for_an_unknown_task_is_still_an_error(tmp_path: Path) -> None:
    project = small(tmp_path)
    form = save(write_forms(project, SMALL_DAY), tmp_path / "forms")["镇农办.xlsx"]

    def extra_row(ws: openpyxl.worksheet.worksheet.Worksheet) -> None:
        ws["A20"] = "t4"  # the plan has it, but not this form's row: the unit added it
        ws[f"{letter('percent')}20"] = 10

    fill(form, {}, edit=extra_row)
    plan = project.folder / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "  - id: t4\n    name: 主体建设\n    owner: 镇农办\n    duration: 10\n", ""),
        encoding="utf-8")
    found_ = problems(Project.open(project.folder), [form])
    assert [(d.code, str(d.location)) for d in found_] == [
        ("unknown-task", f"{form} 进度填报!A20")]


# -- one bad file among good ones ---------------------------------------------------------------


def test_one_bad_form_does_not_block_the_others(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    shutil.copytree(BUNDLED, folder)
    out = tmp_path / "forms"
    assert invoke(["forms", str(folder), "--at", "2023-11-30", "-o", str(out)]).exit_code == 0
    every = sorted(out.glob("*.xlsx"))
    assert len(every) == 14
    fill(out / "镇治水办.xlsx", {("sewage-yuekeng", "percent"): 30})
    fill(out / "镇农办.xlsx", {("six-village-build", "percent"): 150,
                               ("env-living", "note"): "已验收"})
    snapshot = folder / "status" / "2023-11-30.yaml"
    summary = "已录入 13 张填报表（共 14 张）；请修改 镇农办.xlsx 后再汇总一次"
    dry = invoke(["collect", str(folder), *map(str, every), "--dry-run"])
    assert dry.exit_code == 1, dry.output
    assert "将录入 13 张填报表（共 14 张）；请修改 镇农办.xlsx 后再汇总一次" \
        "（试运行，未写入）" in dry.stderr
    assert "sewage-yuekeng：完成百分比 15 → 30" in dry.stdout and not snapshot.exists()
    result = invoke(["collect", str(folder), *map(str, every)])
    assert result.exit_code == 1 and summary in result.stderr
    assert f"{out / '镇农办.xlsx'} 进度填报!L" in result.stderr  # the bad cell, by file
    assert "完成百分比 150 超出 0–100" in result.stderr
    written = snapshot.read_text(encoding="utf-8")
    assert "sewage-yuekeng: {started:" in written and "percent: 30" in written
    assert "six-village-build" not in written and "已验收" not in written
    # the fixed file, collected later, goes into the same snapshot
    fill(out / "镇农办.xlsx", {("six-village-build", "percent"): 70})
    fixed = invoke(["collect", str(folder), str(out / "镇农办.xlsx")])
    assert fixed.exit_code == 0, fixed.output
    written = snapshot.read_text(encoding="utf-8")
    assert "percent: 30" in written and "percent: 70" in written and "已验收" in written


def test_force_adds_to_a_snapshot_collect_did_not_make(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    shutil.copytree(BUNDLED, folder)
    out = tmp_path / "forms"
    assert invoke(["forms", str(folder), "--at", "2023-11-30", "-o", str(out),
                   "--owner", "镇治水办"]).exit_code == 0
    fill(out / "镇治水办.xlsx", {("sewage-yuekeng", "percent"): 30})
    assert invoke(["update", str(folder), "econ-land", "--at", "2023-11-30",
                   "--note", "已报批"]).exit_code == 0
    refused = invoke(["collect", str(folder), str(out / "镇治水办.xlsx")])
    assert refused.exit_code == 1 and "[exists]" in refused.stderr
    assert invoke(["collect", str(folder), str(out / "镇治水办.xlsx"), "--force"]
                  ).exit_code == 0
    written = (folder / "status" / "2023-11-30.yaml").read_text(encoding="utf-8")
    assert "percent: 30" in written and "已报批" in written


def test_every_form_bad_writes_nothing(tmp_path: Path) -> None:
    project = small(tmp_path)
    forms = save(write_forms(project, SMALL_DAY), tmp_path / "forms")
    fill(forms["镇农办.xlsx"], {("t1", "percent"): "abc"})
    fill(forms["镇宣传办.xlsx"], {("t10", "percent"): 150})
    found_ = problems(project, list(forms.values()))
    assert [d.code for d in found_] == ["form", "form"]
    fill(forms["镇宣传办.xlsx"], {("t10", "percent"): 50, ("t10", "started"): SMALL_DAY})
    got = read_forms(project, [forms["镇农办.xlsx"], forms["镇宣传办.xlsx"],
                               tmp_path / "missing.xlsx"], partial=True)
    assert [p.name for p, _ in got.refused] == ["镇农办.xlsx", "missing.xlsx"]
    assert (got.day, list(got.entries), got.recorded) == (SMALL_DAY, ["t10"],
                                                           (forms["镇宣传办.xlsx"],))
    with pytest.raises(PlanError):  # nothing to record: refused as a whole
        read_forms(project, [tmp_path / "missing.xlsx", forms["镇农办.xlsx"]], partial=True)


# -- progress going back: said at the form's cell -------------------------------------------------


def test_lower_progress_from_a_form_is_said_at_its_cell(yushan: Project) -> None:
    form = save(write_forms(yushan, DAY, owners=["镇治水办"]), yushan.folder / "forms")[
        "镇治水办.xlsx"]
    fill(form, {("sewage-taidi", "percent"): 40})
    got = read_forms(yushan, [form])
    assert got.cells["sewage-taidi"]["percent"].file == cell(form, "sewage-taidi", "percent")
    warnings = yushan.record(got.day, got.entries, dry_run=True, cells=got.cells).warnings
    assert [(d.code, str(d.location)) for d in warnings] == [
        ("backwards", cell(form, "sewage-taidi", "percent"))]
    zh = warnings[0].render("zh")
    assert "任务 'sewage-taidi'：完成百分比 40 低于" in zh and "报告的 52" in zh
    assert "提示：如之前的报告有误，请在表中该行进展说明的开头写“更正：”，再汇总一次" in zh
    assert "correct: true" not in zh and "correct: true" not in warnings[0].hint
    # the same report typed into the status file keeps its YAML hint
    plain = yushan.record(got.day, got.entries, dry_run=True).warnings
    assert "add 'correct: true' to this entry" in plain[0].hint
    # marked as a correction in the form: recorded as one, and no warning
    fill(form, {("sewage-taidi", "note"): "更正：上次误报为52%"})
    got = read_forms(yushan, [form])
    assert got.entries["sewage-taidi"]["correct"] is True
    assert yushan.record(got.day, got.entries, dry_run=True, cells=got.cells).warnings == ()


def test_collect_says_lower_progress_at_the_cell(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    shutil.copytree(BUNDLED, folder)
    out = tmp_path / "forms"
    assert invoke(["forms", str(folder), "--at", "2023-11-30", "-o", str(out),
                   "--owner", "镇治水办"]).exit_code == 0
    form = fill(out / "镇治水办.xlsx", {("sewage-taidi", "percent"): 40})
    result = invoke(["collect", str(folder), str(form)])
    assert result.exit_code == 0, result.output
    ref = cell(form, "sewage-taidi", "percent")
    assert f"{ref}：警告：任务 'sewage-taidi'：完成百分比 40 低于" in result.stderr
    assert "提示：如之前的报告有误，请在表中该行进展说明的开头写“更正：”" in result.stderr
    assert not re.search(r"2023-11-30\.yaml:\d+:\d+", result.stderr)  # no YAML line


def test_every_finding_of_the_reader_is_in_the_diagnostics_table() -> None:
    """Each `forms.KEY` the reader says (error, warning, said) has both languages."""
    import planner.exchange.forms_read as reader
    from planner.i18n.diagnostics import LABELS

    source = Path(reader.__file__).read_text(encoding="utf-8")
    keys = set(re.findall(r"(?:error|warning|said)\(\s*\"[\w-]+\",\s*\"(\w+)\"", source))
    assert {"not_number", "cleared", "readonly", "moved", "removed", "kept"} <= keys
    assert {k for k in keys if f"forms.{k}" not in LABELS} == set()


def test_the_summary_of_a_partial_collect_in_english(tmp_path: Path) -> None:
    project = small(tmp_path, header=ZH.replace("  lang: zh\n", ""))
    forms = save(write_forms(project, SMALL_DAY), tmp_path / "forms")
    fill(forms["镇农办.xlsx"], {("t1", "percent"): 45})
    fill(forms["镇宣传办.xlsx"], {("t10", "percent"): "half"})
    result = invoke(["collect", str(project.folder), *map(str, forms.values())])
    assert result.exit_code == 1
    assert f"{forms['镇宣传办.xlsx']} Progress!L5: error: percent complete 'half' is not a " \
        "number [form]" in result.stderr
    assert result.stderr.rstrip().endswith(
        "recorded 1 of 2 forms; fix 镇宣传办.xlsx and collect it again")
    written = (project.folder / "status" / "2023-07-14.yaml").read_text(encoding="utf-8")
    assert written.startswith("# planner collect: recorded from progress forms (data date "
                              "2023-07-14)\n") and "percent: 45" in written


# -- was an unchanged form returned? its document properties say --------------------------------


def test_a_form_is_known_saved_since_made_by_its_document_properties() -> None:
    from datetime import datetime, timedelta

    from planner.exchange.forms_read import saved_since_made
    from planner.exchange.sheets import Saved

    made = datetime(2023, 11, 24, 9, 0, 0)
    ours = Saved("Microsoft Excel Compatible / Openpyxl 3.1.5", "planner", None, made, made)
    assert not saved_since_made(ours)  # as `planner forms` wrote it
    assert not saved_since_made(ours._replace(modified=made + timedelta(seconds=40)))
    assert saved_since_made(ours._replace(modified=made + timedelta(minutes=2)))
    assert saved_since_made(ours._replace(application="Microsoft Excel"))
    assert saved_since_made(ours._replace(
        application="LibreOffice/7.4.7.2$Linux_X86_64 LibreOffice_project/40$Build-2"))
    assert saved_since_made(ours._replace(application=None))  # no app.xml: not ours
    assert saved_since_made(ours._replace(modified_by="张三"))
    assert not saved_since_made(ours._replace(modified_by="planner"))
    assert saved_since_made(None)  # a CSV: forms are made as workbooks only


def test_the_workbook_reader_gives_the_forms_document_properties(yushan: Project,
                                                                  tmp_path: Path) -> None:
    from planner.exchange.sheets import open_book

    path = tmp_path / "f.xlsx"
    path.write_bytes(write_forms(yushan, date(2023, 11, 30), ["镇党建办"])["镇党建办.xlsx"])
    with open_book(path, "zh") as book:
        saved = book.saved_with()
    assert saved is not None and saved.creator == "planner" and saved.modified_by is None
    assert saved.application is not None and "Openpyxl" in saved.application
    assert saved.created is not None and saved.modified is not None
    assert abs((saved.modified - saved.created).total_seconds()) < 60


@pytest.mark.parametrize(("app", "refused"), [
    (b"<Properties><Application>WPS", False),  # damaged: the program is not known
    (b'<!DOCTYPE p [<!ENTITY e "x">]><Properties><Application>&e;</Application></Properties>',
     True),  # entities are never read
])
def test_the_program_that_saved_a_workbook_is_read_safely(tmp_path: Path, app: bytes,
                                                          refused: bool) -> None:
    import zipfile

    from planner.exchange.sheets import Refused, open_book

    wb = openpyxl.Workbook()
    path = tmp_path / "f.xlsx"
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    parts["docProps/app.xml"] = app
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    if refused:
        with pytest.raises(Refused):
            open_book(path, "en")
    else:
        with open_book(path, "en") as book:
            saved = book.saved_with()
        assert saved is not None and saved.application == ""
