"""User text made safe to show: no terminal control sequences, no bidi tricks, short quotes.

Names, notes and values come from files anyone may have written. On a terminal an escape
character can clear the screen, retitle the window, write the clipboard (OSC 52) or hide a
link; a right-to-left override can make `evil.exe` read as `exe.live`. Every such character
is shown as a visible escape instead.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls, and the bidi controls
# What a spreadsheet reads as the start of a formula: a cell of user text that begins with
# one of these is written with a leading apostrophe (and read back without it).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control and bidi-control character as a visible escape."""
    return UNSAFE.sub(_escape, text)


_BREAKS = "\n\r\t\v\f\x85\u2028\u2029"


def one_line(text: str) -> str:
    """User text on one line: a line break or tab in a name or note would start a table row,
    or a headline, of its own that is not one."""
    return " ".join(text.split()) if any(c in text for c in _BREAKS) else text


def visible_breaks(text: str) -> str:
    """User text on one line with its line breaks and tabs shown as escapes (``\\n``): a
    note quoted in a message cannot start a line of its own, which could pass for one of
    ours (``sewage-x: percent 15 -> 100``)."""
    if not any(c in text for c in _BREAKS):
        return text
    return "".join(repr(c)[1:-1] if c in _BREAKS else c for c in text)


# what XML 1.0 and iCalendar text cannot hold: C0 controls but tab and line breaks, DEL
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def text_only(text: str) -> str:
    """User text for a file format that cannot hold control characters (MS Project XML,
    iCalendar): each is written as a visible escape, as on a terminal."""
    return _NOT_TEXT.sub(_escape, text)


# what an XML document cannot hold at all: those, and lone surrogates (no UTF-8 for them)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def xml_chars(text: str) -> str:
    """User text for a document for people that XML carries (a Word file): the characters
    XML cannot hold dropped, where `text_only` shows them, since a printed notice must
    read cleanly and the characters say nothing to its readers."""
    return _NOT_XML.sub("", text)


def has_unsafe(text: str) -> bool:
    return UNSAFE.search(text) is not None


def excerpt(text: str, limit: int = 40) -> str:
    """A short, printable quote of user text for a message (never a whole file's worth)."""
    flat = printable(text.replace("\n", " ").replace("\t", " "))
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
