"""What an EHR gets for a diagnosis code: one entry per matching topic and one per section, with links."""

from html import escape
from urllib.parse import quote, urlencode

from api.i18n.negotiate import Negotiation
from api.render.fragments import section_fragment
from api.render.markup import sanitize, state_attributes
from api.render.store import Store

ID_PREFIX = "tag:patient-content-api,2026:"
SERVICE_NAME = "Patient content API"


def page_url(base: str, path: str, locale: str) -> str:
    """Return an absolute, explicit URL of one of our representations in one requested locale."""
    return f"{base}{quote(path)}?{urlencode({'locale': locale})}"


def served(body: dict, requested: str) -> dict:
    """Return what an entry says about its language: served locale, any fallback, and the review status."""
    return {"locale": body["locale"], "requested_locale": requested, "fallback": body["fallback"],
            "review": body["review"]}  # fmt: skip


def link(href: str, rel: str, media_type: str, hreflang: str, title: str) -> dict:
    """Return one link, with every attribute the Infobutton Atom profile names."""
    return {"href": href, "rel": rel, "type": media_type, "hreflang": hreflang, "title": title}


def links(base: str, asked: str, lang: str, title: str, page: str | None, path: str) -> list[dict]:
    """Return an entry's links: its iframe page (if any) first, then its JSON and its HTML fragment."""
    fragment = link(page_url(base, path + "/fragment", asked), "related" if page else "alternate", "text/html",
                    lang, title)  # fmt: skip
    found = [link(page_url(base, path, asked), "alternate", "application/json", lang, title)]
    if page is None:  # a topic has no page of its own: its fragment is what a person opens
        return [fragment, *found]
    return [link(page_url(base, page, asked), "alternate", "text/html", lang, title), *found, fragment]


def stamp(moment) -> str:
    """Return an RFC 3339 UTC timestamp."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def topic_entries(store: Store, topic_id: str, negotiation: Negotiation, base: str) -> list[dict]:
    """Return the topic's entry, then one flat entry per section pointing back to it, in the negotiated locale."""
    version, asked = store.latest(topic_id), negotiation.requested
    body = store.topic_body(topic_id, version, negotiation)
    topic_id_uri = f"{ID_PREFIX}{topic_id}/{version}/{body['locale']}"
    path = f"/v1/topics/{topic_id}"
    state = state_attributes(body, asked)  # lang, dir, data-locale, data-review, data-fallback-*
    summary = sanitize(
        f'<section class="patient-content-summary" {state}><p>{escape(body["scope_note"])}</p></section>'
    )
    entries = [
        {
            "id": topic_id_uri,
            "title": body["title"],
            "lang": body["locale"],
            "updated": stamp(store.topic(topic_id, version, negotiation).modified),
            "links": links(base, asked, body["locale"], body["title"], None, path),
            "summary": summary,
            "source": None,
            "served": served(body, asked),
        }
    ]
    for section in body["sections"]:
        section_path, heading, lang = f"{path}/sections/{section['id']}", section["heading"], section["locale"]
        fragment = section_fragment(store, topic_id, version, section["id"], negotiation)
        entries.append(
            {
                "id": f"{ID_PREFIX}{topic_id}/{version}/{section['id']}/{lang}",
                "title": heading,
                "lang": lang,
                "updated": stamp(store.section(topic_id, version, section["id"], negotiation).modified),
                "links": links(base, asked, lang, heading, f"/v1/embed/{topic_id}/{section['id']}", section_path),
                "summary": fragment.body.decode(),
                "source": topic_id_uri,
                "served": served(section, asked),
            }
        )
    return entries


def knowledge_feed(store: Store, topics: tuple[str, ...], negotiation: Negotiation, base: str) -> dict:
    """Return the feed for the topics that answer a code (none: an empty feed), as plain data."""
    entries = [entry for topic_id in topics for entry in topic_entries(store, topic_id, negotiation, base)]
    attributions = {store.library[t][-1].attribution for t in topics}
    updated = max((e["updated"] for e in entries), default=stamp(store.library_modified))
    return {
        "id": f"{ID_PREFIX}infobutton/{'+'.join(topics) or 'none'}/{negotiation.requested}",
        "title": "Patient education by diagnosis code",
        "lang": entries[0]["lang"] if entries else negotiation.chain[0],
        "updated": updated,
        "authors": sorted({a.author for a in attributions}) or [SERVICE_NAME],  # Atom: a feed has an author
        "contributors": sorted({(a.publisher, a.source_site, a.source_url) for a in attributions}),
        "entries": entries,
    }
