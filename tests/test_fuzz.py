"""Seeded mutations of the bundled plan and its snapshots: every command ends with an exit
code (0, 1, 2 or 3), never an exception, in bounded time and memory.

`pytest tests/test_fuzz.py --fuzz-cases 5000` runs more cases than the suite's 300 (in
PARTS tests, which parallel runs spread over their processes).
"""

from __future__ import annotations

import random
import shutil
import time
import tracemalloc
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, invoke

PARTS = 4

VALUES = [
    "", "~", "-1", "0", "1e309", "99999999999999", "2023-02-30", "0001-01-01", "9999-12-31",
    "2150-06-30", "1899-12-31", "[", "{a: b}", "[1, 2]", "&a x", "*a", "'\x1b[2J'",
    "\"\\u202e\"", "'", "\"", "1:30", "no", ".nan", ".inf", "2w", "-5d", "a FS+999999",
    "x" * 300, "{task: nowhere, type: XX}", "100", "150", "2023-12", "[-10%, +4000%]",
    "[1, 5, 1e300]", "1.7e308", "\t", "：", "镇农办", "null", "true", "- a",
    "!!python/object:os.system",
]


def mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(lines))
        kind = rng.randrange(8)
        if kind == 0 and ": " in lines[i]:
            key = lines[i].split(": ", 1)[0]
            lines[i] = f"{key}: {rng.choice(VALUES)}"
        elif kind == 1:
            del lines[i]
        elif kind == 2:
            lines.insert(i, lines[i])
        elif kind == 3:
            lines[i] = ("  " + lines[i]) if rng.random() < 0.5 else lines[i][2:]
        elif kind == 4:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == 5:
            lines = lines[:i]
        elif kind == 6:
            pos = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:pos] + rng.choice(["\x00", "\x1b", "\u202e", "\ufeff", "{",
                                                     "}", "&", "*", "#", "|"]) + lines[i][pos:]
        else:
            lines[i] = lines[i].replace(":", "：", 1)
        if not lines:
            lines = [""]
    return "\n".join(lines)


def commands(tmp: Path, folder: Path) -> list[list[str]]:
    plan = str(folder)
    return [
        ["validate", plan], ["validate", plan, "--format", "json"],
        ["schedule", plan, "-f", "json"], ["schedule", plan],
        ["status", plan], ["status", plan, "-f", "csv"], ["status", plan, "-f", "md"],
        ["diff", plan, "--from", "2023-09-30"],
        ["risk", plan, "-n", "30", "--seed", "1", "-f", "json"],
        ["baseline", plan, "--force", "--date", "2023-07-01"],
        ["gantt", plan, "-o", str(tmp / "g.html")],
        ["report", plan, "-n", "30", "-o", str(tmp)],
    ]


@pytest.mark.property
@pytest.mark.perf  # each case within 60 s and 500 MB
@pytest.mark.parametrize("part", range(PARTS))
def test_mutated_plans_end_with_an_exit_code(tmp_path: Path, request: pytest.FixtureRequest,
                                              part: int) -> None:
    cases = int(request.config.getoption("--fuzz-cases"))
    mine = range(part * cases // PARTS, (part + 1) * cases // PARTS)
    rng = random.Random(20231107)  # one sequence of cases, whichever part runs them
    files = ["plan.yaml", "status/2023-06-30.yaml", "status/2023-09-30.yaml",
             "status/2023-11-07.yaml"]
    slowest, heaviest = 0.0, 0
    for case in range(mine.stop):
        name = rng.choice(files)
        text = mutate((BUNDLED / name).read_text(encoding="utf-8"), rng)
        folder = tmp_path / f"c{case}"
        # the heavy outputs (Gantt, report) one case in ten
        pool = commands(tmp_path, folder)
        command = rng.choice(pool if case % 10 == 0 else pool[:-2])
        if case not in mine:
            continue
        shutil.copytree(BUNDLED, folder)
        (folder / name).write_text(text, encoding="utf-8")
        tracemalloc.start()
        began = time.perf_counter()
        result = invoke(command)  # an exception here is a bug: it would reach the user
        took = time.perf_counter() - began
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        slowest, heaviest = max(slowest, took), max(heaviest, peak)
        assert result.exit_code in (0, 1, 2, 3), (case, command, result.output)
        assert "Traceback" not in result.output, (case, command)
        assert "\x1b" not in result.output and "\u202e" not in result.output, (case, command)
        assert took < 60 and peak < 500_000_000, (case, command, took, peak)
        shutil.rmtree(folder)
    print(f"{len(mine)} cases; slowest {slowest:.2f} s; peak {heaviest / 2**20:.0f} MB")
