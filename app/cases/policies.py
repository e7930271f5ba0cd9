"""Policy profiles: a district's reconsideration procedure as data (app/cases/policies/*.yml).

This module loads and checks the profiles and answers "what may happen next, and by when".
It knows nothing about the database or Flask; callers pass the case's status and milestones.

Profile keys: `ala`, `texas-sb13`, `north-carolina` for reconsideration requests (the instance
chooses one with CASE_POLICY) and `simple` for questions and incidents. Every case records the
key and version it was opened under and keeps being judged by that version of the profile
(several versions of one key may sit side by side in policies/; new cases get the newest).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import yaml

from app.cases.schooldays import UNITS, add_days

POLICY_DIR = Path(__file__).with_name("policies")
RECONSIDERATION_PROFILES = ("ala", "texas-sb13", "north-carolina")
SIMPLE_PROFILE = "simple"
KNOWN_REQUIREMENTS = {"committee_complete", "before_appeal_deadline"}


class PolicyError(ValueError):
    """A profile file is malformed."""


@dataclass(frozen=True)
class State:
    key: str
    label: str
    terminal: bool = False
    committee: bool = False


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple[str, ...]
    target: str
    roles: frozenset[str]  # user roles, plus "submitter" / "assignee" for the person on the case
    requires: tuple[str, ...] = ()
    form: str | None = None  # None: a plain button; else the form that performs it
    marks: str | None = None  # milestone recorded when taken
    outcome: str | None = None
    kinds: tuple[str, ...] = ()  # limit to these case kinds (simple workflow)


@dataclass(frozen=True)
class Deadline:
    key: str
    label: str
    start: str     # milestone the count runs from
    met_by: str    # milestone that meets it
    count: int
    unit: str
    confirmed: bool = True
    note: str = ""


@dataclass(frozen=True)
class DayCount:
    count: int
    unit: str
    confirmed: bool = True
    note: str = ""


@dataclass(frozen=True)
class RechallengeBar:
    years: int
    outcomes: tuple[str, ...]
    confirmed: bool
    note: str = ""


@dataclass(frozen=True)
class Profile:
    key: str
    version: str
    title: str
    source: str
    access_during_review: str  # available | restricted
    initial_state: str
    states: dict[str, State]
    committee_states: tuple[str, ...]
    transitions: tuple[Transition, ...]
    deadlines: tuple[Deadline, ...]
    appeal_window: DayCount | None
    appeal_path: tuple[str, ...]
    rechallenge_bar: RechallengeBar | None
    notes: list[str] = field(default_factory=list)

    def state(self, key: str) -> State:
        return self.states.get(key) or State(key, key.replace("_", " ").capitalize())

    def transition(self, name: str) -> Transition | None:
        return next((t for t in self.transitions if t.name == name), None)

    def transitions_from(self, status: str, kind: str | None = None) -> list[Transition]:
        return [t for t in self.transitions
                if status in t.sources and (not t.kinds or kind is None or kind in t.kinds)]

    @property
    def restricts_access(self) -> bool:
        return self.access_during_review == "restricted"


def _load_file(path: Path) -> Profile:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise PolicyError(f"{path.name}: not valid YAML ({exc})") from exc
    try:
        states = {key: State(key, value["label"], bool(value.get("terminal")), bool(value.get("committee")))
                  for key, value in raw["states"].items()}
        transitions = tuple(
            Transition(
                name=t["name"], label=t["label"], sources=tuple(t["from"]), target=t["to"],
                roles=frozenset(t["roles"]), requires=tuple(t.get("requires", ())), form=t.get("form"),
                marks=t.get("marks"), outcome=t.get("outcome"), kinds=tuple(t.get("kinds", ())),
            )
            for t in raw["transitions"]
        )
        deadlines = tuple(
            Deadline(d["key"], d["label"], d["from"], d["met_by"], int(d["count"]), d["unit"],
                     bool(d.get("confirmed", True)), d.get("note", ""))
            for d in raw.get("deadlines") or ()
        )
        appeal = raw.get("appeal") or {}
        window = appeal.get("window")
        bar = raw.get("rechallenge_bar")
        profile = Profile(
            key=raw["key"], version=str(raw["version"]), title=raw["title"], source=raw.get("source", ""),
            access_during_review=raw.get("access_during_review", "available"),
            initial_state=raw["initial_state"], states=states,
            committee_states=tuple(raw.get("committee_states") or ()),
            transitions=transitions, deadlines=deadlines,
            appeal_window=DayCount(int(window["count"]), window["unit"], bool(window.get("confirmed", True)),
                                   window.get("note", "")) if window else None,
            appeal_path=tuple(appeal.get("path") or ()),
            rechallenge_bar=RechallengeBar(int(bar["years"]), tuple(bar["outcomes"]), bool(bar.get("confirmed")),
                                           bar.get("note", "")) if bar else None,
        )
    except (KeyError, TypeError) as exc:
        raise PolicyError(f"{path.name}: missing or malformed field {exc}") from exc
    _check(profile, path.name)
    return profile


def _check(profile: Profile, name: str) -> None:
    """Catch typos in a profile at load time rather than in front of a user."""
    known = set(profile.states)
    if profile.initial_state not in known:
        raise PolicyError(f"{name}: initial_state {profile.initial_state!r} is not a state")
    for t in profile.transitions:
        for state in (*t.sources, t.target):
            if state not in known:
                raise PolicyError(f"{name}: transition {t.name!r} names unknown state {state!r}")
        unknown = set(t.requires) - KNOWN_REQUIREMENTS
        if unknown:
            raise PolicyError(f"{name}: transition {t.name!r} requires unknown {sorted(unknown)}")
    for d in profile.deadlines:
        if d.unit not in UNITS:
            raise PolicyError(f"{name}: deadline {d.key!r} has unknown unit {d.unit!r}")
    for state in (*profile.appeal_path, *profile.committee_states):
        if state not in known:
            raise PolicyError(f"{name}: unknown state {state!r} in appeal path or committee states")
    if profile.access_during_review not in ("available", "restricted"):
        raise PolicyError(f"{name}: access_during_review must be available or restricted")


def _version_key(version: str) -> tuple:
    return tuple(int(part) if part.isdigit() else part for part in version.replace("-", ".").split("."))


def load_all_versions(directory: str | None = None) -> dict[tuple[str, str], Profile]:
    """Every profile file, keyed by (key, version). To change a procedure, keep the old file and add
    one with a higher version: open cases stay on the version they were opened under."""
    return _load_directory(str(directory or POLICY_DIR))


@cache
def _load_directory(directory: str) -> dict[tuple[str, str], Profile]:
    profiles: dict[tuple[str, str], Profile] = {}
    for path in sorted(Path(directory).glob("*.yml")):
        profile = _load_file(path)
        if (profile.key, profile.version) in profiles:
            raise PolicyError(f"{path.name}: {profile.key} version {profile.version} is defined twice")
        profiles[(profile.key, profile.version)] = profile
    return profiles


def load_profiles(directory: str | None = None) -> dict[str, Profile]:
    """The newest version of each profile, by key."""
    latest: dict[str, Profile] = {}
    for (key, version), profile in load_all_versions(directory).items():
        if key not in latest or _version_key(version) > _version_key(latest[key].version):
            latest[key] = profile
    return latest


def get_profile(key: str, version: str | None = None) -> Profile:
    """The profile `key` at `version` (a case's own), else the newest version of it."""
    if version is not None:
        found = load_all_versions().get((key, version))
        if found is not None:
            return found
    try:
        return load_profiles()[key]
    except KeyError:
        raise PolicyError(f"Unknown case policy {key!r}; expected one of {', '.join(RECONSIDERATION_PROFILES)}") from None


# --- deadlines ------------------------------------------------------------------------------
@dataclass(frozen=True)
class DeadlineStatus:
    deadline: Deadline
    due_on: date | None   # None: the event it counts from has not happened yet
    met_on: date | None
    status: str           # not_started | pending | met | missed

    @property
    def label(self) -> str:
        return {"not_started": "Not started", "pending": "Pending", "met": "Met", "missed": "Missed"}[self.status]


def _as_date(value) -> date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def non_instructional_days(start: date, end: date) -> set[date]:
    """The district calendar's days without instruction (admin area), or none if unavailable."""
    try:
        from app.admin.services import load_non_instructional_days
    except ImportError:  # pragma: no cover - the admin area is always present in this build
        return set()
    return load_non_instructional_days(start, end)


def compute_date(start: date, count: int, unit: str, days_off: set[date] | None = None) -> date:
    if days_off is None:
        # Generous window: a school-day count skips weekends and breaks.
        days_off = non_instructional_days(start, start + timedelta(days=count * 3 + 120)) if unit == "school" else set()
    return add_days(start, count, unit, days_off)


def deadline_statuses(profile: Profile, milestones: dict, today: date) -> list[DeadlineStatus]:
    results = []
    for deadline in profile.deadlines:
        start = _as_date(milestones.get(deadline.start))
        met_on = _as_date(milestones.get(deadline.met_by))
        if start is None:
            results.append(DeadlineStatus(deadline, None, met_on, "not_started"))
            continue
        due_on = compute_date(start, deadline.count, deadline.unit)
        if met_on is not None:
            status = "met" if met_on <= due_on else "missed"
        else:
            status = "missed" if today > due_on else "pending"
        results.append(DeadlineStatus(deadline, due_on, met_on, status))
    return results


def next_due(profile: Profile, milestones: dict, today: date) -> date | None:
    """The earliest deadline still open (pending or missed and not yet met), for queue filters."""
    open_dates = [s.due_on for s in deadline_statuses(profile, milestones, today)
                  if s.due_on is not None and s.met_on is None]
    return min(open_dates) if open_dates else None


def rechallenge_bar_until(profile: Profile, outcome: str, decided_on: date) -> date | None:
    bar = profile.rechallenge_bar
    if bar is None or outcome not in bar.outcomes:
        return None
    try:
        return decided_on.replace(year=decided_on.year + bar.years)
    except ValueError:  # 29 February
        return decided_on.replace(year=decided_on.year + bar.years, day=28)
