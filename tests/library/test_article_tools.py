"""An article whose rules a decision tool applies links to that tool (real content/)."""
from pathlib import Path

import pytest

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture
def app_overrides(tmp_path):
    return {"CONTENT_DIR": str(CONTENT), "SEARCH_INDEX_DIR": str(tmp_path / "index")}


def test_article_links_the_tools_built_on_it(client):
    body = client.get("/library/teaching-media/off-air-recording").get_data(as_text=True)
    assert 'href="/tools/off-air"' in body
    assert "Check your own situation" in body


def test_article_without_a_tool_has_no_tools_box(client):
    body = client.get("/library/intellectual-freedom/freedom-to-read").get_data(as_text=True)
    assert "Check your own situation" not in body
    assert 'href="/tools/off-air"' not in body
