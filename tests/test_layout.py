"""The README's layout section is the package as it is: generated from the folders, their
docstrings and the layering contract in pyproject.toml, so it cannot rot.

`pytest --regen-golden tests/test_layout.py` rewrites the section after a deliberate change.
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "planner"
README = ROOT / "README.md"
START = "<!-- layout: generated from the package by tests/test_layout.py -->"
END = "<!-- /layout -->"


def _summary(path: Path) -> str:
    """The first sentence of a module's docstring, on one line."""
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    text = " ".join(doc.split("\n\n")[0].split())
    return text.split(". ")[0].rstrip(".") + "."


def _layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    layers = next(c["layers"] for c in contracts if c["type"] == "layers")
    return [str(x) for x in layers]


def layout() -> str:
    """The section's text: the layers, top down, and what each folder holds."""
    layers = _layers()
    lines = [
        "```text",
        "planner/",
    ]
    folders = sorted(p for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    order = [name.strip().removeprefix("planner.") for layer in layers
             for name in layer.split("|")]
    folders.sort(key=lambda p: order.index(p.name) if p.name in order else len(order))
    for folder in folders:
        lines.append(f"  {folder.name + '/':<12}{_summary(folder / '__init__.py')}")
        modules = sorted(p.stem for p in folder.glob("*.py") if p.stem != "__init__")
        lines.append(f"  {'':<12}{', '.join(modules)}")
    for module in sorted(PACKAGE.glob("*.py")):
        if module.stem not in ("__init__", "__main__"):
            lines.append(f"  {module.name:<12}{_summary(module)}")
    lines.append("```")
    arrows = " → ".join(" | ".join(n.strip().removeprefix("planner.") for n in layer.split("|"))
                        for layer in layers)
    lines += [
        "",
        f"Each part imports only the parts after it: {arrows}. `a | b` are siblings that "
        "do not import each other. `lint-imports` checks this and the other contracts in "
        "`pyproject.toml` (no cycles inside a folder; no plotly, typer or openpyxl in the "
        "core; renderers read no files).",
    ]
    return "\n".join(lines) + "\n"


def _section(text: str) -> str:
    m = re.search(re.escape(START) + r"\n(.*?)" + re.escape(END), text, re.S)
    assert m, f"README.md has no section between {START!r} and {END!r}"
    return m.group(1)


def test_readme_layout_is_the_package(regen_golden: bool) -> None:
    text = README.read_text(encoding="utf-8")
    expected = layout()
    if regen_golden:
        old = START + "\n" + _section(text) + END
        README.write_text(text.replace(old, START + "\n" + expected + END), encoding="utf-8")
        pytest.skip("README layout rewritten")
    assert _section(text) == expected, "run `pytest --regen-golden tests/test_layout.py`"


def test_every_folder_says_what_it_is_for() -> None:
    for init in PACKAGE.glob("*/__init__.py"):
        assert len(_summary(init)) > 20, init
