"""TEACH Act: institution settings and each per-use condition."""
import pytest

from app.tools import teach_act as ta
from app.tools.result import ALLOWED, NOT_ALLOWED, UNDETERMINED

ALL_SET = ta.InstitutionSettings(**{f: True for f in ta.INSTITUTION_FIELDS}, configured=True)


def use(**kw):
    base = dict(work_type="other_performance", portion="limited", marketed_for_online=False, student_purchase_material=False,
                lawful_copy="yes", instructor_directed=True, directly_related=True, enrolled_only=True)
    base.update(kw)
    return ta.TeachUseInputs(**base)


def test_all_conditions_met():
    result = ta.check(use(), ALL_SET)
    assert result.outcome == ALLOWED


@pytest.mark.parametrize("field, rule", [(f, r) for f, (r, _) in ta.INSTITUTION_FIELDS.items()])
def test_each_institution_condition(field, rule):
    settings = ta.InstitutionSettings(**{f: f != field for f in ta.INSTITUTION_FIELDS}, configured=True)
    result = ta.check(use(), settings)
    assert result.outcome == NOT_ALLOWED
    assert [c.rule_id for c in result.failed_checks] == [rule]


@pytest.mark.parametrize("work_type, portion, ok", [
    ("nondramatic_literary", "entire", True), ("nondramatic_musical", "entire", True),
    ("other_performance", "entire", False), ("other_performance", "limited", True),
    ("display", "comparable", True), ("display", "more", False), ("nondramatic_musical", "more", False),
])
def test_amount_row(work_type, portion, ok):
    result = ta.check(use(work_type=work_type, portion=portion), ALL_SET)
    assert (result.outcome == ALLOWED) is ok
    assert "T-USE-1" in result.rule_ids


@pytest.mark.parametrize("kw, rule", [
    (dict(marketed_for_online=True), "T-USE-2"), (dict(student_purchase_material=True), "T-USE-3"),
    (dict(lawful_copy="no"), "T-USE-4"), (dict(instructor_directed=False), "T-USE-5"),
    (dict(directly_related=False), "T-USE-6"), (dict(enrolled_only=False), "T-USE-7"),
    (dict(digitised_from_analog=True, digital_version_available=True), "T-USE-8"),
])
def test_each_use_condition(kw, rule):
    result = ta.check(use(**kw), ALL_SET)
    assert result.outcome == NOT_ALLOWED
    assert rule in {c.rule_id for c in result.failed_checks}
    assert "fair use" in result.headline


def test_digitising_without_digital_version_is_fine():
    assert ta.check(use(digitised_from_analog=True), ALL_SET).outcome == ALLOWED


def test_unknown_lawfulness_is_undetermined():
    assert ta.check(use(lawful_copy="unknown"), ALL_SET).outcome == UNDETERMINED


def test_unconfigured_settings_warn_and_fail():
    result = ta.check(use(), ta.InstitutionSettings())
    assert result.outcome == NOT_ALLOWED and result.warnings


def test_every_rule_row_is_tested():
    assert set(ta.RULES) == {r for r, _ in ta.INSTITUTION_FIELDS.values()} | {f"T-USE-{i}" for i in range(1, 9)}
