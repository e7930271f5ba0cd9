"""Shared shapes for every decision tool: rule rows, checks and the Result a tool returns.

A tool module is pure: it takes validated inputs and returns a Result. Nothing here touches
Flask or the database, so the rules can be tested row by row.
"""
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

# Outcomes shared across tools; each tool uses the subset it needs.
PUBLIC_DOMAIN = "public_domain"
PROTECTED = "protected"
UNDETERMINED = "undetermined"
ALLOWED = "allowed"
NOT_ALLOWED = "not_allowed"
CONDITIONAL = "conditional"
EXEMPT = "exempt"
LICENSED = "licensed"
NEEDS_PERMISSION = "needs_permission"
WITHIN = "within_guidelines"
OUTSIDE = "outside_guidelines"
LOW, REVIEW, HIGH = "low", "needs_review", "high"

OUTCOME_LABELS = {
    PUBLIC_DOMAIN: "Public domain",
    PROTECTED: "Still protected",
    UNDETERMINED: "Undetermined: a fact is missing",
    ALLOWED: "Allowed",
    NOT_ALLOWED: "Not allowed",
    CONDITIONAL: "Allowed only if the conditions below hold",
    EXEMPT: "Exempt",
    LICENSED: "Covered by a licence",
    NEEDS_PERMISSION: "Needs permission or another route",
    WITHIN: "Within the guidelines (safe harbour)",
    OUTSIDE: "Outside the guidelines",
    LOW: "Low risk",
    REVIEW: "Needs review by the copyright officer",
    HIGH: "High risk",
}


@dataclass(frozen=True)
class RuleRow:
    """One row of a tool's rule table: an ID that appears in records, what it says, where it comes from."""

    id: str
    text: str
    source: str = ""


def rule_table(*rows: RuleRow) -> dict[str, RuleRow]:
    table = {row.id: row for row in rows}
    if len(table) != len(rows):
        raise ValueError("Duplicate rule ID in a tool's rule table.")
    return table


@dataclass
class Check:
    """One condition of a checklist: passed True/False, or None when the answer is not known."""

    rule_id: str
    label: str
    passed: bool | None
    detail: str = ""


@dataclass
class Result:
    outcome: str
    headline: str
    rule_ids: list[str] = field(default_factory=list)
    trace: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)  # "collection/slug"
    warnings: list[str] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)

    def add(self, rule_id: str, step: str | None = None) -> None:
        if rule_id not in self.rule_ids:
            self.rule_ids.append(rule_id)
        if step:
            self.trace.append(step)

    def check(self, rule_id: str, label: str, passed: bool | None, detail: str = "") -> bool | None:
        self.checks.append(Check(rule_id, label, passed, detail))
        if rule_id not in self.rule_ids:
            self.rule_ids.append(rule_id)
        return passed

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS.get(self.outcome, self.outcome)

    @property
    def failed_checks(self) -> list[Check]:
        return [c for c in self.checks if c.passed is False]

    @property
    def unknown_checks(self) -> list[Check]:
        return [c for c in self.checks if c.passed is None]

    def to_dict(self) -> dict[str, Any]:
        return jsonable(asdict(self))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Result":
        data = dict(data)
        data["checks"] = [Check(**c) for c in data.get("checks", [])]
        return cls(**data)


def jsonable(value: Any) -> Any:
    """Dates become ISO strings; containers are walked; everything else is left alone."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    return value


def yes_no_unknown(value: str | bool | None) -> bool | None:
    """'yes' -> True, 'no' -> False, anything else (including 'unknown') -> None."""
    if isinstance(value, bool) or value is None:
        return value
    return {"yes": True, "no": False}.get(value)
