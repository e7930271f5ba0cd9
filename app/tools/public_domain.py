"""Public-domain calculator, row for row after the Hirtle/Cornell chart
("Copyright Term and the Public Domain in the United States", copyright.cornell.edu/publicdomain),
as summarised in domain/copyright.md section 3.

Everything rolls with the as-of date: terms run to the end of the calendar year (17 U.S.C. § 305),
so a work whose last protected year is E enters the public domain on 1 January of E + 1. The
only exact-day term is 15 February 2067 for pre-1972 sound recordings (§ 1401).
When a fact the answer depends on is unknown (renewal above all) the answer is UNDETERMINED
with a list of what to check and where; the calculator never guesses.
"""
from dataclasses import dataclass
from datetime import date, timedelta

from app.tools.result import PROTECTED, PUBLIC_DOMAIN, UNDETERMINED, Result, RuleRow, rule_table

TOOL = "public-domain"
RULES_VERSION = "2026.1"
TITLE = "Public-domain calculator"

MARCH_1_1989 = date(1989, 3, 1)      # Berne Convention Implementation Act: notice optional from here
FEB_15_1972 = date(1972, 2, 15)      # federal protection of sound recordings begins
END_OF_PRE_1972_RECORDINGS = date(2067, 2, 15)  # § 1401(a)(2)(B)(iv): last protected day
FLOOR_2047 = date(2047, 12, 31)      # § 303(a): pre-1978 works published 1978-2002
FLOOR_2002 = date(2002, 12, 31)      # § 303(a): pre-1978 works never published
DEFAULT_RESTORATION = date(1996, 1, 1)

CORNELL = "Hirtle/Cornell chart"
RULES = rule_table(
    RuleRow("A1", "Never published, never registered; author's death year known: life + 70 years.", f"{CORNELL}; 17 U.S.C. § 302(a)"),
    RuleRow("A2", "Never published; anonymous, pseudonymous or made for hire: 120 years from creation.", f"{CORNELL}; § 302(c)"),
    RuleRow("A3", "Never published; author's death year unknown: 120 years from creation (presumption of death, § 302(e)).", f"{CORNELL}; § 302(e)"),
    RuleRow("A4", "Created before 1978 and never published: protection does not end before 31 December 2002.", "§ 303(a)"),
    RuleRow("B1", "Published in the US before 1978 and more than 95 years before the start of the as-of year: public domain.", f"{CORNELL}; § 304"),
    RuleRow("B2", "Published in the US 1931-1977 (rolling) without a copyright notice: public domain.", CORNELL),
    RuleRow("B3", "Published 1978 - 28 Feb 1989 without notice and not registered within 5 years: public domain.", f"{CORNELL}; § 405"),
    RuleRow("B4", "Published 1978 - 28 Feb 1989 without notice but registered within 5 years: life + 70 or corporate term.", f"{CORNELL}; § 405"),
    RuleRow("B5", "Published 1931-1963 (rolling) with notice, not renewed: public domain (expired 28 years after publication).", f"{CORNELL}; § 304(a)"),
    RuleRow("B6", "Published 1931-1963 (rolling) with notice and renewed: 95 years after publication.", f"{CORNELL}; § 304(b)"),
    RuleRow("B7", "Published 1964-1977 with notice: renewal automatic, 95 years after publication.", f"{CORNELL}; § 304(a) as amended 1992"),
    RuleRow("B8", "Published 1978 - 28 Feb 1989 with notice, created after 1977: life + 70, or the shorter of 95 years from publication or 120 from creation.", f"{CORNELL}; § 302"),
    RuleRow("B9", "Published 1978 - 28 Feb 1989 with notice, created before 1978: the B8 term or 31 Dec 2047, whichever is later.", f"{CORNELL}; § 303(a)"),
    RuleRow("B10", "Published 1 Mar 1989 - 2002, created after 1977: life + 70 or corporate term.", f"{CORNELL}; § 302"),
    RuleRow("B11", "Published 1 Mar 1989 - 2002, created before 1978: the B10 term or 31 Dec 2047, whichever is later.", f"{CORNELL}; § 303(a)"),
    RuleRow("B12", "Published after 2002: life + 70, or the shorter of 95 years from publication or 120 from creation.", f"{CORNELL}; § 302"),
    RuleRow("B13", "A work of the US Government (federal officer or employee, official duties): public domain in the US.", "§ 105"),
    RuleRow("C1", "First published abroad before 1978 and more than 95 years before the as-of year: public domain (but see C12).", CORNELL),
    RuleRow("C2", "Published abroad 1931-1977 without US formalities and in the public domain at home on the restoration date: public domain.", f"{CORNELL}; § 104A"),
    RuleRow("C3", "Published abroad 1931-1977 in compliance with US formalities (notice and renewal): 95 years after publication.", CORNELL),
    RuleRow("C4", "Published only abroad 1931-1977, no formalities, protected at home on the restoration date: restored, 95 years after publication.", f"{CORNELL}; § 104A"),
    RuleRow("C5", "Published abroad 1931-1977 and in the US within 30 days: treated as a US publication (table B).", CORNELL),
    RuleRow("C6", "Published in the US more than 30 days after publication abroad, no formalities, protected at home on the restoration date: 95 years after publication.", f"{CORNELL}; § 104A"),
    RuleRow("C7", "Published abroad 1978 - 28 Feb 1989 without notice, public domain at home on the restoration date: public domain.", f"{CORNELL}; § 104A"),
    RuleRow("C8", "Published abroad 1978 - 28 Feb 1989 without notice, protected at home on the restoration date: life + 70 (corporate: 95 years from publication).", f"{CORNELL}; § 104A"),
    RuleRow("C9", "Published abroad 1978 - 28 Feb 1989 with notice: life + 70 (corporate: 95 years from publication).", CORNELL),
    RuleRow("C10", "Published abroad from 1 Mar 1989 in a treaty country (or by a treaty-country author): life + 70 (corporate: 95 years from publication).", f"{CORNELL}; § 104"),
    RuleRow("C11", "Published abroad from 1 Mar 1989 in a country with no copyright relations with the US, by no treaty-country author: not protected in the US.", f"{CORNELL}; § 104; Circular 38a (unconfirmed list)"),
    RuleRow("C12", "Ninth Circuit only: a work published abroad 1909-1977 without notice may be treated as unpublished until published in the US with notice (Twin Books, 83 F.3d 1162).", f"{CORNELL} (row wording unconfirmed)"),
    RuleRow("D1", "Sound recording never published, fixed before 15 Feb 1972: protected until 15 Feb 2067.", "§ 1401(a)(2)"),
    RuleRow("D2", "Sound recording never published, fixed on or after 15 Feb 1972: life + 70 (anonymous or for hire: 120 years from fixation).", "§ 302"),
    RuleRow("D3", "Sound recording published before 1923: public domain since 1 Jan 2022.", "§ 1401(a)(2)(B)(i)"),
    RuleRow("D4", "Sound recording published 1923-1946: 100 years after publication.", "§ 1401(a)(2)(B)(ii)"),
    RuleRow("D5", "Sound recording published 1947-1956: 110 years after publication.", "§ 1401(a)(2)(B)(iii)"),
    RuleRow("D6", "Sound recording published 1957 - 14 Feb 1972: protected until 15 Feb 2067.", "§ 1401(a)(2)(B)(iv)"),
    RuleRow("D7", "Sound recording published 15 Feb 1972 - 1977: without a (P) notice public domain; with notice 95 years after publication.", CORNELL),
    RuleRow("D8", "Sound recording published 1978 - 28 Feb 1989: without notice and not registered within 5 years public domain; otherwise life + 70 or corporate term.", CORNELL),
    RuleRow("D9", "Sound recording published from 1 Mar 1989: life + 70 or corporate term.", CORNELL),
    RuleRow("E1", "Building designed on or after 1 Dec 1990: protected as an architectural work.", "Pub. L. 101-650 § 706"),
    RuleRow("E2", "Design unbuilt on 1 Dec 1990 and built by 31 Dec 2002: protected as an architectural work.", "Pub. L. 101-650 § 706"),
    RuleRow("E3", "Design unbuilt on 1 Dec 1990 and not built by 31 Dec 2002: only the plans are protected.", "Pub. L. 101-650 § 706"),
    RuleRow("E4", "Building built (or published) before 1 Dec 1990: the building is not protected as an architectural work.", "Pub. L. 101-650 § 706"),
    RuleRow("G1", "Terms run to the end of the calendar year in which they would otherwise expire.", "§ 305"),
    RuleRow("G2", "A published work in the last 20 years of its term (and any pre-1972 sound recording) may be copied by libraries under § 108(h).", "§ 108(h)"),
    RuleRow("G3", "Creation year not given: assumed to be the publication year, which can only lengthen a corporate term; a public-domain answer that depends on it is withheld.", "RightsDesk rule (conservative)"),
)

ARTICLES = ["copyright-basics/copyright-duration-public-domain", "copyright-basics/notice-and-registration"]

CATEGORIES = {
    "unpublished": "Never published (manuscripts, letters, diaries, unpublished photographs)",
    "us_published": "First published in the United States",
    "foreign_published": "First published outside the United States",
    "recording_unpublished": "Sound recording, never published",
    "recording_published": "Sound recording, published",
    "architectural": "Architectural work (a building)",
}
AUTHORSHIP = {
    "individual": "One or more named individual authors",
    "anonymous": "Anonymous or pseudonymous",
    "for_hire": "Work made for hire (corporate)",
}
BUILDING = {
    "designed_after_1990": "Designed on or after 1 December 1990",
    "unbuilt_built_by_2002": "Designed earlier, unbuilt on 1 December 1990, built by 31 December 2002",
    "unbuilt_not_built_by_2002": "Designed earlier, unbuilt on 1 December 1990, not built by 31 December 2002",
    "built_before_1990": "Built before 1 December 1990",
}

RESEARCH = {
    "renewal": "Renewal: search the Stanford Copyright Renewal Database (exhibits.stanford.edu/copyrightrenewals, books renewed 1950-1992), "
               "the Catalog of Copyright Entries (archive.org/details/copyrightrecords) and, for renewals from 1978, the Copyright Office "
               "Public Records System (publicrecords.copyright.gov). Renewal fell due in the 28th year after publication. Never assume a work was not renewed.",
    "notice": "Notice: examine the copy (title page and its back, labels, credits) for ©, 'Copyright' or 'Copr.' with the year and owner.",
    "registration": "Registration within 5 years: search the Copyright Office Public Records System (publicrecords.copyright.gov).",
    "death": "Author's death year: Library of Congress Name Authority File (id.loc.gov), VIAF (viaf.org), obituaries.",
    "creation": "Creation year: the work itself, its archive's finding aid, or the author's papers.",
    "exact_date": "Exact publication date: the copy, the Catalog of Copyright Entries or the registration record (the boundary falls inside this year).",
    "home_status": "Status in the source country on its restoration date (1 January 1996 for most countries; later for countries that joined Berne or the WTO afterwards, see Copyright Office Circular 38a).",
    "us_within_30": "Whether the work was also published in the United States within 30 days: check the Catalog of Copyright Entries and the US edition's imprint.",
    "formalities": "US formalities: a notice on copies distributed in the US, and renewal (see the renewal sources above).",
    "treaty": "Treaty status: Copyright Office Circular 38a lists countries with copyright relations with the US (nearly all countries).",
    "building": "When the building was designed and built: the architect's records or the local building permit.",
}


@dataclass
class WorkFacts:
    category: str
    as_of: date
    us_government: bool = False
    authorship: str = "individual"
    death_year: int | None = None
    creation_year: int | None = None
    creation_date: date | None = None
    publication_year: int | None = None
    publication_date: date | None = None
    notice: str = "unknown"
    renewed: str = "unknown"
    registered_within_5_years: str = "unknown"
    us_published_within_30_days: str = "unknown"   # yes | later | no | unknown
    pd_at_home_on_restoration: str = "unknown"
    restoration_date: date = DEFAULT_RESTORATION
    treaty_country: str = "unknown"
    ninth_circuit: bool = False
    building: str = ""


def year_end(year: int) -> date:
    return date(year, 12, 31)


class _Undetermined(Exception):
    def __init__(self, reason: str, *research: str, candidates: tuple[str, ...] = ()):
        super().__init__(reason)
        self.reason = reason
        self.research = list(research)
        self.candidates = list(candidates)  # the rows that would apply once the fact is known


def calculate(facts: WorkFacts) -> Result:
    result = Result(outcome=UNDETERMINED, headline="", articles=list(ARTICLES))
    result.details["as_of"] = facts.as_of.isoformat()
    try:
        if facts.us_government:
            result.add("B13", "A work of the US Government is not protected by copyright in the US (§ 105).")
            result.warnings.append("State and local government works are not covered by § 105; nor, since 2019, certain "
                                   "scholarship by service-academy faculty (§ 105(b)). Works by contractors may be protected.")
            return _finish(result, facts, protected_through=None, public_domain=True)
        handler = {
            "unpublished": _unpublished,
            "us_published": _us_published,
            "foreign_published": _foreign_published,
            "recording_unpublished": _recording_unpublished,
            "recording_published": _recording_published,
            "architectural": _architectural,
        }[facts.category]
        return handler(result, facts)
    except _Undetermined as missing:
        result.outcome = UNDETERMINED
        result.headline = f"Undetermined: {missing.reason}"
        result.trace.append(f"Stopped: {missing.reason} The calculator does not guess.")
        result.details["research"] = [RESEARCH[key] for key in missing.research]
        result.details["candidate_rule_ids"] = missing.candidates
        return result


# --- outcome -----------------------------------------------------------------------------------
def _finish(result: Result, facts: WorkFacts, protected_through: date | None, public_domain: bool | None = None,
            published: bool = True, pre_1972_recording: bool = False) -> Result:
    if protected_through is not None:
        result.details["protected_through"] = protected_through.isoformat()
        result.details["public_domain_on"] = (protected_through + timedelta(days=1)).isoformat()
        if public_domain is None:
            public_domain = facts.as_of > protected_through
        if protected_through.month == 12 and protected_through.day == 31:
            result.add("G1")
    if public_domain:
        result.outcome = PUBLIC_DOMAIN
        when = f" since {_fmt(protected_through + timedelta(days=1))}" if protected_through else ""
        result.headline = f"In the public domain in the United States{when} (as of {_fmt(facts.as_of)})."
        return result
    result.outcome = PROTECTED
    result.headline = (f"Still protected as of {_fmt(facts.as_of)}; protected through {_fmt(protected_through)}, "
                       f"public domain on {_fmt(protected_through + timedelta(days=1))}.")
    last_twenty_from = date(protected_through.year - 19, 1, 1)
    if pre_1972_recording or (published and facts.as_of >= last_twenty_from):
        result.add("G2", "Section 108(h): " + ("pre-1972 sound recordings qualify at any time." if pre_1972_recording
                   else f"the work is in the last 20 years of its term (from {_fmt(last_twenty_from)})."))
        result.details["section_108h"] = True
        result.warnings.append("Last 20 years of term: a library may copy, distribute, display or perform it for "
                               "preservation, scholarship or research if it is not commercially exploited, not "
                               "available at a reasonable price, and the owner has filed no notice (§ 108(h)).")
    return result


def _fmt(d: date) -> str:
    return f"{d.day} {d.strftime('%B %Y')}"


# --- shared term arithmetic ----------------------------------------------------------------------
def _creation_year(facts: WorkFacts, publication_year: int | None, result: Result) -> int:
    if facts.creation_year is not None:
        return facts.creation_year
    if publication_year is None:
        raise _Undetermined("the year of creation is needed for this term.", "creation")
    result.add("G3", f"Creation year not given: taken as the publication year ({publication_year}).")
    result.details["assumed_creation"] = True
    return publication_year


def _modern_term(facts: WorkFacts, result: Result, publication_year: int | None, corporate_from_publication: bool = False) -> date:
    """Life + 70, or the corporate term (§ 302), as a last protected day."""
    if facts.authorship == "individual" and facts.death_year is not None:
        last = facts.death_year + 70
        result.trace.append(f"Life of the author + 70 years: died {facts.death_year}, so protected through {last}.")
        return year_end(last)
    why = ("anonymous, pseudonymous or for hire" if facts.authorship != "individual"
           else "the author's death year is unknown, so the § 302(e) presumption applies")
    if corporate_from_publication and publication_year is not None:
        last = publication_year + 95
        result.trace.append(f"Corporate term ({why}): 95 years from publication in {publication_year}, through {last}.")
        return year_end(last)
    created = _creation_year(facts, publication_year, result)
    if publication_year is None:
        last = created + 120
        result.trace.append(f"Term ({why}): 120 years from creation in {created}, through {last}.")
    else:
        last = min(publication_year + 95, created + 120)
        result.trace.append(f"Term ({why}): the shorter of 95 years from publication ({publication_year + 95}) "
                            f"or 120 years from creation ({created + 120}), through {last}.")
    if facts.authorship == "individual":
        result.warnings.append("If the author's death year can be found, the term is life + 70 instead; it may be longer.")
    return year_end(last)


def _before_march_1989(facts: WorkFacts, year: int) -> bool:
    if year < 1989:
        return True
    if year > 1989:
        return False
    if facts.publication_date is None:
        raise _Undetermined("the work was published in 1989; the rules change on 1 March 1989, so the exact date is needed.",
                            "exact_date")
    return facts.publication_date < MARCH_1_1989


def _pd_if_assumed(result: Result, facts: WorkFacts, through: date) -> None:
    """A public-domain answer must not rest on an assumed creation year (the 2047 floor could apply)."""
    if result.details.get("assumed_creation") and through < facts.as_of <= FLOOR_2047:
        raise _Undetermined("whether the work was created before 1978 decides whether it is protected until at least 2047.",
                            "creation")


# --- A: never published --------------------------------------------------------------------------
def _unpublished(result: Result, facts: WorkFacts) -> Result:
    result.trace.append("Never published and never registered: table A.")
    if facts.authorship == "individual" and facts.death_year is not None:
        result.add("A1")
        through = _modern_term(facts, result, None)
    elif facts.authorship != "individual":
        result.add("A2")
        through = _modern_term(facts, result, None)
    else:
        result.add("A3")
        if facts.creation_year is None:
            raise _Undetermined("neither the author's death year nor the year of creation is known.", "death", "creation")
        through = _modern_term(facts, result, None)
    created = facts.creation_year
    if (created is None or created < 1978) and through < FLOOR_2002:
        result.add("A4", "Created before 1978 and never published: protected at least through 31 December 2002 (§ 303(a)).")
        through = FLOOR_2002
    return _finish(result, facts, through, published=False)


# --- B: published in the US ----------------------------------------------------------------------
def _us_published(result: Result, facts: WorkFacts) -> Result:
    p = facts.publication_year
    year = facts.as_of.year
    if p <= 1977 and p + 95 < year:
        result.add("B1", f"Published in {p}, more than 95 years before {year}: every such term has expired "
                   f"(at the latest on 31 December {p + 95}).")
        return _finish(result, facts, None, public_domain=True)
    if p <= 1977:
        result.trace.append(f"Published in {p} (within the last 95 years, before 1978): the 1909 Act rules on notice and renewal.")
        if facts.notice == "no":
            result.add("B2", "Published without a copyright notice before 1978: the work entered the public domain on publication.")
            return _finish(result, facts, None, public_domain=True)
        if facts.notice != "yes":
            raise _Undetermined("whether the published copies carried a copyright notice.", "notice",
                                candidates=("B2", "B5", "B6") if p <= 1963 else ("B2", "B7"))
        if p <= 1963:
            if facts.renewed == "yes":
                result.add("B6", f"Notice and renewal: 95 years from publication, through {p + 95}.")
                return _finish(result, facts, year_end(p + 95))
            if facts.renewed == "no":
                result.add("B5", f"Notice but no renewal: the copyright expired after 28 years, at the end of {p + 28}.")
                result.warnings.append("Renewal was checked as 'not renewed': keep the search you made (database, date, search terms) with this record.")
                return _finish(result, facts, year_end(p + 28), public_domain=True)
            raise _Undetermined(f"whether the copyright was renewed (published {p}, renewal due in {p + 27}-{p + 28}).", "renewal",
                                candidates=("B5", "B6"))
        result.add("B7", f"Published {p} with notice: renewal was automatic, 95 years from publication, through {p + 95}.")
        return _finish(result, facts, year_end(p + 95))
    if _before_march_1989(facts, p):
        result.trace.append("Published between 1 January 1978 and 28 February 1989: notice still required, with a 5-year cure.")
        if facts.notice == "no":
            if facts.registered_within_5_years == "no":
                result.add("B3", "No notice and no registration within 5 years: the work entered the public domain.")
                return _finish(result, facts, None, public_domain=True)
            if facts.registered_within_5_years != "yes":
                raise _Undetermined("whether the work was registered within 5 years of publication (which cures a missing notice).",
                                    "registration", candidates=("B3", "B4"))
            result.add("B4", "No notice, but registered within 5 years: the omission was cured (§ 405).")
            return _modern_published(result, facts, p, "B4", "B4")
        if facts.notice != "yes":
            raise _Undetermined("whether the published copies carried a copyright notice.", "notice")
        return _modern_published(result, facts, p, "B8", "B9")
    if p <= 2002:
        result.trace.append("Published between 1 March 1989 and 2002: no notice needed.")
        return _modern_published(result, facts, p, "B10", "B11")
    result.trace.append("Published after 2002.")
    return _modern_published(result, facts, p, "B12", "B12")


def _modern_published(result: Result, facts: WorkFacts, p: int, row_after_1977: str, row_before_1978: str) -> Result:
    through = _modern_term(facts, result, p)
    created = facts.creation_year
    if p <= 2002 and created is not None and created < 1978:
        result.add(row_before_1978, f"Created in {created}, before 1978, and first published {p}: "
                   "protected at least through 31 December 2047 (§ 303(a)).")
        through = max(through, FLOOR_2047)
    else:
        result.add(row_after_1977)
        if p <= 2002:
            _pd_if_assumed(result, facts, through)
    return _finish(result, facts, through)


# --- C: first published abroad -------------------------------------------------------------------
def _foreign_published(result: Result, facts: WorkFacts) -> Result:
    p = facts.publication_year
    year = facts.as_of.year
    ninth = facts.ninth_circuit and 1909 <= p <= 1977 and facts.notice != "yes"
    if p <= 1977 and p + 95 < year:
        result.add("C1", f"First published abroad in {p}, more than 95 years before {year}.")
        if ninth:
            return _ninth_circuit(result)
        return _finish(result, facts, None, public_domain=True)
    if p <= 1977:
        within = facts.us_published_within_30_days
        if within == "yes":
            result.add("C5", "Also published in the US within 30 days: treated as a US publication (table B).")
            return _us_published(result, facts)
        if within == "unknown":
            raise _Undetermined("whether the work was also published in the US within 30 days.", "us_within_30",
                                candidates=("C5", "C4", "C6"))
        if ninth:
            return _ninth_circuit(result)
        # From 1964 renewal was automatic, so a notice alone meets the formalities.
        formalities = facts.notice == "yes" and (facts.renewed == "yes" or p >= 1964)
        no_formalities = facts.notice == "no" or (facts.renewed == "no" and p <= 1963)
        home = facts.pd_at_home_on_restoration
        if formalities:
            result.add("C3", f"US formalities were met: 95 years from publication, through {p + 95}.")
            return _finish(result, facts, year_end(p + 95))
        if home == "no":
            row = "C6" if within == "later" else "C4"
            result.add(row, f"Protected in its source country on the restoration date ({_fmt(facts.restoration_date)}): "
                       f"copyright restored under § 104A, 95 years from publication, through {p + 95}.")
            if facts.as_of < facts.restoration_date:
                result.warnings.append("The as-of date is before the restoration date: the work was in the US public domain until then.")
                return _finish(result, facts, None, public_domain=True)
            result.warnings.append("Restoration also needs at least one author who was a national or domiciliary of an eligible country "
                                   "(§ 104A(h)(6)(D)); reliance parties may have limited rights (§ 104A(d)).")
            return _finish(result, facts, year_end(p + 95))
        if home == "yes" and no_formalities:
            result.add("C2", "No US formalities and already public domain at home on the restoration date: not restored.")
            return _finish(result, facts, None, public_domain=True)
        if home == "yes":
            raise _Undetermined("whether US formalities (notice and renewal) were met.", "formalities", "notice", "renewal")
        raise _Undetermined("whether the work was still protected in its source country on the restoration date.", "home_status",
                            "formalities", candidates=("C2", "C4"))
    if _before_march_1989(facts, p):
        if facts.notice == "yes":
            result.add("C9", "Published abroad with notice between 1978 and 28 February 1989.")
            return _finish(result, facts, _modern_term(facts, result, p, corporate_from_publication=True))
        home = facts.pd_at_home_on_restoration
        if home == "no":
            result.add("C8", "No notice, but protected in its source country on the restoration date: restored (§ 104A).")
            return _finish(result, facts, _modern_term(facts, result, p, corporate_from_publication=True))
        if home == "yes" and facts.notice == "no":
            result.add("C7", "No notice and public domain at home on the restoration date: not restored.")
            return _finish(result, facts, None, public_domain=True)
        raise _Undetermined("the notice on the copies or the work's status at home on the restoration date.", "notice", "home_status")
    if facts.treaty_country == "yes":
        result.add("C10", "Published abroad from 1 March 1989 with a treaty connection (country or author).")
        return _finish(result, facts, _modern_term(facts, result, p, corporate_from_publication=True))
    if facts.treaty_country == "no":
        result.add("C11", "No treaty connection at all: not protected in the US.")
        result.warnings.append("Countries' treaty status changes over time (Circular 38a); confirm it for the publication date.")
        return _finish(result, facts, None, public_domain=True)
    raise _Undetermined("whether the country of publication or an author has copyright relations with the US.", "treaty",
                        candidates=("C10", "C11"))


def _ninth_circuit(result: Result) -> Result:
    result.add("C12", "Ninth Circuit: a work published abroad without notice before 1978 may be treated as unpublished "
               "until published in the US with notice (Twin Books). Work out the unpublished term (table A) and ask counsel.")
    raise _Undetermined("in the Ninth Circuit this work may count as unpublished; the row's wording is not yet confirmed.", "home_status")


# --- D: sound recordings -------------------------------------------------------------------------
def _fixed_before_1972(facts: WorkFacts, year: int | None, exact: date | None, what: str) -> bool:
    if year is None:
        raise _Undetermined(f"the year the recording was {what}.", "creation")
    if year != 1972:
        return year < 1972
    if exact is None:
        raise _Undetermined(f"the recording was {what} in 1972; the rules change on 15 February 1972, so the exact date is needed.",
                            "exact_date")
    return exact < FEB_15_1972


def _recording_unpublished(result: Result, facts: WorkFacts) -> Result:
    result.warnings.append("The music and lyrics recorded have their own, separate copyright term.")
    if _fixed_before_1972(facts, facts.creation_year, facts.creation_date, "fixed (recorded)"):
        result.add("D1", "Unpublished recording fixed before 15 February 1972: protected until 15 February 2067 (§ 1401).")
        return _finish(result, facts, END_OF_PRE_1972_RECORDINGS, published=False, pre_1972_recording=True)
    result.add("D2", "Unpublished recording fixed on or after 15 February 1972: the ordinary § 302 terms.")
    if facts.authorship == "individual" and facts.death_year is None and facts.creation_year is None:
        raise _Undetermined("the death year of the last surviving author or the year of fixation.", "death", "creation")
    return _finish(result, facts, _modern_term(facts, result, None), published=False)


def _recording_published(result: Result, facts: WorkFacts) -> Result:
    p = facts.publication_year
    result.warnings.append("The music and lyrics recorded have their own, separate copyright term.")
    if p < 1923:
        result.add("D3", "Published before 1923: public domain since 1 January 2022 (Music Modernization Act, § 1401).")
        return _finish(result, facts, year_end(2021), pre_1972_recording=True)
    if p <= 1946:
        result.add("D4", f"Published {p}: 100 years after publication, through {p + 100} (§ 1401).")
        return _finish(result, facts, year_end(p + 100), pre_1972_recording=True)
    if p <= 1956:
        result.add("D5", f"Published {p}: 110 years after publication, through {p + 110} (§ 1401).")
        return _finish(result, facts, year_end(p + 110), pre_1972_recording=True)
    if _fixed_before_1972(facts, p, facts.publication_date, "published"):
        result.add("D6", "Published 1957 - 14 February 1972: protected until 15 February 2067 (§ 1401).")
        return _finish(result, facts, END_OF_PRE_1972_RECORDINGS, pre_1972_recording=True)
    if p <= 1977:
        if facts.notice == "no":
            result.add("D7", "Published 1972-1977 without a (P) notice: public domain.")
            return _finish(result, facts, None, public_domain=True)
        if facts.notice != "yes":
            raise _Undetermined("whether the copies carried a (P) notice.", "notice")
        result.add("D7", f"Published with notice: 95 years from publication, through {p + 95}.")
        return _finish(result, facts, year_end(p + 95))
    if _before_march_1989(facts, p):
        if facts.notice == "no" and facts.registered_within_5_years == "no":
            result.add("D8", "No notice and no registration within 5 years: public domain.")
            return _finish(result, facts, None, public_domain=True)
        if facts.notice == "unknown" or (facts.notice == "no" and facts.registered_within_5_years != "yes"):
            raise _Undetermined("the notice on the copies, or registration within 5 years.", "notice", "registration")
        result.add("D8", "Notice, or registration within 5 years: the ordinary § 302 terms.")
        return _finish(result, facts, _modern_term(facts, result, p))
    result.add("D9", "Published from 1 March 1989: the ordinary § 302 terms.")
    return _finish(result, facts, _modern_term(facts, result, p))


# --- E: architectural works ----------------------------------------------------------------------
def _architectural(result: Result, facts: WorkFacts) -> Result:
    result.warnings.append("Anyone may photograph or draw a building visible from a public place (§ 120(a)).")
    if facts.building == "built_before_1990":
        result.add("E4", "Built before 1 December 1990: the building itself is not protected; plans and drawings may be.")
        return _finish(result, facts, None, public_domain=True)
    if facts.building == "unbuilt_not_built_by_2002":
        result.add("E3", "Unbuilt on 1 December 1990 and not built by 2002: the building is not protected, only the plans (as drawings).")
        result.outcome, result.headline = PROTECTED, "Only the plans are protected (as pictorial or graphic works); the building is not."
        return result
    if facts.building not in ("designed_after_1990", "unbuilt_built_by_2002"):
        raise _Undetermined("when the building was designed and built.", "building")
    result.add("E1" if facts.building == "designed_after_1990" else "E2", "Protected as an architectural work.")
    return _finish(result, facts, _modern_term(facts, result, facts.publication_year), published=facts.publication_year is not None)
