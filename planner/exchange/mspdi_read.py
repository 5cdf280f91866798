"""MS Project XML (MSPDI) in: a file ours or one MS Project (or another tool) wrote, read
into the plan format.

What has no place in the plan format becomes a warning naming the task. XML is parsed with
defusedxml (no entities, no DTDs, no network), within a size limit. `from_bytes` is pure:
bytes in, texts and diagnostics out.
"""

from __future__ import annotations

import codecs
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path

from planner.domain.calendar import Calendar, china_official_days
from planner.domain.diagnostics import Diagnostic, Location, Phrase, PlanError, Severity
from planner.domain.links import parse_link
from planner.domain.model import MAX_DEPTH, Link, LinkType, Plan, Task
from planner.domain.rules import link_findings
from planner.domain.values import FIRST_YEAR, LAST_YEAR, MAX_AMOUNT, MAX_DAYS, PLAN_ID, TASK_ID
from planner.exchange.imported import Imported, check_folder
from planner.exchange.mspdi_common import (
    CUSTOM_FIELD_ID,
    CUSTOM_KIND_ZH,
    DAY_FINISH,
    DAY_START,
    FIELD_OF_ID,
    FIELDS,
    LAG_DAYS,
    LINK_OF_CODE,
    MAPPABLE,
    MINUTES_PER_DAY,
    SAMPLE_MARK,
    amount,
    real,
    shortened,
    start_constraints,
)
from planner.planfiles.yamlreader import of_task
from planner.support.sanitize import excerpt

MAX_BYTES = 64 * 2**20  # the same limit as plan files
DATE_TAGS = frozenset({"Start", "Finish", "ConstraintDate", "Deadline", "ActualStart",
                       "ActualFinish", "EarlyStart", "EarlyFinish", "LateStart", "LateFinish"})
CONSTRAINTS = {0: "as soon as possible", 1: "as late as possible", 2: "must start on",
               3: "must finish on", 4: "start no earlier than", 5: "start no later than",
               6: "finish no earlier than", 7: "finish no later than"}
ELAPSED_FORMATS = frozenset({4, 6, 8, 10, 12, 36, 38, 40, 42, 44})
PERCENT_FORMATS = frozenset({19, 20, 51, 52})
_DURATION = re.compile(
    r"(-)?P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?")
_CJK = re.compile(r"[\u3400-\u9fff]")
_USER_FIELD = {fid: name for name, fid in CUSTOM_FIELD_ID.items()}  # id -> Text3


def _minutes(text: str | None) -> float | None:
    """An MSPDI duration (PT16H0M0S, P2DT4H…) in minutes; None when absent or unreadable."""
    if not text:
        return None
    m = _DURATION.fullmatch(text.strip())
    if not m:
        return None
    sign, years, months, days, hours, mins, secs = m.groups()
    total = (float(years or 0) * 365 * 1440 + float(months or 0) * 30 * 1440
             + float(days or 0) * 1440 + float(hours or 0) * 60 + float(mins or 0)
             + float(secs or 0) / 60)
    return -total if sign else total


def _when(text: str | None, strict: bool = True) -> datetime | None:
    """An MSPDI date-time; None when absent, unreadable or (``strict``) outside the years
    the plan format supports (the importer refuses those first, naming them)."""
    if not text:
        return None
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if strict and not FIRST_YEAR <= when.year <= LAST_YEAR:
        return None
    return when


def _int(text: str | None, default: int = 0) -> int:
    try:
        return int(float(text)) if text else default
    except (ValueError, OverflowError):  # not a number, or infinity
        return default




@dataclass
class _Raw:
    """One task as the file has it."""

    uid: int
    el: ET.Element
    level: int
    name: str
    ext: dict[str, str]
    parent: int | None = None  # uid
    children: list[int] = field(default_factory=list)
    id: str = ""

    def get(self, tag: str) -> str | None:
        e = self.el.find(tag)
        return e.text if e is not None else None


class _Importer:
    read_as = "MS Project XML"  # how the file was read, for plan.yaml's header

    def __init__(self, root: ET.Element, source: str, fallback_id: str,
                 fields: Mapping[str, str] | None = None) -> None:
        self.root = root
        self.source = source
        self.fallback_id = fallback_id
        self.warnings: list[Diagnostic] = []
        self.errors: list[Diagnostic] = []
        self.minutes_per_day = MINUTES_PER_DAY
        per_day = self.get(root, "MinutesPerDay")
        if per_day is not None and per_day.strip():
            value = real(per_day)
            if value is None or not 1 <= value <= 1440 or not value.is_integer():
                self.warn("mspdi.minutes_per_day", value=excerpt(per_day.strip()),
                          default=MINUTES_PER_DAY)
            else:
                self.minutes_per_day = int(value)
        self.field_of, self.ours = self.custom_fields(fields or {})
        self.mapped = frozenset((fields or {}).keys())
        self.ignored: dict[int, int] = {}  # a user's field not imported -> tasks with a value
        self.manual: list[str] = []  # the manually scheduled tasks, by id
        # the working day's bounds: a finish at its start ends the day before, a start at
        # its end begins the next working day (MS Project stores both that way)
        self.day_start = self.clock("DefaultStartTime", DAY_START)
        self.day_finish = self.clock("DefaultFinishTime", DAY_FINISH)

    # -- helpers ---------------------------------------------------------------------------

    def clock(self, tag: str, default: str) -> str:
        text = (self.get(self.root, tag) or "").strip()
        return text if re.fullmatch(r"\d\d:\d\d:\d\d", text) else default

    def stored_point(self, when: datetime, finish: bool) -> int:
        """A date-time MS Project stored as a working-day point of the plan's calendar
        (point i is the start of working day i): the start of a working day (08:00, or
        any time before it) is that day's point, the end of one (17:00) the next day's; a
        finish inside a day ends that day, a start inside one begins it (part days are
        warned about where the duration is read). A milestone at the start of Monday is
        the one MS Project shows there: ours of the end of Friday, the same point."""
        cal, clock = self.cal, when.strftime("%H:%M:%S")
        if clock <= self.day_start or (not finish and clock < self.day_finish):
            return cal.on_or_after(when.date())
        return cal.on_or_before(when.date()) + 1

    @staticmethod
    def get(el: ET.Element, tag: str) -> str | None:
        e = el.find(tag)
        return e.text if e is not None else None

    def warn(self, key: str, task: str | None = None, **values: object) -> None:
        """The warning ``key`` (a message of the i18n tables) about the file."""
        self.warnings.append(Diagnostic.said("import", key, Location(self.source),
                                             severity=Severity.WARNING, task=task, **values))

    def days(self, minutes: float, what: Phrase, task: str | None) -> int:
        """Whole working days; a part day is rounded up, with a warning."""
        exact = minutes / self.minutes_per_day
        if abs(exact) > MAX_DAYS:
            self.errors.append(Diagnostic.said(
                "value", "mspdi.too_many_days", Location(self.source), task=task, what=what,
                days=f"{exact:,.0f}", most=f"{MAX_DAYS:,}"))
            return 0
        whole = math.ceil(exact - 1e-9)
        if abs(exact - round(exact)) > 1e-6:
            self.warn("mspdi.part_day", task, what=what,
                      hours=f"{exact * self.minutes_per_day / 60:g}", whole=whole)
        return whole

    # -- the whole file ----------------------------------------------------------------------

    def check_dates(self) -> None:
        """Every date of the file readable and within the supported years, or PlanError."""
        errors: list[Diagnostic] = []
        date_fields = {fid for fid, w in self.field_of.items() if w in ("finish", "start")}

        self.first_year = LAST_YEAR

        def check(value: str | None, what: Phrase, task: str | None) -> None:
            if value is None or not value.strip():
                return
            when = _when(value, strict=False)
            if when is not None and FIRST_YEAR <= when.year <= LAST_YEAR:
                self.first_year = min(self.first_year, when.year)
            else:
                errors.append(Diagnostic.said(
                    "value", "mspdi.bad_date", Location(self.source), task=task, what=what,
                    value=value.strip()[:40], first=FIRST_YEAR, last=LAST_YEAR))

        for tag in ("StartDate", "FinishDate", "StatusDate"):
            check(self.get(self.root, tag), Phrase.of("mspdi.what.tag", tag=tag), None)
        tasks = self.root.find("Tasks")
        for el in tasks.findall("Task") if tasks is not None else ():
            name = (self.get(el, "Name") or "").strip()
            who = name or self.get(el, "UID") or ""
            for e in el.iter():
                if e.tag in DATE_TAGS:
                    check(e.text, Phrase.of("mspdi.what.task_tag", name=who, tag=e.tag), None)
                elif e.tag == "ExtendedAttribute" and \
                        _int(self.get(e, "FieldID")) in date_fields:
                    check(self.get(e, "Value"), Phrase.of("mspdi.what.custom_date", name=who),
                          None)
        calendars = self.root.find("Calendars")
        for period in calendars.iter("TimePeriod") if calendars is not None else ():
            for tag in ("FromDate", "ToDate"):
                check(self.get(period, tag), Phrase.of("mspdi.what.exception_tag", tag=tag),
                      None)
        if errors:
            raise PlanError(errors[:50])

    def run(self) -> Imported:
        from planner.domain.model import Link, Quantity

        self.check_dates()
        root = self.root
        raws = self.tasks()
        self.warn_ignored()
        resources, assigned = self.resources(raws)
        project_finish: date | None = None
        self.sample: str | None = None
        self.project_ext: dict[str, str] = {}
        top = root.find("Tasks")
        if top is not None:
            for el in top.findall("Task"):
                if _int(self.get(el, "OutlineLevel"), 1) == 0 or _int(self.get(el, "UID")) == 0:
                    ext = self.extended(el)
                    if (w := _when(ext.get("finish"))) is not None:
                        project_finish = w.date()
                    self.project_ext = ext
                    note = (self.get(el, "Notes") or "").strip()
                    for mark in SAMPLE_MARK:
                        if note.startswith(mark):
                            self.sample = note[len(mark):].strip()
        start_dt = _when(self.get(root, "StartDate"))
        dated = [w for r in raws.values() for w in (_when(r.get("Start")),) if w is not None]
        if start_dt is None:
            if not dated:
                raise PlanError([Diagnostic.said("mspdi", "mspdi.no_start",
                                                 Location(self.source))])
            start_dt = min(dated)
        plan_start = start_dt.date()
        kind, holidays, workdays = self.calendar(raws, plan_start)
        first_year = min([plan_start.year, self.first_year] + [w.year for w in dated])
        cal = Calendar(kind, holidays, workdays, origin_year=max(first_year - 1, FIRST_YEAR))
        self.cal = cal

        # ids, names, owners
        used: set[str] = set()
        for r in raws.values():
            r.id = self.task_id(r, used)
            used.add(r.id)
        tasks: list[Task] = []
        own_start: dict[str, date | None] = {}
        constraint: dict[str, date | None] = {}
        notes: dict[str, list[str]] = {}
        uid_to_id = {u: r.id for u, r in raws.items()}
        order = list(raws)
        owners = self.owners(raws, assigned)
        for u in order:
            r = raws[u]
            tasks.append(self.task(r, raws, uid_to_id, owners, own_start, constraint, notes,
                                   Link, Quantity))
        tasks = self.drop_bad_links(tasks, {r.id: u for u, r in raws.items()})
        plan_id = self.plan_id()
        title = self.project_ext.get("name") or (self.get(root, "Title") or "").strip() or \
            (self.get(root, "Name") or "").strip().removesuffix(".xml") or plan_id
        lang = self.project_ext.get("lang", "")
        if lang not in ("zh", "en"):
            lang = "zh" if _CJK.search(title) or any(_CJK.search(t.name) for t in tasks[:50]) \
                else "en"
        currency = (self.get(root, "CurrencyCode") or "").strip() or \
            (self.get(root, "CurrencySymbol") or "").strip() or None
        plan = Plan(id=plan_id, name=title, start=plan_start, tasks=tuple(tasks),
                    finish=project_finish, calendar=kind, holidays=tuple(sorted(holidays)),
                    workdays=tuple(sorted(workdays)), lang=lang, currency=currency)
        plan = self.settle_starts(plan, constraint) if self.ours else \
            self.keep_stored(plan, {r.id: r for r in raws.values()})
        if self.errors:
            raise PlanError(self.errors[:50])
        del resources
        return self.folder(plan, raws, notes)

    # -- tasks -----------------------------------------------------------------------------

    def tasks(self) -> dict[int, _Raw]:
        """Every real task in file order, with its place in the outline."""
        out: dict[int, _Raw] = {}
        top = self.root.find("Tasks")
        if top is None:
            raise PlanError([Diagnostic.said("mspdi", "mspdi.no_tasks_element",
                                             Location(self.source))])
        stack: list[_Raw] = []
        for el in top.findall("Task"):
            uid = _int(self.get(el, "UID"), -1)
            level = _int(self.get(el, "OutlineLevel"), 1)
            if uid == 0 or level == 0:
                continue
            if self.get(el, "IsNull") == "1":
                continue
            name = (self.get(el, "Name") or "").strip()
            what = Phrase.of("mspdi.what.task_uid", name=name or uid, uid=uid)
            if self.get(el, "Active") == "0":
                self.warn("mspdi.inactive", what=what)
                continue
            if self.get(el, "ExternalTask") == "1" or self.get(el, "IsSubproject") == "1":
                self.warn("mspdi.external", what=what)
                continue
            if uid in out or uid < 0:
                self.warn("mspdi.bad_uid", what=what)
                continue
            ext = self.extended(el)
            r = _Raw(uid, el, level, ext.get("name") or name, ext)  # a name too long for Name
            while stack and stack[-1].level >= level:
                stack.pop()
            if len(stack) >= MAX_DEPTH:  # the plan format's limit: refused before it costs
                raise PlanError([Diagnostic.said(
                    "too-deep", "mspdi.too_deep", Location(self.source), what=what,
                    levels=len(stack) + 1, most=MAX_DEPTH)])
            if stack:
                r.parent = stack[-1].uid
                stack[-1].children.append(uid)
            stack.append(r)
            out[uid] = r
        if not out:
            raise PlanError([Diagnostic.said("empty", "mspdi.no_tasks", Location(self.source))])
        return out

    def extended(self, el: ET.Element) -> dict[str, str]:
        """The custom fields of a task that are ours to read: those the file declares as
        ours and those the user mapped; a value in any other is the user's, counted."""
        out = {}
        for e in el.findall("ExtendedAttribute"):
            fid = _int(self.get(e, "FieldID"))
            what = self.field_of.get(fid)
            value = self.get(e, "Value")
            if what is not None and value is not None:
                out[what] = value
            elif what is None and (value or "").strip() and fid in _USER_FIELD:
                self.ignored[fid] = self.ignored.get(fid, 0) + 1
        return out

    def declared(self) -> dict[int, tuple[str, str]]:
        """The custom task fields the file declares: field id -> (field name, alias)."""
        out: dict[int, tuple[str, str]] = {}
        section = self.root.find("ExtendedAttributes")
        for e in section.findall("ExtendedAttribute") if section is not None else ():
            name = (self.get(e, "FieldName") or "").strip()
            fid = _int(self.get(e, "FieldID"), -1)
            if fid < 0:
                fid = CUSTOM_FIELD_ID.get(name, -1)
            if fid >= 0:
                out[fid] = (_USER_FIELD.get(fid, name), (self.get(e, "Alias") or "").strip())
        return out

    def custom_fields(self, mapping: Mapping[str, str]) -> tuple[dict[int, str], bool]:
        """Which custom field carries which of ours (field id -> what), and whether the
        file is our own export.

        Our fields travel only where the file declares them with our aliases (as our
        export does, and MS Project keeps when it saves the file again); anywhere else
        Text1 or Flag1 is the user's own and means nothing to the plan. ``mapping`` (what
        -> a field's name, 文本3 or its alias in the file) adds a user's field explicitly,
        in place of ours for that `what`."""
        declared = self.declared()
        field_of: dict[int, str] = {}
        for fid, what in FIELD_OF_ID.items():
            if fid in declared and declared[fid][1] == FIELDS[what][1]:
                field_of[fid] = what
        ours = "id" in field_of.values()
        for what, spec in mapping.items():
            fid = self.field_named(what, spec, declared)
            field_of = {f: w for f, w in field_of.items() if w != what and f != fid}
            field_of[fid] = what
        return field_of, ours

    def field_named(self, what: str, spec: str, declared: Mapping[int, tuple[str, str]],
                    ) -> int:
        """The field id ``spec`` names for ``what`` (--field what=spec); PlanError, saying
        which fields there are, when it names none or one of the wrong kind."""
        where = Location(self.source)
        if what not in MAPPABLE:
            raise PlanError([Diagnostic.said("field", "mspdi.field_what", where, what=what,
                                             whats=", ".join(MAPPABLE))])
        text = spec.strip()
        m = re.fullmatch(r"(text|number|flag|date|文本|数字|标志|日期)\s*(\d+)", text,
                         re.IGNORECASE)
        fid: int | None = None
        if m is not None:
            kind = CUSTOM_KIND_ZH.get(m.group(1), m.group(1).capitalize())
            fid = CUSTOM_FIELD_ID.get(f"{kind}{int(m.group(2))}")
        if fid is None:
            fid = next((f for f, (_, alias) in declared.items()
                        if alias and alias == text and f in _USER_FIELD), None)
        if fid is None:
            titled = [f"{name} ({alias})" if alias else name
                      for f, (name, alias) in declared.items() if f in _USER_FIELD]
            raise PlanError([Diagnostic.said(
                "field", "mspdi.field_unknown", where, what=what, spec=excerpt(text),
                fields=", ".join(titled[:12]) + (" …" if len(titled) > 12 else "")
                if titled else "-")])
        name = _USER_FIELD[fid]
        if not name.startswith(MAPPABLE[what]):
            raise PlanError([Diagnostic.said(
                "field", "mspdi.field_kind", where, what=what, spec=excerpt(text), name=name,
                kinds="/".join(f"{k}N" for k in MAPPABLE[what]))])
        return fid

    def warn_ignored(self) -> None:
        """One warning for the user's own custom fields holding values, not imported."""
        if not self.ignored:
            return
        declared = self.declared()
        named = []
        for fid in sorted(self.ignored, key=lambda f: -self.ignored[f]):
            name = _USER_FIELD[fid]
            alias = declared.get(fid, ("", ""))[1]
            named.append(f"{name} ({alias})" if alias else name)
        example = next((n.split(" ")[0] for n in named if n.startswith("Text")), "Text1")
        self.warnings.append(Diagnostic.said(
            "import", "mspdi.custom_ignored", Location(self.source), severity=Severity.WARNING,
            task=None, fields=", ".join(named[:8]) + (" …" if len(named) > 8 else ""),
            example=example))

    def task_id(self, r: _Raw, used: set[str]) -> str:
        given = (r.ext.get("id") or "").strip()
        for candidate in (given, r.get("WBS"), r.get("OutlineNumber")):
            if candidate and TASK_ID.fullmatch(candidate) and candidate not in used:
                break
        else:
            candidate = f"t{r.uid}"
            while candidate in used:
                candidate += "-"
        if given and candidate != given and "id" in self.mapped:  # asked for, not usable
            self.warn("mspdi.field_bad_id", candidate, name=r.name or r.uid, value=excerpt(given),
                      id=candidate)
        return candidate

    def plan_id(self) -> str:
        ours = self.project_ext.get("id", "")
        if PLAN_ID.fullmatch(ours):
            return ours
        name = (self.get(self.root, "Name") or "").strip()
        stem = re.sub(r"\.(xml|mpp)$", "", name, flags=re.IGNORECASE)
        if PLAN_ID.fullmatch(stem):
            return stem
        return self.fallback_id

    def resources(self, raws: Mapping[int, _Raw],
                  ) -> tuple[dict[int, str], dict[int, list[str]]]:
        """Resource names by UID, and the resource names assigned to each task UID."""
        names: dict[int, str] = {}
        rated: set[int] = set()
        section = self.root.find("Resources")
        for el in section.findall("Resource") if section is not None else ():
            uid = _int(self.get(el, "UID"), -1)
            name = (self.get(el, "Name") or "").strip()
            if uid <= 0 or not name or self.get(el, "IsNull") == "1":
                continue
            names[uid] = name
            for tag in ("StandardRate", "OvertimeRate", "CostPerUse"):
                value = real(self.get(el, tag))
                if value:
                    rated.add(uid)
        assigned: dict[int, list[str]] = {}
        rated_tasks: dict[int, list[int]] = {}
        section = self.root.find("Assignments")
        for el in section.findall("Assignment") if section is not None else ():
            task, res = _int(self.get(el, "TaskUID"), -1), _int(self.get(el, "ResourceUID"), -1)
            if task in raws and res in names:
                if names[res] not in assigned.setdefault(task, []):
                    assigned[task].append(names[res])
                if res in rated:
                    rated_tasks.setdefault(res, []).append(task)
        for res in sorted(rated):
            on = rated_tasks.get(res, [])
            listed = ", ".join(f"'{raws[u].name}'" for u in on[:5]) + (" …" if len(on) > 5 else "")
            if on:
                self.warn("mspdi.rate.tasks", name=names[res], tasks=listed)
            else:
                self.warn("mspdi.rate", name=names[res])
        return names, assigned

    def owners(self, raws: Mapping[int, _Raw], assigned: Mapping[int, list[str]],
               ) -> dict[int, str | None]:
        """Each task's owner (责任单位): its resources, else the owner field, else its
        summary's; a summary without one gets the owner all its tasks share. A field the
        user mapped to owner (--field owner=Text3) comes before the resources."""
        own: dict[int, str | None] = {}
        for u, r in raws.items():
            names = assigned.get(u) if not r.children else None
            whole = (r.ext.get("owner") or "").strip()
            if names == [shortened(whole)] and whole:  # an owner too long for a resource name
                names = [whole]
            if "owner" in self.mapped and whole:
                own[u] = whole  # asked for: before resources
            elif names:
                if len(names) > 1:
                    self.warn("mspdi.resources", name=r.name, n=len(names),
                              owner="、".join(names))
                own[u] = "、".join(names)
            else:
                own[u] = (r.ext.get("owner") or "").strip() or None
        for u in reversed(list(raws)):  # children after their summary: bottom-up
            r = raws[u]
            if r.children and own[u] is None and not self.ours:
                kids = {own[c] for c in r.children}
                if len(kids) == 1 and None not in kids:
                    own[u] = kids.pop()
        effective: dict[int, str | None] = {}
        for u, r in raws.items():
            up = effective.get(r.parent) if r.parent is not None else None
            effective[u] = own[u] or up
        return effective

    def task(self, r: _Raw, raws: Mapping[int, _Raw], ids: Mapping[int, str],
             owners: Mapping[int, str | None], own_start: dict[str, date | None],
             constraint: dict[str, date | None], notes: dict[str, list[str]],
             link_type: type, quantity_type: type) -> Task:
        tid = r.id
        name = r.name
        if not name:
            name = tid
            self.warn("mspdi.no_name", tid, id=tid)
        summary = bool(r.children)
        fields: dict[str, object] = {}
        # start: the constraint, or ours as written
        kind = _int(r.get("ConstraintType"), 0)
        cdate = _when(r.get("ConstraintDate"))
        milestone_flag = r.get("Milestone") == "1"
        constraint[tid] = None
        written = _when(r.ext.get("start"))
        own_start[tid] = written.date() if written else None
        if kind in (2, 4) and cdate is not None:
            day = cdate.date()
            if cdate.strftime("%H:%M:%S") >= DAY_FINISH and not milestone_flag and \
                    not summary and day < date(LAST_YEAR, 12, 31):
                day += timedelta(days=1)  # from the end of a day: the next day
            constraint[tid] = day
            if kind == 2:
                self.warn("mspdi.must_start", tid, id=tid, day=day)
        elif kind not in (0, 4):
            text = Phrase.of(f"mspdi.constraint.{kind}" if kind in CONSTRAINTS
                             else "mspdi.constraint.other", kind=kind)
            day_text = f" {cdate.date()}" if cdate else ""
            if kind in (3, 7) and cdate is not None and r.get("Deadline") is None:
                fields["deadline"] = cdate.date()
                self.warn("mspdi.constraint_deadline", tid, id=tid, constraint=text,
                          day=day_text)
            else:
                self.warn("mspdi.constraint_dropped", tid, id=tid, constraint=text,
                          day=day_text)
        if r.get("Manual") == "1":
            self.manual.append(tid)  # one warning for the file (keep_stored)
        if (cal_uid := _int(r.get("CalendarUID"), -1)) not in (-1, self.project_calendar):
            self.warn("mspdi.own_calendar", tid, id=tid, uid=cal_uid)
        # length
        if not summary:
            target = r.ext.get("target") == "1"
            ongoing = r.ext.get("ongoing") == "1" or target  # a target spans its window too
            minutes = _minutes(r.get("Duration"))
            if r.get("Manual") == "1" and (manual := _minutes(r.get("ManualDuration"))) is not None:
                minutes = manual  # what the user typed, which MS Project keeps
            if (planned := real(r.ext.get("planned"))) is not None and planned >= 0:
                minutes = planned * self.minutes_per_day  # ours: the plan's, not the forecast's
            fmt = _int(r.get("DurationFormat"), LAG_DAYS)
            finish_written = _when(r.ext.get("finish"))
            if ongoing:
                fields["target" if target else "ongoing"] = True
                if finish_written is not None:
                    fields["finish"] = finish_written.date()
            elif minutes is None:
                fields["duration"] = 1
                given = (r.get("Duration") or "").strip()
                if given:
                    self.warn("mspdi.duration_unreadable", tid, id=tid, value=excerpt(given))
                else:
                    self.warn("mspdi.no_duration", tid, id=tid)
            else:
                if fmt in ELAPSED_FORMATS:
                    s_, f_ = _when(r.get("Start")), _when(r.get("Finish"))
                    days = max(self.stored_point(f_, True) - self.stored_point(s_, False), 0) \
                        if s_ and f_ else math.ceil(minutes / 1440)
                    self.warn("mspdi.elapsed", tid, id=tid, calendar_days=f"{minutes / 1440:g}",
                              days=days)
                else:
                    days = self.days(minutes, of_task("duration", tid), tid)
                if days <= 0:
                    fields["milestone"] = True
                    if minutes < 0:
                        self.warn("mspdi.negative_duration", tid, id=tid)
                elif milestone_flag:
                    fields["duration"] = days
                    self.warn("mspdi.milestone_length", tid, id=tid, days=days)
                elif finish_written is not None and (first := own_start[tid]) is not None \
                        and self.cal.count(first, finish_written.date()) == days:
                    fields["finish"] = finish_written.date()
                else:
                    fields["duration"] = days
            estimate = r.ext.get("estimate")
            if estimate and not ongoing:
                self.estimate(estimate, tid, fields)
            if (q := r.ext.get("quantity")) is not None:
                self.quantity(q, tid, fields, quantity_type)
        if (tags := r.ext.get("tags")) is not None:
            fields["tags"] = self.tags(tags)
        if (assumed := r.ext.get("assumed")) is not None:  # which keys may be: a plan rule
            fields["assumed"] = frozenset(k.strip() for k in assumed.split(",") if k.strip())
        if (d := _when(r.get("Deadline"))) is not None:
            day = d.date()
            if d.strftime("%H:%M:%S") <= "08:00:00" and d.strftime("%H:%M:%S") != DAY_FINISH:
                day -= timedelta(days=1)  # the start of a day: the end of the day before
            fields["deadline"] = day
        budget = self.budget(r, summary)
        if budget is not None:
            fields["budget"] = budget
        fields["after"] = self.links(r, raws, ids, link_type) + self.waits(r, tid)
        note = (r.get("Notes") or "").strip()
        if note:
            notes[tid] = [line for line in note.splitlines() if line.strip()]
        depth = 0
        up = r.parent
        while up is not None:
            depth += 1
            up = raws[up].parent
        start = own_start[tid] if self.ours else constraint[tid]
        return Task(id=tid, name=name, owner=owners[r.uid], start=start,
                    parent=ids[r.parent] if r.parent is not None else None,
                    children=tuple(ids[c] for c in r.children), depth=depth,
                    **fields)  # type: ignore[arg-type]

    def waits(self, r: _Raw, tid: str) -> tuple[Link, ...]:
        """The links to tasks of other plans our export wrote as text (`FIELDS["waits"]`)."""
        text = r.ext.get("waits")
        if not text:
            return ()
        out = []
        for part in text.split(","):
            try:
                pred, kind, lag = parse_link(part, 5)
            except ValueError:
                self.warn("mspdi.waits_bad", tid, id=tid, text=part.strip())
                continue
            out.append(Link(pred, kind, lag))
        return tuple(out)

    @property
    def project_calendar(self) -> int:
        return _int(self.get(self.root, "CalendarUID"), 1)

    def estimate(self, text: str, tid: str, fields: dict[str, object]) -> None:
        parts = text.replace("，", ",").split()
        distribution = None
        if parts and parts[-1] in ("pert", "triangular"):
            distribution = parts.pop()
        try:
            values = [float(x) for x in " ".join(parts).replace(",", " ").split()]
        except ValueError:
            values = []
        if len(values) == 3 and values[0] <= values[1] <= values[2] and values[0] >= 0:
            fields["estimate"] = (values[0], values[1], values[2])
            if distribution:
                fields["distribution"] = distribution
        else:
            self.warn("mspdi.bad_estimate", tid, id=tid, value=text)

    def quantity(self, text: str, tid: str, fields: dict[str, object], kind: type) -> None:
        m = re.fullmatch(r"\s*([0-9.eE+_]+)\s*(.*?)\s*", text)
        total = real(m.group(1).replace("_", "")) if m else None
        if m is None or total is None or total <= 0:
            self.warn("mspdi.bad_quantity", tid, id=tid, value=text)
            return
        fields["quantity"] = kind(total, m.group(2))

    @staticmethod
    def tags(text: str) -> tuple[str, ...]:
        if text.startswith("["):
            import json

            try:
                value = json.loads(text)
                if isinstance(value, list):
                    return tuple(str(x) for x in value)
            except ValueError:
                pass
        return tuple(x.strip() for x in re.split(r"[,，、]", text) if x.strip())

    def budget(self, r: _Raw, summary: bool) -> float | None:
        for tag in ("FixedCost", "Cost"):
            text = (r.get(tag) or "").strip()
            if text and amount(text) is None:
                self.warn("mspdi.bad_cost", r.id, id=r.id, uid=r.uid, tag=tag,
                          value=excerpt(text))
        fixed = amount(r.get("FixedCost"))
        cost = amount(r.get("Cost"))
        for what, value in (("fixed_cost", fixed), ("cost", cost)):
            if value is not None and not 0 <= value <= MAX_AMOUNT:
                self.warn(f"mspdi.{what}_range", r.id, id=r.id, value=f"{value:g}",
                          most=f"{MAX_AMOUNT:g}")
        fixed = fixed if fixed is not None and 0 <= fixed <= MAX_AMOUNT else None
        cost = cost if cost is not None and 0 <= cost <= MAX_AMOUNT else None
        if summary:
            if fixed is not None and (fixed > 0 or (self.ours and fixed == 0)):
                return fixed
            return None
        if self.ours and fixed is not None:
            return fixed
        if cost is not None and cost > 0:
            return cost
        if fixed is not None and fixed > 0:
            return fixed
        return None

    def links(self, r: _Raw, raws: Mapping[int, _Raw], ids: Mapping[int, str],
              link_type: type) -> tuple[object, ...]:
        out = []
        seen: set[str] = set()
        for el in r.el.findall("PredecessorLink"):
            pred = _int(self.get(el, "PredecessorUID"), -1)
            if self.get(el, "CrossProject") == "1":
                self.warn("mspdi.cross_project", r.id, id=r.id,
                          project=self.get(el, "CrossProjectName") or "?")
                continue
            if pred not in raws:
                self.warn("mspdi.link_not_imported", r.id, id=r.id, uid=pred)
                continue
            pid = ids[pred]  # a link to itself, its summary or its subtask: the rules drop it
            code = _int(self.get(el, "Type"), 1)
            kind = LINK_OF_CODE.get(code)
            if kind is None:
                self.warn("mspdi.link_type", r.id, id=r.id, other=pid, type=code)
                kind = LinkType.FS
            lag = self.lag(el, r, pid, raws[pred])
            if pid in seen:
                self.warn("mspdi.link_twice", r.id, id=r.id, other=pid)
                continue
            seen.add(pid)
            out.append(link_type(pid, kind, lag))
        return tuple(out)

    def drop_bad_links(self, tasks: list[Task], uid_of: Mapping[str, int]) -> list[Task]:
        """The plan's link rules (domain.rules), as a repair: a link the rules refuse — to
        the task itself, its summary or its subtask — is dropped, with the rule's finding
        as a warning placed at the task's UID."""
        def locate(task_id: str | None, field: str) -> Location:
            uid = uid_of.get(task_id or "")
            return Location(f"{self.source} <Task> UID {uid}" if uid is not None
                            else self.source)

        dropped: dict[str, set[int]] = {}
        for task, link, finding in link_findings(tasks, locate):
            dropped_link = Diagnostic.said(
                finding.code, "mspdi.link_dropped", finding.location, severity=Severity.WARNING,
                task=finding.task, finding=Phrase(finding.key, finding.values))
            self.warnings.append(dropped_link.hinted(f"{finding.key}.hint", **dict(
                finding.values)) if finding.hint else dropped_link)
            dropped.setdefault(task.id, set()).add(id(link))
        if not dropped:
            return tasks
        return [replace(t, after=tuple(x for x in t.after if id(x) not in dropped[t.id]))
                if t.id in dropped else t for t in tasks]

    def lag(self, el: ET.Element, r: _Raw, pid: str, pred: _Raw) -> int:
        value = real(self.get(el, "LinkLag")) or 0.0
        fmt = _int(self.get(el, "LagFormat"), LAG_DAYS)
        if not value:
            return 0
        if fmt in PERCENT_FORMATS:
            pred_minutes = _minutes(pred.get("Duration")) or 0.0
            days = value / 10 / 100 * pred_minutes / self.minutes_per_day
            if abs(days) > MAX_DAYS:
                return self.days(days * self.minutes_per_day,
                                 Phrase.of("mspdi.what.lag", id=r.id), r.id)
            whole = math.ceil(days - 1e-9)
            self.warn("mspdi.lag_percent", r.id, id=r.id, other=pid,
                      percent=f"{value / 10:g}", days=whole)
            return whole
        minutes = value / 10
        if fmt in ELAPSED_FORMATS:
            calendar_days = minutes / 1440
            if abs(calendar_days) > MAX_DAYS:
                return self.days(calendar_days * self.minutes_per_day,
                                 Phrase.of("mspdi.what.lag", id=r.id), r.id)
            whole = math.ceil(calendar_days * 5 / 7 - 1e-9)
            self.warn("mspdi.lag_elapsed", r.id, id=r.id, other=pid,
                      calendar_days=f"{calendar_days:g}", days=whole)
            return whole
        return self.days(minutes, Phrase.of("mspdi.what.lag_after", id=r.id, other=pid), r.id)

    def keep_stored(self, plan: Plan, by_id: Mapping[str, _Raw]) -> Plan:
        """A foreign file's tasks on the dates MS Project stored for them, where a plan
        can hold them: what the file has but the plan format has not — manual scheduling,
        leveling delays, work before the project start, split tasks, resource calendars
        and work shared by resources — moves a task later or makes its span differ from
        its duration. A task that starts later in the file than here gets `start:` at its
        stored start; one that then ends elsewhere (a split, whose gap counts in its span;
        part days; a night shift; work shared by two resources) gets the stored span as
        its duration (what MS Project shows between its start and finish); every task
        still off its stored dates is warned about by name."""
        from planner.engine.schedule import schedule

        cal = self.cal
        stored: dict[str, tuple[int, int]] = {}
        shown: dict[str, tuple[date, date]] = {}
        rolled: dict[str, tuple[int, int]] = {}  # summaries': only compared, at the end
        for t in plan.tasks:
            r = by_id[t.id]
            if t.is_summary and not t.spans_window:
                s, f = _when(r.get("Start")), _when(r.get("Finish"))
                if s is not None and f is not None and f >= s:
                    first = self.stored_point(s, False)
                    rolled[t.id] = (first, max(first, self.stored_point(f, True)))
                    shown[t.id] = (s.date(), f.date())
            if t.is_summary or t.spans_window:
                continue
            manual = r.get("Manual") == "1"
            s = _when(r.get("ManualStart") if manual and r.get("ManualStart") else r.get("Start"))
            f = _when(r.get("ManualFinish") if manual and r.get("ManualFinish")
                      else r.get("Finish"))
            if s is not None and f is not None and f >= s:
                first = self.stored_point(s, False)
                stored[t.id] = (first, max(first, self.stored_point(f, True)))
                shown[t.id] = (s.date(), f.date())
        if self.manual:
            self.warn("mspdi.manual_kept", n=len(self.manual),
                      ids=", ".join(self.manual[:5]) + (" …" if len(self.manual) > 5 else ""))
        begin = cal.on_or_after(plan.start)
        earliest = min((first for first, _ in stored.values()), default=begin)
        if earliest < begin:  # linked work or actuals before the project's StartDate
            self.warn("mspdi.before_start", start=cal.date_of(begin), day=cal.date_of(earliest))
            plan = replace(plan, start=cal.date_of(earliest), index={})
        points = schedule(plan, cal).points
        tasks = list(plan.tasks)
        for i, t in enumerate(plan.tasks):
            manual = t.id in self.manual  # MS Project keeps it where the user put it
            if t.id not in stored or (points.es[i] >= stored[t.id][0] and not manual):
                continue
            if t.waits and not manual:  # the date another plan gives: that plan keeps it
                continue
            day = cal.date_of(stored[t.id][0])
            tasks[i] = replace(t, start=day)
            if (real(by_id[t.id].get("LevelingDelay")) or 0.0) > 0:  # tenths of minutes
                self.warn("mspdi.leveling_kept", t.id, id=t.id, day=day)
            elif not manual and stored[t.id][0] != begin:  # begin: said above
                self.warn("mspdi.start_kept", t.id, id=t.id, day=day)
        plan = replace(plan, tasks=tuple(tasks), index={})
        points = schedule(plan, cal).points
        for i, t in enumerate(plan.tasks):
            if t.id not in stored or t.is_milestone or t.duration is None:
                continue
            first, last = stored[t.id]
            # longer or shorter: the span is what MS Project shows (at least a day)
            if points.es[i] == first and points.ef[i] != last and last > first:
                tasks[i] = replace(t, duration=last - first)
                self.warn("mspdi.span_kept", t.id, id=t.id, duration=t.duration,
                          days=last - first)
        plan = replace(plan, tasks=tuple(tasks), index={})
        dates = schedule(plan, cal)
        # Children before parents: a summary's dates roll up from the tasks under it, so a
        # summary off its stored dates is warned only when no task under it is (MS Project
        # left its stored dates unrecalculated); otherwise that task's warning is the cause.
        off: dict[str, str] = {}  # task id -> the warning's key
        cause_under: set[str] = set()
        for i in reversed(range(len(plan.tasks))):
            t = plan.tasks[i]
            want = stored.get(t.id) if t.id in stored else \
                rolled.get(t.id) if t.id not in cause_under else None
            if want is not None and (int(dates.points.es[i]), int(dates.points.ef[i])) != want:
                off[t.id] = "mspdi.summary_off_dates" if t.id in rolled else "mspdi.off_dates"
            if t.parent is not None and (t.id in off or t.id in cause_under):
                cause_under.add(t.parent)
        for i, t in enumerate(plan.tasks):
            if t.id in off:
                got = dates.tasks[i]
                self.warn(off[t.id], t.id, id=t.id, start=shown[t.id][0],
                          finish=shown[t.id][1], got_start=got.start, got_finish=got.finish)
        return plan

    def settle_starts(self, plan: Plan, constraint: Mapping[str, date | None]) -> Plan:
        """Each task's `start:`: as written (our custom field, already in ``plan``), unless
        the file's constraint says otherwise — a constraint changed in MS Project wins.
        Foreign files have only the constraint, which the tasks already hold."""
        if not self.ours:
            return plan
        expected = start_constraints(plan, self.cal)
        tasks = list(plan.tasks)
        changed = False
        for i, (t, want) in enumerate(zip(plan.tasks, expected, strict=True)):
            got = constraint[t.id]
            if got is None and t.finish is not None and not t.spans_window:
                continue  # a planned finish needs its start
            if t.waits:  # its constraint is the date another plan gave when it was written
                continue
            if got != want:
                tasks[i] = replace(t, start=got)
                changed = True
        return replace(plan, tasks=tuple(tasks), index={}) if changed else plan

    # -- calendar --------------------------------------------------------------------------

    def calendar(self, raws: Mapping[int, _Raw], plan_start: date,
                 ) -> tuple[str, set[date], set[date]]:
        """The plan's calendar kind and its own holidays and workdays, from the project
        calendar's working week and exceptions."""
        uid = self.project_calendar
        calendars = {_int(self.get(c, "UID"), -9): c for c in
                     (self.root.find("Calendars") or ET.Element("x")).findall("Calendar")}
        base = calendars.get(uid)
        for cuid, c in calendars.items():
            if cuid == uid:
                continue
            name = self.get(c, "Name") or f"UID {cuid}"
            if self.get(c, "IsBaseCalendar") == "1":
                self.warn("mspdi.other_calendar", name=name)
            elif c.find("Exceptions") is not None or any(
                    self.get(w, "DayType") == "0" for w in c.iter("WeekDay")):
                self.warn("mspdi.resource_calendar", name=name)
        if base is None:
            self.warn("mspdi.no_calendar")
            return "weekdays", set(), set()
        week = {d: d not in (1, 7) for d in range(1, 8)}  # MS Project's default week
        changes: dict[date, bool] = {}
        if base.find("WorkWeeks") is not None:
            self.warn("mspdi.work_weeks")
        for wd in base.iter("WeekDay"):
            day_type = _int(self.get(wd, "DayType"), -1)
            working = self.get(wd, "DayWorking") == "1"
            if 1 <= day_type <= 7:
                week[day_type] = working
            elif day_type == 0:  # an exception, as MS Project 2003 wrote them
                period = wd.find("TimePeriod")
                if period is not None:
                    self.mark(changes, period, working, "exception")
        exceptions = base.find("Exceptions")
        for ex in exceptions.findall("Exception") if exceptions is not None else ():
            name = self.get(ex, "Name") or "exception"
            working = self.get(ex, "DayWorking") == "1"
            kind = _int(self.get(ex, "Type"), 1)
            period = ex.find("TimePeriod")
            if kind != 1 or _int(self.get(ex, "Period"), 1) > 1 or period is None:
                self.warn("mspdi.recurring", name=name)
                continue
            if working and not self.full_day(ex):
                self.warn("mspdi.part_day_exception", name=name)
            self.mark(changes, period, working, name)
        all_days = all(week.values())
        plan_kind = "alldays" if all_days else "weekdays"
        if not all_days and (any(week[d] for d in (1, 7))
                             or not all(week[d] for d in range(2, 7))):
            names = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
            pattern = " ".join(n for d, n in zip(range(1, 8), names, strict=True) if week[d])
            self.warn("mspdi.week", pattern=pattern)

        def weekly(d: date) -> bool:
            return True if all_days else d.weekday() < 5

        dated = [w.date() for r in raws.values() for tag in ("Start", "Finish")
                 for w in (_when(r.get(tag)),) if w is not None] or [plan_start]
        years = range(min(dated).year, max(dated).year + 1)
        if plan_kind == "weekdays" and self.looks_chinese(changes, years):
            plan_kind = "cn"
        standard: Callable[[date], bool] = weekly
        candidates = set(changes)
        if plan_kind == "cn":
            official = china_official_days()

            def chinese(d: date) -> bool:
                if official.first_year <= d.year <= official.last_year:
                    if d in official.workdays:
                        return True
                    if d in official.holidays:
                        return False
                return d.weekday() < 5
            standard = chinese
            candidates |= {d for d in official.holidays | official.workdays if d.year in years}
        holidays: set[date] = set()
        workdays: set[date] = set()
        for d in candidates:
            actual = changes.get(d, weekly(d))
            if actual != standard(d):
                (workdays if actual else holidays).add(d)
        return plan_kind, holidays, workdays

    def full_day(self, ex: ET.Element) -> bool:
        total = 0.0
        for wt in ex.iter("WorkingTime"):
            a, b = self.get(wt, "FromTime"), self.get(wt, "ToTime")
            if a and b:
                try:
                    ta = datetime.strptime(a.strip(), "%H:%M:%S")
                    tb = datetime.strptime(b.strip(), "%H:%M:%S")
                except ValueError:
                    continue
                span = (tb - ta).total_seconds() / 60
                total += span if span > 0 else span + 1440
        return total == 0 or total >= self.minutes_per_day - 1

    def mark(self, changes: dict[date, bool], period: ET.Element, working: bool,
             name: str) -> None:
        a, b = _when(self.get(period, "FromDate")), _when(self.get(period, "ToDate"))
        if a is None or b is None or b < a:
            self.warn("mspdi.exception_dates", name=name)
            return
        if (b.date() - a.date()).days > 3660:
            self.warn("mspdi.exception_long", name=name)
            return
        d = a.date()
        while d <= b.date():
            changes[d] = working
            d += timedelta(days=1)

    @staticmethod
    def looks_chinese(changes: Mapping[date, bool], years: range) -> bool:
        """True when the exceptions hold the official Chinese holidays and make-up workdays
        of the plan's years (or nearly all of them)."""
        official = china_official_days()
        wanted = {d: False for d in official.holidays if d.year in years and d.weekday() < 5}
        wanted.update({d: True for d in official.workdays if d.year in years})
        if not wanted:
            return False
        hits = sum(1 for d, w in wanted.items() if changes.get(d) == w)
        return hits >= 0.9 * len(wanted)

    # -- progress and baseline ------------------------------------------------------------

    def folder(self, plan: Plan, raws: Mapping[int, _Raw],
               notes: Mapping[str, list[str]]) -> Imported:
        from planner.domain.baseline import Baseline, BaselineTask
        from planner.planfiles.baseline import to_yaml
        from planner.planfiles.planyaml import PlanText, plan_yaml, snapshot_yaml

        by_id = {r.id: r for r in raws.values()}
        entries: dict[str, dict[str, object]] = {}
        latest: date | None = None
        for t in plan.tasks:
            if t.is_summary:
                continue
            r = by_id[t.id]
            a_start, a_finish = _when(r.get("ActualStart")), _when(r.get("ActualFinish"))
            if a_start is None and a_finish is None:
                continue
            e: dict[str, object] = {}
            first = (a_start or a_finish)
            assert first is not None
            e["started"] = first.date()
            if a_finish is not None:
                e["finished"] = max(a_finish.date(), first.date())
            else:
                physical = real(r.get("PhysicalPercentComplete"))
                share = real(r.get("PercentComplete"))
                percent = physical if physical else share
                if percent is not None and percent < 0:
                    self.warn("mspdi.negative_percent", t.id, id=t.id, percent=f"{percent:g}")
                    percent = None
                if percent is not None:
                    if percent >= 100:
                        self.warn("mspdi.percent_unfinished", t.id, id=t.id,
                                  percent=f"{percent:g}")
                        percent = 99
                    if percent > 0:
                        e["percent"] = percent
                remaining = _minutes(r.get("RemainingDuration"))
                if remaining is not None and not t.is_milestone:
                    e["remaining"] = max(self.days(
                        remaining, Phrase.of("mspdi.what.remaining", id=t.id), t.id), 0)
            spent = amount(r.get("ActualCost"))
            if spent and 0 < spent <= MAX_AMOUNT:
                e["spent"] = spent
            elif spent:
                self.warn("mspdi.actual_cost", t.id, id=t.id, value=f"{spent:g}")
            entries[t.id] = e
            for d in (e.get("started"), e.get("finished")):
                if isinstance(d, date) and (latest is None or d > latest):
                    latest = d
        files: dict[str, str] = {}
        comments: dict[str, list[str]] = {}
        status_day: date | None = None
        if entries:
            stamp = _when(self.get(self.root, "StatusDate"))
            status_day = stamp.date() if stamp is not None else None
            if status_day is None or (latest is not None and latest > status_day):
                if status_day is None:
                    self.warn("mspdi.no_status_date", latest=latest)
                else:
                    self.warn("mspdi.after_status_date", latest=latest, day=status_day)
                status_day = latest
            for tid, lines in notes.items():
                task = plan.task(tid)
                if task.is_summary:
                    comments[tid] = [f"备注：{line}" if plan.lang == "zh" else f"note: {line}"
                                     for line in lines]
                else:
                    entries.setdefault(tid, {})["note"] = " ".join(lines)
        else:
            for tid, lines in notes.items():
                comments[tid] = [f"备注：{line}" if plan.lang == "zh" else f"note: {line}"
                                 for line in lines]
        for tid in comments:
            self.warn("mspdi.notes", tid, id=tid)
        header = [f"Imported from {self.source} by `planner import` ({self.read_as}).",
                  "Check the warnings it printed; edit this file, not the XML."]
        files["plan.yaml"] = plan_yaml(plan, PlanText(header=header, comments=comments))
        if entries and status_day is not None:
            files[f"status/{status_day.isoformat()}.yaml"] = snapshot_yaml(
                plan.id, status_day, entries, illustrative=self.sample)
        base: dict[str, BaselineTask] = {}
        origin = date(min([plan.start.year] + [t.start.year for t in plan.tasks if t.start])
                      - 1, 1, 1)
        for t in plan.tasks:
            r = by_id[t.id]
            for b in r.el.findall("Baseline"):
                if _int(self.get(b, "Number"), -1) != 0:
                    continue
                bs, bf = _when(self.get(b, "Start")), _when(self.get(b, "Finish"))
                if bs is None or bf is None:
                    continue
                if bs.date() < origin or bf.date() < origin:
                    self.warn("mspdi.baseline_early", t.id, id=t.id, origin=origin)
                    continue
                minutes = _minutes(self.get(b, "Duration"))
                duration = self.days(minutes, Phrase.of("mspdi.what.baseline_duration",
                                                        id=t.id), t.id) \
                    if minutes is not None else self.cal.count(bs.date(), bf.date())
                cost = amount(self.get(b, "Cost"))
                base[t.id] = BaselineTask(bs.date(), max(bf.date(), bs.date()),
                                          max(duration, 0),
                                          cost if cost is not None and (cost > 0 or self.ours)
                                          else None)
        if base:
            files["baseline.yaml"] = to_yaml(Baseline(plan.id, base, None)).replace(
                "written by `planner baseline`", "imported by `planner import`")
        try:
            check_folder(files)
        except PlanError as exc:  # a dependency cycle, say: name the file, not a YAML line
            raise PlanError([replace(d, location=Location(self.source)) if d.hint else
                             replace(d, location=Location(self.source)).hinted(
                                 "mspdi.fix_in_project") for d in exc.diagnostics]) from None
        return Imported(plan, files, tuple(self.warnings), status_day, len(base),
                        uids={r.id: r.uid for r in raws.values()})


_DECLARATION = re.compile(rb"""^\s*<\?xml\b[^>]*?\bencoding\s*=\s*(["'])([^"'>]*)\1""")
_SAID = re.compile(r"""<\?xml\b[^>]*?\bencoding\s*=\s*(["'])([^"'>]*)\1""")
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_UTF8 = frozenset({"utf8", "usascii", "ascii", "unicode11utf8"})
_GB = frozenset({"gbk", "gb2312", "gb18030", "cp936", "ms936", "xgbk", "euccn", "xeuccn",
                 "gb231280", "windows936", "csgb2312", "cngb", "csgbk", "csgb18030"})


def _codec(declared: str) -> str:
    """The codec an encoding name in an XML declaration means: every name of GB2312, GBK
    and GB18030 (gb_2312, x-gbk, cp936…) is GB18030, their superset and what WPS means by
    them; UTF-8 by any name is "utf-8"; any other name as Python knows it."""
    lower = declared.strip().lower()
    bare = re.sub(r"[\s_-]", "", lower)
    if bare in _GB:
        return "gb18030"
    if bare in _UTF8:
        return "utf-8"
    try:
        return codecs.lookup(lower).name
    except LookupError:
        return lower


def _unmarked(data: bytes) -> str | None:
    """UTF-16 or UTF-32 without a byte-order mark, told by where the zero bytes are (the
    document begins with '<' or a space, which are ASCII); None when there are none."""
    head = data[:4]
    if len(head) < 4:
        return None
    zero = (head[0] == 0, head[1] == 0, head[2] == 0, head[3] == 0)
    return {(False, True, True, True): "utf-32-le", (True, True, True, False): "utf-32-be",
            }.get(zero) or ("utf-16-le" if zero[:2] == (False, True) else
                            "utf-16-be" if zero[:2] == (True, False) else None)


def _as_utf8(data: bytes, where: Location) -> tuple[bytes, bool]:
    """The document as UTF-8, its declaration saying so: the XML parser reads only UTF-8,
    UTF-16 and Latin-1 itself, and MS Project or WPS may save GBK (GB2312, GB18030),
    UTF-16 or UTF-32 with or without a byte-order mark, a UTF-8 mark before a declaration
    of GB2312, or another encoding Python knows. A byte-order mark says more than a
    declaration; a declaration of UTF-16 over bytes without zeros is read as UTF-8 (the
    parser locates what is not). Text said (or taken) to be UTF-8 that is not, but is GBK,
    is read as GBK: the second value says so, for a warning. PlanError, in one sentence,
    for an encoding nobody knows or text that is not in the one declared."""
    name = next((enc for mark, enc in _BOMS if data.startswith(mark)), None) or \
        _unmarked(data)
    declared = None
    if name is None or name == "utf-8-sig":
        m = _DECLARATION.match(data[3:403] if name else data[:400])
        declared = m.group(2).decode("ascii", "replace").strip() if m is not None else None
        codec = _codec(declared) if declared else "utf-8"
        if codec == "utf-8":  # what the parser reads as it is, from its declaration on
            body = data.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")
            body = body if body.startswith(b"<?xml") else data
            try:
                body.decode("utf-8")
            except UnicodeDecodeError as exc:  # Notepad's "ANSI" on a Chinese PC: GBK
                try:
                    return _declared_utf8(data.decode("gb18030")), True
                except UnicodeDecodeError:
                    raise PlanError([Diagnostic.said(
                        "encoding", "mspdi.not_encoding", where, name=declared or "UTF-8",
                        at=f"{exc.start:,}")]) from None
            return body, False
        if name is None:
            name = "utf-8" if codec.startswith(("utf-16", "utf-32")) else codec
    try:
        if not getattr(codecs.lookup(name), "_is_text_encoding", True):  # base64, zlib…
            raise LookupError(name)
    except LookupError:
        raise PlanError([Diagnostic.said("encoding", "mspdi.unknown_encoding", where,
                                         name=excerpt(declared or name))]) from None
    try:
        text = data.decode(name)
    except (UnicodeDecodeError, LookupError) as exc:
        at = exc.start if isinstance(exc, UnicodeDecodeError) else 0
        raise PlanError([Diagnostic.said("encoding", "mspdi.not_encoding", where,
                                         name=declared or name.upper(), at=f"{at:,}")]
                        ) from None
    return _declared_utf8(text), False


def _declared_utf8(text: str) -> bytes:
    """``text`` as UTF-8 bytes whose declaration (if any) says UTF-8."""
    text = text.lstrip("\ufeff")
    if text.lstrip().startswith("<?xml"):
        text = text.lstrip()  # a blank line before the declaration: harmless, not an error
    said = _SAID.match(text)
    if said is not None:
        text = text[: said.start(2)] + "UTF-8" + text[said.end(2):]
    return text.encode("utf-8")


def from_bytes(data: bytes, source: str, fallback_id: str = "imported",
               fields: Mapping[str, str] | None = None,
               read_as: str = "MS Project XML") -> Imported:
    """Read an MSPDI document into plan.yaml (and a snapshot and baseline.yaml when it holds
    progress and a baseline). Raises PlanError, located, when the XML cannot be read.

    ``fields`` maps some of ours (id, owner, tags, quantity) to a user's custom field, by
    its name (Text3, 文本3) or its alias in the file: `planner import --field owner=Text3`.
    ``read_as`` says, in plan.yaml's header, how the file was read (a file MPXJ converted)."""
    import defusedxml.ElementTree as SafeET  # type: ignore[import-untyped]
    from defusedxml import DefusedXmlException

    where = Location(source)
    if len(data) > MAX_BYTES:
        raise PlanError([Diagnostic.said("too-large", "mspdi.too_large", where,
                                         size=f"{len(data) / 2**20:.0f}",
                                         most=MAX_BYTES // 2**20)])
    data, as_gbk = _as_utf8(data, where)
    try:
        root = SafeET.fromstring(data)
    except ET.ParseError as exc:
        line, col = exc.position
        message = str(exc).split(":")[0]
        raise PlanError([Diagnostic.said("xml", "mspdi.not_xml", Location(source, line, col + 1),
                                         problem=message)]) from None
    except DefusedXmlException as exc:
        what = type(exc).__name__.replace("Forbidden", "").lower()
        raise PlanError([Diagnostic.said("xml", "mspdi.declares", where, what=what)]
                        ) from None
    except ValueError as exc:  # expat's own refusals outside well-formedness
        raise PlanError([Diagnostic.said("xml", "mspdi.not_xml", where, problem=str(exc))]
                        ) from None
    for e in root.iter():
        if isinstance(e.tag, str) and "}" in e.tag:
            e.tag = e.tag.rpartition("}")[2]
    if root.tag != "Project":
        raise PlanError([Diagnostic.said("mspdi", "mspdi.not_project", where, tag=root.tag)])
    try:
        importer = _Importer(root, source, fallback_id, fields)
        importer.read_as = read_as
        if as_gbk:
            importer.warn("mspdi.read_as_gbk")
        return importer.run()
    except (ValueError, ArithmeticError, LookupError, TypeError) as exc:  # never a traceback
        raise PlanError([Diagnostic.said("mspdi", "mspdi.not_converted", where,
                                         problem=str(exc))]) from None


def read(path: Path, fallback_id: str = "imported",
         fields: Mapping[str, str] | None = None) -> Imported:
    """Read the MSPDI file at ``path`` (at most MAX_BYTES); PlanError, located, when it
    cannot be read."""
    return from_bytes(file_bytes(path), str(path), fallback_id, fields)


def file_bytes(path: Path) -> bytes:
    """A project file's bytes, at most MAX_BYTES (the limit of MS Project XML and of the
    files MPXJ converts to it); PlanError, located, when it is larger or unreadable."""
    where = Location(str(path))
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise PlanError([Diagnostic.said("too-large", "mspdi.too_large", where,
                                             size=f"{size / 2**20:.0f}",
                                             most=MAX_BYTES // 2**20)])
        return path.read_bytes()
    except OSError as exc:
        raise PlanError([Diagnostic.said("file", "import.unreadable", where,
                                         reason=exc.strerror or str(exc))]) from None

