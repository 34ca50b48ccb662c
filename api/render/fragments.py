"""Render a topic or a section as an HTML fragment: escaped, then sanitized with nh3 before it is frozen."""

from functools import lru_cache
from html import escape

import nh3
import orjson

from api.config import cache_entries
from api.i18n.negotiate import Negotiation
from api.render.notices import notices_html, whole_topic_fell_back
from api.render.representation import Representation, freeze_html
from api.render.scripts import isolated_html
from api.render.store import Store

ENTRIES = cache_entries()  # REPRESENTATION_CACHE_ENTRIES: what one cache keeps per worker


HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
TAGS = {"article", "section", *HEADINGS, "p", "ul", "li", "strong", "a", "small", "bdi"}
ATTRIBUTES = {
    "article": {"lang", "dir", "class"},
    "section": {"lang", "dir", "class", "id"},
    "a": {"href"},
    "p": {"class", "lang", "dir"},
}
FULL_STOPS = tuple(".:?!。：？！")  # a term ending in one of these needs no separator of its own


def sanitize(html: str) -> str:
    """Keep only our structural tags; links get rel="noopener noreferrer"; no script, style or handlers."""
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, generic_attribute_prefixes={"data-"},
                     url_schemes={"https", "http"}, link_rel="noopener noreferrer")  # fmt: skip


def state_attributes(served: dict, requested: str) -> str:
    """Return lang, dir and the data attributes that say which locale was served and why."""
    fallback = served.get("fallback") or {}
    attributes = {
        "lang": served["locale"],
        "dir": served["direction"],
        "data-locale": served["locale"],
        "data-requested-locale": requested,
        "data-review": served["review"]["status"],
        **({"data-fallback-from": fallback["from"], "data-fallback-reason": fallback["reason"]} if fallback else {}),
    }
    return " ".join(f'{name}="{escape(value)}"' for name, value in attributes.items())


def term_separator(term: str, locale: str) -> str:
    """Return what goes between a term and its text, so that a screen reader pauses: a colon in the locale's style."""
    if term.rstrip().endswith(FULL_STOPS):
        return " "
    return {"zh": "：", "fr": "\u202f: "}.get(locale.split("-")[0], ": ")


def item_html(item: dict, locale: str, direction: str = "ltr") -> str:
    """Return one list item: its term in bold, a separator, its text."""
    term, text = item.get("term"), item.get("text") or ""
    if not term:
        return f"<li>{isolated_html(text, direction)}</li>"
    separator = term_separator(term, locale) if text else ""
    return f"<li><strong>{isolated_html(term, direction)}</strong>{separator}{isolated_html(text, direction)}</li>"


def heading(level: int, text: str, direction: str = "ltr") -> str:
    """Return a heading at this level (levels past 6 stay at 6); in right-to-left text its Latin runs isolated."""
    level = min(max(level, 1), 6)
    return f"<h{level}>{isolated_html(text, direction)}</h{level}>"


def block_html(block: dict, level: int = 2, locale: str = "en", direction: str = "ltr") -> str:
    """Return one paragraph, labelled list or link list; a list's label is a heading one level under level.

    In right-to-left text every left-to-right run (names, codes, numbers, URLs) is a <bdi>, so that its
    neutral characters stay with it."""
    text = lambda value: isolated_html(value, direction)  # noqa: E731
    if block["type"] == "paragraph":
        return f"<p>{text(block['text'])}</p>"
    if block["type"] == "list":
        label = heading(level + 1, block["label"], direction) if block.get("label") else ""
        return f"{label}<ul>{''.join(item_html(item, locale, direction) for item in block['items'])}</ul>"
    links = "".join(
        f'<li><a href="{escape(link["url"])}">{text(link["label"])}</a> — {text(link["purpose"])}</li>'
        for link in block["links"]
    )
    return f"<ul>{links}</ul>"


def attribution_html(attribution: dict) -> str:
    """Return the attribution line: author, publisher and a link to the source site."""
    source = f'<a href="{escape(attribution["source_url"])}">{escape(attribution["source_site"])}</a>'
    names = f"{escape(attribution['author'])} · {escape(attribution['publisher'])} · {source}"
    return f'<p class="patient-content-attribution" lang="en" dir="ltr"><small>{names}</small></p>'


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
