"""Regressions found in the pre-release review of the tools area."""
import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import User
from app.tools import services
from tests.conftest import PASSWORD

HUGE = "99999999999999999999"


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, *args, **kwargs):
        self.count += 1


def count_queries(client, url):
    counter = QueryCounter()
    sa.event.listen(db.engine, "before_cursor_execute", counter)
    try:
        response = client.get(url)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", counter)
    assert response.status_code == 200
    return counter.count


def _teachers(n, campus, start=0):
    made = []
    for i in range(start, start + n):
        user = User(email=f"t{i}@example.org", name=f"Teacher {i}", role="teacher", campus_id=campus.id)
        user.set_password(PASSWORD)
        db.session.add(user)
        made.append(user)
    db.session.commit()
    return made


def test_records_list_loads_owners_in_one_query(client, auth, users, campus, pd_inputs):
    for user in _teachers(2, campus):
        services.save_record(user, "public-domain", pd_inputs)
    auth.login("officer")
    db.session.expire_all()
    few = count_queries(client, "/tools/records")
    for user in _teachers(4, campus, start=2):
        services.save_record(user, "public-domain", pd_inputs)
    db.session.expire_all()
    assert count_queries(client, "/tools/records") == few


@pytest.mark.parametrize("url", [f"/tools/records/{HUGE}", "/tools/records/0"])
def test_out_of_range_record_ids_are_not_found(client, auth, url):
    auth.login("officer")
    assert client.get(url).status_code == 404


def test_attach_with_huge_posted_record_id_is_not_found(client, auth, record, question):
    auth.login("teacher")
    response = client.post(f"/tools/records/{record.id}/attach",
                           data={"record_id": HUGE, "case_id": question.id})
    assert response.status_code == 404


def test_attach_follows_a_same_site_next(client, auth, record, question):
    auth.login("teacher")
    response = client.post(f"/tools/records/{record.id}/attach",
                           data={"record_id": record.id, "case_id": question.id, "next": f"/cases/{question.reference}"})
    assert response.headers["Location"].endswith(f"/cases/{question.reference}")


def test_failed_attach_does_not_follow_the_referrer(client, auth, record):
    auth.login("teacher")
    response = client.post(f"/tools/records/{record.id}/attach", data={"record_id": record.id, "case_id": "abc"},
                           headers={"Referer": "https://evil.example/"})
    assert response.status_code == 302
    assert "evil.example" not in response.headers["Location"]
