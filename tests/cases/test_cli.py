"""`flask cases ...` commands."""
from datetime import date, timedelta

import sqlalchemy as sa

from app.cases import services
from app.extensions import db


def test_policies_command_lists_profiles(runner):
    result = runner.invoke(args=["cases", "policies"])
    assert result.exit_code == 0, result.output
    assert "* ala" in result.output and "texas-sb13" in result.output and "north-carolina" in result.output


def test_policies_command_rejects_unknown_choice(app, runner):
    app.config["CASE_POLICY"] = "nowhere"
    result = runner.invoke(args=["cases", "policies"])
    assert result.exit_code != 0 and "nowhere" in result.output


def test_overdue_command(runner, users, campus):
    late = date.today() - timedelta(days=30)
    case = services.file_reconsideration(
        users["librarian"], campus_id=campus.id, material={"title": "Late", "author": "A", "format": "book"},
        requester={"name": "P", "role": "parent"}, details={"concerns": "c", "received_on": late.isoformat()})
    result = runner.invoke(args=["cases", "overdue"])
    assert case.reference in result.output and "1 overdue case(s)." in result.output


def test_reindex_command_rebuilds_search(runner, users, campus):
    case = services.ask_question(users["teacher"], topic="copyright", subject="Zebra crossing", question="q")
    result = runner.invoke(args=["cases", "reindex"])
    assert result.exit_code == 0, result.output
    found = db.session.scalars(services.queue_query(services.QueueFilters(q="zebra"), users["officer"]))
    assert [c.id for c in found] == [case.id]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(type(case))) == 1
