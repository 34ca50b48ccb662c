"""The indexed reads a worker builds from (one topic, one locale), and an adapter over the files loaded in memory.

A worker never needs the whole library at once: every representation is built from one topic version and the
translations of that topic in the locales of one chain. The store (api/store/) answers these reads from its
index; MemoryReads answers them from a library and catalogs already loaded, so either can stand behind a Store.
"""

import hashlib
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Protocol

from api.content.model import TopicVersion
from api.i18n.catalogs import Catalog, Review
from api.render.coverage import walked

Change = tuple[int, str | None, str | None]  # (sequence, locale or None for all, topic or None for all)


@dataclass(frozen=True)
class CatalogMeta:
    """What a locale's representations show of its catalog: the revision, the review, the revision date."""

    tag: str
    review: Review
    revision: str = ""
    revised: datetime | None = None
    fuzzy: int = 0


class Reads(Protocol):
    """The reads a Store needs; each touches one topic or one locale's metadata, never the whole library."""

    def topic_ids(self, after: str | None = None, limit: int | None = None) -> list[str]: ...

    def topic(self, topic_id: str, version: int | None = None) -> TopicVersion | None: ...

    def translations(self, locale: str, topic_id: str, version: int | None = None) -> Catalog: ...

    def catalog_meta(self, locale: str) -> CatalogMeta | None: ...

    def coverage(self, locale: str | None) -> dict: ...  # aggregate counts over every topic's latest version

    def newest_published(self): ...

    def sequence(self) -> int: ...

    def identity(self) -> str: ...

    def changes_since(self, seq: int) -> list[Change]: ...

    def catalog(self, locale: str) -> Catalog: ...  # the whole catalog: only publishing checks an upload against it


def topic_of(context: str) -> str:
    """Return the topic id a unit's msgctxt ("topic/section/unit") belongs to."""
    return context.partition("/")[0]


def split_catalog(catalog: Catalog) -> dict[str, Catalog]:
    """Return one catalog per topic, each with only that topic's translations and stale contexts."""
    current: dict[str, dict] = {}
    stale: dict[str, set] = {}
    for (context, english), text in catalog.current.items():
        current.setdefault(topic_of(context), {})[context, english] = text
    for context in catalog.stale_contexts:
        stale.setdefault(topic_of(context), set()).add(context)
    return {
        topic_id: replace(catalog, current=current.get(topic_id, {}), stale_contexts=frozenset(stale.get(topic_id, ())))
        for topic_id in current.keys() | stale.keys()
    }


@dataclass
class MemoryReads:
    """Reads over a library and catalogs held in memory (the files as loaded at start-up).

    Its identity is a digest of everything it serves (every topic version's content hash, every catalog's
    revision and review), so replicas on the same files agree on it; each publish in this process takes the
    next sequence and a new identity, and the identities of earlier states are kept, so that a cursor of any
    of them gets exactly what changed since. A cursor of any other state (another replica's publish, files
    changed before a restart) names another store: its holder is sent everything in its scope again.
    """

    library: dict[str, list[TopicVersion]]
    catalogs: dict[str, Catalog]
    seq: int = 0
    history: tuple[Change, ...] = ()
    earlier: tuple[str, ...] = ()  # the identities of sequences 0 .. seq - 1
    name: str = ""
    _ids: list[str] = field(default_factory=list)
    _split: dict[str, dict[str, Catalog]] = field(default_factory=dict)

    def topic_ids(self, after: str | None = None, limit: int | None = None) -> list[str]:
        """Return topic ids in sorted order, after `after`, at most `limit` of them."""
        if not self._ids:
            self._ids = sorted(self.library)
        start = 0 if after is None else bisect_right(self._ids, after)
        return self._ids[start : None if limit is None else start + limit]

    def topic(self, topic_id: str, version: int | None = None) -> TopicVersion | None:
        """Return one version (the latest by default) of a topic, or None."""
        versions = self.library.get(topic_id)
        if not versions or (version is not None and not 1 <= version <= len(versions)):
            return None
        return versions[-1 if version is None else version - 1]

    def newest_published(self):
        """Return the day the newest topic version was published (None for an empty library)."""
        return max((v.published for versions in self.library.values() for v in versions), default=None)

    def translations(self, locale: str, topic_id: str, version: int | None = None) -> Catalog:
        """Return the locale's catalog restricted to one topic's units (of every version)."""
        catalog = self.catalogs[locale]
        if locale not in self._split:
            self._split[locale] = split_catalog(catalog)
        return self._split[locale].get(topic_id) or replace(catalog, current={}, stale_contexts=frozenset())

    def coverage(self, locale: str | None) -> dict:
        """Return a locale's completeness over every topic's latest version (None: the source)."""
        return walked(self.library, self.translations, locale)

    def catalog(self, locale: str) -> Catalog:
        """Return a locale's whole catalog."""
        return self.catalogs[locale]

    def catalog_meta(self, locale: str) -> CatalogMeta | None:
        """Return a locale's revision and review record, or None for a locale without a catalog."""
        c = self.catalogs.get(locale)
        return None if c is None else CatalogMeta(c.tag, c.review, c.revision, c.revised, c.fuzzy)

    def sequence(self) -> int:
        return self.seq

    def sequence_of(self, identity_digest, digest) -> int | None:
        """Return the sequence of the state whose identity has this digest, or None for a state never held."""
        found = [seq for seq, name in enumerate((*self.earlier, self.identity())) if digest(name) == identity_digest]
        return found[0] if found else None

    def identity(self) -> str:
        """Return the digest of everything served, computed once."""
        if not self.name:
            topics = [(v.topic, v.version, v.content_hash) for versions in self.library.values() for v in versions]
            catalogs = [(c.tag, c.revision, repr(c.review)) for c in self.catalogs.values()]
            self.name = hashlib.blake2b(repr((sorted(topics), sorted(catalogs))).encode(), digest_size=16).hexdigest()
        return self.name

    def changes_since(self, seq: int) -> list[Change]:
        """Return the changes after seq, oldest first."""
        return [change for change in self.history if change[0] > seq]

    def with_catalog(self, catalog: Catalog) -> "MemoryReads":
        """Return the reads after publishing a catalog: the next sequence, recorded as a change of every topic."""
        seq, catalogs = self.seq + 1, {**self.catalogs, catalog.tag: catalog}
        history, earlier = (*self.history, (seq, catalog.tag, None)), (*self.earlier, self.identity())
        return MemoryReads(self.library, catalogs, seq, history, earlier)
