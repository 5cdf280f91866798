"""Reading status/: progress recorded at a data date, checked against the plan."""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path

import yaml

from planner.domain.diagnostics import Diagnostic, Location, PlanError
from planner.domain.model import Plan
from planner.domain.progress import PROGRESS_KEYS, Progress, Snapshot
from planner.domain.values import FALSE, TRUE, date_in_plan, parse_bool, parse_count, parse_number
from planner.planfiles.yamlreader import (
    Reader,
    is_null,
    load_document,
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
        raise PlanError([Diagnostic(
            "file", f"cannot list the folder: {exc.strerror or exc}",
            Location(str(folder / "status")),
            hint="check that the folder can be read (its permissions, or the shared drive)",
        )]) from None
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
            errors.append(Diagnostic(
                "duplicate-date", f"two snapshots have the data date {s.date}: "
                f"{first.path} and {s.path}", s.location,
                hint="keep one snapshot per data date; merge or delete the other file"))
        by_date[s.date] = s
    if errors:
        raise PlanError(errors)
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
        reader.error("date", f"data date {snapshot.date} is before any task could start "
                     f"({earliest})", snapshot.location,
                     hint="check the date; a snapshot this early records no progress")
    if reader.diagnostics or snapshot is None:
        raise PlanError(with_slip_hints(reader.diagnostics, source))
    return snapshot


def _sample_note(text: str) -> str | None:
    """`illustrative: true` -> "" (no note), `false` -> None, anything else is the note."""
    return "" if text in TRUE else None if text in FALSE else text


class _Builder:
    def __init__(self, reader: Reader, plan: Plan) -> None:
        self.r = reader
        self.plan = plan
        self.day = date_in_plan(plan.calendar_origin)

    def build(self, root: yaml.Node | None, path: Path) -> Snapshot | None:
        r = self.r
        if root is None:
            r.error("empty", "the status file is empty", Location(r.file, 1, 1),
                    hint="a snapshot needs 'plan:', 'date:' and 'progress:'")
            return None
        top = r.mapping(root, "the status file", TOP_KEYS, required=("plan", "date"))
        if top is None:
            return None
        plan_id = r.text(top["plan"][1], "plan") if "plan" in top else None
        if plan_id is not None and plan_id != self.plan.id:
            r.error("plan", f"this snapshot is for plan '{plan_id}', not '{self.plan.id}'",
                    top["plan"][1], hint="put the file in its own plan's status/ folder")
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
            illustrative = None if text is None else _sample_note(text)
        if day is None or plan_id is None:
            return None
        return Snapshot(plan_id, day, entries, path, r.loc(top["date"][0]),
                        illustrative=illustrative)

    def progress(self, task_id: str, key: yaml.Node, node: yaml.Node, day: date,
                 ) -> Progress | None:
        r, what = self.r, f"task '{task_id}'"
        task = self.plan.task(task_id)
        if task.is_summary:
            r.error("summary", f"{what} is a summary task; its progress rolls up from its "
                    "children", key, task=task_id,
                    hint="record progress on its subtasks: " + ", ".join(task.children[:5]))
            return None
        e = r.mapping(node, f"progress of {what}", PROGRESS_KEYS, task=task_id)
        if e is None:
            return None
        f: dict[str, object] = {}
        for k in ("started", "finished"):
            if k in e and not is_null(e[k][1]):
                f[k] = self.r.parsed(e[k][1], f"{k} of {what}", self.day, task_id)
        if "correct" in e and not is_null(e["correct"][1]):
            f["correct"] = self.r.parsed(e["correct"][1], f"correct of {what}",
                                         partial(parse_bool, what="correct"), task_id)
        for k in ("percent", "done", "spent"):
            if k in e and not is_null(e[k][1]):
                f[k] = self.r.parsed(e[k][1], f"{k} of {what}", partial(parse_number, what=k),
                                     task_id)
        if "remaining" in e and not is_null(e["remaining"][1]):
            f["remaining"] = self.r.parsed(e["remaining"][1], f"remaining of {what}",
                                        partial(parse_count, what="remaining"), task_id)
        if "note" in e and not is_null(e["note"][1]):
            f["note"] = r.text(e["note"][1], f"note of {what}", task_id)
        values = {k: v for k, v in f.items() if v is not None}
        where = {k: r.loc(v) for k, (_, v) in e.items()}
        progress = Progress(task_id, reported=day, location=r.loc(key), keys=where,
                            **values)  # type: ignore[arg-type]
        self.check(progress, day)
        return progress

    def check(self, p: Progress, day: date) -> None:
        r, what, task = self.r, f"task '{p.task}'", self.plan.task(p.task)

        def err(key: str, message: str, hint: str = "") -> None:
            r.error("progress", f"{what}: {message}", p.where(key), hint=hint, task=p.task)

        for k in ("started", "finished"):
            value = getattr(p, k)
            if value is not None and value > day:
                err(k, f"{k} {value} is after the data date {day}",
                    "progress is recorded up to the data date; fix the date or the file's date")
        if p.finished is not None and p.started is None:
            err("finished", "has 'finished' but no 'started'", "add 'started: YYYY-MM-DD'")
        if p.started and p.finished and p.finished < p.started:
            err("finished", f"finished {p.finished} before it started {p.started}",
                "swap or correct the dates")
        if p.percent is not None:
            if not 0 <= p.percent <= 100:
                err("percent", f"percent {p.percent:g} is outside 0–100")
            elif p.percent == 100 and p.finished is None:
                err("percent", "percent is 100 but the task has no 'finished' date",
                    "add 'finished: YYYY-MM-DD', or lower the percent")
            elif p.finished is not None and p.percent < 100:
                err("percent", f"finished, but percent is {p.percent:g}",
                    "a finished task is 100% done; remove 'percent'")
        if p.done is not None:
            if task.quantity is None:
                err("done", "has 'done' but the task has no 'quantity' in plan.yaml",
                    "add 'quantity: {total: N, unit: …}' to the task, or use 'percent'")
            elif not 0 <= p.done <= task.quantity.total:
                err("done", f"done {p.done:g} is outside 0–{task.quantity.total:g} "
                    f"{task.quantity.unit}".rstrip())
        if p.spent is not None and p.spent < 0:
            err("spent", f"spent {p.spent:g} is negative")
        if (p.percent or p.done or p.remaining is not None or p.spent) and not p.is_started:
            err(next(k for k in ("percent", "done", "remaining", "spent") if k in p.keys),
                "records progress but no 'started' date", "add 'started: YYYY-MM-DD'")


