"""Sign-in with a per-address throttle. One generic error whatever went wrong."""
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
from flask_babel import lazy_gettext, lazy_ngettext
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db
from app.models import LoginThrottle, User

# Lazy: the message is put into the reader's language when the view shows it (str(exc)).
GENERIC_LOGIN_ERROR = lazy_gettext("Invalid email or password.")


def locked_error(minutes: int):
    return lazy_ngettext(
        "Too many failed sign-in attempts for this address. Please wait %(num)d minute and try again.",
        "Too many failed sign-in attempts for this address. Please wait %(num)d minutes and try again.",
        minutes,
    )


class AuthError(Exception):
    pass


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def authenticate(email: str, password: str, *, max_failures: int = 5, lockout_minutes: int = 15) -> User:
    """Return the active user for these credentials, or raise AuthError with a message to show."""
    email = normalize_email(email)
    now = datetime.now(timezone.utc)
    throttle = db.session.get(LoginThrottle, email)
    if throttle and throttle.locked_until and _aware(throttle.locked_until) > now:
        raise AuthError(locked_error(lockout_minutes))
    user = db.session.scalar(sa.select(User).where(User.email == email))
    # Hash the password even for unknown addresses so the response time does not reveal accounts.
    password_ok = user.check_password(password or "") if user else _check_dummy_password(password or "")
    if user is None or not user.active or not password_ok:
        _record_failure(email, now, max_failures, lockout_minutes)
        raise AuthError(GENERIC_LOGIN_ERROR)
    if throttle:
        db.session.delete(throttle)
        db.session.commit()
    return user


def _record_failure(email: str, now: datetime, max_failures: int, lockout_minutes: int) -> None:
    for _attempt in range(2):  # a concurrent first failure for the same address may insert first
        throttle = db.session.get(LoginThrottle, email) or LoginThrottle(email=email, failures=0)
        if throttle.locked_until and _aware(throttle.locked_until) <= now:
            throttle.failures, throttle.locked_until = 0, None
        throttle.failures += 1
        if throttle.failures >= max_failures:
            throttle.locked_until = now + timedelta(minutes=lockout_minutes)
        db.session.add(throttle)
        try:
            db.session.commit()
            return
        except sa.exc.IntegrityError:
            db.session.rollback()


_DUMMY_HASHES: dict[str, str] = {}


def _check_dummy_password(password: str) -> bool:
    from flask import current_app, has_app_context

    method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt") if has_app_context() else "scrypt"
    if method not in _DUMMY_HASHES:
        _DUMMY_HASHES[method] = generate_password_hash("not a real password", method=method)
    check_password_hash(_DUMMY_HASHES[method], password)
    return False


def _aware(value: datetime) -> datetime:
    # SQLite returns naive datetimes even for timezone-aware columns.
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def create_user(email: str, name: str, role: str, password: str, campus_id: int | None = None) -> User:
    from app.models import Role

    email = normalize_email(email)
    if role not in {r.value for r in Role}:
        raise AuthError(f"Unknown role {role!r}.")
    if len(password or "") < 10:
        raise AuthError("The password must be at least 10 characters long.")
    if db.session.scalar(sa.select(User).where(User.email == email)):
        raise AuthError(f"A user with the email {email} already exists.")
    user = User(email=email, name=name.strip(), role=role, campus_id=campus_id)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user


def find_user(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == normalize_email(email)))


# --- demo data for `flask users seed` ------------------------------------------------------
DEMO_DOMAIN = "demo.rightsdesk.test"
DEMO_CAMPUSES = (  # fictional schools
    ("Cedar Hollow Elementary School", "elementary"),
    ("Maple Ridge Elementary School", "elementary"),
    ("Juniper Creek Middle School", "middle"),
    ("Blue Heron High School", "high"),
)
DEMO_PEOPLE = (  # role, name, campus (None: district-wide)
    ("teacher", "Jordan Ellis (demo teacher)", "Cedar Hollow Elementary School"),
    ("librarian", "Priya Raman (demo librarian)", "Juniper Creek Middle School"),
    ("officer", "Morgan Avery (demo compliance officer)", None),
    ("admin", "Sam Okafor (demo admin)", None),
)


def seed_demo() -> list[tuple[str, str, str]] | None:
    """On an empty users table: demo campuses and one account per role with a fresh random
    password. Returns (role, email, password) rows, or None when users already exist."""
    import secrets

    from app.models import Campus

    if db.session.scalar(sa.select(sa.func.count()).select_from(User)):
        return None
    campuses = {c.name: c for c in db.session.scalars(sa.select(Campus))}
    for name, level in DEMO_CAMPUSES:
        if name not in campuses:
            campuses[name] = Campus(name=name, level=level)
            db.session.add(campuses[name])
    accounts = []
    for role, name, campus_name in DEMO_PEOPLE:
        password = secrets.token_urlsafe(12)
        user = User(email=f"{role}@{DEMO_DOMAIN}", name=name, role=role,
                    campus=campuses[campus_name] if campus_name else None)
        user.set_password(password)
        db.session.add(user)
        accounts.append((role, user.email, password))
    try:
        db.session.commit()
    except sa.exc.IntegrityError:  # another process seeded at the same moment
        db.session.rollback()
        return None
    return accounts
