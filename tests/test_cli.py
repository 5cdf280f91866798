"""The command line through typer's CliRunner: exit codes, output shapes, messages."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from planner.cli import app
from tests.conftest import BUNDLED, write_plan

runner = CliRunner()
FIXTURES = Path(__file__).parent / "fixtures" / "errors"


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_validate_clean_plan_exits_0() -> None:
    code, out, err = run("validate", str(BUNDLED))
    assert code == 0 and "55" in out and err == ""


def test_validate_accepts_the_plan_file_itself() -> None:
    code, _, _ = run("validate", str(BUNDLED / "plan.yaml"))
    assert code == 0


def test_validate_bad_plan_exits_1_with_every_error_and_no_traceback() -> None:
    code, out, err = run("validate", str(FIXTURES / "many-errors.yaml"))
    assert code == 1 and out == ""
    assert err.count(": error: ") == 5 and "Traceback" not in err
    assert f"{FIXTURES / 'many-errors.yaml'}:11:13: error: calendar:" in err
    assert "hint: did you mean 'owner'?" in err
    assert err.strip().endswith("5 error(s); nothing was changed.")


def test_usage_error_exits_2() -> None:
    code, _, _ = run("schedule", str(BUNDLED), "--format", "xml")
    assert code == 2
    code, _, _ = run("validate")
    assert code == 2


def test_warning_is_printed_and_validate_still_exits_0(tmp_path: Path) -> None:
    write_plan(tmp_path, "- id: a\n  name: A\n  duration: 5\n  deadline: 2023-07-04\n")
    code, out, err = run("validate", str(tmp_path))
    assert code == 0 and "warning: task 'a' finishes 2023-07-07" in err and "1 warning" in out


def test_schedule_json_shape() -> None:
    code, out, _ = run("schedule", str(BUNDLED), "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert set(doc) >= {"plan", "project", "tasks"}
    assert doc["plan"]["id"] == "yushan-2023h2"
    assert set(doc["project"]) >= {"start", "finish"}
    keys = {"id", "name", "start", "finish", "late_start", "late_finish", "duration",
            "total_float", "free_float", "critical", "deadline"}
    assert all(keys <= set(t) for t in doc["tasks"])
    build = next(t for t in doc["tasks"] if t["id"] == "six-village-build")
    assert build["deadline"] == "2023-12-31" and isinstance(build["total_float"], int)
    assert build["start"] <= build["finish"] <= build["late_finish"]
    assert doc["project"]["finish"] == max(t["finish"] for t in doc["tasks"])


def test_schedule_csv_has_a_row_per_task() -> None:
    code, out, _ = run("schedule", str(BUNDLED), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 55
    assert rows[0].keys() >= {"id", "start", "finish", "total_float", "critical"}


def test_schedule_table_in_both_languages(tmp_path: Path) -> None:
    write_plan(tmp_path, "- id: a\n  name: 组建专班\n  owner: 镇农办\n  duration: 5\n"
               "- id: b\n  name: 建设\n  duration: 2\n  after: [a]\n  deadline: 2023-07-12\n")
    _, en, _ = run("schedule", str(tmp_path), "--lang", "en")
    _, zh, _ = run("schedule", str(tmp_path), "--lang", "zh")
    assert "critical path: a → b" in en and "关键路径: a → b" in zh
    assert "float" in en and "总时差" in zh
    line = next(x for x in zh.splitlines() if x.startswith("b "))
    assert "07-10" in line and "07-11" in line and "+1" in line  # margin to Wed 07-12


def test_schedule_critical_only(tmp_path: Path) -> None:
    write_plan(tmp_path, "- id: a\n  name: A\n  duration: 5\n- id: b\n  name: B\n"
               "  duration: 1\n")
    _, out, _ = run("schedule", str(tmp_path), "--critical", "--lang", "en")
    rows = [x.split()[0] for x in out.splitlines()[4:] if x and not x.startswith("critical")]
    assert rows == ["a"]


def test_table_fits_100_columns() -> None:
    from planner.text import width

    _, out, _ = run("schedule", str(BUNDLED))
    assert max(width(line) for line in out.splitlines()[2:] if "→" not in line) <= 100


def test_every_command_has_help_that_fits_100_columns() -> None:
    for command in ("validate", "schedule"):
        result = runner.invoke(app, [command, "--help"], terminal_width=100)
        assert result.exit_code == 0
        assert "Usage" in result.stdout
        assert max(len(line) for line in result.stdout.splitlines()) <= 100


def test_python_dash_m(tmp_path: Path) -> None:
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "planner", "validate", str(BUNDLED)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0 and "55" in proc.stdout
