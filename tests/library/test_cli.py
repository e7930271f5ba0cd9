"""`flask library reindex | check | search`."""
from pathlib import Path

import pytest

FIXTURE_CONTENT = Path(__file__).resolve().parents[1] / "fixtures" / "content"


@pytest.fixture
def app_overrides(content_copy, tmp_path):
    return {"CONTENT_DIR": str(content_copy), "SEARCH_INDEX_DIR": str(tmp_path / "cli_index")}


def test_reindex_builds_then_reports_no_change(runner):
    first = runner.invoke(args=["library", "reindex"])
    assert first.exit_code == 0, first.output
    assert "full build: 8 added" in first.output
    second = runner.invoke(args=["library", "reindex"])
    assert "8 articles; no file changed: index kept" in second.output


def test_reindex_fast_path_does_not_render_anything(runner, monkeypatch):
    runner.invoke(args=["library", "reindex"])
    import app.library.content as content

    def fail(*args, **kwargs):
        raise AssertionError("the no-change path must not parse articles")

    monkeypatch.setattr(content, "parse_article", fail)
    result = runner.invoke(args=["library", "reindex"])
    assert result.exit_code == 0, result.output
    assert "no file changed" in result.output


def test_reindex_updates_only_the_changed_file(runner, content_copy):
    runner.invoke(args=["library", "reindex"])
    article = next((content_copy / "media").glob("*.md"))
    article.write_text(article.read_text() + "\nA new closing sentence about projectors.\n")
    result = runner.invoke(args=["library", "reindex"])
    assert "0 added, 1 updated, 0 removed, 7 unchanged" in result.output


def test_reindex_reports_a_broken_file_and_indexes_the_rest(runner, content_copy):
    runner.invoke(args=["library", "reindex"])
    (content_copy / "media" / "broken.md").write_text("---\ntitle: [oops\n---\nbody\n")
    result = runner.invoke(args=["library", "reindex"])
    assert result.exit_code == 0
    assert "broken.md" in result.output and "8 articles" in result.output


def test_check_passes_on_clean_library(runner):
    result = runner.invoke(args=["library", "check", "--today", "2027-01-01"])
    assert result.exit_code == 0, result.output
    assert "8 articles checked" in result.output and "0 errors" in result.output


def test_check_fails_on_broken_library(runner, content_copy):
    (content_copy / "media" / "broken.md").write_text("---\ntitle: [oops\n---\nbody\n")
    result = runner.invoke(args=["library", "check", "--today", "2027-01-01"])
    assert result.exit_code == 1
    assert f"{content_copy / 'media' / 'broken.md'}:3: error: invalid YAML" in result.output


def test_check_fails_on_overdue_article(runner):
    result = runner.invoke(args=["library", "check", "--today", "2031-01-01"])
    assert result.exit_code == 1
    assert "past its review date" in result.output


def test_search_prints_ranked_results(runner):
    runner.invoke(args=["library", "reindex"])
    result = runner.invoke(args=["library", "search", "fare use"])
    assert result.exit_code == 0
    assert "Did you mean: fair use" in result.output
    first = [line for line in result.output.splitlines() if line.strip().startswith("1.")][0]
    assert "fair-use/four-factors" in first
