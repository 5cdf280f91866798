"""The dependency text every plan source writes: `a`, `a SS`, `a FS+5`, `a FF-2`.

One parser and one printer, so plan.yaml, the plan table and every export read and write
a link the same way.
"""

from __future__ import annotations

import re

from planner.domain.diagnostics import Invalid
from planner.domain.model import Link, LinkType
from planner.domain.values import parse_lag

# one `after:` entry as text: `a`, `a SS`, `a FS+5`
LINK_TEXT = re.compile(r"(?P<task>\S+)(?:\s+(?P<type>[A-Za-z]+)\s*(?P<lag>[+-].*)?)?")
_LINK_TYPES = {t.value: t for t in LinkType}


class LinkNotUnderstood(ValueError):
    """The text is not of the shape `task-id [TYPE[±lag]]` at all."""


def parse_link_type(text: str) -> LinkType:
    """`FS`, `ss`, … as a link type; a ValueError names the four there are."""
    kind = _LINK_TYPES.get(text.upper())  # a dict, not LinkType(...): enum calls are slow
    if kind is None:
        raise Invalid("value.link_type", text=text)
    return kind


def parse_link(text: str, days_per_week: int) -> tuple[str, LinkType, int]:
    """The predecessor id, link type and lag (working days) of one dependency text.

    Raises LinkNotUnderstood when the text has not the shape of a link, and ValueError
    saying what is wrong with its type or lag; the reader's hint says how to write one.
    """
    m = LINK_TEXT.fullmatch(text.strip())
    if not m:
        raise LinkNotUnderstood("is not understood")
    kind = parse_link_type(m["type"]) if m["type"] else LinkType.FS
    lag = parse_lag(m["lag"], days_per_week) if m["lag"] else 0
    return m["task"], kind, lag


def link_text(link: Link) -> str:
    """The dependency text of ``link``: `a`, `a SS`, `a FS+5`, `a FF-2`."""
    if link.type is LinkType.FS and not link.lag:
        return link.task
    lag = f"{link.lag:+d}" if link.lag else ""
    return f"{link.task} {link.type.value}{lag}"
