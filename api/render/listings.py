"""The library's listings: the topics page by page and each topic's version history."""

import re
from urllib.parse import urlencode

from api.i18n.negotiate import Negotiation
from api.render.representation import Representation, encode
from api.schemas import responses

PAGE_LIMIT, MAX_PAGE_LIMIT = 100, 1000  # topics per page of /v1/topics: by default, and at most
MAX_CURSOR = 200  # characters of a page cursor: a topic id
TOPIC_ID = "[a-z0-9][a-z0-9-]{0,199}"  # what a topic id (a slug) looks like, as a cursor and in ?topics=
TOPIC_POSITION = re.compile(TOPIC_ID)


def page_cursor(topic_id: str) -> str:
    """Return the cursor of the page after this topic: the topic id itself (any id-like string is a position)."""
    return topic_id


def after_topic(cursor: str) -> str:
    """Return the topic a page cursor follows, or raise ValueError."""
    if not TOPIC_POSITION.fullmatch(cursor):
        raise ValueError("not a cursor this server handed out")
    return cursor


def topic_page(store, negotiation: Negotiation, after: str | None, limit: int | None) -> tuple[Representation, str]:
    """Return one page of the topic list (the topics after `after`, in id order) and the URL of the next, or None."""
    limit = limit or PAGE_LIMIT
    ids = store.reads.topic_ids(after, limit + 1)
    topics = [store.topic_summary(topic_id, negotiation) for topic_id in ids[:limit]]
    following = None
    if len(ids) > limit:
        query = {"locale": negotiation.requested, "limit": limit, "cursor": page_cursor(ids[limit - 1])}
        following = "/v1/topics?" + urlencode(query)
    body = {"requested_locale": negotiation.requested, "topics": topics, "next": following}
    languages = dict.fromkeys(topic["locale"] for topic in topics)
    latest = [store.latest_topic(t["id"]) for t in topics]
    modified = max((store._modified(t, languages) for t in latest), default=None)
    return encode(body, responses.TopicListSchema, modified, ", ".join(languages) or None), following


def version_list(store, topic_id: str) -> Representation:
    """Return a topic's published versions, oldest first (validated for the first topic: same structure)."""
    versions = [
        {"version": v.version, "published": v.published.isoformat(), "change_note": v.change_note,
         "content_hash": v.content_hash}
        for v in store.library[topic_id]
    ]  # fmt: skip
    body = {"topic": topic_id, "latest_version": store.latest(topic_id), "versions": versions}
    schema = responses.VersionListSchema if topic_id == store.reads.topic_ids(None, 1)[0] else None
    return encode(body, schema)  # no Last-Modified: two versions can be published on one day
