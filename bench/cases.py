"""Case tracker benchmark: 100,000 cases and 20,000 materials on SQLite (a file, FTS5 triggers on).

Builds the data with Core executemany inserts (the FTS insert trigger is dropped during the bulk
load and the FTS5 index rebuilt in one pass, as `flask cases reindex` does), then times, end to end through the Flask test client:
- the officer queue (filter + text search, first page, with the total count), and
- filing a reconsideration request (POST, including the earlier-challenge lookup).
Run alone with `python -m bench cases`.
"""
from __future__ import annotations

import random
import shutil
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from bench.report import Section, median, percentile

N_CASES = 100_000
N_MATERIALS = 20_000
SEED = 20261123
QUEUE_REQUESTS = 120
FILINGS = 60
TARGETS = {"queue_median_ms": 50.0, "queue_p95_ms": 100.0, "filing_p95_ms": 100.0}
PASSWORD = "bench password 123"

ADJECTIVES = ("silent hidden bright broken golden lost wild secret last little dark red blue long quiet "
              "strange true distant frozen burning").split()
NOUNS = ("river garden house road star child island city mountain forest letter summer winter promise "
         "kingdom shadow voice bridge door storm").split()
FIRST = "Toni Maia Sherman Jason Laurie Judy John Harper Khaled Angie Sarah Alice Mark Ellen Rainbow".split()
LAST = "Morrison Kobabe Alexie Reynolds Anderson Blume Green Lee Hosseini Thomas Dessen Walker Twain Hopkins Rowell".split()
WORDS = ("language pages chapter scene violence content students parents grade library book material review "
         "policy board committee copy film music worksheet license classroom video images streaming").split()


def _material_rows(rng: random.Random):
    from app.models.case import material_key

    seen, rows = set(), []
    while len(rows) < N_MATERIALS:
        title = f"The {rng.choice(ADJECTIVES).title()} {rng.choice(NOUNS).title()} {rng.randint(1, 400)}"
        author = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        key = material_key(title, author)
        if key in seen:
            continue
        seen.add(key)
        isbn = f"978{rng.randint(0, 10**10 - 1):010d}" if rng.random() < 0.7 else ""
        rows.append({"title": title, "author": author, "isbn": isbn, "format": "book", "lookup_key": key,
                     "created_at": datetime(2022, 1, 1, tzinfo=timezone.utc)})
    return rows


def _case_rows(rng: random.Random, material_titles: list[str], campus_ids: list[int], user_ids: list[int]):
    from app.cases import policies

    ala, simple = policies.get_profile("ala"), policies.get_profile("simple")
    counters: dict[str, int] = {}
    start = datetime(2022, 8, 1, tzinfo=timezone.utc)
    span = (datetime(2026, 11, 1, tzinfo=timezone.utc) - start).total_seconds()
    today = date.today()
    for _ in range(N_CASES):
        roll = rng.random()
        opened = start + timedelta(seconds=rng.random() * span)
        kind = "reconsideration" if roll < 0.6 else ("question" if roll < 0.9 else "incident")
        prefix = {"reconsideration": "RC", "question": "Q", "incident": "IN"}[kind] + f"-{opened.year}-"
        counters[prefix] = counters.get(prefix, 0) + 1
        profile = ala if kind == "reconsideration" else simple
        status = rng.choice(list(profile.states))
        material_id = rng.randint(1, N_MATERIALS) if kind == "reconsideration" else None
        title = (f"Reconsideration of “{material_titles[material_id - 1]}”" if material_id
                 else " ".join(rng.choices(WORDS, k=4)).capitalize())
        terminal = profile.state(status).terminal
        yield {
            "reference": f"{prefix}{counters[prefix]:04d}", "kind": kind, "status": status,
            "policy_key": profile.key, "policy_version": profile.version, "category": "",
            "campus_id": rng.choice(campus_ids), "material_id": material_id,
            "submitter_id": rng.choice(user_ids), "assignee_id": rng.choice(user_ids + [None, None]),
            "title": title, "description": " ".join(rng.choices(WORDS, k=rng.randint(10, 40))),
            "requester_name": "Requester", "requester_contact": "", "requester_role": "parent",
            "requester_relationship": "self", "requester_organization": "",
            "access_status": "available", "outcome": "pending" if kind == "reconsideration" else "",
            "recommendation": "", "recommendation_rationale": "", "answer": "",
            "details": {}, "milestones": {"received": opened.date().isoformat()},
            "next_due_on": None if terminal else today + timedelta(days=rng.randint(-30, 30)),
            "appeal_count": 0, "opened_at": opened, "closed_at": opened if terminal else None,
            "updated_at": opened, "version_id": 1,
        }, counters


def _build(app, rng: random.Random) -> dict:
    import sqlalchemy as sa

    from app.cases import fulltext
    from app.extensions import db
    from app.models import Campus, Case, CaseSequence, Material, User

    timings = {}
    with app.app_context():
        db.create_all()
        campuses = [Campus(name=f"Campus {i:02d}", level=rng.choice(["elementary", "middle", "high"]))
                    for i in range(20)]
        db.session.add_all(campuses)
        users = []
        for role, count in (("officer", 2), ("admin", 1), ("librarian", 20), ("teacher", 30)):
            for i in range(count):
                user = User(email=f"{role}{i}@bench.example", name=f"{role.title()} {i}", role=role)
                user.set_password(PASSWORD)
                users.append(user)
        db.session.add_all(users)
        db.session.commit()
        campus_ids, user_ids = [c.id for c in campuses], [u.id for u in users]

        started = time.perf_counter()
        materials = _material_rows(rng)
        db.session.execute(sa.insert(Material), materials)
        db.session.commit()
        timings["materials_s"] = time.perf_counter() - started

        started = time.perf_counter()
        # Bulk load: drop the per-row FTS insert trigger, then rebuild the FTS index in one pass.
        insert_trigger = next(stmt for stmt in fulltext.SQLITE_CREATE if "cases_fts_ai" in stmt)
        db.session.execute(sa.text("DROP TRIGGER IF EXISTS cases_fts_ai"))
        titles = [m["title"] for m in materials]
        batch, counters = [], {}
        for row, counters in _case_rows(rng, titles, campus_ids, user_ids):
            batch.append(row)
            if len(batch) == 10_000:
                db.session.execute(sa.insert(Case), batch)
                batch = []
        if batch:
            db.session.execute(sa.insert(Case), batch)
        db.session.execute(sa.insert(CaseSequence), [{"prefix": p, "last_number": n} for p, n in counters.items()])
        db.session.execute(sa.text(insert_trigger))
        db.session.execute(sa.text(fulltext.SQLITE_REBUILD))
        db.session.commit()
        db.session.execute(sa.text("ANALYZE"))
        db.session.commit()
        timings["cases_s"] = time.perf_counter() - started
        timings["cases"] = db.session.scalar(sa.select(sa.func.count()).select_from(Case))
    return timings


def _timed(fn, n: int) -> list[float]:
    samples = []
    for i in range(n):
        started = time.perf_counter()
        fn(i)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def run() -> Section:
    from app import create_app
    from app.config import TestConfig

    rng = random.Random(SEED)
    workdir = Path(tempfile.mkdtemp(prefix="bench-cases-"))
    section = Section("Case tracker (SQLite file, FTS5)")
    try:
        app = create_app(TestConfig, {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'bench.sqlite'}",
                                      "SEARCH_INDEX_DIR": str(workdir / "index")})
        started = time.perf_counter()
        built = _build(app, rng)
        build_s = time.perf_counter() - started
        section.add("build: 20k materials (executemany)", N_MATERIALS, built["materials_s"], "s")
        section.add("build: 100k cases (executemany) + FTS5 rebuild", built["cases"], built["cases_s"], "s")
        section.add("build: total incl. schema and users", built["cases"], build_s, "s")

        client = app.test_client()
        client.post("/login", data={"email": "officer0@bench.example", "password": PASSWORD})
        queue_urls = [
            "/cases/?q=morrison&kind=reconsideration",
            "/cases/?q=language+pages&status=received",
            "/cases/?q=golden+river",
            "/cases/?kind=question&due=overdue&sort=due",
            "/cases/?q=streaming&kind=question",
            "/cases/?campus_id=3&q=chapter",
            "/cases/?q=RC-2025-0042",
            "/cases/?q=kobabe&sort=updated",
        ]
        for url in queue_urls:  # warm up caches, check every page works
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        queue = _timed(lambda i: client.get(queue_urls[i % len(queue_urls)]), QUEUE_REQUESTS)
        q_med, q_p95 = median(queue), percentile(queue, 95)
        section.add("queue GET filter+search, page 1 (median)", built["cases"], q_med, "ms",
                    f"<= {TARGETS['queue_median_ms']:g}", q_med <= TARGETS["queue_median_ms"])
        section.add("queue GET filter+search, page 1 (p95)", built["cases"], q_p95, "ms",
                    f"<= {TARGETS['queue_p95_ms']:g}", q_p95 <= TARGETS["queue_p95_ms"])

        client.post("/logout")
        client.post("/login", data={"email": "librarian0@bench.example", "password": PASSWORD})

        def file_one(i: int) -> None:
            title = f"The {ADJECTIVES[i % len(ADJECTIVES)].title()} {NOUNS[i % len(NOUNS)].title()} {i % 400 + 1}"
            response = client.post("/cases/new/reconsideration", data={
                "requester_name": "Bench Parent", "requester_contact": "bench@example.net", "requester_role": "parent",
                "requester_relationship": "self", "campus_id": "1", "format": "book", "title": title,
                "author": f"{FIRST[i % len(FIRST)]} {LAST[i % len(LAST)]}", "isbn": "", "examined_whole": "yes",
                "concerns": "Language on pages 3-9.", "action_requested": "remove", "submit": "1"})
            assert response.status_code == 302, response.get_data(as_text=True)[:500]

        filing = _timed(file_one, FILINGS)
        f_med, f_p95 = median(filing), percentile(filing, 95)
        section.add("file a reconsideration request POST (median)", built["cases"], f_med, "ms")
        section.add("file a reconsideration request POST (p95)", built["cases"], f_p95, "ms",
                    f"<= {TARGETS['filing_p95_ms']:g}", f_p95 <= TARGETS["filing_p95_ms"])
        section.details = {"queue_urls": queue_urls, "queue_requests": QUEUE_REQUESTS, "filings": FILINGS,
                           "db_size_mb": round((workdir / "bench.sqlite").stat().st_size / 1e6, 1)}
        with app.app_context():
            from app.extensions import db

            db.session.remove()
            db.engine.dispose()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return section


if __name__ == "__main__":
    from bench.report import format_table

    print(format_table(run()))
