"""Shared fixtures: app, client, runner, db, users of every role, and a sign-in helper."""
import pytest
import sqlalchemy as sa

from app import create_app
from app.config import TestConfig
from app.extensions import db as _db
from app.models import Campus, Role, User

PASSWORD = "correct horse battery"


@pytest.fixture
def app_overrides(tmp_path):
    """Per-test config; override this fixture in a test module to change settings."""
    return {"SEARCH_INDEX_DIR": str(tmp_path / "search_index")}


@pytest.fixture
def app(app_overrides):
    app = create_app(TestConfig, app_overrides)
    with app.app_context():
        server_db = _db.engine.dialect.name != "sqlite"
        if not server_db:
            _db.create_all()  # a fresh in-memory database per test
        elif sa.inspect(_db.engine).has_table("cases"):
            # Far faster than drop_all/create_all per test on PostgreSQL; done before the test,
            # so a run that was killed mid-test leaves nothing behind for the next one.
            _truncate_all_tables()
        else:
            _db.create_all()  # once per run (or again after the migration tests drop everything)
        yield app
        _db.session.remove()
        if not server_db:
            _db.drop_all()
        _db.engine.dispose()  # close pooled connections (psycopg warns otherwise)


def _truncate_all_tables() -> None:
    tables = ", ".join(f'"{table.name}"' for table in _db.metadata.sorted_tables)
    with _db.engine.begin() as conn:
        conn.execute(sa.text(f"TRUNCATE TABLE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture
def db(app):
    return _db


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def campus(app):
    campus = Campus(name="Lincoln Middle School", level="middle")
    _db.session.add(campus)
    _db.session.commit()
    return campus


@pytest.fixture
def users(app, campus):
    """One active user per role, keyed by role name."""
    made = {}
    for role in Role:
        user = User(email=f"{role.value}@example.org", name=f"Test {role.label}", role=role.value, campus_id=campus.id)
        user.set_password(PASSWORD)
        _db.session.add(user)
        made[role.value] = user
    _db.session.commit()
    return made


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, who: str | User = "teacher", password: str = PASSWORD):
        email = who.email if isinstance(who, User) else f"{who}@example.org"
        return self._client.post("/login", data={"email": email, "password": password})

    def logout(self):
        return self._client.post("/logout")


@pytest.fixture
def auth(client, users):
    return AuthActions(client)
