"""The knowledge feed in MedlinePlus Connect's JSON shape, field for field where our data has the field.

MedlinePlus Connect answers {"feed": {"title", "subtitle", "author": {"name", "uri"}, "updated", "category": [the
request's parameters as {scheme, term}], "id", "entry": [...]}}, each text as {"_value": ...}; EHR code reads
feed.author.name._value and feed.entry[i].link[0].href. Ours adds "lang", "contributor" (Atom's) and, per entry,
"served" and "source" under keys MedlinePlus does not use.
"""

import hashlib
from datetime import datetime
from functools import lru_cache

import orjson

from api.i18n.negotiate import Negotiation
from api.render.knowledge import SERVICE_NAME, knowledge_feed
from api.render.representation import BuildError, Representation
from api.render.store import Store
from api.schemas.interop import KnowledgeFeedSchema


def person(name: str, uri: str | None = None) -> dict:
    """Return an Atom person in JSON: {"name": {"_value": ...}, "uri": {"_value": ...}}."""
    return {"name": {"_value": name}, **({"uri": {"_value": uri}} if uri else {})}


def feed_author(feed: dict, base: str) -> dict:
    """Return the feed's one author: the topics' authors (with the source's URL when one topic), else ours."""
    if not feed["authors"] or feed["authors"] == [SERVICE_NAME]:
        return person(SERVICE_NAME, base)
    uris = [url for _, _, url in feed["contributors"]]
    return person("; ".join(feed["authors"]), uris[0] if len(uris) == 1 else None)


def feed_json(feed: dict, base: str, echo: tuple[tuple[str, str], ...], subtitle: str) -> bytes:
    """Return the feed as MedlinePlus Connect's JSON, echoing the request's parameters as categories."""
    entries = [
        {
            "lang": e["lang"],
            "title": {"_value": e["title"], "type": "text"},
            "link": e["links"],
            "id": {"_value": e["id"]},
            "updated": {"_value": e["updated"]},
            "summary": {"_value": e["summary"], "type": "html"},
            **({"source": {"id": {"_value": e["source"]}}} if e["source"] else {}),
            "served": e["served"],
        }
        for e in feed["entries"]
    ]
    body = {
        "lang": feed["lang"],
        "title": {"_value": feed["title"], "type": "text"},
        "subtitle": {"_value": subtitle, "type": "text"},
        "author": feed_author(feed, base),
        "updated": {"_value": feed["updated"]},
        "category": [{"scheme": scheme, "term": term} for scheme, term in echo],
        "id": {"_value": feed["id"]},
        "contributor": [person(f"{publisher} ({site})", url) for publisher, site, url in feed["contributors"]],
        "entry": entries,
    }
    return orjson.dumps({"feed": body})


@lru_cache(maxsize=4096)
def knowledge_json(store: Store, topics: tuple[str, ...], negotiation: Negotiation, base: str, echo: tuple,
                   subtitle: str) -> Representation:  # fmt: skip
    """Return the JSON feed for these topics and this request's echo, built once, with its ETag."""
    feed = knowledge_feed(store, topics, negotiation, base)
    raw = feed_json(feed, base, echo, subtitle)
    if errors := KnowledgeFeedSchema().validate(orjson.loads(raw)):
        raise BuildError(f"KnowledgeFeedSchema: {errors}")
    languages = ", ".join(dict.fromkeys([feed["lang"], *(entry["lang"] for entry in feed["entries"])]))
    modified = datetime.fromisoformat(feed["updated"])
    return Representation(raw, hashlib.blake2b(raw, digest_size=16).hexdigest(), modified, languages,
                          "application/json")  # fmt: skip
