"""Diagnostics: every problem found in a user's files, with a stable code and a location."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

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

    @classmethod
    def said(cls, code: str, key: str, location: Location, *,
             severity: Severity = Severity.ERROR, task: str | None = None,
             **values: object) -> Diagnostic:
        """The finding whose message is ``key`` in the i18n tables (and whose hint is
        ``key.hint`` when the tables have one), filled in with ``values``."""
        hint = label(f"{key}.hint", "en", **values) if has_label(f"{key}.hint") else ""
        return cls(code, label(key, "en", **values), location, hint, severity, task, key,
                   tuple(values.items()))

    def in_lang(self, lang: str) -> Diagnostic:
        """This finding in ``lang`` (itself when it was written in place, without a key)."""
        if not self.key or lang == "en":
            return self
        values = dict(self.values)
        hint = label(f"{self.key}.hint", lang, **values) if self.hint else ""
        return replace(self, message=label(self.key, lang, **values), hint=hint)

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

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(d.render() for d in self.diagnostics))


class ArgumentError(ValueError):
    """A value handed to the library (not read from a file) that it refuses: an option out
    of range, an unknown field, a value of the wrong type. The message is one sentence."""


class UnknownId(KeyError):
    """An id the plan, or a result of it, does not have; one sentence with a did-you-mean."""

    def __str__(self) -> str:  # a sentence, not KeyError's quoted repr
        return str(self.args[0]) if self.args else ""


def unknown_id(task_id: object, known: Iterable[str], what: str = "task") -> UnknownId:
    """The UnknownId for ``task_id`` among ``known``."""
    text = str(task_id)
    quoted = text if len(text) <= 40 else text[:39] + "…"
    hint = did_you_mean(text, known)
    return UnknownId(f"there is no {what} {quoted!r}" + (f"; {hint}" if hint else ""))


class Suggestions:
    """Did-you-mean hints for one file, at most ``budget`` of them.

    Each hint compares the word with every known name; a file with thousands of unknown
    names is wrong wholesale, and hints for all of them would take minutes.
    """

    def __init__(self, budget: int = 50) -> None:
        self.left = budget

    def __call__(self, word: str, choices: Iterable[str]) -> str:
        if self.left <= 0:
            return ""
        self.left -= 1
        return did_you_mean(word, choices)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint naming the closest known spelling, or '' when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""
