"""The README's Python examples run, and print what the README says they print."""

from __future__ import annotations

import contextlib
import io
import os
import re

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"```python\n(.*?)```(?:\n\n[^`]*?\n\n```\n(.*?)```)?", re.S)


def test_every_python_block_runs_and_prints_what_the_readme_shows() -> None:
    blocks = BLOCK.findall(README)
    assert blocks, "the README has no Python example"
    cwd = os.getcwd()
    os.chdir(ROOT)  # the examples are run from the repository root
    try:
        for code, shown in blocks:
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                exec(compile(code, "README.md", "exec"), {"__name__": "__readme__"})
            printed = out.getvalue().splitlines()
            position = 0
            for line in (x for x in shown.splitlines() if x.strip() and x != "…"):
                assert line in printed[position:], f"README shows {line!r}; printed:\n" + \
                    "\n".join(printed)
                position = printed.index(line, position) + 1
    finally:
        os.chdir(cwd)
