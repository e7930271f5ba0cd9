"""The district calendar: days without instruction, which school-day deadlines skip."""
import enum
import datetime as dt

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.extensions import db


class DayKind(str, enum.Enum):
    HOLIDAY = "holiday"
    BREAK = "break"
    STAFF_DEVELOPMENT = "staff-development"
    WEATHER = "weather"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ").capitalize()


class NonInstructionalDay(db.Model):
    __tablename__ = "non_instructional_days"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    date: so.Mapped[dt.date] = so.mapped_column(sa.Date, unique=True, index=True)
    description: so.Mapped[str] = so.mapped_column(sa.String(200))
    kind: so.Mapped[str] = so.mapped_column(sa.String(20), default=DayKind.HOLIDAY.value)
    created_at: so.Mapped[dt.datetime] = so.mapped_column(
        sa.DateTime(timezone=True), default=lambda: dt.datetime.now(dt.timezone.utc)
    )

    @property
    def kind_label(self) -> str:
        try:
            return DayKind(self.kind).label
        except ValueError:
            return self.kind

    def __repr__(self) -> str:
        return f"<NonInstructionalDay {self.date} {self.kind}>"
