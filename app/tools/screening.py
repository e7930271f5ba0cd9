"""Screening and performance checker: the six conditions of 17 U.S.C. § 110(1) (face-to-face
teaching), then the district's public performance licences (domain/copyright.md §§ 5.1-5.2).

Licences are passed in as plain data (the officer keeps them at /tools/licenses), so the
check stays pure.
"""
from dataclasses import dataclass, field
from datetime import date

from app.tools.result import EXEMPT, LICENSED, NEEDS_PERMISSION, UNDETERMINED, Result, RuleRow, rule_table

TOOL = "screening"
RULES_VERSION = "2026.1"
TITLE = "Screening and performance checker"

S110 = "17 U.S.C. § 110(1); H.R. Rep. No. 94-1476 at 81-82"
RULES = rule_table(
    RuleRow("S110-1", "The use is a performance or display of the work (showing a film, playing music, displaying images).", S110),
    RuleRow("S110-2", "By instructors or pupils (not a guest entertainer or outside presenter).", S110),
    RuleRow("S110-3", "In face-to-face teaching activities, not for entertainment, recreation, reward or cultural value alone.", S110),
    RuleRow("S110-4", "At a nonprofit educational institution.", S110),
    RuleRow("S110-5", "In a classroom or similar place devoted to instruction, attended by the class (not the public).", S110),
    RuleRow("S110-6", "For a motion picture or other audiovisual work: not from a copy the person responsible knew or had reason to believe was not lawfully made.", S110),
    RuleRow("LIC-1", "When § 110(1) does not apply, a public performance licence in force on the date, covering the building, may cover the screening if the title's studio is on the licensor's list.", "Swank / MPLC terms (domain/copyright.md § 5.2)"),
    RuleRow("LIC-2", "Umbrella licences do not allow an admission charge above the licence terms, and may restrict advertising the title.", "Swank and MPLC FAQs (unconfirmed per licence)"),
    RuleRow("LIC-3", "No licence applies: get a single-screening licence from the distributor, choose a covered title, or make it part of a lesson.", "domain/copyright.md § 7 T4"),
)
ARTICLES = ["teaching-media/showing-films-in-class", "teaching-media/films-for-rewards-and-events",
            "teaching-media/streaming-services-in-class"]

PERFORMERS = {"teacher_or_pupils": "The teacher or pupils", "other": "A guest, outside presenter or someone else"}
PURPOSES = {
    "instruction": "Teaching: the work is part of a lesson with a learning objective",
    "entertainment": "Entertainment, reward, party, fundraiser, indoor recess, club or event",
}
AUDIENCES = {"class": "The class (enrolled pupils and their teachers)", "public": "Others too: families, other classes, the public"}
PLACES = {"classroom": "A classroom, library or other place used for instruction", "other": "Somewhere else (off campus, a public event space)"}
COPY_SOURCES = {
    "owned": "A legitimate copy the school or teacher owns or borrowed (DVD, Blu-ray, digital purchase)",
    "streaming": "A streaming service account (personal or school)",
    "recorded": "A recording made from TV or another stream",
    "unlawful": "A copy known or suspected to be pirated or unlawfully made",
    "unknown": "Not sure where the copy came from",
}


@dataclass
class LicenceInfo:
    licensor: str
    campus_ids: list[int]
    expires_on: date
    notes: str = ""
    campus_names: list[str] = field(default_factory=list)


@dataclass
class ScreeningInputs:
    performer: str
    purpose: str
    audience: str
    place: str
    copy_source: str
    nonprofit: bool
    campus_id: int | None
    screening_date: date
    admission_charged: bool = False
    audiovisual: bool = True


def check(inputs: ScreeningInputs, licences: list[LicenceInfo]) -> Result:
    result = Result(outcome=EXEMPT, headline="", articles=list(ARTICLES))
    result.check("S110-1", "A performance or display", True)
    result.check("S110-2", "By the teacher or pupils", inputs.performer == "teacher_or_pupils", PERFORMERS[inputs.performer])
    result.check("S110-3", "Face-to-face teaching, not entertainment", inputs.purpose == "instruction", PURPOSES[inputs.purpose])
    result.check("S110-4", "At a nonprofit educational institution", inputs.nonprofit)
    result.check("S110-5", "In a place devoted to instruction, for the class",
                 inputs.place == "classroom" and inputs.audience == "class",
                 f"{PLACES[inputs.place]}; audience: {AUDIENCES[inputs.audience].lower()}.")
    lawful = {"owned": True, "streaming": True, "recorded": True, "unlawful": False, "unknown": None}[inputs.copy_source]
    result.check("S110-6", "A lawfully made copy", lawful if inputs.audiovisual else True, COPY_SOURCES[inputs.copy_source])
    if inputs.copy_source == "streaming":
        result.warnings.append("Streaming services' terms often allow only personal, household viewing; check the "
                               "service's terms or use an educational screening licence (Netflix, Disney+ and others differ).")
    if inputs.copy_source == "recorded":
        result.warnings.append("A recording from TV is lawful only within the off-air guidelines (45 days) or another licence: check its dates.")
    failed, unknown = result.failed_checks, result.unknown_checks
    if not failed and not unknown:
        result.headline = "Exempt under § 110(1): the screening is part of face-to-face teaching and needs no licence."
        result.trace.append("All six conditions of § 110(1) hold.")
        return result
    for c in failed:
        result.trace.append(f"Fails § 110(1): {c.label.lower()}.")
    if unknown:
        result.trace.append("Unknown: where the copy came from. § 110(1) does not cover a copy you have reason to believe was unlawfully made.")
    if unknown:
        result.outcome = UNDETERMINED
        result.headline = ("Undetermined: find out where the copy comes from. Neither § 110(1) nor an umbrella licence "
                           "covers a copy that was not lawfully made.")
        return result
    if inputs.copy_source == "unlawful":
        result.outcome = NEEDS_PERMISSION
        result.headline = "Not covered: no exemption or umbrella licence covers showing an unlawfully made copy. Use a legitimate copy."
        result.add("LIC-3")
        return result
    covering = [lic for lic in licences if inputs.campus_id in lic.campus_ids and lic.expires_on >= inputs.screening_date]
    lapsed = [lic for lic in licences if inputs.campus_id in lic.campus_ids and lic.expires_on < inputs.screening_date]
    for lic in lapsed:
        result.trace.append(f"The {lic.licensor} licence for this building expired on {lic.expires_on:%-d %B %Y}.")
    if covering:
        names = ", ".join(lic.licensor for lic in covering)
        result.outcome = LICENSED
        result.add("LIC-1", f"The district holds a public performance licence for this building on the date: {names}.")
        result.headline = (f"Likely covered by the district's {names} licence, if the title's studio is on the licensor's list. "
                           "Check the title on the licensor's website before the screening.")
        result.details["licences"] = [{"licensor": lic.licensor, "expires_on": lic.expires_on, "notes": lic.notes} for lic in covering]
        if inputs.admission_charged:
            result.add("LIC-2", "Admission is charged: check the licence terms (MPLC: no admission charge; Swank: limits apply).")
            result.warnings.append("Charging admission may fall outside the umbrella licence.")
        return result
    result.outcome = NEEDS_PERMISSION
    result.add("LIC-3", "No district licence covers this building on that date.")
    result.headline = ("Needs a licence: § 110(1) does not apply and no district licence covers this building on that date. "
                       "Get a single-screening licence, choose a covered title, or make the showing part of a lesson.")
    return result
