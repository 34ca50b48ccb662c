"""A locale's completeness summary and one topic's completeness per locale, for the locale and catalog lists."""

from api.i18n.catalogs import UnitState
from api.render.localize import SOURCE_LOCALE, counts_state, group_units, unit_counts
from api.store.coverage import summary

COUNTS = ("units", "current", "outdated", "missing")


def completeness(store, tag: str, topic) -> dict:
    """Count a locale's current, outdated and missing units for one topic version."""
    by_group = store.group_counts(topic.topic, topic.version, tag)
    counts = {key: sum(c[key] for c in by_group.values()) for key in COUNTS}
    return {
        "version": topic.version,
        **counts,
        "ratio": round(counts["current"] / counts["units"], 4),
        "sections_served": sum(counts_state(by_group[s.id]) is UnitState.CURRENT for s in topic.sections),
        "sections": len(topic.sections),
    }


def tally(per_topic) -> dict:
    """Return the summary of (topic version, {group: counts}) pairs: the same numbers as the store's query."""
    row = [0] * 7  # topics, served, units, current, outdated, sections served, sections
    for topic, by_group in per_topic:
        whole = [counts_state(by_group[g]) is UnitState.CURRENT for g in by_group]
        row[0] += 1
        row[1] += all(whole)
        for i, key in enumerate(("units", "current", "outdated"), start=2):
            row[i] += sum(c[key] for c in by_group.values())
        row[5] += sum(counts_state(by_group[s.id]) is UnitState.CURRENT for s in topic.sections)
        row[6] += len(topic.sections)
    return summary(row)


def walked(library: dict, translations, locale: str | None) -> dict:
    """Return a locale's summary by walking every topic's latest version (the in-memory reads of small libraries)."""
    per_topic = []
    for versions in library.values():
        catalog = None if locale is None else translations(locale, versions[-1].topic)
        groups = group_units(versions[-1]).items()
        per_topic.append((versions[-1], {group: unit_counts(catalog, units) for group, units in groups}))
    return tally(per_topic)


def topic_completeness(store, topic_id: str) -> dict:
    """Return one topic's latest version's completeness in every supported locale."""
    latest = store.latest_topic(topic_id)
    locales = {tag: completeness(store, tag, latest) for tag in store.catalogs}
    return {"topic": topic_id, "version": latest.version, "completeness": locales}


def source_tag(tag: str) -> str | None:
    """Return the tag a coverage read takes: None for the source, which has no catalog."""
    return None if tag == SOURCE_LOCALE else tag
