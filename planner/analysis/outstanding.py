"""Reports asked for and not yet back: which units are outstanding at a data date.

A form asks its unit about each of its tasks unfinished when it was made. The form is what
comes back: `collect` records it back in the record of forms sent (``returned``) and an
entry for its rows (changed, or confirmed where the unit left a task as it was). A unit is
outstanding while its form is not recorded back and no task of its form has an entry at
that data date (forms collected before receipt was recorded, and reports entered with
`update`, are told by their entries); then each of its asked tasks still unfinished is
`awaiting-report` (未报送). A unit that answered is not: its rows without an entry were left
as they were — a form returned saying nothing moved is an answer too.

Reviewing an awaiting task as if its unit had reported "no progress" would make every
unit not yet back look like slippage (the overrun of a plan grew from 15 to 32 working
days with 7 of 14 forms back). An awaiting task is therefore forecast as the review before
(the previous snapshot) forecast it: its remaining work counted from that data date, its
planned percent and flags judged at that date. What the unit then reports replaces it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from planner.domain.model import Plan
from planner.domain.progress import Snapshot
from planner.domain.sent import Sent


@dataclass(frozen=True, slots=True)
class Outstanding:
    """A unit whose form for the data date is not back, and its tasks still awaited."""

    owner: str | None
    tasks: tuple[str, ...]


def asked(plan: Plan, current: Snapshot | None) -> dict[str | None, tuple[str, ...]]:
    """What forms made now ask, by owner (plan order): each owner's leaf tasks that the
    latest report ``current`` does not say are finished — the rows a unit fills in (a form
    also shows, greyed and read-only, the tasks finished since the snapshot before; they ask
    for nothing)."""
    out: dict[str | None, list[str]] = {}
    for task in plan.tasks:
        if task.is_summary:
            continue
        p = current.of(task.id) if current is not None else None
        if p is None or p.finished is None:
            out.setdefault(task.owner, []).append(task.id)
    return {owner: tuple(tasks) for owner, tasks in out.items()}


def outstanding(plan: Plan, sent: Sent | None, snapshot: Snapshot | None,
                ) -> tuple[Outstanding, ...]:
    """The units of ``sent`` whose form is not recorded back and that have no entry at its
    data date in ``snapshot`` (the latest cumulative snapshot on or before it), in the
    order the forms were made; each with its asked tasks that are still in the plan and not
    reported finished."""
    if sent is None or (snapshot is not None and snapshot.date > sent.date):
        return ()
    day = sent.date
    out: list[Outstanding] = []
    for form in sent.forms:
        if form.returned is not None:
            continue  # the form is back, whatever it said
        tasks = [t for t in form.tasks if t in plan.index and not plan.task(t).is_summary]
        reports = [snapshot.of(t) if snapshot is not None else None for t in tasks]
        if any(p is not None and p.reported == day for p in reports):
            continue  # the form is back
        still = tuple(t for t, p in zip(tasks, reports, strict=True)
                      if p is None or p.finished is None)
        if still:
            out.append(Outstanding(form.owner, still))
    return tuple(out)


def rested(units: tuple[Outstanding, ...], since: date | None) -> Mapping[str, date | None]:
    """Each awaiting task -> the data date its forecast rests on (``since``: the snapshot
    before; None when there is none, and the task keeps the plan's own dates)."""
    return {t: since for unit in units for t in unit.tasks}
