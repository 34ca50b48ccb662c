"""Topics: the library listing, one topic, one section, and a topic's version history."""

from flask import Blueprint, current_app, request

from api.http.negotiation import negotiate
from api.http.problems import Problem
from api.http.respond import send

bp = Blueprint("topics", __name__, url_prefix="/v1/topics")


def store():
    """Return the prebuilt store."""
    return current_app.extensions["service"].store


def find_version(topic_id: str) -> int:
    """Return the requested or latest version of a known topic, or raise a problem."""
    if topic_id not in store().library:
        raise Problem(404, "unknown-topic", f"There is no topic {topic_id!r}. GET /v1/topics lists them.")
    latest = store().latest(topic_id)
    raw = request.args.get("version")
    if raw is None:
        return latest
    digits = raw.lstrip("0") if raw.isascii() and raw.isdigit() else ""
    if not digits:
        raise Problem(400, "invalid-parameter", "version must be a positive integer, like 1.")
    if len(digits) > 9 or int(digits) > latest:
        raise Problem(404, "unknown-version", f"Topic {topic_id!r} has versions 1 to {latest}, not {digits}.")
    return int(digits)


@bp.get("")
def list_topics():
    """List every topic with its localized title, latest version and fully served locales."""
    negotiation = negotiate()
    return send(store().topic_list(negotiation), locale=negotiation.requested)


@bp.get("/<topic_id>")
def get_topic(topic_id):
    """Return a topic's metadata and all of its sections."""
    version = find_version(topic_id)
    negotiation = negotiate()
    return send(store().topic(topic_id, version, negotiation), locale=negotiation.requested, version=version)


@bp.get("/<topic_id>/sections/<section_id>")
def get_section(topic_id, section_id):
    """Return one section of a topic, whole, in one locale."""
    version = find_version(topic_id)
    if store().library[topic_id][version - 1].section(section_id) is None:
        raise Problem(404, "unknown-section", f"Topic {topic_id!r} version {version} has no section {section_id!r}.")
    negotiation = negotiate()
    representation = store().section(topic_id, version, section_id, negotiation)
    return send(representation, locale=negotiation.requested, version=version)


@bp.get("/<topic_id>/versions")
def list_versions(topic_id):
    """List a topic's published versions with date, change note and content hash."""
    find_version(topic_id)
    return send(store().versions[topic_id])
