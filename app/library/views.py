"""Library pages: home, collections, articles and the search page."""
from datetime import date

from flask import Blueprint, abort, current_app, render_template, request

from app.auth.permissions import require
from app.library import search as search_service
from app.library.content import current_library
from app.library.forms import SearchForm

bp = Blueprint("library", __name__)

# Examples on the home page: real teacher questions, each a link to a search.
COMMON_QUESTIONS = (
    "Can I show a movie for a reward day?",
    "How much of a book can I copy for my class?",
    "Can I show Netflix in class?",
    "Can I post a YouTube video in Google Classroom?",
    "How long does copyright last?",
    "What do I do when a parent objects to a book?",
    "Can students use images they find online in a project?",
    "What is in our acceptable use policy?",
)


@bp.route("/")
@require("library.read")
def home():
    library = current_library()
    collections = [(c, len(library.in_collection(c.key))) for c in library.ordered_collections()]
    return render_template("library/home.html", form=SearchForm(formdata=None), collections=collections,
                           questions=COMMON_QUESTIONS, total=len(library.articles))


@bp.route("/library/<collection>")
@require("library.read")
def collection(collection):
    library = current_library()
    found = library.collections.get(collection)
    if found is None:
        abort(404)
    return render_template("library/collection.html", collection=found, articles=library.in_collection(collection),
                           form=SearchForm(formdata=None, collection=collection))


@bp.route("/library/<collection>/<slug>")
@require("library.read")
def article(collection, slug):
    library = current_library()
    found = library.articles.get(f"{collection}/{slug}")
    if found is None:
        abort(404)
    return render_template("library/article.html", article=found, collection=library.collections[collection],
                           related=library.related(found), collections=library.collections,
                           overdue=found.review_by < date.today(), tools=_tools_for(found.slug))


def _tools_for(slug: str) -> list:
    """Decision tools built on this article, when the tools area is part of this app."""
    if "tools.run" not in current_app.view_functions:
        return []
    from app.tools.registry import tools_for_article

    return tools_for_article(slug)


@bp.route("/search")
@require("library.read")
def search():
    form = SearchForm(request.args)
    results = None
    if form.q.data is not None:
        results = search_service.search(form.q.data, collection=form.collection.data or None,
                                        audience=form.audience.data or None, page=form.page.data or 1,
                                        per_page=current_app.config.get("SEARCH_PER_PAGE", 10))
    return render_template("library/search.html", form=form, results=results,
                           collections=current_library().collections)
