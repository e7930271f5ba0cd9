"""The officer queue: filters, full-text search (FTS5 / tsvector), sorting, paging, CSV export."""
import csv
import io
from datetime import date, timedelta

import pytest

from app.cases import services
from app.cases.fulltext import sqlite_match_expression
from app.cases.services import QueueFilters
from app.extensions import db


@pytest.fixture
def cases(users, file_request, other_campus):
    made = {
        "bluest": file_request(),
        "gender": file_request(title="Gender Queer", author="Maia Kobabe", isbn="", campus_id=other_campus.id),
        "question": services.ask_question(users["teacher"], topic="copyright", subject="Photocopying worksheets",
                                          question="How many copies of a workbook page may I make?"),
        "incident": services.log_incident(users["librarian"], incident_type="censorship", title="Display removed",
                                          description="The principal removed the banned books display.",
                                          campus_id=None),
    }
    services.assign(users["officer"], made["gender"], users["officer"].id)
    return made


def refs(filters, viewer, **kw):
    return {c.reference for c in db.session.scalars(services.queue_query(filters, viewer, **kw))}


@pytest.mark.parametrize("q, expected", [
    ("bluest", {"bluest"}),
    ("Morrison", {"bluest"}),             # material author
    ("kobabe", {"gender"}),
    ("copies", {"question"}),              # porter stemming: "copies" ~ "copying"/"copy"
    ("workbook copy", {"question"}),
    ("display", {"incident"}),
    ("pages 12", {"bluest", "gender"}),    # description (the concerns)
    ('"AND OR NOT ( * :', set()),          # operators typed by a user are words, not syntax
    ("gend", {"gender"}),                  # the last word is a prefix
])
def test_text_search(users, cases, q, expected):
    wanted = {cases[name].reference for name in expected}
    assert refs(QueueFilters(q=q), users["officer"]) == wanted


def test_search_by_reference(users, cases):
    ref = cases["question"].reference
    assert ref in refs(QueueFilters(q=ref), users["officer"])


def test_search_follows_material_rename(users, cases):
    cases["bluest"].material.author = "Chloe Wofford"
    db.session.commit()
    assert refs(QueueFilters(q="wofford"), users["officer"]) == {cases["bluest"].reference}
    assert refs(QueueFilters(q="morrison"), users["officer"]) == set()


@pytest.mark.parametrize("filters, expected", [
    (QueueFilters(kind="reconsideration"), {"bluest", "gender"}),
    (QueueFilters(kind="question"), {"question"}),
    (QueueFilters(status="new"), {"question", "incident"}),
    (QueueFilters(assignee="me"), {"gender"}),
    (QueueFilters(assignee="none"), {"bluest", "question", "incident"}),
    (QueueFilters(kind="reconsideration", q="gender"), {"gender"}),
])
def test_filters(users, cases, filters, expected):
    assert refs(filters, users["officer"]) == {cases[n].reference for n in expected}


def test_campus_filter(users, cases, other_campus):
    assert refs(QueueFilters(campus_id=other_campus.id), users["officer"]) == {cases["gender"].reference}


def test_due_filters(users, cases):
    soon = refs(QueueFilters(due="soon"), users["officer"])
    assert cases["bluest"].reference in soon  # acknowledge within 5 business days
    later = date.today() + timedelta(days=30)
    assert cases["bluest"].reference in refs(QueueFilters(due="overdue"), users["officer"], on=later)


def test_sorting_and_paging(client, auth, cases):
    auth.login("officer")
    page = client.get("/cases/?sort=reference&kind=reconsideration").get_data(as_text=True)
    assert page.index(cases["bluest"].reference) < page.index(cases["gender"].reference)
    assert "4 cases found" in client.get("/cases/").get_data(as_text=True)


def test_queue_page_paginates(app, client, auth, cases):
    app.config["CASES_PER_PAGE"] = 2
    auth.login("officer")
    page = client.get("/cases/?page=2&sort=reference").get_data(as_text=True)
    assert "Page 2 of 2" in page and "Previous page" in page


def test_queue_page_renders_filters_and_search(client, auth, cases):
    auth.login("officer")
    response = client.get("/cases/?q=kobabe&kind=reconsideration&due=&sort=newest")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert cases["gender"].reference in page and cases["bluest"].reference not in page


def _csv(response):
    return list(csv.reader(io.StringIO(response.get_data(as_text=True))))


def test_csv_export_is_redacted_by_default(client, auth, cases):
    auth.login("officer")
    rows = _csv(client.get("/cases/export.csv?kind=reconsideration"))
    assert rows[0][0] == "reference" and "requester_name" not in rows[0]
    assert len(rows) == 3
    assert not any("Pat Parent" in cell for row in rows for cell in row)


def test_csv_export_with_identity_for_officer(client, auth, cases):
    auth.login("officer")
    rows = _csv(client.get("/cases/export.csv?kind=reconsideration&identity=1"))
    assert "requester_name" in rows[0]
    assert any("Pat Parent" in row for row in rows[1:])


def test_csv_neutralises_formulas(users, file_request):
    file_request(title="=HYPERLINK(\"http://evil\")", author="x", isbn="")
    rows = list(services.export_rows(users["officer"], QueueFilters()))
    assert any(cell.startswith("'=HYPERLINK") for row in rows for cell in row)


@pytest.mark.parametrize("text, expected", [
    ("bluest eye", '"bluest" "eye"*'),
    ('say "hi"', '"say" "hi"*'),
    ("  ", None),
    ("NEAR(a b)", '"NEAR" "a" "b"*'),
])
def test_sqlite_match_expression_quotes_terms(text, expected):
    assert sqlite_match_expression(text) == expected


def test_mine_lists_submitted_assigned_and_committee(client, auth, users, members, cases):
    services.appoint_member(users["officer"], cases["bluest"], members[0].id)
    auth.login(members[0])
    page = client.get("/cases/mine").get_data(as_text=True)
    assert cases["bluest"].reference in page and cases["gender"].reference not in page
    auth.logout()
    auth.login("teacher")
    page = client.get("/cases/mine").get_data(as_text=True)
    assert cases["question"].reference in page and cases["bluest"].reference not in page


def test_text_search_count_is_capped(client, auth, cases, monkeypatch):
    monkeypatch.setattr(services, "COUNT_CAP", 1)
    auth.login("officer")
    page = client.get("/cases/?q=pages").get_data(as_text=True)
    assert "More than 1 cases found" in page


def test_reference_search_is_exact(users, cases):
    ref = cases["bluest"].reference
    assert refs(QueueFilters(q=ref.lower()), users["officer"]) == {ref}


def test_alembic_filter_hides_fulltext_objects():
    import sqlalchemy as sa

    from app.cases.fulltext import alembic_include_object

    table = sa.Table("cases", sa.MetaData(), sa.Column("search_vector", sa.Text))
    assert alembic_include_object(None, "cases_fts", "table", True, None) is False
    assert alembic_include_object(table.c.search_vector, "search_vector", "column", True, None) is False
    assert alembic_include_object(None, "cases", "table", True, None) is True


@pytest.mark.parametrize("query", ["campus_id=abc", "page=-3", "page=zzz", "sort=bogus", "kind=weird", "due=never",
                                   "assignee=<script>", "q=" + "x" * 500, "status=nope", "kind=%00", "q=a%00b",
                                   "status=a%00"])
def test_queue_survives_odd_parameters(client, auth, cases, query):
    auth.login("officer")
    response = client.get(f"/cases/?{query}")
    assert response.status_code == 200
    assert "<script>" not in response.get_data(as_text=True).split("<main")[1]
