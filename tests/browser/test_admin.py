"""Admin pages in a real browser: axe WCAG 2.1 AA checks, including forms showing errors."""
import pytest

pytestmark = pytest.mark.browser

ADMIN_PAGES = ["/admin/", "/admin/users", "/admin/users/new", "/admin/campuses", "/admin/campuses/new", "/admin/calendar"]


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_pages_pass_axe(page, login, assert_no_axe_violations, path):
    login(page, "admin")
    page.goto(path)
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(page)


def test_user_edit_page_passes_axe(page, live_server, login, assert_no_axe_violations):
    login(page, "admin")
    page.goto(f"/admin/users/{live_server.users['teacher']}")
    assert_no_axe_violations(page)


def test_rejected_user_form_keeps_input_and_passes_axe(page, login, assert_no_axe_violations):
    login(page, "admin")
    page.goto("/admin/users/new")
    page.get_by_label("Full name").fill("Browser Person")
    page.get_by_label("Email").fill("teacher@example.org")  # already taken
    page.get_by_label("Password", exact=True).fill("a long password")
    page.get_by_label("Repeat the new password").fill("a long password")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_load_state()
    assert "Another account already uses" in page.locator(".error-summary").inner_text()
    assert page.get_by_label("Full name").input_value() == "Browser Person"
    assert_no_axe_violations(page)


def test_calendar_journey_for_the_officer(page, login, assert_no_axe_violations):
    login(page, "officer")
    page.goto("/admin/")
    page.get_by_role("link", name="District calendar").click()
    page.get_by_label("Date (or first day of a range)").fill("2031-11-27")
    page.get_by_label("Description").fill("Browser test holiday")
    page.get_by_role("button", name="Add to calendar").click()
    page.wait_for_url("**/admin/calendar?year=2031")
    assert page.get_by_role("cell", name="Browser test holiday").count() == 1
    assert_no_axe_violations(page)
    # A rejected add keeps what was typed and the page still passes.
    page.get_by_label("Description").fill("Half-typed")
    page.get_by_role("button", name="Add to calendar").click()
    page.wait_for_load_state()
    assert page.get_by_label("Description").input_value() == "Half-typed"
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Delete 2031-11-27").click()
    page.wait_for_load_state()
    assert page.get_by_role("cell", name="Browser test holiday").count() == 0
