"""Topics: the library listing, one topic, one section, and a topic's version history."""

from functools import partial

from flask import Blueprint, request

from api.http.current import current_service
from api.http.negotiation import negotiate
from api.http.problems import Problem
from api.http.respond import send
from api.render.fragments import section_fragment, topic_fragment
from api.render.listings import MAX_PAGE_LIMIT, after_topic

bp = Blueprint("topics", __name__, url_prefix="/v1/topics")


def find_version(store, topic_id: str, raw: str | None) -> int:
    """Return the requested (raw) or latest version of a known topic, or raise a problem."""
    if topic_id not in store.library:
        raise Problem(404, "unknown-topic", f"There is no topic {topic_id!r}. GET /v1/topics lists them.")
    latest = store.latest(topic_id)
    if raw is None:
        return latest
    digits = raw.lstrip("0") if raw.isascii() and raw.isdigit() else ""
    if not digits:
        raise Problem(400, "invalid-parameter", "version must be a positive integer, like 1.")
    if len(digits) > 9 or int(digits) > latest:
        raise Problem(404, "unknown-version", f"Topic {topic_id!r} has versions 1 to {latest}, not {digits}.")
    return int(digits)


def find_section(store, topic_id: str, section_id: str, raw_version: str | None) -> int:
    """Return the version to serve of a known section, or raise a problem."""
    version = find_version(store, topic_id, raw_version)
    if store.library[topic_id][version - 1].section(section_id) is None:
        raise Problem(404, "unknown-section", f"Topic {topic_id!r} version {version} has no section {section_id!r}.")
    return version


def heading_level(req) -> tuple[int, tuple]:
    """Return a fragment's ?heading-level= (1 to 5, default 2) and the options to name it in Content-Location."""
    raw = req.args.get("heading-level")
    if raw is None:
        return 2, ()
    if raw not in {"1", "2", "3", "4", "5"}:
        raise Problem(400, "invalid-parameter", "heading-level must be 1, 2, 3, 4 or 5: the level of the top heading.")
    return int(raw), (("heading-level", raw),)


def page_args(req) -> tuple[str | None, int | None, tuple]:
    """Return a topic page's ?cursor= (the topic it follows), ?limit= and the options that name it, or raise."""
    raw_limit, raw_cursor, options = req.args.get("limit"), req.args.get("cursor"), []
    if raw_limit is not None:
        if not (raw_limit.isascii() and raw_limit.isdigit() and 1 <= int(raw_limit) <= MAX_PAGE_LIMIT):
            raise Problem(400, "invalid-parameter", f"limit must be an integer from 1 to {MAX_PAGE_LIMIT}.")
        options.append(("limit", str(int(raw_limit))))
    after = None
    if raw_cursor is not None:
        try:
            after = after_topic(raw_cursor)
        except ValueError:
            raise Problem(400, "invalid-parameter", "cursor must be a page's cursor, as in its next link.") from None
        options.append(("cursor", raw_cursor))
    return after, int(raw_limit) if raw_limit else None, tuple(options)


@bp.get("")
def list_topics():
    """List topics, a page at a time, with their localized title, latest version and fully served locales."""
    service, req = current_service(), request._get_current_object()
    after, limit, options = page_args(req)
    negotiation = negotiate(service.negotiator, req)
    representation, following = service.store.topic_page(negotiation, after, limit)
    extra = (("Link", f'<{following}>; rel="next"'),) if following else ()
    return send(req, representation, negotiation=negotiation, extra=extra, options=options)


@bp.get("/<topic_id>")
def get_topic(topic_id):
    """Return a topic's metadata and all of its sections."""
    service, req = current_service(), request._get_current_object()
    version = find_version(service.store, topic_id, req.args.get("version"))
    negotiation = negotiate(service.negotiator, req)
    representation = service.store.topic(topic_id, version, negotiation)
    return send(req, representation, negotiation=negotiation, version=version)


def send_section(topic_id: str, section_id: str, build, extra: tuple = (), options: tuple = ()):
    """Send one section's representation from build(store, topic, version, section, negotiation)."""
    service, req = current_service(), request._get_current_object()
    version = find_section(service.store, topic_id, section_id, req.args.get("version"))
    negotiation = negotiate(service.negotiator, req)
    representation = build(service.store, topic_id, version, section_id, negotiation)
    return send(req, representation, negotiation=negotiation, version=version, extra=extra, options=options)


def section_json(store, topic_id: str, version: int, section_id: str, negotiation):
    """Return a section's JSON representation."""
    return store.section(topic_id, version, section_id, negotiation)


@bp.get("/<topic_id>/sections/<section_id>")
def get_section(topic_id, section_id):
    """Return one section of a topic, whole, in one locale."""
    return send_section(topic_id, section_id, section_json)


@bp.get("/<topic_id>/versions")
def list_versions(topic_id):
    """List a topic's published versions with date, change note and content hash."""
    store, req = current_service().store, request._get_current_object()
    find_version(store, topic_id, None)
    return send(req, store.versions(topic_id))


@bp.get("/<topic_id>/fragment")
def get_topic_fragment(topic_id):
    """Return a topic as a sanitized HTML fragment, negotiated like its JSON."""
    service, req = current_service(), request._get_current_object()
    version = find_version(service.store, topic_id, req.args.get("version"))
    level, options = heading_level(req)
    negotiation = negotiate(service.negotiator, req)
    representation = topic_fragment(service.store, topic_id, version, negotiation, level)
    return send(req, representation, negotiation=negotiation, version=version, options=options)


@bp.get("/<topic_id>/sections/<section_id>/fragment")
def get_section_fragment(topic_id, section_id):
    """Return one section as a sanitized HTML fragment with lang, dir, its notices and its attribution."""
    level, options = heading_level(request)
    return send_section(topic_id, section_id, partial(section_fragment, heading_level=level), options=options)
