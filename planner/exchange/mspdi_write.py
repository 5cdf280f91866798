"""MS Project XML (MSPDI) out: plans MS Project opens and schedules to the same dates as
`planner schedule`.

The file carries the WBS (summary tasks, outline levels and numbers), durations in working
days of 8 hours, milestones, links of all four types with lags and leads, deadlines,
start-no-earlier-than constraints from `start:`, owners as resources with assignments,
budgets as fixed costs, and the project calendar with the Chinese statutory holidays and
make-up workdays (调休) of the plan's years. With a data date, also the baseline
(Baseline 0) and progress. Pure: objects in, bytes out.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from planner.domain.calendar import Calendar, china_official_days
from planner.domain.links import link_text
from planner.domain.model import Plan, Task
from planner.domain.values import number_text
from planner.engine.schedule import durations
from planner.exchange.exported import Exported
from planner.exchange.mspdi_common import (
    DAY_FINISH,
    DAY_START,
    FIELD_ID,
    FIELDS,
    LAG_DAYS,
    LINK_CODE,
    MAX_CURRENCY_SYMBOL,
    MAX_FILE_NAME,
    MAX_NAME,
    MINUTES_PER_DAY,
    NS,
    SAMPLE_MARK,
    START_NO_EARLIER_THAN,
    WORKING_TIMES,
    shortened,
    start_constraints,
)
from planner.support.sanitize import text_only

if TYPE_CHECKING:
    from planner.analysis.tracking import Tracking
    from planner.domain.baseline import Baseline
    from planner.domain.progress import Progress
    from planner.engine.schedule import Schedule
    from planner.project import Project



# -- small conversions -------------------------------------------------------------------------


def _stamp(day: date, at: str) -> str:
    return f"{day.isoformat()}T{at}"


def _hours(days: int | float) -> str:
    """A duration of working days as MSPDI writes it: PT16H0M0S for two days."""
    minutes = round(days * MINUTES_PER_DAY)
    sign = "-" if minutes < 0 else ""
    minutes = abs(minutes)
    return f"{sign}PT{minutes // 60}H{minutes % 60}M0S"


def _money(value: float) -> str:
    """An amount as MSPDI stores it: in hundredths (cents, 分) of the currency."""
    return number_text(round(value * 100, 6))






def _sub(parent: ET.Element, tag: str, text: object | None = None) -> ET.Element:
    e = ET.SubElement(parent, tag)
    if text is not None:
        e.text = text_only(str(text))  # a control character would make the XML unreadable
    return e


# -- export ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportOptions:
    """What goes into the file besides the plan."""

    tracking: Tracking | None = None  # progress and forecast at a data date
    baseline: Baseline | None = None  # Baseline 0 (with a tracking)
    lang: str | None = None  # of the calendar's names; default: the plan's


def write(project: Project, at: date | None = None, lang: str | None = None) -> Exported:
    """The plan as MS Project XML; with ``at``, the snapshot on or before it too: the
    forecast dates, progress and the baseline. ``lang`` names the calendar's exceptions."""
    count = len(project.plan.tasks)
    if at is None:
        return Exported(to_mspdi(project.plan, project.schedule(), ExportOptions(lang=lang)),
                        count)
    t = project.track(at)
    return Exported(to_mspdi(project.plan, t.forecast, ExportOptions(t, project.baseline, lang)),
                    count)


def plan_years(plan: Plan, s: Schedule) -> range:
    """The years whose calendar the file carries: every date the plan and its schedule use."""
    days = [plan.start, s.start, s.finish]
    days += [d for d in (plan.finish,) if d is not None]
    days += [t.deadline for t in plan.tasks if t.deadline is not None]
    days += [t.start for t in plan.tasks if t.start is not None]
    days += [t.finish for t in plan.tasks if t.finish is not None]
    return range(min(days).year, max(days).year + 1)


def calendar_exceptions(plan: Plan, cal: Calendar, years: range, lang: str | None = None,
                        ) -> list[tuple[date, date, bool, str]]:
    """(first, last, working, name) for every run of days the calendar takes out of, or
    adds to, its working week in ``years``: the official holidays (weekend days of a holiday
    period included, so each holiday reads as one period), the make-up workdays, and the
    plan's own holidays and workdays."""
    zh = (lang or plan.lang) == "zh"
    official_names: dict[date, tuple[str, bool]] = {}
    if plan.calendar == "cn":
        days = china_official_days()  # each official day with its name, in the domain
        for d in sorted(days.holidays | days.workdays):
            name = days.name(d, "zh" if zh else "en")
            if d.year in years and name is not None:
                official_names[d] = (name, d in days.workdays)
    own_h = "本计划休息日" if zh else "plan holiday"
    own_w = "本计划工作日" if zh else "plan workday"
    marks: dict[date, tuple[str, bool]] = {}
    for d, (name, working) in official_names.items():
        if cal.is_workday(d) == working:
            marks[d] = (name, working)
    for d in plan.holidays:
        if d.year in years and not cal.is_workday(d):
            marks[d] = (own_h, False)
    for d in plan.workdays:
        if d.year in years and cal.is_workday(d):
            marks[d] = (own_w, True)
    weekly = plan.calendar != "alldays"
    # a day that changes nothing (an official holiday on a Saturday) only joins a run
    runs: list[tuple[date, date, bool, str]] = []
    for d in sorted(marks):
        name, working = marks[d]
        if runs and runs[-1][3] == name and runs[-1][2] == working and \
                (d - runs[-1][1]).days == 1:
            runs[-1] = (runs[-1][0], d, working, name)
        else:
            runs.append((d, d, working, name))
    # drop runs that change nothing at all (a holiday falling wholly on a weekend)
    def changes(first: date, last: date, working: bool) -> bool:
        d = first
        while d <= last:
            base = (d.weekday() < 5) if weekly else True
            if base != working:
                return True
            d += timedelta(days=1)
        return False
    return [r for r in runs if changes(r[0], r[1], r[2])]


def _calendar(parent: ET.Element, plan: Plan, cal: Calendar, years: range,
              lang: str | None) -> None:
    c = _sub(parent, "Calendar")
    _sub(c, "UID", 1)
    zh = (lang or plan.lang) == "zh"
    names = {"cn": ("中国法定工作日", "China statutory working days"),
             "weekdays": ("周一至周五", "Monday to Friday"),
             "alldays": ("每天", "Every day")}
    _sub(c, "Name", names[plan.calendar][0 if zh else 1])
    _sub(c, "IsBaseCalendar", 1)
    _sub(c, "BaseCalendarUID", -1)
    week = _sub(c, "WeekDays")
    for day_type in range(1, 8):  # 1 = Sunday … 7 = Saturday
        working = plan.calendar == "alldays" or day_type not in (1, 7)
        wd = _sub(week, "WeekDay")
        _sub(wd, "DayType", day_type)
        _sub(wd, "DayWorking", int(working))
        if working:
            _working_times(wd)
    runs = calendar_exceptions(plan, cal, years, lang)
    if runs:
        exceptions = _sub(c, "Exceptions")
        for first, last, working, name in runs:
            e = _sub(exceptions, "Exception")
            _sub(e, "EnteredByOccurrences", 0)
            period = _sub(e, "TimePeriod")
            _sub(period, "FromDate", _stamp(first, "00:00:00"))
            _sub(period, "ToDate", _stamp(last, "23:59:00"))
            _sub(e, "Occurrences", 1)
            _sub(e, "Name", name)
            _sub(e, "Type", 1)  # daily
            _sub(e, "DayWorking", int(working))
            if working:
                _working_times(e)


def _working_times(parent: ET.Element) -> None:
    times = _sub(parent, "WorkingTimes")
    for start, finish in WORKING_TIMES:
        wt = _sub(times, "WorkingTime")
        _sub(wt, "FromTime", start)
        _sub(wt, "ToTime", finish)


def _outline_numbers(plan: Plan) -> list[str]:
    counters: dict[str | None, int] = {}
    numbers: dict[str, str] = {}
    out = []
    for t in plan.tasks:
        n = counters[t.parent] = counters.get(t.parent, 0) + 1
        number = f"{numbers[t.parent]}.{n}" if t.parent is not None else str(n)
        numbers[t.id] = number
        out.append(number)
    return out


def _tags_text(tags: Sequence[str]) -> str:
    if any("," in x or x != x.strip() for x in tags):
        import json

        return json.dumps(list(tags), ensure_ascii=False)
    return ", ".join(tags)


def _estimate_text(t: Task) -> str | None:
    if t.estimate is None:
        return None
    text = ", ".join(number_text(v) for v in t.estimate)
    return f"{text} {t.distribution}" if t.distribution else text


def _extended(task_el: ET.Element, what: str, value: str) -> None:
    e = _sub(task_el, "ExtendedAttribute")
    _sub(e, "FieldID", FIELD_ID[FIELDS[what][0]])
    _sub(e, "Value", value)


def to_mspdi(plan: Plan, s: Schedule, options: ExportOptions | None = None) -> bytes:
    """The MSPDI document of ``plan`` scheduled as ``s`` (the plan's own schedule, or a
    forecast with ``options.tracking``)."""
    opts = options or ExportOptions()
    t_ = opts.tracking
    cal = s.calendar
    years = plan_years(plan, s)
    alldays = plan.calendar == "alldays"
    root = ET.Element("Project", xmlns=NS)
    _sub(root, "SaveVersion", 14)
    _sub(root, "Name", shortened(plan.id, MAX_FILE_NAME - 4) + ".xml")
    _sub(root, "Title", shortened(plan.name))
    _sub(root, "ScheduleFromStart", 1)
    _sub(root, "StartDate", _stamp(plan.start, DAY_START))
    _sub(root, "FinishDate", _stamp(s.finish, DAY_FINISH))
    _sub(root, "FYStartDate", 1)
    _sub(root, "CriticalSlackLimit", 0)
    _sub(root, "CurrencyDigits", 2)
    code = None
    if plan.currency is not None:
        code = plan.currency.upper() if re.fullmatch(r"[A-Za-z]{3}", plan.currency) else None
        symbol = "¥" if code == "CNY" else plan.currency
        _sub(root, "CurrencySymbol", shortened(symbol, MAX_CURRENCY_SYMBOL))
    # the schema requires a code; a plan without an ISO 4217 one gets an empty code, not a
    # guessed currency (the reader takes the symbol then)
    _sub(root, "CurrencyCode", code or "")
    _sub(root, "CalendarUID", 1)
    _sub(root, "DefaultStartTime", DAY_START)
    _sub(root, "DefaultFinishTime", DAY_FINISH)
    _sub(root, "MinutesPerDay", MINUTES_PER_DAY)
    _sub(root, "MinutesPerWeek", MINUTES_PER_DAY * (7 if alldays else 5))
    _sub(root, "DaysPerMonth", 30 if alldays else 20)
    _sub(root, "DefaultTaskType", 1)  # fixed duration: an assignment never changes a duration
    _sub(root, "DefaultFixedCostAccrual", 3)  # prorated
    _sub(root, "DurationFormat", LAG_DAYS)
    _sub(root, "WorkFormat", 2)
    _sub(root, "MultipleCriticalPaths", 0)
    _sub(root, "NewTasksEffortDriven", 0)
    _sub(root, "NewTasksEstimated", 0)
    _sub(root, "WeekStartDay", 1)
    if t_ is not None:
        _sub(root, "StatusDate", _stamp(t_.date, DAY_FINISH))
        _sub(root, "CurrentDate", _stamp(t_.date, DAY_FINISH))
    attrs = _sub(root, "ExtendedAttributes")
    for field_name, alias in FIELDS.values():
        a = _sub(attrs, "ExtendedAttribute")
        _sub(a, "FieldID", FIELD_ID[field_name])
        _sub(a, "FieldName", field_name)
        _sub(a, "Alias", alias)
    calendars = _sub(root, "Calendars")
    _calendar(calendars, plan, cal, years, opts.lang)
    owners = sorted({t.owner for t in plan.tasks if t.owner and not t.is_summary},
                    key=lambda o: next(i for i, t in enumerate(plan.tasks) if t.owner == o))
    owner_uid = {o: i + 1 for i, o in enumerate(owners)}
    for o, r_uid in owner_uid.items():  # each resource's own calendar, based on the plan's
        c = _sub(calendars, "Calendar")
        _sub(c, "UID", r_uid + 1)
        _sub(c, "Name", shortened(o))
        _sub(c, "IsBaseCalendar", 0)
        _sub(c, "BaseCalendarUID", 1)

    tasks_el = _sub(root, "Tasks")
    sample = t_.snapshot.illustrative if t_ is not None else None
    if sample is not None:
        sample = f"{SAMPLE_MARK[0]}{sample}" if plan.lang == "zh" else \
            f"{SAMPLE_MARK[1]} {sample}"
    _project_task(tasks_el, plan, s, sample)
    outline = _outline_numbers(plan)
    uid = {t.id: i + 1 for i, t in enumerate(plan.tasks)}
    es_points = s.points.es.tolist()
    ef_points = s.points.ef.tolist()
    resume = s.points.resume.tolist() if s.points.resume is not None else None
    snapshot = t_.snapshot if t_ is not None else None
    base = opts.baseline if t_ is not None else None
    bounds = start_constraints(plan, cal)
    planned = durations(plan, cal)
    assignments: list[tuple[int, int, TaskTimes]] = []
    for i, t in enumerate(plan.tasks):
        d = s.tasks[i]
        if t.is_milestone and d.duration:  # a reached milestone spans its day in a forecast
            d = replace(d, duration=0)
        times = _times(t, d.start, d.finish, cal.date_of(es_points[i]), d.duration)
        x = _sub(tasks_el, "Task")
        _sub(x, "UID", i + 1)
        _sub(x, "ID", i + 1)
        _sub(x, "Name", shortened(t.name))
        _sub(x, "Active", 1)
        _sub(x, "Manual", 0)
        _sub(x, "Type", 1)
        _sub(x, "IsNull", 0)
        _sub(x, "WBS", outline[i])
        _sub(x, "OutlineNumber", outline[i])
        _sub(x, "OutlineLevel", t.depth + 1)
        _sub(x, "Priority", 500)
        _sub(x, "Start", times.start)
        _sub(x, "Finish", times.finish)
        _sub(x, "Duration", _hours(d.duration))
        _sub(x, "DurationFormat", LAG_DAYS)
        _sub(x, "EffortDriven", 0)
        _sub(x, "Estimated", 0)
        _sub(x, "Milestone", int(t.is_milestone))
        _sub(x, "Summary", int(t.is_summary))
        _sub(x, "Critical", int(d.critical))
        # early and late dates and slack are left to MS Project, which computes its own
        if t.budget is not None:
            _sub(x, "FixedCost", _money(t.budget))
            _sub(x, "FixedCostAccrual", 3)
        p = snapshot.of(t.id) if snapshot is not None and not t.is_summary else None
        percent = None
        left = d.duration
        if t_ is not None and not t.is_summary:
            percent = t_.task(t.id).actual_percent
            left = ef_points[i] - resume[i] if resume is not None else d.duration
        _progress(x, t, d.duration, p, left, times)
        # the schema's order: ConstraintType, CalendarUID, ConstraintDate
        bound = bounds[i]
        _sub(x, "ConstraintType", 0 if bound is None else START_NO_EARLIER_THAN)
        _sub(x, "CalendarUID", -1)
        if bound is not None:
            _sub(x, "ConstraintDate", _stamp(bound, DAY_START))
        if t.deadline is not None:
            _sub(x, "Deadline", _stamp(t.deadline, DAY_FINISH))
        if p is not None and p.note:
            _sub(x, "Notes", p.note)
        if percent is not None:
            _sub(x, "PhysicalPercentComplete", round(percent))
        for link in t.links:  # a link to another plan: its dates hold the start instead
            pl = _sub(x, "PredecessorLink")
            _sub(pl, "PredecessorUID", uid[link.task])
            _sub(pl, "Type", LINK_CODE[link.type])
            _sub(pl, "CrossProject", 0)
            _sub(pl, "LinkLag", link.lag * MINUTES_PER_DAY * 10)
            _sub(pl, "LagFormat", LAG_DAYS)
        _sub_extended(x, plan, t)
        if planned[i] != d.duration and not t.is_summary and not t.spans_window:
            _extended(x, "planned", str(planned[i]))  # progress made MS Project's differ
        if base is not None and (b := base.of(t.id)) is not None:
            bl = _sub(x, "Baseline")
            _sub(bl, "Number", 0)
            bt = _times(t, b.start, b.finish, None, b.duration)
            _sub(bl, "Start", bt.start)
            _sub(bl, "Finish", bt.finish)
            _sub(bl, "Duration", _hours(b.duration))
            _sub(bl, "DurationFormat", LAG_DAYS)
            if b.budget is not None:
                _sub(bl, "Cost", _money(b.budget))
        if t.owner and not t.is_summary:
            assignments.append((i + 1, owner_uid[t.owner], times))

    counts: dict[int, int] = {}
    for _, r, _ in assignments:
        counts[r] = counts.get(r, 0) + 1
    resources = _sub(root, "Resources")
    for o, r in owner_uid.items():
        x = _sub(resources, "Resource")
        _sub(x, "UID", r)
        _sub(x, "ID", r)
        _sub(x, "Name", shortened(o))  # whole in each of its tasks' owner field
        _sub(x, "Type", 1)  # work
        _sub(x, "IsNull", 0)
        # an owner is a unit running its tasks side by side, never over-allocated
        _sub(x, "MaxUnits", f"{max(counts.get(r, 1), 1):.2f}")
        _sub(x, "CalendarUID", r + 1)
    assignments_el = _sub(root, "Assignments")
    for n, (task_uid, r, times) in enumerate(assignments, start=1):
        a = _sub(assignments_el, "Assignment")
        _sub(a, "UID", n)
        _sub(a, "TaskUID", task_uid)
        _sub(a, "ResourceUID", r)
        _sub(a, "Finish", times.finish)
        _sub(a, "Start", times.start)
        _sub(a, "Units", 1)
        _sub(a, "Work", _hours(times.days))
    ET.indent(root, space=" ")
    body = ET.tostring(root, encoding="unicode")  # then encoded once: many times faster
    return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + \
        body.encode("utf-8") + b"\n"




@dataclass(frozen=True, slots=True)
class TaskTimes:
    start: str
    finish: str
    days: int


def _times(t: Task, start: date, finish: date, instant_day: date | None, days: int,
           ) -> TaskTimes:
    """MSPDI start and finish of a task shown from ``start`` to ``finish``.

    Work runs 08:00-17:00. A milestone is an instant: at 17:00 of its day when it follows
    work that ends then, at 08:00 when it sits at its earliest start (``instant_day``, the
    working day that begins at its instant, is its own day)."""
    if t.is_milestone:
        at = DAY_START if instant_day == start else DAY_FINISH
        return TaskTimes(_stamp(start, at), _stamp(start, at), 0)
    return TaskTimes(_stamp(start, DAY_START), _stamp(finish, DAY_FINISH), days)


def _project_task(parent: ET.Element, plan: Plan, s: Schedule, note: str | None) -> None:
    x = _sub(parent, "Task")
    _sub(x, "UID", 0)
    _sub(x, "ID", 0)
    _sub(x, "Name", shortened(plan.name))
    _sub(x, "Active", 1)
    _sub(x, "Manual", 0)
    _sub(x, "Type", 1)
    _sub(x, "IsNull", 0)
    _sub(x, "WBS", 0)
    _sub(x, "OutlineNumber", 0)
    _sub(x, "OutlineLevel", 0)
    _sub(x, "Start", _stamp(s.start, DAY_START))
    _sub(x, "Finish", _stamp(s.finish, DAY_FINISH))
    _sub(x, "Duration", _hours(s.calendar.count(s.start, s.finish)))
    _sub(x, "DurationFormat", LAG_DAYS)
    _sub(x, "Milestone", 0)
    _sub(x, "Summary", 1)
    if note is not None:  # progress made up for a demonstration says so, in MS Project too
        _sub(x, "Notes", note.strip())
    _extended(x, "id", plan.id)
    _extended(x, "lang", plan.lang)
    if len(plan.name) > MAX_NAME:
        _extended(x, "name", plan.name)
    if plan.finish is not None:
        _extended(x, "finish", _stamp(plan.finish, DAY_FINISH))


def _sub_extended(x: ET.Element, plan: Plan, t: Task) -> None:
    _extended(x, "id", t.id)
    if len(t.name) > MAX_NAME:
        _extended(x, "name", t.name)
    if t.owner:
        _extended(x, "owner", t.owner)
    if t.tags:
        _extended(x, "tags", _tags_text(t.tags))
    if t.quantity is not None:
        unit = f" {t.quantity.unit}" if t.quantity.unit else ""
        _extended(x, "quantity", f"{number_text(t.quantity.total)}{unit}")
    if (estimate := _estimate_text(t)) is not None:
        _extended(x, "estimate", estimate)
    if t.ongoing:
        _extended(x, "ongoing", "1")
    if t.target:
        _extended(x, "target", "1")
    if t.assumed:
        _extended(x, "assumed", ", ".join(sorted(t.assumed)))
    if t.waits:
        _extended(x, "waits", ", ".join(link_text(w) for w in t.waits))
    if t.start is not None:
        _extended(x, "start", _stamp(t.start, DAY_START))
    if t.finish is not None:
        _extended(x, "finish", _stamp(t.finish, DAY_FINISH))


def _progress(x: ET.Element, t: Task, duration: int, p: Progress | None, remaining: int,
              times: TaskTimes) -> None:
    """Actual dates, percent complete and remaining duration at the data date.

    MS Project's duration of a started task is its actual plus its remaining duration, so
    the task finishes where the forecast says; percent complete is that duration's share
    done, and the reported (physical) percent goes in PhysicalPercentComplete."""
    started = p is not None and p.is_started
    finished = p is not None and p.finished is not None
    if not started:
        remaining = duration
    elif finished:
        remaining = 0
    remaining = min(remaining, duration)
    actual = duration - remaining
    share = round(100 * actual / duration) if duration else (100 if finished else 0)
    _sub(x, "PercentComplete", share)
    if t.budget is not None:
        _sub(x, "Cost", _money(t.budget))
    if p is not None and started:
        first = p.started or p.finished
        assert first is not None
        if t.is_milestone:
            _sub(x, "ActualStart", times.start)
            if finished:
                _sub(x, "ActualFinish", times.start)
        else:
            _sub(x, "ActualStart", _stamp(first, DAY_START))
            if p.finished is not None:
                _sub(x, "ActualFinish", _stamp(p.finished, DAY_FINISH))
    _sub(x, "ActualDuration", _hours(actual))
    if p is not None and p.spent is not None:
        _sub(x, "ActualCost", _money(p.spent))
    _sub(x, "RemainingDuration", _hours(remaining))
