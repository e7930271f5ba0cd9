"""Admin use cases: users, campuses and the district calendar. One commit per use case.

Services take the acting user explicitly and raise AdminError with a message the view shows
next to the form; they never read the request or flash.
"""
import csv
import io
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.auth.services import normalize_email
from app.cases.schooldays import is_weekday, school_year_bounds, school_year_of
from app.extensions import db
from app.models import Campus, DayKind, NonInstructionalDay, Role, User

CAMPUS_LEVELS = ("elementary", "middle", "high", "district")
MIN_PASSWORD_LENGTH = 10
MAX_RANGE_DAYS = 120  # a date range longer than this is almost certainly a typo in the year


class AdminError(Exception):
    """A rule was broken; the message says what to fix. `field` names the form field, if any."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def _check_actor(actor: User) -> None:
    # The views already require admin.users; checking again here keeps the rule true for any caller.
    from app.auth.permissions import can

    if not can(actor, "admin.users"):
        raise AdminError("You do not have permission to manage accounts.")


def _commit() -> None:
    try:
        db.session.commit()
    except sa.exc.IntegrityError as exc:  # a concurrent request took the same unique value
        db.session.rollback()
        raise AdminError("Someone else just saved a conflicting change. Please check and try again.") from exc


# --- users ---------------------------------------------------------------------------------
def list_users() -> list[User]:
    # The list shows each user's campus: load them in one query, not one per row.
    return list(db.session.scalars(sa.select(User).options(so.selectinload(User.campus))
                                   .order_by(User.active.desc(), User.name)))


def get_user(user_id: int) -> User | None:
    return db.session.get(User, user_id)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AdminError(f"The password must be at least {MIN_PASSWORD_LENGTH} characters long.", "password")


def _check_user_fields(email: str, role: str, campus_id: int | None, *, user_id: int | None = None) -> None:
    if role not in {r.value for r in Role}:
        raise AdminError(f"Unknown role {role!r}.", "role")
    if campus_id is not None and db.session.get(Campus, campus_id) is None:
        raise AdminError("That campus no longer exists.", "campus_id")
    clash = db.session.scalar(sa.select(User).where(User.email == email))
    if clash is not None and clash.id != user_id:
        raise AdminError(f"Another account already uses {email}.", "email")


def _active_admin_count() -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(User).where(User.role == Role.ADMIN.value, User.active.is_(True))
    )


def create_user(*, name: str, email: str, role: str, campus_id: int | None, password: str) -> User:
    email = normalize_email(email)
    _check_user_fields(email, role, campus_id)
    _check_password(password)
    if not name.strip():
        raise AdminError("Enter the person's name.", "name")
    user = User(name=name.strip(), email=email, role=role, campus_id=campus_id, active=True)
    user.set_password(password)
    db.session.add(user)
    _commit()
    return user


def update_user(
    actor: User,
    user: User,
    *,
    name: str,
    email: str,
    role: str,
    campus_id: int | None,
    active: bool,
    new_password: str = "",
) -> User:
    """Edit an account. An admin cannot deactivate themselves or leave the district with no active admin."""
    _check_actor(actor)
    email = normalize_email(email)
    _check_user_fields(email, role, campus_id, user_id=user.id)
    if not name.strip():
        raise AdminError("Enter the person's name.", "name")
    if new_password:
        _check_password(new_password)
    if user.id == actor.id and not active:
        raise AdminError("You cannot deactivate your own account. Ask another admin.", "active")
    _check_keeps_an_admin(user, role=role, active=active)
    user.name, user.email, user.role, user.campus_id, user.active = name.strip(), email, role, campus_id, active
    if new_password:
        user.set_password(new_password)
    _commit()
    return user


def set_user_active(actor: User, user: User, active: bool) -> User:
    _check_actor(actor)
    if user.id == actor.id and not active:
        raise AdminError("You cannot deactivate your own account. Ask another admin.")
    _check_keeps_an_admin(user, role=user.role, active=active)
    user.active = active
    _commit()
    return user


def _check_keeps_an_admin(user: User, *, role: str, active: bool) -> None:
    is_active_admin_now = user.active and user.role == Role.ADMIN.value
    stays_active_admin = active and role == Role.ADMIN.value
    if is_active_admin_now and not stays_active_admin and _active_admin_count() <= 1:
        raise AdminError(
            f"{user.name} is the last active admin. Make another account an admin first.",
            "role" if active else "active",
        )


# --- campuses ------------------------------------------------------------------------------
def list_campuses() -> list[Campus]:
    return list(db.session.scalars(sa.select(Campus).order_by(Campus.name)))


def get_campus(campus_id: int) -> Campus | None:
    return db.session.get(Campus, campus_id)


def campus_user_counts() -> dict[int, int]:
    rows = db.session.execute(
        sa.select(User.campus_id, sa.func.count()).where(User.campus_id.is_not(None)).group_by(User.campus_id)
    )
    return {campus_id: count for campus_id, count in rows}


def _check_campus(name: str, level: str, *, campus_id: int | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise AdminError("Enter the campus name.", "name")
    if level not in CAMPUS_LEVELS:
        raise AdminError(f"Choose a level: {', '.join(CAMPUS_LEVELS)}.", "level")
    clash = db.session.scalar(sa.select(Campus).where(sa.func.lower(Campus.name) == name.lower()))
    if clash is not None and clash.id != campus_id:
        raise AdminError(f"There is already a campus called {clash.name}.", "name")
    return name


def create_campus(*, name: str, level: str) -> Campus:
    campus = Campus(name=_check_campus(name, level), level=level)
    db.session.add(campus)
    _commit()
    return campus


def update_campus(campus: Campus, *, name: str, level: str) -> Campus:
    campus.name, campus.level = _check_campus(name, level, campus_id=campus.id), level
    _commit()
    return campus


# --- district calendar ---------------------------------------------------------------------
def load_non_instructional_days(start: date, end: date, kinds: Collection[str] | None = None) -> set[date]:
    """Non-instructional dates from start to end inclusive, for app.cases.schooldays.

    `kinds` narrows the set, e.g. kinds={"holiday"} gives the days the district office is closed,
    to pass as `closed_days` for business-day deadlines.
    """
    query = sa.select(NonInstructionalDay.date).where(NonInstructionalDay.date.between(start, end))
    if kinds is not None:
        query = query.where(NonInstructionalDay.kind.in_(list(kinds)))
    return set(db.session.scalars(query))


def list_days(school_year: int) -> list[NonInstructionalDay]:
    start, end = school_year_bounds(school_year)
    return list(
        db.session.scalars(
            sa.select(NonInstructionalDay)
            .where(NonInstructionalDay.date.between(start, end))
            .order_by(NonInstructionalDay.date)
        )
    )


def school_years_with_days() -> list[int]:
    """School years that have any days entered, newest first."""
    first = db.session.scalar(sa.select(sa.func.min(NonInstructionalDay.date)))
    last = db.session.scalar(sa.select(sa.func.max(NonInstructionalDay.date)))
    if first is None:
        return []
    return list(range(school_year_of(last), school_year_of(first) - 1, -1))


def _check_kind(kind: str) -> str:
    kind = (kind or "").strip().lower()
    if kind not in {k.value for k in DayKind}:
        raise AdminError(f"Choose a kind: {', '.join(k.value for k in DayKind)}.", "kind")
    return kind


@dataclass
class AddResult:
    added: list[date] = field(default_factory=list)
    skipped_existing: list[date] = field(default_factory=list)
    skipped_weekends: int = 0


def add_non_instructional_days(*, first: date, last: date | None, description: str, kind: str) -> AddResult:
    """Add one day, or every weekday from first to last. Weekends are skipped (never school days);
    dates already in the calendar are kept as they are and reported."""
    last = last or first
    description = " ".join((description or "").split())
    kind = _check_kind(kind)
    if not description:
        raise AdminError("Describe the day, for example \u201cThanksgiving break\u201d.", "description")
    if last < first:
        raise AdminError("The last day must be on or after the first day.", "last")
    if (last - first).days >= MAX_RANGE_DAYS:
        raise AdminError(f"A range can cover at most {MAX_RANGE_DAYS} days. Check the years.", "last")
    existing = load_non_instructional_days(first, last)
    result = AddResult()
    day = first
    while day <= last:
        if first != last and not is_weekday(day):
            result.skipped_weekends += 1
        elif day in existing:
            result.skipped_existing.append(day)
        else:
            db.session.add(NonInstructionalDay(date=day, description=description, kind=kind))
            result.added.append(day)
        day += timedelta(days=1)
    _commit()
    return result


def delete_day(day_id: int) -> NonInstructionalDay:
    day = db.session.get(NonInstructionalDay, day_id)
    if day is None:
        raise AdminError("That day is not in the calendar (perhaps someone already deleted it).")
    db.session.delete(day)
    _commit()
    return day


# CSV import: all or nothing. A calendar with half its rows silently missing gives wrong
# deadlines, so any bad row stops the import and every bad row is reported by line number.
DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y")
MAX_IMPORT_ROWS = 2000


@dataclass
class ImportResult:
    added: int = 0
    duplicates: int = 0
    errors: list[str] = field(default_factory=list)  # "Line 4: ..." ; nothing imported when set


def parse_csv_date(text: str) -> date | None:
    text = text.strip()
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def import_days_csv(data: bytes | str) -> ImportResult:
    """Import rows `date,description[,kind]` (header optional). Duplicates are skipped and counted."""
    result = ImportResult()
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            result.errors.append("The file is not UTF-8 text. Save it from your spreadsheet as \u201cCSV UTF-8\u201d.")
            return result
    rows = _parse_rows(data, result)
    if result.errors:
        return result
    if not rows:
        result.errors.append("The file has no rows to import.")
        return result
    existing = load_non_instructional_days(min(rows), max(rows))
    for day, (description, kind) in rows.items():
        if day in existing:
            result.duplicates += 1
            continue
        db.session.add(NonInstructionalDay(date=day, description=description, kind=kind))
        result.added += 1
    _commit()
    return result


def _parse_rows(text: str, result: ImportResult) -> dict[date, tuple[str, str]]:
    rows: dict[date, tuple[str, str]] = {}
    kinds = {k.value for k in DayKind}
    reader = csv.reader(io.StringIO(text), strict=True)
    try:
        for row in reader:
            _parse_row(reader.line_num, row, rows, kinds, result)
    except csv.Error as exc:
        result.errors.append(f"Line {reader.line_num}: the file could not be read as CSV ({exc}).")
    return rows


def _parse_row(line: int, row: list[str], rows: dict, kinds: set[str], result: ImportResult) -> None:
    cells = [cell.strip() for cell in row]
    if not any(cells):
        return
    if line == 1 and cells[0].lower() == "date":
        return  # header row
    if len(rows) >= MAX_IMPORT_ROWS:
        raise csv.Error(f"more than {MAX_IMPORT_ROWS} rows; split it into smaller files")
    problems = []
    day = parse_csv_date(cells[0])
    if day is None:
        problems.append(f"\u201c{cells[0][:40]}\u201d is not a date (use YYYY-MM-DD or M/D/YYYY)")
    description = cells[1] if len(cells) > 1 else ""
    if not description:
        problems.append("the description is missing")
    elif len(description) > 200:
        problems.append("the description is longer than 200 characters")
    elif any(ord(ch) < 32 for ch in description):
        problems.append("the description contains control characters")
    kind = (cells[2].lower() if len(cells) > 2 and cells[2] else DayKind.HOLIDAY.value)
    if kind not in kinds:
        problems.append(f"\u201c{cells[2][:40]}\u201d is not a kind (use {', '.join(sorted(kinds))})")
    if len(cells) > 3 and any(cells[3:]):
        problems.append("there are more than three columns (put commas inside quotes)")
    if problems:
        result.errors.append(f"Line {line}: " + "; ".join(problems) + ".")
    elif day in rows:
        result.duplicates += 1  # the same date twice in one file: the first row wins
    else:
        rows[day] = (" ".join(description.split()), kind)


def set_role(user: User, role: str) -> User:
    """Change only the role (used by `flask users set-role`); keeps at least one active admin."""
    if role not in {r.value for r in Role}:
        raise AdminError(f"Unknown role {role!r}.", "role")
    _check_keeps_an_admin(user, role=role, active=user.active)
    user.role = role
    _commit()
    return user
