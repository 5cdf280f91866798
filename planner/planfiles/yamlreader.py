"""Reading YAML the way a user meant it: positions kept, no YAML 1.1 guessing, no aliases.

PyYAML resolves plain scalars by YAML 1.1 rules (`no` -> False, `010` -> 8, `1:30` -> 90) and
silently keeps the last of two equal keys. We therefore only *compose* the document into nodes
(with the C parser when available) and read every scalar's text ourselves.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

import yaml

from planner.domain.diagnostics import (
    Diagnostic,
    Invalid,
    Location,
    Phrase,
    PlanError,
    Severity,
    Suggestions,
)
from planner.support.sanitize import excerpt, has_unsafe

try:  # the C composer is several times faster on large plans
    from yaml import CSafeLoader as _Base
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Base  # type: ignore[assignment]

_TAGS = {
    yaml.ScalarNode: "tag:yaml.org,2002:str",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}


class _Loader(_Base):
    """Composes without YAML 1.1 tag guessing.

    We read every scalar's text ourselves, so PyYAML's implicit resolver (pure Python even
    under the C loader, and half the compose time) would only produce tags we ignore.
    """

    def resolve(self, kind: type[yaml.Node], value: object, implicit: object) -> str:
        return _TAGS[kind]

    # No path resolvers either: the composer calls these for every node.
    def descend_resolver(self, current_node: object, current_index: object) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


T = TypeVar("T")

MAX_BYTES = 64 * 1024 * 1024
NULLS = frozenset({"", "~", "null", "Null", "NULL"})


class SourceError(Exception):
    """A file that cannot be read at all (not found, not UTF-8, too large, bad YAML)."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic
        super().__init__(diagnostic.render())


def read_text(path: Path, display: str) -> str:
    """The file's text, refusing files that are too large or not UTF-8."""
    def refuse(key: str, **values: object) -> SourceError:
        return SourceError(Diagnostic.said("file", key, Location(display),
                                           severity=Severity.ERROR, task=None, **values))

    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise refuse("file.missing.plan" if path.name == "plan.yaml"
                     or path.suffix not in (".yaml", ".yml") else "file.missing") from None
    except OSError as exc:
        raise refuse("file.unreadable", reason=exc.strerror) from None
    if stat.S_ISDIR(st.st_mode):
        raise refuse("file.folder")
    if not stat.S_ISREG(st.st_mode):
        raise refuse("file.not_regular")
    size = st.st_size
    if size > MAX_BYTES:
        raise SourceError(Diagnostic.said("too-large", "file.too_large", Location(display),
                                          size=f"{size / 2**20:.0f}", most=MAX_BYTES // 2**20))
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        raise refuse("file.unreadable", reason=exc.strerror) from None
    if len(data) > MAX_BYTES:  # it grew after we looked
        raise refuse("file.grew", most=MAX_BYTES // 2**20)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SourceError(Diagnostic.said("encoding", "file.not_utf8", Location(display, line, col),
                                          byte=f"0x{data[exc.start]:02x}")) from None
    return text.removeprefix("\ufeff")


def compose(text: str, display: str) -> yaml.Node | None:
    """Parse text into a node tree; None for an empty document."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = Location(display, mark.line + 1, mark.column + 1) if mark else Location(display)
        problem = _parser_words(exc.problem or "invalid YAML", _PROBLEMS)
        context: Phrase | str = ""
        if exc.context and exc.context_mark and exc.context_mark is not mark:
            cm = exc.context_mark
            context = Phrase.of("yaml.context.at", context=_parser_words(exc.context, _CONTEXTS),
                                line=cm.line + 1, col=cm.column + 1)
        elif exc.context:
            context = Phrase.of("yaml.context", context=_parser_words(exc.context, _CONTEXTS))
        raise SourceError(Diagnostic.said("yaml", "yaml.syntax", loc, problem=problem,
                                          context=context)) from None
    except yaml.YAMLError as exc:
        raise SourceError(Diagnostic.said("yaml", "yaml.error", Location(display),
                                          problem=str(exc))) from None
    except RecursionError:
        raise SourceError(Diagnostic.said("too-deep", "yaml.too_deep", Location(display))
                          ) from None


# The YAML parser's words for the usual syntax errors, each said in the user's language (the
# English label is the parser's sentence); any other is passed on as the parser wrote it.
_PROBLEMS = (
    (re.compile(r"mapping values are not allowed here"), "yaml.problem.mapping_values"),
    (re.compile(r"mapping values are not allowed in this context"),  # the C parser's words
     "yaml.problem.mapping_values.c"),
    (re.compile(r"could not find expected ':'"), "yaml.problem.no_colon"),
    (re.compile(r"found character (?P<char>.+) that cannot start any token"),
     "yaml.problem.character"),
    (re.compile(r"found character that cannot start any token"), "yaml.problem.character.c"),
    (re.compile(r"found unexpected end of stream"), "yaml.problem.end"),
    (re.compile(r"found a tab character that violates indentation"), "yaml.problem.tab"),
    (re.compile(r"expected (?P<expected>.+), but found (?P<found>.+)"), "yaml.problem.found"),
    (re.compile(r"expected (?P<expected>.+), but got (?P<found>.+)"), "yaml.problem.got"),
    (re.compile(r"found undefined alias (?P<name>.+)"), "yaml.problem.alias"),
    (re.compile(r"did not find expected key"), "yaml.problem.no_key"),
    (re.compile(r"did not find expected '-' indicator"), "yaml.problem.no_dash"),
    (re.compile(r"did not find expected (?P<one>'.') or (?P<other>'.')"),
     "yaml.problem.not_found.either"),
    (re.compile(r"did not find expected (?P<expected>'.+)"), "yaml.problem.not_found"),
)
_CONTEXTS = tuple((re.compile(re.escape(text)), key) for text, key in (
    ("while scanning a simple key", "yaml.while.key"),
    ("while scanning for the next token", "yaml.while.token"),
    ("while scanning a quoted scalar", "yaml.while.quoted"),
    ("while scanning a plain scalar", "yaml.while.plain"),
    ("while parsing a block mapping", "yaml.while.block_mapping"),
    ("while parsing a block collection", "yaml.while.block_list"),
    ("while parsing a flow mapping", "yaml.while.flow_mapping"),
    ("while parsing a flow sequence", "yaml.while.flow_list"),
))


def _parser_words(text: str, known: tuple[tuple[re.Pattern[str], str], ...]) -> Phrase | str:
    for pattern, key in known:
        if m := pattern.fullmatch(text):
            return Phrase.of(key, **m.groupdict())
    return text


def outside(path: Path, folder: Path, what: str) -> Diagnostic:
    """The error for one of the plan's own files that leads out of its folder."""
    return Diagnostic.said("file", "file.outside", Location(str(path)), what=what_of(what),
                           folder=folder)


def load_text(path: Path, text: str | None = None) -> tuple[str, str]:
    """A YAML file's text, refused when it cannot be read or holds an alias, and the name
    to report it by. ``text``, when given, is taken instead of the file's.
    Raises PlanError when the file cannot be read.
    """
    display = str(path)
    try:
        if text is None:
            text = read_text(path, display)
    except SourceError as exc:
        raise PlanError(with_slip_hints([exc.diagnostic], "")) from None
    if "&" in text:  # no anchor, no alias: the common case costs one scan for a byte
        found = Reader(display)
        found.alias_errors(text)
        if found.diagnostics:
            raise PlanError(found.diagnostics)
    return text, display


def compose_text(text: str, display: str) -> yaml.Node | None:
    """The node tree of a text `load_text` gave; PlanError when it is not YAML."""
    try:
        return compose(text, display)
    except SourceError as exc:
        raise PlanError(with_slip_hints([exc.diagnostic], text)) from None


def load_document(path: Path, text: str | None = None) -> tuple[yaml.Node | None, str, str]:
    """A YAML file's node tree, the name to report it by, and its text.

    ``text``, when given, is read instead of the file (a new version not yet written).
    Raises PlanError when the file cannot be read or parsed at all.
    """
    text, display = load_text(path, text)
    return compose_text(text, display), display, text


# Slips a Chinese keyboard makes, with the help each deserves.
_FULL_COLON = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w.-]*)\s*：")
_STARTS_AT = re.compile(r"starts at line (\d+)")
_QUOTED_NOTE = re.compile(r"note:\s*[^\s\"']")


def with_slip_hints(diagnostics: list[Diagnostic], text: str) -> list[Diagnostic]:
    """The diagnostics, with a targeted hint where the line shows a typing slip: a full-width
    colon after a key, a tab in the indentation, a comma splitting a `{…}` note."""
    lines = text.splitlines()
    return [_slip_hint(d, lines) for d in diagnostics]


def _slip_hint(d: Diagnostic, lines: list[str]) -> Diagnostic:
    where = d.location
    numbers = [where.line] + [int(n) for n in _STARTS_AT.findall(d.message)]
    for n in numbers:
        if not 1 <= n <= len(lines):
            continue
        line = lines[n - 1]
        if m := _FULL_COLON.match(line):
            return replace(d, location=Location(where.file, n, m.end())).hinted(
                "yaml.slip.full_colon", name=m.group(1))
        indent = line[:len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            return replace(d, location=Location(where.file, n, indent.index("\t") + 1)
                           ).hinted("yaml.slip.tab")
    if d.code == "unknown-key" and 1 <= where.line <= len(lines):
        before = lines[where.line - 1][:max(where.col - 1, 0)]
        if "{" in before and _QUOTED_NOTE.search(before):
            return d.hinted("yaml.slip.note_comma")
    return d


@dataclass
class Reader:
    """Walks a node tree, collecting diagnostics instead of stopping at the first one."""

    file: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    aliased: bool = False
    suggest: Suggestions = field(default_factory=Suggestions)
    _seen: set[int] = field(default_factory=set)

    def loc(self, node: yaml.Node) -> Location:
        mark = node.start_mark
        return Location(self.file, mark.line + 1, mark.column + 1)

    @staticmethod
    def position(node: yaml.Node) -> tuple[int, int]:
        """Line and column (1-based) where a node starts; cheaper than a Location."""
        return node.start_mark.line + 1, node.start_mark.column + 1

    def error(self, code: str, key: str, node: yaml.Node | Location, task: str | None = None,
              **values: object) -> None:
        """The finding ``key`` (a message of the i18n tables, with ``values``) at ``node``."""
        where = node if isinstance(node, Location) else self.loc(node)
        self.diagnostics.append(Diagnostic.said(code, key, where, severity=Severity.ERROR,
                                                task=task, **values))

    def visit(self, node: yaml.Node) -> bool:
        """False when this node was reached before: it is shared through an alias.

        The composed tree no longer says where the alias was written; `alias_errors` finds
        that out afterwards, on this (rare) error path only.
        """
        if id(node) in self._seen:
            self.aliased = True
            return False
        self._seen.add(id(node))
        return True

    def alias_errors(self, text: str, limit: int = 5) -> None:
        """Report the aliases of ``text`` at the places they were written.

        Every alias is refused, of a single value too: a 100 KB name repeated through
        aliases makes a small file into outputs of hundreds of megabytes.
        """
        found = 0
        try:
            events = list(yaml.parse(text, Loader=_Loader))
        except yaml.YAMLError:
            return  # a syntax error: compose reports it with its place
        for event in events:
            if isinstance(event, yaml.AliasEvent):
                found += 1
                mark = event.start_mark
                where = Location(self.file, mark.line + 1, mark.column + 1) if mark else \
                    Location(self.file)
                if found <= limit:
                    self.error("alias", "yaml.alias", where, anchor=event.anchor)
        if found > limit:
            self.error("alias", "yaml.alias.more", Location(self.file), n=found - limit)

    def mapping(self, node: yaml.Node, what: str | Phrase, known: Collection[str] | None,
                required: tuple[str, ...] = (), task: str | None = None, noun: str = "key",
                ) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        """A mapping's entries by key, reporting duplicates, unknown and missing keys.

        ``known`` None accepts any key; ``noun`` names what the keys are ("key", or "task"
        where the keys are task ids). ``what`` names the mapping (`what_of`).
        """
        if not self.visit(node):
            return None
        said = what_of(what)
        if not isinstance(node, yaml.MappingNode):
            self.error("type", "yaml.not_mapping", node, task=task, what=said,
                       found=describe(node))
            return None
        entries: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.error("type", "yaml.key_not_word", key_node, task=task, what=said)
                continue
            key = key_node.value
            if key in entries:
                first = self.loc(entries[key][0])
                self.error("duplicate-key", f"yaml.twice.{noun}", key_node, task=task,
                           name=key, what=said, line=first.line)
                continue
            if known is not None and key not in known:
                close = self.suggest.closest(key, known)
                self.error(f"unknown-{noun}", f"yaml.unknown.{noun}" + (".close" if close else ""),
                           key_node, task=task, name=excerpt(key), what=said, close=close,
                           known=", ".join(known) if noun == "key" else "")
                continue
            entries[key] = (key_node, value_node)
        for key in required:
            if key not in entries or is_null(entries[key][1]):
                self.error("missing-key", "yaml.missing_key", node, task=task, what=said,
                           name=key)
        return entries

    def sequence(self, node: yaml.Node, what: str | Phrase, task: str | None = None,
                 ) -> list[yaml.Node] | None:
        """A list's items; a single scalar is taken as a one-item list."""
        if not self.visit(node):
            return None
        if isinstance(node, yaml.ScalarNode):
            return [] if is_null(node) else [node]
        if not isinstance(node, yaml.SequenceNode):
            self.error("type", "yaml.not_list", node, task=task, what=what_of(what),
                       found=describe(node))
            return None
        return list(node.value)

    def parsed(self, node: yaml.Node, what: str | Phrase, parse: Callable[[str], T],
               task: str | None = None) -> T | None:
        """One scalar through ``parse``; a ValueError becomes a located diagnostic."""
        text = self.text(node, what, task)
        if text is None:
            return None
        try:
            return parse(text)
        except ValueError as exc:
            self.error("value", "yaml.bad_value", node, task=task, what=what_of(what),
                       problem=problem_of(exc, text))
            return None

    def text(self, node: yaml.Node, what: str | Phrase, task: str | None = None) -> str | None:
        """A scalar's text exactly as written (no YAML 1.1 type guessing).

        Aliases never get this far: `load_document` refuses them all.
        """
        if isinstance(node, yaml.ScalarNode):
            return str(node.value)
        if self.visit(node):
            self.error("type", "yaml.not_scalar", node, task=task, what=what_of(what),
                       found=describe(node))
        return None


def is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and not node.style and node.value in NULLS


def describe(node: yaml.Node) -> Phrase:
    if isinstance(node, yaml.MappingNode):
        return Phrase.of("yaml.node.mapping")
    if isinstance(node, yaml.SequenceNode):
        return Phrase.of("yaml.node.list")
    return Phrase.of("yaml.node.value", text=excerpt(str(node.value)))


def problem_of(exc: ValueError, text: str) -> Phrase | str:
    """What a parser said of ``text``, quoting a short, printable excerpt of it only."""
    short = excerpt(text) if len(text) > 40 or has_unsafe(text) else text
    if isinstance(exc, Invalid):
        return exc.phrase(**{k: short for k, v in exc.values.items() if v == text})
    return str(exc).replace(text, short)  # a parser without keyed messages: its own words


# The names of the parts of a file a message names, as written in English in the code; a
# name not here is a key of the file, quoted as written (`calendar`, `lang`).
_WHAT = {
    "the plan file": "what.plan_file", "the status file": "what.status_file",
    "the baseline": "what.baseline", "baseline tasks": "what.baseline_tasks",
    "the snapshot": "what.snapshot",
    "plan": "what.plan", "plan id": "what.plan_id", "plan name": "what.plan_name",
    "plan start": "what.plan_start", "plan finish": "what.plan_finish",
    "a task": "what.a_task", "task id": "what.task_id", "data date": "what.data_date",
    "dependency task": "what.dependency_task", "link type": "what.link_type",
    "risk default": "what.risk_default",
    "the portfolio file": "what.portfolio_file", "portfolio": "what.portfolio",
    "portfolio name": "what.portfolio_name", "plans": "what.portfolio_plans",
    "a plan of the portfolio": "what.portfolio_plan", "plan path": "what.plan_path",
    "group": "what.portfolio_group",
}


def what_of(what: str | Phrase) -> Phrase:
    """The part of a file a message names, as a phrase said in the user's language."""
    if isinstance(what, Phrase):
        return what
    key = _WHAT.get(what)
    return Phrase.of(key) if key else Phrase.of("what.key", name=what)


def of_task(field: str, task_id: str | None) -> Phrase:
    """A field of a task: "duration of task 'a'" (of "a task" when it has no id)."""
    key = _OF_TASK.get(field, "what.of_task")
    return Phrase.of(key if task_id else key + ".anon", name=field, id=task_id or "")


# fields whose English name is not the key's (`a tag`: one item of `tags`)
_OF_TASK = {"a tag": "what.tag_of_task", "quantity total": "what.total_of_task",
            "a dependency": "what.dependency_of_task"}
