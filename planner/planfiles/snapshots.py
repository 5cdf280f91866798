"""Reading status/: progress recorded at a data date, checked against the plan."""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path

import yaml

from planner.domain.diagnostics import Diagnostic, Location, PlanError
from planner.domain.model import Plan
from planner.domain.progress import PROGRESS_KEYS, Progress, Snapshot
from planner.domain.values import date_in_plan, parse_bool, parse_count, parse_number, sample_note
from planner.planfiles.yamlreader import (
    Reader,
    is_null,
    load_document,
    of_task,
    outside,
    with_slip_hints,
)
from planner.support.gcpause import without_gc
from planner.support.safewrite import leads_outside

TOP_KEYS = ("plan", "date", "progress", "illustrative")


def status_files(plan: Plan) -> list[Path]:
    """The snapshot files of status/, by name; PlanError when the folder cannot be listed."""
    folder = plan.folder
    if folder is None or not (folder / "status").is_dir():
        return []
    try:
        names = list((folder / "status").iterdir())
    except OSError as exc:  # no permission, a network share gone: said, not a traceback
        raise PlanError([Diagnostic.said("file", "status.unlistable",
                                         Location(str(folder / "status")),
                                         reason=exc.strerror or str(exc))]) from None
    return sorted(p for p in names
                  if p.suffix in (".yaml", ".yml") and not p.name.startswith("."))


def load_snapshots(plan: Plan) -> list[Snapshot]:
    """Every snapshot of a plan folder, oldest first; errors of all files together."""
    snapshots: list[Snapshot] = []
    errors: list[Diagnostic] = []
    earliest = min([plan.start, *(t.start for t in plan.tasks if t.start)])
    for path in status_files(plan):
        if _links_outside(path, plan):
            errors.append(outside(path, path.parent, "the snapshot"))
            continue
        try:
            snapshots.append(load_snapshot(path, plan, earliest))
        except PlanError as exc:
            errors.extend(exc.diagnostics)
    by_date: dict[date, Snapshot] = {}
    for s in snapshots:
        if s.date in by_date:
            first = by_date[s.date]
            errors.append(Diagnostic.said("duplicate-date", "status.duplicate_date", s.location,
                                          day=s.date, first=first.path, second=s.path))
        by_date[s.date] = s
    if errors:
        raise PlanError(errors, lang=plan.lang)
    return sorted(snapshots, key=lambda s: s.date)


def _links_outside(path: Path, plan: Plan) -> bool:
    """A snapshot whose file lies outside the plan folder (never read: its text could end up
    quoted in a message); the rule of every file of the plan, ``leads_outside``."""
    return plan.folder is not None and leads_outside(path, plan.folder)


@without_gc
def load_snapshot(path: Path, plan: Plan, earliest: date | None = None,
                  text: str | None = None) -> Snapshot:
    """Read one status file and check it against the plan.

    ``earliest`` is the first day any task could start; a snapshot dated before it that
    records no started work is refused. ``text`` checks a new version before it is written.
    """
    root, display, source = load_document(path, text)
    reader = Reader(display)
    snapshot = _Builder(reader, plan).build(root, path)
    if snapshot is not None and earliest is not None and snapshot.date < earliest and not any(
            p.is_started for p in snapshot.progress.values()):
        reader.error("date", "status.too_early", snapshot.location, day=snapshot.date,
                     earliest=earliest)
    if reader.diagnostics or snapshot is None:
        raise PlanError(with_slip_hints(reader.diagnostics, source), lang=plan.lang)
    return snapshot


class _Builder:
    def __init__(self, reader: Reader, plan: Plan) -> None:
        self.r = reader
        self.plan = plan
        self.day = date_in_plan(plan.calendar_origin)

    def build(self, root: yaml.Node | None, path: Path) -> Snapshot | None:
        r = self.r
        if root is None:
            r.error("empty", "status.empty", Location(r.file, 1, 1))
            return None
        top = r.mapping(root, "the status file", TOP_KEYS, required=("plan", "date"))
        if top is None:
            return None
        plan_id = r.text(top["plan"][1], "plan") if "plan" in top else None
        if plan_id is not None and plan_id != self.plan.id:
            r.error("plan", "status.other_plan", top["plan"][1], other=plan_id,
                    plan=self.plan.id)
        day = self.r.parsed(top["date"][1], "data date", self.day) if "date" in top else None
        entries: dict[str, Progress] = {}
        if "progress" in top and not is_null(top["progress"][1]) and day is not None:
            items = r.mapping(top["progress"][1], "progress", self.plan.index.keys(),
                              noun="task")
            for task_id, (key, value) in (items or {}).items():
                progress = self.progress(task_id, key, value, day)
                if progress is not None:
                    entries[task_id] = progress
        illustrative = None
        if "illustrative" in top and not is_null(top["illustrative"][1]):
            text = r.text(top["illustrative"][1], "illustrative")
            illustrative = None if text is None else sample_note(text)
        if day is None or plan_id is None:
            return None
        return Snapshot(plan_id, day, entries, path, r.loc(top["date"][0]),
                        illustrative=illustrative)

    def progress(self, task_id: str, key: yaml.Node, node: yaml.Node, day: date,
                 ) -> Progress | None:
        r = self.r
        task = self.plan.task(task_id)
        if task.is_summary:
            r.error("summary", "status.summary", key, task=task_id, id=task_id,
                    children=", ".join(task.children[:5]))
            return None
        e = r.mapping(node, of_task("progress", task_id), PROGRESS_KEYS, task=task_id)
        if e is None:
            return None
        f: dict[str, object] = {}
        for k in ("started", "finished"):
            if k in e and not is_null(e[k][1]):
                f[k] = self.r.parsed(e[k][1], of_task(k, task_id), self.day, task_id)
        if "correct" in e and not is_null(e["correct"][1]):
            f["correct"] = self.r.parsed(e["correct"][1], of_task("correct", task_id),
                                         partial(parse_bool, what="correct"), task_id)
        for k in ("percent", "done", "spent"):
            if k in e and not is_null(e[k][1]):
                f[k] = self.r.parsed(e[k][1], of_task(k, task_id),
                                     partial(parse_number, what=k), task_id)
        if "remaining" in e and not is_null(e["remaining"][1]):
            f["remaining"] = self.r.parsed(e["remaining"][1], of_task("remaining", task_id),
                                        partial(parse_count, what="remaining"), task_id)
        if "note" in e and not is_null(e["note"][1]):
            f["note"] = r.text(e["note"][1], of_task("note", task_id), task_id)
        values = {k: v for k, v in f.items() if v is not None}
        where = {k: r.loc(v) for k, (_, v) in e.items()}
        progress = Progress(task_id, reported=day, location=r.loc(key), keys=where,
                            **values)  # type: ignore[arg-type]
        self.check(progress, day)
        return progress

    def check(self, p: Progress, day: date) -> None:
        r, task = self.r, self.plan.task(p.task)

        def err(field: str, key: str, **values: object) -> None:
            r.error("progress", f"status.{key}", p.where(field), task=p.task, id=p.task,
                    **values)

        for k in ("started", "finished"):
            value = getattr(p, k)
            if value is not None and value > day:
                err(k, f"after_date.{k}", value=value, day=day)
        if p.finished is not None and p.started is None:
            err("finished", "finished_not_started")
        if p.started and p.finished and p.finished < p.started:
            err("finished", "finished_before_started", started=p.started, finished=p.finished)
        if p.percent is not None:
            if not 0 <= p.percent <= 100:
                err("percent", "percent_range", value=f"{p.percent:g}")
            elif p.percent == 100 and p.finished is None:
                err("percent", "percent_100")
            elif p.finished is not None and p.percent < 100:
                err("percent", "finished_percent", value=f"{p.percent:g}")
        if p.done is not None:
            if task.quantity is None:
                err("done", "done_no_quantity")
            elif not 0 <= p.done <= task.quantity.total:
                err("done", "done_range", value=f"{p.done:g}",
                    range=f"0–{task.quantity.total:g} {task.quantity.unit}".rstrip())
        if p.spent is not None and p.spent < 0:
            err("spent", "spent_negative", value=f"{p.spent:g}")
        if (p.percent or p.done or p.remaining is not None or p.spent) and not p.is_started:
            err(next(k for k in ("percent", "done", "remaining", "spent") if k in p.keys),
                "not_started")


