"""The CPM forward and backward passes on arrays: one schedule, or many at once.

Durations come as an ``(n, c)`` array: column j is one scenario (c = 1 for the plan's own
schedule, c = a chunk of Monte Carlo iterations for risk). The passes walk the network's
topological levels; within a level every link and every scenario is handled by a few
numpy operations, so the Python loop runs once per level, not per link or iteration.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import NDArray

from planner.engine.network import Ints, Network

Matrix = NDArray[np.integer]
FOLD_FROM = 16  # columns; below this reduceat's per-call cost is the smaller one


def big_for(dtype: type[np.integer]) -> int:
    """'Infinity' for a dtype: far beyond any date, with room to add durations to it."""
    return int(np.iinfo(dtype).max // 4)


class Reduce:
    """Segments of a gathered block: ``starts`` opens the rows that reduce into each target.

    Folding row by row (``folds``: for j = 1, 2, … the rows that are the j-th of their
    segment, and their segments) is many times faster than ``ufunc.reduceat`` along axis 0
    on wide blocks, since segments hold a few links each.
    """

    def __init__(self, starts: Ints, targets: Ints, size: int) -> None:
        self.starts, self.targets, self.size = starts, targets, size

    @cached_property
    def counts(self) -> Ints:
        """Rows per target."""
        return np.diff(np.append(self.starts, self.size))

    @cached_property
    def folds(self) -> tuple[tuple[Ints, Ints], ...]:
        segment = np.repeat(np.arange(self.counts.size), self.counts)
        rank = np.arange(segment.size) - self.starts[segment]
        return tuple((np.flatnonzero(rank == j), segment[rank == j])
                     for j in range(1, int(self.counts.max())))

    def fold(self, ufunc: np.ufunc, block: NDArray[Any]) -> NDArray[Any]:
        """``ufunc.reduceat(block, starts, axis=0)``, by folding when columns are many."""
        if block.ndim == 1 or block.shape[1] <= FOLD_FROM:
            return ufunc.reduceat(block, self.starts, axis=0)
        out = block.take(self.starts, axis=0)  # take, not [...]: it lets other threads run
        for rows, segments in self.folds:
            out[segments] = ufunc(out.take(segments, axis=0), block.take(rows, axis=0))
        return out


@dataclass(frozen=True, slots=True)
class Level:
    leaves: Ints
    links_in: Ints  # link indices ending on this level, sorted by successor
    into: Reduce | None  # successors of links_in
    finish_out: Ints  # finish-type links (FS, FF) leaving this level, sorted by predecessor
    finish_from: Reduce | None
    start_out: Ints  # start-type links (SS, SF) leaving this level
    start_from: Reduce | None
    nested: Ints  # tasks on this level that sit under a summary
    kids: Reduce | None  # summaries on this level, gathered from their children


def _segments(items: Ints, keys: Ints, levels: Ints, depth: int,
              ) -> tuple[list[Ints], list[Reduce | None]]:
    """Split ``items`` (sorted by level, then key) into levels, each with its key segments.

    Done for all levels at once: per-level numpy calls would cost more than the passes.
    """
    bounds = np.searchsorted(levels, np.arange(depth + 1)).tolist()
    first = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if keys.size else keys
    cut = np.searchsorted(first, bounds).tolist()
    groups: list[Ints] = []
    reduces: list[Reduce | None] = []
    for k in range(depth):
        lo, hi = bounds[k], bounds[k + 1]
        groups.append(items[lo:hi])
        if hi > lo:
            starts = first[cut[k]:cut[k + 1]]
            reduces.append(Reduce(starts - lo, keys[starts], hi - lo))
        else:
            reduces.append(None)
    return groups, reduces


class Walk:
    """The per-level structures of one network, built once and reused by every pass."""

    def __init__(self, net: Network) -> None:
        self.net = net
        n, level = net.size, net.level
        from_start = net.from_start
        self.to_finish = net.to_finish
        depth = net.depth
        nodes = np.arange(n)
        leaf = ~net.is_summary
        nested = nodes[net.parent >= 0]

        by_succ = np.lexsort((net.succ, level[net.succ]))
        by_pred = np.lexsort((net.pred, level[net.pred]))
        f_pred, s_pred = by_pred[~from_start[by_pred]], by_pred[from_start[by_pred]]
        kids = nested[np.lexsort((net.parent[nested], level[net.parent[nested]]))]

        leaves_by = _by_level(nodes[leaf], level, depth)
        nested_by = _by_level(nested, level, depth)
        ins, into = _segments(by_succ, net.succ[by_succ], level[net.succ][by_succ], depth)
        fins, fin_from = _segments(f_pred, net.pred[f_pred], level[net.pred][f_pred], depth)
        starts, start_from = _segments(s_pred, net.pred[s_pred], level[net.pred][s_pred],
                                       depth)
        kids_by, kids_red = _segments(kids, net.parent[kids], level[net.parent[kids]], depth)
        self.levels = [
            Level(leaves_by[k], ins[k], into[k], fins[k], fin_from[k], starts[k],
                  start_from[k], nested_by[k], kids_red[k])
            for k in range(depth)
        ]
        self.kids_by = kids_by
        self.leaf = leaf

    @cached_property
    def nodes_by(self) -> list[Ints]:
        """Every task, level by level (for the critical walk of the Monte Carlo only)."""
        return _by_level(np.arange(self.net.size), self.net.level, self.net.depth)

    @cached_property
    def leaf_rows(self) -> Ints:
        """The leaves the project's length is made of: ongoing work spans the period, it
        does not make it (unless the plan has nothing else)."""
        work = self.leaf & ~self.net.ongoing
        return np.flatnonzero(work if work.any() else self.leaf)


def _by_level(items: Ints, level: Ints, depth: int) -> list[Ints]:
    """``items`` split by their level, each part in the order given."""
    order = np.argsort(level[items], kind="stable")
    keys = level[items][order]
    bounds = np.searchsorted(keys, np.arange(depth + 1)).tolist()
    ordered = items[order]
    return [ordered[bounds[k]:bounds[k + 1]] for k in range(depth)]


def walk_of(net: Network) -> Walk:
    """The network's level walk, built on first use."""
    if "walk" not in net.memo:
        net.memo["walk"] = Walk(net)
    found = net.memo["walk"]
    assert isinstance(found, Walk)
    return found


@dataclass(frozen=True, slots=True)
class Passes:
    es: Matrix
    ef: Matrix
    ls: Matrix
    lf: Matrix
    start: Matrix  # per scenario: the project's first start
    finish: Matrix  # and last finish


def run(net: Network, dur: Matrix, lb: Ints, dl: Ints | None, lags: Ints,
        late: bool = True, tight: NDArray[np.bool_] | None = None) -> Passes:
    """Early (and, with ``late``, late) points for every scenario column of ``dur``.

    ``tight``, an (links, c) array, is filled with whether each link binds its successor.
    """
    w = walk_of(net)
    dtype = dur.dtype.type
    big = big_for(dtype)
    n, c = dur.shape
    parent = net.parent
    lag = np.maximum(lags, -big).astype(dtype)
    summary = net.is_summary

    # Early pass. Rows 0..n-1 of `early` are starts, rows n..2n-1 finishes, so a link
    # reads its predecessor's start or finish with one gather.
    early = np.empty((2 * n, c), dtype=dtype)
    es, ef = early[:n], early[n:]
    low = np.asarray(lb, dtype=dtype)
    es[:] = low[:, None] if low.ndim == 1 else low  # (n, c): a bound per scenario
    es[summary] = big
    ef[:] = es + dur
    ef[summary] = -big
    src = net.pred + n * ~net.from_start  # finish row for FS/FF links
    for k, lv in enumerate(w.levels):
        if lv.into is not None:
            e = lv.links_in
            value = early.take(src[e], axis=0)
            value += lag[e][:, None]
            fin = w.to_finish[e]
            if fin.any():
                value[fin] -= dur[net.succ[e][fin]]
            got = lv.into.fold(np.maximum, value)
            es[lv.into.targets] = np.maximum(es.take(lv.into.targets, axis=0), got)
            if tight is not None:
                tight[e] = value == es.take(net.succ[e], axis=0)
        if lv.leaves.size:
            ef[lv.leaves] = es.take(lv.leaves, axis=0) + dur.take(lv.leaves, axis=0)
        if lv.kids is not None:
            kids = w.kids_by[k]
            es[lv.kids.targets] = lv.kids.fold(np.minimum, es.take(kids, axis=0))
            ef[lv.kids.targets] = lv.kids.fold(np.maximum, ef.take(kids, axis=0))

    leaves = w.leaf_rows
    start = es[leaves].min(axis=0) if leaves.size else np.zeros(c, dtype=dtype)
    finish = ef[leaves].max(axis=0) if leaves.size else np.zeros(c, dtype=dtype)
    if not late:
        empty = np.empty((0, c), dtype=dtype)
        return Passes(es, ef, empty, empty, start, finish)

    # Late pass. A summary passes the bounds its own successors set down to its children:
    # every child must finish by its finish bound; the children that start it (es equal to
    # the summary's) must start by its start bound.
    latest = np.full((2 * n, c), big, dtype=dtype)
    ls, lf = latest[:n], latest[n:]
    fin_bound = np.full((n, c), big, dtype=dtype)
    start_bound = np.full((n, c), big, dtype=dtype)
    dst = net.succ + n * w.to_finish  # a successor's late finish for FF/SF, else its start
    deadline = None if dl is None else np.minimum(np.asarray(dl), big).astype(dtype)[:, None]
    for lv in reversed(w.levels):
        for links, red, bound in ((lv.finish_out, lv.finish_from, fin_bound),
                                  (lv.start_out, lv.start_from, start_bound)):
            if red is not None:
                value = latest[dst[links]] - lag[links][:, None]
                got = red.fold(np.minimum, value)
                bound[red.targets] = np.minimum(bound[red.targets], got)
        v = lv.nested
        if v.size:
            up = parent[v]
            fin_bound[v] = np.minimum(fin_bound[v], fin_bound[up])
            inherit = np.minimum(start_bound[v], start_bound[up])
            start_bound[v] = np.where(es[v] == es[up], inherit, start_bound[v])
        v = lv.leaves
        if v.size:
            f = np.minimum(np.minimum(fin_bound[v], start_bound[v] + dur[v]), finish)
            if deadline is not None:
                f = np.minimum(f, deadline[v])
            lf[v] = f
            ls[v] = f - dur[v]
    return Passes(es, ef, ls, lf, start, finish)


def critical(net: Network, r: Passes, tight: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """Per leaf and scenario: zero total float against the project finish.

    The same answer as the late pass without deadlines, found by walking back along
    binding links from the tasks that end the project (booleans: far less to move).
    """
    w = walk_of(net)
    n, c = r.es.shape
    by_finish = np.zeros((n, c), dtype=bool)  # critical through its finish
    by_start = np.zeros((n, c), dtype=bool)  # through its start
    out: NDArray[np.bool_] = r.ef == r.finish  # tasks that end the project, then all
    for k in range(len(w.levels) - 1, -1, -1):
        lv = w.levels[k]
        for links, red, flags in ((lv.finish_out, lv.finish_from, by_finish),
                                  (lv.start_out, lv.start_from, by_start)):
            if red is not None:
                # successors sit on higher levels, whose flags in `out` are final
                hot = tight.take(links, axis=0) & out.take(net.succ[links], axis=0)
                flags[red.targets] |= red.fold(np.logical_or, hot)
        v = lv.nested
        if v.size:
            up = net.parent[v]
            by_finish[v] |= by_finish[up] & (r.ef[v] == r.ef[up])
            by_start[v] |= by_start[up] & (r.es[v] == r.es[up])
        v = w.nodes_by[k]
        out[v] |= by_finish[v] | by_start[v]
    out[net.is_summary] = False
    return out
