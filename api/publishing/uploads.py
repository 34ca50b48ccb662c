"""Look at an uploaded catalog before it is published: its checks, and what it would change."""

from functools import lru_cache

from api.i18n.catalogs import Catalog, parse_catalog
from api.i18n.checks import check_catalog, required_units, template_of
from api.i18n.findings import Report
from api.render.localize import group_state
from api.render.store import Store


def section_changes(store: Store, old: Catalog, new: Catalog) -> list[dict]:
    """Return the unit groups of each topic's latest version whose served state would change."""
    changed = []
    for topic_id, versions in store.library.items():
        latest = versions[-1]
        for group, units in store.units(topic_id, latest.version).items():
            before, after = group_state(old, units), group_state(new, units)
            if before != after:
                changed.append({"topic": topic_id, "version": latest.version, "section": group,
                                "before": before.value, "after": after.value})  # fmt: skip
    return changed


def unit_changes(old: Catalog, new: Catalog) -> dict:
    """Return the msgctxts of translations added, changed and removed."""
    added = sorted(c for c, e in new.current.keys() - old.current.keys())
    removed = sorted(c for c, e in old.current.keys() - new.current.keys())
    changed = sorted(c for c, e in new.current.keys() & old.current.keys() if new.current[c, e] != old.current[c, e])
    return {"added": added, "changed": changed, "removed": removed}


@lru_cache(maxsize=16)
def library_units(store: Store, complete: tuple[tuple[str, int], ...]) -> tuple[dict, set]:
    """Return the template, and the units of the topic versions a locale marks complete, walked once per store."""
    return template_of(store.library), required_units(store.library, complete)


def inspect_upload(store: Store, locale: str, raw: bytes, name: str) -> tuple[Report, Catalog | None, dict]:
    """Check an upload against the library; when it passes, also parse it and say what it changes."""
    current = store.full_catalog(locale)
    template, required = library_units(store, current.review.complete)
    report = check_catalog(raw, locale, name, template, required)
    if report.errors:
        return report, None, {}
    catalog = parse_catalog(locale, raw, current.review, name)  # parses: check_catalog just did
    units = unit_changes(current, catalog)
    counts = {kind: len(contexts) for kind, contexts in units.items()}
    return report, catalog, {"units": units, "counts": counts, "sections": section_changes(store, current, catalog)}
