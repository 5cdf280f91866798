"""The flag table is the one place a flag is defined: tracking, labels and docs follow it."""

from __future__ import annotations

import string
from pathlib import Path

import pytest

from planner import Project
from planner.domain.flags import (
    FLAG_TABLE,
    FLAGS,
    KINDS,
    NOT_ITS_FAULT,
    SEVERITIES,
    FlagSeverity,
    raise_flag,
)
from planner.i18n import labels
from planner.i18n.labels import LANGS, label
from tests.conftest import BUNDLED

ROOT = Path(__file__).resolve().parent.parent


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("lang", LANGS)
def test_every_flag_has_a_name_and_a_reason_naming_only_its_figures(lang: str) -> None:
    for kind in FLAG_TABLE:
        assert label(f"flag.{kind.name}", lang)
        variants = {"held-back": ("reason.held-back-started",),
                    "over-budget": ("reason.over-budget-nothing-earned",)}
        for key in (f"reason.{kind.name}", *variants.get(kind.name, ())):
            # the reason may leave a figure out, but never name one the flag lacks
            zh, en = labels._LABELS[key]
            template = zh if lang == "zh" else en
            assert _placeholders(template) <= set(kind.detail), (key, template)


def test_the_severity_rule() -> None:
    assert [s.value for s in FlagSeverity] == list(SEVERITIES)
    assert raise_flag("not-started", planned="2023-07-03").severity == "medium"
    assert raise_flag("not-started", escalate=True, planned="2023-07-03").severity == "high"
    assert raise_flag("finished-late", days=3).severity == "low"
    assert raise_flag("finished-late", escalate=True, days=3).severity == "medium"
    # a flag without an escalation keeps its severity
    assert raise_flag("critical", escalate=True).severity == "low"
    assert {"not-started", "behind", "slipping"} == NOT_ITS_FAULT


def test_a_flag_must_name_exactly_the_figures_of_the_table() -> None:
    with pytest.raises(ValueError, match="slipping"):
        raise_flag("slipping")
    with pytest.raises(ValueError, match="slipping"):
        raise_flag("slipping", days=2, extra=1)


def test_flags_raised_on_the_bundled_plan_follow_the_table() -> None:
    p = Project.open(BUNDLED)
    seen: set[str] = set()
    for t in p.history():
        for status in t.tasks:
            names = [f.name for f in status.flags]
            assert names == sorted(names, key=FLAGS.index)  # the review's order
            for f in status.flags:
                kind = KINDS[f.name]
                assert tuple(k for k, _ in f.detail) == kind.detail
                allowed = {kind.severity, kind.escalated} - {None}
                assert f.severity in allowed, (status.id, f)
                seen.add(f.name)
    assert len(seen) >= 6, seen  # the bundled history exercises most kinds


def test_the_docs_list_every_flag() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in FLAGS if f"`{name}`" not in text]
    assert not missing, missing
