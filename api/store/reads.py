"""Indexed reads of the store: one topic, one locale's units of a topic, a catalog's record, the sequence."""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from api.content.codes import CodeIndex, Coding, code_system
from api.content.loader import parse_topic_file
from api.content.model import TopicVersion
from api.store import schema as t
from api.store.catalog_reads import CatalogMeta, CatalogReads, UnitTranslation  # noqa: F401 (the read API)
from api.store.coverage import summaries


@dataclass(frozen=True)
class Change:
    sequence: int
    locale: str  # "en" for content
    topic_id: str


class Reads(CatalogReads):
    """Read the store through one engine (per worker); parsed topics go through the parse cache."""

    def sequence(self) -> int:
        """Return the publish sequence: one primary-key read."""
        return self._all(select(t.state.c.sequence).where(t.state.c.id == 1))[0][0]

    def identity(self) -> str:
        """Return the store's random identity, made when it was created."""
        return self._all(select(t.state.c.identity).where(t.state.c.id == 1))[0][0]

    def topic_ids(self, after: str | None = None, limit: int | None = None) -> list[str]:
        """Return topic ids in order, those after `after`, at most `limit` of them."""
        query = select(t.topics.c.topic_id).distinct().order_by(t.topics.c.topic_id)
        if after is not None:
            query = query.where(t.topics.c.topic_id > after)
        return [row[0] for row in self._all(query.limit(limit))]

    def latest(self, topic_id: str) -> int | None:
        """Return a topic's newest version number, or None for an unknown topic."""
        return self._all(select(func.max(t.topics.c.version)).where(t.topics.c.topic_id == topic_id))[0][0]

    def topic(self, topic_id: str, version: int | None = None) -> TopicVersion | None:
        """Return one version of a topic (the newest by default), or None."""
        query = select(t.topics.c.name, t.topics.c.raw).where(t.topics.c.topic_id == topic_id)
        query = query.order_by(t.topics.c.version.desc()).limit(1)
        if version is not None:
            query = query.where(t.topics.c.version == version)
        found = self._all(query)
        return self._parse(*found[0]) if found else None

    def newest_published(self) -> date | None:
        """Return the day the newest topic version was published (None for an empty library): one aggregate read."""
        found = self._all(select(func.max(t.topics.c.published)))[0][0]
        return None if found is None else date.fromisoformat(found)

    def _parse(self, name: str, raw: bytes) -> TopicVersion:
        return self.cache("topic", name.encode() + b"\0" + raw, lambda: parse_topic_file(Path(name), raw))

    def library(self) -> dict[str, list[TopicVersion]]:
        """Return every topic's versions, oldest first (the eager path; the lazy one reads topic by topic)."""
        query = select(t.topics.c.topic_id, t.topics.c.name, t.topics.c.raw).order_by("topic_id", "version")
        library: dict[str, list[TopicVersion]] = {}
        for topic_id, name, raw in self._all(query):
            library.setdefault(topic_id, []).append(self._parse(name, raw))
        return library

    def codes(self) -> CodeIndex:
        """Return the clinical codes index (content/codes.yaml)."""
        by_topic: dict[str, list] = {}
        for topic_id, system, code, display in self._all(
            select(t.codes.c.topic_id, t.codes.c.system, t.codes.c.code, t.codes.c.display).order_by(
                t.codes.c.topic_id, t.codes.c.position)):  # fmt: skip
            by_topic.setdefault(topic_id, []).append(Coding(code_system(system), code, display))
        return CodeIndex({topic_id: tuple(codings) for topic_id, codings in by_topic.items()})

    def content_digest(self) -> str | None:
        """Return the fingerprint of the content last imported (versions.lock and codes.yaml)."""
        return self._all(select(t.sources.c.digest).where(t.sources.c.name == "content"))[0][0]

    def changes_since(self, sequence: int, limit: int | None = None) -> list[Change]:
        """Return what every publish or import after `sequence` changed, in order."""
        ch = t.changes.c
        query = select(ch.sequence, ch.locale, ch.topic_id).where(ch.sequence > sequence)
        return [Change(*row) for row in self._all(query.order_by(ch.sequence, ch.locale, ch.topic_id).limit(limit))]

    def coverage(self) -> dict[str, dict]:
        """Return {locale: completeness over every topic's latest version} ("en": the source), in one query."""
        with self.engine.connect() as connection:
            return summaries(connection)
