"""Static images (PNG, PDF) of plotly figures through kaleido and a local Chromium."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

from planner.support.safewrite import OutputError

CHROMIUMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
             "chrome", "msedge")
# Where Windows installs the Chromium browsers an office PC has: Edge comes with Windows
# 10 and 11, Chrome is common; neither puts itself on PATH.
WINDOWS_BROWSERS = (("Microsoft", "Edge", "Application", "msedge.exe"),
                    ("Google", "Chrome", "Application", "chrome.exe"))
WINDOWS_ROOTS = ("PROGRAMFILES(X86)", "PROGRAMFILES", "LOCALAPPDATA")
INSTALL_HINTS = {
    "win32": "install kaleido (pip install kaleido) and Microsoft Edge or Google Chrome "
             "(Edge comes with Windows 10 and 11)",
    "darwin": "install kaleido (pip install kaleido) and Google Chrome or Chromium "
              "(e.g. brew install --cask chromium)",
    "linux": "install kaleido (pip install kaleido) and a Chromium (e.g. apt-get install "
             "chromium, dnf install chromium); Chinese text also needs a CJK font (e.g. "
             "apt-get install fonts-wqy-microhei)",
}


def install_hint(platform: str = sys.platform) -> str:
    """What to install for static images, in this system's own terms."""
    return INSTALL_HINTS.get(platform, INSTALL_HINTS["linux"])


class ExportUnavailable(OutputError):
    """Static export cannot run on this machine; the message says what to install."""


def find_chromium(platform: str = sys.platform) -> str | None:
    """A Chromium-based browser on PATH or, on Windows, where Edge and Chrome install."""
    for name in CHROMIUMS:
        if path := shutil.which(name):
            return path
    if platform == "win32":
        for root in filter(None, (os.environ.get(r) for r in WINDOWS_ROOTS)):
            for browser in WINDOWS_BROWSERS:
                if (candidate := Path(root, *browser)).is_file():
                    return str(candidate)
    return None


def image_bytes(fig: Any, kind: str, width: int = 1600) -> bytes:
    """The figure as PNG or PDF bytes; raises ExportUnavailable with what to install."""
    try:
        import kaleido
    except ImportError:
        raise ExportUnavailable("kaleido is not installed; " + install_hint()) from None
    chromium = find_chromium()
    if chromium is None:
        raise ExportUnavailable("no Chromium-based browser found; " + install_hint())
    # kaleido cannot download a browser here; point it at the installed one.
    os.environ.setdefault("BROWSER_PATH", chromium)
    height = int(fig.layout.height or 800)
    # kaleido's own page loads plotly's full 4.7 MB bundle and MathJax (from a CDN): the
    # vendored basic bundle, which draws every chart of ours, and no MathJax start Chromium's
    # page in half the time (the bundled plan's Gantt PNG: 3.5 s → 2.4 s in all).
    from planner.render.html import basic_bundle

    options: dict[str, Any] = {"mathjax": False}
    if (bundle := basic_bundle()) is not None:
        options["plotlyjs"] = bundle.as_uri()
    opts = {"format": kind, "width": width, "height": height, "scale": 1}
    spec = fig.to_plotly_json()
    try:
        try:
            return bytes(kaleido.calc_fig_sync(spec, opts=opts, kopts=options))
        except Exception as exc:
            # On a busy machine kaleido 1.x can ask its page for its scripts before they
            # have loaded ("kaleido_scopes is not defined"): a second start succeeds.
            if "kaleido_scopes" not in str(exc):
                raise
            return bytes(kaleido.calc_fig_sync(spec, opts=opts, kopts=options))
    except Exception as exc:  # kaleido reports browser problems as assorted errors
        raise ExportUnavailable(f"{type(exc).__name__}: {exc}; " + install_hint()) from None
