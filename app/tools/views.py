"""Tool pages: the index, one form-and-result page per tool, saved records, and the officer's
configuration (licences, TEACH Act settings) and the interlibrary-loan log."""
from datetime import date

from flask import Blueprint, Flask, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.auth.forms import EmptyForm
from app.auth.permissions import can, require
from app.auth.views import safe_next
from app.tools import services
from app.tools.forms import AttachForm, ILLRequestForm, LicenseForm, TeachSettingsForm, number
from app.tools.registry import TOOLS
from app.tools.result import OUTCOME_LABELS, Result

bp = Blueprint("tools", __name__, url_prefix="/tools")


def _apply_error(form, exc: services.ToolError) -> None:
    if exc.field and exc.field in form:
        form[exc.field].errors = list(form[exc.field].errors) + [exc.message]
    else:
        flash(exc.message, "danger")


@bp.route("/")
@require("tools.use")
def index():
    return render_template("tools/index.html", tools=TOOLS.values())


@bp.route("/<tool_key>", methods=["GET", "POST"])
@require("tools.use")
def run(tool_key):
    spec = services.get_tool(tool_key)
    form = spec.form()
    if tool_key == "screening":
        form.campus_id.choices = [(c.id, c.name) for c in services.list_campuses()] or [(0, "No buildings configured")]
        if request.method == "GET" and getattr(current_user, "campus_id", None):
            form.campus_id.data = current_user.campus_id
    result = None
    if form.validate_on_submit():
        inputs = form.to_inputs()
        if form.wants_save:
            if not can(current_user, "tools.save"):
                flash("Sign in to save a dated record.", "warning")
                return redirect(url_for("auth.login", next=url_for("tools.run", tool_key=tool_key)))
            try:
                record = services.save_record(current_user, tool_key, inputs,
                                              log_ill=bool(getattr(form, "log_request", None) and form.log_request.data))
            except services.ToolError as exc:
                _apply_error(form, exc)
            else:
                flash("Saved a dated record of this result.", "success")
                return redirect(url_for("tools.record", record_id=record.id))
        result, _ = services.run_tool(tool_key, inputs, current_user)
    status = 422 if request.method == "POST" and form.errors else 200
    return render_template("tools/tool.html", spec=spec, form=form, result=result,
                           can_save=can(current_user, "tools.save")), status


@bp.route("/records")
@require("tools.save")
def records():
    return render_template("tools/records.html", records=services.list_records(current_user), tools=TOOLS,
                           outcome_labels=OUTCOME_LABELS)


@bp.route("/records/<int:record_id>")
@require("tools.record.view", not_found=True)
def record(record_id):
    record = services.get_record_for_user(current_user, record_id)
    attach_form = None
    if record.case_id is None and can(current_user, "tools.record.attach", record):
        cases = services.question_cases_for(current_user)
        if cases:
            attach_form = AttachForm()
            attach_form.case_id.choices = [(c.id, f"{c.reference}: {c.title}") for c in cases]
    return render_template("tools/record.html", record=record, spec=TOOLS.get(record.tool),
                           result=Result.from_dict(record.result), attach_form=attach_form,
                           review_form=EmptyForm() if can(current_user, "tools.review") and record.reviewed_at is None else None)


@bp.route("/records/<int:record_id>/review", methods=["POST"])
@require("tools.review")
def review(record_id):
    form = EmptyForm()
    if form.validate_on_submit():
        try:
            services.mark_reviewed(current_user, record_id)
            flash("Marked as reviewed.", "success")
        except services.ToolError as exc:
            flash(exc.message, "danger")
    return redirect(url_for("tools.record", record_id=record_id))


@bp.route("/records/<int:record_id>/attach", methods=["POST"])
@require("tools.save")
def attach(record_id):
    # The case page's form posts the chosen record in the body (it works without JavaScript).
    record_id = request.form.get("record_id", type=int) or record_id
    record = services.get_record_for_user(current_user, record_id)
    form = AttachForm()
    form.case_id.choices = [(c.id, c.reference) for c in services.question_cases_for(current_user)]
    if not form.validate_on_submit():
        flash("Choose one of your own compliance questions.", "danger")
        return redirect(url_for("tools.record", record_id=record.id))
    try:
        services.attach_record(current_user, record.id, form.case_id.data)
    except services.ToolError as exc:
        flash(exc.message, "danger")
        return redirect(url_for("tools.record", record_id=record.id))
    flash("Attached the record to your question.", "success")
    next_url = request.form.get("next")  # back to the case page; anything off-site is refused
    return redirect(next_url if next_url and safe_next(next_url) == next_url
                    else url_for("tools.record", record_id=record.id))


@bp.route("/licenses", methods=["GET", "POST"])
@require("tools.configure")
def licenses():
    form = LicenseForm()
    form.campus_ids.choices = [(c.id, c.name) for c in services.list_campuses()]
    if form.validate_on_submit():
        try:
            services.add_licence(current_user, licensor=form.licensor.data, campus_ids=form.campus_ids.data,
                                 expires_on=form.expires_on.data, notes=form.notes.data or "")
        except services.ToolError as exc:
            _apply_error(form, exc)
        else:
            flash("Licence added.", "success")
            return redirect(url_for("tools.licenses"))
    status = 422 if form.errors else 200
    return render_template("tools/licenses.html", form=form, licences=services.list_licences(), today=date.today(),
                           delete_form=EmptyForm()), status


@bp.route("/licenses/<int:licence_id>/delete", methods=["POST"])
@require("tools.configure")
def delete_license(licence_id):
    if EmptyForm().validate_on_submit():
        services.delete_licence(current_user, licence_id)
        flash("Licence removed.", "success")
    return redirect(url_for("tools.licenses"))


@bp.route("/teach-settings", methods=["GET", "POST"])
@require("tools.configure")
def teach_settings():
    current = services.current_teach_settings()
    form = TeachSettingsForm(obj=current)
    if form.validate_on_submit():
        services.save_teach_settings(current_user, notes=form.notes.data or "",
                                     **{f: form[f].data for f in services.TEACH_FIELDS})
        flash("TEACH Act settings saved.", "success")
        return redirect(url_for("tools.teach_settings"))
    return render_template("tools/teach_settings.html", form=form, current=current)


@bp.route("/ill", methods=["GET", "POST"])
@require("tools.ill")
def ill():
    form = ILLRequestForm()
    form.campus_id.choices = [(0, "Not recorded")] + [(c.id, c.name) for c in services.list_campuses()]
    if request.method == "GET" and current_user.campus_id:
        form.campus_id.data = current_user.campus_id
    if form.validate_on_submit():
        _, (rule_id, count, within) = services.log_ill_request(
            current_user, periodical_title=form.periodical_title.data, article=form.article.data or "",
            requested_on=form.requested_on.data, published_year=number(form.published_year),
            campus_id=form.campus_id.data or None)
        if rule_id == "ILL-OLD":
            flash("Logged. The article is more than five years old, so it is outside the rule-of-five count.", "success")
        elif within:
            flash(f"Logged: request {count} of 5 this year for this periodical.", "success")
        else:
            flash(f"Logged: request {count} this year for this periodical, over the rule of five. "
                  "Buy a subscription, the article, or get permission.", "warning")
        return redirect(url_for("tools.ill"))
    year = date.today().year
    status = 422 if form.errors else 200
    return render_template("tools/ill.html", form=form, summary=services.ill_summary(year), year=year,
                           requests=services.recent_ill_requests()), status


def register_template_helpers(app: Flask) -> None:
    """Lets the case page include tools/_case_records.html with only `case` in context."""

    @app.context_processor
    def tool_helpers():
        return {
            "tool_records_for_case": services.records_for_case,
            "attachable_tool_records": services.attachable_records,
            "tool_titles": {key: spec.title for key, spec in TOOLS.items()},
            "tool_outcome_labels": OUTCOME_LABELS,
        }
