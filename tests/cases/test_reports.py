"""The public register of decisions (never a person, never free text) and the officer's challenge report."""
import csv
import io
from datetime import date, timedelta

import pytest

from app.cases import reports, services
from app.extensions import db
from app.models import Campus, User
from tests.conftest import PASSWORD

# Distinctive strings that must never reach the public register or its CSV.
SECRETS = {
    "requester_name": "Zebediah Quillfeather",
    "requester_contact": "zq-private@secret.example",
    "organisation": "Citizens for Glimmerwick",
    "submitter": "Ottoline Marchbanks",
    "member": "Thaddeus Wobblethorpe",
    "assignee": "Perpetua Snodgrass",
    "concerns": "Concern about Brindlemouse chapter",
    "student": "Student Fennimore Tock",
    "rationale": "Xylocarp rationale: meets the selection criteria",
    "recommendation": "Quodlibet recommendation per the selection policy",
    "vote_comment": "Vote comment Marmalade",
}
RATIONALE_SECRET = SECRETS["rationale"]


def _user(name: str, role: str, campus_id: int) -> User:
    user = User(email=f"{name.split()[0].lower()}@example.org", name=name, role=role, campus_id=campus_id)
    user.set_password(PASSWORD)
    db.session.add(user)
    db.session.commit()
    return user


def _file(librarian, campus_id, *, title, author="", fmt="book", received_on, role="parent", relationship="self",
          organization="", standard="age_inappropriate"):
    return services.file_reconsideration(
        librarian, campus_id=campus_id,
        material={"title": title, "author": author, "isbn": "", "format": fmt},
        requester={"name": SECRETS["requester_name"], "contact": SECRETS["requester_contact"], "role": role,
                   "relationship": relationship, "organization": organization},
        details={"received_on": received_on.isoformat(), "concerns": SECRETS["concerns"],
                 "student": SECRETS["student"], "standard": standard, "examined_whole": "yes"})


def _decide(officer, member, case, *, review_on, recommended_on, decided_on, outcome="retained", scope="campus"):
    """Take an ALA case through review to a decision on the given dates."""
    services.take_transition(officer, case, "start_review", on=review_on)
    services.appoint_member(officer, case, member.id)
    services.attest(member, case, True)
    services.cast_vote(member, case, "retained", SECRETS["vote_comment"])
    services.record_recommendation(officer, case, recommendation="retained", rationale=SECRETS["recommendation"],
                                   on=recommended_on)
    services.record_decision(officer, case, outcome=outcome, scope=scope, rationale=RATIONALE_SECRET,
                             decided_on=decided_on, effective_on=None)
    return case


@pytest.fixture
def seeded(users, campus):
    """School year 2024-25 (1 July 2024 - 30 June 2025):
    A  retained at Lincoln; decision deadline met (recommendation 1 Oct, decided 3 Oct); 31 days to decision.
    B  removed district-wide at Roosevelt; deadline missed (recommendation 15 Oct, decided 2 Dec); 62 days.
    C  a movie, still under review, filed for a student.
    D  decided in 2023-24: outside the 2024-25 report."""
    officer = users["officer"]
    roosevelt = Campus(name="Roosevelt High School", level="high")
    db.session.add(roosevelt)
    db.session.commit()
    librarian = _user(SECRETS["submitter"], "librarian", campus.id)
    member = _user(SECRETS["member"], "teacher", campus.id)
    assignee = _user(SECRETS["assignee"], "librarian", campus.id)

    a = _file(librarian, campus.id, title="Alpha Public Title", author="Ann Author", received_on=date(2024, 9, 2))
    services.assign(officer, a, assignee.id)
    _decide(officer, member, a, review_on=date(2024, 9, 3), recommended_on=date(2024, 10, 1),
            decided_on=date(2024, 10, 3))
    b = _file(librarian, roosevelt.id, title="Beta Public Title", author="Bob Writer", received_on=date(2024, 10, 1),
              relationship="organization", organization=SECRETS["organisation"], role="resident",
              standard="sexually_explicit")
    _decide(officer, member, b, review_on=date(2024, 10, 2), recommended_on=date(2024, 10, 15),
            decided_on=date(2024, 12, 2), outcome="removed_district", scope="district")
    c = _file(librarian, campus.id, title="Gamma Pending Title", fmt="movie", received_on=date(2024, 11, 4),
              role="student")
    d = _file(librarian, campus.id, title="Delta Older Title", received_on=date(2023, 9, 4))
    _decide(officer, member, d, review_on=date(2023, 9, 5), recommended_on=date(2023, 10, 2),
            decided_on=date(2023, 10, 4), outcome="relocated_reclassified")
    return {"a": a, "b": b, "c": c, "d": d, "roosevelt": roosevelt, "officer": officer}


# --- the public register --------------------------------------------------------------------------
def test_anonymous_sees_decisions_with_outcome_and_title(client, seeded):
    response = client.get("/cases/decisions")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for text in ("Alpha Public Title", "Ann Author", "Retained", "Beta Public Title", "Removed (district)",
                 "District-wide", "Lincoln Middle School", "3 October 2024", "2 September 2024",
                 "Delta Older Title"):
        assert text in page
    assert "Gamma Pending Title" not in page  # no decision yet: not in the register
    assert page.count("<h1") == 1


@pytest.mark.parametrize("url", ["/cases/decisions", "/cases/decisions.csv",
                                 "/cases/decisions?outcome=retained", "/cases/decisions?sort=oldest"])
def test_public_register_never_shows_a_person_or_free_text(client, seeded, url):
    body = client.get(url).get_data(as_text=True)
    assert "Alpha Public Title" in body
    for name, secret in SECRETS.items():
        assert secret not in body, f"{name} leaked into {url}"
    assert "Test Officer" not in body  # the officer who decided


def test_public_register_hides_people_from_signed_in_officer_too(client, auth, seeded):
    auth.login("officer")
    body = client.get("/cases/decisions").get_data(as_text=True)
    assert "Alpha Public Title" in body
    assert SECRETS["requester_name"] not in body and RATIONALE_SECRET not in body


def test_public_csv_has_public_columns_only(client, seeded):
    response = client.get("/cases/decisions.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == reports.PUBLIC_COLUMNS
    by_title = {row[0]: row for row in rows[1:]}
    assert set(by_title) == {"Alpha Public Title", "Beta Public Title", "Delta Older Title"}
    assert by_title["Beta Public Title"] == ["Beta Public Title", "Bob Writer", "Book or e-book", "District-wide",
                                             "2024-10-01", "Decided", "Removed (district)", "2024-12-02", "no"]


@pytest.mark.parametrize("query, expected", [
    ("outcome=retained", {"Alpha Public Title"}),
    ("outcome=removed_district", {"Beta Public Title"}),
    ("campus=district", {"Beta Public Title"}),
    ("year=2024", {"Alpha Public Title", "Beta Public Title"}),
    ("year=2023", {"Delta Older Title"}),
    ("year=2019", set()),
    ("outcome=retained&year=2023", set()),
    ("outcome=nonsense&year=banana&campus=<script>", {"Alpha Public Title", "Beta Public Title", "Delta Older Title"}),
])
def test_public_filters(client, seeded, query, expected):
    rows = list(csv.reader(io.StringIO(client.get(f"/cases/decisions.csv?{query}").get_data(as_text=True))))
    assert {row[0] for row in rows[1:]} == expected
    page = client.get(f"/cases/decisions?{query}")
    assert page.status_code == 200
    assert all(title in page.get_data(as_text=True) for title in expected)


def test_public_filter_by_campus(client, seeded, campus):
    rows = list(csv.reader(io.StringIO(client.get(f"/cases/decisions.csv?campus={campus.id}").get_data(as_text=True))))
    assert {row[0] for row in rows[1:]} == {"Alpha Public Title", "Delta Older Title"}
    # Roosevelt's only decision applies district-wide, so it is listed under District-wide.
    roosevelt = seeded["roosevelt"].id
    rows = list(csv.reader(io.StringIO(client.get(f"/cases/decisions.csv?campus={roosevelt}").get_data(as_text=True))))
    assert rows[1:] == []


def test_public_sort_by_decision_date(client, seeded):
    def titles(query):
        rows = list(csv.reader(io.StringIO(client.get(f"/cases/decisions.csv?{query}").get_data(as_text=True))))
        return [row[0] for row in rows[1:]]
    assert titles("") == ["Beta Public Title", "Alpha Public Title", "Delta Older Title"]
    assert titles("sort=oldest") == ["Delta Older Title", "Alpha Public Title", "Beta Public Title"]


def test_public_pagination(app, client, seeded):
    app.config["CASES_PER_PAGE"] = 2
    first = client.get("/cases/decisions").get_data(as_text=True)
    assert "Beta Public Title" in first and "Delta Older Title" not in first and "Page 1 of 2" in first
    second = client.get("/cases/decisions?page=2").get_data(as_text=True)
    assert "Delta Older Title" in second and "Beta Public Title" not in second
    assert client.get("/cases/decisions?page=99").status_code == 200  # clamped to the last page


def test_appeal_open_is_shown(client, seeded):
    services.file_appeal(seeded["officer"], seeded["a"], "Grounds kept private", on=date(2024, 10, 5))
    rows = list(csv.reader(io.StringIO(client.get("/cases/decisions.csv?outcome=retained").get_data(as_text=True))))
    assert rows[1][0] == "Alpha Public Title" and rows[1][-1] == "yes"
    assert "Grounds kept private" not in client.get("/cases/decisions").get_data(as_text=True)


def test_nav_links_to_register(client, users):
    assert '/cases/decisions">Decisions</a>' in client.get("/cases/decisions").get_data(as_text=True)


# --- the officer report -----------------------------------------------------------------------------
def test_report_counts_for_a_school_year(app, seeded):
    report = reports.challenge_report(*reports.school_year_bounds(2024), on=date(2026, 1, 5))
    assert report.requests == 3 and report.decided == 2
    outcomes = dict(report.by_outcome)
    assert outcomes["Retained"] == 1 and outcomes["Removed (district)"] == 1 and outcomes["Pending"] == 1
    assert outcomes["Relocated or reclassified"] == 0  # D is in 2023-24
    assert dict(report.by_campus) == {"Lincoln Middle School": 2, "Roosevelt High School": 1}
    formats = dict(report.by_format)
    assert formats["Book or e-book"] == 2 and formats["Movie"] == 1
    requesters = dict(report.by_requester)
    assert requesters["Parent or guardian"] == 1 and requesters["Organisation or group"] == 1
    assert requesters["Student"] == 1 and requesters["District resident"] == 0
    assert dict(report.by_reason)["Sexually explicit"] == 1
    assert report.median_days_to_decision == 46.5 and report.max_days_to_decision == 62
    assert (report.decision_deadline.met, report.decision_deadline.missed, report.decision_deadline.open) == (1, 1, 1)
    assert report.no_decision_deadline == 0
    # A alone (received in September) met it; B alone (October) missed it.
    september = reports.challenge_report(date(2024, 9, 1), date(2024, 9, 30), on=date(2026, 1, 5))
    assert (september.decision_deadline.met, september.decision_deadline.missed) == (1, 0)
    october = reports.challenge_report(date(2024, 10, 1), date(2024, 10, 31), on=date(2026, 1, 5))
    assert (october.decision_deadline.met, october.decision_deadline.missed) == (0, 1)


def test_report_counts_questions_and_incidents(app, users, campus):
    teacher, officer, librarian = users["teacher"], users["officer"], users["librarian"]
    on = services.today()
    q1 = services.ask_question(teacher, topic="fair_use", subject="Clip", question="Can I?")
    q2 = services.ask_question(teacher, topic="fair_use", subject="Poem", question="Can I?")
    services.ask_question(teacher, topic="privacy", subject="Photos", question="Can I?")
    services.answer_case(officer, q1, "Yes.", on=on + timedelta(days=2))
    services.answer_case(officer, q2, "Yes.", on=on + timedelta(days=4))
    services.log_incident(librarian, incident_type="censorship", title="Display", description="x", campus_id=campus.id)
    services.log_incident(librarian, incident_type="censorship", title="Display 2", description="x", campus_id=None)
    services.log_incident(librarian, incident_type="infringement_notice", title="Notice", description="x",
                          campus_id=None)
    report = reports.challenge_report(on - timedelta(days=1), on + timedelta(days=1))
    assert report.questions == 3 and report.median_days_to_answer == 3
    topics = {label: (count, median) for label, count, median in report.questions_by_topic}
    assert topics["Fair use"] == (2, 3) and topics["Privacy"] == (1, None) and topics["Copyright"] == (0, None)
    assert report.incidents == 3
    assert dict(report.incidents_by_kind) == {"Censorship incident": 2, "Infringement notice received": 1,
                                              "Acceptable-use issue": 0}
    assert reports.challenge_report(on + timedelta(days=1), on + timedelta(days=9)).questions == 0


def test_report_page_for_officer(client, auth, seeded):
    auth.login("officer")
    response = client.get("/cases/report?year=2024")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert page.count("<h1") == 1 and "1 July 2024" in page and "30 June 2025" in page
    assert "Decision deadline" in page and "Office for Intellectual Freedom" in page
    for secret in SECRETS.values():
        assert secret not in page


def test_report_date_range(client, auth, seeded):
    auth.login("admin")
    rows = list(csv.reader(io.StringIO(
        client.get("/cases/report.csv?start=2024-09-01&end=2024-09-30").get_data(as_text=True))))
    assert ["reconsideration", "requests received", "1"] in rows
    assert ["period", "from", "2024-09-01"] in rows


@pytest.mark.parametrize("query", ["start=2024-09-01", "start=2024-09-30&end=2024-09-01", "start=nonsense&end=2024-01-01"])
def test_report_rejects_a_bad_range(client, auth, seeded, query):
    auth.login("officer")
    response = client.get(f"/cases/report?{query}")
    assert response.status_code == 400
    assert "Please fix" in response.get_data(as_text=True)


def test_report_csv(client, auth, seeded):
    auth.login("officer")
    response = client.get("/cases/report.csv?year=2024")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["section", "item", "value"]
    assert ["outcome", "Retained", "1"] in rows and ["decision deadline", "missed", "1"] in rows
    assert ["decision time", "max days from receipt to decision", "62"] in rows
    body = response.get_data(as_text=True)
    assert all(secret not in body for secret in SECRETS.values())


@pytest.mark.parametrize("role", ["teacher", "librarian"])
@pytest.mark.parametrize("url", ["/cases/report", "/cases/report.csv"])
def test_report_forbidden_to_staff(client, auth, role, url):
    auth.login(role)
    assert client.get(url).status_code in (403, 404)


@pytest.mark.parametrize("url", ["/cases/report", "/cases/report.csv"])
def test_report_needs_sign_in(client, users, url):
    response = client.get(url)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_school_year():
    assert reports.school_year_of(date(2025, 6, 30)) == 2024
    assert reports.school_year_of(date(2025, 7, 1)) == 2025
    assert reports.school_year_bounds(2025) == (date(2025, 7, 1), date(2026, 6, 30))
    assert reports.school_year_label(2025) == "2025–26"
