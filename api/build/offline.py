"""What an offline app syncs: one bundle per locale with its cursor, and a feed of what changed since a cursor."""

from dataclasses import replace
from functools import lru_cache
from urllib.parse import quote, urlencode

from api.build.cursor import CursorError, SyncState, decode_cursor, encode_cursor, locale_token
from api.build.localize import review_body
from api.build.representation import Representation, encode
from api.build.store import Store
from api.i18n.negotiate import Negotiation, Negotiator
from api.i18n.tags import describe
from api.schemas import offline as offline_schemas

ALL_LOCALES = "*"


@lru_cache(maxsize=64)
def server_state(store: Store, negotiator: Negotiator, scope: str) -> SyncState:
    """Return what a client following scope (one locale, or "*") holds once it is in step with this store."""
    tags = list(store.catalogs) if scope == ALL_LOCALES else [scope]
    tokens = {tag: locale_token(store.catalogs, negotiator.for_tag(tag).chain) for tag in tags}
    return SyncState(scope, tokens, {topic_id: versions[-1].version for topic_id, versions in store.library.items()})


@lru_cache(maxsize=64)
def build_bundle(store: Store, negotiator: Negotiator, negotiation: Negotiation) -> Representation:
    """Return every topic's latest version, the locale's metadata and the cursor of exactly this content."""
    tag = negotiation.chain[0]
    info, catalog = describe(tag), store.catalogs.get(tag)
    topics = [store.topic_body(t, versions[-1].version, negotiation) for t, versions in store.library.items()]
    locale = {"tag": tag, "english_name": info.english_name, "native_name": info.native_name,
              "direction": info.direction, "review": review_body(catalog),
              "catalog_revision": catalog.revision if catalog else None}  # fmt: skip
    cursor = encode_cursor(server_state(store, negotiator, tag))
    body = {"requested_locale": negotiation.requested, "locale": locale, "topics": topics, "cursor": cursor}
    languages = dict.fromkeys(s["locale"] for topic in topics for s in [topic, *topic["sections"]])
    return encode(body, offline_schemas.BundleSchema, None, ", ".join(languages))


def differing(held: SyncState, now: SyncState) -> list[tuple[str, str]]:
    """Return the (locale, topic) pairs whose representation the holder of held lacks, in a stable order."""
    return [
        (tag, topic_id)
        for tag in sorted(now.tokens)
        for topic_id in sorted(now.versions)
        if held.tokens.get(tag) != now.tokens[tag] or held.versions.get(topic_id) != now.versions[topic_id]
    ]


def change_entry(store: Store, negotiator: Negotiator, tag: str, topic_id: str) -> dict:
    """Return what changed for one topic in one locale, and the immutable URL of its current representation."""
    version, catalog = store.latest(topic_id), store.catalogs.get(tag)
    etag = store.topic(topic_id, version, negotiator.for_tag(tag)).etag
    url = f"/v1/topics/{quote(topic_id)}?" + urlencode({"locale": tag, "version": version, "rev": etag})
    revision = catalog.revision if catalog else None
    return {"topic": topic_id, "locale": tag, "version": version, "catalog_revision": revision, "url": url}


def changes_page(store: Store, negotiator: Negotiator, since: str | None, limit: int, scope: str | None) -> dict:
    """Return what the holder of the cursor lacks (everything without one), and the cursor to send next.

    The cursor names the state the client holds, not a time: every (locale, topic) whose catalogs,
    review record or version differ from it is listed, whatever the clocks or PO-Revision-Dates say.
    """
    held = decode_cursor(since) if since else None
    scope = scope or (held.scope if held else ALL_LOCALES)
    if held is not None and held.scope not in (ALL_LOCALES, scope):
        raise CursorError(f"this cursor follows locale {held.scope}: ask with locale={held.scope}, or without locale")
    now = server_state(store, negotiator, scope)
    base = SyncState(scope, {}, {})
    if held is not None:
        base = SyncState(scope, {t: held.tokens[t] for t in now.tokens if t in held.tokens}, held.versions)
    pending = differing(base, now)
    if held is not None and held.after is not None and held.target == now.digest():
        pending = [pair for pair in pending if pair > held.after]  # the same paging round: go on after the last
    page, more = pending[:limit], len(pending) > limit
    following = replace(base, target=now.digest(), after=page[-1]) if more else now
    items = [change_entry(store, negotiator, tag, topic_id) for tag, topic_id in page]
    return {"changes": items, "next": encode_cursor(following), "more": more}
