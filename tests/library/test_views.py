"""Library pages, /search, /api/search and /healthz over the fixture corpus."""
import pytest

from app import create_app
from app.config import TestConfig


@pytest.mark.parametrize("url", [
    "/", "/library/media", "/library/media/showing-films", "/search", "/search?q=film",
    "/search?q=copyright&collection=copyright&audience=teacher", "/search?q=&page=x",
])
def test_pages_answer_200_to_anyone(client, url):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", ["/library/nope", "/library/media/nope", "/library/nope/showing-films"])
def test_unknown_pages_are_404_with_a_search_box(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert b'role="search"' in response.data and b'name="q"' in response.data


def test_home_lists_collections_and_common_questions(client):
    html = client.get("/").get_data(as_text=True)
    assert 'href="/library/media"' in html and "Teaching with media" in html
    assert "2 articles" in html  # media has two
    assert "/search?q=Can+I+show+a+movie+for+a+reward+day?" in html
    assert html.count("<h1") == 1


def test_collection_page_lists_its_articles(client):
    html = client.get("/library/media").get_data(as_text=True)
    assert "Showing films in class" in html and "Reward day screenings and parties" in html
    assert "Classroom copying guidelines" not in html


def test_article_page_shows_everything(client):
    html = client.get("/library/copyright/what-copyright-protects").get_data(as_text=True)
    assert "<h1>What copyright protects</h1>" in html
    assert "not legal advice" in html
    assert 'href="#what-is-not-protected"' in html  # table of contents
    assert "17 U.S.C. § 102" in html
    assert "15 January 2026" in html and "15 January 2030" in html
    assert 'href="/library/fair-use/four-factors#the-four-factors"' in html
    assert "Related guidelines" in html and 'href="/library/copyright/copyright-duration"' in html
    assert "<script>alert" not in html
    assert html.count("<h1") == 1


def test_article_offers_ask_link_only_if_cases_exist(app, client):
    html = client.get("/library/media/showing-films").get_data(as_text=True)
    assert ("Ask the compliance officer" in html) == ("cases.new_question" in app.view_functions)


def test_search_page_shows_results_with_highlights_and_facets(client):
    html = client.get("/search?q=films").get_data(as_text=True)
    assert 'href="/library/media/showing-films"' in html
    assert "<mark" in html
    assert "/search?q=films&amp;collection=media" in html  # facet filter link
    assert "/search?q=films&amp;audience=teacher" in html


def test_search_page_offers_did_you_mean(client):
    html = client.get("/search?q=fare+use").get_data(as_text=True)
    assert 'Did you mean <a href="/search?q=fair+use">fair use</a>' in html


@pytest.mark.parametrize("q", ["", "*", 'AND OR "', "title:(", "😀", "x" * 10_000])
def test_search_page_explains_empty_or_garbage_queries(client, q):
    response = client.get("/search", query_string={"q": q})
    assert response.status_code == 200
    assert 'class="notice"' in response.get_data(as_text=True)


def test_search_pagination_links(app, client):
    app.config["SEARCH_PER_PAGE"] = 2
    html = client.get("/search?q=copyright").get_data(as_text=True)
    assert "page 1 of 2" in html and 'rel="next"' in html


def test_api_search_json_shape(client):
    data = client.get("/api/search?q=films").get_json()
    assert set(data) == {"query", "total", "page", "results", "facets", "suggestion", "message"}
    assert data["query"] == "films" and data["page"] == 1 and data["total"] >= 2
    first = data["results"][0]
    assert set(first) == {"title", "url", "collection", "summary", "snippet", "score"}
    assert first["url"] == "/library/media/showing-films"
    assert isinstance(first["score"], float)
    assert set(data["facets"]) == {"collection", "audience"}


def test_api_search_reports_unknown_filters_and_suggestions(client):
    data = client.get("/api/search?q=copywrite&collection=nope").get_json()
    assert data["suggestion"] == "copyright"
    assert "nope" in data["message"]


@pytest.mark.parametrize("q", ["", "title:(", "\x00", "😀"])
def test_api_search_never_fails_on_junk(client, q):
    response = client.get("/api/search", query_string={"q": q, "page": "zz", "per_page": "-4"})
    assert response.status_code == 200
    assert response.get_json()["total"] == 0 or response.get_json()["results"]


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    data = response.get_json()
    assert data["status"] == "ok"
    assert data["articles"] == 8 and data["content_errors"] == 0
    assert data["index"]["state"] == "ok" and data["index"]["documents"] == 8
    assert data["database"] == {"state": "ok"}
    assert "path" not in data["index"]  # public endpoint: no server paths


def test_healthz_without_index_is_degraded(app, client, tmp_path):
    app.config["SEARCH_INDEX_DIR"] = str(tmp_path / "missing")
    data = client.get("/healthz").get_json()
    assert data["status"] == "degraded" and data["index"]["state"] == "missing"


def test_healthz_503_when_database_unreachable(tmp_path, app_overrides):
    broken = create_app(TestConfig, {**app_overrides, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/no/such/dir/db.sqlite"})
    response = broken.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == {"state": "unreachable"}
    with broken.app_context():
        from app.extensions import db

        db.engine.dispose()


def test_healthz_counts_content_errors(app, client, content_copy):
    (content_copy / "media" / "broken.md").write_text("no front matter\n")
    app.config["CONTENT_DIR"] = str(content_copy)
    data = client.get("/healthz").get_json()
    assert data["content_errors"] == 1 and data["articles"] == 8
    assert data["status"] == "degraded"
