"""Off-air recording guideline dates: "Guidelines for Off-Air Recording of Broadcast Programming
for Educational Purposes" (1981; Copyright Office Circular 21), domain/copyright.md section 4.

Keep a recording 45 calendar days, then erase it; teach with it once (plus one repeat) within the
first 10 consecutive school days. School days come from the district calendar through
app.cases.schooldays (weekdays minus the non-instructional days passed in). The recording day is
not counted: school day 1 is the first school day after it (the same convention as every other
RightsDesk deadline; the guideline's own wording does not settle this, see the report).
"""
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from app.cases.schooldays import add_days
from app.tools.result import OUTSIDE, WITHIN, Result, RuleRow, rule_table

TOOL = "off-air"
RULES_VERSION = "2026.1"
TITLE = "Off-air recording dates"

SRC = "Guidelines for Off-Air Recording of Broadcast Programming for Educational Purposes (1981), Circular 21"
RULES = rule_table(
    RuleRow("OA-1", "Only programs broadcast free to the public (including simultaneous cable retransmission) may be recorded.", SRC),
    RuleRow("OA-2", "Record only at the request of an individual teacher; not in anticipation of requests.", SRC),
    RuleRow("OA-3", "Keep the recording no more than 45 calendar days after recording, then erase or destroy it.", SRC),
    RuleRow("OA-4", "Use it in class once, and repeat once for reinforcement, within the first 10 consecutive school days after recording.", SRC),
    RuleRow("OA-5", "After the 10 school days, use it only for teacher evaluation (whether to buy or license it) until day 45.", SRC),
    RuleRow("OA-6", "Do not alter, edit, combine or compile the program; keep the copyright notice.", SRC),
)
ARTICLES = ["teaching-media/off-air-recording", "fair-use/classroom-copying-guidelines"]
SAFE_HARBOUR = ("The off-air guidelines are a safe harbour, not the limit of fair use. They do not apply to cable-only "
                "or streaming programs; for those, check the service's terms or a licence.")

RETENTION_DAYS = 45
USE_SCHOOL_DAYS = 10


def use_window_end(recorded_on: date, non_instructional: Collection[date] = frozenset()) -> date:
    """The last of the first 10 school days after the recording date."""
    return add_days(recorded_on, USE_SCHOOL_DAYS, "school", non_instructional)


def erase_by(recorded_on: date) -> date:
    return recorded_on + timedelta(days=RETENTION_DAYS)


@dataclass
class OffAirInputs:
    recorded_on: date
    free_broadcast: bool
    teacher_requested: bool
    unaltered_with_notice: bool
    first_use: date | None = None
    repeat_use: date | None = None


def check(inputs: OffAirInputs, non_instructional: Collection[date] = frozenset()) -> Result:
    result = Result(outcome=WITHIN, headline="", articles=list(ARTICLES))
    result.warnings.append(SAFE_HARBOUR)
    window_end = min(use_window_end(inputs.recorded_on, non_instructional), erase_by(inputs.recorded_on))
    destroy = erase_by(inputs.recorded_on)
    skipped = sorted(d for d in non_instructional if inputs.recorded_on < d <= window_end and d.weekday() < 5)
    result.details.update(recorded_on=inputs.recorded_on, use_window_end=window_end, erase_by=destroy,
                          skipped_days=skipped)
    result.check("OA-1", "Broadcast free to the public (not cable-only or streaming)", inputs.free_broadcast)
    result.check("OA-2", "Recorded at a teacher's request", inputs.teacher_requested)
    result.add("OA-3", f"Erase or destroy by {destroy:%-d %B %Y} (45 calendar days after {inputs.recorded_on:%-d %B %Y}).")
    result.add("OA-4", f"Teach with it (once, plus one repeat) from {inputs.recorded_on + timedelta(days=1):%-d %B %Y} "
               f"to {window_end:%-d %B %Y}: the first 10 school days"
               + (f", skipping {len(skipped)} non-instructional weekday(s) on the district calendar." if skipped else "."))
    result.add("OA-5", "After that, only evaluation by teachers until it is erased.")
    for label, day in (("First class use", inputs.first_use), ("Repeat use", inputs.repeat_use)):
        if day is not None:
            result.check("OA-4", f"{label} on {day:%-d %B %Y} within the 10 school days",
                         inputs.recorded_on < day <= window_end)
    result.check("OA-6", "Not altered or compiled; copyright notice kept", inputs.unaltered_with_notice)
    failed = result.failed_checks
    if failed:
        result.outcome = OUTSIDE
        result.headline = "Outside the off-air recording guidelines: " + "; ".join(c.label.lower() for c in failed) + "."
    else:
        result.headline = f"Within the guidelines: use in class by {window_end:%-d %B %Y}, erase by {destroy:%-d %B %Y}."
    result.trace.extend(f"{'Meets' if c.passed else 'Fails'}: {c.label}." for c in result.checks)
    return result
