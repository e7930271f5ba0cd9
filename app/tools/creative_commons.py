"""Creative Commons helper: what a licence allows for an intended use, and a TASL attribution
(Title, Author, Source, Licence). domain/copyright.md § 5.6; creativecommons.org licence deeds.
"""
from dataclasses import dataclass

from app.tools.result import ALLOWED, CONDITIONAL, NOT_ALLOWED, Result, RuleRow, rule_table

TOOL = "creative-commons"
RULES_VERSION = "2026.1"
TITLE = "Creative Commons helper"

CC = "Creative Commons licence deeds and legal code (creativecommons.org/licenses)"
RULES = rule_table(
    RuleRow("CC0", "CC0: the creator waived copyright as far as the law allows; any use, no conditions (credit is still good practice).", "creativecommons.org/publicdomain/zero/1.0"),
    RuleRow("CC-BY", "BY: any use, including commercial use and adaptations under any licence, with attribution.", CC),
    RuleRow("CC-NC", "NC: only uses not primarily intended for commercial advantage or monetary compensation; judged by the use, not the user.", CC),
    RuleRow("CC-ND", "ND: copies only as is; adaptations may not be shared (4.0 allows private adaptations; earlier versions none).", CC),
    RuleRow("CC-SA", "SA: adaptations must be shared under the same licence (or a later version, or one CC lists as compatible).", CC),
    RuleRow("CC-ATTR", "Attribution (TASL): title, author, source (link), licence (name and link); say if you changed it.", CC),
    RuleRow("CC-FAIR", "Fair use and other exceptions apply whatever the licence says (4.0 § 2(a)(2)).", CC),
    RuleRow("CC-VERSION", "Versions before 4.0 are 'ported' to some countries and ask for attribution in a manner specified by the author; check the original's notice.", CC),
)
ARTICLES = ["copyright-basics/creative-commons", "copyright-basics/licenses-terms-of-service"]

LICENCES = {
    "CC0": "CC0 (public domain dedication)",
    "BY": "CC BY (Attribution)",
    "BY-SA": "CC BY-SA (Attribution-ShareAlike)",
    "BY-NC": "CC BY-NC (Attribution-NonCommercial)",
    "BY-ND": "CC BY-ND (Attribution-NoDerivatives)",
    "BY-NC-SA": "CC BY-NC-SA (Attribution-NonCommercial-ShareAlike)",
    "BY-NC-ND": "CC BY-NC-ND (Attribution-NonCommercial-NoDerivatives)",
}
VERSIONS = ("1.0", "2.0", "2.5", "3.0", "4.0")
USES = {
    "share": "Copy and share it as is (class handout, LMS, school website)",
    "adapt": "Adapt or remix it and share the result",
    "commercial": "Use it commercially (sold, or in a paid product or service)",
    "relicense": "Share an adaptation under a different licence",
}


def licence_url(licence: str, version: str) -> str:
    if licence == "CC0":
        return "https://creativecommons.org/publicdomain/zero/1.0/"
    return f"https://creativecommons.org/licenses/{licence.lower()}/{version}/"


def licence_name(licence: str, version: str) -> str:
    return "CC0 1.0" if licence == "CC0" else f"CC {licence} {version}"


@dataclass
class CCInputs:
    licence: str
    version: str
    use: str
    title: str = ""
    author: str = ""
    source_url: str = ""
    adapted: bool = False


def decide(licence: str, version: str, use: str) -> tuple[str, list[str], list[str]]:
    """(outcome, rule IDs, reasons) for one licence and one intended use."""
    if licence == "CC0":
        return ALLOWED, ["CC0"], ["CC0 puts no conditions on any use."]
    parts = set(licence.split("-"))
    rules, reasons, outcome = ["CC-BY"], ["Attribution is required for every use."], ALLOWED
    if use == "commercial" and "NC" in parts:
        rules.append("CC-NC")
        return NOT_ALLOWED, rules, reasons + ["NC forbids uses primarily for commercial advantage or payment."]
    if use in ("adapt", "relicense") and "ND" in parts:
        rules.append("CC-ND")
        private = " (4.0 lets you adapt it for yourself, but not share the adaptation)" if version == "4.0" else ""
        return NOT_ALLOWED, rules, reasons + [f"ND forbids sharing adaptations{private}."]
    if "SA" in parts and use in ("adapt", "relicense"):
        rules.append("CC-SA")
        if use == "relicense":
            return NOT_ALLOWED, rules, reasons + [f"SA: the adaptation must carry {licence_name(licence, version)} "
                                                  "(or a later version, or a licence CC lists as compatible), not a different licence."]
        outcome = CONDITIONAL
        reasons.append(f"SA: share the adaptation under {licence_name(licence, version)} or a compatible licence.")
    if "NC" in parts:
        rules.append("CC-NC")
        outcome = CONDITIONAL
        reasons.append("NC: allowed for non-commercial use, which ordinary teaching in a public school is.")
    if use == "relicense" and parts == {"BY"}:
        reasons.append("BY: you may license your adaptation under other terms, but the original's credit and licence stay with it.")
    return outcome, rules, reasons


def attribution(i: CCInputs) -> dict[str, str]:
    name, url = licence_name(i.licence, i.version), licence_url(i.licence, i.version)
    work = (f'"{i.title}"' if i.title else "This work") + (f" by {i.author}" if i.author else "")
    if i.adapted:
        text = f"Adapted from {work}, used under {name} ({url})."
    else:
        text = f"{work} is {'marked with' if i.licence == 'CC0' else 'licensed under'} {name} ({url})."
    if i.source_url:
        text += f" Source: {i.source_url}"
    return {"text": text, "title": i.title, "author": i.author, "source_url": i.source_url,
            "licence_name": name, "licence_url": url}


def check(i: CCInputs) -> Result:
    outcome, rules, reasons = decide(i.licence, i.version, i.use)
    result = Result(outcome=outcome, headline="", articles=list(ARTICLES))
    for rule_id in rules:
        result.add(rule_id)
    result.trace.extend(reasons)
    result.add("CC-ATTR", "Attribution: title, author, source and licence, with links (TASL).")
    result.add("CC-FAIR", "Whatever the licence says, fair use still applies.")
    if i.version != "4.0" and i.licence != "CC0":
        result.add("CC-VERSION")
        result.warnings.append(f"Version {i.version}: check the original's notice for the exact attribution it asks for.")
    if outcome == NOT_ALLOWED:
        result.headline = f"Not allowed under {licence_name(i.licence, i.version)}: {reasons[-1]} Ask the author for permission, or analyse fair use."
    elif outcome == CONDITIONAL:
        result.headline = f"Allowed under {licence_name(i.licence, i.version)} with conditions: " + " ".join(reasons[1:])
    else:
        result.headline = f"Allowed under {licence_name(i.licence, i.version)}" + (" with attribution." if i.licence != "CC0" else ".")
    result.details["attribution"] = attribution(i)
    return result
