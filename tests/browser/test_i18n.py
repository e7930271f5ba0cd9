"""The Spanish interface in a real browser: the language switch, and axe on the Spanish pages."""
import re

import pytest

pytestmark = pytest.mark.browser


def test_spanish_home_page_is_accessible_and_the_switch_round_trips(page, assert_no_axe_violations):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="Español").click()
    page.wait_for_url(re.compile(r"lang=es"))
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("h1").inner_text() == "Guías sobre derechos de autor y bibliotecas"
    assert_no_axe_violations(page)

    # The choice is remembered (cookie): a search from the Spanish page stays in Spanish.
    page.get_by_label("Buscar en las guías").fill("fair use")
    page.get_by_role("button", name="Buscar", exact=True).click()
    page.wait_for_url(re.compile(r"/search\?q=fair"))
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("#results-heading").inner_text() == "Resultados"
    assert_no_axe_violations(page)

    page.get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r"lang=en"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert "q=fair" in page.url  # the switch keeps the search
    assert page.locator("h1").inner_text() == "Search the guidelines"


@pytest.mark.parametrize("path", ["/cases/decisions", "/login", "/no-such-page", "/search?q=fare+use"])
def test_spanish_public_pages_pass_axe(page, assert_no_axe_violations, path):
    page.goto(path + ("&" if "?" in path else "?") + "lang=es")
    assert page.locator("html").get_attribute("lang") == "es"
    assert_no_axe_violations(page)


def test_spanish_article_page_passes_axe(page, assert_no_axe_violations):
    page.goto("/?lang=es")
    page.locator(".collection-list a").first.click()
    page.locator(".article-list a").first.click()
    page.wait_for_url(re.compile(r"/library/[\w-]+/[\w-]+$"))
    assert page.locator("dt").first.inner_text() == "Dirigido a"
    assert_no_axe_violations(page)
