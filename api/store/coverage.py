"""How much of the library each locale serves, kept per (locale, topic) by every write, summed by one query.

Each import and publish recounts the rows of what it changed (a publish: the topics whose translations it
changed; an import of content: the topics it added, in every locale) inside its own transaction, by one
aggregate INSERT ... SELECT over the units of every topic's latest version. /v1/locales then sums at most
topics x locales small rows, in one query, instead of probing every unit of every locale.
"""

from sqlalchemy import Column, Integer, String, Table, and_, case, delete, exists, func, insert, literal, select
from sqlalchemy.engine import Connection

from api.store import schema as t
from api.store.rows import TRANSLATED

META, SOURCE = "meta", "en"  # the group of a topic's title and summary units; the source (every unit current)
MANY = 500  # changed topics past which a write recounts every topic of the locale
COUNTED = ("units", "current", "outdated", "groups", "whole", "sections", "sections_served")

coverage = Table(
    "coverage", t.metadata,
    Column("locale", String(40), primary_key=True),
    Column("topic_id", String(200), primary_key=True),
    *(Column(name, Integer, nullable=False) for name in COUNTED),  # of the topic's latest version, in the locale
)  # fmt: skip


def latest_units(topics):
    """Return the units of these topics' latest versions (every topic's for None), as a subquery."""
    newest = select(t.topics.c.topic_id, func.max(t.topics.c.version).label("version"))
    if topics is not None:
        newest = newest.where(t.topics.c.topic_id.in_(topics))
    newest = newest.group_by(t.topics.c.topic_id).subquery("newest")
    u = t.units.c
    joined = t.units.join(newest, and_(u.topic_id == newest.c.topic_id, u.version == newest.c.version))
    return select(u.topic_id, u.grp, u.context, u.english).select_from(joined).subquery("latest")


def per_topic(locale: str, topics):
    """Return the query of one locale's counts per topic (for these topics, or every one)."""
    units = latest_units(topics)
    if locale == SOURCE:
        current = entry = literal(1)
    else:
        tr = t.translations.c
        own = and_(tr.locale == locale, tr.context == units.c.context)
        current = case((exists().where(own, tr.msgid == units.c.english, tr.state == TRANSLATED), 1), else_=0)
        entry = case((exists().where(own), 1), else_=0)  # some entry: current, or else outdated
    unit = select(units.c.topic_id, units.c.grp, current.label("cur"), entry.label("entries")).subquery("unit")
    counts = (func.count().label("units"), func.sum(unit.c.cur).label("cur"), func.sum(unit.c.entries).label("entries"))
    group = select(unit.c.topic_id, unit.c.grp, *counts).group_by(unit.c.topic_id, unit.c.grp).subquery("grp")
    g = group.c
    whole, section = (g.cur == g.units), (g.grp != META)
    one = lambda condition: case((condition, 1), else_=0)  # noqa: E731
    return select(
        literal(locale), g.topic_id, func.sum(g.units), func.sum(g.cur), func.sum(g.entries - g.cur), func.count(),
        func.sum(one(whole)), func.sum(one(section)), func.sum(one(and_(section, whole))),
    ).group_by(g.topic_id)  # fmt: skip


def recount(connection: Connection, locales, topics=None) -> None:
    """Recount these locales' rows for these topics (every topic for None), in the caller's transaction."""
    c = coverage.c
    for locale in locales:
        gone = delete(coverage).where(c.locale == locale)
        connection.execute(gone if topics is None else gone.where(c.topic_id.in_(topics)))
        columns = ["locale", "topic_id", *COUNTED]
        connection.execute(insert(coverage).from_select(columns, per_topic(locale, topics)))


def recount_changed(connection: Connection, locales, topics) -> None:
    """Recount these locales (None: all) for the topics a write changed (None or more than MANY: every topic)."""
    if topics is None or topics:
        recount(connection, locales if locales is not None else counted_locales(connection),
                None if topics is None or len(topics) > MANY else sorted(topics))  # fmt: skip


def counted_locales(connection: Connection) -> list[str]:
    """Return the source and every locale with a catalog: those the coverage rows are kept for."""
    return [SOURCE, *(row[0] for row in connection.execute(select(t.catalogs.c.locale)))]


def summaries(connection: Connection) -> dict[str, dict]:
    """Return {locale: its completeness summary} from the coverage rows, in one query (the source as "en")."""
    c = coverage.c
    served = func.sum(case((c.whole == c.groups, 1), else_=0))
    query = select(c.locale, func.count(), served, *(func.sum(getattr(c, n)) for n in ("units", "current", "outdated",
                   "sections_served", "sections"))).group_by(c.locale)  # fmt: skip
    return {row[0]: summary(row[1:]) for row in connection.execute(query)}


def summary(row) -> dict:
    """Return a locale's completeness summary from its aggregate row."""
    topics, served, units, current, outdated, sections_served, sections = (int(v or 0) for v in row)
    return {"topics": topics, "topics_served": served, "units": units, "current": current, "outdated": outdated,
            "missing": units - current - outdated, "ratio": round(current / units, 4) if units else 1.0,
            "sections_served": sections_served, "sections": sections}  # fmt: skip
