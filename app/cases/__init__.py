"""The case tracker: reconsideration requests, compliance questions and incidents."""
from flask import Flask


def init_app(app: Flask) -> None:
    from app.cases.views import bp

    app.register_blueprint(bp)
