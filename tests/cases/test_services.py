"""Case tracker services: filing, workflow, committee, decisions, appeals, questions, history."""
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from app.cases import policies, services
from app.cases.services import CaseConflict, CaseError, RationaleWarning, RechallengeBarred
from app.extensions import db
from app.models import AppendOnlyError, Case, CaseEvent, Material, normalize_isbn, material_key


# --- materials -----------------------------------------------------------------------------------
@pytest.mark.parametrize("raw, expected", [
    ("978-0-375-41155-7", "9780375411557"),
    ("0-375-41155-X", "9780375411557"),  # ISBN-10 (check digit ignored) becomes its ISBN-13
    ("isbn 0375411550", "9780375411557"),
    ("", ""),
])
def test_normalize_isbn(raw, expected):
    assert normalize_isbn(raw) == expected


@pytest.mark.parametrize("a, b", [
    (("The Bluest Eye", "Toni Morrison"), ("bluest eye", "Morrison, Toni")),
    (("Gender Queer: A Memoir", "Maia Kobabe"), ("Gender queer a memoir", "KOBABE, MAIA")),
])
def test_material_key_ignores_case_punctuation_articles_and_name_order(a, b):
    assert material_key(*a) == material_key(*b)


def test_material_key_distinguishes_authors():
    assert material_key("Beloved", "Toni Morrison") != material_key("Beloved", "Someone Else")


def test_filing_reuses_material_by_isbn_or_title_author(file_request, other_campus):
    first = file_request()
    by_title = file_request(title="the bluest eye", author="Morrison, Toni", isbn="", campus_id=other_campus.id)
    by_isbn = file_request(title="Bluest Eye (paperback)", author="T. Morrison", isbn="978 0375411557")
    assert first.material_id == by_title.material_id == by_isbn.material_id
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Material)) == 1


def test_earlier_challenges_lists_every_campus(file_request, other_campus):
    first = file_request()
    second = file_request(campus_id=other_campus.id)
    found = services.earlier_challenges(title="The Bluest Eye", author="Toni Morrison")
    assert [c.reference for c in found] == [second.reference, first.reference] or \
        {c.reference for c in found} == {first.reference, second.reference}
    assert services.earlier_challenges(title="Another Book", author="X") == []


# --- filing ----------------------------------------------------------------------------------------
def test_filing_creates_case_with_reference_policy_and_event(app, file_request):
    case = file_request()
    year = date.today().year
    assert case.reference == f"RC-{year}-0001"
    assert file_request().reference == f"RC-{year}-0002"
    assert case.kind == "reconsideration"
    assert case.status == "received"
    assert (case.policy_key, case.policy_version) == ("ala", policies.get_profile("ala").version)
    assert case.access_status == "available"
    assert case.outcome == "pending"
    assert case.details["examined_whole"] == "no"
    assert [e.kind for e in case.events] == ["filed"]
    assert case.milestones["received"] == date.today().isoformat()
    assert case.next_due_on is not None


def test_references_count_per_kind(users, file_request):
    file_request()
    question = services.ask_question(users["teacher"], topic="copyright", subject="Copying", question="How much?")
    incident = services.log_incident(users["librarian"], incident_type="censorship", title="Books pulled",
                                     description="A display was removed.", campus_id=None)
    year = date.today().year
    assert question.reference == f"Q-{year}-0001"
    assert incident.reference == f"IN-{year}-0001"


@pytest.mark.parametrize("role", ["librarian", "officer", "admin"])
def test_filing_allowed_roles(file_request, role):
    assert file_request(by=role).id


def test_teacher_cannot_file(file_request):
    with pytest.raises(CaseError):
        file_request(by="teacher")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Case)) == 0


@pytest.mark.parametrize("material, requester, field", [
    ({"title": "  "}, {}, "title"),
    ({}, {"name": ""}, "requester_name"),
    ({}, {"relationship": "organization", "organization": ""}, "requester_organization"),
])
def test_filing_validation(users, campus, material, requester, field):
    with pytest.raises(CaseError) as exc:
        services.file_reconsideration(
            users["librarian"], campus_id=campus.id,
            material={"title": "Book", "author": "A", "isbn": "", "format": "book"} | material,
            requester={"name": "P", "contact": "", "role": "parent", "relationship": "self"} | requester,
            details={"concerns": "c"})
    assert exc.value.field == field


@pytest.fixture
def texas(app):
    app.config["CASE_POLICY"] = "texas-sb13"


def test_texas_restricts_access_on_receipt(texas, file_request):
    case = file_request()
    assert case.policy_key == "texas-sb13"
    assert case.access_status == "restricted_pending_review"
    assert [e.kind for e in case.events] == ["filed", "access_changed"]


def test_texas_route_deadline_is_five_calendar_days(texas, users, file_request):
    case = file_request()
    statuses = policies.deadline_statuses(services.profile_for(case), case.milestones, date.today())
    route = next(s for s in statuses if s.deadline.key == "route")
    assert route.due_on == date.today() + timedelta(days=5)
    assert route.status == "pending"
    services.take_transition(users["officer"], case, "route_to_council")
    statuses = policies.deadline_statuses(services.profile_for(case), case.milestones, date.today())
    assert next(s for s in statuses if s.deadline.key == "route").status == "met"


def test_texas_retained_title_is_barred_for_two_years(texas, decided_case, file_request, users):
    decided = decided_case()
    assert decided.latest_decision.rechallenge_barred_until == date.today().replace(year=date.today().year + 2)
    with pytest.raises(RechallengeBarred) as exc:
        file_request(title="Bluest eye", author="Morrison, Toni", isbn="")
    assert "protected from a repeat challenge" in exc.value.message
    assert "unconfirmed" in exc.value.message
    with pytest.raises(RechallengeBarred):  # an officer must give a reason
        file_request(by="officer")
    case = file_request(by="officer", override_reason="New edition adds material not reviewed.")
    override = [e for e in case.events if e.kind == "rechallenge_bar_overridden"]
    assert override and override[0].data["reason"].startswith("New edition")
    assert override[0].visibility == "internal"


def test_bar_expires(texas, decided_case, file_request):
    decided_case(decided_on=date.today() - timedelta(days=800))
    assert file_request().id  # more than two years ago


def test_ala_has_no_bar(decided_case, file_request):
    decided_case()
    assert file_request().id


# --- transitions ------------------------------------------------------------------------------------
def test_transition_not_in_profile_is_refused_and_changes_nothing(users, file_request):
    case = file_request()
    version = case.version_id
    with pytest.raises(CaseError) as exc:
        services.take_transition(users["officer"], case, "close")
    assert "Nothing was changed" in exc.value.message
    db.session.refresh(case)
    assert case.status == "received" and case.version_id == version


def test_role_not_allowed_is_refused(users, file_request):
    case = file_request()
    with pytest.raises(CaseError):
        services.take_transition(users["librarian"], case, "start_review")
    assert case.status == "received"


def test_next_steps_only_lists_what_viewer_may_take(users, file_request):
    case = file_request()
    assert {s.transition.name for s in services.next_steps(users["officer"], case)} == {"start_review", "withdraw"}
    assert services.next_steps(users["librarian"], case) == []


def test_withdraw_sets_outcome_and_closes(users, file_request):
    case = file_request()
    services.take_transition(users["officer"], case, "withdraw")
    assert case.status == "withdrawn" and case.outcome == "withdrawn_by_requester"
    assert case.closed_at is not None and case.next_due_on is None


# --- committee ------------------------------------------------------------------------------------
def test_recommendation_requires_every_voting_member_attested_and_voted(users, members, file_request):
    officer = users["officer"]
    case = file_request()
    services.take_transition(officer, case, "start_review")
    with pytest.raises(CaseError, match="voting committee member"):
        services.record_recommendation(officer, case, recommendation="retained", rationale="r")
    alice, bob, carol = members
    services.appoint_member(officer, case, alice.id)
    services.appoint_member(officer, case, bob.id)
    services.appoint_member(officer, case, carol.id, "non-voting")
    with pytest.raises(CaseError, match="Attest"):
        services.cast_vote(alice, case, "retained", "")
    services.attest(alice, case, True)
    services.cast_vote(alice, case, "retained", "Fine.")
    with pytest.raises(CaseError, match="Waiting for 1"):
        services.record_recommendation(officer, case, recommendation="retained", rationale="r")
    services.recuse(bob, case, "My child filed a similar request.")
    services.record_recommendation(officer, case, recommendation="retained", rationale="Meets criteria.")
    assert case.status == "recommendation_issued"
    assert case.recommendation == "retained"


def test_non_member_cannot_vote(users, members, file_request):
    case = file_request()
    with pytest.raises(CaseError, match="not on this case's committee"):
        services.attest(members[0], case, True)


def test_attestation_needs_the_box(users, members, file_request):
    case = file_request()
    services.appoint_member(users["officer"], case, members[0].id)
    with pytest.raises(CaseError) as exc:
        services.attest(members[0], case, False)
    assert exc.value.field == "confirm"


def test_submitter_cannot_sit_on_committee(users, file_request):
    case = file_request()
    with pytest.raises(CaseError, match="cannot sit"):
        services.appoint_member(users["officer"], case, users["librarian"].id)


# --- decisions and appeals ------------------------------------------------------------------------
def test_decision_sets_outcome_access_deadline_and_letter(users, decided_case):
    case = decided_case(outcome="removed_campus")
    decision = case.latest_decision
    assert case.status == "decided" and case.outcome == "removed_campus"
    assert case.access_status == "removed"
    assert decision.appeal_deadline == policies.compute_date(decision.decided_on, 10, "business")
    assert "Pat Parent" in decision.letter_text and "Removed (campus)" in decision.letter_text
    assert "decision_recorded" in [e.kind for e in case.events]


@pytest.mark.parametrize("rationale, warns", [
    ("The book is offensive and we disagree with its message.", True),
    ("Inappropriate viewpoint.", True),
    ("Offensive language, but it meets the selection criteria for grade 8 and has strong reviews.", False),
    ("Meets the selection policy.", False),
])
def test_rationale_warning(rationale, warns):
    assert bool(services.rationale_warning(rationale)) is warns


def test_decision_with_ideas_only_rationale_needs_confirmation(users, members, file_request):
    officer = users["officer"]
    case = file_request()
    services.take_transition(officer, case, "start_review")
    services.appoint_member(officer, case, members[0].id)
    services.attest(members[0], case, True)
    services.cast_vote(members[0], case, "removed_campus", "")
    services.record_recommendation(officer, case, recommendation="removed_campus", rationale="r")
    kwargs = dict(outcome="removed_campus", scope="campus", rationale="It is offensive.", decided_on=None,
                  effective_on=None)
    with pytest.raises(RationaleWarning):
        services.record_decision(officer, case, **kwargs)
    assert case.status == "recommendation_issued"
    services.record_decision(officer, case, confirm_rationale=True, **kwargs)
    assert case.status == "decided"


def test_decision_requires_rationale(users, decided_case):
    case = decided_case()
    services.file_appeal(users["librarian"], case, "The requester disagrees.")
    with pytest.raises(CaseError) as exc:
        services.record_decision(users["officer"], case, outcome="retained", scope="campus", rationale="  ",
                                 decided_on=None, effective_on=None)
    assert exc.value.field == "rationale"


def test_appeal_reopens_on_profile_path_until_deadline(users, decided_case):
    case = decided_case()
    services.file_appeal(users["librarian"], case, "The requester asks the board to review.")
    assert case.status == "appeal_review" and case.appeal_count == 1
    services.record_decision(users["officer"], case, outcome="retained", scope="district",
                             rationale="Upheld: meets the selection criteria.", decided_on=None, effective_on=None)
    assert case.latest_decision.on_appeal
    assert case.latest_decision.appeal_deadline is None  # ALA path has one appeal level
    with pytest.raises(CaseError, match="No further appeal"):
        services.file_appeal(users["officer"], case, "Again")


def test_appeal_after_deadline_is_refused(users, decided_case):
    case = decided_case(decided_on=date.today() - timedelta(days=60))
    with pytest.raises(CaseError, match="deadline"):
        services.file_appeal(users["librarian"], case, "Late")
    assert case.status == "decided"


def test_north_carolina_appeals_go_to_district_then_board(app, users, decided_case):
    app.config["CASE_POLICY"] = "north-carolina"
    case = decided_case()
    officer = users["officer"]
    services.file_appeal(officer, case, "First appeal")
    assert case.status == "district_review"
    services.record_decision(officer, case, outcome="retained", scope="district", rationale="Meets the policy.",
                             decided_on=None, effective_on=None)
    services.file_appeal(officer, case, "Second appeal")
    assert case.status == "board_review"


def test_case_keeps_its_policy_version(app, users, file_request):
    case = file_request()
    app.config["CASE_POLICY"] = "texas-sb13"
    services.take_transition(users["officer"], case, "start_review")  # an ALA transition still works
    assert case.policy_key == "ala" and case.status == "under_review"


# --- questions and incidents -----------------------------------------------------------------------
def test_question_answer_links_articles_with_content_hash(users, monkeypatch):
    class FakeArticle:
        title, content_hash = "Showing films", "abc123"

    monkeypatch.setattr(services, "_article", lambda slug: FakeArticle() if slug == "teaching-media/films" else None)
    teacher, officer = users["teacher"], users["officer"]
    case = services.ask_question(teacher, topic="performance", subject="Films", question="Can I show a film?")
    services.add_note(officer, case, "Internal: check the licence.")
    with pytest.raises(CaseError):
        services.answer_case(officer, case, "Yes.", ["no/such-article"])
    services.answer_case(officer, case, "Yes, under **110(1)**.", ["teaching-media/films"])
    assert case.status == "answered" and case.answer.startswith("Yes")
    assert [(a.slug, a.content_hash) for a in case.articles] == [("teaching-media/films", "abc123")]
    kinds = [e.kind for e in services.visible_events(teacher, case)]
    assert "note" not in kinds and "answered" in kinds
    assert "note" in [e.kind for e in services.visible_events(officer, case)]


def test_question_workflow_assign_reopen_close(users):
    officer = users["officer"]
    case = services.ask_question(users["teacher"], topic="copyright", subject="S", question="Q")
    services.assign(officer, case, officer.id)
    assert case.status == "assigned"
    services.take_transition(officer, case, "close")
    services.take_transition(officer, case, "reopen")
    assert case.status == "assigned" and case.closed_at is None


def test_teacher_cannot_answer(users):
    case = services.ask_question(users["teacher"], topic="copyright", subject="S", question="Q")
    with pytest.raises(CaseError):
        services.answer_case(users["teacher"], case, "I answer myself", [])


def test_incident_resolution(users):
    case = services.log_incident(users["librarian"], incident_type="infringement_notice", title="DMCA notice",
                                 description="Notice about a video.", campus_id=None, occurred_on=date.today())
    with pytest.raises(CaseError):
        services.log_incident(users["teacher"], incident_type="censorship", title="t", description="d", campus_id=None)
    services.answer_case(users["officer"], case, "Video taken down.", [])
    assert case.status == "resolved"


# --- history and concurrency -----------------------------------------------------------------------
def test_events_are_append_only(file_request):
    case = file_request()
    event = case.events[0]
    event.kind = "tampered"
    with pytest.raises(AppendOnlyError):
        db.session.commit()
    db.session.rollback()
    db.session.delete(db.session.get(CaseEvent, event.id))
    with pytest.raises(AppendOnlyError):
        db.session.commit()
    db.session.rollback()


def test_edit_records_old_and_new_values(users, file_request):
    case = file_request()
    services.edit_details(users["officer"], case, {"title": "New title", "requester_name": "P. Parent"},
                          expected_version=case.version_id)
    event = case.events[-1]
    assert event.kind == "details_edited"
    assert event.data["changes"]["title"][1] == "New title"
    assert event.data["changes"]["requester_name"] == ["Pat Parent", "P. Parent"]


def test_stale_version_is_a_conflict_and_changes_nothing(users, file_request):
    case = file_request()
    loaded_at = case.version_id
    services.edit_details(users["officer"], case, {"title": "First edit"}, expected_version=loaded_at)
    with pytest.raises(CaseConflict):
        services.edit_details(users["librarian"], case, {"title": "Second edit"}, expected_version=loaded_at)
    db.session.refresh(case)
    assert case.title == "First edit"


def test_concurrent_commit_raises_conflict(app, users, file_request):
    """Two sessions load the same version; the second commit hits the version counter."""
    from sqlalchemy.orm import Session

    case = file_request()
    with Session(db.engine) as second:
        twin = second.get(Case, case.id)
        twin.title = "Changed elsewhere"
        second.commit()
    with pytest.raises(CaseConflict):
        services.add_note(users["officer"], case, "This touches the stale case.")
    db.session.refresh(case)
    assert case.title == "Changed elsewhere"


def test_every_change_writes_an_event(users, members, file_request):
    case = file_request()
    before = len(case.events)
    services.assign(users["officer"], case, users["officer"].id)
    services.appoint_member(users["officer"], case, members[0].id)
    assert len(case.events) == before + 2


def test_clocks_run_from_date_received(users, campus, file_request):
    received = date.today() - timedelta(days=20)
    case = services.file_reconsideration(
        users["librarian"], campus_id=campus.id, material={"title": "Late Form", "author": "A", "format": "book"},
        requester={"name": "P", "role": "parent"}, details={"concerns": "c", "received_on": received.isoformat()})
    assert case.milestones["received"] == received.isoformat()
    assert case.next_due_on < date.today()  # acknowledgement already overdue
    with pytest.raises(CaseError) as exc:
        services.file_reconsideration(
            users["librarian"], campus_id=campus.id, material={"title": "Future", "author": "A", "format": "book"},
            requester={"name": "P", "role": "parent"},
            details={"concerns": "c", "received_on": (date.today() + timedelta(days=3)).isoformat()})
    assert exc.value.field == "received_on"


def test_case_stays_on_its_policy_version(tmp_path, monkeypatch, users, file_request):
    """A newer version of a profile applies to new cases; open cases keep theirs."""
    import shutil

    for name in ("ala", "simple", "texas-sb13", "north-carolina"):
        shutil.copy(policies.POLICY_DIR / f"{name}.yml", tmp_path / f"{name}.yml")
    newer = (policies.POLICY_DIR / "ala.yml").read_text().replace('version: "2026.1"', 'version: "2027.1"')
    newer = newer.replace("label: Start committee review", "label: Send to the new review panel")
    (tmp_path / "ala-2027.1.yml").write_text(newer)
    old_case = file_request()
    monkeypatch.setattr(policies, "POLICY_DIR", tmp_path)
    new_case = file_request(title="Another")
    assert (old_case.policy_version, new_case.policy_version) == ("2026.1", "2027.1")
    labels = {c.reference: services.profile_for(c).transition("start_review").label for c in (old_case, new_case)}
    assert labels == {old_case.reference: "Start committee review", new_case.reference: "Send to the new review panel"}


@pytest.mark.parametrize("key", policies.RECONSIDERATION_PROFILES)
def test_every_profile_has_the_core_steps(key):
    profile = policies.get_profile(key)
    names = {t.name for t in profile.transitions}
    assert {"record_recommendation", "record_decision", "appeal", "withdraw"} <= names
    assert profile.appeal_path and all(s in profile.states for s in profile.appeal_path)
    assert any(s.committee for s in profile.states.values())


def test_malformed_profile_is_reported(tmp_path):
    (tmp_path / "bad.yml").write_text(
        "key: bad\nversion: '1'\ntitle: Bad\ninitial_state: nowhere\nstates: {a: {label: A}}\ntransitions: []\n")
    with pytest.raises(policies.PolicyError, match="initial_state"):
        policies.load_all_versions(str(tmp_path))
    (tmp_path / "bad.yml").write_text("key: [unclosed\n")
    with pytest.raises(policies.PolicyError, match="bad.yml"):
        policies._load_directory.__wrapped__(str(tmp_path))
