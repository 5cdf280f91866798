"""Critical path method on working-day numbers.

Times are *points*: point ``i`` is the start of working day ``i``. A task of duration ``d``
starting at point ``s`` finishes at point ``s + d``, i.e. at the end of working day
``s + d - 1``; an FS successor may start at point ``s + d``, the next working day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from planner.calendar import Calendar
from planner.diagnostics import Diagnostic, Severity
from planner.model import Plan, Task
from planner.network import FF, FS, SF, SS, Network

INF = 1 << 60
MAX_PATHS = 10


@dataclass(frozen=True, slots=True)
class Points:
    """Raw CPM results per task (plan order), in working-day points."""

    es: list[int]
    ef: list[int]
    ls: list[int]
    lf: list[int]
    total_float: list[int]
    free_float: list[int]
    critical: list[bool]
    start: int
    finish: int


@dataclass(frozen=True, slots=True)
class TaskDates:
    """One task's scheduled dates; floats and margin in working days."""

    id: str
    start: date
    finish: date
    late_start: date
    late_finish: date
    duration: int
    total_float: int
    free_float: int
    critical: bool
    deadline: date | None
    margin: int | None  # deadline minus finish; negative when it will be missed


@dataclass(frozen=True)
class Schedule:
    plan: Plan
    calendar: Calendar
    tasks: tuple[TaskDates, ...]
    start: date
    finish: date
    critical_paths: tuple[tuple[str, ...], ...]
    points: Points
    diagnostics: tuple[Diagnostic, ...] = ()

    def task(self, task_id: str) -> TaskDates:
        return self.tasks[self.plan.index[task_id]]


# -- inputs ---------------------------------------------------------------------------------


def plan_calendar(plan: Plan) -> Calendar:
    """The plan's working-day calendar, with room before its earliest date."""
    years = [plan.start.year] + [t.start.year for t in plan.tasks if t.start]
    return Calendar(plan.calendar, plan.holidays, plan.workdays, origin_year=min(years) - 1)


def durations(plan: Plan, cal: Calendar) -> list[int]:
    """Working days per leaf task (0 for milestones and summaries)."""
    out = []
    for t in plan.tasks:
        if t.is_summary or t.milestone:
            out.append(0)
        elif t.duration is not None:
            out.append(t.duration)
        elif t.start is not None and t.finish is not None:
            out.append(cal.count(t.start, t.finish))
        else:
            out.append(0)
    return out


def earliest_starts(plan: Plan, cal: Calendar) -> list[int]:
    """Start-no-earlier-than per task as a point.

    The latest of its own `start` and its summaries' `start`s; the plan start when none of
    them has one. An explicit start may lie before the plan start (work carried over).
    """
    default = cal.on_or_after(plan.start)
    explicit: list[int | None] = []
    for t in plan.tasks:
        bounds = [cal.on_or_after(t.start)] if t.start else []
        if t.parent is not None and (up := explicit[plan.index[t.parent]]) is not None:
            bounds.append(up)
        explicit.append(max(bounds) if bounds else None)
    return [default if e is None else e for e in explicit]


def deadline_points(plan: Plan, cal: Calendar) -> list[int]:
    """Latest allowed finish point per task from its own and its summaries' deadlines."""
    out: list[int] = []
    for t in plan.tasks:
        bound = out[plan.index[t.parent]] if t.parent is not None else INF
        if t.deadline is not None:
            bound = min(bound, deadline_point(t.deadline, cal))
        out.append(bound)
    return out


def deadline_point(day: date, cal: Calendar) -> int:
    """A deadline is the end of its day: the point after the last working day on or before it."""
    return cal.on_or_before(day) + 1


# -- the passes -----------------------------------------------------------------------------


def cpm(net: Network, dur: list[int], lb: list[int], dl: list[int]) -> Points:
    """Forward and backward pass; pure, on integers."""
    n, order = net.size, net.order
    is_summary, preds, succs, children, parent = (
        net.is_summary, net.preds, net.succs, net.children, net.parent)
    es, ef = [0] * n, [0] * n
    for v in order:
        if is_summary[v]:
            kids = children[v]
            es[v] = min(es[c] for c in kids)
            ef[v] = max(ef[c] for c in kids)
            continue
        s, d = lb[v], dur[v]
        for p, code, lag in preds[v]:
            if code == FS:
                c = ef[p] + lag
            elif code == SS:
                c = es[p] + lag
            elif code == FF:
                c = ef[p] + lag - d
            else:
                c = es[p] + lag - d
            if c > s:
                s = c
        es[v], ef[v] = s, s + d

    leaves = [v for v in range(n) if not is_summary[v]]
    start = min((es[v] for v in leaves), default=0)
    finish = max((ef[v] for v in leaves), default=0)

    # Late pass. A summary passes the bounds its own successors set down to its children:
    # every child must finish by its finish bound; the children that start it (es equal to
    # the summary's) must start by its start bound.
    ls, lf = [0] * n, [0] * n
    fin_bound, start_bound = [INF] * n, [INF] * n
    for v in reversed(order):
        fb, sb = INF, INF
        for s, code, lag in succs[v]:
            if code == FS:
                c = ls[s] - lag
            elif code == FF:
                c = lf[s] - lag
            elif code == SS:
                sb = min(sb, ls[s] - lag)
                continue
            else:
                sb = min(sb, lf[s] - lag)
                continue
            if c < fb:
                fb = c
        p = parent[v]
        if p >= 0:
            fb = min(fb, fin_bound[p])
            if es[v] == es[p]:
                sb = min(sb, start_bound[p])
        if is_summary[v]:
            fin_bound[v], start_bound[v] = fb, sb
            continue
        d = dur[v]
        f = min(finish, dl[v], fb, sb + d)
        lf[v], ls[v] = f, f - d
    for v in order:  # children come first, so their late dates are final
        if is_summary[v]:
            lf[v] = max(lf[c] for c in children[v])
            ls[v] = min(ls[c] for c in children[v])

    total_float = [ls[v] - es[v] for v in range(n)]
    for v in order:
        if is_summary[v]:
            total_float[v] = min(total_float[c] for c in children[v])
    free_float = _free_float(net, es, ef, finish)
    critical = [tf <= 0 for tf in total_float]
    return Points(es, ef, ls, lf, total_float, free_float, critical, start, finish)


def _link_slack(code: int, lag: int, es: list[int], ef: list[int], p: int, s: int) -> int:
    if code == FS:
        return es[s] - ef[p] - lag
    if code == SS:
        return es[s] - es[p] - lag
    if code == FF:
        return ef[s] - ef[p] - lag
    return ef[s] - es[p] - lag


def _free_float(net: Network, es: list[int], ef: list[int], finish: int) -> list[int]:
    """Delay a task can take without moving any successor (or its summaries' successors)."""
    n = net.size
    own_f, own_s = [INF] * n, [INF] * n  # smallest slack of finish- and start-driven links
    for v in range(n):
        for s, code, lag in net.succs[v]:
            slack = _link_slack(code, lag, es, ef, v, s)
            if code in (FS, FF):
                own_f[v] = min(own_f[v], slack)
            else:
                own_s[v] = min(own_s[v], slack)
    # absolute bounds inherited from summaries, walked parents-first (file order)
    reach_f, reach_s = [INF] * n, [INF] * n
    free = [0] * n
    for v in range(n):
        p = net.parent[v]
        rf = own_f[v] + ef[v] if own_f[v] < INF else INF
        rs = own_s[v] + es[v] if own_s[v] < INF else INF
        if p >= 0:
            rf = min(rf, reach_f[p])
            if es[v] == es[p]:
                rs = min(rs, reach_s[p])
        reach_f[v], reach_s[v] = rf, rs
        free[v] = min(finish - ef[v], rf - ef[v], rs - es[v])
    return free


# -- critical paths ---------------------------------------------------------------------------


def critical_paths(net: Network, pts: Points, limit: int = MAX_PATHS) -> list[list[int]]:
    """Chains of critical leaf tasks joined by driving links, earliest first."""
    es, ef, crit = pts.es, pts.ef, pts.critical
    drives: dict[int, list[int]] = {}
    driven: set[int] = set()
    for s in range(net.size):
        if net.is_summary[s] or not crit[s]:
            continue
        for p, code, lag in net.preds[s]:
            if _link_slack(code, lag, es, ef, p, s) != 0:
                continue
            point = ef[p] if code in (FS, FF) else es[p]
            for leaf in _driving_leaves(net, pts, p, point, from_finish=code in (FS, FF)):
                drives.setdefault(leaf, []).append(s)
                driven.add(s)
    starts = sorted((v for v in range(net.size) if crit[v] and not net.is_summary[v]
                     and v not in driven), key=lambda v: (es[v], v))
    paths: list[list[int]] = []
    for first in starts:
        stack = [[first]]
        while stack and len(paths) < limit:
            path = stack.pop()
            nexts = sorted(set(drives.get(path[-1], ())), key=lambda v: (es[v], v), reverse=True)
            if not nexts:
                paths.append(path)
            stack.extend([*path, s] for s in nexts)
        if len(paths) >= limit:
            break
    paths.sort(key=lambda p: (-(ef[p[-1]] - es[p[0]]), es[p[0]]))
    return paths


def _driving_leaves(net: Network, pts: Points, v: int, point: int, from_finish: bool,
                    ) -> list[int]:
    """The critical leaves of ``v`` whose start or finish is ``point``."""
    if not net.is_summary[v]:
        return [v]
    out: list[int] = []
    stack = list(net.children[v])
    while stack:
        c = stack.pop()
        if net.is_summary[c]:
            stack.extend(net.children[c])
        elif pts.critical[c] and (pts.ef[c] if from_finish else pts.es[c]) == point:
            out.append(c)
    return out


# -- the public entry point ------------------------------------------------------------------


def schedule(plan: Plan, calendar: Calendar | None = None) -> Schedule:
    """Schedule a plan with no progress: early and late dates, floats, critical path."""
    cal = calendar or plan_calendar(plan)
    net = plan.network
    lb = earliest_starts(plan, cal)
    pts = cpm(net, durations(plan, cal), lb, deadline_points(plan, cal))
    return build_schedule(plan, cal, pts, lb)


def build_schedule(plan: Plan, cal: Calendar, pts: Points, lb: list[int]) -> Schedule:
    """Turn raw points into dated results, with the scheduler's findings."""
    dated = tuple(_dates(t, i, pts, lb, cal) for i, t in enumerate(plan.tasks))
    start, finish = cal.date_of(pts.start), cal.date_of(max(pts.finish - 1, pts.start))
    paths = critical_paths(plan.network, pts)
    findings = [*_calendar_warnings(plan, cal, start, finish), *_deadline_warnings(plan, dated)]
    return Schedule(
        plan, cal, dated, start, finish,
        tuple(tuple(plan.tasks[v].id for v in p) for p in paths), pts, tuple(findings),
    )


def _dates(t: Task, i: int, pts: Points, lb: list[int], cal: Calendar) -> TaskDates:
    es, ef, ls, lf = pts.es[i], pts.ef[i], pts.ls[i], pts.lf[i]
    duration = ef - es
    if duration == 0:
        # A milestone is an instant; show the working day that ends at it, unless that
        # day lies before the earliest it may happen (its own or the plan's start).
        start = finish = cal.date_of(max(es - 1, lb[i]))
        late = cal.date_of(max(lf - 1, lb[i]))
        late_start = late_finish = late
    else:
        start, finish = cal.date_of(es), cal.date_of(ef - 1)
        late_start, late_finish = cal.date_of(ls), cal.date_of(lf - 1)
    margin = None
    if t.deadline is not None:
        margin = deadline_point(t.deadline, cal) - ef
    return TaskDates(
        t.id, start, finish, late_start, late_finish, duration, pts.total_float[i],
        pts.free_float[i], pts.critical[i], t.deadline, margin,
    )


def _calendar_warnings(plan: Plan, cal: Calendar, start: date, finish: date,
                       ) -> list[Diagnostic]:
    out = []
    for year in cal.missing_years(start, finish):
        out.append(Diagnostic(
            "calendar-year",
            f"the Chinese official holiday list is not known for {year}; "
            f"{year} is scheduled as plain weekdays",
            plan.location, severity=Severity.WARNING,
            hint=f"add {year}'s official days to the plan header once they are published:\n"
            f"  holidays: [{year}-01-01, …]   # 法定节假日\n"
            f"  workdays: [{year}-…]          # 调休上班日",
        ))
    return out


def _deadline_warnings(plan: Plan, dated: tuple[TaskDates, ...]) -> list[Diagnostic]:
    out = []
    for t, d in zip(plan.tasks, dated, strict=True):
        if d.margin is not None and d.margin < 0 and d.deadline is not None:
            out.append(Diagnostic(
                "deadline",
                f"task '{t.id}' finishes {d.finish}, {-d.margin} working days after "
                f"its deadline {d.deadline}",
                t.where("deadline"), task=t.id, severity=Severity.WARNING,
                hint="shorten it or its predecessors on the critical path, or move the deadline",
            ))
    return out
