"""Render a topic or a section as an HTML fragment: escaped, then sanitized with nh3 before it is frozen."""

from functools import lru_cache
from html import escape

import nh3
import orjson

from api.build.representation import Representation, freeze_html
from api.build.store import Store
from api.i18n.negotiate import Negotiation

TAGS = {"article", "section", "h2", "h3", "p", "ul", "li", "strong", "a", "footer", "small"}
ATTRIBUTES = {
    "article": {"lang", "dir", "class"},
    "section": {"lang", "dir", "class", "id"},
    "a": {"href"},
    "footer": {"class"},
}


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


def block_html(block: dict) -> str:
    """Return one paragraph, labelled list or link list."""
    if block["type"] == "paragraph":
        return f"<p>{escape(block['text'])}</p>"
    if block["type"] == "list":
        label = f"<h3>{escape(block['label'])}</h3>" if block.get("label") else ""
        items = "".join(
            "<li>" + (f"<strong>{escape(i['term'])}</strong> " if i.get("term") else "") + escape(i.get("text") or "")
            + "</li>"
            for i in block["items"]
        )  # fmt: skip
        return f"{label}<ul>{items}</ul>"
    links = "".join(
        f'<li><a href="{escape(link["url"])}">{escape(link["label"])}</a> — {escape(link["purpose"])}</li>'
        for link in block["links"]
    )
    return f"<ul>{links}</ul>"


def attribution_html(attribution: dict) -> str:
    """Return the attribution line: author, publisher and a link to the source site."""
    source = f'<a href="{escape(attribution["source_url"])}">{escape(attribution["source_site"])}</a>'
    names = f"{escape(attribution['author'])} · {escape(attribution['publisher'])} · {source}"
    return f'<footer class="patient-content-attribution"><small>{names}</small></footer>'


def section_html(section: dict, requested: str, attribution: dict | None) -> str:
    """Return a section as a sanitized fragment (with the attribution line when given)."""
    blocks = "".join(block_html(block) for block in section["blocks"])
    footer = attribution_html(attribution) if attribution else ""
    html = (
        f'<section class="patient-content-section" id="{escape(section["id"])}" '
        f"{state_attributes(section, requested)}><h2>{escape(section['heading'])}</h2>{blocks}{footer}</section>"
    )
    return sanitize(html)


def topic_html(topic: dict) -> str:
    """Return a whole topic as a sanitized fragment: title, sections, attribution."""
    sections = "".join(section_html(section, topic["requested_locale"], None) for section in topic["sections"])
    html = (
        f'<article class="patient-content-topic" {state_attributes(topic, topic["requested_locale"])}>'
        f"<h2>{escape(topic['title'])}</h2><p>{escape(topic['scope_note'])}</p>{sections}"
        f"{attribution_html(topic['attribution'])}</article>"
    )
    return sanitize(html)


@lru_cache(maxsize=16384)
def section_fragment(store: Store, topic_id: str, version: int, section_id: str, negotiation: Negotiation):
    """Return the section's fragment, built once from the same body as its JSON, with its own ETag."""
    source: Representation = store.section(topic_id, version, section_id, negotiation)
    body = orjson.loads(source.body)
    html = section_html(body, body["requested_locale"], body["attribution"])
    return freeze_html(html, source.modified, source.content_language)


@lru_cache(maxsize=4096)
def topic_fragment(store: Store, topic_id: str, version: int, negotiation: Negotiation):
    """Return the topic's fragment, built once from the same body as its JSON, with its own ETag."""
    source: Representation = store.topic(topic_id, version, negotiation)
    return freeze_html(topic_html(orjson.loads(source.body)), source.modified, source.content_language)
