"""Library search benchmark: synthetic libraries of 100, 500 and 2,000 articles.

For each size (in a forked child, so peak memory is per size): write the articles as Markdown,
load them, build the index (full), rebuild with no change, then time a fixed query mix through
search.search() (raw) and GET /api/search via the Flask test client (end to end).
Run alone with `python -m bench library`.
"""
from __future__ import annotations

import multiprocessing
import random
import resource
import shutil
import tempfile
import time
from pathlib import Path

from bench.report import Section, median, percentile

SIZES = (100, 500, 2000)
PASSES = 25  # timed passes over the query mix per size and mode
SEED = 20261122
TARGET_SIZE = 2000
TARGETS = {"api_median_ms": 30.0, "api_p95_ms": 60.0, "api_over_raw": 1.2, "nochange_rebuild_s": 1.0}

QUERIES = [  # (label, query, filters)
    ("one word", "copyright", {}),
    ("3-word question", "can I show a film in class", {}),
    ("phrase", '"public performance"', {}),
    ("misspelling", "copywrite clasroom", {}),
    ("filtered", "fair use for teachers", {"collection": "fair-use"}),
    ("filtered audience", "reconsideration committee", {"audience": "librarian"}),
]

COLLECTIONS = {
    "copyright-basics": ("Copyright basics", ["copyright", "public domain", "license", "permission", "ownership",
                                              "registration", "notice", "duration", "work made for hire"]),
    "fair-use": ("Fair use", ["fair use", "transformative", "four factors", "excerpt", "quotation",
                              "classroom copying", "market effect", "brevity"]),
    "teaching-media": ("Teaching with media", ["film", "movie", "video", "streaming", "public performance",
                                               "music", "images", "slides", "DVD", "broadcast"]),
    "library-operations": ("Library operations", ["interlibrary loan", "e-book", "database", "digitizing",
                                                  "preservation", "takedown notice", "copier"]),
    "intellectual-freedom": ("Intellectual freedom", ["reconsideration", "challenge", "selection policy",
                                                      "committee", "censorship", "weeding", "board appeal"]),
    "acceptable-use": ("Acceptable use", ["acceptable use policy", "filtering", "student data", "privacy",
                                          "devices", "generative AI", "social media", "cyberbullying"]),
}
AUDIENCES = ["teacher", "librarian", "administrator", "parent", "student", "officer"]
SCHOOL_WORDS = (
    "student teacher class classroom lesson school district campus library librarian principal board "
    "parent book chapter article page copy print share post online website assignment project grade "
    "semester curriculum instruction policy rule request form decision review meeting record report "
    "material resource collection shelf catalog reading writing presentation worksheet handout "
    "license permission owner author publisher rights law court section exemption guideline example"
).split()
FUNCTION_WORDS = "the a an of to and in for on with as by at from that this it is are be can may should when if".split()


def _long_tail(rng: random.Random, n: int) -> list[str]:
    syllables = ["ka", "lo", "mi", "ter", "son", "vel", "dra", "pen", "qui", "ros", "tal", "nor", "bex", "fin",
                 "gar", "hul", "jem", "lat", "mur", "pol", "sar", "tor", "vin", "wex", "yar", "zel"]
    words = set()
    while len(words) < n:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def _sentence(rng, vocab, weights, topic):
    n = rng.randint(8, 22)
    words = rng.choices(vocab, weights=weights, k=n)
    if rng.random() < 0.6:
        words.insert(rng.randrange(len(words)), rng.choice(topic))
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def generate(target: Path, n: int, seed: int = SEED) -> None:
    """Write n deterministic articles, collections.yml and synonyms.txt into target."""
    rng = random.Random(seed)
    tail = _long_tail(rng, 30000)
    vocab = FUNCTION_WORDS + SCHOOL_WORDS + tail
    # Zipf-like weights: function words most common, the long tail rare.
    weights = [1.0 / (rank + 1) ** 0.9 for rank in range(len(vocab))]
    target.mkdir(parents=True, exist_ok=True)
    lines = []
    for order, (key, (title, _)) in enumerate(COLLECTIONS.items(), 1):
        lines += [f"{key}:", f"  title: {title}", f"  description: Synthetic {title.lower()} articles.", f"  order: {order}"]
        (target / key).mkdir(exist_ok=True)
    (target / "collections.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (target / "synonyms.txt").write_text(
        "aup, acceptable use policy\nmovie, film, video, dvd\nbook ban, challenge, reconsideration\n"
        "copywrite, copyright\nlicence, license\n", encoding="utf-8")
    keys = list(COLLECTIONS)
    slugs = []
    for i in range(n):
        collection = keys[i % len(keys)]
        slugs.append(f"{collection}/article-{i:05d}")
    for i, slug in enumerate(slugs):
        collection = slug.split("/")[0]
        topic = COLLECTIONS[collection][1]
        tags = rng.sample(topic, k=min(len(topic), rng.randint(2, 5)))
        title = f"{rng.choice(topic).capitalize()} and {rng.choice(SCHOOL_WORDS)} {rng.choice(tail)} {i}"
        audience = rng.sample(AUDIENCES, k=rng.randint(1, 3))
        body = []
        target_words = rng.randint(300, 1200)
        words = 0
        while words < target_words:
            body.append(f"## {rng.choice(topic).capitalize()} {rng.choice(SCHOOL_WORDS)} {rng.choice(tail)}")
            para = " ".join(_sentence(rng, vocab, weights, topic) for _ in range(rng.randint(3, 7)))
            if rng.random() < 0.4:
                other = rng.choice(slugs)
                para += f" See [{rng.choice(topic)}](../{other}.md)."
            if rng.random() < 0.3:
                para += f" **{rng.choice(topic).capitalize()}** matters."
            body.append(para)
            if rng.random() < 0.3:
                body.append("\n".join(f"- {_sentence(rng, vocab, weights, topic)}" for _ in range(3)))
            words += len(para.split())
        text = (
            "---\n"
            f"title: {title}\n"
            f"summary: {_sentence(rng, vocab, weights, topic)}\n"
            f"audience: [{', '.join(audience)}]\n"
            f"tags: [{', '.join(tags)}]\n"
            f"jurisdiction: {rng.choice(['US', 'US', 'US', 'TX', 'NC'])}\n"
            "citations:\n  - 17 U.S.C. § 107\n"
            "reviewed: 2026-01-15\nreview_by: 2028-01-15\n"
            "---\n" + "\n\n".join(body) + "\n"
        )
        (target / f"{slug}.md").write_text(text, encoding="utf-8")


def _time_ms(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def measure_size(n: int) -> dict:
    """Everything for one library size. Runs in a child process."""
    from app import create_app
    from app.config import TestConfig
    from app.library import search
    from app.library.content import article_file_hashes, load_library

    work = Path(tempfile.mkdtemp(prefix=f"bench-library-{n}-"))
    try:
        content, index_dir = work / "content", work / "index"
        generate(content, n)
        t = time.perf_counter()
        library = load_library(content)
        load_s = time.perf_counter() - t
        assert not library.errors, library.errors[:3]
        full = search.build_index(library, index_dir)
        nochange = search.build_index(library, index_dir)
        t = time.perf_counter()
        nochange_with_load = search.build_index(load_library(content), index_dir)
        nochange_with_load_s = time.perf_counter() - t
        # What `flask library reindex` does when nothing changed: hash the files, compare, stop.
        t = time.perf_counter()
        assert search.index_is_current(index_dir, article_file_hashes(content))
        nochange_cli_s = time.perf_counter() - t
        synonyms = content / "synonyms.txt"

        app = create_app(TestConfig, {"CONTENT_DIR": str(content), "SEARCH_INDEX_DIR": str(index_dir)})
        client = app.test_client()

        def raw(q, filters):
            return search.search(q, index_dir=index_dir, synonyms_path=synonyms, **filters)

        def api(q, filters):
            response = client.get("/api/search", query_string={"q": q, **filters})
            assert response.status_code == 200
            return response

        for _, q, filters in QUERIES:  # warm up: open searchers, caches, first-request setup
            raw(q, filters)
            api(q, filters)
        raw_ms, api_ms = {}, {}
        for _ in range(PASSES):
            for label, q, filters in QUERIES:  # interleave so both modes see the same conditions
                raw_ms.setdefault(label, []).append(_time_ms(lambda: raw(q, filters)))
                api_ms.setdefault(label, []).append(_time_ms(lambda: api(q, filters)))
        totals = {label: raw(q, filters).total for label, q, filters in QUERIES}
        all_raw = [x for v in raw_ms.values() for x in v]
        all_api = [x for v in api_ms.values() for x in v]
        return {
            "articles": len(library.articles),
            "load_s": load_s,
            "full_build_s": full.seconds,
            "nochange_rebuild_s": nochange.seconds,
            "nochange_rebuild_with_load_s": nochange_with_load_s,
            "nochange_cli_s": nochange_cli_s,
            "nochange_untouched": nochange_with_load.unchanged == n,
            "raw_median_ms": median(all_raw), "raw_p95_ms": percentile(all_raw, 95),
            "api_median_ms": median(all_api), "api_p95_ms": percentile(all_api, 95),
            "per_query": {label: {"raw_median_ms": median(raw_ms[label]), "raw_p95_ms": percentile(raw_ms[label], 95),
                                  "api_median_ms": median(api_ms[label]), "api_p95_ms": percentile(api_ms[label], 95),
                                  "total_hits": totals[label]} for label, _, _ in QUERIES},
            "samples_per_mode": len(all_raw),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "index_mb": sum(p.stat().st_size for p in Path(full.path).rglob("*") if p.is_file()) / 2**20,
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(sizes=SIZES) -> Section:
    section = Section("Library search (whoosh)")
    ctx = multiprocessing.get_context("fork")
    for n in sizes:
        with ctx.Pool(1) as pool:
            r = pool.apply(measure_size, (n,))
        section.details[str(n)] = r
        at_target = n == TARGET_SIZE
        ratio = r["api_median_ms"] / r["raw_median_ms"]
        section.add("load + render Markdown", n, r["load_s"], "s")
        section.add("full index build", n, r["full_build_s"], "s")
        section.add("no-change rebuild (`flask library reindex`: hash check)", n, r["nochange_cli_s"], "s",
                    "< 1 s" if at_target else "", (r["nochange_cli_s"] < TARGETS["nochange_rebuild_s"]) if at_target else None)
        section.add("no-change build_index (library loaded)", n, r["nochange_rebuild_s"], "s")
        section.add("no-change build_index incl. re-rendering", n, r["nochange_rebuild_with_load_s"], "s")
        section.add("raw search() median", n, r["raw_median_ms"], "ms")
        section.add("raw search() p95", n, r["raw_p95_ms"], "ms")
        section.add("GET /api/search median", n, r["api_median_ms"], "ms",
                    "<= 30 ms" if at_target else "", (r["api_median_ms"] <= TARGETS["api_median_ms"]) if at_target else None)
        section.add("GET /api/search p95", n, r["api_p95_ms"], "ms",
                    "<= 60 ms" if at_target else "", (r["api_p95_ms"] <= TARGETS["api_p95_ms"]) if at_target else None)
        section.add("api / raw (median)", n, ratio, "x",
                    "<= 1.2x" if at_target else "", (ratio <= TARGETS["api_over_raw"]) if at_target else None)
        section.add("peak RSS (child process)", n, r["peak_rss_mb"], "MB")
        section.add("index size", n, r["index_mb"], "MB")
    if str(TARGET_SIZE) in section.details:
        pq = section.details[str(TARGET_SIZE)]["per_query"]
        for label, stats in pq.items():
            section.add(f"  {label}: api median / p95", TARGET_SIZE, stats["api_median_ms"], "ms",
                        f"p95 {stats['api_p95_ms']:.1f} ms")
    return section


if __name__ == "__main__":
    from bench.report import format_table

    print(format_table(run()))
