"""Case tracker pages: forms keep input, sanitisation, 404s, conflicts, the full flows."""
from datetime import date

import pytest
import sqlalchemy as sa

from app.cases import services
from app.extensions import db
from app.models import Case, CaseArticle

from tests.cases.conftest import REQUESTER


def form_data(**overrides):
    data = {"requester_name": "Pat Parent", "requester_contact": "pat@example.net", "requester_role": "parent",
            "requester_relationship": "self", "requester_organization": "", "student": "",
            "format": "book", "title": "The Bluest Eye", "author": "Toni Morrison", "isbn": "9780375411557",
            "attention": "Saw it on a list", "examined_whole": "yes", "parts_examined": "",
            "concerns": "Concerns about pages 12-14.", "standard": "age_inappropriate", "standard_other": "",
            "action_requested": "remove", "alternatives": "", "override_reason": "", "submit": "1"}
    return data | overrides


def test_librarian_files_a_request(client, auth, campus):
    auth.login("librarian")
    assert client.get("/cases/new/reconsideration").status_code == 200
    response = client.post("/cases/new/reconsideration", data=form_data(campus_id=campus.id))
    assert response.status_code == 302
    case = db.session.scalar(sa.select(Case))
    assert response.headers["Location"].endswith(f"/cases/{case.reference}")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Pat Parent" in page and "The Bluest Eye" in page


def test_rejected_form_keeps_input(client, auth, campus):
    auth.login("librarian")
    response = client.post("/cases/new/reconsideration",
                           data=form_data(campus_id=campus.id, requester_name="", examined_whole="no",
                                          concerns="Kept text about page 9"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Kept text about page 9" in page
    assert "Say which parts were examined." in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Case)) == 0


def test_check_step_shows_earlier_challenges_without_filing(client, auth, campus, file_request, other_campus):
    earlier = file_request(campus_id=other_campus.id)
    auth.login("librarian")
    data = form_data(campus_id=campus.id, title="bluest eye", author="Morrison, Toni", isbn="")
    del data["submit"]
    data["check"] = "1"
    page = client.post("/cases/new/reconsideration", data=data).get_data(as_text=True)
    assert earlier.reference in page and "Roosevelt High School" in page
    assert "Pat Parent" not in page.split("<form")[0]  # no person in the earlier-challenges list
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Case)) == 1


def test_barred_title_refused_for_librarian(app, client, auth, campus, decided_case):
    app.config["CASE_POLICY"] = "texas-sb13"
    decided_case()
    auth.login("librarian")
    response = client.post("/cases/new/reconsideration", data=form_data(campus_id=campus.id))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "protected from a repeat challenge" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Case)) == 1


def test_teacher_cannot_open_filing_form(client, auth):
    auth.login("teacher")
    assert client.get("/cases/new/reconsideration").status_code == 403


@pytest.mark.parametrize("who, status", [("teacher", 404), ("librarian", 200), ("officer", 200), ("admin", 200)])
def test_case_visibility(client, auth, file_request, who, status):
    case = file_request()
    auth.login(who)
    assert client.get(f"/cases/{case.reference}").status_code == status
    assert client.get(f"/cases/{case.id}").status_code == status


def test_unknown_case_is_404(client, auth):
    auth.login("officer")
    assert client.get("/cases/RC-1999-0001").status_code == 404


def test_anonymous_is_sent_to_sign_in(client, file_request):
    case = file_request()
    response = client.get(f"/cases/{case.reference}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_committee_member_sees_request_without_identity(client, auth, users, members, file_request):
    case = file_request()
    services.appoint_member(users["officer"], case, members[0].id)
    auth.login(members[0])
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "Language on pages 12-14." in page
    assert REQUESTER["name"] not in page and "pat@example.net" not in page and "Sam Parent" not in page
    assert "Redacted" in page


def test_scripts_in_description_and_reply_are_sanitised(client, auth, users):
    auth.login("teacher")
    response = client.post("/cases/new/question", data={
        "topic": "copyright", "subject": "Films", "question": "<script>alert(1)</script> [x](javascript:alert(2))",
        "submit": "1"})
    case = db.session.scalar(sa.select(Case))
    services.answer_case(users["officer"], case, "<img src=x onerror=alert(3)> **ok**", [])
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert response.status_code == 302
    assert "<script>alert(1)" not in page and "javascript:alert" not in page and "<img" not in page
    assert "&lt;script&gt;" in page and "<strong>ok</strong>" in page


def test_question_check_step_shows_suggestions(client, auth, monkeypatch):
    from app.cases import views

    class Hit:
        title, url, summary, slug = "Showing films in class", "/library/teaching-media/films", "When it is ok", "x"

    monkeypatch.setattr(views, "_guideline_suggestions", lambda text: [Hit()] if "film" in text else [])
    auth.login("teacher")
    page = client.post("/cases/new/question", data={"topic": "performance", "subject": "Film",
                                                   "question": "Can I show a film?", "check": "1"}).get_data(as_text=True)
    assert "Showing films in class" in page and "Ask anyway" in page
    assert "Can I show a film?" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Case)) == 0


def test_officer_answers_with_article_and_teacher_reads_it(client, auth, users, monkeypatch):
    class FakeArticle:
        title, content_hash = "Showing films", "hash-1"

    monkeypatch.setattr(services, "_article", lambda slug: FakeArticle())
    monkeypatch.setattr(services, "article_choices", lambda: [("teaching-media/films", "Showing films")])
    case = services.ask_question(users["teacher"], topic="performance", subject="Films", question="Can I?")
    services.add_note(users["officer"], case, "SECRET internal note")
    auth.login("officer")
    response = client.post(f"/cases/{case.reference}/answer", data={
        "version": case.version_id, "reply": "Yes, see the guideline.", "articles": ["teaching-media/films"]})
    assert response.status_code == 302
    assert db.session.scalar(sa.select(CaseArticle)).content_hash == "hash-1"
    auth.logout()
    auth.login("teacher")
    mine = client.get("/cases/mine").get_data(as_text=True)
    assert case.reference in mine and "Answered" in mine
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "Yes, see the guideline." in page and "/library/teaching-media/films" in page
    assert "SECRET internal note" not in page


def test_stale_form_shows_conflict_and_keeps_input(client, auth, users, file_request):
    case = file_request()
    loaded_version = case.version_id
    services.edit_details(users["admin"], case, {"title": "Changed meanwhile"}, expected_version=loaded_version)
    auth.login("officer")
    response = client.post(f"/cases/{case.reference}/edit", data={
        "version": loaded_version, "title": "My new title", "description": "My typed description"})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "changed by someone else" in page
    assert "Changed meanwhile" in page           # the new state
    assert "My typed description" in page        # what they typed
    db.session.refresh(case)
    assert case.title == "Changed meanwhile"


def test_stale_transition_is_refused(client, auth, users, file_request):
    case = file_request()
    old = case.version_id
    services.assign(users["admin"], case, users["admin"].id)
    auth.login("officer")
    response = client.post(f"/cases/{case.reference}/transition", data={"version": old, "transition": "start_review"})
    assert response.status_code == 409
    db.session.refresh(case)
    assert case.status == "received"


def test_disallowed_transition_shows_message(client, auth, file_request):
    case = file_request()
    auth.login("officer")
    response = client.post(f"/cases/{case.reference}/transition", data={"version": case.version_id,
                                                                       "transition": "close"})
    assert response.status_code == 400
    assert "Nothing was changed" in response.get_data(as_text=True)


def test_full_reconsideration_flow_through_pages(client, auth, users, members, file_request):
    case = file_request()
    ref = case.reference
    auth.login("officer")
    assert client.post(f"/cases/{ref}/transition", data={"version": case.version_id,
                                                         "transition": "start_review"}).status_code == 302
    for member in members[:2]:
        db.session.refresh(case)
        assert client.post(f"/cases/{ref}/committee/appoint", data={
            "version": case.version_id, "user_id": member.id, "role": "voting"}).status_code == 302
    auth.logout()
    for member in members[:2]:
        auth.login(member)
        assert client.post(f"/cases/{ref}/committee/vote", data={"vote": "retained"}).status_code == 400
        assert client.post(f"/cases/{ref}/committee/attest", data={"confirm": "y"}).status_code == 302
        assert client.post(f"/cases/{ref}/committee/vote", data={"vote": "retained",
                                                                 "comment": "Fine"}).status_code == 302
        auth.logout()
    auth.login("officer")
    db.session.refresh(case)
    assert client.post(f"/cases/{ref}/recommendation", data={
        "version": case.version_id, "recommendation": "retained", "rationale": "Meets criteria"}).status_code == 302
    db.session.refresh(case)
    warned = client.post(f"/cases/{ref}/decision", data={
        "version": case.version_id, "outcome": "removed_campus", "scope": "campus",
        "rationale": "We disagree with its viewpoint.", "decided_on": date.today().isoformat()})
    assert warned.status_code == 400
    warned_page = warned.get_data(as_text=True)
    assert "Check the rationale" in warned_page and "We disagree with its viewpoint." in warned_page
    response = client.post(f"/cases/{ref}/decision", data={
        "version": case.version_id, "outcome": "retained", "scope": "campus",
        "rationale": "Meets the selection criteria.", "decided_on": date.today().isoformat()})
    assert response.status_code == 302
    auth.logout()
    auth.login("librarian")
    page = client.get(f"/cases/{ref}").get_data(as_text=True)
    assert "Decision: Retained" in page
    letter = client.get(f"/cases/{ref}/letter")
    assert letter.status_code == 200 and "Pat Parent" in letter.get_data(as_text=True)


def test_letter_hidden_from_committee_member(client, auth, users, members, decided_case):
    case = decided_case()
    auth.login(members[0])
    assert client.get(f"/cases/{case.reference}").status_code == 200
    assert client.get(f"/cases/{case.reference}/letter").status_code == 404


def test_incident_form(client, auth, campus):
    auth.login("librarian")
    response = client.post("/cases/new/incident", data={"incident_type": "censorship", "title": "Display removed",
                                                        "description": "Principal removed a display.",
                                                        "campus_id": campus.id})
    assert response.status_code == 302
    assert client.get("/cases/new/incident").status_code == 200
    auth.logout()
    auth.login("teacher")
    assert client.get("/cases/new/incident").status_code == 403


@pytest.mark.parametrize("path", ["transition", "assign", "note", "committee/appoint", "committee/attest",
                                  "committee/vote", "decision", "appeal", "answer", "recommendation"])
def test_posts_to_a_hidden_case_are_404(client, auth, file_request, path):
    case = file_request()
    auth.login("teacher")
    assert client.post(f"/cases/{case.reference}/{path}", data={"version": case.version_id}).status_code == 404


def test_submitter_appeals_through_the_page(client, auth, decided_case):
    case = decided_case()
    auth.login("librarian")
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "Appeal the decision" in page
    response = client.post(f"/cases/{case.reference}/appeal", data={"version": case.version_id, "reason": ""})
    assert response.status_code == 400
    response = client.post(f"/cases/{case.reference}/appeal", data={"version": case.version_id,
                                                                    "reason": "The requester asks for a review."})
    assert response.status_code == 302
    db.session.refresh(case)
    assert case.status == "appeal_review"


def test_case_page_shows_deadlines_access_and_next_steps(client, auth, app, file_request):
    app.config["CASE_POLICY"] = "texas-sb13"
    case = file_request()
    auth.login("officer")
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "Restricted pending review" in page
    assert "Send to the advisory council (33.027(b))" in page  # the deadline
    assert "Pending" in page
    assert "Local default or unconfirmed" in page               # the 90-day count is unconfirmed
    assert "Send to the advisory council</button>" in page      # the next step, as a button
    auth.logout()
    auth.login("librarian")
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "Send to the advisory council</button>" not in page


def test_pages_render_for_every_role(client, auth, users):
    for role in ("teacher", "librarian", "officer", "admin"):
        auth.login(role)
        assert client.get("/cases/mine").status_code == 200
        assert client.get("/cases/new").status_code == 200
        assert client.get("/cases/new/question").status_code == 200
        auth.logout()


def test_officer_overrides_the_bar_with_a_reason(app, client, auth, campus, decided_case):
    app.config["CASE_POLICY"] = "texas-sb13"
    decided_case()
    auth.login("officer")
    page = client.post("/cases/new/reconsideration", data=form_data(campus_id=campus.id)).get_data(as_text=True)
    assert "give your reason for overriding" in page and 'id="override_reason"' in page
    response = client.post("/cases/new/reconsideration",
                           data=form_data(campus_id=campus.id, override_reason="A new edition with added chapters."))
    assert response.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Case)) == 2


def test_earlier_challenges_link_only_where_viewer_may_see(client, auth, users, members, file_request, other_campus):
    earlier = file_request(campus_id=other_campus.id, by="officer")
    case = file_request()
    link = f'href="/cases/{earlier.reference}"'
    auth.login("officer")
    assert link in client.get(f"/cases/{case.reference}").get_data(as_text=True)
    auth.logout()
    auth.login("librarian")  # filed `case`, not `earlier`: sees the reference, no link
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert earlier.reference in page and link not in page


@pytest.mark.parametrize("case_id", ["99999999999999999999", "abc", "RC-2026-9999", "0", "%00"])
def test_odd_case_ids_are_404(client, auth, case_id):
    auth.login("officer")
    assert client.get(f"/cases/{case_id}").status_code == 404


def test_nul_bytes_in_input_are_dropped(client, auth):
    auth.login("teacher")
    response = client.post("/cases/new/question", data={"topic": "copyright", "subject": "Sub\x00ject",
                                                        "question": "Q\x00?", "submit": "1"})
    assert response.status_code == 302
    assert db.session.scalar(sa.select(Case.title)) == "Subject"
