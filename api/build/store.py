"""Build every localized representation once, as bytes with a strong ETag, and hand them out."""

from datetime import datetime
from functools import lru_cache, partial

from api.build.listings import locale_list, version_list
from api.build.localize import SOURCE_LOCALE, counts_state, group_units, pick, render_group, unit_counts
from api.build.representation import Representation, day_start, encode
from api.content.model import TopicVersion
from api.content.walk import META
from api.i18n.catalogs import Catalog, UnitState
from api.i18n.negotiate import Negotiation
from api.schemas import responses

WARM_LIMIT = 100  # topic versions up to which every representation is built at start-up


class Store:
    """Hold the content library rendered in every supported locale."""

    def __init__(
        self, library, catalogs: dict[str, Catalog], default_locale: str, renditions: dict | None = None,
        messages: dict | None = None,
    ):  # fmt: skip
        self.library: dict[str, list[TopicVersion]] = library
        self.default_locale = default_locale
        self.messages: dict[str, dict] = messages or {}  # the api catalogs' notices per locale (build/widget.py)
        self.catalogs: dict[str, Catalog | None] = {SOURCE_LOCALE: None, **catalogs}
        self._renditions: dict[tuple, dict] = dict(renditions or {})  # (topic, version, group) -> {locale: ...}
        self._validated: set[tuple] = set()
        self.units = lru_cache(maxsize=None)(lambda topic_id, version: group_units(self.library[topic_id][version - 1]))
        self.group_counts = lru_cache(maxsize=None)(self.group_counts)
        cache = lru_cache(maxsize=16384)
        self.topic, self.section, self.topic_list = cache(self._topic), cache(self._section), cache(self._topic_list)
        self.versions = lru_cache(maxsize=None)(partial(version_list, self))
        latest = [versions[-1] for versions in library.values()]
        self.locales = encode(
            locale_list(self), responses.LocaleListSchema, max(self._modified(t, self.catalogs) for t in latest)
        )

    def rendition(self, topic_id: str, version: int, group: str) -> dict:
        """Return {locale: Rendition} of one group, rendering it in every locale the first time."""
        key = (topic_id, version, group)
        found = self._renditions.get(key)
        if found is None:
            topic, units = self.library[topic_id][version - 1], self.units(topic_id, version)[group]
            found = self._renditions[key] = render_group(topic, group, units, self.catalogs)
        return found

    def with_catalog(self, catalog: Catalog) -> "Store":
        """Return a new store in which only this catalog's locale is rendered again."""
        renditions = {}
        for (topic_id, version, group), by_locale in self._renditions.items():
            topic, units = self.library[topic_id][version - 1], self.units(topic_id, version)[group]
            fresh = render_group(topic, group, units, {catalog.tag: catalog})
            renditions[topic_id, version, group] = {**by_locale, **fresh}
        catalogs = {tag: c for tag, c in self.catalogs.items() if c is not None} | {catalog.tag: catalog}
        return Store(self.library, catalogs, self.default_locale, renditions, self.messages)

    def _first(self, key: tuple, schema: type) -> type | None:
        """Return the schema the first time a structure is built, then None.

        Every locale renders the same structure through the same code, with catalog strings in the
        text fields; so one validation per topic version and per section covers every locale.
        """
        if key in self._validated:
            return None
        self._validated.add(key)
        return schema

    def _modified(self, topic: TopicVersion, locales) -> datetime:
        """Return when a representation of this topic in these locales last changed."""
        revised = [c.revised for tag in locales if (c := self.catalogs.get(tag)) is not None and c.revised]
        return max([day_start(topic.published), *revised])

    def latest(self, topic_id: str) -> int:
        """Return the newest published version number of a topic."""
        return self.library[topic_id][-1].version

    def group_counts(self, topic_id: str, version: int, tag: str) -> dict[str, dict]:
        """Return each group's unit counts in one locale (no rendering needed)."""
        return {group: unit_counts(self.catalogs[tag], units) for group, units in self.units(topic_id, version).items()}

    def warm(self, negotiations) -> None:
        """Build, validate and cache every representation for these negotiations now, if the library is small.

        A large library is built lazily instead: each representation on its first request, then cached,
        so start-up stays quick and a request after the first costs the same.
        """
        if sum(len(versions) for versions in self.library.values()) > WARM_LIMIT:
            return
        for negotiation in negotiations:
            self.topic_list(negotiation)
            for topic_id, versions in self.library.items():
                for topic in versions:
                    self.topic(topic_id, topic.version, negotiation)
                    for section in topic.sections:
                        self.section(topic_id, topic.version, section.id, negotiation)

    def _envelope(self, topic_id: str, version: int, negotiation: Negotiation) -> dict:
        return {
            "topic": topic_id,
            "version": version,
            "requested_locale": negotiation.requested,
        }

    def topic_body(self, topic_id: str, version: int, negotiation: Negotiation) -> dict:
        """Return a topic version's body for this negotiation (not yet encoded)."""
        topic = self.library[topic_id][version - 1]
        sections = [pick(self.rendition(topic_id, version, s.id), negotiation) for s in topic.sections]
        meta = pick(self.rendition(topic_id, version, META), negotiation)
        return {
            **self._envelope(topic_id, version, negotiation),
            **meta,
            "published": topic.published.isoformat(),
            "change_note": topic.change_note,
            "content_hash": topic.content_hash,
            "sections": sections,
        }

    def _topic(self, topic_id: str, version: int, negotiation: Negotiation) -> Representation:
        body = self.topic_body(topic_id, version, negotiation)
        languages = dict.fromkeys([body["locale"], *(s["locale"] for s in body["sections"])])
        topic = self.library[topic_id][version - 1]
        schema = self._first((topic_id, version), responses.TopicResponseSchema)
        return encode(body, schema, self._modified(topic, languages), ", ".join(languages))

    def _section(self, topic_id: str, version: int, section_id: str, negotiation: Negotiation) -> Representation:
        topic = self.library[topic_id][version - 1]
        section = pick(self.rendition(topic_id, version, section_id), negotiation)
        source = {k: getattr(topic.attribution, k) for k in ("author", "publisher", "source_site", "source_url")}
        body = {**self._envelope(topic_id, version, negotiation), **section, "attribution": source}
        modified = self._modified(topic, [section["locale"]])
        schema = self._first((topic_id, version, section_id), responses.SectionResponseSchema)
        return encode(body, schema, modified, section["locale"])

    def _topic_list(self, negotiation: Negotiation) -> Representation:
        topics = []
        for topic_id in self.library:
            latest = self.latest(topic_id)
            meta = pick(self.rendition(topic_id, latest, META), negotiation)
            summary = {k: meta[k] for k in ("title", "locale", "direction", "fallback")}
            topics.append(
                {"id": topic_id, **summary, "latest_version": latest, "locales": self.served_locales(topic_id)}
            )
        body = {"requested_locale": negotiation.requested, "topics": topics}
        languages = dict.fromkeys(topic["locale"] for topic in topics)
        modified = max(self._modified(versions[-1], languages) for versions in self.library.values())
        return encode(body, responses.TopicListSchema, modified, ", ".join(languages))

    def served_locales(self, topic_id: str) -> list[str]:
        """Return the locales that serve every group of the topic's latest version without fallback."""
        latest = self.latest(topic_id)
        return [
            tag
            for tag in self.catalogs
            if all(counts_state(c) is UnitState.CURRENT for c in self.group_counts(topic_id, latest, tag).values())
        ]
