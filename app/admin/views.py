"""Admin pages: users and campuses (admin.users), the district calendar (admin.calendar)."""
from datetime import date
from functools import wraps

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.admin import services
from app.admin.forms import CampusForm, DayForm, ImportForm, UserForm
from app.auth.forms import EmptyForm
from app.auth.permissions import can, require
from app.cases.schooldays import school_year_label, school_year_of

bp = Blueprint("admin", __name__, url_prefix="/admin")

MAX_UPLOAD_BYTES = 512 * 1024


def require_any(*actions: str):
    """Like require(), for pages that any of several permissions opens (the admin index)."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if any(can(current_user, action) for action in actions):
                return view(*args, **kwargs)
            if not current_user.is_authenticated:
                return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
            abort(403)

        return wrapped

    return decorator


def show_error(form, exc: services.AdminError) -> None:
    """Put a service's message next to the field it is about, or above the form."""
    if exc.field and exc.field in form:
        form[exc.field].errors = [*form[exc.field].errors, str(exc)]
    else:
        flash(str(exc), "danger")


@bp.route("/")
@require_any("admin.users", "admin.calendar")
def index():
    return render_template(
        "admin/index.html",
        can_users=can(current_user, "admin.users"),
        can_calendar=can(current_user, "admin.calendar"),
    )


# --- users ---------------------------------------------------------------------------------
@bp.route("/users")
@require("admin.users")
def users():
    return render_template("admin/users.html", users=services.list_users())


@bp.route("/users/new", methods=["GET", "POST"])
@require("admin.users")
def user_new():
    form = UserForm(campuses=services.list_campuses(), require_password=True)
    if form.validate_on_submit():
        try:
            user = services.create_user(
                name=form.name.data, email=form.email.data, role=form.role.data,
                campus_id=form.campus_id.data, password=form.password.data,
            )
        except services.AdminError as exc:
            show_error(form, exc)
        else:
            flash(f"Created the account for {user.name} ({user.email}).", "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/user_new.html", form=form)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@require("admin.users")
def user_edit(user_id: int):
    user = services.get_user(user_id) or abort(404)
    form = UserForm(obj=user, campuses=services.list_campuses())
    if form.validate_on_submit():
        try:
            services.update_user(
                current_user, user,
                name=form.name.data, email=form.email.data, role=form.role.data,
                campus_id=form.campus_id.data, active=form.active.data, new_password=form.password.data or "",
            )
        except services.AdminError as exc:
            show_error(form, exc)
        else:
            flash(f"Saved the account for {user.name}.", "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/user_edit.html", form=form, user=user)


@bp.route("/users/<int:user_id>/active", methods=["POST"])
@require("admin.users")
def user_set_active(user_id: int):
    user = services.get_user(user_id) or abort(404)
    form = EmptyForm()
    if form.validate_on_submit():
        make_active = request.form.get("active") == "1"
        try:
            services.set_user_active(current_user, user, make_active)
        except services.AdminError as exc:
            flash(str(exc), "danger")
        else:
            flash(f"{user.name} can {'now' if make_active else 'no longer'} sign in.", "success")
    return redirect(url_for("admin.users"))


# --- campuses ------------------------------------------------------------------------------
@bp.route("/campuses")
@require("admin.users")
def campuses():
    return render_template(
        "admin/campuses.html", campuses=services.list_campuses(), user_counts=services.campus_user_counts()
    )


@bp.route("/campuses/new", methods=["GET", "POST"])
@require("admin.users")
def campus_new():
    form = CampusForm()
    if form.validate_on_submit():
        try:
            campus = services.create_campus(name=form.name.data, level=form.level.data)
        except services.AdminError as exc:
            show_error(form, exc)
        else:
            flash(f"Added {campus.name}.", "success")
            return redirect(url_for("admin.campuses"))
    return render_template("admin/campus_new.html", form=form)


@bp.route("/campuses/<int:campus_id>", methods=["GET", "POST"])
@require("admin.users")
def campus_edit(campus_id: int):
    campus = services.get_campus(campus_id) or abort(404)
    form = CampusForm(obj=campus)
    if form.validate_on_submit():
        try:
            services.update_campus(campus, name=form.name.data, level=form.level.data)
        except services.AdminError as exc:
            show_error(form, exc)
        else:
            flash(f"Saved {campus.name}.", "success")
            return redirect(url_for("admin.campuses"))
    return render_template("admin/campus_edit.html", form=form, campus=campus)


# --- district calendar ---------------------------------------------------------------------
def _selected_year() -> int:
    year = request.args.get("year", type=int)
    return year if year and 1900 <= year <= 2200 else school_year_of(date.today())


def _render_calendar(year: int, *, day_form=None, import_form=None, import_errors=(), status=200):
    current = school_year_of(date.today())
    years = sorted({current - 1, current, current + 1, year, *services.school_years_with_days()}, reverse=True)
    return render_template(
        "admin/calendar.html",
        year=year,
        year_label=school_year_label(year),
        years=[(y, school_year_label(y)) for y in years],
        days=services.list_days(year),
        day_form=day_form or DayForm(formdata=None),
        import_form=import_form or ImportForm(formdata=None),
        import_errors=import_errors,
    ), status


@bp.route("/calendar")
@require("admin.calendar")
def calendar():
    return _render_calendar(_selected_year())


@bp.route("/calendar/add", methods=["POST"])
@require("admin.calendar")
def calendar_add():
    form = DayForm()
    if form.validate_on_submit():
        try:
            result = services.add_non_instructional_days(
                first=form.first.data, last=form.last.data, description=form.description.data, kind=form.kind.data
            )
        except services.AdminError as exc:
            show_error(form, exc)
        else:
            _flash_added(result)
            return redirect(url_for("admin.calendar", year=school_year_of(form.first.data)))
    year = school_year_of(form.first.data) if form.first.data else _selected_year()
    return _render_calendar(year, day_form=form)


def _flash_added(result: services.AddResult) -> None:
    added = len(result.added)
    message = f"Added {added} day{'s' if added != 1 else ''}."
    if result.skipped_existing:
        message += f" {len(result.skipped_existing)} already in the calendar and left as they were."
    if result.skipped_weekends:
        message += f" {result.skipped_weekends} weekend day{'s' if result.skipped_weekends != 1 else ''} skipped."
    flash(message, "success" if added else "warning")


@bp.route("/calendar/<int:day_id>/delete", methods=["POST"])
@require("admin.calendar")
def calendar_delete(day_id: int):
    form = EmptyForm()
    year = _selected_year()
    if form.validate_on_submit():
        try:
            day = services.delete_day(day_id)
        except services.AdminError as exc:
            flash(str(exc), "danger")
        else:
            flash(f"Removed {day.date:%Y-%m-%d} ({day.description}) from the calendar.", "success")
            year = school_year_of(day.date)
    return redirect(url_for("admin.calendar", year=year))


@bp.route("/calendar/import", methods=["POST"])
@require("admin.calendar")
def calendar_import():
    form = ImportForm()
    year = _selected_year()
    if not form.validate_on_submit():
        return _render_calendar(year, import_form=form)
    data = form.file.data.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        form.file.errors = [f"The file is larger than {MAX_UPLOAD_BYTES // 1024} KB. Split it into smaller files."]
        return _render_calendar(year, import_form=form)
    result = services.import_days_csv(data)
    if result.errors:
        form.file.errors = ["Nothing was imported. Fix the rows listed below and upload the file again."]
        return _render_calendar(year, import_form=form, import_errors=result.errors)
    flash(
        f"Imported {result.added} day{'s' if result.added != 1 else ''}; "
        f"{result.duplicates} duplicate{'s' if result.duplicates != 1 else ''} skipped.",
        "success",
    )
    return redirect(url_for("admin.calendar", year=year))
