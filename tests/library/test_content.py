"""Loading content/: front matter, rendering, links, raw HTML and broken files."""
from datetime import date
from pathlib import Path

import pytest

from app.library.content import check_library, current_library, load_library

FIXTURE_CONTENT = Path(__file__).resolve().parents[1] / "fixtures" / "content"

GOOD_FRONT = """---
title: A good article
summary: A summary.
audience: [teacher]
tags: [one, two]
jurisdiction: US
citations: []
reviewed: 2026-01-01
review_by: 2028-01-01
---
Body text.
"""


def test_fixture_library_loads_every_article():
    library = load_library(FIXTURE_CONTENT)
    assert library.errors == []
    assert len(library.articles) == 8
    assert set(library.collections) == {"copyright", "fair-use", "media", "freedom", "acceptable-use"}


def test_article_fields_and_rendering():
    article = load_library(FIXTURE_CONTENT).articles["fair-use/four-factors"]
    assert article.title == "The four fair-use factors"
    assert article.collection == "fair-use"
    assert article.audience == ("teacher", "librarian", "student")
    assert article.tags == ("fair use", "four factors", "section 107")
    assert article.jurisdiction == "US"
    assert article.citations == ("17 U.S.C. § 107",)
    assert article.reviewed == date(2026, 1, 15) and article.review_by == date(2030, 1, 15)
    assert article.url == "/library/fair-use/four-factors"
    assert len(article.content_hash) == 64
    assert '<h2 id="the-four-factors">The four factors</h2>' in article.html
    assert [entry.id for entry in article.toc] == ["the-four-factors"]
    assert 'class="footnote"' in article.html  # footnotes extension
    assert "##" not in article.plain_text and "[^1]" not in article.plain_text
    assert "The nature of the copyrighted work." in article.plain_text


def test_articles_are_immutable():
    article = load_library(FIXTURE_CONTENT).articles["fair-use/four-factors"]
    with pytest.raises(AttributeError):
        article.title = "changed"


def test_tables_render():
    article = load_library(FIXTURE_CONTENT).articles["fair-use/classroom-copying"]
    assert "<table>" in article.html and "<th>Brevity limit</th>" in article.html


def test_relative_links_are_rewritten_and_recorded():
    article = load_library(FIXTURE_CONTENT).articles["copyright/what-copyright-protects"]
    assert 'href="/library/fair-use/four-factors#the-four-factors"' in article.html
    assert 'href="/library/copyright/copyright-duration"' in article.html
    targets = {(link.target, link.fragment) for link in article.links if link.target}
    assert targets == {("fair-use/four-factors", "the-four-factors"), ("copyright/copyright-duration", "")}


def test_raw_html_is_never_passed_through():
    article = load_library(FIXTURE_CONTENT).articles["copyright/what-copyright-protects"]
    assert "<script" not in article.html
    assert "&lt;script&gt;" in article.html  # shown as text
    assert "<b>" not in article.html
    assert "javascript:" not in article.html


def write(content_dir, rel, text):
    path = content_dir / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("text, line, reason", [
    ("no front matter\n", 1, "must start with '---'"),
    ("---\ntitle: x\n", 1, "no closing '---'"),
    ("---\ntitle: [unclosed\nsummary: s\n---\nbody\n", 3, "invalid YAML"),
    (GOOD_FRONT.replace("summary: A summary.\n", ""), 9, "missing required field 'summary'"),
    (GOOD_FRONT.replace("jurisdiction: US", "jurisdiction: CA"), 6, "'jurisdiction' must be one of"),
    (GOOD_FRONT.replace("reviewed: 2026-01-01", "reviewed: last spring"), 8, "'reviewed' must be a date"),
    (GOOD_FRONT.replace("tags: [one, two]", "tags: just words"), 5, "'tags' must be a list"),
    (GOOD_FRONT.replace("title: A good article", "title: ''"), 2, "'title' must be non-empty"),
    (GOOD_FRONT.replace("audience: [teacher]", "audience: []"), 4, "'audience' must list at least one"),
    ("---\n- a\n- b\n---\nbody\n", 2, "must be a mapping"),
])
def test_broken_file_is_reported_with_line_and_skipped(content_copy, text, line, reason):
    broken = write(content_copy, "media/broken.md", text)
    library = load_library(content_copy)
    assert len(library.articles) == 8  # the rest is served
    assert "media/broken" not in library.articles
    [error] = library.errors
    assert error.path == str(broken)
    assert error.line == line
    assert reason in error.reason
    assert str(error).startswith(f"{broken}:{line}: ")


def test_not_utf8_is_reported(content_copy):
    (content_copy / "media" / "latin1.md").write_bytes(GOOD_FRONT.encode() + "caf\xe9\n".encode("latin-1"))
    library = load_library(content_copy)
    assert [e.line for e in library.errors] == [12]


def test_unlisted_folder_is_served_with_a_warning(content_copy):
    write(content_copy, "extra/new-article.md", GOOD_FRONT)
    library = load_library(content_copy)
    assert "extra/new-article" in library.articles
    assert any("collections.yml" in w.reason for w in library.warnings)


def test_related_articles_are_links_then_shared_tags():
    library = load_library(FIXTURE_CONTENT)
    related = library.related(library.articles["copyright/what-copyright-protects"])
    assert [a.slug for a in related[:2]] == ["fair-use/four-factors", "copyright/copyright-duration"]


def test_current_library_is_loaded_once_per_app(app):
    first = current_library()
    assert current_library() is first
    assert "media/showing-films" in first.articles


def test_check_finds_dates_links_and_duplicates(content_copy):
    write(content_copy, "media/dupe.md", GOOD_FRONT.replace("A good article", "Showing films in class")
          .replace("Body text.", "See [missing](../nowhere/missing.md) and [bad anchor](showing-films.md#nope)."))
    write(content_copy, "media/backwards.md", GOOD_FRONT.replace("title: A good article", "title: Backwards")
          .replace("review_by: 2028-01-01", "review_by: 2025-01-01"))
    issues = check_library(load_library(content_copy), today=date(2027, 12, 15))
    text = "\n".join(map(str, issues))
    assert "media/showing-films.md:2: error: duplicate title, also used by media/dupe" in text
    assert "media/dupe.md:11: error: broken link to ../nowhere/missing.md" in text
    assert "warning: link showing-films.md#nope" in text
    assert "media/backwards.md:9: error: review_by must be after reviewed" in text
    assert "media/backwards.md:9: error: past its review date" in text
    assert "media/dupe.md:9: warning: review due soon" in text


def test_check_is_clean_on_fixture_library():
    assert check_library(load_library(FIXTURE_CONTENT), today=date(2027, 1, 1)) == []


def test_current_library_reloads_after_a_reindex(app, content_copy, tmp_path):
    from app.library import search

    app.config.update(CONTENT_DIR=str(content_copy), SEARCH_INDEX_DIR=str(tmp_path / "idx"))
    search.build_index(load_library(content_copy), tmp_path / "idx")
    before = current_library()
    assert current_library() is before  # cached while nothing changes
    path = content_copy / "media" / "showing-films.md"
    path.write_text(path.read_text().replace("title: Showing films in class", "title: Showing films, updated"))
    assert current_library() is before  # edits alone are not picked up mid-request-stream...
    search.build_index(load_library(content_copy), tmp_path / "idx")
    assert current_library().articles["media/showing-films"].title == "Showing films, updated"  # ...a reindex is
