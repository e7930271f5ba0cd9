"""Section 108 helper: library and archives copying (17 U.S.C. § 108; domain/copyright.md § 5.5),
and the CONTU "rule of five" for interlibrary loan (§ 108(g)(2); CONTU Guidelines, 1978).

The interlibrary-loan count is passed in (the service counts the ILLRequest log), so this
module stays pure.
"""
from dataclasses import dataclass
from datetime import date

from app.tools.result import ALLOWED, NOT_ALLOWED, UNDETERMINED, Result, RuleRow, rule_table

TOOL = "section-108"
RULES_VERSION = "2026.1"
TITLE = "Section 108 library copying helper"

RULES = rule_table(
    RuleRow("L108-A1", "Eligibility: the collection is open to the public, or available to researchers outside the institution.", "§ 108(a)(2)"),
    RuleRow("L108-A2", "Eligibility: the copy is made without any purpose of direct or indirect commercial advantage.", "§ 108(a)(1)"),
    RuleRow("L108-A3", "Eligibility: the copy carries the work's copyright notice, or a legend that it may be protected.", "§ 108(a)(3)"),
    RuleRow("L108-B", "(b) Preservation: up to three copies of an unpublished work in the library's collection; digital copies not made available outside the premises.", "§ 108(b)"),
    RuleRow("L108-C", "(c) Replacement: up to three copies of a published work that is damaged, deteriorating, lost, stolen or in an obsolete format, "
            "after reasonable effort shows an unused replacement cannot be obtained at a fair price; digital copies stay on the premises.", "§ 108(c)"),
    RuleRow("L108-D", "(d) Copies for users: one article or other contribution to a collection or periodical issue, or a small part of another work; "
            "the copy becomes the user's, for private study, scholarship or research; the warning is displayed where orders are taken and on the form.", "§ 108(d); 37 C.F.R. § 201.14"),
    RuleRow("L108-E", "(e) Entire work or substantial part for a user: only after reasonable investigation shows a copy cannot be obtained at a fair price; plus the (d) conditions.", "§ 108(e)"),
    RuleRow("L108-H", "(h) Last 20 years of term: a published work may be copied for preservation, scholarship or research if it is not subject to normal commercial exploitation, "
            "no copy can be obtained at a reasonable price, and the owner has filed no notice.", "§ 108(h)"),
    RuleRow("L108-I", "(i) Copies for users under (d) and (e) exclude musical works, pictorial, graphic or sculptural works, and motion pictures or other audiovisual works "
            "other than audiovisual news; illustrations published with the text copied are allowed.", "§ 108(i)"),
    RuleRow("L108-G", "(g) Copying must be isolated and unrelated; interlibrary arrangements must not substitute for a subscription or purchase.", "§ 108(g)"),
    RuleRow("ILL-5", "Rule of five: in a calendar year, more than five copies of articles from one periodical title published within five years before the request "
            "means the borrowing library needs a subscription, a purchase or permission.", "CONTU Guidelines (1978), H.R. Conf. Rep. No. 94-1733 at 72-74"),
    RuleRow("ILL-OLD", "Articles published more than five years before the request are outside the CONTU count; § 108(g)(2) still forbids systematic copying.", "CONTU Guidelines (1978)"),
    RuleRow("ILL-REC", "The requesting library keeps its ILL records for three full calendar years.", "CONTU Guidelines (1978)"),
)
ARTICLES = ["library-operations/section-108-library-copying", "library-operations/interlibrary-loan-rule-of-five",
            "library-operations/copyright-notices-copiers"]

PURPOSES = {
    "preservation": "(b) Preserve or secure an unpublished work we hold",
    "replacement": "(c) Replace a damaged, deteriorating, lost, stolen or obsolete published work",
    "user_article": "(d) An article or small part for a patron (including by interlibrary loan)",
    "user_entire": "(e) An entire work, or a substantial part, for a patron",
    "last_20_years": "(h) A published work in the last 20 years of its copyright term",
}
WORK_KINDS = {
    "text": "Text (books, articles, other literary works)",
    "text_with_illustrations": "Text with the illustrations published with it",
    "musical": "Musical work (sheet music, scores)",
    "pictorial": "Pictorial, graphic or sculptural work (photographs, art, maps as images)",
    "audiovisual": "Motion picture or other audiovisual work",
    "audiovisual_news": "Audiovisual news program",
}
EXCLUDED_FOR_USERS = {"musical", "pictorial", "audiovisual"}
CONTU_LIMIT = 5
CONTU_YEARS = 5


@dataclass
class LibraryInputs:
    purpose: str
    work_kind: str
    open_to_public: str                 # yes | no | unknown
    no_commercial_advantage: bool
    notice_on_copy: bool
    copies: int = 1
    digital_on_premises: bool = True    # (b), (c): digital copies stay on the premises
    in_collection_unpublished: bool = False
    replacement_reason: bool = False    # damaged/deteriorating/lost/stolen/obsolete
    fair_price_search_failed: bool = False
    copy_becomes_users: bool = True
    warning_displayed: bool = False
    small_part: bool = True
    last_20_years: str = "unknown"      # yes | no | unknown (the public-domain calculator answers it)
    not_commercially_exploited: bool = False
    owner_notice_filed: bool = False
    systematic: bool = False
    # interlibrary loan (optional)
    periodical_title: str = ""
    published_year: int | None = None
    requested_on: date | None = None
    prior_requests_this_year: int = 0   # logged requests for this title this year within the five-year window


def rule_of_five(published_year: int, requested_on: date, prior_requests: int) -> tuple[str, int, bool]:
    """(rule id, count including this request, within the guideline)."""
    if published_year < requested_on.year - CONTU_YEARS:
        return "ILL-OLD", prior_requests + 1, True
    count = prior_requests + 1
    return "ILL-5", count, count <= CONTU_LIMIT


def check(i: LibraryInputs) -> Result:
    result = Result(outcome=ALLOWED, headline="", articles=list(ARTICLES))
    open_ok = {"yes": True, "no": False}.get(i.open_to_public)
    result.check("L108-A1", "Collection open to the public or to outside researchers", open_ok,
                 "A school library open only to its own students and staff may not qualify (unconfirmed); ask the officer."
                 if open_ok is not True else "")
    result.check("L108-A2", "No commercial advantage", i.no_commercial_advantage)
    result.check("L108-A3", "Copyright notice or legend on the copy", i.notice_on_copy,
                 "Use the notice on the work, or: 'This work may be protected by copyright (Title 17, U.S. Code).'")
    result.check("L108-G", "Isolated and unrelated copying, not systematic", not i.systematic)
    if i.purpose == "preservation":
        result.check("L108-B", "Unpublished work in our collection; three copies at most; digital copies stay on the premises",
                     i.in_collection_unpublished and i.copies <= 3 and i.digital_on_premises, f"{i.copies} copies.")
    elif i.purpose == "replacement":
        result.check("L108-C", "Damaged, lost or obsolete; no unused replacement at a fair price; three copies at most; digital on premises",
                     i.replacement_reason and i.fair_price_search_failed and i.copies <= 3 and i.digital_on_premises, f"{i.copies} copies.")
    elif i.purpose in ("user_article", "user_entire"):
        excluded = i.work_kind in EXCLUDED_FOR_USERS
        result.check("L108-I", "Not an excluded kind of work (music, pictures, audiovisual other than news)", not excluded,
                     WORK_KINDS[i.work_kind])
        if i.purpose == "user_article":
            result.check("L108-D", "One article or a small part; becomes the patron's; warning displayed at the desk and on the form",
                         i.small_part and i.copy_becomes_users and i.warning_displayed)
        else:
            result.check("L108-E", "No copy obtainable at a fair price after reasonable investigation; (d) conditions met",
                         i.fair_price_search_failed and i.copy_becomes_users and i.warning_displayed)
        if i.periodical_title and i.published_year is not None and i.requested_on is not None:
            rule_id, count, within = rule_of_five(i.published_year, i.requested_on, i.prior_requests_this_year)
            result.details.update(ill_count=count, ill_title=i.periodical_title, ill_year=i.requested_on.year)
            if rule_id == "ILL-OLD":
                result.add("ILL-OLD", f"The article was published in {i.published_year}, more than five years before "
                           f"{i.requested_on.year}: outside the CONTU count.")
            else:
                result.check("ILL-5", f"Rule of five for '{i.periodical_title}' in {i.requested_on.year}", within,
                             f"This would be request {count} of {CONTU_LIMIT} this calendar year for articles published "
                             f"{i.requested_on.year - CONTU_YEARS} or later.")
            result.add("ILL-REC", "Log the request (Interlibrary loan log) and keep records for three calendar years.")
    else:  # last_20_years
        in_window = {"yes": True, "no": False}.get(i.last_20_years)
        result.check("L108-H", "In the last 20 years of term; not commercially exploited; not available at a reasonable price; no owner notice",
                     None if in_window is None else (in_window and i.not_commercially_exploited and i.fair_price_search_failed
                                                     and not i.owner_notice_filed),
                     "Use the public-domain calculator to see whether the work is in its last 20 years." if in_window is None else "")
    failed, unknown = result.failed_checks, result.unknown_checks
    if failed:
        result.outcome = NOT_ALLOWED
        result.headline = ("Section 108 does not cover this copy: " + "; ".join(c.label.lower() for c in failed)
                           + ". Consider fair use, a purchase, a subscription or permission.")
    elif unknown:
        result.outcome = UNDETERMINED
        result.headline = "Undetermined: " + "; ".join(c.label.lower() for c in unknown) + " must be confirmed first."
    else:
        result.headline = f"Section 108 covers this copy under {PURPOSES[i.purpose][:3]}, if the conditions listed stay true."
    result.trace.extend(f"{'Meets' if c.passed else ('Unknown' if c.passed is None else 'Fails')}: {c.label}. {c.detail}".strip()
                        for c in result.checks)
    return result
