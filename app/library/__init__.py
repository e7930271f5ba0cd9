from flask import Flask

from app.library.views import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
