"""Decision tools: pure rule modules (one per tool), their forms, saved records and the views."""
from flask import Flask


def init_app(app: Flask) -> None:
    from app.tools import views

    app.register_blueprint(views.bp)
    views.register_template_helpers(app)
