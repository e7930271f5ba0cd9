"""Admin forms: validate only. Rules that need the database live in app/admin/services.py."""
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, DateField, EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length, Optional, Regexp, ValidationError

from app.admin.services import CAMPUS_LEVELS, MIN_PASSWORD_LENGTH
from app.models import DayKind, Role

ROLE_CHOICES = [(r.value, r.label) for r in Role]
LEVEL_CHOICES = [(level, level.capitalize()) for level in CAMPUS_LEVELS]
KIND_CHOICES = [(k.value, k.label) for k in DayKind]
# Deliberately loose: one @, something on each side, a dot in the domain. The address is checked
# for real when the person signs in.
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


def _campus_id(value):
    return int(value) if value not in (None, "", "None") else None


class UserForm(FlaskForm):
    name = StringField("Full name", validators=[DataRequired(message="Enter the person's name."), Length(max=120)],
                       render_kw={"autocomplete": "off"})
    email = EmailField("Email", validators=[DataRequired(message="Enter an email address."), Length(max=254),
                                            Regexp(EMAIL_PATTERN, message="Enter an email address like name@district.org.")],
                       render_kw={"autocomplete": "off", "spellcheck": "false"})
    role = SelectField("Role", choices=ROLE_CHOICES, validators=[DataRequired()])
    campus_id = SelectField("Campus", coerce=_campus_id, validate_choice=True)
    active = BooleanField("Active (can sign in)", default=True)
    password = PasswordField("New password", validators=[Optional(), Length(min=MIN_PASSWORD_LENGTH, max=200,
                             message=f"Use at least {MIN_PASSWORD_LENGTH} characters.")],
                             render_kw={"autocomplete": "new-password"})
    confirm = PasswordField("Repeat the new password", validators=[EqualTo("password", message="The two passwords differ.")],
                            render_kw={"autocomplete": "new-password"})
    submit = SubmitField("Save")

    def __init__(self, *args, campuses=(), require_password=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.campus_id.choices = [(None, "No campus (district-wide)")] + [(c.id, c.name) for c in campuses]
        if require_password:
            self.password.label.text = "Password"
            self.password.validators = [DataRequired(message="Set a password."), *self.password.validators[1:]]
            self.password.flags.required = True


class CampusForm(FlaskForm):
    name = StringField("Campus name", validators=[DataRequired(message="Enter the campus name."), Length(max=120)])
    level = SelectField("Level", choices=LEVEL_CHOICES, validators=[DataRequired()])
    submit = SubmitField("Save")


class DayForm(FlaskForm):
    first = DateField("Date (or first day of a range)", validators=[DataRequired(message="Enter a valid date, for example 2026-11-26.")])
    last = DateField("Last day of the range (optional)", validators=[Optional()])
    description = StringField("Description", validators=[DataRequired(message="Describe the day."), Length(max=200)])
    kind = SelectField("Kind", choices=KIND_CHOICES)
    submit = SubmitField("Add to calendar")

    def validate_last(self, field):
        if field.data and self.first.data and field.data < self.first.data:
            raise ValidationError("The last day must be on or after the first day.")


class ImportForm(FlaskForm):
    file = FileField("CSV file", validators=[FileRequired(message="Choose a CSV file to upload.")],
                     render_kw={"accept": ".csv,text/csv"})
    submit = SubmitField("Import")
