"""Case-tracker fixtures: a few extra users and factories that file cases through the services."""
from datetime import date

import pytest

from app.cases import services
from app.extensions import db
from app.models import Campus, User
from tests.conftest import PASSWORD

REQUESTER = {"name": "Pat Parent", "contact": "pat@example.net, 555-0100", "role": "parent",
             "relationship": "self", "organization": ""}


def details(**overrides):
    base = {"attention": "My child brought it home.", "examined_whole": "no", "parts_examined": "Chapter 3",
            "concerns": "Language on pages 12-14.", "standard": "age_inappropriate", "standard_other": "",
            "action_requested": "remove", "alternatives": "", "student": "Sam Parent, grade 7"}
    return base | overrides


# Plain steps before the committee votes and between recommendation and decision, per profile.
STEPS = {"ala": (["start_review"], []), "north-carolina": (["start_review"], []),
         "texas-sb13": (["route_to_council"], ["place_on_agenda"])}


@pytest.fixture
def other_campus(app):
    campus = Campus(name="Roosevelt High School", level="high")
    db.session.add(campus)
    db.session.commit()
    return campus


@pytest.fixture
def make_user(app, campus):
    def make(name: str, role: str = "teacher") -> User:
        user = User(email=f"{name.lower()}@example.org", name=name, role=role, campus_id=campus.id)
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.commit()
        return user
    return make


@pytest.fixture
def members(make_user):
    """Three committee candidates: two voting teachers and a librarian."""
    return [make_user("Alice"), make_user("Bob"), make_user("Carol", "librarian")]


@pytest.fixture
def file_request(users, campus):
    def file(title="The Bluest Eye", author="Toni Morrison", isbn="9780375411557", by="librarian",
             campus_id=None, **kwargs):
        return services.file_reconsideration(
            users[by] if isinstance(by, str) else by, campus_id=campus_id or campus.id,
            material={"title": title, "author": author, "isbn": isbn, "format": "book"},
            requester=dict(REQUESTER), details=details(), **kwargs)
    return file


@pytest.fixture
def decided_case(users, members, file_request):
    """A request taken through committee review to a 'retained' decision."""
    def make(outcome="retained", decided_on=None, **file_kwargs):
        officer = users["officer"]
        case = file_request(**file_kwargs)
        before, after = STEPS[case.policy_key]
        for step in before:
            services.take_transition(officer, case, step)
        for member in members[:2]:
            services.appoint_member(officer, case, member.id)
            services.attest(member, case, True)
            services.cast_vote(member, case, "retained", "Meets the selection criteria.")
        services.record_recommendation(officer, case, recommendation="retained",
                                       rationale="Meets the selection criteria for grades 7-8.")
        for step in after:
            services.take_transition(officer, case, step)
        services.record_decision(officer, case, outcome=outcome, scope="campus",
                                 rationale="Meets the selection policy criteria and professional reviews.",
                                 decided_on=decided_on or date.today(), effective_on=None)
        return case
    return make
