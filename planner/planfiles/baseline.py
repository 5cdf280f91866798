"""Reading and writing baseline.yaml."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from planner.domain.baseline import TASK_KEYS, Baseline, BaselineTask
from planner.domain.diagnostics import Diagnostic, Location, Phrase, PlanError, Severity
from planner.domain.model import Plan
from planner.domain.values import date_in_plan, number_text, parse_count, parse_date, parse_number
from planner.planfiles.yamlreader import Reader, is_null, load_document, outside
from planner.support.safewrite import leads_outside


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
    """Read baseline.yaml; tasks the plan no longer has are left out of the tracking, with
    a warning, and kept aside (`Baseline.retired`) so re-approving can say it removes them.
    A baseline.yaml that is a link out of its folder is refused unread."""
    if leads_outside(path, path.parent):  # a link out of its folder: never read
        raise PlanError([outside(path, path.parent, "the baseline")], lang=plan.lang)
    root, display, _ = load_document(path)
    r = Reader(display)
    top = r.mapping(root, "the baseline", ("plan", "saved", "tasks"), ("plan", "tasks")) \
        if root is not None else None
    if top is None:
        r.error("empty", "baseline.empty", Location(display, 1, 1))
        raise PlanError(r.diagnostics, lang=plan.lang)
    plan_id = r.text(top["plan"][1], "plan") if "plan" in top else None
    if plan_id is not None and plan_id != plan.id:
        r.error("plan", "baseline.other_plan", top["plan"][1], other=plan_id, plan=plan.id)
    saved = None
    if "saved" in top and not is_null(top["saved"][1]):
        saved = r.parsed(top["saved"][1], "saved", parse_date)
    warnings: list[Diagnostic] = []
    tasks: dict[str, BaselineTask] = {}
    retired: dict[str, BaselineTask] = {}
    day = date_in_plan(plan.calendar_origin)
    entries = r.mapping(top["tasks"][1], "baseline tasks", None, noun="task") \
        if "tasks" in top else None
    for task_id, (key, node) in (entries or {}).items():
        if task_id not in plan.index:
            warnings.append(Diagnostic.said("baseline", "baseline.gone", r.loc(key),
                                            severity=Severity.WARNING, task=task_id,
                                            id=task_id))
        kept = tasks if task_id in plan.index else retired
        e = r.mapping(node, Phrase.of("what.baseline_of", id=task_id), TASK_KEYS,
                      TASK_KEYS[:3], task_id)
        if not e or any(k not in e for k in TASK_KEYS[:3]):
            continue
        def of(name: str, task_id: str = task_id) -> Phrase:  # names the task, not its line
            return Phrase.of("what.of_baseline", name=name, id=task_id)

        start = r.parsed(e["start"][1], of("start"), day, task_id)
        finish = r.parsed(e["finish"][1], of("finish"), day, task_id)
        duration = r.parsed(e["duration"][1], of("duration"),
                            partial(parse_count, what="duration"), task_id)
        budget = r.parsed(e["budget"][1], of("budget"),
                          partial(parse_number, what="budget"), task_id) if "budget" in e \
            else None
        if start is not None and finish is not None and finish < start:
            r.error("value", "baseline.finish_before_start", e["finish"][1], task=task_id,
                    id=task_id, start=start, finish=finish)
        elif start is not None and finish is not None and duration is not None:
            kept[task_id] = BaselineTask(start, finish, duration, budget)
    if r.diagnostics:
        raise PlanError(r.diagnostics, lang=plan.lang)
    return Baseline(plan_id or plan.id, tasks, saved, path, tuple(warnings), retired)
