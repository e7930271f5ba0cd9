"""What /healthz reports: content, search index and database."""
import sqlalchemy as sa
from flask import current_app

from app.extensions import db
from app.library import search
from app.library.content import current_library


def health_report() -> tuple[dict, int]:
    library = current_library()
    state = search.index_state(current_app.config["SEARCH_INDEX_DIR"])
    try:
        db.session.execute(sa.text("SELECT 1"))
        database = "ok"
    except Exception:  # any driver error means the same thing to a load balancer
        db.session.rollback()
        database = "unreachable"
    if database != "ok":
        status, code = "error", 503
    elif state.state != "ok" or library.errors:
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return {
        "status": status,
        "articles": len(library.articles),
        "content_errors": len(library.errors),
        # No file-system path: /healthz is public (load balancers call it unauthenticated).
        "index": {"state": state.state, "documents": state.documents},
        "database": {"state": database},
    }, code
