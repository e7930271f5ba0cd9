"""Saving records, immutability, review, attaching to questions, licences, TEACH settings, ILL log."""
from datetime import date

import pytest
import sqlalchemy as sa
from werkzeug.exceptions import NotFound

from app.models.tool import ILLRequest, ImmutableRecordError, ToolRecord
from app.tools import screening, section108, services
from app.tools.result import PROTECTED


def test_save_record_keeps_everything(db, users, record):
    saved = db.session.get(ToolRecord, record.id)
    assert saved.tool == "public-domain" and saved.rules_version == "2026.1"
    assert saved.as_of == date(2026, 1, 1)
    assert saved.outcome == PROTECTED and "B6" in saved.rule_ids
    assert saved.inputs["publication_year"] == 1950 and saved.inputs["as_of"] == "2026-01-01"
    assert saved.result["details"]["rules"][0]["id"] in saved.rule_ids
    assert saved.user_id == users["teacher"].id and saved.created_at is not None
    assert len(saved.input_hash) == 64


@pytest.mark.parametrize("attr, value", [("outcome", "public_domain"), ("inputs", {}), ("rule_ids", []), ("user_id", 99),
                                         ("tool", "fair-use"), ("as_of", date(2020, 1, 1))])
def test_record_cannot_be_edited(db, record, attr, value):
    setattr(record, attr, value)
    with pytest.raises(ImmutableRecordError):
        db.session.commit()
    db.session.rollback()


def test_review_stamp_is_the_only_edit(db, users, record):
    services.mark_reviewed(users["officer"], record.id)
    db.session.expire_all()
    saved = db.session.get(ToolRecord, record.id)
    assert saved.reviewed_by_id == users["officer"].id and saved.reviewed_at is not None
    with pytest.raises(services.ToolError):
        services.mark_reviewed(users["officer"], record.id)


@pytest.mark.parametrize("role", ["teacher", "librarian"])
def test_only_officers_review(users, record, role):
    with pytest.raises(services.ToolError):
        services.mark_reviewed(users[role], record.id)


@pytest.mark.parametrize("role, visible", [("teacher", True), ("librarian", False), ("officer", True), ("admin", True)])
def test_record_visibility(users, record, role, visible):
    if visible:
        assert services.get_record_for_user(users[role], record.id).id == record.id
    else:
        with pytest.raises(NotFound):
            services.get_record_for_user(users[role], record.id)


def test_attach_record_writes_shared_case_event(db, users, record, question):
    from app.models.case import CaseEvent

    services.attach_record(users["teacher"], record.id, question.id)
    assert db.session.get(ToolRecord, record.id).case_id == question.id
    event = db.session.scalar(sa.select(CaseEvent).where(CaseEvent.case_id == question.id, CaseEvent.kind == "tool_record_attached"))
    assert event.data == {"record_id": record.id, "tool": "public-domain"}
    assert event.visibility == "shared" and event.actor_id == users["teacher"].id
    assert services.records_for_case(question) == [record]
    assert services.attachable_records(users["teacher"]) == []
    with pytest.raises(services.ToolError):
        services.attach_record(users["teacher"], record.id, question.id)


def test_cannot_move_an_attached_record_even_directly(db, users, record, question):
    services.attach_record(users["teacher"], record.id, question.id)
    record.case_id = None
    with pytest.raises(ImmutableRecordError):
        db.session.commit()
    db.session.rollback()


def test_cannot_attach_to_someone_elses_question(db, users, pd_inputs):
    from app.cases.services import ask_question

    other = ask_question(users["librarian"], topic="copyright", subject="Mine", question="Q")
    record = services.save_record(users["librarian"], "public-domain", pd_inputs)
    mine = services.save_record(users["teacher"], "public-domain", pd_inputs)
    with pytest.raises((NotFound, services.ToolError)):
        services.attach_record(users["teacher"], mine.id, other.id)
    with pytest.raises(NotFound):
        services.attach_record(users["teacher"], record.id, other.id)   # not the teacher's record


def test_licences_feed_the_screening_check(db, users, campus):
    services.add_licence(users["officer"], licensor="Swank", campus_ids=[campus.id], expires_on=date(2030, 6, 30), notes="Disney")
    inputs = screening.ScreeningInputs("teacher_or_pupils", "entertainment", "class", "classroom", "owned", True, campus.id,
                                       date(2027, 1, 1))
    result, _ = services.run_tool("screening", inputs)
    assert result.outcome == "licensed"
    with pytest.raises(services.ToolError):
        services.add_licence(users["teacher"], licensor="X", campus_ids=[campus.id], expires_on=date(2030, 1, 1))


def test_teach_settings_newest_row_wins_and_is_copied_into_record(db, users):
    from app.tools import teach_act

    assert services.institution_settings().configured is False
    services.save_teach_settings(users["officer"], **{f: True for f in services.TEACH_FIELDS})
    assert services.institution_settings().accredited_nonprofit is True
    inputs = teach_act.TeachUseInputs("display", "comparable", False, False, "yes", True, True, True)
    record = services.save_record(users["teacher"], "teach-act", inputs)
    assert record.outcome == "allowed"
    assert record.inputs["institution_settings"]["accredited_nonprofit"] is True
    with pytest.raises(services.ToolError):
        services.save_teach_settings(users["librarian"], accredited_nonprofit=True)


def test_ill_running_count_per_title_and_year(db, users, campus):
    for i in range(5):
        _, (rule, count, within) = services.log_ill_request(users["librarian"], periodical_title="Science  News",
                                                            article=f"A{i}", requested_on=date(2026, 3, 1 + i),
                                                            published_year=2024, campus_id=campus.id)
        assert (rule, count, within) == ("ILL-5", i + 1, True)
    _, verdict = services.log_ill_request(users["librarian"], periodical_title="science news", article="A6",
                                          requested_on=date(2026, 4, 1), published_year=2025, campus_id=None)
    assert verdict == ("ILL-5", 6, False)
    # other years and older articles do not count
    services.log_ill_request(users["librarian"], periodical_title="Science News", article="old", requested_on=date(2026, 4, 2),
                             published_year=2001, campus_id=None)
    assert services.count_ill_requests("Science News", date(2027, 1, 5)) == 0
    assert services.count_ill_requests("Science News", date(2026, 12, 31)) == 6
    assert services.ill_summary(2026) == [{"title": "Science  News", "count": 6, "over": True}]
    with pytest.raises(services.ToolError):
        services.log_ill_request(users["teacher"], periodical_title="X", article="", requested_on=date(2026, 1, 1),
                                 published_year=2025, campus_id=None)


def test_section_108_record_can_log_the_request(db, users):
    inputs = section108.LibraryInputs(purpose="user_article", work_kind="text", open_to_public="yes", no_commercial_advantage=True,
                                      notice_on_copy=True, warning_displayed=True, periodical_title="Nature", published_year=2025,
                                      requested_on=date(2026, 2, 2))
    record = services.save_record(users["librarian"], "section-108", inputs, log_ill=True)
    assert record.result["details"]["ill_count"] == 1
    assert db.session.scalar(sa.select(sa.func.count(ILLRequest.id))) == 1


def test_off_air_uses_the_district_calendar(db, users):
    from app.models.calendar import NonInstructionalDay
    from app.tools import off_air

    db.session.add_all([NonInstructionalDay(date=date(2026, 11, 26), description="Thanksgiving"),
                        NonInstructionalDay(date=date(2026, 11, 27), description="Thanksgiving")])
    db.session.commit()
    result, _ = services.run_tool("off-air", off_air.OffAirInputs(date(2026, 11, 20), True, True, True))
    assert result.details["use_window_end"] == date(2026, 12, 8)


def test_anonymous_cannot_save(pd_inputs, app):
    from flask_login import AnonymousUserMixin

    with pytest.raises(services.ToolError):
        services.save_record(AnonymousUserMixin(), "public-domain", pd_inputs)


def test_classroom_copying_ledger_counts_saved_records_for_the_same_course_and_term(db, users):
    from app.tools import classroom_copying as cc

    def copy(**kw):
        base = dict(genre="prose", whole_work=False, total_words=5000, copied_words=500, copies=20, pupils=20,
                    notice_on_copies=True, teachers_own_decision=True, no_time_for_permission=True,
                    course="Biology 1", term="Fall 2026", author="Rachel Carson", source="Silent Spring")
        base.update(kw)
        return cc.CopyingInputs(**base)

    teacher = users["teacher"]
    for _ in range(2):
        services.save_record(teacher, "classroom-copying", copy())
    services.save_record(teacher, "classroom-copying", copy(term="Spring 2027"))     # another term: not counted
    services.save_record(users["librarian"], "classroom-copying", copy())             # another teacher: not counted
    result, _ = services.run_tool("classroom-copying", copy(course="biology 1 "), teacher)
    # Two earlier excerpts by the same author this term: a third fails the per-author limit.
    assert "CC-CUM-AUTHOR" in {c.rule_id for c in result.failed_checks}
    assert any("2 earlier copy record(s)" in step for step in result.trace)
    anonymous_result, _ = services.run_tool("classroom-copying", copy(), None)
    assert anonymous_result.outcome == cc.WITHIN


def test_tools_for_article_lists_the_tools_that_rely_on_it():
    from app.tools.registry import tools_for_article

    assert [t.key for t in tools_for_article("teaching-media/off-air-recording")] == ["off-air"]
    assert "public-domain" in [t.key for t in tools_for_article("copyright-basics/copyright-duration-public-domain")]
    assert tools_for_article("intellectual-freedom/freedom-to-read") == []
