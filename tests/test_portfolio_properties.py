"""Scheduling plans together equals scheduling their joined network: random pairs of plans
whose tasks wait on each other's (without a loop) are scheduled by the portfolio and, as an
independent computation, as one plan with every id prefixed by its plan's and every link
across plans made a link inside it. Early dates must agree task by task."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.model import Link, LinkType, Plan, Task
from planner.engine.schedule import schedule
from planner.portfolio import Portfolio

START = date(2023, 7, 3)


def plans_from(seed: int, sizes: tuple[int, int]) -> tuple[list[list[dict[str, object]]], Plan]:
    """Two plans' tasks (dicts for plan.yaml) and the joined plan built from them."""
    rng = random.Random(seed)
    names = [[f"t{i}" for i in range(n)] for n in sizes]
    order = [(p, t) for p in (0, 1) for t in names[p]]
    rng.shuffle(order)  # one topological order over both plans: no loop is possible
    rank = {x: k for k, x in enumerate(order)}
    tasks: list[list[dict[str, object]]] = [[], []]
    for p in (0, 1):
        for t in names[p]:
            earlier = [x for x in order if rank[x] < rank[(p, t)]]
            preds = rng.sample(earlier, k=min(len(earlier), rng.randint(0, 2)))
            after = []
            for q, u in preds:
                kind = rng.choice(["", " SS"])
                lag = rng.choice(["", "+2", "+5"]) if kind else ""
                text = f"{u}{kind}{lag}" if q == p else f"p{q}:{u}{kind}{lag}"
                after.append(text)
            entry: dict[str, object] = {"id": t, "name": t, "duration": rng.randint(1, 15)}
            if after:
                entry["after"] = after
            if rng.random() < 0.2:
                entry["start"] = START + timedelta(days=rng.randint(0, 60))
            tasks[p].append(entry)
    joined = []
    for p in (0, 1):
        for e in tasks[p]:
            links = []
            for text in e.get("after", []):  # type: ignore[union-attr]
                head, _, rest = str(text).partition(" ")
                plan, _, task = head.rpartition(":")
                pid = int(plan[1:]) if plan else p
                kind = LinkType.SS if rest.startswith("SS") else LinkType.FS
                lag = int(rest[2:]) if rest[2:] else 0
                links.append(Link(f"p{pid}.{task}", kind, lag))
            joined.append(Task(id=f"p{p}.{e['id']}", name=str(e["name"]),
                               duration=int(e["duration"]),  # type: ignore[call-overload]
                               start=e.get("start"),  # type: ignore[arg-type]
                               after=tuple(links)))
    return tasks, Plan("joined", "joined", START, tuple(joined), calendar="cn")


def write(folder: Path, tasks: list[list[dict[str, object]]]) -> None:
    import yaml

    for p in (0, 1):
        plan = {"plan": {"id": f"p{p}", "name": f"p{p}", "start": START, "calendar": "cn"},
                "tasks": tasks[p]}
        (folder / f"p{p}").mkdir(parents=True)
        (folder / f"p{p}" / "plan.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True),
                                                    "utf-8")


def check(seed: int, sizes: tuple[int, int], folder: Path) -> None:
    tasks, joined = plans_from(seed, sizes)
    write(folder, tasks)
    r = Portfolio.open(folder).review()
    want = schedule(joined)
    for p in (0, 1):
        for t in r.plan(f"p{p}").tasks:
            d = want.task(f"p{p}.{t.id}")
            assert (t.start, t.finish) == (d.start, d.finish), (seed, p, t.id)


@pytest.mark.parametrize("seed", range(6))
def test_seeded_pairs_of_plans_agree_with_their_joined_network(seed: int,
                                                               tmp_path: Path) -> None:
    check(seed, (8, 8), tmp_path)


@pytest.mark.property
@settings(max_examples=200, deadline=None)
@given(seed=st.integers(0, 10**6), a=st.integers(1, 12), b=st.integers(1, 12))
def test_pairs_of_plans_agree_with_their_joined_network(seed: int, a: int, b: int,
                                                        tmp_path_factory: pytest.TempPathFactory
                                                        ) -> None:
    check(seed, (a, b), tmp_path_factory.mktemp("pair"))


def test_the_generator_makes_links_both_ways(tmp_path: Path) -> None:
    """The pairs do wait on each other (the fixed point is exercised), without a loop."""
    _, joined = plans_from(3, (10, 10))
    g = nx.DiGraph((x.task.split(".")[0], t.id.split(".")[0]) for t in joined.tasks
                   for x in t.after if x.task.split(".")[0] != t.id.split(".")[0])
    assert set(g.edges) == {("p0", "p1"), ("p1", "p0")}
