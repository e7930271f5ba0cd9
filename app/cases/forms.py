"""Case tracker forms. Forms validate only; choices that come from the database are filled by views."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField, DateField, HiddenField, RadioField, SelectField, SelectMultipleField, StringField,
    SubmitField, TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from app.cases.services import (
    ACTIONS_REQUESTED, DECISION_SCOPES, INCIDENT_TYPES, QUESTION_TOPICS, REQUESTER_ROLES, STANDARDS, VOTES,
)
from app.i18n import lazy_translated
from app.models.case import DECISION_OUTCOMES, MATERIAL_FORMATS, OUTCOMES


def _choices(mapping: dict, blank: str | None = None) -> list[tuple[str, str]]:
    return ([("", blank)] if blank is not None else []) + list(mapping.items())


def _coerce_int_or_none(value):
    return int(value) if value not in (None, "", "None") else None


class VersionedForm(FlaskForm):
    """Every edit form carries the case version it was loaded at (optimistic locking)."""

    version = HiddenField(validators=[DataRequired(message="This form is out of date. Reload the case and try again.")])


class ReconsiderationForm(FlaskForm):
    # The ALA sample form, school variant: requester, resource, then the questions.
    requester_name = StringField("Requester's name", validators=[DataRequired(), Length(max=200)])
    requester_contact = TextAreaField("Address, phone and email", validators=[Optional(), Length(max=500)],
                                      render_kw={"rows": 3})
    requester_role = SelectField("The requester is", choices=_choices(REQUESTER_ROLES, "Choose…"),
                                 validators=[DataRequired(message="Choose who the requester is.")])
    requester_relationship = RadioField("Represents", choices=[("self", "Self"), ("organization", "An organization")],
                                        default="self", validators=[DataRequired()])
    requester_organization = StringField("Organization name", validators=[Optional(), Length(max=200)])
    student = StringField("Student concerned, if any (name and grade)", validators=[Optional(), Length(max=200)])
    campus_id = SelectField("Campus", coerce=_coerce_int_or_none, validators=[DataRequired(message="Choose the campus.")])
    received_on = DateField("Date received", validators=[Optional()])
    format = SelectField("Resource type", choices=list(MATERIAL_FORMATS.items()), default="book")
    title = StringField("Title", validators=[DataRequired(message="Enter the title."), Length(max=300)])
    author = StringField("Author or producer", validators=[Optional(), Length(max=200)])
    isbn = StringField("ISBN", validators=[Optional(), Length(max=20)])
    attention = TextAreaField("What brought this resource to the requester's attention?",
                              validators=[Optional(), Length(max=5000)], render_kw={"rows": 3})
    examined_whole = RadioField("Has the requester examined the entire resource?",
                                choices=[("yes", "Yes"), ("no", "No")],
                                validators=[DataRequired(message="Say whether the whole resource was examined.")])
    parts_examined = TextAreaField("If not, which parts?", validators=[Optional(), Length(max=5000)],
                                   render_kw={"rows": 2})
    concerns = TextAreaField("What concerns the requester? Give page or time references.",
                             validators=[DataRequired(message="Describe the concerns."), Length(max=5000)])
    standard = SelectField("Standard said to be violated", choices=_choices(STANDARDS, "None given"),
                           validators=[Optional()])
    standard_other = StringField("Other standard or criterion", validators=[Optional(), Length(max=300)])
    action_requested = SelectField("Action requested", choices=_choices(ACTIONS_REQUESTED, "Choose…"),
                                   validators=[DataRequired(message="Choose the action requested.")])
    alternatives = TextAreaField("Suggested resources with other viewpoints", validators=[Optional(), Length(max=5000)],
                                 render_kw={"rows": 2})
    override_reason = TextAreaField("Reason for overriding the re-challenge protection (officer only)",
                                    validators=[Optional(), Length(max=2000)], render_kw={"rows": 2})
    check = SubmitField("Check for earlier challenges")
    submit = SubmitField("File the request")

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if self.examined_whole.data == "no" and not (self.parts_examined.data or "").strip():
            self.parts_examined.errors = list(self.parts_examined.errors) + ["Say which parts were examined."]
            ok = False
        return ok


class QuestionForm(FlaskForm):
    # Public-facing: labels in the reader's language (app/i18n.py); topic names via the label catalogue.
    topic = SelectField(_l("Topic"),
                        choices=[("", _l("Choose…"))] + [(k, lazy_translated(v)) for k, v in QUESTION_TOPICS.items()],
                        validators=[DataRequired(message=_l("Choose a topic."))])
    subject = StringField(_l("Subject"), validators=[DataRequired(message=_l("Enter a short subject.")), Length(max=300)])
    question = TextAreaField(_l("Your question"), validators=[DataRequired(message=_l("Enter your question.")),
                                                              Length(max=20000)])
    check = SubmitField(_l("Check the guidelines first"))
    submit = SubmitField(_l("Ask anyway"))


class IncidentForm(FlaskForm):
    incident_type = SelectField("Kind of incident", choices=_choices(INCIDENT_TYPES, "Choose…"),
                                validators=[DataRequired(message="Choose the kind of incident.")])
    title = StringField("Short title", validators=[DataRequired(message="Enter a short title."), Length(max=300)])
    description = TextAreaField("What happened", validators=[DataRequired(message="Describe what happened."),
                                                             Length(max=20000)])
    campus_id = SelectField("Campus", coerce=_coerce_int_or_none, validators=[Optional()])
    occurred_on = DateField("Date it happened", validators=[Optional()])
    material_title = StringField("Material title, if any", validators=[Optional(), Length(max=300)])
    material_author = StringField("Material author", validators=[Optional(), Length(max=200)])
    submit = SubmitField("Log the incident")


class TransitionForm(VersionedForm):
    transition = HiddenField(validators=[DataRequired()])
    note = StringField("Note (optional)", validators=[Optional(), Length(max=2000)])
    submit = SubmitField("Go")


class AssignForm(VersionedForm):
    assignee_id = SelectField("Assign to", coerce=_coerce_int_or_none, validators=[Optional()])
    submit = SubmitField("Assign")


class NoteForm(FlaskForm):
    text = TextAreaField("Internal note (never shown to the requester or asker)",
                         validators=[DataRequired(message="Write the note first."), Length(max=20000)],
                         render_kw={"rows": 3})
    submit = SubmitField("Add note")


class EditCaseForm(VersionedForm):
    title = StringField("Title", validators=[DataRequired(), Length(max=300)])
    description = TextAreaField("Description", validators=[Optional(), Length(max=20000)])
    requester_name = StringField("Requester's name", validators=[Optional(), Length(max=200)])
    requester_contact = TextAreaField("Requester's contact", validators=[Optional(), Length(max=500)],
                                      render_kw={"rows": 2})
    submit = SubmitField("Save changes")


class AppointForm(VersionedForm):
    user_id = SelectField("Member", coerce=_coerce_int_or_none, validators=[DataRequired(message="Choose a member.")])
    role = RadioField("Role", choices=[("voting", "Voting"), ("non-voting", "Non-voting")], default="voting",
                      validators=[DataRequired()])
    submit = SubmitField("Appoint")


class AttestForm(FlaskForm):
    confirm = BooleanField("I have read or viewed the whole work, not only the passages cited.")
    submit = SubmitField("Record my attestation")


class VoteForm(FlaskForm):
    vote = SelectField("My vote", choices=_choices(VOTES, "Choose…"), validators=[DataRequired(message="Choose your vote.")])
    comment = TextAreaField("Comment", validators=[Optional(), Length(max=5000)], render_kw={"rows": 3})
    submit = SubmitField("Record my vote")


class RecuseForm(FlaskForm):
    reason = StringField("Reason for recusal", validators=[DataRequired(message="Give a reason."), Length(max=2000)])
    submit = SubmitField("Recuse myself")


class RecommendationForm(VersionedForm):
    recommendation = SelectField("Recommendation", choices=_choices(VOTES, "Choose…"),
                                 validators=[DataRequired(message="Choose the recommendation.")])
    rationale = TextAreaField("The committee's reasons", validators=[DataRequired(message="Give the reasons."),
                                                                      Length(max=20000)])
    submit = SubmitField("Record the recommendation")


class DecisionForm(VersionedForm):
    outcome = SelectField("Outcome", choices=[("", "Choose…")] + [(k, OUTCOMES[k]) for k in DECISION_OUTCOMES],
                          validators=[DataRequired(message="Choose the outcome.")])
    scope = RadioField("Applies to", choices=list(DECISION_SCOPES.items()), default="campus",
                       validators=[DataRequired()])
    rationale = TextAreaField("Rationale (tie it to the selection criteria or standards)",
                              validators=[DataRequired(message="A written rationale is required."), Length(max=20000)])
    decided_on = DateField("Date decided", validators=[Optional()])
    effective_on = DateField("Effective date", validators=[Optional()])
    confirm_rationale = BooleanField("I have read the warning and want to record this rationale as written.")
    submit = SubmitField("Record the decision")


class AppealForm(VersionedForm):
    reason = TextAreaField("Grounds for the appeal", validators=[DataRequired(message="Give the grounds."),
                                                                 Length(max=20000)])
    submit = SubmitField("File the appeal")


class AnswerForm(VersionedForm):
    reply = TextAreaField("Reply (Markdown)", validators=[DataRequired(message="Write the reply."), Length(max=50000)],
                          render_kw={"rows": 8})
    articles = SelectMultipleField("Link guideline articles", choices=[], validators=[Optional()],
                                   validate_choice=False, render_kw={"size": 8})
    submit = SubmitField("Send the reply")


class QueueFilterForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField("Search", validators=[Optional(), Length(max=200)])
    kind = SelectField("Kind", choices=[("", "Any kind"), ("reconsideration", "Reconsideration"),
                                        ("question", "Question"), ("incident", "Incident")], validators=[Optional()])
    status = SelectField("Status", choices=[], validators=[Optional()], validate_choice=False)
    campus_id = SelectField("Campus", choices=[], coerce=_coerce_int_or_none, validators=[Optional()],
                            validate_choice=False)
    assignee = SelectField("Assignee", choices=[], validators=[Optional()], validate_choice=False)
    due = SelectField("Due", choices=[("", "Any"), ("soon", "Due within 7 days"), ("overdue", "Overdue")],
                      validators=[Optional()])
    sort = SelectField("Sort by", choices=[("newest", "Newest first"), ("oldest", "Oldest first"),
                                           ("updated", "Recently updated"), ("due", "Next deadline"),
                                           ("reference", "Reference")], default="newest", validators=[Optional()])


# --- reports (public register filters, officer report period): GET forms, no CSRF -----------------
def _coerce_year(value):
    try:
        year = int(value) if value not in (None, "", "None") else None
    except (TypeError, ValueError):
        return None
    return year if year is not None and 1900 <= year <= 2999 else None  # a real date stays in range


class PublicDecisionFilterForm(FlaskForm):
    class Meta:
        csrf = False

    # Public register: labels in the reader's language (app/i18n.py).
    outcome = SelectField(_l("Outcome"), choices=[("", _l("Any outcome"))]
                          + [(k, lazy_translated(OUTCOMES[k])) for k in DECISION_OUTCOMES], validators=[Optional()])
    campus = SelectField(_l("Campus"), choices=[], validators=[Optional()], validate_choice=False)
    year = SelectField(_l("School year decided"), choices=[], coerce=_coerce_year, validators=[Optional()],
                       validate_choice=False)
    sort = SelectField(_l("Sort by decision date"),
                       choices=[("newest", _l("Newest first")), ("oldest", _l("Oldest first"))], default="newest",
                       validators=[Optional()])


class ReportPeriodForm(FlaskForm):
    class Meta:
        csrf = False

    year = SelectField("School year (1 July to 30 June)", choices=[], coerce=_coerce_year, validators=[Optional()],
                       validate_choice=False)
    start = DateField("Or from", validators=[Optional()])
    end = DateField("To", validators=[Optional()])

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        start, end = self.start.data, self.end.data
        if bool(start) != bool(end):
            self.end.errors = list(self.end.errors) + ["Give both dates of the range, or neither."]
            return False
        if start and end and end < start:
            self.end.errors = list(self.end.errors) + ["The end date cannot be before the start date."]
            return False
        return ok
