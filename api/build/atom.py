"""Write a knowledge feed as Atom (RFC 4287) following the Infobutton Atom profile, and freeze both encodings."""

import hashlib
import xml.etree.ElementTree as ET
from datetime import datetime
from functools import lru_cache

import orjson

from api.build.knowledge import feed_json, knowledge_feed
from api.build.representation import BuildError, Representation
from api.build.store import Store
from api.config import cache_entries
from api.i18n.negotiate import Negotiation
from api.schemas.interop import KnowledgeFeedSchema

ENTRIES = cache_entries()  # REPRESENTATION_CACHE_ENTRIES: what one cache keeps per worker


ATOM = "http://www.w3.org/2005/Atom"
SERVED = "tag:patient-content-api,2026:served"  # our extension: served locale, fallback, review per entry
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ET.register_namespace("", ATOM)
ET.register_namespace("pc", SERVED)
MEDIA_TYPES = {"text/xml": "text/xml; charset=utf-8", "application/atom+xml": "application/atom+xml; charset=utf-8",
               "application/json": "application/json"}  # fmt: skip


def child(parent: ET.Element, name: str, text: str | None = None, **attributes) -> ET.Element:
    """Append an Atom element with optional text and attributes."""
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}", {k: v for k, v in attributes.items() if v is not None})
    element.text = text
    return element


def served_element(parent: ET.Element, served: dict) -> None:
    """Append <pc:served> saying which locale was served, why not the wanted one, and its review status."""
    fallback = served["fallback"] or {}
    attributes = {"locale": served["locale"], "requested-locale": served["requested_locale"],
                  "review": served["review"]["status"], "fallback-from": fallback.get("from"),
                  "fallback-reason": fallback.get("reason")}  # fmt: skip
    ET.SubElement(parent, f"{{{SERVED}}}served", {k: v for k, v in attributes.items() if v is not None})


def feed_atom(feed: dict) -> bytes:
    """Return the feed as Atom XML: xml:lang on feed and entries, links with href, rel, type, hreflang, title."""
    root = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: feed["lang"]})
    child(root, "title", feed["title"], type="text")
    child(root, "id", feed["id"])
    child(root, "updated", feed["updated"])
    for name in feed["authors"]:
        child(child(root, "author"), "name", name)
    for publisher, site, url in feed["contributors"]:
        contributor = child(root, "contributor")
        child(contributor, "name", f"{publisher} ({site})")
        child(contributor, "uri", url)
        child(root, "link", href=url, rel="via", type="text/html", title=site)
    for entry in feed["entries"]:
        element = child(root, "entry", **{XML_LANG: entry["lang"]})
        child(element, "title", entry["title"], type="text")
        for link in entry["links"]:
            child(element, "link", **link)
        child(element, "id", entry["id"])
        child(element, "updated", entry["updated"])
        child(element, "summary", entry["summary"], type="html")
        if entry["source"]:
            child(child(element, "source"), "id", entry["source"])
        served_element(element, entry["served"])
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


@lru_cache(maxsize=ENTRIES)
def knowledge_response(store: Store, topics: tuple[str, ...], negotiation: Negotiation, kind: str, base: str):
    """Return the feed for these topics in one encoding, built once, with its ETag.

    The key is what the body depends on (the topics a code matched, not the code as spelled), so every
    spelling of every code that finds the same topics shares one representation.
    """
    feed = knowledge_feed(store, topics, negotiation, base)
    raw = feed_json(feed) if kind == "application/json" else feed_atom(feed)
    if kind == "application/json" and (errors := KnowledgeFeedSchema().validate(orjson.loads(raw))):
        raise BuildError(f"KnowledgeFeedSchema: {errors}")
    modified = datetime.fromisoformat(feed["updated"])
    languages = ", ".join(dict.fromkeys([feed["lang"], *(entry["lang"] for entry in feed["entries"])]))
    return Representation(raw, hashlib.blake2b(raw, digest_size=16).hexdigest(), modified, languages,
                          MEDIA_TYPES[kind])  # fmt: skip
