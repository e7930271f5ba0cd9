"""TEACH Act checker: 17 U.S.C. § 110(2) and § 112(f) (domain/copyright.md § 5.3).

Institution-wide conditions are entered once by the officer (TeachSettings); each use is checked
against the per-use conditions. Any failure names the condition and points to fair use.
"""
from dataclasses import dataclass

from app.tools.result import ALLOWED, NOT_ALLOWED, UNDETERMINED, Result, RuleRow, rule_table

TOOL = "teach-act"
RULES_VERSION = "2026.1"
TITLE = "TEACH Act checker (online teaching)"

S = "17 U.S.C. § 110(2)"
RULES = rule_table(
    RuleRow("T-INST-1", "A governmental body or an accredited nonprofit educational institution (K-12: recognised by the state).", f"{S}; § 110(2) definitions"),
    RuleRow("T-INST-2", "The institution has copyright policies.", f"{S}(D)(i)"),
    RuleRow("T-INST-3", "It gives faculty, students and staff information that describes and promotes compliance with copyright law.", f"{S}(D)(i)"),
    RuleRow("T-INST-4", "It notifies students that materials used in the course may be subject to copyright protection.", f"{S}(D)(i)"),
    RuleRow("T-INST-5", "For digital transmissions: technological measures reasonably prevent retention beyond the class session and further dissemination.", f"{S}(D)(ii)(I)"),
    RuleRow("T-INST-6", "No conduct that could reasonably be expected to interfere with the owner's technological protection measures.", f"{S}(D)(ii)(II)"),
    RuleRow("T-USE-1", "Amount: an entire performance of a nondramatic literary or musical work; reasonable and limited portions of any other work; displays in an amount comparable to a live classroom session.", S),
    RuleRow("T-USE-2", "Not a work produced or marketed primarily for performance or display as part of mediated instructional activities transmitted via digital networks.", S),
    RuleRow("T-USE-3", "Not a textbook, course pack or other material typically purchased by students for their independent use.", f"{S}; § 110 (definition of mediated instructional activities)"),
    RuleRow("T-USE-4", "Not from a copy the institution knew or had reason to believe was not lawfully made.", S),
    RuleRow("T-USE-5", "Made by, at the direction of, or under the actual supervision of an instructor as an integral part of a class session.", f"{S}(A)"),
    RuleRow("T-USE-6", "Directly related and of material assistance to the teaching content.", f"{S}(B)"),
    RuleRow("T-USE-7", "Transmission made solely for, and reception limited to (as technologically feasible), students officially enrolled in the course.", f"{S}(C)"),
    RuleRow("T-USE-8", "Digitising an analog work only of the portion allowed, and only when no digital version is available to the institution free of technological protection that prevents its use.", "17 U.S.C. § 112(f)(2)"),
)
ARTICLES = ["teaching-media/teach-act-online-teaching", "teaching-media/posting-in-lms", "fair-use/four-factors"]

WORK_TYPES = {
    "nondramatic_literary": "Nondramatic literary work performed (reading a story or poem aloud)",
    "nondramatic_musical": "Nondramatic musical work performed (a song, instrumental piece)",
    "other_performance": "Other performance: film, video, dramatic work, opera, musical",
    "display": "Display: images, text, slides",
}
PORTIONS = {
    "entire": "The entire work",
    "limited": "A reasonable and limited portion",
    "comparable": "An amount comparable to what I would display in a live classroom",
    "more": "More than that",
}

INSTITUTION_FIELDS = {
    "accredited_nonprofit": ("T-INST-1", "Accredited nonprofit educational institution or government body"),
    "copyright_policy": ("T-INST-2", "Copyright policies adopted"),
    "information_to_community": ("T-INST-3", "Copyright information provided to faculty, students and staff"),
    "notice_to_students": ("T-INST-4", "Students told that course materials may be protected by copyright"),
    "retention_controls": ("T-INST-5", "Technical controls prevent retention beyond the session and redistribution"),
    "no_drm_interference": ("T-INST-6", "No interference with owners' technological protection measures"),
}


@dataclass
class InstitutionSettings:
    accredited_nonprofit: bool = False
    copyright_policy: bool = False
    information_to_community: bool = False
    notice_to_students: bool = False
    retention_controls: bool = False
    no_drm_interference: bool = False
    configured: bool = False


@dataclass
class TeachUseInputs:
    work_type: str
    portion: str
    marketed_for_online: bool
    student_purchase_material: bool
    lawful_copy: str                 # yes | no | unknown
    instructor_directed: bool
    directly_related: bool
    enrolled_only: bool
    digitised_from_analog: bool = False
    digital_version_available: bool = False


def amount_ok(work_type: str, portion: str) -> bool:
    if work_type in ("nondramatic_literary", "nondramatic_musical"):
        return portion in ("entire", "limited", "comparable")
    if work_type == "other_performance":
        return portion == "limited"
    return portion in ("comparable", "limited")


def check(inputs: TeachUseInputs, settings: InstitutionSettings) -> Result:
    result = Result(outcome=ALLOWED, headline="", articles=list(ARTICLES))
    if not settings.configured:
        result.warnings.append("The copyright officer has not yet entered the district's TEACH Act settings; "
                               "the institution conditions count as not met.")
    for attr, (rule_id, label) in INSTITUTION_FIELDS.items():
        result.check(rule_id, label, getattr(settings, attr))
    result.check("T-USE-1", "Amount allowed for this kind of work", amount_ok(inputs.work_type, inputs.portion),
                 f"{WORK_TYPES[inputs.work_type]}: {PORTIONS[inputs.portion].lower()}.")
    result.check("T-USE-2", "Not marketed primarily for online instruction", not inputs.marketed_for_online)
    result.check("T-USE-3", "Not a textbook or other material students usually buy", not inputs.student_purchase_material)
    lawful = {"yes": True, "no": False}.get(inputs.lawful_copy)
    result.check("T-USE-4", "A lawfully made copy", lawful)
    result.check("T-USE-5", "At an instructor's direction, as an integral part of a class session", inputs.instructor_directed)
    result.check("T-USE-6", "Directly related and of material assistance to the teaching content", inputs.directly_related)
    result.check("T-USE-7", "Available only to enrolled students", inputs.enrolled_only)
    if inputs.digitised_from_analog:
        result.check("T-USE-8", "Digitised from analog only because no usable digital version exists", not inputs.digital_version_available)
    failed, unknown = result.failed_checks, result.unknown_checks
    if failed:
        result.outcome = NOT_ALLOWED
        result.headline = ("Not covered by the TEACH Act: " + "; ".join(c.label.lower() for c in failed)
                           + ". Analyse fair use instead, or get permission.")
    elif unknown:
        result.outcome = UNDETERMINED
        result.headline = "Undetermined: confirm the copy was lawfully made before relying on the TEACH Act."
    else:
        result.headline = "Covered by the TEACH Act (§ 110(2)), provided the conditions stay true while it is used."
    result.trace.extend(f"{'Meets' if c.passed else ('Unknown' if c.passed is None else 'Fails')}: {c.label}." for c in result.checks)
    return result
