"""Screening checker: each § 110(1) condition, then licences (building, date, admission)."""
from datetime import date

import pytest

from app.tools import screening as sc
from app.tools.result import EXEMPT, LICENSED, NEEDS_PERMISSION, UNDETERMINED

DAY = date(2026, 11, 20)
SWANK = sc.LicenceInfo("Swank Motion Pictures", [1, 2], date(2027, 6, 30))
LAPSED = sc.LicenceInfo("MPLC", [1], date(2026, 6, 30))


def screening(**kw):
    base = dict(performer="teacher_or_pupils", purpose="instruction", audience="class", place="classroom",
                copy_source="owned", nonprofit=True, campus_id=1, screening_date=DAY)
    base.update(kw)
    return sc.ScreeningInputs(**base)


@pytest.mark.parametrize("kw, failed_rule", [
    (dict(performer="other"), "S110-2"),
    (dict(purpose="entertainment"), "S110-3"),
    (dict(nonprofit=False), "S110-4"),
    (dict(place="other"), "S110-5"),
    (dict(audience="public"), "S110-5"),
    (dict(copy_source="unlawful"), "S110-6"),
])
def test_each_condition_can_fail(kw, failed_rule):
    result = sc.check(screening(**kw), [])
    assert failed_rule in {c.rule_id for c in result.failed_checks}
    assert result.outcome == NEEDS_PERMISSION


def test_all_six_conditions_exempt():
    result = sc.check(screening(), [])
    assert result.outcome == EXEMPT
    assert {"S110-1", "S110-2", "S110-3", "S110-4", "S110-5", "S110-6"} <= set(result.rule_ids)


@pytest.mark.parametrize("campus, day, licences, outcome, rule", [
    (1, DAY, [SWANK], LICENSED, "LIC-1"),
    (3, DAY, [SWANK], NEEDS_PERMISSION, "LIC-3"),                 # building not covered
    (1, date(2027, 7, 1), [SWANK], NEEDS_PERMISSION, "LIC-3"),    # after expiry
    (1, date(2027, 6, 30), [SWANK], LICENSED, "LIC-1"),           # on the expiry day
    (1, DAY, [LAPSED], NEEDS_PERMISSION, "LIC-3"),
])
def test_licence_coverage_when_not_exempt(campus, day, licences, outcome, rule):
    result = sc.check(screening(purpose="entertainment", campus_id=campus, screening_date=day), licences)
    assert result.outcome == outcome
    assert rule in result.rule_ids


def test_admission_charge_is_flagged_under_a_licence():
    result = sc.check(screening(purpose="entertainment", admission_charged=True), [SWANK])
    assert result.outcome == LICENSED and "LIC-2" in result.rule_ids


def test_unknown_copy_source_is_not_exempt():
    result = sc.check(screening(copy_source="unknown", purpose="entertainment"), [SWANK])
    assert result.outcome == UNDETERMINED
    assert result.unknown_checks


def test_unlawful_copy_is_never_licensed():
    result = sc.check(screening(purpose="entertainment", copy_source="unlawful"), [SWANK])
    assert result.outcome == NEEDS_PERMISSION


def test_streaming_warns_about_terms():
    assert any("terms" in w for w in sc.check(screening(copy_source="streaming"), []).warnings)
