"""Diagnostics: every problem found in a user's files, with a stable code and a location."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

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
    """One finding: what is wrong, where, and how to fix it."""

    code: str
    message: str
    location: Location
    hint: str = ""
    severity: Severity = Severity.ERROR
    task: str | None = None

    def render(self) -> str:
        """The diagnostic for a terminal: one line, and the hint on the next."""
        text = f"{self.location}: {self.severity.value}: {self.message} [{self.code}]"
        if self.hint:
            text += "\n  hint: " + self.hint.replace("\n", "\n        ")
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
