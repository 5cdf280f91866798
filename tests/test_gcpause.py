"""The collector's pause: objects built during it go to the oldest generation unexamined."""

from __future__ import annotations

import gc

from planner.support.gcpause import gc_paused


class _Node:
    pass


def test_built_objects_skip_the_young_generations() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        built = [_Node() for _ in range(1000)]
    assert gc.isenabled() and gc.get_freeze_count() == 0
    young = {id(o) for o in gc.get_objects(generation=0)} | {
        id(o) for o in gc.get_objects(generation=1)}
    assert not any(id(o) in young for o in built)
    cycle = _Node()
    cycle.self = cycle  # type: ignore[attr-defined]
    del cycle
    assert gc.collect() >= 1  # garbage is still collected


def test_a_program_s_frozen_objects_stay_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with gc_paused():
            _ = [_Node() for _ in range(10)]
        assert gc.get_freeze_count() == frozen and gc.isenabled()
    finally:
        gc.unfreeze()


def test_a_nested_pause_leaves_the_collector_off() -> None:
    with gc_paused():
        with gc_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
