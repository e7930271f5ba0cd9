from flask import Flask

from app.admin.views import bp


def init_app(app: Flask) -> None:
    """Admin pages: users, campuses, non-instructional days (issue 4)."""
    app.register_blueprint(bp)
