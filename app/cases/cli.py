"""`flask cases ...`: check the policy profiles, list overdue cases, rebuild the search table."""
import click
from flask import current_app
from flask.cli import AppGroup

from app.cases import policies, services

cases_cli = AppGroup("cases", help="The case tracker: policies, deadlines, search.")


@cases_cli.command("policies")
def policies_command():
    """Load and check every policy profile; show which one CASE_POLICY selects."""
    try:
        profiles = policies.load_all_versions()
    except policies.PolicyError as exc:
        raise click.ClickException(str(exc)) from exc
    chosen = current_app.config.get("CASE_POLICY", "ala")
    for (key, version), profile in sorted(profiles.items()):
        marker = "*" if key == chosen and policies.get_profile(key).version == version else " "
        unconfirmed = sum(1 for d in profile.deadlines if not d.confirmed)
        click.echo(f"{marker} {key} {version}: {profile.title} ({len(profile.states)} states, "
                   f"{len(profile.transitions)} transitions, {len(profile.deadlines)} deadlines, "
                   f"{unconfirmed} unconfirmed, access during review: {profile.access_during_review})")
    if chosen not in policies.load_profiles():
        raise click.ClickException(f"CASE_POLICY={chosen!r} names no profile.")


@cases_cli.command("overdue")
def overdue_command():
    """List open cases whose next deadline has passed (for escalation to the officer)."""
    rows = services.overdue_cases()
    for case in rows:
        click.echo(f"{case.reference}\t{case.next_due_on.isoformat()}\t{case.status}\t{case.title}")
    click.echo(f"{len(rows)} overdue case(s).")


@cases_cli.command("reindex")
def reindex_command():
    """Rebuild the full-text search data from the cases table (after a bulk import)."""
    services.rebuild_fulltext()
    click.echo("Case search rebuilt.")
