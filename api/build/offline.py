"""What an offline app syncs: one bundle per locale, and a feed of what changed since a cursor."""

import base64
import binascii
from bisect import bisect_right
from datetime import datetime
from functools import lru_cache

from api.build.localize import review_body
from api.build.representation import Representation, day_start, encode
from api.build.store import Store
from api.i18n.negotiate import Negotiation
from api.i18n.tags import describe
from api.schemas import offline as offline_schemas

CURSOR_PREFIX = "c1:"  # a cursor of another format has expired: the client starts again from empty


class CursorError(ValueError):
    """A since= value this server did not hand out."""


@lru_cache(maxsize=64)
def build_bundle(store: Store, negotiation: Negotiation) -> Representation:
    """Return every topic's latest version and the locale's metadata, in one body."""
    tag = negotiation.chain[0]
    info = describe(tag)
    topics = [store.topic_body(t, versions[-1].version, negotiation) for t, versions in store.library.items()]
    locale = {"tag": tag, "english_name": info.english_name, "native_name": info.native_name,
              "direction": info.direction, "review": review_body(store.catalogs.get(tag))}  # fmt: skip
    body = {"requested_locale": negotiation.requested, "locale": locale, "topics": topics}
    languages = dict.fromkeys(s["locale"] for topic in topics for s in [topic, *topic["sections"]])
    modified = max(store.topic(t, vs[-1].version, negotiation).modified for t, vs in store.library.items())
    return encode(body, offline_schemas.BundleSchema, modified, ", ".join(languages))


@lru_cache(maxsize=4)
def change_entries(store: Store) -> list[tuple]:
    """Return (changed_at, topic, locale, version, revision) for every topic and locale, oldest first."""
    entries = []
    for topic_id, versions in store.library.items():
        latest = versions[-1]
        for tag, catalog in store.catalogs.items():
            changed = max([day_start(latest.published), *([catalog.revised] if catalog and catalog.revised else [])])
            entries.append((changed.isoformat(), topic_id, tag, latest.version, catalog.revision if catalog else None))
    return sorted(entries)


def encode_cursor(position: tuple) -> str:
    """Return the opaque cursor that points just after this (changed_at, topic, locale) position."""
    return base64.urlsafe_b64encode((CURSOR_PREFIX + "|".join(position)).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple:
    """Return the position a cursor points after, or raise CursorError."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise CursorError("not a cursor this server handed out") from None
    if not text.startswith(CURSOR_PREFIX):
        raise CursorError("this cursor has expired or is not one of ours: sync again from empty")
    position = tuple(text.removeprefix(CURSOR_PREFIX).split("|"))
    try:
        datetime.fromisoformat(position[0])
    except ValueError:
        position = ()
    if len(position) != 3:
        raise CursorError("not a cursor this server handed out")
    return position


def changes_page(store: Store, since: str | None, limit: int) -> dict:
    """Return the entries after the cursor (all of them without one), and the cursor to send next."""
    entries = change_entries(store)
    start = bisect_right(entries, decode_cursor(since), key=lambda entry: entry[:3]) if since else 0
    page = entries[start : start + limit]
    items = [{"topic": t, "locale": loc, "version": v, "catalog_revision": r, "changed_at": at}
             for at, t, loc, v, r in page]  # fmt: skip
    last = page[-1][:3] if page else (decode_cursor(since) if since else None)
    return {"changes": items, "next": encode_cursor(last) if last else None, "more": start + limit < len(entries)}
