"""Read content/ into immutable Article objects.

content/collections.yml lists the sections; content/<collection>/<slug>.md is one article:
YAML front matter between `---` lines, then a Markdown body. A file that cannot be used is
reported as a ContentError (path, line, reason) and skipped; the rest of the library is served.
"""
from __future__ import annotations

import hashlib
import html
import posixpath
import re
import threading
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import markdown
import nh3
import yaml
from flask import current_app
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

JURISDICTIONS = ("US", "TX", "NC")
REQUIRED_FIELDS = ("title", "summary", "audience", "tags", "jurisdiction", "citations", "reviewed", "review_by")
ARTICLE_URL = "/library/{slug}"  # the library blueprint has no prefix; kept here so content needs no request
COLLECTION_URL = "/library/{collection}"

# Markdown output allowed through to the page. Raw HTML in the source never gets here (it is
# escaped before parsing); this list is the second line of defence for what Markdown makes.
ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote", "code", "pre", "a",
    "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "hr", "sup",
    "div", "dl", "dt", "dd",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "class", "id"},
    "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
    "th": {"align"}, "td": {"align"}, "sup": {"id"}, "li": {"id"}, "div": {"class"},
}


@dataclass(frozen=True)
class ContentError:
    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


@dataclass(frozen=True)
class Collection:
    key: str
    title: str
    description: str
    order: int

    @property
    def url(self) -> str:
        return COLLECTION_URL.format(collection=self.key)


@dataclass(frozen=True)
class TocEntry:
    level: int
    id: str
    title: str
    children: tuple[TocEntry, ...] = ()


@dataclass(frozen=True)
class Link:
    """An outgoing link: `target` is the article slug for links inside the library, else None."""
    href: str
    target: str | None = None
    fragment: str = ""


@dataclass(frozen=True)
class Article:
    slug: str  # "collection/name"
    collection: str
    title: str
    summary: str
    audience: tuple[str, ...]
    tags: tuple[str, ...]
    jurisdiction: str
    citations: tuple[str, ...]
    reviewed: date
    review_by: date
    html: str
    toc: tuple[TocEntry, ...]
    plain_text: str
    links: tuple[Link, ...]
    content_hash: str
    path: str
    anchors: frozenset[str] = field(default_factory=frozenset)

    @property
    def url(self) -> str:
        return ARTICLE_URL.format(slug=self.slug)

    @property
    def name(self) -> str:
        return self.slug.split("/", 1)[1]


@dataclass
class Library:
    content_dir: str
    articles: dict[str, Article] = field(default_factory=dict)
    collections: dict[str, Collection] = field(default_factory=dict)
    errors: list[ContentError] = field(default_factory=list)
    warnings: list[ContentError] = field(default_factory=list)

    def in_collection(self, key: str) -> list[Article]:
        return sorted((a for a in self.articles.values() if a.collection == key), key=lambda a: a.title.lower())

    def ordered_collections(self) -> list[Collection]:
        return sorted(self.collections.values(), key=lambda c: (c.order, c.title))

    def related(self, article: Article, limit: int = 6) -> list[Article]:
        """Articles this one links to, then articles sharing the most tags."""
        seen = {article.slug}
        related = []
        for link in article.links:
            target = self.articles.get(link.target or "")
            if target and target.slug not in seen:
                seen.add(target.slug)
                related.append(target)
        tags = {t.lower() for t in article.tags}
        by_overlap = sorted(
            ((len(tags & {t.lower() for t in other.tags}), other.title, other) for other in self.articles.values()
             if other.slug not in seen),
            key=lambda row: (-row[0], row[1]),
        )
        related.extend(other for overlap, _, other in by_overlap if overlap > 0)
        return related[:limit]


class ContentFileError(Exception):
    def __init__(self, line: int, reason: str):
        super().__init__(reason)
        self.line = line
        self.reason = reason


# --- Markdown -------------------------------------------------------------------------------

class _LinkRewriter(Treeprocessor):
    """Turn relative links to other articles (`../fair-use/four-factors.md#x`) into app URLs."""

    def __init__(self, md, collection: str):
        super().__init__(md)
        self.collection = collection
        self.links: list[Link] = []

    def run(self, root: ElementTree.Element) -> None:
        for a in root.iter("a"):
            href = a.get("href", "")
            link = resolve_link(href, self.collection)
            if link.target:
                a.set("href", ARTICLE_URL.format(slug=link.target) + (f"#{link.fragment}" if link.fragment else ""))
            if href and not href.startswith("#"):
                self.links.append(link)


class _LinkExtension(Extension):
    def __init__(self, collection: str):
        super().__init__()
        self.rewriter: _LinkRewriter | None = None
        self.collection = collection

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API name)
        self.rewriter = _LinkRewriter(md, self.collection)
        md.treeprocessors.register(self.rewriter, "rightsdesk_links", 1)


def resolve_link(href: str, collection: str) -> Link:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.endswith(".md"):
        return Link(href=href)
    path = posixpath.normpath(posixpath.join(collection, parts.path))
    if path.startswith("../") or path.count("/") != 1:
        return Link(href=href, target=f"invalid:{parts.path}", fragment=parts.fragment)
    return Link(href=href, target=path[: -len(".md")], fragment=parts.fragment)


def _toc_entries(tokens) -> tuple[TocEntry, ...]:
    return tuple(
        TocEntry(level=t["level"], id=t["id"], title=html.unescape(t["name"]), children=_toc_entries(t["children"]))
        for t in tokens
    )


def _anchors(entries) -> set[str]:
    found = set()
    for e in entries:
        found.add(e.id)
        found |= _anchors(e.children)
    return found


class _TextExtractor(HTMLParser):
    """Visible text of rendered HTML, for the index and highlights (no `##` or `**`)."""

    BLOCKS = {"p", "li", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "blockquote", "pre", "dt", "dd", "br"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag == "a" and ("class", "footnote-backref") in attrs:
            self.skip += 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "a" and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def plain_text_of(rendered: str) -> str:
    parser = _TextExtractor()
    parser.feed(rendered)
    text = "".join(parser.parts)
    lines = (re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def render_markdown(body: str, collection: str) -> tuple[str, tuple[TocEntry, ...], tuple[Link, ...]]:
    links = _LinkExtension(collection)
    md = markdown.Markdown(
        extensions=["tables", "footnotes", "toc", "sane_lists", links],
        extension_configs={"toc": {"toc_depth": "2-4"}, "tables": {"use_align_attribute": True}},
        output_format="html",
    )
    # Raw HTML in an article is shown as text, never passed through as markup.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    rendered = md.convert(body)
    # Articles start at h2: the page's h1 is the title from the front matter.
    rendered = re.sub(r"<(/?)h1\b", r"<\1h2", rendered)
    rendered = nh3.clean(rendered, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                         url_schemes={"http", "https", "mailto"}, link_rel=None)
    return rendered, _toc_entries(md.toc_tokens), tuple(links.rewriter.links)


# --- Front matter ---------------------------------------------------------------------------

def split_front_matter(text: str) -> tuple[str, str, int]:
    """(yaml text, body, line number where the body starts)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise ContentFileError(1, "file must start with '---' and YAML front matter")
    for i in range(1, len(lines)):
        if lines[i].strip() == "---":
            return "".join(lines[1:i]), "".join(lines[i + 1:]), i + 2
    raise ContentFileError(1, "front matter has no closing '---' line")


def _yaml_line(exc: yaml.YAMLError) -> int:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line + 2 if mark else 1  # +1 for 0-based, +1 for the opening '---'


def parse_front_matter(yaml_text: str) -> tuple[dict, dict[str, int]]:
    """Values and the file line of each key."""
    try:
        node = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(yaml_text)
    except yaml.YAMLError as exc:
        raise ContentFileError(_yaml_line(exc), f"invalid YAML: {getattr(exc, 'problem', None) or exc}") from exc
    if not isinstance(data, dict) or node is None:
        raise ContentFileError(2, "front matter must be a mapping of fields (title: ..., summary: ...)")
    lines = {}
    for key_node, _ in node.value:
        lines[str(key_node.value)] = key_node.start_mark.line + 2
    return data, lines


def _text(data, name, line) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value.strip():
        raise ContentFileError(line, f"'{name}' must be non-empty text")
    return value.strip()


def _list(data, name, line, *, allow_empty=True) -> tuple[str, ...]:
    value = data.get(name)
    if value is None and allow_empty:
        return ()
    if not isinstance(value, list) or any(not isinstance(v, (str, int, float)) or not str(v).strip() for v in value):
        raise ContentFileError(line, f"'{name}' must be a list of text items, e.g. {name}: [a, b]")
    if not value and not allow_empty:
        raise ContentFileError(line, f"'{name}' must list at least one item")
    return tuple(str(v).strip() for v in value)


def _date(data, name, line) -> date:
    value = data.get(name)
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ContentFileError(line, f"'{name}' must be a date like 2026-11-01, not {value!r}") from None


def parse_article(path: Path, collection: str, raw: bytes) -> Article:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ContentFileError(text_line(raw, exc.start), "file is not valid UTF-8") from exc
    yaml_text, body, body_line = split_front_matter(text)
    data, lines = parse_front_matter(yaml_text)
    for name in REQUIRED_FIELDS:
        if name not in data:
            raise ContentFileError(body_line - 1, f"missing required field '{name}'")

    def line(name):
        return lines.get(name, 1)

    jurisdiction = str(data.get("jurisdiction", "")).strip().upper()
    if jurisdiction not in JURISDICTIONS:
        raise ContentFileError(line("jurisdiction"), f"'jurisdiction' must be one of {', '.join(JURISDICTIONS)}")
    slug = f"{collection}/{path.stem}"
    rendered, toc, links = render_markdown(body, collection)
    return Article(
        slug=slug,
        collection=collection,
        title=_text(data, "title", line("title")),
        summary=_text(data, "summary", line("summary")),
        audience=tuple(a.lower() for a in _list(data, "audience", line("audience"), allow_empty=False)),
        tags=_list(data, "tags", line("tags")),
        jurisdiction=jurisdiction,
        citations=_list(data, "citations", line("citations")),
        reviewed=_date(data, "reviewed", line("reviewed")),
        review_by=_date(data, "review_by", line("review_by")),
        html=rendered,
        toc=toc,
        plain_text=plain_text_of(rendered),
        links=links,
        content_hash=hashlib.sha256(raw).hexdigest(),
        path=str(path),
        anchors=frozenset(_anchors(toc)) | frozenset(re.findall(r'id="([^"]+)"', rendered)),
    )


def text_line(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


def load_collections(content_dir: Path, errors: list[ContentError]) -> dict[str, Collection]:
    path = content_dir / "collections.yml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        errors.append(ContentError(str(path), 1, "collections.yml is missing"))
        return {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        errors.append(ContentError(str(path), mark.line + 1 if mark else 1, f"invalid YAML: {exc}"))
        return {}
    collections = {}
    for i, (key, value) in enumerate(data.items() if isinstance(data, dict) else []):
        value = value if isinstance(value, dict) else {}
        collections[str(key)] = Collection(
            key=str(key),
            title=str(value.get("title") or str(key).replace("-", " ").capitalize()),
            description=str(value.get("description") or ""),
            order=int(value.get("order", 100 + i)) if str(value.get("order", "")).lstrip("-").isdigit() else 100 + i,
        )
    return collections


def load_library(content_dir: str | Path) -> Library:
    content_dir = Path(content_dir)
    library = Library(content_dir=str(content_dir))
    library.collections = load_collections(content_dir, library.errors)
    for path in sorted(content_dir.glob("*/*.md")):
        collection = path.parent.name
        try:
            article = parse_article(path, collection, path.read_bytes())
        except ContentFileError as exc:
            library.errors.append(ContentError(str(path), exc.line, exc.reason))
            continue
        except OSError as exc:
            library.errors.append(ContentError(str(path), 1, f"cannot read file: {exc.strerror}"))
            continue
        if collection not in library.collections:
            library.warnings.append(ContentError(str(path), 1, f"folder '{collection}' is not listed in collections.yml"))
            library.collections[collection] = Collection(collection, collection.replace("-", " ").capitalize(), "", 999)
        library.articles[article.slug] = article
    return library


def article_file_hashes(content_dir: str | Path) -> dict[str, str]:
    """slug -> sha256 of each article file, without parsing or rendering anything.

    Reading and hashing 2,000 files takes milliseconds, while rendering them takes seconds, so
    `flask library reindex` asks this first and skips the load when nothing changed.
    """
    content_dir = Path(content_dir)
    return {
        f"{path.parent.name}/{path.stem}": hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(content_dir.glob("*/*.md"))
    }


# --- One library per app --------------------------------------------------------------------

_lock = threading.Lock()


def current_library() -> Library:
    """The app's library, loaded once on first use (keyed on CONTENT_DIR).

    It is loaded again when the search index moves to a new generation, so a running server
    picks up `flask library reindex` (which only makes a new generation when files changed).
    """
    from app.library.search import current_generation  # search does not import content: no cycle

    content_dir = str(Path(current_app.config["CONTENT_DIR"]).resolve())
    generation = current_generation(current_app.config["SEARCH_INDEX_DIR"])
    cache = current_app.extensions.setdefault("rightsdesk_library", {})
    cached = cache.get(content_dir)
    if cached is None or cached[0] != generation:
        with _lock:
            cached = cache.get(content_dir)
            if cached is None or cached[0] != generation:
                cached = cache[content_dir] = (generation, load_library(content_dir))
    return cached[1]


def reload_library() -> Library:
    """Forget the cached library (after `flask library reindex`, or in tests)."""
    current_app.extensions.pop("rightsdesk_library", None)
    return current_library()


# --- Lint (`flask library check`) -----------------------------------------------------------

@dataclass(frozen=True)
class Issue:
    severity: str  # error or warning
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


def _line_of(path: str, needle: str, default: int = 1) -> int:
    try:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if needle in line:
                    return number
    except (OSError, UnicodeDecodeError):
        pass
    return default


def check_library(library: Library, today: date, due_soon_days: int = 30) -> list[Issue]:
    """Everything an editor should fix: parse errors, dates, broken links, duplicate titles."""
    issues = [Issue("error", e.path, e.line, e.reason) for e in library.errors]
    issues += [Issue("warning", w.path, w.line, w.reason) for w in library.warnings]
    titles: dict[str, Article] = {}
    for article in sorted(library.articles.values(), key=lambda a: a.slug):
        path = article.path
        if article.review_by <= article.reviewed:
            issues.append(Issue("error", path, _line_of(path, "review_by:"), "review_by must be after reviewed"))
        if article.reviewed > today:
            issues.append(Issue("warning", path, _line_of(path, "reviewed:"), f"reviewed date {article.reviewed} is in the future"))
        if article.review_by < today:
            issues.append(Issue("error", path, _line_of(path, "review_by:"), f"past its review date ({article.review_by}): review and update it"))
        elif (article.review_by - today).days <= due_soon_days:
            issues.append(Issue("warning", path, _line_of(path, "review_by:"), f"review due soon ({article.review_by})"))
        for link in article.links:
            if not link.target:
                continue
            target = library.articles.get(link.target)
            line = _line_of(path, link.href)
            if target is None:
                issues.append(Issue("error", path, line, f"broken link to {link.href} (no article {link.target})"))
            elif link.fragment and link.fragment not in target.anchors:
                issues.append(Issue("warning", path, line, f"link {link.href}: no heading #{link.fragment} in {link.target}"))
        key = article.title.casefold()
        if key in titles:
            issues.append(Issue("error", path, _line_of(path, "title:"), f"duplicate title, also used by {titles[key].slug}"))
        else:
            titles[key] = article
        if not article.plain_text.strip():
            issues.append(Issue("warning", path, _line_of(path, "---", 1), "article has no body text"))
    return issues
