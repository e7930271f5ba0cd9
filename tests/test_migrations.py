"""The schema changes only through migrations: they must build exactly what the models describe,
on SQLite and on PostgreSQL (TEST_DATABASE_URL), and undo cleanly."""
import os

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from app import create_app
from app.cases.fulltext import alembic_include_object
from app.config import TestConfig
from app.extensions import db

MIGRATIONS = os.path.join(os.path.dirname(__file__), "..", "migrations")


@pytest.fixture
def migrated_app(tmp_path):
    url = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'migrated.sqlite'}"
    app = create_app(TestConfig, {"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        db.drop_all()  # start from nothing even if an earlier test left tables behind
        with db.engine.begin() as conn:
            conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
        upgrade(directory=MIGRATIONS)
        yield app
        downgrade(directory=MIGRATIONS, revision="base")
        with db.engine.begin() as conn:
            conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
        db.session.remove()
        db.engine.dispose()


def test_migrations_match_the_models(migrated_app):
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": alembic_include_object, "render_as_batch": True}
        )
        diff = compare_metadata(context, db.metadata)
    assert diff == []


def test_migrated_database_has_case_full_text_search(migrated_app):
    from app.cases.fulltext import matching_case_ids  # noqa: F401  (the query helper the queue uses)

    dialect = db.engine.dialect.name
    with db.engine.connect() as conn:
        if dialect == "sqlite":
            names = {row[0] for row in conn.execute(sa.text("SELECT name FROM sqlite_master"))}
            assert {"cases_fts", "cases_fts_ai", "cases_fts_au", "cases_fts_ad"} <= names
        else:
            columns = {c["name"] for c in sa.inspect(conn).get_columns("cases")}
            assert "search_vector" in columns


def test_downgrade_removes_every_table(migrated_app):
    downgrade(directory=MIGRATIONS, revision="base")
    with db.engine.connect() as conn:
        tables = set(sa.inspect(conn).get_table_names()) - {"alembic_version"}
    assert tables == set()
    upgrade(directory=MIGRATIONS)  # the fixture downgrades again
