"""Build every localized representation once, as bytes with a strong ETag, and hand them out."""

from datetime import datetime
from functools import lru_cache

from api import payloads
from api.content.model import TopicVersion
from api.content.walk import META, iter_units
from api.i18n.catalogs import Catalog, UnitState
from api.i18n.negotiate import Negotiation
from api.i18n.tags import describe
from api.localize import SOURCE_LOCALE, pick, render_all, review_body, unit_counts
from api.representation import Representation, day_start, encode


class Store:
    """Hold the content library rendered in every supported locale."""

    def __init__(self, library, catalogs: dict[str, Catalog], default_locale: str, renditions: dict | None = None):
        self.library: dict[str, list[TopicVersion]] = library
        self.default_locale = default_locale
        self.catalogs: dict[str, Catalog | None] = {SOURCE_LOCALE: None, **catalogs}
        self.renditions = renditions or self._render(self.catalogs)
        self._validated: set[tuple] = set()
        cache = lru_cache(maxsize=16384)
        self.topic, self.section, self.topic_list = cache(self._topic), cache(self._section), cache(self._topic_list)
        self.versions = {topic_id: self._versions(topic_id) for topic_id in library}
        latest = [versions[-1] for versions in library.values()]
        self.locales = encode(
            self._locales_body(), payloads.LocaleListSchema, max(self._modified(t, self.catalogs) for t in latest)
        )

    def _render(self, catalogs: dict[str, Catalog | None]) -> dict:
        return {(t, v.version): render_all(v, catalogs) for t, versions in self.library.items() for v in versions}

    def with_catalog(self, catalog: Catalog) -> "Store":
        """Return a new store in which only this catalog's locale is rendered again."""
        fresh = self._render({catalog.tag: catalog})
        renditions = {
            key: {group: {**by_locale, **fresh[key][group]} for group, by_locale in groups.items()}
            for key, groups in self.renditions.items()
        }
        catalogs = {tag: c for tag, c in self.catalogs.items() if c is not None} | {catalog.tag: catalog}
        return Store(self.library, catalogs, self.default_locale, renditions)

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

    def warm(self, negotiations) -> None:
        """Build, validate and cache every representation for these negotiations now."""
        for negotiation in negotiations:
            self.topic_list(negotiation)
            for topic_id, version in self.renditions:
                self.topic(topic_id, version, negotiation)
                for section in self.library[topic_id][version - 1].sections:
                    self.section(topic_id, version, section.id, negotiation)

    def _envelope(self, topic_id: str, version: int, negotiation: Negotiation) -> dict:
        return {
            "topic": topic_id,
            "version": version,
            "requested_locale": negotiation.requested,
        }

    def topic_body(self, topic_id: str, version: int, negotiation: Negotiation) -> dict:
        """Return a topic version's body for this negotiation (not yet encoded)."""
        topic = self.library[topic_id][version - 1]
        groups = self.renditions[(topic_id, version)]
        sections = [pick(groups[s.id], negotiation) for s in topic.sections]
        meta = pick(groups[META], negotiation)
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
        schema = self._first((topic_id, version), payloads.TopicResponseSchema)
        return encode(body, schema, self._modified(topic, languages), ", ".join(languages))

    def _section(self, topic_id: str, version: int, section_id: str, negotiation: Negotiation) -> Representation:
        section = pick(self.renditions[(topic_id, version)][section_id], negotiation)
        attribution = self.library[topic_id][version - 1].attribution
        source = {k: getattr(attribution, k) for k in ("author", "publisher", "source_site", "source_url")}
        body = {**self._envelope(topic_id, version, negotiation), **section, "attribution": source}
        topic = self.library[topic_id][version - 1]
        modified = self._modified(topic, [section["locale"]])
        schema = self._first((topic_id, version, section_id), payloads.SectionResponseSchema)
        return encode(body, schema, modified, section["locale"])

    def _topic_list(self, negotiation: Negotiation) -> Representation:
        topics = []
        for topic_id in self.library:
            latest = self.latest(topic_id)
            meta = pick(self.renditions[(topic_id, latest)][META], negotiation)
            summary = {k: meta[k] for k in ("title", "locale", "direction", "fallback")}
            topics.append(
                {"id": topic_id, **summary, "latest_version": latest, "locales": self.served_locales(topic_id)}
            )
        body = {"requested_locale": negotiation.requested, "topics": topics}
        languages = dict.fromkeys(topic["locale"] for topic in topics)
        modified = max(self._modified(versions[-1], languages) for versions in self.library.values())
        return encode(body, payloads.TopicListSchema, modified, ", ".join(languages))

    def served_locales(self, topic_id: str) -> list[str]:
        """Return the locales that serve every group of the topic's latest version without fallback."""
        groups = self.renditions[(topic_id, self.latest(topic_id))]
        return [tag for tag in self.catalogs if all(g[tag].state is UnitState.CURRENT for g in groups.values())]

    def _versions(self, topic_id: str) -> Representation:
        versions = [
            {
                "version": v.version,
                "published": v.published.isoformat(),
                "change_note": v.change_note,
                "content_hash": v.content_hash,
            }
            for v in self.library[topic_id]
        ]
        body = {"topic": topic_id, "latest_version": self.latest(topic_id), "versions": versions}
        return encode(body, payloads.VersionListSchema, day_start(self.library[topic_id][-1].published))

    def completeness(self, tag: str, topic: TopicVersion) -> dict:
        """Count a locale's current, outdated and missing units for one topic version."""
        counts = unit_counts(self.catalogs[tag], iter_units(topic))
        groups = self.renditions[(topic.topic, topic.version)]
        return {
            "version": topic.version,
            **counts,
            "ratio": round(counts["current"] / counts["units"], 4),
            "sections_served": sum(groups[s.id][tag].state is UnitState.CURRENT for s in topic.sections),
            "sections": len(topic.sections),
        }

    def _locales_body(self) -> dict:
        locales = []
        for tag, catalog in self.catalogs.items():
            info = describe(tag)
            locales.append(
                {
                    "tag": tag,
                    "english_name": info.english_name,
                    "native_name": info.native_name,
                    "direction": info.direction,
                    "default": tag == self.default_locale,
                    "review": review_body(catalog),
                    "completeness": {t: self.completeness(tag, vs[-1]) for t, vs in self.library.items()},
                }
            )
        return {"default_locale": self.default_locale, "locales": locales}
