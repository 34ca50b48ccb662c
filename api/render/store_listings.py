"""The Store's listings: the topic list's entries, every locale's summary, every catalog's summary, per topic."""

from functools import cached_property

from api.content.walk import META
from api.i18n.catalogs import UnitState
from api.i18n.negotiate import Negotiation
from api.i18n.tags import describe
from api.render.coverage import topic_completeness
from api.render.localize import counts_state, pick, review_body
from api.render.representation import Representation, encode
from api.schemas import locales as schemas


class Listings:
    """What a Store lists; each locale's completeness comes from one aggregate read of the store (coverage)."""

    @cached_property
    def locales(self) -> Representation:
        """Return every locale with names, direction, review and its completeness summary (built once)."""
        locales = [
            {"tag": tag, **self.names(tag), "default": tag == self.default_locale, "review": review_body(catalog),
             "completeness": self.coverage(tag)}
            for tag, catalog in self.catalogs.items()
        ]  # fmt: skip
        return encode({"default_locale": self.default_locale, "locales": locales}, schemas.LocaleListSchema)

    @cached_property
    def catalog_list(self) -> Representation:
        """Return every catalog with its revision, review, fuzzy count and completeness summary (built once)."""
        catalogs = [
            {"locale": tag, "revision": meta.revision, "review": review_body(meta), "fuzzy": meta.fuzzy,
             "completeness": self.coverage(tag)}
            for tag, meta in self.catalogs.items()
            if meta is not None
        ]  # fmt: skip
        return encode({"catalogs": catalogs}, schemas.CatalogListSchema)

    def topic_locales(self, topic_id: str) -> Representation:
        """Return one topic's completeness in every locale (its latest version)."""
        return encode(topic_completeness(self, topic_id), schemas.TopicCompletenessSchema)

    @staticmethod
    def names(tag: str) -> dict:
        """Return a locale's English and native names and its direction."""
        info = describe(tag)
        return {"english_name": info.english_name, "native_name": info.native_name, "direction": info.direction}

    def topic_list(self, negotiation: Negotiation) -> Representation:
        """Return the first page of the topic list."""
        return self.topic_page(negotiation, None, None)[0]

    def topic_summary(self, topic_id: str, negotiation: Negotiation) -> dict:
        """Return one topic's entry in the topic list: its localized title, latest version and served locales."""
        latest = self.latest(topic_id)
        meta = pick(self.renditions(topic_id, latest, META, negotiation), negotiation)
        summary = {k: meta[k] for k in ("title", "locale", "direction", "fallback")}
        return {"id": topic_id, **summary, "latest_version": latest, "locales": self.served_locales(topic_id)}

    def served_locales(self, topic_id: str) -> list[str]:
        """Return the locales that serve every group of the topic's latest version without fallback."""
        latest = self.latest(topic_id)
        return [
            tag
            for tag in self.catalogs
            if all(counts_state(c) is UnitState.CURRENT for c in self.group_counts(topic_id, latest, tag).values())
        ]
