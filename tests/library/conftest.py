"""Library fixtures: the fixture corpus in tests/fixtures/content and a search index built from it."""
import shutil
from pathlib import Path

import pytest

from app.library import search
from app.library.content import load_library

FIXTURE_CONTENT = Path(__file__).resolve().parent.parent / "fixtures" / "content"


@pytest.fixture(scope="session")
def fixture_index(tmp_path_factory):
    """A read-only index of the fixture corpus, built once per test session."""
    index_dir = tmp_path_factory.mktemp("fixture_index")
    search.build_index(load_library(FIXTURE_CONTENT), index_dir)
    return index_dir


@pytest.fixture
def app_overrides(fixture_index):
    return {"CONTENT_DIR": str(FIXTURE_CONTENT), "SEARCH_INDEX_DIR": str(fixture_index)}


@pytest.fixture
def content_copy(tmp_path):
    """A writable copy of the fixture corpus, for tests that change files."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, target)
    return target


@pytest.fixture
def run_search(fixture_index):
    def run(q, **kwargs):
        return search.search(q, index_dir=fixture_index, synonyms_path=FIXTURE_CONTENT / "synonyms.txt", **kwargs)

    return run
