"""A plan folder opened once: plan, calendar, snapshots and baseline, and the workflow on them.

The rules that say which inputs count live here, once: which snapshot a data date picks,
which baseline applies when none is saved, and which out-of-sequence logic a forecast uses.
Every command, test and script goes through this class.
"""

from __future__ import annotations

import errno
import math
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from planner.analysis.baseline import from_schedule
from planner.domain.baseline import FILE as BASELINE_FILE
from planner.domain.baseline import Baseline, Change, changes
from planner.domain.calendar import Calendar
from planner.domain.diagnostics import (
    Alternatives,
    ArgumentError,
    Diagnostic,
    Location,
    Phrase,
    PlanError,
    Severity,
    Suggestions,
)
from planner.domain.model import (
    DISTRIBUTIONS,
    MAX_ITERATIONS,
    MAX_SEED,
    OUT_OF_SEQUENCE,
    Plan,
    Spread,
)
from planner.domain.progress import MEASURES, Snapshot, accumulate, in_form
from planner.domain.sent import FOLDER as SENT_FOLDER
from planner.domain.sent import Sent, SentForm
from planner.domain.values import FIRST_YEAR, LAST_YEAR
from planner.engine.schedule import Schedule, plan_calendar, schedule
from planner.i18n.labels import label
from planner.planfiles import undo
from planner.planfiles.baseline import load_baseline, to_yaml
from planner.planfiles.plan import load_plan
from planner.planfiles.sent import load_sent
from planner.planfiles.sent import path_for as sent_path
from planner.planfiles.sent import to_yaml as sent_yaml
from planner.planfiles.snapshots import load_snapshot, load_snapshots
from planner.support.safewrite import (
    OutputError,
    create_new,
    folder_lock,
    leads_outside,
    write_atomic,
)
from planner.support.sanitize import excerpt

if TYPE_CHECKING:  # what only some commands need is imported where it is used
    from planner.analysis.check import Check
    from planner.analysis.diff import Diff
    from planner.analysis.outstanding import Outstanding
    from planner.analysis.risk import Risk
    from planner.analysis.tracking import TaskStatus, Tracking
    from planner.analysis.trend import Trend


@dataclass(frozen=True)
class Review:
    """What a meeting page shows at a data date: the schedule, and progress when recorded."""

    schedule: Schedule  # the forecast at the snapshot, or the plan's own schedule
    tracking: Tracking | None  # None: no snapshot (or the plan alone was asked for)
    history: tuple[Tracking, ...]  # every snapshot up to this one, oldest first
    trend: Trend | None = None  # the milestone trend over ``history``; None without progress


@dataclass(frozen=True)
class Pack:
    """Everything the meeting pack shows at a data date, computed: a renderer only formats it."""

    tracking: Tracking  # the review at the data date
    risk: Risk  # the Monte Carlo from that date
    history: tuple[Tracking, ...]  # every snapshot up to it, oldest first
    trend: Trend  # the milestone trend over ``history``
    check: Check  # the schedule assessment at that date

    @property
    def changes(self) -> Diff | None:
        """What changed since the report before (None at the first report)."""
        if len(self.history) < 2:
            return None
        from planner.analysis.diff import diff

        return diff(self.history[-2], self.history[-1])


# The first line of a snapshot that `planner collect` made from progress forms (the rest of
# the line, in the plan's language, is the label form.collect.made_by): later forms of its
# date merge into it.
COLLECTED = "# planner collect"
FUTURE_DAYS = 31  # a data date this far ahead of today is more likely a typo than a plan
# A data date more than this many calendar days before the plan's start, or after both the
# end of its period and its latest snapshot, is more likely a mistyped year (or a forgotten
# --at) than a report: a quarter is room for reports on carried-over work before the period
# and for a late project's reports after it (each within a quarter of the one before).
PLAN_MARGIN = 90


@dataclass(frozen=True)
class Recorded:
    """The outcome of recording progress in a snapshot file."""

    path: Path
    created: bool  # the file is new
    written: bool  # False: nothing changed (or a dry run)
    before: Snapshot | None  # the cumulative state at that date before, None without one
    after: Snapshot  # the cumulative state with the new entries
    text: str  # the file's new text
    warnings: tuple[Diagnostic, ...]  # reports the new entries take back (not `correct`),
    # and, when forced, why the data date is unlikely (`far_dates`)


@dataclass(frozen=True)
class BaselineUpdate:
    """The outcome of saving the baseline."""

    path: Path
    baseline: Baseline
    changes: tuple[Change, ...]  # against the saved baseline; empty when new or unchanged
    existed: bool
    written: bool
    problems: tuple[Diagnostic, ...] = ()  # what was wrong with a replaced baseline.yaml


class Project:
    """A plan with its snapshots and baseline; each file is read once, results are cached."""

    def __init__(self, plan: Plan, planned: Plan | None = None) -> None:
        self.plan = plan
        # the plan whose schedule is the baseline when none is saved: the plan itself, or,
        # for a plan held to the forecasts of other plans' tasks (`Plan.external`), the same
        # plan held to their planned dates
        self.planned = planned if planned is not None else plan
        self._trackings: dict[tuple[Path | None, date, str], Tracking] = {}
        self._sent: dict[date, Sent | None] = {}
        _room_for_baseline(plan)

    @classmethod
    def open(cls, path: str | Path) -> Project:
        """Open a plan folder (or its plan.yaml); raises PlanError with every problem found
        (a path that cannot name a file at all, with a NUL byte or too long, among them)."""
        return cls(load_plan(_usable(path)))

    @property
    def folder(self) -> Path:
        return self.plan.folder or Path(".")

    @property
    def inputs(self) -> tuple[Path, ...]:
        """The plan's own files and folders, which no output may replace (the undo journal,
        .planner/, among them)."""
        paths = [self.folder / BASELINE_FILE, self.folder / "status", self.folder / SENT_FOLDER,
                 self.folder / ".planner"]
        return (self.plan.path, *paths) if self.plan.path else tuple(paths)

    def _inputs_but(self, record: Path) -> tuple[Path, ...]:
        """The plan's input files other than ``record``, one of its own records being
        rewritten: a link in its place may lead elsewhere (a shared approved baseline), never
        into the plan, its baseline or another snapshot."""
        status = self.folder / "status"  # listed, not read: a broken snapshot must not block
        snapshots = [*status.glob("*.yaml"), *status.glob("*.yml")] if status.is_dir() else []
        files = [self.plan.path, self.folder / BASELINE_FILE, *snapshots]
        return tuple(p for p in files if p is not None and p != record)

    # -- inputs ------------------------------------------------------------------------------

    @cached_property
    def calendar(self) -> Calendar:
        return plan_calendar(self.plan)

    @cached_property
    def _reports(self) -> tuple[tuple[Snapshot, ...], tuple[Snapshot, ...], tuple[Diagnostic, ...]]:
        raw = load_snapshots(self.plan)
        cumulative, warnings = accumulate(raw)
        return tuple(raw), tuple(cumulative), tuple(warnings)

    @property
    def snapshots(self) -> tuple[Snapshot, ...]:
        """Every status snapshot of the folder, oldest first, earlier reports carried
        forward into later ones."""
        return self._reports[1]

    @property
    def snapshot_warnings(self) -> tuple[Diagnostic, ...]:
        """Reports that go back on earlier ones (lower percent, a finish taken back, …)."""
        return self._reports[2]

    @cached_property
    def saved_baseline(self) -> Baseline | None:
        """baseline.yaml when the folder has one."""
        path = self.folder / BASELINE_FILE
        if not (path.exists() or path.is_symlink()):
            return None
        return load_baseline(path, self.plan)

    @property
    def baseline(self) -> Baseline:
        """The approved baseline; without baseline.yaml, the plan's own schedule."""
        if self.saved_baseline is not None:
            return self.saved_baseline
        if self.planned is self.plan:
            return from_schedule(self.schedule())
        return from_schedule(schedule(self.planned, self.calendar))

    def logic(self, logic: str | None = None) -> str:
        """The out-of-sequence rule: as asked, else the plan's `out_of_sequence`."""
        if logic is not None and logic not in OUT_OF_SEQUENCE:
            raise ArgumentError.said("argument.logic", value=repr(logic),
                                     choices=Alternatives(tuple(OUT_OF_SEQUENCE)))
        return logic or self.plan.out_of_sequence

    def snapshot(self, at: date | None = None) -> Snapshot | None:
        """The latest snapshot dated on or before ``at`` (the latest of all without it)."""
        eligible = [s for s in self.snapshots if at is None or s.date <= at]
        return eligible[-1] if eligible else None

    def require_snapshot(self, at: date | None = None) -> Snapshot:
        found = self.snapshot(at)
        if found is None:
            raise PlanError([Diagnostic.said(
                "no-snapshot", "project.no_snapshot.at" if at else "project.no_snapshot",
                Location(str(self.folder / "status")), at=at, folder=self.folder / "status")])
        return found

    def read_snapshot(self, path: str | Path) -> Snapshot:
        """One snapshot file named by the user, checked against the plan, with the folder's
        earlier reports carried forward into it."""
        own = load_snapshot(Path(path), self.plan)
        earlier = [s for s in self._reports[0] if s.date < own.date]
        return accumulate([*earlier, own])[0][-1]

    def previous(self, snapshot: Snapshot) -> Snapshot | None:
        earlier = [s for s in self.snapshots if s.date < snapshot.date]
        return earlier[-1] if earlier else None

    def sent(self, day: date) -> Sent | None:
        """The forms sent out for the data date ``day`` (sent/DAY.yaml), None when
        `planner forms` recorded none for it."""
        if day not in self._sent:
            path = sent_path(self.folder, day)
            found = path.exists() or path.is_symlink()
            self._sent[day] = load_sent(path, self.plan, day) if found else None
        return self._sent[day]

    def sent_dates(self) -> list[date]:
        """The data dates sent/ records forms for (its files named YYYY-MM-DD.yaml)."""
        folder = self.folder / SENT_FOLDER
        try:
            names = sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []
        except OSError:
            return []
        days = []
        for name in names:
            try:
                days.append(date.fromisoformat(name))
            except ValueError:
                continue  # not a file `planner forms` writes: never read
        return days

    def outstanding(self, day: date, snapshot: Snapshot | None = None,
                    returned: Iterable[str | None] = (),
                    ) -> tuple[Outstanding, ...] | None:
        """The units whose form for ``day`` is not back (the list to chase, 催报名单), each
        with its tasks still awaited; None when no forms were recorded as sent for that
        day. ``snapshot``: the cumulative state to judge by (a collect's result, dry run
        or not), else the latest snapshot on or before ``day``; ``returned``: owners whose
        form is to be taken as back besides those recorded (a dry run's)."""
        from planner.analysis.outstanding import outstanding

        sent = self.sent(day)
        if sent is None:
            return None
        sent = sent.returned_by(returned, date.today())
        return outstanding(self.plan, sent, snapshot or self.snapshot(day))

    def record_returned(self, day: date, owners: Iterable[str | None],
                        when: date | None = None) -> Sent | None:
        """Record in sent/DAY.yaml that the forms of ``owners`` for the data date ``day``
        came back (``returned: when``, default today; a form recorded back before keeps
        its day). Receipt is a fact about the form: a unit that returns its form saying
        nothing moved has reported, though no entry of its tasks changed. None, and
        nothing written, when no forms were recorded as sent for ``day``. Written
        atomically under the folder's lock and journalled for `planner undo`."""
        path = sent_path(self.folder, day)
        back = list(owners)
        with folder_lock(self.folder):  # read what is there under it: another may write
            self._sent.pop(day, None)
            old = self.sent(day)
            if old is None:
                return None
            new = replace(old.returned_by(back, when or date.today()), path=path)
            if new.forms != old.forms:
                with undo.change(self.folder, "returned") as journal:
                    journal.expect([path])
                    write_atomic(path, sent_yaml(new), self._inputs_but(path),
                                 own=self.folder)
                self._trackings.clear()
            self._sent[day] = new
        return new

    # -- results -----------------------------------------------------------------------------

    def schedule(self) -> Schedule:
        """The plan's own schedule, no progress applied."""
        return self._schedule

    @cached_property
    def _schedule(self) -> Schedule:
        result = schedule(self.plan, self.calendar)
        _within_years(result)  # before any forecast, review or simulation is built on it
        return result

    def track(self, at: date | None = None, logic: str | None = None,
              snapshot: Snapshot | None = None) -> Tracking:
        """The review at a data date: the snapshot picked by ``at`` (or the one given)."""
        from planner.analysis.tracking import track

        snap = snapshot or self.require_snapshot(at)
        rule = self.logic(logic)
        key = (snap.path, snap.date, rule)
        if key not in self._trackings:
            self._trackings[key] = track(self.plan, self.baseline, snap, self.previous(snap),
                                         rule, self.calendar, self.sent(snap.date))
        return self._trackings[key]

    def history(self, at: date | None = None, logic: str | None = None) -> tuple[Tracking, ...]:
        """The tracking of every snapshot up to ``at``, oldest first (S-curves, trends)."""
        return tuple(self.track(logic=logic, snapshot=s) for s in self.snapshots
                     if at is None or s.date <= at)

    def review(self, at: date | None = None, logic: str | None = None,
               plan_only: bool = False) -> Review:
        """The schedule and progress a meeting page shows at ``at``."""
        picked = None if plan_only else self.snapshot(at)
        if picked is None:
            return Review(self.schedule(), None, ())
        history = self.history(picked.date, logic)
        return Review(history[-1].forecast, history[-1], history,
                      self.trend(picked.date, logic))

    def pack(self, at: date | None = None, iterations: int | None = None,
             seed: int | None = None, distribution: str | None = None,
             logic: str | None = None, progress: Callable[[int], None] | None = None,
             band: tuple[Spread, Spread] | None = None) -> Pack:
        """The meeting pack at the snapshot ``at`` picks: the review, the risk from it, the
        milestone trend and the schedule check (the options as for ``simulate``)."""
        t = self.track(at, logic)
        risk = self.simulate(t.date, iterations, seed, distribution, logic, progress, band)
        return Pack(t, risk, self.history(t.date, logic), self.trend(t.date, logic),
                    self.check(t.date, logic))

    def simulate(self, at: date | None = None, iterations: int | None = None,
                 seed: int | None = None, distribution: str | None = None,
                 logic: str | None = None,
                 progress: Callable[[int], None] | None = None,
                 band: tuple[Spread, Spread] | None = None) -> Risk:
        """Monte Carlo from the snapshot picked by ``at`` (from the plan start without one)."""
        if distribution is not None and distribution not in DISTRIBUTIONS:
            raise ArgumentError.said("argument.distribution", value=repr(distribution),
                                     choices=Alternatives(tuple(DISTRIBUTIONS)))
        if iterations is not None and (isinstance(iterations, bool) or not isinstance(
                iterations, int) or not 1 <= iterations <= MAX_ITERATIONS):
            raise ArgumentError.said("argument.iterations", most=f"{MAX_ITERATIONS:,}",
                                     value=repr(iterations))
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)
                                 or not SEEDS[0] <= seed <= SEEDS[1]):
            raise ArgumentError.said("argument.seed", value=repr(seed))
        snap = self.snapshot(at)
        rule = self.logic(logic)
        from planner.analysis.risk import simulate

        t = self.track(logic=rule, snapshot=snap) if snap else None
        return simulate(self.plan, snap, iterations, seed, rule, progress=progress,
                        distribution=distribution, band=band, calendar=self.calendar,
                        deterministic=t.forecast if t else self.schedule(),
                        rested=t.rested or None if t else None)

    def check(self, at: date | None = None, logic: str | None = None) -> Check:
        """The DCMA schedule assessment of the plan, at the snapshot ``at`` picks when there
        is one (the metrics that need progress are not applicable without)."""
        from planner.analysis.check import assess

        snap = self.snapshot(at)
        t = self.track(logic=logic, snapshot=snap) if snap is not None else None
        return assess(self.plan, self.schedule(), t, self.logic(logic))

    def trend(self, at: date | None = None, logic: str | None = None) -> Trend:
        """Every milestone's and deadline's forecast finish at each report up to ``at``."""
        from planner.analysis.trend import trend

        return trend(self.plan, self.baseline, self.history(at, logic), self.calendar)

    def diff(self, since: date, until: date | None = None, logic: str | None = None) -> Diff:
        """What changed between the snapshots picked by ``since`` and ``until``."""
        from planner.analysis.diff import diff

        before, after = self.track(since, logic), self.track(until, logic)
        if before.date >= after.date:
            raise PlanError([Diagnostic.said(
                "diff-dates", "project.diff_dates", Location(str(self.folder / "status")),
                before=before.date, after=after.date)])
        return diff(before, after)

    # -- writing -----------------------------------------------------------------------------

    def save_baseline(self, force: bool = False, saved: date | None = None) -> BaselineUpdate:
        """Save the plan's schedule as baseline.yaml.

        An existing baseline is replaced only with ``force`` (the update lists what would
        change either way); with ``force`` a corrupt or foreign one is replaced too, and the
        update says what was wrong with it.
        """
        if saved is not None:
            _in_years(saved, Phrase.of("argument.what.approval"))
        path = self.folder / BASELINE_FILE
        with folder_lock(self.folder):  # one writer at a time; read what is there under it
            self.__dict__.pop("saved_baseline", None)
            return self._save_baseline(path, force, saved)

    def _save_baseline(self, path: Path, force: bool, saved: date | None) -> BaselineUpdate:
        new = from_schedule(self.schedule(), saved or date.today())
        problems: tuple[Diagnostic, ...] = ()
        try:
            old = self.saved_baseline
        except PlanError as exc:
            if not force:
                raise
            old, problems = None, exc.diagnostics
        lines = tuple(changes(old, new)) if old is not None else ()
        if old is not None and not (force and (lines or new.saved != old.saved)):
            return BaselineUpdate(path, old, lines, True, False, problems)
        with undo.change(self.folder, "baseline") as journal:
            journal.expect([path])
            if old is None and not problems:
                if not create_new(path, to_yaml(new), self._inputs_but(path), own=self.folder):
                    raise OutputError.said("output.changed", path=path)
            else:
                write_atomic(path, to_yaml(new), self._inputs_but(path), own=self.folder)
        self.__dict__["saved_baseline"] = new
        self._trackings.clear()
        return BaselineUpdate(path, new, lines, old is not None or bool(problems), True, problems)

    def record(self, day: date, entries: Mapping[str, Mapping[str, object]],
               existing: str = "edit", dry_run: bool = False,
               cells: Mapping[str, Mapping[str, Location]] | None = None, *,
               force: bool = False) -> Recorded:
        """Record progress at ``day`` in its snapshot file (status/DAY.yaml unless a snapshot
        of that date has another name), keeping the file's comments and layout.

        ``existing``: "edit" merges into a snapshot already there, "refuse" raises PlanError
        when there is one, "forms" (progress forms collected) merges into one that forms
        were collected into (its first line says so, COLLECTED) and refuses any other, and
        marks a new one so. ``cells``: where each entry's values were read (task -> field
        -> a form's cell): a warning about such a value is said of that cell. The new file
        is checked by the loader before it is written; a bad value raises PlanError and
        leaves the file as it was. Writers of one plan folder take turns (``folder_lock``),
        each reading the snapshots afresh, so two records at once both land.

        A data date `far_dates` finds unlikely (a mistyped year) raises PlanError unless
        ``force``; forced, the result's warnings say why it was unlikely. A write is
        journalled for `planner undo` (planfiles/undo.py).
        """
        _in_years(day, Phrase.of("argument.what.data_date"))
        _checked_entries(entries)
        if existing not in ("edit", "refuse", "forms"):
            raise ArgumentError.said("argument.existing", value=repr(existing))
        if dry_run:
            return self._record(day, entries, existing, dry_run, cells or {}, force)
        with folder_lock(self.folder):
            self.__dict__.pop("_reports", None)  # what another writer recorded meanwhile
            self._trackings.clear()
            return self._record(day, entries, existing, dry_run, cells or {}, force)

    def _record(self, day: date, entries: Mapping[str, Mapping[str, object]],
                existing: str, dry_run: bool,
                cells: Mapping[str, Mapping[str, Location]], force: bool) -> Recorded:
        from planner.planfiles import statusfile

        unknown = [t for t in entries if t not in self.plan.index]
        if unknown:
            suggest = Suggestions()
            raise PlanError([Diagnostic.said(
                "unknown-task", "project.unknown_task.close" if (close := suggest.closest(
                    t, self.plan.index)) else "project.unknown_task",
                Location(str(self.plan.path)), task=t, id=excerpt(t), close=close)
                for t in unknown])
        raw = list(self._reports[0])
        path = statusfile.path_for(self.plan, raw, day)
        far = self.far_dates(day, path)
        if far and not force:
            raise PlanError(far)
        created = not path.exists()
        before = self.snapshot(day)
        own = next((s for s in raw if s.date == day), None)
        entries = {t: self._seeded(t, fields, own, before) for t, fields in entries.items()}
        collected = existing == "forms" and not created and \
            statusfile.current_text(path).startswith(COLLECTED)
        if not created and existing in ("refuse", "forms") and not collected:
            raise PlanError([Diagnostic.said("exists", "project.snapshot_exists",
                                             Location(str(path)), day=day)])
        text = statusfile.merged_text(self.plan, path, day, entries, own)
        if created and existing == "forms":  # later forms of this date merge into it
            text = label("form.collect.made_by", self.plan.lang or "en", day=day) + "\n" + text
        new = statusfile.checked(self.plan, path, text)
        earlier = [s for s in raw if s.date < day]
        cumulative, warnings = accumulate([*earlier, new])
        fresh = [in_form(w, cells) for w in warnings
                 if w.location.file == str(path) and w.task in entries]
        changed = created or text != statusfile.current_text(path)
        if changed and not dry_run:
            with undo.change(self.folder, "record") as journal:
                journal.expect([path])  # before status/ is made: a folder it made goes too
                path.parent.mkdir(exist_ok=True)
                write_atomic(path, statusfile.in_its_layout(path, text),
                             self._inputs_but(path), own=self.folder)
            self.__dict__.pop("_reports", None)
            self._trackings.clear()
        forced = tuple(replace(d, severity=Severity.WARNING, hint="") for d in far)
        return Recorded(path, created, changed and not dry_run, before, cumulative[-1], text,
                        (*fresh, *forced))

    def far_dates(self, day: date, path: Path | None = None, today: date | None = None,
                  ) -> tuple[Diagnostic, ...]:
        """Why ``day`` is an unlikely data date to record progress at, as errors: more than
        FUTURE_DAYS after ``today`` (progress is reported, not foretold), more than
        PLAN_MARGIN days before the plan's start, or more than PLAN_MARGIN days after both
        the end of its period (its `finish:`, else its schedule's) and its latest
        snapshot. Every later review takes the latest snapshot: one dated years off turns
        the whole plan into "hundreds of working days past its period"."""
        where = Location(str(path) if path else str(self.folder / "status"))
        found = list(self.future(day, path, today, Severity.ERROR))
        early = (self.plan.start - day).days
        if early > PLAN_MARGIN:
            found.append(Diagnostic.said("date", "update.date_before_plan", where, day=str(day),
                                         days=early, start=str(self.plan.start)))
        latest = self._reports[0][-1].date if self._reports[0] else None
        if day > (self.plan.finish or self.plan.start) + timedelta(PLAN_MARGIN) and not (
                latest is not None and day <= latest + timedelta(PLAN_MARGIN)):
            end = self.plan.finish or self.schedule().finish  # computed only when needed
            late = (day - max(end, latest or end)).days
            if late > PLAN_MARGIN:
                found.append(Diagnostic.said("date", "update.date_after_plan", where,
                                             day=str(day), days=late, end=str(end)))
        return tuple(found)

    def record_forms(self, day: date, owners: Sequence[str] | None = None,
                     made: date | None = None) -> Sent:
        """Record in sent/DAY.yaml the forms made for the data date ``day``: for each unit
        (``owners`` as `planner forms --owner` names them, else every unit with unfinished
        work) the tasks its form asks about (analysis.outstanding.asked). A unit's form made
        again replaces its earlier record; the other units' stay. Written atomically."""
        from planner.analysis.outstanding import asked

        _in_years(day, Phrase.of("argument.what.data_date"))
        wanted = asked(self.plan, self.snapshot(day))
        chosen = list(wanted) if owners is None else self._owners(owners)
        forms = [SentForm(o, wanted.get(o, ()), made or date.today()) for o in chosen]
        path = sent_path(self.folder, day)
        with folder_lock(self.folder):  # one writer at a time; read what is there under it
            self._sent.pop(day, None)
            self._trackings.clear()
            old = self.sent(day) or Sent(self.plan.id, day, ())
            new = replace(old.with_forms(forms), path=path)
            path.parent.mkdir(exist_ok=True)
            write_atomic(path, sent_yaml(new), self._inputs_but(path), own=self.folder)
            self._sent[day] = new
        return new

    def _owners(self, names: Sequence[str]) -> list[str | None]:
        """The plan's owners that form names (`planner forms --owner`) stand for: an owner's
        name, or the words the forms use for "no owner" (either language)."""
        from planner.i18n.labels import label

        owners = {t.owner for t in self.plan.tasks}
        nobody = {label("form.no_owner", lang) for lang in ("zh", "en")}
        unknown = [n for n in names if n not in owners and n not in nobody]
        if unknown:
            raise ArgumentError(f"the plan has no owner {excerpt(unknown[0])!r}")
        return list(dict.fromkeys(n if n in owners else None for n in names))

    @staticmethod
    def future(day: date, path: Path | None = None, today: date | None = None,
               severity: Severity = Severity.WARNING) -> tuple[Diagnostic, ...]:
        """A finding when ``day``, a data date progress is recorded at, lies more than
        FUTURE_DAYS after ``today``: progress is reported, not foretold, and every later
        review would take that snapshot as the latest."""
        ahead = (day - (today or date.today())).days
        if ahead <= FUTURE_DAYS:
            return ()
        return (Diagnostic.said("date", "update.date_ahead", Location(str(path) if path else ""),
                                severity=severity, day=str(day), days=ahead),)

    @staticmethod
    def fails(tracking: Tracking, shown: Iterable[TaskStatus], severity: str,
              whole_plan: bool = True) -> bool:
        """The `--fail-on` rule of a review: True when a task of ``shown`` has a flag of
        ``severity`` or worse, or, reviewing the ``whole_plan`` (not one owner's or one
        flag's tasks), when the forecast passes the plan's period, which is as grave as a
        missed deadline."""
        from planner.domain.flags import SEVERITIES, FlagSeverity

        if severity not in SEVERITIES:
            raise ArgumentError.said("argument.severity", value=repr(severity),
                                     choices=Alternatives(tuple(SEVERITIES), ", "))
        worst = max((s.severity for s in shown), default=-1)
        if whole_plan and tracking.overrun:
            worst = max(worst, FlagSeverity.HIGH.rank)
        return worst >= FlagSeverity(severity).rank

    @staticmethod
    def _seeded(task_id: str, fields: Mapping[str, object], own: Snapshot | None,
                before: Snapshot | None) -> Mapping[str, object]:
        """The fields to write for one task: what was asked, on top of the task's latest
        report when this snapshot has no entry of its own yet (an entry replaces the whole
        report), and without the measures the new ones make stale."""
        out: dict[str, object] = {}
        earlier = before.of(task_id) if before is not None else None
        if earlier is not None and not (own is not None and task_id in own.progress):
            out = {k: getattr(earlier, k) for k in MEASURES if getattr(earlier, k) is not None}
        stale: set[str] = set()
        if {"percent", "done", "remaining"} & fields.keys():  # one measure says it all
            stale |= {"percent", "done", "remaining"} - fields.keys()
        if fields.get("finished") is not None:  # done: nothing remains, it is 100%
            stale |= {"remaining", "percent"} - fields.keys()
        out.update(dict.fromkeys(stale))
        out.update(fields)
        return out

    # -- checking ----------------------------------------------------------------------------

    @classmethod
    def diagnose(cls, path: str | Path) -> tuple[Diagnostic, ...]:
        """Every problem of a plan folder: plan.yaml, its snapshots and baseline.yaml.

        Errors and warnings together, in file order; nothing is raised for the user's mistakes.
        """
        try:
            project = cls.open(path)
        except PlanError as exc:
            return exc.diagnostics
        return project.problems()

    def problems(self) -> tuple[Diagnostic, ...]:
        """Every problem of this opened folder's schedule, snapshots and baseline.yaml,
        errors and warnings together; nothing is raised for the user's mistakes."""
        project = self
        try:
            found: list[Diagnostic] = list(project.schedule().diagnostics)
        except PlanError as exc:
            return exc.diagnostics
        try:
            found.extend(project.snapshot_warnings)
        except PlanError as exc:
            found.extend(exc.diagnostics)
        try:
            base = project.saved_baseline
        except PlanError as exc:
            found.extend(exc.diagnostics)
        else:
            found.extend(base.warnings if base else ())
        for day in project.sent_dates():
            try:
                project.sent(day)
            except PlanError as exc:
                found.extend(exc.diagnostics)
        return tuple(found)


SEEDS = (0, MAX_SEED)  # the seeds numpy takes, as `--seed` does
FIELDS: dict[str, tuple[type, ...]] = {  # what `record` takes for each field
    "started": (date,), "finished": (date,), "percent": (int, float), "done": (int, float),
    "remaining": (int, float), "spent": (int, float), "note": (str,), "correct": (bool,)}


_BASELINE_START = re.compile(r"\bstart:\s*['\"]?(\d{4})-\d{1,2}-\d{1,2}")


def _room_for_baseline(plan: Plan) -> None:
    """A re-planned project keeps its approved baseline, which may start years before the
    plan's new earliest start: the calendar then begins a year before the baseline's
    earliest start instead (Jan 1), so its dates are read and compared, not refused."""
    folder = plan.folder
    path = folder / BASELINE_FILE if folder is not None else None
    if path is None or not path.is_file() or leads_outside(path, path.parent):
        return
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read(64 * 2**20)
    except OSError:
        return  # the loader says why, when the baseline is read
    years = [int(m.group(1)) for m in _BASELINE_START.finditer(text)]
    earliest = min(years, default=plan.calendar_origin.year + 1)
    if FIRST_YEAR < earliest <= plan.calendar_origin.year:
        plan.__dict__["calendar_origin"] = date(earliest - 1, 1, 1)


def _within_years(result: Schedule) -> None:
    """Refuse a plan whose schedule leaves the supported years (1900–2200): a chain of
    100,000 tasks running 400 years is a mistake, and every review of it would take
    minutes. The message names the first task that passes the limit, at its line."""
    last = date(LAST_YEAR, 12, 31)
    if result.finish <= last and result.start.year >= FIRST_YEAR:
        return
    past = [t for t in result.tasks if t.finish > last]
    first = min(past, key=lambda t: (t.finish, t.start)) if past else result.tasks[0]
    task = result.plan.task(first.id)
    raise PlanError([Diagnostic.said(
        "span", "project.span", task.location, task=first.id, finish=result.finish,
        first=FIRST_YEAR, last=LAST_YEAR, id=excerpt(first.id), end=last,
        task_finish=first.finish)])


def _usable(path: str | Path) -> Path:
    """``path`` when the system can look it up; else PlanError saying why not (a NUL byte
    in it, a name too long), quoting at most 40 characters of it."""
    text = os.fspath(path)
    where = Location(excerpt(str(text)))
    if "\x00" in str(text):
        raise PlanError([Diagnostic.said("file", "project.path_nul", where)])
    try:
        os.stat(text)
    except (FileNotFoundError, NotADirectoryError):
        pass  # the loader says so, with its hint
    except (OSError, ValueError) as exc:
        raise PlanError([Diagnostic.said("file", "project.path_long", where)
                         if getattr(exc, "errno", None) == errno.ENAMETOOLONG else
                         Diagnostic.said("file", "project.path_unreadable", where,
                                         reason=getattr(exc, "strerror", None) or str(exc))]
                        ) from None
    return Path(text)


def _in_years(day: object, what: Phrase) -> date:
    if not isinstance(day, date):
        raise ArgumentError.said("argument.not_date", what=what, type=type(day).__name__)
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ArgumentError.said("argument.years", what=what, day=day, first=FIRST_YEAR,
                                 last=LAST_YEAR)
    return day


def _checked_entries(entries: object) -> None:
    """Refuse what `record` cannot write: fields it does not know, values of the wrong type."""
    if not isinstance(entries, Mapping):
        raise ArgumentError.said("argument.entries")
    for task_id, fields in entries.items():
        if not isinstance(task_id, str) or not isinstance(fields, Mapping):
            raise ArgumentError.said("argument.entries.types")
        for key, value in fields.items():
            kinds = FIELDS.get(key) if isinstance(key, str) else None
            if kinds is None:
                raise ArgumentError.said("argument.field", name=repr(excerpt(str(key))),
                                         id=repr(excerpt(task_id)), fields=", ".join(FIELDS))
            if value is None:
                continue
            if (isinstance(value, bool) and bool not in kinds) or not isinstance(value, kinds):
                raise ArgumentError.said("argument.field_type", name=key,
                                         id=repr(excerpt(task_id)),
                                         kinds=Alternatives(tuple(k.__name__ for k in kinds)),
                                         type=type(value).__name__)
            if isinstance(value, date):
                _in_years(value, Phrase.of("argument.what.field", name=key,
                                           id=repr(excerpt(task_id))))
            if isinstance(value, float) and not math.isfinite(value):
                raise ArgumentError.said("argument.finite", name=key,
                                         id=repr(excerpt(task_id)))


def has_errors(diagnostics: tuple[Diagnostic, ...]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)

