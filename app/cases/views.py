"""Case tracker pages. Thin: read the form, call one service, flash + redirect, or re-render."""
import csv
import io
from datetime import date

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required

from app.auth.permissions import can, require
from app.cases import forms as f
from app.cases import policies, reports, services
from app.cases.services import CaseConflict, CaseError, RationaleWarning
from app.i18n import translated
from app.models.case import ACCESS_STATUSES, MATERIAL_FORMATS, CaseKind

bp = Blueprint("cases", __name__, url_prefix="/cases")


def _campus_choices(blank: str = "Choose…"):
    from app.admin.services import list_campuses

    return [(None, blank)] + [(c.id, c.name) for c in list_campuses()]


def _link_args(*drop: str) -> dict:
    """The query string to carry into page and CSV links, minus `drop` and url_for's own
    keywords (a typed `?_scheme=x` or `?endpoint=x` must not reach url_for and raise)."""
    return {k: v for k, v in request.args.items()
            if k not in drop and k != "endpoint" and not k.startswith("_")}


def _form_error(form, exc: CaseError) -> None:
    """Show a service error next to its field, or above the form."""
    if exc.field and exc.field in form:
        form[exc.field].errors = list(form[exc.field].errors) + [exc.message]
    else:
        flash(exc.message, "danger")


# --- lists ---------------------------------------------------------------------------------------
@bp.route("/")
@require("cases.queue")
def queue():
    form, filters = _queue_filters()
    page = request.args.get("page", 1, type=int)
    pagination = services.queue_page(filters, current_user, page=page,
                                     per_page=current_app.config.get("CASES_PER_PAGE", 25))
    args = _link_args("page", "identity")  # the template sets identity on its own links
    return render_template("cases/queue.html", form=form, pagination=pagination, args=args,
                           profile_for=services.profile_for, today=services.today())


def _queue_filters():
    form = f.QueueFilterForm(formdata=request.args)
    form.status.choices = [("", "Any status")] + services.all_status_choices()
    form.campus_id.choices = _campus_choices("Any campus")
    form.assignee.choices = [("", "Anyone"), ("me", "Me"), ("none", "Nobody")] + [
        (str(u.id), u.name) for u in services.assignable_users()]
    form.validate()
    filters = services.QueueFilters(
        kind=form.kind.data or "", status=form.status.data or "", campus_id=form.campus_id.data,
        assignee=form.assignee.data or "", due=form.due.data or "", q=(form.q.data or "")[:200],
        sort=form.sort.data or "newest")
    return form, filters


@bp.route("/export.csv")
@require("cases.export")
def export():
    _form, filters = _queue_filters()
    include_identity = request.args.get("identity") == "1"
    out = io.StringIO()
    writer = csv.writer(out)
    for row in services.export_rows(current_user, filters, include_identity=include_identity):
        writer.writerow(row)
    name = f"cases-{date.today().isoformat()}{'' if include_identity else '-redacted'}.csv"
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename={name}"})


@bp.route("/mine")
@require("cases.mine")
def mine():
    page = request.args.get("page", 1, type=int)
    pagination = services.my_cases_page(current_user, page=page)
    return render_template("cases/mine.html", pagination=pagination, profile_for=services.profile_for)


# --- filing ---------------------------------------------------------------------------------------
@bp.route("/new")
@require("cases.ask_question")  # every case-opening role may at least ask a question
def new():
    return render_template("cases/new.html")


@bp.route("/new/reconsideration", methods=["GET", "POST"])
@require("cases.file_reconsideration")
def new_reconsideration():
    form = f.ReconsiderationForm()
    form.campus_id.choices = _campus_choices()
    if request.method == "GET" and current_user.campus_id:
        form.campus_id.data = current_user.campus_id
    profile = policies.get_profile(services.reconsideration_profile_key())
    earlier, bar, checked = [], None, False
    if request.method == "POST":
        checked = True
        earlier = services.earlier_challenges(isbn=form.isbn.data or "", title=form.title.data or "",
                                              author=form.author.data or "")
        bar = services.active_rechallenge_bar(profile, earlier, services.today())
        if form.submit.data and form.validate():
            try:
                case = services.file_reconsideration(
                    current_user, campus_id=form.campus_id.data,
                    material={"title": form.title.data, "author": form.author.data, "isbn": form.isbn.data,
                              "format": form.format.data},
                    requester={"name": form.requester_name.data, "contact": form.requester_contact.data,
                               "role": form.requester_role.data, "relationship": form.requester_relationship.data,
                               "organization": form.requester_organization.data},
                    details={"received_on": form.received_on.data.isoformat() if form.received_on.data else "",
                             "attention": form.attention.data, "examined_whole": form.examined_whole.data,
                             "parts_examined": form.parts_examined.data, "concerns": form.concerns.data,
                             "standard": form.standard.data, "standard_other": form.standard_other.data,
                             "action_requested": form.action_requested.data, "alternatives": form.alternatives.data,
                             "student": form.student.data},
                    override_reason=form.override_reason.data or "")
            except services.RechallengeBarred as exc:
                if can(current_user, "cases.override_rechallenge_bar"):
                    _form_error(form, exc)  # next to the override reason
                else:
                    flash(exc.message, "danger")
            except CaseError as exc:
                _form_error(form, exc)
            else:
                flash(f"Request {case.reference} filed.", "success")
                return redirect(url_for("cases.detail", case_id=case.reference))
    return render_template("cases/new_reconsideration.html", form=form, profile=profile, earlier=earlier, bar=bar,
                           checked=checked, may_override=can(current_user, "cases.override_rechallenge_bar"),
                           profile_for=services.profile_for, may_view=_may_view)


def _guideline_suggestions(text: str):
    """Top five guideline articles for the question, or [] while search is unavailable."""
    if not text.strip():
        return []
    try:
        from app.library.search import search

        return list(search(text, per_page=5).hits)[:5]
    except Exception:  # noqa: BLE001 - a missing index must never stop someone asking
        current_app.logger.warning("Guideline suggestions unavailable", exc_info=True)
        return []


@bp.route("/new/question", methods=["GET", "POST"])
@require("cases.ask_question")
def new_question():
    form = f.QuestionForm()
    suggestions, checked = [], False
    if request.method == "POST":
        if form.check.data:  # a look-up, not a submission: no "required" errors yet
            checked = True
            suggestions = _guideline_suggestions(f"{form.subject.data or ''} {form.question.data or ''}")
        elif form.validate():
            try:
                case = services.ask_question(current_user, topic=form.topic.data, subject=form.subject.data,
                                             question=form.question.data)
            except CaseError as exc:
                _form_error(form, exc)
            else:
                flash(gettext("Question %(reference)s sent. The answer will appear in My cases.",
                              reference=case.reference), "success")
                return redirect(url_for("cases.detail", case_id=case.reference))
    return render_template("cases/new_question.html", form=form, suggestions=suggestions, checked=checked)


@bp.route("/new/incident", methods=["GET", "POST"])
@require("cases.log_incident")
def new_incident():
    form = f.IncidentForm()
    form.campus_id.choices = _campus_choices("District-wide or not campus-specific")
    if request.method == "GET" and current_user.campus_id:
        form.campus_id.data = current_user.campus_id
    if form.validate_on_submit():
        try:
            case = services.log_incident(
                current_user, incident_type=form.incident_type.data, title=form.title.data,
                description=form.description.data, campus_id=form.campus_id.data, occurred_on=form.occurred_on.data,
                material_title=form.material_title.data or "", material_author=form.material_author.data or "")
        except CaseError as exc:
            _form_error(form, exc)
        else:
            flash(f"Incident {case.reference} logged.", "success")
            return redirect(url_for("cases.detail", case_id=case.reference))
    return render_template("cases/new_incident.html", form=form)


# --- the case page -------------------------------------------------------------------------------
def _load(case_id):
    return services.get_case_for_user(current_user, case_id)


def _forms(case) -> dict:
    """A fresh instance of every form the case page may show, each carrying the case version."""
    version = {"version": case.version_id}
    forms = {
        "transition": f.TransitionForm(formdata=None, **version),
        "assign": f.AssignForm(formdata=None, assignee_id=case.assignee_id, **version),
        "note": f.NoteForm(formdata=None),
        "appoint": f.AppointForm(formdata=None, **version),
        "attest": f.AttestForm(formdata=None),
        "vote": f.VoteForm(formdata=None),
        "recuse": f.RecuseForm(formdata=None),
        "recommendation": f.RecommendationForm(formdata=None, **version),
        "decision": f.DecisionForm(formdata=None, decided_on=services.today(), **version),
        "appeal": f.AppealForm(formdata=None, **version),
        "answer": f.AnswerForm(formdata=None, **version),
    }
    return forms


def _fill_choices(forms: dict, case) -> None:
    forms["assign"].assignee_id.choices = [(None, "Nobody")] + [(u.id, u.name) for u in services.assignable_users()]
    forms["appoint"].user_id.choices = [(None, "Choose…")] + [
        (u.id, f"{u.name} ({u.role})") for u in services.committee_candidates(case)]
    forms["answer"].articles.choices = services.article_choices()


def _render_case(case, *, submitted: tuple[str, object] | None = None, warning: str = "", status: int = 200):
    forms = _forms(case)
    if submitted:
        name, form = submitted
        if "version" in form:  # resubmitting now means "I have seen the current state"
            form.version.data = case.version_id
        forms[name] = form
    _fill_choices(forms, case)
    show_identity = can(current_user, "cases.see_identity", case)
    profile = services.profile_for(case)
    today = services.today()
    earlier = []
    if case.kind == CaseKind.RECONSIDERATION.value and case.material:
        earlier = services.earlier_challenges(isbn=case.material.isbn, title=case.material.title,
                                              author=case.material.author, exclude_case_id=case.id)
    steps = services.next_steps(current_user, case, today)
    return render_template(
        "cases/detail.html", case=case, profile=profile, forms=forms, show_identity=show_identity,
        state=profile.state(case.status), steps=steps, step_names={s.transition.name for s in steps if not s.blocked},
        deadlines=policies.deadline_statuses(profile, case.milestones or {}, today),
        events=services.visible_events(current_user, case), describe=services.describe_event,
        membership=services.access.committee_membership(current_user, case), earlier=earlier,
        can_manage=can(current_user, "cases.manage"), can_note=can(current_user, "cases.note", case),
        can_letter=can(current_user, "cases.letter", case), can_edit=can(current_user, "cases.edit", case),
        tally=services.vote_tally(case), warning=warning, access_labels=ACCESS_STATUSES,
        formats=MATERIAL_FORMATS, labels=_labels(), today=today,
        article_hash_now=_current_hashes(case), profile_for=services.profile_for, may_view=_may_view,
    ), status


def _may_view(case) -> bool:
    return can(current_user, "cases.view", case)


def _labels() -> dict:
    return {"roles": services.REQUESTER_ROLES, "standards": services.STANDARDS,
            "actions": services.ACTIONS_REQUESTED, "topics": services.QUESTION_TOPICS,
            "incidents": services.INCIDENT_TYPES, "scopes": services.DECISION_SCOPES, "votes": services.VOTES}


def _current_hashes(case) -> dict:
    hashes = {}
    for link in case.articles:
        article = services._article(link.slug)
        hashes[link.slug] = article.content_hash if article else None
    return hashes


@bp.route("/<case_id>")
@login_required
def detail(case_id):
    case = _load(case_id)
    return _render_case(case)[0]


def _handle(case_id, form_name: str, form_class, action, success: str, *, need_version=True, anchor: str = ""):
    """Shared POST handling for the case page's forms: validate, run the service, and on any
    error re-render the case page with the user's input kept and the message shown."""
    case = _load(case_id)
    form = form_class()
    if form_name == "answer":
        form.articles.choices = services.article_choices()
    if form_name == "assign":
        form.assignee_id.choices = [(None, "Nobody")] + [(u.id, u.name) for u in services.assignable_users()]
    if form_name == "appoint":
        form.user_id.choices = [(None, "Choose…")] + [(u.id, u.name) for u in services.committee_candidates(case)]
    if not form.validate_on_submit():
        flash("Please correct the form below.", "danger")
        return _render_case(case, submitted=(form_name, form), status=400)
    try:
        action(case, form)
    except CaseConflict as exc:
        flash(exc.message, "warning")
        case = _load(case_id)
        return _render_case(case, submitted=(form_name, form), status=409)
    except RationaleWarning as exc:
        case = _load(case_id)
        return _render_case(case, submitted=(form_name, form), warning=exc.message, status=400)
    except CaseError as exc:
        case = _load(case_id)
        _form_error(form, exc)
        return _render_case(case, submitted=(form_name, form), status=400)
    flash(success, "success")
    return redirect(url_for("cases.detail", case_id=case.reference) + anchor)


@bp.post("/<case_id>/transition")
@login_required
def transition(case_id):
    return _handle(case_id, "transition", f.TransitionForm,
                   lambda case, form: services.take_transition(current_user, case, form.transition.data,
                                                               expected_version=form.version.data,
                                                               note=form.note.data or ""),
                   "Status updated.")


@bp.post("/<case_id>/assign")
@require("cases.manage", not_found=True)
def assign(case_id):
    return _handle(case_id, "assign", f.AssignForm,
                   lambda case, form: services.assign(current_user, case, form.assignee_id.data,
                                                      expected_version=form.version.data),
                   "Assignment updated.")


@bp.post("/<case_id>/note")
@login_required
def note(case_id):
    return _handle(case_id, "note", f.NoteForm,
                   lambda case, form: services.add_note(current_user, case, form.text.data),
                   "Note added.", anchor="#history")


@bp.post("/<case_id>/committee/appoint")
@require("cases.manage", not_found=True)
def appoint(case_id):
    return _handle(case_id, "appoint", f.AppointForm,
                   lambda case, form: services.appoint_member(current_user, case, form.user_id.data, form.role.data,
                                                              expected_version=form.version.data),
                   "Committee member appointed.", anchor="#committee")


@bp.post("/<case_id>/committee/attest")
@login_required
def attest(case_id):
    return _handle(case_id, "attest", f.AttestForm,
                   lambda case, form: services.attest(current_user, case, form.confirm.data),
                   "Your attestation is recorded.", anchor="#committee")


@bp.post("/<case_id>/committee/vote")
@login_required
def vote(case_id):
    return _handle(case_id, "vote", f.VoteForm,
                   lambda case, form: services.cast_vote(current_user, case, form.vote.data, form.comment.data or ""),
                   "Your vote is recorded.", anchor="#committee")


@bp.post("/<case_id>/committee/recuse")
@login_required
def recuse(case_id):
    return _handle(case_id, "recuse", f.RecuseForm,
                   lambda case, form: services.recuse(current_user, case, form.reason.data),
                   "You are recused from this case.", anchor="#committee")


@bp.post("/<case_id>/recommendation")
@login_required
def recommendation(case_id):
    return _handle(case_id, "recommendation", f.RecommendationForm,
                   lambda case, form: services.record_recommendation(
                       current_user, case, recommendation=form.recommendation.data, rationale=form.rationale.data,
                       expected_version=form.version.data),
                   "Recommendation recorded.")


@bp.post("/<case_id>/decision")
@login_required
def decision(case_id):
    return _handle(case_id, "decision", f.DecisionForm,
                   lambda case, form: services.record_decision(
                       current_user, case, outcome=form.outcome.data, scope=form.scope.data,
                       rationale=form.rationale.data, decided_on=form.decided_on.data,
                       effective_on=form.effective_on.data, confirm_rationale=form.confirm_rationale.data,
                       expected_version=form.version.data, district=current_app.config.get("DISTRICT_NAME", "")),
                   "Decision recorded. The decision letter is ready.")


@bp.post("/<case_id>/appeal")
@login_required
def appeal(case_id):
    return _handle(case_id, "appeal", f.AppealForm,
                   lambda case, form: services.file_appeal(current_user, case, form.reason.data,
                                                           expected_version=form.version.data),
                   "Appeal filed. The case is reopened.")


@bp.post("/<case_id>/answer")
@login_required
def answer(case_id):
    return _handle(case_id, "answer", f.AnswerForm,
                   lambda case, form: services.answer_case(current_user, case, form.reply.data, form.articles.data,
                                                           expected_version=form.version.data),
                   "Reply sent.")


@bp.route("/<case_id>/edit", methods=["GET", "POST"])
@login_required
def edit(case_id):
    case = _load(case_id)
    if not can(current_user, "cases.edit", case):
        abort(403)
    show_identity = can(current_user, "cases.see_identity", case)
    form = f.EditCaseForm(obj=case if request.method == "GET" else None, version=case.version_id)
    if form.validate_on_submit():
        changes = {"title": form.title.data, "description": form.description.data}
        if show_identity and case.kind == CaseKind.RECONSIDERATION.value:
            changes |= {"requester_name": form.requester_name.data, "requester_contact": form.requester_contact.data}
        try:
            services.edit_details(current_user, case, changes, expected_version=form.version.data)
        except CaseConflict as exc:
            flash(exc.message, "warning")
            case = _load(case_id)
            form.version.data = case.version_id
            return render_template("cases/edit.html", case=case, form=form, show_identity=show_identity,
                                   conflict=True), 409
        except CaseError as exc:
            _form_error(form, exc)
        else:
            flash("Changes saved.", "success")
            return redirect(url_for("cases.detail", case_id=case.reference))
    return render_template("cases/edit.html", case=case, form=form, show_identity=show_identity, conflict=False)


@bp.route("/<case_id>/letter")
@login_required
def letter(case_id):
    case = _load(case_id)
    if not can(current_user, "cases.letter", case) or case.latest_decision is None:
        abort(404)
    return render_template("cases/letter.html", case=case, decision=case.latest_decision)


# --- reports: the public register of decisions and the officer's challenge report -----------------
def _csv_response(rows, name: str) -> Response:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename={name}"})


def _public_filters():
    form = f.PublicDecisionFilterForm(formdata=request.args)
    campuses = [(key, translated(name)) for key, name in reports.public_campus_choices()]  # "District-wide"
    form.campus.choices = [("", gettext("Any campus"))] + campuses
    form.year.choices = [(None, gettext("Any year"))] + reports.school_year_choices()
    form.validate()
    filters = reports.PublicFilters(outcome=form.outcome.data or "", campus=(form.campus.data or "")[:20],
                                    year=form.year.data if not form.year.errors else None,
                                    sort=form.sort.data or "newest")
    return form, filters


@bp.route("/decisions")
@require("cases.public_register")
def public_decisions():
    form, filters = _public_filters()
    pagination = reports.public_decisions_page(filters, page=request.args.get("page", 1, type=int),
                                               per_page=current_app.config.get("CASES_PER_PAGE", 25))
    args = _link_args("page")
    return render_template("cases/public_decisions.html", form=form, pagination=pagination, args=args)


@bp.route("/decisions.csv")
@require("cases.public_register")
def public_decisions_csv():
    _form, filters = _public_filters()
    return _csv_response(reports.public_decision_rows(filters), "reconsideration-decisions.csv")


def _report_period():
    """The chosen date range (defaults to the current school year), the form and whether it was valid."""
    form = f.ReportPeriodForm(formdata=request.args)
    form.year.choices = reports.school_year_choices()
    valid = form.validate()
    if valid and form.start.data and form.end.data:
        return form, form.start.data, form.end.data, True
    year = form.year.data if form.year.data is not None else reports.school_year_of(services.today())
    form.year.data = year
    start, end = reports.school_year_bounds(year)
    return form, start, end, valid


@bp.route("/report")
@require("cases.report")
def report():
    form, start, end, valid = _report_period()
    return render_template("cases/report.html", form=form, report=reports.challenge_report(start, end),
                           args=_link_args(), valid=valid), (200 if valid else 400)


@bp.route("/report.csv")
@require("cases.report")
def report_csv():
    _form, start, end, _valid = _report_period()
    name = f"challenge-report-{start.isoformat()}-to-{end.isoformat()}.csv"
    return _csv_response(reports.report_rows(reports.challenge_report(start, end)), name)
