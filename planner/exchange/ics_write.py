"""Deadlines and milestones as calendar events (iCalendar, RFC 5545).

`planner export PLAN --format ics` writes one all-day event per deadline (on the deadline)
and per milestone (on its scheduled or, with a data date, forecast day). Each event's
description gives the forecast finish, the margin to the deadline in working days and the
owner. UIDs are built from the plan's id and the task's id, so importing a newer export
into a calendar program updates the events instead of adding them again; SEQUENCE grows
with the time of the export, as RFC 5545 asks of an update.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from planner.exchange.exported import Exported
from planner.i18n.labels import label, sample_banner
from planner.render.fmt import standalone_name
from planner.support.sanitize import printable

if TYPE_CHECKING:
    from planner.analysis.tracking import Tracking
    from planner.domain.model import Plan, Task
    from planner.engine.schedule import Schedule, TaskDates
    from planner.project import Project

PRODID = "-//planner-cpm//planner export//EN"
EPOCH = datetime(2020, 1, 1, tzinfo=UTC)


def _shown(text: str) -> str:
    """User text for a calendar event: every control character, C1 control and bidi
    control (U+202E and the like, which make a title read backwards on a phone) as a
    visible escape, as on a terminal."""
    return printable(text)


def uid(plan: Plan, task: Task, kind: str) -> str:
    """The event's stable identifier: the same plan, task and kind give the same UID."""
    return f"{kind}-{task.id}.{plan.id}@planner-cpm"


def write(project: Project, at: date | None = None, lang: str | None = None,
          stamp: datetime | None = None) -> Exported:
    """The calendar of ``project``'s deadlines and milestones; its count is of events.

    With ``at``, the forecast at the snapshot on or before it; else the plan's schedule.
    ``stamp`` is the export time (DTSTAMP, and SEQUENCE in minutes since 2020)."""
    tracking = project.track(at) if at is not None else None
    s = tracking.forecast if tracking is not None else project.schedule()
    return Exported(*calendar_bytes(project.plan, s, tracking, lang or project.plan.lang,
                                    stamp or datetime.now(UTC)))


def calendar_bytes(plan: Plan, s: Schedule, tracking: Tracking | None, lang: str,
                   stamp: datetime) -> tuple[bytes, int]:
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", _shown(plan.name))
    stamp = stamp.astimezone(UTC).replace(microsecond=0)
    sequence = max(int((stamp - EPOCH).total_seconds() // 60), 0)
    count = 0
    for i in plan.watched:
        t = plan.tasks[i]
        d = s.task(t.id)
        kinds = []
        if t.deadline is not None:
            kinds.append(("deadline", t.deadline))
        if t.is_milestone:
            kinds.append(("milestone", d.finish))
        for kind, day in kinds:
            e = Event()
            e.add("uid", uid(plan, t, kind))
            e.add("dtstamp", stamp)
            e.add("sequence", sequence)
            e.add("dtstart", day)
            e.add("dtend", day + timedelta(days=1))
            name = standalone_name(plan, t.id, lang)  # alone on a phone: "项目主体完工" is whose?
            e.add("summary", _shown(label(f"x.ics.{kind}", lang, task=name)))
            e.add("description", _shown(_description(t, d, tracking, lang)))
            e.add("categories", [kind])
            e.add("transp", "TRANSPARENT")  # a reminder, not time taken
            cal.add_component(e)
            count += 1
    return cal.to_ical(), count


def _description(t: Task, d: TaskDates, tracking: Tracking | None, lang: str) -> str:
    lines = []
    status = tracking.task(t.id) if tracking is not None else None
    if status is not None and status.actual_finish is not None:
        lines.append(label("x.ics.done", lang, date=status.actual_finish))
    else:
        key = "x.ics.forecast" if tracking is not None else "x.ics.planned"
        lines.append(label(key, lang, date=d.finish))
    if t.deadline is not None:
        lines.append(label("x.ics.due", lang, date=t.deadline))
        if d.margin is not None and d.margin >= 0:
            lines.append(label("x.ics.margin", lang, days=f"{d.margin:+d}"))
        elif d.margin is not None:
            passed = tracking is not None and t.deadline <= tracking.date
            lines.append(label("x.ics.passed" if passed else "x.ics.late", lang, days=-d.margin))
    if t.owner:
        lines.append(label("x.ics.owner", lang, owner=t.owner))
    if tracking is not None:
        lines.append(label("x.ics.data_date", lang, date=tracking.date))
        banner = sample_banner(tracking.snapshot.illustrative, lang)
        if banner:  # forecast from invented progress: a phone's calendar must say so too
            lines.insert(0, banner)
    return "\n".join(lines)
