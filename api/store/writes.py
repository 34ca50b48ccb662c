"""Publish a catalog in one transaction: checks first, then revision, translations, audit and sequence."""

import hashlib
import json
from dataclasses import dataclass, field

from sqlalchemy import Engine, bindparam, delete, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from api.i18n.catalogs import Review
from api.i18n.repository import RevisionConflict, revision_of
from api.store import schema as t
from api.store.coverage import recount_changed
from api.store.engine import writing
from api.store.rows import catalog_rows, review_json, topic_of
from api.store.state import bump, now


def msgid_key(msgid: str) -> str:
    """Return the key of an English text in the translations table."""
    return hashlib.blake2b(msgid.encode(), digest_size=16).hexdigest()


class StoreUnavailable(Exception):
    """The database refused the write (down, read-only, or full): nothing was changed."""

    def __init__(self, message: str, full: bool = False):
        super().__init__(message)
        self.full = full


@dataclass(frozen=True)
class Publication:
    locale: str
    action: str  # publish, restore or import
    actor: str
    before: str
    after: str
    counts: dict = field(default_factory=dict)
    at: str = field(default_factory=now)
    sequence: int = 0


def refused(error: DBAPIError) -> StoreUnavailable:
    """Return what a database error means to a writer: a full disk, or a store that is unavailable."""
    text = str(error.orig or error).lower()
    full = "full" in text or "no space" in text
    return StoreUnavailable(str(error.orig or error).splitlines()[0], full=full)


def _replace_rows(connection: Connection, locale: str, rows: dict) -> tuple[set[str], dict]:
    """Make the locale's translation rows these; return the topics whose rows changed, and counts."""
    c = t.translations.c
    old = {(ctx, mid): (text, state) for ctx, mid, text, state in connection.execute(
        select(c.context, c.msgid, c.text, c.state).where(c.locale == locale))}  # fmt: skip
    gone = [key for key in old if old[key] != rows.get(key)]
    new = [key for key in rows if old.get(key) != rows[key]]
    if gone:
        where = (c.locale == locale) & (c.context == bindparam("ctx")) & (c.msgid_key == bindparam("mid"))
        connection.execute(
            delete(t.translations).where(where), [{"ctx": ctx, "mid": msgid_key(mid)} for ctx, mid in gone]
        )
    if new:
        connection.execute(insert(t.translations), [
            {"locale": locale, "context": ctx, "msgid": mid, "msgid_key": msgid_key(mid), "topic_id": topic_of(ctx),
             "text": rows[ctx, mid][0], "state": rows[ctx, mid][1]} for ctx, mid in new])  # fmt: skip
    counts = {"added": len(rows.keys() - old.keys()), "changed": len([k for k in rows.keys() & old.keys() if
              rows[k] != old[k]]), "removed": len(old.keys() - rows.keys())}  # fmt: skip
    return {topic_of(ctx) for ctx, _ in gone + new}, counts


def current_revision(connection: Connection, locale: str) -> str | None:
    """Return the locale's current revision in this transaction, or None if it has no catalog yet."""
    return connection.execute(select(t.catalogs.c.revision).where(t.catalogs.c.locale == locale)).scalar()


def apply_catalog(connection: Connection, record: Publication, raw: bytes, review: Review | None,
                  review_raw: bytes | None = None, name: str = "") -> Publication:  # fmt: skip
    """Store raw as the locale's catalog with its rows, audit line and changes; bump the sequence."""
    locale = record.locale
    rows, fuzzy, revised = catalog_rows(locale, raw, name or f"catalog for {locale}")
    sequence = bump(connection)
    r = t.revisions.c
    if connection.execute(select(r.revision).where(r.locale == locale, r.revision == record.after)).first() is None:
        connection.execute(insert(t.revisions).values(locale=locale, revision=record.after, raw=raw))
    values = {"revision": record.after, "fuzzy": fuzzy, "revised": revised and revised.isoformat()}
    reviewed = False
    if review is not None:
        values.update(review=review_json(review), review_raw=review_raw)
        old = connection.execute(select(t.catalogs.c.review).where(t.catalogs.c.locale == locale)).scalar()
        reviewed = old is not None and old != values["review"]  # every topic's notices in this locale change
    if record.before:
        connection.execute(t.catalogs.update().where(t.catalogs.c.locale == locale).values(**values))
    else:
        connection.execute(insert(t.catalogs).values(locale=locale, **values))
    topics, counts = _replace_rows(connection, locale, rows)
    recount_changed(connection, [locale], topics if record.before else None)  # a new locale: every topic
    if reviewed:  # every topic's notices in this locale: one row, not one per topic (a header-only edit lists none)
        topics = {t.EVERY_TOPIC}
    record = Publication(**{**record.__dict__, "counts": record.counts or counts})
    connection.execute(insert(t.audit).values(
        sequence=sequence, locale=locale, action=record.action, actor=record.actor, before=record.before,
        after=record.after, at=record.at, counts=json.dumps(record.counts)))  # fmt: skip
    if topics:
        connection.execute(insert(t.changes), [{"sequence": sequence, "locale": locale, "topic_id": topic}
                                               for topic in sorted(topics)])  # fmt: skip
    return Publication(**{**record.__dict__, "sequence": sequence})


def publish_catalog(engine: Engine, locale: str, raw: bytes, actor: str, *, if_match=None, action="publish",
                    counts=None) -> Publication:  # fmt: skip
    """Make raw the locale's catalog if it is still at a revision in if_match; return the Publication."""
    try:
        with writing(engine) as connection:
            before = current_revision(connection, locale) or ""
            if if_match is not None and before not in if_match:
                raise RevisionConflict(f"the catalog is at revision {before}")
            record = Publication(locale, action, actor, before, revision_of(raw), counts or {})
            return apply_catalog(connection, record, raw, None)
    except DBAPIError as error:
        raise refused(error) from None
