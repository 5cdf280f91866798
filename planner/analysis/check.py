"""The schedule's health: the DCMA 14-point assessment, adapted to the plan format.

Pure computation on a plan, its own schedule and (for the metrics that need a data date)
a tracking; the results are frozen values without any presentation text. What each
metric counts, and why, is stated in docs/plan-format.md ("Schedule checks"):

- summaries are never counted as tasks (their links count in metrics 2-4);
- ongoing work (level of effort) is left out of the logic, link, constraint, float,
  duration and critical-path metrics (1-8, 12, 13) and counted in 9, 10, 11 and 14;
- milestones are left out of the float and duration metrics (6, 7, 8) and of the
  resources metric (10: a milestone has no work to own), and counted elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray

from planner.analysis.tracking import Tracking
from planner.domain.model import OUT_OF_SEQUENCE, CheckThresholds, LinkType, Plan
from planner.engine.network import network_of
from planner.engine.schedule import (
    Schedule,
    cpm,
    deadline_points,
    durations,
    earliest_starts,
    link_slack,
)

Mask = NDArray[np.bool_]

# The fourteen metrics in DCMA's order; --fail-on and the JSON use these names.
METRICS = ("logic", "leads", "lags", "relationships", "constraints", "high_float",
           "negative_float", "high_duration", "invalid_dates", "resources", "missed_tasks",
           "critical_path", "cpli", "bei")
NEEDS_DATA_DATE = frozenset({"invalid_dates", "missed_tasks", "bei"})
PASS, FAIL, NOT_APPLICABLE = "pass", "fail", "n/a"
# Why a metric is not applicable.
NO_DATA_DATE = "no-data-date"  # 9, 11, 14 without a snapshot
NONE_COUNTED = "none-counted"  # nothing of what the metric counts (no links, no due task)
NO_TARGET = "no-target"  # 13: neither a plan `finish:` nor any deadline
NONE_CRITICAL = "none-critical"  # 12: no unfinished critical task to delay
NOTHING_REMAINS = "nothing-remains"  # 13: the forecast finish is not after the data date
TOLERANCE = 1e-9  # a share exactly at its limit passes (5.0000000001% from float division)


@dataclass(frozen=True, slots=True)
class LinkRef:
    """One `after:` entry: ``succ`` follows ``pred`` by ``type`` with ``lag`` working days."""

    pred: str
    succ: str
    type: str
    lag: int


@dataclass(frozen=True, slots=True)
class PathTest:
    """Metric 12: one critical task delayed, and how far the project finish moved."""

    task: str  # the critical task delayed (through its duration)
    delay: int  # working days added
    moved: int  # working days the project finish moved
    reached: str | None  # the last task the full delay reached, when it stops there
    finish: date  # the project finish before
    delayed_finish: date  # and with the delay


@dataclass(frozen=True, slots=True)
class CpliFigures:
    """Metric 13: the critical path length index and what it is made of."""

    target: date
    target_kind: str  # "plan-finish" (the plan's `finish:`) | "deadline" (the latest one)
    target_task: str | None  # the task whose deadline is the target
    length: int  # working days of the critical path still to run
    float: int  # working days from the forecast finish to the target (negative: late)
    finish: date  # the forecast project finish
    first: date  # the first day the length counts: after the data date, or the start


@dataclass(frozen=True, slots=True)
class Metric:
    """One metric: its value against its threshold, and what made it so.

    ``count`` / ``total`` are the value's numerator and denominator: offending tasks or
    links of all counted for the share metrics, FS links of all links for 4, finished of
    due tasks for 14.
    """

    number: int
    name: str
    status: str  # pass | fail | n/a
    value: float | None  # percent (1-11), working days moved (12), an index (13, 14)
    threshold: float
    comparison: str  # "<=" | ">=" | "=="
    unit: str  # percent | days | index
    count: int | None = None
    total: int | None = None
    tasks: tuple[str, ...] = ()  # the tasks to look at, in plan order
    links: tuple[LinkRef, ...] = ()  # metrics 2-4: the offending links
    reason: str | None = None  # why not applicable
    path_test: PathTest | None = None
    cpli: CpliFigures | None = None

    @property
    def passed(self) -> bool:
        return self.status == PASS

    @property
    def failed(self) -> bool:
        return self.status == FAIL


@dataclass(frozen=True)
class Check:
    plan: Plan
    data_date: date | None  # None: the plan alone (metrics 9, 11, 14 not applicable)
    illustrative: str | None  # the snapshot's sample-data note ("" for `true`), if any
    limits: CheckThresholds
    metrics: tuple[Metric, ...]

    def metric(self, key: int | str) -> Metric:
        return self.metrics[key - 1 if isinstance(key, int) else METRICS.index(key)]

    @property
    def failed(self) -> tuple[Metric, ...]:
        return tuple(m for m in self.metrics if m.failed)

    def counts(self) -> tuple[int, int, int]:
        """(passed, failed, not applicable)."""
        return (sum(m.passed for m in self.metrics), len(self.failed),
                sum(m.status == NOT_APPLICABLE for m in self.metrics))


def metric_numbers(words: Iterable[str]) -> tuple[int, ...]:
    """The metrics a --fail-on names: `any` (or `all`), numbers 1-14, names (`logic`,
    `negative-float` or `negative_float`), comma-separated; raises ValueError naming the
    first word it does not know."""
    chosen: set[int] = set()
    for word in words:
        for part in word.replace("，", ",").split(","):
            w = part.strip().lower().replace("-", "_")
            if not w:
                continue
            if w in ("any", "all"):
                chosen.update(range(1, len(METRICS) + 1))
            elif w.isdigit() and 1 <= int(w) <= len(METRICS):
                chosen.add(int(w))
            elif w in METRICS:
                chosen.add(METRICS.index(w) + 1)
            else:
                raise ValueError(f"unknown metric '{part.strip()}'; use any, 1-14 or a name: "
                                 + ", ".join(m.replace("_", "-") for m in METRICS))
    return tuple(sorted(chosen))


# -- the assessment ---------------------------------------------------------------------------


def assess(plan: Plan, own: Schedule, tracking: Tracking | None = None,
           logic: str | None = None) -> Check:
    """The fourteen metrics of ``plan``.

    ``own`` is the plan's own schedule (no progress): where a task is placed by a date
    rather than by logic (5) and where the plan's start and finish milestones sit (1) are
    read off it. With ``tracking`` the data date's forecast is what is assessed (float,
    the critical path, CPLI) and only unfinished work counts; ``logic`` is the
    out-of-sequence rule that forecast used (read off the forecast when None).
    """
    c = _Counts(plan, own, tracking)
    limits = plan.check
    if tracking is not None and logic is None:
        logic = logic_of(tracking)
    metrics = [
        c.logic(limits.logic),
        *c.links(limits),
        c.constraints(limits.constraints),
        *c.floats(limits),
        c.high_duration(limits),
        c.invalid_dates(limits.invalid_dates),
        c.resources(limits.resources),
        c.missed(limits.missed_tasks),
        _critical_path_test(plan, c.current, tracking, limits.critical_path_delay, logic),
        _cpli(plan, c.current, tracking, limits.cpli),
        c.bei(limits.bei),
    ]
    return Check(plan, tracking.date if tracking else None,
                 tracking.snapshot.illustrative if tracking else None, limits,
                 tuple(metrics))


def _share(number: int, found: Mask, counted: Mask, limit: float, ids: Sequence[str],
           ) -> Metric:
    """A share metric: the tasks ``found`` among those ``counted``, against ``limit``."""
    hits = found & counted
    tasks = tuple(ids[i] for i in np.flatnonzero(hits).tolist())
    return _share_of(number, len(tasks), int(counted.sum()), limit, tasks)


def _share_of(number: int, count: int, total: int, limit: float, tasks: tuple[str, ...],
              links: tuple[LinkRef, ...] = (), at_least: bool = False) -> Metric:
    name = METRICS[number - 1]
    comparison = ">=" if at_least else "<="
    if not total:
        return Metric(number, name, NOT_APPLICABLE, None, limit, comparison, "percent", 0, 0,
                      reason=NONE_COUNTED)
    value = 100 * count / total
    ok = value >= limit - TOLERANCE if at_least else value <= limit + TOLERANCE
    return Metric(number, name, PASS if ok else FAIL, value, limit, comparison, "percent",
                  count, total, tasks, links)


def _not_applicable(number: int, limit: float, comparison: str, unit: str, reason: str,
                    ) -> Metric:
    return Metric(number, METRICS[number - 1], NOT_APPLICABLE, None, limit, comparison, unit,
                  reason=reason)


class _Counts:
    """The task sets the metrics count, as masks in plan order."""

    def __init__(self, plan: Plan, own: Schedule, tracking: Tracking | None) -> None:
        self.plan, self.own, self.tracking = plan, own, tracking
        net = network_of(plan)
        self.ids = [t.id for t in plan.tasks]
        self.current = tracking.forecast if tracking is not None else own
        self.leaf = ~net.is_summary
        self.ongoing = net.ongoing
        self.milestone = np.array([t.is_milestone for t in plan.tasks], dtype=bool)
        if tracking is not None:
            self.done = np.array([s.state == "done" for s in tracking.tasks], dtype=bool)
        else:
            self.done = np.zeros(len(plan.tasks), dtype=bool)
        self.open = ~self.done
        self.work = self.leaf & ~self.ongoing  # what logic, links and constraints count
        self.tasks = self.work & ~self.milestone  # what float and duration count

    # -- 1 logic ---------------------------------------------------------------------------

    def logic(self, limit: float) -> Metric:
        plan, net, pts = self.plan, network_of(self.plan), self.own.points
        n = len(plan.tasks)
        has_pred = np.zeros(n, dtype=bool)
        has_pred[net.succ] = True  # a link to a summary holds (and reaches) every child
        has_succ = np.zeros(n, dtype=bool)
        has_succ[net.pred] = True
        parent = net.parent.tolist()
        succ = has_succ.tolist()
        for i, up in enumerate(parent):  # summaries come before their children
            if up >= 0 and succ[up]:
                succ[i] = True  # a summary's successor bounds every child's late finish
        has_succ = np.array(succ, dtype=bool)
        # A milestone on the plan's start and one on the project finish are its two ends,
        # exempt as DCMA exempts the project's start and finish milestones
        start = self.own.calendar.on_or_after(plan.start)
        first = self.milestone & (pts.es <= max(start, pts.start))
        last = self.milestone & (pts.ef >= pts.finish)
        found = (~has_pred & ~first) | (~has_succ & ~last)
        return _share(1, found, self.work & self.open, limit, self.ids)

    # -- 2, 3, 4 links ---------------------------------------------------------------------

    def links(self, limits: CheckThresholds) -> list[Metric]:
        plan, net = self.plan, network_of(self.plan)
        counted = (self.work & self.open).tolist()
        for i in net.summaries_bottom_up:  # a summary counts while a counted child is open
            counted[i] = any(counted[c] for c in net.children[i])
        refs = [LinkRef(link.task, t.id, link.type.value, link.lag)
                for i, t in enumerate(plan.tasks) if counted[i] for link in t.after]
        leads = tuple(r for r in refs if r.lag < 0)
        lags = tuple(r for r in refs if r.lag > 0)
        other = tuple(r for r in refs if r.type != LinkType.FS.value)
        total = len(refs)
        return [
            _share_of(2, len(leads), total, limits.leads, _succs(leads), leads),
            _share_of(3, len(lags), total, limits.lags, _succs(lags), lags),
            _share_of(4, total - len(other), total, limits.relationships, _succs(other),
                      other, at_least=True),
        ]

    # -- 5 constraints ---------------------------------------------------------------------

    def constraints(self, limit: float) -> Metric:
        """Tasks placed by a date: a `start:` of their own or of a summary sets their start
        in the plan's schedule, and no link drives it."""
        plan, net, pts = self.plan, network_of(self.plan), self.own.points
        dated: list[bool] = []
        for t in plan.tasks:
            dated.append(t.start is not None or
                         (t.parent is not None and dated[plan.index[t.parent]]))
        slack = link_slack(net, pts.es, pts.ef, pts.lags)
        driven = np.zeros(len(plan.tasks), dtype=bool)
        driven[net.succ[slack <= 0]] = True
        found = np.array(dated, dtype=bool) & ~driven
        return _share(5, found, self.work & self.open, limit, self.ids)

    # -- 6, 7 float ------------------------------------------------------------------------

    def floats(self, limits: CheckThresholds) -> list[Metric]:
        tf = self.current.points.total_float
        counted = self.tasks & self.open
        return [_share(6, tf > limits.high_float_days, counted, limits.high_float, self.ids),
                _share(7, tf < 0, counted, limits.negative_float, self.ids)]

    # -- 8 duration ------------------------------------------------------------------------

    def high_duration(self, limits: CheckThresholds) -> Metric:
        """The baseline duration (DCMA's) when there is a snapshot, else the planned one."""
        planned = [d.duration for d in self.own.tasks]
        if self.tracking is not None:
            planned = [s.baseline.duration if s.baseline else p
                       for s, p in zip(self.tracking.tasks, planned, strict=True)]
        long = np.array(planned) > limits.high_duration_days
        return _share(8, long, self.tasks & self.open, limits.high_duration, self.ids)

    # -- 9 invalid dates -------------------------------------------------------------------

    def invalid_dates(self, limit: float) -> Metric:
        t = self.tracking
        if t is None:
            return _not_applicable(9, limit, "<=", "percent", NO_DATA_DATE)
        day = t.date
        found = np.array([
            (s.actual_start is not None and s.actual_start > day)
            or (s.actual_finish is not None and s.actual_finish > day)
            or (s.state != "done" and s.forecast.finish <= day)
            or (s.state == "not-started" and s.forecast.start <= day)
            for s in t.tasks], dtype=bool)
        return _share(9, found, self.leaf, limit, self.ids)

    # -- 10 resources ----------------------------------------------------------------------

    def resources(self, limit: float) -> Metric:
        unowned = np.array([not (t.owner or "").strip() for t in self.plan.tasks], dtype=bool)
        return _share(10, unowned, self.leaf & ~self.milestone & self.open, limit, self.ids)

    # -- 11 missed tasks, 14 BEI -----------------------------------------------------------

    def _due(self) -> tuple[Mask, Mask, Mask]:
        """(due by the data date, finished by its baseline finish, without a baseline)."""
        t = self.tracking
        assert t is not None
        day = t.date
        due = np.array([s.baseline is not None and s.baseline.finish <= day
                        for s in t.tasks], dtype=bool)
        on_time = np.array([s.baseline is not None and s.actual_finish is not None
                            and s.actual_finish <= s.baseline.finish for s in t.tasks],
                           dtype=bool)
        unbased = np.array([s.baseline is None for s in t.tasks], dtype=bool)
        return due & self.leaf, on_time, unbased & self.leaf

    def missed(self, limit: float) -> Metric:
        if self.tracking is None:
            return _not_applicable(11, limit, "<=", "percent", NO_DATA_DATE)
        due, on_time, _ = self._due()
        return _share(11, ~on_time, due, limit, self.ids)

    def bei(self, limit: float) -> Metric:
        """Tasks finished / tasks due; finished tasks without a baseline count on both
        sides (DCMA's rule), tasks finished ahead of their baseline only above."""
        if self.tracking is None:
            return _not_applicable(14, limit, ">=", "index", NO_DATA_DATE)
        due, _, unbased = self._due()
        finished = self.done & self.leaf
        expected = due | (finished & unbased)
        total = int(expected.sum())
        if not total:
            return _not_applicable(14, limit, ">=", "index", NONE_COUNTED)
        count = int(finished.sum())
        value = count / total
        late = tuple(self.ids[i] for i in np.flatnonzero(due & ~finished).tolist())
        return Metric(14, "bei", PASS if value >= limit - TOLERANCE else FAIL, value, limit,
                      ">=", "index", count, total, late)


def _succs(links: Iterable[LinkRef]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(r.succ for r in links))


def logic_of(t: Tracking) -> str:
    """The out-of-sequence rule ``t``'s forecast was made with: the one whose links the
    forecast switched off (either, when the snapshot gives them no reason to differ)."""
    from planner.analysis.forecast import forecast_inputs

    rules = sorted(OUT_OF_SEQUENCE, key=lambda r: r != t.plan.out_of_sequence)
    used = t.forecast.points.lags
    for rule in rules:
        if np.array_equal(forecast_inputs(t.plan, t.snapshot, t.forecast.calendar, rule).lags,
                          used):
            return rule
    return rules[0]


# -- 12 the critical path test ---------------------------------------------------------------


def _finish_paths(s: Schedule) -> list[tuple[str, ...]]:
    """The critical paths that end where the project does."""
    pts, index = s.points, s.plan.index
    return [p for p in s.critical_paths if int(pts.ef[index[p[-1]]]) >= pts.finish]


def _critical_path_test(plan: Plan, s: Schedule, tracking: Tracking | None, delay: int,
                        logic: str | None) -> Metric:
    """Delay the first task of the critical path that reaches the project finish (of the
    longest critical path when none does) by ``delay`` working days through its duration:
    the finish must move by as much. Where it does not, the last task the whole delay
    reached is where the chain breaks."""
    paths = _finish_paths(s) or list(s.critical_paths)
    if not paths:
        return _not_applicable(12, delay, "==", "days", NONE_CRITICAL)
    path = paths[0]
    task = next((t for t in path if not plan.task(t).is_milestone), path[0])
    net, cal, i = network_of(plan), s.calendar, plan.index[task]
    if tracking is not None:
        from planner.analysis.forecast import forecast_inputs

        x = forecast_inputs(plan, tracking.snapshot, cal, logic, tracking.rested or None)
        dur, lb, lags = list(x.dur), x.lb, x.lags
    else:
        dur, lb, lags = durations(plan, cal), earliest_starts(plan, cal), net.lag
    dur[i] += delay
    pts = cpm(net, dur, lb, deadline_points(plan, cal), lags)
    moved = int(pts.finish - s.points.finish)
    reached = None
    if moved != delay:
        full = np.flatnonzero(~net.is_summary & (pts.ef - s.points.ef >= delay))
        # the furthest the full delay got: the latest of them in the delayed schedule
        reached = plan.tasks[int(full[np.argmax(pts.ef[full])])].id if full.size else task
    test = PathTest(task, delay, moved, reached, s.finish,
                    cal.date_of(max(pts.finish - 1, pts.start)))
    return Metric(12, "critical_path", PASS if moved == delay else FAIL, float(moved), delay,
                  "==", "days", tasks=(task,) if reached is None else (task, reached),
                  path_test=test)


# -- 13 CPLI ------------------------------------------------------------------------------------


def cpli_target(plan: Plan) -> tuple[date, str, str | None] | None:
    """What the project must finish by: the plan's own period (`finish:`) when it states
    one, else the latest deadline of any task; None without either."""
    if plan.finish is not None:
        return plan.finish, "plan-finish", None
    dated = [t for t in plan.tasks if t.deadline is not None]
    if not dated:
        return None
    last = max(dated, key=lambda t: t.deadline or date.min)
    return last.deadline, "deadline", last.id  # type: ignore[return-value]


def _cpli(plan: Plan, s: Schedule, tracking: Tracking | None, limit: float) -> Metric:
    """(critical path length + total float to the target) / critical path length."""
    target = cpli_target(plan)
    if target is None:
        return _not_applicable(13, limit, ">=", "index", NO_TARGET)
    cal = s.calendar
    end = cal.on_or_before(s.finish)
    if tracking is not None:
        now = cal.on_or_before(tracking.date)
        first, length = cal.date_of(now + 1), end - now
    else:
        first, length = s.start, s.points.finish - s.points.start
    if length <= 0:
        return _not_applicable(13, limit, ">=", "index", NOTHING_REMAINS)
    slack = cal.on_or_before(target[0]) - end
    value = (length + slack) / length
    path = tuple(dict.fromkeys(t for p in _finish_paths(s) for t in p))
    figures = CpliFigures(target[0], target[1], target[2], length, slack, s.finish, first)
    return Metric(13, "cpli", PASS if value >= limit - TOLERANCE else FAIL, value, limit,
                  ">=", "index", tasks=path, cpli=figures)
