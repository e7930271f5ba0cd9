"""Every change to a case: one function per use case, one transaction, one or more history events.

Services take the acting user explicitly, check permission and the case's policy profile, write
the change together with its CaseEvent(s) and commit once. They raise CaseError (with an optional
form field) for anything the user should be told; the view shows it next to the form. Edits carry
the case version they were loaded at: a mismatch, or a concurrent commit caught by SQLAlchemy's
version counter (StaleDataError), raises CaseConflict and nothing is written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timezone

import sqlalchemy as sa
import sqlalchemy.orm as so
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import NotFound

from app.auth.permissions import can
from app.cases import access, policies
from app.cases.fulltext import REFERENCE, matching_case_ids
from app.extensions import db
from app.models import Campus, User
from app.models.case import (
    ACCESS_STATUSES, DECISION_OUTCOMES, MATERIAL_FORMATS, OUTCOMES, Case, CaseArticle, CaseEvent, CaseKind, CaseSequence,
    CommitteeMember, Decision, Material, Visibility, material_key, normalize_isbn,
)

# --- vocabularies used by forms, services and templates ----------------------------------------
REQUESTER_ROLES = {
    "parent": "Parent or guardian of an enrolled student",
    "parental_relation": "Person standing in parental relation",
    "employee": "District employee",
    "resident": "District resident",
    "student": "Student",
    "other": "Other",
}
STANDARDS = {
    "harmful": "Harmful material (TX Penal Code 43.24)",
    "indecent": "Indecent content",
    "profane": "Profane content",
    "sexually_explicit": "Sexually explicit",
    "pervasively_vulgar": "Pervasively vulgar",
    "educationally_unsuitable": "Educationally unsuitable",
    "age_inappropriate": "Inappropriate to the age, maturity or grade level",
    "other": "Other (explain below)",
}
ACTIONS_REQUESTED = {
    "remove": "Remove", "restrict": "Restrict (e.g. written parental permission)",
    "relocate": "Relocate or reclassify", "label": "Label", "other": "Other",
}
QUESTION_TOPICS = {
    "copyright": "Copyright", "fair_use": "Fair use", "performance": "Performance (films, music, plays)",
    "acceptable_use": "Acceptable use", "privacy": "Privacy", "other": "Other",
}
INCIDENT_TYPES = {
    "censorship": "Censorship incident",
    "infringement_notice": "Infringement notice received",
    "acceptable_use": "Acceptable-use issue",
}
DECISION_SCOPES = {"campus": "This campus", "district": "The whole district"}
VOTES = {k: OUTCOMES[k] for k in DECISION_OUTCOMES}
# Fields that identify the requester or a student: redacted for everyone without cases.see_identity.
IDENTITY_FIELDS = ("requester_name", "requester_contact", "requester_organization", "student")
REDACTED = "[redacted]"
# Access status after a decision, by outcome.
ACCESS_AFTER = {
    "retained": "available", "labeled": "available", "retained_with_restriction": "restricted",
    "relocated_reclassified": "relocated", "removed_campus": "removed", "removed_district": "removed",
    "withdrawn_by_requester": "available",
}


class CaseError(Exception):
    """Something the user should be told; `field` names the form field it belongs to, if any."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class CaseConflict(CaseError):
    def __init__(self, message: str = "This case was changed by someone else while you were editing. "
                                      "Here is its current state; your entries are kept below. "
                                      "Check them and submit again."):
        super().__init__(message)


class RechallengeBarred(CaseError):
    def __init__(self, message: str, until: date):
        super().__init__(message, "override_reason")
        self.until = until


class RationaleWarning(CaseError):
    """Not an error: the rationale needs a confirm step."""


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def today() -> date:
    return utcnow().date()


def reconsideration_profile_key() -> str:
    from flask import current_app, has_app_context

    return current_app.config.get("CASE_POLICY", "ala") if has_app_context() else "ala"


def profile_for(case: Case) -> policies.Profile:
    return policies.get_profile(case.policy_key, case.policy_version)


# --- small helpers ----------------------------------------------------------------------------
def _event(case: Case, actor: User | None, kind: str, data: dict | None = None,
           visibility: str = Visibility.SHARED.value) -> CaseEvent:
    event = CaseEvent(case=case, actor_id=actor.id if actor else None, kind=kind, data=data or {},
                      visibility=visibility)
    db.session.add(event)
    return event


def _touch(case: Case) -> None:
    """Every change bumps updated_at, so the version counter moves and stale forms are caught."""
    case.updated_at = utcnow()


def _check_version(case: Case, expected_version) -> None:
    if expected_version in (None, ""):
        return
    try:
        expected = int(expected_version)
    except (TypeError, ValueError):
        raise CaseConflict() from None
    if expected != case.version_id:
        raise CaseConflict()


def _commit() -> None:
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise CaseConflict() from None
    except sa.exc.IntegrityError:
        db.session.rollback()
        raise CaseError("Someone saved a conflicting change at the same moment. Please submit again.") from None


def _fail(message: str, field: str | None = None):
    db.session.rollback()
    raise CaseError(message, field)


def _require(user: User, action: str, case: Case | None = None) -> None:
    if not can(user, action, case):
        raise CaseError("You may not do that on this case.")


def _clean(text: str | None, limit: int | None = None) -> str:
    text = (text or "").replace("\x00", "").strip()  # PostgreSQL text cannot hold NUL
    return text[:limit] if limit else text


def _set_milestone(case: Case, name: str | None, on: date) -> None:
    if name:
        milestones = dict(case.milestones or {})
        milestones[name] = on.isoformat()
        case.milestones = milestones  # reassign: JSON columns do not track in-place changes


def _refresh_due(case: Case, on: date) -> None:
    profile = profile_for(case)
    terminal = profile.state(case.status).terminal
    case.next_due_on = None if terminal else policies.next_due(profile, case.milestones or {}, on)


def _next_reference(kind: CaseKind, year: int) -> str:
    """RC-2026-0007: per kind and year. The sequence row is locked (PostgreSQL FOR UPDATE; SQLite
    serialises writers) so two filings never get the same number; a race on the first row of a
    year ends in an IntegrityError, which _commit() reports as "submit again"."""
    prefix = f"{kind.prefix}-{year}-"
    sequence = db.session.get(CaseSequence, prefix, with_for_update=True)
    if sequence is None:
        sequence = CaseSequence(prefix=prefix, last_number=0)
        db.session.add(sequence)
    sequence.last_number += 1
    return f"{prefix}{sequence.last_number:04d}"


def _new_case(actor: User, kind: CaseKind, profile: policies.Profile, *, title: str, campus_id: int | None,
              description: str = "", **fields) -> Case:
    now = utcnow()
    case = Case(
        reference=_next_reference(kind, now.year), kind=kind.value, status=profile.initial_state,
        policy_key=profile.key, policy_version=profile.version, submitter_id=actor.id, title=title,
        campus_id=campus_id, description=description, opened_at=now, updated_at=now,
        milestones={"received": now.date().isoformat()}, **fields,
    )
    db.session.add(case)
    case.next_due_on = policies.next_due(profile, case.milestones, now.date())
    return case


def _parse_date(value) -> date | None:
    if not value:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _check_campus(campus_id: int | None, required: bool = True) -> None:
    if campus_id is None:
        if required:
            _fail("Choose the campus.", "campus_id")
        return
    if db.session.get(Campus, campus_id) is None:
        _fail("That campus does not exist.", "campus_id")


# --- loading cases ----------------------------------------------------------------------------
def _row_id(text) -> int | None:
    """A typed id as an int within PostgreSQL's integer range, else None (ASCII digits only:
    str.isdigit() also accepts "²", which int() rejects)."""
    text = str(text).strip()
    if not re.fullmatch(r"[0-9]{1,10}", text):
        return None
    number = int(text)
    return number if number < 2**31 else None


def get_case(case_id_or_reference) -> Case | None:
    key = str(case_id_or_reference).strip()
    if key.isdigit():
        number = _row_id(key)
        return db.session.get(Case, number) if number is not None else None
    if not REFERENCE.match(key):
        return None
    return db.session.scalar(sa.select(Case).where(Case.reference == key.upper()))


def get_case_for_user(user, case_id) -> Case:
    """The case if `user` may see it; NotFound (404) otherwise, so existence is not revealed."""
    case = get_case(case_id)
    if case is None or not can(user, "cases.view", case):
        raise NotFound()
    return case


# --- materials and earlier challenges -----------------------------------------------------------
def find_material(*, isbn: str = "", title: str = "", author: str = "") -> Material | None:
    """The existing Material for this ISBN, else for this normalised title + author."""
    isbn = normalize_isbn(isbn)
    if isbn:
        found = db.session.scalar(sa.select(Material).where(Material.isbn == isbn).order_by(Material.id).limit(1))
        if found:
            return found
    if title.strip():
        return db.session.scalar(sa.select(Material).where(Material.lookup_key == material_key(title, author))
                                 .order_by(Material.id).limit(1))
    return None


def earlier_challenges(*, isbn: str = "", title: str = "", author: str = "",
                       exclude_case_id: int | None = None) -> list[Case]:
    """Every reconsideration of the same work at any campus, newest first. Matches by ISBN or by
    normalised title + author, so a record with and one without the ISBN still meet."""
    conditions = []
    isbn = normalize_isbn(isbn)
    if isbn:
        conditions.append(Material.isbn == isbn)
    if title.strip():
        conditions.append(Material.lookup_key == material_key(title, author))
    if not conditions:
        return []
    query = (sa.select(Case).join(Case.material)
             .where(Case.kind == CaseKind.RECONSIDERATION.value, sa.or_(*conditions))
             .options(so.selectinload(Case.decisions), so.joinedload(Case.campus),
                      so.selectinload(Case.committee))  # the list checks who may open each case
             .order_by(Case.opened_at.desc()))
    if exclude_case_id:
        query = query.where(Case.id != exclude_case_id)
    return list(db.session.scalars(query).unique())


@dataclass(frozen=True)
class Bar:
    until: date
    case: Case
    confirmed: bool
    note: str


def active_rechallenge_bar(profile: policies.Profile, earlier: list[Case], on: date) -> Bar | None:
    """The latest protection from a repeat challenge still running on `on`, if the profile has one."""
    best = None
    for case in earlier:
        decision = case.latest_decision
        if decision is None:
            continue
        until = decision.rechallenge_barred_until or policies.rechallenge_bar_until(
            profile, decision.outcome, decision.decided_on)
        if until and until > on and (best is None or until > best.until):
            bar = profile.rechallenge_bar
            best = Bar(until, case, bar.confirmed if bar else True, bar.note if bar else "")
    return best


def _get_or_create_material(title: str, author: str, isbn: str, fmt: str) -> Material:
    material = find_material(isbn=isbn, title=title, author=author)
    if material is None:
        material = Material(title=title, author=author, isbn=normalize_isbn(isbn), format=fmt,
                            lookup_key=material_key(title, author))
        db.session.add(material)
    elif not material.isbn and normalize_isbn(isbn):
        material.isbn = normalize_isbn(isbn)  # learn the ISBN the first time someone gives it
    return material


# --- filing --------------------------------------------------------------------------------------
def file_reconsideration(actor: User, *, campus_id: int | None, material: dict, requester: dict, details: dict,
                         override_reason: str = "", on: date | None = None) -> Case:
    """File a formal request for reconsideration of one material.

    If the profile protects a retained title from repeat challenges and that protection is still
    running, filing is refused, unless an officer or admin gives a reason for overriding it; the
    override and its reason are written to the case history.
    """
    on = on or today()
    _require(actor, "cases.file_reconsideration")
    title, author = _clean(material.get("title"), 300), _clean(material.get("author"), 200)
    if not title:
        _fail("Enter the title of the material.", "title")
    fmt = material.get("format") or "book"
    if fmt not in MATERIAL_FORMATS:
        _fail("Choose a resource type.", "format")
    _check_campus(campus_id)
    if not _clean(requester.get("name")):
        _fail("Enter the requester's name.", "requester_name")
    if not _clean(details.get("concerns")):
        _fail("Describe the concerns, with page references where possible.", "concerns")
    profile = policies.get_profile(reconsideration_profile_key())
    earlier = earlier_challenges(isbn=material.get("isbn", ""), title=title, author=author)
    bar = active_rechallenge_bar(profile, earlier, on)
    override_reason = _clean(override_reason, 2000)
    if bar is not None:
        if not can(actor, "cases.override_rechallenge_bar"):
            _fail_bar(bar)
        if not override_reason:
            _fail_bar(bar, officer=True)
    relationship = requester.get("relationship") or "self"
    if relationship == "organization" and not _clean(requester.get("organization")):
        _fail("Enter the name of the organization the requester represents.", "requester_organization")
    material_row = _get_or_create_material(title, author, material.get("isbn", ""), fmt)
    clean_details = {key: _clean(value, 5000) if isinstance(value, str) else value
                     for key, value in details.items()}
    received_on = _parse_date(clean_details.get("received_on"))
    if received_on and received_on > on:
        _fail("The date received cannot be in the future.", "received_on")
    access_status = "restricted_pending_review" if profile.restricts_access else "available"
    case = _new_case(
        actor, CaseKind.RECONSIDERATION, profile, title=f"Reconsideration of “{material_row.title}”",
        campus_id=campus_id,
        description=clean_details.get("concerns", ""), material=material_row,
        requester_name=_clean(requester.get("name"), 200), requester_contact=_clean(requester.get("contact"), 500),
        requester_role=requester.get("role") or "", requester_relationship=relationship,
        requester_organization=_clean(requester.get("organization"), 200) if relationship == "organization" else "",
        access_status=access_status, outcome="pending", details=clean_details,
    )
    if received_on:  # the clocks run from the day the signed form arrived, not from data entry
        _set_milestone(case, "received", received_on)
        case.next_due_on = policies.next_due(profile, case.milestones, on)
    _event(case, actor, "filed", {"status": case.status, "policy": f"{profile.key} {profile.version}",
                                  "earlier_challenges": [c.reference for c in earlier]})
    if profile.restricts_access:
        _event(case, actor, "access_changed", {"old": "available", "new": access_status,
                                               "reason": "The policy restricts student access during review."})
    if bar is not None:
        _event(case, actor, "rechallenge_bar_overridden",
               {"barred_until": bar.until.isoformat(), "earlier_case": bar.case.reference, "reason": override_reason},
               Visibility.INTERNAL.value)
    _commit()
    return case


def _fail_bar(bar: Bar, officer: bool = False):
    db.session.rollback()
    note = "" if bar.confirmed else " (This two-year rule comes from secondary summaries; its exact wording is unconfirmed.)"
    message = (f"This title was retained after challenge {bar.case.reference} and is protected from a repeat "
               f"challenge until {bar.until:%-d %B %Y}.{note} ")
    message += ("To file anyway, give your reason for overriding the protection." if officer
                else "Only the compliance officer can file it before then, with a recorded reason.")
    raise RechallengeBarred(message, bar.until)


def ask_question(actor: User, *, topic: str, subject: str, question: str) -> Case:
    _require(actor, "cases.ask_question")
    if topic not in QUESTION_TOPICS:
        _fail("Choose a topic.", "topic")
    subject, question = _clean(subject, 300), _clean(question, 20000)
    if not subject:
        _fail("Enter a short subject.", "subject")
    if not question:
        _fail("Enter your question.", "question")
    profile = policies.get_profile(policies.SIMPLE_PROFILE)
    case = _new_case(actor, CaseKind.QUESTION, profile, title=subject, description=question,
                     campus_id=actor.campus_id, category=topic)
    _event(case, actor, "filed", {"status": case.status, "topic": topic})
    _commit()
    return case


def log_incident(actor: User, *, incident_type: str, title: str, description: str, campus_id: int | None,
                 occurred_on: date | None = None, material_title: str = "", material_author: str = "") -> Case:
    _require(actor, "cases.log_incident")
    if incident_type not in INCIDENT_TYPES:
        _fail("Choose the kind of incident.", "incident_type")
    title, description = _clean(title, 300), _clean(description, 20000)
    if not title:
        _fail("Enter a short title.", "title")
    if not description:
        _fail("Describe what happened.", "description")
    _check_campus(campus_id, required=False)
    if occurred_on and occurred_on > today():
        _fail("The date it happened cannot be in the future.", "occurred_on")
    material = None
    if _clean(material_title):
        material = _get_or_create_material(_clean(material_title, 300), _clean(material_author, 200), "", "other")
    profile = policies.get_profile(policies.SIMPLE_PROFILE)
    case = _new_case(actor, CaseKind.INCIDENT, profile, title=title, description=description, campus_id=campus_id,
                     category=incident_type, material=material,
                     details={"occurred_on": occurred_on.isoformat()} if occurred_on else {})
    _event(case, actor, "filed", {"status": case.status, "type": incident_type})
    _commit()
    return case


# --- transitions -------------------------------------------------------------------------------
@dataclass(frozen=True)
class NextStep:
    transition: policies.Transition
    blocked: str = ""  # why it cannot be taken yet, or "" if it can


def _blocked_reason(case: Case, transition: policies.Transition, on: date) -> str:
    for requirement in transition.requires:
        if requirement == "committee_complete":
            voting = [m for m in case.committee if m.is_voting]
            if not voting:
                return "Appoint at least one voting committee member first."
            waiting = [m for m in voting if not m.done]
            if waiting:
                return (f"Waiting for {len(waiting)} voting member(s) to attest that they read the whole work "
                        "and to vote.")
        if requirement == "before_appeal_deadline":
            profile = profile_for(case)
            if case.appeal_count >= len(profile.appeal_path):
                return "No further appeal is available under this policy."
            decision = case.latest_decision
            if decision is None or decision.appeal_deadline is None:
                return "There is no decision to appeal."
            if on > decision.appeal_deadline:
                return f"The appeal deadline ({decision.appeal_deadline:%-d %B %Y}) has passed."
    return ""


def next_steps(user, case: Case, on: date | None = None) -> list[NextStep]:
    """Transitions from the case's state that this user's roles allow, with any unmet requirement."""
    on = on or today()
    roles = access.case_roles(user, case)
    return [NextStep(t, _blocked_reason(case, t, on))
            for t in profile_for(case).transitions_from(case.status, case.kind)
            if roles & t.roles]


def _allowed_transition(actor: User, case: Case, name: str, on: date) -> policies.Transition:
    profile = profile_for(case)
    transition = profile.transition(name)
    if transition is None or case.status not in transition.sources or (
            transition.kinds and case.kind not in transition.kinds):
        _fail(f"“{transition.label if transition else name}” is not possible while the case is "
              f"“{profile.state(case.status).label}”. Nothing was changed.")
    if not access.case_roles(actor, case) & transition.roles:
        _fail(f"Your role may not “{transition.label.lower()}” on this case. Nothing was changed.")
    reason = _blocked_reason(case, transition, on)
    if reason:
        _fail(f"{reason} Nothing was changed.")
    return transition


def _apply(case: Case, actor: User, transition: policies.Transition, on: date, extra: dict | None = None,
           target: str | None = None) -> None:
    old = case.status
    case.status = target or transition.target
    _set_milestone(case, transition.marks, on)
    if transition.outcome:
        case.outcome = transition.outcome
        if transition.outcome in ACCESS_AFTER:
            _change_access(case, actor, ACCESS_AFTER[transition.outcome])
    profile = profile_for(case)
    if profile.state(case.status).terminal:
        case.closed_at = utcnow()
    elif case.closed_at is not None:
        case.closed_at = None
    _refresh_due(case, on)
    _touch(case)
    _event(case, actor, "status_changed",
           {"old": old, "new": case.status, "transition": transition.name, **(extra or {})})


def _change_access(case: Case, actor: User, new: str) -> None:
    if case.kind == CaseKind.RECONSIDERATION.value and case.access_status != new:
        _event(case, actor, "access_changed", {"old": case.access_status, "new": new})
        case.access_status = new


def take_transition(actor: User, case: Case, name: str, *, expected_version=None, note: str = "",
                    on: date | None = None) -> Case:
    """A plain step (no form of its own), such as routing to the committee or closing."""
    on = on or today()
    _check_version(case, expected_version)
    transition = _allowed_transition(actor, case, name, on)
    if transition.form:
        _fail(f"“{transition.label}” needs its own form.")
    _apply(case, actor, transition, on, {"note": _clean(note, 2000)} if note.strip() else None)
    _commit()
    return case


# --- assignment and notes ---------------------------------------------------------------------
def assignable_users() -> list[User]:
    return list(db.session.scalars(sa.select(User).where(User.active.is_(True),
                                                         User.role.in_(("officer", "admin", "librarian")))
                                   .order_by(User.name)))


def assign(actor: User, case: Case, assignee_id: int | None, *, expected_version=None) -> Case:
    _require(actor, "cases.manage")
    _check_version(case, expected_version)
    assignee = db.session.get(User, assignee_id) if assignee_id else None
    if assignee_id and (assignee is None or not assignee.active):
        _fail("Choose an active user.", "assignee_id")
    if case.assignee_id == (assignee.id if assignee else None):
        _fail("The case is already assigned to that person.", "assignee_id")
    old = case.assignee.name if case.assignee else ""
    case.assignee_id = assignee.id if assignee else None
    _event(case, actor, "assigned", {"old": old, "new": assignee.name if assignee else ""})
    transition = profile_for(case).transition("assign")  # questions and incidents: new -> assigned
    if assignee is not None and transition is not None and case.status in transition.sources:
        _apply(case, actor, transition, today())
    _touch(case)
    _commit()
    return case


def add_note(actor: User, case: Case, text: str) -> CaseEvent:
    _require(actor, "cases.note", case)
    text = _clean(text, 20000)
    if not text:
        _fail("Write the note first.", "text")
    event = _event(case, actor, "note", {"text": text}, Visibility.INTERNAL.value)
    _touch(case)
    _commit()
    return event


EDITABLE_FIELDS = ("title", "description", "requester_name", "requester_contact", "requester_role",
                   "requester_relationship", "requester_organization")


def edit_details(actor: User, case: Case, changes: dict, *, expected_version=None) -> Case:
    """Correct the case's text fields; the event records every old and new value."""
    _require(actor, "cases.edit", case)
    _check_version(case, expected_version)
    if profile_for(case).state(case.status).terminal:
        _fail("A closed case cannot be edited. Reopen it first.")
    if not can(actor, "cases.see_identity", case):
        changes = {k: v for k, v in changes.items() if k not in IDENTITY_FIELDS}
    diff = {}
    for name, value in changes.items():
        if name not in EDITABLE_FIELDS:
            continue
        value = _clean(value, 20000)
        if name == "title" and not value:
            _fail("The title cannot be empty.", "title")
        if getattr(case, name) != value:
            diff[name] = [getattr(case, name), value]
            setattr(case, name, value)
    if not diff:
        _fail("Nothing was changed.")
    _touch(case)
    _event(case, actor, "details_edited", {"changes": diff})
    _commit()
    return case


# --- committee ---------------------------------------------------------------------------------
def committee_candidates(case: Case) -> list[User]:
    taken = {m.user_id for m in case.committee}
    users = db.session.scalars(sa.select(User).where(User.active.is_(True)).order_by(User.name))
    return [u for u in users if u.id not in taken and u.id != case.submitter_id]


def appoint_member(actor: User, case: Case, user_id: int, role: str = "voting", *, expected_version=None,
                   on: date | None = None) -> CommitteeMember:
    _require(actor, "cases.manage")
    _check_version(case, expected_version)
    profile = profile_for(case)
    if case.kind != CaseKind.RECONSIDERATION.value:
        _fail("Only reconsideration requests have a committee.")
    if case.status not in profile.committee_states:
        _fail(f"Members cannot be appointed while the case is “{profile.state(case.status).label}”.")
    if role not in ("voting", "non-voting"):
        _fail("Choose voting or non-voting.", "role")
    user = db.session.get(User, user_id) if user_id else None
    if user is None or not user.active:
        _fail("Choose an active user.", "user_id")
    if any(m.user_id == user.id for m in case.committee):
        _fail(f"{user.name} is already on this committee.", "user_id")
    if user.id == case.submitter_id:
        _fail("The person who filed the request cannot sit on its committee.", "user_id")
    member = CommitteeMember(case=case, user_id=user.id, role=role)
    db.session.add(member)
    _set_milestone(case, "committee_appointed", on or today())
    _touch(case)
    # Member names are confidential to the extent the law allows: internal event.
    _event(case, actor, "committee_member_appointed", {"member": user.name, "role": role}, Visibility.INTERNAL.value)
    _commit()
    return member


def _my_membership(actor: User, case: Case) -> CommitteeMember:
    if not can(actor, "cases.committee_act", case):
        _fail("You are not on this case's committee.")
    member = access.committee_membership(actor, case)
    profile = profile_for(case)
    if not profile.state(case.status).committee and case.status not in profile.committee_states:
        _fail("The committee's review is over for this case. Nothing was changed.")
    return member


def attest(actor: User, case: Case, confirmed: bool) -> CommitteeMember:
    member = _my_membership(actor, case)
    if not confirmed:
        _fail("Tick the box to confirm you read or viewed the whole work.", "confirm")
    if member.attested_whole_work:
        _fail("You have already attested.")
    member.attested_whole_work, member.attested_at = True, utcnow()
    _touch(case)
    _event(case, actor, "committee_attested", {"member": actor.name}, Visibility.INTERNAL.value)
    _commit()
    return member


def cast_vote(actor: User, case: Case, vote: str, comment: str) -> CommitteeMember:
    member = _my_membership(actor, case)
    profile = profile_for(case)
    if not profile.state(case.status).committee:
        _fail("Votes are taken once the committee review has started.")
    if member.recused:
        _fail("You have recused yourself from this case.")
    if member.role != "voting":
        _fail("Non-voting members do not vote; add a comment as a note instead.")
    if not member.attested_whole_work:
        _fail("Attest that you read or viewed the whole work before voting.", "vote")
    if vote not in VOTES:
        _fail("Choose your vote.", "vote")
    old = member.vote
    member.vote, member.comment, member.voted_at = vote, _clean(comment, 5000), utcnow()
    _touch(case)
    _event(case, actor, "committee_voted", {"member": actor.name, "old": old, "new": vote},
           Visibility.INTERNAL.value)
    _commit()
    return member


def recuse(actor: User, case: Case, reason: str) -> CommitteeMember:
    member = _my_membership(actor, case)
    reason = _clean(reason, 2000)
    if not reason:
        _fail("Give a reason for recusing yourself.", "reason")
    if member.recused:
        _fail("You have already recused yourself.")
    member.recused, member.recusal_reason = True, reason
    _touch(case)
    _event(case, actor, "committee_recused", {"member": actor.name, "reason": reason}, Visibility.INTERNAL.value)
    _commit()
    return member


def vote_tally(case: Case) -> dict[str, int]:
    tally: dict[str, int] = {}
    for member in case.committee:
        if member.is_voting and member.vote:
            tally[member.vote] = tally.get(member.vote, 0) + 1
    return tally


def record_recommendation(actor: User, case: Case, *, recommendation: str, rationale: str, expected_version=None,
                          on: date | None = None) -> Case:
    on = on or today()
    _check_version(case, expected_version)
    transition = _allowed_transition(actor, case, "record_recommendation", on)
    if recommendation not in VOTES:
        _fail("Choose the committee's recommendation.", "recommendation")
    rationale = _clean(rationale, 20000)
    if not rationale:
        _fail("Give the committee's reasons.", "rationale")
    case.recommendation, case.recommendation_rationale = recommendation, rationale
    _apply(case, actor, transition, on, {"recommendation": recommendation, "tally": vote_tally(case)})
    _commit()
    return case


# --- decisions and appeals ---------------------------------------------------------------------
_DISAPPROVAL = re.compile(
    r"\b(offensive|offends?|disagree\w*|inappropriate viewpoints?|viewpoints?|ideolog\w*|objectionable|immoral\w*|"
    r"distasteful|agenda|propaganda|disgusting|(?:we|i) (?:do not|don't) like|ideas expressed)\b", re.I)
_CRITERIA = re.compile(
    r"\b(selection (?:criteria|policy)|criteri(?:a|on)|standards?|polic(?:y|ies)|educational(?:ly)?|curricul\w*|"
    r"age|grade|maturity|reading level|reviews?|reviewed|awards?|harmful|pervasively vulgar|TSLAC|13 TAC|"
    r"33\.02\d|115C|EFB)\b", re.I)


def rationale_warning(rationale: str) -> str | None:
    """A warning when a rationale seems to rest only on disapproval of the ideas in a work
    (no challenged material may be removed solely because of the ideas expressed)."""
    if _DISAPPROVAL.search(rationale or "") and not _CRITERIA.search(rationale or ""):
        return ("This rationale seems to rest only on disapproval of the ideas or viewpoints in the work, "
                "without reference to the selection criteria or the standards. Decisions should be tied to "
                "criteria (educational suitability, age or grade level, the selection policy). "
                "Tick the box to record it anyway, or revise it.")
    return None


def default_letter(case: Case, decision: Decision, district: str = "") -> str:
    material = case.material
    lines = [
        f"**Re: Request for reconsideration {case.reference}**",
        "",
        f"Dear {case.requester_name or 'requester'},",
        "",
        f"Thank you for your request for reconsideration of *{material.title if material else case.title}*"
        + (f" by {material.author}" if material and material.author else "") + ".",
        "",
        f"After review under the district's reconsideration procedure, the decision is: "
        f"**{decision.outcome_label}** ({DECISION_SCOPES.get(decision.scope, decision.scope).lower()}), "
        f"effective {decision.effective_on:%-d %B %Y}.",
        "",
        "The reasons for this decision:",
        "",
        decision.rationale,
        "",
    ]
    if decision.appeal_deadline:
        lines += [f"You may appeal this decision until {decision.appeal_deadline:%-d %B %Y}.", ""]
    # Two trailing spaces: Markdown line breaks, so the signature keeps its lines.
    lines += ["Sincerely,", "", f"{decision.decided_by.name if decision.decided_by else ''}  ", district or ""]
    return "\n".join(lines).strip() + "\n"


def record_decision(actor: User, case: Case, *, outcome: str, scope: str, rationale: str, decided_on: date | None,
                    effective_on: date | None, confirm_rationale: bool = False, expected_version=None,
                    district: str = "", on: date | None = None) -> Decision:
    on = on or today()
    _check_version(case, expected_version)
    transition = _allowed_transition(actor, case, "record_decision", on)
    if outcome not in DECISION_OUTCOMES:
        _fail("Choose the outcome.", "outcome")
    if scope not in DECISION_SCOPES:
        _fail("Choose the scope.", "scope")
    rationale = _clean(rationale, 20000)
    if not rationale:
        _fail("A written rationale is required.", "rationale")
    decided_on = decided_on or on
    if decided_on > on:  # also keeps the appeal-deadline arithmetic inside the calendar (9999-12-31)
        _fail("The decision date cannot be in the future.", "decided_on")
    effective_on = effective_on or decided_on
    if effective_on < decided_on:
        _fail("The effective date cannot be before the decision date.", "effective_on")
    warning = rationale_warning(rationale)
    if warning and not confirm_rationale:
        db.session.rollback()
        raise RationaleWarning(warning, "confirm_rationale")
    profile = profile_for(case)
    window = profile.appeal_window
    appeal_deadline = (policies.compute_date(decided_on, window.count, window.unit)
                       if window and case.appeal_count < len(profile.appeal_path) else None)
    decision = Decision(
        case=case, outcome=outcome, scope=scope, rationale=rationale, decided_by_id=actor.id, decided_by=actor,
        decided_on=decided_on, effective_on=effective_on, appeal_deadline=appeal_deadline,
        rechallenge_barred_until=policies.rechallenge_bar_until(profile, outcome, decided_on),
        on_appeal=case.appeal_count > 0,
    )
    db.session.add(decision)
    decision.letter_text = default_letter(case, decision, district)
    case.outcome = outcome
    _change_access(case, actor, ACCESS_AFTER[outcome])
    _apply(case, actor, transition, decided_on, {"outcome": outcome, "scope": scope})
    _event(case, actor, "decision_recorded", {
        "outcome": outcome, "scope": scope, "decided_on": decided_on.isoformat(),
        "effective_on": effective_on.isoformat(),
        "appeal_deadline": appeal_deadline.isoformat() if appeal_deadline else None,
        "rationale_warning_confirmed": bool(warning)})
    _commit()
    return decision


def file_appeal(actor: User, case: Case, reason: str, *, expected_version=None, on: date | None = None) -> Case:
    """Reopen a decided case on the profile's appeal path (first appeal -> path[0], ...)."""
    on = on or today()
    _check_version(case, expected_version)
    _require(actor, "cases.appeal", case)
    transition = _allowed_transition(actor, case, "appeal", on)
    reason = _clean(reason, 20000)
    if not reason:
        _fail("Give the grounds for the appeal.", "reason")
    target = profile_for(case).appeal_path[case.appeal_count]
    case.appeal_count += 1
    _apply(case, actor, transition, on, {"appeal": case.appeal_count}, target=target)
    _event(case, actor, "appeal_filed", {"reason": reason, "level": case.appeal_count})
    _commit()
    return case


# --- answers (questions) and resolutions (incidents) --------------------------------------------
def article_choices() -> list[tuple[str, str]]:
    """(slug, title) of every guideline article, or [] while the library is unavailable."""
    try:
        from app.library.content import current_library

        articles = current_library().articles
    except Exception:  # noqa: BLE001 - the library is optional for the tracker
        return []
    return sorted(((slug, a.title) for slug, a in articles.items()), key=lambda pair: pair[1].lower())


def _article(slug: str):
    try:
        from app.library.content import current_library

        return current_library().articles.get(slug)
    except Exception:  # noqa: BLE001
        return None


def answer_case(actor: User, case: Case, reply: str, article_slugs: list[str] | None = None, *,
                expected_version=None, on: date | None = None) -> Case:
    """The officer's reply to a question (or resolution of an incident), with linked articles.
    Each link stores the article's content hash at this moment."""
    on = on or today()
    _check_version(case, expected_version)
    name = "answer" if case.kind == CaseKind.QUESTION.value else "resolve"
    transition = _allowed_transition(actor, case, name, on)
    reply = _clean(reply, 50000)
    if not reply:
        _fail("Write the reply.", "reply")
    linked = []
    for slug in dict.fromkeys(article_slugs or []):
        article = _article(slug)
        if article is None:
            _fail(f"There is no guideline article “{slug}”.", "articles")
        db.session.add(CaseArticle(case=case, slug=slug, title=article.title, content_hash=article.content_hash,
                                   linked_by_id=actor.id))
        linked.append(slug)
    case.answer = reply
    _apply(case, actor, transition, on)
    _event(case, actor, "answered", {"reply": reply, "articles": linked})
    _commit()
    return case


# --- lists ----------------------------------------------------------------------------------------
def my_cases_query(user: User):
    member_of = sa.select(CommitteeMember.case_id).where(CommitteeMember.user_id == user.id)
    return (sa.select(Case)
            .where(sa.or_(Case.submitter_id == user.id, Case.assignee_id == user.id, Case.id.in_(member_of)))
            .options(so.joinedload(Case.material), so.joinedload(Case.campus))
            .order_by(Case.updated_at.desc(), Case.id.desc()))


def my_cases_page(user: User, page: int = 1, per_page: int = 25):
    page = min(max(page, 1), 2**31 // per_page)  # a huge ?page= must not overflow the OFFSET
    return db.paginate(my_cases_query(user), page=page, per_page=per_page, error_out=False)


SORTS = {
    "newest": (Case.opened_at.desc(), Case.id.desc()),
    "oldest": (Case.opened_at.asc(), Case.id.asc()),
    "updated": (Case.updated_at.desc(), Case.id.desc()),
    "due": (Case.next_due_on.is_(None), Case.next_due_on.asc(), Case.id.asc()),
    "reference": (Case.reference.asc(),),
}
DUE_SOON_DAYS = 7


@dataclass
class QueueFilters:
    kind: str = ""
    status: str = ""
    campus_id: int | None = None
    assignee: str = ""   # "", "me", "none" or a user id
    due: str = ""        # "", "soon", "overdue"
    q: str = ""
    sort: str = "newest"

    def __post_init__(self):
        for name in ("kind", "status", "assignee", "due", "q", "sort"):
            setattr(self, name, _clean(getattr(self, name), 200))
        if self.campus_id is not None and _row_id(self.campus_id) is None:
            self.campus_id = None  # out of range: filter nothing rather than overflow the query


def queue_query(filters: QueueFilters, viewer: User, on: date | None = None):
    on = on or today()
    query = sa.select(Case)
    if filters.kind:
        query = query.where(Case.kind == filters.kind)
    if filters.status:
        query = query.where(Case.status == filters.status)
    if filters.campus_id:
        query = query.where(Case.campus_id == filters.campus_id)
    if filters.assignee == "me":
        query = query.where(Case.assignee_id == viewer.id)
    elif filters.assignee == "none":
        query = query.where(Case.assignee_id.is_(None))
    elif _row_id(filters.assignee) is not None:
        query = query.where(Case.assignee_id == _row_id(filters.assignee))
    if filters.due == "overdue":
        query = query.where(Case.next_due_on < on)
    elif filters.due == "soon":
        query = query.where(Case.next_due_on >= on,
                            Case.next_due_on <= date.fromordinal(on.toordinal() + DUE_SOON_DAYS))
    if filters.q.strip():
        clause = matching_case_ids(db.session.get_bind().dialect.name, filters.q)
        if clause is not None:
            query = query.where(clause)
    if filters.due and filters.sort == "due":  # no empty deadlines here: let the index give the order
        return query.order_by(Case.next_due_on.asc(), Case.id.asc())
    return query.order_by(*SORTS.get(filters.sort, SORTS["newest"]))


COUNT_CAP = 1000  # a text search stops counting here: "more than 1,000" is all anyone needs


@dataclass
class Page:
    items: list
    page: int
    per_page: int
    total: int
    capped: bool = False

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1


def queue_page(filters: QueueFilters, viewer: User, page: int = 1, per_page: int = 25) -> Page:
    query = queue_query(filters, viewer)
    counted = query.order_by(None).with_only_columns(Case.id)
    capped = bool(filters.q.strip())
    if capped:
        counted = counted.limit(COUNT_CAP + 1)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(counted.subquery()))
    is_capped = capped and total > COUNT_CAP
    total = min(total, COUNT_CAP) if capped else total
    page = max(1, min(page, max(1, -(-total // per_page))))
    items = list(db.session.scalars(
        query.options(so.joinedload(Case.material), so.joinedload(Case.campus), so.joinedload(Case.assignee))
        .limit(per_page).offset((page - 1) * per_page)).unique())
    return Page(items, page, per_page, total, is_capped)


EXPORT_COLUMNS = ["reference", "kind", "status", "campus", "material_title", "material_author", "isbn", "title",
                  "opened_on", "next_due_on", "outcome", "access_status", "assignee"]
IDENTITY_COLUMNS = ["requester_name", "requester_contact", "requester_role", "requester_organization"]


def export_rows(viewer: User, filters: QueueFilters, *, include_identity: bool = False):
    """Rows for the CSV export. Identity columns only when asked for AND the viewer may see each
    case's identity; otherwise "[redacted]". Yields lists, header first."""
    _require(viewer, "cases.export")
    yield EXPORT_COLUMNS + (IDENTITY_COLUMNS if include_identity else [])
    query = queue_query(filters, viewer).options(
        so.joinedload(Case.material), so.joinedload(Case.campus), so.joinedload(Case.assignee))
    for case in db.session.scalars(query).unique():
        row = [case.reference, case.kind, profile_for(case).state(case.status).label,
               case.campus.name if case.campus else "", case.material.title if case.material else "",
               case.material.author if case.material else "", case.material.isbn if case.material else "",
               case.title, case.opened_at.date().isoformat(),
               case.next_due_on.isoformat() if case.next_due_on else "", case.outcome_label,
               case.access_label if case.kind == "reconsideration" else "",
               case.assignee.name if case.assignee else ""]
        if include_identity:
            visible = can(viewer, "cases.see_identity", case)
            row += [getattr(case, col) if visible else REDACTED for col in IDENTITY_COLUMNS]
        yield [_csv_safe(value) for value in row]


def _csv_safe(value) -> str:
    """Neutralise spreadsheet formulas (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def overdue_cases(on: date | None = None) -> list[Case]:
    on = on or today()
    return list(db.session.scalars(sa.select(Case).where(Case.next_due_on < on, Case.closed_at.is_(None))
                                   .order_by(Case.next_due_on, Case.id)))


def rebuild_fulltext() -> None:
    from app.cases.fulltext import rebuild_statement

    db.session.execute(sa.text(rebuild_statement(db.session.get_bind().dialect.name)))
    db.session.commit()


def all_status_choices() -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for profile in policies.load_profiles().values():
        for key, state in profile.states.items():
            seen.setdefault(key, state.label)
    return sorted(seen.items(), key=lambda pair: pair[1])


# --- what a viewer sees on the case page --------------------------------------------------------
EVENT_LABELS = {
    "filed": "Case opened", "status_changed": "Status changed", "access_changed": "Student access changed",
    "assigned": "Assignment changed", "note": "Internal note", "details_edited": "Details corrected",
    "committee_member_appointed": "Committee member appointed", "committee_attested": "Member attested",
    "committee_voted": "Member voted", "committee_recused": "Member recused",
    "decision_recorded": "Decision recorded", "appeal_filed": "Appeal filed", "answered": "Answer sent",
    "rechallenge_bar_overridden": "Re-challenge protection overridden",
    "tool_record_attached": "Tool record attached",
}


def visible_events(user, case: Case) -> list[CaseEvent]:
    internal_ok = can(user, "cases.see_internal", case)
    # The timeline names each event's actor: load them with the events, not one query per row.
    query = (sa.select(CaseEvent).where(CaseEvent.case_id == case.id)
             .options(so.joinedload(CaseEvent.actor)).order_by(CaseEvent.id))
    if not internal_ok:
        query = query.where(CaseEvent.visibility != Visibility.INTERNAL.value)
    return list(db.session.scalars(query))


def redact_event_data(data: dict, show_identity: bool) -> dict:
    if show_identity or not isinstance(data, dict):
        return data
    clean = dict(data)
    if isinstance(clean.get("changes"), dict):
        clean["changes"] = {k: ([REDACTED, REDACTED] if k in IDENTITY_FIELDS else v)
                            for k, v in clean["changes"].items()}
    for key in IDENTITY_FIELDS:
        if key in clean:
            clean[key] = REDACTED
    return clean


def describe_event(event: CaseEvent, profile: policies.Profile, show_identity: bool) -> str:
    data = redact_event_data(event.data or {}, show_identity)
    label = EVENT_LABELS.get(event.kind, event.kind.replace("_", " ").capitalize())
    if event.kind == "status_changed":
        return f"{label}: {profile.state(data.get('old', '')).label} → {profile.state(data.get('new', '')).label}"
    if event.kind == "access_changed":
        return (f"{label}: {ACCESS_STATUSES.get(data.get('old'), data.get('old'))} → "
                f"{ACCESS_STATUSES.get(data.get('new'), data.get('new'))}")
    if event.kind == "assigned":
        return f"{label}: {data.get('old') or 'nobody'} → {data.get('new') or 'nobody'}"
    if event.kind == "details_edited":
        parts = [f"{name.replace('_', ' ')}: “{old}” → “{new}”" for name, (old, new) in data.get("changes", {}).items()]
        return f"{label}: " + "; ".join(parts)
    if event.kind == "decision_recorded":
        return f"{label}: {OUTCOMES.get(data.get('outcome'), data.get('outcome'))} ({data.get('scope')})"
    if event.kind in ("committee_member_appointed",):
        return f"{label}: {data.get('member')} ({data.get('role')})"
    if event.kind in ("committee_voted",):
        return f"{label}: {data.get('member')} voted {OUTCOMES.get(data.get('new'), data.get('new'))}"
    if event.kind in ("committee_attested", "committee_recused"):
        return f"{label}: {data.get('member')}"
    if event.kind == "rechallenge_bar_overridden":
        return f"{label} (protected until {data.get('barred_until')}): {data.get('reason')}"
    return label
