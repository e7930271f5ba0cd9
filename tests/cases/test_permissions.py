"""Permission matrix: role x action x case state. Who may see what, and who may move a case on."""
import pytest

from app.auth.permissions import can
from app.cases import services
from app.cases.services import CaseError

ACTORS = ("teacher", "librarian", "other_librarian", "officer", "admin", "member")
# The librarian is the one who filed the case; "member" sits on its committee (a teacher).
Y = {"librarian", "officer", "admin"}

VIEW_MATRIX = {
    "cases.view": {"librarian", "officer", "admin", "member"},
    "cases.see_identity": Y,
    "cases.letter": Y,
    "cases.appeal": Y,
    "cases.edit": Y,
    "cases.see_internal": {"officer", "admin"},
    "cases.note": {"officer", "admin"},
    "cases.manage": {"officer", "admin"},
    "cases.committee_act": {"member"},
    "cases.queue": {"officer", "admin"},
    "cases.export": {"officer", "admin"},
    "cases.file_reconsideration": {"librarian", "other_librarian", "officer", "admin"},
    "cases.log_incident": {"librarian", "other_librarian", "officer", "admin"},
    "cases.ask_question": set(ACTORS),
    "cases.override_rechallenge_bar": {"officer", "admin"},
}


@pytest.fixture
def actors(users, make_user):
    return users | {"other_librarian": make_user("Olivia", "librarian"), "member": make_user("Mo", "teacher")}


@pytest.fixture
def case_in(actors, file_request):
    """A case (filed by the librarian, with `member` on its committee) moved to the given state."""
    def make(state: str):
        officer = actors["officer"]
        case = file_request()
        services.appoint_member(officer, case, actors["member"].id)
        if state == "received":
            return case
        services.take_transition(officer, case, "start_review")
        if state == "under_review":
            return case
        services.attest(actors["member"], case, True)
        services.cast_vote(actors["member"], case, "retained", "")
        services.record_recommendation(officer, case, recommendation="retained", rationale="Meets criteria.")
        services.record_decision(officer, case, outcome="retained", scope="campus",
                                 rationale="Meets the selection criteria.", decided_on=None, effective_on=None)
        if state == "decided":
            return case
        services.take_transition(officer, case, "close")
        return case
    return make


@pytest.mark.parametrize("state", ["received", "decided"])
@pytest.mark.parametrize("action", sorted(VIEW_MATRIX))
@pytest.mark.parametrize("actor", ACTORS)
def test_can_matrix(actors, case_in, actor, action, state):
    case = case_in(state)
    assert can(actors[actor], action, case) is (actor in VIEW_MATRIX[action])


# (state, step) -> who may take it. Steps a state does not offer are refused for everyone.
TRANSITION_MATRIX = {
    ("received", "start_review"): {"officer", "admin"},
    ("received", "withdraw"): {"officer", "admin"},
    ("received", "close"): set(),
    ("received", "appeal"): set(),
    ("under_review", "start_review"): set(),
    ("under_review", "withdraw"): {"officer", "admin"},
    ("decided", "close"): {"officer", "admin"},
    ("decided", "appeal"): {"librarian", "officer", "admin"},
    ("decided", "start_review"): set(),
    ("closed", "appeal"): set(),
    ("closed", "close"): set(),
}


def _take(actor, case, step):
    if step == "appeal":
        return services.file_appeal(actor, case, "Grounds for appeal")
    return services.take_transition(actor, case, step)


@pytest.mark.parametrize("state, step", sorted(TRANSITION_MATRIX))
@pytest.mark.parametrize("actor", ACTORS)
def test_transition_matrix(actors, case_in, actor, state, step):
    case = case_in(state)
    before = (case.status, case.version_id, len(case.events))
    allowed = actor in TRANSITION_MATRIX[(state, step)]
    if allowed:
        _take(actors[actor], case, step)
        assert case.status != before[0]
    else:
        with pytest.raises(CaseError):
            _take(actors[actor], case, step)
        assert (case.status, case.version_id, len(case.events)) == before  # nothing changed


@pytest.mark.parametrize("actor", ACTORS)
def test_next_steps_offer_exactly_the_allowed_transitions(actors, case_in, actor):
    case = case_in("decided")
    offered = {s.transition.name for s in services.next_steps(actors[actor], case)}
    expected = {step for (state, step), who in TRANSITION_MATRIX.items() if state == "decided" and actor in who}
    assert offered == expected


@pytest.mark.parametrize("actor, status", [
    ("teacher", 404), ("other_librarian", 404), ("member", 200), ("librarian", 200), ("officer", 200),
])
def test_case_page_404_for_outsiders(client, actors, case_in, actor, status):
    from tests.conftest import AuthActions

    case = case_in("received")
    AuthActions(client).login(actors[actor])
    assert client.get(f"/cases/{case.reference}").status_code == status


@pytest.mark.parametrize("actor", ["teacher", "librarian", "member"])
def test_queue_and_export_forbidden_below_officer(client, actors, actor):
    from tests.conftest import AuthActions

    AuthActions(client).login(actors[actor])
    assert client.get("/cases/").status_code == 403
    assert client.get("/cases/export.csv").status_code == 403


@pytest.mark.parametrize("role, may_override", [("librarian", False), ("officer", True), ("admin", True)])
def test_rechallenge_override_by_role(app, decided_case, file_request, role, may_override):
    app.config["CASE_POLICY"] = "texas-sb13"
    decided_case()
    if may_override:
        assert file_request(by=role, override_reason="New edition").id
    else:
        with pytest.raises(services.RechallengeBarred):
            file_request(by=role, override_reason="New edition")


def test_member_actions_refused_after_committee_stage(actors, case_in):
    case = case_in("decided")
    with pytest.raises(CaseError):
        services.cast_vote(actors["member"], case, "removed_campus", "")


# Questions: the asker sees their own question and the answer, never internal notes.
QUESTION_MATRIX = {
    "cases.view": {"asker", "officer", "admin"},
    "cases.see_internal": {"officer", "admin"},
    "cases.note": {"officer", "admin"},
    "cases.manage": {"officer", "admin"},
}


@pytest.mark.parametrize("action", sorted(QUESTION_MATRIX))
@pytest.mark.parametrize("actor", ["asker", "other_teacher", "librarian", "officer", "admin"])
def test_question_matrix(users, make_user, actor, action):
    asker = make_user("Asker")
    people = users | {"asker": asker, "other_teacher": make_user("Other")}
    case = services.ask_question(asker, topic="privacy", subject="Photos", question="May I post class photos?")
    assert can(people[actor], action, case) is (actor in QUESTION_MATRIX[action])


@pytest.mark.parametrize("state", ["new", "answered", "closed"])
@pytest.mark.parametrize("actor", ["asker", "librarian", "officer"])
def test_question_answer_by_state_and_role(users, make_user, actor, state):
    asker = make_user("Asker")
    people = users | {"asker": asker}
    case = services.ask_question(asker, topic="privacy", subject="Photos", question="May I post class photos?")
    if state != "new":
        services.answer_case(users["officer"], case, "First answer.", [])
    if state == "closed":
        services.take_transition(users["officer"], case, "close")
    if actor == "officer" and state == "new":
        services.answer_case(people[actor], case, "Answer.", [])
        assert case.status == "answered"
    else:
        with pytest.raises(CaseError):
            services.answer_case(people[actor], case, "Answer.", [])
        assert case.status == state
