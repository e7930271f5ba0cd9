"""Browser-test harness: a live RightsDesk server, Chromium through Playwright, and axe checks.

How to use it (other areas: just request the fixtures by name)
--------------------------------------------------------------
Put journeys in ``tests/browser/test_<area>.py`` and mark them ``@pytest.mark.browser``::

    import pytest

    pytestmark = pytest.mark.browser

    def test_teacher_asks_a_question(page, live_server, login, assert_no_axe_violations):
        login(page, "teacher")                 # signs in teacher@example.org with PASSWORD
        page.goto("/cases/new")                # relative URLs resolve against the live server
        assert_no_axe_violations(page)         # fails with a readable list of WCAG 2.1 AA problems
        page.get_by_label("Your question").fill("Can I show a film?")
        page.get_by_role("button", name="Send").click()
        page.wait_for_url("**/cases/**")

Fixtures
--------
``live_server`` (session)
    A real HTTP server (werkzeug ``make_server`` in a daemon thread) on 127.0.0.1 and a random
    port. Attributes: ``url`` (``http://127.0.0.1:PORT``), ``app`` (the Flask app), ``users``
    (role -> user id) and ``db_path``. The app uses ``TestConfig`` (CSRF off) with a temp-file
    SQLite database (``db.create_all()``; file, not memory, so every request thread sees the same
    data), the REAL ``content/`` directory and a search index built from it. To read or write
    data from a test, use ``with live_server.app.app_context(): ...``. The database is shared by
    the whole session: create your own rows with unique names, do not assume an empty table.
``live_app`` (session)
    Shortcut for ``live_server.app``.
``browser`` (session)
    Chromium (``/usr/bin/chromium``, headless) via the Playwright sync API.
``page`` (function)
    A fresh browser context (own cookies, so every test starts signed out) with
    ``base_url=live_server.url``; closed after the test.
``login`` (function)
    ``login(page, role)`` signs in the seeded user ``<role>@example.org`` (teacher, librarian,
    officer, admin) through the real /login form and waits until the form is gone.
``assert_no_axe_violations`` (function)
    ``assert_no_axe_violations(page, context=None)`` runs axe-core (shipped with
    axe-playwright-python, works offline) limited to wcag2a, wcag2aa, wcag21a, wcag21aa and
    fails listing each violation: rule id, impact, help text, URL and offending elements.

Run only these tests with ``.venv/bin/python -m pytest tests/browser -m browser -q``.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from app import create_app
from app.config import BASE_DIR, TestConfig
from app.extensions import db
from app.models import Campus, Role, User
from tests.conftest import PASSWORD

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@dataclass
class LiveServer:
    url: str
    app: object
    db_path: Path
    users: dict[str, int] = field(default_factory=dict)


def _build_search_index(app) -> None:
    """Index the real content/ so search pages work in journeys."""
    from app.library import search
    from app.library.content import current_library

    with app.app_context():
        search.build_index(current_library(), app.config["SEARCH_INDEX_DIR"])


def _seed_users() -> dict[str, int]:
    campus = Campus(name="Browser Test High School", level="high")
    db.session.add(campus)
    db.session.flush()
    ids = {}
    for role in Role:
        user = User(email=f"{role.value}@example.org", name=f"Test {role.label}", role=role.value, campus_id=campus.id)
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.flush()
        ids[role.value] = user.id
    db.session.commit()
    return ids


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("live_server")
    db_path = workdir / "live.sqlite"
    app = create_app(TestConfig, {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{db_path}",
        "CONTENT_DIR": str(BASE_DIR / "content"),
        "SEARCH_INDEX_DIR": str(workdir / "search_index"),
    })
    with app.app_context():
        db.create_all()
        users = _seed_users()
    _build_search_index(app)

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(url=f"http://127.0.0.1:{server.server_port}", app=app, db_path=db_path, users=users)
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture(scope="session")
def live_app(live_server):
    return live_server.app


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def _login(page, role: str, password: str = PASSWORD) -> None:
    page.goto("/login")
    page.get_by_label("Email").fill(f"{role}@example.org")
    page.get_by_label("Password").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    if "/login" in page.url:
        raise AssertionError(f"Sign-in as {role} failed; page says: {page.locator('main').inner_text()[:300]}")


@pytest.fixture
def login():
    return _login


_axe = Axe()


def _format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} axe WCAG 2.1 AA violation(s) on {url}:"]
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact')}): {v['help']}  [{v.get('helpUrl', '')}]")
        for node in v["nodes"][:10]:
            lines.append(f"    at {', '.join(map(str, node['target']))}: {node.get('html', '')[:200]}")
            summary = node.get("failureSummary")
            if summary:
                lines.extend("      " + s for s in summary.splitlines())
    return "\n".join(lines)


def _assert_no_axe_violations(page, context=None) -> None:
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    results = _axe.run(page, context=context, options=options)
    violations = results.response["violations"]
    assert not violations, _format_violations(page.url, violations)


@pytest.fixture
def assert_no_axe_violations():
    return _assert_no_axe_violations
