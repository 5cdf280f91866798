"""Parsing the value syntaxes of the plan format: dates, durations, lags, numbers, flags.

Each parser takes the text as written and returns the value, or raises `Invalid` (a
ValueError) with a message that says what is wrong and what is expected, in either language.
"""

from __future__ import annotations

import calendar as _cal
import math
import re
from collections.abc import Callable
from datetime import date

from planner.domain.diagnostics import Alternatives, Invalid, closest
from planner.domain.model import Spread

_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_DURATION = re.compile(r"(\d+)\s*([dw]?)", re.IGNORECASE)
_LAG = re.compile(r"([+-]?)\s*(\d+)\s*([dw]?)", re.IGNORECASE)
PLAN_ID = re.compile(r"[a-z0-9_-]+")
TASK_ID = re.compile(r"[A-Za-z0-9_.-]+")
_NUMBER = re.compile(r"[+-]?(\d[\d_]*)?(\.\d+)?([eE][+-]?\d+)?")
# The supported ranges. Dates: any plan of the last or the next century and a margin.
# Durations, lags and estimates: up to 100 years of working days. Amounts (money,
# quantities): more than any budget, far from where floats lose whole units.
FIRST_YEAR, LAST_YEAR = 1900, 2200
MAX_DAYS = 36_600
MAX_AMOUNT = 1e15
TRUE = frozenset({"true", "True", "TRUE"})
FALSE = frozenset({"false", "False", "FALSE"})


def parse_date(text: str, month_means: str = "first") -> date:
    """`YYYY-MM-DD`, or `YYYY-MM` meaning that month's first or last day."""
    text = text.strip()
    if m := _DATE.fullmatch(text) or _MONTH.fullmatch(text):
        year = int(m.group(1))
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise Invalid("value.years", text=text, first=FIRST_YEAR, last=LAST_YEAR)
    if m := _DATE.fullmatch(text):
        year, month, day = (int(g) for g in m.groups())
        if not 1 <= month <= 12:
            raise Invalid("value.no_month.date", text=text, month=month)
        last = _cal.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise Invalid("value.month_days", text=text, month=f"{year}-{month:02d}", days=last)
        return date(year, month, day)
    if m := _MONTH.fullmatch(text):
        year, month = (int(g) for g in m.groups())
        if not 1 <= month <= 12:
            raise Invalid("value.no_month.month", text=text, month=month)
        day = 1 if month_means == "first" else _cal.monthrange(year, month)[1]
        return date(year, month, day)
    raise Invalid("value.not_date", text=text)


def date_in_plan(first: date) -> Callable[[str], date]:
    """A parser of dates that may not lie before ``first``, the plan calendar's first day."""
    def parse(text: str) -> date:
        day = parse_date(text)
        if day < first:
            raise Invalid("value.before_calendar", day=day, first=first)
        return day
    return parse


def number_text(value: float) -> str:
    """A number as people write it and as it reads back exactly: 1750, 62.5, 1800000
    (never 1.8e+06 or 1750.0)."""
    if math.isfinite(value) and float(value).is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(float(value))


def parse_duration(text: str, days_per_week: int) -> int:
    """Whole working days: `10`, `10d` or `2w`."""
    m = _DURATION.fullmatch(text.strip())
    if not m:
        if text.strip().startswith("-"):
            raise Invalid("value.duration_negative", text=text)
        raise Invalid("value.duration", text=text)
    value, unit = _whole(m.group(1), "duration"), m.group(2).lower()
    return _days(value * days_per_week if unit == "w" else value, "duration", text)


def _whole(digits: str, what: str) -> int:
    if len(digits.lstrip("0")) > 9:  # before int(): a 5,000-digit number is no duration
        raise Invalid("value.digits_too_large", what=what, digits=digits[:12], most=MAX_DAYS)
    return int(digits)


def _days(value: int, what: str, text: str) -> int:
    if abs(value) > MAX_DAYS:
        raise Invalid("value.days_too_large", what=what, text=text.strip(), most=MAX_DAYS)
    return value


def parse_lag(text: str, days_per_week: int) -> int:
    """A lag in working days: `+5`, `5`, `-2` (a lead), `+1w`."""
    m = _LAG.fullmatch(text.strip())
    if not m:
        raise Invalid("value.lag", text=text)
    sign, value, unit = m.group(1), _whole(m.group(2), "lag"), m.group(3).lower()
    days = value * days_per_week if unit == "w" else value
    return _days(-days if sign == "-" else days, "lag", text)


def parse_number(text: str, what: str) -> float:
    """A finite decimal number as written (`3000000`, `3_000_000`, `0.5`)."""
    t = text.strip()
    if t.isascii() and t.isdigit():  # the usual case, plain digits: the checks below agree
        value = float(t)
    elif not t or not _NUMBER.fullmatch(t) or not any(c.isdigit() for c in t):
        raise Invalid("value.not_number", what=what, text=text)
    else:
        value = float(t.replace("_", ""))
    if not math.isfinite(value) or abs(value) > MAX_AMOUNT:
        raise Invalid("value.out_of_range", what=what, text=text, most=f"{MAX_AMOUNT:,.0f}")
    return value


def parse_count(text: str, what: str, most: int = MAX_DAYS) -> int:
    """A whole number from 0 to ``most`` (working days by default; iterations, a seed)."""
    value = parse_number(text, what)
    if value < 0 or value != int(value):
        raise Invalid("value.not_count", what=what, text=text)
    if value > most:
        raise Invalid("value.too_large", what=what, text=text, most=f"{most:,}")
    return int(value)


def parse_bool(text: str, what: str) -> bool:
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise Invalid("value.not_bool", what=what, text=text)


def parse_band(text: str) -> tuple[Spread, Spread]:
    """`-10%,+40%` (or `-2d,+8d`): the default uncertainty band, low side then high side."""
    parts = [p for p in text.replace("，", ",").split(",") if p.strip()]
    if len(parts) != 2:
        raise Invalid("value.not_band", text=text)
    low, high = parse_spread(parts[0]), parse_spread(parts[1])
    if low.value > 0 or high.value < 0:
        raise Invalid("value.band_sides", text=text)
    return low, high


def parse_spread(text: str) -> Spread:
    t = text.strip()
    if t.endswith("%"):
        value = parse_number(t[:-1], "risk default")
        if not -100 <= value <= 1000:
            raise Invalid("value.spread_percent", text=text)
        return Spread(value, True)
    value = parse_number(t.rstrip("dD"), "risk default")
    if abs(value) > MAX_DAYS:
        raise Invalid("value.spread_days", text=text, most=MAX_DAYS)
    return Spread(value, False)


# -- the plan file's words: ids, choices, link types, estimates ---------------------------


def date_parser(month_means: str) -> Callable[[str], date]:
    return lambda text: parse_date(text, month_means)


def parse_plan_id(text: str) -> str:
    if not PLAN_ID.fullmatch(text):
        raise Invalid("value.plan_id", text=text)
    return text


def parse_task_id(text: str) -> str:
    if not TASK_ID.fullmatch(text):
        raise Invalid("value.task_id", text=text)
    return text


def choice(options: tuple[str, ...]) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text not in options:
            close = closest(text, options)
            if close:
                raise Invalid("value.choice.close", text=text,
                              options=Alternatives(options, ", "), close=close)
            raise Invalid("value.choice", text=text, options=Alternatives(options, ", "))
        return text
    return parse


def parse_estimate_days(text: str) -> float:
    """A fractional estimate in working days (`12.5`), 0 to MAX_DAYS."""
    value = parse_non_negative(text.rstrip("dD"), "estimate")
    if value > MAX_DAYS:
        raise Invalid("value.estimate_too_large", text=text, most=MAX_DAYS)
    return value


def parse_non_negative(text: str, what: str) -> float:
    value = parse_number(text, what)
    if value < 0:
        raise Invalid("value.negative", what=what, text=text)
    return value


def sample_note(text: str) -> str | None:
    """An `illustrative:` value: `true` -> "" (sample data, no note), `false` -> None (real
    data), anything else is the note saying why the data is invented."""
    return "" if text in TRUE else None if text in FALSE else text
