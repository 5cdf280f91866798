"""Progress as units report it: one report per task, and snapshots at data dates."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from planner.domain.diagnostics import NOWHERE, Diagnostic, Location, Severity

# The keys of one progress entry, in the order they are written (status/*.yaml, forms):
# what a report measures, then the unit's note, then the flag that an entry corrects.
MEASURES = ("started", "finished", "percent", "done", "remaining", "spent")
REPORTED = (*MEASURES, "note")
PROGRESS_KEYS = (*REPORTED, "correct")


# Words of a note that say work under way is paused now.
PAUSE_WORDS: tuple[str, ...] = ("暂停", "paused", "on hold", "suspended")


@dataclass(frozen=True, slots=True)
class Progress:
    """What one report says of one task; ``reported`` is the data date of that report."""

    task: str
    started: date | None = None
    finished: date | None = None
    percent: float | None = None
    done: float | None = None
    remaining: int | None = None
    spent: float | None = None
    note: str | None = None
    reported: date | None = None
    correct: bool = False  # this entry corrects an earlier report: going back is intended
    location: Location = NOWHERE
    keys: Mapping[str, Location] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_started(self) -> bool:
        return self.started is not None or self.finished is not None

    def where(self, key: str) -> Location:
        return self.keys.get(key, self.location)

    @property
    def paused(self) -> bool:
        """Its note says the work is paused (暂停). The forms have no field for it: a unit
        says so in its note, and only the present-tense word counts ("停工约两周" tells of
        a stop that is over)."""
        note = (self.note or "").casefold()
        return any(word in note for word in PAUSE_WORDS)

    def measure(self) -> tuple[float | None, float | None, int | None]:
        """The progress measures, to tell whether anything moved between snapshots."""
        return (self.percent, self.done, self.remaining)


@dataclass(frozen=True)
class Snapshot:
    """Progress known up to the end of ``date``.

    Snapshots are cumulative: ``progress`` holds, per task, the latest report on or before
    ``date`` — this file's own entries (``written``) and those carried forward from earlier
    snapshots (their ``reported`` date is earlier).
    """

    plan: str
    date: date
    progress: Mapping[str, Progress]
    path: Path | None = None
    location: Location = NOWHERE
    written: frozenset[str] | None = None  # None: every entry is this file's own
    # Sample data, not facts: "" when declared with `illustrative: true`, else its note.
    # A cumulative snapshot is illustrative when any report it carries is.
    illustrative: str | None = None

    def of(self, task_id: str) -> Progress | None:
        return self.progress.get(task_id)

    def carried(self, task_id: str) -> bool:
        """True when the task's progress comes from an earlier snapshot."""
        return self.written is not None and task_id in self.progress and \
            task_id not in self.written


def accumulate(snapshots: list[Snapshot]) -> tuple[list[Snapshot], list[Diagnostic]]:
    """Each snapshot (oldest first) with earlier reports carried forward, and a warning
    for every report that goes back on an earlier one without `correct: true`."""
    state: dict[str, Progress] = {}
    sample: dict[str, str | None] = {}  # task -> the illustrative note of its report
    out: list[Snapshot] = []
    warnings: list[Diagnostic] = []
    for snap in snapshots:
        for task_id, p in snap.progress.items():
            before = state.get(task_id)
            if before is not None and not p.correct:
                warnings.extend(_backwards(before, p))
            state[task_id] = p
            sample[task_id] = snap.illustrative
        notes = [snap.illustrative, *(sample[t] for t in state if t not in snap.progress)]
        illustrative = next((n for n in notes if n is not None), None)
        out.append(replace(snap, progress=dict(state), written=frozenset(snap.progress),
                           illustrative=illustrative))
    return out, warnings


def _backwards(before: Progress, now: Progress) -> list[Diagnostic]:
    """Where ``now`` takes back what ``before`` reported."""
    found: list[tuple[str, str, dict[str, object]]] = []  # (field, message key, values)
    for key in ("percent", "done"):
        old, new = getattr(before, key), getattr(now, key)
        if old is not None and new is not None and new < old:
            found.append((key, f"lower.{key}", {"old": f"{old:g}", "new": f"{new:g}"}))
    if before.finished is not None and now.finished is None:
        found.append(("finished" if "finished" in now.keys else "started", "unfinished",
                      {"old": before.finished}))
    for key in ("started", "finished"):
        old, new = getattr(before, key), getattr(now, key)
        if old is not None and new is not None and new != old:
            found.append((key, f"moved.{key}", {"old": old, "new": new}))
    return [Diagnostic.said(
        "backwards", f"progress.{message}", now.where(key), severity=Severity.WARNING,
        task=now.task, id=now.task, field=key, fix="correct: true",
        at=before.where(key if key in before.keys else "started"), **values)
        for key, message, values in found]


def in_form(warning: Diagnostic, cells: Mapping[str, Mapping[str, Location]]) -> Diagnostic:
    """A warning of `accumulate` about a value read from a progress form, said of the form:
    at the cell ``cells`` (task -> field -> cell) says it came from, with a hint that speaks
    of the form, not of the status file's YAML. Any other warning is returned as it is."""
    values = dict(warning.values)
    row = cells.get(warning.task or "", {})
    # the cell of the field the warning is about, else (a finish taken back is told at the
    # entry's start) the first cell of the row that changed
    at = row.get(str(values.get("field"))) or next(iter(row.values()), None)
    if not warning.key.startswith("progress.") or at is None:
        return warning
    return Diagnostic.said(warning.code, f"{warning.key}.form", at, severity=warning.severity,
                           task=warning.task, **values)
