"""Full-text search over the guideline library. The ONLY module that imports whoosh.

Index layout: SEARCH_INDEX_DIR/current is a symlink to one generation directory
(gen-<time>-<pid>). A build copies the current generation, updates only the articles whose
content hash changed, then swaps the symlink with os.replace (atomic). Searchers are pooled per
process and reopened when the symlink points elsewhere or `up_to_date()` is False.
Never call Searcher.refresh(): in whoosh-reloaded 2.7.5 it returns stale and duplicate documents.
"""
from __future__ import annotations

import fcntl
import json
import math
import os
import re
import shutil
import threading
import weakref
import time
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from flask_babel import gettext
from markupsafe import Markup, escape
from whoosh import highlight, index, qparser
from whoosh import query as wquery
from whoosh.analysis import STOP_WORDS, StemmingAnalyzer, Token
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

SCHEMA_VERSION = 3  # bump when the schema or analyzer changes: the next build is then a full one
META_FILE = "rightsdesk-index.json"
CURRENT = "current"
MAX_QUERY_CHARS = 500
MAX_PER_PAGE = 50
KEEP_OLD_GENERATIONS = 2
FIELD_BOOSTS = {"title": 3.0, "tags": 2.0, "summary": 2.0, "body": 1.0}
TEXT_FIELDS = tuple(FIELD_BOOSTS)
SYNONYM_BOOST = 0.8
# Words that make a question a question but say nothing about its topic.
QUESTION_WORDS = frozenset(
    "how what which who whom why where does do did should could would am was were been "
    "me my our there any ok okay please".split()
)
ANALYZER = StemmingAnalyzer(stoplist=STOP_WORDS | QUESTION_WORDS, minsize=2)


def make_schema() -> Schema:
    return Schema(
        slug=ID(stored=True, unique=True),
        title=TEXT(analyzer=ANALYZER, stored=True, spelling=True, field_boost=1.0),
        tags=TEXT(analyzer=ANALYZER, stored=True, spelling=True),
        summary=TEXT(analyzer=ANALYZER, stored=True, spelling=True),
        body=TEXT(analyzer=ANALYZER, stored=True, spelling=True, chars=True),  # chars: pinpoint highlights
        collection=ID(stored=True),
        audience=KEYWORD(stored=True, commas=True, lowercase=True, scorable=False),
        jurisdiction=ID(stored=True),
        content_hash=STORED(),
    )


SCHEMA = make_schema()


# --- Results --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Hit:
    slug: str
    title: str
    url: str
    collection: str
    summary: str
    snippet: Markup  # HTML-escaped text with <mark> around matches
    score: float


@dataclass
class SearchResults:
    query: str
    total: int = 0
    page: int = 1
    pages: int = 0
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=lambda: {"collection": {}, "audience": {}})
    suggestion: str | None = None
    message: str | None = None
    collection: str | None = None
    audience: str | None = None


@dataclass(frozen=True)
class BuildReport:
    added: int
    updated: int
    removed: int
    unchanged: int
    seconds: float
    path: str
    full: bool = False

    def __str__(self) -> str:
        kind = "full build" if self.full else "incremental"
        return (f"{kind}: {self.added} added, {self.updated} updated, {self.removed} removed, "
                f"{self.unchanged} unchanged in {self.seconds:.2f} s -> {self.path}")


@dataclass(frozen=True)
class IndexState:
    state: str  # ok, missing, outdated, error
    documents: int
    path: str
    detail: str = ""


class SearchUnavailable(Exception):
    pass


# --- Building -------------------------------------------------------------------------------

def _current_dir(root: Path) -> Path | None:
    link = root / CURRENT
    try:
        target = os.readlink(link)
    except OSError:
        return None
    path = (root / target).resolve()
    return path if path.is_dir() else None


def current_generation(index_dir: str | Path) -> str | None:
    """Name of the index generation in use (changes on every build that changed something)."""
    try:
        return os.readlink(Path(index_dir) / CURRENT)
    except OSError:
        return None


def _read_meta(gen: Path) -> dict:
    try:
        return json.loads((gen / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


@contextmanager
def _build_lock(root: Path):
    """One build at a time per index directory (kernel flock: released if the builder dies)."""
    with open(root / ".build.lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _document(article) -> dict:
    return {
        "slug": article.slug,
        "title": article.title,
        "tags": ", ".join(article.tags),
        "summary": article.summary,
        "body": article.plain_text,
        "collection": article.collection,
        "audience": ",".join(article.audience),
        "jurisdiction": article.jurisdiction,
        "content_hash": article.content_hash,
    }


def _indexed_hashes(gen: Path) -> dict[str, str]:
    ix = index.open_dir(str(gen))
    try:
        with ix.reader() as reader:
            return {doc["slug"]: doc.get("content_hash", "") for _, doc in reader.iter_docs()}
    finally:
        ix.close()


def index_is_current(index_dir: str | Path, file_hashes: dict[str, str]) -> bool:
    """True when the current generation holds exactly these articles at these content hashes.

    A file that failed to parse is never in the index, so it makes this False and the caller
    does the full load, which reports the error."""
    current = _current_dir(Path(index_dir))
    if current is None or _read_meta(current).get("schema_version") != SCHEMA_VERSION:
        return False
    try:
        return _indexed_hashes(current) == file_hashes
    except Exception:  # a damaged generation is never current
        return False


def build_index(library, index_dir: str | Path) -> BuildReport:
    """Bring the index in line with `library`; reuse the current generation when possible."""
    started = time.perf_counter()
    root = Path(index_dir)
    root.mkdir(parents=True, exist_ok=True)
    with _build_lock(root):
        current = _current_dir(root)
        reusable = current is not None and _read_meta(current).get("schema_version") == SCHEMA_VERSION
        old = {}
        if reusable:
            try:
                old = _indexed_hashes(current)
            except Exception:  # a damaged generation: start again from nothing
                reusable, old = False, {}
        articles = library.articles
        added = [s for s in articles if s not in old]
        updated = [s for s in articles if s in old and old[s] != articles[s].content_hash]
        removed = [s for s in old if s not in articles]
        unchanged = len(articles) - len(added) - len(updated)
        if reusable and not (added or updated or removed):
            return BuildReport(0, 0, 0, unchanged, time.perf_counter() - started, str(current))

        gen = root / f"gen-{time.time_ns()}-{os.getpid()}"
        if reusable:
            shutil.copytree(current, gen, ignore=shutil.ignore_patterns("MAIN_WRITELOCK", "*.lock"))
            ix = index.open_dir(str(gen))
        else:
            gen.mkdir()
            ix = index.create_in(str(gen), SCHEMA)
        try:
            with ix.writer(timeout=10.0, limitmb=128) as writer:
                for slug in removed:
                    writer.delete_by_term("slug", slug)
                for slug in added:
                    writer.add_document(**_document(articles[slug]))
                for slug in updated:
                    writer.update_document(**_document(articles[slug]))
        finally:
            ix.close()
        (gen / META_FILE).write_text(json.dumps({
            "schema_version": SCHEMA_VERSION, "content_dir": library.content_dir,
            "documents": len(articles), "built_at": time.time(),
        }), encoding="utf-8")
        _swap_current(root, gen)
        _remove_old_generations(root, keep={gen.name, current.name if current else ""})
        return BuildReport(len(added), len(updated), len(removed), unchanged,
                           time.perf_counter() - started, str(gen), full=not reusable)


def _swap_current(root: Path, gen: Path) -> None:
    tmp = root / f".{CURRENT}-{os.getpid()}-{time.time_ns()}"
    os.symlink(gen.name, tmp)
    os.replace(tmp, root / CURRENT)  # atomic: readers see the old or the new generation


def _remove_old_generations(root: Path, keep: set[str]) -> None:
    """Keep the newest few old generations: searchers still open on them keep working."""
    gens = sorted((p for p in root.glob("gen-*") if p.is_dir() and p.name not in keep),
                  key=lambda p: p.stat().st_mtime, reverse=True)
    for old in gens[KEEP_OLD_GENERATIONS:]:
        shutil.rmtree(old, ignore_errors=True)


def index_state(index_dir: str | Path) -> IndexState:
    root = Path(index_dir)
    gen = _current_dir(root)
    if gen is None:
        return IndexState("missing", 0, str(root), "run `flask library reindex`")
    if _read_meta(gen).get("schema_version") != SCHEMA_VERSION:
        return IndexState("outdated", 0, str(gen), "built with an older schema; run `flask library reindex`")
    try:
        ix = index.open_dir(str(gen))
        try:
            return IndexState("ok", ix.doc_count(), str(gen))
        finally:
            ix.close()
    except Exception as exc:  # healthz must answer, whatever the index looks like
        return IndexState("error", 0, str(gen), type(exc).__name__)


# --- Searchers ------------------------------------------------------------------------------

class SearcherPool:
    """Per-process searchers for one index root, each used by one thread at a time.

    A pooled searcher is reused only if the `current` symlink still points at its generation
    and `up_to_date()` is True; otherwise it is closed and a new one opened (never refresh()).
    """

    MAX_IDLE = 8

    def __init__(self, root: Path):
        self.root = root
        self._idle: list[tuple[Path, object]] = []
        self._lock = threading.Lock()
        self._spelling_keys: dict[Path, dict[str, list[str]]] = {}
        self._facets: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    @contextmanager
    def searcher(self):
        gen = _current_dir(self.root)
        if gen is None or _read_meta(gen).get("schema_version") != SCHEMA_VERSION:
            raise SearchUnavailable(gettext("The search index has not been built yet."))
        entry = None
        with self._lock:
            while self._idle and entry is None:
                path, searcher = self._idle.pop()
                if path == gen and searcher.up_to_date():
                    entry = (path, searcher)
                else:
                    searcher.close()
        if entry is None:
            ix = index.open_dir(str(gen))
            entry = (gen, ix.searcher())
        try:
            yield entry[1]
        finally:
            with self._lock:
                if len(self._idle) < self.MAX_IDLE:
                    self._idle.append(entry)
                else:
                    entry[1].close()

    def facet_maps(self, searcher) -> dict[str, dict[str, frozenset]]:
        """Facet value -> docnums, for collection and audience; built once per searcher."""
        maps = self._facets.get(searcher)
        if maps is None:
            maps = {}
            for fieldname in ("collection", "audience"):
                maps[fieldname] = {
                    (term.decode("utf-8") if isinstance(term, bytes) else term):
                        frozenset(searcher.postings(fieldname, term).all_ids())
                    for term in searcher.reader().lexicon(fieldname)
                }
            with self._lock:
                self._facets[searcher] = maps
        return maps

    def phonetic_table(self, searcher) -> dict[str, list[str]]:
        """Sound-alike key -> spelling words, built once per index generation."""
        gen = _current_dir(self.root)
        table = self._spelling_keys.get(gen)
        if table is None:
            table = {}
            reader = searcher.reader()
            for fieldname in ("body", "title", "tags"):
                spell_field = SCHEMA[fieldname].spelling_fieldname(fieldname)
                for word in reader.lexicon(spell_field):
                    word = word.decode("utf-8") if isinstance(word, bytes) else word
                    table.setdefault(sound_key(word), []).append(word)
            with self._lock:
                self._spelling_keys = {gen: table}
        return table

    def close(self) -> None:
        with self._lock:
            for _, searcher in self._idle:
                searcher.close()
            self._idle.clear()


_pools: dict[str, SearcherPool] = {}
_pools_lock = threading.Lock()


def searcher_pool(index_dir: str | Path) -> SearcherPool:
    key = str(Path(index_dir).resolve())
    with _pools_lock:
        pool = _pools.get(key)
        if pool is None:
            pool = _pools[key] = SearcherPool(Path(key))
        return pool


# --- Synonyms -------------------------------------------------------------------------------

def analyse(text: str) -> tuple[str, ...]:
    return tuple(token.text for token in ANALYZER(text))


@dataclass(frozen=True)
class Synonyms:
    """Groups of equivalent terms, keyed by their analysed (stemmed) word sequence."""
    groups: tuple[tuple[tuple[str, ...], ...], ...] = ()
    lookup: dict = field(default_factory=dict)  # stems tuple -> group index
    longest: int = 0

    @classmethod
    def parse(cls, text: str) -> Synonyms:
        groups, lookup = [], {}
        for line in text.splitlines():
            line = line.split("#", 1)[0].strip()
            terms = []
            for term in line.split(","):
                stems = analyse(term.strip())
                if stems and stems not in terms:
                    terms.append(stems)
            if len(terms) < 2:
                continue
            for stems in terms:
                lookup.setdefault(stems, len(groups))
            groups.append(tuple(terms))
        return cls(tuple(groups), lookup, max((len(k) for k in lookup), default=0))

    def matches(self, stems: list[str]) -> list[tuple[int, int, tuple[tuple[str, ...], ...]]]:
        """(start, end, synonyms) for each term or phrase of the group table found in `stems`."""
        found, i = [], 0
        while i < len(stems):
            for n in range(min(self.longest, len(stems) - i), 0, -1):
                key = tuple(stems[i:i + n])
                if key in self.lookup:
                    found.append((i, i + n, tuple(alt for alt in self.groups[self.lookup[key]] if alt != key)))
                    i += n
                    break
            else:
                i += 1
        return found

    def alternatives(self, stems: list[str]) -> list[tuple[str, ...]]:
        """Every synonym of every term or phrase found in `stems` (longest match first)."""
        found = []
        for _, _, alts in self.matches(stems):
            found.extend(alt for alt in alts if alt not in found)
        return found


_synonyms_cache: dict[str, tuple[float, Synonyms]] = {}


def load_synonyms(path: str | Path) -> Synonyms:
    """Read synonyms.txt, re-reading it when it changes (editors may edit it at any time)."""
    path = str(path)
    try:
        mtime = os.stat(path).st_mtime
    except OSError:
        return Synonyms()
    cached = _synonyms_cache.get(path)
    if cached and cached[0] == mtime:
        return cached[1]
    with open(path, encoding="utf-8") as handle:
        synonyms = Synonyms.parse(handle.read())
    _synonyms_cache[path] = (mtime, synonyms)
    return synonyms


# --- Query understanding --------------------------------------------------------------------

_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')
_NOT_WORD = re.compile(r"[^\w'’.§-]+")


@dataclass
class ParsedInput:
    words: list[str] = field(default_factory=list)      # plain words, in order
    phrases: list[str] = field(default_factory=list)    # quoted phrases
    excluded: list[str] = field(default_factory=list)   # -word and -"phrase"

    def text(self, words: list[str] | None = None) -> str:
        parts = list(words if words is not None else self.words)
        parts += [f'"{p}"' for p in self.phrases]
        parts += [f"-{w}" if " " not in w else f'-"{w}"' for w in self.excluded]
        return " ".join(parts)


def sanitise(raw: str) -> ParsedInput:
    """User text -> words, phrases and exclusions. Field syntax, operators and wildcards are dropped."""
    text = unicodedata.normalize("NFKC", raw or "")[:MAX_QUERY_CHARS]
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    text = text.replace("“", '"').replace("”", '"')
    if text.count('"') % 2:  # an unbalanced quote: ignore the last one
        i = text.rfind('"')
        text = text[:i] + " " + text[i + 1:]
    parsed = ParsedInput()
    for match in _TOKEN.finditer(text):
        negate, phrase, word = match.groups()
        if phrase is not None:
            cleaned = " ".join(_NOT_WORD.sub(" ", phrase).split())
            if cleaned:
                (parsed.excluded if negate else parsed.phrases).append(cleaned)
            continue
        negate = word.startswith("-")
        for piece in _NOT_WORD.sub(" ", word.lstrip("-")).split():
            piece = piece.strip(".-'’")
            if piece:
                (parsed.excluded if negate else parsed.words).append(piece)
                negate = False
    return parsed


_PARSER = qparser.MultifieldParser(list(TEXT_FIELDS), SCHEMA, fieldboosts=FIELD_BOOSTS,
                                   group=qparser.OrGroup.factory(0.9))
for _plugin in (qparser.FieldsPlugin, qparser.WildcardPlugin, qparser.RangePlugin, qparser.BoostPlugin,
                qparser.EveryPlugin, qparser.OperatorsPlugin, qparser.GroupPlugin, qparser.SingleQuotePlugin):
    _PARSER.remove_plugin_class(_plugin)


def _multifield(stems: tuple[str, ...], boost: float = 1.0) -> wquery.Query:
    """Term or phrase (already analysed) in every text field, with the field boosts."""
    parts = []
    for name, field_boost in FIELD_BOOSTS.items():
        if len(stems) == 1:
            parts.append(wquery.Term(name, stems[0], boost=field_boost * boost))
        else:
            parts.append(wquery.Phrase(name, list(stems), boost=field_boost * boost))
    return wquery.Or(parts)


def _parse(text: str) -> wquery.Query | None:
    if not text.strip():
        return None
    try:
        q = _PARSER.parse(text)
    except Exception:  # never seen, but a parser bug must not become a 500: plain terms instead
        stems = analyse(text)
        q = wquery.Or([_multifield((s,)) for s in stems]) if stems else None
    if q is None or q is wquery.NullQuery or isinstance(q, wquery.NullQuery.__class__):
        return None
    return q


def sound_key(word: str) -> str:
    """A rough English sound-alike key: copywrite/copyright -> kprt, fare/fair -> fr."""
    w = re.sub(r"[^a-z]", "", word.lower())
    if not w:
        return ""
    for old, new in (("ght", "t"), ("ph", "f"), ("wr", "r"), ("ck", "k"), ("dge", "j"), ("q", "k"),
                     ("x", "ks"), ("z", "s")):
        w = w.replace(old, new)
    w = re.sub(r"c(?=[eiy])", "s", w).replace("c", "k")
    first, rest = w[0], re.sub(r"[aeiouyhw]", "", w[1:])
    return re.sub(r"(.)\1+", r"\1", first + rest)


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _doc_frequency(reader, stem: str) -> int:
    return sum(reader.doc_frequency(name, stem) for name in TEXT_FIELDS)


def _correct_word(searcher, pool: SearcherPool, word: str, neighbours: tuple[str, str] = ("", "")) -> str | None:
    """A better-known word for a word the index does not contain (or barely contains)."""
    reader = searcher.reader()
    lower = word.lower()
    stems = analyse(lower)
    if not stems or not lower.isalpha():
        return None
    known = _doc_frequency(reader, stems[0])
    if known > 1:
        return None
    candidates = set()
    maxdist = 1 if len(lower) <= 4 else 2
    for name in ("body", "title", "tags"):
        spell_field = SCHEMA[name].spelling_fieldname(name)
        candidates.update(reader.terms_within(spell_field, lower, maxdist, prefix=1))
    key = sound_key(lower)
    if key:
        candidates.update(pool.phonetic_table(searcher).get(key, ()))
    ranked = []
    for cand in candidates:
        cand = cand.decode("utf-8") if isinstance(cand, bytes) else cand
        if cand == lower or not cand.isalpha() or abs(len(cand) - len(lower)) > 3:
            continue
        distance = _edit_distance(lower, cand)
        if distance > max(2, len(lower) // 2):
            continue
        cand_stems = analyse(cand)
        if not cand_stems:
            continue
        df = _doc_frequency(reader, cand_stems[0])
        if df == 0 or (known and df < 5 * known):  # a rare real word is corrected only to a common one
            continue
        # Sounds alike first (fare -> fair, not face), then fewest edits, then most used.
        ranked.append((sound_key(cand) != key, distance, -df, cand, cand_stems[0]))
    ranked.sort()
    if not ranked:
        return None
    # Among the closest few, prefer one that forms a known phrase with its neighbour
    # ("fare use" -> "fair use", not "far use").
    best = min(ranked[:5], key=lambda row: (row[0], -_phrase_docs(searcher, neighbours, row[4]), row[1:]))
    return best[3]


def _phrase_docs(searcher, neighbours: tuple[str, str], stem: str) -> int:
    before, after = neighbours
    count = 0
    for pair in ([before, stem], [stem, after]):
        if all(pair):
            count += sum(1 for _ in wquery.Phrase("body", pair).docs(searcher))
    return count


# --- Searching ------------------------------------------------------------------------------

def _formatter():
    return highlight.HtmlFormatter(tagname="mark", classname="hl", termclass="term", between=" … ")


def _facet_counts(groups: dict[str, frozenset], matched: set, allowed: frozenset | None) -> dict[str, int]:
    scope = matched if allowed is None else matched & allowed
    counts = {key: len(scope & docnums) for key, docnums in groups.items()}
    return dict(sorted(((k, n) for k, n in counts.items() if n), key=lambda kv: (-kv[1], kv[0])))


def search(query: str | None, *, collection: str | None = None, audience: str | None = None, page: int = 1,
           per_page: int = 10, index_dir: str | Path | None = None,
           synonyms_path: str | Path | None = None) -> SearchResults:
    """Search the library. Never raises on user input: problems come back in `message`."""
    if index_dir is None or synonyms_path is None:
        from flask import current_app

        index_dir = index_dir or current_app.config["SEARCH_INDEX_DIR"]
        synonyms_path = synonyms_path or Path(current_app.config["CONTENT_DIR"]) / "synonyms.txt"
    raw = (query or "").strip()
    results = SearchResults(query=raw[:MAX_QUERY_CHARS], page=max(1, _int(page, 1)))
    per_page = min(max(1, _int(per_page, 10)), MAX_PER_PAGE)
    notes = []
    if len(raw) > MAX_QUERY_CHARS:
        notes.append(gettext("Your search was shortened to its first %(num)d characters.", num=MAX_QUERY_CHARS))
    parsed = sanitise(raw)
    if not (parsed.words or parsed.phrases):
        results.message = (gettext("Type a question or a few words to search the guidelines.") if not parsed.excluded
                           else gettext("Add at least one word to search for, not only words to leave out."))
        if raw and not parsed.excluded:
            results.message = gettext("We could not find any words to search for. Try a question in plain words.")
        return results
    pool = searcher_pool(index_dir)
    try:
        with pool.searcher() as searcher:
            return _run(searcher, pool, parsed, results, notes, collection, audience, per_page,
                        load_synonyms(synonyms_path))
    except SearchUnavailable as exc:
        results.message = gettext("Search is not available right now. %(reason)s", reason=exc)
        return results


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _run(searcher, pool, parsed, results, notes, collection, audience, per_page, synonyms) -> SearchResults:
    # Typos: a word the index does not know is searched as its correction, and offered as "Did you mean".
    words, corrected, replaced = [], False, False
    # Words that are part of a thesaurus entry ("ban" in "book ban") are never "corrected".
    first_stems = [(analyse(w) or ("",))[0] for w in parsed.words]
    protected = {i for start, end, _ in synonyms.matches(first_stems) for i in range(start, end)}
    for i, word in enumerate(parsed.words):
        if i in protected:
            words.append(word)
            continue
        neighbours = tuple((analyse(w) or ("",))[0] for w in (
            parsed.words[i - 1] if i else "", parsed.words[i + 1] if i + 1 < len(parsed.words) else ""))
        better = _correct_word(searcher, pool, word, neighbours)
        if better:
            corrected = True
            if _doc_frequency(searcher.reader(), analyse(word)[0]) == 0:
                replaced = True
                words.append(better)
                continue
            words.append(f"{word} {better}")  # a rare real word: search both
        else:
            words.append(word)
    if corrected:
        results.suggestion = parsed.text([w.split()[-1] for w in words])
    search_words = " ".join(words).split()

    positive = _parse(" ".join(search_words + [f'"{p}"' for p in parsed.phrases]))
    if positive is None:
        results.message = gettext("Those words are too common to search for. Try a more specific question.")
        return results
    stems = [s for w in search_words for s in analyse(w)]
    alternatives = synonyms.alternatives(stems)
    for phrase in parsed.phrases:
        alternatives += [a for a in synonyms.alternatives(list(analyse(phrase))) if a not in alternatives]
    if alternatives:
        positive = wquery.Or([positive] + [_multifield(alt, SYNONYM_BOOST) for alt in alternatives])
    final = positive
    excluded = [s for s in (analyse(e) for e in parsed.excluded) if s]
    if excluded:
        final = wquery.AndNot(positive, wquery.Or([_multifield(s) for s in excluded]))

    # One scored pass over every match gives ranking, totals and facets; filters are applied to
    # docnum sets, and each facet counts what the *other* filter leaves, so a user can switch
    # collection without first clearing it.
    maps = pool.facet_maps(searcher)
    ranked = searcher.search(final, limit=None).top_n  # [(score, docnum)] best first
    matched = {docnum for _, docnum in ranked}
    ignored = []
    if collection and collection not in maps["collection"]:
        ignored.append(gettext("collection “%(name)s”", name=collection))
        collection = None
    audience = audience.lower() if audience else None
    if audience and audience not in maps["audience"]:
        ignored.append(gettext("audience “%(name)s”", name=audience))
        audience = None
    results.collection, results.audience = collection, audience
    if ignored:
        notes.append(gettext("Unknown filter %(filters)s was ignored.", filters=gettext(" and ").join(ignored)))
    in_collection = maps["collection"][collection] if collection else None
    for_audience = maps["audience"][audience] if audience else None
    results.facets = {"collection": _facet_counts(maps["collection"], matched, for_audience),
                      "audience": _facet_counts(maps["audience"], matched, in_collection)}
    for allowed in (in_collection, for_audience):
        if allowed is not None:
            ranked = [(score, docnum) for score, docnum in ranked if docnum in allowed]
    results.total = len(ranked)
    results.pages = math.ceil(results.total / per_page)
    results.page = min(results.page, max(results.pages, 1))
    start = (results.page - 1) * per_page
    page_hits = ranked[start:start + per_page]
    snippets = _snippets(searcher, positive, [docnum for _, docnum in page_hits])
    for score, docnum in page_hits:
        stored = searcher.stored_fields(docnum)
        snippet = snippets.get(docnum)
        results.hits.append(Hit(
            slug=stored["slug"], title=stored["title"], url=f"/library/{stored['slug']}",
            collection=stored["collection"], summary=stored["summary"],
            snippet=Markup(snippet) if snippet else escape(_shorten(stored["summary"])),
            score=round(float(score), 3),
        ))
    if results.total == 0:
        notes.append(gettext("No guidelines matched. Try fewer or different words, or remove a filter."))
    elif replaced:
        notes.append(gettext("Showing results for “%(suggestion)s”.", suggestion=results.suggestion))
    results.message = " ".join(notes) or None
    return results


def _snippets(searcher, q, docnums: list[int]) -> dict[int, str]:
    """Highlighted body excerpts for the hits on one page, from stored character offsets.

    Same output as whoosh's pinpoint highlighting, but reading offsets only for these few
    documents instead of re-analysing whole articles or collecting matched terms for every hit.
    """
    wanted = sorted(docnums)
    offsets: dict[int, list] = {d: [] for d in wanted}
    words = {text for fieldname, text in q.iter_all_terms(phrases=True) if fieldname == "body"}
    to_bytes = SCHEMA["body"].to_bytes
    for word in words:
        try:
            matcher = searcher.postings("body", to_bytes(word))
        except Exception:  # TermNotFound: the word is not in any body
            continue
        for docnum in wanted:
            if not matcher.is_active():
                break
            matcher.skip_to(docnum)
            if matcher.is_active() and matcher.id() == docnum:
                for pos, startchar, endchar in matcher.value_as("characters"):
                    offsets[docnum].append(Token(text=word, pos=pos, startchar=startchar, endchar=endchar, matched=True))
    fragmenter = highlight.PinpointFragmenter(maxchars=240, surround=70, autotrim=True)
    formatter = _formatter()
    snippets = {}
    for docnum, tokens in offsets.items():
        if not tokens:
            continue
        tokens.sort(key=lambda t: (t.startchar, -t.endchar))
        text = searcher.stored_fields(docnum)["body"]
        fragments = fragmenter.fragment_matches(text, tokens)
        best = highlight.top_fragments(fragments, 2, highlight.BasicFragmentScorer(), highlight.SCORE)
        best.sort(key=lambda f: f.startchar)  # show the two best excerpts in reading order
        snippets[docnum] = formatter.format(best)
    return snippets


def _shorten(text: str, limit: int = 240) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"
