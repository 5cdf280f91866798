"""The plan format's vocabularies: each closed set of words written once, as a StrEnum
that the readers check against and the command line offers as choices."""

from __future__ import annotations

from enum import StrEnum


class Lang(StrEnum):
    """The language a plan's outputs speak (`plan: lang:`, `--lang`)."""

    ZH = "zh"
    EN = "en"


class CalendarKind(StrEnum):
    """`plan: calendar:`: China's official calendar with 调休, Monday to Friday, every day."""

    CN = "cn"
    WEEKDAYS = "weekdays"
    ALLDAYS = "alldays"


class Logic(StrEnum):
    """`plan: out_of_sequence:` / `--logic`: how work started before its predecessors
    finished is scheduled (the remaining work waits for them, or goes on)."""

    RETAINED = "retained"
    OVERRIDE = "override"


class Distribution(StrEnum):
    """`distribution:` / `--distribution`: the shape of a three-point estimate."""

    PERT = "pert"
    TRIANGULAR = "triangular"


LANGS: tuple[str, ...] = tuple(Lang)
