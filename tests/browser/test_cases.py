"""Case tracker journeys in a real browser, each page checked with axe (WCAG 2.1 AA)."""
import uuid

import pytest
import sqlalchemy as sa

from app.cases import services
from app.extensions import db
from app.models import Campus, User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def _user(role: str, name: str) -> str:
    """A seeded user with a unique email; returns the login name (the part before @example.org)."""
    handle = f"{name.lower()}-{uuid.uuid4().hex[:6]}"
    campus_id = db.session.scalar(sa.select(Campus.id).where(Campus.name == "Browser Test High School"))
    user = User(email=f"{handle}@example.org", name=f"{name} {handle[-6:]}", role=role, campus_id=campus_id)
    user.set_password(PASSWORD)
    db.session.add(user)
    db.session.commit()
    return handle


def _seed_earlier_challenge(title: str, author: str) -> str:
    """A decided challenge of the same title at another campus."""
    other = Campus(name=f"Other Campus {uuid.uuid4().hex[:6]}", level="middle")
    db.session.add(other)
    db.session.commit()
    officer = db.session.scalar(sa.select(User).where(User.email == "officer@example.org"))
    librarian = db.session.scalar(sa.select(User).where(User.email == "librarian@example.org"))
    member = db.session.scalar(sa.select(User).where(User.email == "admin@example.org"))
    case = services.file_reconsideration(
        librarian, campus_id=other.id, material={"title": title, "author": author, "isbn": "", "format": "book"},
        requester={"name": "Earlier Requester", "contact": "", "role": "parent", "relationship": "self"},
        details={"concerns": "Earlier concerns.", "examined_whole": "yes"})
    services.take_transition(officer, case, "start_review")
    services.appoint_member(officer, case, member.id)
    services.attest(member, case, True)
    services.cast_vote(member, case, "retained", "")
    services.record_recommendation(officer, case, recommendation="retained", rationale="Meets the criteria.")
    services.record_decision(officer, case, outcome="retained", scope="campus",
                             rationale="Meets the selection criteria.", decided_on=None, effective_on=None)
    return case.reference


def _click(page, name):
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state()


def test_reconsideration_journey(page, live_server, login, assert_no_axe_violations):
    title, author = f"The Test Novel {uuid.uuid4().hex[:6]}", "Jane Author"
    with live_server.app.app_context():
        earlier_ref = _seed_earlier_challenge(title, author)
        members = [_user("teacher", "Member"), _user("teacher", "Member")]

    # The librarian files a request and sees the earlier challenge of the same title.
    login(page, "librarian")
    page.goto("/cases/new/reconsideration")
    assert_no_axe_violations(page)
    page.get_by_label("Title", exact=True).fill(title.lower())
    page.get_by_label("Author or producer").fill("Author, Jane")
    _click(page, "Check for earlier challenges")
    earlier = page.locator("#earlier-heading").locator("..")
    assert earlier_ref in earlier.inner_text() and "Retained" in earlier.inner_text()
    assert "Earlier Requester" not in earlier.inner_text()
    assert_no_axe_violations(page)
    page.get_by_label("Requester's name").fill("Pat Browser")
    page.get_by_label("Address, phone and email").fill("pat@example.net")
    page.get_by_label("The requester is").select_option("parent")
    page.get_by_label("Yes").check()
    page.get_by_label("What concerns the requester?").fill("Language on pages 4-6.")
    page.get_by_label("Action requested").select_option("relocate")
    _click(page, "File the request")
    assert "/cases/RC-" in page.url
    reference = page.locator("h1").inner_text().split(":")[0]
    assert "Pat Browser" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    case_url = f"/cases/{reference}"

    # The officer starts the review and appoints the committee.
    page.context.clear_cookies()
    login(page, "officer")
    page.goto(case_url)
    assert_no_axe_violations(page)
    _click(page, "Start committee review")
    for handle in members:
        page.get_by_label("Member", exact=True).select_option(label=f"Member {handle[-6:]} (teacher)")
        _click(page, "Appoint")
    assert page.locator("#committee table tbody tr").count() == 2
    assert_no_axe_violations(page)

    # Each member sees the request without the requester, attests and votes.
    for handle in members:
        page.context.clear_cookies()
        login(page, handle)
        page.goto(case_url)
        text = page.locator("main").inner_text()
        assert "Language on pages 4-6." in text and "Pat Browser" not in text and "pat@example.net" not in text
        assert_no_axe_violations(page)
        page.get_by_label("I have read or viewed the whole work").check()
        _click(page, "Record my attestation")
        page.get_by_label("My vote").select_option("retained")
        page.get_by_label("Comment").fill("Meets the selection criteria.")
        _click(page, "Record my vote")
        assert "Your vote: Retained" in page.locator("main").inner_text()
        assert_no_axe_violations(page)

    # The officer records the recommendation and the decision.
    page.context.clear_cookies()
    login(page, "officer")
    page.goto(case_url)
    page.get_by_label("Recommendation", exact=True).select_option("retained")
    page.get_by_label("The committee's reasons").fill("Unanimous: meets the selection criteria.")
    _click(page, "Record the recommendation")
    assert_no_axe_violations(page)
    page.get_by_label("Outcome").select_option("retained")
    page.get_by_label("Rationale (tie it to the selection criteria or standards)").fill(
        "The work meets the district's selection criteria for grades 9-12 and has strong professional reviews.")
    _click(page, "Record the decision")
    assert "Decision: Retained" in page.locator("main").inner_text()
    assert_no_axe_violations(page)

    # The librarian sees the outcome and the letter.
    page.context.clear_cookies()
    login(page, "librarian")
    page.goto("/cases/mine")
    assert_no_axe_violations(page)
    page.get_by_role("link", name=reference).click()
    assert "Decision: Retained" in page.locator("main").inner_text()
    page.get_by_role("link", name="Decision letter (printable)").click()
    page.wait_for_load_state()
    letter = page.locator("main").inner_text()
    assert "Dear Pat Browser" in letter and "Retained" in letter
    assert_no_axe_violations(page)


def test_question_journey(page, live_server, login, assert_no_axe_violations):
    subject = f"Film for a reward day {uuid.uuid4().hex[:6]}"
    login(page, "teacher")
    page.goto("/cases/new/question")
    assert_no_axe_violations(page)
    page.get_by_label("Topic").select_option("performance")
    page.get_by_label("Subject").fill(subject)
    page.get_by_label("Your question").fill("Can I show a movie in class as a reward for good behaviour?")
    _click(page, "Check the guidelines first")
    suggestions = page.locator("#suggestions li")
    assert suggestions.count() >= 1
    first_title = suggestions.first.locator("a").inner_text()
    assert first_title
    assert_no_axe_violations(page)
    _click(page, "Ask anyway")
    assert "/cases/Q-" in page.url
    reference = page.locator("h1").inner_text().split(":")[0]
    assert_no_axe_violations(page)

    page.context.clear_cookies()
    login(page, "officer")
    page.goto("/cases/")
    assert_no_axe_violations(page)
    page.get_by_label("Search").fill(subject)
    _click(page, "Apply filters")
    page.get_by_role("link", name=reference).click()
    page.get_by_label("Internal note").fill("Check the site licence first.")
    _click(page, "Add note")
    page.get_by_label("Reply (Markdown)").fill("Not as a reward: see the guideline. Classroom teaching is fine.")
    page.get_by_label("Link guideline articles").select_option(label=first_title)
    _click(page, "Send the reply")
    assert_no_axe_violations(page)

    page.context.clear_cookies()
    login(page, "teacher")
    page.goto("/cases/mine")
    row = page.get_by_role("row").filter(has_text=reference)
    assert "Answered" in row.inner_text()
    page.get_by_role("link", name=reference).click()
    main = page.locator("main").inner_text()
    assert "Not as a reward" in main and first_title in main
    assert "Check the site licence first." not in main
    assert_no_axe_violations(page)


def test_rejected_filing_keeps_input_and_passes_axe(page, login, assert_no_axe_violations):
    login(page, "librarian")
    page.goto("/cases/new/reconsideration")
    page.get_by_label("Title", exact=True).fill("Half-filled title")
    page.get_by_label("No", exact=True).check()
    _click(page, "File the request")
    assert page.locator(".error-summary").count() == 1
    assert page.get_by_label("Title", exact=True).input_value() == "Half-filled title"
    assert "Say which parts were examined." in page.locator("main").inner_text()
    assert_no_axe_violations(page)


def test_rationale_warning_step_passes_axe(page, live_server, login, assert_no_axe_violations):
    with live_server.app.app_context():
        officer = db.session.scalar(sa.select(User).where(User.email == "officer@example.org"))
        librarian = db.session.scalar(sa.select(User).where(User.email == "librarian@example.org"))
        member = db.session.scalar(sa.select(User).where(User.email == "admin@example.org"))
        case = services.file_reconsideration(
            librarian, campus_id=librarian.campus_id,
            material={"title": f"Warned {uuid.uuid4().hex[:6]}", "author": "A", "isbn": "", "format": "book"},
            requester={"name": "R", "role": "parent"}, details={"concerns": "c", "examined_whole": "yes"})
        services.take_transition(officer, case, "start_review")
        services.appoint_member(officer, case, member.id)
        services.attest(member, case, True)
        services.cast_vote(member, case, "removed_campus", "")
        services.record_recommendation(officer, case, recommendation="removed_campus", rationale="r")
        reference = case.reference
    login(page, "officer")
    page.goto(f"/cases/{reference}")
    page.get_by_label("Outcome").select_option("removed_campus")
    page.get_by_label("Rationale (tie it to the selection criteria or standards)").fill("It is offensive.")
    _click(page, "Record the decision")
    assert "Check the rationale." in page.locator("#rationale-warning").inner_text()
    assert page.get_by_label("Rationale (tie it to the selection criteria or standards)").input_value() == "It is offensive."
    assert_no_axe_violations(page)
    page.get_by_label("I have read the warning").check()
    _click(page, "Record the decision")
    assert "Decision: Removed (campus)" in page.locator("main").inner_text()


@pytest.mark.parametrize("role, path", [
    ("librarian", "/cases/new"), ("librarian", "/cases/new/incident"), ("officer", "/cases/?q=novel&due=soon"),
    ("teacher", "/cases/mine"),
])
def test_case_pages_pass_axe(page, login, assert_no_axe_violations, role, path):
    login(page, role)
    page.goto(path)
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(page)


def test_incident_and_edit_pages(page, login, assert_no_axe_violations):
    login(page, "librarian")
    page.goto("/cases/new/incident")
    page.get_by_label("Kind of incident").select_option("infringement_notice")
    page.get_by_label("Short title").fill("Takedown notice for a video")
    page.get_by_label("What happened").fill("The district received a notice about a class video.")
    _click(page, "Log the incident")
    assert "/cases/IN-" in page.url
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Correct the details").click()
    page.wait_for_load_state()
    assert_no_axe_violations(page)
