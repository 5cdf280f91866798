"""Plans joined by their links to each other's tasks (`Task.waits`): which link names a task
that exists, in which order plans are scheduled, and the loops that cross plans.

A portfolio schedules its plans one after another in the order of their links: a plan
after every plan it waits on, its waiting tasks held to the dates those plans' forecasts
give (`Plan.external`). Plans that wait on each other (each on a different task of the
other) are scheduled in turns until no date moves; a loop of tasks across plans would never
settle and is refused, every plan and task on it named.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from planner.domain.diagnostics import Diagnostic, Phrase, Suggestions
from planner.domain.model import Link, LinkType, Plan, Task

Node = tuple[str, str, bool]  # (plan id, task id, finish end): a task's start or finish


@dataclass(frozen=True, slots=True)
class Reference:
    """A link of one plan to a task of another, both found."""

    plan: str
    task: str
    link: Link
    other_plan: str
    other_task: str


class Waiting(Protocol):
    """What `references` reads of a plan: its id and its links to other plans (a `Plan`,
    or the few fields a worker process sends back instead of the whole plan)."""

    @property
    def id(self) -> str: ...

    @property
    def waits(self) -> tuple[tuple[Task, Link], ...]: ...


def references(waiting: Sequence[Waiting], tasks: Mapping[str, Collection[str]],
               targets: Mapping[str, Collection[str]] | None = None,
               ) -> tuple[list[Reference], list[Diagnostic]]:
    """Every link of the ``waiting`` plans to another plan's task, with an error for each
    that names a plan not in the portfolio or a task that plan does not have (with the
    closest id), or a quantity target (which decides no date). ``tasks``: each plan's task
    ids; ``targets``: each plan's target tasks."""
    found, errors = [], []
    suggest = Suggestions()
    for plan in waiting:
        for task, link in plan.waits:
            other, tid = link.other
            where = link.location if link.location.file else task.location
            ids = tasks.get(other)
            if ids is None:
                close = suggest.closest(other, tasks)
                errors.append(Diagnostic.said(
                    "unknown-task", "portfolio.unknown_plan.close" if close
                    else "portfolio.unknown_plan", where, task=task.id, id=task.id,
                    plan=other, close=close))
            elif tid not in ids:
                close = suggest.closest(tid, ids)
                errors.append(Diagnostic.said(
                    "unknown-task", "portfolio.unknown_task.close" if close
                    else "portfolio.unknown_task", where, task=task.id, id=task.id,
                    plan=other, other=tid, close=close))
            elif targets is not None and tid in targets.get(other, ()):
                errors.append(Diagnostic.said(
                    "value", "rule.follows_target", where, task=task.id, id=task.id,
                    other=link.task))
            else:
                found.append(Reference(plan.id, task.id, link, other, tid))
    return found, errors


def waves(plan_ids: Sequence[str], refs: Sequence[Reference]) -> list[list[list[str]]]:
    """The plans in the order they are scheduled: waves of groups; every group of a wave
    waits only on groups of earlier waves (so a wave's groups can be reviewed at once, in
    parallel), and a group is one plan or plans that wait on each other."""
    import networkx as nx

    g = nx.DiGraph()
    g.add_nodes_from(plan_ids)
    g.add_edges_from((r.other_plan, r.plan) for r in refs if r.other_plan != r.plan)
    c = nx.condensation(g)
    order = {p: k for k, p in enumerate(plan_ids)}
    out: list[list[list[str]]] = []
    for generation in nx.topological_generations(c):
        groups = [sorted(c.nodes[n]["members"], key=order.__getitem__) for n in generation]
        out.append(sorted(groups, key=lambda grp: order[grp[0]]))
    return out


def cycles(plans: Sequence[Plan], refs: Sequence[Reference]) -> list[list[tuple[str, str]]]:
    """The loops of tasks that cross ``plans`` (a group that waits on each other, `waves`),
    each as (plan, task) in order, one per knot."""
    import networkx as nx

    chosen = list(plans)
    if len(chosen) < 2:
        return []
    g = nx.DiGraph()
    for plan in chosen:
        g.add_edges_from(_edges(plan))
    names = {p.id for p in chosen}
    for r in refs:
        if r.plan in names and r.other_plan in names:
            g.add_edge((r.other_plan, r.other_task, r.link.type is not LinkType.SS),
                       (r.plan, r.task, False))
    out = []
    for knot in nx.strongly_connected_components(g):
        if len({n[0] for n in knot}) < 2:
            continue  # a loop inside one plan: its loader says so
        loop = nx.find_cycle(g.subgraph(knot))
        steps: list[tuple[str, str]] = []
        for u, _ in loop:
            if not steps or steps[-1] != (u[0], u[1]):
                steps.append((u[0], u[1]))
        if len(steps) > 1 and steps[0] == steps[-1]:
            steps.pop()
        out.append(steps)
    return out


def _edges(plan: Plan) -> Iterator[tuple[Node, Node]]:
    """A plan's logic as edges between task starts and finishes: each task from its start
    to its finish, a summary around its children, each link from the end it reads to the
    end it holds."""
    pid = plan.id
    for t in plan.tasks:
        yield (pid, t.id, False), (pid, t.id, True)
        if t.parent is not None:
            yield (pid, t.parent, False), (pid, t.id, False)
            yield (pid, t.id, True), (pid, t.parent, True)
        for link in t.links:
            if link.task in plan.index:
                yield ((pid, link.task, link.type.from_finish),
                       (pid, t.id, link.type.to_finish))


def cycle_error(loop: Sequence[tuple[str, str]], plans: Mapping[str, Plan]) -> Diagnostic:
    """One loop across plans as an error at its first task, every step named."""
    steps: list[Phrase] = []
    for pid, tid in loop:
        steps.append(Phrase.of("portfolio.cycle.step", plan=pid, id=tid))
        steps.append(Phrase.of("plan.cycle.then"))
    steps.append(Phrase.of("portfolio.cycle.step", plan=loop[0][0], id=loop[0][1]))
    first: Task = plans[loop[0][0]].task(loop[0][1])
    return Diagnostic.said("cycle", "portfolio.cycle", first.location, task=first.id,
                           chain=tuple(steps))
