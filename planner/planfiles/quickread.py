"""Reading a valid plan.yaml of the usual layout without composing YAML nodes.

PyYAML's composer builds a node for every key and value of the file (about ten a task) and
the loader then walks them; at 100,000 tasks that is most of a command's time. Most plans,
and all that programs write, use a small part of YAML: block mappings of `key: value` lines,
values that are plain or quoted single-line scalars or one-line `[a, b]` lists, and the
task tree as block sequences under `tasks:`. This reader reads exactly that part, line by
line, with the positions of every task, key and link as the YAML reader gives them, and
builds the same `Plan` the loader would, through the same value parsers and plan rules.

It gives up — returns None — at the first thing outside that part or the first problem of
any kind (a value that does not parse, a rule that fails, an unknown key): the loader then
reads the file the full way, which reports every problem at its place. So this path never
reports anything; it only makes valid plans quicker to open.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from planner.domain import vocab
from planner.domain.calendar import KINDS
from planner.domain.diagnostics import NOWHERE, Location
from planner.domain.links import parse_link
from planner.domain.model import (
    DISTRIBUTIONS,
    MAX_DEPTH,
    OUT_OF_SEQUENCE,
    Link,
    LinkType,
    Plan,
    Quantity,
    Task,
)
from planner.domain.rules import (
    field_rules,
    header_rules,
    inherit_owners,
    link_rules,
    model_locate,
    shape_rules,
    wait_rules,
    window_rules,
)
from planner.domain.values import (
    MAX_DAYS,
    choice,
    date_parser,
    parse_bool,
    parse_date,
    parse_duration,
    parse_estimate_days,
    parse_non_negative,
    parse_plan_id,
    parse_task_id,
    sample_note,
)
from planner.support.gcpause import fast_constructor

# One line of the part read: indentation, an optional "- ", a key, its value (maybe empty).
# Characters that make the whole file go the full way: tabs, carriage returns, YAML's other
# line breaks, and what YAML refuses or escapes.
_UNUSUAL = re.compile("[^\x0a\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|"
                      "[\x85\u2028\u2029\ufeff]")
# A plain scalar may not start with one of these (quotes and `[` are read apart).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# An item of a one-line flow list: plain, no flow indicator, quote, colon or comment.
_FLOW_ITEM = re.compile(r" *([^\s\-?:,\[\]{}#&*!|>'\"%@`][^,\[\]{}#:'\"]*?) *"
                        r"| *(\"[^\"\\]*\"|'[^']*') *")
# An entry of a one-line flow mapping, `{total: 200, unit: 户}`.
_FLOW_ENTRY = re.compile(r" *([A-Za-z_]+): +([^\s\-?:,\[\]{}#&*!|>'\"%@`][^,\[\]{}#:'\"]*?) *")
# What a flow list's plain items may not hold.
_NOT_PLAIN = re.compile(r"[\[\]{}#:'\"]")
# A link with its type and a lag in days, as writers write it: read as domain.links reads it.
_TYPED_LINK = re.compile(r"([A-Za-z0-9_.-]+) (FS|SS|FF|SF)([+-][0-9]{1,5})?")
_LINK_TYPES = {t.value: t for t in LinkType}
# A list of bare ids, one space after each comma: the items the loop below reads as bare ids.
_BARE_IDS = re.compile(r"[A-Za-z0-9_.][A-Za-z0-9_.-]*(?:, [A-Za-z0-9_.][A-Za-z0-9_.-]*)*")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_HEADER_KEYS = frozenset({"id", "name", "start", "finish", "calendar", "holidays", "workdays",
                          "lang", "currency", "out_of_sequence", "illustrative"})
_TASK_KEYS = frozenset({"id", "name", "owner", "tags", "tasks", "duration", "start", "finish",
                        "milestone", "ongoing", "target", "after", "estimate",
                        "distribution", "deadline", "budget", "quantity", "assumed"})
_LAST = date_parser("last")
_CALENDARS = choice(KINDS)
_LANGS = choice(vocab.LANGS)
_SEQUENCE_LOGIC = choice(OUT_OF_SEQUENCE)
_DISTRIBUTIONS = choice(DISTRIBUTIONS)


class _GiveUp(Exception):
    """Outside the part of YAML read here, or a problem: the full reader takes over."""


# A value as written: (text, line, column, kind), kind "plain", "quoted", "list" or "map"; a list's
# text is None and its items follow as (text, line, column).
_Item = tuple[str, int, int]


class _Value:
    __slots__ = ("col", "entries", "items", "kind", "line", "text")

    def __init__(self, kind: str, text: str, line: int, col: int,
                 items: list[_Item] | None = None, entries: dict[str, str] | None = None,
                 ) -> None:
        self.kind, self.text, self.line, self.col, self.items = kind, text, line, col, items
        self.entries = entries

    @property
    def null(self) -> bool:
        return self.kind == "plain" and self.text in _NULLS

    def scalar(self) -> str:
        if self.kind == "list" or self.kind == "map":
            raise _GiveUp
        return self.text

    def sequence(self) -> list[_Item]:
        """Items as the loader takes them: a single scalar is a one-item list."""
        if self.items is not None:
            return self.items
        if self.kind == "map":
            raise _GiveUp
        return [] if self.null else [(self.text, self.line, self.col)]


def _value(rest: str, line: int, col: int) -> _Value:
    """The value written after `key: ` (``col``: its 1-based column)."""
    first = rest[0]
    if first == "[":
        close = rest.find("]")
        if close < 0 or not _after_value(rest[close + 1:]):
            raise _GiveUp
        inner = rest[1:close]
        items: list[_Item] = []
        if inner.strip():
            at = col + 1
            for part in inner.split(","):
                m = _FLOW_ITEM.fullmatch(part)
                if m is None:
                    raise _GiveUp
                if m.group(1) is not None:
                    items.append((m.group(1), line, at + m.start(1)))
                else:  # quoted: the text between the quotes, placed at the opening one
                    items.append((m.group(2)[1:-1], line, at + m.start(2)))
                at += len(part) + 1
        return _Value("list", "", line, col, items)
    if first == "{":
        close = rest.find("}")
        if close < 0 or not _after_value(rest[close + 1:]):
            raise _GiveUp
        entries: dict[str, str] = {}
        for part in rest[1:close].split(","):
            m = _FLOW_ENTRY.fullmatch(part)
            if m is None or m.group(1) in entries:
                raise _GiveUp
            entries[m.group(1)] = m.group(2)
        return _Value("map", "", line, col, entries=entries)
    if first == '"' or first == "'":
        close = rest.find(first, 1)
        body = rest[1:close]
        if close < 0 or not _after_value(rest[close + 1:]) or "\\" in body:
            raise _GiveUp  # an escape, a doubled quote or a multi-line string
        return _Value("quoted", body, line, col)
    if first in _INDICATORS:
        raise _GiveUp
    cut = rest.find(" #")
    text = (rest if cut < 0 else rest[:cut]).rstrip(" ")
    if ": " in text or text.endswith(":") or " #" in text:
        raise _GiveUp
    return _Value("plain", text, line, col)


def _after_value(tail: str) -> bool:
    """Only spaces, or a comment after a space, follow a quoted scalar or a flow list."""
    stripped = tail.lstrip(" ")
    return not stripped or (stripped[0] == "#" and len(stripped) < len(tail))


# Every line of the file, as (indentation, "- ", key, spaces, value) or all empty for a blank
# line or a comment; a line that is neither makes the count come out short.
_ROWS = re.compile(r"^(?:( *)(- +)?([A-Za-z_][A-Za-z0-9_]*):(?:( +)([^\n]*))?| *(?:#[^\n]*)?)$",
                   re.MULTILINE)
_Row = tuple[str, str, str, str, str]


def _rows(text: str) -> list[_Row]:
    rows: list[_Row] = _ROWS.findall(text)
    if len(rows) != text.count("\n") + 1:
        raise _GiveUp  # a list of scalars, a continued scalar, `---`, a directive
    return rows


class _Quick:
    def __init__(self, text: str, display: str) -> None:
        self.display = display
        self.rows = _rows(text)
        self.days_per_week = 5
        self.plan_finish: date | None = None
        self.tasks: list[Task] = []
        self.seen: set[str] = set()

    def skip(self, i: int) -> int:
        """The first line from ``i`` on that is not blank or a comment."""
        rows, n = self.rows, len(self.rows)
        while i < n and not rows[i][2]:
            i += 1
        return i

    # -- the document ----------------------------------------------------------------------

    def plan(self, file: Path) -> Plan:
        rows, n = self.rows, len(self.rows)
        head: dict[str, _Value] = {}
        where_plan = NOWHERE
        top: set[str] = set()
        i = self.skip(0)
        while i < n:
            indent, dash, key, _, rest = rows[i]
            if indent or dash or (rest and rest[0] != "#") or key in top:
                raise _GiveUp
            top.add(key)
            if key == "plan":
                where_plan = Location(self.display, i + 1, 1)
                head, i = self.header(self.skip(i + 1))
            elif key == "tasks" and "plan" in top:
                self.read_header(head)
                i = self.skip(i + 1)
                if i >= n or not rows[i][1]:
                    raise _GiveUp  # no tasks: the loader says so
                _, i = self.sequence(i, None, 0)
            else:
                raise _GiveUp
            i = self.skip(i)
        if "tasks" not in top:
            raise _GiveUp
        plan = Plan(tasks=inherit_owners(self.tasks), path=file, location=where_plan,
                    **self.fields)  # type: ignore[arg-type]
        locate = model_locate(plan)
        if link_rules(plan.tasks, locate, lambda *_: "") or window_rules(plan, locate) \
                or wait_rules(plan.tasks, plan.id, locate):
            raise _GiveUp
        return plan

    def header(self, i: int) -> tuple[dict[str, _Value], int]:
        rows, n = self.rows, len(self.rows)
        if i >= n or rows[i][1] or not rows[i][0]:
            raise _GiveUp
        indent = rows[i][0]
        out: dict[str, _Value] = {}
        while i < n and len(rows[i][0]) >= len(indent):
            at, dash, key, space, rest = rows[i]
            if at != indent or dash or not rest or rest[0] == "#" \
                    or key not in _HEADER_KEYS or key in out:
                raise _GiveUp  # thresholds, risk and check settings go the full way
            out[key] = _value(rest, i + 1, len(indent) + len(key) + len(space) + 2)
            i = self.skip(i + 1)
        return out, i

    def read_header(self, head: dict[str, _Value]) -> None:
        for key in ("id", "name", "start"):
            if key not in head or head[key].null:
                raise _GiveUp
        fields: dict[str, object] = {
            "id": parse_plan_id(head["id"].scalar()), "name": head["name"].scalar(),
            "start": parse_date(head["start"].scalar())}
        if "finish" in head and not head["finish"].null:
            fields["finish"] = self.plan_finish = _LAST(head["finish"].scalar())
        if "calendar" in head:
            fields["calendar"] = _CALENDARS(head["calendar"].scalar())
            self.days_per_week = 7 if fields["calendar"] == "alldays" else 5
        days: dict[str, tuple[date, ...]] = {"holidays": (), "workdays": ()}
        for key in days:
            if key in head:
                fields[key] = days[key] = tuple(parse_date(text)
                                                for text, _, _ in head[key].sequence())
        if "lang" in head:
            fields["lang"] = _LANGS(head["lang"].scalar())
        if "currency" in head:
            fields["currency"] = head["currency"].scalar()
        if "illustrative" in head and not head["illustrative"].null:
            fields["illustrative"] = sample_note(head["illustrative"].scalar())
        if "out_of_sequence" in head:
            fields["out_of_sequence"] = _SEQUENCE_LOGIC(head["out_of_sequence"].scalar())
        finish = fields.get("finish")
        start = fields["start"]
        if header_rules(start if isinstance(start, date) else None,
                        finish if isinstance(finish, date) else None,
                        days["holidays"], days["workdays"], lambda task, key: NOWHERE):
            raise _GiveUp  # the full reader says what, where
        self.fields = fields

    # -- tasks -----------------------------------------------------------------------------

    def sequence(self, i: int, parent: str | None, depth: int) -> tuple[list[str], int]:
        """The tasks of one `tasks:` list from line ``i``, its first dash; and the line after."""
        rows, n = self.rows, len(self.rows)
        indent = rows[i][0]
        ids = []
        while i < n:
            at, dash = rows[i][0], rows[i][1]
            if at != indent:
                if len(at) > len(indent):
                    raise _GiveUp
                break
            if not dash:
                break  # a list at its key's indentation ends where the mapping goes on
            tid, i = self.task(i, parent, depth)
            ids.append(tid)
        return ids, i

    def task(self, i: int, parent: str | None, depth: int) -> tuple[str, int]:
        """One task from line ``i`` (its dash); its id and the line after it."""
        rows, n, display = self.rows, len(self.rows), self.display
        indent, dash, key, space, rest = rows[i]
        width = len(indent) + len(dash)  # the task's keys line up with its first one
        pad = " " * width
        location = _location(display, i + 1, width + 1)
        keys: dict[str, tuple[int, int]] = {}
        f: dict[str, object] = {}
        children: list[str] = []
        position = -1
        while True:
            if key in keys:
                raise _GiveUp
            line = i + 1
            col = width + len(key) + len(space) + 2
            if key == "tasks":
                j = self.skip(i + 1)
                if (rest and rest[0] != "#") or j >= n or not rows[j][1] \
                        or len(rows[j][0]) < width or depth + 1 >= MAX_DEPTH or "id" not in f:
                    raise _GiveUp
                keys[key] = (j + 1, len(rows[j][0]) + 1)
                position = len(self.tasks)
                self.tasks.append(Task(id="", name=""))  # keeps file order
                children, i = self.sequence(j, f["id"], depth + 1)  # type: ignore[arg-type]
            else:
                if not rest or rest[0] == "#":
                    raise _GiveUp  # a null, a block list or a mapping: the full way
                keys[key] = (line, col)
                if key == "after" and rest[0] == "[":  # the usual list of links, quickly
                    f[key] = self.links(rest, line, col)
                else:
                    self.field(key, rest, line, col, f)
                i += 1
            while i < n and not rows[i][2]:
                i += 1
            if i >= n:
                break
            indent, dash, key, space, rest = rows[i]
            if dash or indent != pad:
                if len(indent) > width:
                    raise _GiveUp
                break
        tid = f.get("id")
        if not isinstance(tid, str) or "name" not in f or tid in self.seen:
            raise _GiveUp
        self.seen.add(tid)
        task = _task(location=location, parent=parent,
                     children=tuple(children), depth=depth, keys=keys,
                     **f)
        if field_rules(task, keys, _nowhere, self.plan_finish) or \
                shape_rules(task, keys, _nowhere):
            raise _GiveUp
        if position >= 0:
            self.tasks[position] = task
        else:
            self.tasks.append(task)
        return tid, i

    def field(self, key: str, rest: str, line: int, col: int, f: dict[str, object]) -> None:
        """One field of a task, read as the loader's `task_fields` reads it, into ``f``."""
        value, text = _read(rest, line, col)
        if key == "id":
            f[key] = parse_task_id(_scalar(value, text))
        elif key == "name":
            f[key] = _scalar(value, text)
        elif key == "duration":
            if value is None and text.isdigit() and text.isascii() and len(text) < 6 \
                    and int(text) <= MAX_DAYS:
                f[key] = int(text)  # whole days, as parse_duration reads them
            else:
                f[key] = parse_duration(_scalar(value, text), self.days_per_week)
        elif key == "after":
            f[key] = tuple(self.link(*item) for item in _items(value, text, line, col))
        elif key in _PARSERS:
            f[key] = _PARSERS[key](_scalar(value, text))
        elif key == "tags":
            f[key] = tuple(item[0] for item in _items(value, text, line, col))
        elif key == "assumed":
            f[key] = frozenset(item[0] for item in _items(value, text, line, col))
        elif key == "estimate":
            items = _items(value, text, line, col)
            if len(items) != 3:
                raise _GiveUp
            low, likely, high = (float(parse_estimate_days(t)) for t, _, _ in items)
            f[key] = (low, likely, high)
        elif key == "quantity":
            f[key] = _quantity(value)
        else:
            raise _GiveUp  # not a task's key

    def links(self, rest: str, line: int, col: int) -> tuple[Link, ...]:
        """A one-line list of links, `[a, b SS+2]`, from the value's text ``rest``."""
        close = rest.find("]")
        inner = rest[1:close]
        if close < 0 or not _after_value(rest[close + 1:]) or _NOT_PLAIN.search(inner):
            return tuple(self.link(*item) for item in _value(rest, line, col).sequence())
        if not inner.strip(" "):
            return ()
        out = []
        display, at = self.display, col + 1
        if _BARE_IDS.fullmatch(inner):  # `[a, b, c]`, as writers write it: each item's column
            for item in inner.split(", "):  # follows from the lengths
                out.append(_link(item, _FS, 0, _location(display, line, at)))
                at += len(item) + 2
            return tuple(out)
        for part in inner.split(","):
            item = part.strip(" ")
            if not item or item[0] in _INDICATORS:
                raise _GiveUp
            where = _location(display, line, at + part.index(item[0]))
            if " " not in item and item.isascii():
                out.append(_link(item, _FS, 0, where))
            else:
                out.append(self.link(item, line, where.col))
            at += len(part) + 1
        return tuple(out)

    def link(self, text: str, line: int, col: int) -> Link:
        where = _location(self.display, line, col)
        if " " not in text and text.isascii():  # a bare id, the usual case
            return _link(text, _FS, 0, where)
        if (m := _TYPED_LINK.fullmatch(text)) is not None:  # `a SS`, `a FS+5`: the next
            lag = int(m[3]) if m[3] else 0
            if abs(lag) <= MAX_DAYS:
                return _link(m[1], _LINK_TYPES[m[2]], lag, where)
        try:
            pred, kind, lag = parse_link(text, self.days_per_week)
        except ValueError:  # the YAML path says what is wrong, where
            raise _GiveUp from None
        return _link(pred, kind, lag, where)


def _read(rest: str, line: int, col: int) -> tuple[_Value | None, str]:
    """A value that is not the usual list of links: plain (None and its text), or quoted,
    a flow list or a flow mapping (its `_Value`)."""
    if rest[0] in _INDICATORS:
        value = _value(rest, line, col)
        return value, value.text
    text = rest
    if "#" in text and (cut := text.find(" #")) >= 0:
        text = text[:cut]
    text = text.rstrip(" ")
    if text in _NULLS or (":" in text and (": " in text or text[-1] == ":")):
        raise _GiveUp  # a null (the full way), or a mapping where a value belongs
    return None, text


def _scalar(value: _Value | None, text: str) -> str:
    """A single value's text: plain (``text``) or quoted."""
    return text if value is None else value.scalar()


def _items(value: _Value | None, text: str, line: int, col: int) -> list[_Item]:
    """A list's items; a single plain value is a one-item list."""
    return [(text, line, col)] if value is None else value.sequence()


def _quantity(value: _Value | None) -> Quantity:
    q = value.entries if value is not None else None
    if q is None or "total" not in q or not q.keys() <= {"total", "unit"} or q["total"] in _NULLS:
        raise _GiveUp
    return Quantity(parse_non_negative(q["total"], "total"), q.get("unit", ""))


# a plan of 100,000 tasks creates some 400,000 of these: without the frozen dataclasses'
# __init__ (0.5 s of its 2.3 s read)
_location = fast_constructor(Location)
_link = fast_constructor(Link)
_task = fast_constructor(Task)
_FS = LinkType.FS


def _nowhere(_: str) -> Location:
    return NOWHERE


_PARSERS: dict[str, Callable[[str], object]] = {
    "owner": str, "start": parse_date, "finish": _LAST, "deadline": _LAST,
    "budget": lambda t: parse_non_negative(t, "budget"),
    "milestone": lambda t: parse_bool(t, "milestone"),
    "ongoing": lambda t: parse_bool(t, "ongoing"),
    "target": lambda t: parse_bool(t, "target"),
    "distribution": _DISTRIBUTIONS,
}


def quick_plan(text: str, display: str, file: Path) -> Plan | None:
    """The plan of ``text`` when it is valid and in the usual layout; else None (the loader
    then reads it the full way and reports what is wrong)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")  # the same lines and columns
    if not text.replace("\n", "").isprintable() if text.isascii() else _UNUSUAL.search(text):
        return None  # for ASCII text, printable is exactly what YAML reads as it stands
    try:
        return _Quick(text, display).plan(file)
    except (_GiveUp, ValueError):
        return None
