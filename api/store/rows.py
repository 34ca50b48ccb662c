"""Turn catalog PO bytes and review records into the store's rows, and rows back into a Catalog."""

import json
from datetime import date, datetime

from api.i18n.catalogs import Catalog, Review, read_strict_po

TRANSLATED, FUZZY, OBSOLETE = "translated", "fuzzy", "obsolete"


def topic_of(context: str) -> str:
    """Return the topic a unit's context belongs to (its first part: <topic>/<section>/<unit>)."""
    return context.partition("/")[0]


def catalog_rows(tag: str, raw: bytes, name: str = "<upload>") -> tuple[dict, int, datetime | None]:
    """Return ({(context, msgid): (text, state)}, fuzzy count, PO-Revision-Date) of PO bytes."""
    po = read_strict_po(tag, raw, name)  # what msgfmt --check refuses, by line: Babel's reader would cut it short
    rows, fuzzy = {}, 0
    for message in po.obsolete.values():
        if message.context and isinstance(message.id, str) and message.string:
            rows[message.context, message.id] = (message.string, OBSOLETE)
    for message in po:
        if message.id and message.context and isinstance(message.id, str) and message.string:
            fuzzy += bool(message.fuzzy)
            rows[message.context, message.id] = (message.string, FUZZY if message.fuzzy else TRANSLATED)
    revised = po.revision_date if isinstance(po.revision_date, datetime) else None
    return rows, fuzzy, revised


def catalog_from_rows(tag: str, review: Review, revision: str, rows, fuzzy: int, revised: str | None) -> Catalog:
    """Return the Catalog that parsing the revision's PO bytes gives, from its stored rows."""
    current, stale = {}, set()
    for context, msgid, text, state in rows:
        stale.add(context)
        if state == TRANSLATED:
            current[context, msgid] = text
    when = datetime.fromisoformat(revised) if revised else None
    return Catalog(tag, review, revision, current, frozenset(stale), fuzzy, when)


def review_json(review: Review) -> str:
    """Return a review record as JSON for its column."""
    day = review.reviewed_on.isoformat() if review.reviewed_on else None
    return json.dumps({"status": review.status, "reviewer": review.reviewer, "reviewed_on": day, "note": review.note,
                       "complete": [list(done) for done in review.complete], "method": review.method})  # fmt: skip


def review_from_json(raw: str) -> Review:
    """Return the review record stored as JSON."""
    data = json.loads(raw)
    day, complete = data.pop("reviewed_on"), data.pop("complete")
    return Review(**data, reviewed_on=date.fromisoformat(day) if day else None,
                  complete=tuple((topic, version) for topic, version in complete))  # fmt: skip
