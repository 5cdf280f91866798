"""The dependency network: tasks as integers, links expanded, a topological order, cycles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import networkx as nx

from planner.model import Link, LinkType

if TYPE_CHECKING:
    from planner.model import Plan

# Link types as small integers for the scheduler's inner loops.
FS, SS, FF, SF = 0, 1, 2, 3
LINK_CODE = {LinkType.FS: FS, LinkType.SS: SS, LinkType.FF: FF, LinkType.SF: SF}

Edge = tuple[int, int, int]  # (other task, link code, lag)


@dataclass(frozen=True, slots=True)
class Network:
    """Integer view of a plan for the scheduler.

    A link whose successor is a summary applies to each of the summary's leaf tasks; a
    summary as predecessor stays one node whose dates roll up from its children.
    """

    size: int
    is_summary: list[bool]
    parent: list[int]  # -1 for top-level tasks
    children: list[list[int]]
    preds: list[list[Edge]]  # per leaf: (predecessor, code, lag)
    succs: list[list[Edge]]  # per task: (successor leaf, code, lag)
    order: list[int]  # predecessors before successors, children before their summary
    cycles: list[list[tuple[int, int, Link | None]]]  # each edge (from, to, written link)


def build_network(plan: Plan) -> Network:
    index = plan.index
    size = len(plan.tasks)
    parent = [-1] * size
    children: list[list[int]] = [[] for _ in range(size)]
    for i, task in enumerate(plan.tasks):
        if task.parent is not None:
            parent[i] = index[task.parent]
            children[parent[i]].append(i)
    is_summary = [bool(c) for c in children]
    leaves = _leaves_below(children, is_summary)

    preds: list[list[Edge]] = [[] for _ in range(size)]
    succs: list[list[Edge]] = [[] for _ in range(size)]
    origin: dict[tuple[int, int], Link] = {}
    for i, task in enumerate(plan.tasks):
        for link in task.after:
            p = index.get(link.task)
            if p is None:
                continue  # reported by the loader
            code = LINK_CODE[link.type]
            for leaf in leaves[i] if is_summary[i] else (i,):
                preds[leaf].append((p, code, link.lag))
                succs[p].append((leaf, code, link.lag))
                origin.setdefault((p, leaf), link)

    graph = nx.DiGraph()
    graph.add_nodes_from(range(size))
    graph.add_edges_from((p, s) for s in range(size) for p, _, _ in preds[s])
    graph.add_edges_from((c, parent[c]) for c in range(size) if parent[c] >= 0)
    if nx.is_directed_acyclic_graph(graph):
        return Network(size, is_summary, parent, children, preds, succs,
                       list(nx.topological_sort(graph)), [])
    return Network(size, is_summary, parent, children, preds, succs, [],
                   _find_cycles(graph, origin))


def _leaves_below(children: list[list[int]], is_summary: list[bool]) -> list[list[int]]:
    """For each summary, its leaf descendants (children come after parents in file order)."""
    leaves: list[list[int]] = [[] for _ in children]
    for i in range(len(children) - 1, -1, -1):
        for c in children[i]:
            leaves[i].extend(leaves[c] if is_summary[c] else (c,))
    return leaves


def _find_cycles(graph: nx.DiGraph, origin: dict[tuple[int, int], Link],
                 ) -> list[list[tuple[int, int, Link | None]]]:
    """One cycle per knotted group of tasks.

    `nx.find_cycle` is slow on large graphs, so it only runs inside each non-trivial
    strongly connected component.
    """
    cycles = []
    for component in nx.strongly_connected_components(graph):
        if len(component) == 1:
            (node,) = component
            if not graph.has_edge(node, node):
                continue
        cycle = nx.find_cycle(graph.subgraph(component))
        cycles.append([(u, v, origin.get((u, v))) for u, v in cycle])
    cycles.sort(key=lambda c: min(u for u, _, _ in c))
    return cycles
