"""Deadline arithmetic in calendar, business and school days. Pure functions: no Flask, no database.

Definitions (the same everywhere in RightsDesk):
- calendar: every day counts.
- business: Monday to Friday, except the dates in `closed_days` (days the district office is
  closed, e.g. federal holidays) when they are given.
- school:   Monday to Friday, except every date in `non_instructional` (holidays, breaks, staff
  development, weather closures). Summer break must be entered as non-instructional days, or
  it counts as school days.

A deadline "N days after start" does not count `start` itself: the first qualifying day after
`start` is day 1. So `add_days(fri, 1, "business")` is the following Monday, and count 0 is `start`.
The callers load the day sets once (app.admin.services.load_non_instructional_days) and pass them in.
"""
from collections.abc import Collection
from datetime import date, timedelta
from typing import Literal

Unit = Literal["calendar", "business", "school"]
UNITS: tuple[str, ...] = ("calendar", "business", "school")
ONE_DAY = timedelta(days=1)
SATURDAY = 5  # date.weekday(): Monday is 0


def is_weekday(d: date) -> bool:
    return d.weekday() < SATURDAY


def is_business_day(d: date, closed_days: Collection[date] = frozenset()) -> bool:
    return is_weekday(d) and d not in closed_days


def is_school_day(d: date, non_instructional: Collection[date] = frozenset()) -> bool:
    return is_weekday(d) and d not in non_instructional


def _counts(d: date, unit: str, non_instructional: Collection[date], closed_days: Collection[date]) -> bool:
    if unit == "calendar":
        return True
    if unit == "business":
        return is_business_day(d, closed_days)
    return is_school_day(d, non_instructional)


def _check_unit(unit: str) -> None:
    if unit not in UNITS:
        raise ValueError(f"Unknown day unit {unit!r}; expected one of {', '.join(UNITS)}.")


def add_days(
    start: date,
    count: int,
    unit: Unit = "calendar",
    non_instructional: Collection[date] = frozenset(),
    *,
    closed_days: Collection[date] = frozenset(),
) -> date:
    """The date `count` days of `unit` after `start` (start itself not counted)."""
    _check_unit(unit)
    if isinstance(count, bool) or not isinstance(count, int):
        raise TypeError("count must be a whole number of days.")
    if count < 0:
        raise ValueError("count must not be negative.")
    if unit == "calendar":
        return start + timedelta(days=count)
    day, remaining = start, count
    while remaining:
        day += ONE_DAY
        if _counts(day, unit, non_instructional, closed_days):
            remaining -= 1
    return day


def count_days(
    start: date,
    end: date,
    unit: Unit = "calendar",
    non_instructional: Collection[date] = frozenset(),
    *,
    closed_days: Collection[date] = frozenset(),
) -> int:
    """How many days of `unit` lie after `start` up to and including `end`.

    The inverse of add_days: count_days(s, add_days(s, n, u), u) == n. When `end` is before
    `start` the result is negative (e.g. "overdue by 3 school days").
    """
    _check_unit(unit)
    if end < start:
        return -count_days(end, start, unit, non_instructional, closed_days=closed_days)
    if unit == "calendar":
        return (end - start).days
    total, day = 0, start
    while day < end:
        day += ONE_DAY
        if _counts(day, unit, non_instructional, closed_days):
            total += 1
    return total


# --- school years (1 July to 30 June), used to group the district calendar -------------------
def school_year_of(d: date) -> int:
    """The school year a date falls in, named by the year it starts: 2026 means 2026-27."""
    return d.year if d.month >= 7 else d.year - 1


def school_year_bounds(year: int) -> tuple[date, date]:
    return date(year, 7, 1), date(year + 1, 6, 30)


def school_year_label(year: int) -> str:
    return f"{year}\u2013{(year + 1) % 100:02d}"
