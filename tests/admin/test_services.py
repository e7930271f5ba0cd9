"""Admin services: users, campuses, the district calendar and its CSV import."""
from datetime import date

import pytest
import sqlalchemy as sa

from app.admin import services
from app.admin.services import AdminError
from app.models import Campus, NonInstructionalDay, User


def all_days(db) -> dict[date, NonInstructionalDay]:
    return {d.date: d for d in db.session.scalars(sa.select(NonInstructionalDay))}


# --- users ---------------------------------------------------------------------------------
def test_create_user_normalises_email_and_hashes_password(db, campus):
    user = services.create_user(name=" Ana Ruiz ", email=" Ana@Example.ORG ", role="librarian",
                                campus_id=campus.id, password="long enough pw")
    assert (user.name, user.email, user.role, user.campus_id, user.active) == ("Ana Ruiz", "ana@example.org", "librarian", campus.id, True)
    assert user.check_password("long enough pw") and "long enough pw" not in user.password_hash


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"email": "TEACHER@example.org"}, "email", "already uses"),
        ({"role": "superuser"}, "role", "Unknown role"),
        ({"password": "short"}, "password", "at least 10"),
        ({"campus_id": 999}, "campus_id", "no longer exists"),
    ],
)
def test_create_user_rejects(db, users, campus, changes, field, message):
    args = {"name": "New Person", "email": "new@example.org", "role": "teacher", "campus_id": campus.id,
            "password": "long enough pw"} | changes
    before = db.session.scalar(sa.select(sa.func.count()).select_from(User))
    with pytest.raises(AdminError, match=message) as info:
        services.create_user(**args)
    assert info.value.field == field
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == before


def _update(actor, user, **changes):
    args = {"name": user.name, "email": user.email, "role": user.role, "campus_id": user.campus_id,
            "active": user.active} | changes
    return services.update_user(actor, user, **args)


def test_update_user_changes_fields_and_password(db, users):
    admin, teacher = users["admin"], users["teacher"]
    _update(admin, teacher, name="Renamed", role="librarian", campus_id=None, new_password="brand new password")
    db.session.expire_all()
    teacher = db.session.get(User, teacher.id)
    assert (teacher.name, teacher.role, teacher.campus_id) == ("Renamed", "librarian", None)
    assert teacher.check_password("brand new password")


def test_blank_new_password_keeps_the_old_one(db, users):
    _update(users["admin"], users["teacher"], new_password="")
    assert users["teacher"].check_password("correct horse battery")


def test_admin_cannot_deactivate_themselves(db, users):
    admin = users["admin"]
    with pytest.raises(AdminError, match="your own account"):
        _update(admin, admin, active=False)
    with pytest.raises(AdminError, match="your own account"):
        services.set_user_active(admin, admin, False)
    db.session.expire_all()
    assert db.session.get(User, admin.id).active


@pytest.mark.parametrize("role", ["teacher", "librarian", "officer"])
def test_the_last_active_admin_cannot_be_demoted(db, users, role):
    admin = users["admin"]
    with pytest.raises(AdminError, match="last active admin") as info:
        _update(admin, admin, role=role)
    assert info.value.field == "role"
    with pytest.raises(AdminError, match="last active admin"):
        services.set_role(admin, role)
    db.session.expire_all()
    admin = db.session.get(User, admin.id)
    assert admin.role == "admin" and admin.active


@pytest.mark.parametrize("role", ["teacher", "librarian", "officer"])
def test_only_admins_may_manage_accounts(db, users, role):
    with pytest.raises(AdminError, match="permission"):
        services.set_user_active(users[role], users["teacher"], False)
    with pytest.raises(AdminError, match="permission"):
        _update(users[role], users[role], role="admin")
    db.session.expire_all()
    assert db.session.get(User, users[role].id).role == role


def test_an_admin_can_be_removed_when_another_active_admin_exists(db, users):
    second = services.create_user(name="Second Admin", email="second@example.org", role="admin", campus_id=None,
                                  password="long enough pw")
    services.set_user_active(second, users["admin"], False)
    assert not users["admin"].active
    with pytest.raises(AdminError, match="last active admin"):
        services.set_role(second, "teacher")  # now the only active admin
    services.set_role(users["officer"], "admin")
    services.set_role(second, "teacher")
    assert (second.role, users["officer"].role) == ("teacher", "admin")


def test_set_user_active_reactivates(db, users):
    services.set_user_active(users["admin"], users["teacher"], False)
    assert not users["teacher"].active
    services.set_user_active(users["admin"], users["teacher"], True)
    assert users["teacher"].active


# --- campuses ------------------------------------------------------------------------------
def test_create_and_update_campus(db):
    campus = services.create_campus(name="  Cedar   Hollow Elementary ", level="elementary")
    assert campus.name == "Cedar Hollow Elementary"
    services.update_campus(campus, name="Cedar Hollow Elementary School", level="elementary")
    assert db.session.get(Campus, campus.id).name == "Cedar Hollow Elementary School"


@pytest.mark.parametrize(
    ("name", "level", "field"),
    [("lincoln middle school", "middle", "name"), ("   ", "high", "name"), ("New School", "university", "level")],
)
def test_create_campus_rejects(db, campus, name, level, field):
    with pytest.raises(AdminError) as info:
        services.create_campus(name=name, level=level)
    assert info.value.field == field


def test_a_campus_may_keep_its_own_name(db, campus):
    services.update_campus(campus, name=campus.name, level="high")
    assert campus.level == "high"


# --- calendar ------------------------------------------------------------------------------
def test_add_one_day_even_on_a_weekend(db):
    result = services.add_non_instructional_days(first=date(2026, 11, 21), last=None, description="Saturday make-up cancelled", kind="other")
    assert result.added == [date(2026, 11, 21)]


def test_add_a_range_adds_weekdays_and_skips_existing(db):
    services.add_non_instructional_days(first=date(2026, 12, 21), last=None, description="First day", kind="holiday")
    result = services.add_non_instructional_days(first=date(2026, 12, 19), last=date(2027, 1, 3),
                                                 description="Winter  break", kind="break")
    assert result.skipped_existing == [date(2026, 12, 21)]
    assert result.skipped_weekends == 6  # 19, 20, 26, 27 Dec, 2, 3 Jan
    assert len(result.added) == 9
    days = all_days(db)
    assert days[date(2026, 12, 21)].description == "First day"
    assert days[date(2027, 1, 1)].description == "Winter break" and days[date(2027, 1, 1)].kind == "break"


@pytest.mark.parametrize(
    ("first", "last", "description", "kind", "field"),
    [
        (date(2026, 12, 21), date(2026, 12, 20), "Break", "break", "last"),
        (date(2026, 1, 1), date(2026, 12, 31), "Whole year", "break", "last"),
        (date(2026, 12, 21), None, "   ", "break", "description"),
        (date(2026, 12, 21), None, "Break", "vacation", "kind"),
    ],
)
def test_add_days_rejects(db, first, last, description, kind, field):
    with pytest.raises(AdminError) as info:
        services.add_non_instructional_days(first=first, last=last, description=description, kind=kind)
    assert info.value.field == field
    assert all_days(db) == {}


def test_list_days_by_school_year_and_load_for_deadlines(db):
    for d in (date(2026, 6, 30), date(2026, 7, 1), date(2027, 6, 30), date(2027, 7, 1)):
        db.session.add(NonInstructionalDay(date=d, description="x", kind="other"))
    db.session.commit()
    assert [d.date for d in services.list_days(2026)] == [date(2026, 7, 1), date(2027, 6, 30)]
    assert services.school_years_with_days() == [2027, 2026, 2025]
    assert services.load_non_instructional_days(date(2026, 7, 1), date(2027, 7, 1)) == {
        date(2026, 7, 1), date(2027, 6, 30), date(2027, 7, 1)}


def test_delete_day(db):
    services.add_non_instructional_days(first=date(2026, 11, 26), last=None, description="Thanksgiving", kind="holiday")
    day_id = all_days(db)[date(2026, 11, 26)].id
    services.delete_day(day_id)
    assert all_days(db) == {}
    with pytest.raises(AdminError, match="not in the calendar"):
        services.delete_day(day_id)


# --- CSV import ----------------------------------------------------------------------------
def test_import_accepts_both_date_formats_header_kinds_and_counts_duplicates(db):
    db.session.add(NonInstructionalDay(date=date(2026, 9, 7), description="Labor Day", kind="holiday"))
    db.session.commit()
    csv_text = (
        "\ufeffdate,description,kind\n"          # Excel's byte-order mark and a header
        "2026-09-07,Labor Day,holiday\n"          # already in the calendar
        "10/12/2026,Staff development,staff-development\n"
        "11/26/2026,Thanksgiving\n"               # kind defaults to holiday
        "\n"
        '2026-11-27,"Thanksgiving, day after",BREAK\n'
        "2026-11-27,Same date again,other\n"      # duplicate inside the file
    ).encode()
    result = services.import_days_csv(csv_text)
    assert result.errors == []
    assert (result.added, result.duplicates) == (3, 2)
    days = all_days(db)
    assert days[date(2026, 10, 12)].kind == "staff-development"
    assert days[date(2026, 11, 26)].kind == "holiday"
    assert days[date(2026, 11, 27)].description == "Thanksgiving, day after"
    assert days[date(2026, 11, 27)].kind == "break"


def test_import_with_any_bad_row_imports_nothing_and_lists_every_bad_row(db):
    csv_text = (
        "date,description,kind\n"
        "2026-09-07,Labor Day\n"
        "2026-13-01,Bad month\n"
        "11/26/2026,,holiday\n"
        "2026-11-27,Day after,vacation\n"
        "2026-11-30,Too,many,columns\n"
        "tomorrow,Whenever,holiday\n"
    )
    result = services.import_days_csv(csv_text)
    assert result.added == 0
    assert [e.split(":")[0] for e in result.errors] == ["Line 3", "Line 4", "Line 5", "Line 6", "Line 7"]
    assert "not a date" in result.errors[0] and "description is missing" in result.errors[1]
    assert "not a kind" in result.errors[2] and "more than three columns" in result.errors[3]
    assert all_days(db) == {}


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "no rows"), (b"date,description\n", "no rows"), ("2026-09-07,F\u00eate".encode("latin-1"), "not UTF-8"),
     (b'2026-09-07,"Labor Day\n', "could not be read"), (b"2026-09-07,Labor\x00Day\n", "control characters")],
)
def test_import_rejects_empty_or_unreadable_files(db, data, message):
    result = services.import_days_csv(data)
    assert result.added == 0 and message in " ".join(result.errors)
    assert all_days(db) == {}


def test_load_days_can_be_narrowed_to_kinds_for_business_day_closures(db):
    services.add_non_instructional_days(first=date(2026, 11, 26), last=None, description="Thanksgiving", kind="holiday")
    services.add_non_instructional_days(first=date(2026, 12, 21), last=date(2026, 12, 23), description="Winter break", kind="break")
    span = (date(2026, 11, 1), date(2026, 12, 31))
    assert services.load_non_instructional_days(*span, kinds={"holiday"}) == {date(2026, 11, 26)}
    assert len(services.load_non_instructional_days(*span)) == 4
