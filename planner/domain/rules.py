"""The plan rules, once: what makes a plan valid, checked on model objects, with stable codes.

Every reader (plan.yaml, a task table, MS Project XML) maps its source to `Task` and `Plan`
fields and hands these rules a *location function*; the rules decide what is wrong and say
it with the same code, message and hint whatever the source. Only the place differs:
`plan.yaml:12:5`, `计划.xlsx 任务!A7` or `<Task> UID 12`.

A location function takes a task id (None for the plan header) and a field name and
returns where that field was written. A field is named as in plan.yaml (`finish`,
`after`, `deadline`); a trailing colon (`finish:`) asks for the key rather than its value,
which only differs in a YAML file, and `quantity.total` names a nested value. Readers
without such detail return the task's (or the row's, or the element's) location.

Rules about the syntax of one source (unknown keys, wrong node types, unreadable cells)
stay with its reader; the dependency-cycle rule needs the dependency network and lives
with the loader (`planner.planfiles.plan.check_plan`), which runs these rules and then it.

Every check is linear in the size of the plan: one pass over the tasks, dictionary look-ups,
and ancestor chains shared by the children of one summary.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date

from planner.domain.diagnostics import Diagnostic, Location, Severity, Suggestions, closest
from planner.domain.model import ASSUMABLE, TARGET_EXCLUDES, Link, LinkType, Plan, Task
from planner.domain.values import MAX_AMOUNT, MAX_DAYS, PLAN_ID, TASK_ID

Locate = Callable[[str | None, str], Location]
"""Where a field was written: (task id, or None for the plan header; field name)."""
FieldLocate = Callable[[str], Location]
"""Where a field of one task was written."""

# The codes, one per kind of finding (docs/plan-format.md, "Errors", lists them).
DUPLICATE_ID = "duplicate-id"
UNKNOWN_TASK = "unknown-task"
CYCLE = "cycle"
SUMMARY = "summary"
MISSING_KEY = "missing-key"
FINISH_WITHOUT_START = "finish-without-start"
DURATION_AND_FINISH = "duration-and-finish"
VALUE = "value"
CALENDAR = "calendar"
CODES = (DUPLICATE_ID, UNKNOWN_TASK, CYCLE, SUMMARY, MISSING_KEY, FINISH_WITHOUT_START,
         DURATION_AND_FINISH, VALUE, CALENDAR)

# Fields only a leaf task may have: a summary's dates and progress roll up from its children.
LEAF_ONLY = ("duration", "finish", "milestone", "estimate", "distribution", "quantity")
# Flags a summary may not set to true (`ongoing: false` on a summary says nothing wrong).
LEAF_FLAGS = ("ongoing", "target")


def given_fields(task: Task) -> dict[str, bool]:
    """The fields a task built in code has, as a reader would say it wrote them."""
    out: dict[str, bool] = {"id": True, "name": True}
    for key in ("owner", "start", "finish", "duration", "estimate", "distribution",
                "deadline", "budget", "quantity"):
        if getattr(task, key) is not None:
            out[key] = True
    for key in ("milestone", "ongoing", "target", "tags", "after", "assumed"):
        if getattr(task, key):
            out[key] = True
    if task.children:
        out["tasks"] = True
    return out


def _has(given: Container[str], key: str) -> bool:
    """Whether the source wrote a value for ``key`` (a key written empty gives none)."""
    return bool(given.get(key)) if isinstance(given, Mapping) else key in given


# -- one task ---------------------------------------------------------------------------------


def field_rules(task: Task, given: Container[str], locate: FieldLocate,
                plan_finish: date | None) -> list[Diagnostic]:
    """The rules on one task's own fields: dates in order, one way to give a length,
    milestones, ongoing work, estimates, quantities, budgets and durations in range.

    ``given`` holds the fields the source wrote, even those whose value could not be read
    (a reader reports those itself); ``plan_finish`` is the plan's period end.
    """
    name, duration = task.name, task.duration
    # the common task (a name, a duration in range, nothing else to check) in a few tests
    if (duration is None or 0 <= duration <= MAX_DAYS) and name and not name[0].isspace() \
            and not task.milestone and not task.ongoing and task.finish is None \
            and task.estimate is None and task.quantity is None and task.budget is None \
            and "finish" not in given and not task.target and not task.assumed:
        return []
    return list(_field_rules(task, given, locate, plan_finish))


def _field_rules(task: Task, given: Container[str], locate: FieldLocate,
                 plan_finish: date | None) -> Iterator[Diagnostic]:
    tid = task.id or None
    start, finish = task.start, task.finish

    def said(code: str, key: str, at: str, **values: object) -> Diagnostic:
        """The finding ``key`` about this task: a task without an id (reported as missing)
        is "a task", and its message a key of its own."""
        key = f"rule.{key}" if tid else f"rule.{key}.anon"
        return Diagnostic.said(code, key, locate(at), severity=Severity.ERROR, task=tid,
                               id=task.id, **values)

    if not task.name.strip() and _has(given, "name"):
        yield said(VALUE, "empty_name", "name")
    written_finish = _has(given, "finish")  # a finish written, read or not
    if written_finish and "start" not in given and not task.ongoing and not task.target:
        yield said(FINISH_WITHOUT_START, "finish_without_start", "finish:")
    if "finish" in given and "duration" in given:
        yield said(DURATION_AND_FINISH, "duration_and_finish", "finish:")
    if start is not None and finish is not None and finish < start:
        yield said(VALUE, "finish_before_start", "finish", start=start, finish=finish)
    if task.milestone and task.duration not in (None, 0):
        yield said(VALUE, "milestone_duration", "duration", duration=task.duration)
    if task.ongoing and not task.children:  # ongoing on a summary: the summary rule says it
        for key in ("duration", "milestone", "estimate"):
            if key in given:
                yield said(VALUE, "ongoing_length", f"{key}:", field=key)
        if not written_finish and plan_finish is None:
            yield said(MISSING_KEY, "ongoing_no_finish", "ongoing:")
    if task.target and not task.children:  # a target on a summary: the summary rule says it
        for key in TARGET_EXCLUDES:
            flag = key in ("milestone", "ongoing")  # `milestone: false` says nothing wrong
            if getattr(task, key) if flag else _has(given, key):
                yield said(VALUE, "target_field", f"{key}:", field=key)
        if "quantity" not in given:
            yield said(MISSING_KEY, "target_no_quantity", "target:")
        if not written_finish and plan_finish is None:
            yield said(MISSING_KEY, "target_no_finish", "target:")
    for key in sorted(task.assumed):
        if key not in ASSUMABLE:
            close = closest(key, ASSUMABLE)
            yield said(VALUE, "assumed_unknown.close" if close else "assumed_unknown",
                       "assumed", field=key, close=close, keys="、".join(ASSUMABLE))
        elif not _has(given, key):
            yield said(VALUE, "assumed_not_given", "assumed", field=key)
    if task.milestone and written_finish:
        yield said(VALUE, "milestone_finish", "finish:")
    if task.estimate is not None:
        low, likely, high = task.estimate
        if not low <= likely <= high:
            yield said(VALUE, "estimate_order", "estimate", low=f"{low:g}",
                       likely=f"{likely:g}", high=f"{high:g}")
        elif low < 0 or high > MAX_DAYS:
            yield said(VALUE, "estimate_range", "estimate", most=MAX_DAYS)
    if task.quantity is not None and not task.quantity.total > 0:
        yield said(VALUE, "quantity_total", "quantity.total")
    if task.budget is not None and not 0 <= task.budget <= MAX_AMOUNT:
        yield said(VALUE, "budget_range", "budget", most=f"{MAX_AMOUNT:g}",
                   value=f"{task.budget:g}")
    if task.duration is not None and not 0 <= task.duration <= MAX_DAYS:
        yield said(VALUE, "duration_range", "duration", most=MAX_DAYS, value=task.duration)


def shape_rules(task: Task, given: Container[str], locate: FieldLocate,
                ) -> list[Diagnostic]:
    """A leaf needs a length; a summary takes none of the leaf-only fields."""
    if not task.children and (task.duration is not None or task.milestone or task.ongoing
                              or task.target):
        return []
    return list(_shape_rules(task, given, locate))


def _shape_rules(task: Task, given: Container[str], locate: FieldLocate,
                 ) -> Iterator[Diagnostic]:
    if task.children:
        for key in LEAF_ONLY:
            if key in given:
                yield Diagnostic.said(SUMMARY, "rule.summary_field", locate(f"{key}:"),
                                      task=task.id, id=task.id, field=key)
        for flag in LEAF_FLAGS:  # (`ongoing: false` on a summary says nothing wrong)
            if getattr(task, flag):
                yield Diagnostic.said(SUMMARY, "rule.summary_field", locate(f"{flag}:"),
                                      task=task.id, id=task.id, field=flag)
        return
    # a 'tasks:' key that gave no children was reported by the reader (empty, too deep, or
    # every subtask wrong): no second error for the duration it was not meant to have; a
    # length written but unreadable was reported as such
    if "tasks" in given or "duration" in given or task.finish is not None \
            or task.duration is not None or task.milestone or task.ongoing or task.target:
        return
    if _has(given, "finish"):
        return
    yield Diagnostic.said(MISSING_KEY, "rule.no_length", locate(""), task=task.id, id=task.id)


def task_rules(task: Task, given: Container[str], locate: FieldLocate,
               plan_finish: date | None) -> list[Diagnostic]:
    """Every rule on one task alone."""
    return field_rules(task, given, locate, plan_finish) + shape_rules(task, given, locate)


# -- tasks together ---------------------------------------------------------------------------


def duplicate_id(task_id: str, where: Location, first: Location) -> Diagnostic:
    """The finding for a task id used a second time (``first``: where it was first used)."""
    if first.line > 0:
        return Diagnostic.said(DUPLICATE_ID, "rule.duplicate_id.line", where, task=task_id,
                               id=task_id, line=first.line)
    return Diagnostic.said(DUPLICATE_ID, "rule.duplicate_id.at", where, task=task_id,
                           id=task_id, at=str(first) or "?")


def duplicate_ids(tasks: Iterable[Task], locate: Locate) -> list[Diagnostic]:
    """Each id used again after its first task."""
    first: dict[str, Task] = {}
    out = []
    for t in tasks:
        if t.id in first:
            out.append(duplicate_id(t.id, _place(t, locate, "id"),
                                    _place(first[t.id], locate, "id")))
        else:
            first[t.id] = t
    return out


def _place(task: Task, locate: Locate, key: str) -> Location:
    """Where a task's field was written; a task built in code may hold its own place."""
    if task.location.file:
        return task.where(key) if key in task.keys else task.location
    return locate(task.id, key)


def link_rules(tasks: Sequence[Task], locate: Locate,
               suggest: Callable[[str, Iterable[str]], str] | None = None) -> list[Diagnostic]:
    """Each dependency names a task of the plan, not the task itself, none of its summary
    tasks and (for a summary) none of its subtasks. ``suggest`` gives the known id closest
    to an unknown one, or '' (the hint names it in the user's language)."""
    return [d for _, _, d in link_findings(tasks, locate, suggest)]


def link_findings(tasks: Sequence[Task], locate: Locate,
                  suggest: Callable[[str, Iterable[str]], str] | None = None,
                  ) -> list[tuple[Task, Link, Diagnostic]]:
    """The dependencies `link_rules` finds wrong, each with its task and link, for a reader
    that repairs (drops the link, with a warning) instead of refusing.

    Linear: a task's summaries are one chain, shared by all the children of a summary.
    """
    ids = {t.id: t for t in tasks}
    closest = suggest if suggest is not None else Suggestions().closest
    chains: dict[str, frozenset[str]] = {}

    def chain(parent: str | None) -> frozenset[str]:
        """The ids of ``parent`` and every task above it."""
        if parent is None or parent not in ids:
            return frozenset()
        found = chains.get(parent)
        if found is None:
            walk: list[str] = []
            up: str | None = parent
            while up is not None and up in ids and up not in chains and up not in walk:
                walk.append(up)
                up = ids[up].parent
            above = chains.get(up, frozenset()) if up is not None else frozenset()
            for pid in reversed(walk):
                above = chains[pid] = above | {pid}
            found = chains[parent]
        return found

    out = []
    for task in tasks:
        if not task.after:
            continue
        ancestors = chain(task.parent)
        for link in task.after:
            if link.external:  # another plan's task: `wait_rules` and the portfolio check it
                continue
            pred = ids.get(link.task)
            if pred is None:
                close = closest(link.task, ids)
                out.append((task, link, Diagnostic.said(
                    UNKNOWN_TASK, "rule.unknown_task.close" if close else "rule.unknown_task",
                    _link_place(task, link, locate), task=task.id, id=task.id,
                    other=link.task, close=close)))
            elif link.task == task.id:
                out.append((task, link, Diagnostic.said(
                    CYCLE, "rule.follows_itself", _link_place(task, link, locate),
                    task=task.id, id=task.id)))
            elif link.task in ancestors:
                out.append((task, link, Diagnostic.said(
                    CYCLE, "rule.follows_summary", _link_place(task, link, locate),
                    task=task.id, id=task.id, other=link.task)))
            elif pred.target and not pred.children:
                out.append((task, link, Diagnostic.said(
                    VALUE, "rule.follows_target", _link_place(task, link, locate),
                    task=task.id, id=task.id, other=link.task)))
            elif task.children and pred.parent is not None and task.id in chain(pred.parent):
                # (only a summary has subtasks: a leaf skips the walk)
                out.append((task, link, Diagnostic.said(
                    CYCLE, "rule.follows_subtask", _link_place(task, link, locate),
                    task=task.id, id=task.id, other=link.task)))
    return out


# what may cross from one plan to another: a task waits for another plan's task to finish
# or to start; FF and SF links would tie one plan's finish to another's remaining work
CROSS_PLAN_TYPES = (LinkType.FS, LinkType.SS)


def wait_rules(tasks: Sequence[Task], plan_id: str | None, locate: Locate,
               ) -> list[Diagnostic]:
    """Each link to another plan (`plan-id:task-id`) names a plan id and a task id of the
    right shape, not this plan's own id, and is finish-to-start or start-to-start. Whether
    that plan and task exist only a portfolio knows (`planner portfolio validate`)."""
    out = []
    for task in tasks:
        for link in task.after:
            if not link.external:
                continue
            other, tid = link.other
            where = _link_place(task, link, locate)
            if not PLAN_ID.fullmatch(other) or not TASK_ID.fullmatch(tid):
                out.append(Diagnostic.said(VALUE, "rule.wait_shape", where, task=task.id,
                                           id=task.id, text=link.task))
            elif other == plan_id:
                out.append(Diagnostic.said(VALUE, "rule.wait_own_plan", where, task=task.id,
                                           id=task.id, text=link.task, other=tid))
            elif link.type not in CROSS_PLAN_TYPES:
                out.append(Diagnostic.said(VALUE, "rule.wait_type", where, task=task.id,
                                           id=task.id, text=link.task, type=link.type.value))
    return out


def _link_place(task: Task, link: Link, locate: Locate) -> Location:
    """Where a dependency was written: its own place, else its task's `after`."""
    return link.location if link.location.file else locate(task.id, "after")


# -- the plan as a whole ----------------------------------------------------------------------


def header_rules(start: date | None, finish: date | None, holidays: Iterable[date],
                 workdays: Iterable[date], locate: Locate) -> list[Diagnostic]:
    """The plan's own period and calendar lists."""
    out = []
    if start is not None and finish is not None and finish < start:
        out.append(Diagnostic.said(VALUE, "rule.plan_finish_before_start",
                                   locate(None, "finish"), start=start, finish=finish))
    for both in sorted(set(holidays) & set(workdays)):
        out.append(Diagnostic.said(CALENDAR, "rule.holiday_and_workday",
                                   locate(None, "workdays"), day=both))
    return out


def window_rules(plan: Plan, locate: Locate) -> list[Diagnostic]:
    """Deadlines before the calendar's first day (a year before the earliest start)."""
    first = plan.calendar_origin
    return [Diagnostic.said(VALUE, "rule.deadline_early", _place(t, locate, "deadline"),
                            task=t.id, id=t.id, deadline=t.deadline, first=first)
            for t in plan.tasks if t.deadline is not None and t.deadline < first]


def model_locate(plan: Plan, where: Location | None = None) -> Locate:
    """A location function for a plan built in code, or read with places kept on its tasks:
    each task's own places, else ``where`` (by default, the plan's)."""
    fallback = where if where is not None else plan.location
    index = {t.id: t for t in plan.tasks}

    def locate(task_id: str | None, field: str) -> Location:
        task = index.get(task_id) if task_id is not None else None
        if task is None:
            return fallback
        key = field.rstrip(":").partition(".")[0]
        if task.location.file:
            return task.where(key)
        return fallback
    return locate


def plan_rules(plan: Plan, locate: Locate | None = None,
               given: Callable[[Task], Container[str]] | None = None,
               suggest: Callable[[str, Iterable[str]], str] | None = None,
               ) -> list[Diagnostic]:
    """Every plan rule but the dependency cycles, on a whole plan, in plan order.

    ``given`` says which fields a task's source wrote (by default, those it has);
    ``locate`` where (by default, the places the tasks hold, else the plan's).
    """
    where = locate if locate is not None else model_locate(plan)
    fields = given if given is not None else given_fields
    out = header_rules(plan.start, plan.finish, plan.holidays, plan.workdays, where)
    out += duplicate_ids(plan.tasks, where)
    for t in plan.tasks:
        out.extend(task_rules(t, fields(t), _bind(where, t.id), plan.finish))
    out += link_rules(plan.tasks, where, suggest)
    out += wait_rules(plan.tasks, plan.id, where)
    if not out:
        out += window_rules(plan, where)
    return out


def _bind(locate: Locate, task_id: str) -> FieldLocate:
    return lambda field: locate(task_id, field)


# -- what the rules settle --------------------------------------------------------------------


def inherit_owners(tasks: Iterable[Task]) -> tuple[Task, ...]:
    """A task without an owner belongs to its summary's owner (summaries come first)."""
    owners: dict[str, str | None] = {}
    assumed: set[str] = set()  # the tasks whose owner is an assumption
    out = []
    for t in tasks:
        if t.owner is None and t.parent is not None and owners.get(t.parent):
            t = replace(t, owner=owners[t.parent],
                        assumed=t.assumed | {"owner"} if t.parent in assumed else t.assumed)
        owners[t.id] = t.owner
        if "owner" in t.assumed:
            assumed.add(t.id)
        out.append(t)
    return tuple(out)
