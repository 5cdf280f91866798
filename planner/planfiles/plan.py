"""Loading plan.yaml into a Plan, reporting every problem of the file together."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import date
from functools import partial
from pathlib import Path

import yaml

from planner.domain import vocab
from planner.domain.calendar import KINDS
from planner.domain.diagnostics import Diagnostic, Invalid, Location, Phrase, PlanError
from planner.domain.links import LinkNotUnderstood, parse_link, parse_link_type
from planner.domain.model import (
    DISTRIBUTIONS,
    EXTERNAL,
    MAX_DEPTH,
    MAX_ITERATIONS,
    MAX_SEED,
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
from planner.domain.rules import (
    Locate,
    duplicate_id,
    field_rules,
    header_rules,
    inherit_owners,
    link_rules,
    model_locate,
    plan_rules,
    shape_rules,
    wait_rules,
    window_rules,
)
from planner.domain.values import (
    choice,
    date_parser,
    parse_bool,
    parse_count,
    parse_date,
    parse_duration,
    parse_estimate_days,
    parse_lag,
    parse_non_negative,
    parse_plan_id,
    parse_spread,
    parse_task_id,
    sample_note,
)
from planner.engine.network import network_of
from planner.planfiles.quickread import quick_plan
from planner.planfiles.yamlreader import (
    Reader,
    compose_text,
    is_null,
    load_text,
    of_task,
    outside,
    problem_of,
    with_slip_hints,
)
from planner.support.gcpause import without_gc
from planner.support.safewrite import leads_outside
from planner.support.sanitize import excerpt

TOP_KEYS = ("plan", "tasks")
PLAN_KEYS = ("id", "name", "start", "finish", "calendar", "holidays", "workdays", "lang",
             "currency", "thresholds", "out_of_sequence", "risk", "check", "illustrative")
RISK_KEYS = ("default", "distribution", "iterations", "seed")
THRESHOLD_KEYS = ("behind", "at_risk", "slip", "no_report", "cpi", "near_critical")
# `check:`, the limits of `planner check`: shares in percent, working days, and two indexes
CHECK_PERCENT_KEYS = ("logic", "leads", "lags", "relationships", "constraints", "high_float",
                      "negative_float", "high_duration", "invalid_dates", "resources",
                      "missed_tasks")
CHECK_DAY_KEYS = ("high_float_days", "high_duration_days", "critical_path_delay")
CHECK_INDEX_KEYS = ("cpli", "bei")
CHECK_KEYS = (*CHECK_PERCENT_KEYS, *CHECK_DAY_KEYS, *CHECK_INDEX_KEYS)
TASK_KEYS = (
    "id", "name", "owner", "tags", "tasks", "duration", "start", "finish", "milestone",
    "ongoing", "target", "after", "estimate", "distribution", "deadline", "budget", "quantity",
    "assumed",
)
LINK_KEYS = ("task", "type", "lag", "plan")
QUANTITY_KEYS = ("total", "unit")
LANGS = vocab.LANGS


def plan_file(path: str | Path) -> Path:
    """The plan.yaml of a plan folder (or the file itself)."""
    p = Path(path)
    return p / "plan.yaml" if p.is_dir() else p


@without_gc
def load_plan(path: str | Path, quick: bool = True) -> Plan:
    """Read and check a plan; raises PlanError with every problem found.

    A valid plan in the usual layout is read without YAML nodes (`quickread`); anything
    else, and every plan with a problem, the full way (``quick=False``: always).
    """
    file = plan_file(path)
    if leads_outside(file, file.parent):  # the rule of every file of the plan
        raise PlanError([outside(file, file.parent, "plan.yaml")])
    text, display = load_text(file)
    found = quick_plan(text, display, file) if quick else None
    if found is not None and not cycle_errors(found):
        return found
    node = compose_text(text, display)
    builder = _PlanBuilder(Reader(display), file)
    plan = builder.build(node)
    errors = builder.reader.diagnostics
    if builder.reader.aliased:
        builder.reader.alias_errors(text)
    if plan is not None and not errors:
        errors.extend(window_rules(plan, model_locate(plan)))
        errors.extend(cycle_errors(plan))
    if errors or plan is None:
        # said in the plan's language, when its header says it (`PlanError.lang`)
        raise PlanError(with_slip_hints(sorted(errors, key=_position), text),
                        lang=builder.lang)
    return plan


def check_plan(plan: Plan, locate: Locate | None = None) -> list[Diagnostic]:
    """Every plan rule on a plan built by any reader: the rules of `planner.domain.rules`,
    then, when they pass, the dependency cycles (which need the network).

    ``locate`` says where a task's field was written (task id, field name -> Location); by
    default the places the tasks hold, else the plan's own.
    """
    errors = plan_rules(plan, locate)
    if not errors:
        errors = cycle_errors(plan, locate)
    return errors


def _position(d: Diagnostic) -> tuple[bool, int, int]:
    """File order, with file-wide findings (no line) last."""
    return (d.location.line <= 0, d.location.line, d.location.col)


class _PlanBuilder:
    def __init__(self, reader: Reader, file: Path) -> None:
        self.reader = reader
        self.file = file
        self.days_per_week = 5
        self.plan_finish: date | None = None
        self.lang: str | None = None  # the plan's language, once its header is read
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
            r.error("empty", "plan.empty_file", Location(r.file, 1, 1))
            return None
        top = r.mapping(root, "the plan file", TOP_KEYS, required=TOP_KEYS)
        if top is None or "plan" not in top:
            return None
        head = r.mapping(top["plan"][1], "plan", PLAN_KEYS, required=("id", "name", "start"))
        if head is None:
            return None
        plan_id = r.parsed(head["id"][1], "plan id", parse_plan_id) if "id" in head else None
        name = r.text(head["name"][1], "plan name") if "name" in head else None
        start = r.parsed(head["start"][1], "plan start", parse_date) if "start" in head else None
        finish = r.parsed(head["finish"][1], "plan finish", date_parser("last")) \
            if "finish" in head and not is_null(head["finish"][1]) else None
        self.plan_finish = finish
        calendar = "weekdays"
        if "calendar" in head:
            calendar = r.parsed(head["calendar"][1], "calendar", choice(KINDS)) or calendar
        self.days_per_week = 7 if calendar == "alldays" else 5
        holidays = self.date_list(head["holidays"][1], "holidays") if "holidays" in head else ()
        workdays = self.date_list(head["workdays"][1], "workdays") if "workdays" in head else ()
        r.diagnostics.extend(header_rules(start, finish, holidays, workdays,
                                          lambda _, key: r.loc(head[key][1])))
        lang = "en"
        if "lang" in head:
            lang = self.reader.parsed(head["lang"][1], "lang", choice(LANGS)) or lang
        self.lang = lang if "lang" in head else None  # unsaid: the user's choice
        currency = r.text(head["currency"][1], "currency") if "currency" in head else None
        sample = r.text(head["illustrative"][1], "illustrative") \
            if "illustrative" in head and not is_null(head["illustrative"][1]) else None
        thresholds = self.thresholds(head["thresholds"][1]) if "thresholds" in head \
            else Thresholds()
        risk = self.risk(head["risk"][1]) if "risk" in head else RiskSettings()
        check = self.check_limits(head["check"][1]) if "check" in head else CheckThresholds()
        logic = "retained"
        if "out_of_sequence" in head:
            logic = self.reader.parsed(head["out_of_sequence"][1], "out_of_sequence",
                               choice(OUT_OF_SEQUENCE)) or logic

        if "tasks" in top:
            items = r.sequence(top["tasks"][1], "tasks")
            if items is not None:
                if not items:
                    r.error("empty", "plan.no_tasks", top["tasks"][0])
                for item in items:
                    self.task(item, parent=None, depth=0)
        if plan_id is None or name is None or start is None:
            return None
        r.diagnostics.extend(link_rules(self.tasks, lambda _, __: r.loc(top["tasks"][0]),
                                        r.suggest.closest))
        r.diagnostics.extend(wait_rules(self.tasks, plan_id,
                                        lambda _, __: r.loc(top["tasks"][0])))
        return Plan(
            id=plan_id, name=name, start=start, tasks=inherit_owners(self.tasks),
            finish=finish, calendar=calendar,
            holidays=holidays, workdays=workdays, lang=lang, currency=currency,
            thresholds=thresholds, out_of_sequence=logic, risk=risk, check=check,
            path=self.file, location=r.loc(top["plan"][0]),
            illustrative=sample_note(sample) if sample is not None else None,
        )

    def thresholds(self, node: yaml.Node) -> Thresholds:
        e = self.reader.mapping(node, "thresholds", THRESHOLD_KEYS) or {}
        values: dict[str, float | int] = {}
        for key, (_, value) in e.items():
            number = self.reader.parsed(value, Phrase.of("what.sub_key", section="thresholds",
                                                         name=key),
                                        partial(parse_non_negative, what=key))
            if number is not None:
                values[key] = number if key in ("behind", "cpi") else int(number)
        return Thresholds(**values)  # type: ignore[arg-type]

    def check_limits(self, node: yaml.Node) -> CheckThresholds:
        e = self.reader.mapping(node, "check", CHECK_KEYS) or {}
        values: dict[str, float] = {}
        for key, (_, value) in e.items():
            number = self.reader.parsed(value, Phrase.of("what.sub_key", section="check",
                                                         name=key), _check_parser(key))
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
                r.error("value", "plan.risk_default", e["default"][1])
            else:
                low = r.parsed(items[0], "risk default", parse_spread)
                high = r.parsed(items[1], "risk default", parse_spread)
                if low is not None and high is not None:
                    if low.value > 0 or high.value < 0:
                        r.error("value", "plan.risk_default_sides", e["default"][1])
                    values.update(low=low, high=high)
        if "distribution" in e:
            values["distribution"] = r.parsed(e["distribution"][1], "distribution",
                                              choice(DISTRIBUTIONS))
        for key, most in (("iterations", MAX_ITERATIONS), ("seed", MAX_SEED)):
            if key in e:
                values[key] = r.parsed(e[key][1], key, partial(parse_count, what=key,
                                                               most=most))
        if isinstance(values.get("iterations"), int) and values["iterations"] == 0:
            r.error("value", "plan.iterations", e["iterations"][1])
        return RiskSettings(**{k: v for k, v in values.items() if v is not None})  # type: ignore[arg-type]

    # -- tasks ---------------------------------------------------------------------------

    def task(self, node: yaml.Node, parent: str | None, depth: int) -> str | None:
        r = self.reader
        entries = r.mapping(node, "a task", TASK_KEYS, required=("id", "name"))
        if entries is None:
            return None
        loc = r.loc(node)
        task_id = r.parsed(entries["id"][1], "task id", parse_task_id) if "id" in entries else None
        what = Phrase.of("what.task" if task_id else "what.task.anon", id=task_id or "")
        if task_id is not None and task_id in self.seen_ids:
            r.diagnostics.append(duplicate_id(task_id, r.loc(entries["id"][1]),
                                              r.loc(self.seen_ids[task_id])))
            return None
        if task_id is not None:
            self.seen_ids[task_id] = entries["id"][1]
        name = r.text(entries["name"][1], of_task("name", task_id), task_id) \
            if "name" in entries and not is_null(entries["name"][1]) else None
        fields = self.task_fields(entries, what, task_id)
        position = len(self.tasks)
        children: list[str] = []
        if "tasks" in entries:
            if depth + 1 >= MAX_DEPTH:
                r.error("too-deep", "plan.too_deep", entries["tasks"][0], task=task_id,
                        what=what, most=MAX_DEPTH)
            else:
                self.tasks.append(Task(id="", name=""))  # placeholder keeps file order
                items = r.sequence(entries["tasks"][1], of_task("tasks", task_id), task_id)
                for item in items or []:
                    child = self.task(item, parent=task_id, depth=depth + 1)
                    if child is not None:
                        children.append(child)
                if not children:
                    del self.tasks[position]
                if items == [] and task_id is not None:
                    r.error("empty", "plan.empty_tasks", entries["tasks"][0], task=task_id,
                            id=task_id)
        given = _Given(entries)
        located = _FieldPlaces(r, entries, loc)
        if task_id is None or name is None:
            if children:
                del self.tasks[position]
            # the rules on its fields still apply; its id or name was reported as missing
            r.diagnostics.extend(field_rules(
                Task(id=task_id or "", name=name if name is not None else "?",
                     **fields),  # type: ignore[arg-type]
                given, located, self.plan_finish))
            return None
        task = Task(
            id=task_id, name=name, location=loc, parent=parent, children=tuple(children),
            depth=depth, keys={k: r.position(v) for k, (_, v) in entries.items()},
            **fields,  # type: ignore[arg-type]
        )
        if found := field_rules(task, given, located, self.plan_finish) + \
                shape_rules(task, given, located):
            r.diagnostics.extend(found)
        if children:
            self.tasks[position] = task
        else:
            self.tasks.append(task)
        return task_id

    def task_fields(self, e: dict[str, tuple[yaml.Node, yaml.Node]], what: Phrase,
                    tid: str | None) -> dict[str, object]:
        r = self.reader
        f: dict[str, object] = {}
        if "owner" in e and not is_null(e["owner"][1]):
            f["owner"] = r.text(e["owner"][1], of_task("owner", tid), tid)
        if "tags" in e:
            items = r.sequence(e["tags"][1], of_task("tags", tid), tid) or []
            tags = (r.text(i, of_task("a tag", tid), tid) for i in items)
            f["tags"] = tuple(t for t in tags if t is not None)
        for key in ("start", "finish", "deadline"):
            if key in e and not is_null(e[key][1]):
                means = "first" if key == "start" else "last"
                f[key] = self.reader.parsed(e[key][1], of_task(key, tid), date_parser(means), tid)
        if "duration" in e:
            f["duration"] = self.reader.parsed(e["duration"][1], of_task("duration", tid),
                                       lambda t: parse_duration(t, self.days_per_week), tid)
        if "ongoing" in e:
            f["ongoing"] = bool(self.reader.parsed(e["ongoing"][1], of_task("ongoing", tid),
                                                   lambda t: parse_bool(t, "ongoing"), tid))
        if "target" in e:
            f["target"] = bool(self.reader.parsed(e["target"][1], of_task("target", tid),
                                                  lambda t: parse_bool(t, "target"), tid))
        if "assumed" in e:  # the keys named: which ones a task may name is a plan rule
            items = r.sequence(e["assumed"][1], of_task("assumed", tid), tid) or []
            named = (r.text(i, of_task("assumed", tid), tid) for i in items)
            f["assumed"] = frozenset(k for k in named if k is not None)
        if "milestone" in e:
            f["milestone"] = bool(self.reader.parsed(e["milestone"][1], of_task("milestone", tid),
                                             lambda t: parse_bool(t, "milestone"), tid))
        if "budget" in e and not is_null(e["budget"][1]):
            f["budget"] = self.reader.parsed(e["budget"][1], of_task("budget", tid),
                                     lambda t: parse_non_negative(t, "budget"), tid)
        if "estimate" in e:
            f["estimate"] = self.estimate(e["estimate"][1], what, tid)
        if "distribution" in e:
            f["distribution"] = r.parsed(e["distribution"][1], of_task("distribution", tid),
                                         choice(DISTRIBUTIONS), tid)
        if "quantity" in e:
            f["quantity"] = self.quantity(e["quantity"][1], what, tid)
        if "after" in e:
            f["after"] = self.links(e["after"][1], what, tid)
        return {k: v for k, v in f.items() if v is not None}

    def estimate(self, node: yaml.Node, what: Phrase, tid: str | None,
                 ) -> tuple[float, float, float] | None:
        items = self.reader.sequence(node, of_task("estimate", tid), tid)
        if items is None:
            return None
        if len(items) != 3:
            self.reader.error("value", "plan.estimate_three", node, task=tid,
                              what=of_task("estimate", tid), n=len(items))
            return None
        values = [self.reader.parsed(i, of_task("estimate", tid), parse_estimate_days, tid)
                  for i in items]
        if any(v is None for v in values):
            return None
        low, likely, high = (float(v) for v in values if v is not None)
        return (low, likely, high)  # in order: a rule

    def quantity(self, node: yaml.Node, what: Phrase, tid: str | None) -> Quantity | None:
        e = self.reader.mapping(node, of_task("quantity", tid), QUANTITY_KEYS, ("total",), tid)
        if e is None or "total" not in e:
            return None
        total = self.reader.parsed(e["total"][1], of_task("quantity total", tid),
                           lambda t: parse_non_negative(t, "total"), tid)
        unit = self.reader.text(e["unit"][1], "unit", tid) if "unit" in e else ""
        return Quantity(total, unit or "") if total is not None else None  # > 0: a rule

    def links(self, node: yaml.Node, what: Phrase, tid: str | None) -> tuple[Link, ...]:
        links = []
        for item in self.reader.sequence(node, of_task("after", tid), tid) or []:
            link = self.link(item, what, tid)
            if link is not None:
                links.append(link)
        return tuple(links)

    def link(self, node: yaml.Node, what: Phrase, tid: str | None) -> Link | None:
        r, loc = self.reader, self.reader.loc(node)
        if isinstance(node, yaml.MappingNode):
            e = r.mapping(node, of_task("a dependency", tid), LINK_KEYS, ("task",), tid)
            if e is None or "task" not in e:
                return None
            pred = r.text(e["task"][1], "dependency task", tid)
            if pred is not None and "plan" in e:  # a task of another plan of the portfolio
                other = r.text(e["plan"][1], "plan id", tid)
                pred = None if other is None else f"{other}{EXTERNAL}{pred}"
            kind = r.parsed(e["type"][1], "link type", parse_link_type, tid) if "type" in e \
                else LinkType.FS
            lag = 0
            if "lag" in e:
                lag = self.reader.parsed(e["lag"][1], "lag", self.lag_value, tid)  # type: ignore[assignment]
            if pred is None or kind is None or lag is None:
                return None
            return Link(pred, kind, lag, loc)
        text = r.text(node, of_task("a dependency", tid), tid)
        if text is None:
            return None
        try:
            pred, kind, lag = parse_link(text, self.days_per_week)
        except LinkNotUnderstood:
            r.error("link", "plan.link_not_understood", node, task=tid, text=excerpt(text),
                    what=what)
            return None
        except ValueError as exc:
            r.error("link", "plan.link_bad", node, task=tid, text=excerpt(text), what=what,
                    problem=problem_of(exc, text))
            return None
        return Link(pred, kind, lag, loc)

    def lag_value(self, text: str) -> int:
        return parse_lag(text, self.days_per_week)

class _Given(Mapping[str, bool]):
    """The keys a task's mapping wrote, each True when it holds a value (not `~`)."""

    __slots__ = ("entries",)

    def __init__(self, entries: dict[str, tuple[yaml.Node, yaml.Node]]) -> None:
        self.entries = entries

    def __getitem__(self, key: str) -> bool:
        return not is_null(self.entries[key][1])

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


class _FieldPlaces:
    """Where a task's fields were written: `key` its value, `key:` the key itself,
    `quantity.total` a nested value; '' (or a key not written) the task."""

    __slots__ = ("entries", "reader", "task")

    def __init__(self, reader: Reader, entries: dict[str, tuple[yaml.Node, yaml.Node]],
                 task: Location) -> None:
        self.reader, self.entries, self.task = reader, entries, task

    def __call__(self, field: str) -> Location:
        key, dot, inner = field.rstrip(":").partition(".")
        if key not in self.entries:
            return self.task
        key_node, node = self.entries[key]
        if field.endswith(":"):
            return self.reader.loc(key_node)
        if dot and isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == inner), node)
        return self.reader.loc(node)


def cycle_errors(plan: Plan, locate: Locate | None = None) -> list[Diagnostic]:
    """Each dependency loop, every task on it named (the network finds them)."""
    where = locate if locate is not None else model_locate(plan)
    errors = []
    for cycle in network_of(plan).cycles:
        steps: list[Phrase] = []  # 'a' (line 7) -> 'c' (line 15) -> … -> 'a'
        for u, _, rollup in cycle:
            task = plan.tasks[u]
            line = task.location.line
            steps.append(Phrase.of("plan.cycle.step.line", id=task.id, line=line) if line > 0
                         else Phrase.of("plan.cycle.step", id=task.id))
            steps.append(Phrase.of("plan.cycle.part_of" if rollup else "plan.cycle.then"))
        first = plan.tasks[cycle[0][0]]
        steps.append(Phrase.of("plan.cycle.step", id=first.id))
        errors.append(Diagnostic.said(
            "cycle", "plan.cycle",
            first.location if first.location.file else where(first.id, "id"), task=first.id,
            chain=tuple(steps)))
    return errors


def _check_percent(text: str) -> float:
    """A share limit of `check:`: 0 to 100 percent, `5` or `5%`."""
    value = parse_non_negative(text.strip().removesuffix("%"), "percent")
    if value > 100:
        raise Invalid("plan.check_percent", text=text)
    return value


def _check_index(text: str) -> float:
    """CPLI or BEI: a ratio (`0.95`) or a percent (`95%`), from 0 to 10."""
    t = text.strip()
    value = parse_non_negative(t.removesuffix("%"), "index")
    value = value / 100 if t.endswith("%") else value
    if value > 10:
        raise Invalid("plan.check_index", text=text)
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
        raise Invalid("plan.check_delay")
    return value
