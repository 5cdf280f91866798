"""Static image export: finding a browser and saying what to install, per system."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.render import image


@pytest.fixture
def no_path_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(image.shutil, "which", lambda name: None)
    for root in image.WINDOWS_ROOTS:
        monkeypatch.delenv(root, raising=False)


def test_windows_edge_is_found_where_windows_installs_it(
        no_path_browser: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edge = tmp_path / "Microsoft" / "Edge" / "Application" / "msedge.exe"
    edge.parent.mkdir(parents=True)
    edge.write_bytes(b"")
    monkeypatch.setenv("PROGRAMFILES(X86)", str(tmp_path))
    assert image.find_chromium("win32") == str(edge)
    assert image.find_chromium("linux") is None  # those folders mean nothing elsewhere


def test_windows_chrome_in_the_users_own_folder(
        no_path_browser: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    chrome = tmp_path / "Google" / "Chrome" / "Application" / "chrome.exe"
    chrome.parent.mkdir(parents=True)
    chrome.write_bytes(b"")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path))
    monkeypatch.setenv("PROGRAMFILES", str(tmp_path / "empty"))
    assert image.find_chromium("win32") == str(chrome)


def test_no_browser_anywhere(no_path_browser: None) -> None:
    assert image.find_chromium("win32") is None


def test_install_hints_speak_each_systems_terms() -> None:
    assert "Edge" in image.install_hint("win32") and "apt-get" not in image.install_hint("win32")
    assert "apt-get install chromium" in image.install_hint("linux")
    assert "brew" in image.install_hint("darwin")
    assert image.install_hint("freebsd13") == image.install_hint("linux")
