"""Accounts and campuses."""
import enum
from datetime import datetime, timezone

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import current_app, has_app_context
from flask_login import UserMixin
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Role(str, enum.Enum):
    TEACHER = "teacher"
    LIBRARIAN = "librarian"
    OFFICER = "officer"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return {"officer": "Compliance officer"}.get(self.value, self.value.capitalize())


class Campus(db.Model):
    __tablename__ = "campuses"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(120), unique=True)
    level: so.Mapped[str] = so.mapped_column(sa.String(40), default="")  # elementary, middle, high, district

    def __repr__(self) -> str:
        return f"<Campus {self.name}>"


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    email: so.Mapped[str] = so.mapped_column(sa.String(254), unique=True, index=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(120))
    role: so.Mapped[str] = so.mapped_column(sa.String(20), default=Role.TEACHER.value)
    campus_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("campuses.id"), nullable=True)
    password_hash: so.Mapped[str] = so.mapped_column(sa.String(256))
    active: so.Mapped[bool] = so.mapped_column(default=True)
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=utcnow)

    campus: so.Mapped[Campus | None] = so.relationship()

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    @property
    def role_enum(self) -> Role:
        return Role(self.role)

    def set_password(self, password: str) -> None:
        # Tests use a cheaper hash method (TestConfig) so the suite stays fast.
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt") if has_app_context() else "scrypt"
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"


class LoginThrottle(db.Model):
    """Failed sign-ins per email address, known or not, so lockout reveals nothing about accounts."""

    __tablename__ = "login_throttles"

    email: so.Mapped[str] = so.mapped_column(sa.String(254), primary_key=True)
    failures: so.Mapped[int] = so.mapped_column(default=0)
    locked_until: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True), nullable=True)
