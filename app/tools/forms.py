"""One form per tool. Forms validate only; `to_inputs()` turns the cleaned data into the tool
module's input dataclass. Text fields hold numbers so that what the user typed is kept and the
message says exactly what is wrong ("Enter the number of words in digits, for example 2400").
"""
import re
from datetime import date

from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateField, RadioField, SelectField, SelectMultipleField, StringField,
                     SubmitField, TextAreaField, URLField)
from wtforms.validators import URL, DataRequired, InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from app.tools import (classroom_copying as cc, creative_commons as ccl, fair_use as fu, off_air as oa,
                       public_domain as pd, screening as sc, section108 as lib, teach_act as ta)

YNU = [("yes", "Yes"), ("no", "No"), ("unknown", "Don't know")]
YN = [("yes", "Yes"), ("no", "No")]
EARLIEST_YEAR = 1600


def today() -> date:
    return date.today()


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def parse_whole_number(text: str | None) -> int | None:
    text = (text or "").strip().replace(",", "")
    if not text:
        return None
    if not re.fullmatch(r"-?\d+", text):
        raise ValueError
    return int(text)


class WholeNumber:
    """A count typed as digits: not words, not negative; optional or required."""

    def __init__(self, what: str, required: bool = False, example: str = "12"):
        self.what, self.required, self.example = what, required, example

    def __call__(self, form, field):
        try:
            value = parse_whole_number(field.data)
        except ValueError:
            raise ValidationError(f"Enter {self.what} in digits, for example {self.example}.") from None
        if value is None and self.required:
            raise ValidationError(f"Enter {self.what}.")
        if value is not None and value < 0:
            raise ValidationError(f"{self.what.capitalize()} cannot be negative.")


def number(field) -> int | None:
    return parse_whole_number(field.data)


def parse_year_or_date(text: str | None) -> tuple[int | None, date | None]:
    """'1931' -> (1931, None); '1989-03-01' -> (1989, date)."""
    text = (text or "").strip()
    if not text:
        return None, None
    if re.fullmatch(r"\d{3,4}", text):
        return int(text), None
    try:
        exact = date.fromisoformat(text)
    except ValueError:
        raise ValueError from None
    return exact.year, exact


class YearOrDate:
    def __init__(self, what: str):
        self.what = what

    def __call__(self, form, field):
        if field.errors:  # one clear message per field is enough
            return
        try:
            year, _ = parse_year_or_date(field.data)
        except ValueError:
            raise ValidationError(f"Enter the {self.what} as a year in digits (1931) or a date (1989-03-01).") from None
        if year is not None and year > today().year:
            raise ValidationError(f"The {self.what} ({year}) is in the future. Enter a year up to {today().year}.")
        if year is not None and year < EARLIEST_YEAR:
            raise ValidationError(f"The {self.what} must be {EARLIEST_YEAR} or later.")


class ToolForm(FlaskForm):
    """Base: `sections` lists (legend, hint, field names) so one template renders every tool."""

    # (legend, hint, field names[, "field:value1,value2" to show the section only for those answers])
    sections: list[tuple] = []
    check = SubmitField("Check")
    save = SubmitField("Save a dated record")

    def add_error(self, name: str, message: str) -> None:
        getattr(self, name).errors = list(getattr(self, name).errors) + [message]

    @property
    def wants_save(self) -> bool:
        return bool(self.save.data)


# --- 1. public domain ------------------------------------------------------------------------
class PublicDomainForm(ToolForm):
    category = RadioField("What kind of work is it?", choices=list(pd.CATEGORIES.items()), validators=[InputRequired("Choose the kind of work.")])
    as_of = DateField("As of", validators=[Optional()], default=today)
    us_government = BooleanField("Made by a US federal government officer or employee as part of their job")
    authorship = RadioField("Who wrote or made it?", choices=list(pd.AUTHORSHIP.items()), default="individual")
    death_year = StringField("Year the last surviving author died", validators=[WholeNumber("the year of death", example="1955")])
    creation = StringField("Year created (or date, for recordings made in 1972)", validators=[YearOrDate("year created")])
    publication = StringField("Year first published (or date, when it is 1972 or 1989)", validators=[YearOrDate("year of publication")])
    posthumous = BooleanField("Yes, it was first published after the author's death")
    notice = RadioField("Did the published copies carry a copyright notice (© or ℗, year, owner)?", choices=YNU, default="unknown")
    renewed = RadioField("Was the copyright renewed (works published 1931-1963)?", choices=YNU, default="unknown")
    registered_within_5_years = RadioField("Registered within 5 years of publication (no-notice works 1978-1989)?", choices=YNU, default="unknown")
    us_published_within_30_days = RadioField(
        "Also published in the US?", default="unknown",
        choices=[("yes", "Yes, within 30 days"), ("later", "Yes, more than 30 days later"), ("no", "No"), ("unknown", "Don't know")])
    pd_at_home_on_restoration = RadioField("Was it in the public domain in its source country on the restoration date?", choices=YNU, default="unknown")
    restoration_date = DateField("Restoration date", validators=[Optional()], default=pd.DEFAULT_RESTORATION)
    treaty_country = RadioField("Published in, or by an author from, a country with copyright relations with the US?", choices=YNU, default="yes")
    ninth_circuit = BooleanField("The question arises in the Ninth Circuit (AK, AZ, CA, HI, ID, MT, NV, OR, WA)")
    building = SelectField("When was the building designed and built?", choices=[("", "Not a building")] + list(pd.BUILDING.items()), default="")

    sections = [
        ("The work", "", ["category", "as_of", "us_government", "authorship"]),
        ("Dates", "Give what you know; leave a field empty if you do not know it.", ["death_year", "posthumous", "creation", "publication"]),
        ("Published before 1989 (notice, renewal, registration)", "Only needed for works published before 1 March 1989.",
         ["notice", "renewed", "registered_within_5_years"], "category:us_published,foreign_published,recording_published"),
        ("First published outside the US", "Only for works first published abroad.",
         ["us_published_within_30_days", "pd_at_home_on_restoration", "restoration_date", "treaty_country", "ninth_circuit"],
         "category:foreign_published"),
        ("Buildings", "Only for architectural works.", ["building"], "category:architectural"),
    ]

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if not ok:
            return False
        death = number(self.death_year)
        created, _ = parse_year_or_date(self.creation.data)
        published, _ = parse_year_or_date(self.publication.data)
        if death is not None and death > today().year:
            self.add_error("death_year", f"The year of death ({death}) is in the future.")
        if death is not None and death < EARLIEST_YEAR:
            self.add_error("death_year", f"The year of death must be {EARLIEST_YEAR} or later.")
        if self.category.data in ("us_published", "foreign_published", "recording_published") and published is None:
            self.add_error("publication", "Enter the year the work was first published.")
        if death is not None and created is not None and death < created:
            self.add_error("death_year", f"The author died ({death}) before the work was created ({created}). Check both years.")
        if death is not None and published is not None and death < published and not self.posthumous.data \
                and self.category.data not in ("unpublished", "recording_unpublished"):
            self.add_error("death_year", f"The author died ({death}) before the work was published ({published}). "
                           "If it really was published after the author's death, tick the box below and check again.")
        if created is not None and published is not None and published < created:
            self.add_error("publication", f"The work was published ({published}) before it was created ({created}).")
        if self.category.data == "architectural" and not self.building.data:
            self.add_error("building", "Say when the building was designed and built.")
        as_of = self.as_of.data or today()
        if not (date(1999, 1, 1) <= as_of <= date(2100, 12, 31)):
            self.add_error("as_of", "Choose an as-of date between 1999 and 2100 (the current terms date from 1998).")
        return not any(f.errors for f in self)

    def to_inputs(self) -> pd.WorkFacts:
        created_year, created_date = parse_year_or_date(self.creation.data)
        pub_year, pub_date = parse_year_or_date(self.publication.data)
        category = self.category.data
        unpublished = category in ("unpublished", "recording_unpublished")
        return pd.WorkFacts(
            category=category, as_of=self.as_of.data or today(), us_government=self.us_government.data,
            authorship=self.authorship.data or "individual", death_year=number(self.death_year),
            creation_year=created_year, creation_date=created_date,
            publication_year=None if unpublished else pub_year, publication_date=None if unpublished else pub_date,
            notice=self.notice.data, renewed=self.renewed.data, registered_within_5_years=self.registered_within_5_years.data,
            us_published_within_30_days=self.us_published_within_30_days.data,
            pd_at_home_on_restoration=self.pd_at_home_on_restoration.data,
            restoration_date=self.restoration_date.data or pd.DEFAULT_RESTORATION,
            treaty_country=self.treaty_country.data, ninth_circuit=self.ninth_circuit.data, building=self.building.data or "",
        )


# --- 2. fair use ---------------------------------------------------------------------------------
def _factor_fields(cls):
    for key, label in fu.FACTORS.items():
        setattr(cls, f"{key}_for", MultiCheckboxField(f"{label}: considerations for fair use", choices=list(fu.FAVORING[key].items())))
        setattr(cls, f"{key}_against", MultiCheckboxField(f"{label}: considerations against", choices=list(fu.OPPOSING[key].items())))
        setattr(cls, f"{key}_rationale", TextAreaField(
            f"{label}: your reasons", validators=[DataRequired(f"Write a short rationale for {label.split(':')[0].lower()}."), Length(max=2000)]))
    return cls


@_factor_fields
class FairUseForm(ToolForm):
    use_description = TextAreaField("What do you want to use, and how?", validators=[DataRequired("Describe the use."), Length(max=2000)])
    red_flags = MultiCheckboxField("Do any of these apply?", choices=list(fu.RED_FLAGS.items()))

    sections = [("The use", "", ["use_description"])] + [
        (label, "Tick what applies on each side, then write why. Nothing is averaged.",
         [f"{key}_for", f"{key}_against", f"{key}_rationale"]) for key, label in fu.FACTORS.items()
    ] + [("Red flags", "Each one sends the analysis to the copyright officer.", ["red_flags"])]

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        for key, label in fu.FACTORS.items():
            if not getattr(self, f"{key}_for").data and not getattr(self, f"{key}_against").data:
                self.add_error(f"{key}_for", f"Tick at least one consideration for {label.split(':')[0].lower()}.")
                ok = False
        return ok

    def to_inputs(self) -> fu.FairUseInputs:
        return fu.FairUseInputs(
            use_description=self.use_description.data.strip(),
            favoring={k: getattr(self, f"{k}_for").data for k in fu.FACTORS},
            opposing={k: getattr(self, f"{k}_against").data for k in fu.FACTORS},
            rationale={k: getattr(self, f"{k}_rationale").data.strip() for k in fu.FACTORS},
            red_flags=list(self.red_flags.data),
        )


# --- 3. classroom copying --------------------------------------------------------------------------
class ClassroomCopyingForm(ToolForm):
    genre = RadioField("What are you copying?", choices=list(cc.GENRES.items()), validators=[InputRequired("Choose what you are copying.")])
    whole_work = RadioField("The whole item or an excerpt?", choices=[("whole", "The whole article, story, essay or poem"), ("excerpt", "An excerpt")], default="excerpt")
    total_words = StringField("Words in the whole work", validators=[WholeNumber("the number of words", example="2400")])
    copied_words = StringField("Words you will copy", validators=[WholeNumber("the number of words copied", example="500")])
    pages_copied = StringField("Published pages you will copy (poems and special works)", validators=[WholeNumber("the number of pages", example="2")])
    illustrations_from_source = StringField("Illustrations copied from the same book or issue, this one included", default="1",
                                            validators=[WholeNumber("the number of illustrations", example="1")])
    copies = StringField("Copies you will make", validators=[WholeNumber("the number of copies", required=True, example="28")])
    pupils = StringField("Pupils in the course", validators=[WholeNumber("the number of pupils", example="28")])
    notice_on_copies = BooleanField("Each copy will carry the copyright notice")
    teachers_own_decision = BooleanField("Copying is my own decision as the teacher")
    no_time_for_permission = BooleanField("There is not enough time to ask for permission and get an answer")
    one_course = BooleanField("For one course only", default=True)
    current_news = BooleanField("From a current news periodical or newspaper")
    same_author_works_before = StringField("Complete short works by this author already copied for this course this term", default="0",
                                           validators=[WholeNumber("the number of works", example="0")])
    same_author_excerpts_before = StringField("Excerpts by this author already copied this term", default="0",
                                              validators=[WholeNumber("the number of excerpts", example="0")])
    same_collective_before = StringField("Items already copied this term from the same collective work or periodical volume", default="0",
                                         validators=[WholeNumber("the number of items", example="0")])
    instances_before = StringField("Instances of multiple copying already made for this course this term", default="0",
                                   validators=[WholeNumber("the number of instances", example="3")])
    prohibited = MultiCheckboxField("Do any of these apply?", choices=[(k, text) for k, (_, text) in cc.PROHIBITIONS.items()])
    course = StringField("Course (for your ledger, optional)", validators=[Optional(), Length(max=120)])
    term = StringField("Term (for example Fall 2026)", validators=[Optional(), Length(max=60)])
    author = StringField("Author of the item (optional)", validators=[Optional(), Length(max=200)])
    source = StringField("Collective work or periodical volume it comes from (optional)", validators=[Optional(), Length(max=300)])

    sections = [
        ("The item", "", ["genre", "whole_work", "total_words", "copied_words", "pages_copied", "illustrations_from_source"]),
        ("Copies and spontaneity", "", ["copies", "pupils", "notice_on_copies", "teachers_own_decision", "no_time_for_permission"]),
        ("This course, this term", "Count earlier copying for this course in the current term. When you are signed in and "
         "give the course and term, your saved records for them are counted too.",
         ["course", "term", "author", "source", "one_course", "current_news", "same_author_works_before", "same_author_excerpts_before",
          "same_collective_before", "instances_before"], "genre:prose,poetry,illustration,special"),
        ("Prohibitions", "", ["prohibited"]),
    ]

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if not ok:
            return False
        genre, whole = self.genre.data, self.whole_work.data == "whole"
        if genre == "single":
            return True
        if number(self.pupils) is None:
            self.add_error("pupils", "Enter the number of pupils.")
        total, copied = number(self.total_words), number(self.copied_words)
        if genre in ("prose", "poetry", "special") and total is None:
            self.add_error("total_words", "Enter the number of words in the whole work.")
        if genre in ("prose", "poetry", "special") and not whole and copied is None:
            self.add_error("copied_words", "Enter the number of words you will copy.")
        if total is not None and copied is not None and copied > total:
            self.add_error("copied_words", f"You cannot copy {copied:,} words from a work of {total:,}.")
        if genre == "prose" and total == 0:
            self.add_error("total_words", "A work has at least one word.")
        return not any(f.errors for f in self)

    def to_inputs(self) -> cc.CopyingInputs:
        whole = self.whole_work.data == "whole"
        total = number(self.total_words)
        return cc.CopyingInputs(
            genre=self.genre.data, whole_work=whole, total_words=total,
            copied_words=total if whole else number(self.copied_words), pages_copied=number(self.pages_copied),
            illustrations_from_source=number(self.illustrations_from_source) or 1,
            copies=number(self.copies), pupils=number(self.pupils) or 0, notice_on_copies=self.notice_on_copies.data,
            teachers_own_decision=self.teachers_own_decision.data, no_time_for_permission=self.no_time_for_permission.data,
            one_course=self.one_course.data, current_news=self.current_news.data,
            same_author_works_before=number(self.same_author_works_before) or 0,
            same_author_excerpts_before=number(self.same_author_excerpts_before) or 0,
            same_collective_before=number(self.same_collective_before) or 0,
            instances_before=number(self.instances_before) or 0, prohibited=tuple(self.prohibited.data),
            course=(self.course.data or "").strip(), term=(self.term.data or "").strip(),
            author=(self.author.data or "").strip(), source=(self.source.data or "").strip(),
        )


# --- 3b. off-air recording ------------------------------------------------------------------------
class OffAirForm(ToolForm):
    recorded_on = DateField("Date recorded", validators=[InputRequired("Enter the date the program was recorded.")])
    free_broadcast = RadioField("Was it broadcast free over the air (or retransmitted at the same time by cable)?", choices=YN, default="yes")
    teacher_requested = BooleanField("Recorded at a teacher's request", default=True)
    unaltered_with_notice = BooleanField("Not edited or combined with other programs, and the copyright notice is kept", default=True)
    first_use = DateField("Planned first class use (optional)", validators=[Optional()])
    repeat_use = DateField("Planned repeat use (optional)", validators=[Optional()])

    sections = [("The recording", "", ["recorded_on", "free_broadcast", "teacher_requested", "unaltered_with_notice"]),
                ("Planned use", "Leave empty to see the dates only.", ["first_use", "repeat_use"])]

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if not ok:
            return False
        if self.recorded_on.data > today():
            self.add_error("recorded_on", "The recording date is in the future. Enter the date it was recorded.")
        for f in (self.first_use, self.repeat_use):
            if f.data and f.data < self.recorded_on.data:
                self.add_error(f.name, "A class use cannot be before the recording date.")
        return not any(f.errors for f in self)

    def to_inputs(self) -> oa.OffAirInputs:
        return oa.OffAirInputs(recorded_on=self.recorded_on.data, free_broadcast=self.free_broadcast.data == "yes",
                               teacher_requested=self.teacher_requested.data, unaltered_with_notice=self.unaltered_with_notice.data,
                               first_use=self.first_use.data, repeat_use=self.repeat_use.data)


# --- 4. screening -----------------------------------------------------------------------------------
class ScreeningForm(ToolForm):
    title = StringField("Title of the film or work (for your record)", validators=[Optional(), Length(max=300)])
    purpose = RadioField("Why are you showing it?", choices=list(sc.PURPOSES.items()), validators=[InputRequired("Say why you are showing it.")])
    performer = RadioField("Who shows it?", choices=list(sc.PERFORMERS.items()), default="teacher_or_pupils")
    audience = RadioField("Who watches?", choices=list(sc.AUDIENCES.items()), default="class")
    place = RadioField("Where?", choices=list(sc.PLACES.items()), default="classroom")
    copy_source = RadioField("Where does the copy come from?", choices=list(sc.COPY_SOURCES.items()), validators=[InputRequired("Say where the copy comes from.")])
    nonprofit = BooleanField("At a nonprofit educational institution (a public school is)", default=True)
    campus_id = SelectField("Building (campus)", coerce=int, validators=[InputRequired("Choose the building.")])
    screening_date = DateField("Date of the screening", default=today, validators=[InputRequired("Enter the date of the screening.")])
    admission_charged = BooleanField("Admission is charged")

    sections = [("The screening", "", ["title", "purpose", "performer", "audience", "place", "copy_source"]),
                ("Where and when", "Used to check the district's public performance licences.",
                 ["nonprofit", "campus_id", "screening_date", "admission_charged"])]

    def to_inputs(self) -> sc.ScreeningInputs:
        return sc.ScreeningInputs(performer=self.performer.data, purpose=self.purpose.data, audience=self.audience.data,
                                  place=self.place.data, copy_source=self.copy_source.data, nonprofit=self.nonprofit.data,
                                  campus_id=self.campus_id.data, screening_date=self.screening_date.data,
                                  admission_charged=self.admission_charged.data)


# --- 5. TEACH Act -------------------------------------------------------------------------------------
class TeachUseForm(ToolForm):
    work_type = RadioField("What will you transmit?", choices=list(ta.WORK_TYPES.items()), validators=[InputRequired("Choose the kind of work.")])
    portion = RadioField("How much of it?", choices=list(ta.PORTIONS.items()), validators=[InputRequired("Choose how much.")])
    marketed_for_online = BooleanField("The work is produced or marketed mainly for online instruction")
    student_purchase_material = BooleanField("It is a textbook, course pack or other material students usually buy")
    lawful_copy = RadioField("Is your copy lawfully made?", choices=YNU, default="yes")
    instructor_directed = BooleanField("Used at my direction as an integral part of a class session", default=True)
    directly_related = BooleanField("Directly related to, and of material help with, what I teach", default=True)
    enrolled_only = BooleanField("Only students enrolled in the course can reach it (for example, LMS course only)", default=True)
    digitised_from_analog = BooleanField("I will convert an analog copy (VHS, print) to digital")
    digital_version_available = BooleanField("A usable digital version is available to the school")

    sections = [("The work", "", ["work_type", "portion", "marketed_for_online", "student_purchase_material", "lawful_copy"]),
                ("The class", "", ["instructor_directed", "directly_related", "enrolled_only"]),
                ("Digitising", "§ 112(f): only when no usable digital version exists.", ["digitised_from_analog", "digital_version_available"])]

    def to_inputs(self) -> ta.TeachUseInputs:
        return ta.TeachUseInputs(work_type=self.work_type.data, portion=self.portion.data,
                                 marketed_for_online=self.marketed_for_online.data,
                                 student_purchase_material=self.student_purchase_material.data, lawful_copy=self.lawful_copy.data,
                                 instructor_directed=self.instructor_directed.data, directly_related=self.directly_related.data,
                                 enrolled_only=self.enrolled_only.data, digitised_from_analog=self.digitised_from_analog.data,
                                 digital_version_available=self.digital_version_available.data)


class TeachSettingsForm(FlaskForm):
    accredited_nonprofit = BooleanField("The district is an accredited nonprofit educational institution (recognised by the state)")
    copyright_policy = BooleanField("The district has adopted copyright policies")
    information_to_community = BooleanField("Faculty, students and staff get information promoting compliance with copyright law")
    notice_to_students = BooleanField("Students are told that course materials may be protected by copyright")
    retention_controls = BooleanField("The learning platform prevents retention beyond the class session and redistribution (e.g. streaming, no download)")
    no_drm_interference = BooleanField("Nothing is done to interfere with owners' technological protection measures")
    notes = TextAreaField("Notes (where the policy is, which platform settings)", validators=[Length(max=4000)])
    submit = SubmitField("Save settings")


# --- 6. section 108 ---------------------------------------------------------------------------------
class Section108Form(ToolForm):
    purpose = RadioField("Why will the library copy it?", choices=list(lib.PURPOSES.items()), validators=[InputRequired("Choose the purpose.")])
    work_kind = RadioField("What kind of work?", choices=list(lib.WORK_KINDS.items()), default="text")
    open_to_public = RadioField("Is the library's collection open to the public, or to researchers from outside the school?", choices=YNU, default="unknown")
    no_commercial_advantage = BooleanField("No direct or indirect commercial advantage", default=True)
    notice_on_copy = BooleanField("The copy will carry the copyright notice or a legend")
    systematic = BooleanField("This is part of systematic or repeated copying of the same material")
    copies = StringField("Number of copies", default="1", validators=[WholeNumber("the number of copies", required=True, example="1")])
    in_collection_unpublished = BooleanField("(b) The work is unpublished and in our collection")
    replacement_reason = BooleanField("(c) Our copy is damaged, deteriorating, lost, stolen or its format is obsolete")
    fair_price_search_failed = BooleanField("(c), (e), (h) After a reasonable search, no unused copy is available at a fair price")
    digital_on_premises = BooleanField("(b), (c) Digital copies will not be made available outside the library premises", default=True)
    small_part = BooleanField("(d) One article, or a small part of the work", default=True)
    copy_becomes_users = BooleanField("(d), (e) The copy becomes the patron's, for private study, scholarship or research", default=True)
    warning_displayed = BooleanField("(d), (e) The copyright warning is shown where orders are taken and on the order form")
    last_20_years = RadioField("(h) Is the published work in the last 20 years of its term?", choices=YNU, default="unknown")
    not_commercially_exploited = BooleanField("(h) The work is not subject to normal commercial exploitation")
    owner_notice_filed = BooleanField("(h) The owner has filed a notice with the Copyright Office that it is exploited")
    periodical_title = StringField("Periodical title (interlibrary loan of an article)", validators=[Optional(), Length(max=300)])
    article = StringField("Article (author and title)", validators=[Optional(), Length(max=300)])
    published_year = StringField("Year the article was published", validators=[WholeNumber("the year", example="2023"), YearOrDate("year the article was published")])
    requested_on = DateField("Date of the request", default=today, validators=[Optional()])
    log_request = BooleanField("Add this request to the interlibrary-loan log when I save")

    sections = [
        ("Purpose and work", "", ["purpose", "work_kind", "copies"]),
        ("Eligibility (§ 108(a))", "", ["open_to_public", "no_commercial_advantage", "notice_on_copy", "systematic"]),
        ("Conditions for the purpose you chose", "Answer the ones marked with your subsection.",
         ["in_collection_unpublished", "replacement_reason", "fair_price_search_failed", "digital_on_premises", "small_part",
          "copy_becomes_users", "warning_displayed", "last_20_years", "not_commercially_exploited", "owner_notice_filed"]),
        ("Interlibrary loan (optional)", "For an article borrowed from another library: counts the CONTU rule of five.",
         ["periodical_title", "article", "published_year", "requested_on", "log_request"], "purpose:user_article,user_entire"),
    ]

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if not ok:
            return False
        if self.periodical_title.data and number(self.published_year) is None:
            self.add_error("published_year", "Enter the year the article was published, to count the rule of five.")
        if self.requested_on.data and self.requested_on.data > today():
            self.add_error("requested_on", "The request date is in the future.")
        return not any(f.errors for f in self)

    def to_inputs(self) -> lib.LibraryInputs:
        return lib.LibraryInputs(
            purpose=self.purpose.data, work_kind=self.work_kind.data, open_to_public=self.open_to_public.data,
            no_commercial_advantage=self.no_commercial_advantage.data, notice_on_copy=self.notice_on_copy.data,
            copies=number(self.copies), digital_on_premises=self.digital_on_premises.data,
            in_collection_unpublished=self.in_collection_unpublished.data, replacement_reason=self.replacement_reason.data,
            fair_price_search_failed=self.fair_price_search_failed.data, copy_becomes_users=self.copy_becomes_users.data,
            warning_displayed=self.warning_displayed.data, small_part=self.small_part.data, last_20_years=self.last_20_years.data,
            not_commercially_exploited=self.not_commercially_exploited.data, owner_notice_filed=self.owner_notice_filed.data,
            systematic=self.systematic.data, periodical_title=(self.periodical_title.data or "").strip(),
            published_year=number(self.published_year), requested_on=self.requested_on.data or today(),
        )


# --- 7. Creative Commons --------------------------------------------------------------------------------
class CreativeCommonsForm(ToolForm):
    licence = SelectField("Licence", choices=list(ccl.LICENCES.items()), validators=[InputRequired("Choose the licence.")])
    version = SelectField("Version", choices=[(v, v) for v in ccl.VERSIONS], default="4.0")
    use = RadioField("What do you want to do?", choices=list(ccl.USES.items()), validators=[InputRequired("Choose what you want to do.")])
    title = StringField("Title of the work", validators=[Optional(), Length(max=300)])
    author = StringField("Author or creator (as they ask to be credited)", validators=[Optional(), Length(max=200)])
    source_url = URLField("Where you found it (web address)", validators=[Optional(), URL(message="Enter a web address starting with https://"), Length(max=500)])
    adapted = BooleanField("I changed or adapted it")

    sections = [("The licence", "As shown on the work (for example 'CC BY-SA 4.0').", ["licence", "version", "use"]),
                ("For the attribution", "", ["title", "author", "source_url", "adapted"])]

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if ok and self.licence.data == "CC0" and self.version.data != "1.0":
            self.add_error("version", "CC0 exists only as version 1.0.")
            ok = False
        if ok and self.source_url.data and not self.source_url.data.lower().startswith(("http://", "https://")):
            self.add_error("source_url", "Enter a web address starting with https://")
            ok = False
        return ok

    def to_inputs(self) -> ccl.CCInputs:
        return ccl.CCInputs(licence=self.licence.data, version=self.version.data, use=self.use.data,
                            title=(self.title.data or "").strip(), author=(self.author.data or "").strip(),
                            source_url=(self.source_url.data or "").strip(), adapted=self.adapted.data)


# --- configuration forms ------------------------------------------------------------------------------
class LicenseForm(FlaskForm):
    licensor = StringField("Licensor", validators=[DataRequired("Enter the licensor (for example Swank Motion Pictures or MPLC)."), Length(max=120)])
    campus_ids = MultiCheckboxField("Buildings covered", coerce=int, validators=[DataRequired("Tick at least one building.")])
    expires_on = DateField("Expires on", validators=[InputRequired("Enter the expiry date.")])
    notes = TextAreaField("Notes (studios covered, conditions, contract number)", validators=[Length(max=4000)])
    submit = SubmitField("Add licence")


class ILLRequestForm(FlaskForm):
    periodical_title = StringField("Periodical title", validators=[DataRequired("Enter the periodical title."), Length(max=300)])
    article = StringField("Article (author and title)", validators=[Optional(), Length(max=300)])
    published_year = StringField("Year the article was published",
                                 validators=[WholeNumber("the year", required=True, example="2023"), YearOrDate("year the article was published")])
    requested_on = DateField("Date of the request", default=today, validators=[InputRequired("Enter the date of the request.")])
    campus_id = SelectField("Campus", coerce=int, validators=[Optional()])
    submit = SubmitField("Log request")

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if ok and self.requested_on.data > today():
            self.add_error("requested_on", "The request date is in the future.")
            ok = False
        return ok

    def add_error(self, name, message):
        getattr(self, name).errors = list(getattr(self, name).errors) + [message]


class AttachForm(FlaskForm):
    case_id = SelectField("Compliance question", coerce=int, validators=[InputRequired("Choose a question.")])
    submit = SubmitField("Attach")
