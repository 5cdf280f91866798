"""The plan as frozen, typed objects; each remembers where it was written."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property
from pathlib import Path

from planner.domain.diagnostics import NOWHERE, Location
from planner.domain.vocab import Distribution, Logic


class LinkType(StrEnum):
    FS = "FS"  # successor starts after the predecessor finishes
    SS = "SS"  # successor starts no earlier than the predecessor starts
    FF = "FF"  # successor finishes no earlier than the predecessor finishes
    SF = "SF"  # successor finishes no earlier than the predecessor starts

    @property
    def from_finish(self) -> bool:
        """True when the predecessor's finish (not its start) is what counts."""
        return self in (LinkType.FS, LinkType.FF)

    @property
    def to_finish(self) -> bool:
        """True when the link constrains the successor's finish (not its start)."""
        return self in (LinkType.FF, LinkType.SF)


@dataclass(frozen=True, slots=True)
class Link:
    """One `after:` entry: this task follows `task` by `type` with `lag` working days."""

    task: str
    type: LinkType = LinkType.FS
    lag: int = 0
    location: Location = NOWHERE

    def __str__(self) -> str:
        lag = f"{self.lag:+d}" if self.lag else ""
        return f"{self.task} {self.type.value}{lag}"

    @property
    def external(self) -> bool:
        """A link to a task of another plan of a portfolio, written `plan-id:task-id` (a
        task id holds no colon, so the two cannot be confused)."""
        return EXTERNAL in self.task

    @property
    def other(self) -> tuple[str, str]:
        """The plan id and task id an external link names (("", task) for a link within
        the plan)."""
        plan, _, task = self.task.rpartition(EXTERNAL)
        return plan, task


EXTERNAL = ":"  # separates the plan id from the task id in a link to another plan


@dataclass(frozen=True, slots=True)
class Quantity:
    total: float
    unit: str = ""


@dataclass(frozen=True, slots=True)
class Task:
    """A task as written in plan.yaml; dates computed from it live in a Schedule."""

    id: str
    name: str
    location: Location = NOWHERE
    owner: str | None = None
    tags: tuple[str, ...] = ()
    duration: int | None = None  # working days; None for summaries and `finish:` tasks
    start: date | None = None  # start no earlier than
    finish: date | None = None  # planned finish (with start) instead of a duration
    milestone: bool = False
    ongoing: bool = False  # level of effort (持续推进): spans its window, never critical
    # a quantity target over a period (全年指标): spans its window like ongoing work, and is
    # judged by the quantity done against the straight line from its start to its finish
    target: bool = False
    after: tuple[Link, ...] = ()
    estimate: tuple[float, float, float] | None = None
    distribution: str | None = None  # pert | triangular; default: the plan's
    deadline: date | None = None
    budget: float | None = None
    quantity: Quantity | None = None
    # the keys whose values the plan marks as assumed (`assumed: [owner, finish]`): not
    # stated by the plan's source, set by whoever wrote the plan; an owner inherited from a
    # summary that assumes its own is assumed too
    assumed: frozenset[str] = frozenset()
    parent: str | None = None
    children: tuple[str, ...] = ()
    depth: int = 0
    # where each key's value was written: (line, column) in the task's file
    keys: Mapping[str, tuple[int, int]] = field(default_factory=dict, compare=False,
                                                repr=False)

    @property
    def is_summary(self) -> bool:
        return bool(self.children)

    @property
    def is_milestone(self) -> bool:
        """A leaf of no duration: `milestone: true` or `duration: 0` (the format's rule)."""
        return not self.children and (self.milestone or self.duration == 0)

    @property
    def spans_window(self) -> bool:
        """A leaf that spans a window of dates instead of taking a duration: ongoing work
        (持续推进) and quantity targets (全年指标). Neither drives a date, is critical,
        makes the project longer or takes part in the risk simulation."""
        return (self.ongoing or self.target) and not self.children

    def is_assumed(self, key: str) -> bool:
        """Whether the plan marks this task's ``key`` (`owner`, `finish`, ...) as assumed."""
        return key in self.assumed

    @property
    def is_watched(self) -> bool:
        """Followed by the meeting: a milestone, or a task with a deadline of its own.

        The one rule for every watcher (risk targets, the trend, diff's moved finishes, the
        Gantt page's milestone table, calendar events). A deadline a task only inherits from
        its summary is watched once, on the summary.
        """
        return self.deadline is not None or self.is_milestone

    @property
    def links(self) -> tuple[Link, ...]:
        """The links to tasks of this plan: what the plan's own network schedules."""
        if not any(EXTERNAL in x.task for x in self.after):
            return self.after
        return tuple(x for x in self.after if EXTERNAL not in x.task)

    @property
    def waits(self) -> tuple[Link, ...]:
        """The links to tasks of other plans (`plan-id:task-id`): a portfolio schedules
        them; a plan reviewed alone takes their last known forecast as a dated constraint."""
        return tuple(x for x in self.after if EXTERNAL in x.task)

    def where(self, key: str) -> Location:
        """Location of one of this task's keys, or of the task itself."""
        if key in self.keys:
            return Location(self.location.file, *self.keys[key])
        return self.location


@dataclass(frozen=True, slots=True)
class Thresholds:
    """When tracking raises a flag; set under `plan: thresholds:` in plan.yaml."""

    behind: float = 10.0  # percentage points of actual below planned progress
    at_risk: int = 5  # working days of deadline margin below which a deadline is at risk
    slip: int = 0  # working days past the baseline finish before a task counts as slipping
    no_report: int = 31  # calendar days an in-progress task may go unreported
    # a cost performance index (earned value / spent) below which a task is over budget;
    # at 1 that is whenever its forecast cost (budget / CPI) passes its budget
    cpi: float = 1.0
    # working days of total float at most which a chain is near-critical (listed by name
    # under the critical path): a month of working days, the time between two monthly
    # reviews, in which such a chain can become critical unseen
    near_critical: int = 20


@dataclass(frozen=True, slots=True)
class CheckThresholds:
    """The limits of `planner check` (the DCMA 14-point assessment); set under
    `plan: check:` in plan.yaml. Shares are percents of what the metric counts."""

    logic: float = 5.0  # % of tasks without a predecessor or a successor, at most
    leads: float = 0.0  # % of links with a negative lag, at most
    lags: float = 5.0  # % of links with a positive lag, at most
    relationships: float = 90.0  # % of links that are finish-to-start, at least
    constraints: float = 5.0  # % of tasks placed by a date rather than by logic, at most
    high_float: float = 5.0  # % of tasks with more total float than high_float_days
    high_float_days: int = 44  # working days of total float that count as high
    negative_float: float = 0.0  # % of tasks with negative total float, at most
    high_duration: float = 5.0  # % of tasks longer than high_duration_days, at most
    high_duration_days: int = 44  # working days of duration that count as high
    invalid_dates: float = 0.0  # % of tasks with impossible dates at the data date
    resources: float = 0.0  # % of tasks without an owner, at most
    missed_tasks: float = 5.0  # % of due tasks not finished by their baseline finish
    critical_path_delay: int = 600  # working days the critical path test delays a task by
    cpli: float = 0.95  # critical path length index, at least
    bei: float = 0.95  # baseline execution index, at least


OUT_OF_SEQUENCE: tuple[str, ...] = tuple(Logic)
# the keys of a task whose value `assumed:` may mark as an assumption
ASSUMABLE: tuple[str, ...] = ("owner", "start", "finish", "duration", "deadline", "budget",
                              "quantity", "estimate", "after")
# what a quantity target may not have: its window is its length, its finish its due date,
# and it follows no task (nothing schedules it)
TARGET_EXCLUDES: tuple[str, ...] = ("duration", "milestone", "estimate", "distribution",
                                    "deadline", "after", "ongoing")
MAX_DEPTH = 20  # tasks nest at most this many levels (the plan format's limit)
MAX_SEED = 2**63 - 1  # the largest seed numpy's generators take
MAX_ITERATIONS = 1_000_000  # Monte Carlo iterations: enough for any deadline, and bounded
DISTRIBUTIONS: tuple[str, ...] = tuple(Distribution)


@dataclass(frozen=True, slots=True)
class Spread:
    """One side of the default uncertainty: a percent of the duration, or working days."""

    value: float
    percent: bool = True

    def apply(self, duration: float) -> float:
        return duration + (duration * self.value / 100 if self.percent else self.value)


@dataclass(frozen=True, slots=True)
class RiskSettings:
    """`plan: risk:` in plan.yaml: uncertainty for tasks without an `estimate`."""

    low: Spread = Spread(-10.0)
    high: Spread = Spread(40.0)
    distribution: str = "pert"
    iterations: int = 10_000
    seed: int | None = None


@dataclass(frozen=True, slots=True)
class ExternalStart:
    """The earliest start a task of another plan gives a task that waits on it (`waits`):
    the day, and which task of which plan sets it (as that plan's forecast has it)."""

    day: date
    plan: str  # the other plan's id
    task: str  # the other task's id
    plan_name: str  # the other plan's name, short (玉山镇 of 玉山镇2023年下半年重点工作)
    name: str  # the other task's name
    owner: str | None = None


@dataclass(frozen=True)
class Plan:
    """A whole plan.yaml. Tasks are in file order, each summary before its children."""

    id: str
    name: str
    start: date
    tasks: tuple[Task, ...]
    finish: date | None = None  # the end of the period the plan plans (e.g. its half-year)
    calendar: str = "weekdays"
    holidays: tuple[date, ...] = ()
    workdays: tuple[date, ...] = ()
    lang: str = "en"
    currency: str | None = None
    thresholds: Thresholds = Thresholds()
    out_of_sequence: str = "retained"  # retained logic, or progress override
    risk: RiskSettings = RiskSettings()
    check: CheckThresholds = CheckThresholds()  # the limits of `planner check`
    path: Path | None = None
    location: Location = NOWHERE
    # why the plan is sample data (`illustrative:` in its header): "" says only that it is;
    # None: a real plan
    illustrative: str | None = None
    # the earliest start of a task set by its predecessors in other plans (`waits`): their
    # forecast as a portfolio has it, per task id; empty for a plan on its own
    external: Mapping[str, ExternalStart] = field(default_factory=dict, compare=False)
    index: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.index:
            object.__setattr__(self, "index", {t.id: i for i, t in enumerate(self.tasks)})

    def task(self, task_id: str) -> Task:
        return self.tasks[self.index[task_id]]

    @cached_property
    def waits(self) -> tuple[tuple[Task, Link], ...]:
        """Every link of the plan to a task of another plan, with its task, in plan order."""
        return tuple((t, x) for t in self.tasks for x in t.after if EXTERNAL in x.task)

    @property
    def folder(self) -> Path | None:
        return self.path.parent if self.path else None

    @cached_property
    def watched(self) -> tuple[int, ...]:
        """Indices of the tasks the meeting follows, in plan order (see `Task.is_watched`)."""
        return tuple(i for i, t in enumerate(self.tasks) if t.is_watched)

    @cached_property
    def calendar_origin(self) -> date:
        """The calendar's first day: January 1 of the year before the earliest start.

        Working days are numbered from here, so no date of the plan, its snapshots or its
        baseline may lie before it (the loaders check).
        """
        years = [self.start.year] + [t.start.year for t in self.tasks if t.start]
        return date(min(years) - 1, 1, 1)
