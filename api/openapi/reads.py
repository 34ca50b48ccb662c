"""The read routes of openapi.yaml: topics, sections, fragments, listings, offline sync and probes."""

PROBLEM = {"content": {"application/problem+json": {"schema": "Problem"}}}


NOT_ON_304 = ("Content-Language", "Content-Encoding")  # RFC 9110 15.4.5: a 304 sends no content metadata


def ok(schema: str, description: str, headers=("ETag", "Cache-Control")) -> dict:
    """Return the 200 and 304 responses of a read route (the 304 with what RFC 9110 15.4.5 lets it carry)."""
    refs = {name: {"$ref": f"#/components/headers/{name}"} for name in headers}
    kept = {name: ref for name, ref in refs.items() if name not in NOT_ON_304}
    return {
        "200": {"description": description, "headers": refs, "content": {"application/json": {"schema": schema}}},
        "304": {"description": "Not Modified: the If-None-Match tag matches.", "headers": kept},
    }


def html_ok(description: str, headers) -> dict:
    """Return the 200 and 304 responses of an HTML fragment route."""
    responses = ok("TopicResponse", description, headers)
    responses["200"]["content"] = {"text/html": {"schema": {"type": "string"}}}
    return responses


def problems(*statuses: int) -> dict:
    """Return the problem responses a route can give."""
    reasons = {400: "Malformed parameter.", 404: "Unknown topic, section, version or route.", 405: "Wrong method."}
    return {str(s): {"description": reasons[s], **PROBLEM} for s in statuses}


def probe(description: str) -> dict:
    """Return a health probe's response."""
    return {
        "description": description,
        "headers": {"Cache-Control": {"$ref": "#/components/headers/Cache-Control"}},
        "content": {"application/json": {"schema": "Health"}},
    }


BUNDLE_HEADERS = ("ETag", "Cache-Control", "Content-Language", "Vary", "Content-Encoding")
LOCALIZED = ("ETag", "Cache-Control", "Content-Language", "Vary", "Content-Location")
ROUTES = {
    "/v1/topics": (
        "listTopics",
        "List topics",
        ["locale", "topicsLimit", "topicsCursor", "AcceptLanguage", "IfNoneMatch", "IfModifiedSince"],
        ok(
            "TopicList",
            "A page of topics, in id order, with localized title; next names the following page.",
            (*LOCALIZED, "Link"),
        ),
        (400, 405),
    ),
    "/v1/topics/{topic_id}": (
        "getTopic",
        "A topic with all its sections",
        ["topic", "locale", "version", "rev", "AcceptLanguage", "IfNoneMatch", "IfModifiedSince"],
        ok("TopicResponse", "The topic; each section carries its own locale.", LOCALIZED),
        (400, 404, 405),
    ),
    "/v1/topics/{topic_id}/sections/{section_id}": (
        "getSection",
        "One section, whole, in one locale",
        ["topic", "section", "locale", "version", "rev", "AcceptLanguage", "IfNoneMatch", "IfModifiedSince"],
        ok("SectionResponse", "The section; fallback says why it is not in the wanted locale.", LOCALIZED),
        (400, 404, 405),
    ),
    "/v1/topics/{topic_id}/fragment": (
        "getTopicFragment",
        "A topic as a sanitized HTML fragment (an explicit route, so caches key on the URL)",
        ["topic", "locale", "version", "rev", "headingLevel", "AcceptLanguage", "IfNoneMatch", "IfModifiedSince"],
        html_ok(
            "An <article> with lang, dir and data-locale / data-fallback-* attributes; its title, then "
            "p.patient-content-notice (see the section fragment), then its sections one heading level under.",
            LOCALIZED,
        ),
        (400, 404, 405),
    ),
    "/v1/topics/{topic_id}/sections/{section_id}/fragment": (
        "getSectionFragment",
        "One section as a sanitized HTML fragment, with its attribution line",
        [
            "topic",
            "section",
            "locale",
            "version",
            "rev",
            "headingLevel",
            "AcceptLanguage",
            "IfNoneMatch",
            "IfModifiedSince",
        ],
        html_ok(
            "A <section> with lang, dir and data-locale / data-fallback-* attributes. Just after its heading, "
            "p.patient-content-notice-fallback says, in the wanted language, that the section is shown in "
            "another language, and p.patient-content-notice-unreviewed that its translation is not yet "
            "medically reviewed (and, when review.method says so, that it was made with the help of AI). Each "
            "notice's lang and dir are those of its words: a locale whose api catalog lacks the message gets the "
            "next locale of its chain, in the end English. A portal that hides them must tell patients itself.",
            LOCALIZED,
        ),
        (400, 404, 405),
    ),
    "/v1/topics/{topic_id}/versions": (
        "listVersions",
        "A topic's published versions",
        ["topic", "IfNoneMatch", "IfModifiedSince"],
        ok("VersionList", "Every published version, oldest first."),
        (404, 405),
    ),
    "/v1/bundles/{bundle_locale}": (
        "getBundle",
        "What an app needs for one locale, a page at a time: the topics' latest versions and the locale",
        ["bundleLocale", "topics", "bundleLimit", "bundlePage", "AcceptEncoding", "IfNoneMatch", "IfModifiedSince"],
        ok("Bundle", "A page of the bundle, gzip-compressed when Accept-Encoding allows.", BUNDLE_HEADERS),
        (400, 404, 405),
    ),
    "/v1/changes": (
        "listChanges",
        "What the holder of a cursor lacks: (topic, locale, version, catalog revision, URL)",
        ["since", "changesLocale", "topics", "limit"],
        {
            "200": {
                "description": "A page of changes and the cursor to send next.",
                "headers": {"Cache-Control": {"$ref": "#/components/headers/Cache-Control"}},
                "content": {"application/json": {"schema": "ChangeFeed"}},
            }
        },
        (400, 404, 405),
    ),
    "/healthz": ("healthz", "Liveness", [], {"200": probe("Up.")}, (405,)),
    "/readyz": (
        "readyz",
        "Readiness",
        [],
        {"200": probe("Content loaded: gunicorn's preload_app loads it before any worker answers.")},
        (405,),
    ),
}
