"""The readers' fast constructor creates the same objects as the frozen dataclasses do."""

from __future__ import annotations

import dataclasses
import pickle
from datetime import date

import pytest

from planner.domain.diagnostics import Location
from planner.domain.model import Link, LinkType, Task
from planner.support.gcpause import fast_constructor


def test_same_objects_as_the_dataclass() -> None:
    new_location, new_link, new_task = (fast_constructor(c) for c in (Location, Link, Task))
    where = new_location("plan.yaml", 3, 5)
    assert type(where) is Location and where == Location("plan.yaml", 3, 5)
    assert hash(where) == hash(Location("plan.yaml", 3, 5)) and str(where) == "plan.yaml:3:5"
    assert new_location("x") == Location("x")  # the defaults
    link = new_link("a", LinkType.SS, 2, where)
    assert link == Link("a", LinkType.SS, 2, where) and repr(link) == repr(
        Link("a", LinkType.SS, 2, where))
    task = new_task(id="b", name="B", location=where, duration=3, after=(link,),
                    start=date(2024, 1, 2))
    same = Task(id="b", name="B", location=where, duration=3, after=(link,),
                start=date(2024, 1, 2))
    assert type(task) is Task and task == same and hash(task) == hash(same)
    assert task.keys == {} and task.keys is not new_task(id="c", name="C").keys
    assert pickle.loads(pickle.dumps(task)) == same
    with pytest.raises(dataclasses.FrozenInstanceError):
        task.name = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        new_task(id="b", name="B", colour="red")


def test_only_frozen_slots_dataclasses() -> None:
    @dataclasses.dataclass(slots=True)
    class Open:
        a: int

    @dataclasses.dataclass(frozen=True)
    class NoSlots:
        a: int

    for cls in (Open, NoSlots):
        with pytest.raises(TypeError):
            fast_constructor(cls)
