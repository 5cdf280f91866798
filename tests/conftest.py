"""Shared helpers: tests read like the domain."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from planner.diagnostics import Diagnostic
from planner.load import load_plan
from planner.model import Plan
from planner.schedule import Schedule, schedule

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "plans" / "yushan-2023h2"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--regen-golden", action="store_true",
                     help="rewrite tests/golden/* from the current output instead of comparing")


@pytest.fixture
def regen_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--regen-golden"))


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
