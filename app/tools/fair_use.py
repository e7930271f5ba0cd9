"""Fair-use analyzer: the four factors of 17 U.S.C. § 107 with the Crews/Columbia checklist items
(domain/copyright.md section 2) and the ALA Fair Use Evaluator's additions.

No averaging and no scores: each factor's balance comes from the considerations ticked (rows
F-BAL-*), red flags are named (rows F-FLAG-*), and the risk band comes from explicit rules
(rows F-RISK-*, first match wins). Factors 1 and 4 carry the most weight (Warhol, 2023).
"""
from dataclasses import dataclass, field

from app.tools.result import HIGH, LOW, REVIEW, Result, RuleRow, rule_table

TOOL = "fair-use"
RULES_VERSION = "2026.1"
TITLE = "Fair-use analyzer"

FACTORS = {
    "purpose": "Factor 1: purpose and character of the use",
    "nature": "Factor 2: nature of the copyrighted work",
    "amount": "Factor 3: amount and substantiality of the portion used",
    "effect": "Factor 4: effect on the market for the work",
}

# (key, label) pairs. Crews & Buttler (2008) with the ALA Evaluator's additions (marked ALA).
FAVORING = {
    "purpose": {
        "teaching": "Teaching (including multiple copies for classroom use)",
        "research": "Research or scholarship",
        "nonprofit": "Nonprofit educational institution",
        "criticism": "Criticism, comment or news reporting",
        "transformative": "Transformative or productive use (new purpose or meaning)",
        "restricted": "Access restricted to students or other appropriate group",
        "parody": "Parody",
        "one_time": "One-time, spontaneous use (ALA)",
    },
    "nature": {
        "published": "Published work",
        "factual": "Factual or nonfiction work",
        "important": "Important to the educational objectives",
    },
    "amount": {
        "small": "Small quantity",
        "not_central": "Portion used is not central or significant to the entire work",
        "suited": "Amount is appropriate for the educational purpose",
        "within_guidelines": "Within the negotiated classroom guidelines (ALA)",
    },
    "effect": {
        "lawful_copy": "User owns a lawfully acquired or purchased copy",
        "few_copies": "One or few copies made",
        "no_market_effect": "No significant effect on the market or potential market",
        "no_similar_product": "No similar product marketed by the copyright holder",
        "no_licensing": "Lack of a licensing mechanism",
        "owner_unfindable": "The rights holder cannot be found (ALA)",
        "controls": "Controls limit further copying or distribution (ALA)",
    },
}
OPPOSING = {
    "purpose": {
        "commercial": "Commercial activity",
        "profit": "Profiting from the use",
        "entertainment": "Entertainment",
        "bad_faith": "Bad-faith behaviour",
        "no_credit": "Denying credit to the original author",
        "systematic": "Systematic or repeated use (ALA)",
    },
    "nature": {
        "unpublished": "Unpublished work",
        "creative": "Highly creative work (art, music, novels, films, plays)",
        "fiction": "Fiction",
        "consumable": "A consumable: workbook, test, exercise (ALA)",
    },
    "amount": {
        "large": "Large portion or whole work used",
        "heart": "Portion used is central to the work or its 'heart'",
        "beyond_guidelines": "Beyond the negotiated guidelines (ALA)",
    },
    "effect": {
        "replaces_sale": "Could replace the sale of a copy",
        "impairs_market": "Significantly impairs the market or a potential (derivative) market",
        "licensing_available": "Reasonably available licensing mechanism for the use",
        "affordable_permission": "Affordable permission available",
        "numerous_copies": "Numerous copies made",
        "public_web": "Posted on the web or in another public forum",
        "long_term": "Repeated or long-term use",
    },
}

RED_FLAGS = {
    "consumable": "The work is a consumable (workbook, worksheet, test, exercise).",
    "whole_in_print": "The whole work is used, and it is in print and can be bought or licensed.",
    "open_web": "The copy will be posted on the open web (not behind a class login).",
    "repeated": "The same item is used again term after term.",
    "unlawful_copy": "The source copy was not lawfully made or acquired.",
    "permission_refused": "Permission was asked for and refused.",
}
SERIOUS_FLAGS = ("unlawful_copy", "permission_refused")

FAVORS, AGAINST, MIXED = "favors", "against", "mixed"
BALANCE_LABELS = {FAVORS: "Favours fair use", AGAINST: "Weighs against fair use", MIXED: "Mixed: your rationale decides"}

CREWS = "Crews & Buttler, Fair Use Checklist (2008)"
RULES = rule_table(
    RuleRow("F-BAL-1", "A factor with only favouring considerations ticked favours fair use.", CREWS),
    RuleRow("F-BAL-2", "A factor with only opposing considerations ticked weighs against fair use.", CREWS),
    RuleRow("F-BAL-3", "A factor with considerations on both sides is mixed: the written rationale decides, and the officer should read it.", CREWS),
    RuleRow("F-FLAG-consumable", RED_FLAGS["consumable"], "H.R. Rep. 94-1476 at 68-71 (classroom guidelines, prohibitions)"),
    RuleRow("F-FLAG-whole_in_print", RED_FLAGS["whole_in_print"], "17 U.S.C. § 107(3), (4); Cambridge Univ. Press v. Patton, 769 F.3d 1232"),
    RuleRow("F-FLAG-open_web", RED_FLAGS["open_web"], CREWS),
    RuleRow("F-FLAG-repeated", RED_FLAGS["repeated"], "H.R. Rep. 94-1476 at 68-71 (classroom guidelines, prohibitions)"),
    RuleRow("F-FLAG-unlawful_copy", RED_FLAGS["unlawful_copy"], "ALA Fair Use Evaluator"),
    RuleRow("F-FLAG-permission_refused", RED_FLAGS["permission_refused"], "ALA Fair Use Evaluator"),
    RuleRow("F-RISK-H1", "High: the source copy was not lawfully made, or permission was refused.", "RightsDesk rule"),
    RuleRow("F-RISK-H2", "High: factors 1 and 4 both weigh against fair use.", "RightsDesk rule (Warhol: factors 1 and 4 weigh most)"),
    RuleRow("F-RISK-H3", "High: three or more factors weigh against fair use.", "RightsDesk rule"),
    RuleRow("F-RISK-R1", "Needs review: any other red flag is raised.", "RightsDesk rule"),
    RuleRow("F-RISK-R2", "Needs review: factor 1 or factor 4 is mixed or weighs against fair use.", "RightsDesk rule"),
    RuleRow("F-RISK-R3", "Needs review: any factor weighs against fair use, or two or more are mixed.", "RightsDesk rule"),
    RuleRow("F-RISK-L1", "Low: factors 1 and 4 favour fair use, no factor weighs against it, at most one is mixed, no red flags.", "RightsDesk rule"),
    RuleRow("F-504", "A reasoned, dated record made at the time supports the good-faith belief that § 504(c)(2) asks for.", "17 U.S.C. § 504(c)(2)"),
)

ARTICLES = ["fair-use/four-factors", "fair-use/transformative-use-warhol", "fair-use/documenting-fair-use",
            "fair-use/classroom-copying-guidelines"]

GOOD_FAITH = (
    "I made this analysis at the time of the decision, considering each of the four factors of 17 U.S.C. § 107 "
    "as they apply to this use and recording my reasons. I believe, and have reasonable grounds for believing, that "
    "the use is a fair use. This record is kept as evidence of that belief: under 17 U.S.C. § 504(c)(2) a court shall "
    "remit statutory damages when an employee of a nonprofit educational institution or library, acting within the "
    "scope of employment, reproduced a work believing on reasonable grounds that the use was fair. It is not a "
    "guarantee, does not cover actual damages or injunctions, and should be reviewed again before the use is repeated."
)


@dataclass
class FairUseInputs:
    use_description: str
    favoring: dict[str, list[str]] = field(default_factory=dict)   # factor -> keys
    opposing: dict[str, list[str]] = field(default_factory=dict)
    rationale: dict[str, str] = field(default_factory=dict)
    red_flags: list[str] = field(default_factory=list)


def factor_balance(favoring: list[str], opposing: list[str]) -> tuple[str, str]:
    """The balance of one factor and the rule row that decided it."""
    if favoring and not opposing:
        return FAVORS, "F-BAL-1"
    if opposing and not favoring:
        return AGAINST, "F-BAL-2"
    return MIXED, "F-BAL-3"


def risk_band(balances: dict[str, str], red_flags: list[str]) -> tuple[str, str]:
    against = [f for f, b in balances.items() if b == AGAINST]
    mixed = [f for f, b in balances.items() if b == MIXED]
    if any(flag in SERIOUS_FLAGS for flag in red_flags):
        return HIGH, "F-RISK-H1"
    if balances["purpose"] == AGAINST and balances["effect"] == AGAINST:
        return HIGH, "F-RISK-H2"
    if len(against) >= 3:
        return HIGH, "F-RISK-H3"
    if red_flags:
        return REVIEW, "F-RISK-R1"
    if balances["purpose"] != FAVORS or balances["effect"] != FAVORS:
        return REVIEW, "F-RISK-R2"
    if against or len(mixed) >= 2:
        return REVIEW, "F-RISK-R3"
    return LOW, "F-RISK-L1"


def analyze(inputs: FairUseInputs) -> Result:
    result = Result(outcome=REVIEW, headline="", articles=list(ARTICLES))
    factors = []
    balances = {}
    for key, label in FACTORS.items():
        fav = [k for k in inputs.favoring.get(key, []) if k in FAVORING[key]]
        opp = [k for k in inputs.opposing.get(key, []) if k in OPPOSING[key]]
        balance, row = factor_balance(fav, opp)
        balances[key] = balance
        result.add(row, f"{label}: {len(fav)} consideration(s) for, {len(opp)} against: {BALANCE_LABELS[balance].lower()}.")
        factors.append({
            "key": key, "label": label, "balance": balance, "balance_label": BALANCE_LABELS[balance],
            "favoring": [FAVORING[key][k] for k in fav], "opposing": [OPPOSING[key][k] for k in opp],
            "rationale": inputs.rationale.get(key, ""),
        })
    flags = [f for f in RED_FLAGS if f in inputs.red_flags]
    for flag in flags:
        result.add(f"F-FLAG-{flag}", f"Red flag: {RED_FLAGS[flag]}")
        result.warnings.append(RED_FLAGS[flag])
    band, row = risk_band(balances, flags)
    result.add(row, f"Risk band: {RULES[row].text}")
    result.add("F-504")
    result.outcome = band
    result.headline = {
        LOW: "Low risk: the factors that weigh most favour fair use and nothing raises a red flag.",
        REVIEW: "Needs review: ask the copyright officer to read your reasons before relying on fair use.",
        HIGH: "High risk: do not rely on fair use without the copyright officer; consider permission, a licence or another source.",
    }[band]
    result.details.update(factors=factors, red_flags=[RED_FLAGS[f] for f in flags], good_faith_statement=GOOD_FAITH,
                          use_description=inputs.use_description)
    result.trace.append("No averaging: the four factors are weighed together, with factors 1 and 4 weighed most "
                        "(Andy Warhol Foundation v. Goldsmith, 598 U.S. 508 (2023)).")
    return result
