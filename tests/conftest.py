"""Shared helpers: tests read like the domain."""

from __future__ import annotations

import functools
import io
import os
import shutil
import sys
import textwrap
import types
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

# Compiled modules are cached, as on a user's machine, even where PYTHONDONTWRITEBYTECODE is
# set: each worker process and each `python -m planner` a test starts would otherwise compile
# planner's source (and the tests') again, 1.5 s of every worker's start. (bench/ runs its
# processes the same way; __pycache__ is ignored by git.)
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
# Without a plan that says its language, the command line speaks the user's locale
# (planner.cli.language): the tests read English there on any machine, and the tests of a
# Chinese locale set one.
for _name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"

from planner.domain.diagnostics import Diagnostic  # noqa: E402
from planner.domain.model import Plan  # noqa: E402
from planner.engine.schedule import Schedule, schedule  # noqa: E402
from planner.planfiles.plan import load_plan  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "plans" / "yushan-2023h2"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--regen-golden", action="store_true",
                     help="rewrite tests/golden/* from the current output instead of comparing")
    parser.addoption("--fuzz-cases", default="300",
                     help="how many mutated plans tests/test_fuzz.py runs (default 300)")


# -- kinds of slow test ---------------------------------------------------------------------
#
# A test that drives a real client, or runs many generated cases, or measures time or memory,
# or builds the distributions, carries the marker of its kind (declared in pyproject.toml);
# this file adds `slow` to all of them, so `pytest -m "not slow"` is the quick loop. A test
# whose code, fixtures or helper functions (in tests/) name one of the SIGNS below must
# carry that kind: it fails otherwise.

KINDS = ("browser", "client", "property", "perf", "package")
SIGNS: dict[str, frozenset[str]] = {
    "browser": frozenset({"playwright", "kaleido"}),
    "client": frozenset({"soffice", "libreoffice", "jpype", "mpxj"}),
    "property": frozenset({"hypothesis"}),
    # a clock read to judge speed (the quick loop asserts nothing on elapsed time; memory
    # measured with tracemalloc is deterministic and may stay in it)
    "perf": frozenset({"perf_counter", "perf_counter_ns", "monotonic", "monotonic_ns",
                       "process_time", "process_time_ns", "thread_time", "timeit"}),
    # building the distributions (python -m build: an sdist, then a wheel from it)
    "package": frozenset({"sdist", "bdist_wheel"}),
}
_MISSING = pytest.StashKey[tuple[str, ...]]()


def _names(code: types.CodeType) -> Iterator[str]:
    """The global and attribute names a code object and its nested functions use, and its
    string constants (``pytest.importorskip("kaleido")``)."""
    yield from code.co_names
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _names(const)
        elif isinstance(const, str) and all(part.isidentifier() for part in const.split(".")):
            yield const


@functools.cache
def _signs(fn: Callable[..., Any]) -> tuple[frozenset[str], tuple[Callable[..., Any], ...]]:
    """The kinds one function shows signs of, and the helper functions of tests/ it calls."""
    found = {"property"} if getattr(fn, "is_hypothesis_test", False) else set()
    fn = getattr(getattr(fn, "hypothesis", None), "inner_test", fn)
    code = getattr(fn, "__code__", None)
    if code is None:
        return frozenset(found), ()
    scope = getattr(fn, "__globals__", {})
    helpers = []
    for name in _names(code):
        words = {name.lower(), name.split(".")[0].lower()}
        found |= {kind for kind, signs in SIGNS.items() if words & signs}
        helper = scope.get(name)
        if isinstance(helper, types.FunctionType) and helper.__module__.startswith("tests") \
                and helper not in _DETECTOR:
            helpers.append(helper)
    return frozenset(found), tuple(helpers)


def kinds_needed(functions: Sequence[Callable[..., Any]]) -> set[str]:
    """The kinds the given functions (a test and its fixtures) show signs of, following the
    helper functions of tests/ they call."""
    found: set[str] = set()
    seen: set[Callable[..., Any]] = set()
    todo = list(functions)
    while todo:
        fn = todo.pop()
        if fn in seen:
            continue
        seen.add(fn)
        kinds, helpers = _signs(fn)
        found |= kinds
        todo.extend(helpers)
    return found


def missing_kinds(item: pytest.Item) -> tuple[str, ...]:
    """The kind markers ``item`` shows signs of but does not carry (and `slow` written on a
    test directly, which says nothing of its kind)."""
    if not isinstance(item, pytest.Function):
        return ()
    fixtures = [d[-1].func for d in item._fixtureinfo.name2fixturedefs.values() if d]
    carried = {m.name for m in item.iter_markers()}
    missing = sorted(kinds_needed([item.obj, *fixtures]) - carried)
    if "slow" in carried and not carried & set(KINDS):
        missing.append("a kind instead of `slow`")
    return tuple(missing)


_DETECTOR = (_names, _signs, kinds_needed, missing_kinds)  # the names they use are no signs


@pytest.hookimpl(tryfirst=True)  # before -m selects on `slow`
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    xdist = config.pluginmanager.hasplugin("xdist")
    for item in items:
        item.stash[_MISSING] = missing_kinds(item)
        if any(item.get_closest_marker(kind) for kind in KINDS):
            item.add_marker(pytest.mark.slow)
        # tests sharing one process-wide resource run in one worker (--dist loadgroup)
        shared = [name for name in ("chromium_browser", "java")
                  if name in getattr(item, "fixturenames", ())]
        if xdist and shared:
            item.add_marker(pytest.mark.xdist_group(shared[0]))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    missing = item.stash.get(_MISSING, ())
    if missing:
        pytest.fail(f"{item.nodeid} needs the marker(s) {', '.join(missing)} "
                    "(see KINDS in tests/conftest.py)", pytrace=False)


# -- real clients shared by a process's tests ------------------------------------------------


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[Any]:
    """One headless Chromium (playwright) for the browser tests of this process; every test
    opens its own context (no cookies, storage or routes shared)."""
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("chromium must be installed in CI (.ci/run installs it)")
        pytest.skip("chromium is not installed here; .ci/run installs it for CI")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield browser
        browser.close()


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
