"""Guideline articles the tools link to: slug -> title (titles as planned in the library).

The library's own title is used when the article is loaded; this table is the fallback, so a
result page never breaks while content is being written.
"""
ARTICLE_TITLES = {
    "copyright-basics/copyright-duration-public-domain": "How long copyright lasts; the public domain",
    "copyright-basics/notice-and-registration": "Copyright notice and registration",
    "copyright-basics/creative-commons": "Creative Commons licences and how to attribute",
    "copyright-basics/licenses-terms-of-service": "Licences and terms of service versus copyright",
    "fair-use/four-factors": "The four fair-use factors (17 U.S.C. 107)",
    "fair-use/transformative-use-warhol": "Transformative use after Warhol v. Goldsmith (2023)",
    "fair-use/classroom-copying-guidelines": "The 1976 classroom copying guidelines: a safe harbour, not a limit",
    "fair-use/documenting-fair-use": "Documenting a fair-use decision and why it matters (s.504(c)(2))",
    "teaching-media/showing-films-in-class": "Showing films and videos in class (s.110(1))",
    "teaching-media/films-for-rewards-and-events": "Films for reward days, parties, clubs and fundraisers",
    "teaching-media/streaming-services-in-class": "Streaming services' terms in class",
    "teaching-media/off-air-recording": "Recording television broadcasts (off-air recording guidelines)",
    "teaching-media/teach-act-online-teaching": "The TEACH Act (s.110(2)) and online or hybrid teaching",
    "teaching-media/posting-in-lms": "Posting materials in a learning management system",
    "teaching-media/workbooks-consumables": "Workbooks and other consumables",
    "library-operations/section-108-library-copying": "Section 108: library copying for preservation, replacement and users",
    "library-operations/interlibrary-loan-rule-of-five": "Interlibrary loan and the CONTU \"rule of five\"",
    "library-operations/copyright-notices-copiers": "Copyright notices at copiers and order desks",
}


def article_link(slug: str) -> dict[str, str]:
    """{'url': '/library/<collection>/<name>', 'title': ..., 'content_hash': ...} for a 'collection/name' slug."""
    title = ARTICLE_TITLES.get(slug, slug.split("/")[-1].replace("-", " ").capitalize())
    content_hash = ""
    try:
        from app.library.content import current_library

        article = current_library().articles.get(slug)
        if article is not None:
            title, content_hash = article.title, article.content_hash
    except Exception:  # the library is optional for the tools; fall back to the planned title
        pass
    # The content hash pins the revision of the guidance a saved record relied on.
    return {"url": f"/library/{slug}", "title": title, "content_hash": content_hash}
