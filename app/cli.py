"""Every `flask ...` command: thin wrappers over services. Areas add their groups here."""
from flask import Flask


def init_app(app: Flask) -> None:
    from app.auth.cli import users_cli
    from app.cases.cli import cases_cli
    from app.library.cli import library_cli

    app.cli.add_command(users_cli)
    app.cli.add_command(library_cli)
    app.cli.add_command(cases_cli)

    @app.shell_context_processor
    def shell_context():
        from app import models
        from app.extensions import db

        return {"db": db, "models": models}
