"""Case tracker models: materials, cases, their history, committees, decisions and linked articles.

Workflow rules live in app/cases/policies.py (data) and app/cases/services.py (use cases);
the models keep state and the few invariants that must hold whatever code touches them
(history is append-only; a case carries a version counter for optimistic locking).
"""
import enum
import re
import unicodedata
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.extensions import db

if TYPE_CHECKING:
    from app.models.user import Campus, User

__all__ = [
    "CaseKind", "Visibility", "OUTCOMES", "DECISION_OUTCOMES", "ACCESS_STATUSES", "MATERIAL_FORMATS",
    "Material", "Case", "CaseEvent", "CommitteeMember", "Decision", "CaseArticle",
    "AppendOnlyError", "normalize_isbn", "material_key", "CaseSequence",
]


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class CaseKind(str, enum.Enum):
    RECONSIDERATION = "reconsideration"
    QUESTION = "question"
    INCIDENT = "incident"

    @property
    def prefix(self) -> str:
        return {"reconsideration": "RC", "question": "Q", "incident": "IN"}[self.value]

    @property
    def label(self) -> str:
        return {"reconsideration": "Reconsideration request", "question": "Compliance question",
                "incident": "Incident"}[self.value]


class Visibility(str, enum.Enum):
    INTERNAL = "internal"  # staff handling the case only
    SHARED = "shared"      # also the submitter (and, redacted, the committee)


# The outcome vocabulary from domain/challenges.md ("Outcomes").
OUTCOMES = {
    "pending": "Pending",
    "retained": "Retained",
    "retained_with_restriction": "Retained with restriction",
    "relocated_reclassified": "Relocated or reclassified",
    "labeled": "Labeled",
    "removed_campus": "Removed (campus)",
    "removed_district": "Removed (district)",
    "withdrawn_by_requester": "Withdrawn by requester",
    "closed_no_filing": "Closed: no formal filing",
    "declined_repeat": "Declined: repeat challenge",
}
DECISION_OUTCOMES = ("retained", "retained_with_restriction", "relocated_reclassified", "labeled",
                     "removed_campus", "removed_district")

ACCESS_STATUSES = {
    "available": "Available to students",
    "restricted_pending_review": "Restricted pending review",  # PEN: "Banned Pending Investigation"
    "restricted": "Restricted (e.g. parental permission or grade level)",
    "relocated": "Relocated or reclassified",
    "removed": "Removed",
}

# Resource types from the ALA sample form.
MATERIAL_FORMATS = {
    "book": "Book or e-book", "movie": "Movie", "magazine": "Magazine", "audio": "Audio recording",
    "digital": "Digital resource", "game": "Game", "newspaper": "Newspaper", "other": "Other",
}

_ISBN_CHARS = re.compile(r"[^0-9X]")
_ARTICLES = {"a", "an", "the"}


def normalize_isbn(raw: str | None) -> str:
    """Digits (and a final X) only; ISBN-10 converted to ISBN-13 so both forms of a title match."""
    isbn = _ISBN_CHARS.sub("", (raw or "").upper())
    if len(isbn) == 10 and isbn[:9].isdigit():
        core = "978" + isbn[:9]
        check = (10 - sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(core)) % 10) % 10
        return core + str(check)
    return isbn


def _words(text: str | None) -> list[str]:
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z0-9]+", text)


def material_key(title: str | None, author: str | None) -> str:
    """Normalised title + author: case, accents, punctuation, a leading article and the author's
    name order ("Morrison, Toni" / "Toni Morrison") do not matter."""
    title_words = _words(title)
    if title_words and title_words[0] in _ARTICLES:
        title_words = title_words[1:]
    return " ".join(title_words) + "|" + " ".join(sorted(_words(author)))


class AppendOnlyError(RuntimeError):
    pass


class Material(db.Model):
    """One row per challenged work, so every challenge of a title at any campus is one click away."""

    __tablename__ = "materials"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    title: so.Mapped[str] = so.mapped_column(sa.String(300))
    author: so.Mapped[str] = so.mapped_column(sa.String(200), default="")
    isbn: so.Mapped[str] = so.mapped_column(sa.String(20), default="", index=True)
    format: so.Mapped[str] = so.mapped_column(sa.String(20), default="book")
    lookup_key: so.Mapped[str] = so.mapped_column(sa.String(520), index=True)
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)

    cases: so.WriteOnlyMapped["Case"] = so.relationship(back_populates="material")

    def __repr__(self) -> str:
        return f"<Material {self.title!r}>"


class Case(db.Model):
    __tablename__ = "cases"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    reference: so.Mapped[str] = so.mapped_column(sa.String(20), unique=True)
    kind: so.Mapped[str] = so.mapped_column(sa.String(20), index=True)
    status: so.Mapped[str] = so.mapped_column(sa.String(40), index=True)
    policy_key: so.Mapped[str] = so.mapped_column(sa.String(40))
    policy_version: so.Mapped[str] = so.mapped_column(sa.String(20))
    category: so.Mapped[str] = so.mapped_column(sa.String(40), default="")  # question topic / incident type
    campus_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("campuses.id"), index=True)
    material_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("materials.id"), index=True)
    submitter_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("users.id"), index=True)
    assignee_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("users.id"), index=True)
    title: so.Mapped[str] = so.mapped_column(sa.String(300))
    description: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    # The requester (a parent, resident, ...): shown only to officer, admin and the filing librarian.
    requester_name: so.Mapped[str] = so.mapped_column(sa.String(200), default="")
    requester_contact: so.Mapped[str] = so.mapped_column(sa.String(500), default="")
    requester_role: so.Mapped[str] = so.mapped_column(sa.String(40), default="")
    requester_relationship: so.Mapped[str] = so.mapped_column(sa.String(20), default="self")  # self|organization
    requester_organization: so.Mapped[str] = so.mapped_column(sa.String(200), default="")
    access_status: so.Mapped[str] = so.mapped_column(sa.String(40), default="available")
    outcome: so.Mapped[str] = so.mapped_column(sa.String(40), default="")
    recommendation: so.Mapped[str] = so.mapped_column(sa.String(40), default="")
    recommendation_rationale: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    answer: so.Mapped[str] = so.mapped_column(sa.Text, default="")  # reply to a question / incident resolution
    # Reconsideration form fields (how it came to attention, whole work examined, concerns, ...).
    details: so.Mapped[dict] = so.mapped_column(sa.JSON, default=dict)
    # Dates of named workflow events ("received", "routed", "decided", ...) that deadlines count from.
    milestones: so.Mapped[dict] = so.mapped_column(sa.JSON, default=dict)
    next_due_on: so.Mapped[date | None] = so.mapped_column(sa.Date, index=True)
    appeal_count: so.Mapped[int] = so.mapped_column(default=0)
    opened_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow, index=True)
    closed_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    updated_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow, index=True)
    version_id: so.Mapped[int] = so.mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version_id}
    __table_args__ = (
        # The officer queue filters by kind or status and sorts by date or deadline.
        sa.Index("ix_cases_kind_opened_at", "kind", "opened_at"),
        sa.Index("ix_cases_kind_next_due_on", "kind", "next_due_on"),
        sa.Index("ix_cases_status_opened_at", "status", "opened_at"),
    )

    campus: so.Mapped["Campus | None"] = so.relationship()
    material: so.Mapped[Material | None] = so.relationship(back_populates="cases")
    submitter: so.Mapped["User"] = so.relationship(foreign_keys=[submitter_id])
    assignee: so.Mapped["User | None"] = so.relationship(foreign_keys=[assignee_id])
    events: so.Mapped[list["CaseEvent"]] = so.relationship(
        back_populates="case", order_by="CaseEvent.id", passive_deletes="all")
    committee: so.Mapped[list["CommitteeMember"]] = so.relationship(
        back_populates="case", order_by="CommitteeMember.id")
    decisions: so.Mapped[list["Decision"]] = so.relationship(back_populates="case", order_by="Decision.id")
    articles: so.Mapped[list["CaseArticle"]] = so.relationship(back_populates="case", order_by="CaseArticle.id")

    @property
    def kind_enum(self) -> CaseKind:
        return CaseKind(self.kind)

    @property
    def latest_decision(self) -> "Decision | None":
        return self.decisions[-1] if self.decisions else None

    @property
    def outcome_label(self) -> str:
        return OUTCOMES.get(self.outcome, self.outcome)

    @property
    def access_label(self) -> str:
        return ACCESS_STATUSES.get(self.access_status, self.access_status)

    def __repr__(self) -> str:
        return f"<Case {self.reference} {self.status}>"


class CaseSequence(db.Model):
    """The last number handed out per reference prefix ("RC-2026-"): one small row to lock,
    instead of scanning every reference for the highest number."""

    __tablename__ = "case_sequences"

    prefix: so.Mapped[str] = so.mapped_column(sa.String(20), primary_key=True)
    last_number: so.Mapped[int] = so.mapped_column(default=0)


class CaseEvent(db.Model):
    """The case's history and audit log. Append-only: the ORM refuses updates and deletes."""

    __tablename__ = "case_events"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    case_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("cases.id"), index=True)
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)
    actor_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("users.id"))
    kind: so.Mapped[str] = so.mapped_column(sa.String(40))
    data: so.Mapped[dict] = so.mapped_column(sa.JSON, default=dict)
    visibility: so.Mapped[str] = so.mapped_column(sa.String(10), default=Visibility.SHARED.value)

    case: so.Mapped[Case] = so.relationship(back_populates="events")
    actor: so.Mapped["User | None"] = so.relationship()


@sa.event.listens_for(CaseEvent, "before_update")
def _refuse_event_update(mapper, connection, target):
    raise AppendOnlyError("Case history is append-only: a CaseEvent cannot be changed.")


@sa.event.listens_for(CaseEvent, "before_delete")
def _refuse_event_delete(mapper, connection, target):
    raise AppendOnlyError("Case history is append-only: a CaseEvent cannot be deleted.")


class CommitteeMember(db.Model):
    __tablename__ = "committee_members"
    __table_args__ = (sa.UniqueConstraint("case_id", "user_id"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    case_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("cases.id"), index=True)
    user_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("users.id"), index=True)
    role: so.Mapped[str] = so.mapped_column(sa.String(20), default="voting")  # voting | non-voting
    attested_whole_work: so.Mapped[bool] = so.mapped_column(default=False)
    attested_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    vote: so.Mapped[str] = so.mapped_column(sa.String(40), default="")
    comment: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    voted_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    recused: so.Mapped[bool] = so.mapped_column(default=False)
    recusal_reason: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    appointed_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)

    case: so.Mapped[Case] = so.relationship(back_populates="committee")
    user: so.Mapped["User"] = so.relationship()

    @property
    def is_voting(self) -> bool:
        return self.role == "voting" and not self.recused

    @property
    def done(self) -> bool:
        return not self.is_voting or (self.attested_whole_work and bool(self.vote))


class Decision(db.Model):
    __tablename__ = "decisions"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    case_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("cases.id"), index=True)
    outcome: so.Mapped[str] = so.mapped_column(sa.String(40))
    scope: so.Mapped[str] = so.mapped_column(sa.String(20), default="campus")  # campus | district
    rationale: so.Mapped[str] = so.mapped_column(sa.Text)
    decided_by_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("users.id"))
    decided_on: so.Mapped[date] = so.mapped_column(sa.Date)
    effective_on: so.Mapped[date] = so.mapped_column(sa.Date)
    appeal_deadline: so.Mapped[date | None] = so.mapped_column(sa.Date)
    rechallenge_barred_until: so.Mapped[date | None] = so.mapped_column(sa.Date)
    on_appeal: so.Mapped[bool] = so.mapped_column(default=False)
    letter_text: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)

    case: so.Mapped[Case] = so.relationship(back_populates="decisions")
    decided_by: so.Mapped["User"] = so.relationship()

    @property
    def outcome_label(self) -> str:
        return OUTCOMES.get(self.outcome, self.outcome)


class CaseArticle(db.Model):
    """A guideline article linked from an answer, with the article's content hash at link time
    so a later reader can tell whether the guidance changed since."""

    __tablename__ = "case_articles"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    case_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("cases.id"), index=True)
    slug: so.Mapped[str] = so.mapped_column(sa.String(200))
    title: so.Mapped[str] = so.mapped_column(sa.String(300), default="")
    content_hash: so.Mapped[str] = so.mapped_column(sa.String(128), default="")
    linked_by_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("users.id"))
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)

    case: so.Mapped[Case] = so.relationship(back_populates="articles")
    linked_by: so.Mapped["User"] = so.relationship()


from app.cases import fulltext  # noqa: E402,F401  (attaches the full-text DDL to the cases table)
