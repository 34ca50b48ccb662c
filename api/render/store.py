"""Build each localized representation on its first request, from one topic and one locale chain, and keep it.

Every cache is a bounded LRU (REPRESENTATION_CACHE_ENTRIES): a worker's memory follows that setting, not the
size of the library. What is hot stays as ready bytes with a strong ETag; what is cold is read again.
"""

from datetime import UTC, datetime
from functools import cached_property, lru_cache, partial

from api.content.model import TopicVersion
from api.content.walk import META
from api.i18n.negotiate import Negotiation
from api.render.coverage import source_tag
from api.render.lazy import Catalogs, Library
from api.render.listings import topic_page, version_list
from api.render.localize import SOURCE_LOCALE, group_units, pick, render_group, unit_counts
from api.render.reads import Reads
from api.render.representation import Representation, day_start, encode, shape
from api.render.store_listings import Listings
from api.schemas import responses

WARM_LIMIT = 100  # topic versions up to which every representation is built at start-up
DEFAULT_ENTRIES = 1024


class Store(Listings):
    """Serve the library rendered in every supported locale, built on demand from indexed reads."""

    def __init__(self, reads: Reads, tags, default_locale: str, messages: dict | None = None, entries=DEFAULT_ENTRIES):
        self.reads, self.default_locale, self.entries = reads, default_locale, entries
        self.messages: dict[str, dict] = messages or {}  # the api catalogs' notices per locale (render/widget.py)
        self.catalogs = Catalogs(self, [SOURCE_LOCALE, *(t for t in tags if t != SOURCE_LOCALE)])
        self.library = Library(self)
        self._validated: dict[tuple, None] = {}
        cache = lru_cache(maxsize=entries)
        source = lru_cache(maxsize=max(64, entries // 4))  # what representations are built from: read again cheaply
        self.meta = lru_cache(maxsize=64)(lambda tag: None if tag == SOURCE_LOCALE else reads.catalog_meta(tag))
        self.latest_topic = source(reads.topic)
        self.topic_version = source(self._topic_version)
        self.translations = source(self._translations)
        self.units = source(lambda topic_id, version: group_units(self.topic_version(topic_id, version)))
        self.rendition = source(self._rendition)
        self.group_counts = source(self._group_counts)
        self.coverage = lru_cache(maxsize=64)(lambda tag: reads.coverage(source_tag(tag)))  # aggregate reads
        self.topic, self.section = cache(self._topic), cache(self._section)
        self.topic_page = cache(partial(topic_page, self))
        self.versions = cache(partial(version_list, self))
        self.topic_locales = cache(self.topic_locales)  # one topic's completeness per locale

    @cached_property
    def library_modified(self) -> datetime:
        """Return when the library's topics last changed (an answer with no topic in it dates from then)."""
        newest = self.reads.newest_published()
        return day_start(newest) if newest is not None else datetime(1970, 1, 1, tzinfo=UTC)

    def full_catalog(self, tag: str):
        """Return a locale's whole catalog (to check an upload against)."""
        return self.reads.catalog(tag)

    def with_catalog(self, catalog) -> "Store":
        """Return a new store over the reads after this catalog's publish (every cache starts again)."""
        reads = self.reads.with_catalog(catalog)
        return Store(reads, self.catalogs.tags, self.default_locale, self.messages, self.entries)

    def _topic_version(self, topic_id: str, version: int):
        """Return one version of a topic: the latest as already read, or another read."""
        latest = self.latest_topic(topic_id)
        return latest if latest is not None and latest.version == version else self.reads.topic(topic_id, version)

    def _translations(self, tag: str, topic_id: str, version: int):
        """Return one topic version's translations in one locale (None for the source)."""
        return None if tag == SOURCE_LOCALE else self.reads.translations(tag, topic_id, version)

    def _rendition(self, topic_id: str, version: int, group: str, tag: str):
        """Return one group of a topic version rendered in one locale."""
        topic, units = self.topic_version(topic_id, version), self.units(topic_id, version)[group]
        return render_group(topic, group, units, {tag: self.translations(tag, topic_id, version)})[tag]

    def renditions(self, topic_id: str, version: int, group: str, negotiation: Negotiation) -> dict:
        """Return {locale: Rendition} of one group for a chain's locales and the source."""
        return {tag: self.rendition(topic_id, version, group, tag) for tag in (*negotiation.chain, SOURCE_LOCALE)}

    def _first(self, body: dict, schema: type) -> type | None:
        """Return the schema the first time (of the last many) a body of this shape is built, then None.

        Every locale renders the same structure through the same code, with catalog strings in the text
        fields, and so do topics whose blocks are alike: one validation per shape covers them all.
        """
        key = (schema, shape(body))
        if key in self._validated:
            return None
        if len(self._validated) >= self.entries:
            self._validated.clear()
        self._validated[key] = None
        return schema

    def _modified(self, topic: TopicVersion, locales) -> datetime:
        """Return when a representation of this topic in these locales last changed."""
        revised = [m.revised for tag in locales if tag in self.catalogs and (m := self.meta(tag)) and m.revised]
        return max([day_start(topic.published), *revised])

    def latest(self, topic_id: str) -> int:
        """Return the newest published version number of a topic."""
        return self.latest_topic(topic_id).version

    def _group_counts(self, topic_id: str, version: int, tag: str) -> dict[str, dict]:
        """Return each group's unit counts in one locale (no rendering needed)."""
        catalog = self.translations(tag, topic_id, version)
        return {group: unit_counts(catalog, units) for group, units in self.units(topic_id, version).items()}

    def warm(self, negotiations) -> None:
        """Build, validate and cache every representation for these negotiations now, if the library is small."""
        ids = self.reads.topic_ids(None, WARM_LIMIT + 1)
        if len(ids) > WARM_LIMIT or sum(self.latest(t) for t in ids) > WARM_LIMIT:
            return
        for negotiation in negotiations:
            self.topic_page(negotiation, None, None)
            for topic_id in ids:
                for topic in self.library[topic_id]:
                    self.topic(topic_id, topic.version, negotiation)
                    for section in topic.sections:
                        self.section(topic_id, topic.version, section.id, negotiation)
        self.locales  # noqa: B018 (built now, so that a store that is down leaves every read of it answering)

    def topic_body(self, topic_id: str, version: int, negotiation: Negotiation) -> dict:
        """Return a topic version's body for this negotiation (not yet encoded)."""
        topic = self.topic_version(topic_id, version)
        sections = [pick(self.renditions(topic_id, version, s.id, negotiation), negotiation) for s in topic.sections]
        meta = pick(self.renditions(topic_id, version, META, negotiation), negotiation)
        envelope = {"topic": topic_id, "version": version, "requested_locale": negotiation.requested}
        return {**envelope, **meta, "published": topic.published.isoformat(), "change_note": topic.change_note,
                "content_hash": topic.content_hash, "sections": sections}  # fmt: skip

    def _topic(self, topic_id: str, version: int, negotiation: Negotiation) -> Representation:
        body = self.topic_body(topic_id, version, negotiation)
        languages = dict.fromkeys([body["locale"], *(s["locale"] for s in body["sections"])])
        topic = self.topic_version(topic_id, version)
        schema = self._first(body, responses.TopicResponseSchema)
        return encode(body, schema, self._modified(topic, languages), ", ".join(languages))

    def _section(self, topic_id: str, version: int, section_id: str, negotiation: Negotiation) -> Representation:
        topic = self.topic_version(topic_id, version)
        section = pick(self.renditions(topic_id, version, section_id, negotiation), negotiation)
        source = {k: getattr(topic.attribution, k) for k in ("author", "publisher", "source_site", "source_url")}
        envelope = {"topic": topic_id, "version": version, "requested_locale": negotiation.requested}
        body = {**envelope, **section, "attribution": source}
        schema = self._first(body, responses.SectionResponseSchema)
        return encode(body, schema, self._modified(topic, [section["locale"]]), section["locale"])
