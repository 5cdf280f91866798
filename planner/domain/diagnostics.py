"""Diagnostics: every problem found in a user's files, with a stable code and a location."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Protocol, Self, runtime_checkable

from planner.i18n.labels import has_label, label
from planner.support.sanitize import printable


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Location:
    """Where something was written: file, 1-based line and column."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{self.col}"


NOWHERE = Location("")  # for objects built in code rather than read from a file


@dataclass(frozen=True, slots=True)
class Phrase:
    """A piece of a message that is itself said in the user's language: a label key and
    the values filled into it (the task a message is about, one step of a dependency chain).

    A value of a finding may be a Phrase, or a tuple of them (said one after the other), so
    no English fragment is built into a sentence said in Chinese.
    """

    key: str
    values: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, key: str, **values: object) -> Phrase:
        return cls(key, tuple(values.items()))

    def in_lang(self, lang: str) -> str:
        return label(self.key, lang, **said_values(self.values, lang))

    def __str__(self) -> str:  # English, as a message's ``message`` is
        return self.in_lang("en")


@runtime_checkable
class Sayable(Protocol):
    """A value that names itself in each language (a Phrase; a file format)."""

    def in_lang(self, lang: str) -> str: ...


@dataclass(frozen=True, slots=True)
class Alternatives:
    """Choices named in a message: "a or b" in English, "a或b" in Chinese (a Sayable); with
    ``sep=", "`` and ``last_zh="、"`` a plain list ("a, b" / "a、b")."""

    items: tuple[str, ...]
    sep: str = " or "  # the English separator ("or", or a comma for a long list)
    last_zh: str = "或"  # the Chinese word before the last item

    def in_lang(self, lang: str) -> str:
        if lang == "zh":
            return "、".join(self.items[:-1]) + (self.last_zh if len(self.items) > 1
                                                 else "") + self.items[-1]
        return self.sep.join(self.items)


def said_values(values: Iterable[tuple[str, object]], lang: str) -> dict[str, object]:
    """Values to fill into a message in ``lang``: phrases said in it (a tuple of them one
    after the other), the rest as they are."""
    out: dict[str, object] = {}
    for name, value in values:
        if isinstance(value, Sayable):
            value = value.in_lang(lang)
        elif isinstance(value, tuple) and value and all(isinstance(v, Sayable) for v in value):
            value = "".join(v.in_lang(lang) for v in value if isinstance(v, Sayable))
        out[name] = value
    return out


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding: what is wrong, where, and how to fix it.

    Built with `said`, a finding keeps the key of its message in the i18n tables and the
    values filled into it, so it can be said again in the user's language (`in_lang`);
    ``message`` and ``hint`` are the English text, which scripts and logs read.
    """

    code: str
    message: str
    location: Location
    hint: str = ""
    severity: Severity = Severity.ERROR
    task: str | None = None
    key: str = ""  # the message's key in the i18n tables; "" for a text written in place
    values: tuple[tuple[str, object], ...] = ()
    hint_key: str = ""  # a hint given afterwards (`hinted`), in place of ``key.hint``
    hint_values: tuple[tuple[str, object], ...] = ()

    @classmethod
    def said(cls, code: str, key: str, location: Location, *,
             severity: Severity = Severity.ERROR, task: str | None = None,
             **values: object) -> Diagnostic:
        """The finding whose message is ``key`` in the i18n tables (and whose hint is
        ``key.hint`` when the tables have one), filled in with ``values``."""
        kept = tuple(values.items())
        en = said_values(kept, "en")
        hint = label(f"{key}.hint", "en", **en) if has_label(f"{key}.hint") else ""
        return cls(code, label(key, "en", **en), location, hint, severity, task, key, kept)

    def hinted(self, key: str, **values: object) -> Diagnostic:
        """This finding with the hint ``key`` instead of its own (a hint that depends on
        more than the finding: the typing slip seen on its line)."""
        kept = tuple(values.items())
        return replace(self, hint=label(key, "en", **said_values(kept, "en")), hint_key=key,
                       hint_values=kept)

    def in_lang(self, lang: str) -> Diagnostic:
        """This finding in ``lang`` (itself when it was written in place, without a key)."""
        if lang == "en" or not (self.key or self.hint_key):
            return self
        message, hint = self.message, self.hint
        if self.key:
            values = said_values(self.values, lang)
            message = label(self.key, lang, **values)
            if self.hint and not self.hint_key:
                hint = label(f"{self.key}.hint", lang, **values)
        if self.hint_key:
            hint = label(self.hint_key, lang, **said_values(self.hint_values, lang))
        return replace(self, message=message, hint=hint)

    def render(self, lang: str = "en") -> str:
        """The diagnostic for a terminal: one line, and the hint on the next."""
        said = self.in_lang(lang)
        if lang == "zh":
            text = f"{said.location}：{label(f'diag.{self.severity.value}', lang)}：" \
                f"{said.message} [{self.code}]"
            lead = label("diag.hint", lang) + "："
        else:
            text = f"{said.location}: {self.severity.value}: {said.message} [{self.code}]"
            lead = "hint: "
        if said.hint:
            text += "\n  " + lead + said.hint.replace("\n", "\n" + " " * (len(lead) + 2))
        return printable(text)


class PlanError(Exception):
    """Raised with every error found, so the user can fix them all in one pass."""

    def __init__(self, diagnostics: Iterable[Diagnostic], lang: str | None = None) -> None:
        self.diagnostics = tuple(diagnostics)
        # the language of the file the findings are about, when its reader knows it (a task
        # table with Chinese headers): the language to say them in, unless the user chose
        self.lang = lang
        super().__init__("\n".join(d.render() for d in self.diagnostics))


class Invalid(ValueError):
    """A value a parser refuses: the message ``key`` of the i18n tables with ``values``.

    str() is the English sentence, as of any ValueError; a reader that reports it says it
    in the user's language through `phrase`.
    """

    def __init__(self, key: str, **values: object) -> None:
        self.key, self.values = key, values
        super().__init__(self.phrase().in_lang("en"))

    def phrase(self, **changed: object) -> Phrase:
        """The message as a phrase, with ``changed`` values (an excerpt for a long text)."""
        return Phrase(self.key, tuple({**self.values, **changed}.items()))


class _Said(Exception):
    """An exception whose one sentence is a key of the i18n tables with values: str() is
    the English sentence, `in_lang` says it in the user's language."""

    key: str = ""
    values: tuple[tuple[str, object], ...] = ()

    @classmethod
    def said(cls, key: str, **values: object) -> Self:
        kept = tuple(values.items())
        error = cls(label(key, "en", **said_values(kept, "en")))
        error.key, error.values = key, kept
        return error

    def in_lang(self, lang: str) -> str:
        if not self.key or lang == "en":
            return str(self)
        return label(self.key, lang, **said_values(self.values, lang))


class ArgumentError(_Said, ValueError):
    """A value handed to the library (not read from a file) that it refuses: an option out
    of range, an unknown field, a value of the wrong type. The message is one sentence."""


class UnknownId(_Said, KeyError):
    """An id the plan, or a result of it, does not have; one sentence with a did-you-mean."""

    def __str__(self) -> str:  # a sentence, not KeyError's quoted repr
        return str(self.args[0]) if self.args else ""


def unknown_id(task_id: object, known: Iterable[str], what: str = "task") -> UnknownId:
    """The UnknownId for ``task_id`` among ``known`` (``what``: "task" or "target")."""
    text = str(task_id)
    quoted = text if len(text) <= 40 else text[:39] + "…"
    close = closest(text, known)
    return UnknownId.said(f"id.unknown.{what}" + (".close" if close else ""), id=quoted,
                          close=close)


class Suggestions:
    """Did-you-mean hints for one file, at most ``budget`` of them.

    Each hint compares the word with every known name; a file with thousands of unknown
    names is wrong wholesale, and hints for all of them would take minutes.
    """

    def __init__(self, budget: int = 50) -> None:
        self.left = budget

    def __call__(self, word: str, choices: Iterable[str]) -> str:
        close = self.closest(word, choices)
        return f"did you mean '{close}'?" if close else ""

    def closest(self, word: str, choices: Iterable[str]) -> str:
        """The known name closest to ``word``, or '' (for a hint said in the user's
        language: the name goes into the message, the words around it into the table)."""
        if self.left <= 0:
            return ""
        self.left -= 1
        return closest(word, choices)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint naming the closest known spelling, or '' when nothing is close."""
    close = closest(word, choices)
    return f"did you mean '{close}'?" if close else ""


def closest(word: str, choices: Iterable[str]) -> str:
    """The closest known spelling of ``word``, or '' when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else ""
