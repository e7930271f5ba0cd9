"""Who may see what on a case: pure functions over (user, case), used by app/auth/permissions.py.

Privacy rule (DESIGN.md "Privacy"): requesters' identities and contact details, and anything
about a student, are visible to the officer, the admin and the person who filed the case;
committee members and everyone else see them redacted. A case the user may not see is a 404.
"""
OFFICER_ROLES = frozenset({"officer", "admin"})


def _uid(user):
    return getattr(user, "id", None) if getattr(user, "is_authenticated", False) else None


def is_officer(user) -> bool:
    return _uid(user) is not None and user.role in OFFICER_ROLES


def is_submitter(user, case) -> bool:
    return _uid(user) is not None and case.submitter_id == user.id


def is_assignee(user, case) -> bool:
    return _uid(user) is not None and case.assignee_id == user.id


def committee_membership(user, case):
    uid = _uid(user)
    if uid is None:
        return None
    return next((m for m in case.committee if m.user_id == uid), None)


def can_view_case(user, case) -> bool:
    return (is_officer(user) or is_submitter(user, case) or is_assignee(user, case)
            or committee_membership(user, case) is not None)


def can_see_identity(user, case) -> bool:
    return is_officer(user) or is_submitter(user, case)


def can_see_internal(user, case) -> bool:
    return is_officer(user) or is_assignee(user, case)


def can_edit_details(user, case) -> bool:
    return is_officer(user) or is_submitter(user, case)


def can_act_on_committee(user, case) -> bool:
    return committee_membership(user, case) is not None


def can_appeal(user, case) -> bool:
    return is_officer(user) or is_submitter(user, case)


def case_roles(user, case) -> set[str]:
    """The user's role plus the roles they hold on this case, matched against a profile's
    transition roles ("submitter", "assignee")."""
    if _uid(user) is None:
        return set()
    roles = {user.role}
    if is_submitter(user, case):
        roles.add("submitter")
    if is_assignee(user, case):
        roles.add("assignee")
    return roles
