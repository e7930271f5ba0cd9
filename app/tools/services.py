"""Tool use cases: run a tool with its data from the database, save a dated record, review it,
attach it to a compliance question, and keep the data tools read (licences, TEACH settings,
the interlibrary-loan log). Each function that changes something commits exactly once.
"""
import hashlib
import json
from dataclasses import asdict
from datetime import date, datetime, timedelta, timezone

import sqlalchemy as sa
import sqlalchemy.orm as so
from werkzeug.exceptions import NotFound

from app.admin.services import list_campuses  # noqa: F401 (the views offer these buildings)
from app.auth.permissions import can
from app.extensions import db
from app.models import Campus, User
from app.models.tool import ILLRequest, PerformanceLicense, TeachSettings, ToolRecord
from app.tools import classroom_copying, off_air, screening, section108, teach_act
from app.tools.articles import article_link
from app.tools.registry import TOOLS, ToolSpec
from app.tools.result import Result, jsonable


class ToolError(Exception):
    """Something the user should be told; `field` names the form field it belongs to, if any."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def get_tool(key: str) -> ToolSpec:
    spec = TOOLS.get(key)
    if spec is None:
        raise NotFound()
    return spec


# --- running a tool ---------------------------------------------------------------------------
def run_tool(key: str, inputs, user=None) -> tuple[Result, date]:
    """Run the pure tool on validated inputs, loading what it reads from the database (and, for the
    classroom copying checker, the user's own ledger of saved records)."""
    spec = get_tool(key)
    module = spec.module
    as_of = getattr(inputs, "as_of", None) or date.today()
    if key == "public-domain":
        result = module.calculate(inputs)
    elif key == "fair-use":
        result = module.analyze(inputs)
    elif key == "off-air":
        result = module.check(inputs, _non_instructional_days(inputs.recorded_on))
    elif key == "screening":
        result = module.check(inputs, licence_infos())
    elif key == "teach-act":
        result = module.check(inputs, institution_settings())
    elif key == "section-108":
        if inputs.periodical_title and inputs.published_year is not None:
            inputs.prior_requests_this_year = count_ill_requests(inputs.periodical_title, inputs.requested_on)
        result = module.check(inputs)
    elif key == "classroom-copying":
        result = module.check(inputs, copying_ledger(user, inputs))
    else:
        result = module.check(inputs)
    result.details["rules"] = [asdict(module.RULES[r]) for r in result.rule_ids if r in module.RULES]
    if result.details.get("candidate_rule_ids"):
        result.details["candidate_rules"] = [asdict(module.RULES[r]) for r in result.details["candidate_rule_ids"]]
    result.details["article_links"] = [article_link(slug) for slug in result.articles]
    return result, as_of


def _norm(text) -> str:
    return " ".join(str(text or "").lower().split())


def copying_ledger(user, inputs) -> "classroom_copying.Ledger | None":
    """Counts of the user's saved classroom-copying records for the same course and term."""
    if not getattr(user, "is_authenticated", False) or not (inputs.course and inputs.term):
        return None
    saved = db.session.scalars(sa.select(ToolRecord.inputs).where(ToolRecord.user_id == user.id,
                                                                   ToolRecord.tool == "classroom-copying"))
    same = [i for i in saved if _norm(i.get("course")) == _norm(inputs.course) and _norm(i.get("term")) == _norm(inputs.term)]
    by_author = [i for i in same if inputs.author and _norm(i.get("author")) == _norm(inputs.author)]
    return classroom_copying.Ledger(
        instances=len(same),
        same_author_works=sum(1 for i in by_author if i.get("whole_work")),
        same_author_excerpts=sum(1 for i in by_author if not i.get("whole_work")),
        same_collective=sum(1 for i in same if inputs.source and _norm(i.get("source")) == _norm(inputs.source)),
    )


def _non_instructional_days(start: date) -> set[date]:
    from app.admin.services import load_non_instructional_days

    return load_non_instructional_days(start, start + timedelta(days=off_air.RETENTION_DAYS + 15))


def input_hash(inputs: dict) -> str:
    return hashlib.sha256(json.dumps(inputs, sort_keys=True, default=str).encode()).hexdigest()


def save_record(user: User, key: str, inputs, *, log_ill: bool = False) -> ToolRecord:
    """Run the tool again on the server (never trust a posted result) and keep it as a dated record."""
    if not can(user, "tools.save"):
        raise ToolError("Sign in to save a dated record.")
    spec = get_tool(key)
    result, as_of = run_tool(key, inputs, user)
    stored_inputs = jsonable(asdict(inputs))
    if key == "teach-act":
        stored_inputs["institution_settings"] = jsonable(asdict(institution_settings()))
    record = ToolRecord(tool=key, rules_version=spec.rules_version, as_of=as_of, inputs=stored_inputs,
                        result=result.to_dict(), rule_ids=list(result.rule_ids), outcome=result.outcome,
                        input_hash=input_hash(stored_inputs), user_id=user.id)
    db.session.add(record)
    if log_ill and key == "section-108" and inputs.periodical_title and can(user, "tools.ill"):
        db.session.add(_ill_row(user, inputs.periodical_title, "", inputs.requested_on, inputs.published_year, user.campus_id))
    db.session.commit()
    return record


def get_record_for_user(user, record_id: int) -> ToolRecord:
    """The record if `user` may see it; 404 otherwise, so its existence is not revealed."""
    record = db.session.get(ToolRecord, record_id) if 0 < record_id < 2**31 else None  # a posted id may be huge
    if record is None or not can(user, "tools.record.view", record):
        raise NotFound()
    return record


def list_records(user: User, limit: int = 200) -> list[ToolRecord]:
    query = (sa.select(ToolRecord).options(so.selectinload(ToolRecord.user))  # the list shows who saved each
             .order_by(ToolRecord.created_at.desc(), ToolRecord.id.desc()).limit(limit))
    if not can(user, "tools.review"):
        query = query.where(ToolRecord.user_id == user.id)
    return list(db.session.scalars(query))


def mark_reviewed(officer: User, record_id: int) -> ToolRecord:
    if not can(officer, "tools.review"):
        raise ToolError("Only the copyright officer can review records.")
    record = get_record_for_user(officer, record_id)
    if record.reviewed_at is not None:
        raise ToolError("This record was already reviewed.")
    record.reviewed_by_id = officer.id
    record.reviewed_at = utcnow()
    db.session.commit()
    return record


# --- records and compliance questions ------------------------------------------------------------
def _case_models():
    """The case tracker is another area: import it lazily and fail clearly if it is missing."""
    try:
        from app.cases.services import get_case_for_user
        from app.models.case import CaseEvent
    except ImportError as exc:  # pragma: no cover - only while the areas are being assembled
        raise ToolError("Compliance questions are not available yet.") from exc
    return get_case_for_user, CaseEvent


def question_cases_for(user: User) -> list:
    """The user's own compliance questions, newest first."""
    from app.models.case import Case, CaseKind

    return list(db.session.scalars(
        sa.select(Case).where(Case.submitter_id == user.id, Case.kind == CaseKind.QUESTION.value)
        .order_by(Case.opened_at.desc(), Case.id.desc())))


def attach_record(user: User, record_id: int, case_id: int) -> ToolRecord:
    """Attach the user's own record to the user's own compliance question, with a shared case event."""
    get_case_for_user, _ = _case_models()
    record = get_record_for_user(user, record_id)
    if not can(user, "tools.record.attach", record):
        raise ToolError("Only the person who saved a record can attach it to a question.")
    if record.case_id is not None:
        raise ToolError("This record is already attached to a question.")
    case = get_case_for_user(user, case_id)
    add_record_to_case(user, record, case)
    db.session.commit()
    return record


def add_record_to_case(user: User, record: ToolRecord, case) -> None:
    """Link without committing, so the case area can attach records inside its own transaction
    (for example when a question is asked). Same rules as attach_record."""
    _, CaseEvent = _case_models()
    if record.user_id != user.id or record.case_id is not None:
        raise ToolError("Choose one of your own saved records that is not attached yet.", "record_id")
    if case.submitter_id != user.id or case.kind != "question":
        raise ToolError("Choose one of your own compliance questions.", "case_id")
    if case.id is None:
        db.session.flush()
    record.case_id = case.id
    db.session.add(CaseEvent(case_id=case.id, actor_id=user.id, kind="tool_record_attached",
                             data={"record_id": record.id, "tool": record.tool}, visibility="shared"))


def records_for_case(case) -> list[ToolRecord]:
    return list(db.session.scalars(sa.select(ToolRecord).where(ToolRecord.case_id == case.id).order_by(ToolRecord.created_at)))


def attachable_records(user) -> list[ToolRecord]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(db.session.scalars(sa.select(ToolRecord).where(ToolRecord.user_id == user.id, ToolRecord.case_id.is_(None))
                                   .order_by(ToolRecord.created_at.desc()).limit(50)))


# --- performance licences -----------------------------------------------------------------------
def list_licences() -> list[PerformanceLicense]:
    return list(db.session.scalars(sa.select(PerformanceLicense).options(so.selectinload(PerformanceLicense.campuses))
                                   .order_by(PerformanceLicense.expires_on.desc())))


def licence_infos() -> list[screening.LicenceInfo]:
    return [screening.LicenceInfo(licensor=lic.licensor, campus_ids=[c.id for c in lic.campuses], expires_on=lic.expires_on,
                                  notes=lic.notes, campus_names=[c.name for c in lic.campuses]) for lic in list_licences()]


def add_licence(user: User, *, licensor: str, campus_ids: list[int], expires_on: date, notes: str = "") -> PerformanceLicense:
    if not can(user, "tools.configure"):
        raise ToolError("Only the copyright officer can configure licences.")
    campuses = list(db.session.scalars(sa.select(Campus).where(Campus.id.in_(campus_ids))))
    if len(campuses) != len(set(campus_ids)) or not campuses:
        raise ToolError("Choose buildings from the list.", "campus_ids")
    licence = PerformanceLicense(licensor=licensor.strip(), expires_on=expires_on, notes=notes.strip(),
                                 campuses=campuses, created_by_id=user.id)
    db.session.add(licence)
    db.session.commit()
    return licence


def delete_licence(user: User, licence_id: int) -> None:
    if not can(user, "tools.configure"):
        raise ToolError("Only the copyright officer can configure licences.")
    licence = db.session.get(PerformanceLicense, licence_id)
    if licence is None:
        raise NotFound()
    db.session.delete(licence)
    db.session.commit()


# --- TEACH Act settings -------------------------------------------------------------------------
TEACH_FIELDS = tuple(teach_act.INSTITUTION_FIELDS)


def current_teach_settings() -> TeachSettings | None:
    return db.session.scalar(sa.select(TeachSettings).order_by(TeachSettings.updated_at.desc(), TeachSettings.id.desc()).limit(1))


def institution_settings() -> teach_act.InstitutionSettings:
    row = current_teach_settings()
    if row is None:
        return teach_act.InstitutionSettings()
    return teach_act.InstitutionSettings(configured=True, **{f: getattr(row, f) for f in TEACH_FIELDS})


def save_teach_settings(user: User, *, notes: str = "", **flags: bool) -> TeachSettings:
    if not can(user, "tools.configure"):
        raise ToolError("Only the copyright officer can change the TEACH Act settings.")
    row = TeachSettings(notes=notes.strip(), updated_by_id=user.id, **{f: bool(flags.get(f)) for f in TEACH_FIELDS})
    db.session.add(row)
    db.session.commit()
    return row


# --- interlibrary-loan log (CONTU rule of five) ----------------------------------------------------
def title_key(title: str) -> str:
    return " ".join(title.lower().split())


def _ill_row(user: User, title: str, article: str, requested_on: date, published_year: int, campus_id: int | None) -> ILLRequest:
    return ILLRequest(periodical_title=title.strip(), title_key=title_key(title), article=article.strip(),
                      requested_on=requested_on, published_year=published_year, campus_id=campus_id, user_id=user.id)


def count_ill_requests(title: str, requested_on: date) -> int:
    """Logged requests for this periodical in the request's calendar year, for articles within the 5-year window."""
    year = requested_on.year
    return db.session.scalar(
        sa.select(sa.func.count(ILLRequest.id)).where(
            ILLRequest.title_key == title_key(title),
            ILLRequest.requested_on >= date(year, 1, 1), ILLRequest.requested_on <= date(year, 12, 31),
            ILLRequest.published_year >= year - section108.CONTU_YEARS)) or 0


def log_ill_request(user: User, *, periodical_title: str, article: str, requested_on: date, published_year: int,
                    campus_id: int | None) -> tuple[ILLRequest, tuple[str, int, bool]]:
    if not can(user, "tools.ill"):
        raise ToolError("Only library staff and the officer can log interlibrary-loan requests.")
    prior = count_ill_requests(periodical_title, requested_on)
    verdict = section108.rule_of_five(published_year, requested_on, prior)
    row = _ill_row(user, periodical_title, article, requested_on, published_year, campus_id or None)
    db.session.add(row)
    db.session.commit()
    return row, verdict


def ill_summary(year: int) -> list[dict]:
    """Per periodical title: requests this year within the 5-year window, and whether over five."""
    rows = db.session.execute(
        sa.select(ILLRequest.title_key, sa.func.min(ILLRequest.periodical_title), sa.func.count(ILLRequest.id))
        .where(ILLRequest.requested_on >= date(year, 1, 1), ILLRequest.requested_on <= date(year, 12, 31),
               ILLRequest.published_year >= year - section108.CONTU_YEARS)
        .group_by(ILLRequest.title_key).order_by(sa.func.count(ILLRequest.id).desc(), ILLRequest.title_key)).all()
    return [{"title": title, "count": count, "over": count > section108.CONTU_LIMIT} for _, title, count in rows]


def recent_ill_requests(limit: int = 100) -> list[ILLRequest]:
    return list(db.session.scalars(sa.select(ILLRequest)
                                   .options(so.selectinload(ILLRequest.campus), so.selectinload(ILLRequest.user))
                                   .order_by(ILLRequest.requested_on.desc(), ILLRequest.id.desc()).limit(limit)))
