"""Template filters and globals shared by every blueprint."""
from datetime import date, datetime

from flask import Flask, current_app
from markupsafe import Markup

from app.text import render_user_markdown


def format_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    return value.strftime("%-d %B %Y")


def format_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
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
