"""Indexed reads of the store's catalogs: one locale's record, its units of one topic, its revisions and audit."""

import json
from dataclasses import dataclass

from sqlalchemy import Engine, and_, select

from api.i18n.catalogs import Catalog, Review
from api.parse_cache import no_cache
from api.store import schema as t
from api.store.rows import FUZZY, TRANSLATED, catalog_from_rows, review_from_json


@dataclass(frozen=True)
class UnitTranslation:
    context: str
    english: str
    group: str  # "meta" or the section id
    text: str | None  # the translation (even when fuzzy or outdated), None when missing
    state: str  # translated, fuzzy, outdated (translated for other English), missing


@dataclass(frozen=True)
class CatalogMeta:
    locale: str
    revision: str
    review: Review
    fuzzy: int
    revised: str | None


class CatalogReads:
    """Read the store's catalogs through one engine (per worker)."""

    def __init__(self, engine: Engine, cache=no_cache):
        self.engine, self.cache = engine, cache

    def _all(self, query, **params):
        with self.engine.connect() as connection:
            return connection.execute(query, params).all()

    def locales(self) -> list[str]:
        """Return the tags of every locale with a catalog, sorted."""
        return [row[0] for row in self._all(select(t.catalogs.c.locale).order_by(t.catalogs.c.locale))]

    def catalog_heads(self) -> dict[str, tuple[str, Review]]:
        """Return {locale: (current revision, review record)} in one read."""
        c = t.catalogs.c
        return {
            tag: (rev, review_from_json(review))
            for tag, rev, review in self._all(select(c.locale, c.revision, c.review))
        }

    def catalog_meta(self, locale: str) -> CatalogMeta | None:
        """Return a locale's current revision and review record, or None."""
        c = t.catalogs.c
        found = self._all(select(c.revision, c.review, c.fuzzy, c.revised).where(c.locale == locale))
        if not found:
            return None
        revision, review, fuzzy, revised = found[0]
        return CatalogMeta(locale, revision, review_from_json(review), fuzzy, revised)

    def catalog(self, locale: str) -> Catalog | None:
        """Return a locale's whole current catalog (the eager path)."""
        meta = self.catalog_meta(locale)
        if meta is None:
            return None
        c = t.translations.c
        rows = self._all(select(c.context, c.msgid, c.text, c.state).where(c.locale == locale))
        return catalog_from_rows(locale, meta.review, meta.revision, rows, meta.fuzzy, meta.revised)

    def translations(self, locale: str, topic_id: str, version: int | None = None) -> list[UnitTranslation]:
        """Return a topic version's units (the newest by default) with their translation and state in a locale."""
        version = version or self.latest(topic_id)
        u, tr = t.units.c, t.translations.c
        joined = and_(tr.locale == locale, tr.topic_id == topic_id, tr.context == u.context)  # one topic's rows
        query = (select(u.context, u.english, u.grp, tr.msgid, tr.text, tr.state)
                 .select_from(t.units.outerjoin(t.translations, joined))
                 .where(u.topic_id == topic_id, u.version == version).order_by(u.position))  # fmt: skip
        found: dict[str, UnitTranslation] = {}
        for context, english, group, msgid, text, state in self._all(query):
            if msgid == english:
                state = TRANSLATED if state == TRANSLATED else FUZZY
            else:
                state, text = ("outdated", text) if msgid is not None else ("missing", None)
            kept = found.get(context)
            if kept is None or kept.state in ("outdated", "missing"):
                found[context] = UnitTranslation(context, english, group, text, state)
        return list(found.values())

    def catalog_raw(self, locale: str, revision: str | None = None) -> bytes | None:
        """Return a revision's PO bytes (the current one by default), or None."""
        if revision is None:
            meta = self.catalog_meta(locale)
            revision = meta and meta.revision
        r = t.revisions.c
        found = self._all(select(r.raw).where(r.locale == locale, r.revision == revision))
        return found[0][0] if found else None

    def review_raw(self, locale: str) -> bytes | None:
        """Return the review record's bytes as imported (None: the locale had no review.yaml)."""
        found = self._all(select(t.catalogs.c.review_raw).where(t.catalogs.c.locale == locale))
        return found[0][0] if found else None

    def history(self, locale: str) -> list[dict]:
        """Return the locale's publishes, restores and imports, newest first."""
        a = t.audit.c
        query = select(a.locale, a.action, a.actor, a.before, a.after, a.at, a.counts)
        rows = self._all(query.where(a.locale == locale).order_by(a.id.desc()))
        return [{**{str(k): v for k, v in row._asdict().items()}, "counts": json.loads(row.counts)} for row in rows]
