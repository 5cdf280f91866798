"""The approved baseline: planned dates and budgets as they were signed off."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

from planner.diagnostics import Diagnostic, Location, PlanError, Severity
from planner.model import Plan
from planner.parse import date_in_plan, number_text, parse_count, parse_date, parse_number
from planner.schedule import Schedule
from planner.yamlreader import Reader, is_null, load_document

FILE = "baseline.yaml"
TASK_KEYS = ("start", "finish", "duration", "budget")


@dataclass(frozen=True, slots=True)
class BaselineTask:
    start: date
    finish: date
    duration: int
    budget: float | None = None


@dataclass(frozen=True)
class Baseline:
    """Planned start, finish, duration and budget per task id."""

    plan: str
    tasks: Mapping[str, BaselineTask]
    saved: date | None = None  # None: the plan's own no-progress schedule
    path: Path | None = None
    warnings: tuple[Diagnostic, ...] = field(default=(), compare=False)

    def of(self, task_id: str) -> BaselineTask | None:
        return self.tasks.get(task_id)


def from_schedule(s: Schedule, saved: date | None = None) -> Baseline:
    tasks = {
        d.id: BaselineTask(d.start, d.finish, d.duration, s.plan.task(d.id).budget)
        for d in s.tasks
    }
    return Baseline(s.plan.id, tasks, saved)


def baseline_path(plan: Plan) -> Path | None:
    return plan.folder / FILE if plan.folder else None


def to_yaml(b: Baseline) -> str:
    """The baseline.yaml text (stable order, one line per task, for readable diffs)."""
    lines = [
        f"# Approved baseline of plan {b.plan}, written by `planner baseline`.",
        "# Edit plan.yaml, not this file; re-approve with `planner baseline --force`.",
        f"plan: {b.plan}",
        f"saved: {b.saved.isoformat() if b.saved else 'null'}",
        "tasks:",
    ]
    for task_id, t in b.tasks.items():
        budget = "" if t.budget is None else f", budget: {number_text(t.budget)}"
        lines.append(f"  {task_id}: {{start: {t.start}, finish: {t.finish}, "
                     f"duration: {t.duration}{budget}}}")
    return "\n".join(lines) + "\n"


def load_baseline(path: Path, plan: Plan) -> Baseline:
    """Read baseline.yaml; tasks the plan no longer has are ignored with a warning."""
    root, display, _ = load_document(path)
    r = Reader(display)
    top = r.mapping(root, "the baseline", ("plan", "saved", "tasks"), ("plan", "tasks")) \
        if root is not None else None
    if top is None:
        r.error("empty", "the baseline file is empty", Location(display, 1, 1),
                hint="delete it and run `planner baseline` again")
        raise PlanError(r.diagnostics)
    plan_id = r.text(top["plan"][1], "plan") if "plan" in top else None
    if plan_id is not None and plan_id != plan.id:
        r.error("plan", f"this baseline is for plan '{plan_id}', not '{plan.id}'",
                top["plan"][1])
    saved = None
    if "saved" in top and not is_null(top["saved"][1]):
        saved = r.parsed(top["saved"][1], "saved", parse_date)
    warnings: list[Diagnostic] = []
    tasks: dict[str, BaselineTask] = {}
    day = date_in_plan(plan.calendar_origin)
    entries = r.mapping(top["tasks"][1], "baseline tasks", None, noun="task") \
        if "tasks" in top else None
    for task_id, (key, node) in (entries or {}).items():
        if task_id not in plan.index:
            warnings.append(Diagnostic(
                "baseline", f"baseline task '{task_id}' is no longer in the plan",
                r.loc(key), severity=Severity.WARNING, task=task_id,
                hint="re-approve the baseline with `planner baseline --force`"))
            continue
        e = r.mapping(node, f"baseline of '{task_id}'", TASK_KEYS, TASK_KEYS[:3], task_id)
        if not e or any(k not in e for k in TASK_KEYS[:3]):
            continue
        of = f"of '{task_id}'"  # the message names the task, not only its line
        start = r.parsed(e["start"][1], f"start {of}", day, task_id)
        finish = r.parsed(e["finish"][1], f"finish {of}", day, task_id)
        duration = r.parsed(e["duration"][1], f"duration {of}",
                            partial(parse_count, what="duration"), task_id)
        budget = r.parsed(e["budget"][1], f"budget {of}",
                          partial(parse_number, what="budget"), task_id) if "budget" in e \
            else None
        if start is not None and finish is not None and duration is not None:
            tasks[task_id] = BaselineTask(start, finish, duration, budget)
    if r.diagnostics:
        raise PlanError(r.diagnostics)
    return Baseline(plan_id or plan.id, tasks, saved, path, tuple(warnings))


@dataclass(frozen=True, slots=True)
class Change:
    """One task that re-approving the baseline would add, change or remove."""

    task: str
    kind: str  # added | changed | removed
    old: BaselineTask | None
    new: BaselineTask | None

    @property
    def fields(self) -> tuple[str, ...]:
        """The fields that differ (for a changed task)."""
        if self.old is None or self.new is None:
            return ()
        return tuple(k for k in TASK_KEYS if getattr(self.old, k) != getattr(self.new, k))


def changes(old: Baseline, new: Baseline) -> list[Change]:
    """What re-approving would change, task by task in plan order."""
    out = []
    for task_id, n in new.tasks.items():
        o = old.of(task_id)
        if o is None:
            out.append(Change(task_id, "added", None, n))
        elif o != n:
            out.append(Change(task_id, "changed", o, n))
    out += [Change(task_id, "removed", t, None) for task_id, t in old.tasks.items()
            if task_id not in new.tasks]
    return out


