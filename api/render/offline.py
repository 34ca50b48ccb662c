"""What an offline app syncs: a locale's bundle a page at a time with its cursor, and what changed since a cursor."""

import re
from functools import lru_cache
from urllib.parse import quote, urlencode

from api.i18n.negotiate import Negotiation, Negotiator
from api.i18n.tags import describe
from api.render.cursor import ALL_LOCALES, CursorError, SyncState, encode_cursor, store_digest, topics_digest
from api.render.listings import TOPIC_ID, after_topic, page_cursor
from api.render.localize import SOURCE_LOCALE, review_body
from api.render.representation import Representation, encode
from api.render.store import Store
from api.schemas import offline as offline_schemas

PAGE_TOKEN = re.compile(rf"([0-9a-f]{{10}})\.(-|[0-9]{{1,15}})\.({TOPIC_ID})")
BUNDLE_PAGE = 50  # topics per bundle page: a bundle pages by size, whatever the library


def bundle_ids(store: Store, topics: tuple[str, ...] | None, after: str | None, limit: int) -> list[str]:
    """Return up to limit + 1 topic ids of a bundle page: the subscribed ones, or the library's, after `after`."""
    if topics is None:
        return store.reads.topic_ids(after, limit + 1)
    return [t for t in sorted(topics) if after is None or t > after][: limit + 1]


def page_token(store: Store, seq: int | None, after: str) -> str:
    """Return the token of a bundle's next page: the store and lowest sequence seen so far, and the last topic."""
    return f"{store_digest(store.reads.identity())}.{'-' if seq is None else seq}.{page_cursor(after)}"


def read_page_token(store: Store, token: str) -> tuple[int | None, str]:
    """Return (the lowest sequence the pages so far were built at, the last topic delivered), or raise ValueError."""
    found = PAGE_TOKEN.fullmatch(token)
    if found is None:
        raise ValueError("not a page this server handed out")
    name, seq, after = found.groups()
    now = store.reads.sequence()
    held = None if seq == "-" or name != store_digest(store.reads.identity()) else min(int(seq), now)
    return held, after_topic(after)


@lru_cache(maxsize=16)
def build_bundle(
    store: Store, negotiator: Negotiator, negotiation: Negotiation, topics: tuple[str, ...] | None = None,
    page: str | None = None, limit: int = BUNDLE_PAGE,
) -> Representation:  # fmt: skip
    """Return one page of a locale's bundle: topics' latest versions, the locale's metadata, the cursor and next."""
    tag = negotiation.chain[0]
    info, meta = describe(tag), store.meta(tag)
    seq, after = read_page_token(store, page) if page else (store.reads.sequence(), None)
    ids = bundle_ids(store, topics, after, limit)
    bodies = [store.topic_body(t, store.latest(t), negotiation) for t in ids[:limit]]
    following = None
    if len(ids) > limit:
        query = {"limit": limit, **({"topics": ",".join(topics)} if topics else {}),
                 "page": page_token(store, seq, ids[limit - 1])}  # fmt: skip
        following = f"/v1/bundles/{quote(tag)}?" + urlencode(query)
    locale = {"tag": tag, "english_name": info.english_name, "native_name": info.native_name,
              "direction": info.direction, "review": review_body(meta),
              "catalog_revision": meta.revision if meta else None}  # fmt: skip
    cursor = encode_cursor(SyncState(store_digest(store.reads.identity()), seq, tag, topics_digest(topics)))
    body = {"requested_locale": negotiation.requested, "locale": locale, "topics": bodies, "cursor": cursor,
            "next": following}  # fmt: skip
    languages = dict.fromkeys(s["locale"] for topic in bodies for s in [topic, *topic["sections"]])
    return encode(body, offline_schemas.BundleSchema, None, ", ".join(languages) or None)


def pending(store: Store, negotiator: Negotiator, held: SyncState, target: int, topics) -> list[tuple[str, str]]:
    """Return the (locale, topic) pairs in held's scope that changed after held.seq up to target, in a stable order."""
    tags = list(store.catalogs) if held.scope == ALL_LOCALES else [held.scope]
    every = sorted(topics) if topics is not None else list(store.library)
    if held.seq is None:
        return [(tag, topic_id) for tag in sorted(tags) for topic_id in every]
    changes = [(locale, topic) for seq, locale, topic in store.reads.changes_since(held.seq) if seq <= target]
    found = set()
    for tag in tags:
        chain = {*negotiator.for_tag(tag).chain, SOURCE_LOCALE}
        for locale, topic in changes:
            if locale is None or locale in chain:
                found.update((tag, t) for t in (every if topic is None else [topic]) if topics is None or t in topics)
    return sorted(found)


def change_entry(store: Store, negotiator: Negotiator, tag: str, topic_id: str) -> dict:
    """Return what changed for one topic in one locale, and the immutable URL of its current representation."""
    version, meta = store.latest(topic_id), store.meta(tag)
    etag = store.topic(topic_id, version, negotiator.for_tag(tag)).etag
    url = f"/v1/topics/{quote(topic_id)}?" + urlencode({"locale": tag, "version": version, "rev": etag})
    revision = meta.revision if meta else None
    return {"topic": topic_id, "locale": tag, "version": version, "catalog_revision": revision, "url": url}


def ahead_of(store: Store, held: SyncState | None) -> bool:
    """Return whether a cursor names a later sequence of this store than this Store serves (another replica's)."""
    if held is None or held.seq is None or held.store != store_digest(store.reads.identity()):
        return False
    return held.seq > store.reads.sequence() or (held.target is not None and held.target > store.reads.sequence())


def changes_page(store: Store, negotiator: Negotiator, held: SyncState | None, limit: int, scope, topics) -> dict:
    """Return what the holder of the cursor lacks (everything without one), and the cursor to send next.

    The cursor names the store and its publish sequence the client holds, not a time. A cursor of another
    store (another replica's memory, a store rebuilt) gets everything in its scope; a cursor ahead of this
    replica gets nothing until the replica has caught up, and keeps its place.
    """
    name, now, subscription = store_digest(store.reads.identity()), store.reads.sequence(), topics_digest(topics)
    if held is not None:
        if held.scope not in (ALL_LOCALES, scope or held.scope):
            raise CursorError(f"this cursor follows locale {held.scope}: ask with locale={held.scope}, or without")
        if held.topics != subscription:
            raise CursorError("this cursor follows other topics: send the topics= of the bundle it came from")
    scope = scope or (held.scope if held else ALL_LOCALES)
    if held is not None and held.store != name:  # files in memory: an earlier state of this very process?
        earlier = getattr(store.reads, "sequence_of", None)
        seq = earlier(held.store, store_digest) if earlier else None
        held = SyncState(name, seq, held.scope, held.topics) if seq is not None and held.target is None else None
    if held is None:
        held = SyncState(name, None, scope, subscription)
    elif ahead_of(store, held):  # this replica has not applied what the cursor holds (or pages towards) yet
        return {"changes": [], "next": encode_cursor(held), "more": False}
    base = SyncState(name, held.seq, scope, subscription)
    target, offset = (held.target, held.offset) if held.target is not None and held.target <= now else (now, 0)
    todo = pending(store, negotiator, base, target, topics)
    page, more = todo[offset : offset + limit], len(todo) > offset + limit
    following = SyncState(name, held.seq, scope, subscription, target, offset + limit) if more else None
    following = following or SyncState(name, target, scope, subscription)
    items = [change_entry(store, negotiator, tag, topic_id) for tag, topic_id in page]
    return {"changes": items, "next": encode_cursor(following), "more": more}
