"""Write a knowledge feed as Atom (RFC 4287) following the Infobutton Atom profile, and freeze both encodings.

Elements are named as they are written ("entry", "pc:served", "xml:lang") and the namespaces are declared as
attributes, so ElementTree's process-wide prefix registry, which other libraries change (WeasyPrint calls
register_namespace("", "")), never takes part in the bytes: one URL, one ETag, on every worker.
"""

import hashlib
import xml.etree.ElementTree as ET
from datetime import datetime
from functools import lru_cache

from api.config import cache_entries
from api.i18n.negotiate import Negotiation
from api.render.knowledge import knowledge_feed
from api.render.representation import Representation
from api.render.store import Store

ENTRIES = cache_entries()  # REPRESENTATION_CACHE_ENTRIES: what one cache keeps per worker


ATOM = "http://www.w3.org/2005/Atom"
SERVED = "tag:patient-content-api,2026:served"  # our extension: served locale, fallback, review per entry
XML_LANG = "xml:lang"  # the xml prefix is bound by the XML specification itself; it is never declared
MEDIA_TYPES = {"text/xml": "text/xml; charset=utf-8", "application/atom+xml": "application/atom+xml; charset=utf-8",
               "application/json": "application/json"}  # fmt: skip


def child(parent: ET.Element, name: str, text: str | None = None, **attributes) -> ET.Element:
    """Append an Atom element with optional text and attributes."""
    element = ET.SubElement(parent, name, {k: v for k, v in attributes.items() if v is not None})
    element.text = text
    return element


def served_element(parent: ET.Element, served: dict) -> None:
    """Append <pc:served> saying which locale was served, why not the wanted one, and its review status."""
    fallback = served["fallback"] or {}
    attributes = {"locale": served["locale"], "requested-locale": served["requested_locale"],
                  "review": served["review"]["status"], "fallback-from": fallback.get("from"),
                  "fallback-reason": fallback.get("reason")}  # fmt: skip
    ET.SubElement(parent, "pc:served", {k: v for k, v in attributes.items() if v is not None})


def feed_atom(feed: dict, echo: tuple[tuple[str, str], ...] = (), subtitle: str | None = None) -> bytes:
    """Return the feed as Atom XML: MedlinePlus Connect's subtitle and request echo, then authors and entries."""
    declarations = {"xmlns": ATOM, **({"xmlns:pc": SERVED} if feed["entries"] else {})}
    root = ET.Element("feed", {**declarations, XML_LANG: feed["lang"]})
    child(root, "title", feed["title"], type="text")
    if subtitle is not None:
        child(root, "subtitle", subtitle, type="text")
    for name in feed["authors"]:
        child(child(root, "author"), "name", name)
    child(root, "updated", feed["updated"])
    for scheme, term in echo:  # the request's parameters, as MedlinePlus Connect echoes them
        child(root, "category", scheme=scheme, term=term)
    child(root, "id", feed["id"])
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
def knowledge_response(store: Store, topics: tuple[str, ...], negotiation: Negotiation, kind: str, base: str,
                       echo: tuple[tuple[str, str], ...] = (), subtitle: str | None = None):  # fmt: skip
    """Return the feed for these topics and this request's echo as Atom, built once, with its ETag.

    The key is what the body depends on: the topics a code matched and the request's parameters, which the feed
    echoes as categories, as MedlinePlus Connect does.
    """
    feed = knowledge_feed(store, topics, negotiation, base)
    raw = feed_atom(feed, echo, subtitle)
    modified = datetime.fromisoformat(feed["updated"])
    languages = ", ".join(dict.fromkeys([feed["lang"], *(entry["lang"] for entry in feed["entries"])]))
    return Representation(raw, hashlib.blake2b(raw, digest_size=16).hexdigest(), modified, languages,
                          MEDIA_TYPES[kind])  # fmt: skip
