"""Spanish interface for the public-facing pages (Flask-Babel).

The language comes from ``?lang=es|en`` (remembered in a ``lang`` cookie for a year), else that
cookie, else the browser's Accept-Language, else English. Officer, admin and committee pages are
not translated: their strings are plain English and simply pass through.

Catalogue: app/translations/es/LC_MESSAGES/messages.po. After changing wording, run
``make translations-update``, fill in the new msgstr lines, then ``make translations``.
"""
from urllib.parse import urlencode

from flask import Flask, g, has_request_context, request
from flask_babel import Babel, get_locale, gettext, lazy_gettext, refresh

LANGUAGES = ("en", "es")
LANGUAGE_NAMES = {"en": "English", "es": "Español"}  # each in its own language, for the switch
LANG_COOKIE = "lang"
LANG_COOKIE_MAX_AGE = 365 * 24 * 60 * 60


def N_(text: str) -> str:
    """Mark a string for extraction without translating it here (pybabel's default keyword)."""
    return text


# English labels that reach Spanish pages from data (dicts in app/models/case.py and
# app/cases/services.py, state labels in app/cases/policies/*.yml) rather than as literals in a
# template. Listed so that pybabel extracts them; `translated` looks them up at render time.
DATA_LABELS = (
    # Decision outcomes (app/models/case.py OUTCOMES)
    N_("Pending"), N_("Retained"), N_("Retained with restriction"), N_("Relocated or reclassified"),
    N_("Labeled"), N_("Removed (campus)"), N_("Removed (district)"), N_("Withdrawn by requester"),
    N_("Closed: no formal filing"), N_("Declined: repeat challenge"),
    # Reconsideration states shown in the public register (policy YAML files)
    N_("Signed request received"), N_("Formal request received"),
    N_("Challenge received (student access restricted)"), N_("Committee review"),
    N_("Media and technology advisory committee review"), N_("School library advisory council review"),
    N_("Committee recommendation issued"), N_("Council recommendation issued"),
    N_("Pending board action in an open meeting"), N_("Decided"), N_("Decided by the board"),
    N_("Appeal: district community media advisory committee"),
    N_("Appeal: local board of education (sole authority)"), N_("Appeal: superintendent or board review"),
    N_("Appeal: board acts at its first open meeting after filing"), N_("Closed"), N_("Withdrawn"),
    # Material formats (app/models/case.py MATERIAL_FORMATS) and the register's district-wide campus
    N_("Book or e-book"), N_("Movie"), N_("Magazine"), N_("Audio recording"), N_("Digital resource"),
    N_("Game"), N_("Newspaper"), N_("Other"), N_("District-wide"),
    # Question topics (app/cases/services.py QUESTION_TOPICS)
    N_("Copyright"), N_("Fair use"), N_("Performance (films, music, plays)"), N_("Acceptable use"),
    N_("Privacy"),
    # Article audiences (content front matter, shown capitalised) and jurisdictions
    N_("Administrator"), N_("Board"), N_("Librarian"), N_("Officer"), N_("Parent"), N_("Student"), N_("Teacher"),
    N_("United States (federal)"), N_("Texas"), N_("North Carolina"),
)


def translated(text):
    """A data label in the reader's language (unknown labels come back unchanged)."""
    return gettext(text) if text else text


def lazy_translated(text):
    """Like `translated`, for module-level values such as form choices."""
    return lazy_gettext(text) if text else text


def select_locale() -> str:
    if not has_request_context():  # CLI commands and background work: English
        return "en"
    if request.args.get("lang") in LANGUAGES:
        return request.args["lang"]
    if request.cookies.get(LANG_COOKIE) in LANGUAGES:
        return request.cookies[LANG_COOKIE]
    return request.accept_languages.best_match(list(LANGUAGES)) or "en"


def switch_language_url(code: str) -> str:
    """The current page (path and query) in another language."""
    args = [(key, value) for key, value in request.args.items(multi=True) if key != "lang"]
    return f"{request.path}?{urlencode(args + [('lang', code)])}"


def init_app(app: Flask) -> None:
    Babel(app, locale_selector=select_locale)
    app.add_template_filter(translated, "translated")

    @app.before_request
    def fresh_locale():
        # Tests (and anything else) may reuse one app context for several requests; the locale
        # Flask-Babel cached on `g` belongs to the previous request.
        refresh()
        if request.args.get("lang") in LANGUAGES:
            g.set_lang_cookie = request.args["lang"]

    @app.after_request
    def remember_language(response):
        chosen = g.pop("set_lang_cookie", None)
        if chosen:
            response.set_cookie(LANG_COOKIE, chosen, max_age=LANG_COOKIE_MAX_AGE, httponly=True, samesite="Lax",
                                secure=app.config.get("SESSION_COOKIE_SECURE", False))
        response.vary.update(("Cookie", "Accept-Language"))  # caches must not mix languages
        return response

    @app.context_processor
    def language_globals():
        locale = get_locale()
        current = locale.language if locale else "en"
        other = "en" if current == "es" else "es"
        return {"current_locale": current, "other_language": other,
                "other_language_name": LANGUAGE_NAMES[other], "switch_language_url": switch_language_url}
