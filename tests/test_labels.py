"""The label table: both languages for every key, and Chinese as an official document writes it."""

from __future__ import annotations

import re

from planner.i18n.labels import _LABELS, label

ASCII_PUNCTUATION = re.compile(r"[,:;()]")


def _outside_placeholders(text: str) -> str:
    """The text but its placeholders and what it quotes for the user to type (“finish:”)."""
    return re.sub(r"“[^”]*”", "", re.sub(r"\{[^}]*\}", "", text))


def test_chinese_labels_use_full_width_punctuation() -> None:
    bad = {key: zh for key, (zh, _) in _LABELS.items()  # a value's name is typed: LOW,HIGH
           if ASCII_PUNCTUATION.search(_outside_placeholders(zh))
           and not key.startswith("cli.metavar.")}
    assert bad == {}, bad


def test_every_label_has_both_languages_with_the_same_placeholders() -> None:
    for key, (zh, en) in _LABELS.items():
        assert en and (zh or key == "sentence_sep"), key  # Chinese sentences need no space
        names = (set(re.findall(r"\{(\w+)", zh)), set(re.findall(r"\{(\w+)", en)))
        assert names[0] == names[1], key


def test_label_fills_placeholders() -> None:
    assert label("worst_slip", "zh", name="月坑", days=52) == "拖期最多的是月坑，拖期52个工作日"
    assert label("worst_slip", "en", name="x", days=3) == "worst slip: x +3 working days"


def test_each_label_key_is_defined_in_exactly_one_area() -> None:
    from planner.i18n import (
        checks,
        cli,
        diagnostics,
        exchange,
        forms,
        labels,
        notice,
        outstanding,
        portfolio_page,
        review,
        rollup,
        text,
        writes,
    )

    areas = [m.LABELS for m in (review, text, exchange, checks, forms, diagnostics, writes,
                                outstanding, cli, notice, rollup, portfolio_page)]
    assert sum(len(a) for a in areas) == len(labels._LABELS)
    assert all(key.startswith("form.") for key in forms.LABELS)
    assert all(key.startswith("x.") for key in exchange.LABELS)
    assert all(key.startswith("cli.") for key in cli.LABELS)
    assert all(key.startswith("notice.") for key in notice.LABELS)
    assert all(key.startswith("rollup.") for key in rollup.LABELS)
    assert all(key.startswith("pf.") for key in portfolio_page.LABELS)
