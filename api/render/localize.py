"""Render every unit group (topic metadata, each section) in every locale, and pick one per chain."""

from dataclasses import dataclass

from api.content.model import TopicVersion
from api.content.walk import META, iter_units, render_meta, render_section
from api.i18n.catalogs import SOURCE_REVIEW, Catalog, UnitState
from api.i18n.negotiate import Negotiation
from api.i18n.tags import describe

SOURCE_LOCALE = "en"  # the language content/ is written in: every chain can end there


@dataclass(frozen=True)
class Rendition:
    """One unit group rendered in one locale, and whether that locale has it whole and current."""

    locale: str
    counts: dict  # {"units", "current", "outdated", "missing"} of this group in this locale
    body: dict

    @property
    def state(self) -> UnitState:
        """Return whether this locale has the group whole and current."""
        return counts_state(self.counts)


def counts_state(counts: dict) -> UnitState:
    """Return CURRENT if every unit is current; else OUTDATED if any is outdated; else MISSING."""
    if counts["current"] == counts["units"]:
        return UnitState.CURRENT
    return UnitState.OUTDATED if counts["outdated"] else UnitState.MISSING


def unit_counts(catalog: Catalog | None, units) -> dict:
    """Count a group's units by state in one catalog (the source has every unit current)."""
    states = [catalog.state(u.context, u.text) if catalog else UnitState.CURRENT for u in units]
    return {"units": len(states), **{state.value: states.count(state) for state in UnitState}}


def group_state(catalog: Catalog | None, units) -> UnitState:
    """Return the state of a group of units in one catalog."""
    return counts_state(unit_counts(catalog, units))


def review_body(catalog: Catalog | None) -> dict:
    """Return the review record clients see for a served locale (the source has none to do)."""
    review = catalog.review if catalog else SOURCE_REVIEW
    reviewed_on = review.reviewed_on.isoformat() if review.reviewed_on else None
    return {"status": review.status, "reviewer": review.reviewer, "reviewed_on": reviewed_on, "note": review.note,
            "method": review.method}  # fmt: skip


def group_units(topic: TopicVersion) -> dict[str, list]:
    """Return the topic version's units by group: the metadata, then each section."""
    groups: dict[str, list] = {META: [], **{section.id: [] for section in topic.sections}}
    for unit in iter_units(topic):
        groups[unit.group].append(unit)
    return groups


def render_group(topic: TopicVersion, group: str, units: list, catalogs: dict[str, Catalog | None]) -> dict:
    """Return {locale: Rendition} of one group (META or a section id) in every given catalog's locale."""
    section = None if group == META else topic.section(group)
    renditions = {}
    for tag, catalog in catalogs.items():

        def translate(context, english, comment, catalog=catalog):
            return catalog.translate(context, english) if catalog else english

        stamp = {"locale": tag, "direction": describe(tag).direction, "review": review_body(catalog)}
        if section is None:
            body = {**stamp, **render_meta(topic, translate)}
        else:
            body = {"id": section.id, **stamp, **render_section(topic, section, translate)}
        renditions[tag] = Rendition(tag, unit_counts(catalog, units), body)
    return renditions


def pick(renditions: dict[str, Rendition], negotiation: Negotiation) -> dict:
    """Return the body served for this chain: the first whole, current locale, fallback stated."""
    first = renditions[negotiation.chain[0]]
    chain = (*negotiation.chain, SOURCE_LOCALE)
    served = next(r for tag in chain if (r := renditions[tag]).state is UnitState.CURRENT)
    if negotiation.unsupported:
        fallback = {"from": negotiation.requested, "reason": "unsupported"}
    elif served is not first:
        fallback = {"from": first.locale, "reason": first.state.value}
    else:
        fallback = None
    return {**served.body, "fallback": fallback, "wanted": {"locale": first.locale, **first.counts}}
