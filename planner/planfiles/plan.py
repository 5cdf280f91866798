"""Loading plan.yaml into a Plan, reporting every problem of the file together."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path

import yaml

from planner.domain import vocab
from planner.domain.calendar import KINDS
from planner.domain.diagnostics import Diagnostic, Location, PlanError, did_you_mean
from planner.domain.model import (
    DISTRIBUTIONS,
    MAX_ITERATIONS,
    OUT_OF_SEQUENCE,
    CheckThresholds,
    Link,
    LinkType,
    Plan,
    Quantity,
    RiskSettings,
    Task,
    Thresholds,
)
from planner.domain.values import (
    MAX_DAYS,
    parse_bool,
    parse_count,
    parse_date,
    parse_duration,
    parse_lag,
    parse_number,
    parse_spread,
)
from planner.engine.network import network_of
from planner.planfiles.snapshots import outside
from planner.planfiles.yamlreader import Reader, is_null, load_document, with_slip_hints
from planner.support.gcpause import without_gc
from planner.support.safewrite import leads_outside
from planner.support.sanitize import excerpt

TOP_KEYS = ("plan", "tasks")
PLAN_KEYS = ("id", "name", "start", "finish", "calendar", "holidays", "workdays", "lang",
             "currency", "thresholds", "out_of_sequence", "risk", "check")
RISK_KEYS = ("default", "distribution", "iterations", "seed")
THRESHOLD_KEYS = ("behind", "at_risk", "slip", "no_report")
# `check:`, the limits of `planner check`: shares in percent, working days, and two indexes
CHECK_PERCENT_KEYS = ("logic", "leads", "lags", "relationships", "constraints", "high_float",
                      "negative_float", "high_duration", "invalid_dates", "resources",
                      "missed_tasks")
CHECK_DAY_KEYS = ("high_float_days", "high_duration_days", "critical_path_delay")
CHECK_INDEX_KEYS = ("cpli", "bei")
CHECK_KEYS = (*CHECK_PERCENT_KEYS, *CHECK_DAY_KEYS, *CHECK_INDEX_KEYS)
TASK_KEYS = (
    "id", "name", "owner", "tags", "tasks", "duration", "start", "finish", "milestone",
    "ongoing", "after", "estimate", "distribution", "deadline", "budget", "quantity",
)
LINK_KEYS = ("task", "type", "lag")
QUANTITY_KEYS = ("total", "unit")
LANGS = vocab.LANGS
SUMMARY_ONLY_LEAF = ("duration", "finish", "milestone", "estimate", "distribution", "quantity")
MAX_DEPTH = 20

PLAN_ID = re.compile(r"[a-z0-9_-]+")
TASK_ID = re.compile(r"[A-Za-z0-9_.-]+")
_LINK_TEXT = re.compile(r"(?P<task>\S+)(?:\s+(?P<type>[A-Za-z]+)\s*(?P<lag>[+-].*)?)?")

def plan_file(path: str | Path) -> Path:
    """The plan.yaml of a plan folder (or the file itself)."""
    p = Path(path)
    return p / "plan.yaml" if p.is_dir() else p


@without_gc
def load_plan(path: str | Path) -> Plan:
    """Read and check a plan; raises PlanError with every problem found."""
    file = plan_file(path)
    if leads_outside(file, file.parent):  # the rule of every file of the plan
        raise PlanError([outside(file, file.parent, "plan.yaml")])
    node, display, text = load_document(file)
    builder = _PlanBuilder(Reader(display), file)
    plan = builder.build(node)
    errors = builder.reader.diagnostics
    if builder.reader.aliased:
        builder.reader.alias_errors(text)
    if plan is not None and not errors:
        errors.extend(_window_errors(plan))
        errors.extend(_cycle_errors(plan))
    if errors or plan is None:
        raise PlanError(with_slip_hints(sorted(errors, key=_position), text))
    return plan


def _window_errors(plan: Plan) -> list[Diagnostic]:
    """Deadlines before the calendar's first day (a year before the earliest start)."""
    first = plan.calendar_origin
    return [Diagnostic("value", f"deadline {t.deadline} of task '{t.id}' is before "
                       f"{first}, a year before the plan's earliest start",
                       t.where("deadline"), task=t.id,
                       hint="check the year; or give the task an earlier 'start:'")
            for t in plan.tasks if t.deadline is not None and t.deadline < first]


def _position(d: Diagnostic) -> tuple[bool, int, int]:
    """File order, with file-wide findings (no line) last."""
    return (d.location.line <= 0, d.location.line, d.location.col)


class _PlanBuilder:
    def __init__(self, reader: Reader, file: Path) -> None:
        self.reader = reader
        self.file = file
        self.days_per_week = 5
        self.plan_finish: date | None = None
        self.tasks: list[Task] = []
        self.seen_ids: dict[str, yaml.Node] = {}  # each id's node: its line, for a duplicate

    # -- helpers -------------------------------------------------------------------------

    def date_list(self, node: yaml.Node, what: str) -> tuple[date, ...]:
        items = self.reader.sequence(node, what) or []
        days = (self.reader.parsed(item, what, parse_date) for item in items)
        return tuple(d for d in days if d is not None)

    # -- the plan ------------------------------------------------------------------------

    def build(self, root: yaml.Node | None) -> Plan | None:
        r = self.reader
        if root is None:
            r.error("empty", "the plan file is empty", Location(r.file, 1, 1),
                    hint="a plan needs a 'plan:' header and a 'tasks:' list")
            return None
        top = r.mapping(root, "the plan file", TOP_KEYS, required=TOP_KEYS)
        if top is None or "plan" not in top:
            return None
        head = r.mapping(top["plan"][1], "plan", PLAN_KEYS, required=("id", "name", "start"))
        if head is None:
            return None
        plan_id = r.parsed(head["id"][1], "plan id", _plan_id) if "id" in head else None
        name = r.text(head["name"][1], "plan name") if "name" in head else None
        start = r.parsed(head["start"][1], "plan start", parse_date) if "start" in head else None
        finish = r.parsed(head["finish"][1], "plan finish", _date_parser("last")) \
            if "finish" in head and not is_null(head["finish"][1]) else None
        if start is not None and finish is not None and finish < start:
            r.error("value", f"the plan finishes ({finish}) before it starts ({start})",
                    head["finish"][1], hint="'finish:' is the end of the period the plan plans")
        self.plan_finish = finish
        calendar = "weekdays"
        if "calendar" in head:
            calendar = r.parsed(head["calendar"][1], "calendar", _choice(KINDS)) or calendar
        self.days_per_week = 7 if calendar == "alldays" else 5
        holidays = self.date_list(head["holidays"][1], "holidays") if "holidays" in head else ()
        workdays = self.date_list(head["workdays"][1], "workdays") if "workdays" in head else ()
        for both in sorted(set(holidays) & set(workdays)):
            r.error("calendar", f"{both} is listed both as a holiday and as a workday",
                    head["workdays"][1], hint="keep it in one of the two lists")
        lang = "en"
        if "lang" in head:
            lang = self.reader.parsed(head["lang"][1], "lang", _choice(LANGS)) or lang
        currency = r.text(head["currency"][1], "currency") if "currency" in head else None
        thresholds = self.thresholds(head["thresholds"][1]) if "thresholds" in head \
            else Thresholds()
        risk = self.risk(head["risk"][1]) if "risk" in head else RiskSettings()
        check = self.check_limits(head["check"][1]) if "check" in head else CheckThresholds()
        logic = "retained"
        if "out_of_sequence" in head:
            logic = self.reader.parsed(head["out_of_sequence"][1], "out_of_sequence",
                               _choice(OUT_OF_SEQUENCE)) or logic

        if "tasks" in top:
            items = r.sequence(top["tasks"][1], "tasks")
            if items is not None:
                if not items:
                    r.error("empty", "the plan has no tasks", top["tasks"][0],
                            hint="add at least one task under 'tasks:'")
                for item in items:
                    self.task(item, parent=None, depth=0)
        if plan_id is None or name is None or start is None:
            return None
        self.check_links()
        return Plan(
            id=plan_id, name=name, start=start, tasks=inherit_owners(self.tasks),
            finish=finish, calendar=calendar,
            holidays=holidays, workdays=workdays, lang=lang, currency=currency,
            thresholds=thresholds, out_of_sequence=logic, risk=risk, check=check,
            path=self.file, location=r.loc(top["plan"][0]),
        )

    def thresholds(self, node: yaml.Node) -> Thresholds:
        e = self.reader.mapping(node, "thresholds", THRESHOLD_KEYS) or {}
        values: dict[str, float | int] = {}
        for key, (_, value) in e.items():
            number = self.reader.parsed(value, f"thresholds {key}",
                                        partial(_non_negative, what=key))
            if number is not None:
                values[key] = number if key == "behind" else int(number)
        return Thresholds(**values)  # type: ignore[arg-type]

    def check_limits(self, node: yaml.Node) -> CheckThresholds:
        e = self.reader.mapping(node, "check", CHECK_KEYS) or {}
        values: dict[str, float] = {}
        for key, (_, value) in e.items():
            number = self.reader.parsed(value, f"check {key}", _check_parser(key))
            if number is not None:
                values[key] = number
        return CheckThresholds(**values)  # type: ignore[arg-type]

    def risk(self, node: yaml.Node) -> RiskSettings:
        r = self.reader
        e = r.mapping(node, "risk", RISK_KEYS) or {}
        values: dict[str, object] = {}
        if "default" in e:
            items = r.sequence(e["default"][1], "risk default") or []
            if len(items) != 2:
                r.error("value", "risk default must be [low, high], e.g. [-10%, +40%]",
                        e["default"][1])
            else:
                low = r.parsed(items[0], "risk default", parse_spread)
                high = r.parsed(items[1], "risk default", parse_spread)
                if low is not None and high is not None:
                    if low.value > 0 or high.value < 0:
                        r.error("value", "risk default must be [low <= 0, high >= 0], "
                                "e.g. [-10%, +40%]", e["default"][1])
                    values.update(low=low, high=high)
        if "distribution" in e:
            values["distribution"] = r.parsed(e["distribution"][1], "distribution",
                                              _choice(DISTRIBUTIONS))
        for key, most in (("iterations", MAX_ITERATIONS), ("seed", 2**63 - 1)):
            if key in e:
                values[key] = r.parsed(e[key][1], key, partial(parse_count, what=key,
                                                               most=most))
        if isinstance(values.get("iterations"), int) and values["iterations"] == 0:
            r.error("value", "iterations must be at least 1", e["iterations"][1])
        return RiskSettings(**{k: v for k, v in values.items() if v is not None})  # type: ignore[arg-type]

    # -- tasks ---------------------------------------------------------------------------

    def task(self, node: yaml.Node, parent: str | None, depth: int) -> str | None:
        r = self.reader
        entries = r.mapping(node, "a task", TASK_KEYS, required=("id", "name"))
        if entries is None:
            return None
        loc = r.loc(node)
        task_id = r.parsed(entries["id"][1], "task id", _task_id) if "id" in entries else None
        what = f"task '{task_id}'" if task_id else "a task"
        if task_id is not None and task_id in self.seen_ids:
            r.error("duplicate-id", f"task id '{task_id}' is used twice "
                    f"(first at line {r.loc(self.seen_ids[task_id]).line})", entries["id"][1],
                    hint="give each task its own id", task=task_id)
            return None
        if task_id is not None:
            self.seen_ids[task_id] = entries["id"][1]
        name = r.text(entries["name"][1], f"name of {what}", task_id) \
            if "name" in entries and not is_null(entries["name"][1]) else None
        if name is not None and not name.strip():
            r.error("value", f"{what} has an empty name", entries["name"][1], task=task_id)
        fields = self.task_fields(entries, what, task_id)
        position = len(self.tasks)
        children: list[str] = []
        if "tasks" in entries:
            if depth + 1 >= MAX_DEPTH:
                r.error("too-deep", f"{what}: tasks are nested more than {MAX_DEPTH} levels",
                        entries["tasks"][0], task=task_id)
            else:
                self.tasks.append(Task(id="", name=""))  # placeholder keeps file order
                items = r.sequence(entries["tasks"][1], f"tasks of {what}", task_id)
                for item in items or []:
                    child = self.task(item, parent=task_id, depth=depth + 1)
                    if child is not None:
                        children.append(child)
                if not children:
                    del self.tasks[position]
                if items == [] and task_id is not None:
                    r.error("empty", f"task '{task_id}' has an empty 'tasks:' list",
                            entries["tasks"][0], task=task_id,
                            hint="list its subtasks under 'tasks:', or remove 'tasks:' and "
                            "give it a 'duration:'")
        if task_id is None or name is None:
            if children:
                del self.tasks[position]
            return None
        # a length must be given by value: `milestone: false` or `finish: ~` gives none
        bad_value = "duration" in entries or (
            "finish" in entries and not is_null(entries["finish"][1]))
        # a 'tasks:' key that gave no children was reported as such (empty, too deep, or
        # every subtask wrong): no second error for the duration it was not meant to have
        if not children and not bad_value and "tasks" not in entries and not (
                fields.get("duration") is not None or fields.get("milestone")
                or fields.get("ongoing")):
            r.error("missing-key", f"task '{task_id}' has no duration", loc, task=task_id,
                    hint="add 'duration: N' (working days), 'start:' with 'finish:', "
                    "or 'milestone: true'")
        if children:
            for key in SUMMARY_ONLY_LEAF:
                if key in entries:
                    r.error("summary", f"summary task '{task_id}' cannot have '{key}': "
                            "its dates and progress roll up from its children",
                            entries[key][0], task=task_id,
                            hint=f"move '{key}' to one of its children, or to a new child task")
        task = Task(
            id=task_id, name=name, location=loc, parent=parent, children=tuple(children),
            depth=depth, keys={k: r.position(v) for k, (_, v) in entries.items()},
            **fields,  # type: ignore[arg-type]
        )
        if children:
            self.tasks[position] = task
        else:
            self.tasks.append(task)
        return task_id

    def task_fields(self, e: dict[str, tuple[yaml.Node, yaml.Node]], what: str,
                    tid: str | None) -> dict[str, object]:
        r = self.reader
        f: dict[str, object] = {}
        if "owner" in e and not is_null(e["owner"][1]):
            f["owner"] = r.text(e["owner"][1], f"owner of {what}", tid)
        if "tags" in e:
            items = r.sequence(e["tags"][1], f"tags of {what}", tid) or []
            tags = (r.text(i, f"a tag of {what}", tid) for i in items)
            f["tags"] = tuple(t for t in tags if t is not None)
        for key in ("start", "finish", "deadline"):
            if key in e and not is_null(e[key][1]):
                means = "first" if key == "start" else "last"
                f[key] = self.reader.parsed(e[key][1], f"{key} of {what}", _date_parser(means), tid)
        if "duration" in e:
            f["duration"] = self.reader.parsed(e["duration"][1], f"duration of {what}",
                                       lambda t: parse_duration(t, self.days_per_week), tid)
        if "ongoing" in e:
            f["ongoing"] = bool(self.reader.parsed(e["ongoing"][1], f"ongoing of {what}",
                                                   lambda t: parse_bool(t, "ongoing"), tid))
        if "milestone" in e:
            f["milestone"] = bool(self.reader.parsed(e["milestone"][1], f"milestone of {what}",
                                             lambda t: parse_bool(t, "milestone"), tid))
        if "budget" in e and not is_null(e["budget"][1]):
            f["budget"] = self.reader.parsed(e["budget"][1], f"budget of {what}",
                                     lambda t: _non_negative(t, "budget"), tid)
        if "estimate" in e:
            f["estimate"] = self.estimate(e["estimate"][1], what, tid)
        if "distribution" in e:
            f["distribution"] = r.parsed(e["distribution"][1], f"distribution of {what}",
                                         _choice(DISTRIBUTIONS), tid)
        if "quantity" in e:
            f["quantity"] = self.quantity(e["quantity"][1], what, tid)
        if "after" in e:
            f["after"] = self.links(e["after"][1], what, tid)
        self.check_timing(e, f, what, tid)
        return {k: v for k, v in f.items() if v is not None}

    def check_timing(self, e: dict[str, tuple[yaml.Node, yaml.Node]], f: dict[str, object],
                     what: str, tid: str | None) -> None:
        r = self.reader
        if "finish" in f and "start" not in e and not f.get("ongoing"):
            r.error("finish-without-start", f"{what} has 'finish' but no 'start'",
                    e["finish"][0], task=tid,
                    hint="add 'start:' (a planned finish needs a planned start), "
                    "or give a 'duration:' instead")
        if "finish" in e and "duration" in e:
            r.error("duration-and-finish", f"{what} has both 'duration' and 'finish'",
                    e["finish"][0], task=tid, hint="keep one of them")
        start, finish = f.get("start"), f.get("finish")
        if isinstance(start, date) and isinstance(finish, date) and finish < start:
            r.error("value", f"{what} finishes ({finish}) before it starts ({start})",
                    e["finish"][1], task=tid, hint="swap or correct the dates")
        if f.get("milestone") and f.get("duration") not in (None, 0):
            r.error("value", f"{what} is a milestone but has duration {f['duration']}",
                    e["duration"][1], task=tid,
                    hint="a milestone has duration 0; remove one of the two")
        if f.get("ongoing"):
            for key in ("duration", "milestone", "estimate"):
                if key in e:
                    r.error("value", f"{what} is ongoing work: its length is its window, so "
                            f"it takes no '{key}'", e[key][0], task=tid,
                            hint="give 'start:' and 'finish:', or leave them to the plan's "
                            "own start and 'finish:'")
            if "finish" not in f and self.plan_finish is None:
                r.error("missing-key", f"{what} is ongoing work but has no 'finish' and the "
                        "plan has none", e["ongoing"][0], task=tid,
                        hint="add 'finish:' to the task, or the plan's period end "
                        "('finish: 2023-12-31') to the plan header")
        if f.get("milestone") and "finish" in f:
            r.error("value", f"{what} is a milestone but has a 'finish'", e["finish"][0],
                    task=tid, hint="a milestone takes only a 'start' or predecessors")

    def estimate(self, node: yaml.Node, what: str, tid: str | None,
                 ) -> tuple[float, float, float] | None:
        items = self.reader.sequence(node, f"estimate of {what}", tid)
        if items is None:
            return None
        if len(items) != 3:
            self.reader.error("value", f"estimate of {what} must have three numbers "
                              f"[optimistic, likely, pessimistic], not {len(items)}", node,
                              task=tid)
            return None
        values = [self.reader.parsed(i, f"estimate of {what}", _days_estimate, tid)
                  for i in items]
        if any(v is None for v in values):
            return None
        low, likely, high = (float(v) for v in values if v is not None)
        if not low <= likely <= high:
            self.reader.error("value", f"estimate of {what} must be in order optimistic <= "
                              f"likely <= pessimistic, not [{low:g}, {likely:g}, {high:g}]",
                              node, task=tid)
            return None
        return (low, likely, high)

    def quantity(self, node: yaml.Node, what: str, tid: str | None) -> Quantity | None:
        e = self.reader.mapping(node, f"quantity of {what}", QUANTITY_KEYS, ("total",), tid)
        if e is None or "total" not in e:
            return None
        total = self.reader.parsed(e["total"][1], f"quantity total of {what}",
                           lambda t: _non_negative(t, "total"), tid)
        unit = self.reader.text(e["unit"][1], "unit", tid) if "unit" in e else ""
        if total is not None and total <= 0:
            self.reader.error("value", f"quantity total of {what} must be more than 0",
                              e["total"][1], task=tid)
            return None
        return Quantity(total, unit or "") if total is not None else None

    def links(self, node: yaml.Node, what: str, tid: str | None) -> tuple[Link, ...]:
        links = []
        for item in self.reader.sequence(node, f"after of {what}", tid) or []:
            link = self.link(item, what, tid)
            if link is not None:
                links.append(link)
        return tuple(links)

    def link(self, node: yaml.Node, what: str, tid: str | None) -> Link | None:
        r, loc = self.reader, self.reader.loc(node)
        if isinstance(node, yaml.MappingNode):
            e = r.mapping(node, f"a dependency of {what}", LINK_KEYS, ("task",), tid)
            if e is None or "task" not in e:
                return None
            pred = r.text(e["task"][1], "dependency task", tid)
            kind = self.reader.parsed(e["type"][1], "link type", _link_type, tid) if "type" in e \
                else LinkType.FS
            lag = 0
            if "lag" in e:
                lag = self.reader.parsed(e["lag"][1], "lag", self.lag_value, tid)  # type: ignore[assignment]
            if pred is None or kind is None or lag is None:
                return None
            return Link(pred, kind, lag, loc)
        text = r.text(node, f"a dependency of {what}", tid)
        if text is None:
            return None
        m = _LINK_TEXT.fullmatch(text.strip())
        if not m:
            r.error("link", f"dependency '{excerpt(text)}' of {what} is not understood", node,
                    task=tid,
                    hint="write 'task-id', 'task-id SS', 'task-id FS+5' or 'task-id FF-2'")
            return None
        try:
            kind = _link_type(m["type"]) if m["type"] else LinkType.FS
            lag = parse_lag(m["lag"], self.days_per_week) if m["lag"] else 0
        except ValueError as exc:
            r.error("link", f"dependency '{excerpt(text)}' of {what}: "
                    f"{str(exc).replace(text, excerpt(text))}", node, task=tid,
                    hint="write 'task-id', 'task-id SS', 'task-id FS+5' or 'task-id FF-2'")
            return None
        return Link(m["task"], kind, lag, loc)

    def lag_value(self, text: str) -> int:
        return parse_lag(text, self.days_per_week)

    # -- whole-plan checks ---------------------------------------------------------------

    def check_links(self) -> None:
        r = self.reader
        ids = {t.id: t for t in self.tasks}
        for task in self.tasks:
            ancestors = set(_ancestors(task, ids))
            for link in task.after:
                if link.task not in ids:
                    r.error("unknown-task", f"task '{task.id}' follows unknown task "
                            f"'{link.task}'", link.location, task=task.id,
                            hint=r.suggest(link.task, ids) or "check the id in 'after:'")
                elif link.task == task.id:
                    r.error("cycle", f"task '{task.id}' follows itself", link.location,
                            task=task.id, hint="remove this dependency")
                elif link.task in ancestors:
                    r.error("cycle", f"task '{task.id}' follows its own summary task "
                            f"'{link.task}'", link.location, task=task.id,
                            hint="a task is already part of its summary; link to a sibling")
                elif task.id in set(_ancestors(ids[link.task], ids)):
                    r.error("cycle", f"summary task '{task.id}' follows its own subtask "
                            f"'{link.task}'", link.location, task=task.id,
                            hint="a summary finishes with its subtasks; link its other "
                            "subtasks to this one instead")


def inherit_owners(tasks: list[Task]) -> tuple[Task, ...]:
    """A task without an owner belongs to its summary's owner (summaries come first)."""
    owners: dict[str, str | None] = {}
    out = []
    for t in tasks:
        if t.owner is None and t.parent is not None and owners.get(t.parent):
            t = replace(t, owner=owners[t.parent])
        owners[t.id] = t.owner
        out.append(t)
    return tuple(out)


def _ancestors(task: Task, ids: dict[str, Task]) -> list[str]:
    out = []
    while task.parent is not None and task.parent in ids:
        out.append(task.parent)
        task = ids[task.parent]
    return out


def _cycle_errors(plan: Plan) -> list[Diagnostic]:
    errors = []
    for cycle in network_of(plan).cycles:
        text = ""
        for u, _, rollup in cycle:
            task = plan.tasks[u]
            text += f"'{task.id}' (line {task.location.line})"
            text += " is part of " if rollup else " -> "
        first = plan.tasks[cycle[0][0]]
        errors.append(Diagnostic(
            "cycle", f"dependency cycle: {text}'{first.id}'", first.location, task=first.id,
            hint="a task cannot wait, even indirectly, for itself; remove one of these links",
        ))
    return errors


def _date_parser(month_means: str) -> Callable[[str], date]:
    return lambda text: parse_date(text, month_means)


def _plan_id(text: str) -> str:
    if not PLAN_ID.fullmatch(text):
        raise ValueError(f"'{text}' may contain only a-z, 0-9, '_' and '-'")
    return text


def _task_id(text: str) -> str:
    if not TASK_ID.fullmatch(text):
        raise ValueError(f"'{text}' may contain only letters A-Z a-z, digits, '_', '.' and '-'")
    return text


def _choice(options: tuple[str, ...]) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text not in options:
            hint = did_you_mean(text, options)
            raise ValueError(f"'{text}' is not one of {', '.join(options)}"
                             + (f"; {hint}" if hint else ""))
        return text
    return parse


_LINK_TYPES = {t.value: t for t in LinkType}


def _link_type(text: str) -> LinkType:
    kind = _LINK_TYPES.get(text.upper())  # a dict, not LinkType(...): enum calls are slow
    if kind is None:
        raise ValueError(f"unknown link type '{text}'; use FS, SS, FF or SF")
    return kind


def _days_estimate(text: str) -> float:
    """A fractional estimate in working days (`12.5`), 0 to MAX_DAYS."""
    value = _non_negative(text.rstrip("dD"), "estimate")
    if value > MAX_DAYS:
        raise ValueError(f"estimate '{text}' is too large: at most {MAX_DAYS} working days")
    return value


def _check_percent(text: str) -> float:
    """A share limit of `check:`: 0 to 100 percent, `5` or `5%`."""
    value = _non_negative(text.strip().removesuffix("%"), "percent")
    if value > 100:
        raise ValueError(f"'{text}' is more than 100%")
    return value


def _check_index(text: str) -> float:
    """CPLI or BEI: a ratio (`0.95`) or a percent (`95%`), from 0 to 10."""
    t = text.strip()
    value = _non_negative(t.removesuffix("%"), "index")
    value = value / 100 if t.endswith("%") else value
    if value > 10:
        raise ValueError(f"'{text}' is not an index like 0.95 (or 95%)")
    return value


def _check_parser(key: str) -> Callable[[str], float]:
    if key in CHECK_PERCENT_KEYS:
        return _check_percent
    if key in CHECK_INDEX_KEYS:
        return _check_index
    if key == "critical_path_delay":
        return _delay
    return partial(parse_count, what=key)


def _delay(text: str) -> int:
    """The critical path test's delay: whole working days, at least 1."""
    value = parse_count(text, "critical_path_delay")
    if value < 1:
        raise ValueError("the test delay must be at least 1 working day")
    return value


def _non_negative(text: str, what: str) -> float:
    value = parse_number(text, what)
    if value < 0:
        raise ValueError(f"{what} '{text}' is negative")
    return value
