"""The public register of decisions and the officer's challenge report in a real browser, checked with axe."""
import uuid
from datetime import date

import pytest
import sqlalchemy as sa

from app.cases import services
from app.extensions import db
from app.models import Campus, User

pytestmark = pytest.mark.browser

REQUESTER_NAME = "Browser Requester Quillon"
RATIONALE = "Browser rationale Wexford: meets the selection criteria."


def _seed_decision(title: str) -> None:
    """A decided reconsideration request (the profile is ala in TestConfig)."""
    campus_id = db.session.scalar(sa.select(Campus.id).where(Campus.name == "Browser Test High School"))
    officer = db.session.scalar(sa.select(User).where(User.email == "officer@example.org"))
    librarian = db.session.scalar(sa.select(User).where(User.email == "librarian@example.org"))
    member = db.session.scalar(sa.select(User).where(User.email == "admin@example.org"))
    case = services.file_reconsideration(
        librarian, campus_id=campus_id, material={"title": title, "author": "Reg Author", "isbn": "", "format": "book"},
        requester={"name": REQUESTER_NAME, "contact": "", "role": "parent", "relationship": "self"},
        details={"concerns": "Browser concerns.", "examined_whole": "yes", "received_on": date.today().isoformat()})
    services.take_transition(officer, case, "start_review")
    services.appoint_member(officer, case, member.id)
    services.attest(member, case, True)
    services.cast_vote(member, case, "retained", "")
    services.record_recommendation(officer, case, recommendation="retained", rationale="Meets the criteria.")
    services.record_decision(officer, case, outcome="retained", scope="campus", rationale=RATIONALE,
                             decided_on=None, effective_on=None)


def test_public_register_and_officer_report(page, live_server, login, assert_no_axe_violations):
    title = f"Register Title {uuid.uuid4().hex[:6]}"
    with live_server.app.app_context():
        _seed_decision(title)

    # Anyone, signed out, finds the register from the main navigation and filters it.
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Decisions").click()
    page.wait_for_url("**/cases/decisions")
    assert page.get_by_role("heading", level=1).inner_text() == "Reconsideration decisions"
    row = page.get_by_role("row").filter(has_text=title)
    assert "Retained" in row.inner_text()
    assert REQUESTER_NAME not in page.content() and RATIONALE not in page.content()
    assert_no_axe_violations(page)
    page.get_by_label("Outcome").select_option("removed_district")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    assert "outcome=removed_district" in page.url and title not in page.content()
    assert_no_axe_violations(page)

    # The officer opens the challenge report for the current school year.
    login(page, "officer")
    page.goto("/cases/report")
    assert page.get_by_role("heading", level=1).inner_text() == "Challenge report"
    assert page.get_by_role("table", name="Requests by outcome").is_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Or from").fill("2020-01-01")
    page.get_by_role("button", name="Show report").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()  # the end date is missing
    assert_no_axe_violations(page)
