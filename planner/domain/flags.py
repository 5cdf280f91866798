"""The review's flags: one table of what each flag is, read by tracking, labels and tests.

A flag's name, its severity rule, the figures its reason names and the groups it belongs
to are written here once; tracking raises flags through `raise_flag`, which holds it to
this table, and the label tables give each flag a name and a reason in both languages.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class FlagSeverity(StrEnum):
    """How urgently a flag asks for action; ordered low < medium < high."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return SEVERITIES.index(self.value)


SEVERITIES: tuple[str, ...] = tuple(s.value for s in FlagSeverity)


@dataclass(frozen=True, slots=True)
class FlagKind:
    """One kind of flag and its rule."""

    name: str
    severity: FlagSeverity  # what it usually carries
    detail: tuple[str, ...]  # the figures its reason names, in order
    meaning: str  # when it is raised (for the docs)
    escalated: FlagSeverity | None = None  # the severity it takes when `escalates_when` holds
    escalates_when: str = ""
    own_fault: bool = False  # blames the task itself: a held-up task does not carry it
    deadline: bool = False  # says the deadline will be or was missed
    on_ongoing: bool = False  # also raised on ongoing work (持续推进)
    held_up: bool = False  # names a late predecessor as the cause (the root-cause flags)

    def severity_for(self, escalate: bool = False) -> FlagSeverity:
        """The severity rule: its usual severity, or the escalated one when it applies."""
        return self.escalated if escalate and self.escalated is not None else self.severity


# In the order a review reads them: most urgent first.
FLAG_TABLE: tuple[FlagKind, ...] = (
    # first: the flags after it on the same task are as of that earlier report
    FlagKind("awaiting-report", FlagSeverity.LOW, ("since",),
             "a progress form asked for it at this data date and its unit's form is not back "
             "yet; it is reviewed as of the snapshot before (`since`)", on_ongoing=True),
    FlagKind("missed-deadline", FlagSeverity.HIGH, ("days", "deadline"),
             "its deadline has passed and the task is not finished", deadline=True),
    FlagKind("will-miss-deadline", FlagSeverity.HIGH, ("days", "deadline"),
             "its forecast finish is after its deadline", deadline=True),
    FlagKind("not-started", FlagSeverity.MEDIUM, ("planned",),
             "its baseline start has passed and it has not started",
             escalated=FlagSeverity.HIGH, escalates_when="the task is on the critical path",
             own_fault=True),
    FlagKind("behind", FlagSeverity.MEDIUM, ("planned", "actual"),
             "actual progress is more than `thresholds.behind` points below planned "
             "(ongoing work: measured by a quantity, or not started)",
             own_fault=True, on_ongoing=True),
    FlagKind("slipping", FlagSeverity.MEDIUM, ("days",),
             "its forecast finish is more than `thresholds.slip` days after the baseline",
             own_fault=True),
    FlagKind("deadline-at-risk", FlagSeverity.MEDIUM, ("days", "deadline"),
             "its margin to the deadline is below `thresholds.at_risk` working days"),
    FlagKind("stalled", FlagSeverity.MEDIUM, ("since",),
             "the latest report gives the same measure as the one before (ongoing work: "
             "and the same note and spent)", on_ongoing=True),
    FlagKind("no-report", FlagSeverity.MEDIUM, ("since",),
             "work under way has not been reported for `thresholds.no_report` days",
             on_ongoing=True),
    FlagKind("over-budget", FlagSeverity.MEDIUM, ("over", "cpi"),
             "its cost performance index (earned value ÷ spent) is below `thresholds.cpi` "
             "(default 1: its forecast cost, budget ÷ CPI, is above its budget); `over` is "
             "the forecast overrun in percent of the budget"),
    FlagKind("waiting", FlagSeverity.LOW, ("task", "name", "owner", "days"),
             "it has not started and is held up only by a late predecessor, named as the "
             "cause", held_up=True),
    FlagKind("held-back", FlagSeverity.LOW, ("task", "name", "owner", "days", "started"),
             "work under way held back by a late predecessor, named as the cause: it "
             "started as soon as the predecessor let it and kept its pace since "
             "(`started`), or its remaining work waits for it", held_up=True),
    FlagKind("paused", FlagSeverity.LOW, ("resume",),
             "work under way whose latest note says it is paused (暂停); its forecast "
             "has the work resume on the earliest day it can (`resume`): the next working "
             "day, or the day its predecessors, in this plan or another, allow"),
    FlagKind("finished-late", FlagSeverity.LOW, ("days",),
             "it finished after its baseline finish",
             escalated=FlagSeverity.MEDIUM, escalates_when="it also finished after its deadline"),
    FlagKind("critical", FlagSeverity.LOW, (), "it is on the critical path"),
)

KINDS: dict[str, FlagKind] = {k.name: k for k in FLAG_TABLE}
FLAGS: tuple[str, ...] = tuple(k.name for k in FLAG_TABLE)
ORDER: dict[str, int] = {name: i for i, name in enumerate(FLAGS)}
# What a task held up only by its predecessors is not to blame for.
NOT_ITS_FAULT = frozenset(k.name for k in FLAG_TABLE if k.own_fault)
DEADLINE_FLAGS = frozenset(k.name for k in FLAG_TABLE if k.deadline)
LATE_FLAGS = DEADLINE_FLAGS | NOT_ITS_FAULT
ONGOING_FLAGS = frozenset(k.name for k in FLAG_TABLE if k.on_ongoing)
# Held up by a late predecessor: counted apart from the late tasks, the cause named.
HELD_UP_FLAGS = frozenset(k.name for k in FLAG_TABLE if k.held_up)


@dataclass(frozen=True, slots=True)
class Flag:
    """One flag raised on one task, with the figures its reason names."""

    name: str
    severity: str
    detail: tuple[tuple[str, object], ...] = ()

    @property
    def rank(self) -> int:
        return SEVERITIES.index(self.severity)

    def value(self, key: str) -> object:
        return dict(self.detail)[key]


def raise_flag(flag: str, /, escalate: bool = False, **detail: object) -> Flag:
    """A flag of kind ``flag`` with its severity by the table's rule; ``detail`` must
    name exactly the figures the table lists, so every reason can be written."""
    kind = KINDS[flag]
    if tuple(detail) != kind.detail:
        raise ValueError(f"flag '{flag}' names {tuple(detail)}, the table {kind.detail}")
    return Flag(flag, kind.severity_for(escalate).value, tuple(detail.items()))
