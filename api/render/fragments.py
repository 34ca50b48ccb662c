"""Render a topic or a section as an HTML fragment: escaped, then sanitized with nh3 before it is frozen."""

from functools import lru_cache
from html import escape

import orjson

from api.config import cache_entries
from api.i18n.negotiate import Negotiation
from api.render.markup import attribution_html, block_html, heading, sanitize, state_attributes
from api.render.notices import notices_html, whole_topic_fell_back
from api.render.representation import Representation, freeze_html
from api.render.scripts import isolated_html
from api.render.store import Store

ENTRIES = cache_entries()  # REPRESENTATION_CACHE_ENTRIES: what one cache keeps per worker


def section_html(
    section: dict, requested: str, attribution: dict | None, *, heading_level: int = 2, messages: dict | None = None,
    review_noted: str | None = None, fallback_noted: str | None = None,
) -> str:  # fmt: skip
    """Return a section as a sanitized fragment: heading, its notices, blocks, and the attribution when given.

    messages (store.messages) are the api catalogs' notices; review_noted is a locale whose unreviewed
    notice the enclosing topic already shows, fallback_noted one whose fallback notice it shows.
    """
    locale, direction = section["locale"], section["direction"]
    blocks = "".join(block_html(block, heading_level, locale, direction) for block in section["blocks"])
    notices = notices_html(messages or {}, section, requested, review_noted, fallback_noted)
    footer = attribution_html(attribution) if attribution else ""
    title = heading(heading_level, section["heading"], direction)
    html = (
        f'<section class="patient-content-section" id="{escape(section["id"])}" '
        f"{state_attributes(section, requested)}>{title}{notices}{blocks}"
        f"{footer}</section>"
    )
    return sanitize(html)


def repeats_scope_note(topic: dict) -> bool:
    """Return whether a section of the topic already says its scope note as a paragraph (then it shows once)."""
    paragraphs = (b["text"] for s in topic["sections"] for b in s["blocks"] if b["type"] == "paragraph")
    return topic["scope_note"].strip() in {text.strip() for text in paragraphs}


def noted_by(topic: dict) -> dict:
    """Return the locales whose unreviewed and fallback notices a topic shows once, under its title."""
    return {
        "review_noted": topic["locale"] if topic["review"]["status"] == "unreviewed" else None,
        "fallback_noted": topic["locale"] if topic.get("fallback") else None,
    }


def topic_html(topic: dict, *, heading_level: int = 2, messages: dict | None = None) -> str:
    """Return a whole topic as a sanitized fragment: title, notices, sections nested under it, attribution."""
    requested, table = topic["requested_locale"], messages or {}
    sections = "".join(
        section_html(section, requested, None, heading_level=heading_level + 1, messages=table, **noted_by(topic))
        for section in topic["sections"]
    )  # fmt: skip
    scope = "" if repeats_scope_note(topic) else f"<p>{isolated_html(topic['scope_note'], topic['direction'])}</p>"
    title = heading(heading_level, topic["title"], topic["direction"])
    notices = notices_html(table, topic, requested, whole_topic=whole_topic_fell_back(topic, topic["sections"]))
    html = (
        f'<article class="patient-content-topic" {state_attributes(topic, requested)}>'
        f"{title}{notices}{scope}{sections}"
        f"{attribution_html(topic['attribution'])}</article>"
    )
    return sanitize(html)


@lru_cache(maxsize=ENTRIES)
def section_fragment(
    store: Store, topic_id: str, version: int, section_id: str, negotiation: Negotiation, heading_level: int = 2
):
    """Return the section's fragment, built once from the same body as its JSON, with its own ETag."""
    source: Representation = store.section(topic_id, version, section_id, negotiation)
    body = orjson.loads(source.body)
    html = section_html(
        body, body["requested_locale"], body["attribution"], heading_level=heading_level, messages=store.messages
    )
    return freeze_html(html, source.modified, source.content_language)


@lru_cache(maxsize=ENTRIES)
def topic_fragment(store: Store, topic_id: str, version: int, negotiation: Negotiation, heading_level: int = 2):
    """Return the topic's fragment, built once from the same body as its JSON, with its own ETag."""
    source: Representation = store.topic(topic_id, version, negotiation)
    html = topic_html(orjson.loads(source.body), heading_level=heading_level, messages=store.messages)
    return freeze_html(html, source.modified, source.content_language)
