"""Static images (PNG, PDF) of plotly figures through kaleido and a local Chromium."""

from __future__ import annotations

import shutil
from typing import Any

from planner.support.safewrite import OutputError

CHROMIUMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
INSTALL_HINT = ("install kaleido (pip install kaleido) and a Chromium "
                "(e.g. apt-get install chromium); Chinese text also needs a CJK font "
                "(e.g. apt-get install fonts-wqy-microhei)")


class ExportUnavailable(OutputError):
    """Static export cannot run on this machine; the message says what to install."""


def find_chromium() -> str | None:
    for name in CHROMIUMS:
        if path := shutil.which(name):
            return path
    return None


def image_bytes(fig: Any, kind: str, width: int = 1600) -> bytes:
    """The figure as PNG or PDF bytes; raises ExportUnavailable with what to install."""
    try:
        import kaleido  # noqa: F401
    except ImportError:
        raise ExportUnavailable("kaleido is not installed; " + INSTALL_HINT) from None
    chromium = find_chromium()
    if chromium is None:
        raise ExportUnavailable("no Chromium found on PATH; " + INSTALL_HINT)
    import os

    # kaleido cannot download a browser here; point it at the installed one.
    os.environ.setdefault("BROWSER_PATH", chromium)
    height = int(fig.layout.height or 800)
    try:
        try:
            return bytes(fig.to_image(format=kind, width=width, height=height))
        except Exception as exc:
            # On a busy machine kaleido 1.x can ask its page for its scripts before they
            # have loaded ("kaleido_scopes is not defined"): a second start succeeds.
            if "kaleido_scopes" not in str(exc):
                raise
            return bytes(fig.to_image(format=kind, width=width, height=height))
    except Exception as exc:  # kaleido reports browser problems as assorted errors
        raise ExportUnavailable(f"{type(exc).__name__}: {exc}; " + INSTALL_HINT) from None
