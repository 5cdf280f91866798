"""Which values a conclusion rests on are assumptions (`assumed:` in plan.yaml).

A plan built from a document fills in what the document does not say; `Task.assumed`
names those keys. The outputs mark an assumed value where they show it, and the narrative
says so when a conclusion — a deadline missed, the plan's overrun — rests on one. This is
the one place that decides which keys a shown value or a conclusion rests on: renderers
ask, they do not work it out.
"""

from __future__ import annotations

from datetime import date

from planner.domain.model import ASSUMABLE, Plan, Task


def rests_on_assumption(plan: Plan, task_id: str, field: str,
                        deadline: date | None = None) -> bool:
    """Whether the value of ``field`` shown for the task rests on an assumed key.

    ``field``: `owner`, `finish` (the planned finish: its own `finish`, else its `duration`,
    and its `start` or `after` that place it), `deadline` (the binding one, ``deadline``,
    which may be a summary's: that summary's mark counts), or any other key of ASSUMABLE.
    """
    return bool(assumed_keys(plan, task_id, field, deadline))


def assumed_keys(plan: Plan, task_id: str, field: str,
                 deadline: date | None = None) -> tuple[str, ...]:
    """The assumed keys the shown value of ``field`` rests on (see `rests_on_assumption`),
    in the order of `Task.assumed`'s keys in ASSUMABLE; () when none."""
    task = plan.task(task_id)
    if field == "deadline":
        source = deadline_source(plan, task, deadline)
        return ("deadline",) if source is not None and source.is_assumed("deadline") else ()
    if field == "finish":
        return tuple(k for k in _finish_keys(task) if task.is_assumed(k))
    return (field,) if task.is_assumed(field) else ()


def deadline_source(plan: Plan, task: Task, deadline: date | None = None) -> Task | None:
    """The task whose `deadline:` is the one given (by default the task's own, else the
    nearest summary's): the deadline a review shows may be inherited."""
    up: Task | None = task
    while up is not None:
        if up.deadline is not None and (deadline is None or up.deadline == deadline):
            return up
        up = plan.task(up.parent) if up.parent is not None else None
    return None


def _finish_keys(task: Task) -> tuple[str, ...]:
    """The keys a task's planned finish is made of."""
    if task.finish is not None:  # a written finish (its window's end, for spanning work)
        return ("finish",)
    return ("start", "duration", "after")  # where it starts, and how long it takes


def assumed_list(task: Task) -> list[str]:
    """The task's assumed keys in a stable order (the order of ASSUMABLE), for JSON and CSV."""
    return [k for k in ASSUMABLE if k in task.assumed]


def has_assumptions(plan: Plan) -> bool:
    """Whether any task marks a value as assumed (else nothing is to be marked)."""
    return any(t.assumed for t in plan.tasks)
