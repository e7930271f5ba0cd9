"""Admin pages: forms keep what was typed and say what to fix; changes take effect."""
import io
from datetime import date

import pytest
import sqlalchemy as sa

from app.models import Campus, NonInstructionalDay, User


def find_user(db, email):
    db.session.expire_all()
    return db.session.scalar(sa.select(User).where(User.email == email))


def user_form(**changes):
    return {"name": "Rosa Park", "email": "rosa@example.org", "role": "librarian", "campus_id": "None",
            "active": "y", "password": "a long password", "confirm": "a long password"} | changes


@pytest.fixture
def as_admin(auth):
    auth.login("admin")


def test_index_lists_sections_by_permission(client, auth):
    auth.login("officer")
    body = client.get("/admin/").get_data(as_text=True)
    assert "/admin/calendar" in body and "/admin/users" not in body
    auth.logout()
    auth.login("admin")
    body = client.get("/admin/").get_data(as_text=True)
    assert "/admin/calendar" in body and "/admin/users" in body and "/admin/campuses" in body


@pytest.mark.parametrize(("role", "shown"), [("teacher", False), ("librarian", False), ("officer", True), ("admin", True)])
def test_nav_links_to_admin_for_officer_and_admin(client, auth, role, shown):
    auth.login(role)
    assert ('href="/admin/"' in client.get("/").get_data(as_text=True)) is shown


# --- users ---------------------------------------------------------------------------------
def test_create_user(client, as_admin, db, campus):
    response = client.post("/admin/users/new", data=user_form(campus_id=str(campus.id)))
    assert response.status_code == 302 and response.headers["Location"] == "/admin/users"
    user = find_user(db, "rosa@example.org")
    assert (user.name, user.role, user.campus_id) == ("Rosa Park", "librarian", campus.id)
    assert user.check_password("a long password")
    assert "Rosa Park" in client.get("/admin/users").get_data(as_text=True)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"email": "teacher@example.org"}, "Another account already uses teacher@example.org"),
        ({"email": "not-an-email"}, "Enter an email address like"),
        ({"name": ""}, "Enter the person&#39;s name"),
        ({"password": "short", "confirm": "short"}, "Use at least 10 characters"),
        ({"password": "", "confirm": ""}, "Set a password"),
        ({"confirm": "something else"}, "The two passwords differ"),
        ({"role": "superuser"}, "Not a valid choice"),
    ],
)
def test_create_user_rejected_keeps_input_and_says_what_to_fix(client, as_admin, db, changes, message):
    data = user_form(**changes)
    response = client.post("/admin/users/new", data=data)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in body
    assert "Please fix" in body  # the error summary
    if data["name"]:
        assert f'value="{data["name"]}"' in body
    assert f'value="{data["email"]}"' in body
    assert 'value="a long password"' not in body  # passwords are never echoed back
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User).where(User.name == "Rosa Park")) == 0


def test_edit_user_sets_new_password(client, as_admin, users, db):
    teacher = users["teacher"]
    response = client.post(f"/admin/users/{teacher.id}", data=user_form(
        name="Terry Teacher", email=teacher.email, role="teacher", password="fresh password 1", confirm="fresh password 1"))
    assert response.status_code == 302
    teacher = find_user(db, teacher.email)
    assert teacher.name == "Terry Teacher" and teacher.check_password("fresh password 1")


def test_edit_form_shows_current_values(client, as_admin, users):
    body = client.get(f"/admin/users/{users['librarian'].id}").get_data(as_text=True)
    assert 'value="librarian@example.org"' in body
    assert '<option selected value="librarian">' in body


def test_admin_cannot_deactivate_themselves_in_the_form(client, as_admin, users, db):
    admin = users["admin"]
    data = user_form(name="Changed Name", email=admin.email, role="admin", password="", confirm="")
    del data["active"]  # unticked box
    response = client.post(f"/admin/users/{admin.id}", data=data)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "You cannot deactivate your own account" in body
    assert 'value="Changed Name"' in body  # what was typed is kept
    admin = find_user(db, admin.email)
    assert admin.active and admin.name != "Changed Name"


def test_last_admin_cannot_demote_themselves(client, as_admin, users, db):
    admin = users["admin"]
    response = client.post(f"/admin/users/{admin.id}", data=user_form(email=admin.email, role="teacher", password="", confirm=""))
    assert "is the last active admin" in response.get_data(as_text=True)
    assert find_user(db, admin.email).role == "admin"


def test_deactivate_and_reactivate_button(client, as_admin, users, db):
    teacher = users["teacher"]
    response = client.post(f"/admin/users/{teacher.id}/active", data={"active": "0"}, follow_redirects=True)
    assert "can no longer sign in" in response.get_data(as_text=True)
    assert not find_user(db, teacher.email).active
    client.post(f"/admin/users/{teacher.id}/active", data={"active": "1"})
    assert find_user(db, teacher.email).active


def test_deactivating_yourself_by_button_is_refused(client, as_admin, users, db):
    response = client.post(f"/admin/users/{users['admin'].id}/active", data={"active": "0"}, follow_redirects=True)
    assert "You cannot deactivate your own account" in response.get_data(as_text=True)
    assert find_user(db, "admin@example.org").active


def test_unknown_user_is_404(client, as_admin):
    assert client.get("/admin/users/9999").status_code == 404
    assert client.post("/admin/users/9999/active", data={"active": "0"}).status_code == 404


# --- campuses ------------------------------------------------------------------------------
def test_create_and_edit_campus(client, as_admin, db):
    response = client.post("/admin/campuses/new", data={"name": "Blue Heron High School", "level": "high"})
    assert response.status_code == 302
    campus = db.session.scalar(sa.select(Campus).where(Campus.name == "Blue Heron High School"))
    assert campus.level == "high"
    client.post(f"/admin/campuses/{campus.id}", data={"name": "Blue Heron Early College High School", "level": "high"})
    db.session.expire_all()
    assert db.session.get(Campus, campus.id).name == "Blue Heron Early College High School"
    assert "Blue Heron Early College High School" in client.get("/admin/campuses").get_data(as_text=True)


@pytest.mark.parametrize(
    ("data", "message"),
    [({"name": "LINCOLN MIDDLE SCHOOL", "level": "middle"}, "There is already a campus called Lincoln Middle School"),
     ({"name": "", "level": "middle"}, "Enter the campus name"),
     ({"name": "Nowhere Academy", "level": "college"}, "Not a valid choice")],
)
def test_campus_rejected_keeps_input(client, as_admin, campus, data, message):
    body = client.post("/admin/campuses/new", data=data).get_data(as_text=True)
    assert message in body
    if data["name"]:
        assert f'value="{data["name"]}"' in body


# --- calendar ------------------------------------------------------------------------------
def test_calendar_add_range_list_by_year_and_delete(client, auth, db):
    auth.login("officer")
    response = client.post("/admin/calendar/add", data={
        "first": "2026-12-21", "last": "2027-01-01", "description": "Winter break", "kind": "break"})
    assert response.status_code == 302 and response.headers["Location"] == "/admin/calendar?year=2026"
    body = client.get("/admin/calendar?year=2026").get_data(as_text=True)
    assert "Added 10 days" in body and "2 weekend days skipped" in body
    assert body.count("Winter break") == 10
    assert "Winter break" not in client.get("/admin/calendar?year=2027").get_data(as_text=True)
    day = db.session.scalar(sa.select(NonInstructionalDay).where(NonInstructionalDay.date == date(2027, 1, 1)))
    response = client.post(f"/admin/calendar/{day.id}/delete?year=2026", follow_redirects=True)
    assert "Removed 2027-01-01 (Winter break)" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(NonInstructionalDay)) == 9


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"first": "26/11/2026", "description": "Thanksgiving", "kind": "holiday"}, "Enter a valid date"),
        ({"first": "2026-11-27", "last": "2026-11-26", "description": "Thanksgiving", "kind": "holiday"},
         "The last day must be on or after the first day"),
        ({"first": "2026-01-05", "last": "2026-12-31", "description": "Thanksgiving", "kind": "holiday"}, "at most 120 days"),
        ({"first": "2026-11-26", "description": "", "kind": "holiday"}, "Describe the day"),
    ],
)
def test_calendar_add_rejected_keeps_input(client, auth, db, data, message):
    auth.login("officer")
    response = client.post("/admin/calendar/add", data=data)
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and message in body
    assert f'value="{data["first"]}"' in body
    if data["description"]:
        assert f'value="{data["description"]}"' in body
    assert db.session.scalar(sa.select(sa.func.count()).select_from(NonInstructionalDay)) == 0


def upload(client, text: str, year=2026):
    return client.post(f"/admin/calendar/import?year={year}",
                       data={"file": (io.BytesIO(text.encode()), "calendar.csv")},
                       content_type="multipart/form-data")


def test_calendar_import_good_file(client, auth, db):
    auth.login("officer")
    response = upload(client, "date,description,kind\n2026-09-07,Labor Day,holiday\n11/26/2026,Thanksgiving\n")
    assert response.status_code == 302
    body = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Imported 2 days; 0 duplicates skipped." in body and "Labor Day" in body
    response = upload(client, "2026-09-07,Labor Day\n2026-10-12,Staff day,staff-development\n")
    assert "Imported 1 day; 1 duplicate skipped." in client.get(response.headers["Location"]).get_data(as_text=True)


def test_calendar_import_bad_file_imports_nothing_and_lists_rows(client, auth, db):
    auth.login("admin")
    response = upload(client, "2026-09-07,Labor Day\n2026-02-30,Impossible day\n09/07/2026,<b>bold</b>,party\n")
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Nothing was imported" in body
    assert "Line 2: \u201c2026-02-30\u201d is not a date" in body
    assert "Line 3: \u201cparty\u201d is not a kind" in body
    assert db.session.scalar(sa.select(sa.func.count()).select_from(NonInstructionalDay)) == 0


def test_calendar_import_without_a_file(client, auth):
    auth.login("admin")
    response = client.post("/admin/calendar/import", data={}, content_type="multipart/form-data")
    assert response.status_code == 200 and "Choose a CSV file to upload" in response.get_data(as_text=True)


def test_calendar_user_text_is_escaped(client, auth):
    auth.login("admin")
    client.post("/admin/calendar/add", data={"first": "2026-11-26", "description": "<script>x()</script>", "kind": "other"})
    body = client.get("/admin/calendar?year=2026").get_data(as_text=True)
    assert "<script>x()</script>" not in body and "&lt;script&gt;" in body


@pytest.mark.parametrize("year", ["abc", "99999", "-5"])
def test_calendar_bad_year_falls_back_to_current(client, auth, year):
    auth.login("admin")
    assert client.get(f"/admin/calendar?year={year}").status_code == 200


def test_user_list_loads_campuses_in_one_query(client, auth, users, app):
    """Regression (review): the users page lazily loaded each user's campus (N+1)."""
    import sqlalchemy as sa

    from app.extensions import db
    from app.models import Campus, User

    def queries():
        seen = []
        listener = lambda *args, **kwargs: seen.append(1)  # noqa: E731
        sa.event.listen(db.engine, "before_cursor_execute", listener)
        try:
            assert client.get("/admin/users").status_code == 200
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", listener)
        return len(seen)

    auth.login("admin")
    db.session.expire_all()
    before = queries()
    for i in range(4):
        campus = Campus(name=f"Campus {i}", level="elementary")
        db.session.add(campus)
        db.session.flush()
        db.session.add(User(email=f"u{i}@example.org", name=f"U {i}", role="teacher", campus_id=campus.id,
                            password_hash="x"))
    db.session.commit()
    db.session.expire_all()
    assert queries() == before


@pytest.mark.parametrize("url", ["/admin/users/99999999999999999999", "/admin/campuses/99999999999999999999"])
def test_out_of_range_ids_are_not_found(client, auth, users, url):
    """Regression (review): <int:...> ids beyond the database's integer range gave a 500."""
    auth.login("admin")
    assert client.get(url).status_code == 404
