"""Every `flask ...` command: thin wrappers over services. Areas add their groups here."""
import click
from flask import Flask
from flask.cli import AppGroup

users_cli = AppGroup("users", help="Manage user accounts.")


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", type=click.Choice(["teacher", "librarian", "officer", "admin"]), required=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def create_user_command(email, name, role, password):
    """Create a user account."""
    from app.auth.services import AuthError, create_user

    try:
        user = create_user(email, name, role, password)
    except AuthError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Created {user.role} {user.email}.")


def init_app(app: Flask) -> None:
    app.cli.add_command(users_cli)

    @app.shell_context_processor
    def shell_context():
        from app import models
        from app.extensions import db

        return {"db": db, "models": models}
