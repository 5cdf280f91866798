"""Many plans reviewed as one portfolio: a county's townships and its own departments.

`Portfolio` is to a portfolio what `Project` is to a plan: it opens the plans a portfolio
names, schedules them together (a plan after the plans it waits on, `engine.crossplan`),
reviews each at its own latest snapshot on or before the data date, and sums them up
(`analysis.portfolio.Rollup`).

The work per plan is one function of picklable arguments (`review_member`): it opens the
plan, holds its waiting tasks to the dates of the tasks they wait on, reviews it and
returns a small record. Plans are reviewed wave by wave, each wave's plans at once in
worker processes when there are many; a distributed executor could take the same calls.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from planner.analysis.portfolio import (
    JointRisk,
    Known,
    KnownTask,
    PlanSummary,
    Rollup,
    Wait,
    Watch,
    binding,
    known_dates,
    summarize,
    wait_bounds,
)
from planner.domain.diagnostics import Diagnostic, Location, PlanError, Severity
from planner.domain.model import Link, Plan, Task
from planner.engine.crossplan import (
    Reference,
    Waiting,
    cycle_error,
    cycles,
    references,
    waves,
)
from planner.planfiles.header import header_id
from planner.planfiles.portfolio import FILE as PORTFOLIO_FILE
from planner.planfiles.portfolio import PLAN_FILE, Member, PortfolioFile, load_portfolio
from planner.project import Project

if TYPE_CHECKING:
    from planner.analysis.risk import Risk
    from planner.domain.calendar import Calendar
    from planner.engine.network import Ints

# Below this many plans the review runs in this process: starting workers (about 0.3 s
# each, importing numpy and the engine) costs more than a few plans take.
PARALLEL_FROM = 40
CHUNK = 16  # plans per task handed to a worker: fewer round trips, still balanced


@dataclass(frozen=True)
class Opened:
    """One plan of the portfolio as the first pass read it."""

    member: Member
    plan_id: str | None  # None: the plan could not be read
    tasks: frozenset[str]  # its task ids, to check the links of other plans against
    targets: frozenset[str]  # its quantity targets, which no task may wait on
    waits: bool  # it waits on tasks of other plans
    problems: tuple[Diagnostic, ...]  # errors that keep it out of the review
    summary: PlanSummary | None  # reviewed already: it waits on no other plan
    # its links to other plans with their tasks (`Plan.waits`): enough to check and order
    # them without reading the plan again in this process
    links: tuple[tuple[Task, Link], ...] = ()


class _Links(NamedTuple):
    """A plan's id and links to other plans, as `references` reads them of a plan."""

    id: str
    waits: tuple[tuple[Task, Link], ...]


class Portfolio:
    """A portfolio's plans, opened once; reviews are computed on demand."""

    def __init__(self, source: PortfolioFile) -> None:
        self.source = source
        self._opened: dict[tuple[date | None, str | None], list[Opened]] = {}
        self._projects: dict[Path, Project] = {}

    @classmethod
    def open(cls, path: str | Path) -> Portfolio:
        """A `portfolio.yaml`, a folder holding one, or a folder of plan folders; raises
        PlanError when the portfolio file itself is wrong (a broken plan is reported by
        `problems` and left out of reviews, not raised)."""
        return cls(load_portfolio(path))

    @property
    def name(self) -> str:
        return self.source.name

    @property
    def members(self) -> tuple[Member, ...]:
        return self.source.members

    @property
    def inputs(self) -> tuple[Path, ...]:
        """Every plan's own files and the portfolio file, which no output may replace."""
        own = (self.source.path,) if self.source.path.is_file() else ()
        return own + tuple(m.path / name for m in self.members for name in (
            PLAN_FILE, "baseline.yaml", "status", "sent", ".planner"))

    def lang(self) -> str:
        """The portfolio's language: its own `lang:`, else its first readable plan's."""
        if self.source.lang:
            return self.source.lang
        for m in self.members:
            try:
                return self.project(m).plan.lang
            except PlanError:
                continue
        return "en"

    def project(self, member: Member) -> Project:
        """One plan, opened once (PlanError when it cannot be)."""
        if member.path not in self._projects:
            self._projects[member.path] = Project.open(member.path)
        return self._projects[member.path]

    # -- checking ------------------------------------------------------------------------

    def problems(self) -> tuple[Diagnostic, ...]:
        """Every problem of every plan (as `planner validate` finds them), then what only
        the portfolio sees: a plan id used twice, links to plans or tasks it does not have,
        loops of tasks across plans."""
        found: list[Diagnostic] = []
        plans: list[Plan] = []
        for m in self.members:
            try:
                project = self.project(m)
            except PlanError as exc:
                found.extend(exc.diagnostics)
                continue
            found.extend(project.problems())
            plans.append(project.plan)
        by_id = {p.id: p for p in plans}
        found.extend(_check_links(
            [_stub(p) for p in plans], [p for p in plans if p.waits], by_id.__getitem__)[1])
        return tuple(found)

    # -- reviewing -----------------------------------------------------------------------

    def review(self, at: date | None = None, logic: str | None = None,
               workers: int | None = None) -> Rollup:
        """Every plan at its own latest snapshot on or before ``at`` (its plan alone when
        it has none by then; the latest of each without ``at``), the plans it waits on
        reviewed first. Raises PlanError for links to unknown tasks and loops across
        plans; a plan that cannot be read is left out (`skipped` says which, why)."""
        return self._review(at, logic, workers)[0]

    def skipped(self, at: date | None = None, logic: str | None = None,
                ) -> tuple[tuple[Member, tuple[Diagnostic, ...]], ...]:
        """The plans a review at ``at`` left out, each with its errors."""
        return tuple((o.member, o.problems) for o in self._first_pass(at, logic, None)
                     if o.plan_id is None)

    def _first_pass(self, at: date | None, logic: str | None, workers: int | None,
                    pool: Executor | None = None) -> list[Opened]:
        key = (at, logic)
        if key not in self._opened:
            calls = [(str(m.path), m.group, at, logic) for m in self.members]
            if pool is not None:
                opened = list(pool.map(_first, calls, chunksize=_chunk(len(calls), workers)))
            elif self._parallel(workers):
                with _pool(workers) as own:
                    opened = list(own.map(_first, calls, chunksize=_chunk(len(calls), workers)))
            else:
                opened = [self._first_here(*c) for c in calls]
            self._opened[key] = [replace(o, member=m) for o, m in zip(opened, self.members,
                                                                          strict=True)]
        return self._opened[key]

    def _first_here(self, path: str, group: str | None, at: date | None,
                    logic: str | None) -> Opened:
        member = next(m for m in self.members if str(m.path) == path)
        try:
            project = self.project(member)
        except PlanError as exc:
            return Opened(member, None, frozenset(), frozenset(), False, exc.diagnostics, None)
        return _opened(project, member, at, logic)

    def _parallel(self, workers: int | None) -> bool:
        if workers is not None:
            return workers > 1
        return len(self.members) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1

    def _review(self, at: date | None, logic: str | None, workers: int | None,
                until: str | None = None) -> tuple[Rollup, dict[str, tuple[Known, Known]]]:
        """The roll-up at ``at`` and what each waiting plan knew of the tasks it waits on.
        ``until``: a plan wanted only for what it knows (reviewed alone, by the caller):
        not reviewed here unless plans waiting on each other need its dates."""
        # one pool for both passes: starting workers costs about 0.3 s each
        pool = _pool(workers) if self._parallel(workers) else None
        try:
            return self._reviewed(at, logic, workers, pool, until)
        finally:
            if pool is not None:
                pool.shutdown()

    def _reviewed(self, at: date | None, logic: str | None, workers: int | None,
                  pool: Executor | None, until: str | None = None,
                  ) -> tuple[Rollup, dict[str, tuple[Known, Known]]]:
        opened = self._first_pass(at, logic, workers, pool)
        readable = [o for o in opened if o.plan_id is not None]
        members = {o.plan_id: o.member for o in readable if o.plan_id is not None}
        # the links of the plans that wait are checked and ordered before any of them is
        # reviewed, from what the first pass sent back (a plan is read here only when it
        # is on a loop across plans, to name its tasks)
        refs, errors = _check_links(readable, [_Links(o.plan_id, o.links) for o in readable
                                               if o.plan_id is not None and o.waits],
                                    lambda pid: self.project(members[pid]).plan)
        if len(readable) < len(opened):
            # a plan that could not be read may be the one a link names: its waiting task
            # is reviewed without it (`skipped` says which plan was left out, and why)
            errors = [d for d in errors if not d.key.startswith("portfolio.unknown_plan")]
        if errors:
            raise PlanError(errors)
        summaries: dict[str, PlanSummary] = {o.plan_id: o.summary for o in readable
                                             if o.plan_id is not None and o.summary}
        by_id = {o.plan_id: o for o in readable if o.plan_id is not None}
        wanted: dict[str, set[str]] = {}
        for r in refs:
            wanted.setdefault(r.other_plan, set()).add(r.other_task)
        known_of: dict[str, tuple[Known, Known]] = {}
        order = waves(list(by_id), refs)
        for wave in order:
            pending = [g for g in wave if any(by_id[p].summary is None for p in g)]
            rounds = 0
            while pending:
                rounds += 1
                calls = []
                for group in pending:
                    for pid in group:
                        if by_id[pid].summary is not None:
                            continue
                        known = _known(pid, refs, summaries)
                        known_of[pid] = known
                        if pid == until and len(group) == 1:
                            continue  # its caller reviews it, with what it knows
                        o = by_id[pid]
                        calls.append((str(o.member.path), o.member.group, at, logic, known))
                results = list(pool.map(review_member, calls,
                                        chunksize=_chunk(len(calls), workers))) \
                    if pool is not None and len(calls) > 1 \
                    else [self._review_here(*c) for c in calls]
                changed = False
                for s in results:
                    old = summaries.get(s.row.plan)
                    if old is None or _moved(old, s, wanted.get(s.row.plan, ())):
                        changed = True
                    summaries[s.row.plan] = s
                # plans that wait on each other: again until no date they pass moves
                if not changed or all(len(g) == 1 for g in pending) or rounds > len(refs):
                    pending = []
        ordered = tuple(summaries[o.plan_id] for o in readable
                        if o.plan_id is not None and o.plan_id in summaries)
        return Rollup(self.name, self.lang(), at, ordered), known_of

    def _review_here(self, path: str, group: str | None, at: date | None,
                     logic: str | None, known: tuple[Known, Known]) -> PlanSummary:
        member = next(m for m in self.members if str(m.path) == path)
        return _summary(self.project(member), member, at, logic, known)

    # -- risk ----------------------------------------------------------------------------

    def simulate(self, at: date | None = None, iterations: int | None = None,
                 seed: int | None = None, logic: str | None = None,
                 progress: Callable[[int], None] | None = None) -> JointRisk:
        """Monte Carlo over the joined network: each plan is simulated after the plans it
        waits on, its waiting tasks held, run by run, to the simulated dates of the tasks
        they wait on, so a county task's uncertainty reaches every plan that waits on it.
        Every plan runs the same number of iterations (the portfolio's, else the first
        plan's setting); run k of every plan is one joint scenario."""
        import numpy as np

        from planner.analysis.risk import simulate

        rollup, known_of = self._review(at, logic, 1)
        opened = [o for o in self._first_pass(at, logic, 1) if o.plan_id is not None]
        projects = {o.plan_id: self.project(o.member) for o in opened if o.plan_id}
        plans = [p.plan for p in projects.values()]
        refs, _ = references(plans, {p.id: p.index for p in plans})
        n = iterations or (plans[0].risk.iterations if plans else 1)
        wanted: dict[str, set[str]] = {}
        for r in refs:
            wanted.setdefault(r.other_plan, set()).add(r.other_task)
        runs: dict[tuple[str, str], tuple[Calendar, Ints, Ints]] = {}
        risks: dict[str, Risk] = {}
        for k, pid in enumerate(pid for wave in waves(list(projects), refs) for g in wave
                                for pid in g):
            project = projects[pid]
            joined = _with_bounds(project, *known_of.get(pid, ({}, {})))[0]
            snap = project.snapshot(at)
            t = joined.track(logic=logic, snapshot=snap) if snap else None
            det = t.forecast if t else joined.schedule()
            cal = joined.calendar
            external: dict[str, Ints] = {}
            for task, link in project.plan.waits:
                got = runs.get(link.other)
                if got is None:
                    continue
                other_cal, es, ef = got
                pts = es if link.type.value == "SS" else ef
                here = _convert(pts, other_cal, cal, link.type.value == "SS") + link.lag
                external[task.id] = np.maximum(external[task.id], here) \
                    if task.id in external else here
            alone = replace(project.plan, external={})
            risk = simulate(alone, snap, n, None if seed is None else seed + k, logic,
                            progress=progress, calendar=cal, deterministic=det,
                            rested=t.rested or None if t else None, external=external,
                            keep=tuple(sorted(wanted.get(pid, ()))))
            risks[pid] = risk
            for tid, (es, ef) in risk.kept.items():
                runs[(pid, tid)] = (cal, es, ef)
        watches = []
        finishes: dict[str, float | None] = {}
        for s in rollup.plans:
            found = risks.get(s.row.plan)
            if found is None:
                continue
            by_task = {t.id: t for t in found.targets if t.id}
            for w in s.watches:
                target = by_task.get(w.task)
                watches.append(replace(w, probability=target.probability
                                       if target is not None else None))
            finishes[s.row.plan] = found.target(None).probability
        new_plans = tuple(replace(s, watches=tuple(w for w in watches
                                                   if w.plan == s.row.plan))
                          for s in rollup.plans)
        return JointRisk(replace(rollup, plans=new_plans), n, seed, finishes, risks)


# -- a plan reviewed alone -------------------------------------------------------------------


def around(project: Project) -> Portfolio | None:
    """The portfolio a plan folder belongs to, as far as the plan needs it: the plans of the
    `portfolio.yaml` of the folder it sits in (else that folder's plan folders) that it
    waits on, directly or through others, and itself; None when the plan waits on no other
    plan or no portfolio is found around it. A plan is found by its folder's name when that
    is its id, else by the ids the plans' headers state. None too when none of the plans
    it waits on is found."""
    if not project.plan.waits or project.plan.folder is None:
        return None
    parent = project.folder.resolve().parent
    try:
        found = Portfolio.open(parent)
    except PlanError:
        return None
    own = project.folder.resolve()
    me = next((m for m in found.members if m.path.resolve() == own), None)
    if me is None:
        return None
    found._projects[me.path] = project
    by_name = {m.path.name: m for m in found.members}
    ids: dict[str, Member] = {}

    def member(pid: str) -> Member | None:
        m = by_name.get(pid)
        if m is not None and header_id(m.path / PLAN_FILE) == pid:
            return m
        if not ids:  # read every header once, only when a folder is named otherwise
            ids.update((i, m) for m in found.members
                       if (i := header_id(m.path / PLAN_FILE)) is not None)
        return ids.get(pid)

    needed, queue, seen = [me], [project.plan], {project.plan.id}
    while queue:
        for _, link in queue.pop().waits:
            pid = link.other[0]
            if pid in seen:
                continue
            seen.add(pid)
            m = member(pid)
            if m is None:
                continue
            try:
                queue.append(found.project(m).plan)
            except PlanError:
                continue  # reviewed without it: `missing` says so
            needed.append(m)
    if len(needed) == 1:
        return None  # none of the plans it waits on is here
    narrowed = Portfolio(replace(found.source, members=tuple(
        m for m in found.members if m in needed)))
    narrowed._projects.update(found._projects)
    return narrowed


@dataclass(frozen=True)
class Alone:
    """A plan reviewed on its own, held to the tasks of other plans it waits on."""

    project: Project  # the plan with those tasks' last known dates as constraints
    waits: tuple[Wait, ...]  # each link to another plan as resolved (`binding` unset)
    known: Known  # what is known of each task waited on (names, owners, dates)
    missing: tuple[Diagnostic, ...]  # a warning for each link whose plan was not found
    planned: Known  # the same tasks at their planned dates (their plans' baselines)


def alone(project: Project, at: date | None = None, logic: str | None = None) -> Alone:
    """A plan reviewed on its own that waits on tasks of other plans: the plan with those
    tasks' last known forecast (their plans at their latest snapshot on or before this
    plan's data date) as dated constraints; a warning for each that cannot be found (its
    link is left out)."""
    if not project.plan.waits:
        return Alone(project, (), {}, (), {})
    snap = project.snapshot(at)
    day = snap.date if snap is not None else None
    portfolio = around(project)
    known: tuple[Known, Known] = ({}, {})
    if portfolio is not None:
        # the portfolio's own problems are `planner portfolio validate`'s to say
        with contextlib.suppress(PlanError):
            known = portfolio._review(day, logic, 1, until=project.plan.id)[1].get(
                project.plan.id, known)
    held, waits = _with_bounds(project, *known)
    missing = tuple(Diagnostic.said(
        "external", "portfolio.alone.missing", project.plan.task(w.task).where("after"),
        task=w.task, severity=Severity.WARNING, id=w.task, other=w.link, file=PORTFOLIO_FILE)
        for w in waits if w.other_date is None)
    return Alone(held, waits, known[0], missing, known[1])


# -- the work per plan (picklable: runs in worker processes) ---------------------------------


def _first(call: tuple[str, str | None, date | None, str | None]) -> Opened:
    path, group, at, logic = call
    member = Member(Path(path), group)
    try:
        project = Project.open(path)
    except PlanError as exc:
        return Opened(member, None, frozenset(), frozenset(), False, exc.diagnostics, None)
    return _opened(project, member, at, logic)


def _opened(project: Project, member: Member, at: date | None, logic: str | None) -> Opened:
    plan = project.plan
    try:
        summary = None if plan.waits else _summary(project, member, at, logic, ({}, {}))
    except PlanError as exc:
        return Opened(member, None, frozenset(), frozenset(), False, exc.diagnostics, None)
    return Opened(member, plan.id, frozenset(plan.index),
                  frozenset(t.id for t in plan.tasks if t.target and not t.children),
                  bool(plan.waits), (), summary, plan.waits)


def review_member(call: tuple[str, str | None, date | None, str | None,
                              tuple[Known, Known]]) -> PlanSummary:
    """One plan's review: open it, hold its waiting tasks to ``known`` (the forecast and
    the planned dates of the tasks it waits on), review it at its latest snapshot on or
    before the date and return its record (what other plans wait on is in its task
    lines)."""
    path, group, at, logic, known = call
    return _summary(Project.open(path), Member(Path(path), group), at, logic, known)


def _summary(project: Project, member: Member, at: date | None, logic: str | None,
             known: tuple[Known, Known]) -> PlanSummary:
    joined, waits = _with_bounds(project, *known)
    snap = joined.snapshot(at)
    t = joined.track(logic=logic, snapshot=snap) if snap is not None else None
    fc = t.forecast if t is not None else joined.schedule()
    return summarize(joined.plan, t, joined.schedule(), member.group, str(member.path),
                     binding(waits, fc))


def _with_bounds(project: Project, known: Known, planned: Known | None = None,
                 ) -> tuple[Project, tuple[Wait, ...]]:
    """The plan with its waiting tasks held to the dates ``known`` gives, its baseline
    (when none is saved) to the ``planned`` dates (a new Project: the plan alone keeps its
    own caches); and each of its waits as resolved."""
    if not project.plan.waits:
        return project, ()
    bounds, waits = wait_bounds(project.plan, project.calendar, known)
    base = wait_bounds(project.plan, project.calendar, planned)[0] if planned else bounds
    held = Project(replace(project.plan, external=bounds), replace(project.plan, external=base))
    # what was read of its folder (snapshots, a saved baseline) is the same plan's: not
    # read again
    for read in ("_reports", "saved_baseline", "calendar"):
        if read in project.__dict__:
            held.__dict__[read] = project.__dict__[read]
    return held, tuple(waits)


def _known(pid: str, refs: Sequence[Reference], summaries: Mapping[str, PlanSummary],
           ) -> tuple[Known, Known]:
    """The forecast and the planned dates of the tasks plan ``pid`` waits on."""
    now: dict[tuple[str, str], KnownTask] = {}
    planned: dict[tuple[str, str], KnownTask] = {}
    for r in refs:
        if r.plan == pid and r.other_plan in summaries:
            now.update(known_dates(summaries[r.other_plan], [r.other_task]))
            planned.update(known_dates(summaries[r.other_plan], [r.other_task], True))
    return now, planned


def _moved(old: PlanSummary, new: PlanSummary, exposed: Iterable[str]) -> bool:
    a, b = {t.id: t for t in old.tasks}, {t.id: t for t in new.tasks}
    return any((a[t].start, a[t].finish) != (b[t].start, b[t].finish) for t in exposed
               if t in a and t in b)


def _stub(plan: Plan) -> Opened:
    return Opened(Member(plan.folder or Path(".")), plan.id, frozenset(plan.index),
                  frozenset(t.id for t in plan.tasks if t.target and not t.children),
                  bool(plan.waits), (), None, plan.waits)


def _check_links(readable: Sequence[Opened], waiting: Sequence[Waiting],
                 plan_of: Callable[[str], Plan]) -> tuple[list[Reference], list[Diagnostic]]:
    """The links of the ``waiting`` plans across the ``readable`` ones, checked: a plan id
    used twice, a plan or task not found, a loop of tasks across plans (whose plans
    ``plan_of`` gives, to follow the loop through their tasks)."""
    seen: dict[str, Opened] = {}
    errors: list[Diagnostic] = []
    for o in readable:
        if o.plan_id is None:
            continue
        if o.plan_id in seen:
            errors.append(Diagnostic.said("duplicate-id", "portfolio.duplicate_plan",
                                          Location(str(o.member.path / PLAN_FILE)),
                                          id=o.plan_id, first=seen[o.plan_id].member.path))
        else:
            seen[o.plan_id] = o
    refs, found = references(waiting, {pid: o.tasks for pid, o in seen.items()},
                             {pid: o.targets for pid, o in seen.items()})
    errors.extend(found)
    for group in (g for wave in waves(list(seen), refs) for g in wave):
        if len(group) > 1:
            by_id = {p: plan_of(p) for p in group}
            errors.extend(cycle_error(loop, by_id) for loop in cycles(list(by_id.values()), refs))
    return refs, errors


def _convert(points: Ints, src: Calendar, dst: Calendar, start: bool) -> Ints:
    """Working-day points of one plan's calendar as the first point of another's that an
    SS (the same day, ``start``) or FS (the day after) successor may start at."""
    import numpy as np

    if src is dst or (src.kind, src.extra_holidays, src.extra_workdays, src.date_of(0)) == \
            (dst.kind, dst.extra_holidays, dst.extra_workdays, dst.date_of(0)):
        return points
    lo, hi = int(points.min()), int(points.max())
    table = np.empty(hi - lo + 1, dtype=np.int64)
    for k in range(lo, hi + 1):
        table[k - lo] = dst.on_or_after(src.date_of(k)) if start else \
            dst.end_of(src.date_of(k - 1))
    return table[points - lo]


def _chunk(calls: int, workers: int | None) -> int:
    """Plans per task handed to a worker: up to CHUNK (fewer round trips), but at least
    four tasks a worker, so that no worker is left alone with the last long chunk."""
    return max(1, min(CHUNK, calls // (4 * (workers or os.cpu_count() or 1))))


def _pool(workers: int | None) -> Executor:
    return ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1)


__all__ = [
    "PLAN_FILE",
    "JointRisk",
    "Portfolio",
    "Wait",
    "Watch",
    "alone",
    "around",
    "review_member",
]
