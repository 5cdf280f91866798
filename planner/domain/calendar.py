"""Working-day calendars: which days count, and dates <-> working-day numbers in O(1)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from planner.domain.vocab import CalendarKind

KINDS: tuple[str, ...] = tuple(CalendarKind)
FIRST_YEAR = 1800  # late dates may reach back before a plan; not this far
MAX_YEAR = 9999  # date.max.year: the tables stop at the end of the year before it
_MARGIN_YEARS = 2  # materialise a little beyond what was asked, so growth is rare


# The statutory holidays' Chinese names, by the English names the official list gives.
HOLIDAY_ZH = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节", "Dragon Boat Festival": "端午节", "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


@dataclass(frozen=True, slots=True)
class OfficialDays:
    """Statutory holidays and make-up workdays for the years an official list covers,
    each with the holiday it belongs to (a make-up workday: the holiday it makes up for)."""

    holidays: frozenset[date]
    workdays: frozenset[date]
    first_year: int
    last_year: int
    names: Mapping[date, str] = field(default_factory=dict)  # English, as the list names them

    def name(self, day: date, lang: str) -> str | None:
        """The day's official name in ``lang``: 国庆节, 国庆节调休上班, National Day (make-up
        workday); None for a day the list does not name."""
        name = self.names.get(day)
        if name is None:
            return None
        if lang == "zh":
            zh = HOLIDAY_ZH.get(name, name)
            return f"{zh}调休上班" if day in self.workdays else zh
        return f"{name} (make-up workday)" if day in self.workdays else name


@lru_cache(maxsize=1)
def china_official_days() -> OfficialDays:
    """The official Chinese holiday list (国务院办公厅 notices), as chinesecalendar ships it."""
    from chinese_calendar import constants

    holidays = frozenset(constants.holidays)
    workdays = frozenset(constants.workdays)
    years = {d.year for d in holidays}
    names = {**{d: str(n) for d, n in constants.holidays.items()},
             **{d: str(n) for d, n in constants.workdays.items()}}
    return OfficialDays(holidays, workdays, min(years), max(years), names)


class Calendar:
    """A working-day calendar.

    Working days are numbered 0, 1, 2, … from the first working day of ``origin_year``;
    a *point* ``i`` is the instant at the start of working day ``i`` (= the end of day ``i-1``),
    which is what the scheduler computes with.
    """

    def __init__(
        self,
        kind: str = "weekdays",
        holidays: Iterable[date] = (),
        workdays: Iterable[date] = (),
        origin_year: int = 2000,
    ) -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown calendar {kind!r}; choose one of {', '.join(KINDS)}")
        self.kind = kind
        self.extra_holidays = frozenset(holidays)
        self.extra_workdays = frozenset(workdays)
        self._official = china_official_days() if kind == "cn" else None
        self._origin = date(origin_year, 1, 1)
        self._days: list[date] = []  # working day number -> date
        self._ordinals: list[int] = []  # same, as date ordinals, for bisect
        self._before: list[int] = [0]  # calendar-day offset -> working days before that day
        self._end = self._origin  # first day not yet materialised
        self._back: list[date] = []  # working days before the origin, latest first
        self._grow_to(date(origin_year + _MARGIN_YEARS, 12, 31))

    # -- what counts as a working day ------------------------------------------------------

    def is_workday(self, day: date) -> bool:
        if day in self.extra_workdays:
            return True
        if day in self.extra_holidays:
            return False
        if self.kind == "alldays":
            return True
        official = self._official
        if official is not None and official.first_year <= day.year <= official.last_year:
            if day in official.workdays:
                return True
            if day in official.holidays:
                return False
        return day.weekday() < 5

    def missing_years(self, first: date, last: date) -> list[int]:
        """Years in [first, last] for which a `cn` calendar has neither official nor user data."""
        if self._official is None:
            return []
        user_years = {d.year for d in self.extra_holidays | self.extra_workdays}
        lo, hi = self._official.first_year, self._official.last_year
        return [
            y
            for y in range(first.year, last.year + 1)
            if not lo <= y <= hi and y not in user_years
        ]


    # -- conversions -------------------------------------------------------------------------

    def on_or_after(self, day: date) -> int:
        """Number of the first working day on or after ``day``."""
        return self._before[self._offset(day)]

    def on_or_before(self, day: date) -> int:
        """Number of the last working day on or before ``day`` (-1 if none)."""
        return self._before[self._offset(day) + 1] - 1

    def end_of(self, day: date) -> int:
        """The point at the end of ``day``: after its last working day on or before it."""
        return self.on_or_before(day) + 1

    def date_of(self, number: int) -> date:
        """The date of working day ``number`` (negative: counted back before the origin)."""
        if number < 0:
            return self._before_origin(-number)
        while number >= len(self._days):
            if self._end.year >= MAX_YEAR:
                raise ValueError(f"working day {number} is beyond the last supported year "
                                 f"{MAX_YEAR - 1}")
            span = self._end.year - self._origin.year  # grow geometrically: few passes
            self._grow_to(date(min(self._end.year + max(span, 10), MAX_YEAR - 1), 12, 31))
        return self._days[number]

    def _before_origin(self, count: int) -> date:
        """The ``count``-th working day before the origin: only late dates of a plan whose
        deadline leaves no room reach here, so a day-by-day walk is cheap enough."""
        while len(self._back) < count:
            day = (self._back[-1] if self._back else self._origin) - timedelta(days=1)
            while not self.is_workday(day):
                day -= timedelta(days=1)
            if day.year < FIRST_YEAR:
                raise ValueError(f"working day -{count} is before the year {FIRST_YEAR}")
            self._back.append(day)
        return self._back[count - 1]

    def days_through(self, number: int) -> list[date]:
        """The date table, covering at least working days 0..number (index it directly)."""
        self.date_of(number)
        return self._days

    def count(self, first: date, last: date) -> int:
        """Working days in [first, last], both inclusive."""
        if last < first:
            return 0
        return self.on_or_before(last) - self.on_or_after(first) + 1

    def workdays_between(self, first: date, last: date) -> list[date]:
        """The working days in [first, last]."""
        self._offset(last)
        lo = bisect.bisect_left(self._ordinals, first.toordinal())
        hi = bisect.bisect_right(self._ordinals, last.toordinal())
        return self._days[lo:hi]

    # -- materialisation ---------------------------------------------------------------------

    def _offset(self, day: date) -> int:
        offset = (day - self._origin).days
        if offset < 0:
            raise ValueError(f"{day} is before the calendar's origin {self._origin}")
        if day >= self._end:
            if day.year >= MAX_YEAR:
                raise ValueError(f"{day} is beyond the last supported year {MAX_YEAR - 1}")
            self._grow_to(date(min(day.year + _MARGIN_YEARS, MAX_YEAR - 1), 12, 31))
        return offset

    def _grow_to(self, last: date) -> None:
        """Extend the tables to cover every day up to ``last`` (and one day beyond)."""
        first = self._end.toordinal()
        ordinals = np.arange(first, last.toordinal() + 1, dtype=np.int64)
        if self.kind == "alldays":
            work = np.ones(len(ordinals), dtype=bool)
        else:
            work = (ordinals + 6) % 7 < 5  # ordinal 1 (0001-01-01) was a Monday
        if self._official is not None:
            self._mark(work, first, self._official.holidays, False)
            self._mark(work, first, self._official.workdays, True)
        self._mark(work, first, self.extra_holidays, False)
        self._mark(work, first, self.extra_workdays, True)
        counted = len(self._days)
        before = counted + np.concatenate(([0], np.cumsum(work)))
        self._before[-1:] = before.tolist()  # replaces the old sentinel, adds a new one
        new = ordinals[work].tolist()
        self._ordinals.extend(new)
        self._days.extend(date.fromordinal(o) for o in new)
        self._end = last + timedelta(days=1)

    @staticmethod
    def _mark(work: NDArray[np.bool_], first: int, days: frozenset[date], value: bool) -> None:
        for day in days:
            offset = day.toordinal() - first
            if 0 <= offset < len(work):
                work[offset] = value
