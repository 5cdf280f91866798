"""An imported plan compared task by task with the dates MPXJ reads from the source file
(tests/test_mpxj_import.py and bench/bench_mpxj.py). Needs MPXJ's classes: call it once the
Java VM runs (planner.exchange.mpxj_convert.available())."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from planner import Project


def read(path: Path) -> Any:
    """MPXJ's reading of the file at ``path`` (its bytes: a Java VM under the C locale
    cannot open a file named in Chinese)."""
    import jpype
    from java.io import ByteArrayInputStream
    from org.mpxj.reader import UniversalProjectReader

    data = jpype.JArray(jpype.JByte)(path.read_bytes())
    return UniversalProjectReader().read(ByteArrayInputStream(data))


def kept_tasks(path: Path) -> list[Any]:
    """MPXJ's tasks of the file at ``path`` that the MS Project XML reader keeps (no
    project summary, null, inactive or external task), in file order."""
    return kept_of(read(path))


def kept_of(project: Any) -> list[Any]:
    """``kept_tasks`` of a project MPXJ has read."""
    return [t for t in project.getTasks()
            if int(t.getUniqueID()) != 0 and int(t.getOutlineLevel() or 1) != 0
            and not t.getNull() and t.getActive() is not False and not t.getExternalTask()]


def point(project: Project, value: Any, finish: bool,
          day: tuple[int, int] = (8 * 60, 17 * 60)) -> int:
    """A date-time MPXJ read, as a working-day point of ``project``'s calendar: the start
    of the file's working day (``day``, its default start and finish in minutes; 08:00 to
    17:00 unless the file says otherwise) and before is the start of its day, its finish
    and after the end; a finish inside the day counts as its end, and a finish at 00:00 too
    (formats that store dates only, .mpx and .gan, give a task's last day at 00:00)."""
    when = datetime.fromisoformat(str(value))
    cal = project.calendar
    minutes = when.hour * 60 + when.minute
    if minutes >= day[1] or (finish and (minutes > day[0] or minutes == 0)):
        return int(cal.end_of(when.date()))
    return int(cal.on_or_after(when.date()))


def working_day(mpxj_project: Any) -> tuple[int, int]:
    """The file's default working day (start, finish) in minutes after midnight."""
    props = mpxj_project.getProjectProperties()
    out = []
    for clock, default in ((props.getDefaultStartTime(), 8 * 60),
                           (props.getDefaultEndTime(), 17 * 60)):
        out.append(default if clock is None else
                   int(clock.getHour()) * 60 + int(clock.getMinute()))
    return out[0], out[1]


class Unpaired(AssertionError):
    """The plan's tasks and MPXJ's do not pair up one to one: no comparison."""


@dataclass(frozen=True)
class Compared:
    tasks: int
    same: tuple[str, ...]  # ids of the tasks on MPXJ's dates
    warned: tuple[str, ...]  # off them, and a warning names the task
    off: Mapping[str, str]  # off them, unwarned: id -> "ours … / MPXJ …"
    names: tuple[tuple[str, str], ...]  # (ours, MPXJ's) where the names differ


def compare(path: Path, folder: Path, warned: set[str]) -> Compared:
    """The plan imported into ``folder`` from ``path``, task by task against MPXJ's reading
    of ``path`` (the tasks pair up in file order)."""
    project = Project.open(folder)
    s = project.schedule()
    theirs_project = read(path)
    theirs, day = kept_of(theirs_project), working_day(theirs_project)
    # A summary's dates roll up from the tasks under it: one of them warned off its dates
    # accounts for the summary's difference too.
    under_warned: set[str] = set()
    for task_id in warned:
        parent = project.plan.tasks[project.plan.index[task_id]].parent \
            if task_id in project.plan.index else None
        while parent is not None and parent not in under_warned:
            under_warned.add(parent)
            parent = project.plan.tasks[project.plan.index[parent]].parent
    if len(theirs) != len(project.plan.tasks):
        raise Unpaired(f"{path}: MPXJ reads {len(theirs)} tasks the reader keeps, the plan "
                       f"has {len(project.plan.tasks)}")
    same, excused, off, names = [], [], {}, []
    for i, (task, t) in enumerate(zip(project.plan.tasks, theirs, strict=True)):
        name = str(t.getName() or "").strip()
        if name and name != task.name:
            names.append((task.name, name))
        if t.getStart() is None or t.getFinish() is None:
            continue
        try:
            start = point(project, t.getStart(), False, day)
            # no span (a milestone, or a summary of milestones): it ends where it starts
            end = start if task.is_milestone or str(t.getStart()) == str(t.getFinish()) \
                else point(project, t.getFinish(), True, day)
        except ValueError:  # a date before the plan calendar's first year: not ours
            start = end = -1
        if (start, end) == (int(s.points.es[i]), int(s.points.ef[i])):
            same.append(task.id)
        elif task.id in warned or task.id in under_warned:
            excused.append(task.id)
        else:
            mine = s.tasks[i]
            off[task.id] = (f"ours {mine.start}…{mine.finish}, MPXJ {t.getStart()}…"
                            f"{t.getFinish()}")
    return Compared(len(theirs), tuple(same), tuple(excused), off, tuple(names))
