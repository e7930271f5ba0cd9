"""`flask users ...`: accounts from the command line. Thin wrappers over services."""
import os
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from app.models import Role

users_cli = AppGroup("users", help="Manage user accounts.")
ROLE_NAMES = [r.value for r in Role]


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", type=click.Choice(ROLE_NAMES), required=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def create_user_command(email, name, role, password):
    """Create a user account."""
    from app.auth.services import AuthError, create_user

    try:
        user = create_user(email, name, role, password)
    except AuthError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Created {user.role} {user.email}.")


@users_cli.command("seed")
@click.option("--accounts-file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the demo sign-ins (default: instance/demo-accounts.txt).")
def seed_command(accounts_file: Path | None):
    """On an empty users table only: demo campuses and one demo account per role."""
    from app.auth.services import seed_demo

    accounts_file = accounts_file or Path(current_app.instance_path) / "demo-accounts.txt"
    accounts = seed_demo()
    if accounts is None:
        where = f" Demo sign-ins, if this instance was seeded, are in {accounts_file}." if accounts_file.exists() else ""
        click.echo(f"Users already exist: skipped seeding.{where}")
        return
    host, port = os.environ.get("HOST", "127.0.0.1"), os.environ.get("PORT", "5000")
    lines = [f"RightsDesk demo accounts. Sign in at http://{host}:{port}/login", ""]
    lines += [f"{role:<10} {email:<34} {password}" for role, email, password in accounts]
    text = "\n".join(lines) + "\n"
    _write_private(accounts_file, text)
    click.echo(text + f"\n(Also written to {accounts_file}, readable only by you. Change these passwords before real use.)")


def _write_private(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
    os.chmod(path, 0o600)  # the file may have existed with wider permissions


@users_cli.command("list")
def list_command():
    """List every account: email, role, campus, status."""
    from app.admin.services import list_users

    users = list_users()
    if not users:
        click.echo("No users. Run `flask users seed` or `flask users create`.")
        return
    for user in users:
        campus = user.campus.name if user.campus else "-"
        status = "active" if user.active else "deactivated"
        click.echo(f"{user.email:<34} {user.role:<10} {status:<12} {user.name} ({campus})")


@users_cli.command("set-role")
@click.argument("email")
@click.argument("role", type=click.Choice(ROLE_NAMES))
def set_role_command(email, role):
    """Change an account's role (the last active admin cannot be demoted)."""
    from app.admin.services import AdminError, set_role
    from app.auth.services import find_user

    user = find_user(email)
    if user is None:
        raise click.ClickException(f"No account with the email {email}.")
    try:
        set_role(user, role)
    except AdminError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{user.email} is now {Role(role).label}.")


@users_cli.command("permissions")
def permissions_command():
    """Print the permission table: who may do what."""
    from app.auth.permissions import ANYONE, PERMISSIONS

    rows = []
    for action, rule in sorted(PERMISSIONS.items()):
        roles = ANYONE if rule.roles == ANYONE else ", ".join(r.value for r in Role if r in rule.roles)
        if rule.check is not None:
            roles += " (+ check)"
        rows.append((action, roles, rule.description))
    action_width = max(len(action) for action, _, _ in rows)
    roles_width = max(len(roles) for _, roles, _ in rows)
    click.echo(f"{'action':<{action_width}}  {'roles':<{roles_width}}  description")
    for action, roles, description in rows:
        click.echo(f"{action:<{action_width}}  {roles:<{roles_width}}  {description}")
    click.echo("\n(+ check): the role is necessary, and a rule about the object (e.g. the case) must also pass.")
