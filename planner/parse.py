"""Parsing the value syntaxes of the plan format: dates, durations, lags, numbers, flags.

Each parser takes the text as written and returns the value, or raises ValueError with a
message that says what is wrong and what is expected.
"""

from __future__ import annotations

import calendar as _cal
import math
import re
from datetime import date

_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_DURATION = re.compile(r"(\d+)\s*([dw]?)", re.IGNORECASE)
_LAG = re.compile(r"([+-]?)\s*(\d+)\s*([dw]?)", re.IGNORECASE)
_NUMBER = re.compile(r"[+-]?(\d[\d_]*)?(\.\d+)?([eE][+-]?\d+)?")
TRUE = frozenset({"true", "True", "TRUE"})
FALSE = frozenset({"false", "False", "FALSE"})


def parse_date(text: str, month_means: str = "first") -> date:
    """`YYYY-MM-DD`, or `YYYY-MM` meaning that month's first or last day."""
    text = text.strip()
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
    value, unit = int(m.group(1)), m.group(2).lower()
    return value * days_per_week if unit == "w" else value


def parse_lag(text: str, days_per_week: int) -> int:
    """A lag in working days: `+5`, `5`, `-2` (a lead), `+1w`."""
    m = _LAG.fullmatch(text.strip())
    if not m:
        raise ValueError(
            f"lag '{text}' must be a signed whole number of working days, e.g. +5 or -2"
        )
    sign, value, unit = m.group(1), int(m.group(2)), m.group(3).lower()
    days = value * days_per_week if unit == "w" else value
    return -days if sign == "-" else days


def parse_number(text: str, what: str) -> float:
    """A finite decimal number as written (`3000000`, `3_000_000`, `0.5`)."""
    t = text.strip()
    if not t or not _NUMBER.fullmatch(t) or not any(c.isdigit() for c in t):
        raise ValueError(f"{what} '{text}' is not a number")
    value = float(t.replace("_", ""))
    if not math.isfinite(value):
        raise ValueError(f"{what} '{text}' is not a finite number")
    return value


def parse_count(text: str, what: str) -> int:
    """A whole number, 0 or more (working days, iterations, a seed)."""
    value = parse_number(text, what)
    if value < 0 or value != int(value):
        raise ValueError(f"{what} '{text}' must be a whole number, 0 or more")
    return int(value)


def parse_bool(text: str, what: str) -> bool:
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise ValueError(f"{what} must be true or false, not '{text}'")
