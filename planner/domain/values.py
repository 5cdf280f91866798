"""Parsing the value syntaxes of the plan format: dates, durations, lags, numbers, flags.

Each parser takes the text as written and returns the value, or raises ValueError with a
message that says what is wrong and what is expected.
"""

from __future__ import annotations

import calendar as _cal
import math
import re
from collections.abc import Callable
from datetime import date

from planner.domain.diagnostics import did_you_mean
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
            raise ValueError(f"'{text}' is outside the supported years {FIRST_YEAR}–{LAST_YEAR}")
    if m := _DATE.fullmatch(text):
        year, month, day = (int(g) for g in m.groups())
        if not 1 <= month <= 12:
            raise ValueError(f"'{text}' is not a date: there is no month {month}")
        last = _cal.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(
                f"'{text}' is not a date: {year}-{month:02d} has {last} days"
            )
        return date(year, month, day)
    if m := _MONTH.fullmatch(text):
        year, month = (int(g) for g in m.groups())
        if not 1 <= month <= 12:
            raise ValueError(f"'{text}' is not a month: there is no month {month}")
        day = 1 if month_means == "first" else _cal.monthrange(year, month)[1]
        return date(year, month, day)
    raise ValueError(f"'{text}' is not a date; write YYYY-MM-DD (or YYYY-MM for a month)")


def date_in_plan(first: date) -> Callable[[str], date]:
    """A parser of dates that may not lie before ``first``, the plan calendar's first day."""
    def parse(text: str) -> date:
        day = parse_date(text)
        if day < first:
            raise ValueError(f"{day} is before {first}, where the plan's calendar begins "
                             "(a year before its earliest start); check the year, or give "
                             "the task an earlier 'start:' in plan.yaml")
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
            raise ValueError(f"duration '{text}' is negative; durations are 0 or more")
        raise ValueError(
            f"duration '{text}' is not a whole number of working days; "
            "write e.g. 10, '10d' or '2w' (0 = milestone)"
        )
    value, unit = _whole(m.group(1), "duration"), m.group(2).lower()
    return _days(value * days_per_week if unit == "w" else value, "duration", text)


def _whole(digits: str, what: str) -> int:
    if len(digits.lstrip("0")) > 9:  # before int(): a 5,000-digit number is no duration
        raise ValueError(f"{what} {digits[:12]}… is too large; at most {MAX_DAYS} working days")
    return int(digits)


def _days(value: int, what: str, text: str) -> int:
    if abs(value) > MAX_DAYS:
        raise ValueError(f"{what} '{text.strip()}' is too large: at most {MAX_DAYS} "
                         "working days (100 years)")
    return value


def parse_lag(text: str, days_per_week: int) -> int:
    """A lag in working days: `+5`, `5`, `-2` (a lead), `+1w`."""
    m = _LAG.fullmatch(text.strip())
    if not m:
        raise ValueError(
            f"lag '{text}' must be a signed whole number of working days, e.g. +5 or -2"
        )
    sign, value, unit = m.group(1), _whole(m.group(2), "lag"), m.group(3).lower()
    days = value * days_per_week if unit == "w" else value
    return _days(-days if sign == "-" else days, "lag", text)


def parse_number(text: str, what: str) -> float:
    """A finite decimal number as written (`3000000`, `3_000_000`, `0.5`)."""
    t = text.strip()
    if t.isascii() and t.isdigit():  # the usual case, plain digits: the checks below agree
        value = float(t)
    elif not t or not _NUMBER.fullmatch(t) or not any(c.isdigit() for c in t):
        raise ValueError(f"{what} '{text}' is not a number")
    else:
        value = float(t.replace("_", ""))
    if not math.isfinite(value) or abs(value) > MAX_AMOUNT:
        raise ValueError(f"{what} '{text}' is out of range: at most {MAX_AMOUNT:,.0f}")
    return value


def parse_count(text: str, what: str, most: int = MAX_DAYS) -> int:
    """A whole number from 0 to ``most`` (working days by default; iterations, a seed)."""
    value = parse_number(text, what)
    if value < 0 or value != int(value):
        raise ValueError(f"{what} '{text}' must be a whole number, 0 or more")
    if value > most:
        raise ValueError(f"{what} '{text}' is too large: at most {most:,}")
    return int(value)


def parse_bool(text: str, what: str) -> bool:
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise ValueError(f"{what} must be true or false, not '{text}'")


def parse_band(text: str) -> tuple[Spread, Spread]:
    """`-10%,+40%` (or `-2d,+8d`): the default uncertainty band, low side then high side."""
    parts = [p for p in text.replace("，", ",").split(",") if p.strip()]
    if len(parts) != 2:
        raise ValueError(f"'{text}' is not a band; write LOW,HIGH, e.g. -10%,+40%")
    low, high = parse_spread(parts[0]), parse_spread(parts[1])
    if low.value > 0 or high.value < 0:
        raise ValueError(f"'{text}': the low side is 0 or less, the high side 0 or more")
    return low, high


def parse_spread(text: str) -> Spread:
    t = text.strip()
    if t.endswith("%"):
        value = parse_number(t[:-1], "risk default")
        if not -100 <= value <= 1000:
            raise ValueError(f"'{text}' is outside -100% … +1000%")
        return Spread(value, True)
    value = parse_number(t.rstrip("dD"), "risk default")
    if abs(value) > MAX_DAYS:
        raise ValueError(f"'{text}' is too large: at most {MAX_DAYS} working days")
    return Spread(value, False)


# -- the plan file's words: ids, choices, link types, estimates ---------------------------


def date_parser(month_means: str) -> Callable[[str], date]:
    return lambda text: parse_date(text, month_means)


def parse_plan_id(text: str) -> str:
    if not PLAN_ID.fullmatch(text):
        raise ValueError(f"'{text}' may contain only a-z, 0-9, '_' and '-'")
    return text


def parse_task_id(text: str) -> str:
    if not TASK_ID.fullmatch(text):
        raise ValueError(f"'{text}' may contain only letters A-Z a-z, digits, '_', '.' and '-'")
    return text


def choice(options: tuple[str, ...]) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text not in options:
            hint = did_you_mean(text, options)
            raise ValueError(f"'{text}' is not one of {', '.join(options)}"
                             + (f"; {hint}" if hint else ""))
        return text
    return parse


def parse_estimate_days(text: str) -> float:
    """A fractional estimate in working days (`12.5`), 0 to MAX_DAYS."""
    value = parse_non_negative(text.rstrip("dD"), "estimate")
    if value > MAX_DAYS:
        raise ValueError(f"estimate '{text}' is too large: at most {MAX_DAYS} working days")
    return value


def parse_non_negative(text: str, what: str) -> float:
    value = parse_number(text, what)
    if value < 0:
        raise ValueError(f"{what} '{text}' is negative")
    return value
