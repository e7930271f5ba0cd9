"""Template filters and globals shared by every blueprint."""
from datetime import date, datetime

from babel import dates as babel_dates
from flask import Flask, current_app
from flask_babel import get_locale
from markupsafe import Markup

from app.text import render_user_markdown


def _reader_locale():
    """The page's language when it is not English (month names must match it), else None."""
    locale = get_locale()
    return locale if locale is not None and locale.language != "en" else None


def format_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    locale = _reader_locale()
    if locale is not None:
        return babel_dates.format_date(value, format="long", locale=locale)  # "3 de marzo de 2026"
    return value.strftime("%-d %B %Y")


def format_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    locale = _reader_locale()
    if locale is not None:
        return babel_dates.format_datetime(value, format="d 'de' MMMM 'de' y, HH:mm 'UTC'", tzinfo=None, locale=locale)
    return value.strftime("%-d %B %Y, %H:%M UTC")


def init_app(app: Flask) -> None:
    app.add_template_filter(format_date, "date")
    app.add_template_filter(format_datetime, "datetime")
    app.add_template_filter(lambda text: Markup(render_user_markdown(text)), "user_markdown")

    @app.context_processor
    def inject_globals():
        return {
            "district_name": current_app.config["DISTRICT_NAME"],
            # Lets base.html link only to sections that exist in this build.
            "url_endpoints": current_app.view_functions.keys(),
        }
