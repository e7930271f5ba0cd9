"""Section 108: eligibility, each subsection, (i) exclusions and the rule of five."""
from datetime import date

import pytest

from app.tools import section108 as lib
from app.tools.result import ALLOWED, NOT_ALLOWED, UNDETERMINED


def req(**kw):
    base = dict(purpose="user_article", work_kind="text", open_to_public="yes", no_commercial_advantage=True,
                notice_on_copy=True, warning_displayed=True)
    base.update(kw)
    return lib.LibraryInputs(**base)


@pytest.mark.parametrize("kw, outcome, rule", [
    (dict(), ALLOWED, "L108-D"),
    (dict(open_to_public="no"), NOT_ALLOWED, "L108-A1"),
    (dict(open_to_public="unknown"), UNDETERMINED, "L108-A1"),
    (dict(no_commercial_advantage=False), NOT_ALLOWED, "L108-A2"),
    (dict(notice_on_copy=False), NOT_ALLOWED, "L108-A3"),
    (dict(systematic=True), NOT_ALLOWED, "L108-G"),
    (dict(purpose="preservation", in_collection_unpublished=True, copies=3), ALLOWED, "L108-B"),
    (dict(purpose="preservation", in_collection_unpublished=True, copies=4), NOT_ALLOWED, "L108-B"),
    (dict(purpose="preservation", in_collection_unpublished=True, digital_on_premises=False), NOT_ALLOWED, "L108-B"),
    (dict(purpose="replacement", replacement_reason=True, fair_price_search_failed=True), ALLOWED, "L108-C"),
    (dict(purpose="replacement", replacement_reason=True, fair_price_search_failed=False), NOT_ALLOWED, "L108-C"),
    (dict(warning_displayed=False), NOT_ALLOWED, "L108-D"),
    (dict(small_part=False), NOT_ALLOWED, "L108-D"),
    (dict(purpose="user_entire", fair_price_search_failed=True), ALLOWED, "L108-E"),
    (dict(purpose="user_entire", fair_price_search_failed=False), NOT_ALLOWED, "L108-E"),
    (dict(purpose="last_20_years", last_20_years="yes", not_commercially_exploited=True, fair_price_search_failed=True), ALLOWED, "L108-H"),
    (dict(purpose="last_20_years", last_20_years="yes", not_commercially_exploited=True, fair_price_search_failed=True,
          owner_notice_filed=True), NOT_ALLOWED, "L108-H"),
    (dict(purpose="last_20_years", last_20_years="unknown"), UNDETERMINED, "L108-H"),
    (dict(work_kind="musical"), NOT_ALLOWED, "L108-I"),
    (dict(work_kind="pictorial"), NOT_ALLOWED, "L108-I"),
    (dict(work_kind="audiovisual"), NOT_ALLOWED, "L108-I"),
    (dict(work_kind="audiovisual_news"), ALLOWED, "L108-I"),
    (dict(work_kind="text_with_illustrations"), ALLOWED, "L108-I"),
    (dict(purpose="preservation", work_kind="musical", in_collection_unpublished=True), ALLOWED, "L108-B"),  # (i) not for (b)
])
def test_rule_rows(kw, outcome, rule):
    result = lib.check(req(**kw))
    assert result.outcome == outcome, result.trace
    assert rule in result.rule_ids


@pytest.mark.parametrize("published, prior, rule, count, within", [
    (2024, 0, "ILL-5", 1, True),
    (2024, 4, "ILL-5", 5, True),
    (2024, 5, "ILL-5", 6, False),
    (2021, 5, "ILL-5", 6, False),     # 2026 - 5 = 2021: still within five years
    (2020, 9, "ILL-OLD", 10, True),   # older than five years: outside the CONTU count
])
def test_rule_of_five(published, prior, rule, count, within):
    assert lib.rule_of_five(published, date(2026, 3, 1), prior) == (rule, count, within)


def test_rule_of_five_in_check_and_record_keeping():
    result = lib.check(req(periodical_title="Science News", published_year=2025, requested_on=date(2026, 3, 1),
                           prior_requests_this_year=5))
    assert result.outcome == NOT_ALLOWED
    assert {"ILL-5", "ILL-REC"} <= set(result.rule_ids)
    assert result.details["ill_count"] == 6
    old = lib.check(req(periodical_title="Science News", published_year=2010, requested_on=date(2026, 3, 1), prior_requests_this_year=9))
    assert "ILL-OLD" in old.rule_ids and old.outcome == ALLOWED


def test_every_rule_row_is_tested():
    assert set(lib.RULES) == {"L108-A1", "L108-A2", "L108-A3", "L108-B", "L108-C", "L108-D", "L108-E", "L108-H", "L108-I",
                              "L108-G", "ILL-5", "ILL-OLD", "ILL-REC"}
