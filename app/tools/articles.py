"""Links from tool results to the guideline articles behind them."""
from app.library.content import current_library


def article_link(slug: str) -> dict[str, str]:
    """{'url': '/library/<collection>/<name>', 'title': ..., 'content_hash': ...} for a 'collection/name' slug.

    The content hash pins the revision of the guidance a saved record relied on. If the
    article is missing from the loaded library (a trimmed CONTENT_DIR), the link still renders
    with a title made from the slug and an empty hash.
    """
    article = current_library().articles.get(slug)
    if article is None:
        return {"url": f"/library/{slug}", "title": slug.split("/")[-1].replace("-", " ").capitalize(),
                "content_hash": ""}
    return {"url": article.url, "title": article.title, "content_hash": article.content_hash}
