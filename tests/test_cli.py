"""The command line through `main()`, as the console script runs it: exit codes, output
shapes, messages."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, TRACKED, Result, csv_rows, invoke, write_plan

FIXTURES = Path(__file__).parent / "fixtures" / "errors"


def run(*args: str) -> tuple[int, str, str]:
    result = invoke(list(args))
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
    assert out.startswith("\ufeffid,")  # Excel and WPS read the BOM as "this is UTF-8"
    assert "\r\n" in out and "\n" not in out.replace("\r\n", "")
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"), newline="")))
    assert code == 0 and len(rows) == 55
    assert rows[0].keys() >= {"id", "start", "finish", "total_float", "critical"}
    # the bundled plan's zero-float tasks all have the plan's own start and finish (a yearly
    # target, finishes assumed): none is critical, and the stable column says so
    assert {r["critical"] for r in rows} == {"FALSE"}
    revenue = next(r for r in rows if r["id"] == "econ-revenue")
    assert (revenue["total_float"], revenue["critical"]) == ("0", "FALSE")
    assert rows[0]["deadline"] == ""  # a missing value is an empty cell


def test_schedule_table_in_both_languages(tmp_path: Path) -> None:
    write_plan(tmp_path, "- id: a\n  name: 组建专班\n  owner: 镇农办\n  duration: 5\n"
               "- id: b\n  name: 建设\n  duration: 2\n  after: [a]\n  deadline: 2023-07-12\n")
    _, en, _ = run("schedule", str(tmp_path), "--lang", "en")
    _, zh, _ = run("schedule", str(tmp_path), "--lang", "zh")
    # the chains name the tasks (ids are for scripts: the JSON keeps them)
    assert "critical path: 组建专班 → 建设" in en and "关键路径：组建专班 → 建设" in zh
    assert "float" in en and "总时差" in zh
    line = next(x for x in zh.splitlines() if x.startswith("b "))
    assert "07-10" in line and "07-11" in line and "+1" in line  # margin to Wed 07-12


def test_schedule_critical_only(tmp_path: Path) -> None:
    write_plan(tmp_path, "- id: a\n  name: A\n  duration: 5\n- id: b\n  name: B\n"
               "  duration: 1\n")
    _, out, _ = run("schedule", str(tmp_path), "--critical", "--lang", "en")
    rows = [x.split()[0] for x in out.splitlines()[4:]
            if x and not x.startswith(("critical", "near-critical"))]
    assert rows == ["a"]


def test_table_fits_100_columns() -> None:
    from planner.render.terminal import width

    _, out, _ = run("schedule", str(BUNDLED))
    assert max(width(line) for line in out.splitlines()[2:] if "→" not in line) <= 100


def test_every_command_has_help_that_fits_100_columns() -> None:
    for command in ("validate", "schedule", "status", "baseline", "update", "forms", "collect",
                    "undo", "diff", "gantt", "risk", "report", "check", "trend", "portfolio",
                    *(f"portfolio {c}" for c in ("validate", "status", "risk", "gantt",
                                                 "report"))):
        result = invoke([*command.split(), "--help"], terminal_width=100)
        assert result.exit_code == 0
        assert "Usage" in result.stdout
        assert max(len(line) for line in result.stdout.splitlines()) <= 100


def test_python_dash_m(tmp_path: Path) -> None:
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "planner", "validate", str(BUNDLED)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0 and "55" in proc.stdout


def test_a_real_process_ends_with_its_output_whole_and_its_exit_code(tmp_path: Path) -> None:
    """The entry point leaves without the interpreter's teardown: what it printed, the
    exit code and other code's exit handlers must all survive that."""
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "planner", "schedule", str(BUNDLED), "-f",
                           "json"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0
    assert len(json.loads(proc.stdout)["tasks"]) == 55  # the whole document, flushed
    proc = subprocess.run([sys.executable, "-m", "planner", "schedule", str(tmp_path / "none")],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 1 and "no such file or folder" in proc.stderr
    marker = tmp_path / "handler-ran"
    script = ("import atexit, pathlib, sys\n"
              f"atexit.register(pathlib.Path({str(marker)!r}).write_text, 'yes')\n"
              "sys.argv = ['planner', 'bogus-command']\n"
              "from planner.cli.main import run\n"
              "run()\n")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 2 and "bogus-command" in proc.stderr
    assert marker.read_text() == "yes"


def test_a_closed_standard_output_is_a_message_not_a_traceback() -> None:
    import shlex
    import subprocess
    import sys

    command = f"{shlex.quote(sys.executable)} -m planner schedule {shlex.quote(str(BUNDLED))}"
    proc = subprocess.run(f"{command} -f json >&-", shell=True, capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "错误：标准输出已关闭" in proc.stderr  # the bundled plan is Chinese: so is the run


# -- status, diff -------------------------------------------------------------------------------



def tracked_plan(tmp_path: Path) -> Path:
    write_plan(tmp_path, TRACKED)
    (tmp_path / "status").mkdir()
    (tmp_path / "status" / "2023-07-07.yaml").write_text(
        "plan: t\ndate: 2023-07-07\nprogress:\n"
        "  a: {started: 2023-07-03, percent: 40}\n"
        "  c: {started: 2023-07-03, finished: 2023-07-05}\n", encoding="utf-8")
    (tmp_path / "status" / "2023-07-14.yaml").write_text(
        "plan: t\ndate: 2023-07-14\nprogress:\n"
        "  a: {started: 2023-07-03, percent: 40, note: 等待资金}\n"
        "  c: {started: 2023-07-03, finished: 2023-07-05}\n", encoding="utf-8")
    return tmp_path


def test_status_headline_and_flags(tmp_path: Path) -> None:
    folder = tracked_plan(tmp_path)
    code, out, _ = run("status", str(folder), "--lang", "en")
    assert code == 0
    # a: 40% of 5 days done by 07-14 -> 3 days left from Mon 07-17 -> finishes Wed 07-19;
    # b follows: 10 days from Thu 07-20 -> Wed 08-02, 8 working days after its deadline 07-21.
    # b has not started only because a is late: it waits, a is the one late
    assert out.splitlines()[0] == (
        "As of 2023-07-14: 3 tasks: 1 done, 0 on track, 1 late; 1 held up by late "
        "predecessors; worst slip: 建设 +8 working days; 1 deadline(s) will be missed")
    b = next(x for x in out.splitlines() if x.startswith("b "))
    assert "08-02" in b and "-8" in b and "will-miss-deadl" in b
    a = next(x for x in out.splitlines() if x.startswith("a "))
    assert "stalled" in a and "behind" in a


def test_status_at_picks_the_earlier_snapshot(tmp_path: Path) -> None:
    folder = tracked_plan(tmp_path)
    code, out, _ = run("status", str(folder), "--at", "2023-07-10", "-f", "json")
    doc = json.loads(out)
    assert code == 0 and doc["data_date"] == "2023-07-07" and doc["previous_date"] is None
    a = next(t for t in doc["tasks"] if t["id"] == "a")
    # 3 of 5 days left from Mon 07-10 -> Wed 07-12 (planned Fri 07-07): 3 working days late
    assert a["forecast_finish"] == "2023-07-12" and a["finish_variance_days"] == 3
    assert a["planned_percent"] == 100.0 and a["actual_percent"] == 40.0
    assert {f["name"] for f in a["flags"]} >= {"behind", "slipping"}
    keys = {"id", "baseline_start", "baseline_finish", "forecast_start", "forecast_finish",
            "finish_variance_days", "deadline_margin_days", "planned_percent",
            "actual_percent", "flags", "spi", "cpi"}
    assert all(keys <= set(t) for t in doc["tasks"])


def test_status_filters_and_fail_on(tmp_path: Path) -> None:
    folder = tracked_plan(tmp_path)
    code, out, _ = run("status", str(folder), "--owner", "镇宣传办", "--fail-on", "low",
                       "-f", "csv")
    assert code == 0 and [r["id"] for r in csv_rows(out)] == ["c"]
    code, out, _ = run("status", str(folder), "--flag", "will-miss-deadline", "-f", "csv")
    assert [r["id"] for r in csv_rows(out)] == ["b"]
    assert run("status", str(folder), "--fail-on", "high")[0] == 3
    assert run("status", str(folder), "--owner", "镇农办", "--fail-on", "high")[0] == 0
    assert run("status", str(folder), "--owner", "镇农办", "--fail-on", "medium")[0] == 3
    assert run("status", str(folder), "--flag", "nonsense")[0] == 2
    # a misspelt owner is a usage error with a suggestion, never an empty review that passes
    code, _, err = run("status", str(folder), "--owner", "镇农", "--fail-on", "high")
    assert code == 2 and "did you mean '镇农办'?" in err


def test_fail_on_for_one_owner_ignores_the_whole_plans_overrun() -> None:
    # the bundled plan overruns its period (critical path through 方镜线): 镇财政所's own
    # tasks carry no high flag, so its check passes; the whole plan's fails
    assert run("status", str(BUNDLED), "--fail-on", "high")[0] == 3
    assert run("status", str(BUNDLED), "--owner", "镇财政所", "--fail-on", "high")[0] == 0


def test_status_markdown_escapes_and_names_reasons(tmp_path: Path) -> None:
    folder = tracked_plan(tmp_path)
    _, out, _ = run("status", str(folder), "-f", "md", "--lang", "zh")
    assert out.startswith("# Test — 2023-07-14")
    assert "预计比期限2023年7月21日晚8个工作日" in out
    assert "| 编号 |" in out


def test_status_without_snapshot_is_a_clear_error(tmp_path: Path) -> None:
    write_plan(tmp_path, TRACKED)
    code, _, err = run("status", str(tmp_path))
    assert code == 1 and "no status snapshot" in err and "Traceback" not in err


def test_diff_between_snapshots(tmp_path: Path) -> None:
    folder = tracked_plan(tmp_path)
    code, out, _ = run("diff", str(folder), "--from", "2023-07-07", "--to", "2023-07-14",
                       "-f", "json")
    doc = json.loads(out)
    assert code == 0 and (doc["from"], doc["to"]) == ("2023-07-07", "2023-07-14")
    assert doc["progress"] == []  # a stayed at 40%, c was already done
    new = {(f["id"], f["flag"]) for f in doc["flags"] if f["change"] == "new"}
    # b already missed its deadline on 07-07 (a would end 07-12, b 07-26 > 07-21), and was
    # already waiting for a then
    assert new == {("a", "stalled")}
    (moved,) = [m for m in doc["moved"] if m["id"] == "b"]
    # b: Wed 07-26 (a done Wed 07-12) -> Wed 08-02: 5 working days later
    assert (moved["before"], moved["after"], moved["days"]) == ("2023-07-26", "2023-08-02", 5)
    code, _, err = run("diff", str(folder), "--from", "2023-07-14", "--to", "2023-07-07")
    assert code == 2 and "not before" in err  # a usage error, as for gantt


def test_diff_percent_columns_add_up_rounded_half_up() -> None:
    from planner.render.fmt import pct, whole

    assert (whole(86.5), whole(62.5), pct(0.4), pct(None)) == (87, 63, "0", "?")
    code, out, _ = run("diff", str(BUNDLED), "--from", "2023-09-30")
    assert code == 0
    doc = json.loads(run("diff", str(BUNDLED), "--from", "2023-09-30", "-f", "json")[1])
    meters = next(p for p in doc["progress"] if p["id"] == "water-meters")
    assert round(meters["percent_after"] - meters["percent_before"]) == 13  # unrounded
    assert all(len(repr(p[k]).split(".")[-1]) <= 4 for p in doc["progress"]
               for k in ("percent_before", "percent_after") if p[k] is not None)  # no noise
    (line,) = [ln for ln in out.splitlines() if ln.startswith("water-meters") and "→" in ln]
    assert "85% → 97%" in line and line.endswith("+12")  # as shown: 97 - 85
    assert "玉山镇2023年下半年重点工作：2023-09-30 → 2023-11-07" in out


def test_bundled_plan_status_raises_every_flag() -> None:
    from planner.domain.flags import FLAGS

    seen: set[str] = set()
    for at in ("2023-09-30", "2023-11-07"):
        _, out, _ = run("status", str(BUNDLED), "--at", at, "-f", "json")
        seen |= {f["name"] for t in json.loads(out)["tasks"] for f in t["flags"]}
    # every flag but not-started: the bundled tasks that have not started are all held up
    # by late predecessors, so they are `waiting` instead; and but will-miss-deadline: the
    # one deadline missed (一户一表, 10-31) has already passed at the 11-07 snapshot; and
    # but awaiting-report: the bundled plan records no forms sent (tests/test_outstanding.py)
    assert seen == set(FLAGS) - {"not-started", "will-miss-deadline", "awaiting-report"}


def test_every_command_is_documented_in_the_readme() -> None:
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    from planner.cli.main import app

    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    assert {"validate", "schedule", "status", "baseline", "update", "forms", "collect", "diff",
            "gantt", "risk", "report", "check", "trend"} <= set(names)
    for name in names:
        assert f"planner {name}" in readme, f"README does not show `planner {name}`"


# -- one error boundary ----------------------------------------------------------------------

# Every command with the smallest arguments that run it on a tracked plan.
COMMANDS = {
    "validate": [],
    "schedule": [],
    "status": [],
    "baseline": [],
    "update": ["a", "--at", "2023-07-14", "--percent", "50"],
    "diff": ["--from", "2023-07-07"],
    "gantt": [],
    "risk": ["-n", "50"],
    "report": ["-n", "50"],
}
WRITES = ("schedule", "status", "diff", "gantt", "risk")  # `-o FILE`; report takes `-o DIR`


def _no_traceback(result: Result) -> None:
    assert "Traceback" not in result.output and "Error:" not in result.stderr.split("\n")[0]


def test_version_is_the_package_version() -> None:
    import planner

    result = invoke(["--version"])
    assert result.exit_code == 0 and result.stdout == f"planner {planner.__version__}\n"


def test_every_command_reports_plan_errors_with_exit_1(tmp_path: Path) -> None:
    write_plan(tmp_path, "- id: a\n  name: A\n  duration: five\n")
    for command, extra in COMMANDS.items():
        result = invoke([command, str(tmp_path), *extra])
        assert result.exit_code == 1, (command, result.output)
        assert "plan.yaml:9:15: error: " in result.stderr and "1 error(s)" in result.stderr
        _no_traceback(result)


def test_every_command_reports_usage_errors_with_exit_2(tmp_path: Path) -> None:
    folder = tracked_plan(tmp_path)
    for command, extra in COMMANDS.items():
        result = invoke([command, str(folder), *extra, "--no-such-option"])
        assert result.exit_code == 2, (command, result.output)
        assert "No such option" in result.stderr
        _no_traceback(result)
    assert invoke(["status", str(folder), "--at", "2023-13-01"]).exit_code == 2


@pytest.mark.parametrize("case", ["missing folder", "a folder", "under a file", "no permission",
                                  "the plan itself"])
def test_every_output_that_cannot_be_written_is_one_sentence(
        tmp_path: Path, case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tracked_plan(tmp_path / "plan")
    (tmp_path / "a-file").write_text("x")
    (tmp_path / "a-folder").mkdir()
    target = {"missing folder": tmp_path / "nonexistent" / "x.out",
              "a folder": tmp_path / "a-folder", "under a file": tmp_path / "a-file" / "x.out",
              "no permission": tmp_path / "x.out",
              "the plan itself": folder / "plan.yaml"}[case]
    expected = {"missing folder": "does not exist", "a folder": "it is a folder",
                "under a file": "cannot write", "no permission": "permission denied",
                "the plan itself": "one of the plan's own input files"}[case]
    if case == "no permission":  # root may write anywhere: make the file system say no
        import tempfile

        def refuse(*_a: object, **_k: object) -> None:
            raise PermissionError(13, "Permission denied")
        monkeypatch.setattr(tempfile, "mkstemp", refuse)
    plan_before = (folder / "plan.yaml").read_bytes()
    for command in WRITES:
        result = invoke([command, str(folder), *COMMANDS[command], "-o", str(target)])
        assert result.exit_code == 1, (command, result.output)
        (line,) = result.stderr.strip().splitlines()[-1:]
        assert line.startswith("error: ") and expected in line, (command, line)
        _no_traceback(result)
    assert (folder / "plan.yaml").read_bytes() == plan_before
    if case in ("missing folder", "under a file", "a folder"):
        report_target = target if case != "a folder" else tmp_path / "a-file"
        result = invoke(["report", str(folder), "-n", "50", "-o", str(report_target)])
        assert result.exit_code == 1 and result.stderr.startswith("error: cannot write")
        _no_traceback(result)


def test_interrupt_exits_130_for_every_command(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from planner.project import Project

    def interrupted(*_a: object) -> None:
        raise KeyboardInterrupt
    monkeypatch.setattr(Project, "open", classmethod(lambda cls, p: interrupted()))
    folder = tracked_plan(tmp_path)
    for command, extra in COMMANDS.items():
        result = invoke([command, str(folder), *extra])
        assert result.exit_code == 130, (command, result.output)
        assert result.stderr.strip() == "interrupted"


def test_a_baseline_that_is_a_folder_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    folder = tracked_plan(tmp_path)
    (folder / "baseline.yaml").mkdir()
    for command in ("validate", "status", "baseline"):
        result = invoke([command, str(folder)])
        assert result.exit_code == 1 and "baseline.yaml" in result.stderr, result.output
        _no_traceback(result)


# -- outputs -----------------------------------------------------------------------------------


def test_dash_writes_documents_to_standard_output(tmp_path: Path) -> None:
    folder = tracked_plan(tmp_path)
    result = invoke(["status", str(folder), "-f", "json", "-o", "-"])
    assert result.exit_code == 0 and json.loads(result.stdout)["data_date"] == "2023-07-14"
    assert not (tmp_path / "-").exists()


def test_output_file_gets_the_ordinary_mode(tmp_path: Path) -> None:
    import os
    import stat

    folder = tracked_plan(tmp_path / "plan")
    target = tmp_path / "schedule.csv"
    old = os.umask(0o022)
    try:
        result = invoke(["schedule", str(folder), "-f", "csv", "-o", str(target)])
    finally:
        os.umask(old)
    assert result.exit_code == 0 and stat.S_IMODE(target.stat().st_mode) == 0o644
    assert len(csv_rows(target.read_text(encoding="utf-8"))) == 3
    assert result.stdout == "" and f"{target}: written" in result.stderr


def test_a_gbk_console_gets_plain_markers_not_a_crash(tmp_path: Path) -> None:
    folder = tracked_plan(tmp_path / "plan")
    result = invoke(["status", str(folder)], encoding="gbk")
    assert result.exit_code == 0, result.output
    assert "▸" not in result.stdout and "\n> 组建专班" not in result.stdout
    assert "> " in result.stdout and "镇农办" in result.stdout  # Chinese is kept: GBK has it


def test_gbk_console_in_a_real_process(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    out = tmp_path / "review.txt"
    env = {**os.environ, "PYTHONIOENCODING": "gbk"}
    with out.open("wb") as f:
        proc = subprocess.run([sys.executable, "-m", "planner", "status", str(BUNDLED)],
                              stdout=f, stderr=subprocess.PIPE, env=env, check=False)
    assert proc.returncode == 0 and b"Traceback" not in proc.stderr
    text = out.read_bytes().decode("gbk")  # the whole file is valid GBK
    assert "截至2023年11月7日" in text and "\n> " in text and "▸" not in text
    # a document for a spreadsheet stays UTF-8 with its BOM, whatever the console speaks
    proc = subprocess.run([sys.executable, "-m", "planner", "status", str(BUNDLED), "-f", "csv"],
                          capture_output=True, env=env, check=False)
    assert proc.returncode == 0 and proc.stdout.startswith(b"\xef\xbb\xbfid,")
    assert "镇农办" in proc.stdout.decode("utf-8")


def test_validate_checks_snapshots_and_speaks_json(tmp_path: Path) -> None:
    folder = tracked_plan(tmp_path)
    assert invoke(["validate", str(folder)]).stdout.startswith("plan is valid: 3 tasks, 3 file")
    bad = folder / "status" / "2023-07-21.yaml"
    bad.write_text("plan: t\ndate: 2023-07-21\nprogress:\n  a: {started: 2023-07-03, "
                   "percent: 150}\n", encoding="utf-8")
    text = invoke(["validate", str(folder)])
    assert text.exit_code == 1 and f"{bad}:4:" in text.stderr and "outside 0–100" in text.stderr
    result = invoke(["validate", str(folder), "--format", "json"])
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["valid"] is False
    (d,) = doc["diagnostics"]
    assert d["file"] == str(bad) and d["line"] == 4 and d["column"] > 0
    assert d["code"] == "progress" and d["severity"] == "error" and d["task"] == "a"
    assert set(d) == {"file", "line", "column", "severity", "code", "message", "hint", "task"}
    ok = invoke(["validate", str(BUNDLED), "--format", "json"])
    assert ok.exit_code == 0 and json.loads(ok.stdout) == {"valid": True, "diagnostics": []}


def test_reasons_for_delay_reach_the_meeting(tmp_path: Path) -> None:
    folder = tracked_plan(tmp_path / "plan")
    md = invoke(["status", str(folder), "-f", "md", "--lang", "zh"]).stdout
    header = next(line for line in md.splitlines() if line.startswith("| 编号"))
    assert header.endswith("| 进展说明 |")
    row = next(line for line in md.splitlines() if line.startswith("| a |"))
    assert row.endswith("| 等待资金 |")
    out = tmp_path / "out"
    assert invoke(["report", str(folder), "-n", "200", "-o", str(out), "--lang", "zh"]
                  ).exit_code == 0
    report = (out / "t-2023-07-14-report.md").read_text(encoding="utf-8")
    assert "组建专班（镇农办，拖期" in report and "最新说明：等待资金）" in report
    html = (out / "t-2023-07-14-report.html").read_text(encoding="utf-8")
    assert "<th>进展说明</th>" in html and "<td class=short>等待资金</td>" in html


def test_status_and_schedule_as_workbooks(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import datetime

    import openpyxl

    folder = tracked_plan(tmp_path / "plan")
    for command, target in (("status", tmp_path / "review.xlsx"),
                            ("schedule", tmp_path / "schedule.xlsx")):
        result = invoke([command, str(folder), "-f", "xlsx", "-o", str(target)])
        assert result.exit_code == 0 and result.stdout == "", result.output
        ws = openpyxl.load_workbook(target).active
        assert ws is not None and ws.freeze_panes == "A2" and ws.auto_filter.ref
        headers = [c.value for c in ws[1]]
        assert headers[0] == "id" and ws.max_row == 4  # header and three tasks
        start = headers.index("forecast_start" if command == "status" else "start")
        assert isinstance(ws.cell(2, start + 1).value, datetime)  # a real date, not text
    # a Chinese workbook for people: Chinese headers, states and flags
    target = tmp_path / "zh.xlsx"
    assert invoke(["status", str(BUNDLED), "-f", "xlsx", "--lang", "zh", "-o",
                   str(target)]).exit_code == 0
    ws = openpyxl.load_workbook(target).active
    assert ws is not None
    headers = [c.value for c in ws[1]]
    assert headers[:5] == ["编号", "任务", "责任单位", "上级任务", "状态"]
    meters = next(r for r in ws.iter_rows(min_row=2, values_only=True)
                  if r[0] == "water-meters")
    assert meters[headers.index("状态")] == "进行中"
    assert meters[headers.index("预警")] == "已超期、拖期、关键路径"
    target = tmp_path / "zh-schedule.xlsx"
    assert invoke(["schedule", str(BUNDLED), "-f", "xlsx", "-o", str(target)]).exit_code == 0
    ws = openpyxl.load_workbook(target).active
    assert ws is not None and [c.value for c in ws[1]][:3] == ["编号", "任务", "责任单位"]
    monkeypatch.chdir(tmp_path)
    default = invoke(["status", str(folder), "-f", "xlsx"])  # no -o: into reports/
    assert default.exit_code == 0 and "t-2023-07-14-status.xlsx: written" in default.stderr
    assert (tmp_path / "reports" / "t-2023-07-14-status.xlsx").is_file()


def test_a_mistyped_command_gets_one_suggestion() -> None:
    code, out, err = run("schedul", str(BUNDLED))
    assert code == 2 and out == ""
    assert err.count("Did you mean 'schedule'?") == 1


def test_a_named_command_is_built_alone_and_behaves_the_same(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from planner.cli import main as cli

    names = [cli._command_name(c.name, c.callback) for c in cli.app.registered_commands]
    assert len(names) == 16 and "import" in names and "undo" in names
    for name in names:
        alone = cli._app_for([name, "--help"])
        assert [cli._command_name(c.name, c.callback) for c in alone.registered_commands] \
            == [name]
        built_alone = run(name, "--help")
        monkeypatch.setattr(cli, "_app_for", lambda argv: cli.app)  # every command built
        assert run(name, "--help") == built_alone
        monkeypatch.undo()
    # options first, a mistyped name or none at all: the whole app, for its help and hints
    for argv in (["--help", "risk"], ["rsik"], []):
        assert cli._app_for(argv) is cli.app


def test_the_collector_leaves_the_plan_alone_only_while_a_command_runs(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    import typer

    from planner.cli import main as cli
    from planner.project import Project

    during: list[int] = []
    schedule = Project.schedule

    def spy(self: Project, *args: object, **kwargs: object) -> object:
        during.append(gc.get_freeze_count())
        return schedule(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Project, "schedule", spy)
    assert gc.get_freeze_count() == 0
    assert run("schedule", str(BUNDLED))[0] == 0
    assert during[-1] > 0 and gc.get_freeze_count() == 0
    # click's own entry point (no main()) thaws as well, when the command's context closes
    typer.main.get_command(cli.app).main(["schedule", str(BUNDLED), "-o", "-"],
                                         standalone_mode=False)
    assert during[-1] > 0 and gc.get_freeze_count() == 0
    # a program that froze objects of its own keeps them frozen, and no more
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        assert run("schedule", str(BUNDLED))[0] == 0
        assert 0 < gc.get_freeze_count() <= before  # not thawed, and nothing added
    finally:
        gc.unfreeze()


def test_a_workbook_is_not_written_to_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from planner.cli.options import stdout_binary
    from planner.support.safewrite import OutputError

    class Terminal(io.TextIOWrapper):
        def isatty(self) -> bool:
            return True

    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", Terminal(raw, encoding="utf-8"))
    with pytest.raises(OutputError, match="binary file; write it with -o FILE"):
        stdout_binary(b"PK\x03\x04 a zip file")
    stdout_binary(b"BEGIN:VCALENDAR\r\n")  # text goes out, terminal or not
    assert raw.getvalue() == b"BEGIN:VCALENDAR\r\n"


def test_collect_refuses_a_data_date_far_after_today_unless_forced(tmp_path: Path) -> None:
    import shutil
    from datetime import date, timedelta

    from tests.test_forms import fill

    folder = tmp_path / "plan"
    shutil.copytree(BUNDLED, folder)
    ahead = date.today() + timedelta(days=400)  # a typo of the year, most likely
    out = tmp_path / "forms"
    assert run("forms", str(folder), "--at", ahead.isoformat(), "-o", str(out),
               "--owner", "镇治水办")[0] == 0
    (form,) = out.glob("*.xlsx")
    fill(form, {("sewage-yuekeng", "percent"): 30})
    code, _, err = run("collect", str(folder), str(form))
    assert code == 1 and f"错误：数据日期 {ahead} 晚于今天 400 天" in err
    assert not (folder / "status" / f"{ahead}.yaml").exists()
    code, _, err = run("collect", str(folder), str(form), "--force")
    assert code == 0, err
    assert f"警告：数据日期 {ahead} 晚于今天 400" in err  # collect speaks the plan's language
    assert (folder / "status" / f"{ahead}.yaml").exists()


# Every format each command offers, as one vocabulary: a command with one table of rows
# gives table, json, csv, md and xlsx.
MATRIX = {
    "schedule": ("table", "json", "csv", "md", "xlsx", "html"),
    "status": ("table", "json", "csv", "md", "xlsx", "html"),
    "risk": ("table", "json", "csv", "md", "xlsx", "html"),
    "check": ("table", "json", "csv", "md", "xlsx", "html"),
    "trend": ("table", "json", "csv", "md", "xlsx", "html"),
    "diff": ("table", "json", "csv", "md", "xlsx", "html"),  # a row per change, its kind
}


def test_every_command_writes_every_format_it_offers(tmp_path: Path) -> None:
    extra = {"risk": ["-n", "50", "--seed", "1"], "diff": ["--from", "2023-09-30"]}
    for command, formats in MATRIX.items():
        for fmt in formats:
            target = tmp_path / f"{command}.{fmt}"
            code, _, err = run(command, str(BUNDLED), *extra.get(command, []), "-f", fmt,
                               "-o", str(target))
            assert code == 0, (command, fmt, err)
            data = target.read_bytes()
            if fmt == "xlsx":
                assert data.startswith(b"PK\x03\x04")
            elif fmt == "json":
                json.loads(data)
            elif fmt == "csv":
                assert data.startswith("\ufeff".encode()) and b"\r\n" in data
            elif fmt == "md":
                assert data.decode().startswith(("# ", "> ")) and "\x1b" not in data.decode()
            elif fmt == "html":  # offline; plotly.js only where there is a chart
                assert data.startswith(b"<!DOCTYPE html>") and b"http://" not in data[:2000]
                assert (b"plotly" in data) == (command in ("risk", "trend"))
        code, _, err = run(command, str(BUNDLED), "-f", "pdf")
        assert code == 2 and "“pdf”不是可选的值" in err  # the bundled plan speaks Chinese


def test_a_csv_cell_that_looks_like_a_formula_is_quoted_in_every_command(
        tmp_path: Path) -> None:
    write_plan(tmp_path, TRACKED.replace("name: 建设", "name: \"=HYPERLINK(1)\""))
    for command in (["schedule"], ["risk", "-n", "20"]):
        code, out, _ = run(*command, str(tmp_path), "-f", "csv")
        assert code == 0 and "=HYPERLINK" in out
        assert all(not cell.startswith("=") for line in csv.reader(io.StringIO(out))
                   for cell in line), command
