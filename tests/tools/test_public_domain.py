"""Every row of the public-domain table, and every boundary the issue lists."""
from datetime import date

import pytest

from app.tools import public_domain as pd
from app.tools.result import PROTECTED, PUBLIC_DOMAIN, UNDETERMINED

D2026 = date(2026, 1, 1)


def facts(category="us_published", as_of=D2026, **kw):
    return pd.WorkFacts(category=category, as_of=as_of, **kw)


# (label, facts, expected outcome, rule that must be matched, expected public_domain_on or None)
ROWS = [
    ("A1 died 1955", facts("unpublished", death_year=1955, creation_year=1940), PUBLIC_DOMAIN, "A1", "2026-01-01"),
    ("A1 died 1956", facts("unpublished", death_year=1956, creation_year=1940), PROTECTED, "A1", "2027-01-01"),
    ("A2 anonymous created 1905", facts("unpublished", authorship="anonymous", creation_year=1905), PUBLIC_DOMAIN, "A2", "2026-01-01"),
    ("A2 for hire created 1906", facts("unpublished", authorship="for_hire", creation_year=1906), PROTECTED, "A2", "2027-01-01"),
    ("A3 death unknown created 1905", facts("unpublished", creation_year=1905), PUBLIC_DOMAIN, "A3", "2026-01-01"),
    ("A3 death unknown created 1906", facts("unpublished", creation_year=1906), PROTECTED, "A3", "2027-01-01"),
    ("A4 floor 2002 (as of 2000)", facts("unpublished", death_year=1900, creation_year=1890, as_of=date(2000, 6, 1)),
     PROTECTED, "A4", "2003-01-01"),
    ("B1 published 1930 as of 2026", facts(publication_year=1930, notice="yes", renewed="yes"), PUBLIC_DOMAIN, "B1", None),
    ("B2 1950 no notice", facts(publication_year=1950, notice="no"), PUBLIC_DOMAIN, "B2", None),
    ("B3 1980 no notice, not registered", facts(publication_year=1980, notice="no", registered_within_5_years="no"), PUBLIC_DOMAIN, "B3", None),
    ("B4 1980 no notice, registered", facts(publication_year=1980, notice="no", registered_within_5_years="yes",
                                            death_year=1990, creation_year=1980), PROTECTED, "B4", "2061-01-01"),
    ("B5 1950 not renewed", facts(publication_year=1950, notice="yes", renewed="no"), PUBLIC_DOMAIN, "B5", "1979-01-01"),
    ("B6 1950 renewed", facts(publication_year=1950, notice="yes", renewed="yes"), PROTECTED, "B6", "2046-01-01"),
    ("B7 1970 notice", facts(publication_year=1970, notice="yes"), PROTECTED, "B7", "2066-01-01"),
    ("B8 1985 with notice, created 1985, corporate", facts(publication_year=1985, notice="yes", authorship="for_hire", creation_year=1985),
     PROTECTED, "B8", "2081-01-01"),
    ("B9 1985 created 1940, author died 1950: 2047 floor", facts(publication_year=1985, notice="yes", creation_year=1940, death_year=1950),
     PROTECTED, "B9", "2048-01-01"),
    ("B10 1995 author died 2000", facts(publication_year=1995, death_year=2000, creation_year=1990), PROTECTED, "B10", "2071-01-01"),
    ("B11 1995 created 1930 died 1960: floor", facts(publication_year=1995, creation_year=1930, death_year=1960), PROTECTED, "B11", "2048-01-01"),
    ("B12 2010 died 2015", facts(publication_year=2010, death_year=2015, creation_year=2009), PROTECTED, "B12", "2086-01-01"),
    ("B13 US Government", facts(publication_year=2010, us_government=True), PUBLIC_DOMAIN, "B13", None),
    ("C1 foreign 1925", facts("foreign_published", publication_year=1925), PUBLIC_DOMAIN, "C1", None),
    ("C2 foreign 1950 PD at home, no formalities", facts("foreign_published", publication_year=1950, us_published_within_30_days="no",
                                                         pd_at_home_on_restoration="yes", notice="no"), PUBLIC_DOMAIN, "C2", None),
    ("C3 foreign 1950 formalities met", facts("foreign_published", publication_year=1950, us_published_within_30_days="no",
                                              notice="yes", renewed="yes"), PROTECTED, "C3", "2046-01-01"),
    ("C4 foreign 1950 restored", facts("foreign_published", publication_year=1950, us_published_within_30_days="no",
                                       pd_at_home_on_restoration="no", notice="no"), PROTECTED, "C4", "2046-01-01"),
    ("C5 foreign 1950 US within 30 days, not renewed", facts("foreign_published", publication_year=1950, us_published_within_30_days="yes",
                                                             notice="yes", renewed="no"), PUBLIC_DOMAIN, "C5", "1979-01-01"),
    ("C6 foreign 1950 US later, restored", facts("foreign_published", publication_year=1950, us_published_within_30_days="later",
                                                 pd_at_home_on_restoration="no", notice="no"), PROTECTED, "C6", "2046-01-01"),
    ("C7 foreign 1980 no notice PD at home", facts("foreign_published", publication_year=1980, notice="no",
                                                   pd_at_home_on_restoration="yes"), PUBLIC_DOMAIN, "C7", None),
    ("C8 foreign 1980 no notice restored, corporate", facts("foreign_published", publication_year=1980, notice="no",
                                                            pd_at_home_on_restoration="no", authorship="for_hire"), PROTECTED, "C8", "2076-01-01"),
    ("C9 foreign 1980 notice, died 1990", facts("foreign_published", publication_year=1980, notice="yes", death_year=1990), PROTECTED, "C9", "2061-01-01"),
    ("C10 foreign 1995 treaty", facts("foreign_published", publication_year=1995, treaty_country="yes", death_year=2001), PROTECTED, "C10", "2072-01-01"),
    ("C11 foreign 1995 no treaty", facts("foreign_published", publication_year=1995, treaty_country="no"), PUBLIC_DOMAIN, "C11", None),
    ("C12 ninth circuit", facts("foreign_published", publication_year=1920, ninth_circuit=True, notice="no"), UNDETERMINED, "C12", None),
    ("D1 unpublished recording 1960", facts("recording_unpublished", creation_year=1960), PROTECTED, "D1", "2067-02-16"),
    ("D2 unpublished recording 1980, died 2000", facts("recording_unpublished", creation_year=1980, death_year=2000), PROTECTED, "D2", "2071-01-01"),
    ("D3 recording 1922", facts("recording_published", publication_year=1922), PUBLIC_DOMAIN, "D3", "2022-01-01"),
    ("D4 recording 1925", facts("recording_published", publication_year=1925), PUBLIC_DOMAIN, "D4", "2026-01-01"),
    ("D4 recording 1926", facts("recording_published", publication_year=1926), PROTECTED, "D4", "2027-01-01"),
    ("D5 recording 1950", facts("recording_published", publication_year=1950), PROTECTED, "D5", "2061-01-01"),
    ("D6 recording 1965", facts("recording_published", publication_year=1965), PROTECTED, "D6", "2067-02-16"),
    ("D7 recording 1975 no notice", facts("recording_published", publication_year=1975, notice="no"), PUBLIC_DOMAIN, "D7", None),
    ("D7 recording 1975 notice", facts("recording_published", publication_year=1975, notice="yes"), PROTECTED, "D7", "2071-01-01"),
    ("D8 recording 1980 no notice, unregistered", facts("recording_published", publication_year=1980, notice="no",
                                                        registered_within_5_years="no"), PUBLIC_DOMAIN, "D8", None),
    ("D9 recording 1995 for hire", facts("recording_published", publication_year=1995, authorship="for_hire", creation_year=1995),
     PROTECTED, "D9", "2091-01-01"),
    ("E1 building 1995", facts("architectural", building="designed_after_1990", death_year=2000), PROTECTED, "E1", "2071-01-01"),
    ("E2 building built 2001", facts("architectural", building="unbuilt_built_by_2002", authorship="for_hire", creation_year=1985),
     PROTECTED, "E2", "2106-01-01"),
    ("E3 never built", facts("architectural", building="unbuilt_not_built_by_2002"), PROTECTED, "E3", None),
    ("E4 built 1970", facts("architectural", building="built_before_1990"), PUBLIC_DOMAIN, "E4", None),
    ("G1 year-end", facts(publication_year=1970, notice="yes"), PROTECTED, "G1", "2066-01-01"),
    ("G2 last 20 years", facts(publication_year=1940, notice="yes", renewed="yes"), PROTECTED, "G2", "2036-01-01"),
    ("G3 creation assumed", facts(publication_year=2010, authorship="for_hire"), PROTECTED, "G3", "2106-01-01"),
]


@pytest.mark.parametrize("label, work, outcome, rule, pd_on", ROWS, ids=[r[0] for r in ROWS])
def test_rule_rows(label, work, outcome, rule, pd_on):
    result = pd.calculate(work)
    assert result.outcome == outcome, result.trace
    assert rule in result.rule_ids
    assert result.details.get("public_domain_on") == pd_on
    assert result.trace and result.headline


def test_every_rule_row_has_a_case():
    covered = {row[3] for row in ROWS}
    assert set(pd.RULES) <= covered, sorted(set(pd.RULES) - covered)


# --- boundaries ----------------------------------------------------------------------------------
@pytest.mark.parametrize("year, as_of, outcome", [
    (1930, date(2026, 1, 1), PUBLIC_DOMAIN),
    (1930, date(2025, 12, 31), PROTECTED),
    (1931, date(2026, 1, 1), PROTECTED),
    (1931, date(2026, 12, 31), PROTECTED),
    (1931, date(2027, 1, 1), PUBLIC_DOMAIN),
    (1929, date(2025, 1, 1), PUBLIC_DOMAIN),
])
def test_publication_1930_1931_roll_over_on_1_january(year, as_of, outcome):
    result = pd.calculate(facts(publication_year=year, notice="yes", renewed="yes", as_of=as_of))
    assert result.outcome == outcome


@pytest.mark.parametrize("year, renewed, outcome, rule", [
    (1963, "unknown", UNDETERMINED, None),
    (1963, "no", PUBLIC_DOMAIN, "B5"),
    (1963, "yes", PROTECTED, "B6"),
    (1964, "unknown", PROTECTED, "B7"),   # renewal automatic from 1964: unknown renewal does not matter
    (1964, "no", PROTECTED, "B7"),
])
def test_renewal_boundary_1963_1964(year, renewed, outcome, rule):
    result = pd.calculate(facts(publication_year=year, notice="yes", renewed=renewed))
    assert result.outcome == outcome
    if rule:
        assert rule in result.rule_ids


def test_unknown_renewal_is_undetermined_with_sources_never_a_guess():
    result = pd.calculate(facts(publication_year=1940, notice="yes", renewed="unknown"))
    assert result.outcome == UNDETERMINED
    assert result.details["candidate_rule_ids"] == ["B5", "B6"]
    research = " ".join(result.details["research"])
    assert "Stanford" in research and "Catalog of Copyright Entries" in research and "publicrecords.copyright.gov" in research


@pytest.mark.parametrize("published_on, rule, outcome", [
    (date(1989, 2, 28), "B3", PUBLIC_DOMAIN),   # notice still required, none, not registered
    (date(1989, 3, 1), "B10", PROTECTED),       # notice optional
])
def test_28_february_and_1_march_1989(published_on, rule, outcome):
    result = pd.calculate(facts(publication_year=1989, publication_date=published_on, notice="no",
                                registered_within_5_years="no", death_year=2000, creation_year=1989))
    assert rule in result.rule_ids
    assert result.outcome == outcome


def test_1989_without_exact_date_asks_for_it():
    result = pd.calculate(facts(publication_year=1989, notice="no", registered_within_5_years="no"))
    assert result.outcome == UNDETERMINED
    assert "1 March 1989" in result.headline


@pytest.mark.parametrize("death_year, outcome", [(1955, PUBLIC_DOMAIN), (1956, PROTECTED)])
def test_deaths_1955_1956_unpublished(death_year, outcome):
    assert pd.calculate(facts("unpublished", death_year=death_year, creation_year=1930)).outcome == outcome


@pytest.mark.parametrize("year, as_of, outcome", [
    (1925, date(2026, 1, 1), PUBLIC_DOMAIN),
    (1925, date(2025, 12, 31), PROTECTED),
    (1926, date(2026, 1, 1), PROTECTED),
    (1926, date(2027, 1, 1), PUBLIC_DOMAIN),
])
def test_recordings_1925_1926(year, as_of, outcome):
    assert pd.calculate(facts("recording_published", publication_year=year, as_of=as_of)).outcome == outcome


@pytest.mark.parametrize("as_of, outcome", [
    (date(2047, 12, 31), PROTECTED), (date(2048, 1, 1), PUBLIC_DOMAIN)])
def test_2047_floor_for_pre_1978_works_published_1978_2002(as_of, outcome):
    work = facts(publication_year=1990, creation_year=1950, death_year=1960, as_of=as_of)
    result = pd.calculate(work)
    assert result.outcome == outcome
    assert "B11" in result.rule_ids


@pytest.mark.parametrize("as_of, outcome", [
    (date(2067, 2, 15), PROTECTED), (date(2067, 2, 16), PUBLIC_DOMAIN)])
def test_15_february_2067(as_of, outcome):
    assert pd.calculate(facts("recording_published", publication_year=1960, as_of=as_of)).outcome == outcome


@pytest.mark.parametrize("published_on, rule", [(date(1972, 2, 14), "D6"), (date(1972, 2, 15), "D7")])
def test_recordings_15_february_1972(published_on, rule):
    result = pd.calculate(facts("recording_published", publication_year=1972, publication_date=published_on, notice="yes"))
    assert rule in result.rule_ids


def test_section_108h_flag_in_last_20_years_only():
    in_window = pd.calculate(facts(publication_year=1940, notice="yes", renewed="yes"))   # through 2035
    assert in_window.details.get("section_108h") and "G2" in in_window.rule_ids
    outside = pd.calculate(facts(publication_year=1970, notice="yes"))                     # through 2065
    assert "G2" not in outside.rule_ids


def test_assumed_creation_is_named_in_the_record():
    # Corporate work published 1985, creation unknown: c = p gives the longest term (through 2080);
    # an earlier creation could only shorten it, and after 2047 the § 303 floor no longer matters.
    result = pd.calculate(facts(publication_year=1985, notice="yes", authorship="for_hire", as_of=date(2090, 1, 1)))
    assert result.outcome == PUBLIC_DOMAIN
    assert "G3" in result.rule_ids and result.details["assumed_creation"]


def test_no_notice_cured_by_registration_keeps_the_2047_floor_for_pre_1978_works():
    result = pd.calculate(facts(publication_year=1980, notice="no", registered_within_5_years="yes", creation_year=1950,
                                death_year=1960))
    assert result.details["protected_through"] == "2047-12-31"


@pytest.mark.parametrize("year, renewed, outcome", [(1970, "unknown", PROTECTED), (1960, "unknown", UNDETERMINED)])
def test_foreign_work_with_notice_from_1964_needs_no_renewal(year, renewed, outcome):
    work = facts("foreign_published", publication_year=year, us_published_within_30_days="no", notice="yes", renewed=renewed,
                 pd_at_home_on_restoration="yes")
    result = pd.calculate(work)
    assert result.outcome == outcome
