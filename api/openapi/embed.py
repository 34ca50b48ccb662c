"""The patient-facing routes of openapi.yaml: the widget script, the iframe pages, the handout and the demo page."""

from api.openapi.reads import LOCALIZED, html_ok, ok

PAGE_HEADERS = ("ETag", "Cache-Control", "Content-Language", "Content-Security-Policy")
WIDGET_VERSION = {
    "in": "query",
    "name": "v",
    "description": "The widget's version (its ETag). The current one makes the response immutable; any other "
    "value gets the current script with the short cache lifetime, so an old page keeps working.",
    "schema": {"type": "string"},
}
CONTENT_SECURITY_POLICY = {
    "description": "default-src 'none'; only the page's own inline style and script, by hash. On the iframe "
    "page frame-ancestors is EMBED_FRAME_ANCESTORS; the demo page may not be framed.",
    "schema": {"type": "string"},
}


def script_ok(description: str) -> dict:
    """Return the 200 and 304 responses of the widget script."""
    responses = ok("TopicResponse", description, ("ETag", "Cache-Control", "Vary", "Content-Encoding"))
    responses["200"]["content"] = {"text/javascript": {"schema": {"type": "string"}}}
    return responses


def pdf_ok() -> dict:
    """Return the 200 and 304 responses of the handout."""
    responses = ok("TopicResponse", HANDOUT, LOCALIZED)
    responses["200"]["content"] = {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}
    return responses


HANDOUT = (
    "The title, the sections, the fallback and unreviewed notices, the attribution with its source URL, the "
    "served language, the content version, catalog revision and date (in every page's footer), and a QR code to "
    "/v1/embed/{topic_id} in the served locale, without a version: it opens the latest. \"Read this online in your "
    "language\" only when the served locale is the one asked for. Built once per topic, version, locale, sections "
    "and paper."
)
EMBED_ROUTES = {
    "/v1/embed.js": (
        "getWidget",
        "The <patient-content> custom element: one dependency-free script",
        [WIDGET_VERSION, "AcceptEncoding", "IfNoneMatch", "IfModifiedSince"],
        script_ok(
            "Load it with a deferred script element whose src is `/v1/embed.js?v=…` (the demo page shows the "
            "current URL), then use the `patient-content` element with topic, section and locale attributes. "
            "Without locale it follows the browser."
        ),
        (405,),
    ),
    "/v1/embed/{topic_id}/{section_id}": (
        "getFramePage",
        "One section as a standalone HTML page for an iframe, for portals that allow no third-party script",
        ["topic", "section", "locale", "version", "rev", "AcceptLanguage", "IfNoneMatch", "IfModifiedSince"],
        html_ok(
            "A whole page with lang and dir. It posts {type: 'patient-content:resize', height} to its parent.",
            (*LOCALIZED, "Content-Security-Policy"),
        ),
        (400, 404, 405),
    ),
    "/v1/embed/{topic_id}": (
        "getTopicPage",
        "A whole topic as a standalone HTML page: the online version a handout's QR code points to",
        ["topic", "locale", "version", "rev", "AcceptLanguage", "IfNoneMatch", "IfModifiedSince"],
        html_ok(
            "A whole page with lang, dir and the notices, like a section's.", (*LOCALIZED, "Content-Security-Policy")
        ),
        (400, 404, 405),
    ),
    "/v1/topics/{topic_id}/handout.pdf": (
        "getHandout",
        "A printable handout of the topic, or of chosen sections, in one locale: a tagged PDF (PDF/UA-1)",
        ["topic", "locale", "version", "rev", "paper", "sections", "AcceptLanguage", "IfNoneMatch", "IfModifiedSince"],
        pdf_ok(),
        (400, 404, 405),
    ),
    "/": (
        "getDemoPage",
        "The demo page: every topic through the widget, a switcher across every locale, the code to copy",
        ["IfNoneMatch", "IfModifiedSince"],
        html_ok("An HTML page.", PAGE_HEADERS),
        (405,),
    ),
}
