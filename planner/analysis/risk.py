"""Deadline risk: Monte Carlo schedule simulation from the data date.

Each iteration samples the duration of every unfinished task and runs the same CPM passes
as the deterministic forecast (all link types, lags, calendars, summaries), vectorised
across iterations and processed in chunks so memory stays bounded. Finished work is fixed;
started work samples its remaining duration, scaled from the task's estimate.

Distributions are sampled by inverse transform from tables: a beta-PERT or triangular
quantile function depends only on where the mode sits between the extremes, so one table
per (distribution, mode position) serves every task.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np
from numpy.typing import NDArray

from planner.analysis.forecast import Inputs, forecast, forecast_inputs
from planner.domain.calendar import Calendar
from planner.domain.diagnostics import unknown_id
from planner.domain.model import Plan, RiskSettings, Spread, Task
from planner.domain.progress import Snapshot
from planner.engine.network import Ints, Network, network_of
from planner.engine.passes import Passes, big_for, run, walk_of
from planner.engine.passes import critical as critical_flags
from planner.engine.schedule import (
    INF,
    Schedule,
    deadline_point,
    deadline_points,
    plan_calendar,
    schedule,
)
from planner.support.gcpause import without_gc

LAMBDA = 4.0  # the standard beta-PERT weight of the most likely value
TABLE = 4096  # quantile steps per table: finer than a working day on any real task
SHAPES = 256  # mode positions per distribution
PERCENTILES = (10, 50, 80, 90)
MEMORY_BUDGET = 600 * 2**20  # bytes of per-chunk work arrays
LOOKUP_BYTES = 64 * 2**20  # every outcome of every distinct estimate, when it fits
COMPUTE_BYTES = 4 * 2**20  # one pass array of a slice of runs: about what a cache holds
MIN_SLICE = 2048  # runs per slice at least: each slice pays numpy's per-call costs per level
DRAW_BLOCK = 2**20  # samples drawn per block
DRIVERS, DRIVER_MIN = 5, 0.05  # drivers shown per target, and the weakest correlation shown

Floats = NDArray[np.float64]


# -- distributions ----------------------------------------------------------------------------


def _pert_quantiles(r: float) -> Floats:
    """Quantiles of Beta(1 + 4r, 1 + 4(1 - r)) at the TABLE midpoints, by numeric inversion."""
    a, b = 1 + LAMBDA * r, 1 + LAMBDA * (1 - r)
    x = np.linspace(0.0, 1.0, 20_001)
    with np.errstate(divide="ignore", invalid="ignore"):  # 0 * log(0) at the ends
        log_pdf = np.nan_to_num((a - 1) * np.log(x), nan=0.0) + np.nan_to_num(
            (b - 1) * np.log1p(-x), nan=0.0)
    pdf = np.exp(log_pdf - np.max(log_pdf[np.isfinite(log_pdf)]))
    cdf = np.concatenate(([0.0], np.cumsum((pdf[1:] + pdf[:-1]) / 2)))
    cdf /= cdf[-1]
    u = (np.arange(TABLE) + 0.5) / TABLE
    return np.interp(u, cdf, x)


def _triangular_quantiles(r: float) -> Floats:
    u = (np.arange(TABLE) + 0.5) / TABLE
    return np.where(u < r, np.sqrt(u * r), 1 - np.sqrt((1 - u) * (1 - r)))


@functools.cache
def quantile_row(distribution: str, shape: int) -> NDArray[np.float32]:
    """One row of `quantile_table`, built on first use: a plan needs only a few shapes."""
    make = _pert_quantiles if distribution == "pert" else _triangular_quantiles
    row = make(shape / SHAPES).astype(np.float32)
    row.flags.writeable = False  # shared by every simulation in the process
    return row


def quantile_table(distribution: str) -> NDArray[np.float32]:
    """Rows: mode position 0, 1/SHAPES, …, 1; columns: quantiles on [0, 1] (a new array)."""
    return np.asarray([quantile_row(distribution, i) for i in range(SHAPES + 1)])


# -- what is uncertain -------------------------------------------------------------------------


@dataclass(frozen=True)
class Uncertainty:
    """Per uncertain task: sampled duration = rint(offset + width * q), q a table quantile."""

    tasks: NDArray[np.int64]  # plan indices
    offset: Floats
    width: Floats
    row: NDArray[np.int64]  # row in the stacked tables (distribution, mode position)


def three_points(task: Task, planned: int, settings: RiskSettings) -> tuple[float, float, float]:
    """The task's estimate, or the plan default around its planned duration."""
    if task.estimate is not None:
        return task.estimate
    low = max(settings.low.apply(planned), 0.0)
    return (low, float(planned), max(settings.high.apply(planned), float(planned)))


def fixed_window(task: Task) -> bool:
    """A task whose length is a window of dates given in the plan (its start and finish),
    with no estimate of its own: its length is a date, not a duration that may run over,
    so the default band does not apply and it is simulated at its fixed length."""
    return (task.start is not None and task.finish is not None and task.estimate is None
            and not task.is_summary and not task.ongoing and not task.is_milestone)


def fixed_windows(plan: Plan, x: Inputs) -> tuple[str, ...]:
    """The unfinished tasks `fixed_window` keeps at their length, in plan order."""
    return tuple(task.id for i, task in enumerate(plan.tasks)
                 if fixed_window(task) and not x.finished[i])


def uncertainty(plan: Plan, x: Inputs, distribution: str | None = None,
                band: tuple[Spread, Spread] | None = None) -> Uncertainty:
    """``distribution`` and ``band`` replace the plan's defaults (tasks with their own
    distribution or estimate keep theirs; fixed windows take none, see `fixed_window`)."""
    settings = plan.risk if band is None else replace(plan.risk, low=band[0], high=band[1])
    tasks, offset, width, row = [], [], [], []
    in_progress = x.in_progress
    for i, task in enumerate(plan.tasks):
        if task.is_summary or x.finished[i] or task.is_milestone or task.spans_window \
                or fixed_window(task):
            continue
        low, mode, high = three_points(task, x.planned[i], settings)
        if high <= low:
            continue
        # started work: the remaining days scale with the sampled total
        scale = x.dur[i] / mode if in_progress[i] and mode > 0 else 1.0
        dist = task.distribution or distribution or settings.distribution
        r = round((mode - low) / (high - low) * SHAPES)
        tasks.append(i)
        offset.append(low * scale)
        width.append((high - low) * scale)
        row.append(r + (SHAPES + 1 if dist == "triangular" else 0))
    return Uncertainty(np.asarray(tasks, dtype=np.int64), np.asarray(offset),
                       np.asarray(width), np.asarray(row, dtype=np.int64))


# -- results -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Driver:
    id: str
    correlation: float  # Spearman rank correlation of its duration with the finish
    criticality: float  # share of iterations in which it is critical


@dataclass(frozen=True, slots=True)
class Merge:
    """Measured merge bias: where paths join, the join comes later than any one of them."""

    days: int  # P50 of the join minus the latest P50 of the paths into it, working days
    paths: tuple[tuple[str, float], ...]  # (task on each path, share of runs it drove the join)


@dataclass(frozen=True, slots=True)
class Target:
    """A deadline, milestone, or the project end: how its finish is distributed."""

    id: str | None  # None: the whole project
    deadline: date | None
    deterministic: date
    probability: float | None  # of finishing by the deadline
    percentiles: tuple[tuple[int, date], ...]
    mean_shift: float  # P50 minus the deterministic finish, working days
    merge: Merge | None  # measured merge bias (None: not measured here, or none)
    sensitivity: tuple[Driver, ...]  # every task ranked, strongest correlation first
    curve: tuple[tuple[date, float], ...]  # (finish day, probability of finishing by it)

    @property
    def merge_bias(self) -> bool:
        return self.merge is not None

    @property
    def drivers(self) -> tuple[Driver, ...]:
        """The tasks this finish waits on whose durations move it most; the target itself
        only when nothing else it waits on is uncertain (see `only_itself`)."""
        ranked = [d for d in self.sensitivity if d.correlation > DRIVER_MIN]
        others = [d for d in ranked if d.id != self.id]
        return tuple((others or ranked)[:DRIVERS])

    @property
    def only_itself(self) -> bool:
        """True when the only uncertainty this finish has is its own duration."""
        return self.id is not None and [d.id for d in self.drivers] == [self.id]

    def percentile(self, p: int) -> date:
        return dict(self.percentiles)[p]


@dataclass(frozen=True)
class Risk:
    plan: Plan
    data_date: date | None
    iterations: int
    seed: int | None
    targets: tuple[Target, ...]
    criticality: dict[str, float]
    deterministic: Schedule
    illustrative: str | None = None  # the snapshot's: sample data, not facts
    band: tuple[Spread, Spread] = (RiskSettings().low, RiskSettings().high)  # the default
    distribution: str = "pert"  # for tasks without their own
    fixed: tuple[str, ...] = ()  # unfinished fixed windows, kept at their length
    # the simulated start and finish points of the tasks asked to be kept (`keep`), one
    # per run, in this plan's working-day points: what tasks of other plans wait on
    kept: Mapping[str, tuple[Ints, Ints]] = field(default_factory=dict)

    def target(self, task_id: str | None) -> Target:
        """The target ``task_id`` (None: the project finish); UnknownId when it is none."""
        found = next((t for t in self.targets if t.id == task_id), None)
        if found is None:
            raise unknown_id(task_id, [t.id for t in self.targets if t.id], "target")
        return found


# -- the simulation -------------------------------------------------------------------------


def _targets(plan: Plan) -> list[int]:
    """The watched tasks whose finish is uncertain: ongoing work (持续推进) spans a fixed
    window, so it is watched but has no distribution to simulate."""
    return [i for i in plan.watched if not plan.tasks[i].spans_window]


@without_gc
def simulate(plan: Plan, snapshot: Snapshot | None = None, iterations: int | None = None,
             seed: int | None = None, logic: str | None = None, chunk: int | None = None,
             progress: Callable[[int], None] | None = None, *, distribution: str | None = None,
             band: tuple[Spread, Spread] | None = None, calendar: Calendar | None = None,
             deterministic: Schedule | None = None,
             rested: Mapping[str, date | None] | None = None,
             external: Mapping[str, Ints] | None = None,
             keep: tuple[str, ...] = ()) -> Risk:
    """Run the simulation; ``progress`` is called with the iterations done after each chunk.

    ``deterministic`` is the forecast at the snapshot (or the plan's schedule), when the
    caller already has it; ``rested``: the tasks whose report is awaited, as the forecast
    takes them (`Tracking.rested`). ``external``: per task, the earliest start point of
    each run that a task of another plan holds it to (that plan's simulated dates, so its
    uncertainty reaches this one); ``keep``: the tasks whose simulated start and finish
    points to return (`Risk.kept`), for plans that wait on them.
    """
    iterations = iterations or plan.risk.iterations
    seed = seed if seed is not None else plan.risk.seed
    cal = calendar or plan_calendar(plan)
    x = forecast_inputs(plan, snapshot, cal, logic, rested)
    det = deterministic or (forecast(plan, snapshot, cal, logic, rested) if snapshot
                            else schedule(plan, cal))
    unc = uncertainty(plan, x, distribution, band)
    net = network_of(plan)
    n = net.size
    targets = _targets(plan)
    chunk = chunk or max(16, min(iterations, MEMORY_BUDGET // max(1, n * 4 * 12)))
    steps = Steps(seed)
    # Points relative to the earliest start; int16 halves the memory traffic of the passes
    # when the whole simulated horizon fits, which it does for any plan of a few years.
    origin = int(min(x.lb)) if x.lb else 0
    lb = np.asarray(x.lb, dtype=np.int64) - origin
    reach = int(det.points.finish) - origin + int(np.max(unc.offset + unc.width, initial=0))
    dtype: type[np.integer] = np.int16 if 3 * reach < big_for(np.int16) else np.int32
    base = np.asarray(x.dur, dtype=dtype)
    held = [(plan.index[t], np.asarray(v, dtype=np.int64) - origin)
            for t, v in (external or {}).items() if t in plan.index]
    if held:  # the horizon reaches the latest run another plan holds a task to
        reach = max(reach, *(int(v.max()) + int(base[i]) for i, v in held))
        dtype = np.int16 if 3 * reach < big_for(np.int16) else np.int32
        base = base.astype(dtype)
    keep_at = [plan.index[t] for t in keep]
    kept = np.empty((2, len(keep_at), iterations), dtype=np.int64)

    finishes = np.empty((len(targets) + 1, iterations), dtype=np.int32)
    samples = np.empty((unc.tasks.size, iterations), dtype=np.int16 if
                       int(np.max(unc.offset + unc.width, initial=0)) < 32_000 else np.int32)
    draw = _sampler(unc, samples.dtype)
    critical = np.zeros(n, dtype=np.int64)
    leaves = ~net.is_summary
    joins = _joins(plan, targets, det)
    inputs = [np.empty((len(j.sources), iterations), dtype=np.int32) for j in joins]
    joined = np.empty((len(joins), iterations), dtype=np.int32)
    # Where a chunk holds more than MIN_SLICE runs (plans of up to about 6,000 tasks), the
    # passes go through it a slice at a time, so their work arrays stay in cache (1,000
    # tasks x 10,000 runs: 0.12 s, not 0.16 s); the draws keep the chunk's shape, so a
    # seed gives the same samples however the runs are sliced.
    step = max(MIN_SLICE, COMPUTE_BYTES // max(1, 2 * n * np.dtype(dtype).itemsize))
    done = 0
    while done < iterations:
        c = min(chunk, iterations - done)
        if unc.tasks.size:
            draw(steps, samples[:, done:done + c])
        for a in range(done, done + c, step):
            b = min(a + step, done + c)
            dur = np.repeat(base[:, None], b - a, axis=1)
            if unc.tasks.size:
                dur[unc.tasks] = samples[:, a:b]
            # a fresh array of the slice's own width: numpy's row scatters into a narrower
            # view of one kept buffer were 10-20 % slower over the whole pass
            tight = np.empty((net.pred.size, b - a), dtype=bool)
            low: Ints = lb
            if held:
                low = np.repeat(lb[:, None], b - a, axis=1)
                for i, v in held:
                    np.maximum(low[i], v[a:b], out=low[i])
            r = run(net, dur, low, None, x.lags, late=False, tight=tight)
            if dtype is np.int16 and int(r.finish.max()) >= big_for(np.int16):
                raise OverflowError("simulated finish beyond the int16 horizon")  # pragma: no cover
            # widened first: the origin (working days since the calendar's start) need not
            # fit the passes' int16 (a data date in 2150 is day 33,522)
            finishes[:-1, a:b] = r.ef[targets].astype(np.int32) + origin
            finishes[-1, a:b] = r.finish.astype(np.int32) + origin
            if keep_at:
                kept[0, :, a:b] = r.es[keep_at].astype(np.int64) + origin
                kept[1, :, a:b] = r.ef[keep_at].astype(np.int64) + origin
            for k, j in enumerate(joins):
                inputs[k][:, a:b], joined[k, a:b] = j.sample(r, dur, x.lags)
            critical += critical_flags(net, r, tight).sum(axis=1)
        done += c
        if progress:
            progress(c)

    crit = critical / iterations
    criticality = {plan.tasks[i].id: float(crit[i]) for i in range(n) if leaves[i]}
    above = _upstream(plan, targets)
    bounds = deadline_points(plan, cal)
    cache: dict[int, Floats] = {}
    merges = {j.target: _merge(plan, j, inputs[k], joined[k]) for k, j in enumerate(joins)}
    results = [
        _target(plan, cal, det, x.lb[i], bounds[i], i, finishes[k], samples, unc, crit,
                above[:, k], cache, merges.get(i))
        for k, i in enumerate(targets)
    ]
    everything = np.ones(n, dtype=bool)
    # the project's deadline is the end of the period the plan plans, when it says one
    period = deadline_point(plan.finish, cal) if plan.finish else INF
    results.append(_target(plan, cal, det, 0, period, None, finishes[-1], samples, unc, crit,
                           everything, cache, merges.get(-1)))
    return Risk(plan, snapshot.date if snapshot else None, iterations, seed, tuple(results),
                criticality, det, snapshot.illustrative if snapshot else None,
                band or (plan.risk.low, plan.risk.high),
                distribution or plan.risk.distribution, fixed_windows(plan, x),
                {t: (kept[0, k], kept[1, k]) for k, t in enumerate(keep)})


_Sample = Callable[[NDArray[np.int32], slice, NDArray[np.integer]], None]


def _sampler(unc: Uncertainty, dtype: np.dtype[np.integer],
             ) -> Callable[[Steps, NDArray[np.integer]], None]:
    """A function that fills ``out`` (uncertain tasks × runs) with durations drawn by ``steps``.

    A task can only take TABLE values, rint(offset + width * q[step]), and tasks with the
    same estimate share them: each distinct estimate's values are computed once and looked
    up (in float32, as the direct formula would, so the samples are the same). Plans with
    too many distinct estimates for that compute the formula per draw.

    The steps are drawn a block of tasks at a time. numpy draws an array's values in order,
    so consecutive blocks of rows are the values one (tasks, runs) draw would give, without
    its memory.
    """
    offset, width = unc.offset.astype(np.float32), unc.width.astype(np.float32)
    keys = np.stack([offset.astype(np.float64), width.astype(np.float64),
                     unc.row.astype(np.float64)], axis=1)
    distinct, inverse = np.unique(keys, axis=0, return_inverse=True)
    sample: _Sample
    if distinct.shape[0] * TABLE * dtype.itemsize <= LOOKUP_BYTES:
        rows = np.stack([_table_row(int(r)) for r in distinct[:, 2]]) if distinct.size else \
            np.empty((0, TABLE), dtype=np.float32)
        values = np.rint(distinct[:, :1].astype(np.float32)
                         + distinct[:, 1:2].astype(np.float32) * rows).astype(dtype).ravel()
        start = (inverse.ravel() * TABLE).astype(np.int32)[:, None]

        def sample(steps: NDArray[np.int32], tasks: slice, out: NDArray[np.integer]) -> None:
            steps += start[tasks]
            # every index is in range, so 'clip' changes nothing but skips numpy's checks
            values.take(steps, out=out[tasks], mode="clip")
    else:
        shapes, row = np.unique(unc.row, return_inverse=True)
        table = np.stack([_table_row(int(r)) for r in shapes]).ravel()
        first = (row.ravel() * TABLE).astype(np.int32)[:, None]

        def sample(steps: NDArray[np.int32], tasks: slice, out: NDArray[np.integer]) -> None:
            steps += first[tasks]
            out[tasks] = np.rint(offset[tasks, None] + width[tasks, None] * table.take(steps))

    def draw(steps: Steps, out: NDArray[np.integer]) -> None:
        m, c = out.shape
        block = max(1, DRAW_BLOCK // max(1, c))
        for r in range(0, m, block):
            tasks = slice(r, min(r + block, m))
            sample(steps(tasks.stop - r, c), tasks, out)
    return draw


class Steps:
    """Uniform table steps for a seed: ``rng.integers(0, TABLE, size, dtype=np.int32)``, in
    half the time.

    For a power-of-two range numpy's bounded integers are the top bits of consecutive
    32-bit outputs of the bit generator (the low half of each 64-bit output first), so they
    are read off its raw outputs. `raw_steps_match` checks that on this numpy once; where it
    draws otherwise, `integers` is called as before.
    """

    def __init__(self, seed: int | None, raw: bool | None = None) -> None:
        self.rng = np.random.default_rng(seed)
        self.raw = raw_steps_match() if raw is None else raw
        self.carry: NDArray[np.uint32] | None = None  # a 64-bit output's unread high half

    def __call__(self, rows: int, columns: int) -> NDArray[np.int32]:
        if not self.raw:
            return self.rng.integers(0, TABLE, size=(rows, columns), dtype=np.int32)
        count = rows * columns
        fresh = count - (self.carry is not None)
        bits = self.rng.bit_generator.random_raw((fresh + 1) // 2).view(np.uint32)
        if self.carry is not None:
            bits = np.concatenate([self.carry, bits])
        self.carry = bits[count:].copy() if bits.size > count else None
        out = bits[:count]
        out >>= _STEP_SHIFT
        return out.view(np.int32).reshape(rows, columns)


_STEP_SHIFT = 32 - int(math.log2(TABLE))  # TABLE = 2**12: the top 12 of the 32 bits


@functools.cache
def raw_steps_match() -> bool:
    """True when this numpy's `integers` are what `Steps` reads off the raw outputs."""
    if TABLE & (TABLE - 1):
        return False
    fast, slow = Steps(2024, raw=True), np.random.default_rng(2024)
    return all(np.array_equal(fast(1, k), slow.integers(0, TABLE, size=(1, k), dtype=np.int32))
               for k in (3, 8, 1, 64, 5))


def _table_row(row: int) -> NDArray[np.float32]:
    """A row of the stacked tables: pert shapes first, then triangular ones."""
    if row > SHAPES:
        return quantile_row("triangular", row - SHAPES - 1)
    return quantile_row("pert", row)


def _upstream(plan: Plan, targets: list[int]) -> NDArray[np.bool_]:
    """Column j marks every task target j's finish can wait for (the target included).

    Propagated for all targets at once, level by level from the top: a task is upstream
    when one of its successors is, and a summary's children when the summary is.
    """
    net = network_of(plan)
    walk = walk_of(net)
    reach = np.zeros((net.size, len(targets)), dtype=bool)
    reach[targets, np.arange(len(targets))] = True
    for lv in reversed(walk.levels):
        for links, red in ((lv.finish_out, lv.finish_from), (lv.start_out, lv.start_from)):
            if red is not None:
                reach[red.targets] |= red.fold(np.logical_or, reach[net.succ[links]])
        if lv.nested.size:
            reach[lv.nested] |= reach[net.parent[lv.nested]]
    return reach


def _target(plan: Plan, cal: Calendar, det: Schedule, lb: int, bound: int,
            index: int | None, finish: NDArray[np.int32], samples: NDArray[np.integer],
            unc: Uncertainty, crit: Floats, upstream: NDArray[np.bool_],
            cache: dict[int, Floats], merge: Merge | None = None) -> Target:
    task = plan.tasks[index] if index is not None else None
    deterministic_point = det.points.finish if index is None else int(det.points.ef[index])
    deadline = task.deadline if task else plan.finish
    days = _finish_days(cal, lb if task and task.is_milestone else None)
    values, counts = np.unique(finish, return_counts=True)  # one sort serves everything
    share = np.cumsum(counts) / finish.size

    def percentile(p: int) -> int:
        """The smallest finish reached by at least p% of the runs (inverted CDF)."""
        return int(values[min(int(np.searchsorted(share, p / 100 - 1e-12)), values.size - 1)])

    p50 = percentile(50)
    probability = float(share[values <= bound][-1]) if deadline and (values <= bound).any() \
        else (0.0 if deadline else None)
    shift = p50 - deterministic_point
    return Target(
        task.id if task else None, deadline, days(deterministic_point), probability,
        tuple((p, days(percentile(p))) for p in PERCENTILES), float(shift), merge,
        _drivers(plan, finish, samples, unc, crit, upstream, cache),
        tuple((days(int(v)), float(c)) for v, c in zip(values, share, strict=True)),
    )


# -- merge bias, measured ----------------------------------------------------------------------

MERGE_SHARE = 0.10  # a path counts when it drives the join in at least this share of runs
MERGE_DAYS = 1  # and the join's P50 is this many working days later than any path's P50
MAX_ENDS = 50  # the project's join: its latest-finishing end tasks only


@dataclass(frozen=True)
class _Join:
    """Where paths meet: a target's start (its incoming links), or the project's finish
    (its end tasks, ``target`` -1)."""

    target: int
    sources: tuple[int, ...]  # link indices into a task target; task indices for the project
    names: tuple[str, ...]
    net: Network

    def sample(self, r: Passes, dur: NDArray[np.integer], lags: Ints,
               ) -> tuple[NDArray[np.integer], NDArray[np.integer]]:
        """Per run: what each path asks of the join, and the join itself."""
        if self.target < 0:
            return r.ef[np.asarray(self.sources)], r.finish
        links = np.asarray(self.sources)
        pred = self.net.pred[links]
        asked = np.where(self.net.from_start[links][:, None], r.es[pred], r.ef[pred]) + \
            np.maximum(lags[links], -(1 << 30))[:, None]
        to_finish = self.net.to_finish[links]
        if to_finish.any():  # a finish link asks for a start its duration earlier
            asked[to_finish] -= dur[self.target]
        return asked, r.es[self.target]


def _joins(plan: Plan, targets: list[int], det: Schedule) -> list[_Join]:
    net = network_of(plan)
    out = []
    for i in targets:
        links = np.flatnonzero(net.succ == i)
        if len({int(net.pred[e]) for e in links}) >= 2:
            names = tuple(plan.tasks[int(net.pred[e])].id for e in links)
            out.append(_Join(i, tuple(links.tolist()), names, net))
    has_successor = np.zeros(net.size, dtype=bool)
    has_successor[net.pred] = True
    ends = np.flatnonzero(~net.is_summary & ~net.ongoing & ~has_successor)
    if ends.size >= 2:
        latest = ends[np.argsort(-det.points.ef[ends], kind="stable")][:MAX_ENDS]
        out.append(_Join(-1, tuple(latest.tolist()),
                         tuple(plan.tasks[int(v)].id for v in latest), net))
    return out


def _merge(plan: Plan, join: _Join, inputs: NDArray[np.integer],
           joined: NDArray[np.integer]) -> Merge | None:
    """Merge bias when measured: the join's P50 is later than every path's P50 by at least
    MERGE_DAYS, and at least two paths each drive the join in MERGE_SHARE of the runs."""
    drive = (inputs == joined[None, :]).mean(axis=1)
    paths = [(name, float(share)) for name, share in zip(join.names, drive.tolist(),
                                                         strict=True) if share >= MERGE_SHARE]
    if len({name for name, _ in paths}) < 2:
        return None
    gap = int(np.median(joined)) - int(np.max(np.median(inputs, axis=1)))
    if gap < MERGE_DAYS:
        return None
    return Merge(gap, tuple(sorted(paths, key=lambda p: -p[1])))


def _finish_days(cal: Calendar, earliest: int | None) -> Callable[[int], date]:
    """A finish point as a date, by the rule the deterministic schedule shows it with.

    That is the working day that ends at the point; for a milestone, not before the
    earliest day it may happen (see `schedule._dated`).
    """
    def day(point: int) -> date:
        return cal.date_of(max(point - 1, earliest if earliest is not None else 0))
    return day


def ranks(a: NDArray[np.number]) -> Floats:
    """Ranks with ties averaged (the Spearman convention).

    Durations and finish points are small integers, so ranks come from counting, in linear
    time; anything else falls back to sorting.
    """
    flat = np.asarray(a)
    if flat.size and np.issubdtype(flat.dtype, np.integer):
        low = int(flat.min())
        span = int(flat.max()) - low + 1
        if span <= 4 * flat.size + 1024:
            counts = np.bincount(flat - low, minlength=span)
            before = np.cumsum(counts) - counts
            return np.asarray((before + (counts - 1) / 2)[flat - low], dtype=np.float64)
    order = np.argsort(flat, kind="stable")
    out = np.empty(flat.shape, dtype=np.float64)
    out[order] = np.arange(flat.size, dtype=np.float64)
    _, inverse, counts = np.unique(flat, return_inverse=True, return_counts=True)
    return np.asarray((np.bincount(inverse, weights=out) / counts)[inverse])


def _standardised(a: NDArray[np.number]) -> Floats:
    """Ranks centred and scaled to unit length, so a dot product is Spearman's rho."""
    r = ranks(a)
    r -= r.mean()
    norm = math.sqrt(float(r @ r))
    return r / norm if norm else r


def _drivers(plan: Plan, finish: NDArray[np.int32], samples: NDArray[np.integer],
             unc: Uncertainty, crit: Floats, upstream: NDArray[np.bool_],
             cache: dict[int, Floats], candidates: int = 60) -> tuple[Driver, ...]:
    """Sensitivity of this finish to task durations (rank correlation), strongest first.

    Only uncertain tasks it waits for can move a finish; of those, the most critical and
    then the widest estimates are ranked (at most ``candidates``), which keeps this cheap
    on large plans.
    """
    if not unc.tasks.size:
        return ()
    eligible = np.flatnonzero(upstream[unc.tasks])
    score = np.lexsort((-unc.width[eligible], -crit[unc.tasks][eligible]))
    pick = eligible[score][:candidates]
    if not pick.size:
        return ()
    rho = _sample_ranks(samples, pick, cache) @ _standardised(finish).astype(np.float32)
    out = [Driver(plan.tasks[int(unc.tasks[j])].id, float(r), float(crit[unc.tasks[j]]))
           for j, r in zip(pick.tolist(), rho.tolist(), strict=True)]
    out.sort(key=lambda d: (-d.correlation, d.id))
    return tuple(out)


def _sample_ranks(samples: NDArray[np.integer], rows: NDArray[np.int64],
                  cache: dict[int, Floats]) -> Floats:
    """Standardised ranks of some tasks' sampled durations, each computed once per run."""
    for j in rows.tolist():
        if j not in cache:
            cache[j] = _standardised(samples[j]).astype(np.float32)
    return np.stack([cache[j] for j in rows.tolist()])
