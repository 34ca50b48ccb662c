"""Shared parameters and response headers of openapi.yaml."""

from api.http.offline import MAX_BUNDLE_PAGE, MAX_PAGE_TOKEN, MAX_TOPICS
from api.i18n.tags import MAX_TAG_LENGTH, WELL_FORMED_TAG
from api.render.cursor import MAX_CURSOR
from api.render.handout import MAX_SECTIONS_QUERY
from api.render.listings import MAX_CURSOR as MAX_LIST_CURSOR
from api.render.listings import MAX_PAGE_LIMIT, PAGE_LIMIT, TOPIC_ID
from api.render.offline import BUNDLE_PAGE, PAGE_TOKEN

PARAMETERS = {
    "locale": {
        "in": "query",
        "name": "locale",
        "description": "BCP 47 tag (`_` accepted for `-`, any case). Overrides Accept-Language. Malformed: 400.",
        "schema": {"type": "string", "maxLength": MAX_TAG_LENGTH, "pattern": WELL_FORMED_TAG, "examples": ["es-MX"]},
    },
    "version": {
        "in": "query",
        "name": "version",
        "description": "Pin a published version. Pinned responses are immutable.",
        "schema": {"type": "integer", "minimum": 1, "maximum": 2147483647},
    },
    "rev": {
        "in": "query",
        "name": "rev",
        "description": "Pin a translation too: the ETag (without quotes) from Content-Location. With version, the "
        "response is immutable and these bytes are served for good, even after a translator's fix; without "
        "version, rev is looked up in the latest version. A revision the service does not have: 404.",
        "schema": {"type": "string", "pattern": "^[0-9a-f]{32}$"},
    },
    "AcceptLanguage": {
        "in": "header",
        "name": "Accept-Language",
        "description": "Used when ?locale= is absent. q-values and `*` are honoured; malformed entries are ignored.",
        "schema": {"type": "string"},
    },
    "IfModifiedSince": {
        "in": "header",
        "name": "If-Modified-Since",
        "description": "Ignored: representations built from catalogs have no exact change date, so the ETag "
        "(If-None-Match) is their only validator.",
        "schema": {"type": "string"},
    },
    "IfNoneMatch": {
        "in": "header",
        "name": "If-None-Match",
        "description": "Entity tags (or `*`); a match gets 304 Not Modified.",
        "schema": {"type": "string"},
    },
    "bundleLocale": {
        "in": "path",
        "name": "bundle_locale",
        "required": True,
        "schema": {"type": "string", "maxLength": MAX_TAG_LENGTH, "pattern": WELL_FORMED_TAG},
    },
    "AcceptEncoding": {"in": "header", "name": "Accept-Encoding", "schema": {"type": "string"}},
    "since": {
        "in": "query",
        "name": "since",
        "description": "The cursor from the bundle (cursor; of a paged bundle, its last page's) or from the previous "
        "answer (next): at most 64 characters, whatever the library's size. A cursor of an older format (c1., c2.) "
        "or a longer value is a 400: sync again from the bundle.",
        "schema": {"type": "string", "maxLength": MAX_CURSOR},
    },
    "topics": {
        "in": "query",
        "name": "topics",
        "description": f"Comma-separated topic ids (1 to {MAX_TOPICS}): only these topics, so that an app follows "
        "what it shows. A cursor follows the topics of the bundle it came from: send the same topics= with it. "
        "An unknown topic id: 404.",
        "schema": {
            "type": "string",
            "pattern": f"^{TOPIC_ID}(,{TOPIC_ID}){{0,{MAX_TOPICS - 1}}}$",
            "examples": ["muscle-spasms"],
        },
    },
    "bundleLimit": {
        "in": "query",
        "name": "limit",
        "description": f"Topics per page (default {BUNDLE_PAGE}); next names the following page.",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_BUNDLE_PAGE},
    },
    "bundlePage": {
        "in": "query",
        "name": "page",
        "description": "A page token, as the previous page's next link gives it. Anything else: 400.",
        "schema": {"type": "string", "maxLength": MAX_PAGE_TOKEN, "pattern": f"^{PAGE_TOKEN.pattern}$"},
    },
    "topicsLimit": {
        "in": "query",
        "name": "limit",
        "description": f"Topics per page (default {PAGE_LIMIT}).",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_LIMIT},
    },
    "topicsCursor": {
        "in": "query",
        "name": "cursor",
        "description": "The page to start after, as the previous page's next link (body next, Link rel=next) "
        "gives it. Anything else: 400.",
        "schema": {"type": "string", "maxLength": MAX_LIST_CURSOR, "pattern": f"^{TOPIC_ID}$"},
    },
    "changesLocale": {
        "in": "query",
        "name": "locale",
        "description": "List only this locale's changes (the one an app holds). A cursor from a bundle follows "
        "its locale already; a different locale is a 400.",
        "schema": {"type": "string", "maxLength": MAX_TAG_LENGTH, "pattern": WELL_FORMED_TAG, "examples": ["es"]},
    },
    "limit": {"in": "query", "name": "limit", "schema": {"type": "integer", "minimum": 1, "maximum": 5000}},
    "headingLevel": {
        "in": "query",
        "name": "heading-level",
        "description": "The level of the fragment's top heading, so that it fits the host page's outline; a topic's "
        "sections nest one level under its title. Kept in Content-Location.",
        "schema": {"type": "integer", "minimum": 1, "maximum": 5, "default": 2},
    },
    "paper": {
        "in": "query",
        "name": "paper",
        "description": "a4 or letter. Default: by the requested locale's region (CLDR: US Letter in the US, "
        "Canada, Mexico, the Philippines and parts of Latin America; A4 elsewhere).",
        "schema": {"type": "string", "enum": ["a4", "letter"]},
    },
    "theme": {
        "in": "query",
        "name": "theme",
        "description": "The iframe page's color scheme: light (default, like most portal pages), dark, or auto "
        "(the patient's system setting, prefers-color-scheme). Kept in Content-Location.",
        "schema": {"type": "string", "enum": ["auto", "light", "dark"], "default": "light"},
    },
    "sections": {
        "in": "query",
        "name": "sections",
        "description": "Comma-separated section ids of the topic, printed in the topic's order (default: all). "
        "An id the topic lacks: 400. Content-Location names them in canonical order.",
        "schema": {
            "type": "string",
            "maxLength": MAX_SECTIONS_QUERY,
            "pattern": "^[^,]+(,[^,]+)*$",
            "examples": ["definition,concerning-signs"],
        },
    },
    "topic": {"in": "path", "name": "topic_id", "required": True, "schema": {"type": "string", "maxLength": 200}},
    "section": {"in": "path", "name": "section_id", "required": True, "schema": {"type": "string", "maxLength": 200}},
}
HEADERS = {
    "ETag": {"description": "Strong entity tag of this representation.", "schema": {"type": "string"}},
    "Content-Disposition": {
        "description": "inline, with a file name of the topic and the served locale, such as "
        '`inline; filename="muscle-spasms-es.pdf"`.',
        "schema": {"type": "string"},
    },
    "Cache-Control": {
        "description": "Immutable for a revision URL (?version=&rev=) and for a version no catalog can change "
        "(the source language); otherwise short (LATEST_MAX_AGE). no-store for probes and errors.",
        "schema": {"type": "string"},
    },
    "Content-Language": {"description": "The locale(s) served, topic locale first.", "schema": {"type": "string"}},
    "Vary": {"description": "Accept-Language when the header chose the locale.", "schema": {"type": "string"}},
    "Content-Encoding": {"description": "gzip when the client accepts it.", "schema": {"type": "string"}},
    "Link": {
        "description": 'The next page (RFC 8288): `</v1/topics?...>; rel="next"`; absent on the last page.',
        "schema": {"type": "string"},
    },
    "Content-Location": {
        "description": "The explicit URL of this representation: locale and version and, where a catalog "
        "can change it, rev (its ETag). That URL is immutable.",
        "schema": {"type": "string"},
    },
}
