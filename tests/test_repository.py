"""The tree itself: no merge left half done in a file anyone reads."""

from __future__ import annotations

import re
import subprocess

from tests.conftest import ROOT

MARKER = re.compile(r"^(<{7}|={7}|>{7})( |$)", re.M)
TEXT = (".py", ".md", ".toml", ".yaml", ".yml", ".json", ".txt", ".po", ".cfg", ".in", "")


def test_no_file_holds_a_conflict_marker() -> None:
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                            check=False)
    names = listed.stdout.split() if listed.returncode == 0 else \
        [str(p.relative_to(ROOT)) for p in ROOT.rglob("*") if p.is_file()]
    found = []
    for name in names:
        path = ROOT / name
        if path.suffix not in TEXT or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [f"{name}:{text.count(chr(10), 0, m.start()) + 1}"
                  for m in MARKER.finditer(text)]
    assert found == []
