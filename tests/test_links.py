"""One dependency text: what the printer writes, the parser reads back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.domain.links import link_text, parse_link
from planner.domain.model import Link, LinkType

IDS = st.from_regex(r"[A-Za-z0-9_.-]{1,12}", fullmatch=True)


@pytest.mark.parametrize(("text", "expected"), [
    ("a", ("a", LinkType.FS, 0)),
    ("a SS", ("a", LinkType.SS, 0)),
    ("a fs+5", ("a", LinkType.FS, 5)),
    ("a FF-2", ("a", LinkType.FF, -2)),
    ("a SF + 1w", ("a", LinkType.SF, 5)),
    ("  b.1 SS+0  ", ("b.1", LinkType.SS, 0)),
])
def test_parse(text: str, expected: tuple[str, LinkType, int]) -> None:
    assert parse_link(text, 5) == expected


@pytest.mark.parametrize(("text", "message"), [
    ("a XX", "unknown link type 'XX'"),
    ("a FS+x", "lag"),
    ("", "not understood"),
])
def test_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_link(text, 5)


@pytest.mark.property
@given(IDS, st.sampled_from(list(LinkType)), st.integers(-500, 500))
def test_printed_text_reads_back(task: str, kind: LinkType, lag: int) -> None:
    link = Link(task, kind, lag)
    assert parse_link(link_text(link), 5) == (task, kind, lag)
    if kind is LinkType.FS and lag == 0:
        assert link_text(link) == task  # the plain form people write
