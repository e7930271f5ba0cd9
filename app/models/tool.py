"""Decision tool records and the data the tools read: performance licences, TEACH Act settings,
and the interlibrary-loan request log.

A ToolRecord is evidence (§ 504(c)(2)): once written it is never edited. The only changes allowed
afterwards are the officer's review stamp and attaching it, once, to a compliance question. A
before_update listener enforces this whatever code touches the row; a correction is a new record.
"""
from datetime import date, datetime, timezone

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.extensions import db

__all__ = ["ToolRecord", "ImmutableRecordError", "PerformanceLicense", "performance_license_campuses",
           "TeachSettings", "ILLRequest"]


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class ImmutableRecordError(Exception):
    """Raised when code tries to change a saved tool record beyond its review stamp or case link."""


class ToolRecord(db.Model):
    __tablename__ = "tool_records"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    tool: so.Mapped[str] = so.mapped_column(sa.String(40), index=True)
    rules_version: so.Mapped[str] = so.mapped_column(sa.String(20))
    as_of: so.Mapped[date] = so.mapped_column(sa.Date)
    inputs: so.Mapped[dict] = so.mapped_column(sa.JSON, default=dict)
    result: so.Mapped[dict] = so.mapped_column(sa.JSON, default=dict)
    rule_ids: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    outcome: so.Mapped[str] = so.mapped_column(sa.String(40), default="")
    input_hash: so.Mapped[str] = so.mapped_column(sa.String(64), default="")
    user_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("users.id"), index=True)
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow, index=True)
    # active_history: the old value is loaded before a change, so the listener can see a re-attach.
    case_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("cases.id"), index=True, nullable=True,
                                                      active_history=True)
    reviewed_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("users.id"), nullable=True)
    reviewed_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True), nullable=True)

    user = so.relationship("User", foreign_keys=[user_id])
    reviewed_by = so.relationship("User", foreign_keys=[reviewed_by_id])

    def __repr__(self) -> str:
        return f"<ToolRecord {self.id} {self.tool} {self.outcome}>"


# Attribute names whose change is allowed after insert (relationship names included).
_MUTABLE_AFTER_SAVE = {"reviewed_by_id", "reviewed_at", "reviewed_by", "case_id"}


@sa.event.listens_for(ToolRecord, "before_update")
def _refuse_edits(mapper, connection, target: ToolRecord) -> None:
    state = sa.inspect(target)
    for attr in state.attrs:
        history = attr.history
        if not history.has_changes():
            continue
        if attr.key not in _MUTABLE_AFTER_SAVE:
            raise ImmutableRecordError(f"Tool record {target.id} is a saved record: '{attr.key}' cannot change. "
                                       "Save a new record instead.")
        if attr.key == "case_id" and any(v is not None for v in history.deleted):
            raise ImmutableRecordError(f"Tool record {target.id} is already attached to a case.")


performance_license_campuses = sa.Table(
    "performance_license_campuses",
    db.metadata,
    sa.Column("license_id", sa.ForeignKey("performance_licenses.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("campus_id", sa.ForeignKey("campuses.id", ondelete="CASCADE"), primary_key=True),
)


class PerformanceLicense(db.Model):
    """A public performance licence the district holds (Swank/Movie Licensing USA, MPLC, ...)."""

    __tablename__ = "performance_licenses"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    licensor: so.Mapped[str] = so.mapped_column(sa.String(120))
    expires_on: so.Mapped[date] = so.mapped_column(sa.Date)
    notes: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    created_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("users.id"), nullable=True)
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)

    campuses = so.relationship("Campus", secondary=performance_license_campuses, order_by="Campus.name")

    def __repr__(self) -> str:
        return f"<PerformanceLicense {self.licensor} to {self.expires_on}>"


class TeachSettings(db.Model):
    """The institution-wide TEACH Act conditions. Each save adds a row; the newest row is in force."""

    __tablename__ = "teach_settings"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    accredited_nonprofit: so.Mapped[bool] = so.mapped_column(default=False)
    copyright_policy: so.Mapped[bool] = so.mapped_column(default=False)
    information_to_community: so.Mapped[bool] = so.mapped_column(default=False)
    notice_to_students: so.Mapped[bool] = so.mapped_column(default=False)
    retention_controls: so.Mapped[bool] = so.mapped_column(default=False)
    no_drm_interference: so.Mapped[bool] = so.mapped_column(default=False)
    notes: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    updated_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("users.id"), nullable=True)
    updated_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)

    updated_by = so.relationship("User")


class ILLRequest(db.Model):
    """One interlibrary-loan request for a periodical article: the log the CONTU rule of five counts."""

    __tablename__ = "ill_requests"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    periodical_title: so.Mapped[str] = so.mapped_column(sa.String(300))
    title_key: so.Mapped[str] = so.mapped_column(sa.String(300), index=True)  # normalised for counting
    article: so.Mapped[str] = so.mapped_column(sa.String(300), default="")
    requested_on: so.Mapped[date] = so.mapped_column(sa.Date, index=True)
    published_year: so.Mapped[int] = so.mapped_column()
    campus_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("campuses.id"), nullable=True)
    user_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("users.id"), index=True)
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)

    campus = so.relationship("Campus")
    user = so.relationship("User")
