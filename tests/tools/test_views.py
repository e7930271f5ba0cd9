"""Tool pages: forms, results, saving, bad input, record permissions, configuration pages."""
from datetime import date

import pytest
import sqlalchemy as sa

from app.models.tool import ILLRequest, PerformanceLicense, TeachSettings, ToolRecord
from app.tools.registry import TOOLS

VALID = {
    "public-domain": {"category": "us_published", "publication": "1930", "as_of": "2026-01-01", "notice": "yes",
                      "renewed": "yes", "authorship": "individual"},
    "fair-use": {"use_description": "Two pages for class", "purpose_for": "teaching", "nature_for": "factual",
                 "amount_for": "small", "effect_for": "lawful_copy", "purpose_rationale": "Teaching",
                 "nature_rationale": "Factual", "amount_rationale": "Two pages", "effect_rationale": "We own it"},
    "classroom-copying": {"genre": "prose", "whole_work": "excerpt", "total_words": "5000", "copied_words": "500",
                          "copies": "25", "pupils": "25", "notice_on_copies": "y", "teachers_own_decision": "y",
                          "no_time_for_permission": "y", "one_course": "y", "same_author_works_before": "0",
                          "same_author_excerpts_before": "0", "same_collective_before": "0", "instances_before": "0",
                          "illustrations_from_source": "1"},
    "off-air": {"recorded_on": "2026-11-02", "free_broadcast": "yes", "teacher_requested": "y", "unaltered_with_notice": "y"},
    "screening": {"purpose": "instruction", "performer": "teacher_or_pupils", "audience": "class", "place": "classroom",
                  "copy_source": "owned", "nonprofit": "y", "screening_date": "2026-11-20"},
    "teach-act": {"work_type": "display", "portion": "comparable", "lawful_copy": "yes", "instructor_directed": "y",
                  "directly_related": "y", "enrolled_only": "y"},
    "section-108": {"purpose": "user_article", "work_kind": "text", "open_to_public": "yes", "no_commercial_advantage": "y",
                    "notice_on_copy": "y", "copies": "1", "small_part": "y", "copy_becomes_users": "y", "warning_displayed": "y",
                    "last_20_years": "unknown", "requested_on": "2026-02-01"},
    "creative-commons": {"licence": "BY-SA", "version": "4.0", "use": "share", "title": "Moon", "author": "Ana"},
}


def post(client, key, data, action="check"):
    payload = dict(data)
    if key == "screening":
        payload["campus_id"] = str(_campus_id(client))
    payload[action] = "1"
    return client.post(f"/tools/{key}", data=payload)


def _campus_id(client):
    from app.models import Campus
    from app.extensions import db

    return db.session.scalar(sa.select(Campus.id))


def test_index_lists_every_tool(client):
    page = client.get("/tools/").get_data(as_text=True)
    for spec in TOOLS.values():
        assert f"/tools/{spec.key}" in page


@pytest.mark.parametrize("key", list(TOOLS))
def test_anonymous_can_run_each_tool_but_not_save(client, campus, key):
    assert client.get(f"/tools/{key}").status_code == 200
    response = post(client, key, VALID[key])
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page
    assert "Result" in page and "Sign in to save a dated record" in page
    assert "/library/" in page        # links the guideline articles behind it
    response = post(client, key, VALID[key], action="save")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("key", list(TOOLS))
def test_signed_in_user_saves_a_record(client, auth, db, key):
    auth.login("officer")
    response = post(client, key, VALID[key], action="save")
    assert response.status_code == 302, response.get_data(as_text=True)
    record = db.session.scalar(sa.select(ToolRecord).order_by(ToolRecord.id.desc()))
    assert record.tool == key and response.headers["Location"].endswith(f"/tools/records/{record.id}")
    page = client.get(f"/tools/records/{record.id}").get_data(as_text=True)
    assert f"Record {record.id}" in page and record.rules_version in page


BAD = [
    ("public-domain", {"publication": "2999"}, "publication", "is in the future"),
    ("public-domain", {"publication": "nineteen fifty"}, "publication", "as a year in digits"),
    ("public-domain", {"publication": "1950", "death_year": "1940"}, "death_year", "before the work was published"),
    ("public-domain", {"category": "unpublished", "publication": "", "creation": "1950", "death_year": "1940"}, "death_year",
     "before the work was created"),
    ("public-domain", {"death_year": "-5"}, "death_year", "cannot be negative"),
    ("classroom-copying", {"total_words": "two thousand"}, "total_words", "in digits"),
    ("classroom-copying", {"copies": "-3"}, "copies", "cannot be negative"),
    ("classroom-copying", {"instances_before": "-1"}, "instances_before", "cannot be negative"),
    ("classroom-copying", {"copied_words": "6000"}, "copied_words", "from a work of 5,000"),
    ("off-air", {"recorded_on": "2999-01-01"}, "recorded_on", "in the future"),
    ("fair-use", {"effect_rationale": ""}, "effect_rationale", "rationale"),
    ("fair-use", {"amount_for": None}, "amount_for", "Tick at least one"),   # no box ticked: nothing posted
    ("creative-commons", {"licence": "CC0", "version": "4.0"}, "version", "only as version 1.0"),
    ("creative-commons", {"source_url": "javascript://alert(1)"}, "source_url", "https://"),
    ("section-108", {"periodical_title": "Nature", "published_year": "last year"}, "published_year", "in digits"),
]


@pytest.mark.parametrize("key, change, field, message", BAD)
def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(client, campus, key, change, field, message):
    data = {k: v for k, v in dict(VALID[key], **change).items() if v is not None}
    response = post(client, key, data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in page
    assert f'id="{field}-error"' in page
    typed = change[field]
    if typed:
        assert f'value="{typed}"' in page or f">{typed}<" in page
    assert "Traceback" not in page


def test_posthumous_publication_is_accepted_when_confirmed(client):
    data = dict(VALID["public-domain"], publication="1950", death_year="1940", posthumous="y")
    assert post(client, "public-domain", data).status_code == 200


def test_unknown_tool_is_404(client):
    assert client.get("/tools/nonsense").status_code == 404


@pytest.fixture
def saved(users, db):
    from app.tools import public_domain, services

    facts = public_domain.WorkFacts("us_published", date(2026, 1, 1), publication_year=1950, notice="yes", renewed="unknown")
    return services.save_record(users["teacher"], "public-domain", facts)


@pytest.mark.parametrize("role, status", [("teacher", 200), ("officer", 200), ("admin", 200), ("librarian", 404)])
def test_record_page_permissions(client, auth, saved, role, status):
    auth.login(role)
    assert client.get(f"/tools/records/{saved.id}").status_code == status


def test_record_page_anonymous_goes_to_sign_in(client, saved):
    response = client.get(f"/tools/records/{saved.id}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_record_page_shows_undetermined_research(client, auth, saved):
    auth.login("teacher")
    page = client.get(f"/tools/records/{saved.id}").get_data(as_text=True)
    assert "Undetermined" in page and "Stanford" in page and "What to check, and where" in page


@pytest.mark.parametrize("role, status", [("teacher", 403), ("librarian", 403), ("officer", 302), ("admin", 302)])
def test_review_permission(client, auth, db, saved, role, status):
    auth.login(role)
    assert client.post(f"/tools/records/{saved.id}/review").status_code == status
    db.session.expire_all()
    assert (db.session.get(ToolRecord, saved.id).reviewed_at is not None) is (status == 302)


def test_attach_from_record_page_and_case_page(client, auth, db, users, saved):
    from app.cases.services import ask_question

    case = ask_question(users["teacher"], topic="copyright", subject="May I copy?", question="Details")
    auth.login("teacher")
    page = client.get(f"/tools/records/{saved.id}").get_data(as_text=True)
    assert "Attach to a compliance question" in page and case.reference in page
    case_page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Attach one of your saved records" in case_page
    response = client.post(f"/tools/records/{saved.id}/attach", data={"case_id": case.id, "record_id": saved.id,
                                                                        "next": f"/cases/{case.id}"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/cases/{case.id}")
    assert db.session.get(ToolRecord, saved.id).case_id == case.id
    case_page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert f"Record {saved.id}" in case_page


def test_records_list_is_own_for_teacher_all_for_officer(client, auth, users, saved):
    from app.tools import creative_commons, services

    other = services.save_record(users["librarian"], "creative-commons", creative_commons.CCInputs("BY", "4.0", "share"))
    auth.login("teacher")
    page = client.get("/tools/records").get_data(as_text=True)
    assert f"Record {saved.id}<" in page and f"Record {other.id}<" not in page
    auth.logout()
    auth.login("officer")
    page = client.get("/tools/records").get_data(as_text=True)
    assert f"Record {saved.id}<" in page and f"Record {other.id}<" in page


@pytest.mark.parametrize("url", ["/tools/licenses", "/tools/teach-settings"])
@pytest.mark.parametrize("role, status", [("teacher", 403), ("librarian", 403), ("officer", 200), ("admin", 200)])
def test_configuration_pages_are_officers_only(client, auth, url, role, status):
    auth.login(role)
    assert client.get(url).status_code == status


def test_officer_adds_licence_and_teach_settings(client, auth, db, campus):
    auth.login("officer")
    response = client.post("/tools/licenses", data={"licensor": "Swank", "campus_ids": [campus.id], "expires_on": "2027-06-30",
                                                    "notes": "K-12 umbrella"})
    assert response.status_code == 302
    assert db.session.scalar(sa.select(PerformanceLicense)).campuses == [campus]
    bad = client.post("/tools/licenses", data={"licensor": "", "expires_on": "2027-06-30"})
    assert bad.status_code == 422 and "Enter the licensor" in bad.get_data(as_text=True)
    response = client.post("/tools/teach-settings", data={"accredited_nonprofit": "y", "copyright_policy": "y", "notes": "Policy 3.4"})
    assert response.status_code == 302
    assert db.session.scalar(sa.select(TeachSettings)).copyright_policy is True


@pytest.mark.parametrize("role, status", [("teacher", 403), ("librarian", 200), ("officer", 200)])
def test_ill_log_permissions(client, auth, role, status):
    auth.login(role)
    assert client.get("/tools/ill").status_code == status


def test_ill_log_counts_and_warns_after_five(client, auth, db):
    auth.login("librarian")
    for i in range(6):
        response = client.post("/tools/ill", data={"periodical_title": "Science News", "article": f"Art {i}",
                                                   "published_year": "2025", "requested_on": f"{date.today().year}-01-0{i + 1}"},
                               follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "over the rule of five" in page
    assert db.session.scalar(sa.select(sa.func.count(ILLRequest.id))) == 6
    bad = client.post("/tools/ill", data={"periodical_title": "X", "published_year": "-1", "requested_on": "2026-01-01"})
    assert bad.status_code == 422 and "cannot be negative" in bad.get_data(as_text=True)


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil.example"])
def test_attach_never_redirects_off_site(client, auth, users, saved, target):
    from app.cases.services import ask_question

    case = ask_question(users["teacher"], topic="copyright", subject="Q", question="Q")
    auth.login("teacher")
    response = client.post(f"/tools/records/{saved.id}/attach", data={"case_id": case.id, "next": target})
    assert response.headers["Location"].endswith(f"/tools/records/{saved.id}")


def test_fair_use_record_keeps_a_signed_good_faith_statement(client, auth, db):
    auth.login("teacher")
    post(client, "fair-use", VALID["fair-use"], action="save")
    record = db.session.scalar(sa.select(ToolRecord).where(ToolRecord.tool == "fair-use"))
    page = client.get(f"/tools/records/{record.id}").get_data(as_text=True)
    assert "504(c)(2)" in page and "Made by Test Teacher on" in page


def test_teacher_cannot_attach_to_another_users_question(client, auth, users, saved, db):
    from app.cases.services import ask_question

    case = ask_question(users["officer"], topic="copyright", subject="Officer's", question="Q")
    auth.login("teacher")
    response = client.post(f"/tools/records/{saved.id}/attach", data={"case_id": case.id})
    assert response.status_code in (302, 404)
    assert db.session.get(ToolRecord, saved.id).case_id is None


def test_single_copy_needs_no_pupil_count(client):
    response = post(client, "classroom-copying", {"genre": "single", "whole_work": "whole", "copies": "1"})
    assert response.status_code == 200 and "Within the classroom copying guidelines" in response.get_data(as_text=True)
    missing = post(client, "classroom-copying", dict(VALID["classroom-copying"], pupils=""))
    assert missing.status_code == 422 and "Enter the number of pupils" in missing.get_data(as_text=True)
