"""The kinds of slow test (tests/conftest.py): every test that drives a real client, runs
hypothesis, reads a clock or builds the package carries the marker of its kind, and so is
`slow`."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import KINDS, ROOT, kinds_needed, missing_kinds


def test_every_test_of_this_run_carries_the_marker_of_its_kind(
        request: pytest.FixtureRequest) -> None:
    items = request.session.items
    assert [(item.nodeid, missing_kinds(item)) for item in items if missing_kinds(item)] == []
    for item in items:
        kinds = [k for k in KINDS if item.get_closest_marker(k)]
        assert bool(kinds) == bool(item.get_closest_marker("slow")), item.nodeid


def test_the_kinds_are_the_markers_declared() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pytest_ini = config["tool"]["pytest"]["ini_options"]
    declared = [line.split(":")[0] for line in pytest_ini["markers"]]
    assert {"slow", *KINDS} <= set(declared)
    assert "--strict-markers" in pytest_ini["addopts"].split()


# Look-alikes of real tests, reached through a dictionary so that this file's own tests
# show no sign of a kind.
def _chromium(path: str) -> Any:
    from playwright.sync_api import sync_playwright

    return sync_playwright, path


def _opens_a_page(path: str) -> Any:
    return _chromium(path)  # through a helper, as test_gantt.py's open_in_browser


def _exports_png() -> None:
    pytest.importorskip("kaleido")


def _converts_with_libreoffice() -> None:
    soffice = "/usr/bin/soffice"
    assert soffice


def _starts_java() -> Any:
    import jpype

    return jpype


def _times_itself() -> None:
    import time

    began = time.perf_counter()
    assert time.perf_counter() - began < 1


def _builds_the_package() -> None:
    kind = "sdist"
    assert kind


@given(st.integers())
def _property(n: int) -> None:
    assert n == n


def _plain(tmp_path: str) -> None:
    assert "chromium, soffice and hypothesis in a string say nothing" and tmp_path


SAMPLES: dict[str, Callable[..., Any]] = {
    "browser": _opens_a_page, "kaleido": _exports_png, "client": _converts_with_libreoffice,
    "java": _starts_java, "perf": _times_itself, "property": _property, "plain": _plain,
    "package": _builds_the_package,
}


@pytest.mark.parametrize(("sample", "kinds"), [
    ("browser", {"browser"}), ("kaleido", {"browser"}), ("client", {"client"}),
    ("java", {"client"}), ("perf", {"perf"}), ("property", {"property"}), ("plain", set()),
    ("package", {"package"}),
])
def test_signs_of_a_kind_are_seen_in_code_and_helpers(sample: str, kinds: set[str]) -> None:
    assert kinds_needed([SAMPLES[sample]]) == kinds
