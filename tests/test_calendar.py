"""Working-day calendars: Chinese holidays and 调休, plan overrides, conversions."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from planner.domain.calendar import Calendar
from planner.engine.schedule import schedule
from tests.conftest import plan_from


def days(first: str, last: str) -> list[date]:
    d, end = date.fromisoformat(first), date.fromisoformat(last)
    out = []
    while d <= end:
        out.append(d)
        d += timedelta(days=1)
    return out


def test_national_day_2023_is_off_and_the_weekend_after_is_worked() -> None:
    cal = Calendar("cn")
    off = days("2023-09-29", "2023-10-06")
    assert not any(cal.is_workday(d) for d in off)
    assert cal.is_workday(date(2023, 10, 7)) and cal.is_workday(date(2023, 10, 8))  # Sat, Sun
    assert cal.is_workday(date(2023, 9, 28)) and cal.is_workday(date(2023, 10, 9))
    # working days from Mon 25 Sep to Fri 13 Oct: 4 before the holiday + Sat, Sun + 5
    assert cal.count(date(2023, 9, 25), date(2023, 10, 13)) == 11
    assert cal.date_of(cal.on_or_after(date(2023, 9, 29))) == date(2023, 10, 7)
    assert cal.date_of(cal.on_or_before(date(2023, 10, 6))) == date(2023, 9, 28)


def test_spring_festival_2024() -> None:
    cal = Calendar("cn")
    assert not any(cal.is_workday(d) for d in days("2024-02-10", "2024-02-17"))
    assert cal.is_workday(date(2024, 2, 4)) and cal.is_workday(date(2024, 2, 18))  # Sundays
    assert cal.is_workday(date(2024, 2, 9))  # 除夕 2024 was not a statutory day off
    assert not cal.is_workday(date(2024, 2, 3))  # an ordinary Saturday
    assert [d for d in days("2024-02-01", "2024-02-20") if cal.is_workday(d)] == [
        date(2024, 2, x) for x in (1, 2, 4, 5, 6, 7, 8, 9, 18, 19, 20)]


def test_plan_holidays_and_workdays_override() -> None:
    cal = Calendar("cn", holidays=[date(2023, 8, 15)],
                   workdays=[date(2023, 8, 19), date(2023, 10, 2)])
    assert not cal.is_workday(date(2023, 8, 15))  # a Tuesday made a holiday
    assert cal.is_workday(date(2023, 8, 19))  # a Saturday made a workday
    assert cal.is_workday(date(2023, 10, 2))  # even inside National Day


def test_weekdays_and_alldays() -> None:
    week = days("2023-07-01", "2023-07-09")
    assert [d.day for d in week if Calendar("weekdays").is_workday(d)] == [3, 4, 5, 6, 7]
    assert all(Calendar("alldays").is_workday(d) for d in week)
    assert Calendar("weekdays").is_workday(date(2023, 10, 2))  # no Chinese holidays there


@pytest.mark.parametrize("kind", ["cn", "weekdays", "alldays"])
def test_conversions_agree_with_a_day_by_day_count(kind: str) -> None:
    cal = Calendar(kind, holidays=[date(2024, 5, 6)], workdays=[date(2024, 5, 11)],
                   origin_year=2022)
    number = -1
    for d in days("2022-01-01", "2026-12-31"):
        if cal.is_workday(d):
            number += 1
            assert cal.date_of(number) == d
            assert cal.on_or_after(d) == cal.on_or_before(d) == number
        else:
            assert cal.on_or_before(d) == number
            assert cal.on_or_after(d) == number + 1


def test_calendar_grows_far_beyond_its_first_years() -> None:
    cal = Calendar("weekdays", origin_year=2023)
    n = cal.on_or_after(date(2150, 3, 1))  # a Sunday
    assert cal.date_of(n) == date(2150, 3, 2)
    assert cal.date_of(n + 5) == date(2150, 3, 9)


def test_a_year_without_official_data_warns_and_names_the_fix(tmp_path: Path) -> None:
    header = "plan:\n  id: t\n  name: T\n  start: 2027-03-01\n  calendar: cn\n"
    s = schedule(plan_from(tmp_path, "- id: a\n  name: A\n  duration: 20\n", header))
    (w,) = s.diagnostics
    assert w.code == "calendar-year" and w.severity.value == "warning"
    assert "2027" in w.message and "holidays:" in w.hint and "workdays:" in w.hint
    assert s.task("a").finish == date(2027, 3, 26)  # plain weekdays


def test_user_listed_days_fill_a_missing_year(tmp_path: Path) -> None:
    header = ("plan:\n  id: t\n  name: T\n  start: 2027-04-01\n  calendar: cn\n"
              "  holidays: [2027-04-05]\n  workdays: [2027-04-10]\n")
    s = schedule(plan_from(tmp_path, "- id: a\n  name: A\n  duration: 8\n", header))
    assert s.diagnostics == ()
    # Thu 1, Fri 2, (Mon 5 off) Tue 6 … Fri 9, Sat 10 worked, Mon 12
    assert s.task("a").finish == date(2027, 4, 12)


def test_official_days_carry_their_holiday_names() -> None:
    from planner.domain.calendar import china_official_days

    days = china_official_days()
    assert days.name(date(2023, 10, 2), "zh") == "国庆节"
    assert days.name(date(2023, 9, 29), "zh") == "中秋节"
    assert days.name(date(2023, 10, 7), "zh") == "国庆节调休上班"  # a Saturday worked
    assert days.name(date(2023, 10, 7), "en") == "National Day (make-up workday)"
    assert days.name(date(2023, 10, 9), "zh") is None  # an ordinary Monday
    assert all(days.name(d, "zh") for d in days.holidays | days.workdays)
