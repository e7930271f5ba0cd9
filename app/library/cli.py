"""`flask library ...`: reindex, check and search from the command line."""
import sys
import time
from datetime import date

import click
from flask import current_app
from flask.cli import AppGroup

from app.library import search as search_service
from app.library.content import article_file_hashes, check_library, reload_library

library_cli = AppGroup("library", help="The guideline library: index, lint and search the content.")


@library_cli.command("reindex")
def reindex_command():
    """Build the search index (only changed articles) and switch to it atomically."""
    started = time.perf_counter()
    index_dir = current_app.config["SEARCH_INDEX_DIR"]
    hashes = article_file_hashes(current_app.config["CONTENT_DIR"])
    if search_service.index_is_current(index_dir, hashes):
        click.echo(f"{len(hashes)} articles; no file changed: index kept "
                   f"({time.perf_counter() - started:.2f} s)")
        return
    library = reload_library()
    for error in library.errors:
        click.echo(f"skipped {error}", err=True)
    report = search_service.build_index(library, current_app.config["SEARCH_INDEX_DIR"])
    click.echo(f"{len(library.articles)} articles; {report}")


@library_cli.command("check")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="Check dates as of this day.")
def check_command(today):
    """Lint content/: fields, dates, links, duplicate titles. Exits 1 if there are errors."""
    library = reload_library()
    issues = check_library(library, (today.date() if today else date.today()))
    for issue in issues:
        click.echo(str(issue), err=issue.severity == "error")
    errors = sum(1 for i in issues if i.severity == "error")
    warnings = len(issues) - errors
    click.echo(f"{len(library.articles)} articles checked in {library.content_dir}: {errors} errors, {warnings} warnings.")
    if errors:
        sys.exit(1)


@library_cli.command("search")
@click.argument("query")
@click.option("--limit", default=10, show_default=True)
def search_command(query, limit):
    """Show the top results for QUERY with their scores."""
    results = search_service.search(query, per_page=limit)
    if results.suggestion:
        click.echo(f"Did you mean: {results.suggestion}")
    if results.message:
        click.echo(results.message)
    click.echo(f"{results.total} results")
    for rank, hit in enumerate(results.hits, 1):
        click.echo(f"{rank:>3}. {hit.score:8.3f}  {hit.slug}  {hit.title}")
