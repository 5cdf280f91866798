"""Broken and hostile input: located errors, nothing clobbered, nothing leaked, no escapes."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import threading
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

import pytest

from planner import PlanError, Project
from planner.planfiles.plan import load_plan
from tests.conftest import BUNDLED, TRACKED, csv_rows, invoke, write_plan


def tracked(folder: Path, body: str = TRACKED) -> Path:
    write_plan(folder, body)
    (folder / "status").mkdir()
    (folder / "status" / "2023-07-07.yaml").write_text(
        "plan: t\ndate: 2023-07-07\nprogress:\n  a: {started: 2023-07-03, percent: 40}\n",
        encoding="utf-8")
    return folder


def clean(result: object) -> None:
    text = result.output  # type: ignore[attr-defined]
    assert "Traceback" not in text and "\x1b" not in text and "\u202e" not in text


# -- writing: never replace what is not ours ----------------------------------------------------


def test_a_character_device_is_written_into_not_replaced(tmp_path: Path) -> None:
    folder = tracked(tmp_path / "plan")
    null = tmp_path / "null"
    try:
        os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a /dev/null of our own
    except PermissionError:
        pytest.skip("making a device needs root")
    result = invoke(["schedule", str(folder), "-f", "csv", "-o", str(null)])
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(null.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_pipe_is_written_into(tmp_path: Path) -> None:
    folder = tracked(tmp_path / "plan")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = invoke(["status", str(folder), "-f", "json", "-o", str(fifo)])
    reader.join(timeout=30)
    assert result.exit_code == 0 and stat.S_ISFIFO(fifo.stat().st_mode)
    assert json.loads(got[0])["data_date"] == "2023-07-07"


def test_a_symlinked_output_is_written_through(tmp_path: Path) -> None:
    folder = tracked(tmp_path / "plan")
    real = tmp_path / "shared" / "review.json"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "review.json"
    link.symlink_to(real)
    assert invoke(["status", str(folder), "-f", "json", "-o", str(link)]).exit_code == 0
    assert link.is_symlink() and json.loads(real.read_text())["plan"]["id"] == "t"


@pytest.mark.parametrize("target", ["plan.yaml", "status/2023-07-07.yaml", "baseline.yaml",
                                    "status/new.yaml"])
def test_the_plans_own_files_are_never_outputs(tmp_path: Path, target: str) -> None:
    folder = tracked(tmp_path)
    Project.open(folder).save_baseline()
    before = {p: p.read_bytes() for p in folder.rglob("*.yaml")}
    for command in (["gantt", str(folder)], ["status", str(folder), "-f", "md"]):
        result = invoke([*command, "-o", str(folder / target)])
        assert result.exit_code == 1 and "plan's own input files" in result.stderr
        clean(result)
    assert {p: p.read_bytes() for p in folder.rglob("*.yaml")} == before


def test_a_baseline_linked_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    folder = tracked(tmp_path / "plan")
    shared = tmp_path / "approved.yaml"
    Project.open(folder).save_baseline()
    (folder / "baseline.yaml").rename(shared)
    (folder / "baseline.yaml").symlink_to(shared)
    before = shared.read_bytes()
    write_plan(folder, TRACKED.replace("duration: 10", "duration: 12"))
    result = invoke(["baseline", str(folder), "--force", "--date", "2023-07-02"])
    assert result.exit_code == 1 and "leads out of the plan folder" in result.stderr
    assert (folder / "baseline.yaml").is_symlink() and shared.read_bytes() == before


def test_a_baseline_link_into_the_plan_is_refused_not_written_through(tmp_path: Path) -> None:
    folder = tracked(tmp_path / "plan")
    (folder / "baseline.yaml").symlink_to("plan.yaml")
    before = (folder / "plan.yaml").read_bytes()
    result = invoke(["baseline", str(folder), "--force"])
    assert result.exit_code == 1
    assert "plan's own input files (it leads to" in result.stderr
    assert (folder / "plan.yaml").read_bytes() == before
    clean(result)


def test_a_broken_snapshot_does_not_block_saving_a_baseline(tmp_path: Path) -> None:
    folder = tracked(tmp_path / "plan")
    (folder / "status" / "2023-07-14.yaml").write_text(
        "plan: t\ndate: 2023-07-14\nprogress:\n  gone: {started: 2023-07-03, percent: 20}\n",
        encoding="utf-8")  # a task since removed from the plan
    result = invoke(["baseline", str(folder)])
    assert result.exit_code == 0, result.output
    assert (folder / "baseline.yaml").is_file()


def test_a_record_being_rewritten_guards_every_other_input(tmp_path: Path) -> None:
    folder = tracked(tmp_path / "plan")
    project = Project.open(folder)
    snapshot, baseline = folder / "status" / "2023-07-07.yaml", folder / "baseline.yaml"
    assert set(project._inputs_but(snapshot)) == {folder / "plan.yaml", baseline}
    assert set(project._inputs_but(baseline)) == {folder / "plan.yaml", snapshot}


def test_two_outputs_of_one_run_cannot_be_the_same_file(tmp_path: Path) -> None:
    page = tmp_path / "g.html"
    for png in (page, tmp_path / "." / "g.html"):
        result = invoke(["gantt", str(BUNDLED), "-o", str(page), "--png", str(png)])
        assert result.exit_code == 1 and "请为每个输出另取名称" in result.stderr
        assert not page.exists()  # refused before anything was rendered or written


def test_a_report_pack_is_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from planner.support import safewrite

    folder = tracked(tmp_path / "plan")
    out = tmp_path / "out"
    assert invoke(["report", str(folder), "-n", "50", "-o", str(out)]).exit_code == 0
    old = {p.name: p.read_bytes() for p in out.iterdir()}
    real_temp, calls = safewrite._temp, []

    def full_disk_on_the_second(target: Path, raw: bytes) -> Path:
        calls.append(target)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_temp(target, raw)
    monkeypatch.setattr(safewrite, "_temp", full_disk_on_the_second)
    result = invoke(["report", str(folder), "-n", "60", "-o", str(out)])
    assert result.exit_code == 1 and "the disk is full" in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == old  # no temp file either


def test_stale_temp_files_of_killed_runs_are_removed(tmp_path: Path) -> None:
    folder = tracked(tmp_path)
    stale, fresh = folder / ".plan.yaml.x1.planner-tmp", folder / ".plan.yaml.x2.planner-tmp"
    for f in (stale, fresh):
        f.write_text("half")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    assert invoke(["schedule", str(folder)]).exit_code == 0
    assert not stale.exists() and fresh.exists()  # a young one may be another run's


@pytest.mark.perf  # rounds of real processes racing each other
def test_two_baseline_runs_at_once_do_not_both_save(tmp_path: Path) -> None:
    for round_ in range(3):
        folder = tracked(tmp_path / f"r{round_}")
        runs = [subprocess.Popen([sys.executable, "-m", "planner", "baseline", str(folder)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                for _ in range(2)]
        outs = [r.communicate(timeout=60) for r in runs]
        saved = [o for o, _ in outs if b"baseline saved" in o]
        assert len(saved) == 1, outs
        assert b"Traceback" not in b"".join(e for _, e in outs)


# -- reading: every value range is a located error ---------------------------------------------


@pytest.mark.parametrize(("line", "value", "needle"), [
    ("duration: 5", "duration: 1000000000000", "too large"),
    ("duration: 5", "duration: 99999999999999999999999999999999999999", "too large"),
    ("duration: 5", "duration: 8000w", "too large"),
    ("after: [a]", "after: ['a FS+9223372036854775808']", "too large"),
    ("deadline: 2023-07-21", "deadline: 0001-01-01", "supported years"),
    ("deadline: 2023-07-21", "deadline: 9999-12-31", "supported years"),
    ("deadline: 2023-07-21", "deadline: 1950-01-01", "before 2022-01-01"),
    ("duration: 10", "duration: 10\n  budget: 1.7e308", "out of range"),
    ("duration: 10", "duration: 10\n  budget: .inf", "not a number"),
    ("duration: 10", "duration: 10\n  estimate: [1, 5, 1e300]", "out of range"),
])
def test_out_of_range_values_are_located_errors(tmp_path: Path, line: str, value: str,
                                                needle: str) -> None:
    folder = tracked(tmp_path, TRACKED.replace(line, value, 1))
    for command in (["validate"], ["schedule", "-f", "json"], ["status"], ["risk", "-n", "20"]):
        result = invoke([command[0], str(folder), *command[1:]])
        assert result.exit_code == 1, (command, result.output)
        assert "plan.yaml:" in result.stderr and needle in result.stderr, result.stderr
        clean(result)


def test_snapshot_dates_outside_the_calendar_are_located_errors(tmp_path: Path) -> None:
    folder = tracked(tmp_path)
    (folder / "status" / "2023-07-14.yaml").write_text(
        "plan: t\ndate: 2023-07-14\nprogress:\n  a: {started: 1990-01-01, percent: 50}\n",
        encoding="utf-8")
    result = invoke(["status", str(folder)])
    assert result.exit_code == 1 and "2023-07-14.yaml:4:" in result.stderr
    assert "before 2022-01-01" in result.stderr
    clean(result)


def test_a_data_date_far_ahead_is_scheduled_not_crashed(tmp_path: Path) -> None:
    folder = tracked(tmp_path)
    (folder / "status" / "2150-01-05.yaml").write_text(
        "plan: t\ndate: 2150-01-05\nprogress:\n  a: {started: 2023-07-03, finished: 2023-07-07}\n",
        encoding="utf-8")
    for command in (["status", "-f", "json"], ["gantt", "-o", str(tmp_path / "g.html")],
                    ["risk", "-n", "20", "-f", "json"]):
        result = invoke([command[0], str(folder), *command[1:]])
        assert result.exit_code == 0, (command, result.output)
    doc = json.loads(invoke(["status", str(folder), "-f", "json"]).stdout)
    b = next(t for t in doc["tasks"] if t["id"] == "b")
    assert b["forecast_start"] == "2150-01-06"  # the first working day after the data date


def test_a_deadline_before_the_start_gives_late_dates_in_order(tmp_path: Path) -> None:
    write_plan(tmp_path, "- id: a\n  name: A\n  duration: 10\n  deadline: 2022-01-05\n"
               "- id: m\n  name: M\n  milestone: true\n  after: [a]\n  deadline: 2022-01-03\n")
    s = Project.open(tmp_path).schedule()
    a, m = s.task("a"), s.task("m")
    # m's deadline binds a: ten weekdays ending 2022-01-03 (Dec 21-24, 27-31, Jan 3)
    assert (a.late_start, a.late_finish) == (date(2021, 12, 21), date(2022, 1, 3))
    assert m.late_start == m.late_finish == date(2022, 1, 3)
    assert all(t.late_start <= t.late_finish for t in s.tasks)

    def weekdays(first: date, last: date) -> int:
        return sum(1 for n in range((last - first).days + 1)
                   if (first + timedelta(days=n)).weekday() < 5)
    # float: minus the weekdays after the binding deadline up to a's finish; margin: after
    # a's own deadline
    assert a.finish == date(2023, 7, 14)
    assert a.total_float == -weekdays(date(2022, 1, 4), a.finish)
    assert a.margin == -weekdays(date(2022, 1, 6), a.finish)


@pytest.mark.perf
def test_a_finish_a_century_out_costs_memory_for_tasks_not_days(tmp_path: Path) -> None:
    body = "".join(f"- id: t{i}\n  name: T{i}\n  duration: 3\n" for i in range(2000))
    body += "- id: typo\n  name: Typo\n  start: 2023-07-03\n  finish: 2124-12-31\n"
    folder = tracked(tmp_path, TRACKED + body)
    project = Project.open(folder)
    tracemalloc.start()
    t = project.track()
    from planner.render.gantt import gantt_html
    page = gantt_html(t.forecast, t, project.history(), "en")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 150_000_000, peak  # days x tasks would be 25,000 x 2,000 x 8 bytes = 400 MB
    assert len(page) < 8_000_000


@pytest.mark.perf
def test_thousands_of_unknown_ids_get_a_bounded_number_of_hints(tmp_path: Path) -> None:
    body = "".join(f"- id: task-{i}\n  name: T\n  duration: 1\n  after: [tsak-{i}]\n"
                   for i in range(3000))
    write_plan(tmp_path, body)
    with pytest.raises(PlanError) as err:
        load_plan(tmp_path)
    found = err.value.diagnostics
    assert len(found) == 3000 and {d.code for d in found} == {"unknown-task"}
    hinted = [d for d in found if "did you mean" in d.hint]
    assert 1 <= len(hinted) <= 50  # each hint scans every id: not 3,000 x 3,000
    assert hinted[0].hint == "did you mean 'task-0'?"


def test_too_many_iterations_are_refused_with_the_maximum(tmp_path: Path) -> None:
    result = invoke(["risk", str(tracked(tmp_path)), "-n", str(10**9)])
    assert result.exit_code == 2 and "1000000" in result.stderr.replace(",", "")
    assert invoke(["risk", str(tmp_path), "--seed", "-1"]).exit_code == 2


def test_a_pipe_or_device_given_as_the_plan_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)
    proc = subprocess.run([sys.executable, "-m", "planner", "validate", str(tmp_path)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 1 and "not a regular file" in proc.stderr


@pytest.mark.parametrize("case", ["folder without plan.yaml", "plan.yaml is a folder",
                                  "unreadable", "status is a file"])
def test_file_system_errors_are_messages(tmp_path: Path, case: str,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tracked(tmp_path / "plan")
    if case == "folder without plan.yaml":
        (folder / "plan.yaml").unlink()
        needle = "no such file"
    elif case == "plan.yaml is a folder":
        (folder / "plan.yaml").unlink()
        (folder / "plan.yaml").mkdir()
        needle = "is a folder"
    elif case == "unreadable":
        import builtins
        real_open = builtins.open

        def refuse(file: object, *args: object, **kwargs: object) -> object:
            if str(file).endswith("plan.yaml"):
                raise PermissionError(13, "Permission denied")
            return real_open(file, *args, **kwargs)  # type: ignore[call-overload]
        monkeypatch.setattr(builtins, "open", refuse)
        needle = "Permission denied"
    else:
        import shutil
        shutil.rmtree(folder / "status")
        (folder / "status").write_text("not a folder")
        needle = "no status snapshot"
    result = invoke(["status", str(folder)])
    assert result.exit_code == 1 and needle in result.stderr, result.output
    clean(result)


@pytest.mark.parametrize(("output", "needle"), [("", "is a folder"),
                                                ("x" * 300 + ".html", "too long")])
def test_odd_output_names_are_messages(tmp_path: Path, output: str, needle: str) -> None:
    folder = tracked(tmp_path / "plan")
    result = invoke(["gantt", str(folder), "-o", str(tmp_path / output) if output else ""])
    assert result.exit_code == 1 and needle in result.stderr, result.output
    clean(result)


def test_a_link_out_of_the_plan_folder_is_not_read_or_quoted(tmp_path: Path) -> None:
    secret = tmp_path / "id_ed25519"
    secret.write_text("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU\n")
    folder = tracked(tmp_path / "plan")
    (folder / "status" / "zz.yaml").symlink_to(secret)
    for command in ("validate", "status"):
        result = invoke([command, str(folder)])
        assert result.exit_code == 1 and "outside the plan folder" in result.stderr
        assert "BEGIN" not in result.output and "b3Bl" not in result.output


def test_messages_quote_a_short_excerpt_only(tmp_path: Path) -> None:
    folder = tracked(tmp_path)
    long_value = "x" * 5000
    (folder / "status" / "2023-07-14.yaml").write_text(
        f"plan: t\ndate: {long_value}\nprogress: {{}}\n", encoding="utf-8")
    result = invoke(["validate", str(folder)])
    assert result.exit_code == 1 and "x" * 39 + "…" in result.stderr
    assert "x" * 41 not in result.stderr


# -- output: text from the plan stays text -----------------------------------------------------

HOSTILE = {
    "clear": "\x1b[2J\x1b[H清屏",
    "title": "\x1b]0;pwned\x07标题",
    "clipboard": "\x1b]52;c;ZWNobyBwd25lZA==\x07剪贴板",
    "link": "\x1b]8;;http://evil.example/\x1b\\点我\x1b]8;;\x1b\\",
    "rtl": "txt.\u202eexe.计划",
    "cr": "正常\r伪造",
}


def hostile_plan(folder: Path) -> Path:
    """A chain of tasks, each named and owned by one hostile string."""
    body = ""
    for i, (key, text) in enumerate(HOSTILE.items()):
        body += f"- id: {key}\n  name: {json.dumps(text)}\n  owner: {json.dumps(text)}\n"
        body += f"  duration: {i + 1}\n" + (f"  after: [{list(HOSTILE)[i - 1]}]\n" if i else "")
    return _hostile(folder, body)


def _hostile(folder: Path, body: str) -> Path:
    write_plan(folder, body)
    (folder / "status").mkdir()
    (folder / "status" / "2023-07-07.yaml").write_text(
        "plan: t\ndate: 2023-07-07\nprogress:\n"
        f"  clear: {{started: 2023-07-03, percent: 10, note: {json.dumps(HOSTILE['title'])}}}\n",
        encoding="utf-8")
    return folder


def test_control_characters_never_reach_the_terminal(tmp_path: Path) -> None:
    folder = hostile_plan(tmp_path / "plan")
    for command in (["schedule"], ["status"], ["status", "-f", "md"], ["status", "-f", "json"],
                    ["status", "-f", "csv"], ["risk", "-n", "30"], ["diff", "--from", "2023-07-07"],
                    ["schedule", "-f", "json"]):
        result = invoke([command[0], str(folder), *command[1:]])
        assert result.exit_code in (0, 1), (command, result.output)
        for bad in ("\x1b", "\x07", "\u202e"):
            assert bad not in result.output, (command, repr(bad))
    table = invoke(["schedule", str(folder)]).stdout
    assert "\\x1b]52;c;" in table and "\\u202e" in table  # shown, visibly
    doc = json.loads(invoke(["status", str(folder), "-f", "json"]).stdout)
    assert any(t["name"] == HOSTILE["rtl"] for t in doc["tasks"])  # JSON keeps the text


def test_diagnostics_quoting_hostile_text_are_escaped(tmp_path: Path) -> None:
    write_plan(tmp_path, "- id: a\n  name: A\n  duration: \"5\\e[2J\\u202e\"\n")
    result = invoke(["validate", str(tmp_path)])
    assert result.exit_code == 1 and "\\x1b[2J" in result.stderr
    clean(result)


def test_markdown_escapes_markup_and_table_syntax(tmp_path: Path) -> None:
    body = ("- id: a\n  name: \"<img src=x onerror=alert(1)> | cell\\nnext\\rline\"\n"
            "  duration: 5\n  deadline: 2023-07-05\n  estimate: [1, 5, 60]\n")
    folder = _hostile(tmp_path, body.replace("- id: a", "- id: clear"))
    md = invoke(["status", str(folder), "-f", "md"]).stdout
    row = next(line for line in md.splitlines() if line.startswith("|") and "img" in line)
    assert not re.search(r"(?<!\\)<img", md) and "\\<img" in row and "\\| cell" in row
    header = next(line for line in md.splitlines() if line.startswith("|"))
    assert row.count("|") - row.count("\\|") == header.count("|")  # same number of columns
    assert "\r" not in md and "cell next line" in row
    risk = invoke(["risk", str(folder), "-n", "2000", "--seed", "1", "-f", "md"]).stdout
    assert not re.search(r"(?<!\\)<img", risk)
    from planner.render.fmt import md_text

    assert md_text("水&amp;电") == "水\\&amp;电"  # shown as typed, not as the entity "&"


def test_csv_cells_cannot_become_formulas(tmp_path: Path) -> None:
    body = ("- id: a\n  name: \"=HYPERLINK(\\\"http://x\\\")\"\n  owner: \"+cmd\"\n  duration: 5\n"
            "  deadline: 2023-07-04\n- id: b\n  name: \"-5\"\n  owner: \"@SUM(A1)\"\n"
            "  duration: 2\n  after: [a]\n- id: c\n  name: \"two\\nlines\"\n  duration: 1\n")
    write_plan(tmp_path, body)
    text = invoke(["schedule", str(tmp_path), "-f", "csv"]).stdout
    rows = {r["id"]: r for r in csv_rows(text)}
    assert rows["a"]["name"].startswith("'=") and rows["a"]["owner"] == "'+cmd"
    assert rows["b"]["name"] == "'-5" and rows["b"]["owner"] == "'@SUM(A1)"
    assert rows["a"]["margin"] == "-3"  # a real negative number stays a number
    assert rows["c"]["name"] == "two\nlines" and '"two\nlines"' in text  # quoted, kept


def test_bundled_plan_has_no_surprises() -> None:
    result = invoke(["validate", str(BUNDLED)])
    assert result.exit_code == 0
    clean(result)



def test_line_breaks_in_names_cannot_forge_table_rows_or_headlines(tmp_path: Path) -> None:
    folder = tmp_path / "nl"
    header = 'plan:\n  id: t\n  name: "Line\\nBreak"\n  start: 2023-07-03\n'
    write_plan(folder, '- id: a\n  name: "A\\nb   FORGED  07-03  07-05"\n  owner: "o\\tx"\n'
                       '  duration: 3\n', header)
    for command in (["schedule"], ["risk", "-n", "30"], ["check"]):
        result = invoke([command[0], str(folder), *command[1:]])
        assert result.exit_code == 0, (command, result.output)
        starts = [line.split(":")[0] for line in result.stdout.splitlines()]
        assert not {"b   FORGED  07-03  07-05", "Break"} & set(starts), command
    table = invoke(["schedule", str(folder)]).stdout
    assert "A b FORGED 07-03 07-05" in table and "o x" in table
    assert table.startswith("Line Break: ")


def test_a_chain_that_ends_past_the_last_supported_year_is_a_located_error(
        tmp_path: Path) -> None:
    # every duration and lag is within its bound (36,600 working days); 29 of them in a
    # chain are not: about 2 million working days, past the year 9998
    body = "".join(f"- {{id: t{i}, name: T, duration: 36600"
                   + (f", after: [t{i - 1} FS+36600]" if i else "") + "}\n" for i in range(29))
    write_plan(tmp_path, body)
    result = invoke(["validate", str(tmp_path)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "plan.yaml:35:5: error: the schedule cannot be dated" in result.stderr  # t28
    assert "beyond the last supported year 9998" in result.stderr


def test_control_characters_in_names_keep_exports_readable(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    folder = tmp_path / "cx"
    write_plan(folder, '- id: a\n  name: "A \\e[31m x\\a"\n  duration: 3\n'
                       '  deadline: 2023-07-10\n')
    xml = tmp_path / "c.xml"
    assert invoke(["export", str(folder), "-o", str(xml)]).exit_code == 0
    names = [e.text for e in ET.parse(xml).iter() if e.tag.endswith("}Name")]
    assert "A \\x1b[31m x\\x07" in names  # well-formed XML 1.0, the characters visible
    back = tmp_path / "back"
    assert invoke(["import", str(xml), "-o", str(back)]).exit_code == 0
    ics = invoke(["export", str(folder), "-f", "ics", "-o", "-"]).stdout
    assert "\x1b" not in ics and "\x07" not in ics and "x1b[31m" in ics


def test_a_status_folder_that_cannot_be_listed_is_a_located_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tracked(tmp_path / "plan")
    real_iterdir = Path.iterdir

    def refuse(self: Path) -> object:
        if self.name == "status":
            raise PermissionError(13, "Permission denied")
        return real_iterdir(self)
    monkeypatch.setattr(Path, "iterdir", refuse)
    result = invoke(["status", str(folder)])
    assert result.exit_code == 1, result.output
    assert "status: error: cannot list the folder: Permission denied" in result.stderr
    clean(result)


def test_a_symlink_loop_in_status_is_a_located_error(tmp_path: Path) -> None:
    folder = tracked(tmp_path / "plan")
    (folder / "status" / "loop.yaml").symlink_to("loop.yaml")
    result = invoke(["status", str(folder)])
    assert result.exit_code == 1, result.output
    assert "loop.yaml: error: cannot read file: Too many levels of symbolic links" \
        in result.stderr
    clean(result)


@pytest.mark.parametrize("command", ["risk", "report"])
def test_a_snapshot_dated_far_ahead_is_reviewed_without_overflow(
        tmp_path: Path, command: str) -> None:
    """Day numbers 130 years out once overflowed a 16-bit array in the simulation."""
    folder = tracked(tmp_path / "plan")
    (folder / "status" / "2150-06-30.yaml").write_text(
        "plan: t\ndate: 2150-06-30\nprogress:\n  a: {started: 2023-07-03, percent: 70}\n",
        encoding="utf-8")
    args = [command, str(folder), "-n", "200"] if command == "risk" else \
        [command, str(folder), "-n", "200", "-o", str(tmp_path / "out")]
    result = invoke(args)
    assert result.exit_code == 0, result.output
    assert "2150-06-30" in result.stdout + result.stderr
    clean(result)
