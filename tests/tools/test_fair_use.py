"""Fair-use analyzer: balance rows, red flags, risk band rows (first match wins), no averaging."""
import pytest

from app.tools import fair_use as fu
from app.tools.result import HIGH, LOW, REVIEW

GOOD = {"purpose": ["teaching"], "nature": ["factual"], "amount": ["small"], "effect": ["lawful_copy"]}


def inputs(favoring=None, opposing=None, flags=()):
    return fu.FairUseInputs(use_description="Chapter excerpt for class", favoring=favoring or dict(GOOD),
                            opposing=opposing or {}, rationale={k: "because" for k in fu.FACTORS}, red_flags=list(flags))


@pytest.mark.parametrize("fav, opp, balance, rule", [
    (["teaching"], [], fu.FAVORS, "F-BAL-1"),
    ([], ["commercial"], fu.AGAINST, "F-BAL-2"),
    (["teaching"], ["commercial"], fu.MIXED, "F-BAL-3"),
])
def test_factor_balance_rows(fav, opp, balance, rule):
    assert fu.factor_balance(fav, opp) == (balance, rule)


@pytest.mark.parametrize("favoring, opposing, flags, band, rule", [
    (GOOD, {}, ["unlawful_copy"], HIGH, "F-RISK-H1"),
    (GOOD, {}, ["permission_refused"], HIGH, "F-RISK-H1"),
    ({"nature": ["factual"], "amount": ["small"]}, {"purpose": ["commercial"], "effect": ["replaces_sale"]}, [], HIGH, "F-RISK-H2"),
    ({"purpose": ["teaching"]}, {"nature": ["creative"], "amount": ["large"], "effect": ["replaces_sale"]}, [], HIGH, "F-RISK-H3"),
    (GOOD, {}, ["consumable"], REVIEW, "F-RISK-R1"),
    (GOOD, {}, ["whole_in_print"], REVIEW, "F-RISK-R1"),
    (GOOD, {}, ["open_web"], REVIEW, "F-RISK-R1"),
    (GOOD, {}, ["repeated"], REVIEW, "F-RISK-R1"),
    (GOOD, {"effect": ["numerous_copies"]}, [], REVIEW, "F-RISK-R2"),
    ({"purpose": ["teaching"], "effect": ["lawful_copy"]}, {"nature": ["creative"], "amount": ["heart"]}, [], REVIEW, "F-RISK-R3"),
    (GOOD, {"nature": ["fiction"], "amount": ["large"]}, [], REVIEW, "F-RISK-R3"),
    (GOOD, {}, [], LOW, "F-RISK-L1"),
])
def test_risk_band_rows(favoring, opposing, flags, band, rule):
    fav = {k: v for k, v in favoring.items()}
    result = fu.analyze(inputs(fav, opposing, flags))
    assert result.outcome == band
    assert rule in result.rule_ids
    for flag in flags:
        assert f"F-FLAG-{flag}" in result.rule_ids


def test_every_rule_row_is_exercised():
    exercised = {"F-BAL-1", "F-BAL-2", "F-BAL-3", "F-504"} | {f"F-FLAG-{f}" for f in fu.RED_FLAGS} | {
        "F-RISK-H1", "F-RISK-H2", "F-RISK-H3", "F-RISK-R1", "F-RISK-R2", "F-RISK-R3", "F-RISK-L1"}
    assert set(fu.RULES) == exercised


def test_no_averaging_one_strong_opposing_factor_is_not_outvoted():
    # Three factors favour, the market factor weighs against: an average would call it fair; we send it to review.
    result = fu.analyze(inputs(dict(GOOD, effect=[]), {"effect": ["replaces_sale", "licensing_available"]}))
    assert result.outcome == REVIEW
    balances = {f["key"]: f["balance"] for f in result.details["factors"]}
    assert balances == {"purpose": fu.FAVORS, "nature": fu.FAVORS, "amount": fu.FAVORS, "effect": fu.AGAINST}


def test_good_faith_statement_cites_504c2_and_reasons_are_kept():
    result = fu.analyze(inputs())
    assert "504(c)(2)" in result.details["good_faith_statement"]
    assert all(f["rationale"] == "because" for f in result.details["factors"])
    assert "fair-use/documenting-fair-use" in result.articles
