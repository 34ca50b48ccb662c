"""Serve from the store (api/store/): its indexed reads behind a Store, one Store per publish sequence.

A worker opens no file of the library: start-up reads the locales and the sequence, and each representation
is built on its first request from one topic and one locale chain. When the sequence moves (publishing/live.py
polls it), the next requests are answered from a new Store at that sequence, so no replica hands out a cursor
ahead of what it serves.
"""

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from api.i18n.catalogs import Catalog
from api.render.reads import CatalogMeta
from api.store.coverage import SOURCE, summary
from api.store.schema import EVERY_TOPIC

TRANSLATED, STALE = "translated", ("fuzzy", "outdated")


@dataclass(frozen=True)
class StoreReads:
    """The store's reads at one publish sequence, in the shapes a Store builds from."""

    reads: object  # api.store.reads.Reads
    seq: int
    name: str

    def topic_ids(self, after=None, limit=None) -> list[str]:
        return self.reads.topic_ids(after, limit)

    def topic(self, topic_id: str, version: int | None = None):
        return self.reads.topic(topic_id, version)

    def sequence(self) -> int:
        return self.seq

    def newest_published(self):
        return self.reads.newest_published()

    def identity(self) -> str:
        return self.name

    def catalog(self, locale: str) -> Catalog:
        return self.reads.catalog(locale)

    @lru_cache(maxsize=1)  # noqa: B019 (one StoreReads per sequence: the counts cannot change)
    def coverage_all(self) -> dict[str, dict]:
        return self.reads.coverage()

    def coverage(self, locale: str | None) -> dict:
        return self.coverage_all().get(locale or SOURCE, summary([0] * 7))

    def changes_since(self, seq: int) -> list[tuple[int, str | None, str | None]]:
        changes = self.reads.changes_since(seq)
        return [(c.sequence, c.locale, None if c.topic_id == EVERY_TOPIC else c.topic_id) for c in changes]

    @lru_cache(maxsize=64)  # noqa: B019 (one StoreReads per sequence: its metadata cannot change)
    def catalog_meta(self, locale: str) -> CatalogMeta | None:
        m = self.reads.catalog_meta(locale)
        if m is None:
            return None
        revised = datetime.fromisoformat(m.revised) if isinstance(m.revised, str) else m.revised
        return CatalogMeta(m.locale, m.review, m.revision, revised, m.fuzzy)

    def translations(self, locale: str, topic_id: str, version: int | None = None) -> Catalog:
        """Return one topic version's translations in one locale as a Catalog of just those units."""
        meta = self.catalog_meta(locale)
        rows = self.reads.translations(locale, topic_id, version)
        current = {(r.context, r.english): r.text for r in rows if r.state == TRANSLATED}
        stale = frozenset(r.context for r in rows if r.state in STALE)
        return Catalog(locale, meta.review, meta.revision, current, stale, meta.fuzzy, meta.revised)
