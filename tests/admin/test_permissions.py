"""Who may open and use each admin page: role x action, checked through real requests."""
from datetime import date

import pytest

from app.auth.permissions import can
from app.models import NonInstructionalDay, Role

# (method, url, permission the page needs). {user}, {campus} and {day} are filled in per test.
ADMIN_ACTIONS = [
    ("GET", "/admin/", "admin.index"),
    ("GET", "/admin/users", "admin.users"),
    ("GET", "/admin/users/new", "admin.users"),
    ("POST", "/admin/users/new", "admin.users"),
    ("GET", "/admin/users/{user}", "admin.users"),
    ("POST", "/admin/users/{user}", "admin.users"),
    ("POST", "/admin/users/{user}/active", "admin.users"),
    ("GET", "/admin/campuses", "admin.users"),
    ("GET", "/admin/campuses/new", "admin.users"),
    ("POST", "/admin/campuses/new", "admin.users"),
    ("GET", "/admin/campuses/{campus}", "admin.users"),
    ("POST", "/admin/campuses/{campus}", "admin.users"),
    ("GET", "/admin/calendar", "admin.calendar"),
    ("POST", "/admin/calendar/add", "admin.calendar"),
    ("POST", "/admin/calendar/{day}/delete", "admin.calendar"),
    ("POST", "/admin/calendar/import", "admin.calendar"),
]
# The expected outcome, written out rather than derived from the permission table.
ALLOWED = {
    "anonymous": set(),
    "teacher": set(),
    "librarian": set(),
    "officer": {"admin.index", "admin.calendar"},
    "admin": {"admin.index", "admin.users", "admin.calendar"},
}


@pytest.fixture
def day(db):
    day = NonInstructionalDay(date=date(2026, 11, 26), description="Thanksgiving", kind="holiday")
    db.session.add(day)
    db.session.commit()
    return day


@pytest.mark.parametrize("who", list(ALLOWED))
@pytest.mark.parametrize(("method", "url", "permission"), ADMIN_ACTIONS, ids=[f"{m} {u}" for m, u, _ in ADMIN_ACTIONS])
def test_admin_access(client, auth, users, campus, day, who, method, url, permission):
    if who != "anonymous":
        auth.login(who)
    url = url.format(user=users["teacher"].id, campus=campus.id, day=day.id)
    response = client.open(url, method=method, data={})
    location = response.headers.get("Location", "")
    if who == "anonymous":
        assert response.status_code == 302 and location.startswith("/login?next=")
    elif permission in ALLOWED[who]:
        assert response.status_code in (200, 302)
        assert not location.startswith("/login")
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", list(Role))
def test_permission_table_for_admin_actions(users, role):
    user = users[role.value]
    assert can(user, "admin.users") is (role is Role.ADMIN)
    assert can(user, "admin.calendar") is (role in {Role.ADMIN, Role.OFFICER})


def test_a_denied_post_changes_nothing(client, auth, users, day, db):
    auth.login("officer")
    client.post(f"/admin/users/{users['teacher'].id}/active", data={"active": "0"})
    auth.logout()
    auth.login("librarian")
    client.post(f"/admin/calendar/{day.id}/delete")
    db.session.expire_all()
    assert users["teacher"].active
    assert db.session.get(NonInstructionalDay, day.id) is not None
