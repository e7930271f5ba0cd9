"""JSON endpoints: /api/search (used by search.js and other tools) and /healthz."""
from flask import current_app, jsonify, request

from app.auth.permissions import require
from app.library import search as search_service
from app.library.health import health_report
from app.library.views import bp


@bp.route("/api/search")
@require("library.read")
def api_search():
    results = search_service.search(
        request.args.get("q", ""), collection=request.args.get("collection") or None,
        audience=request.args.get("audience") or None, page=request.args.get("page", 1),
        per_page=request.args.get("per_page", current_app.config.get("SEARCH_PER_PAGE", 10)),
    )
    return jsonify(
        query=results.query,
        total=results.total,
        page=results.page,
        results=[{"title": h.title, "url": h.url, "collection": h.collection, "summary": h.summary,
                  "snippet": str(h.snippet), "score": h.score} for h in results.hits],
        facets=results.facets,
        suggestion=results.suggestion,
        message=results.message,
    )


@bp.route("/healthz")
def healthz():
    report, status = health_report()
    return jsonify(report), status
