"""`planner undo`: the last change collect, update, baseline or import made to a plan folder,
taken back byte for byte."""

from __future__ import annotations

import json
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from planner import PlanError, Project
from planner.planfiles import undo
from tests.conftest import BUNDLED, invoke

NOV = "status/2023-11-07.yaml"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    folder = tmp_path / "plan"
    shutil.copytree(BUNDLED, folder)
    return folder


def tree(folder: Path) -> dict[str, bytes]:
    """Every file of a plan folder and its bytes, but ours (the journal, the lock)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.relative_to(folder).parts[0].startswith(".planner")}


def folders(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")
            if p.is_dir() and not p.relative_to(folder).parts[0].startswith(".planner")}


def test_undo_takes_back_an_update_byte_for_byte_and_says_what(plan: Path) -> None:
    before = tree(plan)
    assert invoke(["update", str(plan), "water-meters", "--percent", "99"]).exit_code == 0
    assert tree(plan)[NOV] != before[NOV]
    result = invoke(["undo", str(plan), "--lang", "en"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{plan}: undid `planner update` (recording progress) of ")
    assert lines[0].endswith(", 1 file(s)")
    assert lines[1:] == [f"  {NOV}: restored as it was before"]
    assert result.stderr == "no earlier change is kept\n"
    assert tree(plan) == before


def test_undo_speaks_the_plans_language(plan: Path) -> None:
    assert invoke(["update", str(plan), "road-design", "--at", "2023-11-20",
                   "--note", "验收完成"]).exit_code == 0
    result = invoke(["undo", str(plan)])  # the bundled plan is `lang: zh`
    assert result.exit_code == 0
    head, line = result.stdout.splitlines()
    assert head.startswith(f"{plan}：已撤销 ") and head.endswith(
        " 执行的 planner update（更新进度），涉及 1 个文件")
    assert line == "  status/2023-11-20.yaml：已删除（由该操作新建）"
    assert not (plan / "status" / "2023-11-20.yaml").exists()
    again = invoke(["undo", str(plan)])
    assert again.exit_code == 1
    assert "错误：没有可撤销的操作" in again.stderr and "提示：撤销记录保存最近 10 次改动" \
        in again.stderr


def test_a_snapshot_created_with_its_folder_is_removed_with_it(plan: Path) -> None:
    shutil.rmtree(plan / "status")
    before = tree(plan)
    assert invoke(["update", str(plan), "water-meters", "--at", "2023-11-30",
                   "--started", "2023-05-04", "--percent", "99"]).exit_code == 0
    assert (plan / "status" / "2023-11-30.yaml").exists()
    assert invoke(["undo", str(plan)]).exit_code == 0
    assert tree(plan) == before and "status" not in folders(plan)


def test_one_collect_of_several_forms_is_one_change(plan: Path, tmp_path: Path) -> None:
    from tests.test_forms import fill

    out = tmp_path / "forms"
    assert invoke(["forms", str(plan), "--at", "2023-11-30", "-o", str(out)]).exit_code == 0
    water, farm = out / "镇治水办.xlsx", out / "镇农办.xlsx"
    fill(water, {("sewage-yuekeng", "percent"): 30})
    fill(farm, {("six-village-build", "percent"): 70})
    assert invoke(["update", str(plan), "water-meters", "--percent", "99"]).exit_code == 0
    after_update = tree(plan)
    collected = invoke(["collect", str(plan), str(water), str(farm)])
    assert collected.exit_code == 0, collected.output
    assert (plan / "status" / "2023-11-30.yaml").exists()
    result = invoke(["undo", str(plan), "--lang", "en"])
    assert "undid `planner collect` (collecting forms)" in result.stdout
    assert "  status/2023-11-30.yaml: removed (the change created it)" in result.stdout
    assert result.stderr == "1 earlier change(s) can still be undone\n"
    assert tree(plan) == after_update  # the update before it stays


def test_baseline_saved_then_replaced_undone_step_by_step(plan: Path) -> None:
    folder = plan
    start = tree(folder)
    assert invoke(["baseline", str(folder), "--date", "2023-07-01"]).exit_code == 0
    first = tree(folder)
    (folder / "plan.yaml").write_text((folder / "plan.yaml").read_text(encoding="utf-8")
                                      .replace("duration: 15 ", "duration: 16 ", 1),
                                      encoding="utf-8")
    edited = tree(folder)
    assert invoke(["baseline", str(folder), "--force", "--date", "2023-07-02"]).exit_code == 0
    assert tree(folder)["baseline.yaml"] != first["baseline.yaml"]
    result = invoke(["undo", str(folder), "--lang", "en"])
    assert "  baseline.yaml: restored as it was before" in result.stdout
    assert tree(folder) == edited  # the plan edited by hand is not the journal's business
    result = invoke(["undo", str(folder), "--lang", "en"])
    assert "  baseline.yaml: removed (the change created it)" in result.stdout
    assert tree(folder) == {**start, "plan.yaml": edited["plan.yaml"]}


def test_an_import_over_a_plan_is_undone_with_its_backup(plan: Path, tmp_path: Path) -> None:
    book = tmp_path / "计划.xml"  # MS Project XML replaces the plan (a table merges)
    assert invoke(["export", str(plan), "-f", "mspdi", "-o", str(book)]).exit_code == 0
    (plan / "baseline.yaml").write_bytes(b"# not read: set aside by the import\n")
    before, dirs = tree(plan), folders(plan)
    result = invoke(["import", str(book), "-o", str(plan), "--force"])
    assert result.exit_code == 0, result.output
    assert tree(plan)["plan.yaml"] != before["plan.yaml"] and list(plan.glob("backup-*"))
    assert not (plan / NOV).exists()  # moved into the backup
    undone = invoke(["undo", str(plan), "--lang", "en"])
    assert undone.exit_code == 0, undone.output
    assert "undid `planner import` (importing a plan)" in undone.stdout
    assert f"  {NOV}: put back (the change had moved or removed it)" in undone.stdout
    assert "  plan.yaml: restored as it was before" in undone.stdout
    assert tree(plan) == before and folders(plan) == dirs  # the backup folder gone too


def test_a_table_merged_into_the_plan_is_undone(plan: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    book = tmp_path / "计划.xlsx"
    assert invoke(["export", str(plan), "-f", "xlsx", "-o", str(book)]).exit_code == 0
    wb = load_workbook(book)
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "water-meters")
    row[header.index("任务")].value = "智能水表改造（调整）"
    wb.save(book)
    before = tree(plan)
    result = invoke(["import", str(book), "-o", str(plan), "--force"])
    assert result.exit_code == 0, result.output
    assert tree(plan)["plan.yaml"] != before["plan.yaml"]
    undone = invoke(["undo", str(plan), "--lang", "en"])
    assert undone.exit_code == 0, undone.output
    assert "  plan.yaml: restored as it was before" in undone.stdout
    assert tree(plan) == before


def test_undo_refuses_when_a_file_was_changed_since_unless_forced(plan: Path) -> None:
    original = (plan / NOV).read_bytes()
    assert invoke(["update", str(plan), "water-meters", "--percent", "99"]).exit_code == 0
    edited = (plan / NOV).read_bytes() + b"# a clerk's comment\n"
    (plan / NOV).write_bytes(edited)
    result = invoke(["undo", str(plan), "--lang", "en"])
    assert result.exit_code == 1
    assert f"{plan / NOV}: error: {NOV} was changed after `planner update` of " in result.stderr
    assert "undoing would lose that change [undo-changed]" in result.stderr
    assert "add --force" in result.stderr
    assert (plan / NOV).read_bytes() == edited
    dry = invoke(["undo", str(plan), "--dry-run", "--lang", "en"])
    assert dry.exit_code == 0 and "warning: " in dry.stderr and "would be restored" in dry.stdout
    assert (plan / NOV).read_bytes() == edited
    forced = invoke(["undo", str(plan), "--force"])
    assert forced.exit_code == 0 and (plan / NOV).read_bytes() == original


def test_dry_run_lists_and_changes_nothing(plan: Path) -> None:
    assert invoke(["update", str(plan), "water-meters", "--at", "2023-11-30",
                   "--percent", "99"]).exit_code == 0
    before = tree(plan)
    result = invoke(["undo", str(plan), "--dry-run"])
    assert result.exit_code == 0
    assert "（试运行，未作改动）" in result.stdout
    assert "  status/2023-11-30.yaml：将删除（由该操作新建）" in result.stdout
    assert tree(plan) == before
    assert invoke(["undo", str(plan)]).exit_code == 0  # still there to undo
    assert not (plan / "status" / "2023-11-30.yaml").exists()


def test_the_last_ten_changes_are_kept_and_undone_newest_first(plan: Path) -> None:
    states = [tree(plan)]
    for n in range(12):
        assert invoke(["update", str(plan), "econ-invest", "--percent", str(72 + n)]
                      ).exit_code == 0
        states.append(tree(plan))
    assert len(undo.entries(plan)) == undo.KEEP == 10
    for n in range(10):
        assert invoke(["undo", str(plan)]).exit_code == 0
        assert tree(plan) == states[11 - n]
    assert invoke(["undo", str(plan)]).exit_code == 1  # the two oldest were not kept
    assert tree(plan) == states[2]


def test_a_change_that_failed_or_changed_nothing_is_not_journalled(plan: Path) -> None:
    assert invoke(["update", str(plan), "water-meters", "--done", "1800"]).exit_code == 1
    assert undo.entries(plan) == []  # refused: nothing written
    for _ in range(2):  # the second changes nothing
        assert invoke(["update", str(plan), "water-meters", "--percent", "99"]).exit_code == 0
    (only,) = undo.entries(plan)
    assert [p.name for p in (plan / ".planner" / "undo").iterdir()] == [only.where.name]


def test_a_library_write_is_a_change_of_its_own(plan: Path) -> None:
    project = Project.open(plan)
    project.record(date(2023, 11, 7), {"econ-land": {"percent": 80}})
    with undo.command("nightly-sync"):  # a script's several writes: one change
        project.record(date(2023, 11, 7), {"econ-land": {"percent": 85}})
        project.record(date(2023, 11, 30), {"econ-land": {"percent": 90}})
    newest, older = undo.entries(plan)
    assert (newest.command, older.command) == ("nightly-sync", "record")
    assert {f.path: f.action for f in newest.files} == {
        NOV: "restore", "status/2023-11-30.yaml": "remove"}
    undo.undo(plan)
    assert "percent: 80" in (plan / NOV).read_text(encoding="utf-8")


def test_the_journal_never_leads_out_of_the_plan_folder(plan: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (plan / ".planner").symlink_to(outside, target_is_directory=True)
    before = tree(plan)
    result = invoke(["update", str(plan), "water-meters", "--percent", "99", "--lang", "en"])
    assert result.exit_code == 1 and ".planner is not a folder (a link or a file)" \
        in result.stderr
    assert tree(plan) == before and list(outside.iterdir()) == []
    assert invoke(["undo", str(plan)]).exit_code == 1


def test_a_tampered_entry_cannot_write_outside(plan: Path, tmp_path: Path) -> None:
    assert invoke(["update", str(plan), "water-meters", "--percent", "99"]).exit_code == 0
    (entry,) = (plan / ".planner" / "undo").iterdir()
    body = json.loads((entry / "change.json").read_text(encoding="utf-8"))
    body["files"][0]["path"] = "../victim.txt"
    (entry / "change.json").write_text(json.dumps(body), encoding="utf-8")
    (tmp_path / "victim.txt").write_text("mine\n")
    result = invoke(["undo", str(plan), "--force", "--lang", "en"])
    assert result.exit_code == 1 and "is damaged and cannot be used [undo-journal]" \
        in result.stderr
    assert (tmp_path / "victim.txt").read_text() == "mine\n"


def test_undo_takes_the_folder_lock(plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess
    import sys

    from planner.support import safewrite
    from tests.conftest import ROOT

    assert invoke(["update", str(plan), "water-meters", "--percent", "99"]).exit_code == 0
    changed = (plan / NOV).read_bytes()
    monkeypatch.setattr(safewrite, "LOCK_WAIT", 0.3)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; "
         "from planner.support.safewrite import folder_lock\n"
         "with folder_lock(Path(sys.argv[1])):\n    print('held', flush=True); time.sleep(30)",
         str(plan)], env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
        text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        result = invoke(["undo", str(plan), "--lang", "en"])
        assert result.exit_code == 1 and "is being written by pid" in result.stderr
        assert (plan / NOV).read_bytes() == changed
    finally:
        holder.kill()
        holder.wait()
    assert invoke(["undo", str(plan)]).exit_code == 0


def test_nothing_to_undo_in_a_folder_never_changed(plan: Path) -> None:
    with pytest.raises(PlanError) as err:
        undo.undo(plan)
    assert err.value.diagnostics[0].code == "undo-empty"
    assert not (plan / ".planner").exists()  # looking makes no journal
    result = invoke(["undo", str(plan / "nowhere"), "--lang", "en"])
    assert result.exit_code == 1 and "nowhere: error: there is no such plan folder" \
        in result.stderr


def test_no_output_is_written_into_the_journal(plan: Path) -> None:
    assert invoke(["update", str(plan), "water-meters", "--percent", "99"]).exit_code == 0
    (entry,) = (plan / ".planner" / "undo").iterdir()
    kept = {p.name: p.read_bytes() for p in entry.iterdir()}
    result = invoke(["status", str(plan), "-o", str(entry / "0001.bin"), "--lang", "en"])
    assert result.exit_code == 1 and "one of the plan's own input files" in result.stderr
    assert {p.name: p.read_bytes() for p in entry.iterdir()} == kept
