"""Rendering of user-written text: Markdown allowed, scripts and unsafe HTML never.

Every text a user types (case descriptions, replies, notes, comments) goes through
render_user_markdown() before it reaches a template.
"""
import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote", "code", "pre",
    "a", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def render_user_markdown(text: str | None) -> str:
    """Markdown -> sanitised HTML. Raw HTML in the input is escaped, not passed through."""
    if not text:
        return ""
    # Escape '<' so raw HTML becomes visible text rather than markup; nh3 then cleans the rest
    # (javascript: links, attributes) of what Markdown produced.
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    html = markdown.markdown(escaped, extensions=["tables", "sane_lists"], output_format="html")
    return sanitize_html(html)
