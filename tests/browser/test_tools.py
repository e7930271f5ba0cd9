"""Each decision tool once, from the form to the saved, printable record; every page axe-clean."""
import re

import pytest

pytestmark = pytest.mark.browser


def fill_public_domain(page):
    page.get_by_label("First published in the United States").check()
    page.get_by_label("Year first published (or date, when it is 1972 or 1989)").fill("1950")
    page.locator("#notice-0").check()       # notice: yes
    page.locator("#renewed-0").check()      # renewed: yes


def fill_fair_use(page):
    page.get_by_label("What do you want to use, and how?").fill("Two pages of a field guide for a science lesson")
    for box, reason in (("#purpose_for-0", "#purpose_rationale"), ("#nature_for-1", "#nature_rationale"),
                        ("#amount_for-0", "#amount_rationale"), ("#effect_for-0", "#effect_rationale")):
        page.locator(box).check()
        page.locator(reason).fill("Short reason")


def fill_classroom_copying(page):
    page.get_by_label(re.compile("^Prose")).check()
    page.get_by_label("Words in the whole work").fill("20000")
    page.get_by_label("Words you will copy").fill("1000")
    page.get_by_label("Copies you will make").fill("25")
    page.get_by_label("Pupils in the course").fill("25")
    page.get_by_label("Each copy will carry the copyright notice").check()
    page.get_by_label("Copying is my own decision as the teacher").check()
    page.get_by_label("There is not enough time to ask for permission and get an answer").check()


def fill_off_air(page):
    page.get_by_label("Date recorded").fill("2026-11-02")


def fill_screening(page):
    page.get_by_label(re.compile("^Entertainment")).check()
    page.get_by_label(re.compile("^A legitimate copy")).check()


def fill_classroom_screening(page):
    page.get_by_label(re.compile("^Teaching: the work is part of a lesson")).check()
    page.get_by_label(re.compile("^A legitimate copy")).check()


def fill_teach_act(page):
    page.get_by_label(re.compile("^Display")).check()
    page.get_by_label(re.compile("^An amount comparable")).check()


def fill_section_108(page):
    page.get_by_label(re.compile(r"^\(d\) An article")).check()
    page.locator("#open_to_public-0").check()
    page.get_by_label("The copy will carry the copyright notice or a legend").check()
    page.get_by_label(re.compile("warning is shown")).check()


def fill_creative_commons(page):
    page.get_by_label("Licence", exact=True).select_option("BY-NC")
    page.get_by_label(re.compile("^Copy and share it as is")).check()
    page.get_by_label("Title of the work").fill("Moon Phases")
    page.get_by_label(re.compile("^Author or creator")).fill("Ana Ruiz")


FILLERS = {
    "public-domain": (fill_public_domain, "Still protected"),
    "fair-use": (fill_fair_use, "Low risk"),
    "classroom-copying": (fill_classroom_copying, "Within the guidelines"),
    "off-air": (fill_off_air, "Erase or destroy by"),
    "screening": (fill_classroom_screening, "Exempt"),
    "teach-act": (fill_teach_act, "Not allowed"),            # the officer has not entered the TEACH settings
    "section-108": (fill_section_108, "Allowed"),
    "creative-commons": (fill_creative_commons, "Allowed only if"),
}


def test_tools_index_is_accessible(page, assert_no_axe_violations):
    page.goto("/tools/")
    assert page.get_by_role("heading", level=1).inner_text() == "Decision tools"
    assert_no_axe_violations(page)


@pytest.mark.parametrize("key", list(FILLERS))
def test_tool_from_form_to_saved_record(page, login, assert_no_axe_violations, key):
    fill, expected = FILLERS[key]
    login(page, "teacher")
    page.goto(f"/tools/{key}")
    assert_no_axe_violations(page)
    fill(page)
    page.get_by_role("button", name="Check").click()
    page.wait_for_load_state()
    result = page.locator("section.result")
    assert expected in result.inner_text()
    assert result.locator("a[href^='/library/']").count() >= 1
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Save a dated record").click()
    page.wait_for_url(re.compile(r"/tools/records/\d+$"))
    assert "Saved a dated record" in page.locator(".flashes").inner_text()
    assert expected in page.locator("main").inner_text()
    assert_no_axe_violations(page)


def test_bad_input_keeps_what_was_typed(page, assert_no_axe_violations):
    page.goto("/tools/classroom-copying")
    page.get_by_label(re.compile("^Prose")).check()
    page.get_by_label("Words in the whole work").fill("two thousand")
    page.get_by_label("Copies you will make").fill("-3")
    page.get_by_label("Pupils in the course").fill("25")
    page.get_by_role("button", name="Check").click()
    page.wait_for_load_state()
    assert "Enter the number of words in digits" in page.locator(".error-summary").inner_text()
    assert page.get_by_label("Words in the whole work").input_value() == "two thousand"
    assert page.get_by_label("Copies you will make").input_value() == "-3"
    assert_no_axe_violations(page)


def test_anonymous_result_offers_sign_in_to_save(page):
    page.goto("/tools/creative-commons")
    fill_creative_commons(page)
    page.get_by_role("button", name="Check").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Sign in to save a dated record").count() == 1
    assert page.get_by_role("button", name="Save a dated record").count() == 0


def test_only_relevant_sections_are_shown_with_javascript(page):
    page.goto("/tools/public-domain")
    foreign = page.locator("fieldset[data-show-if='category:foreign_published']")
    assert foreign.is_hidden()
    page.get_by_label("First published outside the United States").check()
    assert foreign.is_visible()


@pytest.mark.parametrize("url", ["/tools/licenses", "/tools/teach-settings", "/tools/ill", "/tools/records"])
def test_officer_pages_are_accessible(page, login, assert_no_axe_violations, url):
    login(page, "officer")
    page.goto(url)
    assert page.get_by_role("heading", level=1).count() == 1
    assert_no_axe_violations(page)


def test_officer_configures_a_licence_and_the_screening_uses_it(page, login):
    login(page, "officer")
    page.goto("/tools/licenses")
    page.get_by_label("Licensor").fill("Swank Motion Pictures (browser test)")
    page.get_by_label("Browser Test High School").check()
    page.get_by_label("Expires on").fill("2099-06-30")
    page.get_by_role("button", name="Add licence").click()
    page.wait_for_load_state()
    assert "Licence added" in page.locator(".flashes").inner_text()
    page.goto("/tools/screening")
    fill_screening(page)
    page.get_by_label("Building (campus)").select_option(label="Browser Test High School")
    page.get_by_role("button", name="Check").click()
    page.wait_for_load_state()
    assert "Swank Motion Pictures (browser test)" in page.locator("section.result").inner_text()
