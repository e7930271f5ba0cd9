"""Regressions found in the pre-release review: typed URLs and query strings never give a 500."""
import pytest

from app.cases import services
from app.extensions import db

HUGE = "99999999999999999999"


@pytest.fixture
def officer_client(client, auth):
    auth.login("officer")
    return client


def test_queue_link_args_do_not_clash_with_the_identity_export_link(officer_client, file_request):
    file_request()
    response = officer_client.get("/cases/?identity=1&kind=reconsideration")
    assert response.status_code == 200
    assert b"identity=1" in response.data  # the identity CSV link is still there, once


@pytest.mark.parametrize("query", ["_scheme=javascript", "_anchor=x&_external=1", "_method=POST", "endpoint=x"])
@pytest.mark.parametrize("path", ["/cases/", "/cases/decisions", "/cases/report"])
def test_underscore_query_keys_are_not_passed_to_url_for(officer_client, path, query):
    response = officer_client.get(f"{path}?{query}")
    assert response.status_code in (200, 400)
    assert b"javascript:" not in response.data


@pytest.mark.parametrize("query", [f"campus_id={HUGE}", f"assignee={HUGE}", "assignee=%C2%B2", "campus_id=%C2%B2"])
def test_queue_ignores_out_of_range_ids(officer_client, file_request, query):
    file_request()
    response = officer_client.get(f"/cases/?{query}")
    assert response.status_code == 200
    assert officer_client.get(f"/cases/export.csv?{query}").status_code == 200


@pytest.mark.parametrize("query", [f"campus={HUGE}", "campus=%C2%B2"])
@pytest.mark.parametrize("path", ["/cases/decisions", "/cases/decisions.csv"])
def test_public_register_ignores_out_of_range_campus(client, decided_case, path, query):
    decided_case()
    response = client.get(f"{path}?{query}")
    assert response.status_code == 200
    assert b"The Bluest Eye" in response.data


def test_my_cases_huge_page_is_not_a_server_error(client, auth, file_request):
    file_request()
    auth.login("librarian")
    assert client.get(f"/cases/mine?page={HUGE}").status_code == 200


@pytest.mark.parametrize("case_id", ["%C2%B2", HUGE, "0"])
def test_odd_case_ids_are_not_found(officer_client, case_id):
    assert officer_client.get(f"/cases/{case_id}").status_code == 404


def test_get_case_rejects_non_ascii_digits(app):
    assert services.get_case("²") is None
    assert services.get_case("٣") is None


def test_new_case_menu_needs_sign_in(client):
    response = client.get("/cases/new")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_committee_actions_go_through_the_permission_table(users, members, file_request, monkeypatch):
    """attest/vote/recuse ask can(…, "cases.committee_act"): narrowing that rule stops a member."""
    from app.auth import permissions

    officer = users["officer"]
    case = file_request()
    services.take_transition(officer, case, "start_review")
    services.appoint_member(officer, case, members[0].id)
    rule = permissions.PERMISSIONS["cases.committee_act"]
    monkeypatch.setitem(permissions.PERMISSIONS, "cases.committee_act",
                        permissions.Rule(rule.roles, lambda user, obj: False, rule.description))
    with pytest.raises(services.CaseError):
        services.attest(members[0], case, True)
    assert not db.session.dirty


def _queries(client, url):
    import sqlalchemy as sa

    seen = []

    def listener(*args, **kwargs):
        seen.append(1)

    sa.event.listen(db.engine, "before_cursor_execute", listener)
    try:
        assert client.get(url).status_code == 200
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", listener)
    return len(seen)


def test_timeline_loads_event_actors_with_the_events(client, auth, users, make_user, file_request):
    """Regression (review): each timeline row lazily loaded its actor (N+1)."""
    one = file_request(title="Book One", isbn="")
    many = file_request(title="Book Two", isbn="")
    others = [make_user(f"Officer{i}", "officer") for i in range(3)]
    for actor in others:
        services.add_note(users["officer"], one, "A note.")
        services.add_note(actor, many, "A note.")
    auth.login("officer")
    one_url, many_url = f"/cases/{one.reference}", f"/cases/{many.reference}"
    db.session.expunge_all()
    same_actor = _queries(client, one_url)
    db.session.expunge_all()
    assert _queries(client, many_url) == same_actor


def test_assigning_a_new_question_goes_through_the_policy_profile(client, auth, users):
    """Regression (review): assign() set status "assigned" directly, outside the profile."""
    case = services.ask_question(users["teacher"], topic="copyright", subject="S", question="Q")
    steps = {s.transition.name: s for s in services.next_steps(users["officer"], case)}
    assert steps["assign"].transition.form == "assign"
    services.assign(users["officer"], case, users["officer"].id)
    assert case.status == "assigned"
    changed = [e for e in case.events if e.kind == "status_changed"]
    assert [(e.data["old"], e.data["new"], e.data["transition"]) for e in changed] == [("new", "assigned", "assign")]
    assert "assign" not in {s.transition.name for s in services.next_steps(users["officer"], case)}
    # The step links to the assignment form on the case page.
    other = services.ask_question(users["teacher"], topic="copyright", subject="S2", question="Q2")
    auth.login("officer")
    page = client.get(f"/cases/{other.reference}").get_data(as_text=True)
    assert 'href="#assign-form"' in page and 'id="assign-form"' in page


def _ready_for_decision(users, members, case):
    from tests.cases.conftest import STEPS

    officer = users["officer"]
    before, after = STEPS[case.policy_key]
    for step in before:
        services.take_transition(officer, case, step)
    for member in members[:2]:
        services.appoint_member(officer, case, member.id)
        services.attest(member, case, True)
        services.cast_vote(member, case, "retained", "Meets the selection criteria.")
    services.record_recommendation(officer, case, recommendation="retained", rationale="Meets the selection criteria.")
    for step in after:
        services.take_transition(officer, case, step)
    return case


@pytest.mark.parametrize("decided_on", ["9999-12-31", "2999-01-01"])
def test_a_future_decision_date_is_a_form_error_not_a_500(client, auth, users, members, file_request, decided_on):
    """Regression (review): decided_on=9999-12-31 overflowed the appeal-deadline arithmetic (500)."""
    case = _ready_for_decision(users, members, file_request())
    auth.login("officer")
    response = client.post(f"/cases/{case.reference}/decision", data={
        "outcome": "retained", "scope": "campus", "rationale": "Meets the selection policy criteria.",
        "decided_on": decided_on, "effective_on": "", "version": case.version_id})
    assert response.status_code == 400
    assert "cannot be in the future" in response.get_data(as_text=True)
    db.session.expire_all()
    assert case.latest_decision is None


def test_an_edit_without_the_case_version_is_refused(client, auth, users, members, file_request):
    """Optimistic locking cannot be skipped by leaving the version out of a hand-made POST."""
    case = _ready_for_decision(users, members, file_request())
    auth.login("officer")
    response = client.post(f"/cases/{case.reference}/decision", data={
        "outcome": "retained", "scope": "campus", "rationale": "Meets the selection policy criteria.",
        "decided_on": "2026-01-05", "effective_on": ""})
    assert response.status_code == 400
    assert "This form is out of date" in response.get_data(as_text=True)
    db.session.expire_all()
    assert case.latest_decision is None


def test_an_incident_cannot_have_happened_in_the_future(users):
    from datetime import date

    with pytest.raises(services.CaseError) as caught:
        services.log_incident(users["librarian"], incident_type="censorship", title="T", description="D",
                              campus_id=None, occurred_on=date(9999, 12, 31))
    assert caught.value.field == "occurred_on"
