"""A portfolio's review: each plan summed up at its own data date, then read across plans.

The work per plan (`summarize`) needs only that plan, its snapshot and the dates the tasks
it waits on have in other plans; it returns small, picklable records. Everything across
plans (`Rollup`: the deadlines of all plans, the view by owner, the root causes that cross
from one plan into another) is computed from those records alone, so the per-plan work can
run in other processes, or on other machines, and only the records travel.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property

from planner.analysis.risk import Risk
from planner.analysis.tracking import TaskStatus, Tracking, holds_back
from planner.domain.calendar import Calendar
from planner.domain.flags import DEADLINE_FLAGS, LATE_FLAGS
from planner.domain.links import link_text
from planner.domain.model import ExternalStart, LinkType, Plan
from planner.engine.schedule import Schedule


@dataclass(frozen=True, slots=True)
class TaskLine:
    """One task of a plan as the portfolio page lists it."""

    id: str
    name: str
    owner: str | None
    parent: str | None
    depth: int
    summary: bool
    milestone: bool
    start: date
    finish: date
    baseline_start: date | None
    baseline_finish: date | None
    state: str  # done | in-progress | not-started
    flags: tuple[str, ...]  # flag names, worst first
    critical: bool
    deadline: date | None
    margin: int | None  # working days from the forecast finish to the deadline
    awaiting: bool  # its unit's report for the data date is not in
    owner_assumed: bool  # the plan marks its owner as assumed (`assumed: [owner]`)
    waits: tuple[str, ...] = ()  # the tasks of other plans it waits on (`plan:task`)


@dataclass(frozen=True, slots=True)
class Watch:
    """A deadline or milestone of one plan of the portfolio."""

    plan: str
    task: str
    name: str
    owner: str | None
    deadline: date | None
    finish: date  # forecast (or actual) finish
    margin: int | None  # working days to the deadline; negative: missed or forecast to miss
    milestone: bool
    state: str
    awaiting: bool
    owner_assumed: bool = False
    probability: float | None = None  # P(finish by the deadline) from the joint simulation


@dataclass(frozen=True, slots=True)
class Wait:
    """A task waiting on a task of another plan, as the forecast has it."""

    plan: str  # the waiting task's plan
    task: str
    link: str  # the `after:` entry as written
    other_plan: str
    other_task: str
    type: str  # FS | SS
    lag: int
    other_date: date | None  # the other task's finish (FS) or start (SS); None: not found
    basis: str  # actual | forecast | plan | missing: where other_date comes from
    start: date | None  # the earliest start it gives the waiting task
    binding: bool  # it decides the waiting task's forecast start


@dataclass(frozen=True, slots=True)
class Value:
    """The earned value of a plan's budgeted tasks (currency units)."""

    budget: float
    pv: float
    ev: float
    ac: float | None
    spi: float | None
    cpi: float | None


@dataclass(frozen=True)
class PlanRow:
    """One plan of the portfolio at the data date."""

    plan: str
    name: str
    group: str | None
    path: str
    lang: str
    short: str  # the name before its year: 玉山镇 of 玉山镇2023年下半年重点工作
    illustrative: str | None  # the plan's or its snapshot's sample-data note
    data_date: date | None  # the snapshot it is reviewed at; None: no snapshot by then
    tasks: int  # work tasks (leaves)
    done: int
    in_progress: int
    late: int  # behind, slipping or held back
    awaiting: int  # tasks whose report is not in
    awaiting_units: int
    missed: int  # deadlines missed or forecast to be missed
    worst_slip: int | None  # working days past the baseline finish, the worst task's
    worst_task: str | None
    start: date
    finish: date
    period_end: date | None
    overrun: int  # working days past the plan's period
    driver: str | None  # the task that drives the overrun (`Tracking.driver`)
    driver_assumed: bool
    value: Value | None  # None: no task has a budget
    currency: str | None = None


@dataclass(frozen=True)
class PlanSummary:
    """Everything the portfolio needs of one plan, reviewed at its own data date."""

    row: PlanRow
    tasks: tuple[TaskLine, ...]
    watches: tuple[Watch, ...]
    waits: tuple[Wait, ...]

    def task(self, task_id: str) -> TaskLine:
        return self._by_id[task_id]

    @cached_property
    def _by_id(self) -> dict[str, TaskLine]:
        # the views look a task up for every deadline, wait and owner row: a search
        # through the plan's tasks each time grew with the square of the portfolio
        return {t.id: t for t in reversed(self.tasks)}


@dataclass(frozen=True)
class Cause:
    """Why a plan's forecast is late, followed across plans: the chain from the plan's own
    driver through the tasks of other plans it waits on, to the first that waits on none."""

    plan: str
    chain: tuple[tuple[str, str], ...]  # (plan, task), the plan's own driver first

    @property
    def root(self) -> tuple[str, str]:
        return self.chain[-1]

    @property
    def crosses(self) -> bool:
        return self.root[0] != self.plan


@dataclass(frozen=True)
class OwnerRow:
    """One owner (a unit, a county department) across every plan of the portfolio."""

    owner: str
    local: str | None  # the plan a township's own office belongs to (`local_owner`)
    plans: tuple[str, ...]  # the plans it has tasks in, portfolio order
    tasks: int
    done: int
    late: int
    awaiting: int
    missed: int
    # tasks of other plans that wait on this owner's unfinished work
    holding: tuple[tuple[str, str], ...]
    items: tuple[tuple[str, str], ...]  # its late or deadline-missing tasks (plan, task)


@dataclass(frozen=True)
class Rollup:
    """The portfolio at a data date."""

    name: str
    lang: str
    date: date | None  # the data date asked; each plan's own is on its row
    plans: tuple[PlanSummary, ...]

    def plan(self, plan_id: str) -> PlanSummary:
        return self._by_id[plan_id]

    @cached_property
    def _by_id(self) -> dict[str, PlanSummary]:
        return {p.row.plan: p for p in reversed(self.plans)}  # the first of an id, as before

    @property
    def rows(self) -> tuple[PlanRow, ...]:
        return tuple(p.row for p in self.plans)

    @cached_property
    def waits(self) -> tuple[Wait, ...]:
        return tuple(w for p in self.plans for w in p.waits)

    def watches(self) -> list[Watch]:
        """Every deadline and milestone of every plan, most at risk first: least probability
        (when simulated), then least margin, unfinished before finished."""
        found = [w for p in self.plans for w in p.watches]
        return sorted(found, key=at_risk_first)

    def causes(self) -> list[Cause]:
        """For each plan past its period, the chain from its driver across the plans it
        waits on (`Cause`)."""
        out = []
        for p in self.plans:
            if p.row.driver is None or p.row.overrun <= 0:
                continue
            out.append(Cause(p.row.plan, self.chain(p.row.plan, p.row.driver)))
        return out

    def chain(self, plan_id: str, task_id: str) -> tuple[tuple[str, str], ...]:
        """From a task, each binding wait on another plan's task, to the first task held by
        none (a wait's task may itself wait on a third plan)."""
        steps = [(plan_id, task_id)]
        binding = {(w.plan, w.task): w for w in self.waits if w.binding}
        while (w := binding.get(steps[-1])) is not None:
            nxt = (w.other_plan, w.other_task)
            if nxt in steps:
                break
            steps.append(nxt)
        return tuple(steps)

    def owners(self) -> list[OwnerRow]:
        """Every owner across plans, the most late and deadline-missing work first."""
        by: dict[tuple[str, str | None], list[tuple[PlanSummary, TaskLine]]] = {}
        for p in self.plans:
            for t in p.tasks:
                if not t.summary and t.owner:
                    key = (t.owner, p.row.plan if local_owner(t.owner) else None)
                    by.setdefault(key, []).append((p, t))
        held: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for w in self.waits:
            held.setdefault((w.other_plan, w.other_task), []).append((w.plan, w.task))
        rows = []
        for (owner, local), lines in by.items():
            plans = tuple(dict.fromkeys(p.row.plan for p, _ in lines))
            holding = tuple(x for p, t in lines if t.state != "done"
                            for x in held.get((p.row.plan, t.id), ()))
            rows.append(OwnerRow(
                owner, local, plans, len(lines), sum(t.state == "done" for _, t in lines),
                sum(is_late(t) for _, t in lines), sum(t.awaiting for _, t in lines),
                sum(misses(t) for _, t in lines), holding,
                tuple((p.row.plan, t.id) for p, t in lines if is_late(t) or misses(t))))
        rows.sort(key=lambda r: (-(r.missed + r.late + len(r.holding)), -r.tasks, r.owner))
        return rows


# The offices of a township (镇建设办, 乡农办, 街道办), its villages and communities (黄里村,
# 新城社区) are its own: two townships' 镇建设办 are two units. Any other owner (a county
# department, 县财政局; a named team) is one unit in every plan it appears in.
LOCAL_PREFIXES = ("镇", "乡", "街道")
LOCAL_SUFFIXES = ("村", "村委", "村委会", "社区", "居委会")


def local_owner(owner: str) -> bool:
    """Whether ``owner`` names a unit of its own plan's township (`LOCAL_PREFIXES`,
    `LOCAL_SUFFIXES`)."""
    return owner.startswith(LOCAL_PREFIXES) or owner.endswith(LOCAL_SUFFIXES)


def short_name(name: str) -> str:
    """A plan's name up to its year (玉山镇 of 玉山镇2023年下半年重点工作), for tables that
    name many plans; the whole name when it does not start with words before a year."""
    cut = next((k for k, c in enumerate(name) if c.isdigit()), len(name))
    head = name[:cut].strip(" -—_·")
    return head if head and cut < len(name) else name


def is_late(t: TaskLine) -> bool:
    """Late by its own flags (`TaskStatus.late`: the rule of a single plan's review)."""
    return any(f in LATE_FLAGS for f in t.flags)


def misses(t: TaskLine) -> bool:
    """Its deadline is missed or forecast to be (`TaskStatus.misses_deadline`)."""
    return any(f in DEADLINE_FLAGS for f in t.flags)


def at_risk_first(w: Watch) -> tuple[float, int, bool, date, str, str]:
    return (w.probability if w.probability is not None else 2.0,
            w.margin if w.margin is not None else 1 << 30, w.state == "done", w.finish,
            w.plan, w.task)


@dataclass(frozen=True)
class JointRisk:
    """The joint simulation of a portfolio: every deadline of every plan with its
    probability (on the roll-up's watches), and each plan's chance of finishing within its
    period."""

    rollup: Rollup
    iterations: int
    seed: int | None
    finishes: Mapping[str, float | None]  # plan id -> P(it finishes within its period)
    risks: Mapping[str, Risk]


# -- one plan -------------------------------------------------------------------------------


def summarize(plan: Plan, tracking: Tracking | None, schedule: Schedule,
              group: str | None, path: str, waits: Sequence[Wait] = ()) -> PlanSummary:
    """One plan's record at its data date: ``tracking`` when it has a snapshot by then,
    else its ``schedule`` alone; ``waits``: its links to other plans as resolved. What
    other plans wait on is read off its task lines (`known_dates`)."""
    fc = tracking.forecast if tracking is not None else schedule
    status = tracking.tasks if tracking is not None else None
    lines = []
    waits_of: dict[str, list[str]] = {}
    for w in waits:
        waits_of.setdefault(w.task, []).append(f"{w.other_plan}:{w.other_task}")
    for i, t in enumerate(plan.tasks):
        d = fc.tasks[i]
        s = status[i] if status is not None else None
        lines.append(TaskLine(
            t.id, t.name, t.owner, t.parent, t.depth, t.is_summary, t.is_milestone,
            d.start, d.finish,
            s.baseline.start if s is not None and s.baseline is not None else None,
            s.baseline.finish if s is not None and s.baseline is not None else None,
            s.state if s is not None else "not-started",
            tuple(f.name for f in sorted(s.flags, key=lambda f: -f.rank)) if s else (),
            d.critical, s.deadline if s is not None else d.deadline,
            s.deadline_margin_days if s is not None else d.margin,
            s.awaiting if s is not None else False, t.is_assumed("owner"),
            tuple(waits_of.get(t.id, ()))))
    watches = tuple(Watch(plan.id, lines[i].id, lines[i].name, lines[i].owner,
                          lines[i].deadline, lines[i].finish, lines[i].margin,
                          lines[i].milestone, lines[i].state, lines[i].awaiting,
                          lines[i].owner_assumed)
                    for i in plan.watched)
    return PlanSummary(_row(plan, tracking, fc, group, path, lines), tuple(lines), watches,
                       tuple(waits))


def _row(plan: Plan, tracking: Tracking | None, fc: Schedule, group: str | None, path: str,
         lines: list[TaskLine]) -> PlanRow:
    work = [t for t in lines if not t.summary]
    slips: list[tuple[int, str]] = []
    for t in work if tracking is not None else ():
        days = _slip(tracking.tasks[plan.index[t.id]]) if tracking is not None else None
        if days is not None and days > 0:
            slips.append((days, t.id))
    worst: tuple[int | None, str | None] = max(slips, key=lambda x: x[0], default=(None, None))
    value = _value(tracking) if tracking is not None else None
    sample = plan.illustrative
    if sample is None and tracking is not None:
        sample = tracking.snapshot.illustrative
    return PlanRow(
        plan.id, plan.name, group, path, plan.lang, short_name(plan.name), sample,
        tracking.date if tracking is not None else None, len(work),
        sum(t.state == "done" for t in work), sum(t.state == "in-progress" for t in work),
        sum(is_late(t) for t in work), sum(t.awaiting for t in work),
        len(tracking.outstanding) if tracking is not None else 0,
        sum(misses(lines[i]) for i in plan.watched),
        worst[0], worst[1], fc.start, fc.finish, plan.finish, fc.overrun,
        tracking.driver if tracking is not None else None,
        tracking.driver_assumed if tracking is not None else False, value, plan.currency)


def _slip(s: TaskStatus) -> int | None:
    return s.finish_variance_days if s.state != "done" else None


def _value(t: Tracking) -> Value | None:
    v = t.value
    if v.basis != "budget" or v.bac is None or v.pv is None or v.ev is None:
        return None
    return Value(v.bac, v.pv, v.ev, v.ac, v.spi, v.cpi)


# -- waits ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class KnownTask:
    """What a plan knows of a task of another plan it waits on."""

    start: date
    finish: date
    basis: str  # actual | started | forecast | plan: where the dates come from
    plan_name: str  # the other plan's short name
    name: str
    owner: str | None


Known = Mapping[tuple[str, str], KnownTask]
"""What a plan knows of the tasks it waits on, by (plan, task)."""


def wait_bounds(plan: Plan, cal: Calendar, known: Known,
                ) -> tuple[dict[str, ExternalStart], list[Wait]]:
    """The earliest start each waiting task of ``plan`` gets from the tasks of other plans
    it waits on (`Plan.external`), and each wait as resolved (`binding` not yet known).

    FS: the first working day after the other task's finish, SS: its start day, then the
    lag in working days; all counted in this plan's calendar. A task ``known`` lacks puts
    no bound (basis "missing")."""
    bounds: dict[str, ExternalStart] = {}
    out = []
    for task, link in plan.waits:
        other_plan, other_task = link.other
        k = known.get((other_plan, other_task))
        if k is None:
            out.append(Wait(plan.id, task.id, link_text(link), other_plan, other_task,
                            link.type.value, link.lag, None, "missing", None, False))
            continue
        basis = k.basis
        if link.type is LinkType.SS:
            point, day = cal.on_or_after(k.start) + link.lag, k.start
            basis = "actual" if basis in ("actual", "started") else basis
        else:
            point, day = cal.end_of(k.finish) + link.lag, k.finish
            basis = "forecast" if basis == "started" else basis
        first = cal.date_of(point)
        if task.id not in bounds or first > bounds[task.id].day:
            bounds[task.id] = ExternalStart(first, other_plan, other_task, k.plan_name,
                                            k.name, k.owner)
        out.append(Wait(plan.id, task.id, link_text(link), other_plan, other_task,
                        link.type.value, link.lag, day, basis, first, False))
    return bounds, out


def binding(waits: Sequence[Wait], fc: Schedule) -> tuple[Wait, ...]:
    """``waits`` with `binding` set: the wait whose start is where the forecast put the
    remaining work of its task (`holds_back`; its latest wait, when several give that
    day)."""
    return tuple(replace(w, binding=w.start is not None and holds_back(fc, w.task, w.start))
                 for w in waits)


def known_dates(summary: PlanSummary, wanted: Iterable[str], planned: bool = False,
                ) -> dict[tuple[str, str], KnownTask]:
    """The start, finish and basis of the tasks of ``summary``'s plan others wait on: as
    forecast at its data date, or (``planned``) as its baseline has them."""
    out = {}
    has_snapshot = summary.row.data_date is not None
    index = {t.id: t for t in summary.tasks}
    for tid in wanted:
        t = index.get(tid)
        if t is None:
            continue
        if planned:
            out[(summary.row.plan, tid)] = KnownTask(
                t.baseline_start or t.start, t.baseline_finish or t.finish, "plan",
                summary.row.short, t.name, t.owner)
            continue
        basis = "actual" if t.state == "done" else "started" if t.state == "in-progress" \
            else "forecast" if has_snapshot else "plan"
        out[(summary.row.plan, tid)] = KnownTask(t.start, t.finish, basis, summary.row.short,
                                                 t.name, t.owner)
    return out
