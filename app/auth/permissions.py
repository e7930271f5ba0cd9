"""The one place that says who may see and do what.

Every view asks `can(user, action, obj)` (or uses `require(action)`); services ask it too
before changing anything. Actions are plain strings, grouped by area. Each action maps to the
roles that may take it; an optional object check narrows it further (for example, only the
librarian who filed a case may see the requester's identity).

Areas extend the table by calling `register(action, roles, check=None)` at import time, so the
whole table is still built here and can be printed with `flask users permissions`.
"""
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from flask import abort, redirect, request, url_for
from flask_login import current_user

from app.models.user import Role

ANYONE = "anyone"          # includes anonymous visitors
SIGNED_IN = frozenset(Role)  # every staff role
STAFF_ROLES = SIGNED_IN
OFFICERS = frozenset({Role.OFFICER, Role.ADMIN})


@dataclass(frozen=True)
class Rule:
    roles: frozenset[Role] | str
    check: Callable[[Any, Any], bool] | None = None
    description: str = ""


PERMISSIONS: dict[str, Rule] = {}


def register(action: str, roles, check: Callable[[Any, Any], bool] | None = None, description: str = "") -> None:
    roles = roles if roles == ANYONE else frozenset(roles)
    PERMISSIONS[action] = Rule(roles, check, description)


# --- the base table; areas add theirs below via register() ---------------------------------
register("library.read", ANYONE, description="Read and search the guideline library")
register("tools.use", ANYONE, description="Use a decision tool without saving")
register("tools.save", SIGNED_IN, description="Save a tool run as a dated record")
register("admin.users", {Role.ADMIN}, description="Manage users and campuses")
register("admin.calendar", {Role.ADMIN, Role.OFFICER}, description="Enter non-instructional days")


# --- tools (decision tools and saved records; owned by the tools area) ---------------------
def _may_view_tool_record(user, record) -> bool:
    """Records are private to their owner; the officer and admin see every record."""
    return _role(user) in OFFICERS or record.user_id == getattr(user, "id", None)


register("tools.review", OFFICERS, description="Mark a saved tool record as reviewed")
register("tools.configure", OFFICERS, description="Configure performance licences and TEACH Act settings")
register("tools.record.view", SIGNED_IN, _may_view_tool_record,
         description="See a saved tool record: its owner, the officer and admin")
register("tools.record.attach", SIGNED_IN, lambda user, record: record.user_id == getattr(user, "id", None),
         description="Attach one's own tool record to one's own compliance question")
register("tools.ill", {Role.LIBRARIAN, Role.OFFICER, Role.ADMIN},
         description="Log interlibrary-loan requests and see the rule-of-five counts")


# --- cases (case tracker; owned by the cases area) -----------------------------------------
from app.cases import access as _case_access  # noqa: E402

_CASE_FILERS = {Role.LIBRARIAN, Role.OFFICER, Role.ADMIN}
register("cases.mine", SIGNED_IN, description="See my cases (submitted, assigned, on the committee)")
register("cases.queue", OFFICERS, description="See and filter every case; the officer queue")
register("cases.export", OFFICERS, description="Export the filtered case list as CSV (identity redacted by default)")
register("cases.file_reconsideration", _CASE_FILERS, description="File a reconsideration request")
register("cases.override_rechallenge_bar", OFFICERS,
         description="File a repeat challenge of a protected title, with a recorded reason")
register("cases.ask_question", SIGNED_IN, description="Ask the compliance officer a question")
register("cases.log_incident", _CASE_FILERS, description="Log a censorship, infringement or acceptable-use incident")
register("cases.view", SIGNED_IN, _case_access.can_view_case,
         description="See a case: officer/admin, its submitter, assignee or committee members")
register("cases.see_identity", SIGNED_IN, _case_access.can_see_identity,
         description="See the requester's identity and contact, and student details")
register("cases.see_internal", SIGNED_IN, _case_access.can_see_internal,
         description="See internal notes and events on a case")
register("cases.edit", SIGNED_IN, _case_access.can_edit_details, description="Correct a case's details")
register("cases.manage", OFFICERS, description="Assign, appoint the committee, record recommendations and decisions, answer")
register("cases.note", SIGNED_IN, _case_access.can_see_internal, description="Add an internal note to a case")
register("cases.committee_act", SIGNED_IN, _case_access.can_act_on_committee,
         description="As a committee member: attest, vote, recuse")
register("cases.appeal", SIGNED_IN, _case_access.can_appeal, description="Appeal a decision before the deadline")
register("cases.letter", SIGNED_IN, _case_access.can_see_identity, description="Read the decision letter")
register("cases.public_register", ANYONE,
         description="Read the public register of reconsideration decisions (no person, no free text)")
register("cases.report", OFFICERS, description="See and download the challenge report for a school year or range")
# --- end cases -------------------------------------------------------------------------------


def _role(user) -> Role | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    try:
        return Role(user.role)
    except ValueError:
        return None


def can(user, action: str, obj: Any = None) -> bool:
    """True if `user` (possibly anonymous) may take `action`, on `obj` when given."""
    rule = PERMISSIONS.get(action)
    if rule is None:
        raise KeyError(f"Unknown permission {action!r}: add it to app/auth/permissions.py")
    if rule.roles != ANYONE:
        role = _role(user)
        if role is None or role not in rule.roles:
            return False
    if rule.check is not None and obj is not None:
        return bool(rule.check(user, obj))
    return True


def require(action: str, *, not_found: bool = False):
    """View decorator: anonymous users are sent to sign in; others get 403 (or 404 to hide existence)."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if can(current_user, action):
                return view(*args, **kwargs)
            if not current_user.is_authenticated:
                if request.path.startswith("/api/"):
                    abort(401)
                return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
            abort(404 if not_found else 403)

        return wrapped

    return decorator
