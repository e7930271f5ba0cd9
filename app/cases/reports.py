"""Read-only reports over the case tracker: the public register of reconsideration decisions and
the officer's challenge report for the board and national reporting (ALA OIF, PEN America).

Pure query functions: explicit arguments in, plain dataclasses out; no request or current_user.

Privacy (DESIGN.md "Privacy"): the public register selects only public columns (material title,
author, format, campus, dates, status, outcome) and returns `PublicDecision` rows, never Case
objects, so a template cannot reach the requester, the submitter, the committee or any text a
user wrote (concerns, rationale, description may identify people or students). The officer
report gives counts and durations only, never a name or free text.
"""
from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.cases import policies
from app.cases.schooldays import school_year_bounds, school_year_label, school_year_of  # noqa: F401 (used by views)
from app.cases.services import INCIDENT_TYPES, QUESTION_TOPICS, STANDARDS, Page, _csv_safe, _row_id, profile_for, today
from app.extensions import db
from app.models import Campus
from app.models.case import DECISION_OUTCOMES, MATERIAL_FORMATS, OUTCOMES, Case, CaseKind, Decision, Material

DISTRICT_WIDE = "District-wide"


# --- school years (1 July - 30 June; helpers shared with the calendar in schooldays.py) ------------
def school_year_choices(on: date | None = None, back: int = 10) -> list[tuple[int, str]]:
    current = school_year_of(on or today())
    return [(year, school_year_label(year)) for year in range(current, current - back, -1)]


def _as_date(value) -> date | None:
    if not value:
        return None
    try:
        return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def received_on(case_milestones: dict | None, opened_at: datetime) -> date:
    """The day the signed request arrived (the clocks' start), else the day it was entered."""
    return _as_date((case_milestones or {}).get("received")) or opened_at.date()


# --- the public register ----------------------------------------------------------------------------
@dataclass(frozen=True)
class PublicFilters:
    outcome: str = ""
    campus: str = ""        # "", "district" (district-wide decisions) or a campus id
    year: int | None = None  # school year the decision was made in
    sort: str = "newest"     # newest | oldest (by decision date)


@dataclass(frozen=True)
class PublicDecision:
    """One row of the public register: nothing here names or describes a person."""
    title: str
    author: str
    format: str
    campus: str
    received_on: date
    status: str
    outcome: str
    decided_on: date
    appeal_open: bool


PUBLIC_COLUMNS = ["Title", "Author", "Format", "Campus", "Date received", "Status", "Outcome",
                  "Decision date", "Appeal open"]


def _latest_decision_ids():
    return (sa.select(sa.func.max(Decision.id).label("decision_id"))
            .group_by(Decision.case_id).subquery())


def _public_query(filters: PublicFilters):
    latest = _latest_decision_ids()
    # Only public columns are selected: a row cannot carry identity or free text by accident.
    query = (sa.select(Case.status, Case.policy_key, Case.policy_version, Case.milestones, Case.opened_at,
                       Material.title, Material.author, Material.format, Campus.name.label("campus_name"),
                       Decision.outcome, Decision.scope, Decision.decided_on)
             .join(Decision, Decision.case_id == Case.id)
             .join(latest, latest.c.decision_id == Decision.id)
             .join(Material, Material.id == Case.material_id)
             .outerjoin(Campus, Campus.id == Case.campus_id)
             .where(Case.kind == CaseKind.RECONSIDERATION.value))
    if filters.outcome in DECISION_OUTCOMES:
        query = query.where(Decision.outcome == filters.outcome)
    if filters.campus == "district":
        query = query.where(Decision.scope == "district")
    elif _row_id(filters.campus) is not None:
        query = query.where(Decision.scope != "district", Case.campus_id == _row_id(filters.campus))
    if filters.year is not None:
        start, end = school_year_bounds(filters.year)
        query = query.where(Decision.decided_on >= start, Decision.decided_on <= end)
    if filters.sort == "oldest":
        return query.order_by(Decision.decided_on.asc(), Case.id.asc())
    return query.order_by(Decision.decided_on.desc(), Case.id.desc())


def _public_row(row) -> PublicDecision:
    profile = policies.get_profile(row.policy_key, row.policy_version)
    return PublicDecision(
        title=row.title, author=row.author or "", format=MATERIAL_FORMATS.get(row.format, row.format),
        campus=DISTRICT_WIDE if row.scope == "district" else (row.campus_name or ""),
        received_on=received_on(row.milestones, row.opened_at), status=profile.state(row.status).label,
        outcome=OUTCOMES.get(row.outcome, row.outcome), decided_on=row.decided_on,
        appeal_open=row.status in profile.appeal_path,
    )


def public_decisions_page(filters: PublicFilters, page: int = 1, per_page: int = 25) -> Page:
    query = _public_query(filters)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.order_by(None).subquery()))
    page = max(1, min(page, max(1, -(-total // per_page))))
    rows = db.session.execute(query.limit(per_page).offset((page - 1) * per_page))
    return Page([_public_row(row) for row in rows], page, per_page, total)


def public_decision_rows(filters: PublicFilters):
    """CSV rows (header first) with exactly the register's public columns."""
    yield PUBLIC_COLUMNS
    for row in db.session.execute(_public_query(filters)):
        item = _public_row(row)
        yield [_csv_safe(v) for v in (item.title, item.author, item.format, item.campus,
                                      item.received_on.isoformat(), item.status, item.outcome,
                                      item.decided_on.isoformat(), "yes" if item.appeal_open else "no")]


def public_campus_choices() -> list[tuple[str, str]]:
    """Campuses that appear in the register, plus district-wide."""
    names = db.session.execute(
        sa.select(Campus.id, Campus.name).where(
            Campus.id.in_(sa.select(Case.campus_id).join(Decision, Decision.case_id == Case.id)
                          .where(Case.kind == CaseKind.RECONSIDERATION.value)))
        .order_by(Campus.name))
    return [("district", DISTRICT_WIDE)] + [(str(cid), name) for cid, name in names]


# --- the officer's challenge report ----------------------------------------------------------------
# Requester roles grouped into the categories a board report (and ALA's "initiator") uses.
ROLE_CATEGORIES = {"parent": "Parent or guardian", "resident": "District resident", "staff": "District staff",
                   "student": "Student", "organisation": "Organisation or group", "other": "Other or not given"}
_ROLE_TO_CATEGORY = {"parent": "parent", "parental_relation": "parent", "resident": "resident",
                     "employee": "staff", "student": "student"}


def role_category(role: str, relationship: str) -> str:
    if relationship == "organization":
        return "organisation"
    return _ROLE_TO_CATEGORY.get(role, "other")


@dataclass
class DeadlineTally:
    label: str
    met: int = 0
    missed: int = 0
    open: int = 0  # running (pending, or missed and still not met) or not started


@dataclass
class ChallengeReport:
    start: date
    end: date
    on: date
    requests: int = 0
    by_outcome: list[tuple[str, int]] = field(default_factory=list)
    by_campus: list[tuple[str, int]] = field(default_factory=list)
    by_format: list[tuple[str, int]] = field(default_factory=list)
    by_requester: list[tuple[str, int]] = field(default_factory=list)
    by_reason: list[tuple[str, int]] = field(default_factory=list)
    decided: int = 0
    median_days_to_decision: float | None = None
    max_days_to_decision: int | None = None
    decision_deadline: DeadlineTally = field(default_factory=lambda: DeadlineTally("Decision deadline"))
    no_decision_deadline: int = 0  # requests under a profile without a decision deadline
    deadlines: list[DeadlineTally] = field(default_factory=list)
    questions: int = 0
    questions_by_topic: list[tuple[str, int, float | None]] = field(default_factory=list)
    median_days_to_answer: float | None = None
    incidents: int = 0
    incidents_by_kind: list[tuple[str, int]] = field(default_factory=list)


def _sorted_counts(counter: Counter, labels: dict | None = None) -> list[tuple[str, int]]:
    """(label, count) by count then label; with `labels`, every known key appears, even at 0."""
    keys = list(labels) if labels else []
    keys += [k for k in counter if k not in keys]
    rows = [((labels or {}).get(k, k), counter.get(k, 0)) for k in keys]
    return sorted(rows, key=lambda r: (-r[1], r[0]))


def _median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def _cases_received(kind: CaseKind, start: date, end: date) -> list[Case]:
    """Cases of `kind` received between start and end (inclusive). The received date can be earlier
    than the day of entry but never later, so the SQL bound on opened_at is safe; the rest of the
    filter runs in Python because the date sits in a JSON column."""
    opened_from = datetime.combine(start, time.min, tzinfo=timezone.utc)
    cases = db.session.scalars(
        sa.select(Case).where(Case.kind == kind.value, Case.opened_at >= opened_from).order_by(Case.id)
        .options(so.joinedload(Case.campus), so.joinedload(Case.material), so.selectinload(Case.decisions)))
    return [c for c in cases if start <= received_on(c.milestones, c.opened_at) <= end]


def challenge_report(start: date, end: date, on: date | None = None) -> ChallengeReport:
    """Counts for requests, questions and incidents received between start and end (inclusive).
    Deadline statuses are the ones the case page shows (policies.deadline_statuses) as of `on`."""
    on = on or today()
    report = ChallengeReport(start=start, end=end, on=on)
    outcome, campus, fmt, requester, reason = Counter(), Counter(), Counter(), Counter(), Counter()
    days_to_decision: list[int] = []
    deadlines: dict[str, DeadlineTally] = {}
    for case in _cases_received(CaseKind.RECONSIDERATION, start, end):
        report.requests += 1
        outcome[case.outcome or "pending"] += 1
        campus[case.campus.name if case.campus else "No campus"] += 1
        fmt[case.material.format if case.material else "other"] += 1
        requester[role_category(case.requester_role, case.requester_relationship)] += 1
        reason[(case.details or {}).get("standard") or "none"] += 1
        if case.decisions:  # the first decision: appeals are reported by their outcome, not here
            report.decided += 1
            days_to_decision.append((case.decisions[0].decided_on - received_on(case.milestones, case.opened_at)).days)
        profile = profile_for(case)
        has_decision_deadline = False
        for status in policies.deadline_statuses(profile, case.milestones or {}, on):
            tally = deadlines.setdefault(status.deadline.label, DeadlineTally(status.deadline.label))
            targets = [tally]
            if status.deadline.met_by == "decided":
                has_decision_deadline = True
                targets.append(report.decision_deadline)
            for t in targets:
                if status.status == "met":
                    t.met += 1
                elif status.status == "missed":  # met late, or overdue and still not met
                    t.missed += 1
                else:
                    t.open += 1
        if not has_decision_deadline:
            report.no_decision_deadline += 1
    # Every decision outcome and "pending" always shows (a board reads zeros too); the rest when used.
    always = {OUTCOMES[k] for k in ("pending", *DECISION_OUTCOMES)}
    report.by_outcome = [row for row in _sorted_counts(outcome, OUTCOMES) if row[1] or row[0] in always]
    report.by_campus = _sorted_counts(campus)
    report.by_format = _sorted_counts(fmt, MATERIAL_FORMATS)
    report.by_requester = _sorted_counts(requester, ROLE_CATEGORIES)
    report.by_reason = _sorted_counts(reason, STANDARDS | {"none": "None given"})
    report.median_days_to_decision = _median(days_to_decision)
    report.max_days_to_decision = max(days_to_decision) if days_to_decision else None
    report.deadlines = list(deadlines.values())

    questions = _cases_received(CaseKind.QUESTION, start, end)
    report.questions = len(questions)
    days_by_topic: dict[str, list[int]] = {}
    all_days: list[int] = []
    topics = Counter()
    for case in questions:
        topics[case.category] += 1
        answered = _as_date((case.milestones or {}).get("answered"))
        if answered:
            days = (answered - received_on(case.milestones, case.opened_at)).days
            days_by_topic.setdefault(case.category, []).append(days)
            all_days.append(days)
    labels = QUESTION_TOPICS
    report.questions_by_topic = [
        (labels.get(key, key), topics.get(key, 0), _median(days_by_topic.get(key, [])))
        for key in list(labels) + [k for k in topics if k not in labels]]
    report.median_days_to_answer = _median(all_days)

    incidents = _cases_received(CaseKind.INCIDENT, start, end)
    report.incidents = len(incidents)
    report.incidents_by_kind = _sorted_counts(Counter(c.category for c in incidents), INCIDENT_TYPES)
    return report


def _days(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def report_rows(report: ChallengeReport):
    """The report as CSV rows (section, item, value), header first."""
    yield ["section", "item", "value"]
    yield ["period", "from", report.start.isoformat()]
    yield ["period", "to", report.end.isoformat()]
    yield ["period", "deadline status as of", report.on.isoformat()]
    yield ["reconsideration", "requests received", str(report.requests)]
    for section, rows in (("outcome", report.by_outcome), ("campus", report.by_campus),
                          ("format", report.by_format), ("requester", report.by_requester),
                          ("reason", report.by_reason)):
        for label, count in rows:
            yield [_csv_safe(section), _csv_safe(label), str(count)]
    yield ["decision time", "decided", str(report.decided)]
    yield ["decision time", "median days from receipt to decision", _days(report.median_days_to_decision)]
    yield ["decision time", "max days from receipt to decision", _days(report.max_days_to_decision)]
    yield ["decision deadline", "met", str(report.decision_deadline.met)]
    yield ["decision deadline", "missed", str(report.decision_deadline.missed)]
    yield ["decision deadline", "open or not started", str(report.decision_deadline.open)]
    yield ["decision deadline", "no decision deadline in policy", str(report.no_decision_deadline)]
    for tally in report.deadlines:
        for name in ("met", "missed", "open"):
            yield [_csv_safe(f"deadline: {tally.label}"), name, str(getattr(tally, name))]
    yield ["questions", "received", str(report.questions)]
    for label, count, median in report.questions_by_topic:
        yield ["questions by topic", _csv_safe(label), str(count)]
        yield ["median days to answer by topic", _csv_safe(label), _days(median)]
    yield ["questions", "median days to answer", _days(report.median_days_to_answer)]
    yield ["incidents", "logged", str(report.incidents)]
    for label, count in report.incidents_by_kind:
        yield ["incidents by kind", _csv_safe(label), str(count)]
