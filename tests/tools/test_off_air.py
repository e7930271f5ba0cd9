"""Off-air recording dates: 10 school days on the district calendar, 45 calendar days to erase."""
from datetime import date, timedelta

import pytest

from app.tools import off_air as oa
from app.tools.result import OUTSIDE, WITHIN

THANKSGIVING = {date(2026, 11, 26), date(2026, 11, 27)}


@pytest.mark.parametrize("recorded, holidays, window_end", [
    (date(2026, 11, 2), set(), date(2026, 11, 16)),           # Monday: two full weeks
    (date(2026, 11, 6), set(), date(2026, 11, 20)),           # Friday: weekend not counted
    (date(2026, 11, 7), set(), date(2026, 11, 20)),           # Saturday: day 1 is Monday the 9th
    (date(2026, 11, 20), THANKSGIVING, date(2026, 12, 8)),    # Thanksgiving Thursday and Friday skipped
    (date(2026, 11, 20), set(), date(2026, 12, 4)),           # same dates without the holidays
    (date(2026, 12, 18), {date(2026, 12, d) for d in range(21, 32)} | {date(2027, 1, 1)}, date(2027, 1, 15)),  # winter break
])
def test_use_window_on_school_days(recorded, holidays, window_end):
    assert oa.use_window_end(recorded, holidays) == window_end


@pytest.mark.parametrize("recorded, erase", [
    (date(2026, 11, 2), date(2026, 12, 17)), (date(2026, 12, 20), date(2027, 2, 3)), (date(2028, 1, 20), date(2028, 3, 5))])
def test_erase_by_45_calendar_days(recorded, erase):
    assert oa.erase_by(recorded) == erase


def test_window_never_outlasts_retention():
    # A long break: 10 school days would end after day 45; the window stops at the erase date.
    recorded = date(2026, 6, 1)
    summer = {date(2026, 6, 4) + timedelta(days=i) for i in range(90)}
    result = oa.check(oa.OffAirInputs(recorded, True, True, True), summer)
    assert result.details["use_window_end"] == oa.erase_by(recorded)


@pytest.mark.parametrize("kw, outcome, rule", [
    (dict(), WITHIN, "OA-3"),
    (dict(free_broadcast=False), OUTSIDE, "OA-1"),
    (dict(teacher_requested=False), OUTSIDE, "OA-2"),
    (dict(first_use=date(2026, 11, 16)), WITHIN, "OA-4"),
    (dict(first_use=date(2026, 11, 17)), OUTSIDE, "OA-4"),
    (dict(repeat_use=date(2026, 11, 30)), OUTSIDE, "OA-4"),
    (dict(), WITHIN, "OA-5"),
    (dict(unaltered_with_notice=False), OUTSIDE, "OA-6"),
])
def test_rule_rows(kw, outcome, rule):
    base = dict(recorded_on=date(2026, 11, 2), free_broadcast=True, teacher_requested=True, unaltered_with_notice=True)
    base.update(kw)
    result = oa.check(oa.OffAirInputs(**base))
    assert result.outcome == outcome
    assert rule in result.rule_ids
    assert any("safe harbour" in w for w in result.warnings)


def test_every_rule_row_is_tested():
    assert set(oa.RULES) == {"OA-1", "OA-2", "OA-3", "OA-4", "OA-5", "OA-6"}


def test_skipped_holidays_are_listed():
    result = oa.check(oa.OffAirInputs(date(2026, 11, 20), True, True, True), THANKSGIVING)
    assert result.details["skipped_days"] == sorted(THANKSGIVING)
