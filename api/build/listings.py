"""The library's listings: each topic's version history, and every locale with its completeness."""

from api.build.localize import counts_state, review_body
from api.build.representation import Representation, encode
from api.i18n.catalogs import UnitState
from api.i18n.tags import describe
from api.schemas import responses


def version_list(store, topic_id: str) -> Representation:
    """Return a topic's published versions, oldest first (validated for the first topic: same structure)."""
    versions = [
        {"version": v.version, "published": v.published.isoformat(), "change_note": v.change_note,
         "content_hash": v.content_hash}
        for v in store.library[topic_id]
    ]  # fmt: skip
    body = {"topic": topic_id, "latest_version": store.latest(topic_id), "versions": versions}
    schema = responses.VersionListSchema if topic_id == next(iter(store.library)) else None
    return encode(body, schema)  # no Last-Modified: two versions can be published on one day


def completeness(store, tag: str, topic) -> dict:
    """Count a locale's current, outdated and missing units for one topic version."""
    by_group = store.group_counts(topic.topic, topic.version, tag)
    counts = {key: sum(c[key] for c in by_group.values()) for key in ("units", "current", "outdated", "missing")}
    return {
        "version": topic.version,
        **counts,
        "ratio": round(counts["current"] / counts["units"], 4),
        "sections_served": sum(counts_state(by_group[s.id]) is UnitState.CURRENT for s in topic.sections),
        "sections": len(topic.sections),
    }


def locale_list(store) -> dict:
    """Return every supported locale with names, direction, review and completeness per topic."""
    locales = []
    for tag, catalog in store.catalogs.items():
        info = describe(tag)
        locales.append(
            {
                "tag": tag,
                "english_name": info.english_name,
                "native_name": info.native_name,
                "direction": info.direction,
                "default": tag == store.default_locale,
                "review": review_body(catalog),
                "completeness": {t: completeness(store, tag, vs[-1]) for t, vs in store.library.items()},
            }
        )
    return {"default_locale": store.default_locale, "locales": locales}
