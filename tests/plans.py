"""Synthetic plans of any size for the tests that run at scale (the `perf` kind).

The benchmarks in bench/ build their plans here too (no test imports from bench/): ``size``
tasks where every hundredth task is a summary over the next 99, and every leaf task has 2-4
predecessors among the ``window`` tasks before it (links point forwards: no cycle).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date

from planner.domain.model import Link, LinkType, Plan, Task

GROUP = 100  # every GROUP tasks: one summary task followed by its GROUP - 1 children
PLAN_START = date(2024, 1, 1)  # a Monday
LINK_TYPES = ((0.70, LinkType.FS), (0.80, LinkType.SS), (0.90, LinkType.FF), (1.0, LinkType.SF))
LAGS = (-2, 5)  # working days, both inclusive
DURATIONS = (0, 20)  # working days, both inclusive; 0 = milestone
LINKS_PER_TASK = (2, 4)  # both inclusive: about 3 on average


def synthetic_tasks(size: int, window: int, seed: int) -> Iterator[Task]:
    """The tasks of the plan, in plan order (each summary before its children)."""
    rng = random.Random(seed * 1_000_003 + size)
    for i in range(size):
        if i % GROUP == 0 and i + 1 < size:
            kids = tuple(f"t{c}" for c in range(i + 1, min(i + GROUP, size)))
            yield Task(id=f"t{i}", name=f"Group {i // GROUP}", children=kids)
            continue
        top = i - i % GROUP
        parent = top if top != i else None
        lo = max(0, i - window)
        want = rng.randint(*LINKS_PER_TASK)
        picks = rng.sample(range(lo, i), min(want + 1, i - lo))
        links: list[Link] = []
        for p in picks:
            if p == parent or len(links) == want:
                continue
            r = rng.random()
            kind = next(k for limit, k in LINK_TYPES if r < limit)
            links.append(Link(f"t{p}", kind, rng.randint(*LAGS)))
        duration = rng.randint(*DURATIONS)
        yield Task(
            id=f"t{i}", name=f"Task {i}", duration=duration or None, milestone=not duration,
            after=tuple(links), parent=None if parent is None else f"t{parent}",
            depth=0 if parent is None else 1,
        )


def synthetic_plan(size: int, window: int = 300, seed: int = 1) -> Plan:
    """The plan as model objects, as `load_plan` would return it (minus locations)."""
    return Plan(id=f"bench-{size}", name=f"Synthetic benchmark plan, {size} tasks",
                start=PLAN_START, calendar="weekdays",
                tasks=tuple(synthetic_tasks(size, window, seed)))
