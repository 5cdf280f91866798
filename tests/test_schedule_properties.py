"""Property tests of the CPM scheduler on random plans built as model objects.

Times are points (see planner/schedule.py): point ``i`` is the start of working day ``i``;
a task of duration ``d`` starting at point ``s`` finishes at point ``s + d``.

Everything the properties compare against (lower bounds, durations, leaf descendants, the
longest path) is recomputed here from the plan itself, not taken from the engine.

The hypothesis properties (200 examples each) are marked `property`, so `slow`;
`pytest -m "not slow"` still runs the worked examples and the seeded smoke test below.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from itertools import pairwise

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.model import Link, LinkType, Plan, Task
from planner.engine.network import network_of
from planner.engine.schedule import MAX_PATHS, Schedule, schedule

SETTINGS = settings(max_examples=200, deadline=None)
MAX_DEPTH = 3  # nesting depth of generated summaries (0 = top level)
FROM_START = (LinkType.SS, LinkType.SF)
TO_FINISH = (LinkType.FF, LinkType.SF)


# -- plan generation ----------------------------------------------------------------------

# Strategies are built once: building them inside every draw costs more than scheduling.
# Each is one draw, shrinking towards its first value (no lag, no start, no deadline).
LINK_TYPES = st.sampled_from(list(LinkType))
LAGS = st.sampled_from([0] * 10 + [v for v in range(-5, 6) if v])  # about half leads/lags
START_OFFSETS = st.sampled_from([None] * 56 + list(range(-15, 41)))  # days from plan start
DEADLINE_OFFSETS = st.sampled_from([None] * 61 + list(range(61)))
PLAN_STARTS = st.dates(date(2023, 1, 1), date(2026, 12, 31))
CALENDARS = st.sampled_from(["weekdays", "alldays"])
DURATIONS = st.integers(0, 8)
LINK_COUNTS = st.integers(0, 3)


@cache
def _ints(lo: int, hi: int) -> st.SearchStrategy[int]:
    return st.integers(lo, hi)


@cache
def _choice(options: tuple[int | None, ...]) -> st.SearchStrategy[int | None]:
    return st.sampled_from(options)



@st.composite
def plans(
    draw: st.DrawFn,
    *,
    summaries: bool = True,
    starts: bool = True,
    deadlines: bool = False,
    summary_from_start: bool = True,
    calendar: str | None = None,
    max_tasks: int = 12,
) -> Plan:
    """A random acyclic plan.

    summaries: allow nested summary tasks (children right after their parent, depth first).
    starts: allow per-task `start` dates (also before the plan start).
    deadlines: allow per-task deadlines.
    summary_from_start: allow SS/SF links whose predecessor is a summary (their rolled-up
        start is a min over children, which a longest-path model cannot express).
    """
    n = draw(_ints(1, max_tasks))
    plan_start = draw(PLAN_STARTS)
    cal = calendar or draw(CALENDARS)

    # tree shape: each task's parent is None or the previous task or one of its ancestors
    parents: list[int | None] = []
    depth: list[int] = []
    for i in range(n):
        options: list[int | None] = [None]
        if summaries and i > 0:
            a: int | None = i - 1
            while a is not None:
                if depth[a] < MAX_DEPTH:
                    options.append(a)
                a = parents[a]
        p = draw(_choice(tuple(options)))
        parents.append(p)
        depth.append(0 if p is None else depth[p] + 1)
    children: list[list[int]] = [[] for _ in range(n)]
    for i, p in enumerate(parents):
        if p is not None:
            children[p].append(i)
    is_summary = [bool(c) for c in children]

    def leaves(i: int) -> list[int]:
        if not is_summary[i]:
            return [i]
        return [leaf for c in children[i] for leaf in leaves(c)]

    def ancestors(i: int) -> set[int]:
        out = set()
        p = parents[i]
        while p is not None:
            out.add(p)
            p = parents[p]
        return out

    # the scheduler's dependency graph: expanded links plus child -> summary roll-ups
    graph = nx.DiGraph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from((i, p) for i, p in enumerate(parents) if p is not None)

    links: list[list[Link]] = [[] for _ in range(n)]
    for s in range(n):
        for _ in range(draw(LINK_COUNTS)):
            p = draw(_ints(0, n - 1))
            kind = draw(LINK_TYPES)
            lag = draw(LAGS)
            if p == s or p in ancestors(s) or s in ancestors(p):
                continue
            if is_summary[p] and not summary_from_start and kind in FROM_START:
                kind = LinkType.FS if kind is LinkType.SS else LinkType.FF
            targets = leaves(s)
            if any(t == p or nx.has_path(graph, t, p) for t in targets):
                continue  # would close a cycle
            graph.add_edges_from((p, t) for t in targets)
            links[s].append(Link(task=f"t{p}", type=kind, lag=lag))

    tasks = []
    for i in range(n):
        duration: int | None = None
        milestone = False
        if not is_summary[i]:
            duration = draw(DURATIONS)
            if duration == 0 and draw(st.booleans()):
                duration, milestone = None, True
        start = None
        if starts:
            offset = draw(START_OFFSETS)
            start = None if offset is None else plan_start + timedelta(days=offset)
        deadline = None
        if deadlines:
            offset = draw(DEADLINE_OFFSETS)
            deadline = None if offset is None else plan_start + timedelta(days=offset)
        tasks.append(Task(
            id=f"t{i}", name=f"task {i}", duration=duration, milestone=milestone,
            start=start, deadline=deadline, after=tuple(links[i]),
            parent=None if parents[i] is None else f"t{parents[i]}",
            children=tuple(f"t{c}" for c in children[i]), depth=depth[i],
        ))
    return Plan(id="prop", name="property plan", start=plan_start, tasks=tuple(tasks),
                calendar=cal)


# -- independent views of a plan ----------------------------------------------------------


@dataclass
class View:
    """What the tests know about a plan, computed without the engine."""

    plan: Plan
    sched: Schedule
    idx: dict[str, int]
    leaves: list[list[int]]  # leaf descendants (a leaf: itself)
    ancestors: list[list[int]]  # nearest first
    dur: list[int]
    lb: list[int]  # start-no-earlier-than point of each task
    dl: list[int | None]  # deadline point from the task's own and its ancestors' deadlines

    @property
    def pts(self):  # type: ignore[no-untyped-def]
        return self.sched.points

    def is_leaf(self, i: int) -> bool:
        return not self.plan.tasks[i].children

    def links(self):  # type: ignore[no-untyped-def]
        """(pred index, succ index, link) for every written link."""
        for s, t in enumerate(self.plan.tasks):
            for link in t.after:
                yield self.idx[link.task], s, link


def view(plan: Plan) -> View:
    sched = schedule(plan)
    cal = sched.calendar
    tasks = plan.tasks
    idx = {t.id: i for i, t in enumerate(tasks)}
    n = len(tasks)
    leaves: list[list[int]] = [[] for _ in range(n)]
    for i in range(n - 1, -1, -1):
        t = tasks[i]
        leaves[i] = [x for c in t.children for x in leaves[idx[c]]] if t.children else [i]
    ancestors = []
    for t in tasks:
        chain, p = [], t.parent
        while p is not None:
            chain.append(idx[p])
            p = tasks[idx[p]].parent
        ancestors.append(chain)
    dur = [0 if t.children or t.milestone else (t.duration or 0) for t in tasks]
    lb = []
    dl: list[int | None] = []
    for i in range(n):
        own = [tasks[j].start for j in [i, *ancestors[i]] if tasks[j].start is not None]
        lb.append(max(cal.on_or_after(d) for d in own) if own else cal.on_or_after(plan.start))
        dls = [tasks[j].deadline for j in [i, *ancestors[i]] if tasks[j].deadline is not None]
        dl.append(min(cal.on_or_before(d) + 1 for d in dls) if dls else None)
    return View(plan, sched, idx, leaves, ancestors, dur, lb, dl)


def pred_point(v: View, p: int, link: Link) -> int:
    es, ef = v.pts.es, v.pts.ef
    return int(es[p] if link.type in FROM_START else ef[p])


def succ_point(v: View, s: int, link: Link) -> int:
    es, ef = v.pts.es, v.pts.ef
    return int(ef[s] if link.type in TO_FINISH else es[s])


def has_deadlines(plan: Plan) -> bool:
    return any(t.deadline is not None for t in plan.tasks)


# -- 1. links hold ------------------------------------------------------------------------


@pytest.mark.property
@SETTINGS
@given(plans())
def test_every_link_is_satisfied_by_early_dates(plan: Plan) -> None:
    v = view(plan)
    for p, s, link in v.links():
        for target in [s, *v.leaves[s]]:  # the summary as a whole and each of its leaves
            assert succ_point(v, target, link) >= pred_point(v, p, link) + link.lag, (
                f"{plan.tasks[target].id} violates {link} on {plan.tasks[s].id}")


@pytest.mark.property
@SETTINGS
@given(plans())
def test_summaries_roll_up_from_their_leaves(plan: Plan) -> None:
    v = view(plan)
    es, ef = v.pts.es, v.pts.ef
    for i, t in enumerate(plan.tasks):
        if t.children:
            assert es[i] == min(es[c] for c in v.leaves[i])
            assert ef[i] == max(ef[c] for c in v.leaves[i])
        else:
            assert ef[i] == es[i] + v.dur[i]
    leaf = [i for i in range(len(plan.tasks)) if v.is_leaf(i)]
    assert v.pts.start == min(es[i] for i in leaf)
    assert v.pts.finish == max(ef[i] for i in leaf)


# -- 2. lower bounds and tightness --------------------------------------------------------


@pytest.mark.property
@SETTINGS
@given(plans())
def test_early_start_is_lower_bound_or_a_binding_link(plan: Plan) -> None:
    v = view(plan)
    es = v.pts.es
    required = {i: v.lb[i] for i in range(len(plan.tasks)) if v.is_leaf(i)}
    for p, s, link in v.links():
        for leaf in v.leaves[s]:
            shift = v.dur[leaf] if link.type in TO_FINISH else 0
            required[leaf] = max(required[leaf], pred_point(v, p, link) + link.lag - shift)
    for i, need in required.items():
        assert es[i] >= v.lb[i]
        assert es[i] == need, f"{plan.tasks[i].id}: es {es[i]}, needed {need}"


# -- 3. floats without deadlines -----------------------------------------------------------


@pytest.mark.property
@SETTINGS
@given(plans())
def test_floats_are_nonnegative_without_deadlines(plan: Plan) -> None:
    v = view(plan)
    tf, ff = v.pts.total_float, v.pts.free_float
    assert (tf >= 0).all(), tf
    assert (ff >= 0).all(), ff
    for i in range(len(plan.tasks)):
        if v.is_leaf(i):
            assert ff[i] <= tf[i], f"{plan.tasks[i].id}: free {ff[i]} > total {tf[i]}"


# -- 4. project length = longest path (networkx) --------------------------------------------


def longest_path_starts(v: View) -> dict[int, int]:
    """Early start of every leaf as a longest path from a source, in points from the origin.

    Nodes ("S", i) and ("F", i) per leaf with F = S + d exactly; every link becomes an edge
    into the successor's start node (weight lag, minus the successor's duration for links
    that constrain its finish). Links into a summary go to each of its leaves; a summary
    predecessor (FS/FF only) contributes an edge from each of its leaves' finish nodes,
    since its finish is the max of theirs.
    """
    g = nx.DiGraph()
    leaves = [i for i in range(len(v.plan.tasks)) if v.is_leaf(i)]

    def add(u: object, w: object, weight: int) -> None:
        if g.has_edge(u, w):
            weight = max(weight, g.edges[u, w]["weight"])
        g.add_edge(u, w, weight=weight)

    for i in leaves:
        add("source", ("S", i), v.lb[i])
        add(("S", i), ("F", i), v.dur[i])
    for p, s, link in v.links():
        from_start = link.type in FROM_START
        assert v.is_leaf(p) or not from_start, "generator must not produce this"
        for succ in v.leaves[s]:
            weight = link.lag - (v.dur[succ] if link.type in TO_FINISH else 0)
            for pred in v.leaves[p]:
                add(("S" if from_start else "F", pred), ("S", succ), weight)
    assert nx.is_directed_acyclic_graph(g)
    dist = {"source": 0}
    for node in nx.topological_sort(g):
        if node == "source":
            continue
        dist[node] = max(dist[u] + g.edges[u, node]["weight"] for u in g.predecessors(node))
    return {i: dist[("S", i)] for i in leaves}


@pytest.mark.property
@SETTINGS
@given(plans(summary_from_start=False))
def test_project_length_is_the_longest_path(plan: Plan) -> None:
    v = view(plan)
    starts = longest_path_starts(v)
    finish = max(starts[i] + v.dur[i] for i in starts)
    start = min(starts.values())
    assert v.pts.finish - v.pts.start == finish - start
    assert (v.pts.start, v.pts.finish) == (start, finish)
    for i, s in starts.items():
        assert v.pts.es[i] == s, f"{plan.tasks[i].id}: es {v.pts.es[i]}, longest path {s}"


# -- 5. backward pass ---------------------------------------------------------------------


@pytest.mark.property
@SETTINGS
@given(plans())
def test_backward_pass_is_consistent_without_deadlines(plan: Plan) -> None:
    v = view(plan)
    es, ef, ls, lf = v.pts.es, v.pts.ef, v.pts.ls, v.pts.lf
    tf, crit = v.pts.total_float, v.pts.critical
    assert (lf >= ef).all() and (ls >= es).all()
    for i in range(len(plan.tasks)):
        if v.is_leaf(i):
            assert ls[i] == lf[i] - v.dur[i]
            assert tf[i] == ls[i] - es[i]
            assert lf[i] <= v.pts.finish
        if crit[i]:
            assert tf[i] == 0, f"{plan.tasks[i].id} is critical with total float {tf[i]}"
    # the task(s) that end the project have no float
    for i in range(len(plan.tasks)):
        if v.is_leaf(i) and ef[i] == v.pts.finish:
            assert tf[i] == 0 and crit[i]


@pytest.mark.property
@SETTINGS
@given(plans())
def test_late_dates_keep_every_link(plan: Plan) -> None:
    """Starting every leaf at its late start (no deadlines) violates no link."""
    v = view(plan)
    ls, lf = v.pts.ls.copy(), v.pts.lf.copy()
    for i, t in enumerate(plan.tasks):  # roll late dates up like early ones
        if t.children:
            ls[i] = min(ls[c] for c in v.leaves[i])
            lf[i] = max(lf[c] for c in v.leaves[i])
    for p, s, link in v.links():
        at_pred = ls[p] if link.type in FROM_START else lf[p]
        for leaf in v.leaves[s]:
            at_succ = lf[leaf] if link.type in TO_FINISH else ls[leaf]
            assert at_succ >= at_pred + link.lag, f"{plan.tasks[leaf].id} vs {link}"


# -- 6. deadlines -------------------------------------------------------------------------


@pytest.mark.property
@SETTINGS
@given(plans(deadlines=True))
def test_deadlines_bound_total_float(plan: Plan) -> None:
    v = view(plan)
    ef, tf, lf = v.pts.ef, v.pts.total_float, v.pts.lf
    for i, t in enumerate(plan.tasks):
        if v.dl[i] is None:
            continue
        dl = v.dl[i]
        assert tf[i] <= dl - ef[i], f"{t.id}: total float {tf[i]}, deadline - ef {dl - ef[i]}"
        if dl < ef[i]:
            assert tf[i] < 0 and v.pts.critical[i]
        if v.is_leaf(i):
            assert lf[i] <= dl
        if t.deadline is not None:
            own = v.sched.calendar.on_or_before(t.deadline) + 1
            assert v.sched.tasks[i].margin == own - ef[i]


@pytest.mark.property
@SETTINGS
@given(plans(deadlines=True))
def test_deadlines_do_not_move_early_dates(plan: Plan) -> None:
    v = view(plan)
    free = Plan(id=plan.id, name=plan.name, start=plan.start, calendar=plan.calendar,
                tasks=tuple(replace(t, deadline=None) for t in plan.tasks))
    w = view(free)
    assert (v.pts.es == w.pts.es).all() and (v.pts.ef == w.pts.ef).all()
    assert (v.pts.total_float <= w.pts.total_float).all()


# -- 7. critical paths --------------------------------------------------------------------


def joining_link(v: View, a: int, b: int) -> Link | None:
    """A zero-slack link that makes leaf ``a`` drive leaf ``b`` (possibly via summaries)."""
    es, ef = v.pts.es, v.pts.ef
    for p, s, link in v.links():
        if s not in (b, *v.ancestors[b]) or p not in (a, *v.ancestors[a]):
            continue
        # a summary predecessor drives through the leaf that sets its start/finish
        if link.type in FROM_START and es[a] != es[p]:
            continue
        if link.type not in FROM_START and ef[a] != ef[p]:
            continue
        if succ_point(v, b, link) - pred_point(v, p, link) - link.lag == 0:
            return link
    return None


@pytest.mark.property
@SETTINGS
@given(plans(starts=False))
def test_first_critical_path_spans_the_project(plan: Plan) -> None:
    v = view(plan)
    paths = v.sched.critical_paths
    assert paths, "a plan with tasks has a critical path"
    es, ef, crit = v.pts.es, v.pts.ef, v.pts.critical
    first = [v.idx[x] for x in paths[0]]
    assert ef[first[-1]] - es[first[0]] == v.pts.finish - v.pts.start, paths
    for path in paths:
        ids = [v.idx[x] for x in path]
        for i in ids:
            assert v.is_leaf(i) and crit[i], f"{plan.tasks[i].id} on {path}"
        for a, b in pairwise(ids):
            assert joining_link(v, a, b) is not None, f"{path}: no driving link {a}->{b}"


# -- 8. determinism and file order -------------------------------------------------------


@st.composite
def shuffled(draw: st.DrawFn) -> tuple[Plan, Plan]:
    plan = draw(plans(summaries=False, deadlines=True))
    order = draw(st.permutations(list(plan.tasks)))
    other = Plan(id=plan.id, name=plan.name, start=plan.start, calendar=plan.calendar,
                 tasks=tuple(order))
    return plan, other


FIELDS = ("es", "ef", "ls", "lf", "total_float", "free_float", "critical")


@pytest.mark.property
@SETTINGS
@given(shuffled())
def test_schedule_is_deterministic_and_independent_of_file_order(pair: tuple[Plan, Plan]) -> None:
    plan, other = pair
    a, again, b = schedule(plan), schedule(plan), schedule(other)
    for name in FIELDS:
        assert np.array_equal(getattr(a.points, name), getattr(again.points, name))
    assert a.tasks == again.tasks and a.critical_paths == again.critical_paths
    pos = {t.id: i for i, t in enumerate(other.tasks)}
    perm = [pos[t.id] for t in plan.tasks]
    for name in FIELDS:
        assert np.array_equal(getattr(a.points, name), getattr(b.points, name)[perm]), name
    assert (a.points.start, a.points.finish) == (b.points.start, b.points.finish)
    assert {d.id: d for d in a.tasks} == {d.id: d for d in b.tasks}
    if len(a.critical_paths) < MAX_PATHS and len(b.critical_paths) < MAX_PATHS:
        assert set(a.critical_paths) == set(b.critical_paths)


# -- dated results ------------------------------------------------------------------------


def check_dates(v: View) -> None:
    cal, pts = v.sched.calendar, v.pts
    for i, (t, d) in enumerate(zip(v.plan.tasks, v.sched.tasks, strict=True)):
        e, f, ls, lf = (int(x[i]) for x in (pts.es, pts.ef, pts.ls, pts.lf))
        assert d.id == t.id and d.duration == f - e
        if f > e:
            assert d.start == cal.date_of(e)
            assert d.finish == cal.date_of(f - 1)
            assert d.late_start == cal.date_of(ls)
            assert d.late_finish == cal.date_of(lf - 1)
            assert cal.count(d.start, d.finish) == f - e
        else:  # an instant: the working day that ends at it, not before its lower bound
            assert d.start == d.finish == cal.date_of(max(e - 1, v.lb[i]))
            # ... unless a deadline puts its late date before that bound
            late = lf - 1 if lf < v.lb[i] else max(lf - 1, v.lb[i])
            assert d.late_start == d.late_finish == cal.date_of(late)
        assert cal.is_workday(d.start) and cal.is_workday(d.finish)
        assert d.total_float == pts.total_float[i] and d.free_float == pts.free_float[i]
        assert d.critical == bool(pts.critical[i]) and d.deadline == t.deadline
    assert v.sched.start == cal.date_of(pts.start)
    assert v.sched.finish == cal.date_of(max(pts.finish - 1, pts.start))


@pytest.mark.property
@SETTINGS
@given(plans(calendar="alldays", deadlines=True))
def test_alldays_dates_match_points(plan: Plan) -> None:
    v = view(plan)
    check_dates(v)
    cal = v.sched.calendar
    # in an alldays calendar working days are consecutive calendar days
    for i, d in enumerate(v.sched.tasks):
        if v.pts.ef[i] > v.pts.es[i]:
            assert (d.finish - d.start).days == v.pts.ef[i] - v.pts.es[i] - 1
    assert cal.date_of(cal.on_or_after(plan.start)) == plan.start


@pytest.mark.property
@SETTINGS
@given(plans(calendar="weekdays", deadlines=True))
def test_weekdays_dates_match_points(plan: Plan) -> None:
    v = view(plan)
    check_dates(v)
    for d in v.sched.tasks:
        assert d.start.weekday() < 5 and d.finish.weekday() < 5
    # an FS+0 successor that its leaf predecessor drives starts the next working day
    cal = v.sched.calendar
    for p, s, link in v.links():
        if (link.type is LinkType.FS and link.lag == 0 and v.is_leaf(p) and v.is_leaf(s)
                and v.dur[p] > 0 and v.dur[s] > 0 and v.pts.es[s] == v.pts.ef[p]):
            nxt = cal.date_of(cal.on_or_before(v.sched.tasks[p].finish) + 1)
            assert v.sched.tasks[s].start == nxt


def jan(day: int) -> date:
    return date(2024, 1, day)


def test_weekdays_worked_example() -> None:
    """Friday plan start, a weekend in the middle, a lead, a milestone and a carried-over task."""
    tasks = (
        Task(id="a", name="a", duration=3),                                    # Fri, Mon, Tue
        Task(id="b", name="b", duration=2, after=(Link("a"),)),                # Wed, Thu
        Task(id="c", name="c", duration=4, after=(Link("b", LinkType.SS, -1),)),  # Tue..Fri
        Task(id="m", name="m", milestone=True, after=(Link("b"), Link("c"))),  # Fri 12th
        Task(id="x", name="x", duration=1, start=date(2023, 12, 30)),          # Sat -> Mon 1st
        Task(id="g", name="g", children=("g1", "g2")),
        Task(id="g1", name="g1", duration=2, parent="g", depth=1,
             after=(Link("m", LinkType.FF, 3),)),
        Task(id="g2", name="g2", duration=1, parent="g", depth=1,
             start=date(2024, 1, 13)),                                          # Sat -> Mon 15th
        Task(id="z", name="z", duration=1, after=(Link("g"),), deadline=date(2024, 1, 17)),
    )
    plan = Plan(id="ex", name="example", start=date(2024, 1, 5), tasks=tasks)
    s = schedule(plan)
    got = {d.id: (d.start, d.finish) for d in s.tasks}
    assert got == {
        "a": (jan(5), jan(9)),
        "b": (jan(10), jan(11)),
        "c": (jan(9), jan(12)),
        "m": (jan(12), jan(12)),
        "x": (jan(1), jan(1)),
        "g1": (jan(16), jan(17)),  # finishes 3 working days after m: Wed 17th
        "g2": (jan(15), jan(15)),
        "g": (jan(15), jan(17)),
        "z": (jan(18), jan(18)),
    }
    assert (s.start, s.finish) == (jan(1), jan(18))
    assert s.task("z").margin == -1 and s.task("z").total_float == -1
    assert s.critical_paths[0] == ("a", "b", "c", "m", "g1", "z")
    check_dates(view(plan))


def test_alldays_worked_example() -> None:
    tasks = (
        Task(id="a", name="a", duration=3),
        Task(id="b", name="b", duration=2, after=(Link("a", LinkType.FS, 2),)),
        Task(id="m", name="m", duration=0, after=(Link("b", LinkType.SF),)),
    )
    plan = Plan(id="ex", name="example", start=date(2024, 2, 27), tasks=tasks,
                calendar="alldays")
    s = schedule(plan)
    got = {d.id: (d.start, d.finish) for d in s.tasks}
    assert got == {
        "a": (date(2024, 2, 27), date(2024, 2, 29)),  # leap day
        "b": (date(2024, 3, 3), date(2024, 3, 4)),
        "m": (date(2024, 3, 2), date(2024, 3, 2)),  # the instant b starts: end of 2 March
    }
    check_dates(view(plan))


def test_random_seeded_smoke() -> None:
    """A fixed pseudo-random plan, so a plain pytest run always exercises a bigger network."""
    rng = random.Random(7)
    tasks = []
    for i in range(60):
        after = tuple(Link(f"t{rng.randrange(i)}", rng.choice(list(LinkType)), rng.randint(-3, 3))
                      for _ in range(rng.randint(0, 3))) if i else ()
        tasks.append(Task(id=f"t{i}", name=f"t{i}", duration=rng.randint(0, 10), after=after))
    v = view(Plan(id="seed", name="seed", start=date(2024, 3, 1), tasks=tuple(tasks)))
    starts = longest_path_starts(v)
    assert all(v.pts.es[i] == s for i, s in starts.items())
    assert (v.pts.total_float >= 0).all()
    check_dates(v)


@pytest.mark.property
@settings(max_examples=200, deadline=None)
@given(plans(summaries=True, deadlines=False))
def test_boolean_criticality_equals_the_late_pass(plan: Plan) -> None:
    """The risk simulation's shortcut agrees with total float <= 0 from the late pass."""
    import numpy as np

    from planner.engine.passes import critical, run
    from planner.engine.schedule import durations, earliest_starts, plan_calendar

    cal = plan_calendar(plan)
    net = network_of(plan)
    dur = np.asarray(durations(plan, cal), dtype=np.int64)[:, None]
    lb = np.asarray(earliest_starts(plan, cal))
    tight = np.empty((net.pred.size, 1), dtype=bool)
    full = run(net, dur, lb, None, net.lag)
    early = run(net, dur, lb, None, net.lag, late=False, tight=tight)
    expected = ((full.ls - full.es) <= 0)[:, 0] & ~net.is_summary
    assert critical(net, early, tight)[:, 0].tolist() == expected.tolist()
