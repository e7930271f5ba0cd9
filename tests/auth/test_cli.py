"""`flask users ...` commands."""
import stat

import pytest
import sqlalchemy as sa

from app.auth.services import authenticate
from app.models import Campus, User


@pytest.fixture
def accounts_file(tmp_path):
    return tmp_path / "instance" / "demo-accounts.txt"


def seed(runner, accounts_file):
    return runner.invoke(args=["users", "seed", "--accounts-file", str(accounts_file)])


def test_seed_on_an_empty_table_creates_campuses_and_one_account_per_role(runner, db, accounts_file):
    result = seed(runner, accounts_file)
    assert result.exit_code == 0, result.output
    users = db.session.scalars(sa.select(User).order_by(User.id)).all()
    assert [u.role for u in users] == ["teacher", "librarian", "officer", "admin"]
    assert all(u.email.endswith("@demo.rightsdesk.test") and u.active for u in users)
    levels = sorted(c.level for c in db.session.scalars(sa.select(Campus)))
    assert levels == ["elementary", "elementary", "high", "middle"]
    # The output and the file say how to sign in, and the printed passwords work.
    assert "http://127.0.0.1:5000/login" in result.output
    text = accounts_file.read_text()
    assert stat.S_IMODE(accounts_file.stat().st_mode) == 0o600
    for line in text.splitlines()[2:]:
        role, email, password = line.split()
        assert line in result.output
        assert authenticate(email, password).role == role


def test_seed_passwords_differ_between_instances(runner, db, accounts_file, tmp_path):
    seed(runner, accounts_file)
    first = accounts_file.read_text()
    db.session.execute(sa.delete(User))
    db.session.commit()
    seed(runner, accounts_file)
    assert accounts_file.read_text() != first
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Campus)) == 4  # campuses not duplicated


def test_seed_skips_when_users_exist_and_says_where_the_file_is(runner, db, accounts_file):
    seed(runner, accounts_file)
    before = accounts_file.read_text()
    result = seed(runner, accounts_file)
    assert result.exit_code == 0
    assert "skipped" in result.output and str(accounts_file) in result.output
    assert accounts_file.read_text() == before
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 4


def test_seed_never_touches_a_real_install(runner, users, accounts_file):
    result = seed(runner, accounts_file)
    assert "skipped" in result.output and not accounts_file.exists()


def test_create_and_list(runner, db):
    result = runner.invoke(args=["users", "create", "--email", "Ana@Example.org", "--name", "Ana Ruiz",
                                 "--role", "librarian"], input="long enough pw\nlong enough pw\n")
    assert result.exit_code == 0, result.output
    listing = runner.invoke(args=["users", "list"]).output
    assert "ana@example.org" in listing and "librarian" in listing and "active" in listing


def test_list_when_empty(runner, db):
    assert "No users" in runner.invoke(args=["users", "list"]).output


def test_set_role(runner, users, db):
    result = runner.invoke(args=["users", "set-role", "TEACHER@example.org", "officer"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert db.session.get(User, users["teacher"].id).role == "officer"


@pytest.mark.parametrize(
    ("args", "message"),
    [(["nobody@example.org", "admin"], "No account"), (["admin@example.org", "teacher"], "last active admin")],
)
def test_set_role_refused(runner, users, args, message):
    result = runner.invoke(args=["users", "set-role", *args])
    assert result.exit_code != 0 and message in result.output


def test_permissions_prints_the_table(runner, app):
    output = runner.invoke(args=["users", "permissions"]).output
    lines = {line.split()[0]: line for line in output.splitlines()[1:] if line.strip()}
    assert "admin" in lines["admin.users"] and "officer" not in lines["admin.users"]
    assert "officer, admin" in lines["admin.calendar"]
    assert "anyone" in lines["library.read"]
