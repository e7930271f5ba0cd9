"""Deadline arithmetic: calendar, business and school days (app/cases/schooldays.py)."""
from datetime import date, timedelta

import pytest

from app.cases.schooldays import (
    add_days,
    count_days,
    is_business_day,
    is_school_day,
    school_year_bounds,
    school_year_label,
    school_year_of,
)


def weekdays(first: date, last: date) -> set[date]:
    """Every Monday-Friday from first to last inclusive (how a break is entered)."""
    days, d = set(), first
    while d <= last:
        if d.weekday() < 5:
            days.add(d)
        d += timedelta(days=1)
    return days


THANKSGIVING = {date(2026, 11, 26), date(2026, 11, 27)}              # Thu, Fri
WINTER_BREAK = weekdays(date(2026, 12, 21), date(2027, 1, 1))         # Mon 21 Dec .. Fri 1 Jan
SUMMER_BREAK = weekdays(date(2027, 6, 7), date(2027, 8, 13))          # last day of school Fri 4 Jun
CALENDAR = THANKSGIVING | WINTER_BREAK | SUMMER_BREAK


@pytest.mark.parametrize(
    ("start", "count", "unit", "expected"),
    [
        # calendar days: plain arithmetic, weekends and holidays included
        (date(2026, 11, 20), 10, "calendar", date(2026, 11, 30)),
        (date(2026, 12, 28), 5, "calendar", date(2027, 1, 2)),
        (date(2028, 2, 28), 1, "calendar", date(2028, 2, 29)),             # leap day exists
        (date(2027, 2, 28), 1, "calendar", date(2027, 3, 1)),              # and does not in 2027
        # business days: Mon-Fri; a Friday start plus one is Monday
        (date(2026, 11, 20), 1, "business", date(2026, 11, 23)),
        (date(2026, 11, 21), 1, "business", date(2026, 11, 23)),            # from a Saturday
        (date(2026, 11, 20), 5, "business", date(2026, 11, 27)),            # holidays not closed_days
        (date(2028, 2, 25), 2, "business", date(2028, 2, 29)),              # Fri + 2 = Tue leap day
        # school days skip weekends and every non-instructional day
        (date(2026, 11, 20), 5, "school", date(2026, 12, 1)),               # skips Thanksgiving Thu/Fri
        (date(2026, 12, 18), 1, "school", date(2027, 1, 4)),                # winter break across year end
        (date(2026, 12, 17), 3, "school", date(2027, 1, 5)),
        (date(2026, 12, 23), 1, "school", date(2027, 1, 4)),                # starting inside the break
        (date(2027, 6, 4), 1, "school", date(2027, 8, 16)),                 # summer break
        (date(2027, 6, 1), 10, "school", date(2027, 8, 24)),              # 3 in June, 7 in August
        (date(2028, 2, 28), 1, "school", date(2028, 2, 29)),                # leap day is a school day
    ],
)
def test_add_days(start, count, unit, expected):
    assert add_days(start, count, unit, CALENDAR) == expected


@pytest.mark.parametrize("unit", ["calendar", "business", "school"])
@pytest.mark.parametrize("start", [date(2026, 11, 21), date(2026, 12, 25), date(2026, 11, 26)])
def test_count_zero_is_the_start_date_even_on_a_day_that_does_not_count(unit, start):
    assert add_days(start, 0, unit, CALENDAR) == start


@pytest.mark.parametrize("unit", ["calendar", "business", "school"])
def test_negative_count_is_rejected(unit):
    with pytest.raises(ValueError, match="negative"):
        add_days(date(2026, 11, 20), -1, unit, CALENDAR)


@pytest.mark.parametrize("bad", [1.5, "3", True])
def test_count_must_be_a_whole_number(bad):
    with pytest.raises(TypeError):
        add_days(date(2026, 11, 20), bad, "school")


def test_unknown_unit_is_rejected():
    with pytest.raises(ValueError, match="Unknown day unit"):
        add_days(date(2026, 11, 20), 1, "fortnight")
    with pytest.raises(ValueError, match="Unknown day unit"):
        count_days(date(2026, 11, 20), date(2026, 11, 21), "weekdays")


def test_business_days_skip_only_the_closed_days_given():
    closed = {date(2026, 11, 26)}  # Thanksgiving: district office closed
    assert add_days(date(2026, 11, 25), 1, "business", CALENDAR, closed_days=closed) == date(2026, 11, 27)
    assert add_days(date(2026, 11, 25), 1, "business", CALENDAR) == date(2026, 11, 26)
    # winter break closes schools, not the office: business days run through it
    assert add_days(date(2026, 12, 18), 1, "business", CALENDAR) == date(2026, 12, 21)


def test_the_texas_ninety_school_days_cross_winter_break():
    # Received on Monday 2 Nov 2026; 90 school days, skipping Thanksgiving and winter break.
    due = add_days(date(2026, 11, 2), 90, "school", CALENDAR)
    plain = add_days(date(2026, 11, 2), 90, "business")
    assert count_days(plain, due, "business") == 2 + 10  # the two Thanksgiving days + ten break days
    assert plain == date(2027, 3, 8)  # exactly 18 weeks
    assert due == date(2027, 3, 24)


@pytest.mark.parametrize("unit", ["calendar", "business", "school"])
@pytest.mark.parametrize("count", [0, 1, 4, 5, 23, 90, 180])
@pytest.mark.parametrize("start", [date(2026, 11, 20), date(2026, 12, 19), date(2027, 5, 28), date(2028, 2, 27)])
def test_count_days_is_the_inverse_of_add_days(unit, count, start):
    end = add_days(start, count, unit, CALENDAR)
    assert count_days(start, end, unit, CALENDAR) == count


def test_count_days_before_start_is_negative():
    assert count_days(date(2027, 1, 4), date(2026, 12, 18), "school", CALENDAR) == -1
    assert count_days(date(2026, 11, 30), date(2026, 11, 20), "calendar") == -10


def test_count_days_does_not_count_the_start():
    assert count_days(date(2026, 11, 20), date(2026, 11, 20), "school", CALENDAR) == 0
    assert count_days(date(2026, 11, 20), date(2026, 11, 23), "school", CALENDAR) == 1


@pytest.mark.parametrize(
    ("day", "school", "business"),
    [
        (date(2026, 11, 23), True, True),      # ordinary Monday
        (date(2026, 11, 21), False, False),    # Saturday
        (date(2026, 11, 22), False, False),    # Sunday
        (date(2026, 11, 26), False, True),     # Thanksgiving: listed, not closed
        (date(2027, 1, 1), False, True),       # New Year's Day inside winter break
        (date(2027, 7, 15), False, True),      # summer
        (date(2028, 2, 29), True, True),       # leap day, a Tuesday
    ],
)
def test_is_school_day_and_is_business_day(day, school, business):
    assert is_school_day(day, CALENDAR) is school
    assert is_business_day(day) is business


def test_without_a_calendar_school_days_are_weekdays():
    assert add_days(date(2026, 11, 25), 2, "school") == date(2026, 11, 27)


@pytest.mark.parametrize(
    ("day", "year", "label"),
    [(date(2026, 7, 1), 2026, "2026\u201327"), (date(2027, 6, 30), 2026, "2026\u201327"), (date(2026, 6, 30), 2025, "2025\u201326"),
     (date(2099, 12, 31), 2099, "2099\u201300")],
)
def test_school_years_run_july_to_june(day, year, label):
    assert school_year_of(day) == year
    assert school_year_label(year) == label
    first, last = school_year_bounds(year)
    assert first <= day <= last
