"""Shared helpers: tests read like the domain."""

from __future__ import annotations

import io
import os
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from planner.domain.diagnostics import Diagnostic
from planner.domain.model import Plan
from planner.engine.schedule import Schedule, schedule
from planner.planfiles.plan import load_plan

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "plans" / "yushan-2023h2"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--regen-golden", action="store_true",
                     help="rewrite tests/golden/* from the current output instead of comparing")
    parser.addoption("--fuzz-cases", default="300",
                     help="how many mutated plans tests/test_fuzz.py runs (default 300)")


@pytest.fixture
def regen_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--regen-golden"))


# A small plan with owners, a dependency and a deadline, shared by the CLI-level tests.
TRACKED = """\
- id: a
  name: 组建专班
  owner: 镇农办
  duration: 5
- id: b
  name: 建设
  owner: 镇建设办
  duration: 10
  after: [a]
  deadline: 2023-07-21
- id: c
  name: 宣传
  owner: 镇宣传办
  duration: 3
"""


def write_plan(folder: Path, body: str, header: str | None = None) -> Path:
    """Write plan.yaml from a tasks body (indented YAML under `tasks:`)."""
    head = header or "plan:\n  id: t\n  name: Test\n  start: 2023-07-03\n  calendar: weekdays\n"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "plan.yaml"
    path.write_text(head + "tasks:\n" + textwrap.indent(textwrap.dedent(body), "  "),
                    encoding="utf-8")
    return path


def plan_from(tmp_path: Path, body: str, header: str | None = None) -> Plan:
    return load_plan(write_plan(tmp_path, body, header))


def schedule_of(tmp_path: Path, body: str, header: str | None = None) -> Schedule:
    return schedule(plan_from(tmp_path, body, header))


def assert_diagnostics(found: Sequence[Diagnostic],
                       expected: list[tuple[int, int, str, str, str]], file: Path) -> None:
    """Exactly the expected diagnostics: (line, column, code, message part, hint part)."""
    assert len(found) == len(expected), "\n".join(d.render() for d in found)
    for line, col, code, message, hint in expected:
        match = [d for d in found if (d.location.line, d.location.col, d.code) == (line, col, code)
                 and message in d.message and hint in d.hint]
        assert match, f"expected {line}:{col} {code}: {message}\n got:\n" + "\n".join(
            d.render() for d in found)
        assert all(d.location.file == str(file) for d in match)


def assert_dates(s: Schedule, task: str, start: str, finish: str) -> None:
    t = s.task(task)
    assert (t.start, t.finish) == (date.fromisoformat(start), date.fromisoformat(finish)), (
        f"{task}: {t.start}..{t.finish}, expected {start}..{finish}")


def assert_late(s: Schedule, task: str, late_start: str, late_finish: str) -> None:
    t = s.task(task)
    assert (t.late_start, t.late_finish) == (
        date.fromisoformat(late_start), date.fromisoformat(late_finish)), (
        f"{task}: late {t.late_start}..{t.late_finish}, expected {late_start}..{late_finish}")


@dataclass(frozen=True)
class Result:
    """What a command run printed, and how it ended."""

    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def invoke(args: Sequence[str], terminal_width: int = 100, encoding: str = "utf-8") -> Result:
    """Run `planner ARGS` in this process through `main()`, the console script's own path,
    with standard output and error captured as a console of ``encoding`` would take them."""
    from planner.cli.main import main

    out, err = io.BytesIO(), io.BytesIO()
    streams = (io.TextIOWrapper(out, encoding=encoding, write_through=True),
               io.TextIOWrapper(err, encoding=encoding, write_through=True))
    saved = sys.stdout, sys.stderr, os.environ.get("COLUMNS")
    sys.stdout, sys.stderr = streams
    os.environ["COLUMNS"] = str(terminal_width)
    try:
        code = main(list(args))
    finally:
        sys.stdout, sys.stderr = saved[0], saved[1]
        if saved[2] is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = saved[2]
        for s in streams:
            s.flush()
    return Result(code, out.getvalue().decode(encoding), err.getvalue().decode(encoding))


def csv_rows(text: str) -> list[dict[str, str]]:
    """Rows of a CSV document as a spreadsheet reads it (the BOM is required, then dropped)."""
    import csv

    assert text.startswith("\ufeff"), "CSV for Excel/WPS starts with a UTF-8 BOM"
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
