"""`validate`, `baseline` and `diff` through the one dispatch: every format each offers
parses, spreadsheet cells cannot run formulas, and the terminal text is what it was."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import TRACKED, csv_rows, invoke, write_plan

HOSTILE = "=cmd|' /C calc'!A0"


def tracked(folder: Path, body: str = TRACKED) -> Path:
    """A plan of three tasks with two snapshots a week apart: c progressed, a stalled, b's
    forecast moved."""
    write_plan(folder, body)
    (folder / "status").mkdir()
    (folder / "status" / "2023-07-07.yaml").write_text(
        "plan: t\ndate: 2023-07-07\nprogress:\n"
        "  a: {started: 2023-07-03, percent: 40}\n"
        "  c: {started: 2023-07-03, percent: 50}\n", encoding="utf-8")
    (folder / "status" / "2023-07-14.yaml").write_text(
        "plan: t\ndate: 2023-07-14\nprogress:\n"
        "  a: {started: 2023-07-03, percent: 40}\n"
        "  c: {started: 2023-07-03, finished: 2023-07-12}\n", encoding="utf-8")
    return folder


def pending_baseline(folder: Path, body: str = TRACKED) -> Path:
    """A plan whose saved baseline re-approving would change: b longer, d new."""
    write_plan(folder, body)
    assert invoke(["baseline", str(folder), "--date", "2023-07-01"]).exit_code == 0
    changed = body.replace("duration: 10", "duration: 12")
    write_plan(folder, changed + f"- id: d\n  name: \"{HOSTILE}\"\n  duration: 2\n")
    return folder


# What each command offers, and the arguments that run it.
OFFERS = {
    "validate": (("table", "text", "json", "md", "csv"), []),
    "baseline": (("table", "json", "md", "csv"), []),
    "diff": (("table", "json", "csv", "md", "xlsx", "html"), ["--from", "2023-07-07"]),
}


def parses(fmt: str, data: bytes) -> None:
    """The output reads back as its format says."""
    if fmt == "json":
        json.loads(data)
    elif fmt == "csv":
        text = data.decode("utf-8")
        rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
        assert text.startswith("\ufeff") and rows and len({len(r) for r in rows}) == 1
    elif fmt == "xlsx":
        from openpyxl import load_workbook

        ws = load_workbook(io.BytesIO(data)).active
        assert ws is not None and ws.max_row >= 1
    elif fmt == "md":
        text = data.decode()
        assert "\x1b" not in text and any(line.startswith("#") for line in text.splitlines())
    elif fmt == "html":
        assert data.startswith(b"<!DOCTYPE html>")
    else:
        assert data.decode().strip()


@pytest.mark.parametrize("command", sorted(OFFERS))
def test_every_format_a_command_offers_parses(tmp_path: Path, command: str) -> None:
    formats, extra = OFFERS[command]
    for fmt in formats:
        folder = pending_baseline(tmp_path / fmt) if command == "baseline" \
            else tracked(tmp_path / fmt)
        args = [command, str(folder), *extra, "-f", fmt]
        if fmt in ("xlsx", "html"):
            args += ["-o", str(tmp_path / f"out.{fmt}")]
        result = invoke(args)
        assert result.exit_code == (1 if command == "baseline" else 0), (fmt, result.stderr)
        data = (tmp_path / f"out.{fmt}").read_bytes() if fmt in ("xlsx", "html") \
            else result.stdout.encode("utf-8")
        parses(fmt, data)
    others = {"table", "text", "json", "csv", "md", "xlsx", "html"} - set(formats)
    for fmt in others:
        result = invoke([command, str(tmp_path / "table"), *extra, "-f", fmt])
        assert result.exit_code == 2 and "is not one of" in result.stderr


# -- validate ---------------------------------------------------------------------------------


def test_validate_terminal_text_is_unchanged(tmp_path: Path) -> None:
    folder = tracked(tmp_path)
    for fmt in ([], ["-f", "table"], ["-f", "text"]):
        result = invoke(["validate", str(folder), *fmt])
        assert (result.exit_code, result.stdout, result.stderr) == (
            0, "plan is valid: 3 tasks, 3 file(s) checked\n", "")
    write_plan(tmp_path, TRACKED.replace("duration: 10", "duration: 12"))
    warned = invoke(["validate", str(folder)])
    assert warned.exit_code == 0
    assert warned.stdout == "plan is valid: 3 tasks, 3 file(s) checked; 1 warning(s)\n"
    assert warned.stderr.startswith(f"{folder / 'plan.yaml'}:") and ": warning: " in warned.stderr


def test_validate_lists_every_finding_as_a_row(tmp_path: Path) -> None:
    folder = tracked(tmp_path)
    (folder / "status" / "2023-07-21.yaml").write_text(
        "plan: t\ndate: 2023-07-21\nprogress:\n  a: {started: 2023-07-03, percent: 150}\n"
        "  b: {started: 2023-07-10, percent: 120}\n", encoding="utf-8")
    result = invoke(["validate", str(folder), "-f", "csv"])
    assert result.exit_code == 1 and result.stderr == ""
    rows = csv_rows(result.stdout)
    assert list(rows[0]) == ["file", "line", "column", "severity", "code", "task", "message",
                             "hint"]
    assert [(r["line"], r["severity"], r["code"], r["task"]) for r in rows] == [
        ("4", "error", "progress", "a"), ("5", "error", "progress", "b")]
    doc = json.loads(invoke(["validate", str(folder), "-f", "json"]).stdout)
    assert [d["message"] for d in doc["diagnostics"]] == [r["message"] for r in rows]
    md = invoke(["validate", str(folder), "-f", "md"])
    assert md.exit_code == 1 and "| file | line | column |" in md.stdout
    assert "\n2 error(s); nothing was changed\n" in md.stdout


def test_validate_speaks_the_plans_language() -> None:
    from tests.conftest import BUNDLED

    md = invoke(["validate", str(BUNDLED), "-f", "md"])
    assert md.exit_code == 0
    assert md.stdout == "# 计划文件检查\n\n计划有效：55 项任务，已检查 4 个文件\n\n（无）\n"


def test_validate_of_a_plan_that_cannot_be_read_speaks_csv() -> None:
    bad = Path(__file__).parent / "fixtures" / "errors" / "many-errors.yaml"
    result = invoke(["validate", str(bad), "-f", "csv"])
    assert result.exit_code == 1 and len(csv_rows(result.stdout)) == 5
    md = invoke(["validate", str(bad), "-f", "md"]).stdout
    assert md.startswith("# Plan files checked\n") and "5 error(s)" in md


def test_validate_csv_cells_cannot_run_a_formula(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    write_plan(tmp_path / HOSTILE, "- id: a\n  name: A\n  duration: 5\n  ower: x\n")
    monkeypatch.chdir(tmp_path)
    result = invoke(["validate", HOSTILE, "-f", "csv"])
    assert result.exit_code == 1 and "calc" in result.stdout
    cells = [c for r in csv.reader(io.StringIO(result.stdout.removeprefix("\ufeff")))
             for c in r]
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)


# -- baseline ---------------------------------------------------------------------------------


def test_baseline_terminal_text_is_unchanged(tmp_path: Path) -> None:
    folder = pending_baseline(tmp_path)
    result = invoke(["baseline", str(folder)])
    path = folder / "baseline.yaml"
    assert result.exit_code == 1
    assert result.stdout == ("~ b: finish 2023-07-21 -> 2023-07-25, duration 10 -> 12\n"
                             "+ d: 2023-07-03 .. 2023-07-04 (2 d)\n")
    assert result.stderr == (f"error: {path} exists; re-run with --force to replace it "
                             "(2 task(s) would change)\n")
    forced = invoke(["baseline", str(folder), "--force", "--date", "2023-07-02"])
    assert forced.exit_code == 0
    assert forced.stdout.endswith(f"{path}: baseline saved (4 tasks, 2023-07-02)\n")
    again = invoke(["baseline", str(folder)])
    assert (again.exit_code, again.stdout) == (0, f"{path}: baseline unchanged (4 tasks)\n")


def test_baseline_says_what_reapproving_changes_for_scripts(tmp_path: Path) -> None:
    folder = pending_baseline(tmp_path)
    doc = json.loads(invoke(["baseline", str(folder), "-f", "json"]).stdout)
    assert doc["written"] is False and doc["existed"] is True
    assert [(c["task"], c["change"], c["fields"]) for c in doc["changes"]] == [
        ("b", "changed", ["finish", "duration"]), ("d", "added", [])]
    result = invoke(["baseline", str(folder), "-f", "csv"])
    assert result.exit_code == 1 and "--force" in result.stderr  # the refusal stays
    rows = {r["task"]: r for r in csv_rows(result.stdout)}
    assert (rows["b"]["old_duration"], rows["b"]["new_duration"]) == ("10", "12")
    assert rows["d"]["change"] == "added" and rows["d"]["old_start"] == ""
    assert rows["d"]["name"] == "'" + HOSTILE  # a spreadsheet shows it, runs nothing
    md = invoke(["baseline", str(folder), "-f", "md"]).stdout
    assert "adds 1, changes 1 and removes 0 task(s)" in md
    assert "| task | name | change | fields |" in md
    forced = invoke(["baseline", str(folder), "--force", "-f", "json"])
    assert forced.exit_code == 0 and json.loads(forced.stdout)["written"] is True
    assert "baseline saved" in forced.stderr


# -- diff -------------------------------------------------------------------------------------


def test_diff_is_one_row_per_change_with_its_kind(tmp_path: Path) -> None:
    folder = tracked(tmp_path, TRACKED.replace("name: 组建专班", f"name: \"{HOSTILE}\""))
    args = ["diff", str(folder), "--from", "2023-07-07"]
    doc = json.loads(invoke([*args, "-f", "json"]).stdout)
    rows = csv_rows(invoke([*args, "-f", "csv"]).stdout)
    assert list(rows[0])[:3] == ["kind", "id", "name"]
    assert [r["kind"] for r in rows] == ["progressed"] * len(doc["progress"]) \
        + ["flag"] * len(doc["flags"]) + ["moved"] * len(doc["moved"])
    assert {r["kind"] for r in rows} == {"progressed", "flag", "moved"}
    c = next(r for r in rows if r["kind"] == "progressed")
    assert (c["id"], c["percent_before"], c["percent_after"], c["percent_change"]) == \
        ("c", "50.0", "100.0", "50.0")
    assert (c["state_before"], c["state_after"]) == ("in-progress", "done")
    a = next(r for r in rows if r["kind"] == "flag")
    assert (a["id"], a["flag"], a["change"], a["name"]) == ("a", "stalled", "new", "'" + HOSTILE)
    b = next(r for r in rows if r["kind"] == "moved")
    assert (b["id"], b["deadline"], b["days"]) == ("b", "2023-07-21", str(doc["moved"][0]["days"]))
    assert b["flag"] == "" and b["percent_before"] == ""

    from openpyxl import load_workbook

    out = tmp_path / "diff.xlsx"
    assert invoke([*args, "-f", "xlsx", "-o", str(out), "--lang", "zh"]).exit_code == 0
    ws = load_workbook(out).active
    assert ws is not None
    cells = [[c.value for c in row] for row in ws.iter_rows()]
    header = next(r for r in cells if r[0] == "变化类别")
    assert header[:3] == ["变化类别", "编号", "任务"]
    assert {r[0] for r in cells[cells.index(header) + 1:]} == {"进展", "预警变化", "里程碑与期限"}
    values = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any("calc" in c.value for c in values)
    assert not any(c.data_type == "f" or c.value.startswith("=") for c in values)


def test_the_readme_synopsis_lists_the_formats_offered() -> None:
    import typer

    from planner.cli.main import app
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    for name in OFFERS:
        command = group.commands[name]  # type: ignore[attr-defined]
        (fmt,) = [p for p in command.params if p.name == "fmt"]
        offered = [c for c in fmt.type.choices if c != "text"]  # text: table's earlier name
        start = readme.index(f"planner {name} ")
        synopsis = readme[start:readme.index("\nplanner ", start)]
        shown = synopsis.split("--format ")[1].split("]")[0].split("|")
        assert sorted(shown) == sorted(offered), name


def test_a_task_reapproving_removes_has_its_old_dates_and_no_new_ones(tmp_path: Path) -> None:
    from datetime import date

    from planner.domain.baseline import Baseline, BaselineTask, Change
    from planner.project import BaselineUpdate
    from planner.render.baseline import baseline_view
    from planner.render.writers import formats, write
    from tests.conftest import plan_from

    plan = plan_from(tmp_path, TRACKED)
    old = BaselineTask(date(2023, 7, 3), date(2023, 7, 5), 3, 500.0)
    update = BaselineUpdate(tmp_path / "baseline.yaml", Baseline("t", {}),
                            (Change("gone", "removed", old, None),), True, False)
    doc = baseline_view(plan, update, "zh")
    assert formats(doc) == ("table", "md", "html", "json", "csv", "xlsx")
    (row,) = csv_rows(str(write(doc, "csv")))
    assert (row["task"], row["name"], row["change"], row["old_start"], row["old_budget"],
            row["new_start"], row["new_finish"]) == (
        "gone", "", "removed", "2023-07-03", "500.0", "", "")
    assert "| gone |  | 删除 |" in str(write(doc, "md"))
    lines = baseline_view(plan, update, "zh", lines=True)
    assert str(write(lines, "table")) == "- gone\n"
