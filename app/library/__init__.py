from flask import Flask

from app.library import api  # noqa: F401  (registers /api/search and /healthz on bp)
from app.library.views import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
