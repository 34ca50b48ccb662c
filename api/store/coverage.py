"""How much of the library a locale serves, counted by aggregate queries over the store's index (no topic parsed).

One query per locale walks the units of every topic's latest version once, with an index probe of the
locale's translations for each: the database does the work, and the result is a handful of numbers.
"""

from sqlalchemy import and_, case, exists, func, literal, select

from api.store import schema as t
from api.store.rows import TRANSLATED

META = "meta"  # the group of a topic's title and summary units (api.content.walk.META)


def latest_units():
    """Return the units of every topic's latest version (a subquery)."""
    newest = select(t.topics.c.topic_id, func.max(t.topics.c.version).label("version"))
    newest = newest.group_by(t.topics.c.topic_id).subquery("newest")
    u = t.units.c
    joined = t.units.join(newest, and_(u.topic_id == newest.c.topic_id, u.version == newest.c.version))
    return select(u.topic_id, u.grp, u.context, u.english).select_from(joined).subquery("latest")


def coverage_query(locale: str | None):
    """Return the query of one locale's summary (None: the source, whose every unit is current)."""
    units = latest_units()
    if locale is None:
        current = entry = literal(1)
    else:
        tr = t.translations.c
        own = and_(tr.locale == locale, tr.context == units.c.context)
        current = case((exists().where(own, tr.msgid == units.c.english, tr.state == TRANSLATED), 1), else_=0)
        entry = case((exists().where(own), 1), else_=0)  # some entry: current, or else outdated
    per_unit = select(units.c.topic_id, units.c.grp, current.label("cur"), entry.label("any")).subquery("unit")
    per_group = select(
        per_unit.c.topic_id, per_unit.c.grp, func.count().label("units"), func.sum(per_unit.c.cur).label("cur"),
        func.sum(per_unit.c.any).label("any"),
    ).group_by(per_unit.c.topic_id, per_unit.c.grp).subquery("grp")  # fmt: skip
    whole = case((per_group.c.cur == per_group.c.units, 1), else_=0)
    section = case((per_group.c.grp != META, 1), else_=0)
    per_topic = select(
        func.sum(per_group.c.units).label("units"), func.sum(per_group.c.cur).label("cur"),
        func.sum(per_group.c.any - per_group.c.cur).label("outdated"), func.count().label("groups"),
        func.sum(whole).label("whole"), func.sum(section).label("sections"),
        func.sum(case((and_(per_group.c.grp != META, per_group.c.cur == per_group.c.units), 1), else_=0))
        .label("sections_served"),
    ).group_by(per_group.c.topic_id).subquery("topic")  # fmt: skip
    p = per_topic.c
    served = case((p.whole == p.groups, 1), else_=0)
    return select(
        func.count(), func.coalesce(func.sum(served), 0), func.coalesce(func.sum(p.units), 0),
        func.coalesce(func.sum(p.cur), 0), func.coalesce(func.sum(p.outdated), 0),
        func.coalesce(func.sum(p.sections_served), 0), func.coalesce(func.sum(p.sections), 0),
    )  # fmt: skip


def summary(row) -> dict:
    """Return a locale's completeness summary from its aggregate row."""
    topics, served, units, current, outdated, sections_served, sections = (int(v) for v in row)
    return {"topics": topics, "topics_served": served, "units": units, "current": current, "outdated": outdated,
            "missing": units - current - outdated, "ratio": round(current / units, 4) if units else 1.0,
            "sections_served": sections_served, "sections": sections}  # fmt: skip
