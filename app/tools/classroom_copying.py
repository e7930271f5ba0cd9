"""Classroom copying guidelines checker: the 1976 "Agreement on Guidelines for Classroom Copying in
Not-for-Profit Educational Institutions", H.R. Rep. No. 94-1476 at 68-71 (domain/copyright.md § 4).

The guidelines are a safe harbour stating minimum, not maximum, standards: failing them does not
make a use unfair; it means the fair-use analyzer is the next step.
"""
from dataclasses import dataclass

from app.tools.result import OUTSIDE, WITHIN, Result, RuleRow, rule_table

TOOL = "classroom-copying"
RULES_VERSION = "2026.1"
TITLE = "Classroom copying guidelines checker"

HR = "H.R. Rep. No. 94-1476 at 68-71 (1976)"
RULES = rule_table(
    RuleRow("CC-SINGLE", "Single copy for a teacher's research, teaching or preparation: a chapter of a book; an article from a periodical or "
            "newspaper; a short story, essay or poem; or a chart, graph, diagram, drawing, cartoon or picture.", HR),
    RuleRow("CC-PROSE-WHOLE", "Prose: a complete article, story or essay of less than 2,500 words.", HR),
    RuleRow("CC-PROSE-EXCERPT", "Prose: an excerpt of not more than 1,000 words or 10% of the work, whichever is less, "
            "but in any event a minimum of 500 words.", HR),
    RuleRow("CC-POETRY-WHOLE", "Poetry: a complete poem of less than 250 words printed on not more than two pages.", HR),
    RuleRow("CC-POETRY-EXCERPT", "Poetry: an excerpt of not more than 250 words from a longer poem.", HR),
    RuleRow("CC-ILLUS", "Illustration: one chart, graph, diagram, drawing, cartoon or picture per book or periodical issue.", HR),
    RuleRow("CC-SPECIAL", "Special works (text and illustrations, often for children, under 2,500 words): never the whole work; "
            "an excerpt of not more than two published pages containing not more than 10% of the words.", HR),
    RuleRow("CC-COPIES", "Multiple copies: not more than one copy per pupil in a course.", HR),
    RuleRow("CC-NOTICE", "Each copy includes a notice of copyright.", HR),
    RuleRow("CC-SPONT-1", "Spontaneity: the copying is at the instance and inspiration of the individual teacher.", HR),
    RuleRow("CC-SPONT-2", "Spontaneity: the decision and the moment of use are so close that a timely reply to a permission request is unreasonable to expect.", HR),
    RuleRow("CC-CUM-COURSE", "Cumulative effect: the copying is for only one course in the school.", HR),
    RuleRow("CC-CUM-AUTHOR", "Cumulative effect: not more than one short poem, article, story or essay, or two excerpts, from the same author in one class term.", HR),
    RuleRow("CC-CUM-COLLECTIVE", "Cumulative effect: not more than three items from the same collective work or periodical volume in one class term.", HR),
    RuleRow("CC-CUM-NINE", "Cumulative effect: not more than nine instances of multiple copying for one course in one class term.", HR),
    RuleRow("CC-CUM-NEWS", "The author, collective-work and nine-instance limits do not apply to current news periodicals, newspapers and current news sections.", HR),
    RuleRow("CC-PROH-ANTHOLOGY", "Prohibited: copying to create or replace or substitute for anthologies, compilations or collective works.", HR),
    RuleRow("CC-PROH-CONSUMABLE", "Prohibited: copying of works intended to be 'consumable' (workbooks, exercises, standardized tests, answer sheets).", HR),
    RuleRow("CC-PROH-PURCHASE", "Prohibited: copying that substitutes for the purchase of books, reprints or periodicals.", HR),
    RuleRow("CC-PROH-DIRECTED", "Prohibited: copying directed by higher authority.", HR),
    RuleRow("CC-PROH-REPEAT", "Prohibited: the same item copied by the same teacher from term to term.", HR),
    RuleRow("CC-PROH-CHARGE", "Prohibited: charging students beyond the actual cost of the photocopying.", HR),
)
ARTICLES = ["fair-use/classroom-copying-guidelines", "fair-use/four-factors", "teaching-media/workbooks-consumables"]

GENRES = {
    "single": "A single copy for my own research, teaching or preparation (a chapter, article, story, essay, poem or picture)",
    "prose": "Prose: an article, story or essay, or an excerpt from a longer prose work",
    "poetry": "Poetry: a poem or an excerpt from a poem",
    "illustration": "An illustration: chart, graph, diagram, drawing, cartoon or picture",
    "special": "A 'special work': picture book or other work combining text and illustrations, under 2,500 words",
}
PROHIBITIONS = {
    "anthology": ("CC-PROH-ANTHOLOGY", "It builds or replaces an anthology, compilation or collective work (for example a course pack)."),
    "consumable": ("CC-PROH-CONSUMABLE", "It is a consumable: workbook, exercise, standardized test, test booklet or answer sheet."),
    "substitute_purchase": ("CC-PROH-PURCHASE", "It substitutes for buying the book, reprint or periodical."),
    "directed": ("CC-PROH-DIRECTED", "Someone in higher authority (principal, department, district) directed the copying."),
    "repeated": ("CC-PROH-REPEAT", "I copied the same item for a class in an earlier term."),
    "charge": ("CC-PROH-CHARGE", "Students are charged more than the actual cost of copying."),
}
SAFE_HARBOUR = ("These guidelines are a safe harbour agreed in 1976: they state the minimum that is fair, not the limit "
                "of fair use. A copy outside them may still be fair use; run the fair-use analyzer and keep the record.")

PROSE_WHOLE_LIMIT = 2500     # complete work: less than this
PROSE_EXCERPT_CAP = 1000
PROSE_EXCERPT_FLOOR = 500
POEM_WHOLE_LIMIT = 250       # complete poem: less than this
POEM_EXCERPT_LIMIT = 250     # excerpt: not more than this


def prose_excerpt_limit(total_words: int) -> int:
    """Not more than 1,000 words or 10% of the work, whichever is less, but in any event 500 words."""
    return max(PROSE_EXCERPT_FLOOR, min(PROSE_EXCERPT_CAP, total_words // 10))


@dataclass
class CopyingInputs:
    genre: str
    whole_work: bool
    total_words: int | None = None
    copied_words: int | None = None
    pages_copied: int | None = None          # published pages copied (poetry, special works)
    illustrations_from_source: int = 1       # illustrations copied from the same book or issue, this one included
    copies: int = 0
    pupils: int = 0
    notice_on_copies: bool = False
    teachers_own_decision: bool = False
    no_time_for_permission: bool = False
    one_course: bool = True
    current_news: bool = False
    same_author_works_before: int = 0        # complete short works by this author already copied this term
    same_author_excerpts_before: int = 0
    same_collective_before: int = 0          # items already copied this term from the same collective work or volume
    instances_before: int = 0                # instances of multiple copying already made for this course this term
    prohibited: tuple[str, ...] = ()
    course: str = ""                         # for the ledger of saved records (optional)
    term: str = ""
    author: str = ""
    source: str = ""                         # collective work or periodical volume


@dataclass
class Ledger:
    """Counts from the teacher's own saved records for the same course and term."""

    instances: int = 0
    same_author_works: int = 0
    same_author_excerpts: int = 0
    same_collective: int = 0


def apply_ledger(inputs: CopyingInputs, ledger: Ledger, result: Result) -> None:
    """Counts typed by the teacher can only be raised by the ledger, never lowered."""
    inputs.instances_before = max(inputs.instances_before, ledger.instances)
    inputs.same_author_works_before = max(inputs.same_author_works_before, ledger.same_author_works)
    inputs.same_author_excerpts_before = max(inputs.same_author_excerpts_before, ledger.same_author_excerpts)
    inputs.same_collective_before = max(inputs.same_collective_before, ledger.same_collective)
    result.trace.append(f"Your saved records for {inputs.course}, {inputs.term}: {ledger.instances} earlier copy record(s), "
                        f"{ledger.same_author_works + ledger.same_author_excerpts} by the same author, "
                        f"{ledger.same_collective} from the same collective work. (Each saved record counts once.)")


def check(inputs: CopyingInputs, ledger: Ledger | None = None) -> Result:
    result = Result(outcome=WITHIN, headline="", articles=list(ARTICLES))
    result.warnings.append(SAFE_HARBOUR)
    if inputs.genre == "single":
        return _single_copy(result, inputs)
    if ledger is not None:
        apply_ledger(inputs, ledger, result)
    _brevity(result, inputs)
    result.check("CC-COPIES", "One copy per pupil at most", inputs.copies <= inputs.pupils,
                 f"{inputs.copies} copies for {inputs.pupils} pupils.")
    result.check("CC-NOTICE", "Copyright notice on each copy", inputs.notice_on_copies,
                 "Add the notice as it appears on the original (for example '© 2019 Author. Copied under the classroom guidelines').")
    result.check("CC-SPONT-1", "Your own decision as the teacher", inputs.teachers_own_decision)
    result.check("CC-SPONT-2", "Too little time to ask permission and get an answer", inputs.no_time_for_permission)
    result.check("CC-CUM-COURSE", "For one course only", inputs.one_course)
    if inputs.current_news:
        result.add("CC-CUM-NEWS", "Current news: the author, collective-work and nine-instance limits do not apply.")
    else:
        units = inputs.same_author_works_before * 2 + inputs.same_author_excerpts_before + (2 if inputs.whole_work else 1)
        result.check("CC-CUM-AUTHOR", "Same author this term: one complete short work or two excerpts", units <= 2,
                     f"Counting a complete work as two excerpts: {units} of 2 this term, this copy included.")
        items = inputs.same_collective_before + 1
        result.check("CC-CUM-COLLECTIVE", "Same collective work or periodical volume this term: at most three", items <= 3,
                     f"{items} of 3, this copy included.")
        instances = inputs.instances_before + 1
        result.check("CC-CUM-NINE", "Instances of multiple copying for this course this term: at most nine", instances <= 9,
                     f"{instances} of 9, this copy included.")
    _prohibitions(result, inputs)
    return _conclude(result)


def _single_copy(result: Result, i: CopyingInputs) -> Result:
    result.check("CC-SINGLE", "One copy, for your own research, teaching or preparation", i.copies <= 1, f"{i.copies} copies.")
    _prohibitions(result, i)
    return _conclude(result)


def _prohibitions(result: Result, i: CopyingInputs) -> None:
    for key, (rule_id, text) in PROHIBITIONS.items():
        result.check(rule_id, "Not prohibited: " + text.rstrip("."), key not in i.prohibited, text if key in i.prohibited else "")


def _conclude(result: Result) -> Result:
    failed = result.failed_checks
    if failed:
        result.outcome = OUTSIDE
        result.headline = ("Outside the classroom guidelines (" + "; ".join(c.label for c in failed) + "). "
                           "This is not a finding of infringement: analyse fair use before copying.")
    else:
        result.headline = "Within the classroom copying guidelines: a safe harbour for this copy."
    result.trace.extend(f"{'Meets' if c.passed else 'Fails'}: {c.label}. {c.detail}".strip() for c in result.checks)
    result.details["safe_harbour"] = SAFE_HARBOUR
    return result


def _brevity(result: Result, i: CopyingInputs) -> None:
    if i.genre == "prose":
        if i.whole_work:
            result.check("CC-PROSE-WHOLE", "Brevity: complete prose work under 2,500 words", i.total_words < PROSE_WHOLE_LIMIT,
                         f"The work has {i.total_words:,} words; a complete work must have fewer than 2,500.")
        else:
            limit = prose_excerpt_limit(i.total_words)
            result.details["excerpt_limit"] = limit
            result.check("CC-PROSE-EXCERPT", "Brevity: prose excerpt within the word limit", i.copied_words <= limit,
                         f"Work of {i.total_words:,} words: the limit is the lesser of 1,000 words and 10% "
                         f"({i.total_words // 10:,}), but at least 500, so {limit:,} words; you copy {i.copied_words:,}. "
                         "An unfinished line or paragraph may be completed.")
    elif i.genre == "poetry":
        if i.whole_work:
            ok = i.total_words < POEM_WHOLE_LIMIT and (i.pages_copied or 0) <= 2
            result.check("CC-POETRY-WHOLE", "Brevity: complete poem under 250 words on two pages or fewer", ok,
                         f"{i.total_words:,} words on {i.pages_copied or 0} page(s).")
        else:
            result.check("CC-POETRY-EXCERPT", "Brevity: poetry excerpt of 250 words or fewer", i.copied_words <= POEM_EXCERPT_LIMIT,
                         f"You copy {i.copied_words:,} words.")
    elif i.genre == "illustration":
        result.check("CC-ILLUS", "Brevity: one illustration per book or periodical issue", i.illustrations_from_source <= 1,
                     f"{i.illustrations_from_source} illustration(s) from the same book or issue.")
    else:
        limit = i.total_words // 10
        ok = not i.whole_work and (i.pages_copied or 0) <= 2 and (i.copied_words or 0) <= limit
        detail = ("A special work may never be copied whole." if i.whole_work else
                  f"{i.pages_copied or 0} published page(s) (at most 2) and {i.copied_words or 0:,} words (at most 10%: {limit:,}).")
        result.check("CC-SPECIAL", "Brevity: special work excerpt of two pages and 10% of the words at most", ok, detail)
